import Foundation
import Testing
import GameCore
import ScenarioFormat
@testable import Strategy

/// The scenario library of issue 19 — the two-hour workshop and the two regional crises — on
/// samples a debug build plays quickly: each is bundled and valid, its length is what its briefing
/// promises, its run sheet names its own injects, and its outcome spread stays within wide bands
/// around the 400-game figures of scripts/balance-library.sh (docs/balance.md).
@Suite struct ScenarioLibraryTests {
    /// Library scenario id → (blocs, turns).
    static let library: [(id: String, blocs: Int, turns: Int)] = [
        ("migration-window", 6, 8), ("pacific-harvest", 7, 12), ("transatlantic-rift", 7, 10),
    ]

    static func scenario(_ id: String) throws -> Scenario {
        try #require(try BundledScenarios.scenario(named: id), "\(id) is not bundled; run scripts/embed-scenarios.sh")
    }

    static func outcomes(_ scenario: Scenario, seeds: ClosedRange<Int>) -> [(outcome: String, crqc: Bool)] {
        Forecast.run(scenario, firstSeed: UInt64(seeds.lowerBound), count: seeds.count, threads: 2) { game in
            (game.state.outcome?.id ?? "", game.state.blocs.contains { $0.hasCRQC })
        }
    }

    static func share(_ games: [(outcome: String, crqc: Bool)], _ ids: Set<String>) -> Double {
        Double(games.filter { ids.contains($0.outcome) }.count) / Double(max(1, games.count))
    }

    static func crqcShare(_ games: [(outcome: String, crqc: Bool)]) -> Double {
        Double(games.filter(\.crqc).count) / Double(max(1, games.count))
    }

    @Test func everyLibraryScenarioIsBundledWithItsSizeAndThreeObjectivesPerDelegation() throws {
        for entry in Self.library {
            let scenario = try Self.scenario(entry.id)
            #expect(scenario.blocs.count == entry.blocs, "\(entry.id)")
            #expect(scenario.calendar.turnCount == entry.turns, "\(entry.id)")
            for bloc in scenario.blocs {
                #expect(bloc.objectives.count == 3, "\(entry.id) \(bloc.id)")
                #expect(!bloc.briefing.isEmpty, "\(entry.id) \(bloc.id) has no secret brief")
            }
            #expect(scenario.injects.count >= 5, "\(entry.id) has a thin inject deck")
            #expect(scenario.briefing.contains("Length:"), "\(entry.id) does not state its length in its briefing")
        }
    }

    /// The workshop is built for a room: after the opening budget, every delegation has a scheduled
    /// dilemma in every turn. An event fires as a turn is resolved and its dilemma is answered in
    /// the next turn, so the card for turn t fires with certainty in turn t − 1.
    @Test func theWorkshopPutsADecisionToEveryDelegationEveryTurn() throws {
        let scenario = try Self.scenario("migration-window")
        for turn in 1..<scenario.calendar.turnCount {
            for bloc in scenario.blocs.indices {
                let asked = scenario.events.contains { event in
                    guard let trigger = event.trigger, let dilemma = event.dilemma, trigger.when == nil, trigger.chance >= 1,
                          (trigger.from ?? 0) <= turn - 1, turn - 1 <= (trigger.to ?? Int.max) else { return false }
                    return dilemma.blocs.contains(bloc)
                }
                #expect(asked, "\(scenario.blocs[bloc].id) has no scheduled decision in \(scenario.calendar.label(turn))")
            }
        }
    }

    /// Each library scenario carries a suggested run sheet (`runSheet:`) naming only its own
    /// injects, at turns within the game, so `pack` and the console offer it without a file.
    @Test func everyRunSheetNamesItsOwnInjectsWithinTheGame() throws {
        for entry in Self.library {
            let scenario = try Self.scenario(entry.id)
            let text = try #require(BundledScenarios.named(entry.id)?.text, "\(entry.id) is not bundled")
            let sheet = RunSheetLoader.embedded(in: text)
            #expect(sheet.count >= 3, "\(entry.id) suggests only \(sheet.count) planned injects")
            for planned in sheet {
                #expect(scenario.injects.contains { $0.id == planned.inject }, "\(entry.id)'s run sheet names `\(planned.inject)`, which is not one of its injects")
                #expect(planned.turn >= 0 && planned.turn < scenario.calendar.turnCount, "\(entry.id): turn \(planned.turn) is outside the game")
                #expect(!planned.note.isEmpty, "\(entry.id): the plan for `\(planned.inject)` gives the facilitator no note")
            }
        }
    }

    /// Seeds 1–40 (400 in docs/balance.md): the workshop ends fragmented or unfinished, each in a
    /// good share of games, orderly never, and a CRQC by 2029 stays rare.
    @Test func theWorkshopSplitsBetweenAFragmentedAndAnUnfinishedWorld() throws {
        let games = Self.outcomes(try Self.scenario("migration-window"), seeds: 1...40)
        let outcomes = games.map(\.outcome)
        #expect((0.2...0.8).contains(Self.share(games, ["fragmented-world"])), "\(outcomes)")
        #expect((0.2...0.8).contains(Self.share(games, ["unfinished-transition"])), "\(outcomes)")
        #expect(Self.share(games, ["orderly-transition"]) == 0, "\(outcomes)")
        #expect(Self.crqcShare(games) <= 0.2, "\(outcomes)")
    }

    /// Seeds 1–40: the Pacific crisis usually sees a CRQC, and neither the catastrophe nor the
    /// fragmented world decides it alone.
    @Test func thePacificCrisisUsuallyReachesQDayWithoutOneOutcomeDominating() throws {
        let games = Self.outcomes(try Self.scenario("pacific-harvest"), seeds: 1...40)
        let outcomes = games.map(\.outcome)
        #expect((0.3...0.85).contains(Self.crqcShare(games)), "\(outcomes)")
        #expect((0.15...0.7).contains(Self.share(games, ["harvest-catastrophe"])), "\(outcomes)")
        #expect((0.15...0.7).contains(Self.share(games, ["fragmented-world"])), "\(outcomes)")
        #expect(Self.share(games, ["unfinished-transition"]) > 0, "\(outcomes)")
    }

    /// Seeds 1–40: the transatlantic crisis splits between a fragmented and an unfinished world,
    /// with a CRQC by 2031 in a minority of games.
    @Test func theTransatlanticCrisisSplitsBetweenAFragmentedAndAnUnfinishedWorld() throws {
        let games = Self.outcomes(try Self.scenario("transatlantic-rift"), seeds: 1...40)
        let outcomes = games.map(\.outcome)
        #expect((0.2...0.8).contains(Self.share(games, ["fragmented-world"])), "\(outcomes)")
        #expect((0.2...0.8).contains(Self.share(games, ["unfinished-transition"])), "\(outcomes)")
        #expect(Self.crqcShare(games) <= 0.3, "\(outcomes)")
    }
}
