/// Who is looking at the game.
public enum Viewer: Hashable, Codable, Sendable {
    case bloc(Int)
    /// The facilitator sees everything, unfogged.
    case facilitator
}

/// A value as one viewer knows it: exact for one's own bloc (and for the facilitator), an estimate
/// with a relative error otherwise.
public struct Estimate: Hashable, Codable, Sendable {
    public var value: Double
    /// Relative error (0.2 = ±20 %); 0 when exact.
    public var error: Double

    public var isExact: Bool { error == 0 }
    public var low: Double { value * (1 - error) }
    public var high: Double { value * (1 + error) }
}

extension Estimate {
    /// An exact value (error 0).
    @inline(__always)
    package init(exactly value: Double) { self.init(value: value, error: 0) }
}

/// Another bloc as a viewer sees it.
public struct BlocEstimate: Hashable, Codable, Sendable {
    public var index: Int
    public var id: String
    public var name: String
    public var doctrine: Doctrine
    /// The scenario's group ids and the indices of this bloc's groups (names are looked up on
    /// demand rather than copied into every viewer's estimate of every bloc).
    var groupNames: [String]
    var groupIndices: [Int]
    /// The groups (NATO, G7, …) this bloc belongs to.
    public var groups: [String] { groupIndices.map { groupNames[$0] } }
    public var gdp: Estimate
    public var budget: Estimate
    public var support: Estimate
    public var computing: Estimate
    public var sensing: Estimate
    public var qkdKm: Estimate
    public var workforce: Estimate
    public var sigint: Estimate
    /// The estimated migrated fraction per sector: `pqcCount` elements of `pqcStore` from
    /// `pqcStart`. A view keeps every bloc's in one shared array (an array per bloc, per viewer and
    /// turn, was a measurable share of a game); `pqc` builds the bloc's own array when read.
    package var pqcStore: [Estimate]
    package var pqcStart: Int
    package var pqcCount: Int
    public var pqc: [Estimate] {
        get { Array(pqcStore[pqcStart ..< pqcStart + pqcCount]) }
        set { pqcStore = newValue; pqcStart = 0; pqcCount = newValue.count }
    }
    public var standard: StandardFamily
    /// Pillars are public (published rankings); exact.
    public var pillars: [Double]
    public var score: Double
    /// Whether the viewer knows this bloc has a CRQC.
    public var knownCRQC: Bool
    /// Estimated years until this bloc reaches the CRQC threshold (0 if known to have one).
    public var yearsToCRQC: Double
    public var trustWithViewer: Double

    init(index: Int, id: String, name: String, doctrine: Doctrine, groupNames: [String], groupIndices: [Int],
         gdp: Estimate, budget: Estimate, support: Estimate, computing: Estimate, sensing: Estimate, qkdKm: Estimate,
         workforce: Estimate, sigint: Estimate, pqcStore: [Estimate], pqcStart: Int, pqcCount: Int,
         standard: StandardFamily, pillars: [Double], score: Double, knownCRQC: Bool, yearsToCRQC: Double,
         trustWithViewer: Double) {
        self.index = index; self.id = id; self.name = name; self.doctrine = doctrine
        self.groupNames = groupNames; self.groupIndices = groupIndices
        self.gdp = gdp; self.budget = budget; self.support = support; self.computing = computing
        self.sensing = sensing; self.qkdKm = qkdKm; self.workforce = workforce; self.sigint = sigint
        self.pqcStore = pqcStore; self.pqcStart = pqcStart; self.pqcCount = pqcCount
        self.standard = standard; self.pillars = pillars; self.score = score; self.knownCRQC = knownCRQC
        self.yearsToCRQC = yearsToCRQC; self.trustWithViewer = trustWithViewer
    }

    // Equality, hashing and coding treat `pqc` as the bloc's own array, exactly as when it was
    // stored per bloc (same keys, same order).
    private enum CodingKeys: String, CodingKey {
        case index, id, name, doctrine, groupNames, groupIndices, gdp, budget, support, computing, sensing, qkdKm,
             workforce, sigint, pqc, standard, pillars, score, knownCRQC, yearsToCRQC, trustWithViewer
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let pqc = try c.decode([Estimate].self, forKey: .pqc)
        self.init(index: try c.decode(Int.self, forKey: .index), id: try c.decode(String.self, forKey: .id),
                  name: try c.decode(String.self, forKey: .name), doctrine: try c.decode(Doctrine.self, forKey: .doctrine),
                  groupNames: try c.decode([String].self, forKey: .groupNames),
                  groupIndices: try c.decode([Int].self, forKey: .groupIndices),
                  gdp: try c.decode(Estimate.self, forKey: .gdp), budget: try c.decode(Estimate.self, forKey: .budget),
                  support: try c.decode(Estimate.self, forKey: .support), computing: try c.decode(Estimate.self, forKey: .computing),
                  sensing: try c.decode(Estimate.self, forKey: .sensing), qkdKm: try c.decode(Estimate.self, forKey: .qkdKm),
                  workforce: try c.decode(Estimate.self, forKey: .workforce), sigint: try c.decode(Estimate.self, forKey: .sigint),
                  pqcStore: pqc, pqcStart: 0, pqcCount: pqc.count,
                  standard: try c.decode(StandardFamily.self, forKey: .standard), pillars: try c.decode([Double].self, forKey: .pillars),
                  score: try c.decode(Double.self, forKey: .score), knownCRQC: try c.decode(Bool.self, forKey: .knownCRQC),
                  yearsToCRQC: try c.decode(Double.self, forKey: .yearsToCRQC),
                  trustWithViewer: try c.decode(Double.self, forKey: .trustWithViewer))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index); try c.encode(id, forKey: .id); try c.encode(name, forKey: .name)
        try c.encode(doctrine, forKey: .doctrine); try c.encode(groupNames, forKey: .groupNames)
        try c.encode(groupIndices, forKey: .groupIndices); try c.encode(gdp, forKey: .gdp); try c.encode(budget, forKey: .budget)
        try c.encode(support, forKey: .support); try c.encode(computing, forKey: .computing); try c.encode(sensing, forKey: .sensing)
        try c.encode(qkdKm, forKey: .qkdKm); try c.encode(workforce, forKey: .workforce); try c.encode(sigint, forKey: .sigint)
        try c.encode(pqc, forKey: .pqc); try c.encode(standard, forKey: .standard); try c.encode(pillars, forKey: .pillars)
        try c.encode(score, forKey: .score); try c.encode(knownCRQC, forKey: .knownCRQC)
        try c.encode(yearsToCRQC, forKey: .yearsToCRQC); try c.encode(trustWithViewer, forKey: .trustWithViewer)
    }

    public static func == (a: BlocEstimate, b: BlocEstimate) -> Bool {
        a.index == b.index && a.id == b.id && a.name == b.name && a.doctrine == b.doctrine && a.groupNames == b.groupNames
            && a.groupIndices == b.groupIndices && a.gdp == b.gdp && a.budget == b.budget && a.support == b.support
            && a.computing == b.computing && a.sensing == b.sensing && a.qkdKm == b.qkdKm && a.workforce == b.workforce
            && a.sigint == b.sigint && a.pqcStore[a.pqcStart ..< a.pqcStart + a.pqcCount] == b.pqcStore[b.pqcStart ..< b.pqcStart + b.pqcCount]
            && a.standard == b.standard && a.pillars == b.pillars && a.score == b.score && a.knownCRQC == b.knownCRQC
            && a.yearsToCRQC == b.yearsToCRQC && a.trustWithViewer == b.trustWithViewer
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(index); hasher.combine(id); hasher.combine(name); hasher.combine(doctrine)
        hasher.combine(groupNames); hasher.combine(groupIndices); hasher.combine(gdp); hasher.combine(budget)
        hasher.combine(support); hasher.combine(computing); hasher.combine(sensing); hasher.combine(qkdKm)
        hasher.combine(workforce); hasher.combine(sigint); hasher.combine(pqc); hasher.combine(standard)
        hasher.combine(pillars); hasher.combine(score); hasher.combine(knownCRQC); hasher.combine(yearsToCRQC)
        hasher.combine(trustWithViewer)
    }
}

/// A treaty as a viewer sees it: violations only when known.
public struct TreatyView: Hashable, Codable, Sendable {
    public var treaty: Treaty
    /// Violations the viewer knows of.
    public var knownViolations: [Violation]
}

/// Mosca's inequality for one sector of the viewer's bloc.
public struct MoscaRow: Hashable, Codable, Sendable {
    public var sector: Int
    public var shelfLife: Double
    public var yearsToMigrate: Double
    public var yearsToCRQC: Double
    public var status: MoscaStatus
}

/// Everything one viewer may know: the only thing interfaces and computer players read.
public struct GameView: Sendable {
    public var viewer: Viewer
    public var scenario: Scenario
    public var turn: Int
    public var turnLabel: String
    public var isOver: Bool
    public var outcome: Outcome?
    /// The viewer's own bloc, exact (nil for the facilitator).
    public var me: BlocState?
    public var blocs: [BlocEstimate]
    public var world: WorldState
    public var trust: [Double]
    public var treaties: [TreatyView]
    public var controls: [ExportControl]
    /// Harvest operations the viewer runs or knows of.
    public var harvests: [HarvestOperation]
    /// Unread stockpile of the viewer, volume per victim (bloc index order).
    public var stockpileByVictim: [Double]
    /// What the viewer has decrypted.
    public var archive: [DecryptRecord]
    /// Messages the viewer sent or received, and harvested ones it has read.
    public var messages: [Message]
    public var news: [NewsItem]
    public var ledger: [LedgerEntry]
    /// Open dilemmas for the viewer.
    public var dilemmas: [PendingDilemma]
    public var freeActions: [FreeAction]
    public var mosca: [MoscaRow]
    /// The viewer's estimate of the years until a rival holds a CRQC, and which rival.
    public var qDayYears: Double
    public var qDayBloc: Int?
    public var history: [TurnRecord]

    public var viewerIndex: Int? {
        if case .bloc(let b) = viewer { return b }
        return nil
    }
}

extension GameState {
    /// The state as `viewer` may see it (DESIGN §2, hidden information).
    /// `history: false` leaves out the (fogged) history, and `records: false` the messages, news,
    /// why-ledger and decrypted archive: computer players' planners read neither, and building them
    /// for ten players every turn was a large part of a game's cost.
    /// `allTreaties: false` keeps only the treaties a bloc viewer is a party to or knows violations
    /// of — all that a computer player reads, unless it looks ahead (the look-ahead rebuilds a
    /// believed state from every treaty).
    public func view(for viewer: Viewer, scenario: Scenario, seed: UInt64, history includeHistory: Bool = true,
                     records includeRecords: Bool = true, allTreaties: Bool = true) -> GameView {
        view(for: viewer, scenario: scenario, seed: seed, history: includeHistory, records: includeRecords,
             allTreaties: allTreaties, context: nil)
    }

    /// The same, with `context` (`viewContext()` of this very state) sparing each viewer the walk
    /// over every treaty and stockpile lot of the game.
    package func view(for viewer: Viewer, scenario: Scenario, seed: UInt64, history includeHistory: Bool,
                      records includeRecords: Bool, allTreaties: Bool, context: ViewContext?) -> GameView {
        let n = blocs.count
        let me: Int? = { if case .bloc(let b) = viewer { return b }; return nil }()
        let rules = scenario.rules
        let baseError = rules[.estimateError]
        // Each target's relative error, in one array (see `fogErrors`).
        let errors = me.map { fogErrors(viewer: $0, baseError: baseError, context: context) } ?? []

        func relativeError(_ target: Int) -> Double {
            guard let v = me, v != target else { return 0 }
            return errors[target]
        }

        // The first half of RandomStreams.noise depends on the seed only: drawn once per view.
        let noiseBase = RandomStreams.noiseBase(seed: seed)
        var estimates: [BlocEstimate] = []
        estimates.reserveCapacity(n)
        var qDay = 50.0
        var qDayBloc: Int?
        // Every bloc's PQC estimates in one array (fields 9… of each target; the noise depends on
        // the field's number, not on the order of drawing).
        var pqcAll: [Estimate] = []
        pqcAll.reserveCapacity(n * scenario.sectors.count)
        for t in 0..<n {
            let e = relativeError(t)
            var field = 8
            for x in blocs[t].pqc {
                field += 1
                if e > 0, let v = me {
                    pqcAll.append(GameState.fogged(x, error: e, cap: 1, noiseBase: noiseBase, turn: turn, viewer: v, target: t, field: field))
                } else {
                    pqcAll.append(Estimate(value: x, error: 0))
                }
            }
        }
        var pqcStart = 0
        for t in 0..<n {
            let e = relativeError(t)
            var field = 0
            func est(_ x: Double, cap: Double = .infinity) -> Estimate {
                field += 1
                guard e > 0, let v = me else { return Estimate(value: x, error: 0) }
                return GameState.fogged(x, error: e, cap: cap, noiseBase: noiseBase, turn: turn, viewer: v, target: t, field: field)
            }
            // Fields are read in place: copying a whole BlocState per target was a hot spot.
            let known = me == nil || me == t || blocs[t].crqcKnownBy[me!]
            let computing = est(blocs[t].computing)
            var years = Mosca.yearsToThreshold(computing: computing.value, growthPerYear: blocs[t].computingGrowthRate, threshold: world.crqcLogicalQubits)
            if known && blocs[t].hasCRQC { years = 0 }
            // A secret CRQC looks, to others, like a programme that is nearly there.
            if !known && blocs[t].hasCRQC { years = max(years, 0.25) }
            // The Q-Day clock counts adversaries only: blocs the viewer trusts less than Mosca.rivalTrust.
            let rival = me.map { t != $0 && trust[$0 * n + t] < Mosca.rivalTrust } ?? true
            if rival && years < qDay { qDay = years; qDayBloc = t }
            let gdp = est(blocs[t].gdp), budget = est(blocs[t].budget), support = est(blocs[t].support, cap: 100)
            let sensing = est(blocs[t].sensing, cap: 100), qkdKm = est(blocs[t].qkdKm), workforce = est(blocs[t].workforce)
            let sigint = est(blocs[t].sigint, cap: 100)
            let pqcCount = blocs[t].pqc.count
            estimates.append(BlocEstimate(
                index: t, id: scenario.blocs[t].id, name: scenario.blocs[t].name, doctrine: scenario.blocs[t].doctrine,
                groupNames: scenario.groups, groupIndices: scenario.blocs[t].groups,
                gdp: gdp, budget: budget, support: support, computing: computing,
                sensing: sensing, qkdKm: qkdKm, workforce: workforce, sigint: sigint,
                pqcStore: pqcAll, pqcStart: pqcStart, pqcCount: pqcCount, standard: blocs[t].standard, pillars: blocs[t].pillars, score: blocs[t].score,
                knownCRQC: known && blocs[t].hasCRQC, yearsToCRQC: years, trustWithViewer: me.map { trust[$0 * n + t] } ?? 0))
            pqcStart += pqcCount
        }
        if qDayBloc == nil { qDay = 50 }

        let treatyViews = treatyViews(for: me, allTreaties: allTreaties, context: context)
        var stock = [Double](repeating: 0, count: n)
        if let v = me {
            if let context {
                for t in 0..<n { stock[t] = context.stock[v * n + t] }
            } else {
                for lot in stockpile where lot.harvester == v { stock[lot.victim] += lot.volume }
            }
        }

        var mosca: [MoscaRow] = []
        if let v = me {
            mosca.reserveCapacity(scenario.sectors.count)
            for s in 0..<scenario.sectors.count {
                let y = Mosca.yearsToMigrate(migrated: blocs[v].pqc[s], pacePerYear: blocs[v].pqcPace[s])
                mosca.append(MoscaRow(sector: s, shelfLife: scenario.sectors[s].shelfLife, yearsToMigrate: y, yearsToCRQC: qDay,
                                      status: Mosca.status(shelfLife: scenario.sectors[s].shelfLife, migrated: blocs[v].pqc[s],
                                                           pacePerYear: blocs[v].pqcPace[s], yearsToCRQC: qDay)))
            }
        }

        // Others' history is seen through the same fog as their current values.
        var fogged = includeHistory ? history : []
        if let v = me, includeHistory {
            for r in fogged.indices {
                for t in 0..<n where t != v {
                    let e = relativeError(t)
                    guard e > 0 else { continue }
                    func f(_ x: Double, _ k: Int) -> Double {
                        max(0, x * (1 + e * RandomStreams.noise(seed: seed, turn: fogged[r].turn, viewer: v, target: t, field: 100 + k)))
                    }
                    var rec = fogged[r].blocs[t]
                    rec.computing = f(rec.computing, 1); rec.sensing = min(100, f(rec.sensing, 2)); rec.qkdKm = f(rec.qkdKm, 3)
                    rec.workforce = f(rec.workforce, 4); rec.support = min(100, f(rec.support, 5)); rec.gdp = f(rec.gdp, 6)
                    rec.budget = f(rec.budget, 7)
                    rec.pqc = rec.pqc.enumerated().map { min(1, f($0.element, 10 + $0.offset)) }
                    rec.exposure = 0
                    rec.hasCRQC = rec.hasCRQC && blocs[t].crqcKnownBy[v]
                    rec.mosca = []
                    fogged[r].blocs[t] = rec
                }
            }
        }

        return GameView(
            viewer: viewer, scenario: scenario, turn: turn, turnLabel: scenario.calendar.label(min(turn, scenario.calendar.turnCount - 1)),
            isOver: isOver, outcome: outcome, me: me.map { blocs[$0] }, blocs: estimates, world: world, trust: trust,
            treaties: treatyViews, controls: controls,
            harvests: me == nil ? harvests : harvests.kept { op in op.knownBy[me!] },
            stockpileByVictim: stock,
            archive: !includeRecords ? [] : archive.kept { me == nil || $0.harvester == me! },
            messages: !includeRecords ? [] : messages.kept { m in me == nil || m.from == me! || m.to == me! || m.readBy.contains { $0.bloc == me! } },
            news: !includeRecords ? [] : news.kept { me == nil || $0.isVisible(to: me!) },
            ledger: !includeRecords ? [] : ledger.kept { me == nil || $0.subject == me! || ($0.subject == -1 && !$0.secret) },
            dilemmas: dilemmas.kept { $0.choice == nil && (me == nil || $0.bloc == me!) },
            freeActions: me == nil ? freeActions : freeActions.kept { $0.bloc == me! },
            mosca: mosca, qDayYears: qDay, qDayBloc: qDayBloc,
            history: fogged)
    }

    /// The viewer's relative error on each bloc's values (0 for itself): the scenario's base error,
    /// less with better SIGINT, shared confidence-building (×0.7) or verification (×0.5) treaties
    /// and fresh intelligence (×0.3). One pass over the treaties (a full TreatyIndex per viewer and
    /// turn was a hot spot).
    package func fogErrors(viewer v: Int, baseError: Double, context: ViewContext?) -> [Double] {
        let n = blocs.count
        // Who shares an in-force confidence-building (first n flags) or verification treaty (next n)
        // with the viewer.
        var flags = [Bool](repeating: false, count: 2 * n)
        for k in treaties.indices where (context.map { $0.info[k] & ViewContext.assurance != 0 }
            ?? (treaties[k].status == .inForce && (treaties[k].type == .cbm || treaties[k].type == .verificationRegime)))
            && treaties[k].isMember(v) {
            let offset = treaties[k].type == .cbm ? 0 : n
            let parties = treaties[k].parties, answers = treaties[k].answers, withdrawn = treaties[k].withdrawn
            for i in parties.indices where answers[i] == .accepted && !withdrawn[i] && parties[i] < n {
                flags[offset + parties[i]] = true
            }
        }
        var errors = [Double](repeating: 0, count: n)
        for target in 0..<n where target != v {
            var e = baseError * (1 - 0.7 * blocs[v].sigint / 100)
            if flags[target] { e *= 0.7 }
            if flags[n + target] { e *= 0.5 }
            if intelFreshness[v * n + target] > 0 { e *= 0.3 }
            errors[target] = e
        }
        return errors
    }

    /// `fogErrors` of every viewer (`viewer * n + target`) in one pass over the treaties, or nil
    /// for a game of more than 64 blocs.
    package func fogErrorTable(baseError: Double) -> [Double]? {
        let n = blocs.count
        guard n <= 64 else { return nil }
        // Per viewer, the blocs sharing an in-force confidence-building / verification treaty with it.
        var cbm = [UInt64](repeating: 0, count: 2 * n)
        for k in treaties.indices where treaties[k].status == .inForce && (treaties[k].type == .cbm || treaties[k].type == .verificationRegime) {
            let offset = treaties[k].type == .cbm ? 0 : n
            let parties = treaties[k].parties, answers = treaties[k].answers, withdrawn = treaties[k].withdrawn
            // `member`: blocs whose first place among the parties is accepted and not withdrawn
            // (`isMember`); `flagged`: every accepted, not withdrawn party.
            var seen: UInt64 = 0, member: UInt64 = 0, flagged: UInt64 = 0
            for i in parties.indices where parties[i] >= 0 && parties[i] < n {
                let bit: UInt64 = 1 << UInt64(parties[i])
                let inside = answers[i] == .accepted && !withdrawn[i]
                if seen & bit == 0 {
                    seen |= bit
                    if inside { member |= bit }
                }
                if inside { flagged |= bit }
            }
            for v in 0..<n where member & (1 << UInt64(v)) != 0 { cbm[offset + v] |= flagged }
        }
        var errors = [Double](repeating: 0, count: n * n)
        for v in 0..<n {
            // (The same product for every target: worked out once per viewer.)
            let own = baseError * (1 - 0.7 * blocs[v].sigint / 100)
            for target in 0..<n where target != v {
                var e = own
                if cbm[v] & (1 << UInt64(target)) != 0 { e *= 0.7 }
                if cbm[n + v] & (1 << UInt64(target)) != 0 { e *= 0.5 }
                if intelFreshness[v * n + target] > 0 { e *= 0.3 }
                errors[v * n + target] = e
            }
        }
        return errors
    }

    /// A value `x` of bloc `target` as `viewer` estimates it with relative error `e` > 0: the
    /// noise of its field number, clamped to 0…`cap`.
    @inline(__always)
    package static func fogged(_ x: Double, error e: Double, cap: Double, noiseBase: UInt64, turn: Int, viewer: Int,
                               target: Int, field: Int) -> Estimate {
        let noise = RandomStreams.noise(base: noiseBase, turn: turn, viewer: viewer, target: target, field: field)
        return Estimate(value: min(cap, max(0, x * (1 + e * noise))), error: e)
    }

    /// The treaties `me` sees (every treaty for the facilitator): proposals and failed proposals
    /// only when a party, signed treaties all (`allTreaties`) or only those `me` is a party to or
    /// knows violations of; with the violations `me` knows of.
    package func treatyViews(for me: Int?, allTreaties: Bool, context: ViewContext?) -> [TreatyView] {
        var treatyViews: [TreatyView] = []
        treatyViews.reserveCapacity(treaties.count)
        for k in treaties.indices {
            let proposal: Bool, hasViolations: Bool
            if let context {
                proposal = context.info[k] & ViewContext.proposal != 0
                hasViolations = context.info[k] & ViewContext.violated != 0
            } else {
                let status = treaties[k].status
                proposal = status == .proposed || status == .rejected || status == .lapsed
                hasViolations = !treaties[k].violations.isEmpty
            }
            if let v = me {
                // Proposals and failed proposals are visible to the parties only; signed treaties
                // are public. A planning view keeps the viewer's treaties and known breaches only.
                if (proposal || !allTreaties)
                    && !(context.map { ($0.parties[k] >> UInt64(v)) & 1 != 0 } ?? treaties[k].parties.contains(v)) {
                    if proposal || allTreaties || !hasViolations || !treaties[k].violations.contains(where: { $0.knownBy[v] }) { continue }
                }
            }
            let violations = !hasViolations ? [] : treaties[k].violations.filter { v in me == nil || v.knownBy[me!] }
            treatyViews.append(TreatyView(treaty: treaties[k], knownViolations: violations))
        }
        return treatyViews
    }

    /// The treaty digest of a computer player of bloc `v`, its indices into `treaties` (as
    /// `TreatyDigest(_:bloc:…)` would make it from the treaties it reads: its trust toward bloc `b`
    /// is `trust[trustBase + b]`, 0 for all when `trustBase` < 0). A planner reads the treaties
    /// naming `v` as a party that are proposed, signed or in force or were turned down (rejected,
    /// lapsed) within `window` turns of their proposal, and those with violations `v` knows of; its
    /// older failed and dissolved treaties are read by no planner (a long game gathers many).
    /// The planner reads the treaties themselves in place (`treaties[k]`): a copied view of every
    /// kept treaty, built and freed for every viewer and turn, was most of a planning view's cost.
    /// `context` (`viewContext()` of this state) spares the walk over every treaty's parties.
    package func planningDigest(for v: Int, window: Int, trust: [Double], trustBase: Int,
                                context: ViewContext?) -> TreatyDigest {
        // The party and member index lists and the standings are gathered on the stack and copied
        // out at their final sizes: appending to three growing arrays for every kept treaty of
        // every viewer (a uniqueness check and a capacity check each) was a good share of the pass.
        let count = treaties.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * count) { indices in
            withUnsafeTemporaryAllocation(of: (others: Int, trust: Double, cheated: Bool).self, capacity: count) { standings in
                planningDigest(for: v, window: window, trust: trust, trustBase: trustBase, context: context,
                               indices: indices, standings: standings)
            }
        }
    }

    /// `planningDigest(for:…)` with scratch space: `indices` for twice as many treaties (party
    /// indices in the first half, member indices in the second), `standings` for as many.
    private func planningDigest(for v: Int, window: Int, trust: [Double], trustBase: Int, context: ViewContext?,
                                indices: UnsafeMutableBufferPointer<Int>,
                                standings: UnsafeMutableBufferPointer<(others: Int, trust: Double, cheated: Bool)>)
        -> TreatyDigest {
        let n = blocs.count
        let count = treaties.count
        var parties = 0, members = 0
        var violated: [Int] = []
        // Empty unless a violation is known (then one flag per bloc).
        var violators: [Bool] = []
        var breaking = false
        let bit: UInt64 = v >= 0 && v < 64 ? 1 << UInt64(v) : 0
        for k in treaties.indices {
            let hasViolations: Bool, isParty: Bool
            if let context {
                hasViolations = context.info[k] & ViewContext.violated != 0
                isParty = context.parties[k] & bit != 0
            } else {
                hasViolations = !treaties[k].violations.isEmpty
                isParty = treaties[k].parties.contains(v)
            }
            if !isParty && !hasViolations { continue }
            let known = hasViolations && treaties[k].box.fields.violations.contains(where: { $0.knownBy[v] })
            // (Fields are read in place through `treaties[k]`: binding the storage to a local
            // retained and released it for every treaty.)
            let status = treaties[k].box.fields.status
            guard GameState.keptForPlanning(status: status, proposedTurn: treaties[k].box.fields.proposedTurn, turn: turn,
                                            party: isParty, known: known, window: window) else { continue }
            if isParty {
                indices[parties] = k
                parties += 1
                // (`isMember`, in place.)
                var member = false
                if status == .inForce || status == .signed {
                    for i in treaties[k].box.fields.parties.indices where treaties[k].box.fields.parties[i] == v {
                        member = treaties[k].box.fields.answers[i] == .accepted && !treaties[k].box.fields.withdrawn[i]
                        break
                    }
                }
                if member {
                    indices[count + members] = k
                    standings[members] = TreatyDigest.standing(of: v, blocCount: n, treaty: treaties[k].box, trust: trust,
                                                               trustBase: trustBase, knownBy: known ? v : -1)
                    members += 1
                }
            }
            if known {
                violated.append(k)
                for x in treaties[k].box.fields.violations where x.knownBy[v] && x.bloc >= 0 && x.bloc < n {
                    if violators.isEmpty { violators = [Bool](repeating: false, count: n) }
                    violators[x.bloc] = true
                    if x.bloc == v && x.active { breaking = true }
                }
            }
        }
        let party = Array(UnsafeBufferPointer(rebasing: indices[0 ..< parties]))
        let member = Array(UnsafeBufferPointer(rebasing: indices[count ..< count + members]))
        let standing = Array(UnsafeBufferPointer(rebasing: standings[0 ..< members]))
        return TreatyDigest(party: party, member: member, standing: standing, violated: violated,
                            violators: violators, breaking: breaking)
    }

    /// Whether a planning view keeps a treaty of `status` proposed at `proposedTurn`: a party keeps
    /// its live treaties (and proposals turned down within `window` turns) and those it knows were
    /// broken; others only signed treaties they know were broken.
    @inline(__always)
    static func keptForPlanning(status: TreatyStatus, proposedTurn: Int, turn: Int, party: Bool, known: Bool,
                                window: Int) -> Bool {
        if party {
            let live = status == .proposed || status == .signed || status == .inForce
                || ((status == .rejected || status == .lapsed) && turn - proposedTurn <= window)
            return live || known
        }
        return status != .proposed && status != .rejected && status != .lapsed && known
    }
}

extension Array {
    /// The elements for which `include` holds, in order, like `filter`; but without allocating
    /// when none or all of them do (an empty array, or this one shared).
    @inline(__always)
    package func kept(_ include: (Element) -> Bool) -> [Element] {
        var first = 0
        while first < count && !include(self[first]) { first += 1 }
        if first == count { return [] }
        var second = first + 1
        while second < count && include(self[second]) { second += 1 }
        if first == 0 && second == count { return self }
        var out: [Element] = []
        out.reserveCapacity(count - first)
        out.append(contentsOf: self[first..<second])
        for i in (second + 1)..<Swift.max(second + 1, count) where include(self[i]) { out.append(self[i]) }
        return out
    }
}

/// What every bloc's view of one state shares, gathered in one pass over the treaties and the
/// stockpile instead of one per viewer (`GameState.viewContext()`; games of up to 64 blocs).
package struct ViewContext: Sendable {
    static let proposal: UInt8 = 1, violated: UInt8 = 2, assurance: UInt8 = 4
    /// Per treaty: `proposal` (proposed, rejected or lapsed: visible to its parties only),
    /// `violated` (has violations), `assurance` (an in-force confidence-building or verification treaty).
    let info: [UInt8]
    /// Per treaty, its parties as bits.
    let parties: [UInt64]
    /// Unread stockpile volume per harvester and victim (`harvester * n + victim`), summed in
    /// stockpile order as each viewer's own sum was.
    package let stock: [Double]
}

extension GameState {
    /// The shared part of this state's views, or nil when it has more than 64 blocs.
    package func viewContext() -> ViewContext? {
        let n = blocs.count
        guard n <= 64 else { return nil }
        var info = [UInt8](repeating: 0, count: treaties.count)
        var masks = [UInt64](repeating: 0, count: treaties.count)
        for k in treaties.indices {
            let status = treaties[k].status
            var i: UInt8 = 0
            if status == .proposed || status == .rejected || status == .lapsed { i |= ViewContext.proposal }
            if !treaties[k].violations.isEmpty { i |= ViewContext.violated }
            if status == .inForce && (treaties[k].type == .cbm || treaties[k].type == .verificationRegime) { i |= ViewContext.assurance }
            info[k] = i
            var mask: UInt64 = 0
            // (By index, in place: iterating the parties retained and released the array.)
            for j in treaties[k].box.fields.parties.indices {
                let p = treaties[k].box.fields.parties[j]
                if p >= 0 && p < n { mask |= 1 << UInt64(p) }
            }
            masks[k] = mask
        }
        var stock = [Double](repeating: 0, count: n * n)
        for lot in stockpile where lot.harvester >= 0 && lot.harvester < n && lot.victim >= 0 && lot.victim < n {
            stock[lot.harvester * n + lot.victim] += lot.volume
        }
        return ViewContext(info: info, parties: masks, stock: stock)
    }
}


/// What a computer player reads from the treaties of its view, gathered in one pass. The passes
/// over treaty fields live here, in GameCore, because they read the treaties' shared storage in
/// place; from another module every field read is a call that retains and releases an array.
package struct TreatyDigest {
    /// Indices into `treaties` of treaties naming the bloc as a party (any status).
    package var party: [Int] = []
    /// Indices of signed or in-force treaties the bloc is a member of.
    package var member: [Int] = []
    /// For each of `member`: how many other members it has, the sum of the bloc's trust in them
    /// (in party order) and whether another member is known to break it.
    package var standing: [(others: Int, trust: Double, cheated: Bool)] = []
    /// Indices of treaties with violations the viewer knows of.
    package var violated: [Int] = []
    /// Blocs known to have broken a treaty (one flag per bloc; may be empty when none is).
    package var violators: [Bool]
    /// Whether the bloc is secretly breaking a treaty right now.
    package var breaking = false

    /// A member treaty's standing for `bloc`: how many other members (accepted, not withdrawn) it
    /// has, the sum of `bloc`'s trust in them (in party order; `trust[trustBase + other]`, none when
    /// `trustBase` is negative) and whether one of them is known (`known`) to break it.
    @inline(__always)
    static func standing(of bloc: Int, blocCount n: Int, parties: [Int], answers: [Answer], withdrawn: [Bool],
                         trust: [Double], trustBase: Int, known: [Violation]) -> (others: Int, trust: Double, cheated: Bool) {
        var others = 0
        var total = 0.0
        for p in parties.indices where parties[p] != bloc && parties[p] < n && answers[p] == .accepted && !withdrawn[p] {
            others += 1
            total += trustBase >= 0 ? trust[trustBase + parties[p]] : 0
        }
        var cheated = false
        if others > 0 {
            for x in known where x.bloc != bloc {
                if let p = parties.firstIndex(of: x.bloc), answers[p] == .accepted, !withdrawn[p] { cheated = true }
            }
        }
        return (others, others > 0 ? total : 0, cheated)
    }

    /// `standing(of:…)` read from a treaty's shared storage: the other members from its `members`
    /// (the accepted, not withdrawn parties in party order: the same blocs in the same order, so
    /// the same sum), its three party arrays only when a violation known by `viewer` (none when
    /// negative) needs them. Loading the
    /// three arrays (a retain and a release each) for every member treaty of every viewer was
    /// most of a planning view's cost.
    @inline(__always)
    static func standing(of bloc: Int, blocCount n: Int, treaty box: Treaty.Box, trust: [Double], trustBase: Int,
                         knownBy viewer: Int) -> (others: Int, trust: Double, cheated: Bool) {
        var others = 0
        var total = 0.0
        for m in box.members where m != bloc && m < n {
            others += 1
            total += trustBase >= 0 ? trust[trustBase + m] : 0
        }
        var cheated = false
        if others > 0 && viewer >= 0 {
            let parties = box.fields.parties, answers = box.fields.answers, withdrawn = box.fields.withdrawn
            for x in box.fields.violations where x.knownBy[viewer] && x.bloc != bloc {
                if let p = parties.firstIndex(of: x.bloc), answers[p] == .accepted, !withdrawn[p] { cheated = true }
            }
        }
        return (others, others > 0 ? total : 0, cheated)
    }
}

extension TreatyDigest {
    /// The treaty digest of `bloc` from the treaties of its view; its trust toward bloc `b` is
    /// `trust[trustBase + b]` (0 for all when `trustBase` < 0).
    package init(_ treaties: [TreatyView], bloc: Int, blocCount n: Int, trust: [Double], trustBase: Int) {
        // Local arrays (not the digest's fields) so that the uniqueness checks leave the loops.
        var party: [Int] = [], member: [Int] = [], violated: [Int] = []
        var standing: [(others: Int, trust: Double, cheated: Bool)] = []
        party.reserveCapacity(treaties.count)
        member.reserveCapacity(treaties.count)
        standing.reserveCapacity(treaties.count)
        var violators = [Bool](repeating: false, count: n)
        var breaking = false
        for i in treaties.indices {
            let treaty = treaties[i].treaty
            let parties = treaty.parties
            if let k = parties.firstIndex(of: bloc) {
                party.append(i)
                let status = treaty.status
                let answers = treaty.answers
                let withdrawn = treaty.withdrawn
                if (status == .inForce || status == .signed) && answers[k] == .accepted && !withdrawn[k] {
                    member.append(i)
                    standing.append(TreatyDigest.standing(of: bloc, blocCount: n, parties: parties, answers: answers, withdrawn: withdrawn,
                                                          trust: trust, trustBase: trustBase, known: treaties[i].knownViolations))
                }
            }
            if !treaties[i].knownViolations.isEmpty {
                violated.append(i)
                for v in treaties[i].knownViolations where v.bloc >= 0 && v.bloc < n {
                    violators[v.bloc] = true
                    if v.bloc == bloc && v.active { breaking = true }
                }
            }
        }
        self.init(party: party, member: member, standing: standing, violated: violated, violators: violators,
                  breaking: breaking)
    }

    /// For each treaty type, which blocs already share a live treaty of it with `bloc` or turned
    /// one down within `window` turns of `turn`; flat, `TreatyType.ordinal * n + bloc`. `party`
    /// lists the treaties naming `bloc` as a party (the digest's `party`). Asked for only when the
    /// bloc drafts a proposal.
    /// Only the rows of `types` are filled in (the others stay false).
    package static func livePartners(_ treaties: [Treaty], party: [Int], turn: Int, bloc: Int, blocCount n: Int,
                                     window: Int, types: [TreatyType]) -> [Bool] {
        var live = [Bool](repeating: false, count: 10 * n)
        for i in party {
            // Read in place through `treaties[i]` (binding its arrays, or its storage, to locals
            // retained and released them for every treaty).
            guard types.contains(treaties[i].box.fields.type), let k = treaties[i].box.fields.parties.firstIndex(of: bloc) else { continue }
            let row = treaties[i].box.fields.type.ordinal * n
            let count = treaties[i].box.fields.parties.count
            switch treaties[i].box.fields.status {
            case .proposed, .signed, .inForce:
                if treaties[i].box.fields.answers[k] != .rejected && !treaties[i].box.fields.withdrawn[k] {
                    for p in 0..<count where treaties[i].box.fields.parties[p] < n && treaties[i].box.fields.answers[p] != .rejected && !treaties[i].box.fields.withdrawn[p] {
                        live[row + treaties[i].box.fields.parties[p]] = true
                    }
                }
            case .rejected, .lapsed:
                if turn - treaties[i].box.fields.proposedTurn <= window {
                    for p in 0..<count where treaties[i].box.fields.parties[p] < n && treaties[i].box.fields.answers[p] != .accepted { live[row + treaties[i].box.fields.parties[p]] = true }
                }
            case .dissolved:
                break
            }
        }
        return live
    }
}

extension GameView {
    /// The view's values now as a record like those of `history` (the viewer's estimates of
    /// others, its own values exact), for display: the charts start at the opening values with it.
    public var currentRecord: TurnRecord {
        TurnRecord(turn: turn, blocs: blocs.map { b in
            BlocRecord(computing: b.computing.value, sensing: b.sensing.value, qkdKm: b.qkdKm.value, workforce: b.workforce.value,
                       support: b.support.value, gdp: b.gdp.value, budget: b.budget.value, pqc: b.pqc.map(\.value),
                       pillars: b.pillars, score: b.score, exposure: 0, hasCRQC: b.knownCRQC, mosca: [])
        }, tension: world.tension, governance: world.governance, fragmentation: world.fragmentation,
           crqcLogicalQubits: world.crqcLogicalQubits)
    }
}
