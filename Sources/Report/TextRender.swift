extension Debrief {
    /// The report as plain lines of at most `width` characters, no colour or escape codes, for the
    /// in-game debrief screen to scroll through. Same content and order as the Markdown report.
    public func textLines(width: Int = 78) -> [String] {
        let width = max(30, width)
        var out: [String] = []
        func blank() { if let last = out.last, !last.isEmpty { out.append("") } }
        for block in blocks() {
            switch block {
            case .heading(let level, let text):
                blank()
                let lines = wrap(text, width: width)
                out += lines
                if level < 3 {
                    out.append(String(repeating: level == 1 ? "=" : "-", count: min(width, lines.map(\.count).max() ?? 0)))
                }
            case .paragraph(let text):
                out += wrap(text, width: width)
                out.append("")
            case .bullets(let items):
                for item in items { out += wrap(item, width: width, first: "- ", rest: "  ") }
                out.append("")
            case .numbered(let items):
                for (i, item) in items.enumerated() {
                    let p = "\(i + 1). "
                    out += wrap(item, width: width, first: p, rest: String(repeating: " ", count: p.count))
                }
                out.append("")
            case .table(let header, let rows):
                out += tableLines(header: header, rows: rows, markdown: false).map { clipLine($0, width) }
                out.append("")
            case .timeline(let entries):
                for e in entries {
                    let p = e.label + "  "
                    out += wrap("\(e.kind.tag): \(e.text)" + (e.secret ? " (secret at the time)" : ""), width: width,
                                first: p, rest: String(repeating: " ", count: p.count))
                }
                out.append("")
            case .chart(let i):
                out += chartTable(charts[i], width: width).map { clipLine($0, width) }
                out.append("")
            case .mosca:
                out += moscaGrid(width: width).map { clipLine($0, width) }
                out.append("")
            case .page, .moscaPart, .card:
                continue
            }
        }
        while out.last == "" { out.removeLast() }
        return out
    }

    /// The report in Markdown, for print and for reading in a terminal (lines wrapped at 80 columns).
    public func markdown() -> String {
        let width = 80
        var out: [String] = []
        for block in blocks() {
            switch block {
            case .heading(let level, let text):
                out.append(String(repeating: "#", count: level) + " " + mdEscape(text))
                out.append("")
            case .paragraph(let text):
                out += wrap(mdEscape(text), width: width)
                out.append("")
            case .bullets(let items):
                for item in items { out += wrap(mdEscape(item), width: width, first: "- ", rest: "  ") }
                out.append("")
            case .numbered(let items):
                for (i, item) in items.enumerated() {
                    let p = "\(i + 1). "
                    out += wrap(mdEscape(item), width: width, first: p, rest: String(repeating: " ", count: p.count))
                }
                out.append("")
            case .table(let header, let rows):
                out += tableLines(header: header.map(mdEscape), rows: rows.map { $0.map(mdEscape) }, markdown: true)
                out.append("")
            case .timeline(let entries):
                for e in entries {
                    let text = "**\(e.label)** · \(e.kind.tag) · \(mdEscape(e.text))" + (e.secret ? " *(secret at the time)*" : "")
                    out += wrap(text, width: width, first: "- ", rest: "  ")
                }
                out.append("")
            case .chart(let i):
                out.append("```")
                out += chartTable(charts[i], width: width)
                out.append("```")
                out.append("")
            case .mosca:
                out.append("```")
                out += moscaGrid(width: width)
                out.append("```")
                out.append("")
            case .page, .moscaPart, .card:
                continue
            }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Characters that would change the meaning of Markdown text typed by players and facilitators.
func mdEscape(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "*", "_", "`", "<", "|", "\\": out.append("\\"); out.append(ch)
        default: out.append(ch)
        }
    }
    return out
}

/// Word-wraps `text` to `width` columns; `first` starts the first line and `rest` the others.
/// Linear in the length of the text: words are arrays of characters cut by index, and the line's
/// width is counted as it grows (re-counting strings, or cutting a long word with `dropFirst`
/// again and again, made a 3 MB title take minutes).
func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
    var lines: [String] = []
    var line = first
    var lineCount = first.count
    let restCount = rest.count
    var lineHasWord = false
    for piece in text.split(separator: " ", omittingEmptySubsequences: true) {
        let word = Array(piece)
        var start = 0
        while true {
            let remaining = word.count - start
            let needed = (lineHasWord ? 1 : 0) + remaining
            if lineCount + needed <= width {
                if lineHasWord { line += " " }
                line += String(word[start...])
                lineCount += needed
                lineHasWord = true
                break
            }
            if lineHasWord {
                lines.append(line)
                line = rest; lineCount = restCount
                lineHasWord = false
                continue
            }
            // A word longer than the line: split it.
            let room = max(1, width - lineCount)
            let end = min(word.count, start + room)
            line += String(word[start..<end])
            start = end
            lines.append(line)
            line = rest; lineCount = restCount
            if start >= word.count { break }
        }
    }
    if lineHasWord || lines.isEmpty { lines.append(line) }
    return lines
}

func clipLine(_ line: String, _ width: Int) -> String {
    line.count <= width ? line : String(line.prefix(width - 1)) + "…"
}

/// A table with aligned columns; the first column is left-aligned, the others right-aligned.
func tableLines(header: [String], rows: [[String]], markdown: Bool) -> [String] {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
        var parts: [String] = []
        for i in widths.indices {
            let c = i < cells.count ? cells[i] : ""
            parts.append(i == 0 || isText(column: i, rows: rows) ? pad(c, widths[i]) : padRight(c, widths[i]))
        }
        return markdown ? "| " + parts.joined(separator: " | ") + " |" : parts.joined(separator: "  ")
    }
    var out = [line(header)]
    if markdown {
        out.append("|" + widths.indices.map { i in
            (i == 0 || isText(column: i, rows: rows)) ? String(repeating: "-", count: widths[i] + 2)
                : String(repeating: "-", count: widths[i] + 1) + ":"
        }.joined(separator: "|") + "|")
    } else {
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    }
    for r in rows { out.append(line(r)) }
    return out.map { markdown ? $0 : trimTrailing($0) }
}

/// A column is text (left-aligned) unless every cell starts like a number.
func isText(column i: Int, rows: [[String]]) -> Bool {
    // "·" marks an empty cell (a bloc's trust in itself) and says nothing of the column.
    for r in rows where i < r.count && r[i] != "·" {
        guard let f = r[i].first, f.isNumber || f == "−" || f == "+" else { return true }
    }
    return false
}

func padRight(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

func trimTrailing(_ s: String) -> String {
    var t = Substring(s)
    while t.last == " " { t = t.dropLast() }
    return String(t)
}
