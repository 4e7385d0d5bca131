import Foundation
import GameCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing that happened in the current turn that the autosave does not hold yet.
enum JournalEntry: Codable, Hashable, Sendable {
    /// A delegation sealed these orders; `byComputer` are the ones the computer added at zero.
    case sealed(bloc: String, orders: [Order], byComputer: [Order])
    case unsealed(bloc: String)
    /// The facilitator released (true) or held (false) the turn.
    case released(Bool)
    /// The facilitator's actions of this turn, as they stand now (the last line counts).
    case facilitator([FacilitatorAction])
}

/// One line of the journal: the entry, and which game and turn it belongs to.
struct JournalLine: Codable, Sendable {
    /// `scenario-id/seed`.
    var game: String
    /// The turn (0-based) the entry belongs to.
    var turn: Int
    /// The state hash after the last resolved turn ("" before the first): a journal of another
    /// branch of the same game, at the same turn, does not match.
    var after: String
    var entry: JournalEntry
}

/// The journal of sealed orders: a file of JSON lines in the save folder, appended and flushed
/// to disk (fsync) as each order set is sealed, so a host killed mid-turn (even by SIGKILL)
/// restarts with `serve --load` and the autosave plus this file. Cleared when a turn resolves
/// and is autosaved.
struct Journal {
    let path: String
    /// Files larger than this are not read (ours stay far smaller; a bigger one is not ours).
    static let maximumBytes = 16 << 20

    init(folder: String) { path = folder + "/room-journal.jsonl" }

    /// Whose game and turn an entry of `game` now belongs to.
    static func stamp(_ game: Game) -> (game: String, turn: Int, after: String) {
        ("\(game.scenario.id)/\(game.seed)", game.state.turn, game.hashes.last ?? "")
    }

    /// Appends one entry and flushes it to disk. Returns a sentence when it could not.
    func append(_ entry: JournalEntry, for game: Game) -> String? {
        let s = Journal.stamp(game)
        let line = JournalLine(game: s.game, turn: s.turn, after: s.after, entry: entry)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var bytes = try? encoder.encode(line) else { return "The journal entry could not be written." }
        bytes.append(0x0A)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { return "The journal \(path) cannot be opened for writing: \(String(cString: strerror(errno)))." }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { return "The journal \(path) could not be written: \(String(cString: strerror(errno)))." }
        guard fsync(fd) == 0 else { return "The journal \(path) could not be flushed to disk: \(String(cString: strerror(errno)))." }
        return nil
    }

    /// The entries of `game`'s current turn, in the order they were written. Lines of other
    /// games or turns and lines that do not parse (a last line cut by a kill) are skipped.
    func entries(for game: Game) -> [JournalEntry] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, size <= Journal.maximumBytes,
              let data = FileManager.default.contents(atPath: path) else { return [] }
        let s = Journal.stamp(game)
        let decoder = JSONDecoder()
        var out: [JournalEntry] = []
        for line in data.split(separator: 0x0A) {
            guard let l = try? decoder.decode(JournalLine.self, from: Data(line)),
                  l.game == s.game, l.turn == s.turn, l.after == s.after else { continue }
            out.append(l.entry)
        }
        return out
    }

    /// Removes the journal (the turn it held is resolved and autosaved).
    func clear() {
        unlink(path)
    }

    /// A new game in a folder that holds another game's journal keeps that journal beside it
    /// (renamed), in case the facilitator meant `serve --load`: nothing sealed is thrown away.
    func setAside() {
        guard FileManager.default.fileExists(atPath: path) else { return }
        var n = 1
        var aside = path + ".old"
        while FileManager.default.fileExists(atPath: aside) { n += 1; aside = path + ".old\(n)" }
        rename(path, aside)
    }
}
