/// The chain of upgrade steps from older save formats to the current one. Each step turns the
/// parsed JSON of format v into format v + 1; loading runs every step from the file's version up.
/// A new format adds one step here and a fixture of the old format in Tests/PersistenceTests.
enum SaveUpgrades {
    typealias Tree = [String: Any]

    /// The step that upgrades format `version` to `version + 1`.
    static func step(from version: Int, _ tree: Tree) throws(UpgradeProblem) -> Tree {
        switch version {
        case 1: return try upgrade1to2(tree)
        default: throw UpgradeProblem(message: "there is no upgrade from format \(version)")
        }
    }

    struct UpgradeProblem: Error { var message: String }

    static func upgrade(_ tree: Tree, from version: Int) throws(UpgradeProblem) -> Tree {
        var tree = tree
        var v = version
        while v < SaveFormat.current {
            tree = try step(from: v, tree)
            v += 1
            tree["format"] = v
        }
        return tree
    }

    /// Format 1 (the first release) named the scenario by a flat `scenario` id and `scenarioHash`,
    /// had no embedded scenario text, no seats, no branch parent, no checksum and no `nextTurn`.
    static func upgrade1to2(_ old: Tree) throws(UpgradeProblem) -> Tree {
        var tree = old
        guard let id = old["scenario"] as? String else { throw UpgradeProblem(message: "scenario is missing (format 1 names it by id)") }
        guard let hash = old["scenarioHash"] as? String else { throw UpgradeProblem(message: "scenarioHash is missing") }
        tree["scenario"] = ["id": id, "title": id, "contentHash": hash] as [String: Any]
        tree["scenarioHash"] = nil
        tree["seats"] = ["humans": [Any](), "level": "standard"] as [String: Any]
        tree["checksum"] = ""
        tree["nextTurn"] = tree["nextTurn"] ?? "?"
        if tree["savedAt"] == nil { tree["savedAt"] = "" }
        return tree
    }
}

/// Format and program versions.
public enum SaveFormat {
    /// The format this version writes and reads natively.
    public static let current = 2
    /// The program's version, recorded in every save.
    public static let programVersion = "0.1.0"
}
