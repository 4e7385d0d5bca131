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
    /// Every treaty proposal, in the order proposed, with its answers and end.
    public var proposals: [ProposalReport]
    /// Trust between the blocs from the start to the end.
    public var trust: TrustReport
    /// The saves this game was rewound from, nearest first; empty when it is not a branch.
    public var branches: [BranchStep]
    /// One page per delegation.
    public var cards: [DelegationCard]
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
    /// One value per series for the opening state and then one per played turn: `values[0]` is
    /// the scenario's value before the first turn, `values[t + 1]` the value at the end of turn t.
    public var series: [Series]
    /// Key events drawn on the chart.
    public var markers: [ChartMarker]
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

/// A treaty proposal and what became of it: who was asked, who answered how and when, and why it
/// came into force or did not. Every proposal of the game is listed, failed ones too.
public struct ProposalReport: Codable, Equatable, Sendable {
    public var id: Int
    /// The name it was proposed under (a treaty signed by fewer parties is renamed after them).
    public var name: String
    /// The name it ended with, when it differs ("" otherwise).
    public var signedAs: String
    public var type: String
    public var proposer: String
    public var proposed: String
    public var answers: [ProposalAnswer]
    /// "in force", "signed", "rejected", "lapsed", "dissolved" or "waiting for answers".
    public var status: String
    /// Label of the turn the proposal was settled (signed or failed); nil while it waits.
    public var settled: String?
    /// Why it ended as it did, in one sentence.
    public var reason: String
}

/// One invited party's answer to a proposal.
public struct ProposalAnswer: Codable, Equatable, Sendable {
    public var bloc: String
    /// "proposed", "accepted", "rejected", "no answer in time" or "not answered yet".
    public var answer: String
    /// When it answered (nil for the proposer and for no answer).
    public var label: String?
}

/// Trust between every pair of blocs: how much each bloc trusted each other at the start, at the
/// end of every played turn, and so at the end. Matrices are row-major: `[a * n + b]` is how much
/// bloc `a` trusts bloc `b` (−100 to 100); mostly the same both ways, but a facilitator's
/// adjustment can change one direction only.
public struct TrustReport: Codable, Equatable, Sendable {
    /// Bloc ids, the order of rows and columns.
    public var blocs: [String]
    public var start: [Double]
    /// One matrix per played turn, at its end.
    public var turns: [[Double]]

    /// The matrix at the end of the last played turn (the start when none was played).
    public var end: [Double] { turns.last ?? start }
}

/// One step back along a branch: the save this game (or its parent) was rewound from.
public struct BranchStep: Codable, Equatable, Sendable {
    /// The parent save's file name as it was recorded.
    public var file: String
    public var checksum: String
    /// The branch starts at the start of this turn (1-based) …
    public var turn: Int
    /// … whose label this is ("2027-Q1").
    public var label: String
    /// Turns the parent had played when it was left behind; nil when the parent file was not found.
    public var parentTurnsPlayed: Int?

    public init(file: String, checksum: String, turn: Int, label: String, parentTurnsPlayed: Int?) {
        self.file = file; self.checksum = checksum; self.turn = turn; self.label = label; self.parentTurnsPlayed = parentTurnsPlayed
    }
}

/// A moment worth marking on every chart.
public struct ChartMarker: Codable, Equatable, Sendable {
    /// The turn (from 0) at whose end the moment is drawn.
    public var turn: Int
    public var label: String
    public var text: String
}

/// One delegation's page of the debrief: its objectives, the decisions that mattered and what
/// others read of its traffic.
public struct DelegationCard: Codable, Equatable, Sendable {
    public var bloc: String
    public var name: String
    public var summary: String
    public var objectives: [String]
    public var decisions: [String]
    public var readByOthers: [String]
}
