import GameCore

/// Splits an expression into tokens. Paths are read whole (`self.pqc.critical-infra`), because
/// sector and chokepoint ids may contain hyphens while `-` elsewhere is subtraction.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let sectorIDs: [String: Int]
    private let chokepointIDs: [String: Int]
    private var index = 0

    init(_ text: String, sectorIDs: [String: Int], chokepointIDs: [String: Int]) {
        scalars = Array(text.unicodeScalars)
        self.sectorIDs = sectorIDs
        self.chokepointIDs = chokepointIDs
    }

    /// All tokens, ending with `.end`.
    static func tokenize(_ text: String, sectorIDs: [String: Int], chokepointIDs: [String: Int]) throws(ExpressionError) -> [Token] {
        var lexer = Lexer(text, sectorIDs: sectorIDs, chokepointIDs: chokepointIDs)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let i = index + offset
        return i < scalars.count ? scalars[i] : nil
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c >= "0" && c <= "9"
    }

    private static func isLetter(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    private static func isWordChar(_ c: Unicode.Scalar?) -> Bool { isLetter(c) || isDigit(c) }

    private func text(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[range])
        return String(s)
    }

    private mutating func next() throws(ExpressionError) -> Token {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
        let start = index
        let column = start + 1
        guard let c = peek() else { return Token(kind: .end, column: column, text: "") }
        if Lexer.isDigit(c) { return try number() }
        if Lexer.isLetter(c) { return try path() }
        index += 1
        func op(_ symbol: String) -> Token { Token(kind: .op(symbol), column: column, text: symbol) }
        func fail(_ message: String) -> ExpressionError { ExpressionError(column: column, message: message) }
        switch c {
        case "(": return Token(kind: .leftParen, column: column, text: "(")
        case ")": return Token(kind: .rightParen, column: column, text: ")")
        case ",": return Token(kind: .comma, column: column, text: ",")
        case "+", "-", "*", "<", ">":
            if peek() == "=" { index += 1; return op(String(c) + "=") }
            return op(String(c))
        case "/":
            if peek() == "=" {
                throw fail("`/=` is not an assignment here; to divide, multiply instead, e.g. `*= 0.5`.")
            }
            return op("/")
        case "=":
            if peek() == "=" { index += 1; return op("==") }
            if peek() == "<" || peek() == ">" {
                throw fail("Write `\(peek()!)=` rather than `=\(peek()!)`.")
            }
            return op("=")
        case "!":
            if peek() == "=" { index += 1; return op("!=") }
            throw fail("Use `not` instead of `!`, e.g. `not self.crqc`.")
        case "&": throw fail("Use `and` instead of `&`.")
        case "|": throw fail("Use `or` instead of `|`.")
        case "\"", "'", "`":
            throw fail("Expressions do not use quotes; write names and numbers as they are, e.g. `self.standard == nist`.")
        case ".":
            throw fail("A number starts with a digit: write `0.5`, not `.5`.")
        default:
            throw fail("Unexpected character `\(c)`. Expressions use numbers, paths such as `self.support`, dates such as `2030-Q1`, and the operators + - * / < <= > >= == != and, or, not.")
        }
    }

    private mutating func number() throws(ExpressionError) -> Token {
        let start = index
        let column = start + 1
        while Lexer.isDigit(peek()) { index += 1 }
        // A date: exactly four digits, a hyphen, Q or H and a digit.
        if index - start == 4, peek() == "-", let kind = peek(1), "QHqh".unicodeScalars.contains(kind), Lexer.isDigit(peek(2)) {
            index += 2
            while Lexer.isDigit(peek()) { index += 1 }
            let written = text(start..<index)
            if Lexer.isLetter(peek()) {
                while Lexer.isWordChar(peek()) { index += 1 }
                throw ExpressionError(column: column, message: "`\(text(start..<index))` is not a date. Write dates as `2030-Q1` (quarter) or `2030-H2` (half-year).")
            }
            if kind == "q" || kind == "h" {
                throw ExpressionError(column: column, message: "Write `\(written.uppercased())` with a capital letter.")
            }
            guard let date = TurnDate.parse(written) else {
                throw ExpressionError(column: column, message: "`\(written)` is not a date: quarters are Q1 to Q4, halves H1 and H2, years 1900 to 2300.")
            }
            return Token(kind: .date(date), column: column, text: written)
        }
        if peek() == "." {
            if Lexer.isDigit(peek(1)) {
                index += 1
                while Lexer.isDigit(peek()) { index += 1 }
            } else {
                throw ExpressionError(column: column, message: "A number cannot end with `.`; write `\(text(start..<index))` or `\(text(start..<index)).5`.")
            }
        }
        if Lexer.isLetter(peek()) {
            while Lexer.isWordChar(peek()) { index += 1 }
            throw ExpressionError(column: column, message: "`\(text(start..<index))` is not a number. Write plain decimals such as `1000` or `0.5`.")
        }
        let written = text(start..<index)
        guard let value = Double(written), value.isFinite, value <= 1e15 else {
            throw ExpressionError(column: column, message: "The number `\(written.prefix(20))…` is too large; numbers must be at most 1000000000000000.")
        }
        return Token(kind: .number(value), column: column, text: written)
    }

    private mutating func path() throws(ExpressionError) -> Token {
        let start = index
        var segments: [Token.Segment] = []
        segments.append(readWord())
        while peek() == ".", Lexer.isWordChar(peek(1)) {
            index += 1
            if segments.count == 2 && (segments[1].text == "pqc" || segments[1].text == "supply") {
                segments.append(readHyphenatedID(known: segments[1].text == "pqc" ? sectorIDs : chokepointIDs))
            } else {
                segments.append(readWord())
            }
        }
        if peek() == "." {
            throw ExpressionError(column: index + 1, message: "A path cannot end with `.`; name a field after it, e.g. `self.support`.")
        }
        return Token(kind: .path(segments), column: start + 1, text: text(start..<index))
    }

    private mutating func readWord() -> Token.Segment {
        let start = index
        while Lexer.isWordChar(peek()) { index += 1 }
        return Token.Segment(text: text(start..<index), column: start + 1)
    }

    /// Reads an id that may contain hyphens (`critical-infra`). When the whole hyphenated run is not a
    /// known id but a prefix ending before a hyphen is, the rest is left for the operator `-`.
    private mutating func readHyphenatedID(known: [String: Int]) -> Token.Segment {
        let start = index
        var cuts: [Int] = []
        while Lexer.isWordChar(peek()) { index += 1 }
        while peek() == "-", Lexer.isWordChar(peek(1)) {
            cuts.append(index)
            index += 1
            while Lexer.isWordChar(peek()) { index += 1 }
        }
        if known[text(start..<index)] == nil {
            for cut in cuts.reversed() where known[text(start..<cut)] != nil {
                index = cut
                break
            }
        }
        return Token.Segment(text: text(start..<index), column: start + 1)
    }
}
