/// Small drawing helpers shared by the screens.
public enum Widgets {
    /// Breaks text into lines of at most `width` columns at spaces.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        // Single line breaks inside a paragraph (as YAML block text has them) are spaces;
        // blank lines and list items ("- ", "• ") start new lines.
        var paragraphs: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty { paragraphs.append(""); continue }
            if let last = paragraphs.last, !last.isEmpty, !trimmed.hasPrefix("- "), !trimmed.hasPrefix("• ") {
                paragraphs[paragraphs.count - 1] = last + " " + trimmed
            } else {
                paragraphs.append(line)
            }
        }
        for paragraph in paragraphs {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                while Screen.displayWidth(w) > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(w.prefix(width)))
                    w = String(w.dropFirst(width))
                }
                if line.isEmpty { line = w }
                else if Screen.displayWidth(line) + 1 + Screen.displayWidth(w) <= width { line += " " + w }
                else { lines.append(line); line = w }
            }
            lines.append(line)
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A one-line trend of values using block characters (▁▂▃▄▅▆▇█).
    public static func sparkline(_ values: [Double], width: Int) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let tail = Array(values.suffix(width))
        guard let lo = tail.min(), let hi = tail.max() else { return "" }
        if hi - lo < 1e-9 { return String(repeating: "▄", count: tail.count) }
        return String(tail.map { blocks[min(7, Int((($0 - lo) / (hi - lo)) * 7.999))] })
    }

    /// A horizontal bar of `width` cells filled to `fraction`.
    public static func bar(_ fraction: Double, width: Int) -> String {
        let f = max(0, min(1, fraction.isFinite ? fraction : 0))
        let full = Int((f * Double(width)).rounded())
        return String(repeating: "█", count: full) + String(repeating: "░", count: max(0, width - full))
    }

    /// Pads or cuts to exactly `width` columns.
    public static func fit(_ s: String, _ width: Int, right: Bool = false) -> String {
        let w = Screen.displayWidth(s)
        if w == width { return s }
        if w > width {
            guard width > 1 else { return String(s.prefix(width)) }
            var out = ""
            var used = 0
            for c in s {
                let cw = Screen.displayWidth(c)
                if used + cw > width - 1 { break }
                out.append(c); used += cw
            }
            return out + "…" + String(repeating: " ", count: max(0, width - 1 - used))
        }
        let padding = String(repeating: " ", count: width - w)
        return right ? padding + s : s + padding
    }

    /// A number for screens: thousands as k, one decimal below 100.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        let a = abs(x)
        if a >= 1_000_000 { return "\(Int((x / 1_000_000).rounded()))M" }
        if a >= 10_000 { return "\(Int((x / 1000).rounded()))k" }
        if a >= 100 { return String(Int(x.rounded())) }
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// A whole number, for indices and percentages.
    public static func int(_ x: Double) -> String { x.isFinite ? String(Int(x.rounded())) : "–" }

    /// A value with its uncertainty, e.g. "120 ±18%" or "120" when exact.
    public static func estimate(_ value: Double, error: Double) -> String {
        error == 0 ? number(value) : "\(number(value))~"
    }

    /// Draws a line chart of several series into a rectangle, with a y-axis scale.
    public static func lineChart(_ screen: inout Screen, x: Int, y: Int, width: Int, height: Int,
                                 series: [(label: String, values: [Double], style: Style, mark: Character)],
                                 threshold: Double? = nil, xLabels: (String, String) = ("", "")) {
        guard width > 12 && height > 4 else { return }
        var lo = Double.infinity, hi = -Double.infinity
        for s in series { for v in s.values where v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
        if let t = threshold { hi = max(hi, t); lo = min(lo, t) }
        guard lo.isFinite && hi.isFinite else { screen.put(x, y, "No data yet.", .dim); return }
        lo = min(lo, 0)
        if hi - lo < 1e-9 { hi = lo + 1 }
        let axis = 7
        let plotW = width - axis - 1, plotH = height - 2
        for row in 0..<plotH {
            let v = hi - (hi - lo) * Double(row) / Double(max(1, plotH - 1))
            if row == 0 || row == plotH - 1 || row == plotH / 2 {
                screen.put(x, y + row, fit(number(v), axis - 1, right: true), .dim)
            }
            screen.put(x + axis - 1, y + row, "┤", .dim)
        }
        screen.put(x + axis - 1, y + plotH, "└" + String(repeating: "─", count: plotW), .dim)
        screen.put(x + axis, y + plotH + 1, xLabels.0, .dim)
        screen.put(x + width - Screen.displayWidth(xLabels.1), y + plotH + 1, xLabels.1, .dim)
        func rowFor(_ v: Double) -> Int {
            let f = (hi - v) / (hi - lo)
            return max(0, min(plotH - 1, Int((f * Double(plotH - 1)).rounded())))
        }
        if let t = threshold {
            let r = rowFor(t)
            for c in 0..<plotW { screen.put(x + axis + c, y + r, "┄", .bad) }
        }
        for s in series {
            let n = s.values.count
            guard n > 0 else { continue }
            for c in 0..<plotW {
                let i = n == 1 ? 0 : Int((Double(c) / Double(max(1, plotW - 1)) * Double(n - 1)).rounded())
                guard i < n, s.values[i].isFinite else { continue }
                screen.put(x + axis + c, y + rowFor(s.values[i]), String(s.mark), s.style)
            }
        }
    }
}
