import CNcursesw
import Interface

/// Turns what ncurses' `get_wch` returned into the game's keys (seat terminals run in raw mode,
/// so Ctrl-C arrives as a character, not a signal).
public enum CursesKeys {
    /// The key for one `get_wch` result, or nil for one the game has no use for.
    public static func key(result: Int32, character ch: wint_t) -> Key? {
        if result == KEY_CODE_YES {
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
        case 3: return .interrupt
        default:
            guard ch >= 32, let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(scalar))
        }
    }
}
