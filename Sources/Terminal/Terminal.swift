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
        var hasColor = false
        if wantColors && has_colors() {
            start_color()
            use_default_colors()
            let map: [(Int16, Int16)] = [(1, Int16(COLOR_RED)), (2, Int16(COLOR_GREEN)), (3, Int16(COLOR_YELLOW)), (4, Int16(COLOR_BLUE)),
                                         (5, Int16(COLOR_MAGENTA)), (6, Int16(COLOR_CYAN)), (7, Int16(COLOR_WHITE)), (8, Int16(COLOR_BLACK))]
            for (pair, color) in map { init_pair(pair, color, -1) }
            hasColor = true
        }
        colors = hasColor
    }

    /// Whether the terminal shows colours.
    public var hasColors: Bool { colors }

    public var size: (width: Int, height: Int) {
        (Int(es_getmaxx(es_stdscr())), Int(es_getmaxy(es_stdscr())))
    }

    /// Copies the screen to the terminal, writing only cells that changed since the last frame.
    public func draw(_ screen: Screen) {
        let full = previous == nil || previous!.width != screen.width || previous!.height != screen.height
        if full { erase() }
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let cell = screen[x, y]
                if !full, let p = previous, p[x, y] == cell { continue }
                if cell.text.isEmpty { continue } // right half of a wide character
                var attrs = es_a_normal()
                if cell.style.bold { attrs |= es_a_bold() }
                if cell.style.reverse { attrs |= es_a_reverse() }
                if cell.style.dim { attrs |= es_a_dim() }
                if cell.style.underline { attrs |= es_a_underline() }
                let pair: Int16 = colors ? Int16(cell.style.fg.rawValue == 8 ? 7 : cell.style.fg.rawValue) : 0
                var wide = Array(cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
                wide.append(0)
                _ = wide.withUnsafeBufferPointer { es_put_cell(Int32(y), Int32(x), $0.baseAddress, attrs, pair) }
            }
        }
        previous = screen
        refresh()
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
        if r == KEY_CODE_YES {
            let code = Int32(ch)
            switch code {
            case es_key_resize(): return .resize
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            default:
                for n in 1...12 where code == es_key_f(Int32(n)) { return .function(n) }
                return nil
            }
        }
        switch ch {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 127, 8: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)), ch >= 32 else { return nil }
            return .char(Character(scalar))
        }
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
