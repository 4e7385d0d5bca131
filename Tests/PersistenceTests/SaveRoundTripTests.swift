import Foundation
import GameCore
import Persistence
import ScenarioFormat
import Strategy
import Testing

@Suite("Saves: round trip, verification, divergence, versions")
struct SaveRoundTripTests {
    @Test func aFullGameRoundTripsAndStaysUnderOneMegabyte() throws {
        let saved = Fixture.saved(Fixture.quantumDecade, seed: 2025, turns: nil, humans: ["US", "EU"])
        let bytes = try SaveCodec.encode(saved)
        print("full 44-turn quantum-decade save: \(bytes.count) bytes")
        #expect(bytes.count < 1_000_000)
        let loaded = try SaveCodec.decode(bytes, file: "full.json")
        #expect(loaded.divergence == nil)
        #expect(loaded.game.state == saved.game.state)
        #expect(loaded.game.log == saved.game.log)
        #expect(loaded.game.hashes == saved.game.hashes)
        #expect(loaded.saved.seats == Seats(humans: ["US", "EU"], level: "standard"))
        #expect(loaded.game.isOver)
        // The snapshot alone reproduces the state hash (numbers survive JSON bit for bit).
        let tree = Fixture.tree(bytes)
        let snapshot = try JSONDecoder().decode(GameState.self, from: JSONSerialization.data(withJSONObject: tree["snapshot"]!))
        #expect(snapshot.canonicalHash == saved.game.state.canonicalHash)
    }

    @Test func aGameLoadedAndPlayedOnEndsExactlyLikeOnePlayedWithoutInterruption() throws {
        let whole = Autoplay.play(Fixture.quantumDecade, seed: 77, turns: nil)
        let folder = Fixture.folder()
        let path = folder + "/half.json"
        try SaveStore.write(Fixture.saved(Fixture.quantumDecade, seed: 77, turns: 17), to: path)
        var resumed = try SaveStore.load(path: path).saved.game
        #expect(resumed.log.count == 17)
        Autoplay.continuePlaying(&resumed)
        #expect(resumed.state.canonicalHash == whole.state.canonicalHash)
        #expect(resumed.hashes == whole.hashes)
    }

    @Test func aDivergentReplaySaysWhereAndContinuesFromTheSnapshot() throws {
        let saved = Fixture.saved(Fixture.quick, seed: 3, turns: 6)
        var tree = Fixture.tree(try SaveCodec.encode(saved))
        // Pretend an older version of the rules recorded a different hash at turn 4 (and signed it).
        var hashes = tree["hashes"] as! [String]
        hashes[3] = String(repeating: "0", count: 32)
        tree["hashes"] = hashes
        tree["checksum"] = recomputedChecksum(tree)
        #expect(throws: SaveError.self) { try SaveCodec.decode(Fixture.bytes(tree), file: "old.json") }
        let loaded = try SaveCodec.decode(Fixture.bytes(tree), file: "old.json", fromSnapshot: true)
        let d = try #require(loaded.divergence)
        #expect(d.turn == 3)
        #expect(d.sentence.hasPrefix("The replay diverged at turn 4 ("))
        #expect(loaded.game.state == saved.game.state)   // the snapshot
        var game = loaded.game
        Autoplay.continuePlaying(&game, turns: 1)
        #expect(game.log.count == 7)
        // Rewinding is possible only up to the divergence.
        #expect(throws: SaveError.self) { try Branching.rewind(loaded, toTurn: 6) }
        #expect(try Branching.rewind(loaded, toTurn: 4).game.log.count == 3)
    }

    @Test func aDivergentReplayWithABrokenSnapshotIsRefusedWithASentence() throws {
        var tree = Fixture.tree(try SaveCodec.encode(Fixture.saved(Fixture.quick, seed: 3, turns: 4)))
        var hashes = tree["hashes"] as! [String]
        hashes[1] = String(repeating: "1", count: 32)
        tree["hashes"] = hashes
        tree["checksum"] = recomputedChecksum(tree)
        var snapshot = tree["snapshot"] as! [String: Any]
        snapshot["blocs"] = [Any]()
        tree["snapshot"] = snapshot
        let error = try #require(throws: SaveError.self) { try SaveCodec.decode(Fixture.bytes(tree), file: "broken.json", fromSnapshot: true) }
        #expect(error.description.hasPrefix("broken.json: The replay diverged at turn 2"))
    }

    @Test func aSaveFromANewerFormatNamesBothVersions() throws {
        var tree = Fixture.tree(try SaveCodec.encode(Fixture.saved(Fixture.quick, seed: 1, turns: 1)))
        tree["format"] = 7
        let error = try #require(throws: SaveError.self) { try SaveCodec.decode(Fixture.bytes(tree), file: "future.json") }
        #expect(error.kind == .newerFormat)
        #expect(error.description.contains("future.json"))
        #expect(error.description.contains("format 7"))
        #expect(error.description.contains("up to \(SaveFormat.current)"))
    }

    @Test func aVersionOneSaveLoadsThroughTheUpgradeChain() throws {
        let path = Fixture.fixtures.appendingPathComponent("format1-quick-crisis.json").path
        let raw = Fixture.tree([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(raw["format"] as? Int == 1)
        #expect(raw["checksum"] == nil && raw["seats"] == nil)
        // A format-1 file comes from an older program, whose rules may differ: asked explicitly.
        let loaded = try SaveStore.load(path: path, fromSnapshot: true)
        #expect(loaded.originalFormat == 1)
        #expect(loaded.game.scenario.id == "quick-crisis")
        #expect(loaded.game.seed == 29)
        #expect(loaded.game.log.count == 3)
        #expect(loaded.saved.seats == Seats(humans: [], level: "standard"))
        // Either this version's rules reproduce it, or it says so and uses the snapshot.
        if loaded.divergence == nil {
            #expect(loaded.game.hashes == raw["hashes"] as? [String])
        }
        // Saving it again writes the current format.
        // A game that went on from the stored state keeps saying which program played its first turns.
        if loaded.divergence != nil {
            let error = try #require(throws: SaveError.self) { try SaveCodec.decode(try SaveCodec.encode(loaded.saved), file: "again.json") }
            #expect(error.problem.contains("continued from the state stored by entangled 0.0.9"), "\(error.problem)")
        }
        let again = try SaveCodec.decode(try SaveCodec.encode(loaded.saved), file: "again.json", fromSnapshot: loaded.divergence != nil)
        #expect(again.originalFormat == SaveFormat.current)
        #expect(again.game.state.canonicalHash == loaded.game.state.canonicalHash)
    }

    @Test func aTamperedLogIsRefused() throws {
        var tree = Fixture.tree(try SaveCodec.encode(Fixture.saved(Fixture.quick, seed: 5, turns: 3)))
        var log = tree["log"] as! [Any]
        log[1] = [Any]()            // drop every command of turn 2
        tree["log"] = log
        let error = try #require(throws: SaveError.self) { try SaveCodec.decode(Fixture.bytes(tree), file: "t.json") }
        #expect(error.kind == .tampered)
        #expect(error.description.hasPrefix("t.json: "))
    }

    @Test func rewindingMakesABranchThatRecordsItsParent() throws {
        let folder = Fixture.folder()
        let path = folder + "/game.json"
        try SaveStore.write(Fixture.saved(Fixture.quick, seed: 8, turns: 6, humans: ["US"]), to: path)
        let loaded = try SaveStore.load(path: path)
        let branch = try Branching.rewind(loaded, toTurn: 3)
        #expect(branch.game.log.count == 2)
        #expect(branch.game.hashes == Array(loaded.game.hashes.prefix(2)))
        #expect(branch.parent == ParentRecord(file: path, checksum: loaded.checksum, turn: 3, turnLabel: Fixture.quick.calendar.label(2)))
        #expect(branch.seats.humans == ["US"])
        try SaveStore.write(branch, to: folder + "/branch.json")
        let reread = try SaveStore.load(path: folder + "/branch.json")
        #expect(reread.saved.parent == branch.parent)
        #expect(Branching.turnNumber(Fixture.quick.calendar.label(2), in: Fixture.quick) == 3)
        #expect(throws: SaveError.self) { try Branching.rewind(loaded, toTurn: 9) }
    }

    @Test func foldersAreCreatedListedAndAutosavesRotate() throws {
        let folder = Fixture.folder() + "/nested/Saves"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let debris = folder + "/.old.json.tmp-1-2"
        _ = FileManager.default.createFile(atPath: debris, contents: Data("{".utf8))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: debris)
        // An earlier session's autosave of another scenario in the same folder is not rotated away.
        let other = folder + "/autosave-quantum-decade-2025-Q3.json"
        try SaveStore.write(Fixture.saved(BundledScenarios.defaultScenario, seed: 2, turns: 2), to: other, date: Date(timeIntervalSince1970: 999_000))
        var game = Game(scenario: Fixture.quick, seed: 4)
        for turn in 1...7 {
            game.resolve(Autoplay.computerCommands(game, level: .standard, humans: [0]))
            let saved = SavedGame(game: game, scenarioSource: SaveStore.scenarioSource(for: Fixture.quick), seats: Seats(humans: ["US"]))
            try SaveStore.autosave(saved, folder: folder, date: Date(timeIntervalSince1970: 1_000_000 + Double(turn)))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(!names.contains(".old.json.tmp-1-2"))   // debris of a killed write is cleared
        #expect(names.count == SaveStore.autosavesKept + 1)
        #expect(names.filter { $0.hasPrefix("autosave-quick-crisis-") }.count == SaveStore.autosavesKept)
        #expect(names.contains("autosave-quantum-decade-2025-Q3.json"))
        let list = SaveStore.list(folder: folder)
        #expect(list.count == 6)
        #expect(list.first?.turn == Fixture.quick.calendar.label(7))
        #expect(list.first?.humans == ["US"])
        #expect(list.first?.scenarioTitle == Fixture.quick.title)
    }

    @Test func aWriteThatCannotHappenSaysSoAndLeavesTheOldFile() throws {
        let folder = Fixture.folder()
        let blocker = folder + "/file"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let error = try #require(throws: SaveError.self) {
            try SaveStore.write(Fixture.saved(Fixture.quick, seed: 1, turns: 1), to: blocker + "/inside/game.json")
        }
        #expect(error.kind == .unwritable)
        #expect(error.description.contains("still in memory"))
        #expect(try String(contentsOfFile: blocker, encoding: .utf8) == "x")
    }
}

/// The checksum a save with this tree should carry.
func recomputedChecksum(_ tree: [String: Any]) -> String { SaveChecksum.digest(ofTree: tree) }
