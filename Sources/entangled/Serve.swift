import ArgumentParser
import Dispatch
import Foundation
import GameCore
import Room
import ScenarioFormat
import Server
import Persistence
import Strategy
import Terminal

/// `entangled serve`: hosts a game for a room over SSH (DESIGN §7c).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Host a game for a room over SSH: every delegation joins from its own laptop with `ssh`, and a projector seat shows the public world.",
        discussion: "Prints each seat's ssh line and join code. Runs until the game ends or Ctrl-C / SIGTERM, which save the game. Started in a terminal, that terminal becomes the facilitator's console."
    )

    @Option(name: .long, help: "A bundled scenario id or the path of a scenario file (default: quantum-decade).")
    var scenario: String?

    @Option(name: .long, help: "The seed (default: the scenario's own seed).")
    var seed: UInt64?

    @Option(name: .long, parsing: .upToNextOption, help: "Blocs played by delegations in the room, e.g. --human US EU CN.")
    var human: [String] = []

    @Flag(name: .long, help: "Seat a facilitator: turns wait for the facilitator's release.")
    var facilitator = false

    @Option(name: .customLong("ai-level"), help: "Computer players' level: novice, standard or expert (with --load, the save's unless given).")
    var aiLevelOption: AILevel?

    private var aiLevel: AILevel { aiLevelOption ?? .standard }
    private var aiLevelGiven: Bool { aiLevelOption != nil }

    @Option(name: .long, help: "Continue the game in this save file (its delegations take their seats again).")
    var load: String?

    @Option(name: .customLong("save-dir"), help: "Folder for saves, the journal of sealed orders and the host key (default: Saves).")
    var saveDir: String = "Saves"

    @Option(name: .long, help: "The SSH port participants connect to (default: 2222; 0 picks a free one).")
    var port: Int = 2222

    @Option(name: .long, help: "The address to listen on (default: 0.0.0.0, every interface).")
    var listen: String = "0.0.0.0"

    @Option(name: .customLong("turn-minutes"), help: "A turn clock of this many minutes from the first turn (the facilitator can change it).")
    var turnMinutes: Int?

    @Option(name: .customLong("run-sheet"), help: "With --facilitator: a run-sheet file of injects planned by turn for this scenario; the console offers each at its turn.")
    var runSheet: String?

    @Option(name: .long, help: "How the seats are printed: text (join slips) or json (one line).")
    var format: String = "text"

    func validate() throws {
        if load != nil && (scenario != nil || seed != nil) {
            throw ValidationError("--load continues the saved game, whose scenario and seed come from the save; leave out --scenario and --seed.")
        }
        guard format == "text" || format == "json" else {
            throw ValidationError("--format \(format) is not a format of serve. Use --format text or --format json.")
        }
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a port number. Use a number from 1 to 65535, e.g. --port 2222.")
        }
        if let minutes = turnMinutes, !(1...TurnTimer.maximumMinutes).contains(minutes) {
            throw ValidationError("--turn-minutes \(minutes) is out of range. Give a whole number of minutes from 1 to \(TurnTimer.maximumMinutes).")
        }
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, listen, &v4) != 1 && inet_pton(AF_INET6, listen, &v6) != 1 {
            throw ValidationError("--listen \"\(listen)\" is not an IP address. Give one of this machine's addresses, e.g. --listen 192.168.1.20, or 0.0.0.0 for all of them.")
        }
        if load == nil && human.isEmpty {
            throw ValidationError("A room needs at least one delegation: name them with --human, e.g. --human US EU.")
        }
    }

    func run() throws {
        // Before any thread starts: setlocale is not safe beside running threads.
        SeatTerminal.prepareLocale()
        let room = try makeRoomHost()
        let key: HostKey
        do { key = try HostKey.loadOrCreate(folder: saveDir) } catch { throw UserFailure("\(error)") }

        // Signals are taken by dispatch sources, never by ncurses: Ctrl-C and SIGTERM save and stop.
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE, SIGTSTP] { signal(sig, SIG_IGN) }
        let colors = ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
        let loop = RoomLoop(host: room, colors: colors, onStop: { room.stop() })
        loop.consoleFailed = { why in FileHandle.standardError.write(Data((why + " The room goes on headless.\n").utf8)) }
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { loop.post(.stop) }
            source.resume()
            sources.append(source)
        }
        let winch = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        winch.setEventHandler { loop.post(.consoleResized) }
        winch.resume()
        sources.append(winch)

        let door = SSHDoor(room: loop, hostKey: key)
        let boundPort: Int
        do { boundPort = try door.start(listen: listen, port: port) } catch { throw UserFailure("\(error)") }

        let slips = JoinSlips(tickets: room.tickets, port: boundPort, listen: listen, fingerprint: key.fingerprint)
        if format == "json" {
            print(slips.json)
        } else {
            print(slips.text)
        }
        let slipsPath = (saveDir as NSString).appendingPathComponent("join-slips.txt")
        // The slips hold the codes: readable by the host's user only, like the host key.
        _ = FileManager.default.createFile(atPath: slipsPath, contents: Data(slips.text.utf8), attributes: [.posixPermissions: 0o600])
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: slipsPath)
        fflush(nil)

        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            loop.run()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()

        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        if interactive {
            print("The join slips are also in \(slipsPath). Press Enter to open the facilitator's console here.")
            fflush(nil)
            // Waiting for Enter on its own thread: a game that ends meanwhile is not held up.
            Thread {
                var byte: UInt8 = 0
                while read(STDIN_FILENO, &byte, 1) == 1 && byte != 10 && byte != 13 {}
                loop.post(.openConsole)
            }.start()
        } else if format == "text" {
            print("Running without a terminal (headless); stop with Ctrl-C or SIGTERM, which saves the game.")
            fflush(nil)
        }
        finished.wait()
        // Let the last sentences reach the participants before the connections close.
        usleep(300_000)
        door.stop()
        for source in sources { source.cancel() }
        FileHandle.standardError.write(Data("The room has stopped and the game is saved in \(saveDir).\n".utf8))
    }

    /// The hosted game for these options; bad blocs and unreadable saves or scenarios are told
    /// in plain sentences before anything listens.
    private func makeRoomHost() throws -> RoomHost {
        let loaded = try load.map { try SaveFiles.load($0) }
        let scenarioValue = try loaded?.game.scenario ?? ScenarioSource.load(scenario)
        var humans: [Int] = []
        for id in human {
            guard let b = scenarioValue.blocIndex(id.uppercased()) else {
                throw ValidationError("--human \(id): there is no such bloc in \(scenarioValue.title). Blocs: \(scenarioValue.blocs.map(\.id).joined(separator: ", ")).")
            }
            if !humans.contains(b) { humans.append(b) }
        }
        // A run sheet names its scenario: it must be the one played.
        var sheet: RunSheetFile?
        if let runSheet {
            guard facilitator else { throw ValidationError("--run-sheet plans injects for the facilitator; add --facilitator.") }
            do { sheet = try RunSheetLoader.load(path: runSheet) } catch { throw UserFailure(error.description) }
            if let sheet, sheet.scenario.contentHash != scenarioValue.contentHash {
                throw UserFailure("The run sheet \(runSheet) is for \(sheet.scenario.id), not for the scenario played (\(scenarioValue.id)); give --scenario \(sheet.scenario.id) or the run sheet of \(scenarioValue.id).")
            }
        }
        do {
            let room = try RoomHost(scenario: scenarioValue, seed: seed, humans: humans, facilitator: facilitator,
                                    level: aiLevelGiven ? aiLevel : (loaded == nil ? aiLevel : nil),
                                    saveFolder: saveDir, loaded: loaded, turnMinutes: turnMinutes,
                                    scenarioPath: loaded == nil ? scenario : nil)
            room.useRunSheet(given: sheet?.entries, saved: loaded?.saved.seats.runSheet)
            return room
        } catch let error as RoomError {
            throw ValidationError(error.description)
        }
    }
}

/// What participants are given: each seat's ssh line and join code, as text to read out or print,
/// or as the one-line JSON object of DESIGN §7c.
struct JoinSlips {
    let tickets: [SeatTicket]
    let port: Int
    let listen: String
    let fingerprint: String

    /// The addresses participants can reach: the one listened on, or every IPv4 address of this
    /// machine's interfaces (the loopback last) when listening on all of them.
    var addresses: [String] {
        guard listen == "0.0.0.0" || listen == "::" else { return [listen] }
        var found: [String] = []
        var loopback: [String] = []
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return ["127.0.0.1"] }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let addr = entry.pointee.ifa_addr, addr.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(addr, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let text = String(cString: host)
            if text.hasPrefix("127.") { loopback.append(text) } else if !found.contains(text) { found.append(text) }
        }
        return found + loopback
    }

    /// The line a participant types for a seat.
    func command(for ticket: SeatTicket, address: String) -> String {
        port == 22 ? "ssh \(ticket.user)@\(address)" : "ssh -p \(port) \(ticket.user)@\(address)"
    }

    var text: String {
        let all = addresses
        let address = all.first ?? "127.0.0.1"
        var lines = ["Entangled States — the room is open on port \(port). Host key \(fingerprint)", ""]
        let width = tickets.map(\.label.count).max() ?? 0
        for ticket in tickets {
            let label = ticket.label.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(label)   \(command(for: ticket, address: address))   code: \(ticket.code)")
        }
        lines.append("")
        if all.count > 1 {
            lines.append("This machine also answers at: \(all.dropFirst().joined(separator: ", ")).")
        }
        lines.append("Type the code when ssh asks for the password. The first time, ssh asks to trust the host key: check it ends as above and answer yes.")
        return lines.joined(separator: "\n")
    }

    var json: String {
        let seats = tickets.map { t in
            JSON.object([("seat", .string(t.label)), ("user", .string(t.user)), ("code", .string(t.code))])
        }
        return JSON.object([("port", .int(port)), ("hostKeyFingerprint", .string(fingerprint)), ("seats", .array(seats))])
            .rendered(pretty: false)
    }
}
