extension GameState {
    /// The state at the start of a scenario, before the first turn.
    public static func initial(_ scenario: Scenario) -> GameState {
        let n = scenario.blocs.count
        let s = scenario.sectors.count
        let lag = max(1, Int(scenario.rules[.workforceLagYears] * Double(scenario.calendar.turnsPerYear) + 0.5))
        var blocs: [BlocState] = []
        for def in scenario.blocs {
            var known = [Bool](repeating: false, count: n)
            known[blocs.count] = true
            blocs.append(BlocState(
                gdp: def.gdp, budget: def.budget, capitalIncome: def.capital, capital: def.capital,
                support: def.support, allocation: def.allocation, computing: def.computing,
                sensing: def.sensing, qkdKm: def.qkdKm, qkdSatellites: 0, workforce: def.workforce,
                pipeline: [Double](repeating: 0, count: lag), sigint: def.sigint, counterintel: def.counterintel,
                standard: def.standard, pqc: def.pqc, pqcPace: [Double](repeating: 0, count: s),
                computingGrowthRate: 0, mandates: [Int](repeating: -1, count: s),
                supply: def.supply, access: [Double](repeating: 1, count: scenario.chokepoints.count),
                crqcTurn: nil, crqcPublic: false, crqcKnownBy: known, decrypting: false, scrambleTurns: 0,
                counterCampaign: false, breakthroughs: 0, pillars: [50, 50, 50, 50], score: 0,
                objectives: def.objectives.map { _ in .pending },
                objectivesRevealedTo: [Bool](repeating: false, count: n),
                exposure: [Double](repeating: 0, count: s), windfall: 0, influencePoints: 0, tradeLoss: 0,
                errorRate: def.errorRate, selfReliance: 0))
        }
        var trust = [Double](repeating: 0, count: n * n)
        for i in 0..<n { trust[i * n + i] = 100 }
        for r in scenario.relations {
            trust[r.a * n + r.b] = r.trust
            trust[r.b * n + r.a] = r.trust
        }
        var treaties: [Treaty] = []
        for t in scenario.treaties {
            let k = t.parties.count
            treaties.append(Treaty(
                id: treaties.count + 1, type: t.type, name: t.name ?? defaultTreatyName(t.type, t.parties, scenario),
                proposer: t.parties[0], parties: t.parties, answers: [Answer](repeating: .accepted, count: k),
                ratifyAt: [Int](repeating: -2, count: k), withdrawn: [Bool](repeating: false, count: k),
                status: .inForce, proposedTurn: t.since, signedTurn: t.since, inForceTurn: t.since, endedTurn: nil,
                terms: t.terms, violations: []))
        }
        var controls: [ExportControl] = []
        for c in scenario.controls {
            for target in c.against {
                for cat in c.categories where !controls.contains(where: { $0.by == c.by && $0.target == target && $0.category == cat }) {
                    controls.append(ExportControl(by: c.by, target: target, category: cat, since: -1))
                }
            }
        }
        var state = GameState(
            turn: 0, blocs: blocs, trust: trust,
            world: WorldState(tension: 35, governance: 0, fragmentation: 0,
                              crqcLogicalQubits: scenario.rules[.crqcLogicalQubits], catastrophe: false),
            treaties: treaties, controls: controls, harvests: [], stockpile: [], archive: [], messages: [],
            eventFired: [Int](repeating: 0, count: scenario.events.count), dilemmas: [], freeActions: [],
            news: [], ledger: [], history: [], intelFreshness: [Int](repeating: 0, count: n * n), outcome: nil,
            nextTreatyID: treaties.count + 1, nextMessageID: 1, nextDilemmaID: 1, nextActionID: 1)
        // Derived values (access, indices, pillars) so the first briefing shows real numbers.
        var r = Resolver(scenario: scenario, seed: scenario.seed, state: state, commands: [], narrative: false)
        r.rebuildIndex()
        r.computeAccess()
        // Paces and growth rates before any turn: what current budgets buy (so Mosca and the
        // Q-Day clock have real numbers in the first briefing).
        for b in 0..<n {
            let bloc = r.state.blocs[b]
            let preview = Formulas.preview(bloc: bloc, allocation: bloc.allocation, rules: scenario.rules,
                                           privateCapital: scenario.blocs[b].privateCapital,
                                           pqcBudget: scenario.blocs[b].pqcBudget)
            r.state.blocs[b].computingGrowthRate = preview[0]
            r.state.blocs[b].pqcPace = bloc.pqc.map { $0 >= 1 ? 0 : scenario.rules[.pqcBasePace] * preview[4] }
        }
        r.computeIndices()
        r.state.world.tension = max(10, min(90, 15 + 0.45 * r.state.world.fragmentation - 0.2 * r.state.world.governance + 12))
        r.computePillars()
        state = r.state
        return state
    }

    static func defaultTreatyName(_ type: TreatyType, _ parties: [Int], _ scenario: Scenario) -> String {
        // "<title> US–EU–JP–KR +2": written into one string (mapping, joining and interpolating
        // built four for every proposal of every game).
        var name = type.title
        name.reserveCapacity(name.utf8.count + 48)
        name.append(" ")
        for i in 0..<min(4, parties.count) {
            if i > 0 { name.append("–") }
            name.append(scenario.blocs[parties[i]].id)
        }
        if parties.count > 4 {
            name.append(" +")
            name.append(String(parties.count - 4))
        }
        return name
    }
}

extension GameState {
    /// An empty state that holds no storage: what a `Game` keeps for the moment its real state is
    /// with the resolver (so the resolver's arrays are uniquely referenced and change in place).
    static let placeholder = GameState(
        turn: 0, blocs: [], trust: [],
        world: WorldState(tension: 0, governance: 0, fragmentation: 0, crqcLogicalQubits: 0, catastrophe: false),
        treaties: [], controls: [], harvests: [], stockpile: [], archive: [], messages: [], eventFired: [],
        dilemmas: [], freeActions: [], news: [], ledger: [], history: [], intelFreshness: [], outcome: nil,
        nextTreatyID: 0, nextMessageID: 0, nextDilemmaID: 0, nextActionID: 0)
}
