import GameCore

/// The report as a sequence of blocks that each format draws in its own way: text and Markdown
/// wrap them to a width, HTML turns charts into SVG and the Mosca grid into a coloured table.
/// Building the content once keeps the formats saying the same thing.
enum Block {
    case heading(Int, String)
    case paragraph(String)
    case bullets([String])
    case numbered([String])
    /// Columns after the first are right-aligned.
    case table(header: [String], rows: [[String]])
    case timeline([TimelineEntry])
    case chart(Int)
    case mosca
    /// Where a new page starts in presentation mode (other formats ignore it).
    case page
    /// The Mosca grid of some blocs only: a grid too tall for one projector page, split (HTML).
    case moscaPart([String])
    /// A delegation's card, laid out as one page (HTML); text formats get its blocks instead.
    case card(Int)
}

extension Debrief {
    /// A one-line description of the game played.
    var subtitle: String {
        let span = turnLabels.isEmpty ? "no turns played" : "\(turnLabels[0])–\(turnLabels[turnLabels.count - 1])"
        return "Scenario “\(scenarioTitle)” (\(scenarioID)), seed \(seed). \(turnsPlayed) of \(turnCount) turns played (\(span))."
    }

    static let pillarNames = ["Security", "Prosperity", "Influence", "Stability"]

    static let moscaLegend = "✖ red: data harvested now will still matter when a rival can read it (shelf life + time to finish migrating exceeds the time to a rival's CRQC). ▲ amber: within three years of that. ● green: safe for now."

    /// `cards`: whether delegation cards stay whole (`.card`, for HTML) or are given as their blocks.
    func blocks(wholeCards: Bool = false) -> [Block] {
        var out: [Block] = []
        out.append(.heading(1, "After-action report: \(scenarioTitle)"))
        out.append(.paragraph(subtitle))
        if let b = branches.first {
            out.append(.paragraph("This game is a branch: it was rewound to the start of \(b.label) (turn \(b.turn)) from the save \(b.file)" +
                                  (branches.count > 1 ? ", itself a branch (\(counted(branches.count, "rewind")) in all; see “Rewinds and branches”)." : ".")))
        }

        out.append(.heading(2, "Outcome: \(outcome.title)"))
        out.append(.paragraph(outcome.explanation))
        if !outcome.causes.isEmpty {
            out.append(.paragraph("What led there:"))
            out.append(.bullets(outcome.causes))
        }

        out.append(.heading(2, "Delegations and their objectives"))
        out.append(.paragraph("Final pillars (0–100) and score, highest score first. A score is the average of the four pillars weighted by the delegation's doctrine, plus the points of every objective met. Secret objectives are revealed here and marked as such."))
        let ranked = delegations.sorted { $0.rank < $1.rank }
        out.append(.table(header: ["#", "Delegation", "Secur.", "Prosp.", "Influ.", "Stab.", "Score"], rows: ranked.map { d in
            ["\(d.rank)", "\(d.name) (\(d.id))"] + d.pillars.prefix(4).map { fmt($0, 0) } + [fmt(d.score, 1)]
        }))
        for d in delegations {
            out.append(.heading(3, "\(d.name) (\(d.id)) — \(d.doctrine), score \(fmt(d.score, 1)), rank \(d.rank)"))
            var lines: [String] = d.objectives.map { o in
                let mark = o.status == "met" ? "✓ met" : (o.status == "missed" ? "✗ missed" : "○ not yet judged")
                return "\(mark): \(o.text) (\(o.secret ? "secret objective; " : "")due \(o.due), \(fmt(o.points, 0)) points)"
            }
            if d.objectives.isEmpty { lines.append("No scored objectives.") }
            var facts: [String] = []
            if let c = d.crqc { facts.append("CRQC \(c)") }
            if d.exposure > 0 { facts.append("secrets read by others worth \(fmt(d.exposure, 1))") }
            if d.windfall > 0 { facts.append("read others' secrets worth \(fmt(d.windfall, 1))") }
            if !facts.isEmpty { lines.append(facts.joined(separator: "; ").capitalizedFirst + ".") }
            out.append(.bullets(lines))
        }

        out.append(.heading(2, "Timeline of key events"))
        out.append(.paragraph("Scenario events, dilemmas, treaties, CRQCs, intelligence, the facilitator's actions and the delegations' free-text proposals, turn by turn. Entries marked “secret at the time” were known only to some delegations."))
        out.append(timeline.isEmpty ? .paragraph("Nothing of note happened.") : .timeline(timeline))

        out += computerOrderBlocks()

        out.append(.heading(2, "Treaty proposals"))
        out += proposalBlocks()

        out.append(.heading(2, "Trust between the blocs"))
        out += trustBlocks()

        if !branches.isEmpty {
            out.append(.heading(2, "Rewinds and branches"))
            out.append(.paragraph("The facilitator rewound the game and played on from an earlier turn. The game reported here is the last branch; each earlier game is kept as its own save, which can be reported too. Nearest first:"))
            out.append(.bullets(branches.map { b in
                "Rewound to the start of \(b.label) (turn \(b.turn)) from \(b.file)" +
                    (b.parentTurnsPlayed.map { ", which had played \(counted($0, "turn"))" } ?? ", which was not found beside this save") + "."
            }))
        }

        out.append(.heading(2, "What harvest-now-decrypt-later exposed"))
        out += exposureBlocks()

        out.append(.heading(2, "Mosca's inequality over time"))
        out.append(.paragraph("Each bloc's status per sector at the end of every turn. " + Debrief.moscaLegend))
        out.append(.mosca)

        out.append(.heading(2, "Turning points"))
        if turningPoints.isEmpty {
            out.append(.paragraph("No single cause stood out from the routine changes of each turn."))
        } else {
            out.append(.paragraph("The largest causes of change in the why-ledger across the game (routine causes that recur every turn are left out), largest first:"))
            out.append(.numbered(turningPoints.map { p in
                "\(p.label) — \(p.cause): \(p.summary)."
            }))
        }

        out.append(.heading(2, "Charts"))
        out.append(.paragraph("Every line starts at the scenario's opening value, before the first turn." +
                              (charts.first?.markers.isEmpty == false ? " Numbered markers show the key events:" : "")))
        if let markers = charts.first?.markers, !markers.isEmpty {
            out.append(.numbered(markers.map { "\($0.label): \($0.text)" }))
        }
        for (i, c) in charts.enumerated() {
            out.append(.page)
            out.append(.heading(3, c.title))
            out.append(.paragraph(c.caption))
            out.append(.chart(i))
        }

        out.append(.heading(2, "Questions for discussion"))
        out.append(.numbered(questions))

        out.append(.heading(2, "Delegation cards"))
        out.append(.paragraph("One page per delegation, to hand out or show in turn: its objectives, the decisions that mattered and what others read of its traffic."))
        for (i, c) in cards.enumerated() {
            out.append(.page)
            if wholeCards { out.append(.card(i)); continue }
            out.append(.heading(3, "\(c.name) (\(c.bloc))"))
            out.append(.paragraph(c.summary))
            out.append(.paragraph("Objectives:"))
            out.append(.bullets(c.objectives.isEmpty ? ["No scored objectives."] : c.objectives))
            out.append(.paragraph("Decisions that mattered:"))
            out.append(.bullets(c.decisions))
            out.append(.paragraph("What others read of its traffic:"))
            out.append(.bullets(c.readByOthers))
        }
        return out.map(\.tidied)
    }

    /// Decrypted secrets per victim, the largest harvester–victim–sector totals, and who read
    /// whose negotiation messages. Long lists are cut; the JSON report keeps every row.
    func exposureBlocks() -> [Block] {
        var out: [Block] = []
        let e = exposure
        if e.decrypted.isEmpty {
            out.append(.paragraph("No harvested traffic was decrypted."))
        } else {
            out.append(.paragraph("Harvested traffic decrypted with a CRQC was worth \(fmt(e.totalValue, 1)) in all. A piece is worth less the older it is when read, and nothing once its sector's shelf life has passed."))
            var victims: [String] = []
            for r in e.decrypted where !victims.contains(r.victim) { victims.append(r.victim) }
            var rows: [(value: Double, cells: [String])] = []
            for v in victims {
                let mine = e.decrypted.filter { $0.victim == v }
                var total = 0.0
                for r in mine { total += r.value }
                var readers: [(String, Double)] = []
                for r in mine {
                    if let k = readers.firstIndex(where: { $0.0 == r.harvester }) { readers[k].1 += r.value } else { readers.append((r.harvester, r.value)) }
                }
                readers.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                let worst = mine.first.map { sectorName($0.sector) } ?? ""
                rows.append((total, [name(v), fmt(total, 1), readers.prefix(3).map { "\($0.0) \(fmt($0.1, 1))" }.joined(separator: ", ") + (readers.count > 3 ? ", …" : ""), worst]))
            }
            rows.sort { $0.value > $1.value || ($0.value == $1.value && $0.cells[0] < $1.cells[0]) }
            out.append(.table(header: ["Whose secrets", "Value", "Read by", "Worst sector"], rows: rows.map(\.cells)))
            let shown = 15
            out.append(.paragraph("The largest amounts by reader, victim and sector:"))
            out.append(.table(header: ["Read by", "Victim", "Sector", "Value", "Read"], rows: e.decrypted.prefix(shown).map { r in
                [r.harvester, r.victim, sectorName(r.sector), fmt(r.value, 1), r.firstRead == r.lastRead ? r.firstRead : "\(r.firstRead)–\(r.lastRead)"]
            }))
            if e.decrypted.count > shown {
                var rest = 0.0
                for r in e.decrypted.dropFirst(shown) { rest += r.value }
                let n = e.decrypted.count - shown
                out.append(.paragraph(n == 1 ? "One smaller amount, worth \(fmt(rest, 1)), is listed in the JSON report."
                                             : "\(n) smaller amounts, worth \(fmt(rest, 1)) together, are listed in the JSON report."))
            }
        }
        if e.messagesRead.isEmpty {
            out.append(.paragraph("No negotiation message was read by a third party. \(counted(e.messagesSent, "message")) \(e.messagesSent == 1 ? "was" : "were") sent; \(e.messagesHarvestedUnread) sat in harvested form, unread."))
            return out
        }
        out.append(.paragraph("\(e.messagesRead.count) of the \(counted(e.messagesSent, "negotiation message")) sent \(e.messagesRead.count == 1 ? "was" : "were") read by a third party after decryption; \(e.messagesHarvestedUnread) more \(e.messagesHarvestedUnread == 1 ? "was" : "were") harvested but never read."))
        var readers: [String] = []
        for m in e.messagesRead { for r in m.readBy where !readers.contains(r.bloc) { readers.append(r.bloc) } }
        out.append(.bullets(readers.map { reader in
            let read = e.messagesRead.filter { $0.readBy.contains { $0.bloc == reader } }
            var pairs: [(String, Int)] = []
            for m in read {
                let pair = [m.from, m.to].sorted().joined(separator: "–")
                if let k = pairs.firstIndex(where: { $0.0 == pair }) { pairs[k].1 += 1 } else { pairs.append((pair, 1)) }
            }
            pairs.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let list = join(pairs.prefix(4).map { "\($0.0) (\($0.1))" } + (pairs.count > 4 ? ["others"] : []))
            return "\(name(reader)) read \(read.count) message\(read.count == 1 ? "" : "s"), most between \(list)."
        }))
        let shown = 8
        out.append(.paragraph(e.messagesRead.count > shown ? "The first \(shown) messages read, in the order they were sent:" : "The messages read:"))
        out.append(.bullets(e.messagesRead.prefix(shown).map { m in
            "\(m.sent), \(name(m.from)) to \(name(m.to)): “\(clip(m.text, 160))” — read by " +
                join(m.readBy.map { "\(name($0.bloc)) in \($0.label)" }) + "."
        }))
        if e.messagesRead.count > shown {
            let n = e.messagesRead.count - shown
            out.append(.paragraph(n == 1 ? "The other message read is listed in the JSON report."
                                         : "The other \(n) messages read are listed in the JSON report."))
        }
        return out
    }

    /// Every proposal, one line each: who proposed what to whom, the answers, and its end.
    func proposalBlocks() -> [Block] {
        guard !proposals.isEmpty else { return [.paragraph("No treaty was proposed.")] }
        var inForce = 0, failedCount = 0
        for p in proposals {
            if p.status == "in force" || p.status == "signed" || p.status == "dissolved" { inForce += 1 }
            if p.status == "rejected" || p.status == "lapsed" { failedCount += 1 }
        }
        var out: [Block] = [.paragraph("\(counted(proposals.count, "treaty proposal")) in this game: \(inForce) signed, \(failedCount) never came into force" +
                                       (proposals.count - inForce - failedCount > 0 ? ", \(proposals.count - inForce - failedCount) still waiting for answers" : "") +
                                       ". Each with every invited party's answer (✓ accepted, ✗ rejected, … no answer in time) and how it ended.")]
        func line(_ p: ProposalReport) -> String {
            let answers = p.answers.filter { $0.answer != "proposed" }.map { a -> String in
                switch a.answer {
                case "accepted": return "\(a.bloc) ✓" + (a.label.map { " \($0)" } ?? "")
                case "rejected": return "\(a.bloc) ✗" + (a.label.map { " \($0)" } ?? "")
                case "no answer in time": return "\(a.bloc) … no answer in time"
                default: return "\(a.bloc) not answered yet"
                }
            }
            let renamed = p.signedAs.isEmpty ? "" : " (signed as \(p.signedAs))"
            return "\(p.proposed): \(name(p.proposer)) proposed \(p.name)\(renamed) — \(answers.joined(separator: ", ")). \(p.reason)"
        }
        // The ones that failed first: they are the ones the rest of the report does not show.
        let failed = proposals.filter { $0.status == "rejected" || $0.status == "lapsed" || $0.status == "waiting for answers" }
        let signed = proposals.filter { !failed.contains($0) }
        if !failed.isEmpty {
            out.append(.paragraph("Never came into force:"))
            out.append(.bullets(failed.map(line)))
        }
        if !signed.isEmpty {
            out.append(.paragraph("Signed:"))
            out.append(.bullets(signed.map(line)))
        }
        return out
    }

    /// Trust at the start and the end, as a grid, and the largest changes.
    func trustBlocks() -> [Block] {
        let n = trust.blocs.count
        guard n > 1, trust.start.count == n * n else { return [.paragraph("Trust is not recorded for this game.")] }
        let end = trust.end
        var out: [Block] = [.paragraph("How much each bloc (row) trusted each other bloc (column), from −100 (hostile) to 100 (allied), at the start and at the end" +
                                       (finished ? "" : " so far") + ". The chart of how much each bloc was trusted is under Charts; the CSV and JSON reports have every turn.")]
        for (title, m) in [("At the start:", trust.start), (finished ? "At the end:" : "At \(turnLabels.last ?? "the start"):", end)] {
            out.append(.paragraph(title))
            out.append(.table(header: ["Trust of"] + trust.blocs, rows: (0..<n).map { a in
                [trust.blocs[a]] + (0..<n).map { b in a == b ? "·" : fmt(m[a * n + b], 0) }
            }))
        }
        var changes: [(a: Int, b: Int, d: Double)] = []
        for a in 0..<n { for b in 0..<n where a != b {
            let d = end[a * n + b] - trust.start[a * n + b]
            // A pair that moved together is told once.
            if a > b && abs(end[b * n + a] - trust.start[b * n + a] - d) < 0.5 { continue }
            if abs(d) >= 1 { changes.append((a, b, d)) }
        } }
        changes.sort { abs($0.d) != abs($1.d) ? abs($0.d) > abs($1.d) : ($0.a, $0.b) < ($1.a, $1.b) }
        if changes.isEmpty {
            out.append(.paragraph("Trust between the blocs did not change."))
        } else {
            out.append(.paragraph("The largest changes:"))
            out.append(.bullets(changes.prefix(5).map { c in
                let both = abs(end[c.b * n + c.a] - trust.start[c.b * n + c.a] - c.d) < 0.5
                let pair = both ? "\(name(trust.blocs[c.a])) and \(name(trust.blocs[c.b]))" : "\(possessive(name(trust.blocs[c.a]))) trust in \(name(trust.blocs[c.b]))"
                return "\(both ? "Trust between " + pair : pair.capitalizedFirst) went from \(fmt(trust.start[c.a * n + c.b], 0)) to \(fmt(end[c.a * n + c.b], 0)) (\(signed(c.d, 0)))."
            }))
        }
        return out
    }

    func sectorName(_ id: String) -> String { sectors.first { $0.id == id }?.name ?? id }

    /// Turn indices to show when only `columns` fit: the last turn of each year (or every n-th year).
    func yearEnds(columns: Int) -> [Int] {
        var ends: [Int] = []
        for t in turnLabels.indices {
            let year = turnLabels[t].prefix(4)
            if t == turnLabels.count - 1 || turnLabels[t + 1].prefix(4) != year { ends.append(t) }
        }
        guard columns > 0, ends.count > columns else { return ends }
        let step = (ends.count + columns - 1) / columns
        var picked: [Int] = []
        var k = ends.count - 1
        while k >= 0 { picked.insert(ends[k], at: 0); k -= step }
        return picked
    }

    /// A chart as a table of values at year ends, for text and print.
    func chartTable(_ chart: Chart, width: Int) -> [String] {
        guard !turnLabels.isEmpty else { return ["(no turns played)"] }
        let labels = chart.series.map { $0.reference ? "threshold" : $0.key }
        let labelWidth = max(6, labels.map(\.count).max() ?? 6)
        let digits = 0
        var cell = 5
        for s in chart.series { for v in s.values { cell = max(cell, fmt(v, digits).count + 1) } }
        // A year's last turn is headed by the year alone; a game stopped mid-year shows its last label.
        func heading(_ t: Int) -> String {
            let label = turnLabels[t]
            let yearEnd = t + 1 < turnLabels.count || turnCount == turnsPlayed || label.hasSuffix("Q4") || label.hasSuffix("H2") || label.count == 4
            return yearEnd ? String(label.prefix(4)) : label
        }
        // The first column is the opening value ("start"); values[t + 1] is the end of turn t.
        var columns = max(1, (width - labelWidth) / (cell + 1) - 1)
        var turns = yearEnds(columns: columns)
        let widest = turns.map { heading($0).count + 1 }.max() ?? cell
        if widest > cell {
            cell = widest
            columns = max(1, (width - labelWidth) / cell - 1)
            turns = yearEnds(columns: columns)
        }
        func value(_ s: Series, _ k: Int) -> String { k < s.values.count ? fmt(s.values[k], digits) : "–" }
        var lines: [String] = []
        lines.append(pad("", labelWidth) + padLeft("start", cell) + turns.map { padLeft(heading($0), cell) }.joined())
        for (k, s) in chart.series.enumerated() {
            lines.append(pad(labels[k], labelWidth) + padLeft(value(s, 0), cell) + turns.map { padLeft(value(s, $0 + 1), cell) }.joined())
        }
        lines.append("(\(chart.unit); the opening value, then the value at the last turn of each year)")
        return lines
    }

    /// The Mosca grid as text: one line per bloc and sector, one symbol per turn (or per group of turns when narrow).
    func moscaGrid(width: Int) -> [String] {
        guard !turnLabels.isEmpty else { return ["(no turns played)"] }
        let sectorWidth = min(12, max(6, sectors.map(\.id.count).max() ?? 6))
        let idWidth = max(2, blocs.map(\.id.count).max() ?? 2)
        let labelWidth = idWidth + 1 + sectorWidth + 1
        let room = max(4, width - labelWidth)
        let step = max(1, (turnLabels.count + room - 1) / room)
        let groups = stride(from: 0, to: turnLabels.count, by: step).map { $0..<min(turnLabels.count, $0 + step) }
        // The two last digits of the year over the first turn of each year, where they fit.
        var header = [Character](repeating: " ", count: groups.count)
        var free = 0
        for (k, g) in groups.enumerated() {
            let year = turnLabels[g.lowerBound].prefix(4)
            let previous = k > 0 ? turnLabels[groups[k - 1].lowerBound].prefix(4) : ""
            guard year != previous, k >= free, k + 1 < groups.count else { continue }
            let yy = Array(year.suffix(2))
            header[k] = yy[0]
            header[k + 1] = yy[1]
            free = k + 3
        }
        if let all = moscaSameEverywhere() {
            return ["All \(all.rows) bloc-sector rows were \(all.status.symbol) \(all.status.rawValue) every turn."]
        }
        var lines: [String] = [trimTrailing(pad("", labelWidth) + String(header))]
        for b in blocs {
            let rows = sectors.compactMap { s in mosca.first { $0.bloc == b.id && $0.sector == s.id } }
            // A bloc whose sectors all kept one status every turn takes one line.
            if rows.count > 1, let st = rows[0].statuses.first, rows.allSatisfy({ $0.statuses.allSatisfy { $0 == st } }) {
                lines.append(clipLine(pad(b.id, idWidth) + " all \(rows.count) sectors \(st.symbol) \(st.rawValue) every turn", width))
                continue
            }
            for row in rows {
                let cells = groups.map { g -> String in worst(row.statuses[g]).symbol }
                lines.append(pad(b.id, idWidth) + " " + pad(String(row.sector.prefix(sectorWidth)), sectorWidth) + " " + cells.joined())
            }
        }
        let first = turnLabels[0].prefix(4)
        lines.append("(one symbol per turn" + (step > 1 ? ", the worst of each \(step) turns" : "") +
                     "; \(first.suffix(2)) marks the first turn of \(first), and so on)")
        return lines
    }

    /// When every bloc-sector row kept the same status at every turn: how many rows and which status.
    func moscaSameEverywhere() -> (rows: Int, status: MoscaStatus)? {
        guard mosca.count > 1, !turnLabels.isEmpty, let st = mosca.first?.statuses.first else { return nil }
        return mosca.allSatisfy({ $0.statuses.allSatisfy { $0 == st } }) ? (mosca.count, st) : nil
    }

    func worst(_ xs: ArraySlice<MoscaStatus>) -> MoscaStatus {
        if xs.contains(.red) { return .red }
        if xs.contains(.amber) { return .amber }
        return .green
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension Block {
    /// The block with no full stop doubled after a quotation that ends in one.
    var tidied: Block {
        switch self {
        case .heading(let level, let text): return .heading(level, tidyQuotes(text))
        case .paragraph(let text): return .paragraph(tidyQuotes(text))
        case .bullets(let items): return .bullets(items.map(tidyQuotes))
        case .numbered(let items): return .numbered(items.map(tidyQuotes))
        case .table, .timeline, .chart, .mosca, .page, .moscaPart, .card: return self
        }
    }
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func padLeft(_ s: String, _ n: Int) -> String { s.count >= n ? " " + s : String(repeating: " ", count: n - s.count) + s }
