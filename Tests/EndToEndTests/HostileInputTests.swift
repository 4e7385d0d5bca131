import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The last input holes of issue 16, driven through the real binary.
@Suite("Hostile input on the command line (issue 16)")
struct HostileInputTests {
    @Test func numbersOnTheCommandLineSayWhatIsWrongWithTheValueGiven() throws {
        for (args, fragment) in [(["simulate", "--seed", "-1"], "a seed is a whole number"),
                                 (["simulate", "--games", "-1"], "a number of games is a whole number"),
                                 (["simulate", "--turns", "-2"], "a number of turns is a whole number"),
                                 (["play", "--seed", "x"], "a seed is a whole number")] {
            let r = try Binary.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(fragment) && !r.stderr.contains("Missing value"), "\(args): \(r.stderr)")
        }
        // Seeds past the largest one are refused instead of quietly playing fewer games.
        let last = try Binary.run(["simulate", "--seed", "18446744073709551615", "--games", "3"])
        #expect(last.status == 1)
        #expect(last.stderr.contains("give a seed of at most 18446744073709551613"), "\(last.stderr)")

        let folder = try Binary.temporaryFolder()
        #expect(try Binary.run(["simulate", "--turns", "2", "--save", "g.json"], directory: folder).status == 0)
        // A turn this save does not have is the same failure, whether given as a number or a label.
        for turn in ["0", "2099-Q1", "-1"] {
            let r = try Binary.run(["replay", "g.json", "--to-turn", turn], directory: folder)
            #expect(r.status == 1, "\(turn): \(r.stderr)")
            #expect(r.stderr.contains("turns 1 to 3"), "\(turn): \(r.stderr)")
        }
        let report = try Binary.run(["report", "g.json", "--output", folder.path], directory: folder)
        #expect(report.status == 1)
        #expect(report.stderr.contains("that is a folder; give a file name inside it"), "\(report.stderr)")
        #expect(!report.stderr.contains("the folder / "))
    }

    @Test func aPipeIsRefusedAtOnceByEveryCommandThatReadsAFile() throws {
        let folder = try Binary.temporaryFolder()
        let fifo = folder.appendingPathComponent("pipe.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let yaml = folder.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(yaml, 0o600) == 0)
        // Should a command wait on the pipe after all, a writer arrives after a while so the test
        // fails with a message instead of hanging.
        let rescue = Thread {
            sleep(20)
            for p in [fifo, yaml] {
                let fd = open(p, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
        }
        rescue.start()
        for args in [["replay", fifo], ["report", fifo], ["simulate", "--load", fifo], ["validate", yaml], ["simulate", "--scenario", yaml]] {
            let r = try Binary.run(args, directory: folder)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains("not a regular file"), "\(args): \(r.stderr)")
        }
    }

    /// A scenario text with `extra` put in at `anchor` (the quick crisis, shipped with the game).
    func scenario(replacing anchor: String, with text: String) throws -> String {
        let source = try String(contentsOf: Binary.repository.appendingPathComponent("Scenarios/quick-crisis.yaml"), encoding: .utf8)
        let range = try #require(source.range(of: anchor))
        return source.replacingCharacters(in: range, with: text)
    }

    @Test func whatValidatesAlsoSavesAndLoads() throws {
        let folder = try Binary.temporaryFolder()
        // An effect far beyond a value's range used to leave a save the game refused to load.
        let huge = try scenario(replacing: "events:\n", with: """
            events:
              - id: windfall
                title: Windfall
                text: Everything grows.
                trigger: {from: 2029-Q1, chance: 1}
                once: false
                effects: ["US.gdp *= 1000000000000000"]

            """)
        try huge.write(to: folder.appendingPathComponent("huge.yaml"), atomically: true, encoding: .utf8)
        let saved = try Binary.run(["simulate", "--scenario", "./huge.yaml", "--turns", "3", "--save", "huge.json"], directory: folder)
        #expect(saved.status == 0, "\(saved.stderr)")
        let verify = try Binary.run(["replay", "huge.json", "--verify"], directory: folder)
        #expect(verify.status == 0, "\(verify.stderr)")

        // Names longer than a screen line, and texts beyond any briefing, are refused naming the field.
        let long = try scenario(replacing: "name: United States", with: "name: " + String(repeating: "U", count: 2_000))
        try long.write(to: folder.appendingPathComponent("long.yaml"), atomically: true, encoding: .utf8)
        let refused = try Binary.run(["validate", "long.yaml"], directory: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("`name` is 2000 characters long; it may be at most 300"), "\(refused.stderr)")

        // 2,000 blocs made a 78 MB save the game refused; more than 300 are refused by validation.
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var rows: [String] = []
        for i in 0..<301 {
            let id = String([letters[i / 676 % 26], letters[i / 26 % 26], letters[i % 26]])
            rows.append("  - {id: \(id), name: \(id), doctrine: hedger, gdp: 1, budget: 1, allocation: {pqc: 100}}")
        }
        let header = "format: 1\nid: many\ntitle: Many\nstart: 2025\nend: 2030\nsectors: [{id: government, name: G, shelfLife: 5}]\nblocs:\n"
        let many: String = header + rows.joined(separator: "\n") + "\n"
        try many.write(to: folder.appendingPathComponent("many.yaml"), atomically: true, encoding: .utf8)
        let manyResult = try Binary.run(["validate", "many.yaml"], directory: folder)
        #expect(manyResult.status == 1)
        #expect(manyResult.stderr.contains("at most 300 blocs (every UN member is 193); it has 301"), "\(manyResult.stderr)")

        // An accord deadline outside the game.
        let late = try scenario(replacing: "treaties:\n", with: "treaties:\n  - {type: pqc-accord, parties: [US, EU], deadline: 2099-Q4}\n")
        try late.write(to: folder.appendingPathComponent("late.yaml"), atomically: true, encoding: .utf8)
        let lateResult = try Binary.run(["validate", "late.yaml"], directory: folder)
        #expect(lateResult.status == 1)
        #expect(lateResult.stderr.contains("deadline` falls after the game ends"), "\(lateResult.stderr)")
    }

    @Test func ctrlBackslashRestoresTheTerminalAndTheCLocaleStillShowsLetters() throws {
        let t = try TmuxSession(arguments: ["play", "--human", "US"], environment: ["LANG": "", "LC_ALL": "C"])
        // The brief's dashes and bullets are not ASCII: under LANG=C they used to vanish.
        t.waitFor("YOUR SECRET BRIEF — UNITED STATES", "•")
        t.send("C-\\")
        let screen = t.waitFor("EXITED-131")
        #expect(!screen.contains("crashed") && !screen.contains("Backtrace"), "\(screen)")
        #expect(!screen.contains("YOUR SECRET BRIEF"), "the game's screen was left behind:\n\(screen)")
    }
}
