/// The whole state of a game between two turns. A value: copying it copies the game.
/// Everything in here is part of the canonical state hash and of a save's snapshot, so it holds
/// no dictionaries or sets (their order differs per process) and nothing derived from a clock.
public struct GameState: Hashable, Codable, Sendable {
    /// Index of the next turn to resolve. The game is over when it equals the calendar's turn count.
    public var turn: Int
    public var blocs: [BlocState]
    /// Trust between blocs, row-major `n × n`, kept symmetric, −100…100.
    public var trust: [Double]
    public var world: WorldState
    public var treaties: [Treaty]
    public var controls: [ExportControl]
    public var harvests: [HarvestOperation]
    public var stockpile: [HarvestLot]
    public var archive: [DecryptRecord]
    public var messages: [Message]
    /// How often each scenario event has fired.
    public var eventFired: [Int]
    public var dilemmas: [PendingDilemma]
    public var freeActions: [FreeAction]
    /// What happened in the last resolved turn.
    public var news: [NewsItem]
    /// Why each indicator moved in the last resolved turn.
    public var ledger: [LedgerEntry]
    /// Indicators at the end of every resolved turn (for charts, trends and reports).
    public var history: [TurnRecord]
    /// Turns left in which a viewer's estimates of a target are sharpened by espionage, row-major n × n.
    public var intelFreshness: [Int]
    /// Set when the game is over.
    public var outcome: Outcome?
    public var nextTreatyID: Int
    public var nextMessageID: Int
    public var nextDilemmaID: Int
    public var nextActionID: Int
    /// The facilitator's turn timer, when one is set (absent from the hash and the save when nil,
    /// so games without a timer keep their hashes).
    public var timer: TurnTimer? = nil

    public var isOver: Bool { outcome != nil }

    /// Trust between two blocs.
    @inline(__always)
    public func trust(_ a: Int, _ b: Int) -> Double { trust[a * blocs.count + b] }
}

/// One bloc's values.
public struct BlocState: Hashable, Codable, Sendable {
    public var gdp: Double
    public var budget: Double
    public var capitalIncome: Double
    /// Political capital available to spend this turn.
    public var capital: Double
    public var support: Double
    public var allocation: [Double]
    public var computing: Double
    public var sensing: Double
    public var qkdKm: Double
    public var qkdSatellites: Int
    public var workforce: Double
    /// Specialists arriving in future turns (index 0 = next turn).
    public var pipeline: [Double]
    public var sigint: Double
    public var counterintel: Double
    public var standard: StandardFamily
    public var pqc: [Double]
    /// Migration pace per sector in the last turn, as a fraction per year (derived).
    public var pqcPace: [Double]
    /// Yearly growth rate of logical qubits over the last turn (derived).
    public var computingGrowthRate: Double
    /// Mandate deadline (turn index) per sector, or −1 for none.
    public var mandates: [Int]
    /// Own share of world production per chokepoint.
    public var supply: [Double]
    /// Access to each chokepoint after controls (derived each turn).
    public var access: [Double]
    public var crqcTurn: Int?
    public var crqcPublic: Bool
    /// Which blocs know of this bloc's CRQC.
    public var crqcKnownBy: [Bool]
    public var decrypting: Bool
    /// Turns of scramble-to-migrate left after a crisis.
    public var scrambleTurns: Int
    /// A counter-intelligence campaign runs this turn.
    public var counterCampaign: Bool
    public var breakthroughs: Int
    public var pillars: [Double]
    public var score: Double
    public var objectives: [ObjectiveStatus]
    /// Which blocs have had this bloc's secret objectives revealed to them.
    public var objectivesRevealedTo: [Bool]
    /// Value of this bloc's secrets read by others, per sector (cumulative).
    public var exposure: [Double]
    /// Value of others' secrets this bloc has read (cumulative).
    public var windfall: Double
    /// Influence points built up by leadership, aid and hosting (decays slowly).
    public var influencePoints: Double
    /// Cumulative prosperity damage from controls suffered and imposed (decays slowly).
    public var tradeLoss: Double
    /// Physical two-qubit error rate of the bloc's best platform; with the logical qubits it gives the
    /// physical qubits behind them. Optional so saves from before it existed decode (nil reads as the
    /// default, `Formulas.defaultErrorRate`).
    public var errorRate: Double? = nil
    /// How far the bloc has built its own fridges, components and software (0 none … 1 full): under
    /// controls it cancels that share of what they cut. Optional for older saves (nil reads as 0).
    public var selfReliance: Double? = nil

    public var hasCRQC: Bool { crqcTurn != nil }

    /// The value an expression path names (`self.support`, `CN.pqc.finance`, …).
    public func value(of field: BlocField) -> Double {
        switch field {
        case .gdp: return gdp
        case .budget: return budget
        case .capital: return capital
        case .support: return support
        case .computing: return computing
        case .sensing: return sensing
        case .qkdKm: return qkdKm
        case .workforce: return workforce
        case .sigint: return sigint
        case .counterintel: return counterintel
        case .standard: return standard.code
        case .pqc(let s): return s < pqc.count ? pqc[s] : 0
        case .supply(let c): return c < supply.count ? supply[c] : 0
        case .security: return pillars.count > 0 ? pillars[0] : 0
        case .prosperity: return pillars.count > 1 ? pillars[1] : 0
        case .influence: return pillars.count > 2 ? pillars[2] : 0
        case .stability: return pillars.count > 3 ? pillars[3] : 0
        case .score: return score
        case .crqc: return hasCRQC ? 1 : 0
        case .exposure:
            var total = 0.0
            for x in exposure { total += x }
            return total
        }
    }
}

public enum ObjectiveStatus: String, Hashable, Codable, Sendable { case pending, met, failed }

/// World values.
public struct WorldState: Hashable, Codable, Sendable {
    public var tension: Double
    public var governance: Double
    public var fragmentation: Double
    public var crqcLogicalQubits: Double
    /// Set once stockpiles worth a catastrophe have been read.
    public var catastrophe: Bool
}

public enum TreatyStatus: String, Hashable, Codable, Sendable {
    /// Waiting for answers.
    case proposed
    /// Accepted by all remaining parties, waiting for ratification.
    case signed
    case inForce = "in-force"
    case rejected
    /// No answer in time.
    case lapsed
    /// Fewer than two parties remain.
    case dissolved
}

public enum Answer: String, Hashable, Codable, Sendable { case pending, accepted, rejected }

/// A treaty or proposal. Its values live in one shared, copy-on-write box, so copying a treaty —
/// into every viewer's view, or when a loop reads it — costs one reference count rather than one
/// per array and string it holds. Encoded exactly as its fields (the save format is unchanged).
public struct Treaty: Hashable, Codable, Sendable {
    @usableFromInline struct Fields: Hashable, Codable, Sendable {
        @usableFromInline var id: Int
        @usableFromInline var type: TreatyType
        @usableFromInline var name: String
        @usableFromInline var proposer: Int
        @usableFromInline var parties: [Int]
        @usableFromInline var answers: [Answer]
        @usableFromInline var ratifyAt: [Int]
        @usableFromInline var withdrawn: [Bool]
        @usableFromInline var status: TreatyStatus
        @usableFromInline var proposedTurn: Int
        @usableFromInline var signedTurn: Int?
        @usableFromInline var inForceTurn: Int?
        @usableFromInline var endedTurn: Int?
        @usableFromInline var terms: TreatyTerms
        @usableFromInline var violations: [Violation]
    }

    /// The shared storage. `members` is derived from the parties, answers and withdrawals and kept
    /// in step with them (it is neither saved nor hashed): phases and computer players ask for it
    /// many times a turn, and building it anew each time was a hot spot.
    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        @usableFromInline var members: [Int]
        @usableFromInline init(_ fields: Fields) {
            self.fields = fields
            members = Box.members(of: fields)
        }
        @usableFromInline func refreshMembers() { members = Box.members(of: fields) }
        /// Recomputed after every change of the three arrays, so it must accept the moment between
        /// appending a party and appending its answer (a party without both counts as no member).
        static func members(of fields: Fields) -> [Int] {
            var out: [Int] = []
            let count = min(fields.parties.count, fields.answers.count, fields.withdrawn.count)
            for i in 0..<count where fields.answers[i] == .accepted && !fields.withdrawn[i] { out.append(fields.parties[i]) }
            return out
        }
    }

    @usableFromInline var box: Box

    public init(id: Int, type: TreatyType, name: String, proposer: Int, parties: [Int], answers: [Answer],
                ratifyAt: [Int], withdrawn: [Bool], status: TreatyStatus, proposedTurn: Int, signedTurn: Int?,
                inForceTurn: Int?, endedTurn: Int?, terms: TreatyTerms, violations: [Violation]) {
        box = Box(Fields(id: id, type: type, name: name, proposer: proposer, parties: parties, answers: answers,
                         ratifyAt: ratifyAt, withdrawn: withdrawn, status: status, proposedTurn: proposedTurn,
                         signedTurn: signedTurn, inForceTurn: inForceTurn, endedTurn: endedTurn, terms: terms,
                         violations: violations))
    }

    public init(from decoder: Decoder) throws { box = Box(try Fields(from: decoder)) }
    public func encode(to encoder: Encoder) throws { try box.fields.encode(to: encoder) }
    public static func == (a: Treaty, b: Treaty) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    @inlinable @inline(__always)
    mutating func unique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    @inlinable public var id: Int {
        get { box.fields.id }
        _modify { unique(); yield &box.fields.id }
    }
    @inlinable public var type: TreatyType {
        get { box.fields.type }
        _modify { unique(); yield &box.fields.type }
    }
    @inlinable public var name: String {
        get { box.fields.name }
        _modify { unique(); yield &box.fields.name }
    }
    @inlinable public var proposer: Int {
        get { box.fields.proposer }
        _modify { unique(); yield &box.fields.proposer }
    }
    /// Invited parties including the proposer, in the order named.
    @inlinable public var parties: [Int] {
        get { box.fields.parties }
        _modify { unique(); yield &box.fields.parties; box.refreshMembers() }
    }
    @inlinable public var answers: [Answer] {
        get { box.fields.answers }
        _modify { unique(); yield &box.fields.answers; box.refreshMembers() }
    }
    /// Turn each party ratifies (or −1 not yet scheduled, −2 done).
    @inlinable public var ratifyAt: [Int] {
        get { box.fields.ratifyAt }
        _modify { unique(); yield &box.fields.ratifyAt }
    }
    @inlinable public var withdrawn: [Bool] {
        get { box.fields.withdrawn }
        _modify { unique(); yield &box.fields.withdrawn; box.refreshMembers() }
    }
    @inlinable public var status: TreatyStatus {
        get { box.fields.status }
        _modify { unique(); yield &box.fields.status }
    }
    @inlinable public var proposedTurn: Int {
        get { box.fields.proposedTurn }
        _modify { unique(); yield &box.fields.proposedTurn }
    }
    @inlinable public var signedTurn: Int? {
        get { box.fields.signedTurn }
        _modify { unique(); yield &box.fields.signedTurn }
    }
    @inlinable public var inForceTurn: Int? {
        get { box.fields.inForceTurn }
        _modify { unique(); yield &box.fields.inForceTurn }
    }
    @inlinable public var endedTurn: Int? {
        get { box.fields.endedTurn }
        _modify { unique(); yield &box.fields.endedTurn }
    }
    @inlinable public var terms: TreatyTerms {
        get { box.fields.terms }
        _modify { unique(); yield &box.fields.terms }
    }
    @inlinable public var violations: [Violation] {
        get { box.fields.violations }
        _modify { unique(); yield &box.fields.violations }
    }

    /// Parties that are still members (accepted and not withdrawn).
    @inlinable public var members: [Int] { box.members }

    /// Always inlined: as a call it retained and released the treaty's box around every question
    /// (hundreds a turn), where inlined code reads the box through the caller's reference.
    @inlinable @inline(__always) public func isMember(_ bloc: Int) -> Bool {
        let b = box
        for i in b.fields.parties.indices where b.fields.parties[i] == bloc { return b.fields.answers[i] == .accepted && !b.fields.withdrawn[i] }
        return false
    }
}

public struct Violation: Hashable, Codable, Sendable {
    public var bloc: Int
    public var since: Int
    /// Still violating (false once the violator stops).
    public var active: Bool
    public var detectedTurn: Int?
    public var knownBy: [Bool]
}

/// A unilateral export control: `by` denies `category` to `target`.
public struct ExportControl: Hashable, Codable, Sendable {
    public var by: Int
    public var target: Int
    public var category: ControlCategory
    public var since: Int
}

public struct HarvestOperation: Hashable, Codable, Sendable {
    public var harvester: Int
    public var target: Int
    public var since: Int
    public var active: Bool
    public var detectedTurn: Int?
    /// Who knows of it (the harvester always does).
    public var knownBy: [Bool]
}

/// Traffic of one victim and sector collected by one harvester in one turn, still unread.
public struct HarvestLot: Hashable, Codable, Sendable {
    public var harvester: Int
    public var victim: Int
    public var sector: Int
    public var turn: Int
    public var volume: Double
}

/// Something a CRQC holder read from its stockpile.
public struct DecryptRecord: Hashable, Codable, Sendable {
    public var harvester: Int
    public var victim: Int
    public var sector: Int
    public var harvestedTurn: Int
    public var readTurn: Int
    public var volume: Double
    public var value: Double
}

/// A message on the negotiation channel.
public struct Message: Hashable, Codable, Sendable {
    public var id: Int
    public var turn: Int
    public var from: Int
    public var to: Int
    public var text: String
    /// Protection of the sender's and receiver's government links when sent (0-1).
    public var senderProtection: Double
    public var receiverProtection: Double
    /// Whether the message went over a quantum-safe link.
    public var quantumSafe: Bool
    /// Blocs that hold a harvested copy.
    public var harvestedBy: [Int]
    /// Blocs that have read it after decryption, with the turn.
    public var readBy: [MessageRead]
}

public struct MessageRead: Hashable, Codable, Sendable {
    public var bloc: Int
    public var turn: Int
}

/// Where an event comes from.
public enum EventSource: Hashable, Codable, Sendable {
    case scenario(Int)
    case inject(Int)
    case custom(title: String)
}

public struct PendingDilemma: Hashable, Codable, Sendable {
    public var id: Int
    public var source: EventSource
    public var bloc: Int
    public var posedTurn: Int
    /// The chosen option, once answered.
    public var choice: Int?
    /// True when the option was applied by default because nobody answered.
    public var defaulted: Bool
}

public enum FreeActionStatus: String, Hashable, Codable, Sendable { case pending, accepted, rejected, unadjudicated }

public struct FreeAction: Hashable, Codable, Sendable {
    public var id: Int
    public var bloc: Int
    public var turn: Int
    public var text: String
    public var intent: String
    public var status: FreeActionStatus
    public var reason: String
    public var effects: [String]
}

/// One line of news. `audience` empty means everyone.
public struct NewsItem: Hashable, Codable, Sendable {
    public var turn: Int
    public var kind: NewsKind
    public var text: String
    public var audience: [Int]

    public init(turn: Int, kind: NewsKind, text: String, audience: [Int]) {
        self.turn = turn; self.kind = kind; self.text = text; self.audience = audience
    }

    public func isVisible(to bloc: Int) -> Bool { audience.isEmpty || audience.contains(bloc) }
}

public enum NewsKind: String, Hashable, Codable, Sendable {
    case diplomacy, controls, investment, intelligence, crqc, event, dilemma, economy, facilitator, order, objective, outcome
}

/// One cause of one indicator's change in one turn.
public struct LedgerEntry: Hashable, Codable, Sendable {
    /// Bloc index, or −1 for the world.
    public var subject: Int
    /// e.g. "computing", "pqc.finance", "trust.CN", "tension".
    public var indicator: String
    public var cause: String
    public var amount: Double
    /// Blocs allowed to see this cause besides the subject (empty = subject only; world entries are public unless listed).
    public var secret: Bool
}

/// Indicators at the end of one turn.
public struct TurnRecord: Hashable, Codable, Sendable {
    public var turn: Int
    public var blocs: [BlocRecord]
    public var tension: Double
    public var governance: Double
    public var fragmentation: Double
    public var crqcLogicalQubits: Double
}

public struct BlocRecord: Hashable, Codable, Sendable {
    public var computing: Double
    public var sensing: Double
    public var qkdKm: Double
    public var workforce: Double
    public var support: Double
    public var gdp: Double
    public var budget: Double
    public var pqc: [Double]
    public var pillars: [Double]
    public var score: Double
    public var exposure: Double
    public var hasCRQC: Bool
    public var mosca: [MoscaStatus]
}

/// The named end of a game.
public struct Outcome: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var explanation: String
}
