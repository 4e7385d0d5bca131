import ArgumentParser
import Foundation
import GameCore
import Persistence
import ScenarioFormat
import Strategy

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a save's command log and check its state hashes; rewind it to start a branch.",
        discussion: """
        Replays the log from the scenario and seed and compares the state after every turn with the \
        hash the save recorded. With --verify a difference is a failure (exit status 1). With \
        --to-turn N the game is rewound to the start of turn N (a number, 1 = the first turn, or a \
        label such as 2027-Q1) and written as a new save that records its parent.
        """
    )

    @Argument(help: "The save file.")
    var save: String

    @Flag(name: .long, help: "Fail (exit status 1) unless every turn replays to the recorded state.")
    var verify = false

    @Option(name: .customLong("to-turn"), parsing: .unconditional, help: "Rewind to the start of this turn (number or label) and write a branch save.")
    var toTurn: String?

    @Option(name: .long, help: "Where to write the branch (default: beside the save, named after it and the turn).")
    var output: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(name: .customLong("from-snapshot"), help: "When the replay diverges, go on from the state stored in the save instead of refusing it.")
    var fromSnapshot = false

    func validate() throws {
        if output != nil && toTurn == nil { throw ValidationError("--output names the branch file, so it needs --to-turn.") }
        if verify && fromSnapshot { throw ValidationError("--verify fails when the replay diverges and --from-snapshot goes on from the stored state; give one of them.") }
    }

    func run() throws {
        // A branch only needs the turns before it, which the replay verifies; so --to-turn may
        // rewind a diverged save up to the divergence (Branching refuses later turns).
        let loaded = try SaveFiles.load(save, fromSnapshot: fromSnapshot || toTurn != nil)
        let game = loaded.game
        if let d = loaded.divergence {
            SaveFiles.note(fromSnapshot ? "\(save): \(d.sentence)"
                : "\(save): \(d.refusal) The turns before it can still be rewound to; the game after it cannot be continued without --from-snapshot.")
        }
        var pairs: [(String, JSON)] = [
            ("file", .string(save)), ("scenario", .string(game.scenario.id)), ("seed", .string(String(game.seed))),
            ("format", .int(loaded.originalFormat)), ("turnsReplayed", .int(game.log.count)),
            ("verified", .bool(loaded.divergence == nil)),
            ("divergedAtTurn", loaded.divergence.map { .int($0.turn + 1) } ?? .null),
            ("nextTurn", .string(loaded.saved.nextTurnLabel)), ("stateHash", .string(game.state.canonicalHash)),
        ]
        if format == .text {
            let outcome = loaded.divergence == nil ? "every state hash matches" : "it diverged at turn \(loaded.divergence!.turn + 1)"
            print("\(save): \(game.log.count) turns of \(game.scenario.title) (seed \(game.seed)) replayed; \(outcome). \(game.isOver ? "The game is over." : "Next turn: \(loaded.saved.nextTurnLabel).") State hash \(game.state.canonicalHash).")
        }
        if let toTurn {
            // A value that does not fit this save is a failure to fix (exit 1), whether it is a
            // number out of range or a label outside the scenario.
            guard let n = Branching.turnNumber(toTurn, in: game.scenario) else {
                throw UserFailure("--to-turn \(toTurn.prefix(40)): this save can be rewound to the start of turns 1 to \(game.log.count + 1); give one of those numbers or a turn label from \(game.scenario.calendar.label(0)) to \(game.scenario.calendar.label(min(game.log.count, game.scenario.calendar.turnCount - 1))).")
            }
            let branch: SavedGame
            do { branch = try Branching.rewind(loaded, toTurn: n) } catch { throw UserFailure(error.description) }
            let path = output ?? SaveFiles.branchPath(for: save, turn: n)
            try SaveFiles.write(branch, to: path)
            if format == .text {
                print("Rewound to the start of turn \(n) (\(branch.nextTurnLabel)); the branch is saved as \(path).")
            }
            pairs.append(("branch", .object([("file", .string(path)), ("turn", .int(n)), ("turnLabel", .string(branch.nextTurnLabel))])))
        }
        if format == .json { print(JSON.object(pairs).rendered()) }
    }
}

/// Saves from the command line: user-facing errors, scenario sources, branch names.
enum SaveFiles {
    /// The hint after a diverged replay's refusal, for commands that continue the game.
    static let snapshotHint = "To continue from the state stored in the save anyway, add --from-snapshot (see docs/saves.md)."

    /// Loads a save through the one loading path; a refusal becomes a user-facing failure (exit 1).
    /// `hint` says how to go on anyway when the replay diverges.
    static func load(_ path: String, fromSnapshot: Bool = false, hint: String = snapshotHint) throws -> LoadedSave {
        do { return try SaveStore.load(path: path, fromSnapshot: fromSnapshot) } catch { throw UserFailure(message(error, hint: hint)) }
    }

    /// A load error for people; a diverged replay also says how to go on anyway.
    static func message(_ error: SaveError, hint: String = snapshotHint) -> String {
        guard error.kind == .diverged, !error.problem.contains("stored state") else { return error.description }
        return error.description + " " + hint
    }

    static func write(_ saved: SavedGame, to path: String) throws {
        do { try SaveStore.write(saved, to: path) } catch { throw UserFailure(error.description) }
    }

    static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    /// The scenario text to embed for `--scenario ID-or-PATH`.
    static func source(for scenario: Scenario, given: String?) -> String? {
        SaveStore.scenarioSource(for: scenario, path: given)
    }

    /// "game.json" → "game-branch-turn9.json" beside it, or "-2", "-3" … if taken.
    static func branchPath(for save: String, turn: Int) -> String {
        let url = URL(fileURLWithPath: save)
        let stem = url.deletingPathExtension().lastPathComponent
        let folder = url.deletingLastPathComponent()
        var candidate = folder.appendingPathComponent("\(stem)-branch-turn\(turn).json").path
        var k = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = folder.appendingPathComponent("\(stem)-branch-turn\(turn)-\(k).json").path
            k += 1
        }
        return save.hasPrefix("/") ? candidate : relative(candidate)
    }

    private static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}

/// `simulate --save/--load` for a single game.
enum SimulateSaves {
    static func validate(games: Int, save: String?, load: String?, scenario: String?, seed: UInt64?) throws {
        guard save != nil || load != nil else { return }
        if games != 1 { throw ValidationError("--save and --load work with a single game; leave out --games.") }
        if load != nil && (scenario != nil || seed != nil) {
            throw ValidationError("--load continues the saved game, whose scenario and seed come from the save; leave out --scenario and --seed.")
        }
    }

    static func run(scenario given: String?, seed: UInt64?, turns: Int?, level: AILevel, format: OutputFormat,
                    save: String?, load: String?, saveEveryTurn: Bool, fromSnapshot: Bool = false) throws {
        var saved: SavedGame
        var level = level
        if let load {
            let loaded = try SaveFiles.load(load, fromSnapshot: fromSnapshot)
            if let d = loaded.divergence { SaveFiles.note("\(load): \(d.sentence)") }
            saved = loaded.saved
            // The computer players keep the saved level unless --ai-level is given again.
            if !CommandLine.arguments.contains("--ai-level"), let savedLevel = AILevel(rawValue: saved.seats.level) { level = savedLevel }
        } else {
            let scenario = try ScenarioSource.load(given)
            saved = SavedGame(game: Game(scenario: scenario, seed: seed ?? scenario.seed),
                              scenarioSource: SaveFiles.source(for: scenario, given: given))
        }
        saved.seats.level = level.rawValue
        var game = saved.game
        var failure: Error?
        Autoplay.continuePlaying(&game, turns: turns, level: level) { g in
            guard saveEveryTurn, let save, failure == nil else { return }
            var copy = saved
            copy.game = g
            do { try SaveStore.write(copy, to: save) } catch { failure = error }
        }
        if let failure { throw UserFailure("\(failure)") }
        saved.game = game
        if let save {
            try SaveFiles.write(saved, to: save)
            SaveFiles.note("Saved to \(save) (\(saved.nextTurnLabel == "end" ? "the game is over" : "next turn \(saved.nextTurnLabel)")).")
        }
        let summary = GameSummary(game: game)
        print(format == .json ? summary.json().rendered() : summary.text())
    }
}
