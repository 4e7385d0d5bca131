import GameCore

/// A game with everything a save records besides it: the scenario's text, the seats and, for a
/// branch, where it came from. This is what the program saves and what loading gives back.
public struct SavedGame: Sendable {
    public var game: Game
    /// The scenario's YAML text (embedded so the save loads anywhere); nil when unknown.
    public var scenarioSource: String?
    public var seats: Seats
    public var parent: ParentRecord?
    /// Set when the game went on from a save's stored state because the replay diverged
    /// (`--from-snapshot`): later loads then name the program whose turns cannot be replayed.
    public var continuedFrom: Divergence?

    public init(game: Game, scenarioSource: String?, seats: Seats = Seats(), parent: ParentRecord? = nil, continuedFrom: Divergence? = nil) {
        self.game = game; self.scenarioSource = scenarioSource; self.seats = seats; self.parent = parent
        self.continuedFrom = continuedFrom
    }

    /// Label of the next turn, or "end".
    public var nextTurnLabel: String {
        game.state.turn < game.scenario.calendar.turnCount ? game.scenario.calendar.label(game.state.turn) : "end"
    }
}

/// The result of loading a save.
public struct LoadedSave: Sendable {
    public var saved: SavedGame
    /// Where the file was read from.
    public var file: String
    /// The format version the file was written in (before upgrades).
    public var originalFormat: Int
    /// The file's checksum (empty for format 1, which had none).
    public var checksum: String
    public var savedAt: String
    /// Set when replaying the log gave a different state than the file recorded.
    public var divergence: Divergence?

    public var game: Game { saved.game }
}

/// Where a replay first differed from the recorded state hashes, and which program wrote the file.
public struct Divergence: Sendable, Equatable {
    /// 0-based index of the first turn whose state hash differs.
    public var turn: Int
    public var label: String
    /// The program version the file says wrote it (at most 40 characters).
    public var writtenBy: String
    /// Whether the file records that its game already went on from a stored state at this turn.
    public var continued: Bool

    public init(turn: Int, label: String, writtenBy: String, continued: Bool = false) {
        self.turn = turn; self.label = label; self.writtenBy = writtenBy; self.continued = continued
    }

    /// Whether the file says this very version wrote it: its replay is deterministic, so the
    /// difference can only come from the file having been changed.
    public var sameVersion: Bool { writtenBy == SaveFormat.programVersion && !continued }

    /// Why the replay differs, as a clause.
    public var cause: String {
        if continued {
            return "the game was continued from the state stored by entangled \(writtenBy), whose turns this version (\(SaveFormat.programVersion)) replays differently"
        }
        return sameVersion
            ? "this version (\(SaveFormat.programVersion)) wrote the file and replays games exactly, so the file was changed after it was saved"
            : "the file was written by entangled \(writtenBy), whose rules differ from this version's (\(SaveFormat.programVersion))"
    }

    /// The sentence that refuses the save.
    public var refusal: String {
        "The replay diverged at turn \(turn + 1) (\(label)): \(cause)."
    }

    /// One sentence for people when the game continues from the stored state anyway.
    public var sentence: String {
        "The replay diverged at turn \(turn + 1) (\(label)) because \(cause); as asked, the game continues from the state stored in the save."
    }
}
