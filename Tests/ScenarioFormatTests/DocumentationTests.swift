import Foundation
import GameCore
import Testing
@testable import ScenarioFormat

/// docs/scenarios.md cannot drift from the program: its complete example must be valid, and its
/// tables must list every rule, field and vocabulary word with the program's values.
@Suite struct DocumentationTests {
    let text: String

    init() throws {
        text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/scenarios.md"), encoding: .utf8)
    }

    /// The fenced block that opens with "```yaml complete-example".
    func completeExample() throws -> String {
        let opening = "```yaml complete-example\n"
        let start = try #require(text.range(of: opening))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        return String(text[start.upperBound..<end.lowerBound]) + "\n"
    }

    @Test func completeExampleIsValid() throws {
        let scenario = try ScenarioLoader.parse(text: completeExample(), file: "docs/scenarios.md (complete example)")
        #expect(scenario.id == "three-capitals")
        #expect(scenario.blocs.map(\.id) == ["US", "EU", "CN"])
        #expect(scenario.calendar.turnCount == 12)
        #expect(scenario.calendar.label(11) == "2031-H2")
        #expect(scenario.events.count == 2 && scenario.injects.count == 2)
        #expect(scenario.events[0].dilemma?.blocs == [0, 1, 2])
        #expect(scenario.blocs[0].objectives[0].by == 9)
    }

    @Test func everyRuleIsDocumentedWithItsDefaultAndRange() {
        for key in RuleKey.allCases {
            let spec = key.spec
            let row = "| `\(key.rawValue)` | \(formatNumber(spec.defaultValue)) | \(formatNumber(spec.range.lowerBound)) – \(formatNumber(spec.range.upperBound)) | \(spec.help) |"
            #expect(text.contains(row), "docs/scenarios.md lacks or misstates: \(row)")
        }
    }

    @Test func everyDoctrineWeightIsDocumented() {
        for doctrine in Doctrine.allCases {
            let row = "| `\(doctrine.rawValue)` | " + Rules.defaultWeights(doctrine).map(formatNumber).joined(separator: " | ") + " |"
            #expect(text.contains(row), "missing: \(row)")
        }
    }

    @Test func everyFieldAndWordIsDocumented() {
        for (name, _) in BlocField.plainNames { #expect(text.contains("| `\(name)` |"), "bloc field \(name)") }
        for field in WorldField.allCases { #expect(text.contains("| `world.\(field.rawValue)` |"), "world field \(field)") }
        let vocabularies: [[String]] = [Doctrine.allCases.map(\.rawValue), Track.allCases.map(\.rawValue),
                                        StandardFamily.allCases.map(\.rawValue), ControlCategory.allCases.map(\.rawValue),
                                        TreatyType.allCases.map(\.rawValue), TurnLength.allCases.map(\.rawValue)]
        for words in vocabularies {
            #expect(text.contains(words.map { "`\($0)`" }.joined(separator: ", ")), "vocabulary \(words)")
        }
        for type in TreatyType.allCases { #expect(text.contains("| `\(type.rawValue)` |"), "treaty type row \(type)") }
        for key in ScenarioReader.topKeys + ScenarioReader.blocKeys + ScenarioReader.eventKeys {
            #expect(text.contains("| `\(key)` |"), "key \(key)")
        }
    }
}
