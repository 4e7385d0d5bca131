import CNcursesw
import Foundation
import Interface

/// The only code that touches ncurses: it copies a `Screen` onto the terminal (only the cells that
/// changed), reads keys, and restores the terminal on every exit path.
public final class Terminal {
    public enum Failure: Error, CustomStringConvertible {
        case notATerminal
        case dumbTerminal
        case cannotStart(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return "Entangled States needs an interactive terminal, but standard input or output is not one. Run it directly in a terminal, or use `entangled simulate` for headless games."
            case .dumbTerminal:
                return "This terminal (TERM=dumb) cannot position the cursor, so the game cannot draw its screens. Use a terminal such as xterm or tmux, or `entangled simulate` for headless games."
            case .cannotStart(let term):
                return "The terminal type \"\(term)\" is unknown to ncurses. Set TERM to a known type (for example TERM=xterm-256color) and try again."
            }
        }
    }

    private var previous: Screen?
    private let colors: Bool
    nonisolated(unsafe) private static var active = false
    /// Ctrl-C presses the game has not read yet (set by the SIGINT handler).
    nonisolated(unsafe) private static var interrupts: sig_atomic_t = 0

    /// Checks the environment and starts curses. Throws a plain-language failure instead of exiting.
    public init(colors wantColors: Bool) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw Failure.notATerminal }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { throw Failure.dumbTerminal }
        setlocale(LC_ALL, "")
        // Under LANG=C (or none) curses drops every character beyond ASCII; the game's text is
        // UTF-8 and terminals almost always are, so a UTF-8 character type is used when there is one.
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8",
           setlocale(LC_CTYPE, "C.UTF-8") == nil, setlocale(LC_CTYPE, "en_US.UTF-8") == nil {
            FileHandle.standardError.write(Data("The locale is not UTF-8 and the system has no UTF-8 locale, so letters beyond ASCII cannot be shown; set LANG to a UTF-8 locale.\n".utf8))
        }
        guard let screen = es_newterm() else { throw Failure.cannotStart(term) }
        set_term(screen)
        Terminal.active = true
        Terminal.installSignalHandlers()
        cbreak()
        noecho()
        nonl()
        keypad(es_stdscr(), true)
        intrflush(es_stdscr(), false)
        set_escdelay(25)
        curs_set(0)
        colors = CursesFrame.startColors(wanted: wantColors)
    }

    /// Whether the terminal shows colours.
    public var hasColors: Bool { colors }

    public var size: (width: Int, height: Int) {
        (Int(es_getmaxx(es_stdscr())), Int(es_getmaxy(es_stdscr())))
    }

    /// Copies the screen to the terminal, writing only cells that changed since the last frame.
    public func draw(_ screen: Screen) {
        CursesFrame.draw(screen, over: previous, rows: screen.height, columns: screen.width, colors: colors)
        previous = screen
    }

    /// Forgets the last frame so the next draw repaints everything (after a resize).
    public func invalidate() { previous = nil }

    /// How long `readKey` waits before returning nil (negative: forever).
    public func setKeyTimeout(milliseconds: Int32) { wtimeout(es_stdscr(), milliseconds) }

    /// Waits for the next key (or the key timeout).
    public func readKey() -> Key? {
        if Terminal.interrupts > 0 { Terminal.interrupts = 0; return .interrupt }
        var ch: wint_t = 0
        let r = es_get_wch(&ch)
        if Terminal.interrupts > 0 { Terminal.interrupts = 0; return .interrupt }
        if r == ERR { return nil }
        return CursesKeys.key(result: r, character: ch)
    }

    /// Restores the terminal. Safe to call more than once.
    public func close() { Terminal.restore() }

    deinit { Terminal.restore() }

    static func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
    }

    /// Ctrl-C (SIGINT) becomes a key that asks whether to quit, as q does; a second Ctrl-C before
    /// the game has read the first (a game that does not respond) restores the terminal and exits.
    /// SIGTERM, SIGHUP and SIGQUIT restore the terminal and exit; fatal signals restore it and re-raise
    /// with the default action so the crash is still reported.
    private static func installSignalHandlers() {
        signal(SIGINT) { s in
            if Terminal.interrupts > 0 {
                Terminal.restore()
                _exit(128 + s)
            }
            Terminal.interrupts = 1
        }
        // SIGQUIT (Ctrl-\) too: left to the runtime, its crash reporter printed over the game and
        // left the terminal raw.
        for sig in [SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { s in
                Terminal.restore()
                _exit(128 + s)
            }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { s in
                Terminal.restore()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
