import Testing
import GameCore
import ScenarioFormat
@testable import Strategy

/// Headless games (forecasts, the bench) and the expert's look-ahead resolve turns without their
/// story: no news and no why-ledger. These tests hold the promise that makes that safe: an untold
/// turn differs from a told one in its news and ledger and nothing else, and a headless game tells
/// the turn it stops at, so its final state is exactly a fully told game's.
@Suite("Untold turns")
struct UntoldTurnTests {
    static let scenario = BundledScenarios.defaultScenario

    /// The state with its story removed.
    static func untold(_ state: GameState) -> GameState {
        var s = state
        s.news = []
        s.ledger = []
        return s
    }

    @Test("A headless game ends in exactly the state of a fully told one, its last turn's story included",
          arguments: [UInt64(3), 8])
    func headlessGameEndsTheSame(seed: UInt64) {
        let told = Autoplay.play(Self.scenario, seed: seed, recordsHashes: true)
        let headless = Autoplay.play(Self.scenario, seed: seed, recordsHashes: false)
        #expect(told.isOver && headless.isOver)
        #expect(!headless.state.news.isEmpty && !headless.state.ledger.isEmpty)
        // Compared as a Bool: a failure names the turn, not two whole states.
        let same = headless.state == told.state
        #expect(same, "seed \(seed) ends differently")
        #expect(headless.state.canonicalHash == told.state.canonicalHash)
        #expect(headless.log == told.log)
    }

    @Test("A headless game stopped early tells the turn it stops at")
    func stoppedEarlyTellsItsLastTurn() {
        let told = Autoplay.play(Self.scenario, seed: 5, turns: 9, recordsHashes: true)
        let headless = Autoplay.play(Self.scenario, seed: 5, turns: 9, recordsHashes: false)
        #expect(headless.state.turn == 9)
        #expect(!headless.state.ledger.isEmpty)
        let same = headless.state == told.state
        #expect(same)
    }

    @Test("Every untold turn differs from the told one in its news and why-ledger only")
    func untoldTurnsDifferOnlyInTheirStory() {
        var toldStates: [GameState] = []
        var headlessStates: [GameState] = []
        _ = Autoplay.play(Self.scenario, seed: 11, turns: 16, recordsHashes: true) { toldStates.append($0.state) }
        _ = Autoplay.play(Self.scenario, seed: 11, turns: 16, recordsHashes: false) { headlessStates.append($0.state) }
        #expect(toldStates.count == 16 && headlessStates.count == 16)
        for (k, (told, headless)) in zip(toldStates, headlessStates).enumerated() {
            if k < 15 {
                #expect(headless.news.isEmpty && headless.ledger.isEmpty, "turn \(k) was told")
                #expect(!told.ledger.isEmpty, "turn \(k) of the told game has no ledger")
            }
            let same = Self.untold(headless) == Self.untold(told)
            #expect(same, "turn \(k) differs beyond its story")
        }
    }

    @Test("A look-ahead turn without its story reaches the same state")
    func lookAheadTurnWithoutStory() {
        var game = Game(scenario: Self.scenario, seed: 4)
        for _ in 0..<6 { game.resolve(Autoplay.computerCommands(game, level: .standard)) }
        let commands = Autoplay.computerCommands(game, level: .standard)
        let told = game.state.resolvedTurn(scenario: Self.scenario, seed: 99, commands: commands)
        let untold = game.state.resolvedTurn(scenario: Self.scenario, seed: 99, commands: commands, narrative: false)
        #expect(!told.news.isEmpty && !told.ledger.isEmpty)
        #expect(untold.news.isEmpty && untold.ledger.isEmpty)
        let same = untold == Self.untold(told)
        #expect(same)
    }
}
