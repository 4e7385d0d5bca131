import Foundation
import Testing

@Suite("The after-action report from the command line", .serialized)
struct ReportCommandTests {
    @Test func aSimulatedSaveGivesTheReportInAllFourFormats() throws {
        let folder = try Binary.temporaryFolder()
        let sim = try Binary.run(["simulate", "--seed", "5", "--save", "game.json"], directory: folder)
        #expect(sim.status == 0, "\(sim.stderr)")

        let markdown = try Binary.run(["report", "game.json"], directory: folder)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.hasPrefix("# After-action report: The Quantum Decade"))
        for heading in ["## Outcome: ", "## Delegations and their objectives", "## Timeline of key events",
                        "## What harvest-now-decrypt-later exposed", "## Mosca's inequality over time",
                        "## Turning points", "## Charts", "## Questions for discussion"] {
            #expect(markdown.stdout.contains("\n" + heading), "\(heading)")
        }

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: false)
        let html = try Binary.run(["report", "game.json", "--format", "html", "--output", "out/report.html"], directory: folder)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.isEmpty)
        #expect(html.stderr.contains("out/report.html"))
        let page = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        // Four charts (the race, migration, the world indices, trust); one self-contained file:
        // its only script is inline (presentation mode) and nothing is fetched.
        #expect(page.components(separatedBy: "<svg").count - 1 == 4)
        #expect(!page.contains("http") && !page.contains("src=") && page.components(separatedBy: "<script").count - 1 == 1)

        let csv = try Binary.run(["report", "game.json", "--format", "csv"], directory: folder)
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "turn,label,bloc,indicator,value")
        #expect(lines.contains { $0.hasPrefix("44,2035-Q4,world,tension,") })
        #expect(lines.contains { $0.hasPrefix("1,2025-Q1,US,computing,") })
        // Trust, from the opening values (turn 0) to the end.
        #expect(lines.contains { $0.hasPrefix("0,start,US,trust.CN,") })
        #expect(lines.contains { $0.hasPrefix("44,2035-Q4,CN,trust.US,") })

        let json = try Binary.run(["report", "game.json", "--format", "json"], directory: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["turnsPlayed"] as? Int == 44)
        #expect(object["seed"] as? String == "5")
        let questions = try #require(object["questions"] as? [String])
        #expect((5...8).contains(questions.count))
        // The same save always gives the same report.
        #expect(try Binary.run(["report", "game.json", "--format", "json"], directory: folder).stdout == json.stdout)
    }

    @Test func theReportOfABranchSaysWhereItWasRewoundFrom() throws {
        let folder = try Binary.temporaryFolder()
        let sim = try Binary.run(["simulate", "--seed", "4", "--turns", "6", "--save", "game.json"], directory: folder)
        #expect(sim.status == 0, "\(sim.stderr)")
        let first = try Binary.run(["replay", "game.json", "--to-turn", "4", "--output", "branch.json"], directory: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try Binary.run(["replay", "branch.json", "--to-turn", "2", "--output", "branch2.json"], directory: folder)
        #expect(second.status == 0, "\(second.stderr)")
        let report = try Binary.run(["report", "branch2.json"], directory: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let text = report.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(text.contains("This game is a branch: it was rewound to the start of 2025-Q2 (turn 2) from the save"))
        #expect(report.stdout.contains("## Rewinds and branches"))
        #expect(text.contains("branch.json, which had played 3 turns"))
        #expect(text.contains("Rewound to the start of 2025-Q4 (turn 4) from"))
        #expect(text.contains("game.json, which had played 6 turns"))
        // A game that is no branch says nothing of branches.
        let plain = try Binary.run(["report", "game.json"], directory: folder)
        #expect(!plain.stdout.contains("This game is a branch") && !plain.stdout.contains("Rewinds and branches"))
    }

    @Test func anOutputInAMissingFolderIsRefusedWithoutCreatingIt() throws {
        let folder = try Binary.temporaryFolder()
        let sim = try Binary.run(["simulate", "--seed", "3", "--turns", "2", "--save", "game.json"], directory: folder)
        #expect(sim.status == 0, "\(sim.stderr)")
        let missing = try Binary.run(["report", "game.json", "--output", "nowhere/deeper/x.md"], directory: folder)
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("nowhere/deeper/x.md"))
        #expect(missing.stderr.contains("nowhere/deeper does not exist; create it first or choose another --output."))
        #expect(!missing.stderr.contains("check that the folder exists"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("nowhere").path))

        let absolute = try Binary.run(["report", "game.json", "--output", "/nonexistent/dir/x.md"], directory: folder)
        #expect(absolute.status == 1)
        #expect(absolute.stderr.contains("the folder /nonexistent/dir does not exist"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent"))

        // A file in the way of the folder is not a folder either.
        try Data("x".utf8).write(to: folder.appendingPathComponent("plain"))
        let file = try Binary.run(["report", "game.json", "--output", "plain/x.md"], directory: folder)
        #expect(file.status == 1)
        #expect(file.stderr.contains("does not exist"))

        // A file beside the save, with no folder given, is written.
        let here = try Binary.run(["report", "game.json", "--output", "report.md"], directory: folder)
        #expect(here.status == 0, "\(here.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.md").path))
    }

    @Test func aMissingOrCorruptSaveIsExplainedInPlainWords() throws {
        let folder = try Binary.temporaryFolder()
        let missing = try Binary.run(["report", "nowhere.json"], directory: folder)
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("nowhere.json"))
        #expect(missing.stderr.split(separator: "\n").count <= 2)
        #expect(!missing.stderr.contains("Fatal error"))

        try Data("{\"format\": 3, \"log\": [".utf8).write(to: folder.appendingPathComponent("broken.json"))
        let broken = try Binary.run(["report", "broken.json", "--format", "html"], directory: folder)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("broken.json"))
        #expect(broken.stderr.split(separator: "\n").count <= 2)

        let usage = try Binary.run(["report", "broken.json", "--format", "pdf"], directory: folder)
        #expect(usage.status == 2)
    }
}
