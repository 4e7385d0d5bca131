import GameCore

/// The save file of DESIGN §5, as this version writes it (format 2). Documented in docs/saves.md.
/// Older formats are turned into this shape by `SaveUpgrades` before decoding.
public struct SaveFile: Codable, Sendable {
    /// Format version of the file (not of the program).
    public var format: Int
    /// Version of the program that wrote the file.
    public var program: String
    /// When the file was written (ISO 8601, UTC); informational only.
    public var savedAt: String
    public var scenario: ScenarioRecord
    /// The seed, as a decimal string (a JSON number cannot hold every UInt64 exactly).
    public var seed: String
    /// Label of the next turn to play ("2027-Q3"), or "end"; informational only.
    public var nextTurn: String
    public var seats: Seats
    /// Set when this game was rewound from another save.
    public var parent: ParentRecord?
    /// Set when the game went on from a stored state after a diverged replay; outside the
    /// checksum, so it only words the message of a later divergence at the same turn.
    public var continuedFrom: ContinuationRecord?
    /// Digest of seed, scenario hash, log and hashes; detects a log changed after saving.
    public var checksum: String
    /// The commands of every resolved turn, in order.
    public var log: [[Command]]
    /// Canonical state hash after each resolved turn (parallel to `log`).
    public var hashes: [String]
    /// The state after the last resolved turn; used when the replay diverges.
    public var snapshot: Snapshot
}

/// Which scenario the game is played in.
public struct ScenarioRecord: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// `Scenario.contentHash`: digest of the scenario's source text.
    public var contentHash: String
    /// The scenario's YAML text, so the save loads on a machine without the file.
    public var source: String?

    public init(id: String, title: String, contentHash: String, source: String?) {
        self.id = id; self.title = title; self.contentHash = contentHash; self.source = source
    }
}

/// Who sits where: the human delegations (bloc ids) and the computer players' level.
public struct Seats: Codable, Sendable, Equatable {
    public var humans: [String]
    /// An `AILevel` raw value: novice, standard or expert.
    public var level: String
    /// Whether a facilitator sits after the delegations (absent in saves without one).
    public var facilitator: Bool?
    /// The facilitator's run sheet and the decisions taken on it (absent in saves without one).
    public var runSheet: RunSheetRecord?

    public init(humans: [String] = [], level: String = "standard", facilitator: Bool? = nil, runSheet: RunSheetRecord? = nil) {
        self.humans = humans; self.level = level; self.facilitator = facilitator; self.runSheet = runSheet
    }
}

/// A run sheet in a save (docs/saves.md): the injects planned by turn, and what the facilitator
/// did with each when it was offered. Outside the checksum, like the seats: it never changes the game.
public struct RunSheetRecord: Codable, Sendable, Equatable {
    public struct Planned: Codable, Sendable, Equatable {
        /// The turn's label, e.g. "2027-H1".
        public var turn: String
        public var inject: String
        public var note: String?
        public init(turn: String, inject: String, note: String?) { self.turn = turn; self.inject = inject; self.note = note }
    }
    public struct Decision: Codable, Sendable, Equatable {
        /// The label of the turn in which it was decided.
        public var turn: String
        /// The position of the planned inject in `planned` (0 = the first).
        public var entry: Int
        public var inject: String
        /// `fired`, `postponed` or `skipped`.
        public var decision: String
        public init(turn: String, entry: Int, inject: String, decision: String) {
            self.turn = turn; self.entry = entry; self.inject = inject; self.decision = decision
        }
    }
    public var planned: [Planned]
    public var decisions: [Decision]
    /// Most entries (planned or decided) a save may hold; a longer list is refused as corrupt.
    public static let maximumEntries = 1_000

    public init(planned: [Planned], decisions: [Decision]) { self.planned = planned; self.decisions = decisions }
}

/// The save a branch was rewound from.
public struct ParentRecord: Codable, Sendable, Equatable {
    /// The parent's file name as it was given when branching.
    public var file: String
    /// The parent's checksum, which identifies it even after renaming.
    public var checksum: String
    /// The branch starts at the start of this turn (1-based turn number).
    public var turn: Int
    /// The label of that turn ("2027-Q1").
    public var turnLabel: String

    public init(file: String, checksum: String, turn: Int, turnLabel: String) {
        self.file = file; self.checksum = checksum; self.turn = turn; self.turnLabel = turnLabel
    }
}

/// The state snapshot. Decoding never fails on the snapshot alone: a save whose snapshot this
/// version cannot read still loads by replaying its log; `problem` says what was wrong.
public struct Snapshot: Codable, Sendable {
    public var state: GameState?
    public var problem: String?

    public init(_ state: GameState) { self.state = state; self.problem = nil }

    public init(from decoder: Decoder) throws {
        do {
            state = try GameState(from: decoder)
            problem = nil
        } catch {
            state = nil
            problem = SaveError.describe(error)
        }
    }

    public func encode(to encoder: Encoder) throws {
        guard let state else {
            var c = encoder.singleValueContainer()
            try c.encodeNil()
            return
        }
        try state.encode(to: encoder)
    }
}

/// Where a game went on from a save's stored state: the 1-based turn whose replay diverged and
/// the program that had played the turns before it.
public struct ContinuationRecord: Codable, Sendable, Equatable {
    public var turn: Int
    public var turnLabel: String
    public var program: String

    public init(turn: Int, turnLabel: String, program: String) {
        self.turn = turn; self.turnLabel = turnLabel; self.program = program
    }
}
