/// Colours a cell can carry. Meaning is never carried by colour alone: widgets pair colours with symbols.
public enum Color: UInt8, Hashable, Sendable {
    case normal = 0, red, green, yellow, blue, magenta, cyan, white, gray
}

/// How one cell is drawn.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(fg: Color = .normal, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.fg = fg; self.bold = bold; self.reverse = reverse; self.dim = dim; self.underline = underline
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let selected = Style(reverse: true)
    public static let dim = Style(dim: true)
    public static let title = Style(fg: .cyan, bold: true)
    public static let good = Style(fg: .green)
    public static let warn = Style(fg: .yellow)
    public static let bad = Style(fg: .red, bold: true)
    public static let key = Style(fg: .yellow, bold: true)
}

/// One terminal cell: a character (a grapheme of display width 1 or 2) and its style.
/// The cell after a wide character holds `continuation`.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }

    public static let blank = Cell(" ")
    public static let continuation = Cell("")
}

/// A cell position for the terminal's cursor (column `x`, row `y`, from 0).
public struct CursorPosition: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

/// A grid of cells: what the interface draws and the terminal copies to the screen.
public struct Screen: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's own cursor goes (a text field's insertion point), or nil to hide it.
    public var cursor: CursorPosition?

    /// What some rows mean beyond their characters, for the plain reading (`PlainReading`): which
    /// rows are items of a list, and which rows hold a chart and what it says in words. The curses
    /// terminal ignores them.
    public var annotations: [Annotation] = []

    /// The meaning of some rows of a screen (see `annotations`).
    public enum Annotation: Hashable, Sendable {
        /// Row `row` is an item of the screen's list (a plain reading numbers such rows).
        case listItem(row: Int)
        /// Rows `rows` draw a chart; `summary` says what it shows, one sentence a line.
        case chart(rows: Range<Int>, summary: [String])
    }

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Display width of a character: 2 for East Asian wide and emoji, else 1. A combining mark adds
    /// nothing because it belongs to the character of its base letter.
    public static func displayWidth(_ c: Character) -> Int {
        guard let scalar = c.unicodeScalars.first else { return 0 }
        return scalarWidth(scalar.value)
    }

    /// Display width of a string: the sum over its characters.
    public static func displayWidth(_ s: String) -> Int {
        var utf8 = s
        if let w = utf8.withUTF8(scalarWidthSum) { return w }
        var w = 0
        for c in s { w += displayWidth(c) }
        return w
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns and the screen. Returns the columns used.
    @discardableResult
    public mutating func put(_ x: Int, _ y: Int, _ text: String, _ style: Style = .plain, maxWidth: Int = .max) -> Int {
        guard y >= 0 && y < height else { return 0 }
        let limit = min(width, maxWidth == .max ? width : x + maxWidth)
        var utf8 = text
        if let used = utf8.withUTF8({ putScalars($0, x, y, style, limit) }) { return used }
        // Cells the scalar pass wrote before giving up are written again, identically, below.
        var col = x
        for c in text {
            if c == "\n" { break }
            let w = Screen.displayWidth(c)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                self[col, y] = Cell(String(c), style)
                if w == 2 { self[col + 1, y] = .continuation }
            }
            col += w
        }
        return col - x
    }

    /// `put` for text whose characters are single scalars (see `isSegmentedByScalars`), straight from
    /// its UTF-8 bytes; nil as soon as a scalar might join its neighbour into one character.
    private mutating func putScalars(_ bytes: UnsafeBufferPointer<UInt8>, _ x: Int, _ y: Int, _ style: Style, _ limit: Int) -> Int? {
        let row = y * width
        var col = x
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { break }
                if b == 0x0D { return nil }
                if col + 1 > limit { break }
                if col >= 0 { cells[row + col] = Cell(asciiCellText[Int(b)], style) }
                col += 1
                i += 1
            } else {
                let (v, n) = Screen.decodeScalar(bytes, i)
                guard Screen.standsAlone(v) else { return nil }
                let w = Screen.scalarWidth(v)
                if col + w > limit { break }
                if col >= 0 {
                    cells[row + col] = Cell(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + n)]), as: UTF8.self), style)
                    if w == 2 { cells[row + col + 1] = .continuation }
                }
                col += w
                i += n
            }
        }
        return col - x
    }

    /// Marks row `y` as an item of the screen's list, so a plain reading can number it.
    public mutating func markListItem(_ y: Int) {
        if y >= 0 && y < height { annotations.append(.listItem(row: y)) }
    }

    /// Fills a rectangle with a character.
    public mutating func fill(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ text: String = " ", _ style: Style = .plain) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { self[col, row] = Cell(text, style) }
        }
    }

    /// Changes the style of a rectangle, keeping its characters.
    public mutating func restyle(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ style: Style) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { self[col, row].style = style }
        }
    }

    /// Draws a box with line characters and an optional title.
    public mutating func box(_ x: Int, _ y: Int, _ w: Int, _ h: Int, title: String = "", style: Style = .plain) {
        guard w >= 2 && h >= 2 else { return }
        put(x, y, "┌" + String(repeating: "─", count: w - 2) + "┐", style)
        for row in (y + 1)..<(y + h - 1) {
            put(x, row, "│", style)
            put(x + w - 1, row, "│", style)
        }
        put(x, y + h - 1, "└" + String(repeating: "─", count: w - 2) + "┘", style)
        if !title.isEmpty { put(x + 2, y, " \(title) ", .title, maxWidth: w - 4) }
    }

    /// The screen as plain text, one line per row, trailing spaces removed (for snapshots and tests).
    public var text: String {
        var lines: [String] = []
        for y in 0..<height {
            var line = ""
            for x in 0..<width { line += self[x, y].text }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Whether the screen shows `needle` anywhere.
    public func contains(_ needle: String) -> Bool { text.contains(needle) }
}

/// One-character strings for the ASCII cells, so that drawing plain text builds no strings.
private let asciiCellText: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

// MARK: - Measuring text without walking characters
//
// Walking a `String` by `Character` runs the Unicode grapheme-breaking rules at every step and was
// most of the time spent rendering a screen. Almost all text on our screens is made of scalars that
// are characters on their own (ASCII, accented Latin, Greek, Cyrillic, punctuation, box drawing,
// blocks, arrows, CJK); for such text a character is one scalar, so widths and line breaks can be
// read off the UTF-8 bytes. Anything else (combining marks, emoji sequences, flags, Hangul jamo,
// "\r\n") takes the character-by-character path, which stays the definition of the result.

extension Screen {
    /// Columns taken by a character that starts with scalar `v`: 2 for East Asian wide and emoji, else 1.
    @inline(__always)
    static func scalarWidth(_ v: UInt32) -> Int {
        if v < 0x1100 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Whether scalar `v` (not ASCII) is a character of its own next to any other such scalar or any
    /// ASCII scalar but carriage return: no combining or joining mark, no prepended mark, no regional
    /// indicator, no Hangul jamo. A test checks every scalar in these ranges against the standard
    /// library's grapheme breaking.
    @inline(__always)
    static func standsAlone(_ v: UInt32) -> Bool {
        if v < 0x2000 {
            return v < 0x300 || (0x370..<0x483).contains(v) || (0x48A..<0x530).contains(v) || v >= 0x1E00
        }
        if v < 0x3100 {
            return (0x2010..<0x2028).contains(v) || (0x2030..<0x2060).contains(v) || (0x2070..<0x20D0).contains(v)
                || (0x2100..<0x2C00).contains(v) || (0x2E80..<0x302A).contains(v) || (0x3030..<0x3099).contains(v)
                || v >= 0x309B
        }
        return (0x3400..<0x4DC0).contains(v) || (0x4E00..<0xA000).contains(v) || (0xFF01..<0xFF61).contains(v)
    }

    /// The scalar starting at byte `i` of valid UTF-8 (a non-ASCII lead byte) and its length in bytes.
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F), 4)
    }

    /// Whether every character of this UTF-8 text is a single scalar (see `standsAlone`).
    static func isSegmentedByScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0D { return false }
                i += 1
            } else {
                let (v, n) = decodeScalar(bytes, i)
                if !standsAlone(v) { return false }
                i += n
            }
        }
        return true
    }

    /// `displayWidth` of UTF-8 text made of single-scalar characters; nil for any other text.
    static func scalarWidthSum(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var w = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0D { return nil }
                w += 1
                i += 1
            } else {
                let (v, n) = decodeScalar(bytes, i)
                if !standsAlone(v) { return nil }
                w += scalarWidth(v)
                i += n
            }
        }
        return w
    }

    /// The longest run of whole characters from the start of `s` that fits in `columns`, and its width.
    static func prefix(_ s: String, columns: Int) -> (text: String, width: Int) {
        var utf8 = s
        let fast: (String, Int)? = utf8.withUTF8 { bytes in
            var w = 0
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                var (v, n) = (UInt32(b), 1)
                if b < 0x80 {
                    if b == 0x0D { return nil }
                } else {
                    (v, n) = decodeScalar(bytes, i)
                    if !standsAlone(v) { return nil }
                }
                let cw = scalarWidth(v)
                if w + cw > columns { break }
                w += cw
                i += n
            }
            // Keep going to the end only to be sure no later scalar joins the last one kept.
            guard isSegmentedByScalars(UnsafeBufferPointer(rebasing: bytes[i...])) else { return nil }
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<i]), as: UTF8.self), w)
        }
        if let fast { return fast }
        var out = ""
        var used = 0
        for c in s {
            let cw = displayWidth(c)
            if used + cw > columns { break }
            out.append(c)
            used += cw
        }
        return (out, used)
    }
}
