import CNcursesw
import Interface

/// Copies a `Screen` onto the current ncurses screen: shared by the player's terminal and the
/// seats' terminals of a served room (each selects its own screen with `set_term` first).
enum CursesFrame {
    /// Starts colours on the current ncurses screen when wanted and the terminal has them: pair n
    /// is the n-th colour of `Style` on the default background, the pairs `draw` uses. Returns
    /// whether colours are on.
    static func startColors(wanted: Bool) -> Bool {
        guard wanted && has_colors() else { return false }
        start_color()
        use_default_colors()
        let map: [(Int16, Int16)] = [(1, Int16(COLOR_RED)), (2, Int16(COLOR_GREEN)), (3, Int16(COLOR_YELLOW)), (4, Int16(COLOR_BLUE)),
                                     (5, Int16(COLOR_MAGENTA)), (6, Int16(COLOR_CYAN)), (7, Int16(COLOR_WHITE)), (8, Int16(COLOR_BLACK))]
        for (pair, color) in map { init_pair(pair, color, -1) }
        return true
    }

    /// Writes the cells of `screen` that differ from `previous` (all of them, after an erase, when
    /// there is no previous frame or its size differs), within `rows` × `columns`, then refreshes.
    static func draw(_ screen: Screen, over previous: Screen?, rows: Int, columns: Int, colors: Bool) {
        let full = previous == nil || previous!.width != screen.width || previous!.height != screen.height
        if full { erase() }
        for y in 0..<min(rows, screen.height) {
            for x in 0..<min(columns, screen.width) {
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
        // The real cursor sits at a text field's insertion point (screen readers and magnifiers follow it), hidden otherwise.
        if let cursor = screen.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < min(columns, screen.width), cursor.y < min(rows, screen.height) {
            curs_set(1)
            wmove(es_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
    }
}
