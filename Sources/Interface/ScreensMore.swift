import GameCore
import Strategy

/// Expected yearly effect of a budget split, for the budget editor's live preview.
struct BudgetPreview {
    struct Effect { var value: Double; var text: String }
    var effects: [Effect]
    var talent: Double
    var supply: Double

    init(view: GameView, allocation: [Double], scenario: Scenario) {
        let me = view.me!
        let p = Formulas.preview(bloc: me, allocation: allocation, rules: scenario.rules)
        talent = Formulas.talent(workforce: me.workforce, rules: scenario.rules)
        supply = Formulas.supplyMultiplier(access: me.access)
        let lag = Widgets.number(scenario.rules[.workforceLagYears])
        effects = [
            Effect(value: p[0], text: "+\(Int((p[0] * 100).rounded())) % logical qubits"),
            Effect(value: p[1], text: "+\(Widgets.number(p[1])) sensing points"),
            Effect(value: p[2], text: "+\(Widgets.number(p[2])) km of QKD"),
            Effect(value: p[3], text: "+\(Widgets.number(p[3]))k specialists in \(lag) y"),
            Effect(value: p[4], text: "effort ×\(Widgets.number(p[4])) (normal 1)"),
            Effect(value: p[5], text: "+\(Widgets.number(p[5] * 100)) pts world supply"),
        ]
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

extension Renderer {
    // MARK: - 6 Diplomacy

    mutating func drawDiplomacy(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.viewerIndex else { return }
        var y = r.y
        put(r.x, y, "Treaties and proposals", .title)
        put(r.x + 26, y, "governance \(Int(v.world.governance.rounded())) · tension \(Int(v.world.tension.rounded()))", .dim)
        y += 1
        let rows = DiplomacyRows.make(v)
        let listHeight = max(3, r.h - 9)
        if rows.isEmpty { put(r.x, y, "No treaties yet. Press p to draft a proposal.", .dim) }
        let sel = app.row(.diplomacy)
        let first = max(0, min(sel - listHeight + 1, rows.count - listHeight))
        for (i, row) in rows.enumerated().dropFirst(first).prefix(listHeight) {
            let t = row.treaty
            var status: String
            var st: Style = .plain
            switch t.status {
            case .proposed:
                if let k = t.parties.firstIndex(of: me), t.answers[k] == .pending {
                    // An answer ordered this turn is sent when the orders end.
                    let answer = app.pendingOrders.reduce(Bool?.none) { last, o in
                        if case .respondTreaty(let id, let accept) = o, id == t.id { return accept }
                        return last
                    }
                    switch answer {
                    case true?: status = "you accept"; st = .good
                    case false?: status = "you reject"
                    case nil: status = "ANSWER NEEDED"; st = .warn
                    }
                } else { status = "proposed" }
            case .signed: status = "signed, ratifying"
            case .inForce: status = "in force"; st = .good
            case .rejected: status = "rejected"; st = .dim
            case .lapsed: status = "lapsed"; st = .dim
            case .dissolved: status = "dissolved"; st = .dim
            }
            let member = t.isMember(me) ? "◆" : " "
            let violation = row.known.isEmpty ? "" : " ⚠ breach by " + row.known.map { g.scenario.blocs[$0.bloc].id }.joined(separator: ",")
            let line = "\(member) #\(t.id) " + Widgets.fit(t.name, max(40, r.w - 40)) + " " + Widgets.fit(status, 18)
            put(r.x, y, Widgets.fit(line, r.w), i == sel ? Style(reverse: true) : st)
            if !violation.isEmpty { put(r.x + min(r.w - 20, Screen.displayWidth(line)), y, violation, .bad, maxWidth: 20) }
            y += 1
        }
        y = r.y + 1 + listHeight + 1
        if rows.indices.contains(sel) {
            let t = rows[sel].treaty
            let parties = t.parties.enumerated().map { k, b in "\(g.scenario.blocs[b].id)" + (t.answers[k] == .accepted ? (t.withdrawn[k] ? "(left)" : "") : (t.answers[k] == .pending ? "?" : "✗")) }
            var detail = "\(t.type.title): \(TreatyHelp.effect(t.type)) Parties: \(parties.joined(separator: " "))."
            // When the viewer's answer is due: a proposal still unanswered when it expires fails.
            if t.status == .proposed, let k = t.parties.firstIndex(of: me), t.answers[k] == .pending {
                let due = t.proposedTurn + Int(g.scenario.rules[.proposalExpiryTurns].rounded(.up))
                detail = (due <= g.state.turn ? "Answer this turn (a or r): unanswered, it fails when the turn is resolved. "
                          : "Answer by \(g.scenario.calendar.label(due)) (a or r): unanswered, it fails then. ") + detail
            }
            if let d = t.terms.deadline { detail += " Deadline \(g.scenario.calendar.label(d))." }
            if let f = t.terms.family { detail += " Family \(f.title)." }
            if !t.terms.targets.isEmpty { detail += " Against \(t.terms.targets.map { g.scenario.blocs[$0].id }.joined(separator: ", ")) on \(t.terms.categories.map(\.rawValue).joined(separator: ", "))." }
            for line in Widgets.wrap(detail, width: r.w).prefix(3) { put(r.x, y, line, .dim); y += 1 }
        }
        y = r.y + r.h - 3
        put(r.x, y, "Trust with you:", .bold)
        var x = r.x + 16
        for b in v.blocs where b.index != me {
            let t = Int(b.trustWithViewer.rounded())
            let text = "\(b.id) \(t) "
            if x + Screen.displayWidth(text) > r.w { y += 1; x = r.x + 16 }
            guard y < r.y + r.h else { break }
            put(x, y, text, t >= 50 ? .good : (t <= -30 ? .bad : .plain))
            x += Screen.displayWidth(text)
        }
    }

    // MARK: - 7 Intelligence

    mutating func drawIntelligence(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.viewerIndex, let mine = v.me else { return }
        var y = r.y
        let crqc = mine.crqcTurn != nil ? (mine.decrypting ? "Your CRQC is decrypting the stockpile." : "You hold a CRQC (not decrypting).") : "You have no CRQC."
        put(r.x, y, "SIGINT \(Int(mine.sigint)) · counter-intelligence \(Int(mine.counterintel))\(mine.counterCampaign ? " (campaign on)" : "") · \(crqc)", .bold, maxWidth: r.w)
        y += 2
        put(r.x, y, "Bloc  Your harvest   Stockpile   Qubits (est.) ± error  CRQC      Harvests you", .bold, maxWidth: r.w)
        y += 1
        let others = g.scenario.blocs.indices.filter { $0 != me }
        for (k, t) in others.enumerated() where y < r.y + r.h - 6 {
            let b = v.blocs[t]
            let mineOp = v.harvests.first { $0.harvester == me && $0.target == t }
            let harvest = mineOp.map { $0.active ? ($0.detectedTurn != nil || $0.knownBy[t] ? "on, exposed" : "on") : "stopped" } ?? "—"
            let against = v.harvests.contains { $0.harvester == t && $0.target == me && $0.active } ? "⚠ detected" : "none known"
            let line = Widgets.fit(b.id, 6) + Widgets.fit(harvest, 13) + Widgets.fit(Widgets.number(v.stockpileByVictim[t]), 11, right: true) + "  "
                + Widgets.fit(Widgets.number(b.computing.value), 12, right: true) + Widgets.fit("±\(Int((b.computing.error * 100).rounded()))%", 9, right: true) + "  "
                + Widgets.fit(b.knownCRQC ? "⚠ yes" : "unknown", 10) + against
            put(r.x, y, Widgets.fit(line, r.w), app.row(.intelligence) == k ? Style(reverse: true) : (against.hasPrefix("⚠") ? .warn : .plain))
            y += 1
        }
        y += 1
        put(r.x, y, "Decrypted archive", .title)
        y += 1
        let total = v.archive.reduce(0) { $0 + $1.value }
        if v.archive.isEmpty {
            for line in Widgets.wrap("Nothing decrypted yet. Harvested traffic waits for a CRQC; its value decays with the sector's shelf life.", width: r.w) {
                put(r.x, y, line, .dim); y += 1
            }
        } else {
            put(r.x, y, "Read so far: value \(Widgets.number(total)) from \(v.archive.count) batches.", .plain, maxWidth: r.w)
            y += 1
        }
        let read = v.messages.filter { m in m.readBy.contains { $0.bloc == me } && m.from != me && m.to != me }
        for m in read.suffix(max(0, r.y + r.h - y)) {
            put(r.x, y, Widgets.fit("✉ \(g.scenario.blocs[m.from].id)→\(g.scenario.blocs[m.to].id) (\(g.scenario.calendar.label(m.turn))): \(m.text)", r.w), .warn)
            y += 1
        }
    }

    // MARK: - 8 Messages

    mutating func drawMessages(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.viewerIndex, let mine = v.me else { return }
        var y = r.y
        let s = g.scenario.sectors.firstIndex { $0.qkd } ?? 0
        let protection = Int((min(1, mine.pqc[s]) * 100).rounded())
        for line in Widgets.wrap("Negotiation channel. Your government link is \(protection) % post-quantum: a message over an unprotected link can be harvested and read once the harvester has a CRQC.", width: r.w) {
            put(r.x, y, line, .dim); y += 1
        }
        y += 1
        var lines: [(String, Style)] = []
        for m in v.messages.reversed() {
            let dir = m.from == me ? "to \(g.scenario.blocs[m.to].name)" : (m.to == me ? "from \(g.scenario.blocs[m.from].name)" : "intercepted \(g.scenario.blocs[m.from].id)→\(g.scenario.blocs[m.to].id)")
            let safe = m.quantumSafe ? "🔒" : "⚠ unprotected"
            lines.append(("\(g.scenario.calendar.label(m.turn)) \(dir) \(safe)", .bold))
            for l in Widgets.wrap(m.text, width: r.w - 2) { lines.append(("  " + l, .plain)) }
        }
        for o in app.pendingOrders {
            if case .message(let to, let text) = o {
                lines.insert((app.isSeated ? "(this turn, delivered) to \(to): \(text)" : "(sending this turn) to \(to): \(text)", .warn), at: 0)
            }
        }
        // A room delivers messages as they are sent; they join the record when the turn resolves.
        for m in app.incoming {
            lines.insert(("(this turn) from \(g.scenario.blocs[m.from].name): \(m.text)", .key), at: 0)
        }
        if lines.isEmpty { lines = [("No messages yet. Press m to write to another delegation.", .dim)] }
        let visible = r.h - 2
        let start = min(app.scroll, max(0, lines.count - visible))
        for (text, st) in lines.dropFirst(start).prefix(visible) { put(r.x, y, Widgets.fit(text, r.w), st); y += 1 }
    }

    // MARK: - 9 Dilemmas

    mutating func drawDilemmas(_ v: GameView, _ g: Game, _ r: Rect) {
        var y = r.y
        if v.dilemmas.isEmpty {
            put(r.x, y, "No open dilemmas. When an event asks your delegation to choose, it appears here.", .dim, maxWidth: r.w)
            return
        }
        put(r.x, y, "Choose before you end the turn; an unanswered dilemma takes its last option.", .dim, maxWidth: r.w)
        y += 2
        for (i, d) in v.dilemmas.enumerated() where y < r.y + r.h - 2 {
            guard let def = EventText.definition(d.source, g.scenario) else { continue }
            let chosen = app.pendingOrders.compactMap { o -> Int? in
                if case .chooseDilemma(let id, let option) = o, id == d.id { return option }
                return nil
            }.last
            put(r.x, y, Widgets.fit("#\(d.id) \(def.title)" + (chosen.map { " — you chose: \(def.dilemma!.options[$0].label)" } ?? " — not chosen yet"), r.w), i == app.row(.dilemmas) ? Style(reverse: true) : .bold)
            y += 1
            for line in Widgets.wrap(def.text, width: r.w - 2).prefix(3) { put(r.x + 2, y, line, .plain); y += 1 }
            for (k, o) in (def.dilemma?.options ?? []).enumerated() where y < r.y + r.h {
                let effects = EffectText.describe(o.effects, scenario: g.scenario, viewer: v.viewerIndex)
                // The option in words, over up to three lines so its effects are not cut off.
                for (j, line) in Widgets.wrap("\(k + 1)) \(o.label)" + (effects.isEmpty ? "" : " [\(effects)]"), width: r.w - 5).prefix(3).enumerated() where y < r.y + r.h {
                    put(r.x + (j == 0 ? 2 : 5), y, line, .dim)
                    y += 1
                }
            }
            y += 1
        }
    }

    // MARK: - 0 Report with the why

    mutating func drawReport(_ v: GameView, _ g: Game, _ r: Rect) {
        // At the end, the report screen is the debrief: the whole after-action report.
        if g.isOver { drawDebrief(g, r); return }
        var lines: [(String, Style)] = []
        if let outcome = v.outcome {
            lines.append(("THE GAME IS OVER: \(outcome.title.uppercased())", .title))
            for l in Widgets.wrap(outcome.explanation, width: r.w) { lines.append((l, .bold)) }
            if v.viewerIndex == nil {
                // The facilitator's debrief: every delegation's objectives, secret ones included.
                for (b, def) in g.scenario.blocs.enumerated() {
                    lines.append(("\(def.name): score \(Widgets.int(g.state.blocs[b].score))", .bold))
                    for (k, o) in def.objectives.enumerated() {
                        let met = g.state.blocs[b].objectives[k] == .met
                        for (i, l) in Widgets.wrap("\(met ? "✔ met" : "✖ missed"): \(o.text) (\(Int(o.points)) points\(o.secret ? ", secret" : ""))", width: r.w - 4).enumerated() {
                            lines.append(((i == 0 ? "  " : "    ") + l, met ? .good : .bad))
                        }
                    }
                }
            }
            if let me = v.viewerIndex {
                let def = g.scenario.blocs[me]
                for (k, o) in def.objectives.enumerated() {
                    let st = g.state.blocs[me].objectives[k]
                    let mark = st == .met ? "✔ met" : "✖ missed"
                    for (i, l) in Widgets.wrap("\(mark): \(o.text) (\(Int(o.points)) points\(o.secret ? ", secret" : ""))", width: r.w - 4).enumerated() {
                        lines.append(((i == 0 ? "  " : "    ") + l, st == .met ? .good : .bad))
                    }
                }
            }
            lines.append(("", .plain))
        }
        let turnLabel = v.turn == 0 ? "" : g.scenario.calendar.label(v.turn - 1)
        if v.turn == 0 {
            lines.append(("No turn has been played yet.", .title))
        }
        let groups = WhyLedger.groups(v.ledger, viewer: v.viewerIndex, view: v)
        if !groups.isEmpty {
            lines.append((v.viewerIndex == nil ? "Why the numbers moved in \(turnLabel), all blocs (largest first; ↓ for all)" : "Why your numbers moved in \(turnLabel) (largest first; ↓ for all)", .title))
            for group in groups.prefix(5) {
                // The two largest causes; the rest are counted, so the line never seems to add up wrong.
                let rest = group.causes.count - 2
                let causes = group.causes.prefix(2).map { "\($0.amount >= 0 ? "+" : "−")\(WhyLedger.amount($0.amount, group.indicator)) \($0.cause)" }.joined(separator: "; ")
                    + (rest > 0 ? "; and \(rest) more cause\(rest == 1 ? "" : "s") (↓ lists all)" : "")
                for (i, l) in Widgets.wrap("\(group.indicator) \(group.total >= 0 ? "+" : "−")\(WhyLedger.amount(group.total, group.indicator)): \(causes)", width: r.w - 2).enumerated() {
                    lines.append(((i == 0 ? "• " : "  ") + l, .plain))
                }
            }
        }
        if v.turn > 0 {
            lines.append(("", .plain))
            lines.append(("What happened in \(turnLabel)", .title))
        }
        for item in v.news { for (i, l) in Widgets.wrap(item.text, width: r.w - 2).enumerated() { lines.append(((i == 0 ? "• " : "  ") + l, item.kind == .crqc ? .bad : .plain)) } }
        if groups.count > 0 {
            lines.append(("", .plain))
            lines.append(("Every change and its causes", .title))
            for group in groups {
                let sign = group.total >= 0 ? "+" : "−"
                lines.append(("\(Widgets.fit(group.indicator, 30)) \(sign)\(WhyLedger.amount(group.total, group.indicator))", .bold))
                for cause in group.causes.prefix(6) {
                    let s = cause.amount >= 0 ? "+" : "−"
                    lines.append(("    \(s)\(WhyLedger.amount(cause.amount, group.indicator))  \(cause.cause)", .dim))
                }
            }
        }
        let visible = r.h
        let start = min(app.scroll, max(0, lines.count - visible))
        var y = r.y
        for (text, st) in lines.dropFirst(start).prefix(visible) { put(r.x, y, Widgets.fit(text, r.w), st); y += 1 }
        if lines.count > visible {
            let note = " ↓ \(lines.count - visible - start) more "
            put(r.x + r.w - Screen.displayWidth(note), r.y + r.h - 1, note, .dim)
        }
    }

    // MARK: - Charts

    mutating func drawCharts(_ v: GameView, _ g: Game, _ r: Rect) {
        let items = ChartIndicator.all(g.scenario)
        let item = items[min(app.chartIndicator, items.count - 1)]
        put(r.x, r.y, "◀ \(item.name) ▶  (\(app.chartIndicator + 1)/\(items.count), ↑↓ to change)", .title, maxWidth: r.w)
        let history = v.history
        guard !history.isEmpty else { put(r.x, r.y + 2, "Charts appear after the first turn.", .dim); return }
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
                          xLabels: (g.scenario.calendar.label(history.first!.turn), g.scenario.calendar.label(history.last!.turn)))
        var y = r.y + 2
        for s in series where y < r.y + r.h {
            put(r.x + r.w - legendW + 1, y, "\(s.mark) \(s.label)", s.style)
            y += 1
        }
        if threshold != nil { put(r.x + r.w - legendW + 1, y, "┄ CRQC", .bad) }
    }

    // MARK: - Orders

    mutating func drawOrders(_ v: GameView, _ g: Game, _ r: Rect) {
        var y = r.y
        let orders = app.pendingOrders
        let cost = orders.reduce(0) { $0 + $1.capitalCost }
        put(r.x, y, "Your orders this turn: \(orders.count) · capital needed \(Widgets.number(cost)) of \(Widgets.number(v.me?.capital ?? 0))", .bold, maxWidth: r.w)
        y += 2
        if orders.isEmpty { put(r.x, y, "No orders yet. Use the screens 1–9 to give orders; n submits a free-text action.", .dim, maxWidth: r.w) }
        let waiting = app.facilitatorSeat ? "awaiting ruling" : "no facilitator: unadjudicated in the report"
        for (i, o) in orders.enumerated() where y < r.y + r.h {
            var text = "\(i + 1). " + OrderText.describe(o, g.scenario, g.state) + (o.capitalCost > 0 ? "  (\(Widgets.number(o.capitalCost)) capital)" : "")
            if case .freeAction = o { text = "\(i + 1). [\(waiting)] " + OrderText.describe(o, g.scenario, g.state) }
            if app.computerGiven.contains(o) { text = "⚙ by the computer: " + text }
            put(r.x, y, Widgets.fit(text, r.w), i == app.row(.orders) ? Style(reverse: true) : .plain)
            y += 1
        }
        // Free-text actions of earlier turns and the facilitator's rulings on them.
        guard !v.freeActions.isEmpty, y + 2 < r.y + r.h else { return }
        y += 1
        put(r.x, y, "Your free-text actions", .title); y += 1
        for a in v.freeActions.reversed() where y < r.y + r.h {
            let status: String
            switch a.status {
            case .pending: status = waiting
            case .accepted: status = "accepted — \(a.reason)" + (a.effects.isEmpty ? "" : " [\(a.effects.joined(separator: "; "))]")
            case .rejected: status = "rejected — \(a.reason)"
            case .unadjudicated: status = "unadjudicated"
            }
            put(r.x, y, Widgets.fit("#\(a.id) \(g.scenario.calendar.label(a.turn)) “\(a.text)”: \(status)", r.w), a.status == .pending ? .warn : .plain)
            y += 1
        }
    }

    // MARK: - Help

    mutating func drawHelp(_ r: Rect) {
        // The facilitator's keys come first in the facilitator's seat.
        var lines = HelpText.lines
        if app.isFacilitatorView, let k = lines.firstIndex(where: { $0.hasPrefix("The facilitator's seat") }), let end = lines[k...].firstIndex(of: "") {
            lines = Array(lines[k...end]) + Array(lines[..<k]) + Array(lines[(end + 1)...])
        }
        // In a room, what differs from one keyboard comes first.
        switch app.seat {
        case .delegation:
            lines = ["In this room every delegation plays at the same time, at its own screen.",
                     "  e        seal your orders (e again unseals them while the turn is open)",
                     "           the line above the footer shows who is still playing: ✔ done, … playing,",
                     "           ⚙ the computer gave the orders when time ran out",
                     "  8        messages: yours arrive at once on the other delegation's screen",
                     "  q        leave; ssh in again with the same code to come back where you were",
                     ""] + lines
        case .facilitator:
            lines = ["The room's clock (console f):",
                     "  p        pause or start the clock       +  add (or take away) minutes",
                     "  d        end a delegation's turn        R  resolve the turn now",
                     "  z        take back the orders the computer gave when time ran out",
                     "  e        release the turn (it resolves once every delegation has sealed)",
                     ""] + lines
        case .hotseat, .projector:
            break
        }
        // Lines too long for the window wrap under their text, after the key or screen name.
        var shown: [String] = []
        for line in lines {
            guard Screen.displayWidth(line) > r.w else { shown.append(line); continue }
            let lead = line.prefix { $0 == " " }.count
            let label = line.dropFirst(lead).prefix { $0 != " " }.count
            let gap = line.dropFirst(lead + label).prefix { $0 == " " }.count
            let indent = min(lead + label + gap, r.w / 2)
            let parts = Widgets.wrap(String(line.dropFirst(indent)), width: max(10, r.w - indent))
            for (i, part) in parts.enumerated() { shown.append((i == 0 ? String(line.prefix(indent)) : String(repeating: " ", count: indent)) + part) }
        }
        let start = min(app.scroll, max(0, shown.count - r.h))
        var y = r.y
        for line in shown.dropFirst(start).prefix(r.h) { put(r.x, y, Widgets.fit(line, r.w), line.hasSuffix(":") ? .title : .plain); y += 1 }
    }

    // MARK: - Treaty drafting

    mutating func drawDraft(_ d: TreatyDraft, x: Int, w: Int) {
        guard let g = app.game, let me = app.currentBloc else { return }
        let h = min(height - 2, 20)
        let y0 = max(1, (height - h) / 2)
        screen.fill(x, y0, w, h, " ", .plain)
        screen.box(x, y0, w, h, title: "Draft a treaty", style: style(.bold))
        var y = y0 + 1
        let others = g.scenario.blocs.indices.filter { $0 != me }
        let body = h - 4
        switch d.step {
        case .type:
            put(x + 2, y, "1. Which kind of treaty?", .bold); y += 1
            let first = max(0, min(d.typeIndex - body + 2, TreatyType.allCases.count - body + 1))
            for (i, t) in TreatyType.allCases.enumerated().dropFirst(first).prefix(body - 1) {
                put(x + 2, y, Widgets.fit((i == d.typeIndex ? "▶ " : "  ") + t.title, 32), i == d.typeIndex ? Style(reverse: true) : .plain)
                y += 1
            }
            let help = Widgets.wrap(TreatyHelp.effect(d.type), width: w - 38)
            for (k, l) in help.prefix(body).enumerated() { put(x + 36, y0 + 2 + k, l, .dim) }
        case .parties:
            put(x + 2, y, "2. Invite parties (Space toggles):", .bold); y += 1
            let first = max(0, min(d.cursor - body + 2, others.count - body + 1))
            for (k, b) in others.enumerated().dropFirst(first).prefix(body - 1) {
                let on = d.parties.contains(b)
                put(x + 2, y, Widgets.fit((on ? "◆ " : "◇ ") + g.scenario.blocs[b].name, w - 4), k == d.cursor ? Style(reverse: true) : (on ? .bold : .plain))
                y += 1
            }
        case .terms:
            put(x + 2, y, "3. Terms of the \(d.type.lowerTitle):", .bold); y += 1
            switch d.type {
            case .pqcAccord:
                put(x + 2, y, "Standard family  ◀ \(d.family.title) ▶", d.cursor == 0 ? Style(reverse: true) : .plain); y += 1
                put(x + 2, y, "Deadline         ◀ \(d.deadlineYear)-Q4 ▶", d.cursor == 1 ? Style(reverse: true) : .plain); y += 1
            case .exportRegime:
                for (i, c) in ControlCategory.allCases.enumerated() {
                    put(x + 2, y, "\(d.categories.contains(c) ? "◼" : "◻") control \(c.rawValue)", d.cursor == i ? Style(reverse: true) : .plain); y += 1
                }
                let outsiders = others.filter { !d.parties.contains($0) }
                for (i, t) in outsiders.enumerated() where y < y0 + h - 2 {
                    put(x + 2, y, "\(d.targets.contains(t) ? "◼" : "◻") against \(g.scenario.blocs[t].name)", d.cursor == ControlCategory.allCases.count + i ? Style(reverse: true) : .plain); y += 1
                }
            case .jointLab:
                put(x + 2, y, "Members pool ◀ \(Int(d.contribution)) % ▶ of their computing budget; you host it.", d.cursor == 0 ? Style(reverse: true) : .plain, maxWidth: w - 4); y += 1
            case .capacityFund:
                put(x + 2, y, "Each donor gives ◀ USD \(Widgets.number(d.fund)) bn ▶ a year to developing members.", d.cursor == 0 ? Style(reverse: true) : .plain, maxWidth: w - 4); y += 1
            default:
                put(x + 2, y, "This kind of treaty has no terms to set.", .dim); y += 1
            }
        case .confirm:
            put(x + 2, y, "4. Send this proposal?", .bold); y += 1
            let parties = ([me] + d.parties.sorted()).map { g.scenario.blocs[$0].id }.joined(separator: ", ")
            // The terms chosen on step 3, repeated so the proposal is read whole before it is sent.
            let t = app.terms(d, g)
            var terms: [String] = []
            if let f = t.family { terms.append("standard family \(f.title)") }
            if let deadline = t.deadline { terms.append("migration deadline \(deadline)") }
            if !t.targets.isEmpty { terms.append("controls on \(t.categories.map(\.rawValue).joined(separator: ", ")) against \(t.targets.joined(separator: ", "))") }
            if let host = t.host { terms.append("hosted by \(host)") }
            if let c = t.contribution { terms.append(d.type == .capacityFund ? "USD \(Widgets.number(c)) bn a year from each donor" : "\(Widgets.number(c)) % of each member's computing budget pooled") }
            let termText = terms.isEmpty ? "" : " Terms: " + terms.joined(separator: "; ") + "."
            for l in Widgets.wrap("\(d.type.title) between \(parties).\(termText) \(TreatyHelp.effect(d.type)) Costs 1 political capital; the invited parties answer next turn.", width: w - 4) {
                put(x + 2, y, l); y += 1
            }
        }
        put(x + 2, y0 + h - 2, d.step == .type ? "↑↓ move · Enter next · Esc cancel" : (d.step == .confirm ? "Enter sends it · Esc back a step" : "↑↓ move · Enter next · Esc back a step"), .dim, maxWidth: w - 4)
    }
}

/// What each treaty type does, in one or two sentences.
enum TreatyHelp {
    static func effect(_ t: TreatyType) -> String {
        switch t {
        case .researchPact: return "Research spillover between parties in computing and sensing; talent flows; some leakage risk."
        case .jointLab: return "Members pool part of their computing budget and share the progress; the host gains influence; raises governance."
        case .pqcAccord: return "A common standard family and a shared deadline; shared tooling speeds migration; lowers fragmentation."
        case .exportRegime: return "Coordinated export controls against listed targets: no leaks among members; members lose some revenue."
        case .cbm: return "Breakthrough notification, transparency and a hotline: less fog, lower tension, crises de-escalate."
        case .cryptanalysisNorm: return "Members do not decrypt others' civilian sectors; a violation stays secret unless detected."
        case .verificationRegime: return "Inspections among parties: violations are detected far more often; costs some secrecy and support."
        case .talentExchange: return "Workforce grows for both sides; espionage exposure rises."
        case .supplyPact: return "Members keep supplying each other's chokepoint components and build supply faster."
        case .capacityFund: return "Donors fund developing members' workforce and migration; donors gain influence."
        }
    }
}

/// Orders described in words.
public enum OrderText {
    /// `state`, when given, names the treaty or the dilemma an order refers to.
    public static func describe(_ o: Order, _ s: Scenario, _ state: GameState? = nil) -> String {
        func name(_ id: String) -> String { s.blocIndex(id).map { s.blocs[$0].name } ?? id }
        func treaty(_ id: Int) -> String { state?.treaties.first { $0.id == id }.map { " (\($0.name))" } ?? "" }
        switch o {
        case .allocate(let a): return "Budget split: " + zip(Track.allCases, Widgets.wholePercents(a)).map { "\($0.0.rawValue) \($0.1)%" }.joined(separator: ", ")
        case .changeBudget(let d): return d > 0 ? "Raise the quantum budget by USD \(Widgets.number(d)) bn" : "Cut the quantum budget by USD \(Widgets.number(-d)) bn"
        case .mandate(let sector, let deadline): return "Mandate: \(s.sectorIndex(sector).map { s.sectors[$0].name } ?? sector) quantum-safe by \(deadline)"
        case .chooseStandard(let f): return "Adopt the \(f.title) standard family"
        case .deployQKD(let bn, let sat): return sat ? "Launch a QKD satellite" : "Build USD \(Widgets.number(bn)) bn of QKD links"
        case .imposeControl(let c, let t): return "Impose \(c.rawValue) export controls on \(t.map(name).joined(separator: ", "))"
        case .liftControl(let c, let t): return "Lift \(c.rawValue) export controls on \(t.map(name).joined(separator: ", "))"
        case .proposeTreaty(let type, let parties, _): return "Propose a \(type.lowerTitle) to \(parties.map(name).joined(separator: ", "))"
        case .respondTreaty(let id, let accept): return "\(accept ? "Accept" : "Reject") proposal #\(id)\(treaty(id))"
        case .withdrawTreaty(let id): return "Withdraw from treaty #\(id)\(treaty(id))"
        case .violateTreaty(let id, let v): return (v ? "Secretly break treaty #\(id)" : "Stop breaking treaty #\(id)") + treaty(id)
        case .harvest(let t, let on): return on ? "Harvest \(possessive(name(t))) encrypted traffic" : "Stop harvesting \(name(t))"
        case .espionage(let t): return "Espionage against \(name(t))"
        case .counterIntelligence: return "Counter-intelligence campaign"
        case .decrypt(let on): return on ? "Decrypt the harvested stockpile" : "Stop decrypting"
        case .discloseCRQC: return "Announce your CRQC"
        case .dialogue(let w): return "Dialogue with \(name(w))"
        case .statement(let text, let target): return (target.map { "Accuse \(name($0)): " } ?? "Statement: ") + text
        case .aid(let to, let bn): return "Aid of USD \(Widgets.number(bn)) bn to \(name(to))"
        case .message(let to, let text): return "Message to \(name(to)): \(text)"
        case .freeAction(let text, let intent): return "Action for the facilitator: \(text) (intended: \(intent))"
        case .chooseDilemma(let id, let option):
            if let d = state?.dilemmas.first(where: { $0.id == id }), let def = EventText.definition(d.source, s),
               let options = def.dilemma?.options, options.indices.contains(option) {
                return "Dilemma #\(id) “\(def.title)”: \(option + 1)) \(options[option].label)"
            }
            return "Dilemma #\(id): option \(option + 1)"
        }
    }
}

/// The why-ledger grouped by indicator, largest total first.
enum WhyLedger {
    struct Group { var indicator: String; var total: Double; var causes: [(cause: String, amount: Double)] }

    static func groups(_ entries: [LedgerEntry], viewer: Int?, view: GameView? = nil) -> [Group] {
        var groups: [Group] = []
        var scales: [String: Double] = [:]
        for e in entries where (viewer == nil || e.subject == viewer || e.subject == -1) && !e.indicator.hasPrefix("influencePoints") {
            // The facilitator reads every bloc's ledger: each bloc's indicators stay apart.
            let owner = viewer == nil && e.subject >= 0 ? (view?.scenario.blocs.indices.contains(e.subject) == true ? view!.scenario.blocs[e.subject].id + " " : "") : ""
            let key = owner + label(e.indicator, world: e.subject == -1, view: view)
            if scales[key] == nil { scales[key] = scale(e.indicator, world: e.subject == -1, subject: e.subject, view: view) }
            if let i = groups.firstIndex(where: { $0.indicator == key }) {
                groups[i].total += e.amount
                if let c = groups[i].causes.firstIndex(where: { $0.cause == e.cause }) { groups[i].causes[c].amount += e.amount }
                else { groups[i].causes.append((e.cause, e.amount)) }
            } else {
                groups.append(Group(indicator: key, total: e.amount, causes: [(e.cause, e.amount)]))
            }
        }
        for i in groups.indices { groups[i].causes.sort { abs($0.amount) > abs($1.amount) } }
        // Largest relative change first, so 3 points of support outrank 20 km of fibre.
        return groups.filter { abs($0.total) >= 0.0005 || $0.causes.contains { abs($0.amount) >= 0.0005 } }
            .enumerated().sorted { a, b in
                let x = abs(a.element.total) / (scales[a.element.indicator] ?? 1), y = abs(b.element.total) / (scales[b.element.indicator] ?? 1)
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element)
    }

    /// An amount for display: fractions (PQC, supply) as percentage points.
    static func amount(_ x: Double, _ label: String) -> String {
        // Shares (0–1) read as points, also in the facilitator's labels ("KR PQC Finance").
        if label.hasPrefix("PQC ") || label.hasPrefix("supply ") || label.contains(" PQC ") || label.contains(" supply ") {
            return Widgets.number(abs(x) * 100) + " pts"
        }
        return Widgets.number(abs(x))
    }

    /// A plain name for an indicator key.
    static func label(_ key: String, world: Bool, view: GameView?) -> String {
        if world { return key == "crqcLogicalQubits" ? "logical qubits a CRQC needs" : "world " + key }
        if key.hasPrefix("pqc."), let s = view?.scenario.sectors.first(where: { "pqc." + $0.id == key }) { return "PQC " + s.name }
        if key.hasPrefix("supply."), let c = view?.scenario.chokepoints.first(where: { "supply." + $0.id == key }) { return "supply " + c.name }
        if key.hasPrefix("trust.") { return "trust with " + key.dropFirst(6) }
        switch key {
        case "computing": return "logical qubits"
        case "qkdKm": return "QKD km"
        case "workforce": return "specialists (k)"
        case "gdp": return "GDP (USD tn)"
        case "budget": return "budget (USD bn)"
        case "sensing": return "sensing"
        case "counterintel": return "counter-intelligence"
        case "windfall": return "intelligence windfall"
        case "exposure": return "secrets exposed"
        case "sigint": return "SIGINT"
        default: return key
        }
    }

    /// The size against which a change is judged: the bloc's own level for quantities (so 3
    /// points of support outrank 200 km of fibre), for the viewer's bloc or — in the
    /// facilitator's view — for the bloc the entry is about.
    static func scale(_ key: String, world: Bool, subject: Int = -1, view: GameView?) -> Double {
        if key.hasPrefix("pqc.") || key.hasPrefix("supply.") { return 0.1 }
        if world && key == "crqcLogicalQubits" { return max(1, view?.world.crqcLogicalQubits ?? 1) * 0.1 }
        if world || key.hasPrefix("trust.") { return 20 }
        let level: (computing: Double, qkdKm: Double, workforce: Double, gdp: Double, budget: Double)
        if let me = view?.me {
            level = (me.computing, me.qkdKm, me.workforce, me.gdp, me.budget)
        } else if let b = view?.blocs.first(where: { $0.index == subject }) {
            level = (b.computing.value, b.qkdKm.value, b.workforce.value, b.gdp.value, b.budget.value)
        } else {
            return 20
        }
        switch key {
        case "computing": return max(1, level.computing)
        case "qkdKm": return max(100, level.qkdKm)
        case "workforce": return max(1, level.workforce)
        case "gdp": return max(0.1, level.gdp) * 0.05
        case "budget": return max(0.05, level.budget) * 0.5
        case "windfall", "exposure": return 1
        default: return 20
        }
    }
}

enum HelpText {
    static let lines: [String] = [
        "Keys for delegations:",
        "  ?  this help (or F1)    Esc  back to the world screen       Tab  next screen",
        "  1  World dashboard      2  Bloc detail        3  Budget      4  PQC & Mosca",
        "  5  Export controls      6  Diplomacy          7  Intelligence 8  Messages",
        "  9  Dilemmas             0  Turn report (why)  c  Charts      o  Your orders",
        "  e  end your orders (asks first)   s  save   q or Ctrl-C  quit (asks first)",
        "  arrows move · Enter choose · Space toggle · in a dialog, Esc goes back a step",
        "",
        "On the screens:",
        "  World      ↑↓ pick a bloc, Enter for its details",
        "  Bloc       ←→ other blocs; g dialogue, m message, a aid, x espionage, h harvest",
        "  Budget     ↑↓ track, ←→ move 5 points, Enter order the split; +/- budget; k QKD; K satellite",
        "  PQC        ↑↓ sector, m mandate with a deadline, f standard family",
        "  Controls   arrows pick target and category, Enter imposes or lifts",
        "  Diplomacy  p draft a treaty; a/r accept or reject a proposal; w withdraw; v break in secret; t statement",
        "  Intel      h harvest, x espionage, i counter-intelligence, d decrypt (with a CRQC), D disclose",
        "  Messages   m write to another delegation",
        "  Dilemmas   Enter to choose an option",
        "  Orders     Delete removes an order; n submits a free-text action to the facilitator",
        "",
        "The facilitator's seat (after the delegations; sees everything, unfogged):",
        "  f  Console   1  World   2  Bloc   0  Report   c  Charts   e  end the turn",
        "  i  inject a card from the deck       n  custom event: title, text, effects",
        "  r  rule on a free-text action: accept with effects, or reject; with a reason",
        "  a  adjust any value, with a reason   v  reveal a secret to some or everyone",
        "  t  turn timer: set, pause, resume, clear; at zero wait or computer fills in",
        "  b  rewind to the start of a turn     u  take back this turn's last action",
        "  Effects: US.support += 5; world.tension -= 3; trust(US, CN) += 10; all.support -= 2",
        "",
        "How to read the screens:",
        "  A value with ~ is your estimate of another bloc; its error shrinks with your SIGINT,",
        "  with transparency treaties and after espionage. ⚠ marks a danger you know of.",
        "  Mosca: ✖ RED means data harvested today will still matter when a rival's CRQC arrives.",
        "  Every order costs political capital (shown in the header); orders you cannot pay for fail.",
        "  Orders are sealed: all delegations' orders are resolved together when the turn ends.",
    ]
}
