import GameCore
import ScenarioFormat
import Strategy

/// The screens of the game. Digits and letters jump to them (see `ScreenID.key`).
public enum ScreenID: String, CaseIterable, Sendable {
    case dashboard, bloc, budget, pqc, controls, diplomacy, intelligence, messages, dilemmas, report, charts, objectives, orders, help
    /// The facilitator's console (only in the facilitator's seat).
    case facilitator

    /// The key that opens the screen.
    public var key: Character {
        switch self {
        case .dashboard: return "1"
        case .bloc: return "2"
        case .budget: return "3"
        case .pqc: return "4"
        case .controls: return "5"
        case .diplomacy: return "6"
        case .intelligence: return "7"
        case .messages: return "8"
        case .dilemmas: return "9"
        case .report: return "0"
        case .charts: return "c"
        case .objectives: return "O"
        case .orders: return "o"
        case .help: return "?"
        case .facilitator: return "f"
        }
    }

    /// A short title for the tab line at 80 columns.
    public var shortTitle: String {
        switch self {
        case .controls: return "Ctrl"
        case .diplomacy: return "Diplo"
        case .intelligence: return "Intel"
        case .messages: return "Msgs"
        case .dilemmas: return "Dilem"
        case .objectives: return "Goals"
        default: return title
        }
    }

    public var title: String {
        switch self {
        case .dashboard: return "World"
        case .bloc: return "Bloc"
        case .budget: return "Budget"
        case .pqc: return "PQC"
        case .controls: return "Controls"
        case .diplomacy: return "Diplomacy"
        case .intelligence: return "Intel"
        case .messages: return "Messages"
        case .dilemmas: return "Dilemmas"
        case .report: return "Report"
        case .charts: return "Charts"
        case .objectives: return "Objectives"
        case .orders: return "Orders"
        case .help: return "Help"
        case .facilitator: return "Console"
        }
    }
}

/// Where the game is in its flow.
public enum Mode: Hashable, Sendable {
    /// Choosing a scenario, seats, seed and level.
    case setup
    /// The scenario briefing and the secret brief of human delegation `k` (index into `humans`).
    case briefing(Int)
    /// A blank screen asking human delegation `k` to take the keyboard.
    case handover(Int)
    /// Human delegation `k` reads its screens and gives orders.
    case playing(Int)
    /// A blank screen asking the facilitator to take the keyboard (after the delegations).
    case facilitatorHandover
    /// The facilitator's seat: the console and an unfogged view of everything.
    case facilitating
    /// The game has ended.
    case gameOver
    /// The projector seat of a room: public information only.
    case projecting
}

/// A question that waits for an answer on top of the current screen.
public enum Modal: Hashable, Sendable {
    case confirmEndTurn
    case confirmQuit
    /// Typing a line of text for a purpose.
    case prompt(Prompt)
    /// Choosing one item from a list.
    case pick(Picker)
    /// Drafting a treaty proposal.
    case draft(TreatyDraft)
    /// The facilitator confirms rewinding to the start of a turn (0-based index).
    case confirmRewind(Int)
    /// A delegation confirms announcing its CRQC to the world, with the cost shown first.
    case confirmDisclose
}

public struct Prompt: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case message(to: Int)
        case statement(target: Int?)
        case freeAction
        case freeActionIntent(text: String)
        case seed
        case scenarioPath
        case saveName
        // The facilitator's console
        case eventTitle
        case eventText(title: String)
        case eventEffects(title: String, text: String)
        case rulingEffects(action: Int, bloc: Int)
        /// The consequences of a rejection ("Reject, with consequences").
        case rejectionEffects(action: Int, bloc: Int)
        case rulingReason(action: Int, accept: Bool, effects: [Effect])
        /// A new value or change for one path, e.g. "45", "+5", "*0.8".
        case adjustValue(path: String, label: String)
        /// A whole effect typed in the expression language.
        case adjustEffect
        case adjustReason(effect: Effect)
        case timerMinutes
        /// A room's clock: minutes to add to this turn.
        case addMinutes
    }
    public var purpose: Purpose
    public var question: String
    /// What is typed, with its insertion point (Interface/TextField.swift).
    public var field: TextField
    /// What was wrong with the text last time Enter was pressed (the text is kept).
    public var error: String? = nil

    public init(purpose: Purpose, question: String, text: String, error: String? = nil) {
        self.purpose = purpose
        self.question = question
        self.field = TextField(text)
        self.error = error
    }

    /// The text typed; setting it puts the insertion point at its end.
    public var text: String {
        get { field.text }
        set { field = TextField(newValue) }
    }
}

public struct Picker: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case mandateDeadline(sector: Int)
        case standardFamily
        case messageRecipient
        case statementTarget
        case aidAmount(to: Int)
        case dilemmaOption(dilemma: Int)
        // The facilitator's console
        case injectCard
        /// A planned inject of the run sheet: fire, postpone or skip (index into `plannedInjects`).
        case runSheetEntry(Int)
        case rulingAction(ids: [Int], blocs: [Int])
        case rulingDecision(action: Int, bloc: Int)
        case adjustTarget
        case adjustField(bloc: Int?)
        case revealSecret([Secret])
        case revealAudience(Secret)
        case timerAction
        case timerAtZero(minutes: Int)
        case rewindTurn
        // A room's clock
        /// Which delegation's turn to end now (bloc indices of the options).
        case endDelegationTurn([Int])
        /// Whose computer-given orders to take back (bloc indices of the options).
        case undoFill([Int])
        /// Resolve the turn now, or keep playing.
        case resolveNow
        /// After a load or a rewind: which timer the clock keeps (one per option).
        case keepTimer([TurnTimer?])
    }
    public var purpose: Purpose
    public var question: String
    public var options: [String]
    public var selected: Int
    /// Longer text for each option, shown under the list for the selected one.
    public var details: [String] = []
    /// When set, Space ticks options on and off (several can be chosen).
    public var checked: [Bool]? = nil
}

/// The steps of drafting a treaty.
public struct TreatyDraft: Hashable, Sendable {
    public enum Step: Hashable, Sendable { case type, parties, terms, confirm }
    public var step: Step = .type
    public var typeIndex: Int = 0
    /// Bloc indices invited (the proposer is added automatically).
    public var parties: [Int] = []
    public var cursor: Int = 0
    public var family: StandardFamily = .nist
    public var deadlineYear: Int = 0
    public var categories: [ControlCategory] = [.systems, .components]
    public var targets: [Int] = []
    /// joint-lab: percent of computing budget pooled.
    public var contribution: Double = 10
    /// capacity-fund: USD bn per year per donor.
    public var fund: Double = 0.05

    public var type: TreatyType { TreatyType.allCases[typeIndex] }
}

/// The setup screen's choices.
public struct SetupState: Hashable, Sendable {
    public enum Field: Int, CaseIterable, Sendable { case scenario, seats, facilitator, seed, level, timer, start, saves }
    public var field: Field = .seats
    public var scenarioIndex: Int = 0
    /// Whether each bloc of the chosen scenario is played by a human.
    public var human: [Bool] = []
    public var seatCursor: Int = 0
    public var seed: UInt64 = 0
    public var level: AILevel = .standard
    /// Whether a facilitator (white cell) takes a seat after the delegations.
    public var facilitator: Bool = false
    /// A turn timer from the first turn, in minutes (0: none); at zero the computer fills in.
    public var turnMinutes: Int = 0
    public var saveCursor: Int = 0
    public var error: String?
}

/// A saved game offered on the setup screen.
public struct SavedGameInfo: Hashable, Sendable {
    public var path: String
    public var scenario: String
    public var turn: String
    public var delegations: [String]
    public var date: String

    public init(path: String, scenario: String, turn: String, delegations: [String], date: String) {
        self.path = path; self.scenario = scenario; self.turn = turn; self.delegations = delegations; self.date = date
    }
}

/// A scenario offered on the setup screen.
public struct ScenarioChoice: Sendable {
    public var name: String
    public var scenario: Scenario

    public init(name: String, scenario: Scenario) { self.name = name; self.scenario = scenario }
}

/// The whole state of the terminal game's interface: pure data, changed only by `update`.
public struct AppState: Sendable {
    public var mode: Mode = .setup
    public var setup = SetupState()
    public var choices: [ScenarioChoice]
    public var game: Game?
    /// Bloc indices played by humans, in turn order.
    public var humans: [Int] = []
    public var level: AILevel = .standard
    /// Orders each human delegation has given this turn (parallel to `humans`).
    public var pending: [[Order]] = []
    public var screen: ScreenID = .dashboard
    public var previousScreen: ScreenID = .dashboard
    /// A cursor per screen (row selected).
    public var cursor: [ScreenID: Int] = [:]
    /// Column cursor (e.g. budget track, control category).
    public var column: Int = 0
    /// Which bloc the bloc screen and charts show.
    public var focusBloc: Int = 0
    /// The budget editor's working allocation, before it becomes an order.
    public var draftAllocation: [Double]?
    /// Which indicator the chart shows.
    public var chartIndicator: Int = 0
    public var scroll: Int = 0
    public var modal: Modal?
    /// The dialog a Ctrl-C covered with the quit question; it comes back when the answer is no.
    var modalBeforeQuit: Modal?
    /// The earlier steps of the open dialog (prompts and lists), as they were left: Esc goes back to
    /// the last one (see `stepBack`).
    var dialogSteps: [Modal] = []
    /// The later steps Esc came back from, as they were left: going forward again to the same step
    /// finds what was typed or chosen there.
    var dialogAhead: [Modal] = []
    public var message: String?
    public var colors: Bool = true
    public var shouldQuit = false
    /// Saved games the setup screen offers, newest first.
    public var savedGames: [SavedGameInfo] = []
    /// Where saves go (shown in messages).
    public var saveFolder: String = "Saves"
    /// Whether a facilitator sits after the delegations in the hotseat rotation.
    public var facilitatorSeat = false
    /// The facilitator's actions of this turn, logged when the turn is resolved.
    public var facilitatorQueue: [FacilitatorAction] = []
    /// Run sheets by the scenario's content hash (Interface/RunSheetConsole.swift), and what the facilitator decided.
    public var runSheets: [String: [PlannedInject]] = [:]
    public var runSheetDecisions: [RunSheetDecision] = []
    /// The turn timer as the facilitator last set it (its settings are logged commands).
    public var timer: TurnTimer?
    /// Seconds left on the turn timer; counted down by `.tick` while delegations play.
    public var timerRemaining: Double = 0
    /// The time of the last tick (seconds, from the terminal's clock; the interface never reads one).
    public var lastTick: Double?
    /// Alternates every tick, to make a timer at zero blink.
    public var timerBlink = false
    /// The game as it was before the facilitator rewound it (the terminal saves it as the branch's parent).
    public var rewoundFrom: Game?
    /// The turn (0-based) a branch starts at, when this game was rewound (set by loading a branch too).
    public var branchTurn: Int?
    /// At the end of the game, the facilitator's seat has taken the keyboard (f) for the debrief.
    public var debriefByFacilitator = false
    /// Each human delegation's Q-Day clock before the last turn resolved (parallel to `humans`),
    /// which the turn report compares with the clock now.
    public var clockBefore: [ClockReading] = []
    /// The tutorial's coach, while the guided first game runs (see Coach.swift).
    public var coach: Coach?
    /// The after-action report shown on the report screen once the game is over.
    let debriefCache = DebriefCache()

    // MARK: Seat play in a room (see SeatPlay.swift)

    /// Which seat this interface plays; `.hotseat` is the one-keyboard game.
    public var seat: SeatRole = .hotseat
    /// A seated delegation has sealed its orders for this turn.
    public var sealed = false
    /// The seated facilitator has released the turn.
    public var released = false
    /// Messages other delegations sent this seat during this turn.
    public var incoming: [LiveMessage] = []
    /// A note that stays on the footer until the turn resolves (e.g. orders the computer gave in
    /// this delegation's name).
    public var notice: String?
    /// Orders the computer gave in this delegation's name when the clock ran out (the orders
    /// screen marks them).
    public var computerGiven: [Order] = []
    /// Hotseat: per human delegation (parallel to `humans`), the orders the computer gave in its
    /// name this turn when the clock ran out; they are logged as `Command.givenByComputer`.
    public var filledIn: [[Order]] = []
    /// Every seat's status, as the room last told it.
    public var roomStatus: [SeatStatus] = []
    /// Effects waiting for the room (`takeSeatEffects`).
    var seatOutbox: [SeatEffect] = []

    public init(choices: [ScenarioChoice], colors: Bool = true) {
        self.choices = choices
        self.colors = colors
        if let first = choices.first { selectScenario(0, seed: first.scenario.seed) }
    }

    mutating func selectScenario(_ index: Int, seed: UInt64? = nil) {
        guard choices.indices.contains(index) else { return }
        setup.scenarioIndex = index
        let s = choices[index].scenario
        setup.human = [Bool](repeating: false, count: s.blocs.count)
        if !s.blocs.isEmpty { setup.human[0] = true }
        setup.seatCursor = 0
        setup.seed = seed ?? s.seed
    }

    /// The human delegation giving orders now, as a bloc index.
    public var currentBloc: Int? {
        switch mode {
        case .playing(let k), .handover(let k), .briefing(let k): return humans.indices.contains(k) ? humans[k] : nil
        case .gameOver: return humans.first
        case .setup, .facilitatorHandover, .facilitating, .projecting: return nil
        }
    }

    /// Whether the screens show the facilitator's unfogged view.
    public var isFacilitatorView: Bool {
        switch mode {
        case .facilitating: return true
        case .gameOver: return humans.isEmpty || debriefByFacilitator
        default: return false
        }
    }

    public var currentHuman: Int? {
        switch mode {
        case .playing(let k), .handover(let k), .briefing(let k): return k
        default: return nil
        }
    }

    /// What the current delegation may see.
    public var view: GameView? {
        guard let game else { return nil }
        if isFacilitatorView { return game.state.view(for: .facilitator, scenario: game.scenario, seed: game.seed) }
        guard let b = currentBloc else { return nil }
        return game.state.view(for: .bloc(b), scenario: game.scenario, seed: game.seed)
    }

    public func row(_ screen: ScreenID) -> Int { cursor[screen] ?? 0 }
}

extension SetupState {
    /// The setup screen's timer steps (←→); `--turn-minutes` may set any minute in between.
    static let timerSteps = [0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180]

    /// The next (`step` 1) or previous (-1) timer step from the minutes set now.
    static func nextTimer(_ minutes: Int, _ step: Int) -> Int {
        step > 0 ? timerSteps.first { $0 > minutes } ?? timerSteps[0] : timerSteps.last { $0 < minutes } ?? timerSteps[timerSteps.count - 1]
    }
}
