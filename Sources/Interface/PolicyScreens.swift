// The screens where a delegation sets policy: the budget, PQC migration (with Mosca), export controls.
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
        // The same extra money the rules add: private capital to computing, the IT and cyber budget to PQC.
        let def = view.viewerIndex.map { scenario.blocs[$0] }
        let p = Formulas.preview(bloc: me, allocation: allocation, rules: scenario.rules,
                                 privateCapital: def?.privateCapital ?? 0, pqcBudget: def?.pqcBudget ?? 0)
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

extension Renderer {
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
            if sel { put(r.x + 14, y, "◂", .bold) }
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
        put(r.x, y, "Standard: \(me.standard.title) · \(QDayText.clock(v, g.scenario).full) (your estimate)", .bold, maxWidth: r.w)
        y += 1
        for line in Widgets.wrap("Mosca: if shelf life x + migration time y is more than the time z to a rival's CRQC, data harvested today will be read. " + QDayText.rivalSentence, width: r.w) {
            put(r.x, y, line, .dim); y += 1
        }
        y += 1
        // At 80 columns the sector names give up four columns so the mandate's deadline is read whole.
        let nameWidth = r.w >= 90 ? 24 : 20
        put(r.x, y, Widgets.fit("Sector", nameWidth + 2) + "Migrated            x      y      z  Status   Mandate", .bold, maxWidth: r.w)
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
            let line = Widgets.fit(s.name, nameWidth) + "  " + Widgets.bar(me.pqc[row.sector], width: 10) + Widgets.fit("\(Int((me.pqc[row.sector] * 100).rounded()))%", 5, right: true)
                + Widgets.fit(Widgets.number(row.shelfLife), 7, right: true) + Widgets.fit(y50, 7, right: true) + Widgets.fit(z, 7, right: true) + "   "
            put(r.x, y, line, sel ? Style(reverse: true) : .plain)
            if sel { put(r.x + nameWidth, y, "◂", .bold) }
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
        let others = g.scenario.blocs.indices.filter { $0 != me }
        let legend = Widgets.wrap("Your export controls: ◼ in force, ◻ open, * ordered this turn, R controlled by a regime you are party to (under Against you: through a regime that bloc is party to). A control cuts the target's supply but costs you revenue and trust; alone it leaks, in a regime it does not.", width: r.w)
        // The selected cell's preview must be read whole: where the rows leave too little room
        // (ten blocs at 80×24), the legend gives way to a line saying where it went.
        let previewLines = others.indices.contains(app.row(.controls)) && ControlCategory.allCases.indices.contains(app.column)
            ? Widgets.wrap(ControlsText.preview(v, g, me: me, target: others[app.row(.controls)], category: ControlCategory.allCases[app.column]), width: r.w).count : 0
        let roomy = legend.count + 1 + 1 + others.count + 1 + previewLines + 3 <= r.h
        for line in roomy ? legend : ["◼ yours in force · ◻ open · * ordered this turn · R through an export regime"] {
            put(r.x, y, line, .dim); y += 1
        }
        y += 1
        var head = Widgets.fit("Target", 22)
        for c in ControlCategory.allCases { head += Widgets.fit(c.rawValue, 11) }
        head += "Against you"
        put(r.x, y, head, .bold, maxWidth: r.w)
        y += 1
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
                // Regimes the bloc is party to control their targets too (R), beside its own controls.
                let regime = ControlsText.regimes(v, me: me, target: t, category: c).isEmpty ? "" : "R"
                put(r.x + 22 + ci * 11, y, (sel ? "▸" : " ") + (on ? "◼" : "◻") + (pendingOrder ? "*" : " ") + regime,
                    sel ? Style(reverse: true) : (on || !regime.isEmpty ? .bad : .plain))
            }
            // Against you: the bloc's own controls and those of export regimes it is party to.
            let own = ControlCategory.allCases.filter { c in v.controls.contains { $0.by == t && $0.target == me && $0.category == c } }
            let byRegime = ControlCategory.allCases.filter { c in !ControlsText.regimes(v, me: t, target: me, category: c).isEmpty }
            let facing = ControlCategory.allCases.filter { own.contains($0) || byRegime.contains($0) }.map { String($0.rawValue.prefix(4)) }
            let regimeOnly = byRegime.contains { !own.contains($0) }
            put(r.x + 22 + 44, y, facing.isEmpty ? "—" : facing.joined(separator: ",") + (regimeOnly ? " R" : ""), facing.isEmpty ? .dim : .warn, maxWidth: r.w - 66)
            y += 1
        }
        // What the selected cell's order would do, from the rules' own figures.
        if others.indices.contains(app.row(.controls)), ControlCategory.allCases.indices.contains(app.column), y < r.y + r.h - 4 {
            y += 1
            let t = others[app.row(.controls)]
            let c = ControlCategory.allCases[app.column]
            for line in Widgets.wrap(ControlsText.preview(v, g, me: me, target: t, category: c), width: r.w).prefix(max(0, r.y + r.h - 3 - y)) {
                put(r.x, y, line, .plain); y += 1
            }
        }
        y = r.y + r.h - 2
        let access = g.scenario.chokepoints.indices.map { "\(g.scenario.chokepoints[$0].name) \(Int((mine.access[$0] * 100).rounded()))%" }
        y -= 1
        for line in Widgets.wrap("Your supply access: " + access.joined(separator: " · "), width: r.w).prefix(2) { put(r.x, y, line); y += 1 }
    }
}

/// The export-control screen's words: regimes that bind a bloc and what a control would do.
enum ControlsText {
    /// Export regimes in force that `me` is party to and that control `category` toward `target`
    /// (with `me` another bloc: the regimes through which that bloc controls `target`).
    static func regimes(_ v: GameView, me: Int, target: Int, category: ControlCategory) -> [Treaty] {
        v.treaties.map(\.treaty).filter {
            $0.type == .exportRegime && $0.status == .inForce && $0.isMember(me)
                && $0.terms.targets.contains(target) && $0.terms.categories.contains(category)
        }
    }

    /// The selected cell in words: in force or not, what it denies the target and what it costs.
    static func preview(_ v: GameView, _ g: Game, me: Int, target: Int, category: ControlCategory) -> String {
        let name = g.scenario.blocs[target].name
        let rules = g.scenario.rules
        let leak = Widgets.int(rules[.controlLeakRate] * 100)
        let regimes = regimes(v, me: me, target: target, category: category)
        let on = v.controls.contains { $0.by == me && $0.target == target && $0.category == category }
        // PhaseControls.chargeControlCosts: GDP × controlCost per control a year.
        let cost = (v.me?.gdp ?? 0) * 1000 * rules[.controlCost] * g.scenario.calendar.yearsPerTurn
        var parts: [String] = []
        if !regimes.isEmpty {
            parts.append("\(category.rawValue.capitalized) to \(name) are already controlled by \(regimes.map(\.name).joined(separator: ", ")), which you are party to: nothing leaks through its members.")
        }
        if on {
            parts.append("Enter lifts your own \(category.rawValue) control on \(name) (1 capital) and ends its cost of about USD \(Widgets.number(cost)) bn of GDP a turn.")
        } else {
            let what = category == .components ? "your share of the world's scarce components" : "what your \(category.rawValue) adds to the world outside \(name)"
            parts.append("Enter imposes a \(category.rawValue) control on \(name) (1 capital): it denies \(name) \(what), but \(leak) % of a unilateral cut leaks through others (a regime stops that). It costs you about USD \(Widgets.number(cost)) bn of GDP a turn in lost sales, and trust.")
        }
        return parts.joined(separator: " ")
    }
}
