import GameCore

/// Parses the condition and effect language of scenario files (docs/scenarios.md, "Expressions").
///
/// Precedence, lowest first: `or`, `and`, `not`, comparisons (not chainable), `+ -`, `* /`,
/// unary `-`, primaries. Every error carries the 1-based column inside the expression text.
public enum ExpressionParser {
    /// Longest expression accepted, in characters.
    public static let maximumLength = 2000
    /// Deepest nesting of parentheses, `not` and unary minus accepted.
    public static let maximumDepth = 64

    /// Parses a condition: something true or false, such as `self.pqc.government >= 0.9 and turn >= 2030-Q1`.
    public static func parseCondition(_ text: String, in context: ExpressionContext) throws(ExpressionError) -> Condition {
        var parser = try Parser(text, context: context)
        return try parser.condition()
    }

    /// Parses an effect: `TARGET OP VALUE` with OP one of `= += -= *=`, such as `all.support += 2`.
    public static func parseEffect(_ text: String, in context: ExpressionContext) throws(ExpressionError) -> Effect {
        var parser = try Parser(text, context: context)
        return try parser.effect()
    }
}

/// What an expression evaluates to, for type checking.
enum ValueKind {
    case number, boolean, date, family, turn

    var isNumeric: Bool { self == .number || self == .turn }
}

/// An expression with its kind and where it was written (scalar offsets, end exclusive).
struct Typed {
    var expr: Expr
    var kind: ValueKind
    var start: Int
    var end: Int
    /// A plain number literal that looks like a year (1900-2300): comparing `turn` with it is a mistake.
    var looksLikeYear = false

    var column: Int { start + 1 }
}

struct Parser {
    private let scalars: [Unicode.Scalar]
    private let tokens: [Token]
    private var position = 0
    private let context: ExpressionContext
    private var depth = 0
    private let blocIndex: [String: Int]
    private let sectorIndex: [String: Int]
    private let chokepointIndex: [String: Int]

    init(_ text: String, context: ExpressionContext) throws(ExpressionError) {
        scalars = Array(text.unicodeScalars)
        if scalars.count > ExpressionParser.maximumLength {
            throw ExpressionError(column: ExpressionParser.maximumLength + 1,
                                  message: "The expression is \(scalars.count) characters long; keep it under \(ExpressionParser.maximumLength) by splitting it into several.")
        }
        self.context = context
        tokens = try Lexer.tokenize(text, sectorIDs: context.sectorIndex, chokepointIDs: context.chokepointIndex)
        blocIndex = context.blocIndex
        sectorIndex = context.sectorIndex
        chokepointIndex = context.chokepointIndex
    }

    // MARK: Entry points

    mutating func condition() throws(ExpressionError) -> Condition {
        if current.kind == .end { throw fail(current.column, "The condition is empty; write something to check, e.g. `self.support >= 50`.") }
        let result = try parseOr()
        try expectEnd(afterCondition: true)
        guard result.kind == .boolean else {
            throw fail(result.column, "`\(snippet(result))` is \(describe(result.kind)), not a check. A condition must compare something, e.g. `self.support >= 50`.")
        }
        return Condition(expr: result.expr, source: source)
    }

    mutating func effect() throws(ExpressionError) -> Effect {
        let targetToken = current
        guard case .path = targetToken.kind else {
            if targetToken.kind == .end { throw fail(1, "The effect is empty; write what it changes, e.g. `self.support += 5`.") }
            throw fail(targetToken.column, "An effect starts with what it changes, e.g. `self.support += 5`; `\(targetToken.text)` cannot be changed.")
        }
        let target: Reference
        let targetKind: ValueKind
        if targetToken.isWord("trust") {
            let call = try parseTrust(asTarget: true)
            guard case .ref(let r) = call.expr else { throw fail(targetToken.column, "Internal error: trust did not parse to a reference.") }
            target = r
            targetKind = .number
        } else if targetToken.isWord("turn") {
            advance()
            target = .turn
            targetKind = .turn
        } else {
            advance()
            (target, targetKind) = try resolvePath(targetToken, asTarget: true)
        }
        let targetText = text(targetToken.column - 1, previousEnd)
        if !target.isAssignable {
            throw fail(targetToken.column, "`\(targetText)` is derived from the state every turn and cannot be assigned; change what it is derived from instead.")
        }
        let opToken = current
        let op: AssignOp
        switch opToken.kind {
        case .op("="): op = .set
        case .op("+="): op = .add
        case .op("-="): op = .subtract
        case .op("*="): op = .multiply
        case .op("=="): throw fail(opToken.column, "Use `=` to set a value; `==` compares.")
        case .end: throw fail(opToken.column, "Expected `=`, `+=`, `-=` or `*=` after `\(targetText)`, then a value, e.g. `\(targetText) += 5`.")
        default: throw fail(opToken.column, "Expected `=`, `+=`, `-=` or `*=` after `\(targetText)`; found `\(opToken.text)`.")
        }
        advance()
        if current.kind == .end { throw fail(current.column, "A value is missing after `\(opToken.text)`.") }
        let value = try parseOr()
        try expectEnd(afterCondition: false)
        if targetKind == .family {
            guard op == .set else {
                throw fail(opToken.column, "`standard` can only be set with `=`, e.g. `\(targetText) = hybrid`.")
            }
            guard value.kind == .family else {
                throw fail(value.column, "`standard` must be set to a standard family: nist, national or hybrid.")
            }
        } else if !value.kind.isNumeric {
            let why: String
            switch value.kind {
            case .family: why = "is a standard family; only `standard` takes a family"
            case .date: why = "is a date; dates can only be compared with `turn`"
            default: why = "is a check (true or false)"
            }
            throw fail(value.column, "An effect needs a number here, but `\(snippet(value))` \(why).")
        }
        return Effect(target: target, op: op, value: value.expr, source: source)
    }

    // MARK: Grammar

    private mutating func parseOr() throws(ExpressionError) -> Typed {
        var left = try parseAnd()
        while current.isWord("or") {
            advance()
            let right = try parseAnd()
            try requireCheck(left, "or")
            try requireCheck(right, "or")
            left = Typed(expr: .binary(.or, left.expr, right.expr), kind: .boolean, start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Typed {
        var left = try parseNot()
        while current.isWord("and") {
            advance()
            let right = try parseNot()
            try requireCheck(left, "and")
            try requireCheck(right, "and")
            left = Typed(expr: .binary(.and, left.expr, right.expr), kind: .boolean, start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> Typed {
        guard current.isWord("not") else { return try parseComparison() }
        let token = advance()
        try enter(token)
        defer { depth -= 1 }
        let operand = try parseNot()
        try requireCheck(operand, "not")
        return Typed(expr: .unary(.not, operand.expr), kind: .boolean, start: token.column - 1, end: operand.end)
    }

    private static let comparisons: [String: BinaryOp] = [
        "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual, "==": .equal, "!=": .notEqual,
    ]

    private func comparison(_ token: Token) -> BinaryOp? {
        if case .op(let symbol) = token.kind { return Parser.comparisons[symbol] }
        return nil
    }

    private mutating func parseComparison() throws(ExpressionError) -> Typed {
        let left = try parseAdditive()
        guard let op = comparison(current) else { return left }
        let opToken = advance()
        if current.kind == .end { throw fail(current.column, "A value is missing after `\(opToken.text)`.") }
        let right = try parseAdditive()
        if comparison(current) != nil {
            throw fail(current.column, "Comparisons cannot be chained; write `a < b and b < c` instead of `a < b < c`.")
        }
        try checkComparison(op, opToken, left, right)
        return Typed(expr: .binary(op, left.expr, right.expr), kind: .boolean, start: left.start, end: right.end)
    }

    private mutating func parseAdditive() throws(ExpressionError) -> Typed {
        var left = try parseMultiplicative()
        while current.isOp("+") || current.isOp("-") {
            let opToken = advance()
            let right = try parseMultiplicative()
            try requireNumber(left, opToken.text)
            try requireNumber(right, opToken.text)
            let op: BinaryOp = opToken.text == "+" ? .add : .subtract
            left = Typed(expr: .binary(op, left.expr, right.expr), kind: .number, start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseMultiplicative() throws(ExpressionError) -> Typed {
        var left = try parseUnary()
        while current.isOp("*") || current.isOp("/") {
            let opToken = advance()
            let right = try parseUnary()
            try requireNumber(left, opToken.text)
            try requireNumber(right, opToken.text)
            let op: BinaryOp = opToken.text == "*" ? .multiply : .divide
            left = Typed(expr: .binary(op, left.expr, right.expr), kind: .number, start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Typed {
        guard current.isOp("-") else { return try parsePrimary() }
        let token = advance()
        try enter(token)
        defer { depth -= 1 }
        let operand = try parseUnary()
        try requireNumber(operand, "-")
        // A negative literal is a number, not an operation on one.
        if case .number(let v) = operand.expr {
            return Typed(expr: .number(-v), kind: .number, start: token.column - 1, end: operand.end)
        }
        return Typed(expr: .unary(.negate, operand.expr), kind: .number, start: token.column - 1, end: operand.end)
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Typed {
        let token = current
        let start = token.column - 1
        let end = start + token.text.unicodeScalars.count
        switch token.kind {
        case .number(let value):
            advance()
            let looksLikeYear = token.text.count == 4 && value >= 1900 && value <= 2300
            return Typed(expr: .number(value), kind: .number, start: start, end: end, looksLikeYear: looksLikeYear)
        case .date(let date):
            advance()
            return Typed(expr: .date(context.calendar.turnIndex(of: date)), kind: .date, start: start, end: end)
        case .leftParen:
            advance()
            try enter(token)
            defer { depth -= 1 }
            if current.kind == .rightParen { throw fail(current.column, "The parentheses are empty; put a value or a check inside them.") }
            var inner = try parseOr()
            guard current.kind == .rightParen else {
                throw fail(current.column, "Expected `)` to close the `(` at column \(token.column)" + (current.kind == .end ? "." : "; found `\(current.text)`."))
            }
            let close = advance()
            inner.start = start
            inner.end = close.column
            inner.looksLikeYear = false
            return inner
        case .path(let segments):
            if segments.count == 1 {
                switch segments[0].text {
                case "true", "false":
                    advance()
                    return Typed(expr: .number(segments[0].text == "true" ? 1 : 0), kind: .boolean, start: start, end: end)
                case "nist", "national", "hybrid":
                    advance()
                    return Typed(expr: .family(StandardFamily(rawValue: segments[0].text)!), kind: .family, start: start, end: end)
                case "turn":
                    advance()
                    return Typed(expr: .ref(.turn), kind: .turn, start: start, end: end)
                case "trust":
                    return try parseTrust(asTarget: false)
                case "and", "or":
                    throw fail(token.column, "A value is missing before `\(segments[0].text)`.")
                case "not":
                    throw fail(token.column, "`not` goes in front of a whole check; put it in parentheses here, e.g. `(not self.crqc)`.")
                default:
                    break
                }
            }
            advance()
            let (reference, kind) = try resolvePath(token, asTarget: false)
            return Typed(expr: .ref(reference), kind: kind, start: start, end: end)
        case .end:
            throw fail(token.column, "The expression ends too early; a value is missing.")
        case .rightParen, .comma, .op:
            throw fail(token.column, "Expected a value (a number, a date, `turn` or a path such as `self.support`); found `\(token.text)`.")
        }
    }

    /// `trust(A, B)`: how much A trusts B. As an effect target, `all` may stand for every bloc.
    private mutating func parseTrust(asTarget: Bool) throws(ExpressionError) -> Typed {
        let name = advance()
        guard current.kind == .leftParen else {
            throw fail(current.column, "`trust` needs two blocs in parentheses, e.g. `trust(US, CN)`.")
        }
        advance()
        let a = try parseBlocArgument(asTarget: asTarget)
        guard current.kind == .comma else {
            throw fail(current.column, "Expected `,` between the two blocs of `trust(A, B)`.")
        }
        advance()
        let b = try parseBlocArgument(asTarget: asTarget)
        guard current.kind == .rightParen else {
            throw fail(current.column, "Expected `)` after the second bloc of `trust(A, B)`.")
        }
        let close = advance()
        if a.ref == b.ref, case .bloc = a.ref {
            throw fail(b.column, "A bloc's trust toward itself is not tracked; name two different blocs.")
        }
        return Typed(expr: .ref(.trust(a.ref, b.ref)), kind: .number, start: name.column - 1, end: close.column)
    }

    private mutating func parseBlocArgument(asTarget: Bool) throws(ExpressionError) -> (ref: BlocRef, column: Int) {
        let token = current
        guard case .path(let segments) = token.kind, segments.count == 1 else {
            throw fail(token.column, "`trust(A, B)` takes two bloc ids (or `self`), e.g. `trust(US, CN)`.")
        }
        let name = segments[0].text
        advance()
        switch name {
        case "self":
            try requireCurrentAllowed(token.column)
            return (.current, token.column)
        case "all":
            guard asTarget, context.allowsAll else {
                throw fail(token.column, asTarget
                    ? "`all` is allowed only in the effects of events, injects and dilemma options."
                    : "`trust(A, B)` reads the trust between two single blocs; `all` can only be used when changing trust in an effect, e.g. `trust(all, CN) -= 10`.")
            }
            return (.all, token.column)
        default:
            return (.bloc(try bloc(named: name, column: token.column)), token.column)
        }
    }

    // MARK: Paths

    private func resolvePath(_ token: Token, asTarget: Bool) throws(ExpressionError) -> (Reference, ValueKind) {
        guard case .path(let segments) = token.kind else { throw fail(token.column, "Expected a path such as `self.support`.") }
        let head = segments[0]
        let blocRef: BlocRef
        switch head.text {
        case "world":
            guard segments.count >= 2 else {
                throw fail(head.column, "`world` needs a field, e.g. `world.tension`. World fields: \(Suggestions.list(WorldField.allCases.map(\.rawValue))).")
            }
            let name = segments[1]
            guard let field = WorldField(rawValue: name.text) else {
                throw fail(name.column, "`\(name.text)` is not a world field." + Suggestions.hint(for: name.text, among: WorldField.allCases.map(\.rawValue), known: "World fields"))
            }
            if segments.count > 2 { throw fail(segments[2].column, "`world.\(name.text)` has no parts; remove `.\(segments[2].text)`.") }
            return (.world(field), .number)
        case "self":
            try requireCurrentAllowed(head.column)
            blocRef = .current
        case "all":
            guard asTarget else {
                throw fail(head.column, "`all.FIELD` can only be the target of an effect, e.g. `all.support += 2`; to read a value, name a bloc or `self`.")
            }
            guard context.allowsAll else {
                throw fail(head.column, "`all` is allowed only in the effects of events, injects and dilemma options.")
            }
            blocRef = .all
        default:
            if segments.count == 1 { throw unknownName(head) }
            blocRef = .bloc(try bloc(named: head.text, column: head.column))
        }
        guard segments.count >= 2 else {
            throw fail(head.column, "`\(head.text)` needs a field, e.g. `\(head.text).support`.")
        }
        let name = segments[1]
        let field: BlocField
        var used = 2
        switch name.text {
        case "pqc", "supply":
            let isPQC = name.text == "pqc"
            let ids = isPQC ? context.sectorIDs : context.chokepointIDs
            let what = isPQC ? "sector" : "chokepoint"
            guard segments.count >= 3 else {
                throw fail(name.column, "`\(name.text)` needs a \(what), e.g. `\(head.text).\(name.text).\(ids.first ?? what)`. Known \(what)s: \(Suggestions.list(ids)).")
            }
            let id = segments[2]
            guard let i = (isPQC ? sectorIndex : chokepointIndex)[id.text] else {
                throw fail(id.column, "`\(id.text)` is not a \(what) in this scenario." + Suggestions.hint(for: id.text, among: ids, known: "Known \(what)s"))
            }
            field = isPQC ? .pqc(sector: i) : .supply(chokepoint: i)
            used = 3
        default:
            guard let plain = BlocField.plainNames.first(where: { $0.0 == name.text })?.1 else {
                let names = BlocField.plainNames.map(\.0) + ["pqc", "supply"]
                var message = "`\(name.text)` is not a bloc field."
                if let match = Suggestions.closest(to: name.text, among: names) {
                    message += " Did you mean `\(match)`?"
                } else {
                    message += " Bloc fields: \(Suggestions.list(names, limit: 30))."
                }
                throw fail(name.column, message)
            }
            field = plain
        }
        if segments.count > used {
            throw fail(segments[used].column, "`\(segments[..<used].map(\.text).joined(separator: "."))` has no parts; remove `.\(segments[used].text)`.")
        }
        let kind: ValueKind
        switch field {
        case .standard: kind = .family
        case .crqc: kind = .boolean
        default: kind = .number
        }
        return (.bloc(blocRef, field), kind)
    }

    private func bloc(named name: String, column: Int) throws(ExpressionError) -> Int {
        if let i = blocIndex[name] { return i }
        throw fail(column, "`\(name)` is not a bloc in this scenario." + Suggestions.hint(for: name, among: context.blocIDs, known: "Known blocs"))
    }

    private func unknownName(_ segment: Token.Segment) -> ExpressionError {
        let name = segment.text
        if blocIndex[name] != nil {
            return fail(segment.column, "`\(name)` needs a field, e.g. `\(name).support`.")
        }
        if name == "pqc" || name == "supply" || BlocField.plainNames.contains(where: { $0.0 == name }) {
            let example = context.allowsCurrent ? "`self.\(name)` or `\(context.blocIDs.first ?? "US").\(name)`" : "`\(context.blocIDs.first ?? "US").\(name)`"
            let derived = BlocField.plainNames.first(where: { $0.0 == name }).map { !$0.1.isAssignable } ?? false
            return fail(segment.column, "`\(name)` belongs to a bloc: write \(example)" + (derived ? " (it can be read, not assigned: it is derived every turn)." : "."))
        }
        if WorldField(rawValue: name) != nil {
            return fail(segment.column, "Write `world.\(name)`.")
        }
        if blocIndex.isEmpty == false, let match = Suggestions.closest(to: name, among: context.blocIDs), match.lowercased() == name.lowercased() {
            return fail(segment.column, "Bloc ids are written in capitals: `\(match)`.")
        }
        let keywords = ["turn", "trust", "true", "false", "nist", "national", "hybrid", "self", "world", "and", "or", "not"]
        if let match = Suggestions.closest(to: name, among: keywords) {
            return fail(segment.column, "Unknown name `\(name)`. Did you mean `\(match)`?")
        }
        return fail(segment.column, "Unknown name `\(name)`. A value is a number, a date such as `2030-Q1`, `turn`, `trust(A, B)`, a family (nist, national, hybrid) or a path such as `self.support`, `\(context.blocIDs.first ?? "US").computing` or `world.tension`.")
    }

    private func requireCurrentAllowed(_ column: Int) throws(ExpressionError) {
        guard context.allowsCurrent else {
            throw fail(column, "`self` is not allowed here. It means the bloc an objective belongs to, or the bloc that chooses a dilemma option; in an event's trigger or effects, name a bloc (e.g. `\(context.blocIDs.first ?? "US").support`) or use `all.support` in an effect.")
        }
    }

    // MARK: Type checks

    private func describe(_ kind: ValueKind) -> String {
        switch kind {
        case .number: return "a number"
        case .boolean: return "true or false"
        case .date: return "a date"
        case .family: return "a standard family"
        case .turn: return "the turn number"
        }
    }

    private func requireCheck(_ operand: Typed, _ op: String) throws(ExpressionError) {
        guard operand.kind != .boolean else { return }
        throw fail(operand.column, "`\(op)` needs a check on each side (such as `self.support >= 50`), but `\(snippet(operand))` is \(describe(operand.kind)).")
    }

    private func requireNumber(_ operand: Typed, _ op: String) throws(ExpressionError) {
        switch operand.kind {
        case .number, .turn: return
        case .date:
            throw fail(operand.column, "A date such as `\(snippet(operand))` cannot be used in arithmetic; compare it with `turn` instead, e.g. `turn >= \(snippet(operand))`.")
        case .family:
            throw fail(operand.column, "`\(snippet(operand))` is a standard family, not a number; compare it with `==` or `!=`, e.g. `self.standard == nist`.")
        case .boolean:
            throw fail(operand.column, "`\(snippet(operand))` is true or false, not a number, so `\(op)` cannot use it.")
        }
    }

    private func checkComparison(_ op: BinaryOp, _ opToken: Token, _ left: Typed, _ right: Typed) throws(ExpressionError) {
        let equality = op == .equal || op == .notEqual
        switch (left.kind, right.kind) {
        case (.family, .family):
            guard equality else { throw fail(opToken.column, "Standard families can only be compared with `==` or `!=`.") }
        case (.family, _), (_, .family):
            let family = left.kind == .family ? left : right
            let other = left.kind == .family ? right : left
            throw fail(other.column, "`\(snippet(family))` is a standard family and can only be compared with another family, e.g. `self.standard == nist`; `\(snippet(other))` is \(describe(other.kind)).")
        case (.boolean, .boolean), (.boolean, .number), (.number, .boolean):
            // Checks are 1 (true) and 0 (false), so `US.crqc == 1` is fine; ordering them is not.
            guard equality else { throw fail(opToken.column, "Checks (true or false) can only be compared with `==` or `!=`.") }
            let number = left.kind == .number ? left : right
            if number.kind == .number, case .number(let v) = number.expr, v != 0, v != 1 {
                let check = left.kind == .boolean ? left : right
                throw fail(number.column, "`\(snippet(check))` is 1 (true) or 0 (false), so comparing it with \(snippet(number)) is never true.")
            }
        case (.boolean, _), (_, .boolean):
            let check = left.kind == .boolean ? left : right
            let other = left.kind == .boolean ? right : left
            throw fail(other.column, "`\(snippet(check))` is true or false and cannot be compared with \(describe(other.kind)); use it on its own, with `not`, or compare it with 1 or 0.")
        case (.date, .turn), (.turn, .date):
            return
        case (.date, _), (_, .date):
            let date = left.kind == .date ? left : right
            throw fail(date.column, "A date such as `\(snippet(date))` can only be compared with `turn`, e.g. `turn >= \(snippet(date))`.")
        case (.turn, .number), (.number, .turn):
            let number = left.kind == .number ? left : right
            if number.looksLikeYear {
                throw fail(number.column, "`turn` counts turns from the start (0, 1, 2, …), not years; write a date such as `turn >= \(snippet(number))-Q1`, or compare years with `world.year >= \(snippet(number))`.")
            }
        default:
            return
        }
    }

    // MARK: Tokens

    private var current: Token { tokens[position] }

    private var previousEnd: Int {
        guard position > 0 else { return 0 }
        let t = tokens[position - 1]
        return t.column - 1 + t.text.unicodeScalars.count
    }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func enter(_ token: Token) throws(ExpressionError) {
        depth += 1
        if depth > ExpressionParser.maximumDepth {
            throw fail(token.column, "The expression nests too deeply (more than \(ExpressionParser.maximumDepth) levels); simplify it.")
        }
    }

    private func expectEnd(afterCondition: Bool) throws(ExpressionError) {
        let token = current
        switch token.kind {
        case .end: return
        case .op("="):
            throw fail(token.column, afterCondition ? "Use `==` to compare; `=` sets a value in effects." : "An effect has one `=`; put each change in its own effect.")
        case .rightParen:
            throw fail(token.column, "This `)` has no matching `(`.")
        case .op(let symbol) where ["+=", "-=", "*="].contains(symbol) && afterCondition:
            throw fail(token.column, "`\(symbol)` changes a value; a condition can only check values.")
        default:
            let hint = afterCondition ? " Did you forget `and` or `or`?" : " An effect changes one thing; put each change in its own effect."
            throw fail(token.column, "Unexpected `\(token.text)`." + hint)
        }
    }

    private var source: String { String(String.UnicodeScalarView(scalars)).trimmingSpaces() }

    private func text(_ start: Int, _ end: Int) -> String {
        let lo = max(0, min(start, scalars.count))
        let hi = max(lo, min(end, scalars.count))
        return String(String.UnicodeScalarView(scalars[lo..<hi]))
    }

    private func snippet(_ typed: Typed) -> String {
        let s = text(typed.start, typed.end)
        return s.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(40))) + "…" : s
    }

    private func fail(_ column: Int, _ message: String) -> ExpressionError {
        ExpressionError(column: column, message: message)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        let scalars = Array(unicodeScalars)
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
