import GameCore

/// Dilemma choices: every open dilemma gets an answer, the option whose effects move the bloc's
/// weighted pillars most, as far as the bloc can judge from its own view.
extension Planner {
    func planDilemmas() {
        // (Tested in place: a long game's answered dilemmas are not each copied.)
        let dilemmas = view.dilemmas
        for i in dilemmas.indices where dilemmas[i].bloc == me && dilemmas[i].choice == nil {
            let d = dilemmas[i]
            guard let event = eventDef(d.source), let dilemma = event.dilemma, !dilemma.options.isEmpty else { continue }
            var best = dilemma.options.count - 1
            var bestScore = -Double.infinity
            for (k, option) in dilemma.options.enumerated() {
                var score = 0.0
                for effect in option.effects { score += value(of: effect) }
                score += 2 * settings.noise * rng.symmetric()
                if score > bestScore + 1e-12 { best = k; bestScore = score }
            }
            give(.chooseDilemma(dilemma: d.id, option: best))
        }
    }

    func eventDef(_ source: EventSource) -> EventDef? {
        switch source {
        case .scenario(let i): return i >= 0 && i < scenario.events.count ? scenario.events[i] : nil
        case .inject(let i): return i >= 0 && i < scenario.injects.count ? scenario.injects[i] : nil
        case .custom: return nil
        }
    }

    /// Points on the doctrine's weighted pillars (about 1 = one point on an average pillar).
    func value(of effect: Effect) -> Double {
        let x = estimate(effect.value)
        guard x.isFinite else { return 0 }
        func delta(_ old: Double) -> Double {
            switch effect.op {
            case .set: return x - old
            case .add: return x
            case .subtract: return -x
            case .multiply: return old * x - old
            }
        }
        switch effect.target {
        case .bloc(let ref, let field):
            switch ref {
            case .current, .all:
                return fieldValue(field, delta(read(field, of: me)))
            case .bloc(let b):
                guard b < n else { return 0 }
                if b == me { return fieldValue(field, delta(read(field, of: me))) }
                // Gains of rivals count against us, gains of friends a little for us.
                return 0.3 * trust[b] / 100 * fieldValue(field, delta(read(field, of: b)))
            }
        case .world(let w):
            switch w {
            case .tension:
                let d = delta(view.world.tension)
                return -d * (0.2 + 0.8 * profile.weight(Pillar.stability.index) * 4 * 0.45) * (1 - 0.5 * profile.hawkishness)
            case .crqcLogicalQubits:
                let threshold = max(1, view.world.crqcLogicalQubits)
                let d = delta(threshold) / threshold
                // A lower threshold helps whoever leads the race and hurts everyone else.
                let leading = state.computing >= maxOtherComputing
                return leading ? -d * 10 * profile.hawkishness : d * 10 * profile.weight(Pillar.security.index) * 4
            default:
                return 0
            }
        case .trust(let a, let b):
            let mine: Int? = {
                if a == .current || a == .bloc(me) { if case .bloc(let o) = b { return o } }
                if b == .current || b == .bloc(me) { if case .bloc(let o) = a { return o } }
                return nil
            }()
            guard let o = mine, o < n, o != me else { return 0 }
            return delta(trust[o]) * 0.05 * (0.5 + profile.cooperation)
        case .turn:
            return 0
        }
    }

    /// What a change `d` of one of this bloc's values is worth to it.
    func fieldValue(_ field: BlocField, _ d: Double) -> Double {
        guard d.isFinite, d != 0 else { return 0 }
        let w = profile
        func pillar(_ p: Pillar, _ points: Double) -> Double { w.weight(p.index) * 4 * points }
        switch field {
        case .gdp:
            return pillar(.prosperity, 150 * d / max(0.001, scenario.blocs[me].gdp))
        case .budget:
            let r = d / max(0.05, state.budget)
            return pillar(.prosperity, 5 * r) + pillar(.security, 5 * r)
        case .capital:
            return pillar(.influence, 1.5 * d)
        case .support:
            return 0.4 * d
        case .computing:
            let r = d / max(1, state.computing)
            return pillar(.prosperity, 12 * r) + pillar(.security, 5 * r)
        case .sensing:
            var top = state.sensing
            for o in 0..<n where o != me { top = max(top, view.blocs[o].sensing.value) }
            return pillar(.security, 12 * d / max(1, top))
        case .qkdKm:
            let half = rule(.qkdHalfKm), km = state.qkdKm
            let cover = rule(.qkdMaxCover) * ((km + d) / max(1, km + d + half) - km / (km + half))
            return pillar(.security, 15 * cover)
        case .workforce:
            let r = d / max(1, state.workforce)
            return pillar(.prosperity, 10 * r) + pillar(.influence, 5 * r)
        case .sigint:
            return pillar(.security, 0.05 * d)
        case .counterintel:
            return pillar(.security, 0.08 * d)
        case .standard:
            let new = state.standard.code + d
            let family: StandardFamily = new < 0.5 ? .nist : (new < 1.5 ? .national : .hybrid)
            if family == state.standard { return 0 }
            return family == profile.family ? 2 : -2
        case .pqc(let s):
            guard s < scenario.sectors.count else { return 0 }
            var total = 0.0
            for sector in scenario.sectors { total += sector.weight }
            var points = 30 * d * scenario.sectors[s].weight / max(0.001, total)
            if s < view.moscaCount && view.mosca(s) == .red { points *= 2 }
            return pillar(.security, points)
        case .supply:
            return pillar(.prosperity, 20 * d / Double(max(1, scenario.chokepoints.count)))
        case .security, .prosperity, .influence, .stability, .score, .crqc, .exposure:
            return 0
        }
    }

    /// A bloc value as this bloc knows it (its own exactly, others' as estimates).
    func read(_ field: BlocField, of b: Int) -> Double {
        if b == me { return state.value(of: field) }
        guard b < n else { return 0 }
        let e = view.blocs[b]
        switch field {
        case .gdp: return e.gdp.value
        case .budget: return e.budget.value
        case .capital: return scenario.blocs[b].capital
        case .support: return e.support.value
        case .computing: return e.computing.value
        case .sensing: return e.sensing.value
        case .qkdKm: return e.qkdKm.value
        case .workforce: return e.workforce.value
        case .sigint: return e.sigint.value
        case .counterintel: return scenario.blocs[b].counterintel
        case .standard: return e.standard.code
        case .pqc(let s): return s < e.pqcCount ? e.pqc(s).value : 0
        case .supply(let c): return c < scenario.blocs[b].supply.count ? scenario.blocs[b].supply[c] : 0
        case .security: return e.pillars.count > 0 ? e.pillars[0] : 0
        case .prosperity: return e.pillars.count > 1 ? e.pillars[1] : 0
        case .influence: return e.pillars.count > 2 ? e.pillars[2] : 0
        case .stability: return e.pillars.count > 3 ? e.pillars[3] : 0
        case .score: return e.score
        case .crqc: return e.knownCRQC ? 1 : 0
        case .exposure: return 0
        }
    }

    /// Evaluates an expression against what this bloc knows (`self` is this bloc; `all.X` reads
    /// the smallest known value, as the engine does).
    func estimate(_ expr: Expr) -> Double {
        switch expr {
        case .number(let x): return x
        case .date(let t): return Double(t)
        case .family(let f): return f.code
        case .ref(let r):
            switch r {
            case .turn: return Double(turn)
            case .world(let w):
                switch w {
                case .tension: return view.world.tension
                case .crqcLogicalQubits: return view.world.crqcLogicalQubits
                case .governance: return view.world.governance
                case .fragmentation: return view.world.fragmentation
                case .crqcCount:
                    var c = state.hasCRQC ? 1.0 : 0
                    for o in 0..<n where o != me && view.blocs[o].knownCRQC { c += 1 }
                    return c
                case .year: return scenario.calendar.year(turn)
                }
            case .bloc(let ref, let field):
                switch ref {
                case .current: return read(field, of: me)
                case .bloc(let b): return read(field, of: b)
                case .all:
                    var m = Double.infinity
                    for b in 0..<n { m = min(m, read(field, of: b)) }
                    return m.isFinite ? m : 0
                }
            case .trust(let a, let b):
                func index(_ ref: BlocRef) -> Int? {
                    switch ref {
                    case .current: return me
                    case .bloc(let i): return i < n ? i : nil
                    case .all: return nil
                    }
                }
                guard let x = index(a), let y = index(b), view.trust.count >= n * n else { return 0 }
                return view.trust[x * n + y]
            }
        case .unary(let op, let e):
            let v = estimate(e)
            switch op {
            case .negate: return -v
            case .not: return v != 0 ? 0 : 1
            }
        case .binary(let op, let l, let r):
            let a = estimate(l), b = estimate(r)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return b == 0 ? 0 : a / b
            case .less: return a < b ? 1 : 0
            case .lessEqual: return a <= b ? 1 : 0
            case .greater: return a > b ? 1 : 0
            case .greaterEqual: return a >= b ? 1 : 0
            case .equal: return a == b ? 1 : 0
            case .notEqual: return a != b ? 1 : 0
            case .and: return a != 0 && b != 0 ? 1 : 0
            case .or: return a != 0 || b != 0 ? 1 : 0
            }
        }
    }
}
