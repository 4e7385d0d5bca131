import Testing
import GameCore
import ScenarioFormat
@testable import Strategy

/// Issue 14, "done when": a human who plays a cooperative strategy against the computer reaches a
/// different world from one who plays the spoiler, on the same seeds. The human holds the United
/// States seat (the largest economy, so its standards, controls and accords weigh most); the other
/// nine seats are standard computer players.
@Suite struct ScriptedStrategyTests {
    static let scenario = BundledScenarios.defaultScenario
    static let seeds: [UInt64] = Array(1...8)
    static let us = scenario.blocIndex("US")!

    enum Plan { case cooperative, spoiler }

    /// The scripted human's orders for this turn.
    static func orders(_ strategy: Plan, _ game: Game) -> [Command] {
        let state = game.state, turn = state.turn
        var out: [Command] = []
        func order(_ o: Order) { out.append(.order(bloc: "US", o)) }
        // Answer every open invitation: the cooperator accepts, the spoiler refuses.
        for t in state.treaties where t.status == .proposed {
            if let i = t.parties.firstIndex(of: us), i < t.answers.count, t.answers[i] == .pending {
                order(.respondTreaty(treaty: t.id, accept: strategy == .cooperative))
            }
        }
        switch strategy {
        case .cooperative:
            if turn == 0 {
                order(.chooseStandard(.hybrid))
                for c in ControlCategory.allCases { order(.liftControl(category: c, targets: ["CN", "RU"])) }
            }
            if turn % 4 == 1 {
                let deadline = game.scenario.calendar.label(min(turn + 24, game.scenario.calendar.turnCount - 1))
                order(.proposeTreaty(type: .pqcAccord, parties: ["CN", "RU", "IN"], terms: OrderTerms(family: .nist, deadline: deadline)))
            }
            if turn % 4 == 2 { order(.dialogue(with: "CN")) }
            if turn % 4 == 3 { order(.proposeTreaty(type: .cbm, parties: ["CN", "RU", "EU"], terms: OrderTerms())) }
        case .spoiler:
            if turn == 0 {
                order(.chooseStandard(.national))
                order(.harvest(target: "CN", active: true))
                order(.harvest(target: "RU", active: true))
            }
            if turn < 8 {
                let c = ControlCategory.allCases[turn % 4]
                order(.imposeControl(category: c, targets: ["CN", "RU", "IN"]))
            }
        }
        return out
    }

    static func play(_ strategy: Plan, seed: UInt64) -> Game {
        var game = Game(scenario: scenario, seed: seed, recordsHashes: false)
        while !game.isOver {
            var commands = orders(strategy, game)
            commands += Autoplay.computerCommands(game, level: .standard, humans: [us])
            game.resolve(commands, narrative: false)
        }
        return game
    }

    @Test func cooperativeAndSpoilerHumansReachDifferentWorlds() {
        var differentOutcomes = 0
        var cooperativeFragmentation = 0.0, spoilerFragmentation = 0.0
        for seed in Self.seeds {
            let cooperative = Self.play(.cooperative, seed: seed)
            let spoiler = Self.play(.spoiler, seed: seed)
            if cooperative.state.outcome?.id != spoiler.state.outcome?.id { differentOutcomes += 1 }
            cooperativeFragmentation += cooperative.state.world.fragmentation
            spoilerFragmentation += spoiler.state.world.fragmentation
        }
        let count = Double(Self.seeds.count)
        // The spoiler's world is clearly more divided, and the named outcome changes in most seeds.
        #expect(spoilerFragmentation / count >= cooperativeFragmentation / count + 10,
                "fragmentation: cooperative \(cooperativeFragmentation / count), spoiler \(spoilerFragmentation / count)")
        #expect(differentOutcomes * 2 >= Self.seeds.count, "a different outcome in only \(differentOutcomes) of \(Self.seeds.count) seeds")
    }
}
