import Foundation
import GameCore

/// A run sheet read from its own file (`something.runsheet.yaml`): the scenario it names and the
/// injects planned by turn (docs/facilitating.md, "Before the day").
public struct RunSheetFile: Sendable {
    /// The file it was read from.
    public var file: String
    /// The scenario it names, validated.
    public var scenario: Scenario
    /// The scenario's text (what a save embeds).
    public var scenarioText: String
    /// The planned injects, in file order.
    public var entries: [PlannedInject]
}

/// Reads run sheets: the `runSheet:` key of a scenario, or a run-sheet file naming a scenario.
public enum RunSheetLoader {
    /// Keys of a run-sheet file.
    static let fileKeys = ["scenario", "runSheet"]

    /// The run sheet a scenario text carries under `runSheet:` (empty when it has none or is invalid).
    public static func embedded(in scenarioText: String) -> [PlannedInject] {
        ScenarioLoader.check(text: scenarioText, file: "scenario").runSheet
    }

    /// Reads and validates a run-sheet file and the scenario it names (a bundled id, or a path taken
    /// relative to the run sheet's folder first). Errors name the file, line, column and field.
    public static func load(path: String) throws(ScenarioErrors) -> RunSheetFile {
        let text = try ScenarioLoader.readText(path: path)
        return try parse(text: text, file: path, folder: (path as NSString).deletingLastPathComponent)
    }

    /// Validates run-sheet text; `folder` resolves a scenario path written relative to the file.
    public static func parse(text: String, file: String, folder: String = "") throws(ScenarioErrors) -> RunSheetFile {
        let diag = Diagnostics(file: file)
        guard let (root, readable) = YAMLText.compose(text, diag: diag) else { throw diag.collected() }
        let top = Value(node: root, path: "", name: "the file", keyMark: nil)
        guard let m = diag.map(top, allowed: fileKeys) else { throw diag.collected() }
        guard let scenarioValue = m.required("scenario", diag, example: "scenario: quantum-decade"),
              let reference = diag.text(scenarioValue) else {
            _ = m.required("runSheet", diag, example: "runSheet: [{turn: 2027-Q1, inject: spy-scandal}]")
            throw diag.collected()
        }
        guard let (scenarioText, scenarioFile) = scenarioSource(reference, folder: folder) else {
            let known = BundledScenarios.all.map { ($0.file as NSString).deletingPathExtension }
            diag.add("There is no bundled scenario called `\(reference)` and no such file." + Suggestions.hint(for: reference, among: known, known: "Bundled scenarios"),
                     at: scenarioValue)
            throw diag.collected()
        }
        let scenario: Scenario
        do throws(ScenarioErrors) {
            scenario = try ScenarioLoader.parse(text: scenarioText, file: scenarioFile)
        } catch {
            diag.add("The scenario `\(reference)` has errors; run `entangled validate \(scenarioFile)` and fix them first.", at: scenarioValue)
            throw diag.collected()
        }
        // The entries are read like a scenario's own `runSheet:`, against the named scenario's calendar and deck.
        let reader = ScenarioReader(text: readable, diag: diag)
        reader.calendar = scenario.calendar
        let entries = reader.readRunSheet(m.required("runSheet", diag, example: "runSheet: [{turn: \(scenario.calendar.label(0)), inject: \(scenario.injects.first?.id ?? "spy-scandal")}]"),
                                          injectIDs: scenario.injects.map(\.id))
        if diag.hasErrors { throw diag.collected() }
        return RunSheetFile(file: file, scenario: scenario, scenarioText: scenarioText, entries: entries)
    }

    /// The text and file name of a scenario named by a bundled id or file name, or a path.
    static func scenarioSource(_ reference: String, folder: String) -> (String, String)? {
        var candidates: [String] = []
        if !folder.isEmpty, !reference.hasPrefix("/") { candidates.append((folder as NSString).appendingPathComponent(reference)) }
        candidates.append(reference)
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            if let text = try? ScenarioLoader.readText(path: path) { return (text, path) }
        }
        if let bundled = BundledScenarios.named(reference) { return (bundled.text, bundled.file) }
        return nil
    }
}
