import Foundation
import GameCore
import ScenarioFormat

/// Turns games into save bytes and back. Reading treats the bytes as untrusted: size, depth and
/// value limits first, then the format version, the checksum, upgrades, decoding, the scenario,
/// and finally a replay of the whole log against the recorded state hashes.
public enum SaveCodec {
    // MARK: - Writing

    /// The checksum a save of `saved` carries (what a branch records of its parent).
    public static func checksum(of saved: SavedGame) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(saved.game.log),
              let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return SaveChecksum.digest(seed: String(saved.game.seed), contentHash: saved.game.scenario.contentHash, log: tree, hashes: saved.game.hashes)
    }

    /// The save file's bytes (JSON). Throws only if the state holds a number JSON cannot carry.
    public static func encode(_ saved: SavedGame, file: String = "save", date: Date = Date()) throws(SaveError) -> [UInt8] {
        let game = saved.game
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            let logData = try encoder.encode(game.log)
            let logTree = try JSONSerialization.jsonObject(with: logData, options: [.fragmentsAllowed])
            let seed = String(game.seed)
            let checksum = SaveChecksum.digest(seed: seed, contentHash: game.scenario.contentHash, log: logTree, hashes: game.hashes)
            let record = SaveFile(
                format: SaveFormat.current, program: SaveFormat.programVersion, savedAt: timestamp(date),
                scenario: ScenarioRecord(id: game.scenario.id, title: game.scenario.title,
                                         contentHash: game.scenario.contentHash, source: saved.scenarioSource),
                seed: seed, nextTurn: saved.nextTurnLabel, seats: saved.seats, parent: saved.parent,
                continuedFrom: saved.continuedFrom.map { ContinuationRecord(turn: $0.turn + 1, turnLabel: $0.label, program: $0.writtenBy) },
                checksum: checksum, log: game.log, hashes: game.hashes, snapshot: Snapshot(game.state))
            let bytes = [UInt8](try encoder.encode(record))
            if let problem = loadProblem(bytes, game) {
                throw SaveError(.unwritable, file: file, "The game was not saved, because the file would not load again: \(problem). The game is still in memory.")
            }
            return bytes
        } catch let error as SaveError {
            throw error
        } catch {
            throw SaveError(.unwritable, file: file, "The game holds a value that cannot be written to a save (\(SaveError.describe(error))); this is a defect, please report it.")
        }
    }

    /// What loading would refuse in the bytes of a save about to be written, or nil: a save that
    /// cannot be loaded again is never written (and never reported as saved).
    static func loadProblem(_ bytes: [UInt8], _ game: Game) -> String? {
        if bytes.count > SaveLimits.maximumFileSize {
            let mb = (bytes.count + (1 << 20) - 1) >> 20
            return "it would be \(mb) MB, more than the \(SaveLimits.maximumFileSize >> 20) MB a save may be (very many blocs or very long texts in the scenario make saves this large)"
        }
        if let problem = SaveLimits.scan(bytes) { return problem.hasSuffix(".") ? String(problem.dropLast()) : problem }
        for (i, commands) in game.log.enumerated() {
            if let (_, p) = CommandValidation.firstProblem(commands, in: game.scenario) {
                return "turn \(i + 1) of its command log holds a command loading refuses (\(p.clause))"
            }
        }
        guard let tree = try? JSONSerialization.jsonObject(with: Data(bytes), options: []) as? [String: Any] else {
            return "it would not be valid JSON"
        }
        if StateCheck.numbersProblem(tree["log"], limit: 1e9) { return "its command log would hold a number beyond ±10⁹" }
        if StateCheck.numbersProblem(tree["snapshot"], limit: 1e15) { return "its state would hold a number beyond ±10¹⁵" }
        return nil
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    // MARK: - Reading

    /// Reads a save. `known` may hold scenarios already in memory (matched by id and content hash),
    /// which spares parsing the embedded scenario text.
    /// With `fromSnapshot`, a save whose replay diverges continues from its stored state (after
    /// checking that state against the scenario and the last recorded hash); without it, the save
    /// is refused with a sentence naming the turn and why. This is the one loading path of every
    /// command and screen that opens a save.
    public static func decode(_ bytes: [UInt8], file: String, known: [Scenario] = [], fromSnapshot: Bool = false) throws(SaveError) -> LoadedSave {
        func fail(_ problem: String, _ kind: SaveError.Kind = .malformed) -> SaveError { SaveError(kind, file: file, problem) }
        if let problem = SaveLimits.scan(bytes) { throw fail(problem) }
        if let (key, line) = DuplicateKeys.first(in: bytes) {
            throw fail("The key “\(CommandValidation.clipped(key))” appears twice in one object (line \(line)), so readers could disagree on what the save holds; it cannot be trusted.", .tampered)
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw fail(bytes.first == UInt8(ascii: "{")
                ? "The file is not complete JSON (it may have been cut short or edited); it cannot be loaded."
                : "The file is not a save: it does not hold JSON text.")
        }
        guard let tree = parsed as? [String: Any] else { throw fail("The file is JSON but not a save: a save is a JSON object with a format version.") }
        guard let formatNumber = tree["format"] as? NSNumber, let format = Int(exactly: formatNumber.doubleValue) else {
            throw fail("The file is JSON but not a save: it has no format version.")
        }
        if format > SaveFormat.current {
            throw fail("The save is in format \(format), but this version of entangled (\(SaveFormat.programVersion)) reads formats up to \(SaveFormat.current); install a newer version to load it.", .newerFormat)
        }
        if format < 1 { throw fail("The save claims format \(format), which never existed.") }
        var checksum = ""
        if format >= 2 {
            guard let recorded = tree["checksum"] as? String else { throw fail("The save has no checksum.") }
            if SaveChecksum.digest(ofTree: tree) != recorded {
                throw fail("The command log or state hashes were changed after the game was saved (the checksum does not match), so the save cannot be trusted.", .tampered)
            }
            checksum = recorded
        }
        if let log = tree["log"] as? [Any] {
            for (i, turn) in log.enumerated() where StateCheck.numbersProblem(turn, limit: 1e9) {
                throw fail("Turn \(i + 1) of the command log holds a number far outside any game's range (beyond ±10⁹).", .tampered)
            }
        }
        if StateCheck.numbersProblem(tree["snapshot"], limit: 1e15) { throw fail("The state snapshot holds a number far outside any game's range.") }

        // Upgrade older formats on the parsed JSON, then decode the current shape.
        let data: Data
        if format == SaveFormat.current {
            data = Data(bytes)
        } else {
            do {
                let upgraded = try SaveUpgrades.upgrade(tree, from: format)
                data = try JSONSerialization.data(withJSONObject: upgraded, options: [])
            } catch let problem as SaveUpgrades.UpgradeProblem {
                throw fail("The format-\(format) save cannot be upgraded: \(problem.message).")
            } catch {
                throw fail("The format-\(format) save cannot be upgraded.")
            }
        }
        let record: SaveFile
        do {
            record = try JSONDecoder().decode(SaveFile.self, from: data)
        } catch {
            throw fail("The file is not a save of this game: \(SaveError.describe(error)).")
        }
        guard let seed = UInt64(record.seed) else { throw fail("The seed “\(record.seed.prefix(40))” is not a whole number.") }
        guard record.log.count == record.hashes.count else {
            throw fail("The save lists \(record.log.count) turns of commands but \(record.hashes.count) state hashes.")
        }
        let scenario = try resolveScenario(record.scenario, file: file, known: known)
        guard record.log.count <= scenario.calendar.turnCount else {
            throw fail("The save holds \(record.log.count) turns but the scenario has only \(scenario.calendar.turnCount).")
        }
        // The seats are outside the checksum: checked here, never taken on trust.
        if let problem = seatsProblem(record.seats, scenario) { throw fail(problem) }
        // Every command is checked before the rules see it.
        for (i, commands) in record.log.enumerated() {
            if let (_, problem) = CommandValidation.firstProblem(commands, in: scenario) {
                throw fail("Turn \(i + 1) (\(scenario.calendar.label(i))) of the command log cannot be replayed: \(problem.clause).", .tampered)
            }
        }

        // Replay the log and compare every turn's state hash.
        var game = Game(scenario: scenario, seed: seed)
        var divergence: Divergence?
        for (i, commands) in record.log.enumerated() {
            if game.isOver || { game.resolve(commands); return game.hashes[i] != record.hashes[i] }() {
                // A recorded continuation at this very turn names the program that played the turns before.
                let continued = record.continuedFrom.map { $0.turn == i + 1 } ?? false
                let writer = continued ? record.continuedFrom!.program : record.program
                divergence = Divergence(turn: i, label: scenario.calendar.label(i), writtenBy: CommandValidation.clipped(writer), continued: continued)
                break
            }
        }
        if let d = divergence, !fromSnapshot {
            throw fail(d.refusal, .diverged)
        }
        if let d = divergence {
            guard let state = record.snapshot.state else {
                throw fail("The replay diverged at turn \(d.turn + 1) (\(d.label)) and the stored state cannot be read (\(record.snapshot.problem ?? "unknown problem")), so the game cannot continue.", .diverged)
            }
            if let problem = StateCheck.problem(state, scenario, turnsPlayed: record.log.count) {
                throw fail("The replay diverged at turn \(d.turn + 1) (\(d.label)) and the stored state is unusable: \(problem).", .diverged)
            }
            let expected = record.hashes.last ?? GameState.initial(scenario).canonicalHash
            if state.canonicalHash != expected {
                throw fail("The replay diverged at turn \(d.turn + 1) (\(d.label)) and the stored state does not match its recorded hash, so the save cannot be trusted.", .diverged)
            }
            game = Game(scenario: scenario, seed: seed, state: state, log: record.log, hashes: record.hashes)
        }
        let saved = SavedGame(game: game, scenarioSource: record.scenario.source, seats: record.seats, parent: record.parent,
                              continuedFrom: divergence)
        return LoadedSave(saved: saved, file: file, originalFormat: format, checksum: checksum,
                          savedAt: record.savedAt, divergence: divergence)
    }

    /// Whether the seats name only blocs of the scenario (each once) and a known level.
    static func seatsProblem(_ seats: Seats, _ scenario: Scenario) -> String? {
        var seen: [String] = []
        for id in seats.humans {
            guard scenario.blocs.contains(where: { $0.id == id }) else {
                return "The seats name the delegation “\(CommandValidation.clipped(id))”, which the scenario does not have."
            }
            if seen.contains(id) { return "The seats name the delegation \(id) twice." }
            seen.append(id)
        }
        if let sheet = seats.runSheet, sheet.planned.count > RunSheetRecord.maximumEntries || sheet.decisions.count > RunSheetRecord.maximumEntries {
            return "The run sheet in the seats holds more than \(RunSheetRecord.maximumEntries) entries; the file is damaged."
        }
        guard ["novice", "standard", "expert"].contains(seats.level) else {
            return "The seats give the computer players' level as “\(CommandValidation.clipped(seats.level))”; it must be novice, standard or expert."
        }
        return nil
    }

    /// The scenario a save was played in: one already known, the embedded text, or a bundled one.
    static func resolveScenario(_ r: ScenarioRecord, file: String, known: [Scenario]) throws(SaveError) -> Scenario {
        if let match = known.first(where: { $0.id == r.id && $0.contentHash == r.contentHash }) { return match }
        if let source = r.source {
            let body = source.hasPrefix("\u{FEFF}") ? String(source.unicodeScalars.dropFirst()) : source
            guard StableHasher.digest(of: body) == r.contentHash else {
                throw SaveError(.scenario, file: file, "The scenario text stored in the save does not match its recorded hash, so the save cannot be trusted.")
            }
            do {
                return try ScenarioLoader.parse(text: source, file: "\(file) (embedded scenario \(r.id))")
            } catch {
                let first = error.errors.first.map { $0.message } ?? "it is not valid"
                throw SaveError(.scenario, file: file, "The scenario stored in the save cannot be read by this version: \(first)")
            }
        }
        if let bundled = BundledScenarios.named(r.id), let scenario = try? ScenarioLoader.parse(text: bundled.text, file: bundled.file),
           scenario.id == r.id {
            return scenario // its hash may differ; the replay then diverges and the snapshot is used
        }
        throw SaveError(.scenario, file: file, "The save was played in scenario “\(r.id.prefix(60))”, which is not bundled with this version and whose text the save does not hold.")
    }
}
