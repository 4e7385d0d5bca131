/// Resolves one turn: applies a turn's commands to the state in the fixed phase order of DESIGN §3.
/// The resolver is the only code that changes a `GameState` during play; every change of an
/// indicator goes through `change(...)`, which records its cause in the why-ledger.
struct Resolver {
    let scenario: Scenario
    let seed: UInt64
    var state: GameState
    let commands: [Command]
    let n: Int
    let sectorCount: Int
    let chokeCount: Int
    let dt: Double
    let turn: Int
    let tuning: Tuning
    /// Whether this turn tells its story: its news and why-ledger. Both belong to one turn (the
    /// next turn starts them afresh) and nothing in the rules reads them, so a headless game that
    /// keeps only its result skips them on every turn but its last, and a look-ahead on all of
    /// them; every other value comes out the same.
    let narrative: Bool

    /// Orders of this turn grouped per bloc, in the order given.
    var orders: [[Order]]
    var actions: [FacilitatorAction]

    // per-turn scratch (derived, not part of the state)
    var supplyMultiplier: [Double]
    var premiumBurn: [Double]
    var systemsPenalty: [Double]
    var softwarePenalty: [Double]
    var talentPenalty: [Double]
    var dialogueWith: [[Int]]
    /// Who is bound to whom: built by the controls phase once treaties and controls are settled for the turn.
    var index: TreatyIndex
    /// What depends only on the scenario and seed, built once per game.
    let tables: ResolverTables
    var pqcNames: [String] { tables.pqcNames }
    var supplyNames: [String] { tables.supplyNames }
    var trustNames: [String] { tables.trustNames }
    var outlooks: [Double] { tables.outlooks }
    var financial: [Bool] { tables.financial }

    init(scenario: Scenario, seed: UInt64, state: GameState, commands: [Command], tables: ResolverTables? = nil,
         narrative: Bool = true) {
        self.scenario = scenario
        self.narrative = narrative
        self.seed = seed
        self.state = state
        self.commands = commands
        n = scenario.blocs.count
        sectorCount = scenario.sectors.count
        chokeCount = scenario.chokepoints.count
        dt = scenario.calendar.yearsPerTurn
        turn = state.turn
        let tables = tables ?? ResolverTables(scenario: scenario, seed: seed)
        self.tables = tables
        tuning = tables.tuning
        orders = [[Order]](repeating: [], count: n)
        actions = []
        supplyMultiplier = [Double](repeating: 1, count: n)
        premiumBurn = [Double](repeating: 0, count: n)
        systemsPenalty = [Double](repeating: 0, count: n)
        softwarePenalty = [Double](repeating: 0, count: n)
        talentPenalty = [Double](repeating: 0, count: n)
        dialogueWith = [[Int]](repeating: [], count: n)
        // Built by the controls phase, after diplomacy has changed the treaties; nothing before it reads the index.
        index = TreatyIndex(unboundBlocs: n)
    }

    mutating func rebuildIndex() { index = TreatyIndex(state: state) }

    // MARK: - Running a turn

    mutating func run() {
        // Last turn's buffers are reused (the ledger runs to a thousand entries a turn).
        state.news.removeAll(keepingCapacity: true)
        state.ledger.removeAll(keepingCapacity: true)
        sortCommands()
        prelude()
        diplomacyPhase()
        controlsPhase()
        investmentPhase()
        intelligencePhase()
        decryptionPhase()
        eventsPhase()
        politicsPhase()
        scoresPhase()
        newsPhase()
    }

    private mutating func sortCommands() {
        // A delegation's orders arrive together: the last id looked up is usually the next one's.
        var lastID: String? = nil, lastIndex: Int? = nil
        // Room for a delegation's usual orders up front (growing each list from empty reallocated it several times a turn).
        let room = min(16, commands.count)
        for b in 0..<n { orders[b].reserveCapacity(room) }
        for command in commands {
            // Commands also come from files and network seats: one the scenario cannot carry (an
            // unknown id, an index or number out of range) is left out here, so the rules never trap.
            if let problem = CommandValidation.problem(command, in: scenario) {
                if narrative { news(.order, "A command was refused: \(problem.sentence)", audience: []) }
                continue
            }
            switch command {
            case .order(let id, let order), .givenByComputer(let id, let order):
                if id != lastID { lastID = id; lastIndex = scenario.blocIndex(id) }
                if let b = lastIndex {
                    orders[b].append(order)
                } else {
                    if narrative { news(.order, "An order of kind \(order.kind) named the unknown bloc \(id) and was ignored.", audience: []) }
                }
            case .facilitator(let action):
                actions.append(action)
            }
        }
    }

    /// Start of turn: the facilitator's adjustments and reveals. (Political capital arrives at the end of the previous turn.)
    private mutating func prelude() {
        for b in 0..<n {
            state.blocs[b].counterCampaign = false
        }
        for action in actions {
            switch action {
            case .adjust(let effect, let reason):
                apply(effect, current: nil, cause: "Facilitator: \(reason)")
                if narrative { news(.facilitator, "The facilitator adjusted \(effect.source): \(reason)", audience: []) }
            case .reveal(let secret, let to):
                reveal(secret, to: to)
            case .timer(let timer):
                state.timer = timer
                if narrative { news(.facilitator, timer.map { "The facilitator set a turn timer of \($0.minutes) minute\($0.minutes == 1 ? "" : "s")" + ($0.atZero == .wait ? "; at zero the turn waits" : "; at zero the computer gives missing orders") + ($0.paused ? " (paused)." : ".") } ?? "The facilitator cleared the turn timer.", audience: []) }
            default:
                break
            }
        }
    }

    /// Pays an order's political capital; reports to the bloc when it cannot.
    mutating func pay(_ bloc: Int, _ order: Order, _ what: @autoclosure () -> String) -> Bool {
        let cost = order.capitalCost
        if cost <= 0 { return true }
        if state.blocs[bloc].capital + 1e-9 < cost {
            if narrative { news(.order, "Not enough political capital for \(what()) (needs \(fmt(cost)), have \(fmt(state.blocs[bloc].capital))).", audience: [bloc]) }
            return false
        }
        state.blocs[bloc].capital -= cost
        return true
    }

    mutating func rejectOrder(_ bloc: Int, _ reason: String) {
        if narrative { news(.order, "Order not carried out: \(reason)", audience: [bloc]) }
    }

    // MARK: - News and the why-ledger

    /// Written only when the turn tells its story (see `narrative`). A text that costs work to
    /// build is built under `if narrative` at the call (an autoclosure would capture, and so
    /// copy, the whole resolver in these mutating methods).
    mutating func news(_ kind: NewsKind, _ text: String, audience: [Int]) {
        guard narrative else { return }
        state.news.append(NewsItem(turn: turn, kind: kind, text: text, audience: audience))
    }

    mutating func record(_ subject: Int, _ indicator: String, _ cause: String, _ amount: Double, secret: Bool = false) {
        guard narrative, amount != 0, amount.isFinite else { return }
        state.ledger.append(LedgerEntry(subject: subject, indicator: indicator, cause: cause, amount: amount, secret: secret))
    }

    /// Changes a bloc value by `delta` (clamped to its range) and records the cause.
    mutating func change(_ b: Int, _ field: BlocField, by delta: Double, _ cause: String, secret: Bool = false) {
        guard delta.isFinite, delta != 0 else { return }
        let old = value(b, field)
        set(b, field, old + delta)
        // The indicator's name is only looked up for a turn that tells its story.
        if narrative { record(b, indicatorName(field), cause, value(b, field) - old, secret: secret) }
    }

    mutating func changeTension(by delta: Double, _ cause: String) {
        guard delta.isFinite, delta != 0 else { return }
        let old = state.world.tension
        state.world.tension = clamp(old + delta, 0, 100)
        record(-1, "tension", cause, state.world.tension - old)
    }

    /// Changes trust both ways between two blocs.
    mutating func changeTrust(_ a: Int, _ b: Int, by delta: Double, _ cause: String) {
        guard a != b, delta.isFinite, delta != 0 else { return }
        let old = state.trust[a * n + b]
        let new = clamp(old + delta, -100, 100)
        state.trust[a * n + b] = new
        state.trust[b * n + a] = new
        if narrative {
            record(a, trustNames[b], cause, new - old)
            record(b, trustNames[a], cause, new - old)
        }
    }

    func indicatorName(_ field: BlocField) -> String {
        switch field {
        case .gdp: return "gdp"
        case .budget: return "budget"
        case .capital: return "capital"
        case .support: return "support"
        case .computing: return "computing"
        case .sensing: return "sensing"
        case .qkdKm: return "qkdKm"
        case .workforce: return "workforce"
        case .sigint: return "sigint"
        case .counterintel: return "counterintel"
        case .standard: return "standard"
        case .pqc(let s): return pqcNames[s]
        case .supply(let c): return supplyNames[c]
        case .security: return "security"
        case .prosperity: return "prosperity"
        case .influence: return "influence"
        case .stability: return "stability"
        case .score: return "score"
        case .crqc: return "crqc"
        case .exposure: return "exposure"
        }
    }

    // MARK: - Reading and writing values

    @inline(__always)
    func value(_ b: Int, _ field: BlocField) -> Double { state.blocs[b].value(of: field) }

    /// Sets a value within its range. World production shares are conserved: a bloc can only
    /// take what no other bloc produces.
    mutating func set(_ b: Int, _ field: BlocField, _ raw: Double) {
        guard raw.isFinite else { return }
        switch field {
        case .gdp: state.blocs[b].gdp = clamp(raw, 0.001, 1e6) // the top keeps every save's numbers loadable
        case .budget: state.blocs[b].budget = clamp(raw, 0, 10_000)
        case .capital: state.blocs[b].capital = clamp(raw, 0, state.blocs[b].capitalIncome * tuning.capitalBank + 10)
        case .support: state.blocs[b].support = clamp(raw, 0, 100)
        case .computing: state.blocs[b].computing = clamp(raw, 0, 1e9)
        case .sensing: state.blocs[b].sensing = clamp(raw, 0, 100)
        case .qkdKm: state.blocs[b].qkdKm = clamp(raw, 0, 1e7)
        case .workforce: state.blocs[b].workforce = clamp(raw, 0, 1e6)
        case .sigint: state.blocs[b].sigint = clamp(raw, 0, 100)
        case .counterintel: state.blocs[b].counterintel = clamp(raw, 0, 100)
        case .standard:
            let family: StandardFamily = raw < 0.5 ? .nist : (raw < 1.5 ? .national : .hybrid)
            state.blocs[b].standard = family
        case .pqc(let s): state.blocs[b].pqc[s] = clamp(raw, 0, 1)
        case .supply(let c):
            // A smaller share always fits within the world total; only growth needs the others' sum.
            if raw <= state.blocs[b].supply[c] { state.blocs[b].supply[c] = max(0, raw); return }
            var others = 0.0
            for o in 0..<n where o != b { others += state.blocs[o].supply[c] }
            state.blocs[b].supply[c] = clamp(raw, 0, max(0, 1 - others))
        case .security, .prosperity, .influence, .stability, .score, .crqc, .exposure:
            break // derived; the scenario validator rejects assignments to these
        }
    }

    // MARK: - Expressions

    func evaluate(_ expr: Expr, current: Int?) -> Double {
        switch expr {
        case .number(let x): return x
        case .date(let t): return Double(t)
        case .family(let f): return f.code
        case .ref(let r): return read(r, current: current)
        case .unary(let op, let e):
            let v = evaluate(e, current: current)
            switch op {
            case .negate: return -v
            case .not: return v != 0 ? 0 : 1
            }
        case .binary(let op, let l, let r):
            switch op {
            case .and: return evaluate(l, current: current) != 0 && evaluate(r, current: current) != 0 ? 1 : 0
            case .or: return evaluate(l, current: current) != 0 || evaluate(r, current: current) != 0 ? 1 : 0
            default: break
            }
            let a = evaluate(l, current: current)
            let b = evaluate(r, current: current)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return b == 0 ? 0 : a / b
            case .less: return a < b ? 1 : 0
            case .lessEqual: return a <= b ? 1 : 0
            case .greater: return a > b ? 1 : 0
            case .greaterEqual: return a >= b ? 1 : 0
            case .equal: return a == b ? 1 : 0
            case .notEqual: return a != b ? 1 : 0
            case .and, .or: return 0
            }
        }
    }

    func blocs(_ ref: BlocRef, current: Int?) -> [Int] {
        switch ref {
        case .current: return current.map { [$0] } ?? []
        case .bloc(let i): return i >= 0 && i < n ? [i] : []
        case .all: return Array(0..<n)
        }
    }

    func read(_ ref: Reference, current: Int?) -> Double {
        switch ref {
        case .turn: return Double(turn)
        case .world(let w):
            switch w {
            case .tension: return state.world.tension
            case .crqcLogicalQubits: return state.world.crqcLogicalQubits
            case .governance: return state.world.governance
            case .fragmentation: return state.world.fragmentation
            case .crqcCount:
                var c = 0
                for b in state.blocs.indices where state.blocs[b].hasCRQC { c += 1 }
                return Double(c)
            case .year: return scenario.calendar.year(turn)
            }
        case .bloc(let br, let field):
            let list = blocs(br, current: current)
            guard !list.isEmpty else { return 0 }
            if list.count == 1 { return value(list[0], field) }
            // `all.X` read in a condition: the smallest value (so `all.X >= k` means every bloc)
            var m = Double.infinity
            for b in list { m = min(m, value(b, field)) }
            return m
        case .trust(let a, let b):
            guard let x = blocs(a, current: current).first, let y = blocs(b, current: current).first else { return 0 }
            return state.trust[x * n + y]
        }
    }

    /// Applies an effect; `current` is the bloc `self` stands for.
    mutating func apply(_ effect: Effect, current: Int?, cause: String) {
        let v = evaluate(effect.value, current: current)
        guard v.isFinite else { return }
        switch effect.target {
        case .bloc(let br, let field):
            guard field.isAssignable else { return }
            for b in blocs(br, current: current) {
                let old = value(b, field)
                let new = effect.op.result(old, v)
                if case .standard = field {
                    set(b, field, new)
                    if value(b, field) != old {
                        if narrative { news(.event, "\(scenario.blocs[b].name) now uses the \(state.blocs[b].standard.title) standard family (\(cause)).", audience: []) }
                    }
                } else {
                    change(b, field, by: new - old, cause)
                }
            }
        case .world(let w):
            let old = read(.world(w), current: current)
            let new = effect.op.result(old, v)
            switch w {
            case .tension: changeTension(by: new - old, cause)
            case .crqcLogicalQubits:
                state.world.crqcLogicalQubits = clamp(new, 1, 1e9)
                record(-1, "crqcLogicalQubits", cause, state.world.crqcLogicalQubits - old)
            default: break
            }
        case .trust(let a, let b):
            for x in blocs(a, current: current) {
                for y in blocs(b, current: current) where x != y {
                    let old = state.trust[x * n + y]
                    let new = effect.op.result(old, v)
                    changeTrust(x, y, by: new - old, cause)
                }
            }
        case .turn:
            break
        }
    }

    // MARK: - Facilitator reveals

    mutating func reveal(_ secret: Secret, to ids: [String]) {
        var audience: [Int] = []
        for id in ids { if let b = scenario.blocIndex(id) { audience.append(b) } }
        let everyone = audience.isEmpty
        let targets = everyone ? Array(0..<n) : audience
        switch secret {
        case .crqc(let id):
            guard let b = scenario.blocIndex(id), state.blocs[b].hasCRQC else { return }
            for t in targets { state.blocs[b].crqcKnownBy[t] = true }
            if everyone { state.blocs[b].crqcPublic = true }
            if narrative { news(.facilitator, "The facilitator revealed that \(scenario.blocs[b].name) has a cryptographically relevant quantum computer.", audience: audience) }
        case .harvest(let by, let target):
            guard let h = scenario.blocIndex(by), let v = scenario.blocIndex(target) else { return }
            for i in state.harvests.indices where state.harvests[i].harvester == h && state.harvests[i].target == v {
                for t in targets { state.harvests[i].knownBy[t] = true }
            }
            if narrative { news(.facilitator, "The facilitator revealed that \(scenario.blocs[h].name) harvests \(possessive(scenario.blocs[v].name)) traffic.", audience: audience) }
        case .violation(let treatyID, let id):
            guard let b = scenario.blocIndex(id), let ti = state.treaties.firstIndex(where: { $0.id == treatyID }) else { return }
            for k in state.treaties[ti].violations.indices where state.treaties[ti].violations[k].bloc == b {
                for t in targets { state.treaties[ti].violations[k].knownBy[t] = true }
            }
            if narrative { news(.facilitator, "The facilitator revealed that \(scenario.blocs[b].name) breaks \(state.treaties[ti].name).", audience: audience) }
        case .objectives(let id):
            guard let b = scenario.blocIndex(id) else { return }
            for t in targets { state.blocs[b].objectivesRevealedTo[t] = true }
            let secrets = scenario.blocs[b].objectives.filter(\.secret).map(\.text)
            let list = secrets.isEmpty ? " It has none." : " " + secrets.enumerated().map { "(\($0.offset + 1)) \($0.element)" }.joined(separator: " ")
            if narrative { news(.facilitator, "The facilitator revealed \(possessive(scenario.blocs[b].name)) secret objectives.\(list)", audience: audience) }
        }
    }

    // MARK: - Small helpers

    @inline(__always)
    func name(_ b: Int) -> String { scenario.blocs[b].name }

    /// A bloc's name in the possessive: "China's", "the United States'" style for names ending in s.
    func owner(_ b: Int) -> String { possessive(scenario.blocs[b].name) }

    func rng(_ phase: Phase, item: Int = 0, salt: Int = 0) -> Xoshiro256 {
        RandomStreams.stream(seed: seed, turn: turn, phase: phase, item: item, salt: salt)
    }
}

@inline(__always)
func clamp(_ x: Double, _ lo: Double, _ hi: Double) -> Double { x < lo ? lo : (x > hi ? hi : x) }

/// A number for news text: at most one decimal (two below 1, so USD 0.05 bn is not "0"), no trailing zero.
func fmt(_ x: Double) -> String {
    if abs(x) < 1 {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
    let r = (x * 10).rounded() / 10
    if r == r.rounded() { return String(Int(r)) }
    return String(r)
}

/// Names, rule values and flags that depend only on the scenario and seed: a `Game` builds them
/// once and hands them to every turn's resolver.
struct ResolverTables: Sendable {
    /// Ledger indicator names (`pqc.<sector>`, `supply.<chokepoint>`, `trust.<bloc>`).
    let pqcNames: [String]
    let supplyNames: [String]
    let trustNames: [String]
    /// Why other producers lose world share when bloc b builds its own suppliers (per bloc).
    let supplyLostCauses: [String]
    /// Each bloc's hidden engineering outlook (a factor on its computing growth, fixed by the seed).
    let outlooks: [Double]
    /// Sectors whose id names finance: reading their traffic also costs the victim trade.
    let financial: [Bool]
    let tuning: Tuning
    /// Trust between blocs at the start (row-major n × n): the level trust drifts back to.
    let baseTrust: [Double]

    init(scenario: Scenario, seed: UInt64) {
        pqcNames = scenario.sectors.map { "pqc.\($0.id)" }
        supplyNames = scenario.chokepoints.map { "supply.\($0.id)" }
        trustNames = scenario.blocs.map { "trust.\($0.id)" }
        supplyLostCauses = scenario.blocs.map { "market share lost to \(possessive($0.name)) new suppliers" }
        outlooks = Formulas.blocOutlooks(seed: seed, blocs: scenario.blocs.count, rules: scenario.rules)
        financial = scenario.sectors.map { ResolverTables.namesFinance($0.id) }
        tuning = Tuning(scenario.rules)
        let n = scenario.blocs.count
        var base = [Double](repeating: 0, count: n * n)
        for i in 0..<n { base[i * n + i] = 100 }
        for r in scenario.relations {
            base[r.a * n + r.b] = r.trust
            base[r.b * n + r.a] = r.trust
        }
        baseTrust = base
    }

    /// Whether a sector id contains "finance": a byte search for ASCII ids (the string library's
    /// `contains` is built on regular expressions and cost a third of a million instructions per
    /// game); other ids keep the character-by-character comparison.
    static func namesFinance(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return id.contains("finance") }
        let word = Array("finance".utf8)
        guard bytes.count >= word.count else { return false }
        for start in 0...(bytes.count - word.count) where bytes[start..<(start + word.count)].elementsEqual(word) { return true }
        return false
    }
}

/// Rule values read once into stored properties (the hot path avoids lookups).
struct Tuning: Sendable {
    let crqc, compGrowth, compHalf, compNoise, btChance, btBoost: Double
    let sensGrowth, sensHalf, qkdPerBn, qkdHalf, qkdMax: Double
    let wfPerBn, wfLag, wfAttrition, talentRef: Double
    let pqcPace, pqcHalf, mandateBoost, accordBoost, interop, switchLoss: Double
    let supplyRate, leak, premium, controlCost: Double
    let harvestVolume, harvestDetect, espSuccess, espDetect: Double
    let decryptRate, decryptDetect, violationDetect, verificationDetect: Double
    let ratifyTurns, expiryTurns, tensionRelax, supportDrift, capitalBank, estimateError: Double
    let crisisTension, crisisTrust: Double
    let outlookSpread, outlookShared, spilloverCap, selfRelianceRate, postCRQCGrowth, errorHalving: Double
    let trustDrift, governanceHalf, catastropheExposure: Double
    let treatySaturation, fragmentationControls, fragmentationDistrust: Double
    let ratifyPerParty: Double

    init(_ r: Rules) {
        let v = r.values
        var i = 0
        func next() -> Double { defer { i += 1 }; return v[i] }
        // Order must match RuleKey's declaration order.
        crqc = next(); compGrowth = next(); compHalf = next(); compNoise = next(); btChance = next(); btBoost = next()
        sensGrowth = next(); sensHalf = next(); qkdPerBn = next(); qkdHalf = next(); qkdMax = next()
        wfPerBn = next(); wfLag = next(); wfAttrition = next(); talentRef = next()
        pqcPace = next(); pqcHalf = next(); mandateBoost = next(); accordBoost = next(); interop = next(); switchLoss = next()
        supplyRate = next(); leak = next(); premium = next(); controlCost = next()
        harvestVolume = next(); harvestDetect = next(); espSuccess = next(); espDetect = next()
        decryptRate = next(); decryptDetect = next(); violationDetect = next(); verificationDetect = next()
        ratifyTurns = next(); expiryTurns = next(); tensionRelax = next(); supportDrift = next(); capitalBank = next(); estimateError = next()
        crisisTension = next(); crisisTrust = next()
        outlookSpread = next(); outlookShared = next(); spilloverCap = next(); selfRelianceRate = next()
        postCRQCGrowth = next(); errorHalving = next()
        trustDrift = next(); governanceHalf = next(); catastropheExposure = next()
        treatySaturation = next(); fragmentationControls = next(); fragmentationDistrust = next()
        ratifyPerParty = next()
    }
}
