import GameCore
import Strategy

/// Drawing the interface: (state, size) → Screen. Pure; no terminal involved.
extension AppState {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public func render(width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        guard width >= AppState.minimumWidth && height >= AppState.minimumHeight else {
            let lines = Widgets.wrap("Please make the window larger. It is \(width)×\(height); Entangled States needs at least 80×24. Your game is safe and carries on when there is room.", width: max(10, width - 2))
            for (i, line) in lines.enumerated() { screen.put(1, i + max(0, (height - lines.count) / 2), line, .bold) }
            return screen
        }
        var r = Renderer(app: self, screen: screen)
        r.draw()
        screen = r.screen
        return screen
    }
}

/// Draws one frame.
struct Renderer {
    let app: AppState
    var screen: Screen
    var width: Int { screen.width }
    var height: Int { screen.height }
    var mono: Bool { !app.colors }

    init(app: AppState, screen: Screen) {
        self.app = app
        self.screen = screen
    }

    /// A style, or plain emphasis when colours are off.
    func style(_ s: Style) -> Style {
        guard mono else { return s }
        return Style(fg: .normal, bold: s.bold || s.fg == .red, reverse: s.reverse, dim: s.dim, underline: s.underline)
    }

    mutating func put(_ x: Int, _ y: Int, _ text: String, _ s: Style = .plain, maxWidth: Int = .max) {
        screen.put(x, y, text, style(s), maxWidth: maxWidth)
    }

    mutating func draw() {
        switch app.mode {
        case .setup: drawSetup()
        case .briefing(let k): drawBriefing(k)
        case .handover(let k): drawHandover(k)
        case .facilitatorHandover: drawFacilitatorHandover()
        case .facilitating: drawFacilitating()
        case .gameOver where app.isFacilitatorView: drawFacilitating()
        case .playing, .gameOver: drawPlaying()
        case .projecting: drawProjector()
        }
        if let modal = app.modal { drawModal(modal) }
    }

    // MARK: - Frame

    /// The title line. `compact` is a shorter form of `right` used when the full one does not fit.
    mutating func header(_ title: String, right: String = "", compact: String? = nil) {
        screen.fill(0, 0, width, 1, " ", style(Style(fg: .normal, reverse: true)))
        put(1, 0, title, Style(bold: true, reverse: true), maxWidth: width - 2)
        // The turn timer shows on every screen of the game; the rest only when it fits beside the title.
        let timer = app.mode == .setup ? nil : app.timerLabel
        func joined(_ r: String) -> String { timer.map { r.isEmpty ? $0 : $0 + " │ " + r } ?? r }
        func fits(_ r: String) -> Bool { Screen.displayWidth(title) + Screen.displayWidth(r) + 4 <= width }
        var right = joined(right)
        if !right.isEmpty && !fits(right) { right = compact.map(joined) ?? "" }
        if !right.isEmpty && !fits(right) { right = timer ?? "" }
        guard !right.isEmpty, Screen.displayWidth(title) + Screen.displayWidth(right) + 4 <= width else { return }
        let x = width - Screen.displayWidth(right) - 1
        put(x, 0, right, Style(reverse: true))
        if let timer {
            let atZero = app.timerRemaining <= 0 && app.timer?.paused == false
            // At zero the timer blinks (every tick), so a glance at the screen shows it.
            let s = atZero ? (app.timerBlink ? Style(fg: .red, bold: true) : Style(fg: .red, bold: true, reverse: true)) : Style(bold: true, reverse: true)
            put(x, 0, timer, s)
        }
    }

    mutating func footer(_ hints: String) {
        let y = height - 1
        defer {
            // A room's status line sits just above the footer, above a two-line message too.
            if app.isSeated && app.mode != .projecting {
                let lines = (app.message ?? app.notice).map { Widgets.wrap($0, width: width).count } ?? 1
                drawRoomStatus(y: y - min(2, max(1, lines)))
            }
        }
        if let message = app.message ?? app.notice {
            // A long message takes the line above too (it is read once; the screen returns after the next key).
            var lines = Widgets.wrap(message, width: width)
            if lines.count > 2 { lines = [lines[0], Widgets.fit(lines[1...].joined(separator: " "), width)] }
            for (i, line) in lines.enumerated() {
                put(0, y - lines.count + 1 + i, Widgets.fit(line, width), Style(fg: .yellow, bold: true))
            }
        } else {
            put(0, y, Widgets.fit(hints, width), .dim)
        }
    }

    mutating func drawPlaying() {
        guard let game = app.game, let v = app.view, let me = app.currentBloc else { return }
        let name = game.scenario.blocs[me].name
        // The header's capital drops as orders are queued: what is left once they are paid.
        let capital = v.me.map { me in
            let left = app.capitalAfterOrders ?? me.capital
            return abs(left - me.capital) < 1e-9 ? Widgets.number(me.capital) : "\(Widgets.number(left)) of \(Widgets.number(me.capital))"
        } ?? "–"
        let clock = QDayText.clock(v, game.scenario)
        let qday = clock.full
        let turn = game.isOver ? "Game over" : "\(v.turnLabel) (turn \(game.state.turn + 1)/\(game.scenario.calendar.turnCount))"
        let shortQDay = clock.short
        header("\(name) │ \(turn)", right: "Capital \(capital) │ \(qday)", compact: "Cap \(capital) │ \(shortQDay)")
        // Tabs. The current one is marked by ▸ in the gap before it as well as by reverse video, for
        // terminals and readers that show no reverse video.
        var x = 1
        for s in ScreenID.allCases where s != .help && s != .orders && s != .facilitator {
            let label = "\(s.key) " + (width < 100 ? s.shortTitle : s.title)
            let w = Screen.displayWidth(label) + 1
            if x + w > width { break }
            if s == app.screen { put(x - 1, 1, "▸", .bold) }
            put(x, 1, label, s == app.screen ? Style(bold: true, reverse: true) : .dim)
            x += w
        }
        let orders = app.pendingOrders.count
        let coachHeight = drawCoach(bottom: height - 2 - (app.isSeated ? 1 : 0))
        let body = Rect(x: 0, y: 2, w: width, h: height - 3 - (app.isSeated ? 1 : 0) - coachHeight)
        switch app.screen {
        case .dashboard: drawDashboard(v, game, body)
        case .bloc: drawBloc(v, game, body)
        case .budget: drawBudget(v, game, body)
        case .pqc: drawPQC(v, game, body)
        case .controls: drawControls(v, game, body)
        case .diplomacy: drawDiplomacy(v, game, body)
        case .intelligence: drawIntelligence(v, game, body)
        case .messages: drawMessages(v, game, body)
        case .dilemmas: drawDilemmas(v, game, body)
        case .report: drawReport(v, game, body)
        case .charts: drawCharts(v, game, body)
        case .orders: drawOrders(v, game, body)
        case .objectives: drawObjectives(v, game, body)
        case .help: drawHelp(body)
        case .facilitator: drawDashboard(v, game, body)
        }
        // Drawn again last, so that nothing a screen draws near its edge covers the coach.
        _ = drawCoach(bottom: height - 2 - (app.isSeated ? 1 : 0))
        let over: Bool = { if case .gameOver = app.mode { return true }; return false }()
        let base = over ? (app.facilitatorSeat && !app.isSeated ? "0 debrief · f facilitator's seat · q quit" : "0 debrief · q quit")
            : "? help · O objectives · o orders(\(orders)) · e \(app.sealed ? "unseal" : "end turn") · q quit"
        let shorter = over ? base : "? help · o orders(\(orders)) · e \(app.sealed ? "unseal" : "end turn") · q quit"
        let hints = hintsFor(app.screen)
        // The objectives key drops out of the footer before the orders and end-turn keys do.
        let fitting = [base, shorter].first { Screen.displayWidth(hints) + Screen.displayWidth($0) + 3 <= width }
        footer(fitting.map { hints + " │ " + $0 } ?? hints + " │ ? help")
    }

    func hintsFor(_ s: ScreenID) -> String {
        switch s {
        case .dashboard: return "↑↓ bloc · Enter details"
        case .bloc: return "←→ bloc · g talk · m message · a aid · x spy · h harvest"
        case .budget: return "↑↓ track · ←→ ±5 · Enter order · +/- budget · k/K QKD"
        case .pqc: return "↑↓ sector · m mandate · f standard family"
        case .controls: return "arrows move · Enter impose/lift"
        case .diplomacy: return "p propose · a/r answer · w withdraw · v break · t statement"
        case .intelligence: return "h harvest · x spy · i counter-intel · d decrypt · D disclose"
        case .messages: return "↑↓ scroll · m write"
        case .dilemmas: return "↑↓ select · Enter choose"
        case .report: return "↑↓ PgUp PgDn scroll"
        case .charts: return "↑↓ indicator"
        case .orders: return "↑↓ select · Del remove · n free-text action"
        case .objectives: return "↑↓ PgUp PgDn scroll"
        case .help: return "Esc back"
        case .facilitator: return ""
        }
    }

    /// The tutorial's coach as a boxed panel whose last row is `bottom`; returns the rows it takes
    /// (0 without a tutorial), which the screen above gives up.
    mutating func drawCoach(bottom: Int) -> Int {
        guard let coach = app.coach else { return 0 }
        let lines = Array(app.coachLines(width: width).prefix(6))
        let h = lines.count + 2
        let y = bottom - h + 1
        screen.fill(0, y, width, h, " ", .plain)
        screen.box(0, y, width, h, title: coach.heading, style: style(Style(fg: .cyan)))
        for (i, line) in lines.enumerated() { put(2, y + 1 + i, line, .plain) }
        return h
    }

    // MARK: - Setup, briefing, handover

    mutating func drawSetup() {
        header("Entangled States — new game", right: "80×24 or larger")
        guard !app.choices.isEmpty else {
            put(2, 3, "No scenario could be loaded.", .bad)
            footer("q quit")
            return
        }
        let choice = app.choices[app.setup.scenarioIndex]
        let s = choice.scenario
        let f = app.setup.field
        // The focused field carries ▸ as well as reverse video.
        func label(_ y: Int, _ text: String, _ field: SetupState.Field) {
            put(0, y, f == field ? "▸" : " ", .bold)
            put(2, y, text, f == field ? Style(bold: true, reverse: true) : .bold)
        }
        label(2, "Scenario", .scenario)
        put(14, 2, "◀ \(s.title) ▶" + (f == .seats ? "  (←→)" : ""), f == .scenario || f == .seats ? .title : .plain, maxWidth: width - 16)
        put(14, 3, "\(s.calendar.label(0))–\(s.calendar.endLabel), \(s.calendar.turnCount) turns · \(app.setup.scenarioIndex + 1) of \(app.choices.count)", .dim, maxWidth: width - 16)
        label(5, "Seats", .seats)
        put(14, 5, "Space: human ◆ / computer ◇", .dim)
        let rows = height - 14
        let first = max(0, min(app.setup.seatCursor - rows + 1, s.blocs.count - rows))
        for (i, b) in s.blocs.enumerated().dropFirst(first).prefix(max(1, rows)) {
            let y = 6 + i - first
            let human = app.setup.human[i]
            let selected = f == .seats && app.setup.seatCursor == i
            let text = "\(human ? "◆ human   " : "◇ computer") \(Widgets.fit(b.id, 4)) \(b.name) — \(b.doctrine.rawValue)"
            if selected { put(2, y, "▸", .bold) }
            screen.markListItem(y)
            put(4, y, Widgets.fit(text, width - 6), selected ? Style(reverse: true) : (human ? .bold : .plain))
        }
        label(height - 8, "Facilitator", .facilitator)
        put(14, height - 8, app.setup.facilitator ? "◀ yes ▶  a facilitator seat after the delegations sees everything" : "◀ no ▶   no facilitator seat (Space to seat one)",
            f == .facilitator ? .title : .plain, maxWidth: width - 16)
        let y = height - 7
        label(y, "Seed", .seed)
        put(14, y, "\(app.setup.seed)   (←→ change, Enter type)", f == .seed ? .title : .plain)
        label(y + 1, "Computer", .level)
        put(14, y + 1, "◀ \(app.setup.level.rawValue) ▶   level of the computer players", f == .level ? .title : .plain)
        label(y + 2, "Timer", .timer)
        let minutes = app.setup.turnMinutes
        put(14, y + 2, minutes == 0 ? "◀ none ▶   no turn timer (the console's t can set one later)"
                                     : "◀ \(minutes) min ▶   a turn; at zero the computer gives the missing orders",
            f == .timer ? .title : .plain, maxWidth: width - 16)
        label(y + 4, "[ Start the game ]", .start)
        if !app.savedGames.isEmpty {
            put(24, y + 4, "or l: load one of \(app.savedGames.count) saved game\(app.savedGames.count == 1 ? "" : "s")", .dim)
        }
        if let e = app.setup.error { put(2, y + 3, Widgets.fit(e, width - 4), .bad) }
        if app.choices.contains(where: { $0.scenario.id == Coach.scenarioID }) {
            put(2, y + 5, "New to the game? Press t for a guided first game (the tutorial).", .key, maxWidth: width - 4)
        }
        footer("Tab/↑↓ move · Space human · ←→ change · s start · t tutorial · l load · q quit")
        if app.setup.field == .saves { drawSaves() }
    }

    /// The list of saved games, over the setup screen.
    mutating func drawSaves() {
        let w = min(width - 4, 76)
        let x = (width - w) / 2
        let visible = min(app.savedGames.count, height - 8)
        let h = visible + 4
        let y = max(1, (height - h) / 2)
        screen.fill(x, y, w, h, " ", .plain)
        screen.box(x, y, w, h, title: "Load a saved game from \(app.saveFolder)", style: style(.bold))
        let first = max(0, min(app.setup.saveCursor - visible + 1, app.savedGames.count - visible))
        for (i, s) in app.savedGames.enumerated().dropFirst(first).prefix(visible) {
            let file = String(s.path.split(separator: "/").last ?? "")
            let name = file.hasSuffix(".json") ? String(file.dropLast(5)) : file
            let line = Widgets.fit(name, 34) + " " + Widgets.fit(s.turn, 8) + " " + Widgets.fit(s.delegations.joined(separator: ","), 10) + " " + s.date
            put(x + 1, y + 1 + i - first, i == app.setup.saveCursor ? "▸" : " ", .bold)
            screen.markListItem(y + 1 + i - first)
            put(x + 2, y + 1 + i - first, Widgets.fit(line, w - 4), i == app.setup.saveCursor ? Style(reverse: true) : .plain)
        }
        put(x + 2, y + h - 2, "↑↓ choose · Enter load · Esc or Tab back", .dim)
    }

    mutating func drawBriefing(_ k: Int) {
        guard let game = app.game else { return }
        let b = app.humans[k]
        let def = game.scenario.blocs[b]
        header("Briefing — \(def.name) (secret: for your delegation only)", right: game.scenario.title)
        var lines: [String] = ["YOUR SECRET BRIEF — \(def.name.uppercased()) (\(def.doctrine.rawValue))"]
        lines += Widgets.wrap(def.briefing, width: width - 4)
        lines.append("")
        lines.append("YOUR OBJECTIVES")
        for o in def.objectives {
            let when = o.by.map { " by \(game.scenario.calendar.label($0))" } ?? " by the end"
            lines += Widgets.wrap("• \(ObjectiveText.shortText(o.text))\(when) — \(Int(o.points)) points\(o.secret ? " (secret)" : "")", width: width - 6).map { "  " + $0 }
        }
        lines.append("")
        lines.append("THE SITUATION (shared by all delegations)")
        lines += Widgets.wrap(game.scenario.briefing, width: width - 4)
        let visible = height - 4 - drawCoach(bottom: height - 2)
        let start = min(app.scroll, max(0, lines.count - visible))
        for (i, line) in lines.dropFirst(start).prefix(visible).enumerated() {
            let isHeading = line.hasPrefix("YOUR ") || line.hasPrefix("THE SITUATION")
            put(2, 2 + i, line, isHeading ? .title : .plain)
        }
        footer("Enter begin · ↑↓ scroll · q quit")
    }

    mutating func drawHandover(_ k: Int) {
        guard let game = app.game else { return }
        let name = game.scenario.blocs[app.humans[k]].name
        header("Entangled States — handover")
        let y = height / 2 - 2
        put(max(0, (width - 40) / 2), y, "Pass the keyboard to the delegation of", .plain)
        put(max(0, (width - Screen.displayWidth(name)) / 2), y + 2, name, .title)
        put(max(0, (width - 46) / 2), y + 4, "Everything is hidden until that delegation is", .dim)
        put(max(0, (width - 46) / 2), y + 5, "ready. Then press Enter.", .dim)
        footer("Enter continue · q quit")
    }

    // MARK: - Modals

    mutating func drawModal(_ modal: Modal) {
        let w = min(width - 4, 70)
        let x = (width - w) / 2
        func frame(_ h: Int, _ title: String) -> Int {
            let y = max(2, (height - h) / 2)
            screen.fill(x, y, w, h, " ", .plain)
            screen.box(x, y, w, h, title: title, style: style(.bold))
            return y
        }
        switch modal {
        case .confirmQuit:
            let y = frame(5, "Quit")
            put(x + 2, y + 1, app.isSeated ? "Leave the game? Your seat keeps its place; ssh in again with your code to come back."
                : app.game == nil || app.mode == .setup ? "Quit Entangled States?" : "Quit the game? Unsaved progress of this turn is lost.", .plain, maxWidth: w - 4)
            put(x + 2, y + 3, "y yes · n no", .key)
        case .confirmEndTurn where app.seat == .facilitator:
            let y = frame(6, app.released ? "Hold the turn" : "Release the turn")
            put(x + 2, y + 1, app.released ? "Hold the turn? It waits until you release it again." : "Release the turn? It resolves once every delegation has ended its turn.", .plain, maxWidth: w - 4)
            put(x + 2, y + 2, "\(app.facilitatorQueue.count) facilitator action\(app.facilitatorQueue.count == 1 ? "" : "s") will be logged with the orders.", .dim, maxWidth: w - 4)
            put(x + 2, y + 4, "y yes · n no", .key)
        case .confirmEndTurn where app.sealed:
            let y = frame(5, "Unseal your orders")
            put(x + 2, y + 1, "Unseal your orders to change them? The turn waits for you to seal them again.", .plain, maxWidth: w - 4)
            put(x + 2, y + 3, "y yes · n no", .key)
        case .confirmEndTurn where app.mode == .facilitating:
            let y = frame(7, "End the facilitator's turn")
            let n = app.facilitatorQueue.count
            put(x + 2, y + 1, "End the facilitator's turn and resolve the turn?", .plain, maxWidth: w - 4)
            put(x + 2, y + 2, "\(n) facilitator action\(n == 1 ? "" : "s") will be logged with the orders.", .dim, maxWidth: w - 4)
            put(x + 2, y + 3, app.humans.isEmpty ? "The computer plays every bloc." : "Then the first delegation takes the keyboard.", .dim, maxWidth: w - 4)
            put(x + 2, y + 5, "y yes · n no", .key)
        case .confirmDisclose:
            guard let g = app.game, let me = app.currentBloc else { return }
            let cost = DisclosureCost(scenario: g.scenario, state: g.state, bloc: me)
            let text = "Announce your CRQC to the world? Every other bloc loses \(Widgets.number(cost.trustWithEach)) trust in you, world tension rises by \(Widgets.number(cost.tension)), and every other bloc scrambles to migrate; you gain \(Widgets.number(cost.influencePoints)) influence points. It cannot be taken back once the turn resolves."
            let lines = Widgets.wrap(text, width: w - 4)
            let y = frame(lines.count + 4, "Disclose your CRQC")
            for (i, l) in lines.enumerated() { put(x + 2, y + 1 + i, l) }
            put(x + 2, y + lines.count + 2, "y disclose · n keep it secret", .key)
        case .confirmRewind(let turn):
            let label = app.game.map { $0.scenario.calendar.label(turn) } ?? "?"
            let lines = Widgets.wrap("Rewind to the start of \(label) (turn \(turn + 1))? Turns after it leave this game; the save you came from keeps them, and the next save is a branch that records where it came from.", width: w - 4)
            let y = frame(lines.count + 4, "Rewind and branch")
            for (i, l) in lines.enumerated() { put(x + 2, y + 1 + i, l) }
            put(x + 2, y + lines.count + 2, "y yes · n no", .key)
        case .confirmEndTurn:
            let orders = app.pendingOrders
            // What ending now would drop or decide, one warning per line (wrapped).
            let warnings = app.endTurnWarnings.flatMap { Widgets.wrap("! " + $0, width: w - 4) }
            let y = frame(7 + warnings.count, "End your orders")
            put(x + 2, y + 1, "End \(app.currentBloc.map { possessive(app.game!.scenario.blocs[$0].name) } ?? "your") orders for this turn?", .plain, maxWidth: w - 4)
            put(x + 2, y + 2, "You have \(orders.count) order\(orders.count == 1 ? "" : "s") (see o).", .dim, maxWidth: w - 4)
            for (i, line) in warnings.enumerated() { put(x + 2, y + 3 + i, line, .warn, maxWidth: w - 4) }
            let last = app.currentHuman.map { $0 == app.humans.count - 1 } ?? true
            put(x + 2, y + 3 + warnings.count, app.isSeated ? "Your orders are sealed; the turn resolves when every delegation has ended its turn."
                : last ? (app.facilitatorSeat ? "Then the facilitator takes the keyboard." : "Then the turn is resolved.") : "Then the next delegation takes the keyboard.", .dim, maxWidth: w - 4)
            put(x + 2, y + 5 + warnings.count, "y yes · n no", .key)
        case .prompt(let p):
            drawPrompt(p, x: x, w: w)
        case .pick(let p):
            let lines = Widgets.wrap(p.question, width: w - 4)
            let detail = p.details.indices.contains(p.selected) ? Array(Widgets.wrap(p.details[p.selected], width: w - 4).prefix(5)) : []
            let extra = detail.isEmpty ? 0 : detail.count + 1
            let visible = max(1, min(p.options.count, height - lines.count - 8 - extra))
            let y = frame(lines.count + visible + 4 + extra, "Choose")
            for (i, l) in lines.enumerated() { put(x + 2, y + 1 + i, l) }
            let first = max(0, min(p.selected - visible + 1, p.options.count - visible))
            for (i, o) in p.options.enumerated().dropFirst(first).prefix(visible) {
                let sel = i == p.selected
                let tick = p.checked.map { $0.indices.contains(i) && $0[i] ? "◼ " : "◻ " } ?? ""
                // Numbers are right-aligned so that option 10 lines up with option 9.
                let number = String(i + 1)
                let pad = String(repeating: " ", count: max(0, String(p.options.count).count - number.count))
                put(x + 2, y + lines.count + 1 + i - first, Widgets.fit((sel ? "▶ " : "  ") + tick + pad + number + ") " + o, w - 4), sel ? Style(reverse: true) : .plain)
            }
            for (i, l) in detail.enumerated() { put(x + 2, y + lines.count + visible + 2 + i, l, .dim) }
            put(x + 2, y + lines.count + visible + 2 + extra, (p.checked == nil ? "↑↓ choose · Enter confirm · " : "↑↓ move · Space tick · Enter confirm · ") + (app.canStepBack ? "Esc back a step" : "Esc cancel"), .dim)
        case .draft(let d):
            drawDraft(d, x: x, w: w)
        }
    }
}

extension Renderer {
    /// The room's status line: who is still playing ("US ✔ EU … JP ✔"), and this seat's state.
    mutating func drawRoomStatus(y: Int) {
        let mine = app.seat == .facilitator ? (app.released ? "you released the turn" : "e releases the turn")
            : app.sealed ? "your orders are sealed (e unseals)" : "playing"
        let line = "Room: " + app.roomStatusLine
        put(0, y, Widgets.fit(line, width), .bold)
        let right = " │ " + mine
        if Screen.displayWidth(line) + Screen.displayWidth(right) <= width {
            put(Screen.displayWidth(line), y, right, app.sealed || app.released ? .good : .dim)
        }
    }
}

struct Rect {
    var x: Int, y: Int, w: Int, h: Int
}
