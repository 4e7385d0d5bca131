/// Small drawing helpers shared by the screens.
public enum Widgets {
    /// Breaks text into lines of at most `width` columns at spaces. Single line breaks inside a
    /// paragraph (as YAML block text has them) are spaces; blank lines and list items ("- ", "• ")
    /// start new lines. A word wider than `width` is cut into pieces that fit (a wide character
    /// alone on a line of width 1 is the only piece that cannot).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var utf8 = text
        return utf8.withUTF8 { bytes in
            if Screen.isSegmentedByScalars(bytes) {
                return TextLayout.wrap(ScalarGlyphs(bytes: bytes), bytes, width: width)
            }
            return TextLayout.wrap(CharacterGlyphs(text), bytes, width: width)
        }
    }

    /// A one-line trend of values using block characters (▁▂▃▄▅▆▇█). With `minimumSpan`, the scale
    /// spans at least that share of the largest value (0.25: a quarter), so a few percent of estimate
    /// noise moves a block or two instead of filling the height.
    public static func sparkline(_ values: [Double], width: Int, minimumSpan: Double = 0) -> String {
        let blocks = sparkBlocks
        let tail = Array(values.suffix(width))
        guard let low = tail.min(), let hi = tail.max() else { return "" }
        let lo = min(low, hi - abs(hi) * minimumSpan)
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
            let (kept, used) = Screen.prefix(s, columns: width - 1)
            return kept + "…" + String(repeating: " ", count: max(0, width - 1 - used))
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
        if a < 1 {
            // Shares and small sums (0.15, USD 0.05 bn) keep two decimals: one would say 0.2 or 0.1.
            let r = (x * 100).rounded() / 100
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Percentages that add up to 100 as whole numbers (largest remainders get the spare points),
    /// so a split shown rounded never reads 99 % or 101 %.
    public static func wholePercents(_ shares: [Double]) -> [Int] {
        guard shares.allSatisfy(\.isFinite) else { return shares.map { _ in 0 } }
        let total = shares.reduce(0, +)
        guard total > 0 else { return shares.map { _ in 0 } }
        let scaled = shares.map { $0 * 100 / total }
        var out = scaled.map { Int($0.rounded(.down)) }
        var spare = 100 - out.reduce(0, +)
        for i in scaled.indices.sorted(by: { (scaled[$0] - Double(out[$0]), $1) > (scaled[$1] - Double(out[$1]), $0) }) where spare > 0 {
            out[i] += 1
            spare -= 1
        }
        return out
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
        screen.annotations.append(.chart(rows: y..<(y + height), summary: chartSummary(series, threshold: threshold, xLabels: xLabels)))
        screen.put(x + axis - 1, y + plotH, "└" + String(repeating: "─", count: plotW), .dim)
        screen.put(x + axis, y + plotH + 1, xLabels.0, .dim)
        // One point in time: one label (the same date at both ends read like a broken axis).
        if xLabels.1 != xLabels.0 { screen.put(x + width - Screen.displayWidth(xLabels.1), y + plotH + 1, xLabels.1, .dim) }
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

extension Widgets {
    /// A chart in words, for readers who cannot see it: each series from its first to its last value
    /// with its lowest and highest, and the threshold line.
    static func chartSummary(_ series: [(label: String, values: [Double], style: Style, mark: Character)],
                             threshold: Double?, xLabels: (String, String)) -> [String] {
        let span = xLabels.0 == xLabels.1 || xLabels.1.isEmpty ? xLabels.0 : "\(xLabels.0) to \(xLabels.1)"
        var lines = ["Chart" + (span.isEmpty ? "" : ", \(span)") + ":"]
        for s in series {
            let values = s.values.filter(\.isFinite)
            guard let first = values.first, let last = values.last, let lo = values.min(), let hi = values.max() else { continue }
            let label = s.label.isEmpty ? String(s.mark) : "\(s.label) (\(s.mark))"
            lines.append(values.count == 1 ? "\(label): \(number(first))"
                : "\(label): from \(number(first)) to \(number(last)), lowest \(number(lo)), highest \(number(hi))")
        }
        if let t = threshold { lines.append("Threshold line at \(number(t)).") }
        return lines
    }
}

private let sparkBlocks: [Character] = Array("▁▂▃▄▅▆▇█")

// MARK: - Line breaking on UTF-8 bytes

/// One character of text being wrapped, found at a byte offset: where the next one starts, its
/// columns, and its scalar when it is exactly one (else `Glyph.several`).
struct Glyph {
    var next: Int
    var width: Int
    var scalar: UInt32

    static let several: UInt32 = .max
}

/// The characters of a UTF-8 text, addressed by the byte offset where each starts.
protocol GlyphSource {
    func glyph(at offset: Int) -> Glyph
}

/// Text whose characters are single scalars (`Screen.isSegmentedByScalars`), decoded as it is read.
struct ScalarGlyphs: GlyphSource {
    let bytes: UnsafeBufferPointer<UInt8>

    @inline(__always)
    func glyph(at offset: Int) -> Glyph {
        let b = bytes[offset]
        if b < 0x80 { return Glyph(next: offset + 1, width: 1, scalar: UInt32(b)) }
        let (v, n) = Screen.decodeScalar(bytes, offset)
        return Glyph(next: offset + n, width: Screen.scalarWidth(v), scalar: v)
    }
}

/// Any text, split into characters by the standard library once, up front.
struct CharacterGlyphs: GlyphSource {
    private var glyphs: [Glyph]

    init(_ text: String) {
        glyphs = Array(repeating: Glyph(next: 0, width: 0, scalar: 0), count: text.utf8.count)
        var offset = 0
        for c in text {
            let next = offset + c.utf8.count
            let scalars = c.unicodeScalars
            let scalar = scalars.count == 1 ? scalars.first!.value : Glyph.several
            glyphs[offset] = Glyph(next: next, width: Screen.displayWidth(c), scalar: scalar)
            offset = next
        }
    }

    func glyph(at offset: Int) -> Glyph { glyphs[offset] }
}

/// Word wrapping over the characters of a UTF-8 text, building lines from its bytes.
enum TextLayout {
    static let space: UInt32 = 0x20, newline: UInt32 = 0x0A, hyphen: UInt32 = 0x2D, bullet: UInt32 = 0x2022

    static func wrap<Source: GlyphSource>(_ source: Source, _ bytes: UnsafeBufferPointer<UInt8>, width: Int) -> [String] {
        let end = bytes.count
        var lines: [String] = []
        var line: [UInt8] = []
        line.reserveCapacity(4 * width)
        var lineWidth = 0
        var inParagraph = false

        func string(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        func endLine() {
            lines.append(String(decoding: line, as: UTF8.self))
            line.removeAll(keepingCapacity: true)
            lineWidth = 0
        }
        func startLine(_ from: Int, _ to: Int, _ w: Int) {
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to]))
            lineWidth = w
        }
        func place(_ start: Int, _ stop: Int, _ w: Int) {
            if w > width {
                if !line.isEmpty { endLine() }
                var remaining = w
                var p = start
                while remaining > width {
                    let pieceStart = p
                    var g = source.glyph(at: p)
                    var pieceWidth = g.width
                    p = g.next
                    while p < stop {
                        g = source.glyph(at: p)
                        if pieceWidth + g.width > width { break }
                        pieceWidth += g.width
                        p = g.next
                    }
                    remaining -= pieceWidth
                    if p == stop {
                        // One character wider than the line: it is the line.
                        startLine(pieceStart, p, pieceWidth)
                        return
                    }
                    lines.append(string(pieceStart, p))
                }
                startLine(p, stop, remaining)
            } else if line.isEmpty {
                startLine(start, stop, w)
            } else if lineWidth + 1 + w <= width {
                line.append(0x20)
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
                lineWidth += 1 + w
            } else {
                endLine()
                startLine(start, stop, w)
            }
        }

        var lineStart = 0
        while true {
            var p = lineStart
            while p < end {
                let g = source.glyph(at: p)
                guard g.scalar == space else { break }
                p = g.next
            }
            if p == end || source.glyph(at: p).scalar == newline {
                if inParagraph { endLine(); inParagraph = false }
                lines.append("")
            } else {
                let first = source.glyph(at: p)
                let listItem = (first.scalar == hyphen || first.scalar == bullet)
                    && first.next < end && source.glyph(at: first.next).scalar == space
                if inParagraph && listItem { endLine() }
                inParagraph = true
                while p < end {
                    let g = source.glyph(at: p)
                    if g.scalar == newline { break }
                    if g.scalar == space { p = g.next; continue }
                    let start = p
                    var w = 0
                    while p < end {
                        let g = source.glyph(at: p)
                        if g.scalar == space || g.scalar == newline { break }
                        w += g.width
                        p = g.next
                    }
                    place(start, p, w)
                }
            }
            guard p < end else { break }
            lineStart = source.glyph(at: p).next
        }
        if inParagraph { endLine() }
        while lines.last == "" { lines.removeLast() }
        return lines
    }
}
