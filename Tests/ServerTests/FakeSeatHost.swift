import Foundation
import Interface
import Room

/// A stand-in for the room's game, for testing the door alone: each delegation has a secret line
/// only its own screen shows, and each seat keeps what was typed into it across sessions.
final class FakeSeatHost: SeatHost, @unchecked Sendable {
    let tickets: [SeatTicket] = [
        SeatTicket(seat: .delegation(0), label: "US", user: "us", code: "amber-otter-lamp"),
        SeatTicket(seat: .delegation(1), label: "EU", user: "eu", code: "brisk-heron-vault"),
        SeatTicket(seat: .facilitator, label: "FACILITATOR", user: "facilitator", code: "cedar-moth-quill"),
        SeatTicket(seat: .projector, label: "PROJECTOR", user: "projector", code: "dune-finch-oar"),
    ]

    private struct Session {
        var seat: SeatKind
        var width: Int
        var height: Int
    }
    private var sessions: [SessionID: Session] = [:]
    private var next = 1
    private var typed: [SeatKind: String] = [:]
    private var keyCount: [SeatKind: Int] = [:]
    private var dirty: [SessionID] = []
    private var closing: [(session: SessionID, reason: String)] = []
    private let lock = NSLock()
    var finished = false

    var isFinished: Bool { lock.withLock { finished } }

    /// Keys the seat has received (read from the test's thread).
    func keys(of seat: SeatKind) -> Int { lock.withLock { keyCount[seat] ?? 0 } }
    /// Sizes of the seat's open sessions.
    func openSessions() -> Int { lock.withLock { sessions.count } }

    func admit(user: String, code: String) -> SeatTicket? {
        tickets.first { $0.user == user && $0.code == code }
    }

    func open(_ seat: SeatKind, width: Int, height: Int) -> (session: SessionID, displaced: SessionID?) {
        lock.withLock {
            let id = SessionID(next); next += 1
            let old = sessions.first { $0.value.seat == seat }?.key
            if let old {
                sessions[old] = nil
                closing.append((old, "Your seat was opened from another connection."))
            }
            sessions[id] = Session(seat: seat, width: width, height: height)
            dirty.append(id)
            return (id, old)
        }
    }

    func key(_ key: Key, from session: SessionID) {
        lock.withLock {
            guard let s = sessions[session], s.seat != .projector else { return }
            keyCount[s.seat, default: 0] += 1
            if case .char(let c) = key { typed[s.seat, default: ""].append(c) }
            if key == .backspace { _ = typed[s.seat]?.popLast() }
            for (id, other) in sessions where other.seat == s.seat || other.seat == .projector { dirty.append(id) }
        }
    }

    func resize(_ session: SessionID, width: Int, height: Int) {
        lock.withLock {
            sessions[session]?.width = width
            sessions[session]?.height = height
            dirty.append(session)
        }
    }

    func close(_ session: SessionID) { lock.withLock { sessions[session] = nil } }

    func tick(now: Double) {}

    func screen(of session: SessionID) -> Screen? {
        lock.withLock {
            guard let s = sessions[session] else { return nil }
            var screen = Screen(width: s.width, height: s.height)
            let label = tickets.first { $0.seat == s.seat }?.label ?? "?"
            _ = screen.put(0, 0, "SEAT \(label)", .title, maxWidth: s.width)
            _ = screen.put(0, 1, "size \(s.width)x\(s.height)", .plain, maxWidth: s.width)
            if case .delegation = s.seat {
                _ = screen.put(0, 2, "brief: secret of \(label)", .plain, maxWidth: s.width)
                let text = typed[s.seat] ?? ""
                _ = screen.put(0, 3, "typed: \(text.suffix(40))", .plain, maxWidth: s.width)
                _ = screen.put(0, 4, "keys: \(keyCount[s.seat] ?? 0)", .plain, maxWidth: s.width)
            } else if s.seat == .projector {
                let all = keyCount.keys.sorted { "\($0)" < "\($1)" }.map { keyCount[$0] ?? 0 }.reduce(0, +)
                _ = screen.put(0, 2, "public: keys in the room \(all)", .plain, maxWidth: s.width)
            }
            return screen
        }
    }

    func takeDirty() -> [SessionID] {
        lock.withLock { defer { dirty.removeAll() }; return dirty }
    }

    func takeClosing() -> [(session: SessionID, reason: String)] {
        lock.withLock { defer { closing.removeAll() }; return closing }
    }
}
