/// Presentation mode of the HTML report: the report cut into pages that each fit a 1280×720
/// projector screen, paged with the keyboard. The cutting is done here, from an estimate of each
/// block's height in the page's type (22 px, 1.45 line height, about 95 characters a line); the
/// page's script shrinks a page that still overflows, so nothing is ever cut off on screen.
struct Slide {
    /// The section (second-level heading) the page belongs to; empty for the title page.
    var section: String
    /// True for the second and later pages of a section.
    var continued: Bool
    var blocks: [Block]
}

extension Debrief {
    /// Height of a page's content area in pixels (720 less the margins and the page number).
    static let slideRoom = 620.0
    static let lineHeight = 32.0
    static let charsPerLine = 92.0

    static func lines(_ text: String, _ chars: Double = charsPerLine) -> Double {
        max(1, (Double(text.count) / chars).rounded(.up))
    }

    /// Estimated height of a block in pixels; `mosca` is the number of rows the grid shows.
    static func height(_ block: Block, mosca: Int = 0, sectors: Int = 0) -> Double {
        switch block {
        case .heading(let level, let text): return level == 1 ? 80 * lines(text, 55) : (level == 2 ? 70 : 56 * lines(text, 75))
        case .paragraph(let text): return lines(text) * lineHeight + 20
        case .bullets(let items), .numbered(let items): return items.map { lines($0, 88) * lineHeight + 8 }.reduce(20, +)
        case .table(let header, let rows): return 42 + rows.map { rowHeight($0, columns: header.count) }.reduce(20, +)
        case .timeline(let entries): return 42 + entries.map(timelineHeight).reduce(20, +)
        case .chart: return 480
        case .mosca: return 70 + Double(mosca) * 24
        case .moscaPart(let ids): return 70 + Double(ids.count * sectors) * 24
        case .page: return 0
        case .card: return 560
        }
    }

    static func rowHeight(_ row: [String], columns: Int) -> Double {
        let per = charsPerLine / Double(max(1, columns)) * 1.2
        return (row.map { lines($0, per) }.max() ?? 1) * lineHeight + 8
    }

    static func timelineHeight(_ e: TimelineEntry) -> Double {
        lines(e.text + (e.secret ? " (secret at the time)" : ""), 76) * lineHeight + 12
    }

    /// Cuts the report's blocks into pages: every second-level heading starts one, `.page` starts
    /// one, and a page that is full continues on the next under its section's name; lists,
    /// tables, the timeline and the Mosca grid are cut between items. The first `titleBlocks`
    /// blocks make the title page, which also holds the contents.
    func paginate(_ all: [Block], firstSlide titleBlocks: Int) -> [Slide] {
        let slideRoom = Debrief.slideRoom
        let moscaRows = moscaSameEverywhere() != nil ? 0 : mosca.count
        let sectorCount = sectors.count
        func height(_ b: Block, mosca: Int = 0) -> Double { Debrief.height(b, mosca: mosca, sectors: sectorCount) }
        var slides: [Slide] = [Slide(section: "", continued: false, blocks: Array(all.prefix(titleBlocks)))]
        var section = ""
        var current: Slide?
        var used = 0.0
        func flush() {
            if let c = current, !c.blocks.isEmpty { slides.append(c) }
            current = nil
        }
        /// A page cut by `.page` (a chart, a card) has its own heading and needs no "(continued)".
        func start(continued: Bool, titled: Bool = true) {
            flush()
            let heading = continued && titled
            current = Slide(section: section, continued: continued, blocks: heading ? [.heading(2, section + " (continued)")] : [])
            used = heading ? 70 : 0
        }
        func put(_ b: Block, _ h: Double) {
            if current == nil { start(continued: true) }
            current!.blocks.append(b)
            used += h
        }
        var i = titleBlocks
        while i < all.count {
            let block = all[i]
            i += 1
            switch block {
            case .heading(2, let text):
                section = text
                start(continued: false)
                put(block, height(block))
                continue
            case .page:
                if let c = current, c.blocks.contains(where: { if case .heading = $0 { return false }; return true }) { start(continued: true, titled: false) }
                continue
            default: break
            }
            let h = height(block, mosca: moscaRows)
            // A heading or a lead-in paragraph stays with what follows it.
            var keep = h
            // A heading keeps its lead-in paragraphs and the first thing after them (a chart, a list).
            if case .heading = block {
                var j = i
                while j < all.count {
                    keep += min(height(all[j], mosca: moscaRows), 480)
                    if case .paragraph = all[j] { j += 1; continue }
                    break
                }
            }
            if case .paragraph(let text) = block, text.hasSuffix(":"), i < all.count { keep += min(height(all[i], mosca: moscaRows), 120) }
            if used + keep <= slideRoom || used <= 70 && splitParts(block) == nil {
                put(block, h)
                continue
            }
            guard let parts = splitParts(block) else {
                start(continued: true)
                put(block, h)
                continue
            }
            // Cut a list between items: as many as fit on this page, the rest on the next ones.
            var k = 0
            while k < parts.count {
                var room = slideRoom - used - 62
                if room < 100 { start(continued: true); room = slideRoom - used - 62 }
                var n = 0, taken = 0.0
                while k + n < parts.count, taken + parts.heights[k + n] <= room || n == 0 {
                    taken += parts.heights[k + n]
                    n += 1
                }
                put(parts.make(k, k + n), taken + 62)
                k += n
                if k < parts.count { start(continued: true) }
            }
        }
        flush()
        return slides
    }

    /// The pieces a block can be cut into between pages, with their heights, and how to make a
    /// block of pieces `from..<to`; nil for a block that is never cut.
    func splitParts(_ block: Block) -> SplitParts? {
        switch block {
        case .bullets(let items):
            return SplitParts(heights: items.map { Debrief.lines($0, 88) * Debrief.lineHeight + 8 }) { .bullets(Array(items[$0..<$1])) }
        case .numbered(let items):
            // Numbering goes on across pages: the items carry their numbers as text then.
            return SplitParts(heights: items.map { Debrief.lines($0, 88) * Debrief.lineHeight + 8 }) { a, b in
                a == 0 && b == items.count ? .numbered(items) : .bullets((a..<b).map { "\($0 + 1). \(items[$0])" })
            }
        case .table(let header, let rows):
            return SplitParts(heights: rows.map { Debrief.rowHeight($0, columns: header.count) }) { .table(header: header, rows: Array(rows[$0..<$1])) }
        case .timeline(let entries):
            return SplitParts(heights: entries.map(Debrief.timelineHeight)) { .timeline(Array(entries[$0..<$1])) }
        case .mosca where moscaSameEverywhere() == nil:
            let ids = blocs.map(\.id)
            let rows = Double(max(1, sectors.count)) * 24
            return SplitParts(heights: ids.map { _ in rows }) { .moscaPart(Array(ids[$0..<$1])) }
        default:
            return nil
        }
    }
}

/// A block cut into pieces that can go on different pages.
struct SplitParts {
    var heights: [Double]
    var make: (Int, Int) -> Block
    var count: Int { heights.count }
}
