import Foundation
import GameCore
import Persistence
import ScenarioFormat
import Strategy

/// Shared games and helpers for the persistence tests.
enum Fixture {
    static let quantumDecade = try! BundledScenarios.scenario(named: "quantum-decade")!
    static let quick = try! BundledScenarios.scenario(named: "quick-crisis")!

    static func saved(_ scenario: Scenario, seed: UInt64, turns: Int?, humans: [String] = []) -> SavedGame {
        let game = Autoplay.play(scenario, seed: seed, turns: turns)
        return SavedGame(game: game, scenarioSource: SaveStore.scenarioSource(for: scenario), seats: Seats(humans: humans, level: "standard"))
    }

    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("persistence-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static var fixtures: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures") }

    /// Parses save bytes into a mutable JSON tree.
    static func tree(_ bytes: [UInt8]) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
    }

    static func bytes(_ tree: [String: Any]) -> [UInt8] {
        [UInt8](try! JSONSerialization.data(withJSONObject: tree))
    }
}

/// A small seeded generator (SplitMix64) so the fuzz cases are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}
