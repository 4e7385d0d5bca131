import Testing
import GameCore
import ScenarioFormat
@testable import Strategy

/// Issue 14 item 6 on samples a debug build plays quickly: what the players are changes the world
/// they end in. The full tables (400 and 200 games) are in docs/balance.md, from scripts/balance.sh.
@Suite struct BalanceTests {
    static let scenario = BundledScenarios.defaultScenario

    /// The default scenario with some blocs' doctrines replaced (`simulate --doctrine`).
    static func variant(_ change: (Int, Doctrine) -> Doctrine) -> Scenario {
        var s = scenario
        for b in s.blocs.indices { s.blocs[b].doctrine = change(b, s.blocs[b].doctrine) }
        return s
    }

    static func outcomes(_ scenario: Scenario, seeds: ClosedRange<Int>, level: AILevel = .standard) -> [String] {
        Forecast.run(scenario, firstSeed: UInt64(seeds.lowerBound), count: seeds.count, level: level, threads: 2) {
            $0.state.outcome?.id ?? ""
        }
    }

    static func share(_ outcomes: [String], _ ids: Set<String>) -> Double {
        Double(outcomes.filter { ids.contains($0) }.count) / Double(max(1, outcomes.count))
    }

    /// With no spoiler or state-directed delegation the world is mostly orderly or governed; with
    /// every delegation a spoiler it is mostly fragmented or catastrophic (targets: ≥ 40 % and
    /// ≤ 30 % fragmented; ≥ 80 % and ≤ 5 % orderly).
    @Test func theSameStartingWorldEndsWhereItsPlayersTakeIt() {
        let calm = Self.variant { _, d in d == .spoiler || d == .stateDirected ? .middlePower : d }
        let spoilers = Self.variant { _, _ in .spoiler }
        let good = Self.outcomes(calm, seeds: 1...60)
        let bad = Self.outcomes(spoilers, seeds: 1...60)
        #expect(Self.share(good, ["orderly-transition", "governed-race"]) >= 0.40, "no spoiler: \(good)")
        #expect(Self.share(good, ["fragmented-world"]) <= 0.30, "no spoiler: \(good)")
        #expect(Self.share(bad, ["fragmented-world", "harvest-catastrophe"]) >= 0.80, "all spoilers: \(bad)")
        #expect(Self.share(bad, ["orderly-transition"]) <= 0.05, "all spoilers: \(bad)")
    }

    /// Russia played as a middle power leaves the world less fragmented than Russia the spoiler, on
    /// the same seeds (a cooperative Russia used to propose accords on its national standard, which
    /// pulled partners off the world's standard and kept it and China from ever bridging: mean
    /// fragmentation 50 against the spoiler's 40 on seeds 1–60).
    @Test func aCooperativeRussiaFragmentsTheWorldLessThanASpoilerOne() {
        let ru = Self.scenario.blocs.firstIndex { $0.id == "RU" }!
        let cooperative = Self.variant { b, d in b == ru ? .middlePower : d }
        func meanFragmentation(_ s: Scenario) -> Double {
            let f = Forecast.run(s, firstSeed: 1, count: 12, threads: 2) { $0.state.world.fragmentation }
            return f.reduce(0, +) / Double(f.count)
        }
        let spoiler = meanFragmentation(Self.scenario), middle = meanFragmentation(cooperative)
        #expect(middle < spoiler, "Russia as a middle power \(middle), as a spoiler \(spoiler)")
    }

    /// Novice and expert players on the same seeds end in a different outcome in at least a
    /// quarter of the seeds (issue 14: the outcome is not decided by the seed alone).
    @Test func playersOfDifferentSkillReachDifferentWorlds() {
        let novice = Self.outcomes(Self.scenario, seeds: 1...24, level: .novice)
        let expert = Self.outcomes(Self.scenario, seeds: 1...24, level: .expert)
        let different = zip(novice, expert).filter { $0 != $1 }.count
        #expect(different * 4 >= novice.count, "novice \(novice) against expert \(expert)")
    }
}
