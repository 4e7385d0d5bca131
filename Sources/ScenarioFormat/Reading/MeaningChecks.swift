import GameCore

/// The range a value can take, as far as the file alone tells: the lowest and highest it can be.
struct ValueSpan: Equatable {
    var low: Double
    var high: Double

    static func point(_ x: Double) -> ValueSpan { ValueSpan(low: x, high: x) }
    static let boolean = ValueSpan(low: 0, high: 1)

    /// Interval arithmetic for `+ - *`; nil when a bound would not be finite.
    func combined(_ op: BinaryOp, _ other: ValueSpan) -> ValueSpan? {
        let values: [Double]
        switch op {
        case .add: values = [low + other.low, high + other.high]
        case .subtract: values = [low - other.high, high - other.low]
        case .multiply: values = [low * other.low, low * other.high, high * other.low, high * other.high]
        case .divide:
            // A denominator that may be 0 evaluates to 0 there (Resolver), so only spans away from 0 divide cleanly.
            guard other.low > 0 || other.high < 0 else { return nil }
            values = [low / other.low, low / other.high, high / other.low, high / other.high]
        default: return nil
        }
        guard values.allSatisfy(\.isFinite) else { return nil }
        return ValueSpan(low: values.min()!, high: values.max()!)
    }
}

/// Warnings about what a condition or effect means, given the range each field can take: a check
/// that can never be true (`self.pqc.finance >= 70` on a 0–1 field) or is always true, and an effect
/// that goes past a field's range. They do not stop a file from loading.
extension ScenarioReader {
    /// What a decided condition means at its site, for the warning's second half.
    enum ConditionSite {
        case objective, trigger

        func consequence(_ always: Bool) -> String {
            switch (self, always) {
            case (.objective, false): return "so the objective can never be met"
            case (.objective, true): return "so the objective is met from the first turn"
            case (.trigger, false): return "so the event can never fire"
            case (.trigger, true): return "so the condition adds nothing (the event's dates and chance alone decide)"
            }
        }
    }

    /// The span of an expression, or nil where it depends on a value without a known range.
    func span(_ expr: Expr) -> ValueSpan? {
        switch expr {
        case .number(let x): return .point(x)
        case .date(let t): return .point(Double(t))
        case .family(let f): return .point(f.code)
        case .ref(let r): return span(r)
        case .unary(.negate, let e): return span(e).map { ValueSpan(low: -$0.high, high: -$0.low) }
        case .unary(.not, let e):
            guard let s = truth(span(e)) else { return .boolean }
            return .point(s ? 0 : 1)
        case .binary(let op, let l, let r):
            switch op {
            case .add, .subtract, .multiply, .divide:
                guard let a = span(l), let b = span(r) else { return nil }
                return a.combined(op, b)
            case .and:
                let a = truth(span(l)), b = truth(span(r))
                if a == false || b == false { return .point(0) }
                if a == true && b == true { return .point(1) }
                return .boolean
            case .or:
                let a = truth(span(l)), b = truth(span(r))
                if a == true || b == true { return .point(1) }
                if a == false && b == false { return .point(0) }
                return .boolean
            case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
                guard let a = span(l), let b = span(r) else { return .boolean }
                return compare(op, a, b).map { .point($0 ? 1 : 0) } ?? .boolean
            }
        }
    }

    /// True or false when a span decides a condition (non-zero is true), nil when it may go either way.
    func truth(_ s: ValueSpan?) -> Bool? {
        guard let s else { return nil }
        if s.low == 0 && s.high == 0 { return false }
        if s.low > 0 || s.high < 0 { return true }
        return nil
    }

    /// The outcome of `a op b` when the spans decide it.
    private func compare(_ op: BinaryOp, _ a: ValueSpan, _ b: ValueSpan) -> Bool? {
        switch op {
        case .less: return a.high < b.low ? true : (a.low >= b.high ? false : nil)
        case .lessEqual: return a.high <= b.low ? true : (a.low > b.high ? false : nil)
        case .greater: return a.low > b.high ? true : (a.high <= b.low ? false : nil)
        case .greaterEqual: return a.low >= b.high ? true : (a.high < b.low ? false : nil)
        case .equal:
            if a.high < b.low || b.high < a.low { return false }
            return a.low == a.high && b.low == b.high && a.low == b.low ? true : nil
        case .notEqual:
            if a.high < b.low || b.high < a.low { return true }
            return a.low == a.high && b.low == b.high && a.low == b.low ? false : nil
        default: return nil
        }
    }

    /// The range a referenced value stays in, from the engine's own limits and the scenario's calendar.
    func span(_ reference: Reference) -> ValueSpan? {
        switch reference {
        case .bloc(_, let field):
            return field.range.map { ValueSpan(low: $0.lowerBound, high: $0.upperBound) }
        case .world(let w):
            switch w {
            case .year:
                guard let calendar, calendar.turnCount > 0 else { return nil }
                return ValueSpan(low: calendar.year(0), high: calendar.year(calendar.turnCount - 1))
            case .crqcCount: return ValueSpan(low: 0, high: Double(blocIDs.count))
            default: return w.range.map { ValueSpan(low: $0.lowerBound, high: $0.upperBound) }
            }
        case .trust: return ValueSpan(low: -100, high: 100)
        case .turn:
            if let turnWindow { return turnWindow }
            guard let calendar, calendar.turnCount > 0 else { return nil }
            return ValueSpan(low: 0, high: Double(calendar.turnCount - 1))
        }
    }

    /// Warns when `condition` is decided by the fields' ranges alone.
    func checkMeaning(of condition: Condition, at value: Value, site: ConditionSite) {
        guard let decided = truth(span(condition.expr)) else { return }
        var message = "`\(condition.source)` is \(decided ? "always" : "never") true, \(site.consequence(decided))."
        if let culprit = decidedComparison(condition.expr) {
            message += " " + explain(culprit)
        }
        diag.warn(message, at: value)
    }

    /// Warns when an effect's value lies outside what its target can hold.
    func checkMeaning(of effect: Effect, at value: Value) {
        guard let range = span(effect.target), let amount = span(effect.value) else { return }
        let name = describe(effect.target)
        let fraction = range.low == 0 && range.high == 1
        let hint = fraction && amount.high > 1 && amount.high <= 100
            ? " It holds a fraction from 0 to 1; write \(formatNumber(amount.high / 100)) for \(formatNumber(amount.high)) %." : ""
        let width = range.high - range.low
        switch effect.op {
        case .set:
            if amount.high < range.low || amount.low > range.high {
                diag.warn("`\(effect.source)` sets `\(name)` outside its range (\(formatNumber(range.low)) to \(formatNumber(range.high))); the game stops it at the edge.\(hint)", at: value)
            }
        case .add, .subtract:
            if Swift.max(abs(amount.low), abs(amount.high)) > width {
                diag.warn("`\(effect.source)` changes `\(name)` by more than its whole range (\(formatNumber(range.low)) to \(formatNumber(range.high))); the game stops it at the edge.\(hint)", at: value)
            }
        case .multiply:
            if amount.high < 0 {
                diag.warn("`\(effect.source)` multiplies `\(name)` by a negative number; the game stops it at \(formatNumber(range.low)).", at: value)
            }
        }
    }

    /// The first comparison inside `expr` that the ranges decide, to name in the warning.
    private func decidedComparison(_ expr: Expr) -> (Expr, Expr)? {
        guard case .binary(let op, let l, let r) = expr else {
            if case .unary(_, let e) = expr { return decidedComparison(e) }
            return nil
        }
        switch op {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            return truth(span(expr)) != nil ? (l, r) : nil
        case .and, .or:
            return decidedComparison(l) ?? decidedComparison(r)
        default:
            return nil
        }
    }

    /// "`self.pqc.finance` is a fraction from 0 to 1 (write 0.7 for 70 %)", naming the side that holds a field.
    private func explain(_ comparison: (Expr, Expr)) -> String {
        let (l, r) = comparison
        let (field, other) = isConstant(l) ? (r, l) : (l, r)
        guard case .ref(let reference) = field, let range = span(reference) else { return "" }
        let name = describe(reference)
        if range.low == 0 && range.high == 1 {
            var text = "`\(name)` is a fraction from 0 to 1"
            if let constant = span(other), constant.low == constant.high, constant.low > 1, constant.low <= 100 {
                text += " (write \(formatNumber(constant.low / 100)) for \(formatNumber(constant.low)) %)"
            }
            return text + "."
        }
        if case .turn = reference, let calendar {
            let low = Int(range.low), high = Int(range.high)
            let whole = low == 0 && high == calendar.turnCount - 1
            return whole ? "The game runs from \(calendar.label(0)) to \(calendar.endLabel)."
                         : "The trigger's dates allow only \(calendar.label(low)) to \(calendar.label(high))."
        }
        return "`\(name)` stays between \(formatNumber(range.low)) and \(formatNumber(range.high))."
    }

    private func isConstant(_ e: Expr) -> Bool {
        switch e {
        case .number, .date, .family: return true
        case .unary(_, let x): return isConstant(x)
        case .binary(_, let a, let b): return isConstant(a) && isConstant(b)
        case .ref: return false
        }
    }

    /// A reference written as in the file (`self.pqc.finance`, `trust(US, CN)`).
    func describe(_ reference: Reference) -> String {
        func bloc(_ b: BlocRef) -> String {
            switch b {
            case .current: return "self"
            case .all: return "all"
            case .bloc(let i): return i < blocIDs.count ? blocIDs[i] : "?"
            }
        }
        switch reference {
        case .turn: return "turn"
        case .world(let w): return "world.\(w.rawValue)"
        case .trust(let a, let b): return "trust(\(bloc(a)), \(bloc(b)))"
        case .bloc(let b, let field):
            let fieldName: String
            switch field {
            case .pqc(let s): fieldName = "pqc." + (s < sectorIDs.count ? sectorIDs[s] : "?")
            case .supply(let c): fieldName = "supply." + (c < chokepointIDs.count ? chokepointIDs[c] : "?")
            default: fieldName = BlocField.plainNames.first { $0.1 == field }?.0 ?? "?"
            }
            return "\(bloc(b)).\(fieldName)"
        }
    }
}
