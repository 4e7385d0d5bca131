import Foundation
import Interface
import Room
import Terminal

/// The door's side of one SSH session, as the room thread sees it. Its methods are called on the
/// room thread and must not block: they hand work to the network's own threads.
public protocol SeatLink: AnyObject, Sendable {
    /// The seat's terminal is ready: what the client types goes into `master`, and what is read
    /// out of it goes to the client. The link owns the descriptor from now on.
    func attach(master: Int32)
    /// Shows the sentence to the client, then closes the session.
    func finish(reason: String)
}

/// Something the network side asks of the room, queued for the room thread.
public enum RoomRequest: Sendable {
    /// Credentials to check; `answer` gets the seat (nil: refused) and the seconds to wait before
    /// saying so (a growing delay after repeated failures from one address).
    case admit(user: String, code: String, address: String, answer: @Sendable (SeatTicket?, Double) -> Void)
    /// A PTY session asks to open a seat.
    case open(seat: SeatKind, termHint: String, width: Int, height: Int, link: any SeatLink)
    /// The client's window changed size.
    case resize(link: any SeatLink, width: Int, height: Int)
    /// The connection is gone.
    case gone(link: any SeatLink)
    /// The host's own terminal becomes the facilitator's console.
    case openConsole
    /// The host's own terminal changed size (SIGWINCH).
    case consoleResized
    /// SIGINT or SIGTERM: save and stop.
    case stop
}

/// The room thread: the one thread that calls the hosted game (`SeatHost`) and ncurses. It waits
/// on every seat's terminal and on a wake-up pipe at once, so nothing here ever waits on a socket:
/// a slow or broken seat only fills buffers on the network side.
public final class RoomLoop: @unchecked Sendable {
    /// Keys taken from one seat before the others are served again (a long paste arrives in slices).
    public static let keysPerSlice = 64
    /// Said to a session moved to a newer connection when the host gives no sentence of its own.
    public static let displacedSentence = "This seat was opened from another connection, so this one is closed. Reconnect with the same code to take it back."
    /// Said to every session still open when the room stops without a sentence of its own.
    public static let stoppedSentence = "The host has stopped the room and saved the game. Thank you for playing."

    private let host: any SeatHost
    private let colors: Bool
    private let onStop: () -> Void
    private let lock = NSLock()
    private var inbox: [RoomRequest] = []
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    private var throttle = LoginThrottle()

    private final class OpenSeat {
        let session: SessionID
        let terminal: SeatTerminal
        let link: (any SeatLink)?
        var moreWaiting = false
        init(session: SessionID, terminal: SeatTerminal, link: (any SeatLink)?) {
            self.session = session; self.terminal = terminal; self.link = link
        }
    }
    /// Open seats in the order they were opened (never a Dictionary walk: the order of drawing
    /// and reading stays the same from run to run).
    private var seats: [OpenSeat] = []
    private var console: SeatTerminal?
    private var consoleParked: String?
    private var stopping = false

    /// A loop for a hosted game. `onStop` is called on the room thread when SIGINT/SIGTERM asks the
    /// room to stop: it must tell the game to save and finish.
    public init(host: any SeatHost, colors: Bool, onStop: @escaping () -> Void) {
        self.host = host
        self.colors = colors
        self.onStop = onStop
        SeatTerminal.prepareLocale()
        var fds: [Int32] = [0, 0]
        if pipe(&fds) == 0 {
            wakeRead = fds[0]; wakeWrite = fds[1]
            _ = fcntl(wakeRead, F_SETFL, fcntl(wakeRead, F_GETFL) | O_NONBLOCK)
            _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit {
        close(wakeRead); close(wakeWrite)
    }

    /// Queues a request for the room thread and wakes it. Safe from any thread.
    public func post(_ request: RoomRequest) {
        lock.lock()
        inbox.append(request)
        lock.unlock()
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// Called on the room thread if the host's terminal cannot become the console.
    public var consoleFailed: @Sendable (String) -> Void = { _ in }

    /// Runs the room on the calling thread until the game has finished (ended, or stopped and saved).
    public func run() {
        var nextTick = Date().timeIntervalSince1970
        while true {
            let now = Date().timeIntervalSince1970
            if now >= nextTick {
                host.tick(now: now)
                nextTick = now + 1
            }
            settle()
            if host.isFinished { break }

            let polled = seats
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            for seat in polled { fds.append(pollfd(fd: seat.terminal.inputFD, events: Int16(POLLIN), revents: 0)) }
            if consoleParked != nil, let console { fds.append(pollfd(fd: console.inputFD, events: Int16(POLLIN), revents: 0)) }
            let busy = seats.contains { $0.moreWaiting }
            let wait = busy ? 0 : Int32(max(0, min(1000, (nextTick - Date().timeIntervalSince1970) * 1000)))
            _ = poll(&fds, nfds_t(fds.count), wait)

            if fds[0].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 256)
                while read(wakeRead, &sink, sink.count) > 0 {}
            }
            handleRequests()
            // Each seat with input gets one slice of keys; seats are served in turn.
            for (i, seat) in polled.enumerated() where i + 1 < fds.count {
                guard seat.moreWaiting || fds[i + 1].revents != 0 else { continue }
                guard seats.contains(where: { $0 === seat }) else { continue }
                let keys = seat.terminal.readKeys(limit: RoomLoop.keysPerSlice)
                seat.moreWaiting = keys.count == RoomLoop.keysPerSlice
                if !keys.isEmpty { host.keys(keys, from: seat.session) }
                if fds[i + 1].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && keys.isEmpty { seat.moreWaiting = false }
            }
            if consoleParked != nil, let console, fds.count > polled.count + 1, fds[polled.count + 1].revents != 0 {
                let keys = console.readKeys(limit: RoomLoop.keysPerSlice)
                if keys.contains(.char("S")) {
                    post(.stop)
                } else if !keys.isEmpty {
                    consoleParked = nil
                    openSeat(.facilitator, terminal: console, link: nil)
                }
            }
        }
        settle()
        for seat in seats {
            seat.terminal.close()
            seat.link?.finish(reason: RoomLoop.stoppedSentence)
        }
        seats.removeAll()
        console?.close()
    }

    /// Carries out the requests the network side queued.
    private func handleRequests() {
        lock.lock()
        let requests = inbox
        inbox.removeAll()
        lock.unlock()
        for request in requests {
            switch request {
            case .admit(let user, let code, let address, let answer):
                let now = Date().timeIntervalSince1970
                let delay = throttle.delay(for: address, now: now)
                let ticket = host.admit(user: user, code: code)
                throttle.record(address: address, admitted: ticket != nil, now: now)
                answer(ticket, delay)
            case .open(let seat, let termHint, let width, let height, let link):
                if stopping { link.finish(reason: RoomLoop.stoppedSentence); continue }
                do {
                    let made = try SeatTerminal.openPseudoTerminal(termHint: termHint, width: width, height: height, colors: colors)
                    link.attach(master: made.master)
                    openSeat(seat, terminal: made.terminal, link: link)
                } catch {
                    link.finish(reason: "\(error)")
                }
            case .resize(let link, let width, let height):
                guard let seat = seats.first(where: { $0.link === link }) else { continue }
                seat.terminal.resize(width: width, height: height)
                host.resize(seat.session, width: seat.terminal.size.width, height: seat.terminal.size.height)
                draw(seat)
            case .gone(let link):
                guard let index = seats.firstIndex(where: { $0.link === link }) else { continue }
                let seat = seats.remove(at: index)
                seat.terminal.close()
                host.close(seat.session)
            case .openConsole:
                guard console == nil, !stopping else { continue }
                do {
                    let terminal = try SeatTerminal.console(colors: colors)
                    console = terminal
                    openSeat(.facilitator, terminal: terminal, link: nil)
                } catch {
                    consoleFailed("\(error)")
                }
            case .consoleResized:
                guard let console else { continue }
                var ws = winsize()
                _ = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws)
                console.resize(width: Int(ws.ws_col), height: Int(ws.ws_row))
                if let seat = seats.first(where: { $0.link == nil }) {
                    host.resize(seat.session, width: console.size.width, height: console.size.height)
                    draw(seat)
                } else if let parked = consoleParked {
                    park(console, reason: parked)
                }
            case .stop:
                if !stopping {
                    stopping = true
                    onStop()
                }
            }
        }
    }

    /// Opens a seat on the game and draws its first screen.
    private func openSeat(_ kind: SeatKind, terminal: SeatTerminal, link: (any SeatLink)?) {
        let opened = host.open(kind, width: terminal.size.width, height: terminal.size.height)
        let seat = OpenSeat(session: opened.session, terminal: terminal, link: link)
        seats.append(seat)
        if let displaced = opened.displaced {
            let closing = host.takeClosing()
            var saidToDisplaced = false
            for (session, reason) in closing {
                if session == displaced { saidToDisplaced = true }
                closeSession(session, reason: reason)
            }
            if !saidToDisplaced { closeSession(displaced, reason: RoomLoop.displacedSentence) }
        }
        draw(seat)
    }

    /// Closes the door's side of a session the game has let go of.
    private func closeSession(_ session: SessionID, reason: String) {
        guard let index = seats.firstIndex(where: { $0.session == session }) else { return }
        let seat = seats.remove(at: index)
        if let link = seat.link {
            seat.terminal.close()
            link.finish(reason: reason)
        } else {
            park(seat.terminal, reason: reason)
        }
    }

    /// The host's terminal lost the facilitator's seat (opened over SSH): it says why and waits
    /// for a key to take the seat back.
    private func park(_ terminal: SeatTerminal, reason: String) {
        consoleParked = reason
        var screen = Screen(width: terminal.size.width, height: terminal.size.height)
        _ = screen.put(2, 1, reason, .plain, maxWidth: max(1, terminal.size.width - 4))
        _ = screen.put(2, 3, "Press any key to take the facilitator's seat back at this terminal,", .dim, maxWidth: max(1, terminal.size.width - 4))
        _ = screen.put(2, 4, "or S (capital) to stop the room: the game is saved and every seat is told.", .dim, maxWidth: max(1, terminal.size.width - 4))
        terminal.draw(screen)
    }

    /// Closes what the game asks to close and redraws what changed.
    private func settle() {
        for (session, reason) in host.takeClosing() { closeSession(session, reason: reason) }
        let dirty = Set(host.takeDirty())
        for seat in seats where dirty.contains(seat.session) { draw(seat) }
    }

    private func draw(_ seat: OpenSeat) {
        if let screen = host.screen(of: seat.session) { seat.terminal.draw(screen) }
    }
}
