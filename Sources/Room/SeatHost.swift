import Interface

/// A seat of a hosted game: one delegation (a bloc index of the scenario), the facilitator, or
/// the projector (public information only).
public enum SeatKind: Hashable, Sendable {
    case delegation(Int)
    case facilitator
    case projector
}

/// One seat as the room offers it to participants: the seat, its label (`US`, `FACILITATOR`,
/// `PROJECTOR`), the SSH user name that opens it (`us`, `facilitator`, `projector`) and its join
/// code, which is the SSH password of that seat.
public struct SeatTicket: Hashable, Sendable {
    public var seat: SeatKind
    public var label: String
    public var user: String
    public var code: String

    public init(seat: SeatKind, label: String, user: String, code: String) {
        self.seat = seat; self.label = label; self.user = user; self.code = code
    }
}

/// One open session of a seat: an SSH channel with a PTY, or the host's own terminal.
public struct SessionID: Hashable, Sendable, Comparable {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public static func < (a: SessionID, b: SessionID) -> Bool { a.raw < b.raw }
}

/// What a front door (the SSH server, the host's own terminal) asks of a hosted game.
///
/// This is the seam between the room, which knows the game, and the doors, which know bytes and
/// terminals and nothing of the rules. Every call is made from one thread (the room's serial
/// queue); no call blocks or does I/O beyond the room's own journal and saves.
public protocol SeatHost: AnyObject {
    /// Every seat of the game, delegations in bloc order, then the facilitator, then the projector.
    var tickets: [SeatTicket] { get }
    /// The seat these credentials open, or nil for an unknown user or a wrong code (a code of
    /// another seat is wrong too).
    func admit(user: String, code: String) -> SeatTicket?
    /// Opens a session on a seat at a window size. A session already open on that seat is moved
    /// to the new one: it is returned as `displaced`, and the door closes it after showing
    /// `closing(displaced)`'s sentence.
    func open(_ seat: SeatKind, width: Int, height: Int) -> (session: SessionID, displaced: SessionID?)
    /// A key pressed in a session.
    func key(_ key: Key, from session: SessionID)
    /// The session's window changed size (an SSH window-change request, or SIGWINCH at the host).
    func resize(_ session: SessionID, width: Int, height: Int)
    /// The session is gone (connection dropped or closed); its seat keeps its place and its
    /// half-written orders for the next session that opens it.
    func close(_ session: SessionID)
    /// The wall clock in seconds, about once a second: drives the turn clock.
    func tick(now: Double)
    /// What the session shows now, at its window size.
    func screen(of session: SessionID) -> Screen?
    /// Sessions whose screen may have changed since the last call (the call clears the list).
    func takeDirty() -> [SessionID]
    /// Sessions the door must close, each with one sentence to show first (a seat opened
    /// elsewhere, the game over and saved). The call clears the list.
    func takeClosing() -> [(session: SessionID, reason: String)]
    /// True once the game has ended or the host was told to stop, and everything is saved.
    var isFinished: Bool { get }
    /// Keys that arrived together (a paste, a burst of typing), in order. The same as calling
    /// `key` for each, but a host may redraw once and drop the rest of a paste that overflows a
    /// text field at once. (Added by the room; the default calls `key` for each.)
    func keys(_ keys: [Key], from session: SessionID)
}

extension SeatHost {
    public func keys(_ keys: [Key], from session: SessionID) {
        for k in keys { key(k, from: session) }
    }
}
