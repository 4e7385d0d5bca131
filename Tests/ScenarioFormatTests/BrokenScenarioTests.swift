import Foundation
import GameCore
import Testing
@testable import ScenarioFormat

/// Asserts that `text` is rejected with an error in `field` on `line` (and `column`, when given) whose
/// message contains every fragment; returns that error.
@discardableResult
func expectError(in text: String, line: Int, column: Int? = nil, field: String, says fragments: [String],
                 sourceLocation: SourceLocation = #_sourceLocation) -> ScenarioError? {
    let found = errors(of: text)
    #expect(!found.isEmpty, "the text was accepted", sourceLocation: sourceLocation)
    #expect(found.allSatisfy { $0.file == "test.yaml" }, sourceLocation: sourceLocation)
    guard let error = found.first(where: { $0.field == field }) else {
        Issue.record("no error for field \(field); got:\n\(found.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
        return nil
    }
    #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
    if let column { #expect(error.column == column, "\(error)", sourceLocation: sourceLocation) }
    for fragment in fragments {
        #expect(error.message.contains(fragment), "message: \(error.message)", sourceLocation: sourceLocation)
    }
    return error
}

@Suite struct BrokenScenarioTests {
    @Test func unknownKeySuggestsTheRightOne() {
        let text = fixture(replacing: "shelfLife: 7", with: "shelflife: 7")
        let error = expectError(in: text, line: line(of: "id: finance"), column: column(of: "shelflife", in: text),
                                field: "sectors[1].shelflife", says: ["Unknown key `shelflife`.", "Did you mean `shelfLife`?"])
        // The misspelt key is the problem; "shelfLife is missing" would only repeat it.
        #expect(errors(of: text).count == 1)
        #expect(error?.description == "test.yaml:18:34: sectors[1].shelflife: Unknown key `shelflife`. Did you mean `shelfLife`?")
    }

    @Test func unknownKeyWithoutCloseMatchListsTheKeys() {
        let text = fixture(replacing: "seed: 7", with: "seed: 7\ncolour: blue")
        expectError(in: text, line: line(of: "colour", in: text), field: "colour",
                    says: ["Unknown key `colour`.", "Keys allowed here:", "injects"])
    }

    @Test func wrongTypes() {
        expectError(in: fixture(replacing: "gdp: 29", with: "gdp: lots"), line: line(of: "gdp: 29"), field: "blocs[0].gdp",
                    says: ["`gdp` must be a number", "`lots`"])
        expectError(in: fixture(replacing: "support: 55", with: "support: \"55\""), line: line(of: "support: 55"),
                    field: "blocs[0].support", says: ["without quotes"])
        expectError(in: fixture(replacing: "groups: [NATO, G7]", with: "groups: NATO"), line: line(of: "groups: [NATO, G7]"),
                    field: "blocs[0].groups", says: ["must be a list"])
        expectError(in: fixture(replacing: "qkd: true}", with: "qkd: yes}"), line: line(of: "qkd: true"),
                    field: "sectors[0].qkd", says: ["Write `true` or `false`"])
        let mapForList = fixture(replacing: "chokepoints:\n  - {id: dilution-fridges, name: Dilution refrigerators}\n  - {id: helium-3, name: Helium-3}",
                                 with: "chokepoints: {dilution-fridges: Dilution refrigerators}")
        expectError(in: mapForList, line: line(of: "chokepoints:", in: mapForList), field: "chokepoints", says: ["must be a list"])
    }

    @Test func missingRequiredKeys() {
        let text = fixture(replacing: "    doctrine: tech-leader\n", with: "")
        expectError(in: text, line: line(of: "- id: US"), field: "blocs[0].doctrine", says: ["needs `doctrine`"])
        let noTitle = fixture(replacing: "title: Three-bloc test\n", with: "")
        expectError(in: noTitle, line: 1, field: "title", says: ["needs `title`"])
        let emptyName = fixture(replacing: "name: Finance,", with: "name: ,")
        expectError(in: emptyName, line: line(of: "id: finance"), field: "sectors[1].name", says: ["`name` is empty"])
    }

    @Test func badDoctrine() {
        let text = fixture(replacing: "doctrine: tech-leader", with: "doctrine: tech-leaders")
        expectError(in: text, line: line(of: "doctrine: tech-leader"), column: 15, field: "blocs[0].doctrine",
                    says: ["`tech-leaders` is not a doctrine.", "Did you mean `tech-leader`?"])
        let far = fixture(replacing: "doctrine: tech-leader", with: "doctrine: pacifist")
        expectError(in: far, line: line(of: "doctrine: tech-leader"), field: "blocs[0].doctrine",
                    says: ["Doctrines: tech-leader, state-directed, standards-power, hedger, middle-power, spoiler."])
    }

    @Test func unknownBlocInRelations() {
        let text = fixture(replacing: "[US, CN], trust: -30", with: "[US, XX], trust: -30")
        expectError(in: text, line: line(of: "[US, CN], trust: -30"), column: 20, field: "relations[1].between[1]",
                    says: ["`XX` is not a bloc in this scenario. Known blocs: US, EU, CN."])
    }

    @Test func relationProblems() {
        let same = fixture(replacing: "[US, CN], trust: -30", with: "[US, US], trust: -30")
        expectError(in: same, line: line(of: "[US, CN], trust: -30"), field: "relations[1].between", says: ["two different blocs"])
        let twice = fixture(replacing: "[US, CN], trust: -30", with: "[EU, US], trust: -30")
        expectError(in: twice, line: line(of: "[US, CN], trust: -30"), field: "relations[1].between",
                    says: ["between `EU` and `US` is already given on line \(line(of: "[US, EU], trust: 70"))"])
        let range = fixture(replacing: "[US, CN], trust: -30", with: "[US, CN], trust: -130")
        expectError(in: range, line: line(of: "[US, CN], trust: -30"), field: "relations[1].trust",
                    says: ["`trust` must be between -100 and 100; it is -130."])
    }

    @Test func unknownSectorInPQC() {
        let text = fixture(replacing: "pqc: {government: 0.2, critical-infra", with: "pqc: {goverment: 0.2, critical-infra")
        expectError(in: text, line: line(of: "pqc: {government: 0.2, critical-infra"), column: 11, field: "blocs[0].pqc.goverment",
                    says: ["`goverment` is not a sector in this scenario.", "Did you mean `government`?"])
        let far = fixture(replacing: "pqc: {government: 0.2, critical-infra", with: "pqc: {energy: 0.2, critical-infra")
        expectError(in: far, line: line(of: "pqc: {government: 0.2, critical-infra"), field: "blocs[0].pqc.energy",
                    says: ["Known sectors: government, finance, critical-infra."])
    }

    @Test func allocationMustAddUpTo100() {
        let text = fixture(replacing: "pqc: 20, supply: 5}", with: "pqc: 20, supply: 0}")
        let error = expectError(in: text, line: line(of: "allocation: {computing: 40"), field: "blocs[0].allocation",
                                says: ["The allocation adds up to 95, but it must add up to 100. Change one of the percentages."])
        #expect(error?.description == "test.yaml:40:5: blocs[0].allocation: The allocation adds up to 95, but it must add up to 100. Change one of the percentages.")
        // Within the tolerance of 0.01 is fine.
        #expect(errors(of: fixture(replacing: "pqc: 20, supply: 5}", with: "pqc: 20, supply: 5.005}")).isEmpty)
        let unknownTrack = fixture(replacing: "pqc: 20, supply: 5}", with: "pqc: 20, suply: 5}")
        expectError(in: unknownTrack, line: line(of: "allocation: {computing: 40"), field: "blocs[0].allocation.suply",
                    says: ["`suply` is not a track", "Did you mean `supply`?"])
    }

    @Test func outOfRangeValues() {
        expectError(in: fixture(replacing: "support: 55", with: "support: 120"), line: line(of: "support: 55"), column: 14,
                    field: "blocs[0].support", says: ["`support` must be between 0 and 100; it is 120."])
        expectError(in: fixture(replacing: "gdp: 29", with: "gdp: 0"), line: line(of: "gdp: 29"), field: "blocs[0].gdp",
                    says: ["greater than 0"])
        expectError(in: fixture(replacing: "shelfLife: 7,", with: "shelfLife: 1e400,"), line: line(of: "shelfLife: 7,"),
                    field: "sectors[1].shelfLife", says: ["far too large"])
        expectError(in: fixture(replacing: "crqcLogicalQubits: 900", with: "crqcLogicalQubits: 5"), line: line(of: "crqcLogicalQubits"),
                    field: "rules.crqcLogicalQubits", says: ["between 10 and 1000000; it is 5."])
        expectError(in: fixture(replacing: "seed: 7", with: "seed: -7"), line: line(of: "seed: 7"), field: "seed",
                    says: ["whole number of 0 or more"])
    }

    @Test func duplicateBlocID() {
        let text = fixture(replacing: "- id: CN", with: "- id: EU")
        expectError(in: text, line: line(of: "- id: CN"), column: 9, field: "blocs[2].id",
                    says: ["The bloc id `EU` is used twice (first on line \(line(of: "- id: EU")))"])
    }

    @Test func badBlocID() {
        let text = fixture(replacing: "- id: CN", with: "- id: china")
        expectError(in: text, line: line(of: "- id: CN"), field: "blocs[2].id", says: ["2 to 6 capital letters", "`china` is not"])
    }

    @Test func badDates() {
        expectError(in: fixture(replacing: "start: 2025-Q1", with: "start: 2025-Q5"), line: 7, column: 8, field: "start",
                    says: ["`2025-Q5` is not a date."])
        expectError(in: fixture(replacing: "start: 2025-Q1", with: "start: 2025-q1"), line: 7, field: "start",
                    says: ["`2025-Q1`, with a capital letter"])
        expectError(in: fixture(replacing: "by: 2029-Q4", with: "by: 2031-Q1"), line: line(of: "by: 2029-Q4"),
                    field: "blocs[0].objectives[0].by", says: ["after the game ends (2030-Q4)"])
        let half = fixture(replacing: "turn: quarter", with: "turn: half").replacingOccurrences(of: "start: 2025-Q1", with: "start: 2025-Q2")
        expectError(in: half, line: 7, field: "start", says: ["beginning of a half-year", "`2025-H1` or `2025-H2`"])
    }

    @Test func aBadEndDateIsTheOnlyError() {
        // The treaties' `since` dates are not judged against a calendar that could not be read.
        for (text, end) in [(fixture(replacing: "end: 2030-Q4", with: "end: 2030-Q5"), "2030-Q5"),
                            (BundledScenarios.all.first { $0.file.contains("quick-crisis") }!.text, "")] {
            guard !end.isEmpty || text.contains("end: 2031-Q2") else { Issue.record("quick-crisis no longer ends 2031-Q2"); continue }
            let broken = end.isEmpty ? text.replacingOccurrences(of: "end: 2031-Q2", with: "end: 2031-Q5") : text
            let found = errors(of: broken)
            #expect(found.count == 1, "\(found.map(\.message))")
            #expect(found.first?.field == "end")
        }
    }

    @Test func endBeforeStart() {
        expectError(in: fixture(replacing: "end: 2030-Q4", with: "end: 2024-Q4"), line: 8, column: 6, field: "end",
                    says: ["The game ends (2024-Q4) before it starts (2025-Q1)"])
    }

    @Test func supplySharesOverOne() {
        let text = fixture(replacing: "supply: {dilution-fridges: 0.3}", with: "supply: {dilution-fridges: 0.5}")
        expectError(in: text, line: line(of: "supply: {dilution-fridges: 0.3}"), field: "blocs[1].supply.dilution-fridges",
                    says: ["`dilution-fridges`", "add up to 1.1", "cannot exceed 1"])
    }

    @Test func expressionErrorInPlainScalarHasLineAndColumn() {
        let text = fixture(replacing: "self.pqc.government >= 0.95", with: "self.pqc.government >== 0.95")
        // The stray `=` is the 23rd character of the expression.
        expectError(in: text, line: line(of: "self.pqc.government >= 0.95"), column: column(of: "self.pqc.government") + 22,
                    field: "blocs[0].objectives[0].condition", says: ["Expected a value", "found `=`"])
    }

    @Test func expressionErrorInQuotedScalarHasLineAndColumn() {
        let text = fixture(replacing: "CN.computing and", with: "CN.computng and")
        expectError(in: text, line: line(of: "CN.computing and"), column: column(of: "computng", in: text),
                    field: "blocs[0].objectives[1].condition", says: ["`computng` is not a bloc field.", "Did you mean `computing`?"])
        let single = fixture(replacing: "condition: \"self.computing > CN.computing and trust(self, CN) > -50\"",
                             with: "condition: 'self.computing > CN.computing and trust(self, XX) > -50'")
        expectError(in: single, line: line(of: "trust(self, XX)", in: single), column: column(of: "XX", in: single),
                    field: "blocs[0].objectives[1].condition", says: ["`XX` is not a bloc"])
    }

    @Test func expressionErrorInLiteralBlockHasLineAndColumn() {
        let text = fixture(replacing: "condition: self.pqc.government >= 0.95", with: "condition: |\n          self.pqc.government >= 0.95\n          and self.pqc.finanse > 0")
        expectError(in: text, line: line(of: "self.pqc.finanse", in: text), column: column(of: "finanse", in: text),
                    field: "blocs[0].objectives[0].condition", says: ["`finanse` is not a sector", "Did you mean `finance`?"])
    }

    @Test func conditionThatComparesNothing() {
        let text = fixture(replacing: "condition: self.standard == hybrid", with: "condition: self.support")
        expectError(in: text, line: line(of: "self.standard == hybrid"), field: "blocs[1].objectives[0].condition",
                    says: ["A condition must compare something, e.g. `self.support >= 50`."])
    }

    @Test func assignmentToDerivedValue() {
        let text = fixture(replacing: "\"CN.standard = national\"", with: "\"world.governance = 5\"")
        expectError(in: text, line: line(of: "CN.standard = national"), column: column(of: "world.governance", in: text),
                    field: "injects[0].effects[1]",
                    says: ["`world.governance` is derived from the state every turn and cannot be assigned; change what it is derived from instead."])
        let score = fixture(replacing: "\"self.support -= 3\"", with: "\"self.score += 3\"")
        expectError(in: score, line: line(of: "self.support -= 3"), field: "events[0].dilemma.options[0].effects[1]",
                    says: ["`self.score` is derived"])
    }

    @Test func selfInEventEffect() {
        let text = fixture(replacing: "\"all.support += 2\"", with: "\"self.support += 2\"")
        expectError(in: text, line: line(of: "all.support += 2"), column: column(of: "self.support", in: text),
                    field: "events[0].effects[1]", says: ["`self` is not allowed here.", "objective", "dilemma option"])
        let trigger = fixture(replacing: "when: \"world.tension < 80", with: "when: \"self.support < 80")
        expectError(in: trigger, line: line(of: "world.tension < 80"), field: "events[0].trigger.when", says: ["`self` is not allowed here."])
    }

    @Test func unknownTreatyType() {
        let text = fixture(replacing: "type: research-pact", with: "type: research-pakt")
        expectError(in: text, line: line(of: "type: research-pact"), column: 12, field: "treaties[0].type",
                    says: ["`research-pakt` is not a treaty type.", "Did you mean `research-pact`?"])
    }

    @Test func termNotAllowedForType() {
        let text = fixture(replacing: "parties: [US, EU], since: 2021-Q4}", with: "parties: [US, EU], since: 2021-Q4, host: US}")
        expectError(in: text, line: line(of: "type: research-pact"), column: column(of: "host: US", in: text), field: "treaties[0].host",
                    says: ["`host` is not a term of a research-pact; it belongs to joint-lab treaties only."])
        let family = fixture(replacing: "type: cryptanalysis-norm", with: "type: cryptanalysis-norm, family: nist")
        expectError(in: family, line: line(of: "cryptanalysis-norm"), field: "treaties[3].family", says: ["pqc-accord treaties only"])
    }

    @Test func treatyProblems() {
        let noTargets = fixture(replacing: ", targets: [CN]}", with: "}")
        expectError(in: noTargets, line: line(of: "type: export-regime"), field: "treaties[2].targets", says: ["needs `targets`"])
        let partyTarget = fixture(replacing: "targets: [CN]}", with: "targets: [EU]}")
        expectError(in: partyTarget, line: line(of: "type: export-regime"), field: "treaties[2].targets", says: ["both a party and a target"])
        let hostOutside = fixture(replacing: "host: EU", with: "host: US")
        expectError(in: hostOutside, line: line(of: "host: EU"), field: "treaties[4].host", says: ["must be one of the parties"])
        let future = fixture(replacing: "since: 2022,", with: "since: 2026,")
        expectError(in: future, line: line(of: "since: 2022,"), field: "treaties[5].since", says: ["after the game starts"])
        let alone = fixture(replacing: "parties: [US, CN], since: 2022", with: "parties: [US], since: 2022")
        expectError(in: alone, line: line(of: "since: 2022,"), field: "treaties[5].parties", says: ["at least 2 blocs"])
    }

    @Test func controlAgainstItself() {
        let text = fixture(replacing: "against: [CN]", with: "against: [CN, US]")
        expectError(in: text, line: line(of: "against: [CN]"), field: "controls[0].against", says: ["against itself"])
    }

    @Test func eventProblems() {
        let duplicate = fixture(replacing: "id: spy-scandal", with: "id: resource-estimate")
        expectError(in: duplicate, line: line(of: "id: spy-scandal"), field: "injects[0].id",
                    says: ["already used by an event or inject on line \(line(of: "id: resource-estimate"))"])
        let oneOption = fixture(replacing: "        - {label: Stay the course, effects: []}\n", with: "")
        expectError(in: oneOption, line: line(of: "options:"), field: "events[0].dilemma.options", says: ["2 or 3 options; this one has 1"])
        let injectTrigger = fixture(replacing: "text: An engineer is arrested.", with: "text: An engineer is arrested.\n    trigger: {chance: 1}")
        expectError(in: injectTrigger, line: line(of: "trigger: {chance: 1}", in: injectTrigger), field: "injects[0].trigger",
                    says: ["An inject has no `trigger`"])
        let backwards = fixture(replacing: "from: 2025-Q2, to: 2026", with: "from: 2026-Q2, to: 2025")
        expectError(in: backwards, line: line(of: "from: 2025-Q2"), field: "events[0].trigger.to", says: ["`to` is before `from`"])
    }

    @Test func malformedYAML() {
        let unclosed = fixture(replacing: "  - {between: [US, EU], trust: 70}", with: "  - {between: [US, EU], trust: 70")
        let error = expectError(in: unclosed, line: line(of: "[US, EU], trust: 70"), field: "", says: ["not closed properly", "`}`"])
        #expect(error?.column != nil)
        let tab = fixture(replacing: "    gdp: 29\n", with: "\tgdp: 29\n")
        expectError(in: tab, line: line(of: "gdp: 29"), column: 1, field: "", says: ["tab"])
        let duplicateKey = fixture(replacing: "    budget: 4\n", with: "    budget: 4\n    budget: 5\n")
        expectError(in: duplicateKey, line: line(of: "budget: 4"), field: "", says: ["The key `budget` appears more than once"])
        let colon = fixture(replacing: "title: Three-bloc test", with: "title: Three: bloc: test")
        expectError(in: colon, line: 3, field: "", says: ["`:`", "quotes"])
    }

    @Test func futureFormatVersion() {
        // Only this error: keys the newer format added would just be noise.
        let text = fixture(replacing: "format: 1", with: "format: 2\nnewThing: yes")
        #expect(errors(of: text) == [ScenarioError(file: "test.yaml", line: 1, column: 9, field: "format",
                                                   message: "This file was written for format 2; this program reads format 1. Update the program.")])
        expectError(in: fixture(replacing: "format: 1", with: "format: 0"), line: 1, field: "format", says: ["`format` must be 1; it is 0."])
    }

    @Test func wholeFileProblems() {
        #expect(errors(of: "").map(\.message).first?.contains("The file is empty") == true)
        #expect(errors(of: "- a\n- b\n").first?.message.contains("this file is a list") == true)
        #expect(errors(of: "format: 1\n---\nformat: 1\n").first?.message.contains("more than one YAML document") == true)
    }

    @Test func everyErrorIsReportedSortedByLine() {
        var text = fixture(replacing: "support: 55", with: "support: 120")
        text = text.replacingOccurrences(of: "doctrine: state-directed", with: "doctrine: statist")
        text = text.replacingOccurrences(of: "start: 2025-Q1", with: "start: 2025-Q9")
        let found = errors(of: text)
        #expect(found.map(\.field) == ["start", "blocs[0].support", "blocs[2].doctrine"])
        #expect(found.map(\.line) == found.map(\.line).sorted())
        let all = ScenarioErrors(errors: found)
        #expect(all.description.split(separator: "\n").count == 3)
    }

    @Test func manyErrorsAreCappedAndCounted() {
        var text = fixture
        for i in 0..<80 { text += "unknown\(i): 1\n" }
        do {
            _ = try ScenarioLoader.parse(text: text, file: "test.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.count == ScenarioErrors.limit)
            #expect(error.omitted == 30)
            #expect(error.description.hasSuffix("test.yaml: 30 more errors were not shown; fix the ones above and validate again."))
        }
    }

    @Test func aliasUsedAsKeyIsRefusedQuickly() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i == 1 ? "" : String(i - 1))", count: 10).joined(separator: ", ") + "]\n" }
        text += "? *a11\n: boom\n"
        let found = errors(of: text)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("alias") == true)
        let asPlainKey = "x: &x [1, 2]\n*x : 1\n"
        #expect(errors(of: asPlainKey).first?.message.contains("alias") == true)
    }

    @Test func errorDescriptionFormat() {
        let e = ScenarioError(file: "quantum-decade.yaml", line: 42, column: 17, field: "blocs[2].allocation",
                              message: "The allocation adds up to 95, but it must add up to 100. Change one of the percentages.")
        #expect(e.description == "quantum-decade.yaml:42:17: blocs[2].allocation: The allocation adds up to 95, but it must add up to 100. Change one of the percentages.")
        #expect(ScenarioError(file: "a.yaml", line: 3, field: "id", message: "M.").description == "a.yaml:3: id: M.")
        #expect(ScenarioError(file: "a.yaml", line: 0, field: "", message: "M.").description == "a.yaml: M.")
    }
}
