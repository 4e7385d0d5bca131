/// How each objective of a bloc stands now, read from the very condition the rules judge it by
/// (`Resolver.evaluate`), so the screens never carry a second formula of their own.

/// One comparison inside an objective's condition: its left-hand value against its threshold.
public struct ObjectiveTerm: Hashable, Sendable {
    /// The left-hand side as written in the scenario (an expression).
    public var subject: Expr
    /// The comparison; nil for a bare yes/no term such as `self.crqc` or `not CN.crqc`.
    public var op: BinaryOp?
    /// Whether a bare term is negated (`not CN.crqc`).
    public var negated: Bool
    /// The left-hand value now; nil when it reads a value the bloc cannot see (another bloc's).
    public var value: Double?
    /// The right-hand value (the threshold); nil when it reads a value the bloc cannot see.
    public var threshold: Double?
    /// Whether the term holds now; nil when it reads a value the bloc cannot see.
    public var holds: Bool?
}

/// The live standing of one objective of one bloc.
public struct ObjectiveProgress: Hashable, Sendable {
    /// Index into the bloc's `objectives`.
    public var index: Int
    public var status: ObjectiveStatus
    /// The turn (0-based) at the end of which the rules judge it.
    public var judgedAt: Int
    /// Turns still to be played before it is judged, counting the current one (1 = judged this turn).
    public var turnsLeft: Int
    /// The comparisons its condition joins with `and`/`or`, in the order written.
    public var terms: [ObjectiveTerm]
    /// Whether the terms are joined with `or` (any one suffices) rather than `and`.
    public var anyOf: Bool
    /// Whether the whole condition holds now; nil when it reads values the bloc cannot see.
    public var holdsNow: Bool?
}

extension Game {
    /// Each objective of `bloc` with its left-hand values and thresholds as they stand now. Values of
    /// other blocs are fog: a term that reads them reports no number (the world screen has estimates).
    public func objectiveProgress(for bloc: Int) -> [ObjectiveProgress] {
        guard scenario.blocs.indices.contains(bloc) else { return [] }
        let r = Resolver(scenario: scenario, seed: seed, state: state, commands: [], tables: tables, narrative: false)
        let last = scenario.calendar.turnCount - 1
        var out: [ObjectiveProgress] = []
        for (k, o) in scenario.blocs[bloc].objectives.enumerated() {
            let status = k < state.blocs[bloc].objectives.count ? state.blocs[bloc].objectives[k] : .pending
            let at = min(o.by ?? last, last)
            var anyOf = false
            var parts: [Expr] = []
            ObjectiveProgress.split(o.condition.expr, into: &parts, anyOf: &anyOf)
            let terms = parts.map { part -> ObjectiveTerm in
                let visible = ObjectiveProgress.readsOnlyOwn(part, bloc: bloc)
                switch part {
                case .binary(let op, let l, let rhs) where op.isComparison:
                    return ObjectiveTerm(subject: l, op: op, negated: false,
                                         value: ObjectiveProgress.readsOnlyOwn(l, bloc: bloc) ? r.evaluate(l, current: bloc) : nil,
                                         threshold: ObjectiveProgress.readsOnlyOwn(rhs, bloc: bloc) ? r.evaluate(rhs, current: bloc) : nil,
                                         holds: visible ? r.evaluate(part, current: bloc) != 0 : nil)
                case .unary(.not, let e):
                    return ObjectiveTerm(subject: e, op: nil, negated: true, value: visible ? r.evaluate(e, current: bloc) : nil,
                                         threshold: nil, holds: visible ? r.evaluate(part, current: bloc) != 0 : nil)
                default:
                    return ObjectiveTerm(subject: part, op: nil, negated: false, value: visible ? r.evaluate(part, current: bloc) : nil,
                                         threshold: nil, holds: visible ? r.evaluate(part, current: bloc) != 0 : nil)
                }
            }
            let visible = ObjectiveProgress.readsOnlyOwn(o.condition.expr, bloc: bloc)
            out.append(ObjectiveProgress(index: k, status: status, judgedAt: at, turnsLeft: max(0, at - state.turn + 1), terms: terms,
                                         anyOf: anyOf, holdsNow: visible ? r.evaluate(o.condition.expr, current: bloc) != 0 : nil))
        }
        return out
    }
}

extension ObjectiveProgress {
    /// Splits a condition at its top-level `and`s (or `or`s) into the terms a reader checks one by one.
    static func split(_ e: Expr, into parts: inout [Expr], anyOf: inout Bool) {
        if case .binary(let op, let l, let r) = e, op == .and || op == .or {
            // A mix of `and` and `or` stays one term below the top operator.
            if parts.isEmpty && op == .or { anyOf = true }
            if (op == .or) == anyOf {
                split(l, into: &parts, anyOf: &anyOf)
                split(r, into: &parts, anyOf: &anyOf)
                return
            }
        }
        parts.append(e)
    }

    /// Whether an expression reads only what `bloc` knows exactly: its own values, the world's, the
    /// turn, and trust involving itself.
    static func readsOnlyOwn(_ e: Expr, bloc: Int) -> Bool {
        switch e {
        case .number, .date, .family: return true
        case .unary(_, let x): return readsOnlyOwn(x, bloc: bloc)
        case .binary(_, let l, let r): return readsOnlyOwn(l, bloc: bloc) && readsOnlyOwn(r, bloc: bloc)
        case .ref(let ref):
            switch ref {
            case .turn, .world: return true
            case .bloc(let b, _): return isOwn(b, bloc)
            case .trust(let a, let b): return isOwn(a, bloc) || isOwn(b, bloc)
            }
        }
    }

    private static func isOwn(_ ref: BlocRef, _ bloc: Int) -> Bool {
        switch ref {
        case .current: return true
        case .bloc(let i): return i == bloc
        case .all: return false
        }
    }
}

extension BinaryOp {
    /// Whether the operator compares two values (a threshold test).
    public var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return true
        default: return false
        }
    }
}
