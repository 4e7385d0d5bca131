import GameCore
import Strategy

/// Side effects the terminal layer carries out after an update.
public enum AppEffect: Hashable, Sendable {
    /// A turn was resolved (the caller autosaves).
    case turnResolved
    /// The delegation asked to save under this name.
    case save(name: String)
    /// The setup screen asked to load this save file.
    case load(path: String)
    /// The facilitator rewound the game to the start of this turn (0-based); `rewoundFrom` holds the
    /// game before it, which the caller saves as the branch's parent.
    case rewound(turn: Int)
    case quit
}

extension AppState {
    /// Applies one key press made in a window of `width`×`height`. While the window is too small
    /// to show the game, keys are not acted on: the player cannot see what they would do (the
    /// screen only asks for a larger window). Timer ticks, resizes and Ctrl-C still count (a second
    /// Ctrl-C quits, so a player who cannot enlarge the window can still leave).
    @discardableResult
    public mutating func update(_ key: Key, width: Int, height: Int) -> [AppEffect] {
        if width < AppState.minimumWidth || height < AppState.minimumHeight {
            switch key {
            case .tick, .resize, .interrupt: break
            default: return []
            }
        }
        return update(key)
    }

    /// Applies one key press. Pure: the same state and key always give the same result.
    @discardableResult
    public mutating func update(_ key: Key) -> [AppEffect] {
        // The tutorial's coach: N goes to its next step; after any key it moves past what is done.
        if key == .char("N"), let c = coach, modal == nil, currentHuman != nil {
            message = nil
            if c.step >= Coach.steps.count - 1 {
                coach = nil
                message = "The tutorial is over; the game goes on. ? lists every key."
            } else {
                coach?.step += 1
            }
            return []
        }
        let effects = apply(key)
        if var c = coach {
            c.advance(self)
            coach = c
        }
        return effects
    }

    /// `update` without the coach.
    private mutating func apply(_ key: Key) -> [AppEffect] {
        if case .tick(let now) = key { return tick(now) }
        message = nil
        if key == .resize { return [] }
        // F1 is help, as ? is (outside dialogs, where ? is typed).
        if key == .function(1) && modal == nil { return update(.char("?")) }
        if key == .interrupt {
            if modal == .confirmQuit { modal = nil; modalBeforeQuit = nil; shouldQuit = true; return [.quit] }
            modalBeforeQuit = modal
            modal = .confirmQuit
            return []
        }
        if modal == nil { dialogSteps = []; dialogAhead = [] }     // a dialog opened now starts afresh
        if let modal {
            return updateModal(modal, key)
        }
        switch mode {
        case .setup: return updateSetup(key)
        case .briefing(let k):
            switch key {
            case .enter, .char(" "):
                mode = .playing(k)
                screen = game.map { $0.state.turn == 0 } == true ? .dashboard : .report
                scroll = 0
            case .down: scroll += 1
            case .up: scroll = max(0, scroll - 1)
            case .pageDown: scroll += 20
            case .pageUp: scroll = max(0, scroll - 20)
            case .char("q"): modal = .confirmQuit
            default: break
            }
            return []
        case .facilitatorHandover:
            if key == .enter || key == .char(" ") {
                mode = .facilitating
                screen = .facilitator
                cursor = [:]
                scroll = 0
            } else if key == .char("q") { modal = .confirmQuit }
            return []
        case .facilitating:
            return updateFacilitating(key)
        case .handover(let k):
            if key == .enter || key == .char(" ") {
                mode = game?.state.turn == 0 ? .briefing(k) : .playing(k)
                screen = game?.state.turn == 0 ? .dashboard : .report
                cursor = [:]
                scroll = 0
            } else if key == .char("q") { modal = .confirmQuit }
            return []
        case .gameOver where isFacilitatorView:
            return updateFacilitating(key)
        case .gameOver where key == .char("f") && facilitatorSeat && !isSeated:
            debriefByFacilitator = true
            screen = .report
            scroll = 0
            return []
        case .playing, .gameOver:
            return updatePlaying(key)
        case .projecting:
            return updateProjector(key)
        }
    }

    // MARK: - Setup

    private mutating func updateSetup(_ key: Key) -> [AppEffect] {
        guard !choices.isEmpty else {
            if key == .char("q") || key == .escape { shouldQuit = true; return [.quit] }
            return []
        }
        let scenario = choices[setup.scenarioIndex].scenario
        switch key {
        case .tab:
            setup.field = nextField(+1)
        case .down where setup.field != .seats && setup.field != .saves:
            setup.field = nextField(+1)
        case .backTab:
            setup.field = nextField(-1)
        case .up where setup.field != .seats && setup.field != .saves:
            setup.field = nextField(-1)
        case .up where setup.field == .saves:
            if setup.saveCursor > 0 { setup.saveCursor -= 1 } else { setup.field = .start }
        case .down where setup.field == .saves:
            setup.saveCursor = min(savedGames.count - 1, setup.saveCursor + 1)
        case .enter where setup.field == .saves:
            guard savedGames.indices.contains(setup.saveCursor) else { return [] }
            return [.load(path: savedGames[setup.saveCursor].path)]
        case .up:
            if setup.seatCursor > 0 { setup.seatCursor -= 1 } else { setup.field = .scenario }
        case .down:
            if setup.seatCursor < scenario.blocs.count - 1 { setup.seatCursor += 1 } else { setup.field = .facilitator }
        case .left, .right:
            let step = key == .right ? 1 : -1
            switch setup.field {
            case .scenario, .seats:
                // The screen opens on the seats: ←→ there changes the scenario, as on its own line.
                let i = (setup.scenarioIndex + step + choices.count) % choices.count
                selectScenario(i)
            case .level:
                let all = AILevel.allCases
                let i = (all.firstIndex(of: setup.level)! + step + all.count) % all.count
                setup.level = all[i]
            case .seed:
                setup.seed = step > 0 ? setup.seed &+ 1 : setup.seed &- 1
            case .facilitator:
                setup.facilitator.toggle()
            case .timer:
                setup.turnMinutes = SetupState.nextTimer(setup.turnMinutes, step)
            default: break
            }
        case .char(" "), .enter:
            switch setup.field {
            case .seats where key == .char(" ") || key == .enter:
                setup.human[setup.seatCursor].toggle()
            case .facilitator:
                setup.facilitator.toggle()
            case .seed:
                modal = .prompt(Prompt(purpose: .seed, question: "Seed (a whole number; the same seed gives the same game):", text: String(setup.seed)))
            case .start:
                return startGame()
            case .scenario where key == .enter:
                setup.field = .seats
            case .level where key == .enter, .timer where key == .enter:
                setup.field = .start
            default: break
            }
        case .char("h"):
            if setup.field == .seats { setup.human[setup.seatCursor] = true }
        case .char("a"):
            if setup.field == .seats { setup.human[setup.seatCursor] = false }
        case .char("s"):
            return startGame()
        case .char("t"):
            if let problem = startTutorial() { setup.error = problem }
        case .char("l"):
            if savedGames.isEmpty { setup.error = "There are no saved games in \(saveFolder)." }
            else { setup.field = .saves }
        case .escape where setup.field == .saves:
            setup.field = .start
        case .char("q"), .escape:
            modal = .confirmQuit
        case .char("?"):
            message = "Tab moves between fields; Space makes a bloc human or computer, or seats a facilitator; s starts the game; t starts a guided first game."
        default:
            break
        }
        return []
    }

    /// The next setup field, skipping the saves list when there are none.
    private func nextField(_ step: Int) -> SetupState.Field {
        let fields = SetupState.Field.allCases.filter { $0 != .saves || !savedGames.isEmpty }
        let i = fields.firstIndex(of: setup.field) ?? 0
        return fields[(i + step + fields.count) % fields.count]
    }

    /// Continues a loaded game: the same human delegations take their seats.
    public mutating func resume(game: Game, humans: [Int], level: AILevel, facilitator: Bool = false, message: String? = nil) {
        self.game = game
        self.humans = humans.isEmpty && !facilitator ? [0] : humans
        self.level = level
        facilitatorSeat = facilitator
        pending = [[Order]](repeating: [], count: self.humans.count)
        focusBloc = self.humans.first ?? 0
        modal = nil
        cursor = [:]
        scroll = 0
        facilitatorQueue = []
        filledIn = []
        resetTimer(game.state.timer)
        screen = .report
        if game.isOver { mode = .gameOver } else { startTurnSeats() }
        self.message = message
    }

    /// The first seat of a turn: the first delegation (behind a handover screen when anyone else
    /// shares the keyboard), or the facilitator when no delegation is human.
    mutating func startTurnSeats() {
        if humans.isEmpty {
            mode = .facilitating
            screen = .facilitator
        } else {
            mode = humans.count > 1 || facilitatorSeat ? .handover(0) : .playing(0)
        }
    }

    /// Starts the game with the seats chosen so far (used by `entangled play --human …`).
    public mutating func startWithSetup() { _ = startGame() }

    private mutating func startGame() -> [AppEffect] {
        let choice = choices[setup.scenarioIndex]
        let humans = setup.human.indices.filter { setup.human[$0] }
        guard !humans.isEmpty || setup.facilitator else {
            setup.error = "Choose at least one delegation to play (move to a bloc and press Space), or seat a facilitator."
            return []
        }
        self.game = Game(scenario: choice.scenario, seed: setup.seed)
        self.humans = humans
        self.level = setup.level
        facilitatorSeat = setup.facilitator
        facilitatorQueue = []
        filledIn = []
        resetTimer(nil)
        // A timer set before the first turn is logged with it, like one set from the console.
        if setup.turnMinutes > 0 {
            let t = TurnTimer(minutes: min(setup.turnMinutes, TurnTimer.maximumMinutes), atZero: .computerFillsIn)
            facilitatorQueue = [.timer(t)]
            resetTimer(t)
        }
        pending = [[Order]](repeating: [], count: humans.count)
        mode = .handover(0)
        if humans.count == 1 && !facilitatorSeat { mode = .briefing(0) }
        screen = .dashboard
        if humans.isEmpty { mode = .facilitating; screen = .facilitator }
        focusBloc = humans.first ?? 0
        return []
    }

    // MARK: - Playing

    private mutating func updatePlaying(_ key: Key) -> [AppEffect] {
        // Screen-specific keys first; then the global ones.
        if case .char(let c) = key, let target = ScreenID.allCases.first(where: { $0.key == c && $0 != .facilitator }), !screenCapturesLetters {
            if screen != target { previousScreen = screen }
            screen = target
            scroll = 0
            column = 0
            return []
        }
        switch key {
        case .escape:
            if screen != .dashboard { screen = .dashboard; scroll = 0 }
            return []
        case .tab:
            let order: [ScreenID] = [.dashboard, .objectives, .bloc, .budget, .pqc, .controls, .diplomacy, .intelligence, .messages, .dilemmas, .report, .charts]
            let i = order.firstIndex(of: screen) ?? -1
            screen = order[(i + 1) % order.count]
            scroll = 0; column = 0
            return []
        case .backTab:
            let order: [ScreenID] = [.dashboard, .objectives, .bloc, .budget, .pqc, .controls, .diplomacy, .intelligence, .messages, .dilemmas, .report, .charts]
            let i = order.firstIndex(of: screen) ?? 1
            screen = order[(i - 1 + order.count) % order.count]
            scroll = 0; column = 0
            return []
        case .char("q"):
            modal = .confirmQuit
            return []
        case .char("e"):
            if case .playing = mode { modal = .confirmEndTurn } else { message = "The game is over. Press q to quit." }
            return []
        case .char("s") where isSeated:
            message = "The host saves the game after every turn, and keeps your sealed orders as you seal them."
            return []
        case .char("s"):
            guard let g = game else { return [] }
            let label = g.state.turn < g.scenario.calendar.turnCount ? g.scenario.calendar.label(g.state.turn) : "end"
            modal = .prompt(Prompt(purpose: .saveName, question: "Save the game as (letters, digits and hyphens):", text: defaultSaveName(label)))
            return []
        default:
            break
        }
        if case .gameOver = mode {
            handleNavigation(key)
            return []
        }
        handleScreenKey(key)
        return []
    }

    /// Screens where letters are commands that would clash with screen keys (none yet: typing happens in prompts).
    var screenCapturesLetters: Bool { false }

    mutating func moveCursor(_ delta: Int, count: Int) {
        guard count > 0 else { cursor[screen] = 0; return }
        let r = row(screen) + delta
        cursor[screen] = max(0, min(count - 1, r))
    }

    private mutating func handleNavigation(_ key: Key) {
        switch key {
        case .up: moveCursor(-1, count: 10_000); scroll = max(0, scroll - 1)
        case .down: moveCursor(1, count: 10_000); scroll += 1
        case .pageUp: scroll = max(0, scroll - 20)
        case .pageDown: scroll += 20
        case .left: focusBloc = max(0, focusBloc - 1); chartIndicator = max(0, chartIndicator - (screen == .charts ? 1 : 0))
        case .right: if let g = game { focusBloc = min(g.scenario.blocs.count - 1, focusBloc + 1) }
        default: break
        }
    }

    // MARK: - Orders

    /// Adds an order for the current delegation, replacing an earlier one of the same kind where only one makes sense.
    mutating func give(_ order: Order, _ note: String) {
        guard let k = currentHuman else { return }
        if ordersSealed { message = AppState.sealedSentence; return }
        // One order of these kinds counts per turn: a new one replaces the last (and says so).
        let exclusive = ["allocate", "standard", "decrypt", "budget"]
        let already = pending[k].contains(order)
        var replaced = false
        if exclusive.contains(order.kind) && !already {
            replaced = pending[k].contains { $0.kind == order.kind }
            pending[k].removeAll { $0.kind == order.kind }
        }
        if !already { pending[k].append(order) }
        // In a room a message is delivered at once; it is still an order of this turn in the log.
        if !already, case .delegation = seat, case .message(let to, let text) = order, let g = game, let b = g.scenario.blocIndex(to) {
            seatOutbox.append(.messageSent(to: b, text: text))
        }
        let cost = pending[k].reduce(0) { $0 + $1.capitalCost }
        let available = view?.me?.capital ?? 0
        message = (already ? "Already in your orders (o lists them): " : "") + note
            + (replaced ? " It replaces your earlier order of this kind." : "")
            + (cost > available + 1e-9 ? " Warning: your orders cost \(Widgets.number(cost)) political capital and you have \(Widgets.number(available)); some will fail." : "")
    }

    public var pendingOrders: [Order] {
        guard let k = currentHuman, pending.indices.contains(k) else { return [] }
        return pending[k]
    }

    /// For each pending order, whether the capital held now pays for it when the resolver reaches it.
    public var affordableOrders: [Bool] {
        Order.affordable(pendingOrders, capital: view?.me?.capital ?? 0)
    }

    /// Political capital left once the queued orders the capital pays for are paid.
    public var capitalAfterOrders: Double? {
        guard let capital = view?.me?.capital else { return nil }
        let orders = pendingOrders
        var spent = 0.0
        for (k, paid) in Order.affordable(orders, capital: capital).enumerated() where paid { spent += orders[k].capitalCost }
        return capital - spent
    }

    /// The budget split this delegation has ordered this turn, if any (the last one counts).
    public var orderedAllocation: [Double]? {
        for order in pendingOrders.reversed() { if case .allocate(let shares) = order { return shares } }
        return nil
    }

    /// Ends the current delegation's orders; after the last one the facilitator takes its seat
    /// (when there is one), and after that the turn is resolved.
    mutating func endOrders() -> [AppEffect] {
        if isSeated { endSeatTurn(); return [] }
        switch mode {
        case .playing(let k):
            if k + 1 < humans.count {
                mode = .handover(k + 1)
                return []
            }
            if facilitatorSeat {
                mode = .facilitatorHandover
                return []
            }
        case .facilitating: break
        default: return []
        }
        return resolveTurn()
    }

    /// Resolves the turn with the computer players' orders, the delegations' and the facilitator's.
    mutating func resolveTurn() -> [AppEffect] {
        guard var game else { return [] }
        var commands = Autoplay.computerCommands(game, level: level, humans: humans)
        for (i, b) in humans.enumerated() {
            // The computer's orders (at zero) are of kinds the delegation did not give, so they are told apart exactly.
            let byComputer = filledIn.indices.contains(i) ? filledIn[i] : []
            commands += ComputerFillIn.commands(bloc: game.scenario.blocs[b].id, own: pending[i].filter { !byComputer.contains($0) }, byComputer: byComputer)
        }
        commands += facilitatorQueue.map { Command.facilitator($0) }
        // Each delegation's Q-Day clock as it read it, so the report can say how and why it moved.
        clockBefore = humans.map { b in
            QDayText.reading(game.state.view(for: .bloc(b), scenario: game.scenario, seed: game.seed, history: false, records: false), game.scenario)
        }
        game.resolve(commands)
        self.game = game
        pending = [[Order]](repeating: [], count: humans.count)
        filledIn = []
        facilitatorQueue = []
        resetTimer(game.state.timer)
        draftAllocation = nil
        cursor = [:]
        scroll = 0
        modal = nil
        if game.isOver {
            mode = .gameOver
            screen = .report
        } else {
            startTurnSeats()
            if !humans.isEmpty { screen = .report }
        }
        return [.turnResolved]
    }
}

extension AppState {
    /// What ending the current delegation's orders now would drop or decide for it: an unordered
    /// budget draft, proposals it has not answered, dilemmas it has not chosen. One sentence each.
    var endTurnWarnings: [String] {
        guard let g = game, let me = currentBloc, let v = view else { return [] }
        var out: [String] = []
        if draftAllocation != nil {
            out.append("Your budget draft is not ordered and will be dropped (Enter on the budget screen orders it).")
        }
        var answered = Set<Int>(), chosen = Set<Int>()
        for order in pendingOrders {
            if case .respondTreaty(let id, _) = order { answered.insert(id) }
            if case .chooseDilemma(let id, _) = order { chosen.insert(id) }
        }
        let expiry = g.scenario.rules[.proposalExpiryTurns]
        var waiting = 0, failing = 0
        for row in v.treaties where row.treaty.status == .proposed && !answered.contains(row.treaty.id) {
            guard let k = row.treaty.parties.firstIndex(of: me), row.treaty.answers[k] == .pending else { continue }
            waiting += 1
            if Double(g.state.turn - row.treaty.proposedTurn) >= expiry { failing += 1 }
        }
        if waiting > 0 {
            let fails = failing == 0 ? "" : (failing == waiting ? (waiting == 1 ? "; unanswered, it fails this turn" : "; unanswered, they fail this turn")
                                                                : "; \(failing) of them fail\(failing == 1 ? "s" : "") this turn if unanswered")
            out.append("\(waiting) proposal\(waiting == 1 ? " waits" : "s wait") for your answer (Diplomacy: a accepts, r rejects)\(fails).")
        }
        let paid = affordableOrders
        let unpaid = pendingOrders.indices.filter { !paid[$0] }
        if !unpaid.isEmpty {
            let names = unpaid.map { OrderText.describe(pendingOrders[$0], g.scenario, g.state) }
            out.append("Your orders need more political capital than your \(Widgets.number(v.me?.capital ?? 0)); \(unpaid.count == 1 ? "this one fails" : "these \(unpaid.count) fail"): " + names.joined(separator: "; ") + ".")
        }
        out += ObjectiveText.warnings(g, viewer: me, me: v.me)
        let open = v.dilemmas.filter { !chosen.contains($0.id) && $0.posedTurn < g.state.turn }.count
        if open > 0 {
            out.append("\(open) dilemma\(open == 1 ? " is" : "s are") not chosen: \(open == 1 ? "its" : "each one's") last option will be taken.")
        }
        return out
    }
}
