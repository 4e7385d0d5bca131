import GameCore

/// Difficulty of a computer player (DESIGN §2): how many orders it gives, how noisy its judgement
/// is, and how far it looks ahead.
public enum AILevel: String, CaseIterable, Codable, Sendable {
    /// Few orders, much randomness, blind to Mosca urgency.
    case novice
    /// The doctrine played as designed.
    case standard
    /// As standard, less noise, and a look-ahead: it resolves a few candidate order sets on its
    /// own belief of the state and gives the one its doctrine values most.
    case expert
}

/// The computer players: one bloc's orders from its own view, by doctrine.
public enum ComputerPlayer {
    /// The orders (as `Command.order(bloc: id, …)`) of bloc `bloc` for the current turn, from its view only.
    ///
    /// Deterministic: the same view, level and seed give the same orders. The only randomness is the
    /// game's strategy stream for this bloc and turn. Returns no orders when the view is not the
    /// bloc's own (a facilitator view or another bloc's) or the game is over.
    ///
    /// The view is consumed: the planner keeps it without copying (pass a view you no longer need).
    public static func orders(for bloc: Int, view: consuming GameView, level: AILevel, seed: UInt64) -> [Command] {
        var out: [Command] = []
        appendOrders(for: bloc, view: PlanningView(view), level: level, seed: seed, to: &out)
        return out
    }

    /// The same orders, from the planner's part of the view, appended to `commands` (one array for
    /// every seat of a turn).
    static func appendOrders(for bloc: Int, view: PlanningView, level: AILevel, seed: UInt64, to commands: inout [Command],
                             scratch: PlannerScratch? = nil) {
        // (`me?.capital` tests for the bloc's own state without copying it.)
        guard !view.isOver, view.viewerIndex == bloc, view.hasMe, bloc < view.scenario.blocs.count else { return }
        let id = view.scenario.blocs[bloc].id
        let planner = Planner(bloc: bloc, view: view, level: level, seed: seed, scratch: scratch)
        planner.plan(appendingTo: &commands, as: id)
        if let scratch { planner.giveBack(to: scratch) }
    }
}

/// The order lists of planners, handed from one to the next (one pair of buffers for a game's
/// planners instead of a pair allocated and freed for each).
final class PlannerScratch {
    var free: [Order] = []
    var costly: [Candidate] = []
}

/// One bloc's trust toward each bloc, read in place from the view's table (`table[base + o]`;
/// 0 for every bloc when `base` < 0, a view without a full table).
struct TrustRow {
    let table: [Double]
    let base: Int

    @inline(__always)
    subscript(o: Int) -> Double { base >= 0 ? table[base + o] : 0 }
}

/// A costly order under consideration, with how much the bloc wants it.
struct Candidate {
    var order: Order
    var priority: Double
    var sequence: Int
}

/// Settings that make the levels differ.
struct LevelSettings {
    /// Most orders that cost political capital in one turn.
    let maxCostly: Int
    /// Relative spread of the random factor on every score.
    let noise: Double
    /// Multiplies the chance of optional initiatives.
    let activity: Double
    /// Whether Mosca rows and the Q-Day estimate drive migration.
    let moscaAware: Bool
    /// Whether the orders are chosen by resolving candidate order sets on the believed state.
    let lookAhead: Bool

    init(_ level: AILevel) {
        switch level {
        case .novice: maxCostly = 2; noise = 0.5; activity = 0.6; moscaAware = false; lookAhead = false
        case .standard: maxCostly = 6; noise = 0.2; activity = 1; moscaAware = true; lookAhead = false
        case .expert: maxCostly = 8; noise = 0.1; activity = 1; moscaAware = true; lookAhead = true
        }
    }
}

/// One bloc's decision for one turn. Reads the view once into a few arrays, asks each area
/// (economy, controls, diplomacy, intelligence, dilemmas) for candidate orders, then spends the
/// political capital on the most wanted costly orders. Free orders (answers, dilemma choices,
/// messages, allocation) are always given. A class, so that the closures of the areas capture one
/// reference instead of copying the whole planner.
final class Planner {
    let view: PlanningView
    /// The scenario, its rules and this bloc's own state, read in place from the view (copies of
    /// them per planner were a measurable share of a game).
    var scenario: Scenario { view.scenario }
    var rules: Rules { view.scenario.rules }
    var state: BlocState { view.me }
    let me: Int
    let profile: Profile
    let level: AILevel
    let settings: LevelSettings
    /// The game seed: the strategy stream comes from it, and the look-ahead derives its own seed from it.
    let seed: UInt64
    var rng: Xoshiro256
    let n: Int
    let turn: Int
    let turnsPerYear: Int
    /// Turns still to play after this one.
    let turnsLeft: Int
    /// Trust from this bloc toward each bloc.
    let trust: TrustRow
    /// Rivals, least trusted first.
    let rivals: ArraySlice<Int>
    /// Friends (trust above 40), most trusted first (after the rivals in the same array).
    let friends: ArraySlice<Int>
    /// The other bloc with the largest estimated computing.
    let leader: Int?
    let maxOtherComputing: Double
    /// Indices into `view.treaties` of treaties naming this bloc as a party (any status).
    let partyTreaties: [Int]
    /// Indices into `view.treaties` of signed or in-force treaties this bloc is a member of.
    let memberTreaties: [Int]
    /// For each of `memberTreaties`: other members, the sum of trust in them, and whether one of
    /// them is known to break it.
    let memberStanding: [(others: Int, trust: Double, cheated: Bool)]
    /// Indices into `view.treaties` of treaties with violations this bloc knows of.
    let violationTreaties: [Int]
    /// Blocs this bloc knows to have broken a treaty.
    let violators: [Bool]
    /// Whether this bloc is secretly breaking a treaty right now.
    let breaking: Bool

    var free: [Order] = []
    var costly: [Candidate] = []
    var sequence = 0
    /// This turn's proposal, if any, and the answers given (the messages talk about them).
    var drafted: Draft?
    var answered: [(treaty: Treaty, accept: Bool)] = []
    /// A treaty this bloc means to leave this turn (so it does not also start breaking it).
    var leaving: Int?
    /// The budget split the planner wanted this turn, before any look-ahead (nil if not revisited).
    var splitTarget: [Double]?
    /// The orders as planned, before any look-ahead chose among variants of them.
    var planned: [Order] = []

    /// The planner of `bloc` with `me` as its own state (tests; the game passes the view alone).
    convenience init(bloc: Int, me: BlocState, view: GameView, level: AILevel, seed: UInt64) {
        var view = view
        view.me = me
        self.init(bloc: bloc, view: PlanningView(view), level: level, seed: seed)
    }

    /// `view` must be `bloc`'s own view (its `me` set).
    init(bloc: Int, view: PlanningView, level: AILevel, seed: UInt64, scratch: PlannerScratch? = nil) {
        self.me = bloc
        profile = Profile(view.scenario.blocs[bloc].doctrine, rules: view.scenario.rules)
        self.level = level
        settings = LevelSettings(level)
        self.seed = seed
        rng = RandomStreams.stream(seed: seed, turn: view.turn, phase: .strategy, item: bloc)
        let n = view.blocs.count
        self.n = n
        turn = view.turn
        turnsPerYear = view.scenario.calendar.turnsPerYear
        turnsLeft = max(0, view.scenario.calendar.turnCount - 1 - view.turn)
        let row = TrustRow(table: view.trust, base: view.trust.count >= n * n ? bloc * n : -1)
        trust = row
        let threshold = profile.rivalThreshold
        // Rivals then friends, in one array (a rival's trust is below -15, a friend's above 40).
        var best: Int?
        var bestComputing = 0.0
        let given = view.viewerIndex == bloc ? view.leaderGiven : nil
        var rivalCount = 0
        // (Filled in place: one allocation, no capacity checks.)
        let list = [Int](unsafeUninitializedCapacity: n) { buffer, count in
            for o in 0..<n where o != bloc {
                if row[o] <= threshold { buffer[count] = o; count += 1 }
                guard given == nil else { continue }
                let c = view.blocs[o].computing.value
                if best == nil || c > bestComputing { best = o; bestComputing = c }
            }
            rivalCount = count
            for o in 0..<n where o != bloc && row[o] > 40 && !(row[o] <= threshold) { buffer[count] = o; count += 1 }
            let buffer = UnsafeMutableBufferPointer(rebasing: buffer[0 ..< count])
            // Rivals by trust ascending, friends descending; ties by index.
            func sort(_ range: Range<Int>, ascending: Bool) {
                for k in range.dropFirst() {
                    let o = buffer[k]
                    var j = k
                    while j > range.lowerBound {
                        let p = buffer[j - 1]
                        guard row[p] != row[o] ? (ascending ? row[o] < row[p] : row[o] > row[p]) : o < p else { break }
                        buffer[j] = p
                        j -= 1
                    }
                    buffer[j] = o
                }
            }
            sort(0 ..< rivalCount, ascending: true)
            sort(rivalCount ..< buffer.count, ascending: false)
        }
        // (A view built from the state has worked it out already, with the Q-Day clock.)
        if let given { best = given.bloc; bestComputing = given.computing }
        rivals = list[0 ..< rivalCount]
        friends = list[rivalCount...]
        leader = best
        maxOtherComputing = bestComputing

        // One pass over the treaties (in GameCore); the areas below work from these index lists so
        // that a long game's many old treaties are not walked (and copied) again and again.
        // (Moved out of the view, not copied: the view has no other use for it.)
        let digest = view.digest.take() ?? TreatyDigest(view.treatyViews, bloc: bloc, blocCount: n, trust: row.table, trustBase: row.base)
        partyTreaties = digest.party
        memberTreaties = digest.member
        memberStanding = digest.standing
        violationTreaties = digest.violated
        violators = digest.violators
        breaking = digest.breaking
        if let scratch {
            swap(&free, &scratch.free)
            swap(&costly, &scratch.costly)
        }
        if free.capacity < 8 { free.reserveCapacity(8) }
        if costly.capacity < 16 { costly.reserveCapacity(16) }
        // Last, so that the view moves in rather than being copied.
        self.view = view
    }

    /// Hands the order lists, emptied, to the next planner.
    func giveBack(to scratch: PlannerScratch) {
        free.removeAll(keepingCapacity: true)
        costly.removeAll(keepingCapacity: true)
        swap(&free, &scratch.free)
        swap(&costly, &scratch.costly)
    }

    /// Turns during which a turned-down proposal keeps its parties out of a new proposal of the
    /// same type (planning views keep failed proposals that long; see `GameState.planningDigest`).
    static func proposalMemory(turnsPerYear: Int) -> Int { 2 * turnsPerYear }

    // MARK: - Plan

    func plan() -> [Order] {
        planAreas()
        planned = free
        appendCostly(to: &planned)
        return settings.lookAhead ? lookAhead(planned) : planned
    }

    /// The orders of `plan()` appended to `commands` as bloc `id`'s: without a look-ahead, the free
    /// orders and the chosen costly ones go straight in (no list of them is built, copied and freed).
    func plan(appendingTo commands: inout [Command], as id: String) {
        guard !settings.lookAhead else {
            for order in plan() { commands.append(.order(bloc: id, order)) }
            return
        }
        planAreas()
        for order in free { commands.append(.order(bloc: id, order)) }
        appendCostly { commands.append(.order(bloc: id, $0)) }
    }

    /// Every area's candidate and free orders.
    private func planAreas() {
        planDilemmas()
        planResponses()
        planAllocation()
        planBudget()
        planMandates()
        planStandard()
        planQKD()
        planControls()
        planTreatyExits()
        planViolations()
        planProposal()
        planHarvests()
        planEspionage()
        planCounterIntelligence()
        planCRQC()
        planDialogue()
        planStatements()
        planAid()
        planMessages()
    }

    /// The free orders followed by the costly ones `appendCostly` picks.
    func chooseCostly(forcing: Int? = nil) -> [Order] {
        var out = free
        appendCostly(to: &out, forcing: forcing)
        return out
    }

    /// Spends the capital on the most wanted costly orders (highest priority first, ties by
    /// sequence), never more than the bloc holds now, appending them to `out`. `forcing` (an index
    /// into `costly`) is taken first when it is affordable.
    func appendCostly(to out: inout [Order], forcing: Int? = nil) {
        appendCostly(forcing: forcing) { out.append($0) }
    }

    /// `appendCostly(to:forcing:)`, handing each order picked to `take`.
    func appendCostly(forcing: Int? = nil, _ take: (Order) -> Void) {
        let count = costly.count
        guard count > 0 else { return }
        // The order of the candidates, sorted on the stack (a total order: any sort agrees).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
            for k in 0..<count {
                // (The two fields are read in place: copying both candidates, orders and all, for
                // every comparison was most of the sort.)
                let priority = costly[k].priority, sequence = costly[k].sequence
                var j = k
                while j > 0 {
                    let o = order[j - 1]
                    guard Planner.before(priority, sequence, costly[o].priority, costly[o].sequence) else { break }
                    order[j] = o
                    j -= 1
                }
                order[j] = k
            }
            if let f = forcing, f < count, let k = (0..<count).first(where: { costly[order[$0]].sequence == costly[f].sequence }) {
                let x = order[k]
                var j = k
                while j > 0 { order[j] = order[j - 1]; j -= 1 }
                order[0] = x
            }
            var capital = state.capital
            var taken = 0
            for i in 0..<count where taken < settings.maxCostly {
                let cost = costly[order[i]].order.capitalCost
                if cost <= capital + 1e-9 {
                    capital -= cost
                    take(costly[order[i]].order)
                    taken += 1
                }
            }
        }
    }

    /// Whether a candidate of priority `p` considered at `s` comes before one of priority `q`
    /// considered at `t`: higher priority, or equal priority and considered earlier.
    @inline(__always)
    static func before(_ p: Double, _ s: Int, _ q: Double, _ t: Int) -> Bool {
        p != q ? p > q : s < t
    }

    // MARK: - Helpers for the areas

    func give(_ order: Order) { free.append(order) }

    func consider(_ order: Order, priority: Double) {
        guard priority > 0 else { return }
        costly.append(Candidate(order: order, priority: priority * jitter(), sequence: sequence))
        sequence += 1
    }

    /// A random factor around 1 whose spread depends on the level.
    func jitter() -> Double { 1 + settings.noise * rng.symmetric() }

    /// True with probability `p`, scaled by the level's activity.
    func maybe(_ p: Double) -> Bool { rng.chance(p * settings.activity) }

    /// True with probability `p`, whatever the level.
    func chance(_ p: Double) -> Bool { rng.chance(p) }

    func id(_ b: Int) -> String { scenario.blocs[b].id }
    func name(_ b: Int) -> String { scenario.blocs[b].name }
    func label(_ t: Int) -> String { scenario.calendar.label(t) }
    var capital: Double { state.capital }
    var developing: Bool { scenario.blocs[me].developing }

    /// The talent multiplier the engine applies to this bloc.
    var talent: Double {
        let ref = rule(.talentReference)
        let t = (state.workforce / max(ref, 0.001)).squareRoot()
        return min(2.5, max(0.3, t))
    }

    /// The worst access to any chokepoint (1 = unrestricted).
    var minAccess: Double {
        var m = 1.0
        for a in state.access { m = min(m, a) }
        return m
    }

    /// Share of sector weight in red (and amber, half-counted) Mosca rows. Worked out once per
    /// planner (the view does not change; several areas ask for it).
    lazy var moscaPressure: Double = workOutMoscaPressure()

    /// See `harvestedByKnown()`.
    lazy var knownHarvester: Int? = findKnownHarvester()

    private func workOutMoscaPressure() -> Double {
        var red = 0.0, total = 0.0
        for s in 0..<min(view.moscaCount, scenario.sectors.count) {
            let w = scenario.sectors[s].weight
            total += w
            switch view.mosca(s) {
            case .red: red += w
            case .amber: red += 0.5 * w
            case .green: break
            }
        }
        return total > 0 ? red / total : 0
    }

    /// Bloc `b`'s lowest estimated PQC migration over its sectors (1 if none).
    func leastPQC(_ b: Int) -> Double {
        var least = 1.0
        for s in 0..<view.blocs.pqcCount(b) { least = min(least, view.blocs.value(b, field: 9 + s)) }
        return least
    }

    /// Whether this bloc knows of a treaty violation by `b` (in any treaty).
    func knownViolator(_ b: Int) -> Bool { b >= 0 && b < violators.count && violators[b] }

    /// A rule value (the key table is built once, not per lookup).
    func rule(_ key: RuleKey) -> Double {
        let i = key.ordinal
        return i < rules.values.count ? rules.values[i] : key.spec.defaultValue
    }
}
