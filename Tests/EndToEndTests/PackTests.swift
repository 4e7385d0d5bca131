import Foundation
import Testing

@Suite("The printable session pack", .serialized)
struct PackTests {
    @Test func thePackHasTheSituationASealedPagePerHumanDelegationAndTheCribSheet() throws {
        let folder = try Binary.temporaryFolder()
        let run = try Binary.run(["pack", "quantum-decade", "--human", "US", "CN", "--output", "pack"], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("2 sealed delegation pages"))
        let html = try String(contentsOf: folder.appendingPathComponent("pack/pack.html"), encoding: .utf8)
        let md = try String(contentsOf: folder.appendingPathComponent("pack/pack.md"), encoding: .utf8)
        for text in [html, md] {
            #expect(text.contains("The Quantum Decade: the situation"))
            #expect(text.contains("SEALED — for the United States delegation only"))
            #expect(text.contains("SEALED — for the China delegation only"))
            #expect(!text.contains("SEALED — for the European Union delegation only"))
            #expect(text.contains("Facilitator's crib sheet"))
            // An objective with its threshold and deadline; the secret one marked.
            #expect(text.contains("threshold: self.pqc.government &gt;= 0.88; judged by the end of 2030-Q4; 15 points") ||
                    text.contains("threshold: self.pqc.government >= 0.88; judged by the end of 2030-Q4; 15 points"))
            #expect(text.contains("(SECRET — do not show)"))
            #expect(text.contains("security 35 %, prosperity 30 %, influence 25 %, stability 10 %"))
            #expect(text.contains("United Kingdom (UK) — doctrine middle-power, played by the computer"))
            // Inject cards with their effects in words, not in the scenario's expressions.
            #expect(text.contains("Spy scandal at a research partner"))
            #expect(text.contains(" Effects: "))
        }
        // One A4 part per page when printed.
        #expect(html.contains("@page { size: A4;") && html.components(separatedBy: "<section class=\"part\">").count - 1 == 4)
        #expect(!html.contains("http") && !html.contains("<script"))
    }

    @Test func theCribSheetPrintsTheRunSheet() throws {
        let folder = try Binary.temporaryFolder()
        let sheet = "scenario: quantum-decade\nrunSheet:\n  - {turn: 2027-Q1, inject: inject-defector}\n  - {turn: 2026-Q2, inject: inject-spy-scandal, note: Fire it if the talks on standards stall.}\n"
        try sheet.write(to: folder.appendingPathComponent("day.runsheet.yaml"), atomically: true, encoding: .utf8)
        let run = try Binary.run(["pack", "quantum-decade", "--run-sheet", "day.runsheet.yaml", "--output", "pack"], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let md = try String(contentsOf: folder.appendingPathComponent("pack/pack.md"), encoding: .utf8)
        #expect(md.contains("The run sheet"))
        // In turn order, with titles, ids and notes.
        let spy = md.range(of: "2026-Q2 (turn 6): Spy scandal at a research partner (inject-spy-scandal) — Fire it if the talks on standards stall.")
        let defector = md.range(of: "2027-Q1 (turn 9):")
        #expect(spy != nil && defector != nil && spy!.lowerBound < defector!.lowerBound, "\(md)")
        // Without a file, the crib sheet prints the scenario's own suggested run sheet (in place of the
        // file's: the given sheet replaces it); a run sheet of another scenario is refused.
        #expect(!md.contains("(inject-crqc-rumour) — Half-way"), "the given run sheet should replace the scenario's own")
        let plain = try Binary.run(["pack", "quantum-decade", "--output", "plain"], directory: folder)
        #expect(plain.status == 0)
        let own = try String(contentsOf: folder.appendingPathComponent("plain/pack.md"), encoding: .utf8)
        #expect(own.contains("2027-Q2 (turn 10): Rumour — someone already has a CRQC (inject-crqc-rumour) — Half-way through a long session"), "\(own)")
        let other = try Binary.run(["pack", "quick-crisis", "--run-sheet", "day.runsheet.yaml", "--output", "other"], directory: folder)
        #expect(other.status == 1)
        #expect(other.stderr.contains("is for quantum-decade, not for quick-crisis"), "\(other.stderr)")
        let checked = try Binary.run(["validate", "day.runsheet.yaml"], directory: folder)
        #expect(checked.status == 0 && checked.stdout.contains("valid — a run sheet of 2 planned injects for The Quantum Decade"), "\(checked.stdout)\(checked.stderr)")
        let typo = "scenario: quantum-decade\nrunSheet:\n  - {turn: 2026-Q2, inject: inject-spy-scandle}\n"
        try typo.write(to: folder.appendingPathComponent("typo.runsheet.yaml"), atomically: true, encoding: .utf8)
        let bad = try Binary.run(["pack", "quantum-decade", "--run-sheet", "typo.runsheet.yaml", "--output", "typo"], directory: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("typo.runsheet.yaml:3:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("Did you mean `inject-spy-scandal`?"), "\(bad.stderr)")
        let invalid = try Binary.run(["validate", "typo.runsheet.yaml"], directory: folder)
        #expect(invalid.status == 1 && invalid.stderr.contains("typo.runsheet.yaml:3:"), "\(invalid.stderr)")
    }

    @Test func validatePrintsWarningsApartFromErrors() throws {
        let folder = try Binary.temporaryFolder()
        let source = try String(contentsOf: Binary.repository.appendingPathComponent("Scenarios/quick-crisis.yaml"), encoding: .utf8)
        guard let range = source.range(of: "chance: ") else { Issue.record("no chance in quick-crisis"); return }
        var text = source
        let end = text[range.upperBound...].firstIndex(where: { $0 == "," || $0 == "}" || $0 == "\n" })!
        text.replaceSubrange(range.upperBound..<end, with: "0")
        try text.write(to: folder.appendingPathComponent("never.yaml"), atomically: true, encoding: .utf8)
        let run = try Binary.run(["validate", "never.yaml"], directory: folder)
        #expect(run.status == 0, "warnings only: \(run.stderr)")
        #expect(run.stderr.contains(": warning: events["), "\(run.stderr)")
        #expect(run.stderr.contains("`chance: 0` means the event can never fire"))
        #expect(run.stdout.contains("never.yaml: valid") && run.stdout.contains("1 warning (above)."), "\(run.stdout)")
        let json = try Binary.run(["validate", "--format", "json", "never.yaml"], directory: folder)
        #expect(json.stdout.contains("\"warnings\"") && json.stdout.contains("means the event can never fire"), "\(json.stdout)")
    }

    @Test func anUnknownDelegationOrAFileInTheWayIsExplained() throws {
        let folder = try Binary.temporaryFolder()
        let bad = try Binary.run(["pack", "quantum-decade", "--human", "XX"], directory: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("There is no delegation “XX” in The Quantum Decade; its delegations are US, EU, CN"))
        try "x".write(to: folder.appendingPathComponent("taken"), atomically: true, encoding: .utf8)
        let file = try Binary.run(["pack", "quantum-decade", "--output", "taken"], directory: folder)
        #expect(file.status == 1 && file.stderr.contains("taken is a file; --output names a folder"))
        let deep = try Binary.run(["pack", "quantum-decade", "--output", "no/such/pack"], directory: folder)
        #expect(deep.status == 1 && deep.stderr.contains("no/such does not exist; create it first"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("no").path))
    }
}
