import Dispatch
import Testing
import GameCore
import ScenarioFormat
@testable import Strategy

/// The expert's look-ahead: what it believes (never a value its view hides), that it is
/// deterministic, that it changes the orders, and that it pays.
@Suite("Expert look-ahead")
struct LookAheadTests {
    /// A fixture game a few turns in (China harvesting the US from turn 2), and the same game with
    /// hidden facts about China planted in the true state. In `plain` the harvest is left out
    /// altogether; in `planted` it runs undetected.
    static func states() -> (scenario: Scenario, seed: UInt64, plain: GameState, planted: GameState, harvest: HarvestOperation?) {
        let scenario = Fixture.scenario()
        let cn = Fixture.CN, us = Fixture.US
        let record = Fixture.play(scenario, seed: 21, turns: 6, keepViews: false) { turn, _ in
            turn == 2 ? [.order(bloc: "CN", .harvest(target: "US", active: true))] : []
        }
        var plain = record.game.state
        var harvest = plain.harvests.first { $0.harvester == cn && $0.target == us }
        plain.harvests.removeAll { $0.harvester == cn && $0.target == us }
        var state = plain
        // A secret CRQC, met secret objectives, hidden capacities and a harvest the US has not seen.
        state.blocs[cn].crqcTurn = 3
        state.blocs[cn].crqcKnownBy = (0..<scenario.blocs.count).map { $0 == cn }
        state.blocs[cn].objectives = state.blocs[cn].objectives.map { _ in .met }
        state.blocs[cn].counterintel = 97
        state.blocs[cn].capital = 0.5
        state.blocs[cn].pipeline = state.blocs[cn].pipeline.map { _ in 7 }
        state.blocs[cn].mandates = state.blocs[cn].mandates.map { _ in 30 }
        state.blocs[cn].exposure = state.blocs[cn].exposure.map { _ in 0.4 }
        state.blocs[cn].decrypting = true
        if var op = harvest {
            op.knownBy = (0..<scenario.blocs.count).map { $0 == cn }
            op.detectedTurn = nil
            state.harvests.append(op)
            harvest = op
        }
        return (scenario, record.game.seed, plain, state, harvest)
    }

    @Test func theBelievedStateHoldsNoTrueValueTheViewHides() {
        let (scenario, seed, _, state, harvest) = Self.states()
        let cn = Fixture.CN, us = Fixture.US
        #expect(harvest != nil && state.harvests.contains(harvest!))
        let view = state.view(for: .bloc(us), scenario: scenario, seed: seed, history: false, records: false)
        let believed = GameState.believed(from: view, scenario: scenario)

        // Its own bloc exactly; the world, trust and public values as shown.
        #expect(believed.blocs[us] == state.blocs[us])
        #expect(believed.world == state.world)
        #expect(believed.trust == state.trust)
        #expect(believed.turn == state.turn)

        let rival = believed.blocs[cn]
        #expect(!rival.hasCRQC, "the secret CRQC leaked into the belief")
        #expect(!rival.decrypting)
        #expect(rival.objectives.allSatisfy { $0 == .pending }, "secret objectives' results leaked")
        #expect(rival.counterintel == scenario.blocs[cn].counterintel)
        #expect(rival.capital == scenario.blocs[cn].capital)
        #expect(rival.pipeline.allSatisfy { $0 == 0 })
        #expect(rival.mandates.allSatisfy { $0 == -1 })
        #expect(rival.exposure.allSatisfy { $0 == 0 })
        #expect(!believed.harvests.contains { $0.harvester == cn && $0.target == us }, "an undetected harvest leaked")
        // Noisy estimates: the belief holds the estimate, which differs from the truth.
        #expect(view.blocs[cn].computing.error > 0)
        #expect(rival.computing == view.blocs[cn].computing.value)
        #expect(rival.computing != state.blocs[cn].computing)
        #expect(rival.gdp == view.blocs[cn].gdp.value && rival.gdp != state.blocs[cn].gdp)
        for (k, e) in view.blocs[cn].pqc.enumerated() { #expect(rival.pqc[k] == e.value) }
        // Treaties carry only the violations the viewer knows of.
        for t in believed.treaties {
            for v in t.violations { #expect(v.knownBy[us]) }
        }
    }

    /// The belief is a function of what the view shows: changing only hidden facts of the true
    /// state leaves it exactly as it was.
    @Test func hiddenFactsDoNotChangeTheBelief() {
        let (scenario, seed, plain, planted, _) = Self.states()
        let us = Fixture.US
        let a = GameState.believed(from: plain.view(for: .bloc(us), scenario: scenario, seed: seed), scenario: scenario)
        let b = GameState.believed(from: planted.view(for: .bloc(us), scenario: scenario, seed: seed), scenario: scenario)
        #expect(a == b)
        #expect(plain != planted)
    }

    @Test func aBelievedTurnResolvesLikeTheGame() {
        // Resolving a state with the game's seed and orders gives exactly the game's next state.
        let scenario = Fixture.scenario()
        var game = Game(scenario: scenario, seed: 5)
        let start = game.state
        game.resolve([])
        let again = start.resolvedTurn(scenario: scenario, seed: 5, commands: [])
        #expect(again == game.state)
        #expect(start.resolvedTurn(scenario: scenario, seed: 6, commands: []).turn == 1)
    }

    @Test func expertOrdersAreDeterministicAndTheirDiceAreNotTheGames() {
        let scenario = BundledScenarios.defaultScenario
        let us = scenario.blocIndex("US")!
        var game = Game(scenario: scenario, seed: 77, recordsHashes: false)
        for _ in 0..<6 { game.resolve(Autoplay.computerCommands(game, level: .standard)) }
        let view = game.state.view(for: .bloc(us), scenario: scenario, seed: game.seed, history: false, records: false)
        let a = ComputerPlayer.orders(for: us, view: view, level: .expert, seed: game.seed)
        let b = ComputerPlayer.orders(for: us, view: view, level: .expert, seed: game.seed)
        #expect(a == b)
        #expect(!a.isEmpty)
        let planner = Planner(bloc: us, me: view.me!, view: view, level: .expert, seed: game.seed)
        #expect(planner.lookAheadSeed != game.seed)
        let next = Planner(bloc: us, me: view.me!, view: view, level: .expert, seed: game.seed + 1)
        #expect(next.lookAheadSeed != planner.lookAheadSeed)
    }

    /// Over a game, the expert's look-ahead sometimes departs from its own plan, and its orders
    /// differ from the standard player's in some turns.
    @Test func theLookAheadChangesOrders() {
        let scenario = BundledScenarios.defaultScenario
        let us = scenario.blocIndex("US")!
        var game = Game(scenario: scenario, seed: 12, recordsHashes: false)
        var departures = 0, differences = 0, turns = 0
        while !game.isOver && turns < 24 {
            let view = game.state.view(for: .bloc(us), scenario: scenario, seed: game.seed, history: false, records: false)
            let standard = ComputerPlayer.orders(for: us, view: view, level: .standard, seed: game.seed)
            let expert = ComputerPlayer.orders(for: us, view: view, level: .expert, seed: game.seed)
            if standard != expert { differences += 1 }
            let planner = Planner(bloc: us, me: view.me!, view: view, level: .expert, seed: game.seed)
            let chosen = planner.plan()
            if chosen != planner.planned { departures += 1 }
            game.resolve(Autoplay.computerCommands(game, level: .standard))
            turns += 1
        }
        #expect(differences > 0)
        #expect(departures > 0)
        print("expert look-ahead: left its plan in \(departures) of \(turns) turns; orders differ from standard in \(differences)")
    }

    /// The expert US, against standard players elsewhere, scores at least as well on average as a
    /// standard US over twenty seeds of the default scenario.
    @Test func anExpertScoresAtLeastAsWellAsAStandardPlayer() {
        let scenario = BundledScenarios.defaultScenario
        let us = scenario.blocIndex("US")!
        let seeds = 20
        let scores = ScoreBox(count: 2 * seeds)
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for k in stride(from: worker, to: 2 * seeds, by: 2) {
                let expert = k >= seeds
                let seed = UInt64(900 + k % seeds)
                var game = Game(scenario: scenario, seed: seed, recordsHashes: false)
                while !game.isOver {
                    var commands: [Command] = []
                    for b in 0..<scenario.blocs.count {
                        let view = game.state.view(for: .bloc(b), scenario: scenario, seed: seed, history: false, records: false)
                        commands += ComputerPlayer.orders(for: b, view: view, level: expert && b == us ? .expert : .standard, seed: seed)
                    }
                    game.resolve(commands)
                }
                scores.set(k, game.state.blocs[us].score)
            }
        }
        let all = scores.values
        let standard = Array(all[..<seeds]), expert = Array(all[seeds...])
        let meanStandard = standard.reduce(0, +) / Double(seeds), meanExpert = expert.reduce(0, +) / Double(seeds)
        var wins = 0
        for k in 0..<seeds where expert[k] > standard[k] { wins += 1 }
        print("US final score over \(seeds) seeds: standard \(meanStandard), expert \(meanExpert); expert better in \(wins)")
        #expect(meanExpert >= meanStandard)
    }
}

/// Results written from two threads, each to its own slots.
private final class ScoreBox: @unchecked Sendable {
    private var slots: [Double]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { slots = [Double](repeating: 0, count: count) }
    func set(_ k: Int, _ x: Double) { lock.wait(); slots[k] = x; lock.signal() }
    var values: [Double] { lock.wait(); defer { lock.signal() }; return slots }
}
