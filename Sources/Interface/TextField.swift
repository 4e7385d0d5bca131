/// A line of text being typed, with an insertion point: what every prompt of the game edits.
/// It edits like a shell line (Left/Right, Home/End, Backspace, Delete forward) and is shown
/// over as many rows as it needs.
public struct TextField: Hashable, Sendable {
    /// The characters typed so far.
    public private(set) var characters: [Character]
    /// Where the next character goes: 0 is before the first, `characters.count` after the last.
    public private(set) var cursor: Int

    /// A field holding `text`, with the insertion point after it.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The text as typed.
    public var text: String { String(characters) }

    public var isEmpty: Bool { characters.isEmpty }

    /// Inserts a character at the insertion point.
    public mutating func insert(_ c: Character) {
        characters.insert(c, at: cursor)
        cursor += 1
    }

    /// Inserts text at the insertion point (a template, a paste).
    public mutating func insert(_ text: String) {
        let new = Array(text)
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    /// Removes the character before the insertion point.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Removes the character at the insertion point (the Delete key).
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// Applies an editing key; false when the key is not an editing key (the caller handles it).
    /// Newlines are refused: every field is one logical line, wrapped only for display.
    @discardableResult
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            guard !c.isNewline else { return true }
            insert(c)
        case .backspace: deleteBackward()
        case .delete: deleteForward()
        case .left: moveLeft()
        case .right: moveRight()
        case .home: moveHome()
        case .end: moveEnd()
        default: return false
        }
        return true
    }

    /// The text cut into rows of at most `width` display columns, at spaces where a row has one
    /// (the space stays at the end of its row, so every character, the insertion point included,
    /// has one place), and the row and column of the insertion point. An insertion point after a
    /// full last row starts a new, empty row.
    public func layout(width: Int) -> (rows: [String], cursorRow: Int, cursorColumn: Int) {
        let width = max(1, width)
        let widths = characters.map { Screen.displayWidth($0) }
        // Where each row starts.
        var starts = [0]
        var used = 0
        var lastSpace = -1
        var i = 0
        while i < characters.count {
            if used + widths[i] > width && i > starts.last! {
                let rowStart = starts.last!
                let breakAt = lastSpace >= rowStart && lastSpace + 1 < i ? lastSpace + 1 : i
                starts.append(breakAt)
                used = widths[breakAt..<i].reduce(0, +)
                lastSpace = -1
                continue
            }
            if characters[i] == " " { lastSpace = i }
            used += widths[i]
            i += 1
        }
        var rows: [String] = []
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1] : characters.count
            rows.append(String(characters[start..<end]))
        }
        var cursorRow = starts.lastIndex { $0 <= cursor } ?? 0
        var cursorColumn = widths[starts[cursorRow]..<min(cursor, characters.count)].reduce(0, +)
        if cursor >= characters.count && cursorColumn >= width {
            rows.append("")
            cursorRow = rows.count - 1
            cursorColumn = 0
        }
        return (rows, cursorRow, cursorColumn)
    }
}

extension Renderer {
    /// Most rows a prompt's text takes on screen; longer texts scroll to keep the insertion point in view.
    static let promptRows = 6

    /// A prompt: its question, the text over as many rows as it needs (up to `promptRows`), the
    /// insertion point shown by the terminal's cursor and a reverse-video cell, the last error, the keys.
    mutating func drawPrompt(_ p: Prompt, x: Int, w: Int) {
        let lines = Widgets.wrap(p.question, width: w - 4)
        let errors = p.error.map { Widgets.wrap($0, width: w - 4) } ?? []
        let layout = p.field.layout(width: max(1, w - 6))
        let room = max(1, min(Renderer.promptRows, height - lines.count - errors.count - 9))
        let visible = min(layout.rows.count, room)
        let first = max(0, min(layout.cursorRow - visible + 1, layout.rows.count - visible))
        // The same frame as every dialog (Render.drawModal).
        let h = lines.count + 4 + visible + errors.count
        let y = max(2, (height - h) / 2)
        screen.fill(x, y, w, h, " ", .plain)
        // A free-text action takes two lines of text: the title says so, so that keys meant for
        // the game after the first Enter are not typed into the second step unawares.
        let title: String
        var confirm = "Enter confirm"
        switch p.purpose {
        case .freeAction: title = "Free-text action, step 1 of 2: the action"; confirm = "Enter next: the effect you intend"
        case .freeActionIntent: title = "Free-text action, step 2 of 2: the effect you intend"; confirm = "Enter submit"
        default: title = "Type"
        }
        screen.box(x, y, w, h, title: title, style: style(.bold))
        for (i, l) in lines.enumerated() { put(x + 2, y + 1 + i, l) }
        let top = y + lines.count + 2
        for (i, row) in layout.rows.enumerated().dropFirst(first).prefix(visible) {
            let marker = i == 0 ? "> " : (i == first && first > 0 ? "… " : "  ")
            put(x + 2, top + i - first, marker, .bold)
            put(x + 4, top + i - first, row, .bold, maxWidth: w - 6)
        }
        let cursor = CursorPosition(x: x + 4 + layout.cursorColumn, y: top + layout.cursorRow - first)
        if cursor.x < screen.width, cursor.y < screen.height {
            let under = screen[cursor.x, cursor.y]
            screen[cursor.x, cursor.y] = Cell(under.text.isEmpty ? " " : under.text, style(Style(bold: true, reverse: true)))
            screen.cursor = cursor
        }
        let below = top + visible
        for (i, l) in errors.enumerated() { put(x + 2, below + i, l, .bad) }
        let keys = "←→ Home End move · Del deletes · " + confirm + " · " + (app.canStepBack ? "Esc back a step" : "Esc cancel")
        put(x + 2, below + errors.count, keys, .dim, maxWidth: w - 4)
    }
}
