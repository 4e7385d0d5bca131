import Foundation
import GameCore
import Testing
@testable import ScenarioFormat

/// Run sheets: a scenario's `runSheet:` and run-sheet files, validated like a scenario.
@Suite struct RunSheetTests {
    @Test func aScenarioCarriesItsRunSheet() {
        let text = fixture + "runSheet:\n  - {turn: 2026-Q2, inject: spy-scandal, note: Only if the lab talks stall.}\n  - {turn: 2027, inject: spy-scandal}\n"
        let check = ScenarioLoader.check(text: text, file: "test.yaml")
        #expect(check.scenario != nil, "\(check.errors)")
        #expect(check.runSheet == [PlannedInject(turn: 5, inject: "spy-scandal", note: "Only if the lab talks stall."),
                                   PlannedInject(turn: 8, inject: "spy-scandal")])
        #expect(RunSheetLoader.embedded(in: text) == check.runSheet)
        #expect(RunSheetLoader.embedded(in: fixture).isEmpty)
    }

    @Test func runSheetEntriesAreCheckedWithDidYouMean() {
        let text = fixture + "runSheet:\n  - {turn: 2026-Q2, inject: spy-scandle}\n  - {turn: 2031-Q1, inject: spy-scandal}\n  - {inject: spy-scandal, notes: x}\n"
        let found = errors(of: text)
        #expect(found.contains { $0.field == "runSheet[0].inject" && $0.message.contains("Did you mean `spy-scandal`?") }, "\(found)")
        #expect(found.contains { $0.field == "runSheet[1].turn" && $0.message.contains("falls after the game ends (2030-Q4)") }, "\(found)")
        #expect(found.contains { $0.field == "runSheet[2].notes" && $0.message.contains("Did you mean `note`?") }, "\(found)")
        #expect(found.contains { $0.field == "runSheet[2].turn" && $0.message.contains("needs `turn`") }, "\(found)")
        #expect(found.allSatisfy { $0.line >= line(of: "runSheet:", in: text) })
    }

    @Test func aRunSheetFileNamesItsScenario() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runsheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try fixture.write(to: folder.appendingPathComponent("triad.yaml"), atomically: true, encoding: .utf8)
        let good = "scenario: triad.yaml\nrunSheet:\n  - turn: 2025-Q3\n    inject: spy-scandal\n    note: Fire it if the talks stall.\n"
        let path = folder.appendingPathComponent("day.runsheet.yaml").path
        try good.write(toFile: path, atomically: true, encoding: .utf8)
        let sheet = try RunSheetLoader.load(path: path)
        #expect(sheet.scenario.id == "test-triad")
        #expect(sheet.entries == [PlannedInject(turn: 2, inject: "spy-scandal", note: "Fire it if the talks stall.")])
        // A bundled scenario by id; an inject of another scenario is refused with the file, line and column.
        let bundled = "scenario: quick-crisis\nrunSheet:\n  - {turn: 2029-Q3, inject: spy-scandal}\n"
        do {
            _ = try RunSheetLoader.parse(text: bundled, file: "day.runsheet.yaml")
            Issue.record("an unknown inject was accepted")
        } catch {
            let e = error.errors.first
            #expect(e?.file == "day.runsheet.yaml")
            #expect(e?.line == 3 && e?.column == 29, "\(error)")
            #expect(e?.field == "runSheet[0].inject")
            #expect(e?.message.contains("is not an inject of this scenario") == true)
        }
        do {
            _ = try RunSheetLoader.parse(text: "scenario: quantum-decad\nrunSheet: []\n", file: "x.yaml")
            Issue.record("an unknown scenario was accepted")
        } catch {
            #expect(error.errors.first?.message.contains("Did you mean `quantum-decade`?") == true, "\(error)")
        }
        do {
            _ = try RunSheetLoader.parse(text: "scenario: quantum-decade\nrunsheet: []\n", file: "x.yaml")
            Issue.record("a misspelt key was accepted")
        } catch {
            #expect(error.errors.contains { $0.message.contains("Did you mean `runSheet`?") }, "\(error)")
        }
    }
}
