import GameCore
import Yams

/// The scenario files built into the program (generated from `Scenarios/*.yaml` by
/// `scripts/embed-scenarios.sh`), so the game runs without any files beside the binary.
public enum BundledScenarios {
    /// File name of the scenario played when none is chosen.
    public static let defaultFile = "quantum-decade.yaml"

    /// Every bundled file, sorted by file name, with its exact text.
    public static let all: [(file: String, text: String)] = BundledScenarioText.files

    /// The bundled file whose name (with or without `.yaml`) or scenario id is `idOrFile`.
    public static func named(_ idOrFile: String) -> (file: String, text: String)? {
        find(idOrFile, in: all)
    }

    static func find(_ idOrFile: String, in files: [(file: String, text: String)]) -> (file: String, text: String)? {
        let fileName = idOrFile.hasSuffix(".yaml") ? idOrFile : idOrFile + ".yaml"
        if let match = files.first(where: { $0.file == fileName }) { return match }
        return files.first { scenarioID(of: $0.text) == idOrFile }
    }

    /// The validated bundled scenario named `idOrFile`; nil when there is none by that name.
    public static func scenario(named idOrFile: String) throws(ScenarioErrors) -> Scenario? {
        guard let entry = named(idOrFile) else { return nil }
        return try ScenarioLoader.parse(text: entry.text, file: entry.file)
    }

    /// The default scenario. A test checks that it is bundled and valid, so failing here is a build defect.
    public static var defaultScenario: Scenario {
        switch cachedDefault {
        case .success(let scenario): return scenario
        case .failure(let error): fatalError("The bundled default scenario is invalid:\n\(error)")
        }
    }

    private static let cachedDefault: Result<Scenario, ScenarioErrors> = {
        guard let entry = all.first(where: { $0.file == defaultFile }) else {
            return .failure(ScenarioErrors(errors: [ScenarioError(file: defaultFile, line: 0, field: "",
                                                                  message: "The default scenario is not bundled; run scripts/embed-scenarios.sh.")]))
        }
        do throws(ScenarioErrors) {
            return .success(try ScenarioLoader.parse(text: entry.text, file: entry.file))
        } catch {
            return .failure(error)
        }
    }()

    /// The top-level `id:` of a scenario text, without validating the rest.
    static func scenarioID(of text: String) -> String? {
        guard text.utf8.count <= ScenarioLoader.maximumFileSize, YAMLText.aliasKeyHazard(in: text) == nil,
              let node = try? Yams.compose(yaml: text, .basic, .default, .utf8),
              case .mapping(let mapping) = node else { return nil }
        return mapping.first { $0.key.scalar?.string == "id" }?.value.scalar?.string
    }
}
