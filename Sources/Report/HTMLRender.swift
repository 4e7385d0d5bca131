import Foundation
import GameCore

extension Debrief {
    /// The report as one self-contained HTML page for a projector: inline CSS, inline SVG charts,
    /// no script and nothing fetched from the network. Colours always come with a symbol, a line
    /// style or a label, so the page reads in black and white too.
    public func html() -> String {
        let slides = paginate(blocks(wholeCards: true), firstSlide: titleSlideBlocks())
        var body = ""
        for (k, slide) in slides.enumerated() {
            body += "<section class=\"slide\" id=\"slide-\(k + 1)\">\n<div class=\"inner\">\n"
            for (j, block) in slide.blocks.enumerated() {
                // A continued section's heading is shown on the projector only, not on the whole page.
                if j == 0, slide.continued, case .heading(2, let text) = block { body += "<h2 class=\"cont\">\(esc(text))</h2>\n"; continue }
                body += blockHTML(block)
            }
            if k == 0 { body += contentsHTML(slides) }
            body += "</div>\n<footer>\(k + 1) / \(slides.count)\(slide.section.isEmpty ? "" : " · " + esc(slide.section))</footer>\n</section>\n"
        }
        // Turn labels ("2030-Q4") never break across lines: a non-breaking hyphen.
        for p in ["Q1", "Q2", "Q3", "Q4", "H1", "H2"] { body = body.replacingOccurrences(of: "-" + p, with: "\u{2011}" + p) }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc("After-action report: \(scenarioTitle)"))</title>
        <style>
        \(Debrief.css)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        <script>
        \(Debrief.presenter)
        </script>
        </body>
        </html>

        """
    }

    /// The blocks of the title page: the report's title and what was played, before the contents.
    func titleSlideBlocks() -> Int {
        var k = 0
        for b in blocks() {
            if case .heading(2, _) = b { break }
            k += 1
        }
        return k
    }

    /// The list of sections on the title page, each a link to its first page.
    private func contentsHTML(_ slides: [Slide]) -> String {
        var items: [(String, Int)] = []
        for (k, s) in slides.enumerated() where k > 0 && !s.continued && !s.section.isEmpty { items.append((s.section, k + 1)) }
        return "<p class=\"keys\">To present, press <kbd>P</kbd>: <kbd>→</kbd> or <kbd>Space</kbd> next page, <kbd>←</kbd> previous, <kbd>C</kbd> these contents, <kbd>Esc</kbd> back to the whole page.</p>\n" +
            "<nav class=\"contents\"><h2 class=\"contents-title\">Contents</h2>\n<ol>\n" +
            items.map { "<li><a href=\"#slide-\($0.1)\">\(esc($0.0))</a></li>\n" }.joined() + "</ol></nav>\n"
    }

    private func blockHTML(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text):
            return "<h\(level)>\(esc(text))</h\(level)>\n"
        case .paragraph(let text):
            return "<p>\(esc(text))</p>\n"
        case .bullets(let items):
            return "<ul>\n" + items.map { "<li>\(marked(esc($0)))</li>\n" }.joined() + "</ul>\n"
        case .numbered(let items):
            return "<ol>\n" + items.map { "<li>\(esc($0))</li>\n" }.joined() + "</ol>\n"
        case .table(let header, let rows):
            var body = "<table>\n<thead><tr>" + header.enumerated().map { i, h in
                "<th class=\"\(i == 0 || isText(column: i, rows: rows) ? "text" : "num")\">\(esc(h))</th>"
            }.joined() + "</tr></thead>\n<tbody>\n"
            for r in rows {
                body += "<tr>" + r.enumerated().map { i, c in
                    "<td class=\"\(i == 0 || isText(column: i, rows: rows) ? "text" : "num")\">\(esc(c))</td>"
                }.joined() + "</tr>\n"
            }
            return body + "</tbody>\n</table>\n"
        case .timeline(let entries):
            var body = "<table class=\"timeline\">\n<thead><tr><th class=\"text\">Turn</th><th class=\"text\">Kind</th><th class=\"text\">What happened</th></tr></thead>\n<tbody>\n"
            for e in entries {
                body += "<tr class=\"\(e.kind.rawValue)\"><td class=\"when\">\(esc(e.label))</td><td><span class=\"tag \(e.kind.rawValue)\">\(esc(e.kind.tag))</span></td><td>\(esc(e.text))"
                if e.secret { body += " <em class=\"secret\">(secret at the time)</em>" }
                body += "</td></tr>\n"
            }
            return body + "</tbody>\n</table>\n"
        case .chart(let i):
            return "<figure>\n" + svgChart(charts[i]) + plotNote(charts[i]) + "<details><summary>Values at the end of each year</summary><pre>" +
                esc(chartTable(charts[i], width: 120).joined(separator: "\n")) + "</pre></details>\n</figure>\n"
        case .mosca:
            return moscaHTML(blocs: blocs.map(\.id))
        case .moscaPart(let ids):
            return moscaHTML(blocs: ids)
        case .page:
            return ""
        case .card(let i):
            let c = cards[i]
            func list(_ items: [String]) -> String { "<ul>\n" + items.map { "<li>\(marked(esc($0)))</li>\n" }.joined() + "</ul>\n" }
            return "<div class=\"card\">\n<h3>\(esc("\(c.name) (\(c.bloc))"))</h3>\n<p>\(esc(c.summary))</p>\n<div class=\"columns\">\n<div>\n" +
                "<h4>Objectives</h4>\n" + list(c.objectives.isEmpty ? ["No scored objectives."] : c.objectives) +
                "<h4>What others read of its traffic</h4>\n" + list(c.readByOthers) +
                "</div>\n<div>\n<h4>Decisions that mattered</h4>\n" + list(c.decisions) + "</div>\n</div>\n</div>\n"
        }
    }

    /// "✓ met" and "✗ missed" at the start of an objective line, in colour as well as symbol.
    private func marked(_ html: String) -> String {
        if html.hasPrefix("✓ met") { return "<span class=\"met\">✓ met</span>" + html.dropFirst(5) }
        if html.hasPrefix("✗ missed") { return "<span class=\"missed\">✗ missed</span>" + html.dropFirst(8) }
        if html.hasPrefix("○ not yet judged") { return "<span class=\"open\">○ not yet judged</span>" + html.dropFirst(16) }
        return html
    }

    static let css = """
    html { background: #ffffff; color: #111111; }
    body { font-family: "DejaVu Sans", "Segoe UI", Verdana, Arial, sans-serif; font-size: 22px; line-height: 1.45; margin: 0; }
    main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 64px; }
    h1 { font-size: 2.1em; margin: 0.4em 0 0.2em; }
    h2 { font-size: 1.6em; margin: 1.6em 0 0.4em; padding-bottom: 0.15em; border-bottom: 3px solid #111111; }
    h3 { font-size: 1.2em; margin: 1.2em 0 0.3em; }
    p, li { max-width: 60em; }
    ul, ol { padding-left: 1.6em; }
    li { margin: 0.25em 0; }
    table { border-collapse: collapse; margin: 0.6em 0 1em; }
    th, td { border: 1px solid #555555; padding: 0.25em 0.6em; vertical-align: top; }
    th { background: #e8e8e8; }
    .text { text-align: left; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .timeline td.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
    .tag { display: inline-block; padding: 0 0.4em; border: 2px solid #111111; border-radius: 4px; font-size: 0.8em; white-space: nowrap; }
    .tag.facilitator { background: #fff3b0; }
    .tag.crqc { background: #ffd6d6; }
    .tag.treaty { background: #d9ecff; }
    .tag.free-action { background: #e6dcff; }
    .tag.outcome { background: #111111; color: #ffffff; }
    .secret { color: #8a0000; }
    .met { color: #0a5d00; font-weight: bold; }
    .missed { color: #a00000; font-weight: bold; }
    .open { color: #444444; font-weight: bold; }
    figure { margin: 0.5em 0 1.5em; }
    svg { max-width: 100%; height: auto; background: #ffffff; }
    svg text { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; fill: #111111; }
    details { margin-top: 0.4em; }
    pre { font-size: 0.75em; overflow-x: auto; }
    table.mosca { border-collapse: collapse; font-size: 0.8em; }
    table.mosca td, table.mosca th { border: 1px solid #ffffff; padding: 0; min-width: 1.15em; text-align: center; line-height: 1.3; }
    table.mosca th { background: #ffffff; font-weight: normal; }
    table.mosca th.year { border-left: 2px solid #111111; }
    table.mosca th.row { text-align: left; padding: 0 0.5em 0 0; white-space: nowrap; }
    table.mosca tr.first th, table.mosca tr.first td { border-top: 3px solid #111111; }
    table.mosca td.year { border-left: 2px solid #111111; }
    td.red { background: #b71c1c; color: #ffffff; }
    td.amber { background: #ffc107; color: #111111; }
    td.green { background: #1b5e20; color: #ffffff; }
    .legend span { display: inline-block; margin-right: 1.2em; }
    .legend b { display: inline-block; width: 1.4em; text-align: center; }
    .card { font-size: 0.8em; }
    .card h3 { font-size: 1.5em; }
    .card h4 { font-size: 1em; margin: 0.6em 0 0.2em; }
    .card .columns { display: flex; gap: 2em; }
    .card .columns > div { flex: 1 1 0; }
    .card ul { margin: 0; }
    .cont, section.slide > footer { display: none; }
    .keys { color: #444444; font-size: 0.85em; }
    kbd { border: 1px solid #555555; border-radius: 4px; padding: 0 0.3em; font-family: inherit; }
    nav.contents ol { columns: 2; column-gap: 2em; margin: 0.3em 0; }
    nav.contents li { break-inside: avoid; margin: 0.1em 0; }
    nav.contents a { color: #0b3d91; }
    h2.contents-title { margin-top: 0.6em; }
    body.present { overflow: hidden; }
    body.present main { max-width: none; padding: 0; }
    body.present section.slide { display: none; }
    body.present section.slide.current { display: block; position: fixed; top: 0; left: 0; width: 100vw; height: 100vh; box-sizing: border-box; padding: 12px 32px 0; overflow: hidden; background: #ffffff; }
    body.present section.slide > footer { display: block; position: absolute; right: 28px; bottom: 6px; font-size: 16px; color: #444444; }
    body.present .cont { display: block; }
    body.present h1 { margin-top: 0.2em; }
    body.present h2 { margin: 0.1em 0 0.3em; }
    body.present h3 { margin: 0.2em 0 0.2em; }
    body.present figure svg { max-height: 390px; width: auto; }
    p.markers { font-size: 0.7em; margin: 0.2em 0; }
    body.present details, body.present .keys { display: none; }
    @media print {
      section.slide > footer, .keys { display: none; }
      body { font-size: 11pt; }
      h2 { page-break-after: avoid; }
      figure, table.mosca, .card { page-break-inside: avoid; }
      .card { page-break-before: always; }
      details { display: none; }
    }
    """

    /// The page's only script: presentation mode. P (or opening the file at #present or at a
    /// page's #slide-N) shows one page at a time; arrow keys, Space, Page Up/Down, Home and End
    /// page through it; C goes to the contents, Esc back to the whole page. A page whose content
    /// is taller than the screen is shrunk to fit rather than cut off.
    static let presenter = """
    (function () {
      var slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
      var i = 0;
      function on() { return document.body.classList.contains('present'); }
      function fit(s) {
        var inner = s.querySelector('.inner');
        inner.style.zoom = '';
        s.removeAttribute('data-zoom');
        var room = s.clientHeight - 40, h = inner.scrollHeight;
        if (h > room) { var z = Math.max(0.4, room / h); inner.style.zoom = z; s.setAttribute('data-zoom', z.toFixed(2)); }
      }
      function show(k) {
        i = Math.max(0, Math.min(slides.length - 1, k));
        slides.forEach(function (s, j) { s.classList.toggle('current', j === i); });
        if (on()) { fit(slides[i]); history.replaceState(null, '', '#' + slides[i].id); }
      }
      function present(yes) {
        document.body.classList.toggle('present', yes);
        if (yes) { show(i); } else { slides[i].scrollIntoView(); history.replaceState(null, '', location.pathname); }
      }
      document.addEventListener('keydown', function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey) { return; }
        var k = e.key;
        if (k === 'p' || k === 'P') { if (!on()) { var y = 0; slides.forEach(function (s, j) { if (s.offsetTop <= window.scrollY + 10) { y = j; } }); i = y; } present(!on()); e.preventDefault(); return; }
        if (!on()) { return; }
        if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'PageDown' || k === ' ' || k === 'Enter') { show(i + 1); }
        else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'PageUp' || k === 'Backspace') { show(i - 1); }
        else if (k === 'Home' || k === 'c' || k === 'C') { show(0); }
        else if (k === 'End') { show(slides.length - 1); }
        else if (k === 'Escape') { present(false); }
        else { return; }
        e.preventDefault();
      });
      document.addEventListener('click', function (e) {
        var a = e.target.closest ? e.target.closest('a[href^="#slide-"]') : null;
        if (a && on()) { e.preventDefault(); show(slides.indexOf(document.getElementById(a.getAttribute('href').slice(1)))); }
      });
      var h = location.hash;
      if (h === '#present' || h.indexOf('#slide-') === 0) {
        var s = document.getElementById(h.slice(1));
        if (s) { i = slides.indexOf(s); }
        present(true);
      }
    })();
    """

    private func moscaHTML(blocs shown: [String]) -> String {
        guard !turnLabels.isEmpty else { return "<p>(no turns played)</p>\n" }
        if let all = moscaSameEverywhere() {
            let colours: [MoscaStatus: String] = [.red: "background:#b71c1c;color:#fff", .amber: "background:#ffc107;color:#111",
                                                  .green: "background:#1b5e20;color:#fff"]
            return "<p class=\"legend\">All \(all.rows) bloc-sector rows were <b style=\"\(colours[all.status] ?? "")\">\(all.status.symbol)</b> \(all.status.rawValue) every turn.</p>\n"
        }
        var out = "<p class=\"legend\"><span><b class=\"sym\" style=\"background:#b71c1c;color:#fff\">✖</b> red</span>" +
            "<span><b style=\"background:#ffc107;color:#111\">▲</b> amber</span>" +
            "<span><b style=\"background:#1b5e20;color:#fff\">●</b> green</span></p>\n"
        out += "<table class=\"mosca\">\n<thead><tr><th class=\"row\">Bloc and sector</th>"
        var years: [(String, Int)] = []
        for label in turnLabels {
            let y = String(label.prefix(4))
            if let last = years.last, last.0 == y { years[years.count - 1].1 += 1 } else { years.append((y, 1)) }
        }
        for (k, (y, span)) in years.enumerated() { out += "<th\(k > 0 ? " class=\"year\"" : "") colspan=\"\(span)\">\(span >= 2 ? esc(y) : esc(String(y.suffix(2))))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for b in blocs where shown.contains(b.id) {
            for (k, s) in sectors.enumerated() {
                guard let row = mosca.first(where: { $0.bloc == b.id && $0.sector == s.id }) else { continue }
                out += "<tr\(k == 0 ? " class=\"first\"" : "")><th class=\"row\">\(esc(b.id)) · \(esc(s.name))</th>"
                for (t, st) in row.statuses.enumerated() {
                    // A heavier line where a new year starts.
                    let newYear = t > 0 && turnLabels[t].prefix(4) != turnLabels[t - 1].prefix(4)
                    out += "<td class=\"\(st.rawValue)\(newYear ? " year" : "")\" title=\"\(esc(turnLabels[t])): \(st.rawValue)\">\(st.symbol)</td>"
                }
                out += "</tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n"
    }

    /// What only the drawn chart shows: how the reference line is drawn and the scale.
    func plotNote(_ chart: Chart) -> String {
        var notes: [String] = []
        if let r = chart.series.first(where: \.reference) { notes.append("The \(r.name) is the dashed black line.") }
        if chart.logScale { notes.append("Logarithmic scale.") }
        // The markers' key under every chart, so a projected chart explains its own numbers.
        let key = chart.markers.enumerated().map { "\($0.offset + 1) \($0.element.label) \($0.element.text)" }.joined(separator: " · ")
        return (notes.isEmpty ? "" : "<figcaption>\(esc(notes.joined(separator: " ")))</figcaption>\n") +
            (key.isEmpty ? "" : "<p class=\"markers\">Markers: \(esc(key))</p>\n")
    }

    // MARK: - SVG line charts

    /// Line colours, chosen to stay apart for colour-blind readers; neighbours in hue (blue and
    /// sky blue, vermillion and wine, …) sit at indices whose dash patterns differ too.
    static let palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#332288", "#999933", "#56b4e9", "#882255", "#44aa99", "#aa4499",
                          "#117733", "#e69f00"]
    /// Five dash patterns: with ten colours, no two of the first ten lines share both.
    static let dashes = ["", "14 6", "3 5", "16 5 3 5", "8 4 2 4"]

    func svgChart(_ chart: Chart) -> String {
        let width = 1200.0, height = 560.0
        let left = 96.0, right = 300.0, top = 24.0, bottom = 70.0
        let plotW = width - left - right, plotH = height - top - bottom
        // Point 0 is the opening value, point k the end of turn k − 1.
        let n = turnLabels.count + 1
        func pointLabel(_ k: Int) -> String { turnLabels.isEmpty ? "start" : turnLabels[max(0, k - 1)] }
        var lo = Double.infinity, hi = -Double.infinity
        for s in chart.series { for v in s.values where v.isFinite { lo = min(lo, v); hi = max(hi, v) } }
        if !lo.isFinite { lo = 0; hi = 1 }
        // Y scale
        var ticks: [Double] = []
        let yOf: (Double) -> Double
        if chart.logScale {
            let minExp = Foundation.floor(Foundation.log10(max(1, lo)))
            let maxExp = max(minExp + 1, Foundation.ceil(Foundation.log10(max(1, hi))))
            var e = minExp
            while e <= maxExp {
                let decade = Foundation.pow(10, e)
                ticks.append(decade)
                // Few decades: 2 and 5 in between, so values can be read off.
                if maxExp - minExp <= 2 && e < maxExp { ticks += [2 * decade, 5 * decade] }
                e += 1
            }
            yOf = { v in
                let f = (Foundation.log10(max(1, v)) - minExp) / (maxExp - minExp)
                return top + plotH * (1 - f)
            }
        } else {
            let maxV = chart.unit.contains("100") || chart.unit.hasPrefix("%") ? 100 : niceCeiling(hi)
            // Trust runs from −100; other charts start at zero.
            let minV = chart.unit.contains("−100") ? -100 : (lo < 0 ? -niceCeiling(-lo) : 0)
            var t = minV
            let step = (maxV - minV) / (minV < 0 ? 4 : 5)
            while t <= maxV + 1e-9 { ticks.append(t); t += step }
            yOf = { v in top + plotH * (1 - (max(minV, min(v, maxV)) - minV) / (maxV - minV)) }
        }
        let xOf: (Int) -> Double = { t in n <= 1 ? left + plotW / 2 : left + plotW * Double(t) / Double(n - 1) }
        var out = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(esc(chart.title))\">\n"
        out += "<title>\(esc(chart.title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>\n"
        // Grid and y axis labels
        for v in ticks {
            let y = r(yOf(v))
            out += "<line x1=\"\(r(left))\" y1=\"\(y)\" x2=\"\(r(left + plotW))\" y2=\"\(y)\" stroke=\"#cccccc\" stroke-width=\"1\"/>\n"
            out += "<text x=\"\(r(left - 10))\" y=\"\(r(yOf(v) + 7))\" font-size=\"20\" text-anchor=\"end\">\(esc(axisNumber(v)))</text>\n"
        }
        // X axis: a tick and the year at the first turn of each year
        var previous = ""
        var lastLabelX = -1000.0
        var yearCount = 0
        for t in turnLabels.indices where t == 0 || turnLabels[t].prefix(4) != turnLabels[t - 1].prefix(4) { yearCount += 1 }
        // A game of a year or two is labelled by turn ("2029-Q3"), a longer one by year.
        let byTurn = yearCount < 3
        for t in 0..<n {
            let year = byTurn ? (t == 0 ? "start" : pointLabel(t)) : String(pointLabel(t).prefix(4))
            guard year != previous else { continue }
            previous = year
            let x = xOf(t)
            out += "<line x1=\"\(r(x))\" y1=\"\(r(top + plotH))\" x2=\"\(r(x))\" y2=\"\(r(top + plotH + 8))\" stroke=\"#111111\" stroke-width=\"2\"/>\n"
            if x - lastLabelX >= (byTurn ? 100 : 52) {
                out += "<text x=\"\(r(x))\" y=\"\(r(top + plotH + 32))\" font-size=\"20\" text-anchor=\"middle\">\(esc(year))</text>\n"
                lastLabelX = x
            }
        }
        out += "<line x1=\"\(r(left))\" y1=\"\(r(top))\" x2=\"\(r(left))\" y2=\"\(r(top + plotH))\" stroke=\"#111111\" stroke-width=\"2\"/>\n"
        out += "<line x1=\"\(r(left))\" y1=\"\(r(top + plotH))\" x2=\"\(r(left + plotW))\" y2=\"\(r(top + plotH))\" stroke=\"#111111\" stroke-width=\"2\"/>\n"
        out += "<text x=\"\(r(left + plotW / 2))\" y=\"\(r(height - 8))\" font-size=\"20\" text-anchor=\"middle\">\(byTurn ? "turn" : "turn (year)")</text>\n"
        out += "<text x=\"20\" y=\"\(r(top + plotH / 2))\" font-size=\"20\" text-anchor=\"middle\" transform=\"rotate(-90 20 \(r(top + plotH / 2)))\">\(esc(chart.unit))</text>\n"
        // Key events: a dotted vertical line at the end of their turn, numbered as in the list above the charts.
        var stacked = [Int](repeating: 0, count: n + 1)
        for (k, m) in chart.markers.enumerated() where m.turn + 1 < n {
            let x = xOf(m.turn + 1)
            let level = stacked[m.turn + 1]
            stacked[m.turn + 1] = level + 1
            let cy = top + 16 + Double(level) * 30
            out += "<line x1=\"\(r(x))\" y1=\"\(r(top))\" x2=\"\(r(x))\" y2=\"\(r(top + plotH))\" stroke=\"#555555\" stroke-width=\"2\" stroke-dasharray=\"2 4\"><title>\(esc(m.label + ": " + m.text))</title></line>\n"
            out += "<circle cx=\"\(r(x))\" cy=\"\(r(cy))\" r=\"13\" fill=\"#ffffff\" stroke=\"#111111\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(r(x))\" y=\"\(r(cy + 6))\" font-size=\"17\" text-anchor=\"middle\">\(k + 1)</text>\n"
        }
        // Lines and legend. With many blocs only the ten highest at the end get a colour and a
        // legend entry; the others are thin grey lines under one entry.
        let players = chart.series.indices.filter { !chart.series[$0].reference }
        var featured = Set(players)
        if players.count > 12 {
            let ranked = players.sorted { a, b in
                let x = chart.series[a].values.last ?? 0, y = chart.series[b].values.last ?? 0
                return x != y ? x > y : a < b
            }
            featured = Set(ranked.prefix(10))
            for i in players where !featured.contains(i) {
                let points = chart.series[i].values.enumerated().map { t, v in "\(r(xOf(t))),\(r(yOf(v)))" }.joined(separator: " ")
                if n > 1 { out += "<polyline fill=\"none\" stroke=\"#9e9e9e\" stroke-width=\"1.5\" points=\"\(points)\"/>\n" }
            }
        }
        var k = 0
        var row = 0
        for (i, s) in chart.series.enumerated() where s.reference || featured.contains(i) {
            let colour = s.reference ? "#111111" : Debrief.palette[k % Debrief.palette.count]
            let dash = s.reference ? "16 8" : Debrief.dashes[k % Debrief.dashes.count]
            let strokeWidth = s.reference ? 4 : 3.5
            if !s.reference { k += 1 }
            let points = s.values.enumerated().map { t, v in "\(r(xOf(t))),\(r(yOf(v)))" }.joined(separator: " ")
            let dashAttr = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            if n == 1 {
                out += "<circle cx=\"\(r(xOf(0)))\" cy=\"\(r(yOf(s.values[0])))\" r=\"6\" fill=\"\(colour)\"/>\n"
            } else {
                out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(strokeWidth)\"\(dashAttr) stroke-linejoin=\"round\" points=\"\(points)\"><title>\(esc(s.name))</title></polyline>\n"
            }
            let ly = top + 10 + Double(row) * 36
            row += 1
            let lx = left + plotW + 24
            out += "<line x1=\"\(r(lx))\" y1=\"\(r(ly))\" x2=\"\(r(lx + 44))\" y2=\"\(r(ly))\" stroke=\"\(colour)\" stroke-width=\"\(strokeWidth)\"\(dashAttr)/>\n"
            out += "<text x=\"\(r(lx + 54))\" y=\"\(r(ly + 7))\" font-size=\"20\">\(esc(clip(s.name, 18)))</text>\n"
        }
        if featured.count < players.count {
            let ly = top + 10 + Double(row) * 36
            let lx = left + plotW + 24
            out += "<line x1=\"\(r(lx))\" y1=\"\(r(ly))\" x2=\"\(r(lx + 44))\" y2=\"\(r(ly))\" stroke=\"#9e9e9e\" stroke-width=\"1.5\"/>\n"
            out += "<text x=\"\(r(lx + 54))\" y=\"\(r(ly + 7))\" font-size=\"20\">\(players.count - featured.count) other blocs</text>\n"
        }
        return out + "</svg>\n"
    }

    private func niceCeiling(_ x: Double) -> Double {
        guard x > 0 else { return 1 }
        var step = 1.0
        while step * 10 <= x { step *= 10 }
        for m in [1.0, 2, 2.5, 5, 10] where m * step >= x { return m * step }
        return 10 * step
    }

    private func axisNumber(_ v: Double) -> String {
        let i = Int(v.rounded())
        guard abs(v - Double(i)) < 1e-9 else { return fmt(v, 1) }
        var digits = String(abs(i))
        var grouped = ""
        while digits.count > 3 {
            grouped = " " + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return (i < 0 ? "−" : "") + digits + grouped
    }
}

/// A coordinate with one decimal.
private func r(_ x: Double) -> String {
    let v = (x * 10).rounded() / 10
    return v == v.rounded() ? String(Int(v)) : String(v)
}

/// Text escaped for HTML.
func esc(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(ch)
        }
    }
    return out
}
