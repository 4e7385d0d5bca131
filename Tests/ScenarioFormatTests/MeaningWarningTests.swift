import Foundation
import GameCore
import Testing
@testable import ScenarioFormat

/// Warnings of `text` (which must load: warnings never stop a file).
func warnings(of text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ScenarioError] {
    let check = ScenarioLoader.check(text: text, file: "test.yaml")
    #expect(check.scenario != nil, "the text has errors: \(check.errors)", sourceLocation: sourceLocation)
    return check.warnings
}

/// Authoring checks that catch meaning, not only syntax (issue 18, part 5).
@Suite struct MeaningWarningTests {
    @Test func theFixtureHasNoWarnings() {
        #expect(warnings(of: fixture).isEmpty)
    }

    @Test func aPercentageComparedWithAFractionCanNeverBeTrue() {
        let text = fixture(replacing: "condition: self.pqc.government >= 0.95", with: "condition: self.pqc.government >= 70")
        let found = warnings(of: text)
        #expect(found.count == 1)
        let w = found.first
        #expect(w?.field == "blocs[0].objectives[0].condition")
        #expect(w?.line == line(of: "self.pqc.government >= 70", in: text))
        #expect(w?.column == column(of: "self.pqc.government >= 70", in: text))
        #expect(w?.message.contains("never true, so the objective can never be met") == true, "\(w?.message ?? "")")
        #expect(w?.message.contains("`self.pqc.government` is a fraction from 0 to 1 (write 0.7 for 70 %)") == true, "\(w?.message ?? "")")
    }

    @Test func aConditionAlwaysTrueIsReported() {
        let text = fixture(replacing: "condition: self.pqc.government >= 0.95", with: "condition: self.support >= 0")
        let w = warnings(of: text).first
        #expect(w?.message.contains("always true, so the objective is met from the first turn") == true, "\(w?.message ?? "")")
        #expect(w?.message.contains("`self.support` stays between 0 and 100") == true, "\(w?.message ?? "")")
        // Inside `and`/`or` the decided part is found: `or` with an always-true side is always true.
        let either = fixture(replacing: "condition: self.pqc.government >= 0.95", with: "condition: \"self.computing > 10 or world.tension <= 100\"")
        #expect(warnings(of: either).first?.message.contains("always true") == true)
        // An undecided condition is not reported.
        let fine = fixture(replacing: "condition: self.pqc.government >= 0.95", with: "condition: \"self.computing > 10 or world.tension <= 60\"")
        #expect(warnings(of: fine).isEmpty)
    }

    @Test func aTriggerOutsideItsOwnDatesNeverFires() {
        let text = fixture(replacing: "when: \"world.tension < 80 and turn >= 2025-Q3\"", with: "when: \"world.tension < 80 and turn >= 2027-Q1\"")
        let w = warnings(of: text).first
        #expect(w?.field == "events[0].trigger.when")
        #expect(w?.message.contains("so the event can never fire") == true, "\(w?.message ?? "")")
        #expect(w?.message.contains("2025-Q2 to 2026-Q4") == true, "\(w?.message ?? "")")
        let never = fixture(replacing: "chance: 0.5", with: "chance: 0")
        #expect(warnings(of: never).first?.message.contains("`chance: 0` means the event can never fire") == true)
    }

    @Test func anEffectBeyondItsRangeIsReported() {
        let text = fixture(replacing: "\"self.budget += 0.5\"", with: "\"self.pqc.finance += 20\"")
        let w = warnings(of: text).first
        #expect(w?.field == "events[0].dilemma.options[0].effects[0]")
        #expect(w?.message.contains("changes `self.pqc.finance` by more than its whole range") == true, "\(w?.message ?? "")")
        #expect(w?.message.contains("write 0.2 for 20 %") == true, "\(w?.message ?? "")")
    }

    @Test func aPercentWhereAFractionIsMeantSaysWhatToWrite() {
        let percent = fixture(replacing: "chance: 0.5", with: "chance: 40%")
        expectError(in: percent, line: line(of: "chance: 40%", in: percent), field: "events[0].trigger.chance",
                    says: ["a number from 0 to 1, e.g. 0.4"])
        let whole = fixture(replacing: "chance: 0.5", with: "chance: 40")
        expectError(in: whole, line: line(of: "chance: 40", in: whole), field: "events[0].trigger.chance",
                    says: ["a number from 0 to 1, e.g. 0.4 for 40 %"])
    }

    @Test func aMisindentedKeyIsNamed() {
        // One space short of the keys of its map.
        let text = fixture(replacing: "    doctrine: tech-leader\n", with: "   doctrine: tech-leader\n")
        let found = errors(of: text)
        let error = found.first
        #expect(error?.line == line(of: "doctrine: tech-leader", in: text), "\(found)")
        #expect(error?.message.contains("`doctrine`") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("`name` on line") == true, "\(error?.message ?? "")")
        // One space too many.
        let deeper = fixture(replacing: "    doctrine: tech-leader\n", with: "     doctrine: tech-leader\n")
        let other = errors(of: deeper).first
        #expect(other?.message.contains("The key `doctrine` is indented more than `name`") == true, "\(other?.message ?? "")")
    }

    @Test func aTabGivesTheDocumentedMessageAndOtherErrorsStillShow() {
        var text = fixture(replacing: "    gdp: 29\n", with: "\tgdp: 29\n")
        text = text.replacingOccurrences(of: "doctrine: tech-leader", with: "doctrine: tech-leeder")
        let found = errors(of: text)
        #expect(found.contains { $0.line == line(of: "gdp: 29", in: text) && $0.column == 1 && $0.message == YAMLText.tabMessage }, "\(found)")
        #expect(found.contains { $0.field == "blocs[0].doctrine" && $0.message.contains("Did you mean `tech-leader`?") }, "\(found)")
        #expect(!found.contains { $0.message.contains("cannot start a value") }, "\(found)")
        // Several tabs: one error per line, and the rest of the file is still checked.
        var two = fixture(replacing: "    gdp: 29\n", with: "\tgdp: 29\n")
        two = two.replacingOccurrences(of: "    budget: 4\n", with: "\tbudget: 4\n")
        #expect(errors(of: two).filter { $0.message == YAMLText.tabMessage }.count == 2)
    }

    @Test func theBundledScenariosHaveNoWarnings() {
        for entry in BundledScenarios.all {
            let check = ScenarioLoader.check(text: entry.text, file: entry.file)
            #expect(check.scenario != nil, "\(entry.file)")
            #expect(check.warnings.isEmpty, "\(entry.file): \(check.warnings.map(ScenarioWarningText.line).joined(separator: "\n"))")
        }
    }
}
