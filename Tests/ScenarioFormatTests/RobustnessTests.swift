import Foundation
import GameCore
import Testing
@testable import ScenarioFormat

/// SplitMix64: the test's own generator, so the mutations are the same on every machine and Swift version.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform enough for tests in 0..<n.
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Any input gives a scenario or a list of errors with sensible positions, never a crash.
@Suite struct RobustnessTests {
    static let fragments = [":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!binary ", "!x ", "|", ">", "'", "\"", "#", "%",
                            "@", "`", "?", "? ", "\n", "\t", " ", "  ", "\\", "\u{0}", "é", "🙂", "~", "null", "yes", "1e400", "-1",
                            "99999999999999999999999", "0.5", "US", "CN", "self.", "all.", "world.", "trust(", ")", "2030-Q1", "==", "+=",
                            "\n  - ", "\n    ", "id: ", "\u{FEFF}", "\r", "\u{2028}", "---\n", "...\n"]

    /// Checks the contract for one input: it parses, or every error has the file name, a line ≥ 0,
    /// a column ≥ 1 when present, a message, and there are at most `ScenarioErrors.limit` of them.
    @discardableResult
    static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        do {
            _ = try ScenarioLoader.parse(text: text, file: "fuzz.yaml")
            return true
        } catch {
            #expect(!error.errors.isEmpty, sourceLocation: sourceLocation)
            #expect(error.errors.count <= ScenarioErrors.limit, sourceLocation: sourceLocation)
            for e in error.errors {
                #expect(e.file == "fuzz.yaml" && e.line >= 0 && (e.column ?? 1) >= 1 && !e.message.isEmpty, "\(e)", sourceLocation: sourceLocation)
            }
            return false
        }
    }

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0...rng.below(3) {
            let at = rng.below(scalars.count + 1)
            switch rng.below(7) {
            case 0: // delete a run
                let end = min(scalars.count, at + 1 + rng.below(20))
                scalars.removeSubrange(at..<end)
            case 1: // insert a YAML-significant fragment
                scalars.insert(contentsOf: rng.pick(fragments).unicodeScalars, at: at)
            case 2: // replace one character
                if at < scalars.count { scalars.replaceSubrange(at...at, with: rng.pick(fragments).unicodeScalars) }
            case 3: // duplicate a run (often a whole line)
                let end = min(scalars.count, at + rng.below(60))
                scalars.insert(contentsOf: Array(scalars[at..<end]), at: at)
            case 4: // truncate
                scalars.removeSubrange(at..<scalars.count)
            case 5: // swap two runs
                let other = rng.below(scalars.count + 1)
                let (a, b) = (min(at, other), max(at, other))
                let length = min(10, b - a)
                if length > 0 && b + length <= scalars.count {
                    let first = Array(scalars[a..<(a + length)])
                    let second = Array(scalars[b..<(b + length)])
                    scalars.replaceSubrange(b..<(b + length), with: first)
                    scalars.replaceSubrange(a..<(a + length), with: second)
                }
            default: // change a number into another number, or a word into another word
                let replacements = ["0", "-5", "101", "1.5", "2036-Q1", "1900", "EU", "hedger", "nist", "true", "[]", "{}", "\"\""]
                if at < scalars.count { scalars.insert(contentsOf: rng.pick(replacements).unicodeScalars, at: at) }
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    @Test func twoThousandMutationsOfTheFixture() {
        var rng = SplitMix64(state: 20250101)
        var accepted = 0
        for _ in 0..<2000 {
            let text = RobustnessTests.mutate(fixture, &rng)
            if RobustnessTests.check(text) { accepted += 1 }
        }
        // Some mutations are harmless (inside texts) and most are not: both paths were exercised.
        #expect(accepted > 20 && accepted < 1900, "accepted \(accepted)")
    }

    @Test func hostileShapes() {
        var inputs: [String] = [
            "", " ", "\n\n\n", "#only a comment\n", "~", "null", "[]", "{}", "- - - -", "format: 1\nblocs: {US: {}}\n",
            "format: [1]\n", "format: 99999999999999999999999999\n", "format: !!binary AAAA\n", "!custom {format: 1}\n",
            "format: 1\nid: &x a\ntitle: *x\n", "format: 1\n*undefined: 1\n", "\u{FEFF}format: 1\n", "format: 1\r\nid: x\r\n",
            "\u{0}\u{1}\u{2}", "format: \"\\u0000\"\n", "key: \"\\uD800\"\n", "%YAML 9.9\n---\nformat: 1\n", "format: 1\n---\nother: 2\n",
            String(repeating: "[", count: 100_000), String(repeating: "{a: ", count: 5_000),
            String(repeating: "- ", count: 3_000) + "x\n",
            (0..<1_500).map { String(repeating: " ", count: $0) + "a:\n" }.joined(),
            "format: 1\nsummary: " + String(repeating: "x", count: 1_000_000) + "\n",
            "format: 1\nid: " + String(repeating: "a", count: 10_000) + "\n",
            fixture.replacingOccurrences(of: "condition: self.pqc.government >= 0.95",
                                         with: "condition: " + String(repeating: "(", count: 1_500) + "1 > 0" + String(repeating: ")", count: 1_500)),
            fixture.replacingOccurrences(of: "gdp: 29", with: "gdp: 1" + String(repeating: "0", count: 400)),
            fixture.replacingOccurrences(of: "blocs:\n  - id: US", with: "blocs: &b\n  - id: US").replacingOccurrences(of: "relations:", with: "relations: *b\nx:"),
        ]
        // Binary garbage from the test's own generator.
        var rng = SplitMix64(state: 7)
        for _ in 0..<50 {
            let bytes = (0..<rng.below(2_000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        for text in inputs { RobustnessTests.check(text) }
        #expect(errors(of: String(repeating: "[", count: 100_000)).first?.message.contains("nested too deeply") == true)
    }

    @Test func multiplyingAliasesStopAtTheWorkLimit() {
        // 2,000 aliased blocs, each with the same 2,000 aliased objectives: four million conditions
        // from a file of a few kilobytes.
        let objectives = "[" + Array(repeating: "*o", count: 2_000).joined(separator: ",") + "]"
        let blocs = "[" + Array(repeating: "*b", count: 2_000).joined(separator: ",") + "]"
        let text = """
        o: &o {id: x, text: t, condition: "self.support > 1 and self.gdp > 2 and self.budget > 3"}
        os: &os \(objectives)
        b: &b {id: AA, name: A, doctrine: hedger, gdp: 1, budget: 1, allocation: {pqc: 100}, objectives: *os}
        format: 1
        id: aliases
        title: Aliases
        start: 2025
        end: 2030
        sectors: [{id: government, name: G, shelfLife: 5}]
        blocs: \(blocs)
        """
        // No time is asserted (speed is measured, never asserted in tests): the refusal below is
        // what the work limit does, and a reader without one would not finish at all.
        let found = errors(of: text)
        #expect(found.contains { $0.message.contains("too large or too repetitive") })
        #expect(found.count <= ScenarioErrors.limit)
    }

    @Test func oversizedTextIsRefused() {
        let text = "format: 1\nsummary: " + String(repeating: "x", count: ScenarioLoader.maximumFileSize) + "\n"
        let found = errors(of: text)
        #expect(found.count == 1)
        #expect(found.first?.line == 0)
        #expect(found.first?.message.contains("at most 4 MB") == true)
    }
}

/// Reading files: every failure is a ScenarioError naming the path.
@Suite struct FileLoadingTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-format-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    func loadErrors(_ path: String) -> [ScenarioError] {
        do {
            _ = try ScenarioLoader.load(path: path)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func validFileLoads() throws {
        let path = try write("ok.yaml", Data(fixture.utf8))
        let scenario = try ScenarioLoader.load(path: path)
        #expect(scenario.id == "test-triad")
        #expect(scenario.contentHash == StableHasher.digest(of: fixture))
    }

    @Test func errorsNameThePath() throws {
        let path = try write("bad.yaml", Data(fixture.replacingOccurrences(of: "support: 55", with: "support: 120").utf8))
        let found = loadErrors(path)
        #expect(found.map(\.file) == [path])
        #expect(found.first?.description.hasPrefix("\(path):31:14: blocs[0].support:") == true)
    }

    @Test func missingFile() {
        let path = directory.appendingPathComponent("nope.yaml").path
        #expect(loadErrors(path) == [ScenarioError(file: path, line: 0, field: "", message: "The file does not exist. Check the path and the spelling of the name.")])
    }

    @Test func directoryInsteadOfFile() {
        #expect(loadErrors(directory.path).first?.message.contains("folder") == true)
    }

    @Test func notUTF8() throws {
        var bytes = Array("format: 1\nid: x\n".utf8)
        bytes += [0x74, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]
        let path = try write("latin.yaml", Data(bytes))
        let found = loadErrors(path)
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message.contains("not UTF-8") == true)
    }

    @Test func tooLarge() throws {
        let path = try write("big.yaml", Data(repeating: UInt8(ascii: "#"), count: ScenarioLoader.maximumFileSize + 1))
        let found = loadErrors(path)
        #expect(found.count == 1)
        #expect(found.first?.line == 0)
        #expect(found.first?.message.contains("too large") == true)
    }

    @Test func endlessDevice() {
        // A device is refused before reading, instead of running forever (issue 16: pipes and devices).
        guard FileManager.default.fileExists(atPath: "/dev/zero") else { return }
        #expect(loadErrors("/dev/zero").first?.message.contains("not a regular file") == true)
    }
}
