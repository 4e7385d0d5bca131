import GameCore
import Strategy

/// The rule for "at zero the computer fills in", one for the hotseat and the room: a
/// delegation's own orders stay, and the computer adds its orders of the kinds the delegation has
/// not given, never a message or a statement (nothing is said in a delegation's name).
public enum ComputerFillIn {
    /// The orders the computer gives for bloc `b` beside the orders it has given itself.
    public static func orders(for b: Int, in game: Game, level: AILevel, given: [Order]) -> [Order] {
        let view = game.state.view(for: .bloc(b), scenario: game.scenario, seed: game.seed, history: false, records: false)
        var added: [Order] = []
        for command in ComputerPlayer.orders(for: b, view: view, level: level, seed: game.seed) {
            // Every computer order of a kind the delegation has not given (two dilemmas get two answers).
            guard case .order(_, let order) = command, !given.contains(where: { $0.kind == order.kind }) else { continue }
            if case .message = order { continue }
            if case .statement = order { continue }
            added.append(order)
        }
        return added
    }

    /// A delegation's commands for the log: its own orders, then those the computer gave in its
    /// name, marked as such (the rules treat both alike, in this order).
    public static func commands(bloc id: String, own: [Order], byComputer: [Order]) -> [Command] {
        own.map { Command.order(bloc: id, $0) } + byComputer.map { Command.givenByComputer(bloc: id, $0) }
    }

    /// The sentence telling a delegation which orders were given in its name.
    public static func notice(_ added: [Order], _ game: Game) -> String {
        let list = added.isEmpty ? "none (your own orders stand)" : added.map { OrderText.describe($0, game.scenario, game.state) }.joined(separator: "; ")
        return "Time is up. The computer gave these orders in your name (o lists them): \(list)."
    }
}
