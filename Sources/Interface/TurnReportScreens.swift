// The turn report with its why-ledger, and the list of the delegation's orders in words.
import GameCore
import Strategy

extension Renderer {
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
        // The Q-Day clock is the delegation's own estimate, so its change is explained here, first.
        if let me = v.viewerIndex, let k = app.humans.firstIndex(of: me), app.clockBefore.indices.contains(k), v.turn > 0,
           let sentence = QDayText.change(from: app.clockBefore[k], to: v, g.scenario) {
            for (i, l) in Widgets.wrap(sentence, width: r.w - 2).enumerated() { lines.append(((i == 0 ? "• " : "  ") + l, .warn)) }
        }
        if !groups.isEmpty {
            lines.append((v.viewerIndex == nil ? "Why the numbers moved in \(turnLabel), all blocs (largest first; ↓ for all)" : "Why your numbers moved in \(turnLabel) (largest first; ↓ for all)", .title))
            // The same routine lines come every turn (spending on migration, trust drifting back):
            // what changed this turn comes first, the routine after it.
            for group in WhyLedger.routineLast(groups).prefix(5) {
                // The two largest causes; the rest are counted, so the line never seems to add up wrong.
                let rest = group.causes.count - 2
                let causes = group.causes.prefix(2).map { "\(WhyLedger.signed($0.amount, group.indicator)) \($0.cause)" }.joined(separator: "; ")
                    + (rest > 0 ? "; and \(rest) more cause\(rest == 1 ? "" : "s") (↓ lists all)" : "")
                for (i, l) in Widgets.wrap("\(group.indicator) \(WhyLedger.signed(group.total, group.indicator)): \(causes)", width: r.w - 2).enumerated() {
                    lines.append(((i == 0 ? "• " : "  ") + l, .plain))
                }
            }
        }
        if v.turn > 0 {
            lines.append(("", .plain))
            lines.append(("What happened in \(turnLabel)", .title))
        }
        // Other blocs' routine orders (mandates, controls, investment that do not name the viewer)
        // fill most of a turn's news: they are folded into one line here and listed at the end.
        let viewer = v.viewerIndex.map { (name: g.scenario.blocs[$0].name, id: g.scenario.blocs[$0].id) }
        let routine = v.news.filter { ReportNews.isOthersRoutine($0, viewer: viewer) }
        for item in v.news where !ReportNews.isOthersRoutine(item, viewer: viewer) {
            for (i, l) in Widgets.wrap(item.text, width: r.w - 2).enumerated() { lines.append(((i == 0 ? "• " : "  ") + l, item.kind == .crqc ? .bad : .plain)) }
        }
        if let note = ReportNews.deadlineAndObjectiveNote(v.news, viewer: viewer) {
            for l in Widgets.wrap(note, width: r.w - 2) { lines.append(("  " + l, .warn)) }
        }
        if !routine.isEmpty {
            lines.append(("• Other blocs gave \(routine.count) routine order\(routine.count == 1 ? "" : "s") (mandates, controls, investment) not aimed at you: listed at the end.", .dim))
        }
        if groups.count > 0 {
            lines.append(("", .plain))
            lines.append(("Every change and its causes", .title))
            for group in groups {
                lines.append(("\(Widgets.fit(group.indicator, 30)) \(WhyLedger.signed(group.total, group.indicator))", .bold))
                for cause in group.causes.prefix(6) {
                    lines.append(("    \(WhyLedger.signed(cause.amount, group.indicator))  \(cause.cause)", .dim))
                }
            }
        }
        if !routine.isEmpty {
            lines.append(("", .plain))
            lines.append(("Other blocs' routine orders", .title))
            for item in routine { for (i, l) in Widgets.wrap(item.text, width: r.w - 2).enumerated() { lines.append(((i == 0 ? "• " : "  ") + l, .dim)) } }
        }
        let visible = r.h
        let start = min(app.scroll, max(0, lines.count - visible))
        var y = r.y
        for (text, st) in lines.dropFirst(start).prefix(visible) { put(r.x, y, Widgets.fit(text, r.w), st); y += 1 }
        if lines.count - visible - start > 0 {
            let note = " ↓ \(lines.count - visible - start) more "
            put(r.x + r.w - Screen.displayWidth(note), r.y + r.h - 1, note, .dim)
        }
    }

    // MARK: - Orders

    mutating func drawOrders(_ v: GameView, _ g: Game, _ r: Rect) {
        var y = r.y
        let orders = app.pendingOrders
        let cost = orders.reduce(0) { $0 + $1.capitalCost }
        put(r.x, y, "Your orders this turn: \(orders.count) · capital needed \(Widgets.number(cost)) of \(Widgets.number(v.me?.capital ?? 0))", .bold, maxWidth: r.w)
        y += 1
        // The resolver carries orders out by stage, not as listed; the number in front is that order.
        for line in Widgets.wrap("Orders resolve in stages, not as listed: answers, diplomacy, controls, investment, intelligence, decryption, dilemmas. [n] is each one's place; ✖ marks one the capital runs out before.", width: r.w).prefix(3) {
            put(r.x, y, line, .dim); y += 1
        }
        y += 1
        let sequence = Order.resolutionOrder(orders)
        let paid = app.affordableOrders
        if orders.isEmpty { put(r.x, y, "No orders yet. Use the screens 1–9 to give orders; n submits a free-text action.", .dim, maxWidth: r.w) }
        let waiting = app.facilitatorSeat ? "awaiting ruling" : "no facilitator: unadjudicated in the report"
        for (i, o) in orders.enumerated() where y < r.y + r.h {
            let rank = "[\((sequence.firstIndex(of: i) ?? i) + 1)]" + (paid.indices.contains(i) && !paid[i] ? "✖ " : " ")
            let mark = i == app.row(.orders) ? "▸" : " "
            var text = mark + rank + OrderText.describe(o, g.scenario, g.state) + (o.capitalCost > 0 ? "  (\(Widgets.number(o.capitalCost)) capital)" : "")
            if case .freeAction = o { text = mark + rank + "[\(waiting)] " + OrderText.describe(o, g.scenario, g.state) }
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
        case .proposeTreaty(let type, let parties, _): return "Propose a treaty (\(type.title)) to \(parties.map(name).joined(separator: ", "))"
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

/// Which news of a turn report is routine, and what two items of it mean together.
enum ReportNews {
    /// When the viewer missed a mandate's deadline and met an objective in the same news, the two
    /// are linked: a deadline asks for more of a sector than an objective may.
    static func deadlineAndObjectiveNote(_ news: [NewsItem], viewer: (name: String, id: String)?) -> String? {
        guard let viewer else { return nil }
        let missed = news.contains { $0.text.hasPrefix("\(viewer.name) missed its deadline for ") }
        let met = news.contains { $0.kind == .objective && $0.text.hasPrefix("\(viewer.name) met its objective") }
        guard missed && met else { return nil }
        return "Note: a mandate's deadline is met only at \(Widgets.int(ObjectiveText.mandateSafeShare * 100)) % migrated (missing it costs \(ObjectiveText.mandateMissPenalty) support); an objective has its own, often lower threshold (O shows it). So the same systems can miss the one and meet the other."
    }

    /// An order of another bloc that names the viewer by neither its name nor its id: a mandate, a
    /// control or an investment, the same kinds every turn.
    static func isOthersRoutine(_ item: NewsItem, viewer: (name: String, id: String)?) -> Bool {
        guard let viewer, [.order, .controls, .investment].contains(item.kind) else { return false }
        if item.text.contains(viewer.name) { return false }
        let words = item.text.split { !$0.isLetter && !$0.isNumber }
        return !words.contains { $0 == viewer.id }
    }
}

/// The why-ledger grouped by indicator, largest total first.
enum WhyLedger {
    /// Causes that come every turn whatever is ordered; a line made of them alone is routine.
    static let routineCauses = ["migration spending", "trust drifting back", "tension easing"]

    /// The groups with routine ones (every cause routine) after the others, each part in its order.
    static func routineLast(_ groups: [Group]) -> [Group] {
        func routine(_ g: Group) -> Bool { g.causes.allSatisfy { c in routineCauses.contains { c.cause.hasPrefix($0) } } }
        return groups.filter { !routine($0) } + groups.filter(routine)
    }

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
    /// An amount with its sign; one too small to show reads "≈0", never "−0" or "+0".
    static func signed(_ x: Double, _ label: String) -> String {
        let a = amount(x, label)
        if a == "0" || a.hasPrefix("0 ") { return "≈" + a }
        return (x >= 0 ? "+" : "−") + a
    }

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
