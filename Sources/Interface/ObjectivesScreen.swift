// The objectives screen: each objective's live progress against its threshold, the mandates'
// deadlines, warnings before either is missed, and the secret brief and scenario briefing to re-read.
import GameCore
import Strategy

/// Objectives and mandates put into words for the screens, from `Game.objectiveProgress`.
enum ObjectiveText {
    /// Support lost when a mandate's deadline passes with the sector under 95 % migrated (PhasePolitics).
    static let mandateMissPenalty = 3
    /// Share of a sector that counts as quantum-safe at a mandate's deadline (PhasePolitics).
    static let mandateSafeShare = 0.95

    /// A plain name for what a value reads ("QKD km", "government systems migrated", "CN logical qubits").
    static func subject(_ e: Expr, _ s: Scenario, viewer: Int) -> String {
        switch e {
        case .ref(.bloc(let b, let f)):
            let owner: String
            switch b {
            case .current: owner = ""
            case .bloc(let i) where i == viewer: owner = ""
            case .bloc(let i): owner = (s.blocs.indices.contains(i) ? s.blocs[i].id : "?") + " "
            case .all: owner = "every bloc's "
            }
            return owner + field(f, s)
        case .ref(.world(let w)): return "world " + w.rawValue
        case .ref(.trust(let a, let b)):
            func name(_ r: BlocRef) -> String {
                switch r {
                case .current: return "you"
                case .bloc(let i): return i == viewer ? "you" : (s.blocs.indices.contains(i) ? s.blocs[i].id : "?")
                case .all: return "all"
                }
            }
            let other = (name(a) == "you") ? name(b) : name(a)
            return "trust with \(other)"
        case .ref(.turn): return "turn"
        default: return "value"
        }
    }

    static func field(_ f: BlocField, _ s: Scenario) -> String {
        switch f {
        case .gdp: return "GDP"
        case .budget: return "budget"
        case .capital: return "capital"
        case .support: return "support"
        case .computing: return "logical qubits"
        case .sensing: return "sensing"
        case .qkdKm: return "QKD km"
        case .workforce: return "workforce"
        case .sigint: return "SIGINT"
        case .counterintel: return "counter-intelligence"
        case .standard: return "standard family"
        case .pqc(let k): return (s.sectors.indices.contains(k) ? s.sectors[k].name : "sector") + " migrated"
        case .supply(let c): return (s.chokepoints.indices.contains(c) ? s.chokepoints[c].name : "component") + " world share"
        case .security: return "security"
        case .prosperity: return "prosperity"
        case .influence: return "influence"
        case .stability: return "stability"
        case .score: return "score"
        case .crqc: return "CRQC"
        case .exposure: return "exposure"
        }
    }

    /// Whether a value reads as a share shown in percent (migration, world supply share).
    static func isShare(_ e: Expr) -> Bool {
        if case .ref(.bloc(_, let f)) = e {
            switch f { case .pqc, .supply: return true; default: return false }
        }
        return false
    }

    static func format(_ x: Double, share: Bool) -> String {
        share ? Widgets.int(x * 100) : Widgets.number(x)
    }

    /// One term in words: "QKD km 3346/4000", "government systems migrated 41/78 %", "CRQC: no (needed: yes)".
    static func term(_ t: ObjectiveTerm, _ s: Scenario, viewer: Int) -> String {
        let name = subject(t.subject, s, viewer: viewer)
        guard let op = t.op else {
            let wanted = t.negated ? "no" : "yes"
            let now = t.value.map { $0 != 0 ? "yes" : "no" } ?? "hidden"
            return "\(name): \(now) (needed: \(wanted))"
        }
        if case .family(let f) = rhsFamily(t) {
            let now = t.value.map { v in StandardFamily.allCases.first { $0.code == v }?.rawValue ?? "?" } ?? "hidden"
            return "\(name): \(now) (needed: \(f.rawValue))"
        }
        let share = isShare(t.subject)
        let value = t.value.map { format($0, share: share) } ?? "hidden"
        let limit = t.threshold.map { format($0, share: share) } ?? "hidden"
        let unit = share ? "%" : ""
        switch op {
        case .greaterEqual: return "\(name) \(value)/\(limit)\(unit)"
        case .greater: return "\(name) \(value) (over \(limit)\(unit))"
        case .lessEqual: return "\(name) \(value)\(unit) (at most \(limit))"
        case .less: return "\(name) \(value)\(unit) (under \(limit))"
        case .equal: return "\(name) \(value) (needed: \(limit)\(unit))"
        default: return "\(name) \(value) (not \(limit)\(unit))"
        }
    }

    private static func rhsFamily(_ t: ObjectiveTerm) -> Expr? {
        if case .ref(.bloc(_, .standard)) = t.subject { return .family(StandardFamily.allCases.first { $0.code == t.threshold } ?? .nist) }
        return nil
    }

    /// When an objective is judged, in words: "by 2030-Q4 (3 turns left)".
    static func deadline(_ p: ObjectiveProgress, _ g: Game) -> String {
        let label = g.scenario.calendar.label(p.judgedAt)
        let last = g.scenario.calendar.turnCount - 1
        let when = g.scenario.blocs.isEmpty ? label : (p.judgedAt == last ? "at the end (\(label))" : "by \(label)")
        switch p.status {
        case .met: return "met"
        case .failed: return "missed"
        case .pending:
            return p.turnsLeft <= 1 ? "\(when), judged this turn" : "\(when), \(p.turnsLeft) turns left"
        }
    }

    /// The objective's condition as it stands: all terms joined, or a note that it reads hidden values.
    static func progress(_ p: ObjectiveProgress, _ g: Game, viewer: Int) -> String {
        p.terms.map { term($0, g.scenario, viewer: viewer) }.joined(separator: p.anyOf ? " or " : " · ")
    }

    /// A warning a turn or two before a pending objective is judged while it does not hold.
    static func warning(_ p: ObjectiveProgress, _ g: Game, viewer: Int) -> String? {
        guard p.status == .pending, p.holdsNow == false, p.turnsLeft <= 2 else { return nil }
        let o = g.scenario.blocs[viewer].objectives[p.index]
        return p.turnsLeft <= 1 ? "“\(shortText(o.text))” is judged at the end of this turn and does not hold now."
            : "“\(shortText(o.text))” is judged next turn and does not hold now."
    }

    /// Objective text without its final full stop, for quoting.
    static func shortText(_ t: String) -> String {
        var s = t
        while s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// A mandate of the viewer: its sector, deadline, and where migration will stand at the current pace.
    struct Mandate {
        var sector: Int
        var deadline: Int
        var turnsLeft: Int
        var share: Double
        var projected: Double
        var onTrack: Bool { projected >= ObjectiveText.mandateSafeShare }
    }

    /// The viewer's mandates in force, soonest first. The projection runs this turn's migration pace
    /// (which a mandate already raises toward the deadline) forward to the deadline.
    static func mandates(_ me: BlocState, _ g: Game) -> [Mandate] {
        var out: [Mandate] = []
        let dt = g.scenario.calendar.yearsPerTurn
        for s in me.mandates.indices where me.mandates[s] >= g.state.turn {
            let left = me.mandates[s] - g.state.turn + 1
            let pace = s < me.pqcPace.count ? me.pqcPace[s] : 0
            let projected = min(1, me.pqc[s] + pace * dt * Double(left))
            out.append(Mandate(sector: s, deadline: me.mandates[s], turnsLeft: left, share: me.pqc[s], projected: projected))
        }
        return out.sorted { ($0.deadline, $0.sector) < ($1.deadline, $1.sector) }
    }

    /// A warning a turn or two before a mandate's deadline passes short of 95 %.
    static func mandateWarning(_ m: Mandate, _ g: Game) -> String? {
        guard !m.onTrack, m.turnsLeft <= 2 else { return nil }
        let name = g.scenario.sectors[m.sector].name
        return "The \(name) mandate falls due \(m.turnsLeft <= 1 ? "at the end of this turn" : "next turn") at \(Widgets.int(m.share * 100)) % of the \(Widgets.int(mandateSafeShare * 100)) % needed: −\(mandateMissPenalty) support if missed."
    }

    /// Every warning of the viewer's objectives and mandates, for the world screen and the end-of-turn question.
    static func warnings(_ g: Game, viewer: Int, me: BlocState?) -> [String] {
        var out = g.objectiveProgress(for: viewer).compactMap { warning($0, g, viewer: viewer) }
        if let me { out += mandates(me, g).compactMap { mandateWarning($0, g) } }
        return out
    }
}

extension Renderer {
    // MARK: - O Objectives

    mutating func drawObjectives(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = app.currentBloc else { return }
        let def = g.scenario.blocs[me]
        var lines: [(String, Style)] = []
        // Items hang their wrapped lines under their text; paragraphs of the briefings do not.
        func add(_ text: String, _ s: Style = .plain, indent: Int = 0, hanging: Bool = true) {
            for (i, l) in Widgets.wrap(text, width: max(10, r.w - indent - 2)).enumerated() {
                lines.append((String(repeating: " ", count: indent + (i > 0 && hanging ? 2 : 0)) + l, s))
            }
        }
        let progress = g.objectiveProgress(for: me)
        add("YOUR OBJECTIVES (points when met; judged at the end of the turn named)", .title)
        for p in progress {
            let o = def.objectives[p.index]
            let mark: String
            switch p.status {
            case .met: mark = "✔ met   "
            case .failed: mark = "✖ missed"
            case .pending: mark = p.holdsNow == true ? "● holds " : p.holdsNow == false ? "○ short " : "? hidden"
            }
            let style: Style = p.status == .met ? .good : p.status == .failed ? .bad : (ObjectiveText.warning(p, g, viewer: me) != nil ? .warn : .bold)
            add("\(mark) \(ObjectiveText.shortText(o.text)) — \(Int(o.points)) points\(o.secret ? ", secret" : "")", style)
            add("now: " + ObjectiveText.progress(p, g, viewer: me), .plain, indent: 11)
            add("when: " + ObjectiveText.deadline(p, g) + (p.holdsNow == nil && p.status == .pending ? " · reads another bloc's hidden values: see your estimates on the World screen" : ""), .dim, indent: 11)
        }
        lines.append(("", .plain))
        add("YOUR MANDATES (a sector must be \(Widgets.int(ObjectiveText.mandateSafeShare * 100)) % migrated at its deadline, or −\(ObjectiveText.mandateMissPenalty) support)", .title)
        let mandates = v.me.map { ObjectiveText.mandates($0, g) } ?? []
        if mandates.isEmpty { add("none in force (PQC screen, m, sets one)", .dim, indent: 2) }
        for m in mandates {
            let text = "\(g.scenario.sectors[m.sector].name): \(Widgets.int(m.share * 100)) % now, ~\(Widgets.int(m.projected * 100)) % at \(g.scenario.calendar.label(m.deadline)) at the current pace"
            add((m.onTrack ? "● " : "○ ") + text + (m.onTrack ? "" : " — short"), ObjectiveText.mandateWarning(m, g) != nil ? .warn : .plain, indent: 2)
        }
        lines.append(("", .plain))
        add("YOUR SECRET BRIEF — \(def.name) (\(def.doctrine.rawValue): see Help, glossary)", .title)
        add(def.briefing, hanging: false)
        lines.append(("", .plain))
        add("THE SITUATION (shared by all delegations)", .title)
        add(g.scenario.briefing, hanging: false)
        // The last line says how much is below when the page does not hold it all.
        let room = lines.count > r.h ? r.h - 1 : r.h
        let start = min(app.scroll, max(0, lines.count - room))
        var y = r.y
        for (text, s) in lines.dropFirst(start).prefix(room) { put(r.x, y, Widgets.fit(text, r.w), s); y += 1 }
        let below = lines.count - start - room
        if below > 0 { put(r.x, r.y + r.h - 1, "↓ \(below) more line\(below == 1 ? "" : "s") below (↓ PgDn)", Style(reverse: true)) }
    }

    /// One line for the world screen: how many objectives hold and the nearest one still short.
    func objectivesLine(_ g: Game, _ me: Int) -> String {
        let progress = g.objectiveProgress(for: me)
        let pending = progress.filter { $0.status == .pending }
        let met = progress.filter { $0.status == .met }.count
        let holding = pending.filter { $0.holdsNow == true }.count
        var line = "Objectives (O): \(met) met, \(holding) of \(pending.count) hold now"
        if let next = pending.filter({ $0.holdsNow == false }).min(by: { ($0.judgedAt, $0.index) < ($1.judgedAt, $1.index) }) {
            line += " · next: " + ObjectiveText.progress(next, g, viewer: me) + ", " + g.scenario.calendar.label(next.judgedAt)
        }
        return line
    }
}
