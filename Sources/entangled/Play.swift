import ArgumentParser
import Foundation
import GameCore
import Interface
import Persistence
import Room
import ScenarioFormat
import Strategy
import Terminal

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play in the terminal (the default command). With no --human, the setup screen asks who plays."
    )

    @Option(name: .long, help: "A bundled scenario id or the path of a scenario file (default: quantum-decade).")
    var scenario: String?

    @Option(name: .long, parsing: .unconditional, help: "The seed (default: the scenario's own seed).", transform: NumberArgument.seed)
    var seed: UInt64?

    @Option(name: .long, parsing: .upToNextOption, help: "Blocs played by humans, e.g. --human US EU (skips the setup screen).")
    var human: [String] = []

    @Option(name: .customLong("ai-level"), help: "Computer players' level: novice, standard or expert.")
    var aiLevel: AILevel = .standard

    @Flag(name: .long, help: "Seat a facilitator after the delegations (with --human; alone, the setup screen opens with the facilitator seated).")
    var facilitator = false

    @Option(name: .customLong("turn-minutes"), help: "A turn timer from the first turn, 1 to 180 minutes; at zero the computer gives the missing orders (the console's t changes it).")
    var turnMinutes: Int?

    @Flag(name: .customLong("no-color"), help: "Monochrome screens (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .long, help: "Plain text, line by line, for screen readers and braille displays: no cursor addressing, no colour; type help for the commands.")
    var plain = false

    @Flag(name: .long, help: "A guided first game: a coach walks you through the first turn of Q-Day Rumours as the European Union.")
    var tutorial = false

    @Option(name: .long, help: "Continue the game in this save file (the same delegations take their seats).")
    var load: String?

    @Flag(name: .customLong("from-snapshot"), help: "With --load: when the replay diverges, go on from the state stored in the save instead of refusing it.")
    var fromSnapshot = false

    @Option(name: .customLong("save-dir"), help: "Folder for saves and autosaves (default: Saves in the current folder).")
    var saveDir: String = "Saves"

    @Option(name: .customLong("run-sheet"), help: "With --facilitator: a run-sheet file of injects planned by turn (it names its scenario); the console offers each at its turn.")
    var runSheet: String?

    func validate() throws {
        if load != nil && (scenario != nil || seed != nil) {
            throw ValidationError("--load continues the saved game, whose scenario and seed come from the save; leave out --scenario and --seed.")
        }
        if runSheet != nil && !facilitator { throw ValidationError("--run-sheet plans injects for the facilitator; add --facilitator.") }
        if tutorial && (load != nil || scenario != nil || !human.isEmpty || facilitator) {
            throw ValidationError("--tutorial plays Q-Day Rumours as the European Union; leave out --load, --scenario, --human and --facilitator.")
        }
        if fromSnapshot && load == nil { throw ValidationError("--from-snapshot continues a save given with --load; add --load SAVE or leave it out.") }
        if let m = turnMinutes, m < 1 || m > TurnTimer.maximumMinutes {
            throw ValidationError("--turn-minutes runs from 1 to \(TurnTimer.maximumMinutes); \(m) is not one of them.")
        }
    }

    func run() throws {
        // A save named on the command line is read before the terminal opens, so its errors print plainly.
        let loaded = try load.map { try SaveFiles.load($0, fromSnapshot: fromSnapshot) }
        // A run-sheet file is read first too; it names its scenario, which --scenario (if given) must match.
        let sheet: RunSheetFile?
        do { sheet = try runSheet.map { path throws(ScenarioErrors) in try RunSheetLoader.load(path: path) } } catch { throw UserFailure(error.description) }
        var choices: [ScenarioChoice] = []
        var runSheets: [String: [PlannedInject]] = [:]
        if let chosen = scenario {
            let s = try ScenarioSource.load(chosen)
            if let sheet, sheet.scenario.id != s.id {
                throw UserFailure("The run sheet \(sheet.file) is for the scenario \(sheet.scenario.id), not \(s.id); leave out --scenario or give the run sheet of \(s.id).")
            }
            choices.append(ScenarioChoice(name: s.title, scenario: s))
            if let text = SaveStore.scenarioSource(for: s, path: chosen) { runSheets[s.contentHash] = RunSheetLoader.embedded(in: text) }
        } else if let sheet, load == nil {
            choices.append(ScenarioChoice(name: sheet.scenario.title, scenario: sheet.scenario))
        } else {
            for entry in BundledScenarios.all {
                let check = ScenarioLoader.check(text: entry.text, file: entry.file)
                if let s = check.scenario {
                    let choice = ScenarioChoice(name: s.title, scenario: s)
                    if entry.file == BundledScenarios.defaultFile { choices.insert(choice, at: 0) } else { choices.append(choice) }
                    runSheets[s.contentHash] = check.runSheet
                }
            }
        }
        if let sheet { runSheets[sheet.scenario.contentHash] = sheet.entries }
        if let sheet, let loaded, loaded.game.scenario.contentHash != sheet.scenario.contentHash {
            throw UserFailure("The run sheet \(sheet.file) is for \(sheet.scenario.id) as it is now; the save plays \(loaded.game.scenario.id)\(loaded.game.scenario.id == sheet.scenario.id ? " in another version" : ""). Give a run sheet for the save's scenario.")
        }
        var humans: [Int] = []
        if let s = loaded?.game.scenario ?? choices.first?.scenario {
            for id in human {
                guard let b = s.blocIndex(id.uppercased()) else {
                    throw ValidationError("--human \(id): there is no such bloc in \(s.title). Blocs: \(s.blocs.map(\.id).joined(separator: ", ")).")
                }
                if !humans.contains(b) { humans.append(b) }
            }
        }
        let colorWanted = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
        var terminal: Terminal?
        if !plain {
            do {
                terminal = try Terminal(colors: colorWanted)
            } catch Terminal.Failure.dumbTerminal {
                // A terminal without cursor addressing can still show lines: the plain game.
                FileHandle.standardError.write(Data("This terminal (TERM=dumb) cannot position the cursor, so the game plays in plain text (as with --plain).\n".utf8))
            } catch let failure as Terminal.Failure {
                var sentence = failure.description
                if case .notATerminal = failure { sentence += " To play line by line from standard input, add --plain." }
                FileHandle.standardError.write(Data((sentence + "\n").utf8))
                throw ExitCode(2)
            }
        }
        defer { terminal?.close() }
        var app = AppState(choices: choices, colors: terminal?.hasColors ?? false)
        app.runSheets = runSheets.filter { !$0.value.isEmpty }
        var saves = GameSaves(folder: saveDir, scenarioArgument: scenario)
        saves.runSheetGiven = sheet?.entries
        if let sheet, scenario == nil, load == nil { saves.loadedSource = sheet.scenarioText }
        saves.turnMinutes = turnMinutes
        app.saveFolder = saveDir
        app.savedGames = saves.list()
        if let seed { app.setup.seed = seed }
        app.setup.level = aiLevel
        app.setup.facilitator = facilitator
        app.setup.turnMinutes = turnMinutes ?? 0
        if tutorial {
            if let problem = app.startTutorial(seed: seed) { throw ValidationError(problem) }
        } else if let loaded {
            saves.resume(loaded, in: &app, humans: humans, facilitator: facilitator)
        } else if !humans.isEmpty {
            // --facilitator alone opens the setup screen with the facilitator seated: a facilitator
            // starting the program has not yet said who plays, and "the computer plays every bloc"
            // must be chosen there, not assumed.
            app.setup.human = app.setup.human.indices.map { humans.contains($0) }
            app.startWithSetup()
        }
        guard let terminal else {
            PlainSession().run(&app) { effect, app in saves.perform(effect, in: &app) }
            return
        }
        // getch waits at most a second, so the turn timer is redrawn every second without busy-waiting.
        terminal.setKeyTimeout(milliseconds: 1000)
        while !app.shouldQuit {
            let size = terminal.size
            terminal.draw(app.render(width: size.width, height: size.height))
            let key = terminal.readKey()
            for effect in app.update(.tick(ProcessInfo.processInfo.systemUptime)) { saves.perform(effect, in: &app) }
            guard let key else { continue }
            if key == .resize { terminal.invalidate() }
            let now = terminal.size
            for effect in app.update(key, width: now.width, height: now.height) { saves.perform(effect, in: &app) }
        }
    }
}

/// Carries out the interface's save effects: manual saves, autosaves, loading from the setup screen.
/// A failed write shows a message and the game goes on; nothing here ends the program.
struct GameSaves {
    let folder: String
    /// `--scenario` as given, to find a scenario file's text for embedding.
    let scenarioArgument: String?
    /// The embedded scenario text and branch parent of a loaded game (new games have no parent).
    var loadedSource: String?
    var parent: ParentRecord?
    /// Where a loaded game went on from its stored state (`--from-snapshot`), kept in its saves.
    var continuedFrom: Divergence?
    /// The save this game was last written to or loaded from, with its checksum (a branch's parent).
    var lastFile: (path: String, checksum: String)?
    /// `--turn-minutes`: offered as "the timer set now" when a save is loaded.
    var turnMinutes: Int?
    /// `--run-sheet`'s entries, which take the place of a loaded save's run sheet.
    var runSheetGiven: [PlannedInject]?

    init(folder: String, scenarioArgument: String?) {
        self.folder = folder
        self.scenarioArgument = scenarioArgument
    }

    func list() -> [SavedGameInfo] {
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd HH:mm"
        return SaveStore.list(folder: folder).map {
            SavedGameInfo(path: $0.path, scenario: $0.scenarioTitle, turn: $0.turn, delegations: $0.humans, date: format.string(from: $0.savedAt))
        }
    }

    func saved(_ app: AppState) -> SavedGame? {
        guard let game = app.game else { return nil }
        let source = loadedSource ?? SaveStore.scenarioSource(for: game.scenario, path: scenarioArgument)
        let humans = app.humans.filter { game.scenario.blocs.indices.contains($0) }.map { game.scenario.blocs[$0].id }
        return SavedGame(game: game, scenarioSource: source,
                         seats: Seats(humans: humans, level: app.level.rawValue, facilitator: app.facilitatorSeat ? true : nil,
                                      runSheet: RunSheetSaving.record(app)), parent: parent,
                         continuedFrom: continuedFrom)
    }

    mutating func perform(_ effect: AppEffect, in app: inout AppState) {
        switch effect {
        case .save(let name):
            guard let saved = saved(app) else { return }
            let path = folder + "/" + name + ".json"
            do {
                try SaveStore.write(saved, to: path)
                // A save holds resolved turns only: say so when this turn's orders or actions are waiting.
                let waiting = app.pending.reduce(0) { $0 + $1.count } + app.facilitatorQueue.count
                app.message = "Saved to \(path)." + (waiting == 0 ? ""
                    : " This turn's \(waiting) order\(waiting == 1 ? " is" : "s are") not in it yet: the autosave takes \(waiting == 1 ? "it" : "them") when the turn ends.")
                app.savedGames = list()
                if let sum = SaveCodec.checksum(of: saved) { lastFile = (path, sum) }
            } catch {
                app.message = error.description
            }
        case .turnResolved:
            guard let saved = saved(app) else { return }
            do {
                let path = try SaveStore.autosave(saved, folder: folder)
                if let sum = SaveCodec.checksum(of: saved) { lastFile = (path, sum) }
            } catch {
                app.message = "Autosave failed — \(error.description)"
            }
        case .load(let path):
            do {
                resume(try SaveStore.load(path: path), in: &app, humans: [])
            } catch {
                app.setup.error = SaveFiles.message(error, hint: "To continue from the state stored in it anyway, run entangled play --load \(path) --from-snapshot.")
            }
        case .rewound(let turn):
            rewound(to: turn, in: &app)
        case .quit:
            break
        }
    }

    /// After a rewind, the game as it stood is kept as its own save (autosaves rotate, and the
    /// branch's own autosaves would reuse their names), and the branch records it as its parent.
    mutating func rewound(to turn: Int, in app: inout AppState) {
        guard let before = app.rewoundFrom, let game = app.game else { return }
        app.rewoundFrom = nil
        let label = turn < game.scenario.calendar.turnCount ? game.scenario.calendar.label(turn) : "end"
        var failure: String?
        if var original = saved(app), !before.log.isEmpty {
            original.game = before
            do {
                if let p = try RewindSave.keep(original, startingAt: turn, folder: folder) { lastFile = (p.file, p.checksum) }
            } catch {
                failure = "The game before the rewind could not be kept — \(error.description)"
            }
        }
        // The branch's parent is the save just written, or else the last one this game was in.
        if let last = lastFile {
            parent = RewindSave.parent(file: last.path, checksum: last.checksum, turn: turn, scenario: game.scenario)
        }
        app.message = failure ?? "Rewound to \(label) as a branch; the game before it is saved in \(folder) (the setup screen's l lists it)."
    }

    /// Continues a loaded game with its saved seats (or `humans`, when given on the command line).
    mutating func resume(_ loaded: LoadedSave, in app: inout AppState, humans: [Int], facilitator seat: Bool = false) {
        let game = loaded.game
        loadedSource = loaded.saved.scenarioSource
        parent = loaded.saved.parent
        continuedFrom = loaded.saved.continuedFrom
        lastFile = (loaded.file, loaded.checksum)
        var seats = humans
        if seats.isEmpty { seats = loaded.saved.seats.humans.compactMap { game.scenario.blocIndex($0) } }
        let level = AILevel(rawValue: loaded.saved.seats.level) ?? .standard
        let name = URL(fileURLWithPath: loaded.file).lastPathComponent
        let message = loaded.divergence?.sentence ?? "Loaded \(name): \(game.scenario.title), next turn \(loaded.saved.nextTurnLabel)."
        let facilitator = seat || loaded.saved.seats.facilitator == true
        app.resume(game: game, humans: seats, level: level, facilitator: facilitator, message: message)
        app.branchTurn = loaded.saved.parent.map { $0.turn - 1 }
        if let source = loaded.saved.scenarioSource, app.runSheets[game.scenario.contentHash] == nil {
            let embedded = RunSheetLoader.embedded(in: source)
            if !embedded.isEmpty { app.runSheets[game.scenario.contentHash] = embedded }
        }
        RunSheetSaving.restore(loaded.saved.seats.runSheet, given: runSheetGiven, into: &app)
        // The clock starts paused and asks which timer to keep: the save's or --turn-minutes.
        if !game.isOver {
            app.holdClock(current: turnMinutes.map { TurnTimer(minutes: $0, atZero: .computerFillsIn) }, why: "The game is loaded from \(name).")
        }
    }
}
