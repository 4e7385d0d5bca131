// The world dashboard, a bloc in detail and the charts: what every delegation watches.
import GameCore
import Strategy

extension Renderer {
    func trendStyle(_ delta: Double) -> (String, Style) {
        if delta > 1e-6 { return ("▲", .good) }
        if delta < -1e-6 { return ("▼", .bad) }
        return ("•", .dim)
    }

    // MARK: - 1 World dashboard

    mutating func drawDashboard(_ v: GameView, _ g: Game, _ r: Rect) {
        let w = v.world
        var y = r.y
        let prevTension = v.history.dropLast().last?.tension ?? w.tension
        let (arrow, st) = trendStyle(w.tension - prevTension)
        put(r.x, y, "Tension ", .bold)
        put(r.x + 8, y, "\(Int(w.tension.rounded())) \(arrow)", st)
        put(r.x + 16, y, "Governance \(Int(w.governance.rounded()))   Fragmentation \(Int(w.fragmentation.rounded()))   CRQC at \(Widgets.number(w.crqcLogicalQubits)) logical qubits", .plain, maxWidth: r.w - 16)
        y += 1
        let wide = r.w >= 110
        let head = " Bloc  Logical qubits  trend     Sens  Gov PQC  Support Trust Score" + (wide ? "  Standard  Groups" : "")
        put(r.x, y, head, .bold)
        y += 1
        let me = v.viewerIndex ?? -1
        let selected = app.row(.dashboard)
        for (i, b) in v.blocs.enumerated() {
            guard y < r.y + r.h - 4 else { break }
            let series = v.history.map { $0.blocs[i].computing }
            // The scale spans at least a quarter of the value: an estimate's noise must not look like a crash.
            let spark = Widgets.sparkline(series + [b.computing.value], width: 8, minimumSpan: 0.25)
            let mark = b.knownCRQC ? "⚠" : " "
            let qubits = Widgets.fit(Widgets.estimate(b.computing.value, error: b.computing.error) + mark, 14, right: true)
            let gov = b.pqc.first.map { "\(Int(($0.value * 100).rounded()))%" + ($0.error > 0 ? "~" : "") } ?? "–"
            let support = Widgets.int(b.support.value) + (b.support.error > 0 ? "~" : "")
            let trust = i == me || v.viewerIndex == nil ? "  —" : Widgets.fit(String(Int(b.trustWithViewer.rounded())), 4, right: true)
            // The selection is marked by ▸ as well as reverse video, for terminals and readers without it.
            var line = (i == selected ? "▸" : " ") + Widgets.fit(b.id, 5) + " " + qubits + "  " + Widgets.fit(spark, 9) + " "
                + Widgets.fit(Widgets.int(b.sensing.value), 4, right: true) + "  " + Widgets.fit(gov, 7, right: true) + "  "
                + Widgets.fit(support, 6, right: true) + " " + trust + " " + Widgets.fit(Widgets.int(b.score), 5, right: true)
            if wide { line += "  " + Widgets.fit(b.standard.title, 9) + " " + b.groups.prefix(5).joined(separator: ",") }
            let style: Style = i == selected ? Style(reverse: true) : (i == me ? .bold : .plain)
            screen.markListItem(y)
            put(r.x, y, Widgets.fit(line, r.w), style)
            y += 1
        }
        put(r.x, y, v.viewerIndex == nil ? "Facilitator's view: every value is true   ⚠ holds a CRQC" : "~ your estimate   ⚠ known CRQC   Trust: with you, −100 to 100", .dim, maxWidth: r.w)
        y += 1
        if let viewer = v.viewerIndex, app.currentBloc == viewer {
            // The objectives stay in sight: how many hold, the nearest one short, and any deadline about to pass.
            put(r.x, y, Widgets.fit(objectivesLine(g, viewer), r.w), .plain)
            y += 1
            for warning in ObjectiveText.warnings(g, viewer: viewer, me: v.me).prefix(2) {
                put(r.x, y, Widgets.fit("! " + warning, r.w), .warn)
                y += 1
            }
        }
        put(r.x, y, "News", .title)
        y += 1
        let news = v.news.isEmpty ? [NewsItem(turn: v.turn, kind: .event, text: v.turn == 0 ? "The game begins. Give your orders, then press e to end your turn." : "A quiet quarter.", audience: [])] : v.news
        var lines: [String] = []
        for item in news {
            // Wrapped lines of an item sit under its text, not under the bullet.
            for (i, l) in Widgets.wrap(item.text, width: r.w - 4).enumerated() { lines.append((i == 0 ? "• " : "  ") + l) }
        }
        for line in lines.prefix(r.y + r.h - y) { put(r.x, y, line); y += 1 }
        if lines.count > r.y + r.h - (y - lines.prefix(r.y + r.h - y).count) { }
    }

    // MARK: - 2 Bloc detail

    mutating func drawBloc(_ v: GameView, _ g: Game, _ r: Rect) {
        let i = min(app.focusBloc, v.blocs.count - 1)
        let b = v.blocs[i]
        let def = g.scenario.blocs[i]
        let mine = i == v.viewerIndex
        let exact = mine || v.viewerIndex == nil
        var y = r.y
        put(r.x, y, "◀ \(def.name) (\(def.id)) ▶", .title)
        put(r.x + 40, y, mine ? "your bloc — exact values" : (exact ? "true values (facilitator)" : "estimates ± \(Int((b.computing.error * 100).rounded())) %"), .dim)
        y += 1
        put(r.x, y, "Doctrine \(def.doctrine.rawValue) · groups \(b.groups.joined(separator: ", ")) · standard \(b.standard.title)\(def.developing ? " · developing" : "")", .plain, maxWidth: r.w)
        y += 1
        func row(_ label: String, _ e: Estimate, _ unit: String = "", max top: Double = .infinity) {
            put(r.x, y, Widgets.fit(label, 22))
            put(r.x + 22, y, Widgets.fit(Widgets.number(e.value) + unit, 10, right: true), .bold)
            // The range never leaves the scale of the value (support, SIGINT and sensing stop at 100).
            if e.error > 0 { put(r.x + 33, y, "range \(Widgets.number(e.low))–\(Widgets.number(min(top, e.high)))", .dim) }
            y += 1
        }
        row("GDP (USD tn)", b.gdp)
        row("Quantum budget (bn/yr)", b.budget)
        row("Domestic support", b.support, max: 100)
        row("Logical qubits", b.computing)
        row("Sensing index", b.sensing, max: 100)
        row("QKD network (km)", b.qkdKm)
        row("Specialists (thousand)", b.workforce)
        row("SIGINT", b.sigint, max: 100)
        put(r.x, y, "PQC migration", .bold)
        y += 1
        for (s, e) in b.pqc.enumerated() where y < r.y + r.h - 3 {
            put(r.x, y, Widgets.fit(g.scenario.sectors[s].name, 24))
            put(r.x + 24, y, Widgets.bar(e.value, width: 20) + " " + "\(Int((e.value * 100).rounded())) %" + (e.error > 0 ? "~" : ""))
            y += 1
        }
        y = r.y + r.h - 2
        put(r.x, y, "Pillars: security \(Int(b.pillars[0])) · prosperity \(Int(b.pillars[1])) · influence \(Int(b.pillars[2])) · stability \(Int(b.pillars[3])) · score \(Widgets.number(b.score))", .plain, maxWidth: r.w)
        y += 1
        let crqc = v.viewerIndex == nil ? (b.knownCRQC ? "Holds a CRQC." : "No CRQC yet; about \(Widgets.number(b.yearsToCRQC)) years away at the current pace.")
            : b.knownCRQC ? "Known to hold a CRQC." : (mine ? (v.me?.crqcTurn != nil ? "You hold a CRQC (secret unless disclosed)." : "No CRQC yet.") : "No CRQC known to you; estimated \(Widgets.number(b.yearsToCRQC)) years away.")
        put(r.x, y, crqc, b.knownCRQC ? .bad : .dim, maxWidth: r.w)
    }

    // MARK: - Charts

    mutating func drawCharts(_ v: GameView, _ g: Game, _ r: Rect) {
        let items = ChartIndicator.all(g.scenario)
        let item = items[min(app.chartIndicator, items.count - 1)]
        put(r.x, r.y, "◀ \(item.name) ▶  (\(app.chartIndicator + 1)/\(items.count), ↑↓ to change)", .title, maxWidth: r.w)
        guard !v.history.isEmpty else { put(r.x, r.y + 2, "Charts appear after the first turn.", .dim); return }
        // A record is the state at the end of its turn; the chart starts one step earlier, at the
        // opening values as this viewer saw them on the first turn's World screen.
        let opening = Game(scenario: g.scenario, seed: g.seed).state.view(for: v.viewer, scenario: g.scenario, seed: g.seed, history: false, records: false)
        let history = [opening.currentRecord] + v.history
        let marks: [Character] = ["●", "■", "▲", "◆", "○", "□", "△", "◇", "x", "+"]
        let colors: [Color] = [.cyan, .yellow, .red, .green, .magenta, .blue, .white, .cyan, .yellow, .red]
        var series: [(label: String, values: [Double], style: Style, mark: Character)] = []
        if item.perBloc {
            for b in 0..<g.scenario.blocs.count {
                series.append((g.scenario.blocs[b].id, history.map { item.value($0.blocs[b]) }, style(Style(fg: colors[b % colors.count])), marks[b % marks.count]))
            }
        } else {
            series.append(("world", history.map(item.world), style(Style(fg: .cyan)), "●"))
        }
        // The CRQC threshold is drawn when the race is close enough for it to fit the scale.
        var highest = 0.0
        for s in series { for x in s.values { highest = max(highest, x) } }
        let threshold: Double? = app.chartIndicator == 0 && highest * 4 >= v.world.crqcLogicalQubits ? v.world.crqcLogicalQubits : nil
        if app.chartIndicator == 0 && threshold == nil {
            put(r.x, r.y + r.h - 1, "CRQC threshold \(Widgets.number(v.world.crqcLogicalQubits)): far above this scale", .warn, maxWidth: r.w)
        }
        let legendW = 10
        Widgets.lineChart(&screen, x: r.x, y: r.y + 1, width: r.w - legendW, height: r.h - (threshold == nil && app.chartIndicator == 0 ? 2 : 1), series: series, threshold: threshold,
                          xLabels: (g.scenario.calendar.label(0) + " start", v.turnLabel))
        var y = r.y + 2
        for s in series where y < r.y + r.h {
            put(r.x + r.w - legendW + 1, y, "\(s.mark) \(s.label)", s.style)
            y += 1
        }
        if threshold != nil { put(r.x + r.w - legendW + 1, y, "┄ CRQC", .bad) }
    }
}

/// Indicators the chart screen can draw.
enum ChartIndicator {
    struct Item {
        var name: String
        var perBloc: Bool
        var value: (BlocRecord) -> Double
        var world: (TurnRecord) -> Double
    }

    static func all(_ s: Scenario) -> [Item] {
        var items: [Item] = [
            Item(name: "Logical qubits (the race to the CRQC threshold)", perBloc: true, value: { $0.computing }, world: { _ in 0 }),
        ]
        for (i, sector) in s.sectors.enumerated() {
            items.append(Item(name: "PQC migration: \(sector.name) (%)", perBloc: true, value: { $0.pqc.indices.contains(i) ? $0.pqc[i] * 100 : 0 }, world: { _ in 0 }))
        }
        items += [
            Item(name: "Domestic support", perBloc: true, value: { $0.support }, world: { _ in 0 }),
            Item(name: "Score", perBloc: true, value: { $0.score }, world: { _ in 0 }),
            Item(name: "Security pillar", perBloc: true, value: { $0.pillars[0] }, world: { _ in 0 }),
            Item(name: "Specialists (thousand)", perBloc: true, value: { $0.workforce }, world: { _ in 0 }),
            Item(name: "QKD network (km)", perBloc: true, value: { $0.qkdKm }, world: { _ in 0 }),
            Item(name: "World tension", perBloc: false, value: { _ in 0 }, world: { $0.tension }),
            Item(name: "Governance", perBloc: false, value: { _ in 0 }, world: { $0.governance }),
            Item(name: "Fragmentation", perBloc: false, value: { _ in 0 }, world: { $0.fragmentation }),
        ]
        return items
    }
}
