import GameCore

/// One lexical unit of an expression. Columns are 1-based Unicode-scalar offsets.
struct Token: Equatable {
    enum Kind: Equatable {
        case number(Double)
        /// A date literal such as `2030-Q1` (kept as written; the parser converts it to a turn).
        case date(TurnDate)
        /// A name or dotted path: `self.pqc.government`, `US.computing`, `turn`, `and`.
        case path([Segment])
        case leftParen, rightParen, comma
        /// An operator: + - * / < <= > >= == != = += -= *=
        case op(String)
        case end
    }

    struct Segment: Equatable {
        var text: String
        var column: Int
    }

    var kind: Kind
    var column: Int
    /// The token as written, for messages.
    var text: String

    /// The single word of a one-segment path (keywords and bare names), else nil.
    var word: String? {
        if case .path(let segments) = kind, segments.count == 1 { return segments[0].text }
        return nil
    }

    func isOp(_ symbol: String) -> Bool { kind == .op(symbol) }
    func isWord(_ name: String) -> Bool { word == name }
}
