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
