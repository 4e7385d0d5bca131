import CNcursesw
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Interface

/// One seat's terminal in a served room: an ncurses screen (`newterm`) on the slave side of a
/// pseudo-terminal of its own, or on the host's own terminal for the facilitator's console.
///
/// Several of these live in one process, so every call first makes its screen current with
/// `set_term`; all of them must be used from one thread (the room's).
public final class SeatTerminal {
    /// The terminal type ncurses drives: the client's `TERM` when it is a plain name that this
    /// machine's terminfo knows, else a safe type.
    public let terminalType: String
    /// The descriptor keys are read from (poll it for input).
    public let inputFD: Int32
    /// The window size the seat is drawn at, after clamping.
    public private(set) var size: (width: Int, height: Int)

    private var screenPointer: OpaquePointer?
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    private let ownsDescriptors: Bool
    private var previous: Screen?
    private var colors = false

    /// The types tried, in order, when the client's own is unknown or unsafe.
    public static let fallbackTypes = ["xterm-256color", "xterm", "vt100"]

    /// Sizes a client reports are hints: 0 means unknown (80×24 is assumed) and anything huge is
    /// cut to what a screen can usefully show, so a hostile 65535×65535 costs nothing.
    public static func clampedSize(width: Int, height: Int) -> (width: Int, height: Int) {
        let w = width <= 0 ? 80 : min(max(width, 10), 400)
        let h = height <= 0 ? 24 : min(max(height, 5), 150)
        return (w, h)
    }

    /// A client's `TERM` is used only when it is a short plain name (terminfo looks names up as
    /// file paths, so slashes and dots from a stranger are never passed on).
    public static func plausibleType(_ hint: String) -> Bool {
        guard !hint.isEmpty, hint.count <= 64, hint != "dumb" else { return false }
        return hint.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "-" || s == "+" || s == "_"
        }
    }

    /// Opens a pseudo-terminal for a seat and starts ncurses on its slave side. The returned master
    /// descriptor carries the seat's bytes: what the client types is written into it, and what
    /// ncurses draws is read out of it (the caller owns and closes it).
    public static func openPseudoTerminal(termHint: String, width: Int, height: Int, colors: Bool) throws -> (terminal: SeatTerminal, master: Int32) {
        let s = clampedSize(width: width, height: height)
        var master: Int32 = -1
        var slave: Int32 = -1
        var ws = winsize(ws_row: UInt16(s.height), ws_col: UInt16(s.width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &ws) == 0 else {
            throw SeatTerminalFailure.noPseudoTerminal(String(cString: strerror(errno)))
        }
        let slaveOut = dup(slave)
        guard slaveOut >= 0, let inFile = fdopen(slave, "r"), let outFile = fdopen(slaveOut, "w") else {
            Glibc.close(master); Glibc.close(slave)
            throw SeatTerminalFailure.noPseudoTerminal("fdopen failed")
        }
        do {
            let terminal = try SeatTerminal(termHint: termHint, input: inFile, output: outFile, inputFD: slave,
                                            size: s, colors: colors, ownsDescriptors: true)
            return (terminal, master)
        } catch {
            fclose(inFile); fclose(outFile); Glibc.close(master)
            throw error
        }
    }

    /// Starts ncurses on the host's own terminal (standard input and output): the facilitator's
    /// console of a room started in a terminal.
    public static func console(colors: Bool) throws -> SeatTerminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw Terminal.Failure.notATerminal }
        var ws = winsize()
        _ = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws)
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { throw Terminal.Failure.dumbTerminal }
        // Streams of their own on the standard descriptors (never closed: they are the host's).
        guard let input = fdopen(STDIN_FILENO, "r"), let output = fdopen(STDOUT_FILENO, "w") else { throw Terminal.Failure.notATerminal }
        return try SeatTerminal(termHint: term, input: input, output: output, inputFD: STDIN_FILENO,
                                size: clampedSize(width: Int(ws.ws_col), height: Int(ws.ws_row)),
                                colors: colors, ownsDescriptors: false)
    }

    private init(termHint: String, input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>, inputFD: Int32,
                 size: (width: Int, height: Int), colors wantColors: Bool, ownsDescriptors: Bool) throws {
        SeatTerminal.prepareLocale()
        var candidates = SeatTerminal.fallbackTypes
        if SeatTerminal.plausibleType(termHint) { candidates.insert(termHint, at: 0) }
        var opened: OpaquePointer?
        var chosen = ""
        for type in candidates {
            opened = type.withCString { newterm(UnsafeMutablePointer(mutating: $0), output, input) }
            if opened != nil { chosen = type; break }
        }
        guard let screen = opened else { throw Terminal.Failure.cannotStart(termHint) }
        self.screenPointer = screen
        self.terminalType = chosen
        self.input = input
        self.output = output
        self.inputFD = inputFD
        self.size = size
        self.ownsDescriptors = ownsDescriptors
        set_term(screen)
        raw() // Ctrl-C and Ctrl-S reach the seat as keys: a pseudo-terminal of ours has no one to signal
        noecho()
        nonl()
        keypad(es_stdscr(), true)
        nodelay(es_stdscr(), true)
        intrflush(es_stdscr(), false)
        set_escdelay(10)
        curs_set(0)
        resize_term(Int32(size.height), Int32(size.width))
        colors = CursesFrame.startColors(wanted: wantColors)
    }

    /// Wide characters need a UTF-8 locale; a host started without one (a service, CI) gets
    /// C.UTF-8. Done once: setlocale is not safe while other threads use the locale, so a host
    /// calls this before it starts its threads.
    public static func prepareLocale() { _ = localeOnce }

    private static let localeOnce: Bool = {
        useUTF8()
        return true
    }()

    private static func useUTF8() {
        let current = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
            _ = setlocale(LC_ALL, "C.UTF-8")
        }
    }

    /// Whether the seat is drawn in colour.
    public var hasColors: Bool { colors }

    /// Copies a screen onto the seat's terminal, writing only the cells that changed.
    public func draw(_ screen: Screen) {
        guard let sp = screenPointer else { return }
        set_term(sp)
        CursesFrame.draw(screen, over: previous, rows: size.height, columns: size.width, colors: colors)
        previous = screen
    }

    /// Takes a new window size (an SSH window-change request, or SIGWINCH at the host); the next
    /// draw repaints everything.
    public func resize(width: Int, height: Int) {
        guard let sp = screenPointer else { return }
        let s = SeatTerminal.clampedSize(width: width, height: height)
        size = s
        set_term(sp)
        resize_term(Int32(s.height), Int32(s.width))
        clearok(es_stdscr(), true)
        previous = nil
    }

    /// Reads the keys waiting on the seat's input, at most `limit` (a long paste is taken in
    /// slices so that other seats are served in between). Never waits for input.
    public func readKeys(limit: Int) -> [Key] {
        guard let sp = screenPointer else { return [] }
        set_term(sp)
        var keys: [Key] = []
        while keys.count < limit {
            var ch: wint_t = 0
            let r = wget_wch(es_stdscr(), &ch)
            if r == ERR { break }
            if let key = CursesKeys.key(result: r, character: ch) { keys.append(key) }
        }
        return keys
    }

    /// Ends ncurses on the seat (restoring its terminal modes) and closes the seat's side of its
    /// pseudo-terminal. Safe to call more than once.
    public func close() {
        guard let sp = screenPointer else { return }
        set_term(sp)
        curs_set(1)
        endwin()
        // Never delscreen (nor resize an ended screen): in ncurses 6.4 either breaks the screens
        // still open (empty frames; a crash in wget_wch). An ended screen stays allocated, about
        // 100 kB at 80×24: a room with a few hundred reconnections keeps a few tens of MB.
        screenPointer = nil
        if ownsDescriptors {
            fclose(input)
            fclose(output)
        }
    }

    deinit { close() }
}

/// Why a seat's terminal could not be made.
public enum SeatTerminalFailure: Error, CustomStringConvertible {
    case noPseudoTerminal(String)

    public var description: String {
        switch self {
        case .noPseudoTerminal(let why):
            return "The host could not open a pseudo-terminal for a seat (\(why)). Close other programs using terminals, or raise the system's limit on pseudo-terminals."
        }
    }
}
