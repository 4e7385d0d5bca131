import Testing
import GameCore
import ScenarioFormat
@testable import Strategy

/// A standard player plans from a `PlanningView` built straight from the state, with the turn's
/// shared view context (up to 64 blocs) or without it (more blocs: the General Assembly). Both must
/// give exactly the orders it gives from its full `GameView`, or a large scenario's computer players
/// would quietly play differently from a small one's.
@Suite("Planning paths give the same orders")
struct PlanningPathTests {
    static func orders(_ game: Game, bloc b: Int, context: ViewContext?) -> [Command] {
        let scenario = SharedScenario(game.scenario, controls: game.state.controls, blocCount: game.state.blocs.count)
        let errors = game.state.fogErrorTable(baseError: game.scenario.rules[.estimateError])
        let view = PlanningView(state: game.state, viewer: b, scenario: scenario, seed: game.seed, context: context, errors: errors)
        var commands: [Command] = []
        ComputerPlayer.appendOrders(for: b, view: view, level: .standard, seed: game.seed, to: &commands)
        return commands
    }

    @Test func withAndWithoutTheViewContextAndFromTheFullViewEveryBlocGivesTheSameOrders() {
        let scenario = BundledScenarios.defaultScenario
        for seed: UInt64 in [3, 8] {
            var game = Game(scenario: scenario, seed: seed, recordsHashes: false)
            var compared = 0
            while !game.isOver {
                let context = game.state.viewContext()
                for b in scenario.blocs.indices {
                    let fast = Self.orders(game, bloc: b, context: context)
                    let large = Self.orders(game, bloc: b, context: nil)
                    let full = ComputerPlayer.orders(for: b, view: game.state.view(for: .bloc(b), scenario: scenario, seed: seed),
                                                     level: .standard, seed: seed)
                    if fast != large || fast != full {
                        Issue.record("seed \(seed), turn \(game.state.turn), \(scenario.blocs[b].id): \(fast.count) orders with the context, \(large.count) without, \(full.count) from the full view")
                        return
                    }
                    compared += fast.count
                }
                game.resolve(Autoplay.computerCommands(game, level: .standard), narrative: false)
            }
            #expect(compared > 1000)
        }
    }
}
