import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `entangled serve` run as a facilitator runs it, with stock OpenSSH clients under tmux on
/// loopback (passwords given by sshpass).
@Suite("entangled serve with real ssh clients", .serialized)
struct ServeTests {
    @Test func twoDelegationsTheFacilitatorAndTheProjectorPlayATurnAtOnce() throws {
        let host = try ServedGame(["--human", "US", "EU", "--facilitator"])
        defer { host.stop() }
        #expect(host.seats.map(\.seat) == ["US", "EU", "FACILITATOR", "PROJECTOR"])
        #expect(host.fingerprint.hasPrefix("SHA256:"))
        let t = SSHWindows()
        for user in ["us", "eu", "facilitator", "projector"] { t.open(user, host.ssh(user), width: 100, height: 30) }
        let us = t.waitFor("us", "YOUR SECRET BRIEF — UNITED STATES")
        let eu = t.waitFor("eu", "YOUR SECRET BRIEF — EUROPEAN UNION")
        #expect(!us.contains("EUROPEAN UNION ("))
        #expect(!eu.contains("UNITED STATES ("))
        t.waitFor("projector", "2025-Q1")
        t.waitFor("facilitator", "Room:")
        // A window change redraws the seat at the new size.
        t.resize("us", 130, 30)
        let deadline = Date().addingTimeInterval(20)
        var wide = ""
        while Date() < deadline && !wide.split(separator: "\n").contains(where: { $0.count > 110 }) {
            usleep(100_000)
            wide = t.screen("us")
        }
        #expect(wide.split(separator: "\n").contains { $0.count > 110 }, "the seat was not redrawn at 130 columns:\n\(wide)")
        #expect(wide.contains("YOUR SECRET BRIEF — UNITED STATES"))
        // Every delegation seals, the facilitator releases, and every screen moves on.
        t.send("us", "Enter"); t.send("us", "e"); t.send("us", "y")
        t.waitFor("eu", "US ✔")
        t.send("eu", "Enter"); t.send("eu", "e"); t.send("eu", "y")
        t.waitFor("facilitator", "US ✔", "EU ✔")
        t.send("facilitator", "e"); t.send("facilitator", "y")
        for user in ["us", "eu", "facilitator", "projector"] { t.waitFor(user, "2025-Q2") }
    }

    @Test func wrongCodesUnknownUsersCommandsAndSessionsWithoutATerminalAreRefused() throws {
        let host = try ServedGame(["--human", "US", "EU"])
        defer { host.stop() }
        let us = host.code("us"), eu = host.code("eu")
        #expect(shell(host.ssh("us", code: "wrong-code-here") + " -tt").output.contains("Permission denied"))
        #expect(shell(host.ssh("us", code: eu) + " -tt").output.contains("Permission denied"))
        #expect(shell(host.ssh("cn", code: us) + " -tt").output.contains("Permission denied"))
        let exec = shell(host.ssh("us") + " ls /")
        #expect(exec.status == 1)
        #expect(exec.output.contains("runs no commands"))
        let noPTY = shell(host.ssh("us", extra: "-T"))
        #expect(noPTY.status == 1)
        #expect(noPTY.output.contains("needs a terminal"))
    }

    @Test func aDroppedDelegationRejoinsMidOrderAndAKilledHostRestoresSealedOrders() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try ServedGame(["--human", "US", "EU"], saveDir: folder.path)
        let t = SSHWindows()
        t.open("us", first.ssh("us"), width: 100, height: 30)
        t.open("eu", first.ssh("eu"), width: 100, height: 30)
        t.waitFor("us", "YOUR SECRET BRIEF")
        // US starts a message to EU and its connection drops half-way.
        t.send("us", "Enter"); t.send("us", "8"); t.send("us", "m")
        t.waitFor("us", "EU")
        t.send("us", "Down"); t.send("us", "Enter")
        t.send("us", "-l", "We propose a joint lab")
        t.waitFor("us", "We propose a joint lab")
        t.kill("us")
        t.open("us2", first.ssh("us"), width: 100, height: 30)
        t.waitFor("us2", "We propose a joint lab")
        // EU seals its orders; then the host dies without saving anything.
        t.send("eu", "Enter"); t.send("eu", "e"); t.send("eu", "y")
        t.waitFor("us2", "EU ✔")
        first.kill(SIGKILL)
        t.waitFor("us2", "EXITED-")

        let save = try #require(autosaves(in: folder).last)
        let second = try ServedGame(["--load", save], saveDir: folder.path)
        defer { second.stop() }
        #expect(second.fingerprint == first.fingerprint)
        t.open("us3", second.ssh("us"), width: 100, height: 30)
        t.waitFor("us3", "EU ✔")
        t.send("us3", "Enter"); t.send("us3", "e"); t.send("us3", "y")
        t.waitFor("us3", "2025-Q2")
        #expect(second.stop() == 0)
        let latest = try #require(autosaves(in: folder).last)
        #expect(latest.contains("2025-Q2"))
        let replay = try Binary.run(["replay", latest, "--verify"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }

    @Test func badOptionsAreToldInASentenceAndExitTwo() throws {
        let cases: [([String], String)] = [
            (["serve", "--human", "US", "--format", "xml"], "--format xml is not a format of serve"),
            (["serve", "--human", "XX"], "there is no such bloc"),
            (["serve", "--human", "US", "--listen", "nowhere"], "is not an IP address"),
            (["serve", "--human", "US", "--port", "70000"], "is not a port number"),
            (["serve", "--human", "US", "--turn-minutes", "0"], "--turn-minutes 0 is out of range"),
            (["serve"], "A room needs at least one delegation"),
            (["serve", "--load", "x.json", "--seed", "3"], "leave out --scenario and --seed"),
        ]
        for (arguments, sentence) in cases {
            let result = try Binary.run(arguments + ["--save-dir", FileManager.default.temporaryDirectory.path + "/serve-bad"])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(sentence), "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("ssh -p"))
        }
    }

    private func autosaves(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("autosave") && $0.hasSuffix(".json") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }
}

/// `entangled serve` running headless on a free loopback port, its seats read from the first line.
/// The facilitator's first commands on one keyboard, before any room.
@Suite("entangled play for a facilitator", .serialized)
struct PlayFacilitatorTests {
    /// `play --facilitator` alone opens the setup screen with the facilitator seated (it used to
    /// start a game with every bloc played by the computer), and `--turn-minutes` is on it.
    @Test func facilitatorAloneOpensTheSetupScreenWithItsTimer() throws {
        let t = try TmuxSession(arguments: ["play", "--facilitator", "--turn-minutes", "15"])
        let setup = t.waitFor("Entangled States — new game", "Facilitator ◀ yes ▶", "◀ 15 min ▶")
        #expect(!setup.contains("Console"))
        // Choosing a delegation there and starting: the timer runs from the first turn.
        t.send("s")
        t.waitFor("Timer 15:00")
    }

    @Test func aTurnTimerOutOfRangeIsRefusedInOneSentence() throws {
        let r = try Binary.run(["play", "--turn-minutes", "500"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--turn-minutes runs from 1 to 180; 500 is not one of them."))
    }
}

final class ServedGame {
    struct Seat: Decodable { let seat: String; let user: String; let code: String }
    private struct First: Decodable { let port: Int; let hostKeyFingerprint: String; let seats: [Seat] }

    let pid: pid_t
    let port: Int
    let fingerprint: String
    let seats: [Seat]
    private var status: Int32?

    init(_ arguments: [String], saveDir: String? = nil) throws {
        let folder = try saveDir ?? Binary.temporaryFolder().path
        let out = folder + "/serve-\(UUID().uuidString.prefix(6)).out"
        let args = ["serve"] + arguments + ["--format", "json", "--port", "0", "--listen", "127.0.0.1", "--save-dir", folder]
        pid = spawn(Binary.path, args, output: out)
        let deadline = Date().addingTimeInterval(60)
        var line: String?
        while Date() < deadline {
            if let text = try? String(contentsOfFile: out, encoding: .utf8), let end = text.firstIndex(of: "\n") {
                line = String(text[..<end]); break
            }
            usleep(50_000)
        }
        guard let line, let first = try? JSONDecoder().decode(First.self, from: Data(line.utf8)) else {
            Glibc.kill(pid, SIGKILL)
            throw NSError(domain: "serve", code: 1, userInfo: [NSLocalizedDescriptionKey: "serve printed no seats: \((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")"])
        }
        port = first.port
        fingerprint = first.hostKeyFingerprint
        seats = first.seats
    }

    func code(_ user: String) -> String { seats.first { $0.user == user }?.code ?? "" }

    /// The ssh line a participant types for a seat (code from sshpass).
    func ssh(_ user: String, code: String? = nil, extra: String = "") -> String {
        "sshpass -p '\(code ?? self.code(user))' ssh -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 \(extra) \(user)@127.0.0.1"
    }

    func kill(_ signal: Int32) { Glibc.kill(pid, signal) }

    /// Stops the host with SIGTERM (it saves) and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if let status { return status }
        Glibc.kill(pid, SIGTERM)
        var raw: Int32 = 0
        let deadline = Date().addingTimeInterval(20)
        while waitpid(pid, &raw, WNOHANG) == 0 {
            if Date() > deadline { Glibc.kill(pid, SIGKILL); waitpid(pid, &raw, 0); break }
            usleep(20_000)
        }
        let s: Int32 = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : -1
        status = s
        return s
    }

    deinit { stop() }
}

/// Starts a program with an empty signal mask, standard input from /dev/null and its output
/// in a file; returns its pid.
private func spawn(_ path: String, _ arguments: [String], output: String) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, output + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var env = ProcessInfo.processInfo.environment
    env["SWIFT_BACKTRACE"] = "interactive=no"
    let envList: [String] = env.map { "\($0.key)=\($0.value)" }
    let envp: [UnsafeMutablePointer<CChar>?] = envList.map { strdup($0) } + [nil]
    let words: [String] = [path] + arguments
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) }; for p in envp { free(p) } }
    var pid: pid_t = 0
    _ = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    return pid
}

/// Runs a shell command (with a timeout) and returns its exit status and output.
private func shell(_ command: String, timeout: Double = 30) -> (status: Int32, output: String) {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("sh-\(UUID().uuidString)").path
    let pid = spawn("/bin/sh", ["-c", command + " 2>&1"], output: out)
    defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: out + ".err") }
    var raw: Int32 = 0
    let deadline = Date().addingTimeInterval(timeout)
    while waitpid(pid, &raw, WNOHANG) == 0 {
        if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &raw, 0); break }
        usleep(20_000)
    }
    let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    return ((raw & 0x7f) == 0 ? (raw >> 8) & 0xff : -1, text)
}

/// Windows of a private tmux server, each running one ssh client.
final class SSHWindows {
    let socket = "serve-test-\(UUID().uuidString.prefix(8))"

    deinit { tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) -> String {
        let quoted = args.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return shell("tmux -L \(socket) -f /dev/null \(quoted)").output
    }

    func open(_ name: String, _ command: String, width: Int = 80, height: Int = 24) {
        tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
              "env TERM=tmux-256color \(command); echo EXITED-$?; sleep 60"])
    }

    func screen(_ name: String) -> String { tmux(["capture-pane", "-p", "-t", name]) }
    func send(_ name: String, _ keys: String...) { tmux(["send-keys", "-t", name] + keys); usleep(150_000) }
    func resize(_ name: String, _ w: Int, _ h: Int) { tmux(["resize-window", "-t", name, "-x", "\(w)", "-y", "\(h)"]) }
    func kill(_ name: String) { tmux(["kill-session", "-t", name]) }

    @discardableResult
    func waitFor(_ name: String, _ texts: String..., timeout: Double = 30) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen(name)
            if texts.allSatisfy({ last.contains($0) }) { return last }
            usleep(100_000)
        }
        Issue.record("Timed out waiting for “\(texts.joined(separator: "” and “"))” in \(name). The screen shows:\n\(last)")
        return last
    }
}
