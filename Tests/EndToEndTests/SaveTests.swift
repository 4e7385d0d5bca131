import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Saves from the command line and the terminal game", .serialized)
struct SaveTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aSavedSimulationContinuesToTheSameEndAndVerifies() throws {
        let folder = try Binary.temporaryFolder()
        let whole = try Binary.run(["simulate", "--seed", "9", "--format", "json"], directory: folder)
        #expect(whole.status == 0, "\(whole.stderr)")
        let half = try Binary.run(["simulate", "--seed", "9", "--turns", "13", "--save", "Saves/half.json", "--format", "json"], directory: folder)
        #expect(half.status == 0, "\(half.stderr)")
        #expect(half.stderr.contains("Saved to Saves/half.json"))
        #expect(try json(half.stdout)["turnsPlayed"] as? Int == 13)
        let rest = try Binary.run(["simulate", "--load", "Saves/half.json", "--save", "full.json", "--format", "json"], directory: folder)
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(try json(rest.stdout)["stateHash"] as? String == json(whole.stdout)["stateHash"] as? String)
        #expect(try json(rest.stdout)["turnsPlayed"] as? Int == 44)
        let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("full.json").path)[.size] as? Int ?? 0
        print("full 44-turn save written by simulate: \(size) bytes")
        #expect(size > 0 && size < 1_000_000)
        let verify = try Binary.run(["replay", "full.json", "--verify"], directory: folder)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("every state hash matches"))
        // A save mailed to another folder (no scenario files there) loads too.
        let elsewhere = try Binary.temporaryFolder()
        try FileManager.default.copyItem(at: folder.appendingPathComponent("Saves/half.json"), to: elsewhere.appendingPathComponent("mailed.json"))
        let mailed = try Binary.run(["replay", "mailed.json", "--verify"], directory: elsewhere)
        #expect(mailed.status == 0, "\(mailed.stderr)")
        let misuse = try Binary.run(["simulate", "--load", "full.json", "--seed", "3"], directory: folder)
        #expect(misuse.status == 2)
    }

    @Test func replayToATurnWritesABranchThatRecordsItsParent() throws {
        let folder = try Binary.temporaryFolder()
        #expect(try Binary.run(["simulate", "--scenario", "quick-crisis", "--seed", "4", "--save", "game.json"], directory: folder).status == 0)
        let r = try Binary.run(["replay", "game.json", "--to-turn", "4"], directory: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("the branch is saved as game-branch-turn4.json"))
        let branch = try json(String(contentsOf: folder.appendingPathComponent("game-branch-turn4.json"), encoding: .utf8))
        let parent = try #require(branch["parent"] as? [String: Any])
        #expect(parent["file"] as? String == "game.json")
        #expect(parent["turn"] as? Int == 4)
        #expect((branch["log"] as? [Any])?.count == 3)
        #expect(try Binary.run(["replay", "game-branch-turn4.json", "--verify"], directory: folder).status == 0)
        // Played on differently (another level), the branch is a game of its own.
        let on = try Binary.run(["simulate", "--load", "game-branch-turn4.json", "--ai-level", "expert", "--turns", "2", "--format", "json"], directory: folder)
        #expect(on.status == 0, "\(on.stderr)")
        #expect(try json(on.stdout)["turnsPlayed"] as? Int == 5)
        let bad = try Binary.run(["replay", "game.json", "--to-turn", "99"], directory: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("game.json"))
    }

    @Test func brokenSavesExitWithOneAndASentenceNamingTheFile() throws {
        let folder = try Binary.temporaryFolder()
        #expect(try Binary.run(["simulate", "--scenario", "quick-crisis", "--turns", "3", "--save", "good.json"], directory: folder).status == 0)
        let good = try Data(contentsOf: folder.appendingPathComponent("good.json"))
        var cases: [(String, Data)] = [
            ("truncated.json", good.prefix(good.count / 3)),
            ("random.json", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) })),
            ("nested.json", Data(repeating: UInt8(ascii: "["), count: 1_000_000)),
            ("shape.json", Data("{\"format\": 2, \"games\": []}".utf8)),
            ("future.json", Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"format\":2", with: "\"format\":3").utf8)),
        ]
        var tree = try #require(JSONSerialization.jsonObject(with: good) as? [String: Any])
        var log = try #require(tree["log"] as? [Any])
        log[0] = [Any]()
        tree["log"] = log
        cases.append(("tampered.json", try JSONSerialization.data(withJSONObject: tree)))
        for (name, bytes) in cases {
            try bytes.write(to: folder.appendingPathComponent(name))
            for args in [["replay", name, "--verify"], ["simulate", "--load", name]] {
                let r = try Binary.run(args, directory: folder)
                #expect(r.status == 1, "\(args): \(r.stderr)")
                #expect(r.stderr.hasPrefix(name + ": "), "\(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1)
                #expect(!r.stderr.contains("Fatal error"))
            }
        }
        #expect(try Binary.run(["replay", "future.json"], directory: folder).stderr.contains("format 3"))
        #expect(try Binary.run(["replay", "tampered.json"], directory: folder).stderr.contains("checksum"))
    }

    /// Kills a child process at random moments while it rewrites the same save after every turn:
    /// whatever moment the kill lands on, the file in place is a complete save that verifies.
    @Test func aSaveKilledMidWriteNeverReplacesTheLastGoodOne() throws {
        let folder = try Binary.temporaryFolder()
        let path = folder.appendingPathComponent("live.json").path
        #expect(try Binary.run(["simulate", "--turns", "1", "--save", "live.json"], directory: folder).status == 0)
        var random: UInt64 = 0x5EED
        func next() -> UInt64 {
            random &+= 0x9E37_79B9_7F4A_7C15
            var z = random
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var killedDuringRun = 0
        for round in 0..<24 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["simulate", "--seed", "\(100 + round)", "--save", "live.json", "--save-every-turn"]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(100_000 + next() % 1_400_000))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killedDuringRun += 1 }
            process.waitUntilExit()
            let verify = try Binary.run(["replay", path, "--verify"])
            #expect(verify.status == 0, "round \(round): \(verify.stderr)")
        }
        #expect(killedDuringRun >= 12)
    }

    @Test func theTerminalGameSavesAutosavesAndLoads() throws {
        let folder = try Binary.temporaryFolder()
        let saves = folder.appendingPathComponent("Saves").path
        do {
            let t = try TmuxSession(arguments: ["play", "--human", "US", "--save-dir", saves])
            t.waitFor("YOUR SECRET BRIEF")
            t.send("Enter")
            t.waitFor("Tension")
            t.send("e"); t.waitFor("End your orders"); t.send("y")
            t.waitFor("What happened in")
            t.send("s")
            t.waitFor("Save the game as")
            t.send("Enter")
            t.waitFor("Saved to")
            t.send("q"); t.waitFor("Quit the game?"); t.send("y")
            t.waitFor("EXITED-0")
        }
        let manual = saves + "/quantum-decade-2025-Q2.json"
        #expect(FileManager.default.fileExists(atPath: manual))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: saves)) ?? []
        #expect(names.contains("autosave-quantum-decade-2025-Q2.json"))
        let verify = try Binary.run(["replay", manual, "--verify"])
        #expect(verify.status == 0, "\(verify.stderr)")

        let t = try TmuxSession(arguments: ["play", "--save-dir", saves])
        t.waitFor("new game")
        t.send("l")
        t.waitFor("Load a saved game")
        t.send("Enter")
        let loaded = t.waitFor("Loaded")
        #expect(loaded.contains("United States"))
        t.send("e"); t.waitFor("End your orders"); t.send("y")
        t.waitFor("2025-Q3")
        t.send("q"); t.waitFor("Quit the game?"); t.send("y")
        t.waitFor("EXITED-0")
        #expect(try Binary.run(["replay", saves + "/autosave-quantum-decade-2025-Q3.json", "--verify"]).status == 0)

        // play --load goes straight into the saved game, with the saved delegation.
        let direct = try TmuxSession(arguments: ["play", "--load", manual, "--save-dir", saves])
        let screen = direct.waitFor("Loaded quantum-decade-2025-Q2.json")
        #expect(screen.contains("United States"))
        direct.send("q"); direct.waitFor("Quit the game?"); direct.send("y")
        direct.waitFor("EXITED-0")
        let broken = saves + "/broken.json"
        try Data("{\"format\": 2".utf8).write(to: URL(fileURLWithPath: broken))
        let refused = try Binary.run(["play", "--load", broken])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix(broken + ": "))
    }
}
