import GameCore

/// A treaty proposal being drafted.
struct Draft {
    var type: TreatyType
    var partners: [Int]
    var terms: OrderTerms
    var value: Double
}

/// Treaties (answers, proposals, exits, secret violations), dialogue, statements and aid.
extension Planner {
    // MARK: - Answers: every proposal addressed to this bloc gets one, every turn it waits.

    func planResponses() {
        for i in partyTreaties where view.treaties[i].status == .proposed {
            let t = view.treaties[i]
            guard let k = t.parties.firstIndex(of: me), k < t.answers.count, t.answers[k] == .pending else { continue }
            let accept = acceptValue(t) + 0.5 * settings.noise * rng.symmetric() > 0
            give(.respondTreaty(treaty: t.id, accept: accept))
            answered.append((t, accept))
        }
    }

    /// Above zero: worth joining. Trust in the other parties, the doctrine's taste for the type,
    /// the bloc's need for it and what the particular terms cost it.
    func acceptValue(_ t: Treaty) -> Double {
        var total = 0.0, count = 0.0
        for p in t.parties where p != me && p < n { total += trust[p]; count += 1 }
        let meanTrust = count > 0 ? total / count : 0
        var v = profile.affinity(t.type) - 0.45 + 0.6 * meanTrust / 100 + 0.2 * (profile.cooperation - 0.5)
        v += 0.3 * (need(t.type) - 0.4)
        if t.proposer < n && trust[t.proposer] < -40 { v -= 0.2 }
        if knownViolator(t.proposer) { v -= 0.3 }
        // A spoiler keeps its hands free: it signs little, and mostly what it means to exploit.
        if profile.doctrine == .spoiler { v -= 0.4 }
        switch t.type {
        case .exportRegime:
            for x in t.terms.targets where x < n {
                if trust[x] > 20 { v -= 0.6 } else if trust[x] <= profile.rivalThreshold { v += 0.15 }
                if profile.doctrine == .hedger && trust[x] > -25 { v -= 0.3 }
            }
        case .pqcAccord:
            if let family = t.terms.family, family != state.standard {
                v -= (profile.family == .national && family != .national) ? 0.8 : 0.1
            }
            if let deadline = t.terms.deadline {
                // Every sector that cannot make the common deadline costs support and trust later.
                let years = Double(max(1, deadline - turn + 1)) / Double(turnsPerYear)
                let best = ordinaryPace() * rule(.mandateBoost) * rule(.accordBoost)
                var missed = 0
                for s in 0..<state.pqc.count where s >= state.mandates.count || state.mandates[s] < 0 || state.mandates[s] > deadline {
                    if max(0, 0.95 - state.pqc[s]) / years > best { missed += 1 }
                }
                v -= min(0.9, 0.2 * Double(missed))
            }
        case .cryptanalysisNorm:
            if profile.decrypts && (state.hasCRQC || view.stockpileByVictim.contains(where: { $0 > 0 })) {
                // A spoiler signs and cheats; the others would rather keep their hands free.
                v += profile.risk > 0.7 ? 0.1 : -0.3
            }
        case .verificationRegime:
            var secrets = breaking
            for op in view.harvests where op.harvester == me && op.active && op.knownBy[me] { secrets = true }
            if secrets || (state.hasCRQC && !state.crqcPublic) { v -= 0.4 }
            v -= 0.1
        case .capacityFund:
            if developing { v += 0.5 } else { v -= min(0.4, (t.terms.contribution ?? 0.05) / max(0.05, state.budget)) }
        case .jointLab:
            if t.terms.host == me { v += 0.15 }
        case .talentExchange:
            if profile.hawkishness > 0.7 { v -= 0.1 }
        case .cbm:
            v += 0.3 * (view.world.tension / 100 - 0.4)
            if state.hasCRQC && !state.crqcPublic && profile.risk < 0.7 { v -= 0.2 }
        case .researchPact, .supplyPact:
            break
        }
        return v
    }

    /// How much the bloc's situation calls for a treaty of this type, 0…1.
    func need(_ type: TreatyType) -> Double {
        let behind = maxOtherComputing > state.computing * 1.2
        switch type {
        case .pqcAccord: return min(1, 0.4 + 0.6 * moscaPressure)
        case .cbm: return min(1, 0.2 + view.world.tension / 100)
        case .cryptanalysisNorm: return view.qDayYears < 10 ? 0.8 : 0.4
        case .verificationRegime:
            return violationTreaties.isEmpty ? 0.3 : 0.6
        case .capacityFund: return 0.6
        case .jointLab: return behind ? 0.7 : 0.4
        case .researchPact: return behind ? 0.7 : 0.45
        case .talentExchange: return talent < 1 ? 0.7 : 0.4
        case .supplyPact: return minAccess < 0.85 ? 0.8 : 0.35
        case .exportRegime:
            var controls = 0
            if let index = view.controlIndex {
                controls = index.held(by: me).count
            } else {
                for c in view.controls where c.by == me { controls += 1 }
            }
            return controls > 0 ? 0.8 : 0.5
        }
    }

    // MARK: - Proposals: at most one a turn, never a duplicate of a live treaty.

    func planProposal() {
        let p = profile.doctrine == .spoiler ? 0.04 : 0.08 + 0.3 * profile.cooperation
        guard capital >= 1, maybe(p) else { return }
        let live = liveTreatyPartners()
        var best: Draft?
        for type in profile.proposes {
            guard var d = draft(type, live: live) else { continue }
            d.value = profile.affinity(type) * d.value * jitter()
            if best == nil || d.value > best!.value + 1e-12 { best = d }
        }
        guard var d = best, d.value > 0.1 else { return }
        // Only the draft tabled gets its terms (building them for every type weighed cost more
        // than choosing).
        d.terms = terms(d.type, partners: d.partners)
        drafted = d
        consider(.proposeTreaty(type: d.type, parties: d.partners.map { id($0) }, terms: d.terms), priority: 1.4 + d.value)
    }

    /// For each treaty type the doctrine proposes, which blocs already share a live treaty of it
    /// with this bloc or turned one down recently (flat: `TreatyType.ordinal * n + bloc`; other
    /// types' rows are left false).
    func liveTreatyPartners() -> [Bool] {
        TreatyDigest.livePartners(view.treaties, party: partyTreaties, turn: turn, bloc: me, blocCount: n,
                                  window: Planner.proposalMemory(turnsPerYear: turnsPerYear), types: profile.proposes)
    }

    /// Partners, terms and need for a proposal of `type`, or nil if there is nobody to ask.
    func draft(_ type: TreatyType, live: [Bool]) -> Draft? {
        let row = type.ordinal * n
        let minimum = profile.minimumTrust(type)
        // The blocs it may invite, most trusted first (ties by index: a total order, so the
        // insertion sort agrees with any), on the stack.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { buffer in
            var count = 0
            for o in 0..<n where o != me && trust[o] >= minimum && !live[row + o] {
                var j = count
                while j > 0 && (trust[buffer[j - 1]] != trust[o] ? trust[o] > trust[buffer[j - 1]] : o < buffer[j - 1]) {
                    buffer[j] = buffer[j - 1]
                    j -= 1
                }
                buffer[j] = o
                count += 1
            }
            return draft(type, pool: UnsafeMutableBufferPointer(rebasing: buffer[0 ..< count]))
        }
    }

    /// The draft of `type` inviting from `pool` (candidates in order of preference), without its
    /// terms (`terms(_:partners:)`).
    private func draft(_ type: TreatyType, pool: UnsafeMutableBufferPointer<Int>) -> Draft? {
        var partners: [Int] = []
        var value = need(type)
        switch type {
        case .exportRegime:
            let targets = rivals.prefix(3)
            guard !targets.isEmpty else { return nil }
            partners = Array(pool.filter { !targets.contains($0) }.prefix(3))
        case .pqcAccord:
            // Its common deadline must fall within the game.
            guard turnsLeft >= 2 else { return nil }
            partners = Array(pool.prefix(4))
            var mismatch = false
            for p in partners where view.blocs[p].standard != state.standard { mismatch = true }
            // An accord that bridges standards is worth most to those who want one world.
            if mismatch { value += 0.2 + 0.4 * profile.cooperation }
        case .cbm:
            partners = Array(pool.prefix(4))
        case .cryptanalysisNorm:
            partners = Array(pool.prefix(5))
        case .verificationRegime:
            partners = Array(pool.prefix(3))
        case .capacityFund:
            if developing {
                partners = Array(pool.filter { !scenario.blocs[$0].developing }.prefix(2))
            } else {
                partners = Array(pool.filter { scenario.blocs[$0].developing }.prefix(2))
                guard !partners.isEmpty else { return nil }
                if let friend = pool.first(where: { !scenario.blocs[$0].developing && trust[$0] > 40 }) { partners.append(friend) }
            }
        case .jointLab:
            partners = Array(pool.prefix(3))
        case .researchPact, .supplyPact:
            partners = Array(pool.prefix(2))
        case .talentExchange:
            partners = Array(pool.prefix(1))
        }
        guard !partners.isEmpty else { return nil }
        return Draft(type: type, partners: partners, terms: OrderTerms(), value: value)
    }

    /// The terms of a proposal of `type` to `partners` (drafted by `draft(_:pool:)`).
    private func terms(_ type: TreatyType, partners: [Int]) -> OrderTerms {
        switch type {
        case .exportRegime:
            return OrderTerms(categories: [.systems, .components], targets: rivals.prefix(3).map { id($0) })
        case .pqcAccord:
            // The family the accord puts its members on. A bloc on a national standard whose doctrine
            // wants one world (its own family is not national) offers the hybrid: an accord on its
            // national family would pull partners off the world's standard and lock itself and them
            // apart (a cooperative Russia fragmented the world more than a spoiler one this way).
            let family: StandardFamily
            switch state.standard {
            case .hybrid: family = profile.family == .hybrid ? .nist : profile.family
            case .national: family = profile.family == .national ? .national : .hybrid
            case .nist: family = .nist
            }
            return OrderTerms(family: family, deadline: label(turn + max(1, min(accordTurns(partners), turnsLeft))))
        case .capacityFund:
            let contribution = min(0.2, max(0.02, state.gdp * 0.004))
            return OrderTerms(contribution: (contribution * 1000).rounded() / 1000)
        case .jointLab:
            var host = me
            if profile.doctrine != .middlePower {
                var best = state.computing
                for p in partners where view.blocs[p].computing.value > best { best = view.blocs[p].computing.value; host = p }
            }
            return OrderTerms(host: id(host), contribution: 10)
        case .cbm, .cryptanalysisNorm, .verificationRegime, .researchPact, .supplyPact, .talentExchange:
            return OrderTerms()
        }
    }

    /// Turns to a common PQC deadline that every party's least migrated sector can meet with a
    /// mandate and shared tooling (partners judged by estimates and the ordinary pace), at least four years.
    func accordTurns(_ partners: [Int]) -> Int {
        let boost = rule(.mandateBoost) * rule(.accordBoost) * 0.85
        var least = 1.0
        for f in state.pqc { least = min(least, f) }
        var years = max(0, 0.95 - least) / max(0.001, ordinaryPace() * boost)
        for p in partners {
            let theirs = leastPQC(p)
            years = max(years, max(0, 0.95 - theirs) / max(0.001, rule(.pqcBasePace) * boost))
        }
        let turns = Int((years * Double(turnsPerYear)).rounded(.up)) + 1
        return max(4 * turnsPerYear, min(turns, 15 * turnsPerYear))
    }

    // MARK: - Leaving treaties

    func planTreatyExits() {
        for (j, i) in memberTreaties.enumerated() {
            let (others, total, cheated) = memberStanding[j]
            guard others > 0 else { continue }
            let meanTrust = total / Double(others)
            var p = 0.0
            if cheated { p = 0.1 + 0.5 * (1 - profile.cooperation) }
            if meanTrust < -40 { p = max(p, 0.3) }
            if p > 0 && chance(p) {
                let id = view.treaties[i].id
                consider(.withdrawTreaty(treaty: id), priority: 1.5)
                leaving = id
                return
            }
        }
    }

    // MARK: - Secret violations

    func planViolations() {
        let stockpile = view.stockpileByVictim.contains { $0 > 0.01 }
        // The opportunistic breach that pays most (the first of the best), without a candidate list.
        var pick: (index: Int, weight: Double)?
        for i in memberTreaties where view.treaties[i].status == .inForce && view.treaties[i].type.canBeViolatedSecretly {
            let type = view.treaties[i].type
            let id = view.treaties[i].id
            guard id != leaving else { continue }
            // (Only a treaty with known violations can have one of this bloc's.)
            if !violationTreaties.isEmpty && violationTreaties.contains(i), let mine = view.activeKnownViolation(i, by: me) {
                // Caught in a treaty that will outlive the scandal: stop, to win back the others.
                // A bilateral one is as good as dead; there is nothing left to lose in it.
                if mine.detectedTurn != nil && view.treaties[i].members.count >= 3 { give(.violateTreaty(treaty: id, violate: false)) }
                continue
            }
            // Breaches with a motive: reading protected traffic, hiding a CRQC from the hotline.
            if type == .cryptanalysisNorm && state.hasCRQC && profile.decrypts && stockpile && maybe(0.4 * profile.risk) {
                give(.violateTreaty(treaty: id, violate: true))
                return
            }
            if type == .cbm && state.hasCRQC && !state.crqcPublic && profile.disclosure < 0.1 && maybe(0.5 * profile.risk) {
                give(.violateTreaty(treaty: id, violate: true))
                return
            }
            // Opportunistic breaches, ranked by what they pay.
            let weight: Double
            switch type {
            case .exportRegime: weight = 3
            case .jointLab: weight = 2
            case .supplyPact: weight = 1
            case .talentExchange: weight = profile.risk > 0.7 ? 1 : 0
            default: weight = 0
            }
            if weight > 0 && (pick == nil || weight > pick!.weight) { pick = (i, weight) }
        }
        guard let pick else { return }
        // One chance a turn, by appetite: cautious doctrines keep their word; a hedger may sell
        // to both sides of an export regime.
        let appetite = max(0, (profile.risk - 0.3) / 0.7)
        let p = view.treaties[pick.index].type == .exportRegime && profile.risk >= 0.3 ? max(0.01, 0.06 * appetite) : 0.06 * appetite
        if maybe(p) { give(.violateTreaty(treaty: view.treaties[pick.index].id, violate: true)) }
    }

    // MARK: - Dialogue, statements, aid

    func planDialogue() {
        let tension = view.world.tension
        guard tension >= 45 + 15 * profile.hawkishness, maybe(0.15 + 0.5 * profile.cooperation) else { return }
        var pick: Int?
        for o in 0..<n where o != me && trust[o] > -50 && trust[o] < 30 {
            if pick == nil || trust[o] < trust[pick!] { pick = o }
        }
        guard let o = pick else { return }
        consider(.dialogue(with: id(o)), priority: 1.0 + tension / 100)
    }

    func planStatements() {
        // Attribution backed by evidence: a harvest against us that the world does not know of yet.
        for op in view.harvests where op.target == me && op.harvester != me && op.active && op.knownBy.indices.contains(me) && op.knownBy[me] {
            guard op.knownBy.contains(false) else { continue }
            if maybe(0.3 + 0.5 * profile.hawkishness) {
                let h = op.harvester
                give(.statement(text: "\(name(me)) has evidence that \(name(h)) is recording our encrypted government traffic to read it once it can. We call on it to stop.",
                                attributeTo: id(h)))
                return
            }
        }
        // A known breach of a treaty that others have not heard about.
        for i in violationTreaties {
            for v in view.knownViolations(i) where v.bloc != me && v.active && v.bloc < n && v.knownBy.contains(false) {
                if maybe(0.2 + 0.4 * profile.hawkishness) {
                    give(.statement(text: "\(name(v.bloc)) is secretly breaking \(view.treaties[i].name). Its partners deserve to know.",
                                    attributeTo: id(v.bloc)))
                    return
                }
            }
        }
        // Reassurance when the temperature is high.
        if view.world.tension > 60 && profile.cooperation >= 0.7 && maybe(0.25) {
            give(.statement(text: "\(name(me)) will not use quantum capabilities against civilian systems and urges all parties to return to the table.",
                            attributeTo: nil))
        }
    }

    func planAid() {
        guard !developing else { return }
        let givers: Bool
        switch profile.doctrine {
        case .standardsPower, .middlePower: givers = true
        case .techLeader, .hedger: givers = chance(0.3)
        case .stateDirected, .spoiler: givers = false
        }
        guard givers, maybe(0.12 + 0.1 * profile.cooperation) else { return }
        var pick: Int?
        for o in 0..<n where o != me && scenario.blocs[o].developing && trust[o] > -10 {
            if pick == nil || trust[o] > trust[pick!] { pick = o }
        }
        guard let o = pick else { return }
        // A share of the bloc's own quantum budget, so a small programme gives small sums.
        guard state.budget >= 0.1 else { return }
        let amount = (min(0.5, state.budget * 0.04) * 1000).rounded() / 1000
        consider(.aid(to: id(o), billion: amount), priority: 1.0 + profile.weight(Pillar.influence.index))
    }
}
