import Foundation
import Testing
import Room
import Server
#if canImport(Glibc)
import Glibc
#endif

/// A room served in this process on a free loopback port, around any `SeatHost`.
final class ServedRoom: @unchecked Sendable {
    let host: FakeSeatHost
    let loop: RoomLoop
    let door: SSHDoor
    let port: Int
    let folder: URL
    private let thread: Thread

    init() throws {
        host = FakeSeatHost()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("door-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = try HostKey.loadOrCreate(folder: folder.path)
        let host = self.host
        loop = RoomLoop(host: host, colors: false, onStop: { host.finished = true })
        door = SSHDoor(room: loop, hostKey: key)
        port = try door.start(listen: "127.0.0.1", port: 0)
        let loop = self.loop
        thread = Thread { loop.run() }
        thread.start()
    }

    func stop() {
        loop.post(.stop)
        let deadline = Date().addingTimeInterval(5)
        while !thread.isFinished && Date() < deadline { usleep(20_000) }
        door.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The ssh command line for a seat, as a participant types it, with the code given by sshpass.
    func sshCommand(user: String, code: String, extra: String = "") -> String {
        "sshpass -p '\(code)' ssh -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 \(extra) \(user)@127.0.0.1"
    }
}

/// Runs a command with posix_spawn and an empty signal mask (a test thread may block SIGWINCH),
/// its output in a file; returns the exit status and the output.
@discardableResult
func runCommand(_ command: String, input: String? = nil, timeout: Double = 30) -> (status: Int32, output: String) {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: out) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let words: [String] = ["/bin/sh", "-c", command]
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    guard posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ) == 0 else { return (-1, "") }
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &status, 0); break }
        usleep(20_000)
    }
    let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : -1, text)
}

/// A private tmux server whose windows run ssh clients, looked at as a person would.
final class TmuxRoom {
    let socket = "door-test-\(UUID().uuidString.prefix(8))"

    deinit { tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) -> String {
        let quoted = args.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return runCommand("tmux -L \(socket) -f /dev/null \(quoted)").output
    }

    /// Opens a window named `name` running `command` at a size.
    func open(_ name: String, _ command: String, width: Int = 80, height: Int = 24) {
        let line = "env TERM=tmux-256color \(command); echo EXITED-$?; sleep 60"
        tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", line])
    }

    func screen(_ name: String) -> String { tmux(["capture-pane", "-p", "-t", name]) }
    func send(_ name: String, _ keys: String...) { tmux(["send-keys", "-t", name] + keys) }
    func resize(_ name: String, _ w: Int, _ h: Int) { tmux(["resize-window", "-t", name, "-x", "\(w)", "-y", "\(h)"]) }
    func kill(_ name: String) { tmux(["kill-session", "-t", name]) }

    /// Waits until the window shows every one of `texts` (up to `timeout` seconds); returns the screen.
    @discardableResult
    func waitFor(_ name: String, _ texts: String..., timeout: Double = 20) -> String {
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
