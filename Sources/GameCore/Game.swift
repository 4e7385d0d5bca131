/// A game: a scenario, a seed and the commands of every turn so far. Replaying the log from the
/// scenario and seed always gives the same state.
public struct Game: Sendable {
    public let scenario: Scenario
    public let seed: UInt64
    public private(set) var state: GameState
    /// Commands of each resolved turn, in order.
    public private(set) var log: [[Command]]
    /// Canonical state hash after each resolved turn.
    public private(set) var hashes: [String]

    public init(scenario: Scenario, seed: UInt64? = nil) {
        self.scenario = scenario
        self.seed = seed ?? scenario.seed
        self.state = GameState.initial(scenario)
        self.log = []
        self.hashes = []
    }

    /// Resumes from a snapshot (used by saves when a replay diverges).
    public init(scenario: Scenario, seed: UInt64, state: GameState, log: [[Command]], hashes: [String]) {
        self.scenario = scenario
        self.seed = seed
        self.state = state
        self.log = log
        self.hashes = hashes
    }

    public var isOver: Bool { state.isOver }
    public var turnLabel: String { scenario.calendar.label(state.turn) }

    /// Resolves the current turn with these commands.
    public mutating func resolve(_ commands: [Command]) {
        guard !state.isOver else { return }
        var r = Resolver(scenario: scenario, seed: seed, state: state, commands: commands)
        r.run()
        state = r.state
        log.append(commands)
        hashes.append(state.canonicalHash)
    }

    /// The game as it stood at the start of turn `index` (0 = before the first turn).
    public func rewound(to index: Int) -> Game {
        var g = Game(scenario: scenario, seed: seed)
        for commands in log.prefix(max(0, index)) { g.resolve(commands) }
        return g
    }
}
