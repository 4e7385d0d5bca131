import Foundation
import Testing
import Room
import Server
import Terminal

/// The SSH door with the real OpenSSH client, against a stand-in game (no rules involved).
@Suite("The SSH door", .serialized)
struct DoorTests {
    // ncurses is not thread-safe: this suite is the only one that starts terminals, one at a time.
    @Test func anUnknownTerminalTypeFallsBackToASafeOne() throws {
        let made = try SeatTerminal.openPseudoTerminal(termHint: "no-such-terminal-9000", width: 80, height: 24, colors: false)
        defer { made.terminal.close(); close(made.master) }
        #expect(made.terminal.terminalType == SeatTerminal.fallbackTypes[0])
    }

    @Test func delegationsFacilitatorAndProjectorAtOnceEachSeeingOnlyTheirOwn() throws {
        let room = try ServedRoom()
        defer { room.stop() }
        let t = TmuxRoom()
        for ticket in room.host.tickets {
            t.open(ticket.user, room.sshCommand(user: ticket.user, code: ticket.code))
        }
        let us = t.waitFor("us", "SEAT US", "brief: secret of US")
        let eu = t.waitFor("eu", "SEAT EU", "brief: secret of EU")
        t.waitFor("facilitator", "SEAT FACILITATOR")
        t.waitFor("projector", "SEAT PROJECTOR", "public: keys in the room 0")
        #expect(!us.contains("secret of EU"))
        #expect(!eu.contains("secret of US"))
        t.send("us", "hello")
        t.waitFor("us", "typed: hello")
        t.waitFor("projector", "public: keys in the room 5")
        #expect(!t.screen("eu").contains("hello"))
    }

    @Test func wrongCodesUnknownUsersAndAnotherSeatsCodeAreRefused() throws {
        let room = try ServedRoom()
        defer { room.stop() }
        let wrong = runCommand(room.sshCommand(user: "us", code: "not-the-code") + " -tt", timeout: 20)
        #expect(wrong.status != 0)
        #expect(wrong.output.contains("Permission denied"))
        let unknown = runCommand(room.sshCommand(user: "root", code: "amber-otter-lamp") + " -tt", timeout: 20)
        #expect(unknown.output.contains("Permission denied"))
        let other = runCommand(room.sshCommand(user: "us", code: "brisk-heron-vault") + " -tt", timeout: 20)
        #expect(other.output.contains("Permission denied"))
        #expect(room.host.openSessions() == 0)
    }

    @Test func execSubsystemForwardingAndSessionsWithoutATerminalAreRefused() throws {
        let room = try ServedRoom()
        defer { room.stop() }
        let exec = runCommand(room.sshCommand(user: "us", code: "amber-otter-lamp") + " cat /etc/passwd", timeout: 20)
        #expect(exec.status == 1)
        #expect(exec.output.contains("runs no commands"))
        #expect(!exec.output.contains("root:"))
        let noPTY = runCommand(room.sshCommand(user: "us", code: "amber-otter-lamp", extra: "-T"), timeout: 20)
        #expect(noPTY.status == 1)
        #expect(noPTY.output.contains("needs a terminal"))
        let sftp = runCommand(room.sshCommand(user: "us", code: "amber-otter-lamp", extra: "-s") + " sftp", timeout: 20)
        #expect(sftp.status != 0)
        #expect(sftp.output.contains("no file transfer"))
        // A forward asked for on the command line is refused while the seat itself still opens.
        let forward = runCommand(room.sshCommand(user: "us", code: "amber-otter-lamp", extra: "-o ExitOnForwardFailure=yes -R 0:127.0.0.1:9 -tt"), timeout: 20)
        #expect(forward.status != 0)
        #expect(forward.output.lowercased().contains("forward"))
        #expect(room.host.keys(of: .delegation(0)) == 0)
    }

    @Test func aWindowChangeRedrawsAtTheNewSizeAndAbsurdSizesAreSurvived() throws {
        let room = try ServedRoom()
        defer { room.stop() }
        let t = TmuxRoom()
        t.open("us", room.sshCommand(user: "us", code: "amber-otter-lamp"), width: 100, height: 30)
        t.waitFor("us", "size 100x30")
        t.resize("us", 120, 40)
        t.waitFor("us", "size 120x40")
        t.resize("us", 90, 25)
        t.waitFor("us", "size 90x25", "brief: secret of US")
        // A client that claims 0×0 or 65535×65535 gets a usable screen, and the room goes on.
        t.open("tiny", "stty cols 0 rows 0; " + room.sshCommand(user: "eu", code: "brisk-heron-vault"))
        t.waitFor("tiny", "SEAT EU")
        t.kill("tiny")
        t.open("huge", "stty cols 65535 rows 65535; " + room.sshCommand(user: "eu", code: "brisk-heron-vault"))
        t.send("us", "x")
        t.waitFor("us", "typed: x")
    }

    @Test func aSeatOpenedAgainMovesToTheNewConnectionAndKeepsItsPlace() throws {
        let room = try ServedRoom()
        defer { room.stop() }
        let t = TmuxRoom()
        t.open("first", room.sshCommand(user: "us", code: "amber-otter-lamp"))
        t.waitFor("first", "SEAT US")
        t.send("first", "draft")
        t.waitFor("first", "typed: draft")
        t.open("second", room.sshCommand(user: "us", code: "amber-otter-lamp"))
        t.waitFor("first", "opened from another connection", "EXITED-0")
        t.waitFor("second", "SEAT US", "typed: draft")
        // A dropped connection (the window killed) lets the seat be opened again where it was.
        t.kill("second")
        t.open("third", room.sshCommand(user: "us", code: "amber-otter-lamp"))
        t.waitFor("third", "typed: draft")
    }

    @Test func aMegabytePasteReachesItsSeatWhileOtherSeatsStayServed() throws {
        let room = try ServedRoom()
        defer { room.stop() }
        let paste = FileManager.default.temporaryDirectory.appendingPathComponent("paste-\(UUID().uuidString)")
        try Data(repeating: UInt8(ascii: "a"), count: 1 << 20).write(to: paste)
        defer { try? FileManager.default.removeItem(at: paste) }
        let t = TmuxRoom()
        t.open("eu", room.sshCommand(user: "eu", code: "brisk-heron-vault"))
        t.waitFor("eu", "SEAT EU")
        let command = room.sshCommand(user: "us", code: "amber-otter-lamp", extra: "-tt") + " < \(paste.path)"
        let pasting = Thread { _ = runCommand(command, timeout: 120) }
        pasting.start()
        while room.host.keys(of: .delegation(0)) == 0 { usleep(10_000) }
        t.send("eu", "z")
        t.waitFor("eu", "typed: z")
        let deadline = Date().addingTimeInterval(90)
        while room.host.keys(of: .delegation(0)) < 1 << 20 && Date() < deadline { usleep(100_000) }
        #expect(room.host.keys(of: .delegation(0)) == 1 << 20)
    }
}
