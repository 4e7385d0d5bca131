import Foundation
import GameCore
import Persistence
import Testing

@Suite("Saves are untrusted input")
struct UntrustedSaveTests {
    static let valid: [UInt8] = try! SaveCodec.encode(Fixture.saved(Fixture.quick, seed: 12, turns: 3, humans: ["US"]))
    /// A smaller save for the fuzz loop (no embedded scenario text: the scenario is passed in).
    static let small: [UInt8] = {
        var saved = Fixture.saved(Fixture.quick, seed: 12, turns: 2, humans: ["US"])
        saved.scenarioSource = nil
        return try! SaveCodec.encode(saved)
    }()

    func expectRefused(_ bytes: [UInt8], _ fragment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try SaveCodec.decode(bytes, file: "mailed.json", known: [Fixture.quick])
            Issue.record("A broken save loaded", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.hasPrefix("mailed.json: "), sourceLocation: sourceLocation)
            if let fragment { #expect(error.description.contains(fragment), "\(error.description)", sourceLocation: sourceLocation) }
        }
    }

    @Test func brokenFilesGiveASentenceNamingTheFile() throws {
        let valid = Self.valid
        expectRefused([], "empty")
        expectRefused(Array(valid.prefix(valid.count / 2)), "not complete JSON")
        expectRefused(Array(valid.prefix(1)))
        var random = SplitMix(state: 99)
        expectRefused((0..<5000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        expectRefused(Array("[1, 2, 3]".utf8), "not a save")
        expectRefused(Array("{\"hello\": \"world\"}".utf8), "no format version")
        expectRefused(Array("{\"format\": 2}".utf8))
        expectRefused(Array("{\"format\": 2.5, \"checksum\": \"\"}".utf8), "no format version")
        expectRefused(Array(repeating: UInt8(ascii: "["), count: 200_000) + Array(repeating: UInt8(ascii: "]"), count: 200_000), "levels deep")
        expectRefused(Array(String(repeating: "{\"a\":", count: 100_000).utf8), "levels deep")
        expectRefused(Array(("[" + String(repeating: "0,", count: 4_100_000) + "0]").utf8), "values")
        // The right shape with a wrong type deep inside, signed properly.
        var tree = Fixture.tree(valid)
        tree["seats"] = ["humans": "US", "level": 3]
        expectRefused(Fixture.bytes(tree), "seats")
        tree = Fixture.tree(valid)
        tree["seed"] = "twelve"
        tree["checksum"] = SaveChecksum.digest(ofTree: tree)
        expectRefused(Fixture.bytes(tree), "seed")
        tree = Fixture.tree(valid)
        tree["hashes"] = ["x"]
        tree["checksum"] = SaveChecksum.digest(ofTree: tree)
        expectRefused(Fixture.bytes(tree), "state hashes")
        // An embedded scenario that does not match its hash.
        tree = Fixture.tree(valid)
        var scenario = tree["scenario"] as! [String: Any]
        scenario["contentHash"] = "0123"
        tree["scenario"] = scenario
        tree["checksum"] = SaveChecksum.digest(ofTree: tree)
        do {
            _ = try SaveCodec.decode(Fixture.bytes(tree), file: "mailed.json")
            Issue.record("A save with a wrong scenario hash loaded")
        } catch {
            #expect(error.kind == .scenario)
        }
    }

    @Test func anEnormousFileIsRefusedWithoutReadingItAll() throws {
        let folder = Fixture.folder()
        let path = folder + "/huge.json"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(SaveLimits.maximumFileSize) + 10)
        try handle.close()
        let error = try #require(throws: SaveError.self) { try SaveStore.load(path: path) }
        #expect(error.kind == .tooLarge)
        #expect(error.description.hasPrefix(path))
        let missing = try #require(throws: SaveError.self) { try SaveStore.load(path: folder + "/none.json") }
        #expect(missing.description.contains("no such file"))
        let dir = try #require(throws: SaveError.self) { try SaveStore.load(path: folder) }
        #expect(dir.description.contains("folder"))
    }

    /// Thousands of seeded mutations of a valid save: each loads or is refused with a sentence;
    /// none crashes or hangs.
    @Test func fuzzedSavesNeverCrash() throws {
        let valid = Self.small
        let tree = Fixture.tree(valid)
        var rng = SplitMix(state: 20251127)
        var loaded = 0, refused = 0
        for case_ in 0..<2000 {
            var bytes = valid
            switch case_ % 6 {
            case 0, 1:  // flip, insert or delete a few bytes
                for _ in 0...rng.below(4) {
                    let i = rng.below(bytes.count)
                    switch rng.below(3) {
                    case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: i)
                    default: bytes.remove(at: i)
                    }
                }
            case 2:  // cut short
                bytes = Array(bytes.prefix(rng.below(bytes.count)))
            case 3:  // change a digit (most land in the snapshot, the log or the hashes)
                let digits = bytes.indices.filter { bytes[$0] >= 48 && bytes[$0] <= 57 }
                for _ in 0...rng.below(3) { bytes[digits[rng.below(digits.count)]] = UInt8(48 + rng.below(10)) }
            case 4, 5:  // structural change to the parsed JSON, re-signed so it gets past the checksum
                var t = tree
                mutate(&t, rng: &rng, depth: 0)
                if case_ % 6 == 5 { t["checksum"] = SaveChecksum.digest(ofTree: t) }
                bytes = (try? JSONSerialization.data(withJSONObject: t)).map { [UInt8]($0) } ?? []
            default: break
            }
            do {
                let result = try SaveCodec.decode(bytes, file: "fuzz.json", known: [Fixture.quick])
                #expect(result.game.log.count <= Fixture.quick.calendar.turnCount)
                loaded += 1
            } catch {
                #expect(error.description.hasPrefix("fuzz.json: "))
                #expect(!error.problem.isEmpty)
                refused += 1
            }
        }
        #expect(loaded + refused == 2000)
        #expect(refused > 700)
    }

    /// Replaces, removes or retypes one value somewhere in the tree.
    func mutate(_ object: inout [String: Any], rng: inout SplitMix, depth: Int) {
        let keys = object.keys.sorted()
        guard !keys.isEmpty else { return }
        let key = keys[rng.below(keys.count)]
        mutateValue(&object[key], rng: &rng, depth: depth)
    }

    func mutateValue(_ value: inout Any?, rng: inout SplitMix, depth: Int) {
        if depth < 6, rng.below(4) != 0 {
            if var o = value as? [String: Any] { mutate(&o, rng: &rng, depth: depth + 1); value = o; return }
            if var a = value as? [Any], !a.isEmpty {
                let i = rng.below(a.count)
                var item: Any? = a[i]
                mutateValue(&item, rng: &rng, depth: depth + 1)
                if let item { a[i] = item } else { a.remove(at: i) }
                value = a
                return
            }
        }
        let replacements: [Any?] = [nil, NSNull(), -1, 0, 1, 99999, -99999, 1e300, 0.5, "", "US", "x", [Any](), [String: Any](), true,
                                    [1, 2, 3], ["order": ["bloc": "ZZ"]], Int.max]
        value = replacements[rng.below(replacements.count)]
    }
}
