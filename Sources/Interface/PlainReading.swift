/// The game read as lines of text, for screen readers and braille displays (`entangled play --plain`).
///
/// It reads the very screens the terminal draws — drawn tall, so lists and reports rarely scroll
/// away — row by row: frame lines, bars and sparklines are dropped, the title line and box titles
/// become headings, list items are numbered, charts are said in words, and the selection (reverse
/// video or a ▸ on the terminal) is named in words. Nothing here decides what a screen shows: a
/// screen changed for the terminal is changed for the reader too.
public enum PlainReading {
    /// The width screens are drawn at for reading: wide enough for the screens' full titles.
    public static let width = 100
    /// The height screens are drawn at for reading: tall enough that lists rarely scroll.
    public static let height = 60

    /// What a selected row begins with.
    public static let selectedPrefix = "Selected: "

    /// The current screen as lines; while a dialog is open, the dialog alone (the screen under it
    /// was read when the dialog opened).
    public static func lines(of app: AppState) -> [String] {
        // Styles are read (reverse video, title colour), never shown: draw as a colour terminal would.
        var app = app
        app.colors = true
        let screen = app.render(width: width, height: height)
        if app.modal != nil {
            var under = app
            under.modal = nil
            let behind = under.render(width: width, height: height)
            if let box = changedBox(screen, behind) {
                return read(screen, rows: box.rows, columns: box.columns, tabLine: nil)
            }
        }
        let tabs: Int? = {
            switch app.mode {
            case .playing, .gameOver: return app.isFacilitatorView ? nil : 1
            default: return nil
            }
        }()
        return read(screen, rows: 0..<screen.height, columns: 0..<screen.width, tabLine: tabs)
    }

    /// The lines of `new` worth saying after `old` was said: all of them when the screen or dialog
    /// changed (its title line differs) or its length did; else the rows that changed, leaving out a
    /// row that only lost its selection (the row that gained it says where the selection is now).
    public static func changes(from old: [String]?, to new: [String]) -> [String] {
        guard let old, old.first == new.first, old.count == new.count else { return new }
        var out: [String] = []
        for (o, n) in zip(old, new) where o != n {
            if o == selectedPrefix + n { continue }
            out.append(n)
        }
        return out
    }

    /// The rectangle where two frames differ (a dialog drawn over a screen), or nil when they agree.
    static func changedBox(_ a: Screen, _ b: Screen) -> (rows: Range<Int>, columns: Range<Int>)? {
        guard a.width == b.width, a.height == b.height else { return nil }
        var top = Int.max, bottom = -1, left = Int.max, right = -1
        for y in 0..<a.height {
            for x in 0..<a.width where a[x, y] != b[x, y] {
                top = min(top, y); bottom = max(bottom, y); left = min(left, x); right = max(right, x)
            }
        }
        guard bottom >= 0 else { return nil }
        return (top..<(bottom + 1), left..<(right + 1))
    }

    /// Reads a region of a screen as lines (see the type's comment).
    static func read(_ screen: Screen, rows: Range<Int>, columns: Range<Int>, tabLine: Int?) -> [String] {
        var itemNumber: [Int: Int] = [:]
        var n = 0
        for case .listItem(let row) in screen.annotations where rows.contains(row) && itemNumber[row] == nil {
            n += 1
            itemNumber[row] = n
        }
        var charts: [(rows: Range<Int>, summary: [String])] = []
        for case .chart(let chartRows, let summary) in screen.annotations { charts.append((chartRows, summary)) }
        var out: [String] = []
        for y in rows {
            if let chart = charts.first(where: { $0.rows.contains(y) }) {
                if y == max(chart.rows.lowerBound, rows.lowerBound) { out += chart.summary }
                continue
            }
            var line = readRow(screen, y: y, columns: columns, titleRow: y == 0 && rows.lowerBound == 0, tabs: y == tabLine)
            if let number = itemNumber[y], !line.text.isEmpty { line.text = "\(number). " + line.text }
            if line.selected && !line.text.isEmpty { line.text = selectedPrefix + line.text }
            if line.heading && !line.text.isEmpty { line.text = (y == 0 ? "# " : "## ") + line.text }
            if tabLine == y && !line.text.isEmpty { line.text = "Screens: " + line.text }
            out.append(line.text)
        }
        // One blank line between blocks, none at either end.
        var tidy: [String] = []
        for l in out {
            if l.isEmpty && (tidy.last?.isEmpty ?? true) { continue }
            tidy.append(l)
        }
        while tidy.last?.isEmpty == true { tidy.removeLast() }
        return tidy
    }

    /// One row: its text with frames dropped and runs of spaces shortened, and whether it is a
    /// heading or the selected row. A reverse-video run inside a row is named "(selected)", or
    /// "(current)" on the tab line.
    static func readRow(_ screen: Screen, y: Int, columns: Range<Int>, titleRow: Bool, tabs: Bool) -> (text: String, selected: Bool, heading: Bool) {
        var pieces: [(text: String, reverse: Bool)] = []
        var allTitle = true
        var sawText = false
        var marker = false
        for x in columns {
            let cell = screen[x, y]
            if cell.text.isEmpty { continue }
            var text = cell.text
            if let scalar = text.unicodeScalars.first, text.unicodeScalars.count == 1 {
                switch scalar.value {
                case 0x2500...0x257F, 0x2580...0x259F: text = " "
                case 0x25B8, 0x25B6:
                    // ▸ ▶ mark the selection: at the start of a row, the row; inside one, the reverse run beside it.
                    if !sawText && !tabs { marker = true }
                    text = " "
                case 0x25C2:
                    // ◂ follows the selected row's name (the PQC and budget screens).
                    if !tabs { marker = true }
                    text = " "
                default: break
                }
            }
            let blank = text == " "
            if !blank {
                sawText = true
                if !(cell.style.fg == .cyan && cell.style.bold) { allTitle = false }
            }
            pieces.append((text, !titleRow && cell.style.reverse))
        }
        // Reverse runs: a whole row in reverse is the selected row; a run inside a row is named.
        let wholeRow = pieces.contains { $0.reverse && $0.text != " " } && !pieces.contains { !$0.reverse && $0.text != " " }
        var text = ""
        var run = ""
        func closeRun() {
            let trimmed = squeeze(run)
            // A row already marked as selected names no run inside it a second time.
            if !trimmed.isEmpty { text += " " + trimmed + (marker ? " " : tabs ? " (current) " : " (selected) ") }
            run = ""
        }
        for p in pieces {
            if p.reverse && !wholeRow { run += p.text; continue }
            closeRun()
            text += p.text
        }
        closeRun()
        return (squeeze(text), marker || wholeRow, sawText && (titleRow || allTitle))
    }

    /// Trims a row and shortens every run of spaces to one, or two where columns were.
    static func squeeze(_ s: String) -> String {
        var out = ""
        var spaces = 0
        for c in s {
            if c == " " { spaces += 1; continue }
            if !out.isEmpty && spaces > 0 { out += spaces >= 2 ? "  " : " " }
            spaces = 0
            out.append(c)
        }
        return out
    }
}
