import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Drives the real binary in a private tmux server, as a person at a terminal would.
final class TmuxSession {
    let socket: String
    let name = "game"

    init(width: Int = 80, height: Int = 24, arguments: [String] = [], environment: [String: String] = [:]) throws {
        socket = "entangled-test-\(UUID().uuidString.prefix(8))"
        let env = environment.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let command = "cd \(FileManager.default.temporaryDirectory.path) && env TERM=tmux-256color SWIFT_BACKTRACE=interactive=no \(env) \(Binary.path) \(arguments.joined(separator: " ")); echo EXITED-$?; sleep 30"
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    deinit { try? tmux(["kill-server"]) }

    /// Runs tmux with posix_spawn and an empty signal mask (a test thread may block SIGWINCH).
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let all = ["tmux", "-L", socket, "-f", "/dev/null"] + args
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = all.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let rc = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
        guard rc == 0 else { throw NSError(domain: "tmux", code: Int(rc)) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    }

    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    func send(_ keys: String...) { _ = try? tmux(["send-keys", "-t", name] + keys) }

    func resize(_ w: Int, _ h: Int) { _ = try? tmux(["resize-window", "-t", name, "-x", "\(w)", "-y", "\(h)"]) }

    /// Waits until the screen shows every one of `texts` at once (up to `timeout` seconds) and
    /// returns the screen. Waiting for all of a screen's lines, not only its first, keeps a capture
    /// taken half-way through a redraw from failing a test on a slow, busy machine.
    @discardableResult
    func waitFor(_ texts: String..., timeout: Double = 20) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if texts.allSatisfy({ last.contains($0) }) { return last }
            usleep(100_000)
        }
        Issue.record("Timed out waiting for “\(texts.joined(separator: "” and “"))”. The screen shows:\n\(last)")
        return last
    }
}

@Suite("The terminal game under tmux", .serialized)
struct TmuxTests {
    @Test func hotseatGameAtEightyByTwentyFour() throws {
        let t = try TmuxSession()
        t.waitFor("new game", "◆ human    US")
        t.send("Down"); t.send("Space")            // EU becomes human as well
        t.waitFor("◆ human    EU")
        t.send("s")
        t.waitFor("Pass the keyboard", "United States")
        t.send("Enter")
        t.waitFor("YOUR SECRET BRIEF")
        t.send("Enter")
        t.waitFor("Tension")
        t.send("?")
        t.waitFor("Keys for delegations")
        t.send("Escape")
        // Three turns: each delegation gives orders in turn, with a handover screen between them.
        for turn in 1...3 {
            t.waitFor("United States │")
            t.send("e"); t.waitFor("End your orders"); t.send("y")
            let eu = t.waitFor("Pass the keyboard", "European Union")
            #expect(!eu.contains("Tension"))        // nothing of the game shows during a handover
            t.send("Enter")
            if turn == 1 { t.waitFor("YOUR SECRET BRIEF"); t.send("Enter") }
            t.waitFor("European Union │")
            t.send("e"); t.waitFor("End your orders"); t.send("y")
            t.waitFor("Pass the keyboard", "United States")
            t.send("Enter")
            let label = ["2025-Q2", "2025-Q3", "2025-Q4"][turn - 1]
            // Wait for the whole report: a capture can catch the terminal half-way through a redraw.
            let report = t.waitFor("What happened in")
            #expect(report.contains(label))
        }
        t.resize(60, 20)
        t.waitFor("make the window larger")
        t.resize(80, 24)
        t.waitFor("What happened in")
        t.resize(120, 40)
        t.waitFor("What happened in")
        t.send("q")
        t.waitFor("Quit the game?")
        t.send("y")
        t.waitFor("EXITED-0")
    }

    /// A facilitated session: the facilitator's seat chosen on the setup screen, an inject, a
    /// ruling on a delegation's free-text action, a timer seen on a delegation's screen, a turn,
    /// a rewind and a save; then both saves replay and verify.
    @Test func facilitatedSessionRewindsAndItsSavesReplay() throws {
        let folder = try Binary.temporaryFolder()
        let saves = folder.appendingPathComponent("Saves").path
        let t = try TmuxSession(width: 80, height: 24, arguments: ["play", "--save-dir", saves])
        t.waitFor("new game")
        t.send("Down"); t.send("Space")                     // EU human as well
        for _ in 0..<9 { t.send("Down") }                   // past the last seat to the facilitator field
        t.send("Space")
        t.waitFor("Facilitator ◀ yes ▶")
        t.send("s")
        t.waitFor("Pass the keyboard"); t.send("Enter")
        t.waitFor("YOUR SECRET BRIEF"); t.send("Enter")
        t.waitFor("United States │")
        t.send("e"); t.waitFor("End your orders"); t.send("y")
        t.waitFor("European Union"); t.send("Enter")
        t.waitFor("YOUR SECRET BRIEF"); t.send("Enter")
        t.waitFor("European Union │")
        t.send("o"); t.send("n")
        t.waitFor("Describe an action")
        t.send("-l", "Host a PQC summit in Brussels"); t.send("Enter")
        t.waitFor("What effect do you intend")
        t.send("-l", "more trust"); t.send("Enter")
        t.waitFor("[awaiting ruling]")
        t.send("e"); t.waitFor("End your orders"); t.send("y")
        let handover = t.waitFor("FACILITATOR")
        #expect(!handover.contains("Tension"))
        t.send("Enter")
        t.waitFor("Free-text actions awaiting a ruling (r): 1")
        t.send("i"); t.waitFor("Inject a card"); t.send("Enter")
        t.waitFor("1. Inject")
        t.send("r"); t.waitFor("Rule on which action?"); t.send("Enter")
        t.waitFor("Accept, with effects"); t.send("Enter")
        t.waitFor("Effects of the accepted action")
        t.send("-l", "self.support += 2; world.tensoin -= 1"); t.send("Enter")
        t.waitFor("at column")                               // the typed text stays; fix its end
        for _ in 0..<12 { t.send("BSpace") }
        t.send("-l", "tension -= 1"); t.send("Enter")
        t.waitFor("The reason for the ruling")
        t.send("-l", "A welcome initiative"); t.send("Enter")
        t.waitFor("2. Ruling on #1: accepted")
        t.send("t"); t.waitFor("Set a turn timer"); t.send("Enter")
        t.waitFor("Minutes per turn")
        t.send("BSpace"); t.send("BSpace"); t.send("-l", "5"); t.send("Enter")
        t.waitFor("The turn waits"); t.send("Enter")
        t.waitFor("Timer 05:00")
        t.send("e"); t.waitFor("End the facilitator's turn"); t.send("y")
        // The next turn: the timer runs on the delegations' screens.
        t.waitFor("Pass the keyboard", "Timer 0")
        t.send("Enter")
        t.waitFor("Timer 04:")
        t.waitFor("2025-Q2")
        t.send("e"); t.waitFor("End your orders"); t.send("y")
        t.waitFor("European Union"); t.send("Enter")
        t.waitFor("European Union │")
        t.send("o")
        t.waitFor("accepted — A welcome initiative")     // the delegation reads the ruling and its reason
        t.send("e"); t.waitFor("End your orders"); t.send("y")
        t.waitFor("FACILITATOR"); t.send("Enter")
        t.send("b"); t.waitFor("Rewind to the start of which turn?")
        t.send("Enter")                                    // the start of turn 1
        t.waitFor("Rewind and branch"); t.send("y")
        // The clock is paused and asks which timer to keep: the one just set is offered first.
        t.waitFor("Which turn timer do you keep?", "The timer set now: 5 minutes"); t.send("Enter")
        t.waitFor("Pass the keyboard", "Timer 05:00 paused"); t.send("Enter")
        t.waitFor("YOUR SECRET BRIEF"); t.send("Enter")
        t.waitFor("United States │ 2025-Q1")
        t.send("s"); t.waitFor("quantum-decade-2025-Q1-branch"); t.send("Enter")
        t.waitFor("Saved to")
        t.send("q"); t.waitFor("Quit the game?"); t.send("y")
        t.waitFor("EXITED-0")
        // The game before the rewind was kept and replays with its facilitator commands;
        // the branch names it as its parent.
        let kept = saves + "/quantum-decade-2025-Q2-before-rewind.json"
        let replay = try Binary.run(["replay", kept, "--verify"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("every state hash matches"))
        let log = try String(contentsOfFile: kept, encoding: .utf8)
        for command in ["\"inject\"", "\"ruling\"", "\"timer\""] { #expect(log.contains(command)) }
        let branch = try String(contentsOfFile: saves + "/quantum-decade-2025-Q1-branch.json", encoding: .utf8)
        #expect(branch.contains("\"parent\":{\"checksum\""))
        #expect(branch.contains("before-rewind.json"))
        #expect(branch.contains("\"facilitator\":true"))
        #expect(try Binary.run(["replay", saves + "/quantum-decade-2025-Q1-branch.json", "--verify"]).status == 0)
    }

    @Test func withoutATerminalItSaysSoAndExitsWithTwo() throws {
        let r = try Binary.run([])
        #expect(r.status == 2)
        #expect(r.stderr.contains("needs an interactive terminal"))
        let dumb = try Binary.run(["play"], environment: ["TERM": "dumb"])
        #expect(dumb.status == 2)
    }

    @Test func noColorStillCarriesMeaningBySymbols() throws {
        let t = try TmuxSession(arguments: ["play", "--human", "US", "--no-color"])
        t.waitFor("YOUR SECRET BRIEF")
        t.send("Enter")
        t.waitFor("Tension")
        t.send("4")
        let pqc = t.waitFor("Mosca", "f standard family")   // the whole screen drawn, down to its key line
        #expect(pqc.contains("RED") || pqc.contains("GREEN") || pqc.contains("AMBER"))
        t.send("C-c")                       // Ctrl-C asks first, like q …
        t.waitFor("Quit the game?")
        #expect(!t.screen().contains("EXITED-"))
        t.send("C-c")                       // … and a second Ctrl-C quits
        t.waitFor("EXITED-")
        // the shell after exit is usable: the terminal was restored
        #expect(!t.screen().contains("Keys for delegations"))
    }
}
