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

/// A grid of cells: what the interface draws and the terminal copies to the screen.
public struct Screen: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = [Cell](repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Display width of a character: 2 for East Asian wide and emoji, 0 for combining marks, else 1.
    public static func displayWidth(_ c: Character) -> Int {
        guard let scalar = c.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x1100 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    public static func displayWidth(_ s: String) -> Int {
        var w = 0
        for c in s { w += displayWidth(c) }
        return w
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns and the screen. Returns the columns used.
    @discardableResult
    public mutating func put(_ x: Int, _ y: Int, _ text: String, _ style: Style = .plain, maxWidth: Int = .max) -> Int {
        guard y >= 0 && y < height else { return 0 }
        var col = x
        let limit = min(width, maxWidth == .max ? width : x + maxWidth)
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
