import GameCore
import Strategy

/// Which seat an interface plays: the whole hotseat rotation on one keyboard, or one seat of a
/// game hosted elsewhere (a room), where every seat has its own interface and its own screen.
public enum SeatRole: Hashable, Sendable {
    /// Every human delegation and the facilitator take turns at one keyboard (as before rooms).
    case hotseat
    /// One delegation, by bloc index: its fogged view only; ending the turn seals its orders.
    case delegation(Int)
    /// The facilitator's console and unfogged view; ending the turn releases it.
    case facilitator
    /// The projector: public information only, read-only.
    case projector
}

/// A command of the clock in the facilitator's hands, carried out by the room.
public enum ClockCommand: Hashable, Sendable {
    case pause
    case resume
    case addMinutes(Int)
    /// Seals a delegation's orders as they stand.
    case endTurn(bloc: Int)
    /// Ends every delegation's turn as it stands and resolves the turn.
    case resolveNow
    /// Takes back the orders the computer gave in a delegation's name when the clock ran out.
    case undoFill(bloc: Int)
    /// After a load or a rewind: which timer the clock keeps (nil: none).
    case keep(TurnTimer?)
}

/// What a seated interface asks of the room that hosts it. The hotseat never emits these; the
/// room drains them with `takeSeatEffects()` after every key (they are not `AppEffect`s, so the
/// hotseat's effect handling needs no change).
public enum SeatEffect: Hashable, Sendable {
    /// The delegation sealed these orders for this turn.
    case sealed([Order])
    /// The delegation opened its sealed orders again.
    case unsealed
    /// The delegation sent a message: the room shows it to the recipient at once (it stays an
    /// order of this turn, logged when the turn resolves).
    case messageSent(to: Int, text: String)
    /// The facilitator released the turn (it resolves once every delegation has sealed), or held it again.
    case released(Bool)
    /// The facilitator's actions of this turn changed (the room journals them).
    case facilitatorActions([FacilitatorAction])
    case clock(ClockCommand)
}

/// One seat as every other seat sees it on the status line ("US ✔ EU … JP ✔").
public struct SeatStatus: Hashable, Sendable {
    /// `US`, or `FACILITATOR`.
    public var label: String
    /// Orders sealed (a delegation) or turn released (the facilitator).
    public var done: Bool
    /// A session is open on the seat.
    public var connected: Bool
    /// Whole seconds since the seat's last key, while connected.
    public var idleSeconds: Int
    /// The computer gave this delegation's orders when the clock ran out.
    public var filledByComputer: Bool

    public init(label: String, done: Bool, connected: Bool, idleSeconds: Int = 0, filledByComputer: Bool = false) {
        self.label = label; self.done = done; self.connected = connected; self.idleSeconds = idleSeconds
        self.filledByComputer = filledByComputer
    }
}

/// A message another delegation sent this turn, shown to its recipient as soon as it is sent.
public struct LiveMessage: Hashable, Sendable {
    public var from: Int
    public var text: String
    public init(from: Int, text: String) { self.from = from; self.text = text }
}

extension AppState {
    /// The longest text a field takes, in characters: a pasted megabyte stops here at once.
    public static let textLimit = 2_000
    /// What a writer reads when the bound is hit.
    static let textLimitSentence = "That is as long as a text can be here (2,000 characters); the rest was not typed. Shorten it with Backspace, or press Enter to use it as it is."

    /// An interface for one seat of a game hosted by a room. `humans` are the bloc indices played
    /// by people (the facilitator's console lists them); `facilitator` tells a delegation whether a
    /// facilitator rules on its free-text actions.
    public static func seated(_ role: SeatRole, game: Game, humans: [Int], level: AILevel, facilitator: Bool,
                              colors: Bool = true) -> AppState {
        var app = AppState(choices: [], colors: colors)
        app.seat = role
        app.game = game
        app.level = level
        app.facilitatorSeat = facilitator
        switch role {
        case .hotseat:
            app.resume(game: game, humans: humans, level: level, facilitator: facilitator)
        case .delegation(let b):
            app.humans = [b]
            app.pending = [[]]
            app.focusBloc = b
            if game.isOver { app.mode = .gameOver; app.screen = .report }
            else if game.state.turn == 0 { app.mode = .briefing(0); app.screen = .dashboard }
            else { app.mode = .playing(0); app.screen = .report }
        case .facilitator:
            app.humans = humans
            app.pending = humans.map { _ in [] }
            app.mode = game.isOver ? .gameOver : .facilitating
            app.debriefByFacilitator = game.isOver
            app.screen = game.isOver ? .report : .facilitator
        case .projector:
            app.mode = .projecting
            app.screen = .dashboard
        }
        return app
    }

    /// Whether this interface plays one seat of a room (not the hotseat).
    public var isSeated: Bool { seat != .hotseat }

    /// Whether a text field is open and full: typed characters are dropped until Backspace.
    public var textFieldIsFull: Bool {
        if case .prompt(let p)? = modal { return p.error == AppState.textLimitSentence }
        return false
    }

    /// Whether a seated delegation's orders are sealed, so nothing may change them.
    var ordersSealed: Bool {
        if case .delegation = seat { return sealed }
        return false
    }

    /// The sentence a sealed delegation reads when it tries to change its orders.
    static let sealedSentence = "Your orders are sealed for this turn. Press e to unseal them if you want to change them."

    /// Effects for the room since the last call (the call clears them).
    public mutating func takeSeatEffects() -> [SeatEffect] {
        defer { seatOutbox = [] }
        return seatOutbox
    }

    /// Ends a seat's part of the turn: a delegation seals (or unseals) its orders, the facilitator
    /// releases (or holds) the turn. The room decides when the turn resolves.
    mutating func endSeatTurn() {
        switch seat {
        case .delegation:
            guard case .playing = mode else { return }
            if sealed {
                sealed = false
                seatOutbox.append(.unsealed)
                message = "Your orders are open again; e seals them when you are done."
            } else {
                sealed = true
                draftAllocation = nil
                seatOutbox.append(.sealed(pending.first ?? []))
                message = "Your orders are sealed. The turn resolves when every delegation has ended its turn; meanwhile every screen stays open to read."
            }
        case .facilitator:
            released.toggle()
            seatOutbox.append(.released(released))
            message = released ? "Released: the turn resolves when every delegation has sealed its orders (e holds it again)."
                               : "Held: the turn waits for you to release it with e."
        case .hotseat, .projector:
            break
        }
    }

    /// The room resolved a turn (or rewound or loaded the game): this seat's interface moves to
    /// the new turn. Half-written text in a message, statement or free-text action stays open;
    /// other dialogs close, since what they pointed at may have changed.
    public mutating func seatTurnResolved(_ game: Game, note: String? = nil) {
        self.game = game
        pending = pending.map { _ in [] }
        sealed = false
        released = false
        incoming = []
        notice = nil
        computerGiven = []
        facilitatorQueue = []
        draftAllocation = nil
        cursor = [:]
        scroll = 0
        if case .prompt(let p)? = modal, p.keepsAcrossTurns {
            dialogSteps = []; dialogAhead = []
        } else {
            modal = nil
        }
        switch seat {
        case .delegation:
            if game.isOver { mode = .gameOver; screen = .report }
            else { mode = .playing(0); screen = .report }
        case .facilitator:
            if game.isOver { mode = .gameOver; debriefByFacilitator = true; screen = .report }
            else { mode = .facilitating }
        case .projector, .hotseat:
            break
        }
        message = note
    }

    /// The clock as the room runs it: seats show it and never count it down themselves.
    public mutating func showClock(_ timer: TurnTimer?, remaining: Double) {
        self.timer = timer
        timerRemaining = max(0, remaining)
    }

    /// The one-line status of the room's seats, as drawn on every seat ("US ✔ EU … JP ✔").
    public var roomStatusLine: String {
        roomStatus.map { s in
            var mark = s.done ? "✔" : "…"
            if s.filledByComputer { mark = "⚙" }
            return "\(s.label) \(mark)" + (s.connected || s.label == "FACILITATOR" && !facilitatorSeat ? "" : " (away)")
        }.joined(separator: "  ")
    }
}

extension Prompt {
    /// Text a delegation is writing, which a resolved turn must not throw away.
    var keepsAcrossTurns: Bool {
        switch purpose {
        case .message, .statement, .freeAction, .freeActionIntent: return true
        default: return false
        }
    }
}
