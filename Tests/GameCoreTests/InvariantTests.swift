import Testing
import GameCore
import ScenarioFormat
import Strategy

/// DESIGN §9: invariants hold after every turn, on many seeds of the default scenario.
@Suite("Invariants")
struct InvariantTests {
    static func violations(_ s: GameState, _ scenario: Scenario) -> [String] {
        var out: [String] = []
        func finite(_ x: Double, _ what: String) { if !x.isFinite { out.append("\(what) is \(x)") } }
        func range(_ x: Double, _ lo: Double, _ hi: Double, _ what: String) {
            finite(x, what)
            if x < lo - 1e-9 || x > hi + 1e-9 { out.append("\(what) = \(x) outside \(lo)…\(hi)") }
        }
        let n = s.blocs.count
        for (b, bloc) in s.blocs.enumerated() {
            let id = scenario.blocs[b].id
            range(bloc.gdp, 0, 1e6, "\(id).gdp")
            range(bloc.budget, 0, 1e4, "\(id).budget")
            range(bloc.capital, 0, 1e4, "\(id).capital")
            range(bloc.support, 0, 100, "\(id).support")
            range(bloc.computing, 0, 1e9, "\(id).computing")
            range(bloc.sensing, 0, 100, "\(id).sensing")
            range(bloc.qkdKm, 0, 1e7, "\(id).qkdKm")
            range(bloc.workforce, 0, 1e6, "\(id).workforce")
            range(bloc.sigint, 0, 100, "\(id).sigint")
            range(bloc.counterintel, 0, 100, "\(id).counterintel")
            for (i, f) in bloc.pqc.enumerated() { range(f, 0, 1, "\(id).pqc[\(i)]") }
            for (i, f) in bloc.supply.enumerated() { range(f, 0, 1, "\(id).supply[\(i)]") }
            for (i, f) in bloc.access.enumerated() { range(f, 0, 1, "\(id).access[\(i)]") }
            for (i, p) in bloc.pillars.enumerated() { range(p, 0, 100, "\(id).pillar[\(i)]") }
            for x in bloc.exposure { range(x, 0, 1e9, "\(id).exposure") }
            for x in bloc.pipeline { range(x, 0, 1e6, "\(id).pipeline") }
            finite(bloc.score, "\(id).score")
            range(bloc.windfall, 0, 1e9, "\(id).windfall")
            let sum = bloc.allocation.reduce(0, +)
            if abs(sum - 100) > 1e-6 { out.append("\(id) allocation sums to \(sum)") }
        }
        for c in 0..<scenario.chokepoints.count {
            let total = s.blocs.reduce(0) { $0 + $1.supply[c] }
            if total > 1 + 1e-9 { out.append("world production of chokepoint \(c) is \(total) > 1") }
        }
        for a in 0..<n {
            for b in 0..<n {
                range(s.trust[a * n + b], -100, 100, "trust[\(a),\(b)]")
                if s.trust[a * n + b] != s.trust[b * n + a] { out.append("trust not symmetric \(a),\(b)") }
            }
        }
        range(s.world.tension, 0, 100, "tension")
        range(s.world.governance, 0, 100, "governance")
        range(s.world.fragmentation, 0, 100, "fragmentation")
        for lot in s.stockpile { range(lot.volume, 0, 1e9, "stockpile volume") }
        // Conservation: what was read equals what victims lost.
        let read = s.archive.reduce(0) { $0 + $1.value }
        let lost = s.blocs.reduce(0) { $0 + $1.exposure.reduce(0, +) }
        if abs(read - lost) > 1e-6 * max(1, read) { out.append("decrypted value \(read) != exposure \(lost)") }
        let windfall = s.blocs.reduce(0) { $0 + $1.windfall }
        if abs(read - windfall) > 1e-6 * max(1, read) { out.append("decrypted value \(read) != windfall \(windfall)") }
        for t in s.treaties {
            if t.status == .inForce && t.members.count < 2 { out.append("treaty \(t.id) in force with \(t.members.count) members") }
        }
        return out
    }

    @Test func invariantsHoldAfterEveryTurnOn200Seeds() {
        let scenario = BundledScenarios.defaultScenario
        var problems: [String] = []
        for seed in 1...200 {
            _ = Autoplay.play(scenario, seed: UInt64(seed)) { game in
                guard problems.count < 20 else { return }
                for v in Self.violations(game.state, scenario) {
                    problems.append("seed \(seed) turn \(game.state.turn): \(v)")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func goldenHashesOfTheDefaultScenario() {
        // Pinned: a change here means a rules change; update deliberately and say so in the commit.
        let scenario = BundledScenarios.defaultScenario
        let hashes = [1, 2025, 99].map { Autoplay.play(scenario, seed: UInt64($0)).state.canonicalHash }
        #expect(hashes == GoldenHashes.defaultScenario, "new hashes: \(hashes)")
    }

    @Test func replayingTheLogGivesTheSameHashes() {
        let scenario = BundledScenarios.defaultScenario
        let game = Autoplay.play(scenario, seed: 42, turns: 20)
        var replay = Game(scenario: scenario, seed: 42)
        for commands in game.log { replay.resolve(commands) }
        #expect(replay.hashes == game.hashes)
        #expect(replay.state == game.state)
        // Rewinding to turn 10 and replaying the rest gives the same result too.
        var rewound = game.rewound(to: 10)
        #expect(rewound.hashes == Array(game.hashes.prefix(10)))
        for commands in game.log.dropFirst(10) { rewound.resolve(commands) }
        #expect(rewound.state == game.state)
    }
}

enum GoldenHashes {
    /// Final state hashes of `Autoplay.play(defaultScenario, seed:)` for seeds 1, 2025 and 99.
    static let defaultScenario: [String] = [
        // Re-pinned when projections started reading a smoothed growth trend and estimates started
        // drifting between yearly draws (the Q-Day clock stopped whipsawing), and news texts wrote
        // family names as written ("NIST"), possessives of names in -s and sums below 1 properly.
        // Then again when a signed treaty took the names of those who signed it and outcome texts
        // kept a decimal (fragmentation 59.9, not 59).
        // Re-pinned on purpose for issue 14 (the computing race and a world that answers: per-bloc
        // outlooks, error rates, private capital, self-reliance, bounded spillover, governance by
        // what treaties do, traffic-weighted fragmentation, trust drift, catastrophe by exposure).
        // Re-pinned on purpose for issue 14 items 3 and 5 (the 2024 regime of US, UK and Canada, the
        // EU's Annex I controls in 2025-Q3, IT-budget PQC money, multilateral ratification time,
        // espionage bounded below the threshold, the expert's belief counting private capital).
        // Re-pinned on purpose when the four EU states' national rules stopped counting as an EU
        // control toward China at the start and the scenario's pqcHalfSpend went from 0.3 to 0.4.
        // Re-pinned for wording only (issue 17): "proposing an export-control regime" and
        // "confidence-building measures" without "a", objective news without "..". News text is
        // still part of the state hash; "Narrative as data" would take it out.
        "6134f0138beb5e7811a209c4af50067a", "5d11482cc0e8eadba3bab3a953fe3919", "dddf83334cc746f706747953381d5b4b",
    ]
}
