/// What one viewer believes the whole game to be, and a way to play a turn forward on it: the
/// expert computer player's look-ahead (DESIGN §2) resolves candidate orders on this, never on the
/// true state, so it cannot foresee anything its bloc could not see.
extension GameState {
    /// A complete state built from `view` alone: the viewer's own bloc exactly as the view gives
    /// it; every other bloc from the viewer's estimates (central values), with the fields the view
    /// does not show — capital, allocation, pipeline, counter-intelligence, mandates, supply
    /// shares, secret objectives, a secret CRQC, exposure — taken from `scenario`'s starting
    /// values or neutral defaults; world values, trust, controls, the treaties (with only the
    /// violations the viewer knows of) and the harvest operations as the view shows them.
    ///
    /// `scenario` must be the view's scenario (the view carries it; passing it makes plain that
    /// nothing else is read). A facilitator's view has no estimates: every bloc is then taken from
    /// the view's exact values in the same way, without a `me`.
    public static func believed(from view: GameView, scenario: Scenario) -> GameState {
        let n = scenario.blocs.count
        let s = scenario.sectors.count
        let rules = scenario.rules
        let viewer = view.viewerIndex
        let lag = max(1, Int(rules[.workforceLagYears] * Double(scenario.calendar.turnsPerYear) + 0.5))

        var blocs: [BlocState] = []
        blocs.reserveCapacity(n)
        for b in 0..<n {
            if b == viewer, let me = view.me {
                blocs.append(me)
                continue
            }
            let def = scenario.blocs[b]
            let e = b < view.blocs.count ? view.blocs[b] : nil
            var known = [Bool](repeating: false, count: n)
            known[b] = true
            let crqc = e?.knownCRQC ?? false
            if crqc, let v = viewer { known[v] = true }
            var pqc = def.pqc
            if let e, e.pqc.count == s { pqc = e.pqc.map { min(1, max(0, $0.value)) } }
            var bloc = BlocState(
                gdp: e?.gdp.value ?? def.gdp, budget: e?.budget.value ?? def.budget,
                capitalIncome: def.capital, capital: def.capital, support: e?.support.value ?? def.support,
                allocation: def.allocation, computing: e?.computing.value ?? def.computing,
                sensing: e?.sensing.value ?? def.sensing, qkdKm: e?.qkdKm.value ?? def.qkdKm, qkdSatellites: 0,
                workforce: e?.workforce.value ?? def.workforce, pipeline: [Double](repeating: 0, count: lag),
                sigint: e?.sigint.value ?? def.sigint, counterintel: def.counterintel,
                standard: e?.standard ?? def.standard, pqc: pqc, pqcPace: [Double](repeating: 0, count: s),
                computingGrowthRate: 0, mandates: [Int](repeating: -1, count: s),
                supply: def.supply, access: [Double](repeating: 1, count: scenario.chokepoints.count),
                // A CRQC the viewer knows of is believed to exist (since when does not matter to the
                // engine); one it does not know of is believed not to.
                crqcTurn: crqc ? max(0, view.turn - 1) : nil, crqcPublic: false, crqcKnownBy: known,
                decrypting: false, scrambleTurns: 0, counterCampaign: false, breakthroughs: 0,
                pillars: e?.pillars ?? [50, 50, 50, 50], score: e?.score ?? 0,
                objectives: def.objectives.map { _ in .pending },
                objectivesRevealedTo: [Bool](repeating: false, count: n),
                exposure: [Double](repeating: 0, count: s), windfall: 0, influencePoints: 0, tradeLoss: 0)
            // Paces and growth as the believed budget and split would buy them (as at set-up).
            let preview = Formulas.preview(bloc: bloc, allocation: bloc.allocation, rules: rules,
                                           privateCapital: def.privateCapital, pqcBudget: def.pqcBudget)
            bloc.computingGrowthRate = preview[0]
            bloc.pqcPace = bloc.pqc.map { $0 >= 1 ? 0 : rules[.pqcBasePace] * preview[4] }
            blocs.append(bloc)
        }

        // Treaties with only the violations the viewer knows of (a treaty value carries all of them).
        var treaties: [Treaty] = []
        treaties.reserveCapacity(view.treaties.count)
        var nextTreaty = 1
        for tv in view.treaties {
            var t = tv.treaty
            if t.violations != tv.knownViolations { t.violations = tv.knownViolations }
            nextTreaty = max(nextTreaty, t.id + 1)
            treaties.append(t)
        }

        // The viewer's own unread stockpile, as the view summarises it: per victim, spread over the
        // sectors by weight, taken last turn.
        var stockpile: [HarvestLot] = []
        if let v = viewer {
            var weights = 0.0
            for sector in scenario.sectors { weights += sector.weight }
            for victim in view.stockpileByVictim.indices where view.stockpileByVictim[victim] > 0 {
                for k in 0..<s {
                    let share = weights > 0 ? scenario.sectors[k].weight / weights : 1 / Double(s)
                    stockpile.append(HarvestLot(harvester: v, victim: victim, sector: k, turn: max(0, view.turn - 1),
                                                volume: view.stockpileByVictim[victim] * share))
                }
            }
        }

        var trust = view.trust
        if trust.count != n * n {
            trust = [Double](repeating: 0, count: n * n)
            for i in 0..<n { trust[i * n + i] = 100 }
        }
        var nextDilemma = 1
        for d in view.dilemmas { nextDilemma = max(nextDilemma, d.id + 1) }
        var nextAction = 1
        for a in view.freeActions { nextAction = max(nextAction, a.id + 1) }
        var nextMessage = 1
        for m in view.messages { nextMessage = max(nextMessage, m.id + 1) }

        return GameState(
            turn: view.turn, blocs: blocs, trust: trust, world: view.world, treaties: treaties,
            controls: view.controls, harvests: view.harvests, stockpile: stockpile, archive: [], messages: [],
            // Which one-off events have fired is not on any screen: none is believed to have.
            eventFired: [Int](repeating: 0, count: scenario.events.count),
            dilemmas: view.dilemmas, freeActions: view.freeActions, news: [], ledger: [], history: [],
            intelFreshness: [Int](repeating: 0, count: n * n), outcome: view.outcome,
            nextTreatyID: nextTreaty, nextMessageID: nextMessage, nextDilemmaID: nextDilemma, nextActionID: nextAction)
    }

    /// The state after resolving its current turn with `commands`, by the game's own rules, with
    /// dice drawn from `seed` (a look-ahead passes its own seed, not the game's). Does nothing once
    /// the game is over. The input state is not changed. `narrative: false` leaves the turn's news
    /// and why-ledger empty and changes nothing else (see `Game.resolve`).
    public func resolvedTurn(scenario: Scenario, seed: UInt64, commands: [Command], narrative: Bool = true) -> GameState {
        guard !isOver else { return self }
        var r = Resolver(scenario: scenario, seed: seed, state: self, commands: commands, narrative: narrative)
        r.run()
        return r.state
    }
}
