import GameCore

/// Orders the computer gave in a delegation's name when the turn clock ran out, one entry per
/// delegation and turn (the log marks them as `Command.givenByComputer`).
public struct ComputerOrders: Codable, Equatable, Sendable {
    /// The delegation's bloc id.
    public var bloc: String
    /// The turn (0-based) and its label.
    public var turn: Int
    public var label: String
    /// The orders, in words.
    public var orders: [String]
}

extension Collector {
    /// Collects this turn's computer-given orders, grouped by delegation in log order.
    func computerOrders(_ t: Int, commands: [Command]) -> [ComputerOrders] {
        var out: [ComputerOrders] = []
        for command in commands {
            guard case .givenByComputer(let id, let order) = command else { continue }
            let words = ComputerOrders.describe(order, scenario)
            if let k = out.firstIndex(where: { $0.bloc == id }) {
                out[k].orders.append(words)
            } else {
                out.append(ComputerOrders(bloc: id, turn: t, label: label(t), orders: [words]))
            }
        }
        return out
    }
}

extension ComputerOrders {
    /// An order in a few words, naming blocs and sectors by name.
    static func describe(_ o: Order, _ s: Scenario) -> String {
        func name(_ id: String) -> String { s.blocIndex(id).map { s.blocs[$0].name } ?? id }
        switch o {
        case .allocate(let a):
            return "budget split " + zip(Track.allCases, a).map { "\($0.0.rawValue) \(fmt($0.1, 0)) %" }.joined(separator: ", ")
        case .changeBudget(let d): return d >= 0 ? "raise the quantum budget by USD \(fmt(d, 1)) bn" : "cut the quantum budget by USD \(fmt(-d, 1)) bn"
        case .mandate(let sector, let deadline): return "mandate \(s.sectorIndex(sector).map { s.sectors[$0].name } ?? sector) quantum-safe by \(deadline)"
        case .chooseStandard(let f): return "adopt the \(f.title) standard family"
        case .deployQKD(let bn, let sat): return sat ? "launch a QKD satellite" : "build USD \(fmt(bn, 1)) bn of QKD links"
        case .imposeControl(let c, let t): return "impose \(c.rawValue) export controls on \(join(t.map(name)))"
        case .liftControl(let c, let t): return "lift \(c.rawValue) export controls on \(join(t.map(name)))"
        case .proposeTreaty(let type, let parties, _): return "propose a \(type.lowerTitle) to \(join(parties.map(name)))"
        case .respondTreaty(let id, let accept): return "\(accept ? "accept" : "reject") proposal #\(id)"
        case .withdrawTreaty(let id): return "withdraw from treaty #\(id)"
        case .violateTreaty(let id, let v): return v ? "secretly break treaty #\(id)" : "stop breaking treaty #\(id)"
        case .harvest(let t, let on): return on ? "harvest \(possessive(name(t))) encrypted traffic" : "stop harvesting \(name(t))"
        case .espionage(let t): return "espionage against \(name(t))"
        case .counterIntelligence: return "a counter-intelligence campaign"
        case .decrypt(let on): return on ? "decrypt the harvested stockpile" : "stop decrypting"
        case .discloseCRQC: return "announce its CRQC"
        case .dialogue(let w): return "dialogue with \(name(w))"
        case .statement(let text, _): return "a statement: “\(clip(text, 80))”"
        case .aid(let to, let bn): return "aid of USD \(fmt(bn, 2)) bn to \(name(to))"
        case .message(let to, _): return "a message to \(name(to))"
        case .freeAction(let text, _): return "an action for the facilitator: “\(clip(text, 80))”"
        case .chooseDilemma(let id, let option): return "option \(option + 1) of dilemma #\(id)"
        }
    }
}

extension Debrief {
    /// The report's section on orders the computer gave in delegations' names (none: no section).
    func computerOrderBlocks() -> [Block] {
        guard let entries = computerOrders, !entries.isEmpty else { return [] }
        var out: [Block] = [.heading(2, "Orders the computer gave in a delegation's name")]
        out.append(.paragraph("When the turn clock ran out, the computer gave the orders a delegation had not given (never a message or a statement). Worth asking each of them whether they would have chosen the same."))
        out.append(.bullets(entries.map { e in
            "\(e.label), \(name(e.bloc)) (\(e.bloc)): " + e.orders.joined(separator: "; ") + "."
        }))
        return out
    }
}
