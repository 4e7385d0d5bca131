/// Checks a command against the scenario before the rules see it: every id names something the
/// scenario has, every index is in range, every number is finite and within bounds, every text
/// and list has a sensible length. Commands arrive from files (saves, journals) and network seats
/// as well as from the interface, so the rules must never meet one they could trap on.
///
/// The checks are structural only. Whether an order makes sense in the current state (a treaty
/// that is no longer pending, a budget cut too deep) stays a matter for the rules, which refuse it
/// with a news item as before.
public enum CommandValidation {
    /// Longest text of a message, statement, free-text action, reason or custom event (UTF-8 bytes).
    public static let maximumTextBytes = 20_000
    /// Longest short text: a custom event's title, a free action's intent, an effect's source text.
    /// The interface's text fields hold 2,000 characters of up to four UTF-8 bytes each, so
    /// anything typed there passes (a refused command would make the turn's save unwritable).
    public static let maximumShortTextBytes = 8_000
    /// Largest amount of money in an order (USD bn): the largest budget the rules allow.
    public static let maximumMoney = 10_000.0
    /// Largest magnitude of any other number in a command; saves refuse larger ones in their log.
    public static let maximumMagnitude = 1e9
    /// Most entries in one list (targets, parties, effects, audiences).
    public static let maximumListCount = 1_000
    /// Deepest expression in an effect (the rules evaluate expressions recursively).
    public static let maximumExpressionDepth = 32
    /// Most nodes in one expression.
    public static let maximumExpressionNodes = 1_000

    /// The first problem of `command` in `scenario`, or nil when the rules may apply it.
    public static func problem(_ command: Command, in scenario: Scenario) -> CommandProblem? {
        switch command {
        case .order(let id, let order), .givenByComputer(let id, let order):
            guard let bloc = blocIndex(id, scenario) else {
                return CommandProblem(issuer: .delegation(clipped(id)), kind: order.kind, reason: .unknownBloc(clipped(id)))
            }
            return problem(order, in: scenario).map { CommandProblem(issuer: .delegation(scenario.blocs[bloc].id), kind: order.kind, reason: $0) }
        case .facilitator(let action):
            return problem(action, in: scenario).map { CommandProblem(issuer: .facilitator, kind: action.kind, reason: $0) }
        }
    }

    /// The first problem in a list of commands (one turn of a log), with its position.
    public static func firstProblem(_ commands: [Command], in scenario: Scenario) -> (index: Int, problem: CommandProblem)? {
        for (i, c) in commands.enumerated() {
            if let p = problem(c, in: scenario) { return (i, p) }
        }
        return nil
    }

    // MARK: - Orders

    static func problem(_ order: Order, in s: Scenario) -> CommandProblem.Reason? {
        switch order {
        case .allocate(let shares):
            if shares.count != Track.allCases.count { return .wrongCount(field: "allocation", count: shares.count, expected: Track.allCases.count) }
            for x in shares { if let r = number(x, "allocation share", 0, 100) { return r } }
            return nil
        case .changeBudget(let delta):
            return number(delta, "budget change", -maximumMoney, maximumMoney)
        case .mandate(let sector, let deadline):
            return sectorID(sector, s) ?? text(deadline, "deadline", 40)
        case .chooseStandard, .counterIntelligence, .decrypt, .discloseCRQC:
            return nil
        case .deployQKD(let billion, _):
            return number(billion, "QKD spending", 0, maximumMoney)
        case .imposeControl(_, let targets), .liftControl(_, let targets):
            return blocIDs(targets, s)
        case .proposeTreaty(_, let parties, let terms):
            if let r = blocIDs(parties, s) ?? blocIDs(terms.targets, s) { return r }
            if terms.sectors.count > maximumListCount { return .tooMany(field: "sectors", count: terms.sectors.count) }
            for k in terms.sectors { if let r = sectorID(k, s) { return r } }
            if let host = terms.host, let r = blocID(host, s) { return r }
            if let c = terms.contribution, let r = number(c, "contribution", 0, maximumMoney) { return r }
            if terms.categories.count > maximumListCount { return .tooMany(field: "categories", count: terms.categories.count) }
            if let d = terms.deadline { return text(d, "deadline", 40) }
            return nil
        case .respondTreaty(let treaty, _), .withdrawTreaty(let treaty), .violateTreaty(let treaty, _):
            return integer(treaty, "treaty number")
        case .harvest(let target, _), .espionage(let target), .dialogue(let target):
            return blocID(target, s)
        case .statement(let words, let target):
            if let target, let r = blocID(target, s) { return r }
            return text(words, "statement", maximumTextBytes)
        case .aid(let to, let billion):
            return blocID(to, s) ?? number(billion, "aid", 0, maximumMoney)
        case .message(let to, let words):
            return blocID(to, s) ?? text(words, "message", maximumTextBytes)
        case .freeAction(let words, let intent):
            return text(words, "action text", maximumTextBytes) ?? text(intent, "intent", maximumShortTextBytes)
        case .chooseDilemma(let dilemma, let option):
            return integer(dilemma, "dilemma number") ?? integer(option, "option")
        }
    }

    // MARK: - Facilitator actions

    static func problem(_ action: FacilitatorAction, in s: Scenario) -> CommandProblem.Reason? {
        switch action {
        case .inject(let id):
            return s.injects.contains(where: { $0.id == id }) ? nil : .unknownInject(clipped(id))
        case .customEvent(let title, let words, let effects):
            return text(title, "title", maximumShortTextBytes) ?? text(words, "event text", maximumTextBytes) ?? problem(effects, s)
        case .adjust(let effect, let reason):
            return problem([effect], s) ?? text(reason, "reason", maximumTextBytes)
        case .ruling(let id, _, let effects, let reason):
            return integer(id, "action number") ?? problem(effects, s) ?? text(reason, "reason", maximumTextBytes)
        case .reveal(let secret, let to):
            if let r = blocIDs(to, s) { return r }
            switch secret {
            case .crqc(let b), .objectives(let b): return blocID(b, s)
            case .harvest(let by, let target): return blocID(by, s) ?? blocID(target, s)
            case .violation(let treaty, let b): return integer(treaty, "treaty number") ?? blocID(b, s)
            }
        case .timer(let timer):
            guard let timer else { return nil }
            return number(Double(timer.minutes), "timer minutes", 1, Double(TurnTimer.maximumMinutes))
        }
    }

    // MARK: - Effects and expressions

    static func problem(_ effects: [Effect], _ s: Scenario) -> CommandProblem.Reason? {
        if effects.count > maximumListCount { return .tooMany(field: "effects", count: effects.count) }
        for e in effects {
            if let r = text(e.source, "effect text", maximumShortTextBytes) { return r }
            guard e.target.isAssignable else { return .notAssignable(clipped(e.source)) }
            if let r = reference(e.target, s) { return r }
            var nodes = 0
            if let r = expression(e.value, s, depth: 1, nodes: &nodes) { return r }
        }
        return nil
    }

    static func expression(_ e: Expr, _ s: Scenario, depth: Int, nodes: inout Int) -> CommandProblem.Reason? {
        nodes += 1
        if depth > maximumExpressionDepth || nodes > maximumExpressionNodes { return .expressionTooLarge }
        switch e {
        case .number(let x): return number(x, "number in an effect", -maximumMagnitude, maximumMagnitude)
        case .date(let t): return integer(t, "date")
        case .family: return nil
        case .ref(let r): return reference(r, s)
        case .unary(_, let a): return expression(a, s, depth: depth + 1, nodes: &nodes)
        case .binary(_, let a, let b):
            return expression(a, s, depth: depth + 1, nodes: &nodes) ?? expression(b, s, depth: depth + 1, nodes: &nodes)
        }
    }

    static func reference(_ r: Reference, _ s: Scenario) -> CommandProblem.Reason? {
        switch r {
        case .bloc(let b, let field):
            if let p = blocRef(b, s) { return p }
            switch field {
            case .pqc(let k): return k >= 0 && k < s.sectors.count ? nil : .sectorIndex(k)
            case .supply(let c): return c >= 0 && c < s.chokepoints.count ? nil : .chokepointIndex(c)
            default: return nil
            }
        case .trust(let a, let b): return blocRef(a, s) ?? blocRef(b, s)
        case .world, .turn: return nil
        }
    }

    static func blocRef(_ b: BlocRef, _ s: Scenario) -> CommandProblem.Reason? {
        if case .bloc(let i) = b, i < 0 || i >= s.blocs.count { return .blocIndex(i) }
        return nil
    }

    // MARK: - Small checks

    static func blocIndex(_ id: String, _ s: Scenario) -> Int? { s.blocs.firstIndex { $0.id == id } }

    static func blocID(_ id: String, _ s: Scenario) -> CommandProblem.Reason? {
        blocIndex(id, s) == nil ? .unknownBloc(clipped(id)) : nil
    }

    static func blocIDs(_ ids: [String], _ s: Scenario) -> CommandProblem.Reason? {
        if ids.count > maximumListCount { return .tooMany(field: "blocs", count: ids.count) }
        for id in ids { if let r = blocID(id, s) { return r } }
        return nil
    }

    static func sectorID(_ id: String, _ s: Scenario) -> CommandProblem.Reason? {
        s.sectors.contains(where: { $0.id == id }) ? nil : .unknownSector(clipped(id))
    }

    static func number(_ x: Double, _ field: String, _ lo: Double, _ hi: Double) -> CommandProblem.Reason? {
        x.isFinite && x >= lo && x <= hi ? nil : .outOfRange(field: field, value: x, lower: lo, upper: hi)
    }

    static func integer(_ x: Int, _ field: String) -> CommandProblem.Reason? {
        number(Double(x), field, -maximumMagnitude, maximumMagnitude)
    }

    static func text(_ t: String, _ field: String, _ limit: Int) -> CommandProblem.Reason? {
        t.utf8.count <= limit ? nil : .tooLong(field: field, bytes: t.utf8.count, limit: limit)
    }

    /// An id as it may be quoted back: at most 40 characters.
    public static func clipped(_ id: String) -> String {
        id.unicodeScalars.count <= 40 ? id : String(String.UnicodeScalarView(id.unicodeScalars.prefix(40))) + "…"
    }
}

/// Why a command was refused: who gave it, what kind it is, and what is wrong, as typed facts;
/// `sentence` words them for people.
public struct CommandProblem: Error, Sendable, Equatable {
    /// Who gave the command.
    public enum Issuer: Sendable, Equatable {
        case delegation(String)
        case facilitator
    }

    /// What is wrong with it.
    public enum Reason: Sendable, Equatable {
        case unknownBloc(String)
        case unknownSector(String)
        case unknownInject(String)
        case blocIndex(Int)
        case sectorIndex(Int)
        case chokepointIndex(Int)
        case outOfRange(field: String, value: Double, lower: Double, upper: Double)
        case wrongCount(field: String, count: Int, expected: Int)
        case tooMany(field: String, count: Int)
        case tooLong(field: String, bytes: Int, limit: Int)
        case notAssignable(String)
        case expressionTooLarge
    }

    public var issuer: Issuer
    /// The command's kind (`Order.kind` or `FacilitatorAction.kind`), e.g. "aid" or "adjust".
    public var kind: String
    public var reason: Reason

    /// One sentence for people, e.g. "The facilitator's adjust action names bloc number -1, which the scenario does not have."
    public var sentence: String {
        let c = clause
        return c.prefix(1).uppercased() + c.dropFirst() + "."
    }

    /// The sentence without its capital and full stop, to end another sentence with.
    public var clause: String {
        switch issuer {
        case .delegation(let id): return "\(id)'s \(kind) order \(reasonText)"
        case .facilitator: return "the facilitator's \(kind) action \(reasonText)"
        }
    }

    var reasonText: String {
        func show(_ x: Double) -> String {
            if !x.isFinite { return x.isNaN ? "not a number" : (x > 0 ? "infinity" : "minus infinity") }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
            return String(x)
        }
        switch reason {
        case .unknownBloc(let id): return "names the bloc “\(id)”, which the scenario does not have"
        case .unknownSector(let id): return "names the sector “\(id)”, which the scenario does not have"
        case .unknownInject(let id): return "names the inject “\(id)”, which is not in the scenario's deck"
        case .blocIndex(let i): return "names bloc number \(i), which the scenario does not have"
        case .sectorIndex(let i): return "names sector number \(i), which the scenario does not have"
        case .chokepointIndex(let i): return "names chokepoint number \(i), which the scenario does not have"
        case .outOfRange(let field, let value, let lo, let hi):
            return "gives the \(field) as \(show(value)), outside the range \(show(lo)) to \(show(hi))"
        case .wrongCount(let field, let count, let expected): return "has \(count) values for the \(field) instead of \(expected)"
        case .tooMany(let field, let count): return "lists \(count) \(field), more than the \(CommandValidation.maximumListCount) allowed"
        case .tooLong(let field, let bytes, let limit): return "has a \(field) of \(bytes) bytes, longer than the \(limit) allowed"
        case .notAssignable(let source): return "assigns to “\(source)”, which cannot be changed"
        case .expressionTooLarge: return "holds an expression nested more than \(CommandValidation.maximumExpressionDepth) deep or longer than \(CommandValidation.maximumExpressionNodes) parts"
        }
    }
}

extension FacilitatorAction {
    /// A stable short name of the kind of action, used in messages and tests.
    public var kind: String {
        switch self {
        case .inject: return "inject"
        case .customEvent: return "custom-event"
        case .adjust: return "adjust"
        case .ruling: return "ruling"
        case .reveal: return "reveal"
        case .timer: return "timer"
        }
    }
}
