import ArgumentParser
import Foundation
import GameCore
import ScenarioFormat
import Strategy

/// A failure the user must fix (bad scenario, unreadable file): exit status 1.
struct UserFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

struct Entangled: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entangled",
        abstract: "Entangled States: a strategy simulation of quantum-technology diplomacy, 2025–2035.",
        discussion: """
        Blocs invest in quantum programmes, impose export controls, migrate to post-quantum \
        cryptography, spy and negotiate treaties while the clock runs toward the first \
        cryptographically relevant quantum computer.
        """,
        subcommands: [Play.self, Simulate.self, Validate.self, ScenariosList.self, Bench.self, Replay.self, ReportCommand.self, PackCommand.self, Serve.self],
        defaultSubcommand: Play.self
    )
}

/// Finds a scenario by bundled id or file path.
enum ScenarioSource {
    static func load(_ idOrPath: String?) throws -> Scenario {
        guard let idOrPath else { return BundledScenarios.defaultScenario }
        let looksLikePath = idOrPath.contains("/") || idOrPath.hasSuffix(".yaml") || idOrPath.hasSuffix(".yml")
        if looksLikePath || FileManager.default.fileExists(atPath: idOrPath) {
            do {
                return try ScenarioLoader.load(path: idOrPath)
            } catch {
                throw UserFailure(error.description)
            }
        }
        if let bundled = BundledScenarios.named(idOrPath) {
            do {
                return try ScenarioLoader.parse(text: bundled.text, file: bundled.file)
            } catch {
                throw UserFailure(error.description)
            }
        }
        let known = BundledScenarios.all.map { ($0.file as NSString).deletingPathExtension }.joined(separator: ", ")
        throw UserFailure("There is no bundled scenario called “\(idOrPath)” and no such file. Bundled scenarios: \(known). To play your own, give the path to its .yaml file.")
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension AILevel: ExpressibleByArgument {}

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play headless games with computer players on every side and print the result.",
        discussion: "With --games N it plays N games with seeds S, S+1, … (S from --seed) and prints distributions."
    )

    @Option(name: .long, help: "A bundled scenario id or the path of a scenario file (default: quantum-decade).")
    var scenario: String?

    @Option(name: .long, parsing: .unconditional, help: "The seed (default: the scenario's own seed).", transform: NumberArgument.seed)
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "Number of games to play with consecutive seeds.",
            transform: { try NumberArgument.whole($0, "a number of games", 1...1_000_000) })
    var games: Int = 1

    @Option(name: .long, parsing: .unconditional, help: "Play at most this many turns (default: to the end of the scenario).",
            transform: { try NumberArgument.whole($0, "a number of turns", 1...1_000_000) })
    var turns: Int?

    @Option(name: .customLong("ai-level"), help: "Computer players' level: novice, standard or expert.")
    var aiLevel: AILevel = .standard

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Threads for --games (default: every core). The results do not depend on it.")
    var threads: Int?

    @Option(name: .long, help: "Play a bloc under another doctrine: BLOC=DOCTRINE, or all=DOCTRINE for every bloc (repeatable; later ones win).")
    var doctrine: [String] = []

    @Option(name: .long, help: "Write the game to this save file when it stops (after --turns N, or at the end).")
    var save: String?

    @Option(name: .long, help: "Continue the game in this save file; with --turns N, play N more turns.")
    var load: String?

    @Flag(name: .customLong("from-snapshot"), help: "With --load: when the replay diverges, go on from the state stored in the save instead of refusing it.")
    var fromSnapshot = false

    /// Rewrites the save after every turn (the kill-mid-save test uses it).
    @Flag(name: .customLong("save-every-turn"), help: .hidden)
    var saveEveryTurn = false

    func validate() throws {
        try SimulateSaves.validate(games: games, save: save, load: load, scenario: scenario, seed: seed)
        if fromSnapshot && load == nil { throw ValidationError("--from-snapshot continues a save given with --load; add --load SAVE or leave it out.") }
        if let threads, threads < 1 || threads > 256 { throw ValidationError("--threads must be between 1 and 256.") }
        guard games >= 1 && games <= 1_000_000 else { throw ValidationError("--games must be between 1 and 1000000.") }
        if let turns, turns < 1 { throw ValidationError("--turns must be 1 or more.") }
        if !doctrine.isEmpty && (save != nil || load != nil) {
            throw ValidationError("--doctrine plays a variant of the scenario, which a save cannot record; drop --save/--load or --doctrine.")
        }
    }

    func run() throws {
        if save != nil || load != nil {
            return try SimulateSaves.run(scenario: scenario, seed: seed, turns: turns, level: aiLevel, format: format,
                                         save: save, load: load, saveEveryTurn: saveEveryTurn, fromSnapshot: fromSnapshot)
        }
        var scenario = try ScenarioSource.load(self.scenario)
        try DoctrineOverride.apply(doctrine, to: &scenario)
        let first = seed ?? scenario.seed
        if games == 1 {
            let game = Autoplay.play(scenario, seed: first, turns: turns, level: aiLevel)
            let summary = GameSummary(game: game)
            print(format == .json ? summary.json().rendered() : summary.text())
            return
        }
        if first > UInt64.max - UInt64(games - 1) {
            throw UserFailure("--games \(games) from seed \(first) would need seeds past \(UInt64.max), the largest there is; give a seed of at most \(UInt64.max - UInt64(games - 1)) or fewer games.")
        }
        let count = games
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let bar = ProgressBar(total: count)
        var progress: (@Sendable (Int) -> Void)?
        if let bar { progress = { done in bar.update(done) } }
        let records = Forecast.run(scenario, firstSeed: first, count: count, turns: turns, level: aiLevel, threads: workers,
                                   progress: progress) { [format] game in GameRecord(game: game, json: format == .json) }
        bar?.finish()
        let forecast = ForecastSummary(records: records, scenario: scenario)
        print(format == .json ? forecast.json().rendered() : forecast.text())
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files without playing them; exit status 0 if all are valid."
    )

    @Argument(help: "Scenario files to check.")
    var paths: [String]

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one scenario file, e.g. entangled validate Scenarios/quantum-decade.yaml") }
    }

    func run() throws {
        var failed = 0
        var results: [JSON] = []
        func rows(_ list: [ScenarioError]) -> JSON {
            .array(list.map { e in
                .object([("file", .string(e.file)), ("line", .int(e.line)), ("column", e.column.map { .int($0) } ?? .null),
                         ("field", .string(e.field)), ("message", .string(e.message))])
            })
        }
        for path in paths {
            // A run-sheet file is checked with the scenario it names.
            if path.hasSuffix(".runsheet.yaml") || path.hasSuffix(".runsheet.yml") {
                do {
                    let sheet = try RunSheetLoader.load(path: path)
                    if format == .text {
                        print("\(path): valid — a run sheet of \(sheet.entries.count) planned inject\(sheet.entries.count == 1 ? "" : "s") for \(sheet.scenario.title).")
                    }
                    results.append(.object([("file", .string(path)), ("valid", .bool(true)), ("id", .string(sheet.scenario.id)), ("errors", .array([])), ("warnings", .array([]))]))
                } catch {
                    failed += 1
                    if format == .text { FileHandle.standardError.write(Data((error.description + "\n").utf8)) }
                    results.append(.object([("file", .string(path)), ("valid", .bool(false)), ("errors", rows(error.errors)), ("warnings", .array([]))]))
                }
                continue
            }
            let check = ScenarioLoader.check(path: path)
            // Warnings are marked `warning:` after the position, so they read apart from errors.
            if format == .text, !check.warnings.isEmpty {
                let text = check.warnings.map(ScenarioWarningText.line).joined(separator: "\n")
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
            if let s = check.scenario {
                if format == .text {
                    let warned = check.warnings.isEmpty ? "" : " \(check.warnings.count) warning\(check.warnings.count == 1 ? "" : "s") (above)."
                    print("\(path): valid — \(s.title), \(s.blocs.count) blocs, \(s.calendar.turnCount) turns, \(s.events.count) events, \(s.injects.count) injects.\(warned)")
                }
                results.append(.object([("file", .string(path)), ("valid", .bool(true)), ("id", .string(s.id)), ("errors", .array([])),
                                        ("warnings", rows(check.warnings))]))
            } else {
                failed += 1
                if format == .text {
                    FileHandle.standardError.write(Data((check.errors.description + "\n").utf8))
                }
                results.append(.object([("file", .string(path)), ("valid", .bool(false)), ("errors", rows(check.errors.errors)),
                                        ("warnings", rows(check.warnings))]))
            }
        }
        if format == .json { print(JSON.array(results).rendered()) }
        if failed > 0 {
            throw ExitCode(1)
        }
    }
}

struct ScenariosList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "List the bundled scenarios.")

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        var rows: [JSON] = []
        for entry in BundledScenarios.all {
            let s: Scenario
            do { s = try ScenarioLoader.parse(text: entry.text, file: entry.file) } catch { throw UserFailure(error.description) }
            if format == .text {
                print(pad(s.id, 18) + " " + pad("\(s.calendar.label(0))–\(s.calendar.endLabel)", 16) + " \(s.blocs.count) blocs  \(s.title): \(s.summary)")
            }
            rows.append(.object([("id", .string(s.id)), ("title", .string(s.title)), ("summary", .string(s.summary)),
                                 ("start", .string(s.calendar.label(0))), ("end", .string(s.calendar.endLabel)),
                                 ("turns", .int(s.calendar.turnCount)), ("blocs", .array(s.blocs.map { .string($0.id) }))]))
        }
        if format == .json { print(JSON.array(rows).rendered()) }
        else { print("\nNew to the game? entangled play --tutorial is a guided first game of Q-Day Rumours.") }
    }
}

/// Reads number options with a message that names the value given and what is allowed. (Read
/// unconditionally, so `--seed -1` reaches here instead of being taken for an option.)
enum NumberArgument {
    /// A seed: a whole number from 0 to 2⁶⁴ − 1.
    static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("a seed is a whole number from 0 to \(UInt64.max), written in digits.")
        }
        return value
    }

    /// A whole number within `range`; `what` says what it counts ("a number of games").
    static func whole(_ text: String, _ what: String, _ range: ClosedRange<Int>) throws -> Int {
        // (The parser's message already names the option and the value given.)
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError("\(what) is a whole number from \(range.lowerBound) to \(range.upperBound), written in digits.")
        }
        return value
    }
}

/// `simulate --doctrine BLOC=DOCTRINE`: the same starting world played by delegations of another doctrine
/// (the balance tables of docs/balance.md compare them).
enum DoctrineOverride {
    static func apply(_ overrides: [String], to scenario: inout Scenario) throws {
        for text in overrides {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let doctrines = Doctrine.allCases.map(\.rawValue).joined(separator: ", ")
            guard parts.count == 2, let doctrine = Doctrine(rawValue: parts[1]) else {
                throw ValidationError("--doctrine \(text) is not BLOC=DOCTRINE; doctrines are \(doctrines).")
            }
            if parts[0] == "all" {
                for b in scenario.blocs.indices { scenario.blocs[b].doctrine = doctrine }
            } else if let b = scenario.blocs.firstIndex(where: { $0.id == parts[0] }) {
                scenario.blocs[b].doctrine = doctrine
            } else {
                throw ValidationError("--doctrine names \(parts[0]), which is not a bloc of \(scenario.id); blocs are \(scenario.blocs.map(\.id).joined(separator: ", ")) or all.")
            }
        }
    }
}
