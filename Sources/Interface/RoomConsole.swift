import GameCore
import Strategy

/// The facilitator's console in a room: the clock in the facilitator's hands (pause, add
/// minutes, end a delegation's turn, resolve now, undo the computer's orders at zero, which timer
/// to keep after a load or a rewind). Each choice becomes a `ClockCommand` the room carries out.
extension AppState {
    /// Keys of the console that only a room has; true when the key was one of them.
    mutating func roomConsoleKey(_ key: Key, _ g: Game) -> Bool {
        let sc = g.scenario
        switch key {
        case .char("p"):
            let paused = timer?.paused ?? true
            guard timer != nil else { message = "There is no clock to start: t sets a turn timer."; return true }
            seatOutbox.append(.clock(paused ? .resume : .pause))
            message = paused ? "The clock runs." : "The clock is paused."
        case .char("+"):
            guard timer != nil else { message = "There is no clock to add to: t sets a turn timer."; return true }
            modal = .prompt(Prompt(purpose: .addMinutes, question: "Add how many minutes to this turn? (a negative number takes time away)", text: "5"))
        case .char("d"):
            let playing = humans.filter { b in !roomStatus.contains { $0.label == sc.blocs[b].id && $0.done } }
            guard !playing.isEmpty else { message = "Every delegation has already ended its turn."; return true }
            modal = .pick(Picker(purpose: .endDelegationTurn(playing), question: "End whose turn now? Its orders are sealed as they stand.",
                                 options: playing.map { "\(sc.blocs[$0].id) — \(sc.blocs[$0].name)" }, selected: 0))
        case .char("R"):
            modal = .pick(Picker(purpose: .resolveNow, question: "Resolve the turn now? Delegations still playing end with the orders they have given so far.",
                                 options: ["Resolve the turn now", "Keep playing"], selected: 1))
        case .char("z"):
            let filled = humans.filter { b in roomStatus.contains { $0.label == sc.blocs[b].id && $0.filledByComputer } }
            guard !filled.isEmpty else { message = "The computer has given no delegation's orders this turn."; return true }
            modal = .pick(Picker(purpose: .undoFill(filled), question: "Take back the orders the computer gave in whose name? That delegation plays on.",
                                 options: filled.map { "\(sc.blocs[$0].id) — \(sc.blocs[$0].name)" }, selected: 0))
        default:
            return false
        }
        return true
    }

    /// Finishes the room's pickers; false when the picker is not one of them.
    mutating func finishRoomPick(_ picker: Picker, _ g: Game) -> Bool {
        let sc = g.scenario
        switch picker.purpose {
        case .endDelegationTurn(let blocs):
            guard blocs.indices.contains(picker.selected) else { return true }
            let b = blocs[picker.selected]
            seatOutbox.append(.clock(.endTurn(bloc: b)))
            message = "\(possessive(sc.blocs[b].name)) turn is ended: its orders are sealed as they stood."
        case .undoFill(let blocs):
            guard blocs.indices.contains(picker.selected) else { return true }
            let b = blocs[picker.selected]
            seatOutbox.append(.clock(.undoFill(bloc: b)))
            message = "The computer's orders for \(sc.blocs[b].name) are taken back; it plays on (+ adds minutes)."
        case .resolveNow:
            if picker.selected == 0 {
                seatOutbox.append(.clock(.resolveNow))
                message = "Resolving the turn."
            }
        case .keepTimer(let timers):
            guard timers.indices.contains(picker.selected) else { return true }
            let t = timers[picker.selected]
            if isSeated {
                seatOutbox.append(.clock(.keep(t)))
                message = t == nil ? "No turn timer." : "The clock keeps \(picker.options[picker.selected].lowercased()); it is paused: p starts it."
            } else {
                keepHotseatTimer(t)
            }
        default:
            return false
        }
        return true
    }

    /// Asks the facilitator which timer the clock keeps, after a load or a rewind: the game's
    /// own (from the save or the turn rewound to) or the one in force before; the clock is paused
    /// until the facilitator starts it.
    public mutating func askWhichTimer(saved: TurnTimer?, current: TurnTimer?, why: String) {
        var options: [String] = []
        var timers: [TurnTimer?] = []
        func describe(_ t: TurnTimer) -> String {
            "\(t.minutes) minute\(t.minutes == 1 ? "" : "s") a turn, at zero \(t.atZero == .wait ? "the turn waits" : "the computer fills in")"
        }
        if let current { options.append("The timer set now: " + describe(current)); timers.append(current) }
        // The same minutes and zero rule is the same timer, paused or not.
        if let saved, current.map({ $0.minutes != saved.minutes || $0.atZero != saved.atZero }) ?? true {
            options.append("The game's own timer: " + describe(saved)); timers.append(saved)
        }
        options.append("No turn timer"); timers.append(nil)
        modal = .pick(Picker(purpose: .keepTimer(timers), question: "\(why) The clock is paused. Which turn timer do you keep?",
                             options: options, selected: 0))
    }

    /// Hotseat, after a load or a rewind: the clock stops and the question of which timer to keep
    /// is asked before anyone plays (`current` is one set just now, by the console or `--turn-minutes`).
    public mutating func holdClock(current: TurnTimer?, why: String) {
        let own = game?.state.timer
        guard current != nil || own != nil else { resetTimer(nil); return }
        resetTimer(current ?? own)
        timer?.paused = true
        askWhichTimer(saved: own, current: current, why: why)
    }

    /// Hotseat: the timer chosen after a load or a rewind. A timer other than the game's own is
    /// logged with this turn; with a facilitator seat it stays paused until the console's t
    /// resumes it (without one, nobody could, so it runs).
    mutating func keepHotseatTimer(_ chosen: TurnTimer?) {
        var t = chosen
        t?.paused = false
        facilitatorQueue.removeAll { if case .timer = $0 { return true }; return false }
        let own = game?.state.timer
        if t?.minutes != own?.minutes || t?.atZero != own?.atZero || (own?.paused ?? false) { facilitatorQueue.append(.timer(t)) }
        resetTimer(t)
        if facilitatorSeat { timer?.paused = true }
        message = t == nil ? "No turn timer." : "The turn timer is \(t!.minutes) min" + (facilitatorSeat ? ", paused: the console's t resumes it." : " and runs while delegations play.")
    }
}
