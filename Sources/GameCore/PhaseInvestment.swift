/// Phase 3: investment and breakthroughs — budget orders, then spending on the six tracks.
extension Resolver {
    mutating func investmentPhase() {
        var extraDev = [Double](repeating: 0, count: n) // one-off aid and fund money, USD bn this turn
        for b in 0..<n {
            for k in orders[b].indices where orders[b][k].step == .investment {
                let order = orders[b][k]
                switch order {
                case .allocate(let shares): allocate(b, shares)
                case .changeBudget(let delta): changeBudget(b, delta, order)
                case .mandate(let sector, let deadline): mandate(b, sector, deadline, order)
                case .chooseStandard(let family): chooseStandard(b, family, order)
                case .deployQKD(let billion, let satellite): deployQKD(b, billion, satellite, order)
                case .aid(let to, let billion):
                    guard let r = scenario.blocIndex(to), r != b else { rejectOrder(b, "aid goes to another bloc, not \(to)."); continue }
                    let amount = clamp(billion, 0, state.blocs[b].budget)
                    let recipient = name(r)
                    guard amount > 0, pay(b, order, "aid to \(recipient)") else { continue }
                    extraDev[r] += amount
                    change(b, .gdp, by: -amount / 1000, narrative ? "aid to \(name(r))" : "")
                    state.blocs[b].influencePoints += amount * 4
                    changeTrust(b, r, by: 4, narrative ? "\(name(b)) gave aid to \(name(r))" : "")
                    if narrative { news(.economy, "\(name(b)) gives \(name(r)) USD \(fmt(amount)) bn for quantum skills and migration.", audience: []) }
                default: break
                }
            }
        }
        capacityFunds(&extraDev)
        let labPool = jointLabPools()
        // The ledger cause of each in-force talent exchange, written once per treaty rather than once
        // per member; an untold turn writes no causes and needs no list (one string per treaty of
        // the game, built and freed every turn).
        var exchangeCauses: [String] = []
        if narrative {
            exchangeCauses = [String](repeating: "", count: state.treaties.count)
            for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .talentExchange {
                exchangeCauses[k] = "exchanges under \(state.treaties[k].name)"
            }
        }
        for b in 0..<n { invest(b, extraDev[b], labPool[b], exchangeCauses) }
        researchSpillover()
    }

    private mutating func allocate(_ b: Int, _ shares: [Double]) {
        guard shares.count == Track.allCases.count, shares.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 100 }) else {
            rejectOrder(b, "an allocation needs six percentages between 0 and 100."); return
        }
        var sum = 0.0
        for x in shares { sum += x }
        guard sum > 99.5 && sum < 100.5 else { rejectOrder(b, "the allocation adds up to \(fmt(sum)), not 100."); return }
        state.blocs[b].allocation = shares.map { $0 * 100 / sum }
    }

    private mutating func changeBudget(_ b: Int, _ delta: Double, _ order: Order) {
        let budget = state.blocs[b].budget
        guard delta.isFinite, delta != 0 else { return }
        let limit = budget * 0.5 + 0.5
        guard abs(delta) <= limit else { rejectOrder(b, "a budget can change by at most USD \(fmt(limit)) bn in one turn."); return }
        guard pay(b, order, "a budget change") else { return }
        change(b, .budget, by: delta, delta > 0 ? "budget raised by decision" : "budget cut by decision")
        // Raising spending costs support in proportion to its size; cutting wins a little back.
        let relative = delta / max(budget, 0.1)
        change(b, .support, by: delta > 0 ? -6 * relative : -2 * relative, delta > 0 ? "cost of a bigger quantum budget" : "savings from a smaller quantum budget")
    }

    private mutating func mandate(_ b: Int, _ sector: String, _ deadline: String, _ order: Order) {
        guard let s = scenario.sectorIndex(sector) else { rejectOrder(b, "\(sector) is not a sector."); return }
        guard let date = TurnDate.parse(deadline) else { rejectOrder(b, "the deadline \(deadline) is not a date like 2030-Q4."); return }
        let t = scenario.calendar.turnIndex(of: date)
        guard t > turn else { rejectOrder(b, "a mandate's deadline must be in the future."); return }
        guard pay(b, order, "a migration mandate") else { return }
        state.blocs[b].mandates[s] = t
        change(b, .support, by: -1, narrative ? "compliance burden of the \(scenario.sectors[s].name) mandate" : "")
        change(b, .gdp, by: -state.blocs[b].gdp * 0.0003, narrative ? "compliance cost of the \(scenario.sectors[s].name) mandate" : "")
        if narrative { news(.investment, "\(name(b)) mandates that \(scenario.sectors[s].name) be quantum-safe by \(scenario.calendar.label(t)).", audience: []) }
    }

    private mutating func chooseStandard(_ b: Int, _ family: StandardFamily, _ order: Order) {
        guard state.blocs[b].standard != family else { return }
        guard pay(b, order, "a change of standard family") else { return }
        let old = state.blocs[b].standard
        state.blocs[b].standard = family
        // Moving to or from hybrid keeps most work; a clean switch redoes more of it.
        let loss = (old == .hybrid || family == .hybrid) ? tuning.switchLoss / 2 : tuning.switchLoss
        for s in 0..<sectorCount {
            change(b, .pqc(sector: s), by: -state.blocs[b].pqc[s] * loss, narrative ? "re-engineering for the \(family.title) standard" : "")
        }
        if narrative { news(.investment, "\(name(b)) switches from the \(old.title) to the \(family.title) standard family.", audience: []) }
    }

    private mutating func deployQKD(_ b: Int, _ billion: Double, _ satellite: Bool, _ order: Order) {
        let amount = satellite ? 0.4 : clamp(billion, 0, 5)
        guard amount > 0, pay(b, order, satellite ? "a QKD satellite" : "a QKD deployment") else { return }
        change(b, .gdp, by: -amount / 1000, satellite ? "QKD satellite launch" : "QKD build-out")
        if satellite {
            state.blocs[b].qkdSatellites += 1
            change(b, .qkdKm, by: 1000, "QKD satellite ground links")
            if narrative { news(.investment, "\(name(b)) launches a QKD satellite.", audience: []) }
        } else {
            change(b, .qkdKm, by: amount * tuning.qkdPerBn * 0.8, "extra QKD deployment")
            if narrative { news(.investment, "\(name(b)) funds USD \(fmt(amount)) bn of new QKD links.", audience: []) }
        }
    }

    /// Donors of each capacity-building fund pay developing members.
    private mutating func capacityFunds(_ extra: inout [Double]) {
        // Treaties are tested in place and only the matching ones copied (copying every treaty of
        // the game to test it retained and released each one).
        for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .capacityFund {
            let treaty = state.treaties[k]
            let members = treaty.members
            let recipients = members.filter { scenario.blocs[$0].developing }
            let donors = members.filter { !scenario.blocs[$0].developing }
            guard !recipients.isEmpty, !donors.isEmpty else { continue }
            let each = (treaty.terms.contribution ?? 0.05) * dt
            var pot = 0.0
            let cause = narrative ? "contribution to \(treaty.name)" : ""
            for d in donors {
                pot += each
                change(d, .gdp, by: -each / 1000, cause)
                state.blocs[d].influencePoints += each * 8
            }
            for r in recipients { extra[r] += pot / Double(recipients.count) / dt }
        }
    }

    /// Each joint-lab member pools part of its computing spend; the pool's progress is shared
    /// with a synergy bonus, so members with small budgets gain most.
    private mutating func jointLabPools() -> [Double] {
        var shares = [Double](repeating: 0, count: n)
        for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .jointLab {
            let treaty = state.treaties[k]
            let members = treaty.members
            guard members.count >= 2 else { continue }
            let pct = (treaty.terms.contribution ?? 10) / 100
            var pool = 0.0
            for m in members { pool += annual(m, .computing) * pct }
            let each = pool * 1.3 / Double(members.count)
            for m in members {
                var got = each - annual(m, .computing) * pct
                for v in treaty.violations where v.bloc == m && v.active { got += each * 0.2 } // siphoning results
                shares[m] += got
            }
            if let host = treaty.terms.host {
                state.blocs[host].influencePoints += 0.4
            }
        }
        return shares
    }

    /// Yearly spend on a track, USD bn.
    @inline(__always)
    func annual(_ b: Int, _ track: Track) -> Double {
        state.blocs[b].budget * state.blocs[b].allocation[track.index] / 100
    }

    /// The talent multiplier: the square root of the workforce against the reference.
    @inline(__always)
    func talent(_ b: Int) -> Double {
        Formulas.talent(workforce: state.blocs[b].workforce, rules: scenario.rules)
    }

    func qkdCover(_ b: Int) -> Double {
        let km = state.blocs[b].qkdKm
        return clamp(tuning.qkdMax * km / (km + tuning.qkdHalf) + 0.03 * Double(state.blocs[b].qkdSatellites), 0, min(1, tuning.qkdMax + 0.1))
    }

    func researchPartners(_ b: Int) -> [Int] {
        var out: [Int] = []
        for o in 0..<n where o != b && (index.bound(.researchPact, b, o) || index.bound(.jointLab, b, o)) { out.append(o) }
        return out
    }

    private mutating func invest(_ b: Int, _ extraDev: Double, _ labShare: Double, _ exchangeCauses: [String]) {
        var dice = rng(.investment, item: b)
        let T = talent(b)
        let M = supplyMultiplier[b]
        var partnerCount = 0
        for o in 0..<n where o != b && (index.bound(.researchPact, b, o) || index.bound(.jointLab, b, o)) { partnerCount += 1 }
        let coop = 1 + 0.06 * Double(min(partnerCount, 5))

        // Computing: public money (budget × allocation, plus joint-lab pooling) and private capital,
        // with diminishing returns; under controls, what the bloc has built for itself (self-reliance)
        // cancels that share of the cut. Growth comes from more physical qubits and from a falling
        // error rate (fewer physical qubits per logical one), each scaled by the bloc's own outlook.
        let publicSpend = max(0, annual(b, .computing) + labShare)
        let compSpend = publicSpend + scenario.blocs[b].privateCapital
        let reliance = state.blocs[b].selfReliance ?? 0
        let controlled = supplyMultiplier[b] < 1 || systemsPenalty[b] + softwarePenalty[b] > 0
        let Meff = M + (1 - M) * reliance
        let cut = (systemsPenalty[b] + softwarePenalty[b]) * (1 - reliance)
        let E = compSpend * T * Meff * coop * (1 - premiumBurn[b] * (1 - reliance)) * max(0.3, 1 - cut)
        let ob = outlooks[b]
        let before = state.blocs[b].computing
        // Past the threshold, engineering scale-up slows: a CRQC does not run away.
        let bound = before >= state.world.crqcLogicalQubits ? tuning.postCRQCGrowth : 1
        let gPhysical = Formulas.computingRate(effectiveSpend: E, rules: scenario.rules) * ob * bound
        let noise = 1 + tuning.compNoise * dice.symmetric()
        change(b, .computing, by: before * gPhysical * dt * noise, "more physical qubits")
        let p0 = state.blocs[b].errorRate ?? Formulas.defaultErrorRate
        let fall = min(0.5, Formulas.errorRateDecline(effectiveSpend: E, rules: scenario.rules) * ob * bound) * dt * (1 + tuning.compNoise * dice.symmetric())
        let p1 = max(Formulas.errorFloor, p0 * (1 - max(0, fall)))
        if p1 < p0 {
            state.blocs[b].errorRate = p1
            let now = state.blocs[b].computing
            change(b, .computing, by: now * (Formulas.physicalPerLogical(errorRate: p0) / Formulas.physicalPerLogical(errorRate: p1) - 1),
                   "lower error rates: fewer physical qubits per logical qubit")
        }
        // A controlled bloc builds its own fridges, components and software with state money.
        if controlled && tuning.selfRelianceRate > 0 {
            let stateSpend = publicSpend + annual(b, .supply)
            let x = stateSpend / (stateSpend + tuning.compHalf)
            state.blocs[b].selfReliance = min(1, reliance + tuning.selfRelianceRate * x * (1 - reliance) * dt)
        }
        let pBreak = tuning.btChance * E / (E + tuning.compHalf)
        if dice.chance(pBreak) {
            let gain = state.blocs[b].computing * (tuning.btBoost - 1) * bound
            change(b, .computing, by: gain, "a breakthrough in error correction", secret: true)
            state.blocs[b].breakthroughs += 1
            var audience = [b]
            for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .cbm
                && state.treaties[k].isMember(b) && !isViolating(b, state.treaties[k]) {
                for m in state.treaties[k].members where !audience.contains(m) { audience.append(m) }
            }
            if narrative { news(.investment, "\(owner(b)) labs report a breakthrough: logical qubits jump by \(Int((tuning.btBoost - 1) * bound * 100)) %.", audience: audience.count > 1 ? audience.sorted() : [b]) }
        }
        // The growth trend that projections (Mosca, the Q-Day clock) read: this turn's growth
        // averaged with the trend so far (a memory of about two years), so one noisy quarter moves
        // the clock by a small part of its jump instead of whipsawing it; a breakthrough still shows.
        let latest = before > 0 ? (state.blocs[b].computing / before - 1) / dt : 0
        let weight = min(1, dt) / 2
        state.blocs[b].computingGrowthRate = weight * latest + (1 - weight) * state.blocs[b].computingGrowthRate

        // Sensing closes part of the gap to 100.
        let Es = annual(b, .sensing) * T * M * (1 - premiumBurn[b])
        let gs = Formulas.sensingRate(effectiveSpend: Es, rules: scenario.rules)
        change(b, .sensing, by: (100 - state.blocs[b].sensing) * gs * dt, "sensing investment")

        // Communication builds QKD kilometres.
        change(b, .qkdKm, by: Formulas.qkdKm(spend: annual(b, .communication), talent: T, rules: scenario.rules) * dt, "QKD network investment")

        // Workforce: education pays off after the lag; attrition; talent exchanges; talent controls.
        let arriving = state.blocs[b].pipeline.first ?? 0
        if !state.blocs[b].pipeline.isEmpty {
            state.blocs[b].pipeline.removeFirst()
            let trained = (annual(b, .workforce) + extraDev * 0.5) * dt * tuning.wfPerBn * (1 - talentPenalty[b])
            state.blocs[b].pipeline.append(trained)
        }
        change(b, .workforce, by: arriving, "graduates of earlier education spending")
        change(b, .workforce, by: -state.blocs[b].workforce * tuning.wfAttrition * dt, "attrition")
        if index.isMember(.talentExchange, b) {
            for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .talentExchange && state.treaties[k].isMember(b) {
                let members = state.treaties[k].members
                let cause = narrative ? exchangeCauses[k] : ""
                for m in members where m != b {
                    let gain = 0.01 * dt * min(state.blocs[b].workforce, state.blocs[m].workforce) / Double(max(1, members.count - 1))
                    change(b, .workforce, by: gain, cause)
                }
            }
        }

        // PQC migration per sector.
        migrate(b, extraDev: extraDev)

        // Supply: own production of chokepoint components, taken from the uncommitted rest of the world first.
        let supplySpend = annual(b, .supply)
        if supplySpend > 0 {
            let boost = index.isMember(.supplyPact, b) ? 1.25 : 1.0
            for c in 0..<chokeCount {
                let gain = tuning.supplyRate * supplySpend * dt * boost * (1 - state.blocs[b].supply[c])
                growSupply(b, c, gain)
            }
        }
    }

    /// Grows a bloc's world share of a chokepoint, conserving the world total of 1.
    ///
    /// Every sum of shares is taken in bloc order, as `set(_:.supply(c):_)` takes it, so the
    /// results are those of the general field dispatch to the last bit; the sums are only gathered
    /// in the passes the function makes anyway instead of once more per change.
    private mutating func growSupply(_ b: Int, _ c: Int, _ want: Double) {
        guard want > 0 else { return }
        // The world total and the investor's rivals' part of it, in one pass.
        var total = 0.0, rivals = 0.0
        for o in 0..<n {
            let share = state.blocs[o].supply[c]
            total += share
            if o != b { rivals += share }
        }
        let fromRest = min(want, max(0, 1 - total))
        var remaining = want - fromRest
        shiftSupply(b, c, by: fromRest, rivals: rivals, cause: -1)
        if remaining > 1e-12 {
            // Compete for others' share, proportionally.
            let others = total - state.blocs[b].supply[c]
            guard others > 0 else { return }
            remaining = min(remaining, others * 0.05)
            // Every producer loses its part; the investor gains the sum in one change (so the
            // world total is summed once, not once per producer: linear in the number of blocs).
            var taken = 0.0
            var rivalsAfter = 0.0
            for o in 0..<n where o != b {
                let before = state.blocs[o].supply[c]
                if before > 0 {
                    // A shrinking share never needs the world's sum.
                    shiftSupply(o, c, by: -(remaining * before / others), rivals: .nan, cause: b)
                    taken += before - state.blocs[o].supply[c]
                }
                rivalsAfter += state.blocs[o].supply[c]
            }
            shiftSupply(b, c, by: taken, rivals: rivalsAfter, cause: -1)
        }
    }

    /// `change(b, .supply(chokepoint: c), by: delta, cause)` written out for the supply field (the
    /// same arithmetic and ledger entry, without the general field dispatch). `rivals` is the sum
    /// of the other blocs' shares in bloc order (read only when the share grows); `cause` is −1 for
    /// the bloc's own investment, or the investor who took the share.
    @inline(__always)
    private mutating func shiftSupply(_ b: Int, _ c: Int, by delta: Double, rivals: Double, cause: Int) {
        guard delta.isFinite, delta != 0 else { return }
        let old = state.blocs[b].supply[c]
        let raw = old + delta
        guard raw.isFinite else { return }
        let new: Double
        if raw <= old {
            new = max(0, raw)
        } else {
            // A bloc can only take what no other bloc produces.
            new = clamp(raw, 0, max(0, 1 - rivals))
        }
        state.blocs[b].supply[c] = new
        if narrative {
            record(b, supplyNames[c], cause < 0 ? "supply-chain investment" : tables.supplyLostCauses[cause], new - old)
        }
    }

    /// Whether two blocs' standard families interoperate (same family, hybrid, or bridged by an accord).
    @inline(__always)
    func compatible(_ a: Int, _ b: Int) -> Bool {
        let fa = state.blocs[a].standard, fb = state.blocs[b].standard
        if fa == fb && fa != .national { return true }
        if fa == .hybrid || fb == .hybrid { return true }
        return index.bound(.pqcAccord, a, b)
    }

    /// Major partners: members of a treaty in force with `b`, or blocs it trusts above 50.
    func majorPartners(_ b: Int) -> [Int] {
        var out: [Int] = []
        for o in 0..<n where o != b && (state.trust[b * n + o] > 50 || index.anyPair[b * n + o]) { out.append(o) }
        return out
    }

    private mutating func migrate(_ b: Int, extraDev: Double) {
        // The PQC track of the quantum budget, plus the IT and cyber money the scenario states
        // (`pqcBudget`), which a small quantum budget does not limit (issue 14 item 3).
        let spend = annual(b, .pqc) + scenario.blocs[b].pqcBudget + extraDev * 0.5
        // Market-driven migration happens even without public money; ordinary effort (1) is reached
        // when spend equals pqcHalfSpend × sqrt(GDP); the most money can buy is 1.6.
        var effort = Formulas.pqcEffort(spend: spend, gdp: state.blocs[b].gdp, talent: talent(b), rules: scenario.rules)
        effort *= 1 - 0.5 * softwarePenalty[b]
        let accord = index.isMember(.pqcAccord, b)
        if accord { effort *= tuning.accordBoost }
        var mismatched = 0
        for p in 0..<n where p != b && (state.trust[b * n + p] > 50 || index.anyPair[b * n + p]) && !compatible(b, p) { mismatched += 1 }
        effort *= max(0.6, 1 - tuning.interop * Double(mismatched))
        if state.blocs[b].standard == .hybrid { effort *= 0.97 }
        if state.blocs[b].scrambleTurns > 0 { effort *= 1.5 }
        for s in 0..<sectorCount {
            let f = state.blocs[b].pqc[s]
            var pace = tuning.pqcPace * effort
            let deadline = state.blocs[b].mandates[s]
            if deadline >= turn {
                let yearsLeft = max(dt, Double(deadline - turn + 1) * dt)
                let required = max(0, 0.95 - f) / yearsLeft
                pace = max(pace, min(required, pace * tuning.mandateBoost))
            }
            state.blocs[b].pqcPace[s] = f >= 1 ? 0 : pace
            let delta = min(1 - f, pace * dt)
            if delta > 0 {
                let cause = deadline >= turn ? "migration under mandate" : (accord ? "migration with shared accord tooling" : "migration spending")
                change(b, .pqc(sector: s), by: delta, cause)
            }
        }
    }

    /// Research partners pull each other along: a small share of the gap to a stronger partner,
    /// only through real research ties (research pacts and joint labs), halved by each of the
    /// partner's controls on systems and on talent toward the bloc, at most `spilloverCap` of the
    /// bloc's own qubits a year, and never past the CRQC threshold (a CRQC is built, not caught).
    private mutating func researchSpillover() {
        var gains = [Double](repeating: 0, count: n)
        var sensGains = [Double](repeating: 0, count: n)
        let ceiling = state.world.crqcLogicalQubits * 0.95
        for b in 0..<n {
            for p in 0..<n where p != b && (index.bound(.researchPact, b, p) || index.bound(.jointLab, b, p)) {
                var open = 1.0
                if restriction(p, b, .systems) != 0 { open *= 0.5 }
                if restriction(p, b, .talent) != 0 { open *= 0.5 }
                let lead = min(state.blocs[p].computing, ceiling)
                gains[b] += 0.01 * open * max(0, lead - state.blocs[b].computing)
                sensGains[b] += 0.01 * open * max(0, state.blocs[p].sensing - state.blocs[b].sensing)
            }
        }
        for b in 0..<n {
            let own = state.blocs[b].computing
            let gain = min(gains[b], tuning.spilloverCap * dt * own, max(0, ceiling - own))
            change(b, .computing, by: gain, "research cooperation spillover")
            change(b, .sensing, by: sensGains[b], "research cooperation spillover")
        }
    }
}
