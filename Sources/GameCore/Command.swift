/// Everything that can be said to the game: a delegation's orders, its answers to proposals and
/// dilemmas, and the facilitator's actions. A game is its scenario, its seed and the list of
/// commands given in each turn. Commands name blocs, sectors and treaties by their ids so that
/// saves stay readable and survive a reordered scenario.
public enum Command: Hashable, Codable, Sendable {
    /// An order or answer from the delegation of `bloc`.
    case order(bloc: String, Order)
    /// A facilitator action.
    case facilitator(FacilitatorAction)
    /// An order the computer gave in the name of the delegation of `bloc` because the turn clock
    /// ran out (the facilitator's timer, "at zero the computer fills in"). The rules treat it
    /// exactly as `.order`; the log keeps who gave it, so the report can name it.
    case givenByComputer(bloc: String, Order)

    /// The bloc and order of a delegation's command, whoever gave it; nil for a facilitator action.
    public var blocOrder: (bloc: String, order: Order)? {
        switch self {
        case .order(let bloc, let order), .givenByComputer(let bloc, let order): return (bloc, order)
        case .facilitator: return nil
        }
    }
}

/// The orders of DESIGN §3, plus answers to proposals and dilemmas.
public enum Order: Hashable, Codable, Sendable {
    /// Split the budget across the six tracks (percent, `Track.allCases` order, summing to 100).
    case allocate([Double])
    /// Raise (positive) or cut (negative) the yearly quantum budget, in USD bn.
    case changeBudget(Double)
    /// Order a sector migrated by a deadline (turn label such as "2030-Q4").
    case mandate(sector: String, deadline: String)
    /// Adopt a standard family.
    case chooseStandard(StandardFamily)
    /// Build extra QKD links now (USD bn spent at once); `satellite` launches a QKD satellite instead.
    case deployQKD(billion: Double, satellite: Bool)
    /// Impose an export control on one category against targets.
    case imposeControl(category: ControlCategory, targets: [String])
    /// Lift an export control.
    case liftControl(category: ControlCategory, targets: [String])
    /// Propose a treaty to other blocs (the proposer is a party).
    case proposeTreaty(type: TreatyType, parties: [String], terms: OrderTerms)
    /// Accept or reject a pending proposal.
    case respondTreaty(treaty: Int, accept: Bool)
    /// Leave a treaty.
    case withdrawTreaty(treaty: Int)
    /// Secretly break a treaty (or stop breaking it).
    case violateTreaty(treaty: Int, violate: Bool)
    /// Start or stop a harvest operation against a target.
    case harvest(target: String, active: Bool)
    /// A one-turn espionage operation against a target.
    case espionage(target: String)
    /// A one-turn counter-intelligence campaign.
    case counterIntelligence
    /// Decrypt the harvested stockpile (only meaningful with a CRQC), or stop.
    case decrypt(active: Bool)
    /// Announce one's own CRQC to the world.
    case discloseCRQC
    /// Dialogue or summit with another bloc.
    case dialogue(with: String)
    /// A public statement; with a target it attributes hostile acts to that bloc.
    case statement(text: String, attributeTo: String?)
    /// Capacity-building aid to another bloc (USD bn, once).
    case aid(to: String, billion: Double)
    /// A message to another delegation through the negotiation channel.
    case message(to: String, text: String)
    /// A free-text action for the facilitator to rule on.
    case freeAction(text: String, intent: String)
    /// Choose an option of a pending dilemma (0-based).
    case chooseDilemma(dilemma: Int, option: Int)
}

/// Treaty terms as given in an order (ids, not indices).
public struct OrderTerms: Hashable, Codable, Sendable {
    public var family: StandardFamily?
    public var deadline: String?
    public var categories: [ControlCategory]
    public var targets: [String]
    public var sectors: [String]
    public var host: String?
    public var contribution: Double?

    public init(family: StandardFamily? = nil, deadline: String? = nil, categories: [ControlCategory] = [],
                targets: [String] = [], sectors: [String] = [], host: String? = nil, contribution: Double? = nil) {
        self.family = family; self.deadline = deadline; self.categories = categories; self.targets = targets
        self.sectors = sectors; self.host = host; self.contribution = contribution
    }
}

/// What the facilitator (white cell) can do. Each is logged like an order.
public enum FacilitatorAction: Hashable, Codable, Sendable {
    /// Fire a card of the scenario's inject deck this turn.
    case inject(id: String)
    /// Fire a custom event this turn.
    case customEvent(title: String, text: String, effects: [Effect])
    /// Change a value, with a stated reason.
    case adjust(effect: Effect, reason: String)
    /// Rule on a delegation's free-text action: attach effects (accept) or reject with a reason.
    case ruling(action: Int, accept: Bool, effects: [Effect], reason: String)
    /// Reveal a secret to some delegations (empty list = everyone).
    case reveal(secret: Secret, to: [String])
    /// Set, pause, resume (a timer with `paused` changed) or clear (nil) the turn timer. Only the
    /// settings are logged: the countdown is wall-clock and lives in the interface, and orders a
    /// computer gives at zero are ordinary logged orders, so a replay needs no clock.
    case timer(TurnTimer?)
}

/// The facilitator's turn timer (DESIGN §7b): minutes per turn and what happens at zero.
public struct TurnTimer: Hashable, Codable, Sendable {
    /// What happens when the countdown reaches zero.
    public enum AtZero: String, Hashable, Codable, Sendable, CaseIterable {
        /// The turn waits; the timer shows 00:00.
        case wait
        /// Computer players give the orders of every delegation that has not ended its turn.
        case computerFillsIn = "computer-fills-in"
    }

    /// Minutes per turn, 1 to `TurnTimer.maximumMinutes`.
    public var minutes: Int
    public var atZero: AtZero
    public var paused: Bool

    public static let maximumMinutes = 180

    public init(minutes: Int, atZero: AtZero, paused: Bool = false) {
        self.minutes = minutes; self.atZero = atZero; self.paused = paused
    }
}

/// A secret the facilitator can reveal.
public enum Secret: Hashable, Codable, Sendable {
    /// A bloc's CRQC possession.
    case crqc(bloc: String)
    /// A harvest operation.
    case harvest(by: String, target: String)
    /// A treaty violation.
    case violation(treaty: Int, bloc: String)
    /// A bloc's secret objectives.
    case objectives(bloc: String)
}

extension Order {
    /// Political capital the order costs when carried out.
    public var capitalCost: Double {
        switch self {
        case .allocate, .respondTreaty, .message, .chooseDilemma, .decrypt, .violateTreaty, .freeAction: return 0
        case .changeBudget: return 2
        case .mandate: return 2
        case .chooseStandard: return 2
        case .deployQKD: return 1
        case .imposeControl, .liftControl: return 1
        case .proposeTreaty: return 1
        case .withdrawTreaty: return 1
        case .harvest(_, let active): return active ? 1 : 0
        case .espionage: return 1
        case .counterIntelligence: return 1
        case .discloseCRQC: return 0
        case .dialogue: return 1
        case .statement: return 0
        case .aid: return 1
        }
    }

    /// The loop of the resolver that carries the order out. The phases find their orders by it
    /// and copy only those (copying every order in every phase retained and released the arrays
    /// and strings it carries).
    var step: OrderStep {
        switch self {
        case .respondTreaty, .withdrawTreaty: return .answers
        case .proposeTreaty, .violateTreaty, .dialogue, .statement, .message, .freeAction: return .diplomacy
        case .imposeControl, .liftControl: return .controls
        case .allocate, .changeBudget, .mandate, .chooseStandard, .deployQKD, .aid: return .investment
        case .harvest, .espionage, .counterIntelligence: return .intelligence
        case .decrypt, .discloseCRQC: return .decryption
        case .chooseDilemma: return .dilemmas
        }
    }

    /// A stable short name of the kind of order, used in logs and tests.
    public var kind: String {
        switch self {
        case .allocate: return "allocate"
        case .changeBudget: return "budget"
        case .mandate: return "mandate"
        case .chooseStandard: return "standard"
        case .deployQKD: return "qkd"
        case .imposeControl: return "impose-control"
        case .liftControl: return "lift-control"
        case .proposeTreaty: return "propose"
        case .respondTreaty: return "respond"
        case .withdrawTreaty: return "withdraw"
        case .violateTreaty: return "violate"
        case .harvest: return "harvest"
        case .espionage: return "espionage"
        case .counterIntelligence: return "counter-intelligence"
        case .decrypt: return "decrypt"
        case .discloseCRQC: return "disclose"
        case .dialogue: return "dialogue"
        case .statement: return "statement"
        case .aid: return "aid"
        case .message: return "message"
        case .freeAction: return "free-action"
        case .chooseDilemma: return "dilemma"
        }
    }
}

/// The resolver's loops over orders, in the order they run (see `Order.step`).
enum OrderStep {
    case answers, diplomacy, controls, investment, intelligence, decryption, dilemmas
}
