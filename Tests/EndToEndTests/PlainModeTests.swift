import Foundation
import Testing

/// `entangled play --plain` as a screen-reader user works with it: typed lines on standard input,
/// the game's answers read back as text.
@Suite("Plain mode, played from a script", .serialized)
struct PlainModeTests {
    /// Runs `entangled play --plain …` with `script` as its standard input, in `folder`.
    static func play(_ arguments: [String], script: [String], folder: URL) throws -> Binary.Result {
        let input = folder.appendingPathComponent("script.txt")
        try Data((script.joined(separator: "\n") + "\n").utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["play", "--plain"] + arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "interactive=no"
        env["TERM"] = "xterm-256color"
        process.environment = env
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try FileHandle(forReadingFrom: input)
        try process.run()
        process.waitUntilExit()
        try out.close(); try err.close()
        return Binary.Result(status: process.terminationStatus,
                             stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A whole game of Q-Day Rumours as the EU, from the briefing to the debrief, typed line by
    /// line: the output is text a reader can follow, and the game it leaves is a save that replays.
    @Test func aWholeQuickCrisisGameIsPlayedFromAScript() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var script = ["help", ""]                       // the commands, then Enter leaves the briefing
        // Turn 1: a mandate for the government sector (PQC screen, m, Enter on the first deadline),
        // a look at the orders, then end the turn.
        script += ["pqc", "m", "enter", "orders", "end", "yes"]
        // The other nine turns: the budget, then end the turn (answering any question with yes).
        for _ in 2...10 { script += ["budget", "end", "yes"] }
        script += ["report", "look", "quit", "yes"]
        let r = try Self.play(["--scenario", "quick-crisis", "--human", "EU", "--save-dir", folder.path], script: script, folder: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout
        // No cursor addressing and no colour: not a single escape character.
        #expect(!out.contains("\u{1B}"))
        // help lists the commands.
        #expect(out.contains("# Commands of the plain interface"))
        // The briefing's heading and the screens' title line read as headings.
        #expect(out.contains("# Briefing — European Union"), "\(out.prefix(3000))")
        #expect(out.contains("# European Union  2029-Q1 (turn 1/10)"), "\(out.prefix(6000))")
        // The tab line names the current screen in words; frame lines are gone.
        #expect(out.contains("Screens: 1 World (current)"), "\(out.prefix(6000))")
        #expect(out.contains("4 PQC (current)"))
        #expect(!out.contains("┌") && !out.contains("│ │"))
        // A dialog is read alone, its selection named: the mandate's deadlines.
        #expect(out.contains("## Choose"), "\(out.prefix(9000))")
        #expect(out.split(separator: "\n").contains { $0.hasPrefix(PlainModeTests.selected) && $0.dropFirst(10).first?.isNumber == true && $0.contains(") 20") },
                "\(out.prefix(9000))")
        // The mandate is an order, then the turns go by to the end of the game.
        #expect(out.contains("Mandate"), "\(out.prefix(12000))")
        #expect(out.contains("2029-Q2 (turn 2/10)"))
        #expect(out.contains("2031-Q2 (turn 10/10)"))
        #expect(out.contains("Game over"), "\(out.suffix(4000))")
        // The same saves: the autosave of the last turn replays with every hash checked.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let saves = files.filter { $0.hasSuffix(".json") }
        #expect(!saves.isEmpty, "\(files)")
        if let save = saves.sorted().last {
            let replay = try Binary.run(["replay", folder.appendingPathComponent(save).path, "--verify"])
            #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        }
    }

    static let selected = "Selected: "

    /// Text typed where the game asks for it is the whole line; the end of input stops the game
    /// with a sentence instead of a hang or a crash.
    @Test func aTypedLineFillsAFieldAndTheEndOfInputStopsPolitely() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The setup screen opens on the seats; Tab twice reaches the seed (past the facilitator).
        let script = ["tab tab", "enter", "4242", "look"]
        let r = try Self.play(["--scenario", "quick-crisis", "--save-dir", folder.path], script: script, folder: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("4242"), "\(r.stdout)")
        #expect(r.stdout.contains("The input has ended"), "\(r.stdout.suffix(800))")
    }

    /// --tutorial in plain mode opens the coach on the briefing.
    @Test func theTutorialSpeaksInPlainMode() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try Self.play(["--tutorial", "--save-dir", folder.path], script: ["", "pqc"], folder: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("## Tutorial, step 1 of"), "\(r.stdout.prefix(4000))")
        #expect(r.stdout.contains("Tutorial, step 3 of"), "\(r.stdout)")
    }
}
