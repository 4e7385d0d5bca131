/// A scenario as the engine uses it: validated, with every reference resolved to an index.
/// ScenarioFormat builds these from YAML; tests and generators may build them directly.
public struct Scenario: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var summary: String
    public var briefing: String
    public var calendar: GameCalendar
    public var seed: UInt64
    public var rules: Rules
    public var sectors: [SectorDef]
    public var chokepoints: [ChokepointDef]
    /// Group ids (NATO, G7, …) in order of first appearance.
    public var groups: [String]
    public var blocs: [BlocDef]
    public var relations: [RelationDef]
    public var treaties: [InitialTreaty]
    public var controls: [InitialControl]
    public var events: [EventDef]
    public var injects: [EventDef]
    /// Hex digest of the scenario's source text (saves record it to detect a changed scenario).
    public var contentHash: String

    public init(id: String, title: String, summary: String, briefing: String, calendar: GameCalendar,
                seed: UInt64, rules: Rules, sectors: [SectorDef], chokepoints: [ChokepointDef],
                groups: [String], blocs: [BlocDef], relations: [RelationDef], treaties: [InitialTreaty],
                controls: [InitialControl], events: [EventDef], injects: [EventDef], contentHash: String) {
        self.id = id; self.title = title; self.summary = summary; self.briefing = briefing
        self.calendar = calendar; self.seed = seed; self.rules = rules; self.sectors = sectors
        self.chokepoints = chokepoints; self.groups = groups; self.blocs = blocs; self.relations = relations
        self.treaties = treaties; self.controls = controls; self.events = events; self.injects = injects
        self.contentHash = contentHash
    }

    /// The index of the bloc with this id, if any.
    public func blocIndex(_ id: String) -> Int? { blocs.firstIndex { $0.id == id } }
    public func sectorIndex(_ id: String) -> Int? { sectors.firstIndex { $0.id == id } }
    public func chokepointIndex(_ id: String) -> Int? { chokepoints.firstIndex { $0.id == id } }
}

/// A PQC sector.
public struct SectorDef: Hashable, Codable, Sendable {
    public var id: String
    public var name: String
    /// Years the sector's secrets stay valuable.
    public var shelfLife: Double
    /// Relative value of one unit of this sector's traffic (default 1).
    public var weight: Double
    /// Whether QKD links can protect this sector's traffic (government and defence in the default scenario).
    public var qkd: Bool

    public init(id: String, name: String, shelfLife: Double, weight: Double = 1, qkd: Bool = false) {
        self.id = id; self.name = name; self.shelfLife = shelfLife; self.weight = weight; self.qkd = qkd
    }
}

/// A supply-chain chokepoint.
public struct ChokepointDef: Hashable, Codable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) { self.id = id; self.name = name }
}

/// A bloc's starting values.
public struct BlocDef: Hashable, Codable, Sendable {
    public var id: String
    public var name: String
    public var doctrine: Doctrine
    /// Indices into `Scenario.groups`.
    public var groups: [Int]
    public var gdp: Double
    public var budget: Double
    public var capital: Double
    public var support: Double
    public var computing: Double
    public var sensing: Double
    public var qkdKm: Double
    public var workforce: Double
    public var sigint: Double
    public var counterintel: Double
    public var standard: StandardFamily
    /// Migrated fraction per sector index.
    public var pqc: [Double]
    /// Share of world production per chokepoint index.
    public var supply: [Double]
    /// Percent per track, in `Track.allCases` order, summing to 100.
    public var allocation: [Double]
    /// Whether the bloc counts as developing (receives capacity-building funds).
    public var developing: Bool
    public var briefing: String
    public var objectives: [ObjectiveDef]
    /// Private and corporate money (USD bn per year) that goes into the bloc's computing beside the
    /// public budget; the players do not direct it.
    public var privateCapital: Double = 0
    /// Physical two-qubit error rate of the bloc's best platform at the start.
    public var errorRate: Double = Formulas.defaultErrorRate
    /// Money (USD bn per year) from the IT and cyber budgets that goes into PQC migration beside the
    /// quantum budget's PQC track (OMB 2024 costs the US federal migration at $7.1bn over 2025–35).
    public var pqcBudget: Double = 0

    public init(id: String, name: String, doctrine: Doctrine, groups: [Int], gdp: Double, budget: Double,
                capital: Double, support: Double, computing: Double, sensing: Double, qkdKm: Double,
                workforce: Double, sigint: Double, counterintel: Double, standard: StandardFamily,
                pqc: [Double], supply: [Double], allocation: [Double], developing: Bool,
                briefing: String, objectives: [ObjectiveDef]) {
        self.id = id; self.name = name; self.doctrine = doctrine; self.groups = groups; self.gdp = gdp
        self.budget = budget; self.capital = capital; self.support = support; self.computing = computing
        self.sensing = sensing; self.qkdKm = qkdKm; self.workforce = workforce; self.sigint = sigint
        self.counterintel = counterintel; self.standard = standard; self.pqc = pqc; self.supply = supply
        self.allocation = allocation; self.developing = developing; self.briefing = briefing
        self.objectives = objectives
    }
}

/// A scored objective of one bloc.
public struct ObjectiveDef: Hashable, Codable, Sendable {
    public var id: String
    public var text: String
    public var secret: Bool
    public var points: Double
    /// Turn index by which the condition must hold (judged at the end of that turn); nil = at the end.
    public var by: Int?
    public var condition: Condition

    public init(id: String, text: String, secret: Bool, points: Double, by: Int?, condition: Condition) {
        self.id = id; self.text = text; self.secret = secret; self.points = points; self.by = by
        self.condition = condition
    }
}

public struct RelationDef: Hashable, Codable, Sendable {
    public var a: Int
    public var b: Int
    public var trust: Double

    public init(a: Int, b: Int, trust: Double) { self.a = a; self.b = b; self.trust = trust }
}

/// Terms a treaty may carry. Which apply depends on the type; the rest stay empty.
public struct TreatyTerms: Hashable, Codable, Sendable {
    /// pqc-accord: the common standard family.
    public var family: StandardFamily?
    /// pqc-accord: turn index by which parties' sectors must be migrated.
    public var deadline: Int?
    /// export-regime: controlled categories.
    public var categories: [ControlCategory]
    /// export-regime: target bloc indices.
    public var targets: [Int]
    /// cryptanalysis-norm: protected sector indices.
    public var sectors: [Int]
    /// joint-lab: host bloc index.
    public var host: Int?
    /// joint-lab: percent of each member's computing budget pooled; capacity-fund: USD bn per year per donor.
    public var contribution: Double?

    public init(family: StandardFamily? = nil, deadline: Int? = nil, categories: [ControlCategory] = [],
                targets: [Int] = [], sectors: [Int] = [], host: Int? = nil, contribution: Double? = nil) {
        self.family = family; self.deadline = deadline; self.categories = categories; self.targets = targets
        self.sectors = sectors; self.host = host; self.contribution = contribution
    }
}

/// A treaty already in force when the scenario starts.
public struct InitialTreaty: Hashable, Codable, Sendable {
    public var type: TreatyType
    public var name: String?
    public var parties: [Int]
    /// Turn index it came into force (negative = before the start).
    public var since: Int
    public var terms: TreatyTerms

    public init(type: TreatyType, name: String?, parties: [Int], since: Int, terms: TreatyTerms) {
        self.type = type; self.name = name; self.parties = parties; self.since = since; self.terms = terms
    }
}

/// An export control already in force when the scenario starts.
public struct InitialControl: Hashable, Codable, Sendable {
    public var by: Int
    public var against: [Int]
    public var categories: [ControlCategory]

    public init(by: Int, against: [Int], categories: [ControlCategory]) {
        self.by = by; self.against = against; self.categories = categories
    }
}

/// When a scenario event fires.
public struct Trigger: Hashable, Codable, Sendable {
    /// First and last turn index in which it may fire (nil = open).
    public var from: Int?
    public var to: Int?
    /// Chance per eligible turn, 0-1.
    public var chance: Double
    public var when: Condition?

    public init(from: Int?, to: Int?, chance: Double, when: Condition?) {
        self.from = from; self.to = to; self.chance = chance; self.when = when
    }
}

public struct DilemmaOption: Hashable, Codable, Sendable {
    public var label: String
    /// Effects; `self` is the bloc that chose.
    public var effects: [Effect]

    public init(label: String, effects: [Effect]) { self.label = label; self.effects = effects }
}

public struct Dilemma: Hashable, Codable, Sendable {
    /// Bloc indices that must choose.
    public var blocs: [Int]
    public var options: [DilemmaOption]

    public init(blocs: [Int], options: [DilemmaOption]) { self.blocs = blocs; self.options = options }
}

/// A scenario event or a card of the facilitator's inject deck (which has no trigger).
public struct EventDef: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var text: String
    public var trigger: Trigger?
    public var once: Bool
    public var effects: [Effect]
    public var dilemma: Dilemma?
    /// Export controls the event puts in force when it fires (a law that lists new items, say);
    /// the scenario's `controls:` shape, beside `effects`, which cannot name controls.
    public var controls: [InitialControl] = []

    public init(id: String, title: String, text: String, trigger: Trigger?, once: Bool, effects: [Effect], dilemma: Dilemma?) {
        self.id = id; self.title = title; self.text = text; self.trigger = trigger; self.once = once
        self.effects = effects; self.dilemma = dilemma
    }
}
