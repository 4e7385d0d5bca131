/// The expression language of scenario conditions and effects (DESIGN §4), as a syntax tree.
/// The parser lives in ScenarioFormat; evaluation lives here because it reads the game state.

/// Which bloc a path names.
public enum BlocRef: Hashable, Codable, Sendable {
    /// The bloc an objective, dilemma option or free-text action belongs to.
    case current
    /// A bloc by its index in the scenario.
    case bloc(Int)
    /// Every bloc (effects only).
    case all
}

/// A bloc value a path can read. `isAssignable` says which ones effects may change.
public enum BlocField: Hashable, Codable, Sendable {
    case gdp, budget, capital, support
    case computing, sensing, qkdKm, workforce
    case sigint, counterintel
    case standard
    case pqc(sector: Int)
    case supply(chokepoint: Int)
    // derived every turn: readable, never assignable
    case security, prosperity, influence, stability, score
    case crqc
    case exposure

    public var isAssignable: Bool {
        switch self {
        case .security, .prosperity, .influence, .stability, .score, .crqc, .exposure: return false
        default: return true
        }
    }

    /// The plain (non-indexed) field names accepted after `BLOC.`.
    /// The range the engine keeps an assignable value in (an effect beyond it stops at the edge),
    /// as `Resolver.set` clamps it; nil where the limit depends on the state (capital) or there is
    /// none to speak of (the standard family, derived values).
    public var range: ClosedRange<Double>? {
        switch self {
        case .gdp: return 0.001...1e6
        case .budget: return 0...10_000
        case .support, .sensing, .sigint, .counterintel: return 0...100
        case .computing: return 0...1e9
        case .qkdKm: return 0...1e7
        case .workforce: return 0...1e6
        case .pqc, .supply: return 0...1
        case .capital, .standard, .security, .prosperity, .influence, .stability, .score, .crqc, .exposure: return nil
        }
    }

    public static let plainNames: [(String, BlocField)] = [
        ("gdp", .gdp), ("budget", .budget), ("capital", .capital), ("support", .support),
        ("computing", .computing), ("sensing", .sensing), ("qkdKm", .qkdKm), ("workforce", .workforce),
        ("sigint", .sigint), ("counterintel", .counterintel), ("standard", .standard),
        ("security", .security), ("prosperity", .prosperity), ("influence", .influence),
        ("stability", .stability), ("score", .score), ("crqc", .crqc), ("exposure", .exposure),
    ]
}

/// A world value a path can read.
public enum WorldField: String, Hashable, Codable, Sendable, CaseIterable {
    case tension, crqcLogicalQubits, governance, fragmentation, crqcCount, year

    public var isAssignable: Bool { self == .tension || self == .crqcLogicalQubits }

    /// The range the engine keeps an assignable world value in (see `BlocField.range`).
    public var range: ClosedRange<Double>? {
        switch self {
        case .tension: return 0...100
        case .crqcLogicalQubits: return 1...1e9
        default: return nil
        }
    }
}

/// Something a path names.
public enum Reference: Hashable, Codable, Sendable {
    case bloc(BlocRef, BlocField)
    case world(WorldField)
    case trust(BlocRef, BlocRef)
    case turn

    public var isAssignable: Bool {
        switch self {
        case .bloc(_, let f): return f.isAssignable
        case .world(let w): return w.isAssignable
        case .trust: return true
        case .turn: return false
        }
    }
}

public enum UnaryOp: String, Hashable, Codable, Sendable { case negate = "-", not }
public enum BinaryOp: String, Hashable, Codable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and, or
}

/// An expression. Booleans are 1 and 0; dates are turn indices; families are their codes.
public indirect enum Expr: Hashable, Codable, Sendable {
    case number(Double)
    /// A date literal, already converted to the scenario's turn index.
    case date(Int)
    case family(StandardFamily)
    case ref(Reference)
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)

    /// True if the expression mentions `self` anywhere.
    public var mentionsCurrent: Bool {
        switch self {
        case .number, .date, .family: return false
        case .ref(let r):
            switch r {
            case .bloc(let b, _): return b == .current
            case .trust(let a, let b): return a == .current || b == .current
            case .world, .turn: return false
            }
        case .unary(_, let e): return e.mentionsCurrent
        case .binary(_, let a, let b): return a.mentionsCurrent || b.mentionsCurrent
        }
    }
}

public enum AssignOp: String, Hashable, Codable, Sendable {
    case set = "=", add = "+=", subtract = "-=", multiply = "*="

    /// The value after applying this assignment with `value` to `old`.
    public func result(_ old: Double, _ value: Double) -> Double {
        switch self {
        case .set: return value
        case .add: return old + value
        case .subtract: return old - value
        case .multiply: return old * value
        }
    }
}

/// One assignment: `target op value`, with the text it was written as (for reports and the why-ledger).
public struct Effect: Hashable, Codable, Sendable {
    public var target: Reference
    public var op: AssignOp
    public var value: Expr
    public var source: String

    public init(target: Reference, op: AssignOp, value: Expr, source: String) {
        self.target = target
        self.op = op
        self.value = value
        self.source = source
    }
}

/// A condition with the text it was written as.
public struct Condition: Hashable, Codable, Sendable {
    public var expr: Expr
    public var source: String

    public init(expr: Expr, source: String) {
        self.expr = expr
        self.source = source
    }
}
