import Foundation
import Testing
import ScenarioFormat
import Strategy
@testable import GameCore

/// The facilitator's commands (DESIGN §7b): each changes the state as logged, and a facilitated
/// game replays from its scenario, seed and log to the same hashes.
@Suite("Facilitator commands")
struct FacilitatorTests {
    static let scenario = BundledScenarios.defaultScenario

    static func effect(_ text: String, current: Bool = false) -> Effect {
        try! ExpressionParser.parseEffect(text, in: ExpressionContext(scenario: scenario, allowsCurrent: current, allowsAll: true))
    }

    @Test func customEventAppliesItsEffectsAndTellsEveryone() {
        var game = Game(scenario: Self.scenario, seed: 5)
        let tension = game.state.world.tension
        game.resolve([.facilitator(.customEvent(title: "Cable cut", text: "A subsea cable is cut.", effects: [Self.effect("world.tension += 7")]))])
        #expect(game.state.ledger.contains { $0.subject == -1 && $0.indicator == "tension" && $0.cause == "Facilitator event: Cable cut" && $0.amount == 7 })
        #expect(game.state.world.tension != tension)
        let us = game.state.view(for: .bloc(0), scenario: game.scenario, seed: game.seed)
        #expect(us.news.contains { $0.text.hasPrefix("Cable cut — A subsea cable is cut.") })
    }

    @Test func aRulingInTheTurnOfTheActionReachesOnlyItsDelegation() {
        var game = Game(scenario: Self.scenario, seed: 5)
        let id = game.state.nextActionID
        let support = game.state.blocs[1].support
        game.resolve([
            .order(bloc: "EU", .freeAction(text: "Open the Brussels quantum summit", intent: "support up")),
            .facilitator(.ruling(action: id, accept: true, effects: [Self.effect("self.support += 4", current: true)], reason: "a good summit")),
        ])
        #expect(game.state.freeActions.map(\.status) == [.accepted])
        #expect(game.state.freeActions[0].reason == "a good summit")
        #expect(game.state.freeActions[0].effects == ["self.support += 4"])
        #expect(game.state.ledger.contains { $0.subject == 1 && $0.indicator == "support" && $0.amount == 4 })
        _ = support
        let eu = game.state.view(for: .bloc(1), scenario: game.scenario, seed: game.seed)
        #expect(eu.news.contains { $0.text.contains("accepted — a good summit") })
        #expect(eu.freeActions.first?.status == .accepted)
        let cn = game.state.view(for: .bloc(2), scenario: game.scenario, seed: game.seed)
        #expect(!cn.news.contains { $0.text.contains("Brussels") })
        #expect(cn.freeActions.isEmpty)
    }

    @Test func aRejectionNextTurnCarriesItsReasonToTheDelegation() {
        var game = Game(scenario: Self.scenario, seed: 5)
        game.resolve([.order(bloc: "CN", .freeAction(text: "Sabotage the EU's fridge supplier", intent: "EU supply down"))])
        #expect(game.state.freeActions[0].status == .pending)
        let cnBefore = game.state.view(for: .bloc(2), scenario: game.scenario, seed: game.seed)
        #expect(cnBefore.freeActions.first?.status == .pending)
        game.resolve([.facilitator(.ruling(action: game.state.freeActions[0].id, accept: false, effects: [], reason: "no such supplier exists"))])
        #expect(game.state.freeActions[0].status == .rejected)
        let cn = game.state.view(for: .bloc(2), scenario: game.scenario, seed: game.seed)
        #expect(cn.news.contains { $0.text.contains("rejected — no such supplier exists") })
        let eu = game.state.view(for: .bloc(1), scenario: game.scenario, seed: game.seed)
        #expect(!eu.news.contains { $0.text.contains("Sabotage") })
    }

    @Test func revealsReachTheChosenDelegationsOnly() {
        var game = Game(scenario: Self.scenario, seed: 5)
        game.resolve([.order(bloc: "CN", .harvest(target: "US", active: true))])
        game.resolve([.facilitator(.reveal(secret: .harvest(by: "CN", target: "US"), to: ["US"]))])
        let op = game.state.harvests.first { $0.harvester == 2 && $0.target == 0 }!
        #expect(op.knownBy[0])
        #expect(!op.knownBy[1])
        #expect(game.state.view(for: .bloc(0), scenario: game.scenario, seed: game.seed).news.contains { $0.text.contains("harvests United States") })
        #expect(!game.state.view(for: .bloc(1), scenario: game.scenario, seed: game.seed).news.contains { $0.text.contains("harvests United States") })
    }

    @Test func revealedSecretObjectivesAreSpelledOutToTheChosenDelegationsOnly() {
        var game = Game(scenario: Self.scenario, seed: 5)
        game.resolve([.facilitator(.reveal(secret: .objectives(bloc: "CN"), to: ["US"]))])
        let secret = Self.scenario.blocs[2].objectives.filter(\.secret).map(\.text)
        #expect(!secret.isEmpty)
        #expect(game.state.blocs[2].objectivesRevealedTo[0])
        #expect(!game.state.blocs[2].objectivesRevealedTo[1])
        let us = game.state.view(for: .bloc(0), scenario: game.scenario, seed: game.seed)
        let eu = game.state.view(for: .bloc(1), scenario: game.scenario, seed: game.seed)
        for text in secret {
            #expect(us.news.contains { $0.text.contains(text) }, "US should read: \(text)")
            #expect(!eu.news.contains { $0.text.contains(text) })
        }
    }

    @Test func timerSettingsAreStateAndHashedOnlyWhenSet() throws {
        var plain = Game(scenario: Self.scenario, seed: 5)
        var timed = plain
        plain.resolve([])
        let timer = TurnTimer(minutes: 12, atZero: .computerFillsIn)
        timed.resolve([.facilitator(.timer(timer))])
        #expect(timed.state.timer == timer)
        #expect(timed.state.news.contains { $0.text.contains("turn timer of 12 minutes") })
        #expect(plain.state.timer == nil)
        #expect(plain.hashes != timed.hashes)
        // Pausing and clearing are commands too; a cleared timer leaves no trace in the hash.
        timed.resolve([.facilitator(.timer(TurnTimer(minutes: 12, atZero: .computerFillsIn, paused: true)))])
        #expect(timed.state.timer?.paused == true)
        var copy = timed.state
        copy.timer = nil
        #expect(copy.canonicalHash != timed.state.canonicalHash)
        #expect(CanonicalHash.digest(copy) != CanonicalHash.digest(timed.state))
        timed.resolve([.facilitator(.timer(nil))])
        #expect(timed.state.timer == nil)
        // Encoded without a timer, the state has no "timer" key: older saves and their hashes stay as they were.
        let json = String(decoding: try JSONEncoder().encode(plain.state), as: UTF8.self)
        #expect(!json.contains("\"timer\""))
        let commands = try JSONDecoder().decode([Command].self, from: JSONEncoder().encode([Command.facilitator(.timer(timer)), .facilitator(.timer(nil))]))
        #expect(commands == [.facilitator(.timer(timer)), .facilitator(.timer(nil))])
    }

    @Test func aFacilitatedGameReplaysFromItsLog() throws {
        let scenario = Self.scenario
        var game = Game(scenario: scenario, seed: 11)
        let inject = try #require(scenario.injects.first)
        for turn in 0..<8 {
            var commands = Autoplay.computerCommands(game, level: .standard)
            switch turn {
            case 0:
                commands.append(.order(bloc: "US", .freeAction(text: "Fund a PQC bounty", intent: "faster migration")))
                commands.append(.facilitator(.timer(TurnTimer(minutes: 10, atZero: .wait))))
            case 1:
                commands.append(.facilitator(.inject(id: inject.id)))
                commands.append(.facilitator(.ruling(action: 1, accept: true, effects: [Self.effect("self.pqc.government += 0.05", current: true)], reason: "credible")))
            case 2:
                commands.append(.facilitator(.adjust(effect: Self.effect("CN.support -= 5"), reason: "protests")))
                commands.append(.facilitator(.customEvent(title: "Cable cut", text: "A cable is cut.", effects: [Self.effect("all.support -= 1")])))
            case 3:
                commands.append(.facilitator(.reveal(secret: .objectives(bloc: "CN"), to: [])))
                commands.append(.facilitator(.timer(TurnTimer(minutes: 10, atZero: .computerFillsIn, paused: true))))
            case 5:
                commands.append(.facilitator(.timer(nil)))
            default: break
            }
            game.resolve(commands)
        }
        // Through the save format's encoding, as a save would carry it.
        let log = try JSONDecoder().decode([[Command]].self, from: JSONEncoder().encode(game.log))
        var replay = Game(scenario: scenario, seed: 11)
        for commands in log { replay.resolve(commands) }
        #expect(replay.hashes == game.hashes)
        #expect(replay.state == game.state)
        // Rewinding to the start of turn 3 and playing the same commands again gives the same game.
        var branch = game.rewound(to: 3)
        #expect(branch.hashes == Array(game.hashes.prefix(3)))
        #expect(branch.state.timer == TurnTimer(minutes: 10, atZero: .wait))
        for commands in game.log.dropFirst(3) { branch.resolve(commands) }
        #expect(branch.hashes == game.hashes)
    }
}
