/// What a delegation's orders will meet when the turn resolves, before it ends: the order the
/// resolver carries them out in and which of them political capital pays for. Read from the same
/// `Order.step` and `Order.capitalCost` the resolver uses, so the preview cannot drift from it.

/// The stages orders resolve in, named for the screens.
public enum OrderStage: Int, CaseIterable, Sendable {
    case answers, diplomacy, controls, investment, intelligence, decryption, dilemmas

    /// A short name for the orders screen.
    public var title: String {
        switch self {
        case .answers: return "answers to proposals, withdrawals"
        case .diplomacy: return "proposals, dialogue, statements, messages"
        case .controls: return "export controls"
        case .investment: return "budget, mandates, standard, QKD, aid"
        case .intelligence: return "harvesting, espionage, counter-intelligence"
        case .decryption: return "decryption, disclosure"
        case .dilemmas: return "dilemma choices"
        }
    }
}

extension Order {
    /// The stage of the turn in which the resolver carries the order out.
    public var stage: OrderStage {
        switch step {
        case .answers: return .answers
        case .diplomacy: return .diplomacy
        case .controls: return .controls
        case .investment: return .investment
        case .intelligence: return .intelligence
        case .decryption: return .decryption
        case .dilemmas: return .dilemmas
        }
    }

    /// Indices of `orders` in the order the resolver carries them out: by stage, then as given.
    public static func resolutionOrder(_ orders: [Order]) -> [Int] {
        orders.indices.sorted { (orders[$0].stage.rawValue, $0) < (orders[$1].stage.rawValue, $1) }
    }

    /// For each order, whether `capital` still pays for it when its turn comes in resolution order
    /// (an order that costs nothing is always paid). Capital earned during the turn comes after
    /// the orders, so only the capital held now counts.
    public static func affordable(_ orders: [Order], capital: Double) -> [Bool] {
        var left = capital
        var out = [Bool](repeating: true, count: orders.count)
        for k in resolutionOrder(orders) {
            let cost = orders[k].capitalCost
            guard cost > 0 else { continue }
            // The resolver's own test (`Resolver.pay`).
            if left + 1e-9 < cost { out[k] = false } else { left -= cost }
        }
        return out
    }
}

/// What announcing a CRQC costs, from the same rules the decryption phase applies (`crqcExposed`).
public struct DisclosureCost: Hashable, Sendable {
    /// Trust lost with each other bloc.
    public var trustWithEach: Double
    /// World tension added (halved for a member of confidence-building measures in force).
    public var tension: Double
    /// Influence points gained by the announcement.
    public var influencePoints: Double

    /// How hard a disclosure hits, as a share of a full crisis (`Rules.crisisTension`, `.crisisTrust`).
    public static let severity = 0.35
    /// Influence points a disclosure earns.
    public static let influence = 3.0

    public init(scenario: Scenario, state: GameState, bloc: Int) {
        let cbm = state.treaties.contains { $0.status == .inForce && $0.type == .cbm && $0.isMember(bloc) }
        trustWithEach = scenario.rules[.crisisTrust] * DisclosureCost.severity
        tension = scenario.rules[.crisisTension] * DisclosureCost.severity * (cbm ? 0.5 : 1)
        influencePoints = DisclosureCost.influence
    }
}
