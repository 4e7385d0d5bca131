import GameCore

/// The after-action report of one game (DESIGN §7b): everything a hot wash needs, built by
/// replaying the game's command log from its scenario and seed. A value with no clock in it, so
/// the same save always gives the same report, byte for byte, in every format.
public struct Debrief: Codable, Equatable, Sendable {
    public var scenarioID: String
    public var scenarioTitle: String
    /// The seed as text (JSON readers lose precision on 64-bit integers).
    public var seed: String
    public var turnsPlayed: Int
    public var turnCount: Int
    /// Label of every played turn ("2025-Q1", …), in order.
    public var turnLabels: [String]
    public var finished: Bool
    /// Label of the next turn when the game stopped early; nil when it is over.
    public var stoppedAt: String?
    public var blocs: [NamedItem]
    public var sectors: [SectorInfo]
    public var outcome: OutcomeReport
    public var delegations: [DelegationReport]
    public var timeline: [TimelineEntry]
    public var exposure: ExposureReport
    public var mosca: [MoscaRow]
    public var turningPoints: [TurningPoint]
    public var charts: [Chart]
    public var questions: [String]
    /// Public news and the largest causes of change, turn by turn (for analysis; the JSON carries it).
    public var turns: [TurnDigest]
    /// Every indicator at the end of every played turn, exactly as the game recorded it.
    public var history: [TurnRecord]
    /// Orders the computer gave in delegations' names when the clock ran out; nil when it never did.
    public var computerOrders: [ComputerOrders]? = nil

    /// The display name of a bloc id (the id itself if unknown).
    public func name(_ id: String) -> String { blocs.first { $0.id == id }?.name ?? id }
}

/// An id with a display name.
public struct NamedItem: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
}

/// A PQC sector and how many years its secrets stay valuable.
public struct SectorInfo: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var shelfLife: Double
}

/// How the game ended, or that it has not, and the facts behind it.
public struct OutcomeReport: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var explanation: String
    /// Plain sentences about what led there, most important first.
    public var causes: [String]
    /// The first bloc to build a CRQC and the turn label, if any.
    public var firstCRQC: BlocAtTurn?
}

/// A bloc and a turn (index from 0, and its label).
public struct BlocAtTurn: Codable, Equatable, Sendable {
    public var bloc: String
    public var turn: Int
    public var label: String
}

/// One delegation's results.
public struct DelegationReport: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    public var doctrine: String
    /// Security, prosperity, influence, stability (0-100).
    public var pillars: [Double]
    public var score: Double
    /// 1 = highest score.
    public var rank: Int
    public var objectives: [ObjectiveReport]
    /// Value of this bloc's secrets read by others.
    public var exposure: Double
    /// Value of others' secrets this bloc read.
    public var windfall: Double
    public var crqc: String?
}

/// One objective of a delegation and its result.
public struct ObjectiveReport: Codable, Equatable, Sendable {
    public var id: String
    public var text: String
    public var secret: Bool
    public var points: Double
    /// "2030-Q4", or "end of game".
    public var due: String
    /// "met", "missed" or "not yet judged".
    public var status: String

    public var met: Bool { status == "met" }
}

/// What kind of thing a timeline entry records.
public enum TimelineKind: String, Codable, Equatable, Sendable, CaseIterable {
    case event, dilemma, treaty, crqc, intelligence, facilitator
    case freeAction = "free-action"
    case outcome

    /// A short tag shown before the entry.
    public var tag: String {
        switch self {
        case .event: return "Event"
        case .dilemma: return "Dilemma"
        case .treaty: return "Treaty"
        case .crqc: return "CRQC"
        case .intelligence: return "Intelligence"
        case .facilitator: return "Facilitator"
        case .freeAction: return "Free action"
        case .outcome: return "Outcome"
        }
    }
}

/// One line of the timeline.
public struct TimelineEntry: Codable, Equatable, Sendable {
    public var turn: Int
    public var label: String
    public var kind: TimelineKind
    /// Ids of the blocs concerned.
    public var blocs: [String]
    public var text: String
    /// True when only some delegations knew of it at the time.
    public var secret: Bool
}

/// What harvest-now-decrypt-later exposed.
public struct ExposureReport: Codable, Equatable, Sendable {
    /// Decrypted traffic summed per harvester, victim and sector, largest value first.
    public var decrypted: [DecryptedRow]
    public var totalValue: Double
    /// Negotiation messages that someone read after decrypting them.
    public var messagesRead: [MessageReadRow]
    public var messagesSent: Int
    /// Messages held in harvested form but not (yet) read.
    public var messagesHarvestedUnread: Int
}

/// What one harvester read of one victim's sector, summed over the game.
public struct DecryptedRow: Codable, Equatable, Sendable {
    public var harvester: String
    public var victim: String
    public var sector: String
    public var volume: Double
    public var value: Double
    public var firstRead: String
    public var lastRead: String
}

/// A negotiation message that a third party read after decrypting it.
public struct MessageReadRow: Codable, Equatable, Sendable {
    public var id: Int
    public var sent: String
    public var from: String
    public var to: String
    public var text: String
    /// Who read it and when.
    public var readBy: [BlocAtTurn]
}

/// Mosca status of one bloc and sector at the end of every played turn.
public struct MoscaRow: Codable, Equatable, Sendable {
    public var bloc: String
    public var sector: String
    public var statuses: [MoscaStatus]
}

/// One of the largest causes of change in the game.
public struct TurningPoint: Codable, Equatable, Sendable {
    public var turn: Int
    public var label: String
    public var cause: String
    /// Size of the change on a common scale (points of a 0-100 indicator).
    public var weight: Double
    /// The main effects in words.
    public var summary: String
    /// The largest effects, one per bloc and indicator.
    public var effects: [LedgerEffect]
}

/// One effect of a turning point's cause on one indicator.
public struct LedgerEffect: Codable, Equatable, Sendable {
    /// A bloc id, or "world".
    public var subject: String
    public var indicator: String
    public var amount: Double
    /// Readable: "tension +12", "trust US–CN −20".
    public var text: String
}

/// A line chart: one value per played turn for each series.
public struct Chart: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var caption: String
    public var unit: String
    public var logScale: Bool
    public var series: [Series]
}

/// One line of a chart.
public struct Series: Codable, Equatable, Sendable {
    /// A bloc id or an indicator id ("threshold", "tension", …).
    public var key: String
    public var name: String
    /// A reference line (the CRQC threshold) rather than a player.
    public var reference: Bool
    public var values: [Double]
}

/// One turn in brief.
public struct TurnDigest: Codable, Equatable, Sendable {
    public var turn: Int
    public var label: String
    /// News everyone saw this turn.
    public var news: [String]
    /// The largest causes of change this turn, readable.
    public var topCauses: [String]
    /// What raised world tension most this turn, if anything did.
    public var tensionCause: String?
}
