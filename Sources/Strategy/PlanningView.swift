import GameCore

/// What a planner reads of its bloc's view (`GameView`), and nothing more.
///
/// Built either from a view (`init(_:)`: the public `ComputerPlayer.orders`, and the expert,
/// whose look-ahead rebuilds a believed state from the full view) or straight from the state
/// (`init(state:…)`: the game's own computer players), without building a `GameView`: the other
/// blocs' estimates are then worked out when read, by the view's own formulas (`fogErrors`,
/// `fogged`, the same field numbers), so every value read is the very Double the view holds.
/// Building each player's full view every turn, and freeing it, was about half of the computer
/// players' cost.
final class PlanningView {
    /// The scenario, shared by every planning view of a turn (a copy per view retained and
    /// released each of its many parts).
    private let shared: SharedScenario
    var scenario: Scenario { shared.value }
    let turn: Int
    let isOver: Bool
    let viewerIndex: Int?
    /// The viewer's own bloc, exact: `selves[selfIndex]` (the state's blocs, shared, rather than
    /// a copy of the bloc).
    private let selves: [BlocState]
    private let selfIndex: Int
    /// Whether the view has the viewer's own bloc (not a facilitator's view).
    var hasMe: Bool { selfIndex < selves.count }
    /// The viewer's own bloc (only when `hasMe`).
    var me: BlocState { selves[selfIndex] }
    let world: WorldState
    let trust: [Double]
    /// The treaties the digest's indices refer to: the view's (from a view), or every treaty of
    /// the state, shared, not copied (from the state: the digest then lists only those a planner
    /// reads, see `GameState.planningDigest`).
    let treaties: [Treaty]
    /// The view's treaties with their known violations (from a view; empty from the state).
    let treatyViews: [TreatyView]
    let controls: [ExportControl]
    /// `controls` grouped by bloc, when built from the state (nil from a view).
    let controlIndex: ControlIndex?
    /// Harvest operations: those the viewer runs or knows of when built from a view, every one
    /// when built from the state (planners read only those with `knownBy[viewer]`).
    let harvests: [HarvestOperation]
    /// Unread stockpile of the viewer, volume per victim.
    let stockpileByVictim: ArraySlice<Double>
    /// Dilemmas; the planner answers only the open ones of its bloc.
    let dilemmas: [PendingDilemma]
    /// The status of the viewer's Mosca row per sector (sector order), from a view (empty when
    /// built from the state: `mosca(_:)` then works it out as the view does).
    let moscaGiven: [MoscaStatus]
    let qDayYears: Double
    let qDayBloc: Int?
    let blocs: PlanningEstimates
    /// The treaty digest of the viewer, when worked out from the state (nil from a view); the
    /// planner takes it.
    var digest: TreatyDigest?
    /// The other bloc of largest estimated computing (the first of equals) and its estimate,
    /// when worked out with the Q-Day clock (from the state; nil from a view).
    let leaderGiven: (bloc: Int?, computing: Double)?
    /// The view this was built from, if any (the look-ahead's believed state is built from it).
    var full: GameView? { fullBox?.value }
    /// That view, boxed: one reference to store, test and release, where an optional `GameView`
    /// held inline was a large value to set up, test and destroy in every planning view.
    private let fullBox: FullView?

    /// The violations of treaty `i` (of `treaties`) the viewer knows of, in order.
    func knownViolations(_ i: Int) -> [Violation] {
        guard fullBox == nil else { return treatyViews[i].knownViolations }
        let v = selfIndex
        return treaties[i].violations.kept { $0.knownBy[v] }
    }

    /// The first violation of treaty `i` (of `treaties`) by `bloc` that the viewer knows of and
    /// that is still going on, if any (read in place: no list of the known ones).
    func activeKnownViolation(_ i: Int, by bloc: Int) -> Violation? {
        guard fullBox == nil else { return treatyViews[i].knownViolations.first(where: { $0.bloc == bloc && $0.active }) }
        let v = selfIndex
        if treaties[i].violations.isEmpty { return nil }
        return treaties[i].violations.first(where: { $0.knownBy[v] && $0.bloc == bloc && $0.active })
    }

    /// How many Mosca rows (one per sector).
    var moscaCount: Int { fullBox == nil ? scenario.sectors.count : moscaGiven.count }

    /// The status of the viewer's Mosca row for sector `s`, as the view gives it.
    func mosca(_ s: Int) -> MoscaStatus {
        if fullBox != nil { return moscaGiven[s] }
        return Mosca.status(shelfLife: scenario.sectors[s].shelfLife, migrated: selves[selfIndex].pqc[s],
                            pacePerYear: selves[selfIndex].pqcPace[s], yearsToCRQC: qDayYears)
    }

    init(_ view: GameView) {
        shared = SharedScenario(view.scenario)
        turn = view.turn
        isOver = view.isOver
        viewerIndex = view.viewerIndex
        selves = view.me.map { [$0] } ?? []
        selfIndex = 0
        world = view.world
        trust = view.trust
        treaties = view.treaties.map { $0.treaty }
        treatyViews = view.treaties
        controls = view.controls
        controlIndex = nil
        harvests = view.harvests
        stockpileByVictim = view.stockpileByVictim[...]
        dilemmas = view.dilemmas
        var statuses: [MoscaStatus] = []
        for (s, row) in view.mosca.enumerated() where row.sector == s { statuses.append(row.status) }
        moscaGiven = statuses
        qDayYears = view.qDayYears
        qDayBloc = view.qDayBloc
        blocs = PlanningEstimates(given: view.blocs)
        digest = nil
        leaderGiven = nil
        fullBox = FullView(view)
    }

    /// Bloc `v`'s planning view of `state` (as `state.view(for: .bloc(v), …, allTreaties: false,
    /// context: context)` would show it, less what no planner reads); `context` must be
    /// `state.viewContext()` and `errors` `state.fogErrorTable(…)` (both shared by every viewer of
    /// the turn).
    init(state: borrowing GameState, viewer v: Int, scenario shared: SharedScenario, seed: UInt64, context: ViewContext?, errors: [Double]?) {
        let scenario = shared.value
        let n = state.blocs.count
        let estimates = PlanningEstimates(state: state, viewer: v, scenario: scenario, seed: seed, errors: errors)

        // The Q-Day clock, as the view sets it: the rival (trusted less than Mosca.rivalTrust)
        // nearest the threshold by its estimated computing. In the same pass, the planner's
        // leader: the other bloc of largest estimated computing (each estimate worked out once).
        var qDay = 50.0
        var qDayBloc: Int?
        var leader: Int?
        var leaderComputing = 0.0
        let states = state.blocs
        for t in 0..<n where t != v {
            let computing = estimates.value(t, field: 1)
            if leader == nil || computing > leaderComputing { leader = t; leaderComputing = computing }
            guard state.trust[v * n + t] < Mosca.rivalTrust else { continue }
            let known = states[t].crqcKnownBy[v], crqc = states[t].hasCRQC
            var years = Mosca.yearsToThreshold(computing: computing, growthPerYear: states[t].computingGrowthRate,
                                               threshold: state.world.crqcLogicalQubits)
            if known && crqc { years = 0 }
            if !known && crqc { years = max(years, 0.25) }
            if years < qDay { qDay = years; qDayBloc = t }
        }
        if qDayBloc == nil { qDay = 50 }
        leaderGiven = (leader, leaderComputing)

        if let context {
            stockpileByVictim = context.stock[(v * n) ..< (v * n + n)]
        } else {
            var own = [Double](repeating: 0, count: n)
            for lot in state.stockpile where lot.harvester == v { own[lot.victim] += lot.volume }
            stockpileByVictim = own[...]
        }

        let window = Planner.proposalMemory(turnsPerYear: scenario.calendar.turnsPerYear)
        digest = state.planningDigest(for: v, window: window, trust: state.trust,
                                      trustBase: state.trust.count >= n * n ? v * n : -1, context: context)
        treaties = state.treaties
        treatyViews = []
        self.shared = shared
        turn = state.turn
        isOver = state.isOver
        viewerIndex = v
        selves = state.blocs
        selfIndex = v
        world = state.world
        trust = state.trust
        controls = state.controls
        controlIndex = shared.controlIndex
        // Every operation: the planner reads only those the viewer knows of (`op.knownBy[me]`).
        harvests = state.harvests
        dilemmas = state.dilemmas
        moscaGiven = []
        qDayYears = qDay
        self.qDayBloc = qDayBloc
        blocs = estimates
        fullBox = nil
    }
}

/// A full view held by reference (see `PlanningView.full`).
final class FullView {
    let value: GameView
    init(_ value: GameView) { self.value = value }
}

/// A scenario held once for all the planning views of a turn, with what their planners would
/// otherwise each work out again from the same state.
final class SharedScenario {
    let value: Scenario
    /// The turn's export controls grouped by bloc (nil when not gathered: every planner then
    /// walks the controls itself).
    let controlIndex: ControlIndex?
    init(_ value: Scenario, controls: [ExportControl]? = nil, blocCount: Int = 0) {
        self.value = value
        controlIndex = controls.flatMap { ControlIndex($0, blocCount: blocCount) }
    }
}

/// The export controls of one state grouped by the bloc imposing them, gathered once a turn for
/// all its planners (each planner walked every control of the world, a long game's few hundred).
/// A class: every planning view of the turn holds the one index by a single reference.
final class ControlIndex {
    /// Indices into the controls, grouped by imposing bloc and in control order within a group:
    /// bloc `b`'s are `order[start[b] ..< start[b + 1]]`.
    let order: [Int]
    let start: [Int]
    /// Per target bloc, the blocs controlling it, as bits.
    let controlledBy: [UInt64]

    /// Nil for a game of more than 64 blocs.
    init?(_ controls: [ExportControl], blocCount n: Int) {
        guard n <= 64 else { return nil }
        var start = [Int](repeating: 0, count: n + 1)
        var controlledBy = [UInt64](repeating: 0, count: n)
        for c in controls where c.by >= 0 && c.by < n {
            start[c.by + 1] += 1
            if c.target >= 0 && c.target < n { controlledBy[c.target] |= 1 << UInt64(c.by) }
        }
        for b in 0..<n { start[b + 1] += start[b] }
        var order = [Int](repeating: 0, count: start[n])
        withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { next in
            for b in 0..<n { next[b] = start[b] }
            for (i, c) in controls.enumerated() where c.by >= 0 && c.by < n {
                order[next[c.by]] = i
                next[c.by] += 1
            }
        }
        self.order = order
        self.start = start
        self.controlledBy = controlledBy
    }

    /// Indices of the controls bloc `b` imposes, in control order.
    func held(by b: Int) -> ArraySlice<Int> { order[start[b] ..< start[b + 1]] }
}

/// The blocs as the viewer estimates them: from a view's estimates, or worked out from the state
/// when read (see `PlanningView`).
struct PlanningEstimates {
    /// A view's estimates (empty when built from the state).
    let given: [BlocEstimate]
    /// The true blocs (empty when built from a view), fogged by `errors` when read.
    let states: [BlocState]
    /// The viewer's relative error on bloc `t` at `errors[errorBase + t]` (0 for itself).
    let errors: [Double]
    let errorBase: Int
    let noiseBase: UInt64
    let turn: Int
    let viewer: Int
    let count: Int

    init(given: [BlocEstimate]) {
        self.given = given
        states = []
        errors = []
        errorBase = 0
        noiseBase = 0
        turn = 0
        viewer = -1
        count = given.count
    }

    /// `table` is `state.fogErrorTable(…)`, if any.
    init(state: borrowing GameState, viewer v: Int, scenario: Scenario, seed: UInt64, errors table: [Double]?) {
        given = []
        states = state.blocs
        if let table {
            errors = table
            errorBase = v * state.blocs.count
        } else {
            errors = state.fogErrors(viewer: v, baseError: scenario.rules[.estimateError], context: nil)
            errorBase = 0
        }
        noiseBase = RandomStreams.noiseBase(seed: seed)
        turn = state.turn
        viewer = v
        count = state.blocs.count
    }

    subscript(t: Int) -> PlanningEstimate { PlanningEstimate(source: self, t: t) }

    /// Field `field` of bloc `t` (the view's numbering: 1 computing, 2 GDP, 3 budget, 4 support,
    /// 5 sensing, 6 QKD km, 7 workforce, 8 SIGINT, 9… PQC per sector), as the viewer estimates it.
    @inline(__always)
    func estimate(_ t: Int, field: Int) -> Estimate {
        if states.isEmpty {
            let e = given[t]
            switch field {
            case 1: return e.computing
            case 2: return e.gdp
            case 3: return e.budget
            case 4: return e.support
            case 5: return e.sensing
            case 6: return e.qkdKm
            case 7: return e.workforce
            case 8: return e.sigint
            default: return e.pqcStore[e.pqcStart + field - 9]
            }
        }
        let x: Double, cap: Double
        switch field {
        case 1: x = states[t].computing; cap = .infinity
        case 2: x = states[t].gdp; cap = .infinity
        case 3: x = states[t].budget; cap = .infinity
        case 4: x = states[t].support; cap = 100
        case 5: x = states[t].sensing; cap = 100
        case 6: x = states[t].qkdKm; cap = .infinity
        case 7: x = states[t].workforce; cap = .infinity
        case 8: x = states[t].sigint; cap = 100
        default: x = states[t].pqc[field - 9]; cap = 1
        }
        let e = t == viewer ? 0 : errors[errorBase + t]
        guard e > 0 else { return Estimate(exactly: x) }
        return GameState.fogged(x, error: e, cap: cap, noiseBase: noiseBase, turn: turn, viewer: viewer, target: t, field: field)
    }

    @inline(__always)
    func value(_ t: Int, field: Int) -> Double { estimate(t, field: field).value }

    func pqcCount(_ t: Int) -> Int { states.isEmpty ? given[t].pqcCount : states[t].pqc.count }
}

/// One bloc as the viewer estimates it (the fields of `BlocEstimate` a planner reads).
struct PlanningEstimate {
    let source: PlanningEstimates
    let t: Int

    var computing: Estimate { source.estimate(t, field: 1) }
    var gdp: Estimate { source.estimate(t, field: 2) }
    var budget: Estimate { source.estimate(t, field: 3) }
    var support: Estimate { source.estimate(t, field: 4) }
    var sensing: Estimate { source.estimate(t, field: 5) }
    var qkdKm: Estimate { source.estimate(t, field: 6) }
    var workforce: Estimate { source.estimate(t, field: 7) }
    var sigint: Estimate { source.estimate(t, field: 8) }
    /// Sector `s`'s estimated migrated fraction.
    func pqc(_ s: Int) -> Estimate { source.estimate(t, field: 9 + s) }
    var pqcCount: Int { source.pqcCount(t) }
    var standard: StandardFamily { source.states.isEmpty ? source.given[t].standard : source.states[t].standard }
    var pillars: [Double] { source.states.isEmpty ? source.given[t].pillars : source.states[t].pillars }
    var score: Double { source.states.isEmpty ? source.given[t].score : source.states[t].score }
    /// Whether the viewer knows this bloc has a CRQC.
    var knownCRQC: Bool {
        if source.states.isEmpty { return source.given[t].knownCRQC }
        return (t == source.viewer || source.states[t].crqcKnownBy[source.viewer]) && source.states[t].hasCRQC
    }
}
