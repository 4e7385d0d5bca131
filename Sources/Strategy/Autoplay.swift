import GameCore

/// Plays games with computer players in some or all seats (headless simulation, tests, forecasts).
public enum Autoplay {
    /// The orders of every computer seat for the current turn, in bloc order.
    /// `humans` lists bloc indices that are not played by the computer.
    public static func computerCommands(_ game: Game, level: AILevel, humans: [Int] = []) -> [Command] {
        computerCommands(game, level: level, humans: humans, scratch: PlannerScratch())
    }

    /// The same, with `scratch` handing order buffers from planner to planner (one for a whole game).
    static func computerCommands(_ game: Game, level: AILevel, humans: [Int] = [], scratch: PlannerScratch) -> [Command] {
        var commands: [Command] = []
        commands.reserveCapacity(8 * game.scenario.blocs.count)
        // What the views share is gathered once for all of them.
        let context = game.state.viewContext()
        let errors = level == .expert ? nil : game.state.fogErrorTable(baseError: game.scenario.rules[.estimateError])
        let scenario = level == .expert ? SharedScenario(game.scenario)
            : SharedScenario(game.scenario, controls: game.state.controls, blocCount: game.state.blocs.count)
        for b in 0..<game.scenario.blocs.count where !humans.contains(b) {
            if level == .expert {
                // The look-ahead rebuilds a believed state from the full view (every treaty).
                let view = game.state.view(for: .bloc(b), scenario: game.scenario, seed: game.seed, history: false, records: false,
                                           allTreaties: true, context: context)
                ComputerPlayer.appendOrders(for: b, view: PlanningView(view), level: level, seed: game.seed, to: &commands,
                                            scratch: scratch)
            } else {
                // The rest read only the planner's part of the view, built straight from the state.
                guard b < game.state.blocs.count else { continue }
                let view = PlanningView(state: game.state, viewer: b, scenario: scenario, seed: game.seed, context: context,
                                        errors: errors)
                ComputerPlayer.appendOrders(for: b, view: view, level: level, seed: game.seed, to: &commands, scratch: scratch)
            }
        }
        return commands
    }

    /// Plays `turns` turns (or to the end) with computer players on every side.
    /// `afterTurn` sees the game after each resolved turn (for invariant checks and progress).
    /// `recordsHashes: false` skips the per-turn state hash that only saves and replays need, and
    /// the news and why-ledger of every turn but the last (`afterTurn` sees them empty).
    public static func play(_ scenario: Scenario, seed: UInt64, turns: Int? = nil, level: AILevel = .standard,
                            recordsHashes: Bool = true, afterTurn: (Game) -> Void = { _ in }) -> Game {
        var game = Game(scenario: scenario, seed: seed, recordsHashes: recordsHashes)
        continuePlaying(&game, turns: turns, level: level, afterTurn: afterTurn)
        return game
    }

    /// Plays on an existing game.
    public static func continuePlaying(_ game: inout Game, turns: Int? = nil, level: AILevel = .standard,
                                       afterTurn: (Game) -> Void = { _ in }) {
        var left = turns ?? Int.max
        let scratch = PlannerScratch()
        while left > 0 && !game.isOver {
            // A game that keeps no per-turn hashes is kept for its result: only the turn it stops
            // at tells its story (news and why-ledger), which leaves every other value the same.
            let last = left == 1 || game.state.turn + 1 >= game.scenario.calendar.turnCount
            game.resolve(computerCommands(game, level: level, scratch: scratch), narrative: game.recordsHashes || last)
            afterTurn(game)
            left -= 1
        }
    }
}
