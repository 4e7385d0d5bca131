import GameCore
import Strategy

/// The facilitator's seat on screen: its handover, its frame and the console (`f`).
extension Renderer {
    mutating func drawFacilitatorHandover() {
        header("Entangled States — handover")
        let y = height / 2 - 3
        func center(_ text: String, _ dy: Int, _ s: Style) { put(max(0, (width - Screen.displayWidth(text)) / 2), y + dy, text, s) }
        center("Pass the keyboard to the", 0, .plain)
        center("FACILITATOR", 2, .title)
        center("The facilitator's screens show every secret, unfogged.", 4, .dim)
        center("Delegations look away. Then press Enter.", 5, .dim)
        footer("Enter continue · q quit")
    }

    mutating func drawFacilitating() {
        guard let game = app.game, let v = app.view else { return }
        let turn = game.isOver ? "Game over" : "\(v.turnLabel) (turn \(game.state.turn + 1)/\(game.scenario.calendar.turnCount))"
        header("Facilitator │ \(turn)", right: "Actions \(app.facilitatorQueue.count) │ unfogged")
        var x = 0
        for s in AppState.facilitatorScreens + [.help] {
            let label = "\(s.key) \(s.title)"
            let w = Screen.displayWidth(label) + 2
            if x + w > width { break }
            put(x, 1, label, s == app.screen ? Style(bold: true, reverse: true) : .dim)
            x += w
        }
        let body = Rect(x: 0, y: 2, w: width, h: height - 3 - (app.isSeated ? 1 : 0))
        switch app.screen {
        case .dashboard: drawDashboard(v, game, body)
        case .bloc: drawBloc(v, game, body)
        case .report: drawReport(v, game, body)
        case .charts: drawCharts(v, game, body)
        case .help: drawHelp(body)
        default: drawConsole(v, game, body)
        }
        let hints: String
        // The run sheet's key leads the hints only when there is a run sheet (the console names it too).
        let sheetKey = app.plannedInjects.isEmpty ? "" : "k run sheet · "
        switch app.screen {
        case .facilitator where app.isSeated: hints = sheetKey + "i inject · n event · r rule · a adjust · v reveal · t timer · p pause · + minutes · d end a turn · R resolve · z undo fill · b rewind · u undo"
        case .facilitator: hints = sheetKey + "i inject · n event · r rule · a adjust · v reveal · t timer · b rewind · u undo"
        case .dashboard: hints = "↑↓ bloc · Enter details"
        case .bloc: hints = "←→ bloc"
        case .charts: hints = "↑↓ indicator"
        default: hints = "↑↓ scroll · Esc console"
        }
        let over: Bool = { if case .gameOver = app.mode { return true }; return false }()
        let base = over ? "q quit" : app.isSeated ? "e \(app.released ? "hold" : "release") the turn · ? help" : "e end turn · ? help"
        footer(Screen.displayWidth(hints) + Screen.displayWidth(base) + 3 <= width ? hints + " │ " + base : hints)
    }

    /// The console: this turn's facilitator actions, actions awaiting a ruling, every secret,
    /// the delegations' progress, the timer and all messages, as one scrolling page.
    mutating func drawConsole(_ v: GameView, _ g: Game, _ r: Rect) {
        let sc = g.scenario
        var lines: [(String, Style)] = []
        func add(_ text: String, _ s: Style = .plain, indent: Int = 2) {
            for (i, l) in Widgets.wrap(text, width: r.w - indent - 2).enumerated() {
                lines.append((String(repeating: " ", count: i == 0 ? indent : indent + 2) + l, s))
            }
        }
        let sheet = app.runSheetLines(g)
        if !sheet.isEmpty {
            let due = app.dueRunSheetEntries.count
            lines.append(("Run sheet (k fires, postpones or skips what is planned now): \(due) due this turn", .title))
            for (text, now) in sheet { add(text, now ? .warn : .dim) }
            lines.append(("", .plain))
        }
        lines.append(("This turn's actions — logged when the turn ends (e); u takes back the last one", .title))
        if app.facilitatorQueue.isEmpty { add("None yet. i inject a card · n custom event · r rule · a adjust · v reveal · t timer · b rewind", .dim) }
        for (i, a) in app.facilitatorQueue.enumerated() { add("\(i + 1). " + FacilitatorText.describe(a, sc)) }
        lines.append(("", .plain))
        let actions = app.rulableActions()
        lines.append(("Free-text actions awaiting a ruling (r): \(actions.count)", .title))
        for a in actions {
            add("#\(a.id) \(sc.blocs[a.bloc].id)\(a.thisTurn ? " (this turn)" : ""): “\(a.text)” — intends: \(a.intent.isEmpty ? "not given" : a.intent)", .warn)
        }
        let ruled = g.state.freeActions.filter { $0.status != .pending }.suffix(3)
        for a in ruled { add("#\(a.id) \(sc.blocs[a.bloc].id) \(a.status.rawValue): \(a.reason)", .dim) }
        lines.append(("", .plain))
        let timerLine: String
        if let t = app.timer {
            timerLine = "\(t.minutes) min per turn, \(t.paused ? "paused" : "running while delegations play"); at zero " +
                (t.atZero == .wait ? "the turn waits." : "the computer gives missing orders.")
        } else {
            timerLine = "No turn timer. t sets one."
        }
        add("Turn timer (t): " + timerLine, .bold, indent: 0)
        let seats = app.humans.isEmpty ? "none: the computer plays every bloc" : app.humans.map { sc.blocs[$0].id }.joined(separator: ", ")
        add("Human delegations: \(seats)", .bold, indent: 0)
        if app.isSeated {
            add("The room: " + app.roomStatus.map { s in
                "\(s.label) \(s.filledByComputer ? "orders given by the computer (z undoes)" : s.done ? "done" : "playing"), " +
                    (s.connected ? (s.idleSeconds >= 60 ? "idle \(s.idleSeconds / 60) min" : "connected") : "not connected")
            }.joined(separator: "; ") + ".", .bold, indent: 0)
            add("The clock: p pause or start · + add minutes · d end a delegation's turn · R resolve now · z undo the computer's orders.", .dim, indent: 0)
        }
        // The delegations' sealed orders of this turn (the facilitator sits after them).
        for (k, b) in app.humans.enumerated() where app.pending.indices.contains(k) && !app.pending[k].isEmpty {
            add("\(sc.blocs[b].id) this turn: " + app.pending[k].map { OrderText.describe($0, sc, g.state) }.joined(separator: "; "), .dim)
        }
        lines.append(("", .plain))
        let all = app.revealableSecrets(g)
        let secrets = all.filter { if case .objectives = $0.secret { return false }; return true }
        lines.append(("Secrets (v reveals one to some or all delegations): \(secrets.count)", .title))
        if secrets.isEmpty { add("No CRQC, harvest or treaty violation yet (secret objectives can be revealed at any time with v).", .dim) }
        for s in secrets { add(s.label, s.label.hasPrefix("CRQC") ? .bad : .plain) }
        lines.append(("", .plain))
        lines.append(("True values (the delegations see estimates)", .title))
        lines.append(("  Bloc   Qubits  Sens  Gov PQC  Support  Capital  Score  Harvesting", .bold))
        for (b, bloc) in g.state.blocs.enumerated() {
            let harvesting = g.state.harvests.filter { $0.harvester == b && $0.active }.map { sc.blocs[$0.target].id }.joined(separator: ",")
            let gov = bloc.pqc.first.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
            lines.append(("  " + Widgets.fit(sc.blocs[b].id, 5) + Widgets.fit(Widgets.number(bloc.computing) + (bloc.hasCRQC ? "⚠" : ""), 8, right: true)
                          + Widgets.fit(Widgets.int(bloc.sensing), 6, right: true) + Widgets.fit(gov, 9, right: true)
                          + Widgets.fit(Widgets.int(bloc.support), 9, right: true) + Widgets.fit(Widgets.number(bloc.capital), 9, right: true)
                          + Widgets.fit(Widgets.int(bloc.score), 7, right: true) + "  " + harvesting, bloc.hasCRQC ? .bad : .plain))
        }
        lines.append(("", .plain))
        let objectives = all.filter { if case .objectives = $0.secret { return true }; return false }
        lines.append(("Secret objectives (v reveals them too)", .title))
        for s in objectives { add(String(s.label.dropFirst("Secret objectives of ".count))) }
        lines.append(("", .plain))
        lines.append(("All messages, newest first: \(g.state.messages.count)", .title))
        for m in g.state.messages.reversed().prefix(40) {
            let read = m.readBy.map { sc.blocs[$0.bloc].id }
            add("\(sc.calendar.label(m.turn)) \(sc.blocs[m.from].id)→\(sc.blocs[m.to].id) \(m.quantumSafe ? "safe" : "unprotected")\(read.isEmpty ? "" : ", read by " + read.joined(separator: ",")): \(m.text)")
        }
        let visible = r.h
        let start = min(app.scroll, max(0, lines.count - visible))
        var y = r.y
        for (text, st) in lines.dropFirst(start).prefix(visible) { put(r.x, y, Widgets.fit(text, r.w), st); y += 1 }
        if lines.count > visible + start {
            let note = " ↓ \(lines.count - visible - start) more "
            put(r.x + r.w - Screen.displayWidth(note), r.y + r.h - 1, note, .dim)
        }
    }
}
