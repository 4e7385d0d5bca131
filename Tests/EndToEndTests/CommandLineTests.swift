import Foundation
import Testing

@Suite("The command line", .serialized)
struct CommandLineTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func twoProcessesWithTheSameSeedGiveTheSameHash() throws {
        let a = try Binary.run(["simulate", "--seed", "11", "--format", "json"])
        let b = try Binary.run(["simulate", "--seed", "11", "--format", "json"])
        #expect(a.status == 0, "\(a.stderr)")
        let ha = try json(a.stdout)["stateHash"] as? String
        let hb = try json(b.stdout)["stateHash"] as? String
        #expect(ha != nil)
        #expect(ha == hb)
        let c = try Binary.run(["simulate", "--seed", "12", "--format", "json"])
        #expect(try json(c.stdout)["stateHash"] as? String != ha)
    }

    @Test func simulateJSONHasEveryField() throws {
        let r = try Binary.run(["simulate", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r.stdout)
        #expect(o["scenario"] as? String == "quantum-decade")
        #expect(o["seed"] as? String == "2025")
        #expect(o["turnsPlayed"] as? Int == 44)
        #expect(o["finalTurn"] as? String == "2035-Q4")
        #expect((o["stateHash"] as? String)?.count == 32)
        #expect(o.keys.contains("firstCRQC"))
        if let first = o["firstCRQC"] as? [String: Any] {
            #expect(first["bloc"] is String)
            #expect((first["turn"] as? String)?.contains("-Q") == true)
        } else {
            #expect(o["firstCRQC"] is NSNull)
        }
        #expect(o["outcome"] is String)
        let scores = try #require(o["scores"] as? [String: Any])
        #expect(Set(scores.keys) == ["US", "EU", "CN", "UK", "JP", "KR", "IN", "CA", "AU", "RU"])
    }

    @Test func severalGamesGiveAListAndDistributions() throws {
        let r = try Binary.run(["simulate", "--games", "3", "--seed", "5", "--turns", "6", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r.stdout)
        let games = try #require(o["games"] as? [[String: Any]])
        #expect(games.map { $0["seed"] as? String } == ["5", "6", "7"])
        #expect(games.allSatisfy { $0["turnsPlayed"] as? Int == 6 && $0["finalTurn"] as? String == "2026-H1" || $0["finalTurn"] as? String == "2026-Q2" })
        let summary = try #require(o["summary"] as? [String: Any])
        #expect(summary["gameCount"] as? Int == 3)
    }

    /// The text tables line their counts up: in "First CRQC, by year" the "none" row's count ends
    /// in the same column as the years' counts.
    @Test func forecastTablesLineUpTheirCounts() throws {
        let r = try Binary.run(["simulate", "--games", "3", "--seed", "2025"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "First CRQC, by year"))
        let rows = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(rows.count >= 2, "\(r.stdout)")
        // The column where each row's count ends: the last digit before the bar.
        func countEnd(_ row: String) -> Int? {
            let chars = Array(row)
            var i = 8
            while i < chars.count && (chars[i] == " " || chars[i].isNumber) { i += 1 }
            var end = i - 1
            while end > 0 && chars[end] == " " { end -= 1 }
            return chars[end].isNumber ? end : nil
        }
        let ends = rows.map(countEnd)
        #expect(Set(ends).count == 1, "\(rows)")
    }

    @Test func validatePassesTheBundledScenariosAndNamesTheLineOfAnError() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Binary.repository.appendingPathComponent("Scenarios").path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".runsheet.yaml") }.sorted()  // run sheets are not scenarios
        #expect(!files.isEmpty)
        let ok = try Binary.run(["validate"] + files.map { "Scenarios/" + $0 }, directory: Binary.repository)
        #expect(ok.status == 0, "\(ok.stderr)")

        let folder = try Binary.temporaryFolder()
        let broken = """
        format: 1
        id: broken
        title: Broken
        start: 2025-Q1
        end: 2026-Q4
        sectors:
          - {id: government, name: Government, shelfLife: 25}
        blocs:
          - {id: AA, name: A, doctrine: hedger, gdp: 1, budget: 1, capital: 3, support: 150, computing: 1, sensing: 1, qkdKm: 0, workforce: 1, sigint: 1, allocation: {computing: 100}}
          - {id: BB, name: B, doctrine: hedger, gdp: 1, budget: 1, capital: 3, support: 50, computing: 1, sensing: 1, qkdKm: 0, workforce: 1, sigint: 1, allocation: {computing: 100}}
        """
        try broken.write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let bad = try Binary.run(["validate", "broken.yaml"], directory: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("broken.yaml:9"))
        #expect(bad.stderr.contains("support"))
        #expect(!bad.stderr.contains("Fatal error"))
    }

    @Test func badUsageExitsWithTwoAndAMessage() throws {
        let r = try Binary.run(["simulate", "--games", "zero"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("games"))
        let unknown = try Binary.run(["fly"])
        #expect(unknown.status == 2)
        let missing = try Binary.run(["simulate", "--scenario", "no-such-scenario"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no-such-scenario"))
        let missingFile = try Binary.run(["validate", "/nonexistent/x.yaml"])
        #expect(missingFile.status == 1)
        #expect(missingFile.stderr.contains("x.yaml"))
    }

    @Test func worksFromAnyFolderAndListsScenarios() throws {
        let folder = try Binary.temporaryFolder()
        let r = try Binary.run(["scenarios"], directory: folder)
        #expect(r.status == 0)
        #expect(r.stdout.contains("quantum-decade"))
        let help = try Binary.run(["--help"], directory: folder)
        #expect(help.status == 0)
        #expect(help.stdout.contains("simulate"))
    }

    /// `bench` reports every budgeted figure beside its budget, in JSON and in text that stays
    /// within 80 columns (a tiny run: the figures of a debug build mean nothing, their presence does).
    @Test func benchReportsEveryFigureWithItsBudget() throws {
        let quick = ["bench", "--games", "1", "--forecast-games", "2", "--turn-samples", "1"]
        let r = try Binary.run(quick + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r.stdout)
        let figures = try #require(o["figures"] as? [[String: Any]])
        #expect(figures.compactMap { $0["id"] as? String } == ["game", "gameHashed", "forecast", "turn193", "turn", "render", "render120"])
        for f in figures {
            #expect((f["seconds"] as? Double).map { $0 > 0 } == true, "\(f)")
            #expect((f["budgetSeconds"] as? Double).map { $0 > 0 } == true, "\(f)")
            #expect(f["met"] is Bool)
        }
        let scaling = try #require(o["scaling"] as? [[String: Any]])
        #expect(scaling.compactMap { $0["blocs"] as? Int } == [10, 50, 193])
        #expect(o["speedupOverPythonDiplomacy"] is Double)

        let text = try Binary.run(quick)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        for line in lines { #expect(line.count <= 80, "too wide: \(line)") }
        #expect(lines.filter { $0.hasPrefix("met ") || $0.hasPrefix("MISS ") }.count == 7)
        #expect(text.stdout.contains("budget 5.000 ms"))
        #expect(text.stdout.contains("193 blocs"))
    }
}
