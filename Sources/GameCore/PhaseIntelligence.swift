/// Phase 4: intelligence and compliance — harvest operations collect unprotected traffic,
/// espionage and counter-intelligence, and the detection of operations and treaty violations.
extension Resolver {
    mutating func intelligencePhase() {
        var spying: [(Int, Int)] = []
        for b in 0..<n {
            for k in orders[b].indices where orders[b][k].step == .intelligence {
                let order = orders[b][k]
                switch order {
                case .harvest(let target, let active): setHarvest(b, target, active, order)
                case .espionage(let target):
                    guard let t = scenario.blocIndex(target), t != b else { rejectOrder(b, "espionage needs another bloc as target."); continue }
                    if pay(b, order, "an espionage operation") { spying.append((b, t)) }
                case .counterIntelligence:
                    if pay(b, order, "a counter-intelligence campaign") {
                        state.blocs[b].counterCampaign = true
                        news(.intelligence, "Your counter-intelligence campaign runs this turn.", audience: [b])
                    }
                default: break
                }
            }
        }
        collectHarvests()
        detectHarvests()
        for (s, t) in spying { espionage(s, t) }
        detectViolations()
        detectCRQCs()
        for i in state.intelFreshness.indices where state.intelFreshness[i] > 0 { state.intelFreshness[i] -= 1 }
    }

    private mutating func setHarvest(_ b: Int, _ target: String, _ active: Bool, _ order: Order) {
        guard let t = scenario.blocIndex(target), t != b else { rejectOrder(b, "a harvest needs another bloc as target."); return }
        if let i = state.harvests.firstIndex(where: { $0.harvester == b && $0.target == t }) {
            if state.harvests[i].active == active { return }
            if active && !pay(b, order, "restarting a harvest operation") { return }
            state.harvests[i].active = active
        } else {
            guard active else { return }
            guard pay(b, order, "a harvest operation") else { return }
            var known = [Bool](repeating: false, count: n)
            known[b] = true
            state.harvests.append(HarvestOperation(harvester: b, target: t, since: turn, active: true, detectedTurn: nil, knownBy: known))
        }
        if narrative { news(.intelligence, active ? "Your agencies now harvest \(owner(t)) encrypted traffic." : "You stopped harvesting \(owner(t)) traffic.", audience: [b]) }
    }

    /// Share of a sector's traffic that is exposed: not migrated, and not on QKD where QKD applies.
    func exposedShare(_ v: Int, _ s: Int) -> Double {
        let f = state.blocs[v].pqc[s]
        let cover = scenario.sectors[s].qkd ? qkdCover(v) : 0
        return (1 - f) * (1 - cover)
    }

    private mutating func collectHarvests() {
        for op in state.harvests where op.active {
            let h = op.harvester, v = op.target
            let strength = tuning.harvestVolume * state.blocs[h].sigint / 100 * (state.blocs[v].counterCampaign ? 0.7 : 1)
            for s in 0..<sectorCount {
                let volume = strength * exposedShare(v, s)
                guard volume > 1e-9 else { continue }
                state.stockpile.append(HarvestLot(harvester: h, victim: v, sector: s, turn: turn, volume: volume))
            }
        }
    }

    private mutating func detectHarvests() {
        for i in state.harvests.indices where state.harvests[i].active {
            let op = state.harvests[i]
            guard !op.knownBy[op.target] else { continue }
            var dice = rng(.intelligence, item: op.harvester, salt: 100 + op.target)
            let v = op.target
            let p = tuning.harvestDetect * (0.25 + 0.75 * state.blocs[v].counterintel / 100) * (state.blocs[v].counterCampaign ? 3 : 1)
            if dice.chance(p) {
                state.harvests[i].knownBy[v] = true
                state.harvests[i].detectedTurn = turn
                if narrative { news(.intelligence, "Counter-intelligence: \(name(op.harvester)) is harvesting your encrypted traffic.", audience: [v]) }
                changeTrust(v, op.harvester, by: -8, narrative ? "\(name(v)) found \(name(op.harvester)) harvesting its traffic" : "")
                changeTension(by: 1, "a harvest operation was uncovered")
            }
        }
    }

    private mutating func espionage(_ s: Int, _ t: Int) {
        var dice = rng(.intelligence, item: s, salt: 200 + t)
        // Talent exchanges binding both, tested in place (closures over copies of every treaty
        // retained and released each one).
        var exchange = false, exchangeBonus = 1.0
        for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .talentExchange
            && state.treaties[k].isMember(s) && state.treaties[k].isMember(t) {
            exchange = true
            if isViolating(s, state.treaties[k]) { exchangeBonus = 1.3; break }
        }
        let partners = researchPartners(t).contains(s) || exchange
        var p = tuning.espSuccess * (1 - 0.6 * state.blocs[t].counterintel / 100) * (0.5 + 0.5 * state.blocs[s].sigint / 100)
        if state.blocs[t].counterCampaign { p *= 0.5 }
        if partners { p *= 1.3 }
        p *= exchangeBonus
        let success = dice.chance(min(0.95, p))
        if success {
            state.intelFreshness[s * n + t] = 4
            // Stolen designs close part of the gap to the target, counted only up to just short of the
            // CRQC threshold (as research spillover): a theft helps catch up, it cannot build a
            // code-breaker, and a lead of thousands of qubits past the threshold is not in a file.
            let ceiling = state.world.crqcLogicalQubits * 0.95
            let gap = max(0, min(state.blocs[t].computing, ceiling) - state.blocs[s].computing)
            change(s, .computing, by: min(gap * 0.04, state.blocs[s].computing * 0.1), narrative ? "stolen research from \(name(t))" : "", secret: true)
            change(s, .sensing, by: max(0, state.blocs[t].sensing - state.blocs[s].sensing) * 0.04, narrative ? "stolen research from \(name(t))" : "", secret: true)
            var learned = ["a clear picture of its programme"]
            if state.blocs[t].hasCRQC && !state.blocs[t].crqcKnownBy[s] {
                state.blocs[t].crqcKnownBy[s] = true
                learned.append("proof that it has a CRQC")
            }
            for i in state.harvests.indices where state.harvests[i].harvester == t && !state.harvests[i].knownBy[s] {
                state.harvests[i].knownBy[s] = true
                learned.append("its harvesting of \(name(state.harvests[i].target))")
            }
            for ti in state.treaties.indices {
                for v in state.treaties[ti].violations.indices where state.treaties[ti].violations[v].bloc == t && !state.treaties[ti].violations[v].knownBy[s] {
                    state.treaties[ti].violations[v].knownBy[s] = true
                    learned.append("its breach of \(state.treaties[ti].name)")
                }
            }
            if narrative { news(.intelligence, "Espionage against \(name(t)) succeeded: " + learned.joined(separator: "; ") + ".", audience: [s]) }
        } else {
            if narrative { news(.intelligence, "Espionage against \(name(t)) produced nothing.", audience: [s]) }
        }
        var pd = tuning.espDetect * (0.3 + 0.7 * state.blocs[t].counterintel / 100)
        if state.blocs[t].counterCampaign { pd *= 2 }
        if dice.chance(min(0.95, pd)) {
            if narrative { news(.intelligence, "Spy scandal: \(name(t)) caught agents of \(name(s)).", audience: []) }
            changeTrust(s, t, by: -12, narrative ? "\(owner(s)) spies caught in \(name(t))" : "")
            changeTension(by: 3, narrative ? "spy scandal between \(name(s)) and \(name(t))" : "")
            change(s, .support, by: -1, "spy scandal abroad")
        }
    }

    private mutating func detectViolations() {
        for ti in state.treaties.indices where state.treaties[ti].status == .inForce {
            let treaty = state.treaties[ti]
            for k in treaty.violations.indices where treaty.violations[k].active && treaty.violations[k].detectedTurn == nil {
                let v = treaty.violations[k].bloc
                var p = tuning.violationDetect
                var bestSigint = 0.0
                for m in treaty.members where m != v { bestSigint = max(bestSigint, state.blocs[m].sigint) }
                p += 0.05 * bestSigint / 100
                if verified(v, among: treaty.members) { p += tuning.verificationDetect }
                if state.treaties.contains(where: { $0.status == .inForce && $0.type == .cbm && $0.isMember(v) }) { p += 0.03 }
                var dice = rng(.intelligence, item: v, salt: 300 + treaty.id)
                guard dice.chance(min(0.95, p)) else { continue }
                state.treaties[ti].violations[k].detectedTurn = turn
                for o in 0..<n { state.treaties[ti].violations[k].knownBy[o] = true }
                if narrative { news(.diplomacy, "\(name(v)) was caught breaking \(treaty.name).", audience: []) }
                for m in treaty.members where m != v { changeTrust(v, m, by: -20, narrative ? "\(name(v)) broke \(treaty.name)" : "") }
                changeTension(by: 4, narrative ? "\(name(v)) broke \(treaty.name)" : "")
                state.blocs[v].influencePoints = max(0, state.blocs[v].influencePoints - 3)
            }
        }
    }

    /// Whether a verification regime in force binds `b` together with another of `members`.
    @inline(__always)
    func verified(_ b: Int, among members: [Int]) -> Bool {
        for m in members where m != b && index.bound(.verificationRegime, b, m) { return true }
        return false
    }

    /// Others may learn of a secret CRQC through intelligence, verification or breakthrough notification.
    private mutating func detectCRQCs() {
        for h in 0..<n where state.blocs[h].hasCRQC && !state.blocs[h].crqcPublic {
            for o in 0..<n where o != h && !state.blocs[h].crqcKnownBy[o] {
                var notified = false
                for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .cbm
                    && state.treaties[k].isMember(h) && state.treaties[k].isMember(o) && !isViolating(h, state.treaties[k]) {
                    notified = true
                    break
                }
                var p = 0.01 + 0.04 * state.blocs[o].sigint / 100
                if index.bound(.verificationRegime, h, o) { p += 0.15 } // verified(h, among: [o]), without the array
                var dice = rng(.intelligence, item: o, salt: 400 + h)
                if notified || dice.chance(p) {
                    state.blocs[h].crqcKnownBy[o] = true
                    if narrative { news(.intelligence, notified
                         ? "Under the confidence-building measures, \(name(h)) notified you that it has a CRQC."
                         : "Intelligence: \(name(h)) appears to have a cryptographically relevant quantum computer.", audience: [o]) }
                }
            }
        }
    }
}
