import GameCore
import Strategy

/// Rows of the diplomacy screen: proposals waiting for me first, then my treaties, then others'.
enum DiplomacyRows {
    struct Row { var treaty: Treaty; var known: [Violation] }

    static func make(_ v: GameView) -> [Row] {
        guard let me = v.viewerIndex else { return v.treaties.map { Row(treaty: $0.treaty, known: $0.knownViolations) } }
        func rank(_ t: Treaty) -> Int {
            if t.status == .proposed, let k = t.parties.firstIndex(of: me), t.answers[k] == .pending { return 0 }
            if t.status == .proposed { return 1 }
            if (t.status == .inForce || t.status == .signed) && t.isMember(me) { return 2 }
            if t.status == .inForce || t.status == .signed { return 3 }
            return 4
        }
        let rows = v.treaties.map { Row(treaty: $0.treaty, known: $0.knownViolations) }
        return rows.enumerated().sorted { a, b in
            let ra = rank(a.element.treaty), rb = rank(b.element.treaty)
            return ra != rb ? ra < rb : a.offset > b.offset
        }.map(\.element).filter { rank($0.treaty) < 4 || $0.treaty.endedTurn.map { v.turn - $0 <= 4 } == true }
    }
}

/// Finds the event behind a dilemma.
enum EventText {
    static func definition(_ source: EventSource, _ s: Scenario) -> EventDef? {
        switch source {
        case .scenario(let i): return s.events.indices.contains(i) ? s.events[i] : nil
        case .inject(let i): return s.injects.indices.contains(i) ? s.injects[i] : nil
        case .custom: return nil
        }
    }
}

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
        let head = "Bloc  Logical qubits  trend     Sens  Gov PQC  Support Trust Score" + (wide ? "  Standard  Groups" : "")
        put(r.x, y, head, .bold)
        y += 1
        let me = v.viewerIndex ?? -1
        let selected = app.row(.dashboard)
        for (i, b) in v.blocs.enumerated() {
            guard y < r.y + r.h - 4 else { break }
            let series = v.history.map { $0.blocs[i].computing }
            let spark = Widgets.sparkline(series + [b.computing.value], width: 8)
            let mark = b.knownCRQC ? "⚠" : " "
            let qubits = Widgets.fit(Widgets.estimate(b.computing.value, error: b.computing.error) + mark, 14, right: true)
            let gov = b.pqc.first.map { "\(Int(($0.value * 100).rounded()))%" + ($0.error > 0 ? "~" : "") } ?? "–"
            let support = Widgets.int(b.support.value) + (b.support.error > 0 ? "~" : "")
            let trust = i == me || v.viewerIndex == nil ? "  —" : Widgets.fit(String(Int(b.trustWithViewer.rounded())), 4, right: true)
            var line = Widgets.fit(b.id, 5) + " " + qubits + "  " + Widgets.fit(spark, 9) + " "
                + Widgets.fit(Widgets.int(b.sensing.value), 4, right: true) + "  " + Widgets.fit(gov, 7, right: true) + "  "
                + Widgets.fit(support, 6, right: true) + " " + trust + " " + Widgets.fit(Widgets.int(b.score), 5, right: true)
            if wide { line += "  " + Widgets.fit(b.standard.title, 9) + " " + b.groups.prefix(5).joined(separator: ",") }
            let style: Style = i == selected ? Style(reverse: true) : (i == me ? .bold : .plain)
            put(r.x, y, Widgets.fit(line, r.w), style)
            y += 1
        }
        put(r.x, y, v.viewerIndex == nil ? "Facilitator's view: every value is true   ⚠ holds a CRQC" : "~ your estimate   ⚠ known CRQC   Trust: with you, −100 to 100", .dim, maxWidth: r.w)
        y += 1
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

    // MARK: - 3 Budget

    mutating func drawBudget(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.me else { return }
        var y = r.y
        let ordered = app.orderedAllocation
        let alloc = app.draftAllocation ?? ordered ?? me.allocation
        put(r.x, y, "Quantum budget USD \(Widgets.number(me.budget)) bn a year · GDP USD \(Widgets.number(me.gdp)) tn · support \(Int(me.support))", .bold, maxWidth: r.w)
        y += 1
        let note: String
        if app.draftAllocation != nil {
            note = "Draft split, not ordered yet: Enter orders it, r resets it."
        } else if ordered != nil {
            note = "Ordered split: it applies when the turn is resolved (r withdraws it)."
        } else {
            note = "Split in force. ←→ moves 5 points; the other tracks share the difference."
        }
        put(r.x, y, note, app.draftAllocation == nil && ordered == nil ? .dim : .warn, maxWidth: r.w)
        y += 2
        let preview = BudgetPreview(view: v, allocation: alloc, scenario: g.scenario)
        let current = BudgetPreview(view: v, allocation: me.allocation, scenario: g.scenario)
        put(r.x, y, "Track           Share                           bn/yr   Expected next year", .bold)
        y += 1
        let whole = Widgets.wholePercents(alloc)
        for (i, t) in Track.allCases.enumerated() {
            let sel = app.row(.budget) == i
            let share = alloc[i]
            let line = Widgets.fit(t == .pqc ? "PQC" : t.rawValue.prefix(1).uppercased() + t.rawValue.dropFirst(), 14) + "  " + Widgets.bar(share / 100, width: 25) + Widgets.fit("\(whole[i]) %", 6, right: true)
                + Widgets.fit(Widgets.number(me.budget * share / 100), 7, right: true) + "   "
            put(r.x, y, line, sel ? Style(reverse: true) : .plain)
            let effect = preview.effects[i]
            let changed = abs(effect.value - current.effects[i].value) > 1e-9
            put(r.x + Screen.displayWidth(line), y, Widgets.fit(effect.text, r.w - Screen.displayWidth(line)), changed ? .warn : .dim)
            y += 1
        }
        y += 1
        for line in Widgets.wrap("Computing spend has diminishing returns and is multiplied by your specialists (talent ×\(Widgets.number(preview.talent))) and by access to the scarcest supply-chain component (×\(Widgets.number(preview.supply))). Workforce spending pays off after the training lag. PQC effort above 1 is faster than ordinary.", width: r.w) {
            guard y < r.y + r.h - 3 else { break }
            put(r.x, y, line, .dim); y += 1
        }
        y = r.y + r.h - 2
        for line in Widgets.wrap("+ or - raises or cuts the budget by 10 % (2 capital). k builds extra QKD links, K launches a QKD satellite (1 capital each).", width: r.w).prefix(2) {
            put(r.x, y, line, .plain); y += 1
        }
    }

    // MARK: - 4 PQC and Mosca

    mutating func drawPQC(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.me else { return }
        var y = r.y
        let who = v.qDayBloc.map { g.scenario.blocs[$0].name } ?? "nobody"
        put(r.x, y, "Standard: \(me.standard.title) · Rival CRQC (your estimate): " + (v.qDayYears >= 50 ? "none in sight" : "~\(Widgets.number(v.qDayYears)) years, \(who)"), .bold, maxWidth: r.w)
        y += 1
        for line in Widgets.wrap("Mosca: if shelf life x + migration time y is more than the time z to a rival's CRQC, data harvested today will be read.", width: r.w) {
            put(r.x, y, line, .dim); y += 1
        }
        y += 1
        put(r.x, y, "Sector                    Migrated            x      y      z  Status   Mandate", .bold, maxWidth: r.w)
        y += 1
        for row in v.mosca {
            let s = g.scenario.sectors[row.sector]
            let sel = app.row(.pqc) == row.sector
            let statusText: String
            let st: Style
            switch row.status {
            case .red: statusText = "✖ RED"; st = .bad
            case .amber: statusText = "▲ AMBER"; st = .warn
            case .green: statusText = "● GREEN"; st = .good
            }
            let deadline = me.mandates[row.sector]
            // A mandate ordered this turn shows at once, marked as ordered.
            let ordered = app.pendingOrders.reduce(String?.none) { last, o in
                if case .mandate(let sector, let by) = o, sector == s.id { return by }
                return last
            }
            let mandate = ordered.map { "by \($0) (ordered)" } ?? (deadline >= 0 ? "by " + g.scenario.calendar.label(deadline) : "—")
            let y50 = row.yearsToMigrate >= 50 ? ">50" : Widgets.number(row.yearsToMigrate)
            let z = row.yearsToCRQC >= 50 ? ">50" : Widgets.number(row.yearsToCRQC)
            let line = Widgets.fit(s.name, 24) + "  " + Widgets.bar(me.pqc[row.sector], width: 10) + Widgets.fit("\(Int((me.pqc[row.sector] * 100).rounded()))%", 5, right: true)
                + Widgets.fit(Widgets.number(row.shelfLife), 7, right: true) + Widgets.fit(y50, 7, right: true) + Widgets.fit(z, 7, right: true) + "   "
            put(r.x, y, line, sel ? Style(reverse: true) : .plain)
            put(r.x + Screen.displayWidth(line) - 1, y, Widgets.fit(statusText, 9), st)
            put(r.x + Screen.displayWidth(line) + 8, y, mandate, .plain, maxWidth: r.w - Screen.displayWidth(line) - 8)
            y += 1
        }
        y += 1
        let text = "x: years the sector's secrets stay valuable. y: years to finish at this quarter's pace. z: your estimate. A mandate (m) orders a sector migrated by a deadline; it costs 2 capital, some support and money. f changes the standard family: partners on incompatible families slow each other."
        for line in Widgets.wrap(text, width: r.w) where y < r.y + r.h { put(r.x, y, line, .dim); y += 1 }
    }

    // MARK: - 5 Export controls

    mutating func drawControls(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.viewerIndex, let mine = v.me else { return }
        var y = r.y
        for line in Widgets.wrap("Your export controls: ◼ in force, ◻ open, * ordered this turn. A control cuts the target's supply but costs you revenue and trust; alone it leaks, in a regime it does not.", width: r.w) {
            put(r.x, y, line, .dim); y += 1
        }
        y += 1
        var head = Widgets.fit("Target", 22)
        for c in ControlCategory.allCases { head += Widgets.fit(c.rawValue, 11) }
        head += "Against you"
        put(r.x, y, head, .bold, maxWidth: r.w)
        y += 1
        let others = g.scenario.blocs.indices.filter { $0 != me }
        for (k, t) in others.enumerated() where y < r.y + r.h - 3 {
            put(r.x, y, Widgets.fit("\(g.scenario.blocs[t].id) \(g.scenario.blocs[t].name)", 22))
            for (ci, c) in ControlCategory.allCases.enumerated() {
                let on = v.controls.contains { $0.by == me && $0.target == t && $0.category == c }
                let pendingOrder = app.pendingOrders.contains {
                    switch $0 {
                    case .imposeControl(let cat, let ts), .liftControl(let cat, let ts): return cat == c && ts.contains(g.scenario.blocs[t].id)
                    default: return false
                    }
                }
                let sel = app.row(.controls) == k && app.column == ci
                put(r.x + 22 + ci * 11, y, (on ? "◼" : "◻") + (pendingOrder ? "*" : " "), sel ? Style(reverse: true) : (on ? .bad : .plain))
            }
            let facing = ControlCategory.allCases.filter { c in v.controls.contains { $0.by == t && $0.target == me && $0.category == c } }.map(\.rawValue)
            put(r.x + 22 + 44, y, facing.isEmpty ? "—" : facing.map { String($0.prefix(4)) }.joined(separator: ","), facing.isEmpty ? .dim : .warn, maxWidth: r.w - 66)
            y += 1
        }
        y = r.y + r.h - 2
        let access = g.scenario.chokepoints.indices.map { "\(g.scenario.chokepoints[$0].name) \(Int((mine.access[$0] * 100).rounded()))%" }
        y -= 1
        for line in Widgets.wrap("Your supply access: " + access.joined(separator: " · "), width: r.w).prefix(2) { put(r.x, y, line); y += 1 }
    }
}
