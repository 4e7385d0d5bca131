import GameCore

/// A game with everything a save records besides it: the scenario's text, the seats and, for a
/// branch, where it came from. This is what the program saves and what loading gives back.
public struct SavedGame: Sendable {
    public var game: Game
    /// The scenario's YAML text (embedded so the save loads anywhere); nil when unknown.
    public var scenarioSource: String?
    public var seats: Seats
    public var parent: ParentRecord?

    public init(game: Game, scenarioSource: String?, seats: Seats = Seats(), parent: ParentRecord? = nil) {
        self.game = game; self.scenarioSource = scenarioSource; self.seats = seats; self.parent = parent
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

/// Where a replay first differed from the recorded state hashes.
public struct Divergence: Sendable, Equatable {
    /// 0-based index of the first turn whose state hash differs.
    public var turn: Int
    public var label: String

    /// One sentence for people.
    public var sentence: String {
        "The replay diverged at turn \(turn + 1) (\(label)): this version's rules or scenario give a different result, so the game continues from the state stored in the save."
    }
}
