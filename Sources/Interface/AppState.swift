import GameCore
import Strategy

/// The screens of the game. Digits and letters jump to them (see `ScreenID.key`).
public enum ScreenID: String, CaseIterable, Sendable {
    case dashboard, bloc, budget, pqc, controls, diplomacy, intelligence, messages, dilemmas, report, charts, orders, help

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
        case .orders: return "o"
        case .help: return "?"
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
        case .orders: return "Orders"
        case .help: return "Help"
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
    /// The game has ended.
    case gameOver
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
    }
    public var purpose: Purpose
    public var question: String
    public var text: String
}

public struct Picker: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case mandateDeadline(sector: Int)
        case standardFamily
        case messageRecipient
        case statementTarget
        case aidAmount(to: Int)
        case dilemmaOption(dilemma: Int)
    }
    public var purpose: Purpose
    public var question: String
    public var options: [String]
    public var selected: Int
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
    public enum Field: Int, CaseIterable, Sendable { case scenario, seats, seed, level, start, saves }
    public var field: Field = .seats
    public var scenarioIndex: Int = 0
    /// Whether each bloc of the chosen scenario is played by a human.
    public var human: [Bool] = []
    public var seatCursor: Int = 0
    public var seed: UInt64 = 0
    public var level: AILevel = .standard
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
    public var message: String?
    public var colors: Bool = true
    public var shouldQuit = false
    /// Saved games the setup screen offers, newest first.
    public var savedGames: [SavedGameInfo] = []
    /// Where saves go (shown in messages).
    public var saveFolder: String = "Saves"

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
        case .setup: return nil
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
        guard let game, let b = currentBloc else { return nil }
        return game.state.view(for: .bloc(b), scenario: game.scenario, seed: game.seed)
    }

    public func row(_ screen: ScreenID) -> Int { cursor[screen] ?? 0 }
}
