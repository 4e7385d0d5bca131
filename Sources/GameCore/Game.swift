/// A game: a scenario, a seed and the commands of every turn so far. Replaying the log from the
/// scenario and seed always gives the same state.
public struct Game: Sendable {
    public let scenario: Scenario
    public let seed: UInt64
    public private(set) var state: GameState
    /// Commands of each resolved turn, in order.
    public private(set) var log: [[Command]]
    /// Canonical state hash after each resolved turn (empty when `recordsHashes` is false).
    public private(set) var hashes: [String]
    /// Whether a state hash is computed after every turn. Saves and replays need them; forecasts,
    /// which keep only each game's result, switch them off (the hash walks the whole state).
    public let recordsHashes: Bool
    /// Names and rule values every turn's resolver needs, built once.
    let tables: ResolverTables

    public init(scenario: Scenario, seed: UInt64? = nil, recordsHashes: Bool = true) {
        self.scenario = scenario
        self.seed = seed ?? scenario.seed
        self.state = GameState.initial(scenario)
        self.log = []
        self.hashes = []
        self.recordsHashes = recordsHashes
        self.tables = ResolverTables(scenario: scenario, seed: self.seed)
    }

    /// Resumes from a snapshot (used by saves when a replay diverges).
    public init(scenario: Scenario, seed: UInt64, state: GameState, log: [[Command]], hashes: [String]) {
        self.scenario = scenario
        self.seed = seed
        self.state = state
        self.log = log
        self.hashes = hashes
        self.recordsHashes = true
        self.tables = ResolverTables(scenario: scenario, seed: seed)
    }

    public var isOver: Bool { state.isOver }
    public var turnLabel: String { scenario.calendar.label(state.turn) }

    /// Resolves the current turn with these commands.
    ///
    /// `narrative: false` leaves the turn's news and why-ledger empty and changes nothing else:
    /// both are the story of one turn, the next turn starts them afresh, and no rule reads them.
    /// A headless game that keeps only its result passes false for every turn but its last (see
    /// `Autoplay.continuePlaying`), so its final state is the same as a fully told game's.
    public mutating func resolve(_ commands: [Command], narrative: Bool = true) {
        guard !state.isOver else { return }
        // Hand the state to the resolver rather than copying it, so its arrays stay uniquely
        // referenced and change in place.
        var r = Resolver(scenario: scenario, seed: seed, state: state, commands: commands, tables: tables, narrative: narrative)
        state = GameState.placeholder
        r.run()
        state = r.state
        log.append(commands)
        if recordsHashes { hashes.append(state.canonicalHash) }
    }

    /// The game as it stood at the start of turn `index` (0 = before the first turn).
    public func rewound(to index: Int) -> Game {
        var g = Game(scenario: scenario, seed: seed, recordsHashes: recordsHashes)
        for commands in log.prefix(max(0, index)) { g.resolve(commands) }
        return g
    }
}
