import GameCore

/// Rewind and branch: a save rewound to the start of a turn, to be played on differently.
public enum Branching {
    /// The game of `loaded` as it stood at the start of turn `turn` (1-based: 1 is the very start),
    /// recording `loaded` as its parent. Throws when the turn is out of range, or lies after the
    /// point where this version's replay diverged (those states can only come from the snapshot).
    public static func rewind(_ loaded: LoadedSave, toTurn turn: Int) throws(SaveError) -> SavedGame {
        let game = loaded.game
        let played = game.log.count
        guard turn >= 1 && turn <= played + 1 else {
            let end = played >= game.scenario.calendar.turnCount ? " (\(played + 1) is the end of the finished game)" : ""
            throw SaveError(.malformed, file: loaded.file, "The save has \(played) turns played, so it can be rewound to the start of turns 1 to \(played + 1)\(end), not \(turn).")
        }
        if let d = loaded.divergence, turn - 1 > d.turn {
            throw SaveError(.diverged, file: loaded.file, "This version replays the save differently from turn \(d.turn + 1) (\(d.label)) on, so it can only be rewound to turn \(d.turn + 1) or earlier.")
        }
        let rewound = game.rewound(to: turn - 1)
        let parent = ParentRecord(file: loaded.file, checksum: loaded.checksum, turn: turn,
                                  turnLabel: turn - 1 < game.scenario.calendar.turnCount ? game.scenario.calendar.label(turn - 1) : "end")
        return SavedGame(game: rewound, scenarioSource: loaded.saved.scenarioSource, seats: loaded.saved.seats, parent: parent)
    }

    /// Reads a turn given as a number ("9") or a label ("2027-Q1").
    public static func turnNumber(_ text: String, in scenario: Scenario) -> Int? {
        if let n = Int(text) { return n }
        for i in 0..<scenario.calendar.turnCount where scenario.calendar.label(i) == text { return i + 1 }
        return nil
    }
}
