import Foundation
import GameCore
import Testing
@testable import ScenarioFormat

/// The repository root, found from this file's path (Tests/ScenarioFormatTests/…).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The scenarios embedded in the binary are exactly the files in Scenarios/, and all are valid.
@Suite struct BundledScenarioTests {
    /// Scenarios/*.yaml in the repository except run sheets (*.runsheet.yaml), sorted by name.
    static func scenarioFiles() throws -> [URL] {
        let directory = repositoryRoot.appendingPathComponent("Scenarios")
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" && !$0.lastPathComponent.hasSuffix(".runsheet.yaml") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func embeddedTextEqualsTheFilesByteForByte() throws {
        let files = try BundledScenarioTests.scenarioFiles()
        #expect(BundledScenarios.all.map(\.file) == files.map(\.lastPathComponent),
                "Scenarios/ changed; run scripts/embed-scenarios.sh")
        for file in files {
            let onDisk = try Data(contentsOf: file)
            let embedded = BundledScenarios.all.first { $0.file == file.lastPathComponent }?.text
            #expect(embedded.map { Data($0.utf8) } == onDisk, "\(file.lastPathComponent) differs; run scripts/embed-scenarios.sh")
        }
    }

    @Test func everyBundledScenarioIsValid() {
        for entry in BundledScenarios.all {
            do {
                let scenario = try ScenarioLoader.parse(text: entry.text, file: entry.file)
                #expect(BundledScenarios.named(scenario.id)?.file == entry.file)
            } catch {
                Issue.record("\(error)")
            }
        }
        if BundledScenarios.named(BundledScenarios.defaultFile) != nil {
            #expect(BundledScenarios.defaultScenario.id == "quantum-decade")
        }
    }

    @Test func findingByFileNameOrID() {
        let files = [(file: "a-first.yaml", text: "format: 1\nid: alpha\n"), (file: "b-second.yaml", text: "id: beta # comment\nformat: 1\n")]
        #expect(BundledScenarios.find("a-first.yaml", in: files)?.file == "a-first.yaml")
        #expect(BundledScenarios.find("b-second", in: files)?.file == "b-second.yaml")
        #expect(BundledScenarios.find("beta", in: files)?.file == "b-second.yaml")
        #expect(BundledScenarios.find("alpha", in: files)?.file == "a-first.yaml")
        #expect(BundledScenarios.find("gamma", in: files) == nil)
        #expect(BundledScenarios.scenarioID(of: "[not, a, map]") == nil)
    }
}
