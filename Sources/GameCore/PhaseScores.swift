/// Phase 8: scores and indices — governance, fragmentation, tension, the four pillars,
/// objectives and, at the end, the outcome. Phase 9 (news) records history and ends the turn.
extension Resolver {
    mutating func scoresPhase() {
        driftTrust()
        computeIndices()
        let rest = 15 + 0.45 * state.world.fragmentation - 0.2 * state.world.governance + (crqcCount() > 0 ? 10 : 0)
        changeTension(by: (rest - state.world.tension) * tuning.tensionRelax, "tension easing toward its resting level")
        computePillars()
        judgeObjectives(final: turn == scenario.calendar.turnCount - 1)
    }

    func crqcCount() -> Int {
        var c = 0
        for b in 0..<n where state.blocs[b].hasCRQC { c += 1 }
        return c
    }

    static func treatyWeight(_ type: TreatyType) -> Double {
        switch type {
        case .researchPact: return 0.5
        case .jointLab: return 1.2
        case .pqcAccord: return 1.5
        case .exportRegime: return 0.5
        case .cbm: return 1.5
        case .cryptanalysisNorm: return 2.0
        case .verificationRegime: return 1.5
        case .talentExchange: return 0.4
        case .supplyPact: return 0.7
        case .capacityFund: return 1.0
        }
    }

    /// Governance from what treaties in force do; fragmentation from the traffic-weighted standards
    /// mismatch, the controls weighted by what they cut, and distrust (issue 14, docs/model.md).
    ///
    /// Governance: each treaty counts its breadth (members' share of world GDP), verification and
    /// compliance (members not violating it), times its upkeep (the members' trust toward the proposer:
    /// a treaty nobody tends goes hollow as trust drifts back). Treaties of one type add up and
    /// saturate (s / (s + treatySaturation)), so copies of one pact count for little; the types are weighted by
    /// what they restrain and governance is 100 · x / (x + governanceHalf).
    mutating func computeIndices() {
        var worldGDP = 0.0
        for b in 0..<n { worldGDP += state.blocs[b].gdp }
        var typeScore = [Double](repeating: 0, count: TreatyType.allCases.count)
        for k in state.treaties.indices where state.treaties[k].status == .inForce {
            let members = state.treaties[k].members
            guard members.count >= 2 else { continue }
            let p = state.treaties[k].proposer
            var gdp = 0.0, verifiedCount = 0.0, compliant = 0.0, trustSum = 0.0
            // Most treaties have no violations and most blocs no verification regime: those answers
            // are known without asking for each member (which copied the treaty, and walked the
            // members again for every member).
            let anyViolation = !state.treaties[k].box.fields.violations.isEmpty
            for m in members {
                gdp += state.blocs[m].gdp
                if index.isMember(.verificationRegime, m) && verified(m, among: members) { verifiedCount += 1 }
                if !anyViolation || !isViolating(m, state.treaties[k]) { compliant += 1 }
                if p >= 0 && p < n && m != p { trustSum += state.trust[p * n + m] }
            }
            let count = Double(members.count)
            let breadth = worldGDP > 0 ? gdp / worldGDP : 0
            let depth = 1 + 0.5 * verifiedCount / count
            let upkeep = clamp(0.6 + trustSum / max(1, count - 1) / 100, 0.2, 1.2)
            typeScore[state.treaties[k].type.ordinal] += breadth * depth * (compliant / count) * upkeep
        }
        var x = 0.0
        for t in TreatyType.allCases {
            let s = typeScore[t.ordinal]
            x += Resolver.treatyWeight(t) * s / (s + tuning.treatySaturation)
        }
        let oldG = state.world.governance
        state.world.governance = 100 * x / (x + tuning.governanceHalf)
        record(-1, "governance", "what treaties in force do: breadth, verification, compliance, upkeep", state.world.governance - oldG)

        // Fragmentation: every pair weighted by its traffic (product of GDPs). Standards mismatch
        // unless bridged (same family, hybrid, PQC accord); controls by the categories each side
        // cuts (a regime cuts fully, a unilateral control leaks); distrust.
        let leakless = 1 - tuning.leak
        // Each category's two possible cut terms, `weight * (regime ? 1 : 0.5 + 0.5 * leakless) / 2`,
        // are worked out once a turn instead of once per pair and direction (the same operations
        // on the same values, so the same bits), with the category's offset in the restriction table.
        let nn = n * n
        var cutBase: [Int] = [], cutByRegime: [Double] = [], cutUnilateral: [Double] = []
        for (category, weight) in Resolver.controlWeights {
            cutBase.append(TreatyIndex.categoryIndex(category) * nn)
            cutByRegime.append(weight * 1 / 2)
            cutUnilateral.append(weight * (0.5 + 0.5 * leakless) / 2)
        }
        var pairWeight = 0.0, mismatch = 0.0, cutWeight = 0.0, distrust = 0.0
        for a in 0..<n {
            for b in (a + 1)..<n {
                let w = state.blocs[a].gdp * state.blocs[b].gdp
                pairWeight += w
                if !compatible(a, b) { mismatch += w }
                var cut = 0.0
                for c in cutBase.indices {
                    // restriction(a, b, category) and restriction(b, a, category), read from the table.
                    let there = index.restrict[cutBase[c] + a * n + b], back = index.restrict[cutBase[c] + b * n + a]
                    if there != 0 { cut += there == 1 ? cutByRegime[c] : cutUnilateral[c] }
                    if back != 0 { cut += back == 1 ? cutByRegime[c] : cutUnilateral[c] }
                }
                cutWeight += w * cut
                distrust += w * max(0, -state.trust[a * n + b]) / 100
            }
        }
        let standards = pairWeight > 0 ? mismatch / pairWeight : 0
        let controls = pairWeight > 0 ? min(1, tuning.fragmentationControls * cutWeight / pairWeight) : 0
        let decoupling = pairWeight > 0 ? min(1, tuning.fragmentationDistrust * distrust / pairWeight) : 0
        let oldF = state.world.fragmentation
        state.world.fragmentation = 100 * (0.4 * standards + 0.35 * controls + 0.25 * decoupling)
        record(-1, "fragmentation", "standards mismatch, controls and distrust, weighted by traffic", state.world.fragmentation - oldF)
    }

    /// What each control category cuts, for fragmentation: hardware most, then software and talent.
    static let controlWeights: [(ControlCategory, Double)] = [(.systems, 0.35), (.components, 0.35), (.software, 0.15), (.talent, 0.15)]

    /// Trust drifts back toward its starting level: goodwill from a signature or a summit fades
    /// without upkeep, and so does anger after a scandal.
    mutating func driftTrust() {
        let rate = tuning.trustDrift
        guard rate > 0 else { return }
        for a in 0..<n {
            for b in (a + 1)..<n {
                let delta = (tables.baseTrust[a * n + b] - state.trust[a * n + b]) * rate
                if abs(delta) > 1e-9 { changeTrust(a, b, by: delta, narrative ? "trust drifting back without upkeep" : "") }
            }
        }
    }

    /// Each bloc's years to the CRQC threshold at its current growth (0 with a CRQC): computed once
    /// per pass so that every bloc's rival clock does not recompute every other bloc's.
    func yearsToThresholdTable() -> [Double] {
        var out = [Double](repeating: 0, count: n)
        for o in 0..<n where !state.blocs[o].hasCRQC {
            out[o] = Mosca.yearsToThreshold(computing: state.blocs[o].computing,
                                            growthPerYear: state.blocs[o].computingGrowthRate,
                                            threshold: state.world.crqcLogicalQubits)
        }
        return out
    }

    /// Years until a rival of `b` (a bloc it trusts less than 30) is projected to hold a CRQC
    /// (0 if one already does), from a `yearsToThresholdTable()`.
    func yearsToRivalCRQC(_ b: Int, _ years: [Double]) -> Double {
        var best = 50.0
        for o in 0..<n where o != b && state.trust[b * n + o] < Mosca.rivalTrust {
            if state.blocs[o].hasCRQC { return 0 }
            best = min(best, years[o])
        }
        return best
    }

    func moscaStatuses(_ b: Int, _ years: [Double]) -> [MoscaStatus] {
        let z = yearsToRivalCRQC(b, years)
        var out: [MoscaStatus] = []
        out.reserveCapacity(sectorCount)
        for s in 0..<sectorCount {
            out.append(Mosca.status(shelfLife: scenario.sectors[s].shelfLife, migrated: state.blocs[b].pqc[s],
                                    pacePerYear: state.blocs[b].pqcPace[s], yearsToCRQC: z))
        }
        return out
    }

    /// The pillars' ledger names, in pillar order.
    static let pillarNames = Pillar.allCases.map(\.rawValue)

    /// What each pillar is recomputed from, for the why-ledger.
    static let pillarCause = [
        "follows migration, exposure, sensing, counter-intelligence and rival CRQCs",
        "follows computing, supply access, growth, talent and trade losses",
        "follows standards adopted, treaties led, aid, hosting and talent",
        "shared: follows governance, tension and CRQCs",
    ]

    mutating func computePillars() {
        var maxComputing = 1.0, maxSensing = 1.0, totalWorkforce = 0.0
        for b in 0..<n {
            maxComputing = max(maxComputing, state.blocs[b].computing)
            maxSensing = max(maxSensing, state.blocs[b].sensing)
            totalWorkforce += state.blocs[b].workforce
        }
        let crqcs = crqcCount()
        let stability = clamp(0.4 * state.world.governance + 0.45 * (100 - state.world.tension) + (state.world.catastrophe ? 0 : 15) - 3 * Double(crqcs), 0, 100)
        // Adopters by family for standards influence.
        var familyGDP = [Double](repeating: 0, count: StandardFamily.allCases.count)
        var totalGDP = 0.0
        for b in 0..<n {
            familyGDP[Int(state.blocs[b].standard.code)] += state.blocs[b].gdp
            totalGDP += state.blocs[b].gdp
        }
        let years = yearsToThresholdTable()
        // Treaties in force each bloc led, counted in one pass.
        var ledCount = [Double](repeating: 0, count: n)
        for k in state.treaties.indices where state.treaties[k].status == .inForce {
            let p = state.treaties[k].proposer
            if p >= 0 && p < n { ledCount[p] += 1 }
        }
        for b in 0..<n {
            var weighted = 0.0, weights = 0.0, red = 0.0
            // `moscaStatuses(b, years)[s] == .red`, without building the list of statuses per bloc.
            let z = yearsToRivalCRQC(b, years)
            for s in 0..<sectorCount {
                let w = scenario.sectors[s].weight
                weighted += w * state.blocs[b].pqc[s]
                weights += w
                if Mosca.status(shelfLife: scenario.sectors[s].shelfLife, migrated: state.blocs[b].pqc[s],
                                pacePerYear: state.blocs[b].pqcPace[s], yearsToCRQC: z) == .red { red += w }
            }
            let migrated = weights > 0 ? weighted / weights : 0
            let redShare = weights > 0 ? red / weights : 0
            var exposure = 0.0
            for x in state.blocs[b].exposure { exposure += x }
            var rivalCRQC = false
            for o in 0..<n where o != b && state.blocs[o].hasCRQC { rivalCRQC = true }
            let security = 30 + 30 * migrated + 12 * state.blocs[b].sensing / maxSensing + 8 * state.blocs[b].counterintel / 100
                + (rivalCRQC && !state.blocs[b].hasCRQC ? 0 : 10) - 10 * redShare - 40 * exposure / (exposure + 10)

            var access = 0.0
            for a in state.blocs[b].access { access += a }
            let meanAccess = chokeCount > 0 ? access / Double(chokeCount) : 1
            let growthIndex = state.blocs[b].gdp / scenario.blocs[b].gdp - 1
            let prosperity = 25 + 25 * (state.blocs[b].computing / maxComputing).squareRoot() + 20 * meanAccess
                + clamp(growthIndex * 150, -10, 20) + 10 * (totalWorkforce > 0 ? (state.blocs[b].workforce / totalWorkforce * Double(n) / 3).squareRoot() : 0)
                - min(20, state.blocs[b].tradeLoss * 10)

            // Standards influence: owners of a shared family gain from the GDP of others on it.
            var standardsInfluence = 0.0
            if state.blocs[b].standard != .national && totalGDP > 0 {
                let adopters = familyGDP[Int(state.blocs[b].standard.code)] - state.blocs[b].gdp
                standardsInfluence = 15 * adopters / totalGDP * (state.blocs[b].gdp / totalGDP * Double(n) / 2).squareRoot()
            }
            let led = ledCount[b]
            let influence = 15 + min(20, standardsInfluence) + min(20, led * 4) + min(25, state.blocs[b].influencePoints)
                + 10 * (totalWorkforce > 0 ? state.blocs[b].workforce / totalWorkforce * Double(n) / 3 : 0) + (state.blocs[b].crqcPublic ? 5 : 0)

            let pillars = [clamp(security, 0, 100), clamp(prosperity, 0, 100), clamp(influence, 0, 100), stability]
            for p in 0..<4 where abs(pillars[p] - state.blocs[b].pillars[p]) > 1e-12 {
                record(b, Resolver.pillarNames[p], Resolver.pillarCause[p], pillars[p] - state.blocs[b].pillars[p])
            }
            state.blocs[b].pillars = pillars
            let w = scenario.rules.weights(scenario.blocs[b].doctrine)
            var total = 0.0, sum = 0.0
            for p in 0..<4 { total += w[p] * pillars[p]; sum += w[p] }
            var points = 0.0
            for k in scenario.blocs[b].objectives.indices where state.blocs[b].objectives[k] == .met { points += scenario.blocs[b].objectives[k].points }
            state.blocs[b].score = (sum > 0 ? total / sum : 0) + points
        }
    }

    private mutating func judgeObjectives(final: Bool) {
        for b in 0..<n {
            for k in scenario.blocs[b].objectives.indices where state.blocs[b].objectives[k] == .pending {
                let by = scenario.blocs[b].objectives[k].by
                let due = by.map { $0 <= turn } ?? final
                guard due || (final && by != nil) else { continue }
                let o = scenario.blocs[b].objectives[k]
                let met = evaluate(o.condition.expr, current: b) != 0
                state.blocs[b].objectives[k] = met ? .met : .failed
                state.blocs[b].score += met ? o.points : 0
                if narrative { news(.objective, "\(name(b)) \(met ? "met" : "missed") its objective: \(endingSentence(o.text))", audience: o.secret ? [b] : []) }
            }
        }
    }

    mutating func newsPhase() {
        var records: [BlocRecord] = []
        records.reserveCapacity(n)
        let years = yearsToThresholdTable()
        for b in 0..<n {
            // Fields read in place (a copy of the whole bloc state per bloc and turn was measurable).
            var exposure = 0.0
            for x in state.blocs[b].exposure { exposure += x }
            records.append(BlocRecord(computing: state.blocs[b].computing, sensing: state.blocs[b].sensing,
                                      qkdKm: state.blocs[b].qkdKm, workforce: state.blocs[b].workforce,
                                      support: state.blocs[b].support, gdp: state.blocs[b].gdp, budget: state.blocs[b].budget,
                                      pqc: state.blocs[b].pqc, pillars: state.blocs[b].pillars, score: state.blocs[b].score,
                                      exposure: exposure, hasCRQC: state.blocs[b].hasCRQC, mosca: moscaStatuses(b, years)))
        }
        state.history.append(TurnRecord(turn: turn, blocs: records, tension: state.world.tension, governance: state.world.governance,
                                        fragmentation: state.world.fragmentation, crqcLogicalQubits: state.world.crqcLogicalQubits))
        // Next turn's political capital arrives now, so what a delegation sees is what it can spend.
        for b in 0..<n {
            let income = state.blocs[b].capitalIncome * (state.blocs[b].support < 20 ? 0.5 : 1)
            let cap = state.blocs[b].capitalIncome * tuning.capitalBank
            state.blocs[b].capital = min(cap, state.blocs[b].capital + income)
        }
        state.turn = turn + 1
        if state.turn >= scenario.calendar.turnCount {
            let outcome = Outcomes.judge(state, scenario)
            state.outcome = outcome
            if narrative { news(.outcome, "The game is over: \(outcome.title). \(outcome.explanation)", audience: []) }
        }
    }
}

/// Mosca's inequality: shelf life (x) + migration time (y) against time to a CRQC (z).
public enum Mosca {
    /// Blocs trusted less than this count as adversaries in Mosca's inequality and the Q-Day clock.
    public static let rivalTrust = 30.0

    /// Years for `computing` growing at `growthPerYear` to reach `threshold` (capped at 50).
    /// Counted in quarter steps with multiplication only (no `log`), so it gives the same bits everywhere.
    public static func yearsToThreshold(computing: Double, growthPerYear: Double, threshold: Double) -> Double {
        if computing >= threshold { return 0 }
        let g = max(0, growthPerYear)
        guard g > 0.001, computing > 0 else { return 50 }
        let step = 1 + g / 4
        return Double(quarterSteps(from: computing, step: step, threshold: threshold)) / 4
    }

    /// How many multiplications by `step` take `start` to `threshold` (at most 200), exactly as
    /// multiplying one quarter at a time would count them. The count is found first with powers
    /// of `step` (eight squarings instead of up to 200 products); only when the answer lies within
    /// a billionth of the threshold — where rounding could decide it — are the quarters stepped.
    static func quarterSteps(from start: Double, step: Double, threshold: Double) -> Int {
        var powers: (Double, Double, Double, Double, Double, Double, Double, Double) = (step, 0, 0, 0, 0, 0, 0, 0)
        powers.1 = powers.0 * powers.0; powers.2 = powers.1 * powers.1; powers.3 = powers.2 * powers.2
        powers.4 = powers.3 * powers.3; powers.5 = powers.4 * powers.4; powers.6 = powers.5 * powers.5
        powers.7 = powers.6 * powers.6
        var c = start
        var below = 0 // the most steps that stay below the threshold
        func tryStep(_ power: Double, _ count: Int) {
            if c * power < threshold { c *= power; below += count }
        }
        tryStep(powers.7, 128); tryStep(powers.6, 64); tryStep(powers.5, 32); tryStep(powers.4, 16)
        tryStep(powers.3, 8); tryStep(powers.2, 4); tryStep(powers.1, 2); tryStep(powers.0, 1)
        if below >= 200 { return 200 }
        if c < threshold * (1 - 1e-9) && c * step >= threshold * (1 + 1e-9) { return below + 1 }
        var exact = start
        var quarters = 0
        while exact < threshold && quarters < 200 { exact *= step; quarters += 1 }
        return quarters
    }

    /// Years to finish migrating a sector at its current pace (capped at 50).
    public static func yearsToMigrate(migrated: Double, pacePerYear: Double) -> Double {
        if migrated >= 0.999 { return 0 }
        guard pacePerYear > 0.0001 else { return 50 }
        return min(50, (1 - migrated) / pacePerYear)
    }

    public static func status(shelfLife: Double, migrated: Double, pacePerYear: Double, yearsToCRQC z: Double) -> MoscaStatus {
        let x = migrated >= 0.999 ? 0 : shelfLife
        let y = yearsToMigrate(migrated: migrated, pacePerYear: pacePerYear)
        // No rival CRQC within the 50-year horizon: nothing harvested today will be read.
        if z >= 50 { return .green }
        if x + y > z { return .red }
        if x + y > z - 3 { return .amber }
        return .green
    }
}
