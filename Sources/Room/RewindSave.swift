import Foundation
import GameCore
import Persistence

/// The game as it stood before a rewind, kept as its own save, for the hotseat and the room alike:
/// autosaves rotate, and the branch's own autosaves would reuse their names.
public enum RewindSave {
    /// Writes `original` (the game before the rewind, with its seats) as
    /// `<scenario>-<its next turn>-before-rewind[-n].json` in `folder`, never over an earlier one,
    /// and returns the branch's parent record for a branch starting at `turn` (0-based).
    /// - Throws: the save's write error, to be shown in one sentence.
    public static func keep(_ original: SavedGame, startingAt turn: Int, folder: String) throws(SaveError) -> ParentRecord? {
        let before = original.game
        let sc = before.scenario
        let nextLabel = before.state.turn < sc.calendar.turnCount ? sc.calendar.label(before.state.turn) : "end"
        var path = folder + "/\(sc.id)-\(nextLabel)-before-rewind.json"
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = folder + "/\(sc.id)-\(nextLabel)-before-rewind-\(n).json"
            n += 1
        }
        try SaveStore.write(original, to: path)
        return SaveCodec.checksum(of: original).map { parent(file: path, checksum: $0, turn: turn, scenario: sc) }
    }

    /// The parent record of a branch starting at `turn` (0-based) of a game saved in `file`.
    public static func parent(file: String, checksum: String, turn: Int, scenario sc: Scenario) -> ParentRecord {
        ParentRecord(file: file, checksum: checksum, turn: turn + 1, turnLabel: turn < sc.calendar.turnCount ? sc.calendar.label(turn) : "end")
    }
}
