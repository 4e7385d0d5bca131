import GameCore
import Strategy

extension AppState {
    /// Moving through the blocs on the world and bloc screens, the same for delegations and the
    /// facilitator. Returns whether the key was one of these.
    mutating func browseBlocs(_ key: Key, count: Int) -> Bool {
        switch (screen, key) {
        case (.dashboard, .up): moveCursor(-1, count: count)
        case (.dashboard, .down): moveCursor(1, count: count)
        case (.dashboard, .enter): focusBloc = row(.dashboard); screen = .bloc
        case (.bloc, .left): focusBloc = (focusBloc - 1 + count) % count
        case (.bloc, .right): focusBloc = (focusBloc + 1) % count
        default: return false
        }
        return true
    }

    /// Keys that act on the current screen (orders, selections).
    mutating func handleScreenKey(_ key: Key) {
        guard let g = game, let me = currentBloc, let v = view else { return }
        let others = g.scenario.blocs.indices.filter { $0 != me }
        if browseBlocs(key, count: g.scenario.blocs.count) { return }
        switch screen {
        case .dashboard:
            break
        case .bloc:
            let target = focusBloc
            switch key {
            case .up: scroll = max(0, scroll - 1)
            case .down: scroll += 1
            case .char("g") where target != me: give(.dialogue(with: g.scenario.blocs[target].id), "Dialogue with \(g.scenario.blocs[target].name) requested (1 capital).")
            case .char("m") where target != me:
                modal = .prompt(Prompt(purpose: .message(to: target), question: "Message to \(g.scenario.blocs[target].name):", text: ""))
            case .char("a") where target != me:
                modal = .pick(Picker(purpose: .aidAmount(to: target), question: "Aid to \(g.scenario.blocs[target].name) for skills and migration (USD bn, once):",
                                     options: ["0.05", "0.1", "0.25", "0.5"], selected: 1))
            case .char("x") where target != me: give(.espionage(target: g.scenario.blocs[target].id), "Espionage operation against \(g.scenario.blocs[target].name) (1 capital).")
            case .char("h") where target != me: toggleHarvest(target, v, g)
            default: break
            }
        case .budget:
            let tracks = Track.allCases.count
            var alloc = draftAllocation ?? orderedAllocation ?? v.me!.allocation
            switch key {
            case .up: moveCursor(-1, count: tracks)
            case .down: moveCursor(1, count: tracks)
            case .left, .right:
                alloc = Allocation.shift(alloc, track: row(.budget), by: key == .right ? 5 : -5)
                draftAllocation = alloc
            case .enter:
                give(.allocate(alloc.map { ($0 * 100).rounded() / 100 }), "New budget split will apply this turn.")
                draftAllocation = nil
            case .char("+"), .char("="): give(.changeBudget(max(0.05, v.me!.budget * 0.1)), "Budget rise of 10 % ordered (2 capital; costs some support).")
            case .char("-"): give(.changeBudget(-max(0.05, v.me!.budget * 0.1)), "Budget cut of 10 % ordered (2 capital).")
            case .char("k"): give(.deployQKD(billion: 0.2, satellite: false), "USD 0.2 bn of extra QKD links ordered (1 capital).")
            case .char("K"): give(.deployQKD(billion: 0.4, satellite: true), "A QKD satellite launch ordered (1 capital).")
            case .char("r"):
                // First the draft goes (back to the ordered split, if any); pressed again, the order goes.
                if draftAllocation != nil {
                    draftAllocation = nil
                    message = orderedAllocation != nil ? "Draft discarded: the ordered split stays (r again withdraws it)."
                                                       : "Budget split reset to the one in force."
                } else if ordersSealed {
                    message = AppState.sealedSentence
                } else if let k = currentHuman, orderedAllocation != nil {
                    pending[k].removeAll { if case .allocate = $0 { return true }; return false }
                    message = "The ordered split is withdrawn: the split in force stays."
                } else {
                    message = "Budget split reset to the one in force."
                }
            default: break
            }
        case .pqc:
            switch key {
            case .up: moveCursor(-1, count: g.scenario.sectors.count)
            case .down: moveCursor(1, count: g.scenario.sectors.count)
            case .char("m"), .enter:
                let s = row(.pqc)
                let year = Int(g.scenario.calendar.year(g.state.turn))
                let last = Int(g.scenario.calendar.year(g.scenario.calendar.turnCount - 1))
                let years = Array((year + 1)...max(year + 1, min(year + 10, last)))
                let calendar = g.scenario.calendar
                let lastTurn = calendar.turnCount - 1
                // Year-end deadlines that fall inside the game; a game that ends mid-year offers its last turn instead.
                var labels = years.map { y -> String in
                    switch calendar.length {
                    case .quarter: return "\(y)-Q4"
                    case .half: return "\(y)-H2"
                    case .year: return "\(y)"
                    }
                }.filter { TurnDate.parse($0).map { calendar.turnIndex(of: $0) <= lastTurn } ?? false }
                let end = calendar.label(lastTurn)
                if lastTurn > g.state.turn && !labels.contains(end) { labels.append(end) }
                guard !labels.isEmpty else { message = "No deadline is left inside the game for a mandate."; return }
                modal = .pick(Picker(purpose: .mandateDeadline(sector: s), question: "Mandate \(g.scenario.sectors[s].name) quantum-safe by (2 capital):",
                                     options: labels, selected: min(4, labels.count - 1)))
            case .char("f"):
                modal = .pick(Picker(purpose: .standardFamily, question: "Standard family (2 capital; switching redoes part of the migration):",
                                     options: ["NIST — FIPS 203/204/205", "national — your own algorithms", "hybrid — both, interoperates with everyone"],
                                     selected: StandardFamily.allCases.firstIndex(of: v.me!.standard)!))
            default: break
            }
        case .controls:
            switch key {
            case .up: moveCursor(-1, count: others.count)
            case .down: moveCursor(1, count: others.count)
            case .left: column = max(0, column - 1)
            case .right: column = min(ControlCategory.allCases.count - 1, column + 1)
            case .enter, .char(" "):
                guard others.indices.contains(row(.controls)) else { return }
                let t = others[row(.controls)]
                let cat = ControlCategory.allCases[column]
                let id = g.scenario.blocs[t].id
                if v.controls.contains(where: { $0.by == me && $0.target == t && $0.category == cat }) {
                    give(.liftControl(category: cat, targets: [id]), "Lifting \(cat.rawValue) controls on \(g.scenario.blocs[t].name) (1 capital).")
                } else {
                    give(.imposeControl(category: cat, targets: [id]), "Imposing \(cat.rawValue) controls on \(g.scenario.blocs[t].name) (1 capital).")
                }
            default: break
            }
        case .diplomacy:
            let rows = DiplomacyRows.make(v)
            switch key {
            case .up: moveCursor(-1, count: rows.count)
            case .down: moveCursor(1, count: rows.count)
            case .char("p"): modal = .draft(TreatyDraft())
            case .char("t"):
                modal = .pick(Picker(purpose: .statementTarget, question: "A public statement, or an accusation against:",
                                     options: ["(no one — a general statement)"] + others.map { g.scenario.blocs[$0].name }, selected: 0))
            case .char("a"), .char("r"), .char("w"), .char("v"):
                guard rows.indices.contains(row(.diplomacy)) else { message = "Select a treaty or proposal first."; return }
                let t = rows[row(.diplomacy)].treaty
                switch key {
                case .char("a"), .char("r"):
                    guard t.status == .proposed, let k = t.parties.firstIndex(of: me), t.answers[k] == .pending else {
                        message = "Only a proposal waiting for your answer can be accepted or rejected."; return
                    }
                    let accept = key == .char("a")
                    pendingRemove { if case .respondTreaty(let id, _) = $0 { return id == t.id }; return false }
                    give(.respondTreaty(treaty: t.id, accept: accept), "You will \(accept ? "accept" : "reject") \(t.name).")
                case .char("w"):
                    guard t.isMember(me) else { message = "You are not a member of \(t.name)."; return }
                    give(.withdrawTreaty(treaty: t.id), "You will withdraw from \(t.name) (1 capital; members will resent it).")
                default:
                    guard t.isMember(me), t.status == .inForce, t.type.canBeViolatedSecretly else {
                        message = "Only a treaty in force of a kind that can be broken in secret can be violated."; return
                    }
                    let violating = t.violations.contains { $0.bloc == me && $0.active }
                    give(.violateTreaty(treaty: t.id, violate: !violating), violating ? "You will stop breaking \(t.name)." : "You will secretly break \(t.name). Detection is possible.")
                }
            default: break
            }
        case .intelligence:
            switch key {
            case .up: moveCursor(-1, count: others.count)
            case .down: moveCursor(1, count: others.count)
            case .char("h"): if others.indices.contains(row(.intelligence)) { toggleHarvest(others[row(.intelligence)], v, g) }
            case .char("x"):
                if others.indices.contains(row(.intelligence)) {
                    let t = others[row(.intelligence)]
                    give(.espionage(target: g.scenario.blocs[t].id), "Espionage operation against \(g.scenario.blocs[t].name) (1 capital).")
                }
            case .char("i"): give(.counterIntelligence, "Counter-intelligence campaign this turn (1 capital).")
            case .char("d"):
                guard v.me?.crqcTurn != nil else { message = "You have no CRQC: there is nothing to decrypt with."; return }
                let on = !(v.me!.decrypting)
                give(.decrypt(active: on), on ? "Your CRQC will decrypt the harvested stockpile (risk of detection)." : "Decryption will stop.")
            case .char("D"):
                guard v.me?.crqcTurn != nil else { message = "You have no CRQC to disclose."; return }
                guard v.me?.crqcPublic != true else { message = "Your CRQC is already known to the world."; return }
                // Disclosure cannot be undone once the turn resolves: it asks first and states the cost.
                modal = .confirmDisclose
            default: break
            }
        case .messages:
            switch key {
            case .up: scroll = max(0, scroll - 1)
            case .down: scroll += 1
            case .char("m"), .enter:
                modal = .pick(Picker(purpose: .messageRecipient, question: "Send a message to:", options: others.map { g.scenario.blocs[$0].name }, selected: 0))
            default: break
            }
        case .dilemmas:
            switch key {
            case .up: moveCursor(-1, count: v.dilemmas.count)
            case .down: moveCursor(1, count: v.dilemmas.count)
            case .enter:
                guard v.dilemmas.indices.contains(row(.dilemmas)) else { message = "There is no open dilemma."; return }
                let d = v.dilemmas[row(.dilemmas)]
                guard let def = EventText.definition(d.source, g.scenario), let dilemma = def.dilemma else { return }
                // Each option carries its effects beside it (and whole under the list when it is long).
                let effects = dilemma.options.map { EffectText.describe($0.effects, scenario: g.scenario, viewer: me) }
                modal = .pick(Picker(purpose: .dilemmaOption(dilemma: d.id), question: def.title,
                                     options: zip(dilemma.options, effects).map { $1.isEmpty ? $0.label : "\($0.label) [\($1)]" }, selected: 0,
                                     details: zip(dilemma.options, effects).map { $1.isEmpty ? $0.label : "\($0.label): \($1)" }))
            default: break
            }
        case .orders:
            switch key {
            case .up: moveCursor(-1, count: pendingOrders.count)
            case .down: moveCursor(1, count: pendingOrders.count)
            case .delete, .backspace, .char("x"):
                guard let k = currentHuman, pending[k].indices.contains(row(.orders)) else { return }
                if ordersSealed { message = AppState.sealedSentence; return }
                if case .delegation = seat, case .message = pending[k][row(.orders)] {
                    message = "That message was delivered when you sent it; it cannot be taken back."
                    return
                }
                pending[k].remove(at: row(.orders))
                moveCursor(0, count: pending[k].count)
                message = "Order removed."
            case .char("n"):
                modal = .prompt(.freeAction(facilitator: facilitatorSeat))
            default: break
            }
        case .charts:
            switch key {
            case .up: chartIndicator = max(0, chartIndicator - 1)
            case .down: chartIndicator = min(ChartIndicator.all(g.scenario).count - 1, chartIndicator + 1)
            default: break
            }
        case .facilitator:
            break
        case .report, .help, .objectives:
            switch key {
            case .up: scroll = max(0, scroll - 1)
            case .down: scroll += 1
            case .pageUp: scroll = max(0, scroll - 20)
            case .pageDown: scroll += 20
            default: break
            }
        }
    }

    private mutating func toggleHarvest(_ t: Int, _ v: GameView, _ g: Game) {
        guard let me = currentBloc else { return }
        let running = v.harvests.contains { $0.harvester == me && $0.target == t && $0.active }
        give(.harvest(target: g.scenario.blocs[t].id, active: !running),
             running ? "Harvest of \(possessive(g.scenario.blocs[t].name)) traffic will stop." : "Your agencies will harvest \(possessive(g.scenario.blocs[t].name)) encrypted traffic (1 capital).")
    }

    private mutating func pendingRemove(_ predicate: (Order) -> Bool) {
        guard let k = currentHuman, !ordersSealed else { return }
        pending[k].removeAll(where: predicate)
    }
}

/// Rebalancing an allocation while keeping it at 100 %.
public enum Allocation {
    /// Moves `by` points to (or from) one track, taking them from (or giving them to) the others in proportion.
    public static func shift(_ alloc: [Double], track: Int, by delta: Double) -> [Double] {
        var a = alloc
        let target = max(0, min(100, a[track] + delta))
        let change = target - a[track]
        guard abs(change) > 1e-9 else { return a }
        var othersTotal = 0.0
        for (i, x) in a.enumerated() where i != track { othersTotal += x }
        a[track] = target
        if othersTotal > 1e-9 {
            for i in a.indices where i != track { a[i] = max(0, a[i] - change * a[i] / othersTotal) }
        } else {
            let share = -change / Double(a.count - 1)
            for i in a.indices where i != track { a[i] = max(0, share) }
        }
        let sum = a.reduce(0, +)
        return a.map { $0 * 100 / sum }
    }
}
