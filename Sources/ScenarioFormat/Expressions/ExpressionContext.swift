import GameCore

/// What an expression may refer to: the scenario's ids, its calendar (for date literals), and
/// whether `self` (the bloc an objective or dilemma option belongs to) and `all.X` targets are allowed.
public struct ExpressionContext: Sendable {
    public let blocIDs: [String]
    public let sectorIDs: [String]
    public let chokepointIDs: [String]
    public let calendar: GameCalendar
    /// Whether `self` may appear (objectives and dilemma options: yes; event triggers and effects: no).
    public var allowsCurrent: Bool
    /// Whether an effect may target `all.FIELD` (event and dilemma effects only).
    public var allowsAll: Bool

    // Lookups built once, so parsing the expressions of a 193-bloc scenario stays linear.
    let blocIndex: [String: Int]
    let sectorIndex: [String: Int]
    let chokepointIndex: [String: Int]

    public init(blocIDs: [String], sectorIDs: [String], chokepointIDs: [String], calendar: GameCalendar,
                allowsCurrent: Bool, allowsAll: Bool) {
        self.blocIDs = blocIDs
        self.sectorIDs = sectorIDs
        self.chokepointIDs = chokepointIDs
        self.calendar = calendar
        self.allowsCurrent = allowsCurrent
        self.allowsAll = allowsAll
        blocIndex = ExpressionContext.index(blocIDs)
        sectorIndex = ExpressionContext.index(sectorIDs)
        chokepointIndex = ExpressionContext.index(chokepointIDs)
    }

    /// The ids and calendar of `scenario`.
    public init(scenario: Scenario, allowsCurrent: Bool, allowsAll: Bool) {
        self.init(blocIDs: scenario.blocs.map(\.id), sectorIDs: scenario.sectors.map(\.id),
                  chokepointIDs: scenario.chokepoints.map(\.id), calendar: scenario.calendar,
                  allowsCurrent: allowsCurrent, allowsAll: allowsAll)
    }

    /// First position of each non-empty id.
    private static func index(_ ids: [String]) -> [String: Int] {
        var map: [String: Int] = [:]
        for (i, id) in ids.enumerated() where !id.isEmpty && map[id] == nil { map[id] = i }
        return map
    }
}

/// A problem in one expression. `column` is 1-based within the expression's text (counted in
/// Unicode scalars, as YAML counts columns), so callers can point into the file.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}
