import GameCore

/// Effects in words for delegations ("your quantum budget +5 %", "world tension −3") instead of
/// the expression they were written in. Anything but a plain number falls back to the expression.
public enum EffectText {
    /// Every effect of a list in words, joined with "; ".
    public static func describe(_ effects: [Effect], scenario: Scenario, viewer: Int?) -> String {
        effects.map { describe($0, scenario: scenario, viewer: viewer) }.joined(separator: "; ")
    }

    static func describe(_ effect: Effect, scenario: Scenario, viewer: Int?) -> String {
        guard case .number(let x) = effect.value, x.isFinite else { return effect.source }
        switch effect.target {
        case .bloc(let ref, let field):
            let who = owner(ref, scenario: scenario, viewer: viewer)
            if case .standard = field { return effect.source }
            let (name, scale, unit) = label(field, scenario: scenario)
            return "\(who) \(name) \(change(effect.op, x, scale: scale, unit: unit))"
        case .world(let w):
            let name: String
            switch w {
            case .tension: name = "world tension"
            case .crqcLogicalQubits: name = "logical qubits a CRQC needs"
            case .governance: name = "governance"
            case .fragmentation: name = "fragmentation"
            case .crqcCount, .year: return effect.source
            }
            return "\(name) \(change(effect.op, x, scale: 1, unit: ""))"
        case .trust(let a, let b):
            return "trust between \(party(a, scenario: scenario, viewer: viewer)) and \(party(b, scenario: scenario, viewer: viewer)) \(change(effect.op, x, scale: 1, unit: ""))"
        case .turn:
            return effect.source
        }
    }

    private static func owner(_ ref: BlocRef, scenario: Scenario, viewer: Int?) -> String {
        switch ref {
        case .current: return "your"
        case .bloc(let b): return b == viewer ? "your" : (scenario.blocs.indices.contains(b) ? scenario.blocs[b].id : "?")
        case .all: return "every bloc's"
        }
    }

    private static func party(_ ref: BlocRef, scenario: Scenario, viewer: Int?) -> String {
        switch ref {
        case .current: return "you"
        case .bloc(let b): return b == viewer ? "you" : (scenario.blocs.indices.contains(b) ? scenario.blocs[b].id : "?")
        case .all: return "every bloc"
        }
    }

    /// A field's name, the factor that turns its value into what is shown, and the unit shown.
    private static func label(_ field: BlocField, scenario: Scenario) -> (String, Double, String) {
        switch field {
        case .gdp: return ("GDP", 1, " tn")
        case .budget: return ("quantum budget", 1, " bn")
        case .capital: return ("political capital", 1, "")
        case .support: return ("domestic support", 1, "")
        case .computing: return ("logical qubits", 1, "")
        case .sensing: return ("sensing", 1, "")
        case .qkdKm: return ("QKD network", 1, " km")
        case .workforce: return ("specialists", 1, " thousand")
        case .sigint: return ("SIGINT", 1, "")
        case .counterintel: return ("counter-intelligence", 1, "")
        case .standard: return ("standard family", 1, "")
        case .pqc(let s): return ("\(scenario.sectors.indices.contains(s) ? scenario.sectors[s].name : "sector") migration", 100, " pts")
        case .supply(let c): return ("share of world \(scenario.chokepoints.indices.contains(c) ? scenario.chokepoints[c].name : "supply")", 100, " pts")
        case .security: return ("security", 1, "")
        case .prosperity: return ("prosperity", 1, "")
        case .influence: return ("influence", 1, "")
        case .stability: return ("stability", 1, "")
        case .score: return ("score", 1, "")
        case .crqc: return ("CRQC", 1, "")
        case .exposure: return ("exposure", 1, "")
        }
    }

    private static func change(_ op: AssignOp, _ x: Double, scale: Double, unit: String) -> String {
        switch op {
        case .add: return signed(x * scale) + unit
        case .subtract: return signed(-x * scale) + unit
        case .multiply: return signed((x - 1) * 100) + " %"
        case .set: return "set to " + Widgets.number(x * scale) + unit
        }
    }

    private static func signed(_ v: Double) -> String {
        // A change that rounds to nothing reads "≈0", never "−0".
        let a = Widgets.number(abs(v))
        return a == "0" ? "≈0" : (v < 0 ? "−" : "+") + a
    }
}
