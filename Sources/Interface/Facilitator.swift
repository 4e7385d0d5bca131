import GameCore
import ScenarioFormat
import Strategy

/// The facilitator's seat (DESIGN §7b): keys, the console's actions and the turn timer. Every
/// action becomes a `FacilitatorAction` queued for this turn and logged when the turn resolves.
extension AppState {
    /// Screens the facilitator can open: the console and the screens that read the whole world.
    static let facilitatorScreens: [ScreenID] = [.facilitator, .dashboard, .bloc, .report, .charts]

    mutating func updateFacilitating(_ key: Key) -> [AppEffect] {
        guard let g = game else { return [] }
        if case .char(let c) = key, let target = ScreenID.allCases.first(where: { $0.key == c }) {
            if AppState.facilitatorScreens.contains(target) || target == .help {
                if screen != target { previousScreen = screen }
                screen = target
                scroll = 0
            } else {
                message = "That screen belongs to a delegation; the facilitator has f console, 1 world, 2 bloc, 0 report and c charts."
            }
            return []
        }
        switch key {
        case .escape:
            if screen != .facilitator { screen = .facilitator; scroll = 0 }
            return []
        case .tab, .backTab:
            let order = AppState.facilitatorScreens
            let i = order.firstIndex(of: screen) ?? 0
            screen = order[(i + (key == .tab ? 1 : order.count - 1)) % order.count]
            scroll = 0
            return []
        case .char("q"):
            modal = .confirmQuit
            return []
        case .char("e"):
            if g.isOver { message = "The game is over: 0 shows the outcome, q quits." } else { modal = .confirmEndTurn }
            return []
        case .char("s"):
            let label = g.state.turn < g.scenario.calendar.turnCount ? g.scenario.calendar.label(g.state.turn) : "end"
            modal = .prompt(Prompt(purpose: .saveName, question: "Save the game as (letters, digits and hyphens):", text: defaultSaveName(label)))
            return []
        default:
            break
        }
        if browseBlocs(key, count: g.scenario.blocs.count) { return [] }
        switch screen {
        case .facilitator: consoleKey(key, g)
        case .dashboard, .bloc:
            break
        case .charts:
            switch key {
            case .up: chartIndicator = max(0, chartIndicator - 1)
            case .down: chartIndicator = min(ChartIndicator.all(g.scenario).count - 1, chartIndicator + 1)
            case .left: focusBloc = max(0, focusBloc - 1)
            case .right: focusBloc = min(g.scenario.blocs.count - 1, focusBloc + 1)
            default: break
            }
        default:
            switch key {
            case .up: scroll = max(0, scroll - 1)
            case .down: scroll += 1
            case .pageUp: scroll = max(0, scroll - 20)
            case .pageDown: scroll += 20
            default: break
            }
        }
        return []
    }

    /// The default name of a manual save; a rewound game's saves are marked as a branch so they
    /// never take the name of the save it came from.
    func defaultSaveName(_ label: String) -> String {
        guard let g = game else { return label }
        return "\(g.scenario.id)-\(label)" + (isBranch ? "-branch" : "")
    }

    // MARK: - Console keys

    private mutating func consoleKey(_ key: Key, _ g: Game) {
        if isSeated && roomConsoleKey(key, g) { return }
        switch key {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - 20)
        case .pageDown: scroll += 20
        case .char("i"):
            guard !g.scenario.injects.isEmpty else { message = "This scenario has no inject deck; n writes a custom event instead."; return }
            let used = usedInjects()
            modal = .pick(Picker(purpose: .injectCard, question: "Inject a card from the deck (✔ = played before; it fires when the turn is resolved):",
                                 options: g.scenario.injects.map { (used.contains($0.id) ? "✔ " : "  ") + $0.title },
                                 selected: 0, details: g.scenario.injects.map { InjectPreview.describe($0, g.scenario) }))
        case .char("k"):
            offerRunSheet()
        case .char("n"):
            modal = .prompt(.eventTitle())
        case .char("r"):
            let actions = rulableActions() + ruledThisTurn()
            guard !actions.isEmpty else {
                message = isSeated && roomStatus.contains(where: { $0.label != "FACILITATOR" && !$0.done })
                    ? "No free-text action is waiting for a ruling yet; this turn's are ruled on once every delegation has sealed."
                    : "No free-text action is waiting for a ruling."
                return
            }
            modal = .pick(Picker(purpose: .rulingAction(ids: actions.map(\.id), blocs: actions.map(\.bloc)),
                                 question: "Rule on which action?",
                                 options: actions.map { a in
                                     "#\(a.id) \(g.scenario.blocs[a.bloc].id): \(a.text)" + (queuedRuling(a.id).map { " — ruled: \($0.accept ? "accepted" : "rejected"), change or withdraw" } ?? "")
                                 },
                                 selected: 0, details: actions.map { "\(g.scenario.blocs[$0.bloc].name)\($0.thisTurn ? " (this turn)" : ""): “\($0.text)” — intended effect: \($0.intent.isEmpty ? "not given" : $0.intent)" }))
        case .char("a"):
            modal = .pick(Picker(purpose: .adjustTarget, question: "Adjust a value of:",
                                 options: ["The world (tension, CRQC threshold)"] + g.scenario.blocs.map { "\($0.id) — \($0.name)" } + ["Type any effect in the expression language"],
                                 selected: 0))
        case .char("v"):
            let secrets = revealableSecrets(g)
            guard !secrets.isEmpty else { message = "There is no secret to reveal yet: no CRQC, harvest, violation or secret objective."; return }
            modal = .pick(Picker(purpose: .revealSecret(secrets.map(\.secret)), question: "Reveal which secret?",
                                 options: secrets.map(\.label), selected: 0))
        case .char("t"):
            modal = .pick(Picker(purpose: .timerAction, question: "Turn timer" + (timer.map { " (now \($0.minutes) min, \($0.paused ? "paused" : "running"))" } ?? ""),
                                 options: timerOptions(), selected: 0))
        case .char("b"):
            let labels = (0...min(g.log.count, g.scenario.calendar.turnCount - 1)).map { i in
                "Start of turn \(i + 1), \(g.scenario.calendar.label(i))" + (i == g.state.turn ? " (this turn: clears its orders)" : "")
            }
            modal = .pick(Picker(purpose: .rewindTurn, question: "Rewind to the start of which turn? The game goes on from there as a branch.",
                                 options: labels, selected: max(0, labels.count - 2)))
        case .char("u"), .delete, .backspace:
            guard let last = facilitatorQueue.popLast() else { message = "No facilitator action this turn to take back."; return }
            if case .timer = last { timer = lastQueuedTimer() ?? game?.state.timer }
            unfireRunSheet(last)
            message = "Taken back: \(FacilitatorText.describe(last, g.scenario))."
        default:
            break
        }
    }

    /// The ruling queued this turn on action `id`, if any.
    func queuedRuling(_ id: Int) -> (accept: Bool, effects: [Effect], reason: String)? {
        for a in facilitatorQueue.reversed() {
            if case .ruling(let action, let accept, let effects, let reason) = a, action == id { return (accept, effects, reason) }
        }
        return nil
    }

    /// Actions ruled on in this turn's queue: the ruling can still be changed or withdrawn until the turn resolves.
    func ruledThisTurn() -> [RulableAction] {
        guard let g = game else { return [] }
        var ids: [Int] = []
        for a in facilitatorQueue { if case .ruling(let id, _, _, _) = a, !ids.contains(id) { ids.append(id) } }
        var out: [RulableAction] = []
        for id in ids {
            if let f = g.state.freeActions.first(where: { $0.id == id && $0.status == .pending }) {
                out.append(RulableAction(id: id, bloc: f.bloc, text: f.text, intent: f.intent, thisTurn: false))
                continue
            }
            // This turn's own actions get their numbers from the order the resolver will give them.
            var next = g.state.nextActionID
            for b in humans.sorted() {
                guard let k = humans.firstIndex(of: b), pending.indices.contains(k) else { continue }
                for order in pending[k] {
                    guard case .freeAction(let text, let intent) = order else { continue }
                    if next == id { out.append(RulableAction(id: id, bloc: b, text: text, intent: intent, thisTurn: true)) }
                    next += 1
                }
            }
        }
        return out
    }

    /// Queues a ruling in place of any earlier ruling on the same action this turn.
    mutating func queueRuling(_ id: Int, accept: Bool, effects: [Effect], reason: String) {
        let replaced = queuedRuling(id) != nil
        facilitatorQueue.removeAll { if case .ruling(let a, _, _, _) = $0 { return a == id }; return false }
        let how = accept ? "accepted" : effects.isEmpty ? "rejected" : "rejected, with consequences"
        queue(.ruling(action: id, accept: accept, effects: effects, reason: reason),
              "Ruling on #\(id)\(replaced ? " changed" : ""): \(how); it takes effect when the turn is resolved.")
    }

    /// The timer the queue leaves in force (the last timer action), if any is queued.
    private func lastQueuedTimer() -> TurnTimer?? {
        for a in facilitatorQueue.reversed() { if case .timer(let t) = a { return .some(t) } }
        return nil
    }

    func timerOptions() -> [String] {
        guard let timer else { return ["Set a turn timer"] }
        return ["Set a new turn timer", timer.paused ? "Resume the timer" : "Pause the timer", "Clear the timer"]
    }

    /// Ids of inject cards already played in this game (logged turns and this turn's queue).
    func usedInjects() -> Set<String> {
        var used = Set<String>()
        for turn in game?.log ?? [] { for c in turn { if case .facilitator(.inject(let id)) = c { used.insert(id) } } }
        for a in facilitatorQueue { if case .inject(let id) = a { used.insert(id) } }
        return used
    }

    /// A free-text action the facilitator can rule on.
    struct RulableAction { var id: Int; var bloc: Int; var text: String; var intent: String; var thisTurn: Bool }

    /// Actions awaiting a ruling: pending ones from earlier turns, then those submitted this turn,
    /// with the id the resolver will give them (it numbers them in bloc order, then order given,
    /// in the diplomacy phase, before rulings are applied in the events phase). Actions already
    /// ruled on in this turn's queue are left out.
    func rulableActions() -> [RulableAction] {
        guard let g = game else { return [] }
        var ruled = Set<Int>()
        for a in facilitatorQueue { if case .ruling(let id, _, _, _) = a { ruled.insert(id) } }
        var out = g.state.freeActions.filter { $0.status == .pending && !ruled.contains($0.id) }
            .map { RulableAction(id: $0.id, bloc: $0.bloc, text: $0.text, intent: $0.intent, thisTurn: false) }
        // In a room, this turn's actions are numbered only once every delegation has sealed: a
        // delegation still playing could add one before them and shift every number after it.
        if isSeated && roomStatus.contains(where: { $0.label != "FACILITATOR" && !$0.done }) { return out }
        var next = g.state.nextActionID
        for b in humans.sorted() {
            guard let k = humans.firstIndex(of: b), pending.indices.contains(k) else { continue }
            for order in pending[k] {
                guard case .freeAction(let text, let intent) = order else { continue }
                if !ruled.contains(next) { out.append(RulableAction(id: next, bloc: b, text: text, intent: intent, thisTurn: true)) }
                next += 1
            }
        }
        return out
    }

    /// Every secret of the unfogged state, with a line describing it.
    func revealableSecrets(_ g: Game) -> [(secret: Secret, label: String)] {
        let s = g.state, sc = g.scenario
        var out: [(Secret, String)] = []
        for (b, bloc) in s.blocs.enumerated() where bloc.hasCRQC {
            out.append((.crqc(bloc: sc.blocs[b].id), "CRQC: \(sc.blocs[b].name) has one since \(sc.calendar.label(bloc.crqcTurn!))\(bloc.crqcPublic ? " (public)" : "")"))
        }
        var seen: [(Int, Int)] = []
        for op in s.harvests where !seen.contains(where: { $0 == (op.harvester, op.target) }) {
            seen.append((op.harvester, op.target))
            out.append((.harvest(by: sc.blocs[op.harvester].id, target: sc.blocs[op.target].id),
                        "Harvest: \(sc.blocs[op.harvester].name) harvests \(possessive(sc.blocs[op.target].name)) traffic\(op.active ? "" : " (stopped)")"))
        }
        for t in s.treaties {
            var blocs: [Int] = []
            for v in t.violations where !blocs.contains(v.bloc) {
                blocs.append(v.bloc)
                out.append((.violation(treaty: t.id, bloc: sc.blocs[v.bloc].id), "Violation: \(sc.blocs[v.bloc].name) breaks \(t.name)\(v.active ? "" : " (stopped)")"))
            }
        }
        for (b, def) in sc.blocs.enumerated() where def.objectives.contains(where: \.secret) {
            // Numbered when there are several: texts end with a full stop, so "; " read badly.
            let secrets = def.objectives.filter(\.secret).map(\.text)
            let list = secrets.count == 1 ? secrets[0] : secrets.enumerated().map { "(\($0.offset + 1)) \($0.element)" }.joined(separator: " ")
            out.append((.objectives(bloc: def.id), "Secret objectives of \(def.name): " + list))
            _ = b
        }
        return out.map { ($0.0, $0.1 + revealNote($0.0, g)) }
    }

    /// Who has been told a secret: each reveal logged in earlier turns (with its turn) and queued this turn.
    func reveals(of secret: Secret, _ g: Game) -> [(to: [String], turn: Int?)] {
        var out: [(to: [String], turn: Int?)] = []
        for (t, commands) in g.log.enumerated() {
            for c in commands { if case .facilitator(.reveal(let s, let to)) = c, s == secret { out.append((to, t)) } }
        }
        for a in facilitatorQueue { if case .reveal(let s, let to) = a, s == secret { out.append((to, nil)) } }
        return out
    }

    /// " — revealed to CN in 2029-Q4; to everyone this turn", or "" for a secret never revealed.
    func revealNote(_ secret: Secret, _ g: Game) -> String {
        let list = reveals(of: secret, g)
        guard !list.isEmpty else { return "" }
        let parts = list.map { r in
            (r.to.isEmpty ? "everyone" : r.to.joined(separator: ", ")) + (r.turn.map { " in \(g.scenario.calendar.label($0))" } ?? " this turn (queued)")
        }
        return " — revealed to " + parts.joined(separator: "; to ")
    }

    /// Blocs already told a secret (every bloc once it was revealed to everyone).
    func toldBlocs(_ secret: Secret, _ g: Game) -> [String] {
        var told: [String] = []
        for r in reveals(of: secret, g) {
            for id in r.to.isEmpty ? g.scenario.blocs.map(\.id) : r.to where !told.contains(id) { told.append(id) }
        }
        return told
    }

    // MARK: - Finishing the console's pickers and prompts

    /// Handles a facilitator picker; returns false when the purpose is not the console's.
    mutating func finishFacilitatorPick(_ picker: Picker) -> [AppEffect]? {
        guard let g = game else { return nil }
        if finishRoomPick(picker, g) { return [] }
        let sc = g.scenario
        switch picker.purpose {
        case .injectCard:
            let card = sc.injects[picker.selected]
            let again = usedInjects().contains(card.id)
            queue(.inject(id: card.id), "Inject “\(card.title)” fires when the turn is resolved" + (again ? " (it was played before)." : "."))
        case .rulingAction(let ids, let blocs):
            let id = ids[picker.selected], b = blocs[picker.selected]
            let earlier = queuedRuling(id)
            var options = ["Accept, with effects", "Reject", "Reject, with consequences"]
            if earlier != nil { options.append("Withdraw this turn's ruling (the action awaits a ruling again)") }
            let current = earlier.map { e in (e.accept ? 0 : e.effects.isEmpty ? 1 : 2) } ?? 0
            modal = .pick(Picker(purpose: .rulingDecision(action: id, bloc: b), question: "Ruling on #\(id) by \(picker.details[picker.selected])",
                                 options: options, selected: current))
        case .rulingDecision(let id, let b):
            // Changing a ruling offers what it said before.
            let earlier = queuedRuling(id)
            let earlierEffects = earlier.map { $0.effects.map(\.source).joined(separator: "; ") } ?? ""
            switch picker.selected {
            case 0:
                var p = Prompt.rulingEffects(action: id, bloc: b, scenario: sc)
                if earlier?.accept == true { p.text = earlierEffects }
                modal = .prompt(p)
            case 2:
                var p = Prompt.rejectionEffects(action: id, bloc: b, scenario: sc)
                if earlier?.accept == false { p.text = earlierEffects }
                modal = .prompt(p)
            case 3:
                facilitatorQueue.removeAll { if case .ruling(let a, _, _, _) = $0 { return a == id }; return false }
                message = "The ruling on #\(id) is withdrawn; the action awaits a ruling again."
            default:
                modal = .prompt(Prompt(purpose: .rulingReason(action: id, accept: false, effects: []),
                                       question: "Why is it rejected? \(sc.blocs[b].name) reads this reason (Tab: a template).", text: earlier?.reason ?? ""))
            }
        case .adjustTarget:
            if picker.selected == picker.options.count - 1 {
                modal = .prompt(.adjustEffect())
                return []
            }
            let bloc: Int? = picker.selected == 0 ? nil : picker.selected - 1
            let fields = adjustFields(bloc, g)
            modal = .pick(Picker(purpose: .adjustField(bloc: bloc), question: "Which value of \(bloc.map { sc.blocs[$0].name } ?? "the world")?",
                                 options: fields.map { "\($0.label) (now \(Widgets.number($0.value)))" }, selected: 0))
        case .adjustField(let bloc):
            let field = adjustFields(bloc, g)[picker.selected]
            modal = .prompt(Prompt(purpose: .adjustValue(path: field.path, label: field.label),
                                   question: "\(field.path) is \(Widgets.number(field.value)). The new value, or a change: +5, -5, *0.8.", text: ""))
        case .revealSecret(let secrets):
            let secret = secrets[picker.selected]
            let told = toldBlocs(secret, g)
            modal = .pick(Picker(purpose: .revealAudience(secret), question: "Reveal it to whom? Space ticks delegations; Enter reveals to those ticked, or to the highlighted line if none is.",
                                 options: ["Everyone"] + sc.blocs.map { "\($0.id) — \($0.name)" + (told.contains($0.id) ? " (already told)" : "") }, selected: 0,
                                 checked: [Bool](repeating: false, count: sc.blocs.count + 1)))
        case .revealAudience(let secret):
            var ticks = picker.checked ?? []
            // Nothing ticked: Enter means the highlighted line (row 0 is everyone), never the whole room by accident.
            if !ticks.contains(true), ticks.indices.contains(picker.selected) { ticks[picker.selected] = true }
            let chosen = ticks.count > 1 ? ticks.indices.dropFirst().filter { ticks[$0] }.map { sc.blocs[$0 - 1].id } : []
            let to = ticks.first == true ? [] : chosen
            queue(.reveal(secret: secret, to: to), "The secret is revealed to \(to.isEmpty ? "everyone" : to.joined(separator: ", ")) when the turn is resolved.")
        case .timerAction:
            let option = timerOptions()[picker.selected]
            if option.hasPrefix("Set") {
                modal = .prompt(Prompt(purpose: .timerMinutes, question: "Minutes per turn (1 to \(TurnTimer.maximumMinutes)):", text: String(timer?.minutes ?? 10)))
            } else if option.hasPrefix("Clear") {
                setTimer(nil, "The turn timer is cleared.")
            } else if var t = timer {
                t.paused.toggle()
                setTimer(t, t.paused ? "The turn timer is paused." : "The turn timer runs again.")
            }
        case .timerAtZero(let minutes):
            let atZero: TurnTimer.AtZero = picker.selected == 0 ? .wait : .computerFillsIn
            setTimer(TurnTimer(minutes: minutes, atZero: atZero), "Timer: \(minutes) min a turn from the next turn; at zero " +
                     (atZero == .wait ? "the turn waits." : "the computer fills in."))
            timerRemaining = Double(minutes * 60)
        case .rewindTurn:
            modal = .confirmRewind(picker.selected)
        case .runSheetEntry(let entry):
            decideRunSheet(entry, choice: picker.selected)
        default:
            return nil
        }
        return []
    }

    /// Handles a facilitator prompt; nil when the purpose is not the console's. Bad input keeps
    /// the prompt open with the text as typed and one sentence saying what is wrong.
    mutating func finishFacilitatorPrompt(_ prompt: Prompt) -> [AppEffect]? {
        guard let g = game else { return nil }
        let sc = g.scenario
        let text = prompt.text.trimmingCharacters()
        func retry(_ error: String) { var p = prompt; p.error = error; modal = .prompt(p) }
        switch prompt.purpose {
        case .addMinutes:
            guard let minutes = Int(text), minutes >= -TurnTimer.maximumMinutes, minutes <= TurnTimer.maximumMinutes, minutes != 0 else {
                retry("Type a whole number of minutes, such as 5 (or -5 to take time away).")
                return []
            }
            seatOutbox.append(.clock(.addMinutes(minutes)))
            message = minutes > 0 ? "\(minutes) minute\(minutes == 1 ? "" : "s") added to this turn." : "\(-minutes) minute\(minutes == -1 ? "" : "s") taken from this turn."
        case .eventTitle:
            guard !text.isEmpty else { retry("The event needs a title."); return [] }
            modal = .prompt(.eventText(title: text))
        case .eventText(let title):
            guard !text.isEmpty else { retry("The event needs a text: one or two sentences of news."); return [] }
            modal = .prompt(.eventEffects(title: title, text: text))
        case .eventEffects(let title, let eventText):
            switch parseEffects(text, allowsCurrent: false) {
            case .failure(let error): retry(error.message)
            case .success(let effects):
                if let warning = rangeWarning(effects), prompt.error != warning { retry(warning); return [] }
                queue(.customEvent(title: title, text: eventText, effects: effects), "Custom event “\(title)” happens when the turn is resolved.")
            }
        case .rulingEffects(let id, let bloc):
            switch parseEffects(text, allowsCurrent: true) {
            case .failure(let error): retry(error.message)
            case .success(let effects):
                if let warning = rangeWarning(effects, current: bloc), prompt.error != warning { retry(warning); return [] }
                modal = .prompt(Prompt(purpose: .rulingReason(action: id, accept: true, effects: effects),
                                       question: "The reason for the ruling (the delegation reads it; Tab: a template):", text: queuedRuling(id)?.reason ?? ""))
            }
        case .rejectionEffects(let id, let bloc):
            switch parseEffects(text, allowsCurrent: true) {
            case .failure(let error): retry(error.message)
            case .success(let effects):
                guard !effects.isEmpty else { retry("Type at least one consequence, e.g. self.support -= 3; or go back (Esc) and choose a plain rejection."); return [] }
                if let warning = rangeWarning(effects, current: bloc), prompt.error != warning { retry(warning); return [] }
                modal = .prompt(Prompt(purpose: .rulingReason(action: id, accept: false, effects: effects),
                                       question: "Why is it rejected, and why these consequences? \(sc.blocs[bloc].name) reads this reason (Tab: a template).",
                                       text: queuedRuling(id)?.reason ?? ""))
            }
        case .rulingReason(let id, let accept, let effects):
            guard !text.isEmpty else { retry("A ruling needs a reason: the delegation reads it."); return [] }
            queueRuling(id, accept: accept, effects: effects, reason: text)
        case .adjustValue(let path, _):
            var value = text
            var op = "="
            for candidate in ["+=", "-=", "*=", "=", "+", "-", "*"] where value.hasPrefix(candidate) {
                op = candidate.count == 1 && candidate != "=" ? candidate + "=" : candidate
                // "-5" alone means "minus 5", not "set to −5": a change, as the question says.
                value = String(value.dropFirst(candidate.count)).trimmingCharacters()
                break
            }
            guard !value.isEmpty else { retry("Type a number, such as 45, +5 or *0.8."); return [] }
            do {
                let effect = try ExpressionParser.parseEffect("\(path) \(op) \(value)", in: ExpressionContext(scenario: sc, allowsCurrent: false, allowsAll: true))
                if let warning = rangeWarning([effect]), prompt.error != warning { retry(warning); return [] }
                modal = .prompt(Prompt(purpose: .adjustReason(effect: effect), question: "Why \(effect.source)? (everyone reads the reason in the news)", text: ""))
            } catch {
                retry("“\(text)” is not a value for \(path): \(error.message)")
            }
        case .adjustEffect:
            guard !text.isEmpty else { retry("Type an effect, such as CN.support -= 5."); return [] }
            switch parseEffects(text, allowsCurrent: false) {
            case .failure(let error): retry(error.message)
            case .success(let effects):
                guard effects.count == 1 else { retry("Type one effect at a time; each adjustment has its own reason."); return [] }
                if let warning = rangeWarning(effects), prompt.error != warning { retry(warning); return [] }
                modal = .prompt(Prompt(purpose: .adjustReason(effect: effects[0]), question: "Why \(effects[0].source)? (everyone reads the reason in the news)", text: ""))
            }
        case .adjustReason(let effect):
            guard !text.isEmpty else { retry("An adjustment needs a reason: everyone reads it in the news."); return [] }
            queue(.adjust(effect: effect, reason: text), "Adjustment \(effect.source) takes effect at the start of the turn's resolution.")
        case .timerMinutes:
            guard let minutes = Int(text), minutes >= 1, minutes <= TurnTimer.maximumMinutes else {
                retry("A turn timer runs 1 to \(TurnTimer.maximumMinutes) minutes; “\(text)” is not one of them.")
                return []
            }
            modal = .pick(Picker(purpose: .timerAtZero(minutes: minutes), question: "When the \(minutes) minute\(minutes == 1 ? "" : "s") run\(minutes == 1 ? "s" : "") out:",
                                 options: ["The turn waits (the timer shows 00:00)", "The computer gives the orders of delegations still playing"], selected: 0))
        default:
            return nil
        }
        return []
    }

    /// Parses effects separated by semicolons, as typed. The error names the effect and the column
    /// in the whole text, in one sentence.
    func parseEffects(_ text: String, allowsCurrent: Bool) -> Result<[Effect], FacilitatorInputError> {
        guard let g = game else { return .success([]) }
        let context = ExpressionContext(scenario: g.scenario, allowsCurrent: allowsCurrent, allowsAll: true)
        var effects: [Effect] = []
        var offset = 0
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            defer { offset += part.count + 1 }
            let lead = part.prefix { $0 == " " }.count
            let source = String(part).trimmingCharacters()
            if source.isEmpty { continue }
            do {
                effects.append(try ExpressionParser.parseEffect(source, in: context))
            } catch {
                return .failure(FacilitatorInputError("“\(source)” at column \(offset + lead + error.column): \(error.message)"))
            }
        }
        return .success(effects)
    }

    /// The values the adjust picker offers for a bloc (or the world), with their paths and current values.
    func adjustFields(_ bloc: Int?, _ g: Game) -> [(label: String, path: String, value: Double)] {
        let sc = g.scenario
        guard let b = bloc else {
            return [("tension (0–100)", "world.tension", g.state.world.tension),
                    ("CRQC threshold (logical qubits)", "world.crqcLogicalQubits", g.state.world.crqcLogicalQubits)]
        }
        let id = sc.blocs[b].id
        let s = g.state.blocs[b]
        var out: [(String, String, Double)] = [
            ("domestic support", "support", s.support), ("political capital", "capital", s.capital), ("quantum budget (USD bn/yr)", "budget", s.budget),
            ("GDP (USD tn)", "gdp", s.gdp), ("logical qubits", "computing", s.computing), ("sensing", "sensing", s.sensing),
            ("QKD km", "qkdKm", s.qkdKm), ("specialists (thousand)", "workforce", s.workforce), ("SIGINT", "sigint", s.sigint),
            ("counter-intelligence", "counterintel", s.counterintel),
        ].map { ($0.0, "\(id).\($0.1)", $0.2) }
        for (k, sector) in sc.sectors.enumerated() { out.append(("PQC \(sector.name) (0–1)", "\(id).pqc.\(sector.id)", s.pqc[k])) }
        for (k, c) in sc.chokepoints.enumerated() { out.append(("supply \(c.name) (0–1)", "\(id).supply.\(c.id)", s.supply[k])) }
        for (o, other) in sc.blocs.enumerated() where o != b { out.append(("trust with \(other.id)", "trust(\(id), \(other.id))", g.state.trust(b, o))) }
        return out.map { (label: $0.0, path: $0.1, value: $0.2) }
    }

    /// A warning for effects that would take a value past the range the engine keeps it in (the
    /// value stops at the edge), judged on the current values; nil when every effect fits or its
    /// value is not a plain number. `current` is the bloc `self` stands for (rulings).
    func rangeWarning(_ effects: [Effect], current: Int? = nil) -> String? {
        guard let g = game else { return nil }
        func number(_ e: Expr) -> Double? {
            switch e {
            case .number(let x): return x
            case .unary(.negate, .number(let x)): return -x
            default: return nil
            }
        }
        func describe(_ r: ClosedRange<Double>) -> String {
            r.upperBound >= Double.greatestFiniteMagnitude ? "at least \(Widgets.number(r.lowerBound))"
                : "from \(Widgets.number(r.lowerBound)) to \(Widgets.number(r.upperBound))"
        }
        var notes: [String] = []
        for effect in effects {
            guard let v = number(effect.value) else { continue }
            var olds: [Double] = [], range: ClosedRange<Double>?, name = ""
            switch effect.target {
            case .bloc(let ref, let field):
                range = field.range
                name = effect.source.split(separator: " ").first.map(String.init) ?? ""
                let blocs: [Int]
                switch ref {
                case .bloc(let b): blocs = [b]
                case .current: blocs = current.map { [$0] } ?? []
                case .all: blocs = Array(g.state.blocs.indices)
                }
                olds = blocs.filter { g.state.blocs.indices.contains($0) }.map { g.state.blocs[$0].value(of: field) }
            case .world(let w):
                range = w.range
                name = "world.\(w.rawValue)"
                olds = [w == .tension ? g.state.world.tension : g.state.world.crqcLogicalQubits]
            case .trust:
                range = -100...100
                name = "trust"
                olds = [0]      // the rule is the same for every pair: only a set value or a change beyond ±200 is sure to stop
                if effect.op != .set && abs(v) <= 200 { continue }
            case .turn:
                continue
            }
            guard let r = range else { continue }
            let results = olds.map { effect.op.result($0, v) }
            guard let out = results.first(where: { !r.contains($0) }) else { continue }
            let edge = out < r.lowerBound ? r.lowerBound : r.upperBound
            notes.append("\(name) runs \(describe(r)), so “\(effect.source)” stops at \(Widgets.number(edge))")
        }
        guard !notes.isEmpty else { return nil }
        return notes.prefix(2).joined(separator: "; ") + (notes.count > 2 ? " (and \(notes.count - 2) more)" : "")
            + ". Enter again keeps it as it is, or change it."
    }

    mutating func queue(_ action: FacilitatorAction, _ note: String) {
        facilitatorQueue.append(action)
        message = note
    }

    private mutating func setTimer(_ t: TurnTimer?, _ note: String) {
        queue(.timer(t), note)
        timer = t
    }

    // MARK: - Rewind

    /// Whether this game was rewound (in this session or before it was saved).
    var isBranch: Bool { rewoundFrom != nil || branchTurn != nil }

    mutating func rewind(to index: Int) -> [AppEffect] {
        guard let g = game else { return [] }
        rewoundFrom = g
        branchTurn = index
        rewindRunSheet(to: index)
        let branch = g.rewound(to: index)
        game = branch
        debriefByFacilitator = false
        pending = [[Order]](repeating: [], count: humans.count)
        filledIn = []
        // The timer in force (perhaps set just now) is kept for the question below, not lost.
        var current = timer
        current?.paused = false
        facilitatorQueue = []
        draftAllocation = nil
        cursor = [:]
        scroll = 0
        startTurnSeats()
        screen = humans.isEmpty ? .facilitator : (index == 0 ? .dashboard : .report)
        message = "Rewound to the start of \(branch.turnLabel) as a branch (the next save records where it came from)."
        // The clock stops and asks which timer to keep (the room does the same in RoomHost).
        if !isSeated { holdClock(current: current, why: "The game is rewound to the start of \(branch.turnLabel).") }
        return [.rewound(turn: index)]
    }

    // MARK: - Timer

    mutating func resetTimer(_ t: TurnTimer?) {
        timer = t
        // A save is untrusted: a timer outside 0…180 minutes is shown clamped.
        timerRemaining = Double(max(0, min(t?.minutes ?? 0, TurnTimer.maximumMinutes)) * 60)
    }

    /// Whether delegations are playing, so the timer runs (it stops in the facilitator's seat).
    var timerCounts: Bool {
        switch mode {
        case .playing, .handover, .briefing: return true
        default: return false
        }
    }

    /// One tick of the wall clock: counts the timer down while delegations play; at zero the turn
    /// waits or the computer fills in, as the facilitator chose.
    mutating func tick(_ now: Double) -> [AppEffect] {
        defer { lastTick = now }
        timerBlink.toggle()
        // In a room the clock is the room's: seats only show it (`showClock`).
        if isSeated { return [] }
        guard let timer, let last = lastTick, let g = game, !g.isOver, !timer.paused, timerCounts else { return [] }
        timerRemaining = max(0, timerRemaining - max(0, now - last))
        if timerRemaining == 0 && timer.atZero == .computerFillsIn { return timeUp() }
        return []
    }

    /// The computer gives the orders of every delegation that has not ended its turn: a
    /// delegation's own orders stay, and the computer adds orders of the kinds it has not given.
    mutating func timeUp() -> [AppEffect] {
        guard let g = game, let k = currentHuman else { return [] }
        // Text being typed when time ran out is not sent, but the delegation is told what it was.
        var unsent = ""
        if case .prompt(let p)? = modal, !p.text.trimmingCharacters().isEmpty {
            switch p.purpose {
            case .message, .statement, .freeAction, .freeActionIntent: unsent = " Your unfinished text was not sent: “\(p.text)”."
            default: break
            }
        }
        modal = nil
        draftAllocation = nil
        var told: [String] = []
        if filledIn.count != humans.count { filledIn = [[Order]](repeating: [], count: humans.count) }
        for i in k..<humans.count {
            let b = humans[i]
            let added = ComputerFillIn.orders(for: b, in: g, level: level, given: pending[i])
            pending[i] += added
            filledIn[i] = added
            let list = added.isEmpty ? "none (its own orders stand)" : added.map { OrderText.describe($0, g.scenario, g.state) }.joined(separator: "; ")
            told.append("\(g.scenario.blocs[b].id): \(list)")
        }
        // Each delegation is told exactly which orders were given in its name (the log marks them too).
        let note = "Time is up. The computer gave these orders (never a message or a statement) — " + told.joined(separator: " · ") + "." + unsent
        if facilitatorSeat {
            mode = .facilitatorHandover
            message = note
            return []
        }
        let effects = resolveTurn()
        message = note
        return effects
    }

    /// The timer as the header shows it ("Timer 09:59"), or nil without a timer.
    public var timerLabel: String? {
        // A finished game has no turn to time.
        guard let timer, game?.isOver != true else { return nil }
        let s = Int(timerRemaining.rounded(.up))
        let clock = "\(s / 60 < 10 ? "0" : "")\(s / 60):\(s % 60 < 10 ? "0" : "")\(s % 60)"
        return "Timer \(clock)" + (timer.paused ? " paused" : (s == 0 ? " TIME UP" : ""))
    }
}

/// A facilitator's input that cannot be used, in one sentence.
struct FacilitatorInputError: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Facilitator actions described in words, for the console.
enum FacilitatorText {
    static func describe(_ a: FacilitatorAction, _ s: Scenario) -> String {
        switch a {
        case .inject(let id): return "Inject “\(s.injects.first { $0.id == id }?.title ?? id)”"
        case .customEvent(let title, _, let effects): return "Custom event “\(title)”" + (effects.isEmpty ? "" : ": " + effects.map(\.source).joined(separator: "; "))
        case .adjust(let effect, let reason): return "Adjust \(effect.source) — \(reason)"
        case .ruling(let id, let accept, let effects, let reason):
            return "Ruling on #\(id): \(accept ? "accepted" : "rejected")" + (effects.isEmpty ? "" : " [\(effects.map(\.source).joined(separator: "; "))]") + " — \(reason)"
        case .reveal(let secret, let to):
            let what: String
            switch secret {
            case .crqc(let b): what = "\(b)'s CRQC"
            case .harvest(let by, let target): what = "\(by) harvesting \(target)"
            case .violation(let t, let b): what = "\(b) breaking treaty #\(t)"
            case .objectives(let b): what = "\(b)'s secret objectives"
            }
            return "Reveal \(what) to \(to.isEmpty ? "everyone" : to.joined(separator: ", "))"
        case .timer(let t):
            guard let t else { return "Clear the turn timer" }
            return "Turn timer \(t.minutes) min, at zero \(t.atZero == .wait ? "wait" : "computer fills in")\(t.paused ? ", paused" : "")"
        }
    }
}

/// What an inject card will do, in words, for the console's deck: its text, its effects (trust
/// changes said as the game applies them) and the dilemma it will pose, to whom, with its options.
enum InjectPreview {
    static func describe(_ card: EventDef, _ sc: Scenario) -> String {
        var parts = [card.text.split(separator: "\n").joined(separator: " ")]
        let effects = card.effects.map { effect($0, sc) }
        if !effects.isEmpty { parts.append("Effects: " + effects.joined(separator: "; ") + ".") }
        if let d = card.dilemma {
            let who = d.blocs.count == sc.blocs.count ? "every delegation" : d.blocs.filter { sc.blocs.indices.contains($0) }.map { sc.blocs[$0].id }.joined(separator: ", ")
            let options = d.options.enumerated().map { "\($0.offset + 1)) \($0.element.label)" }.joined(separator: "  ")
            parts.append("Poses a dilemma to \(who), answered next turn: \(options).")
        }
        if !card.controls.isEmpty { parts.append("Puts export controls in force.") }
        return parts.joined(separator: " ")
    }

    /// One effect in words. The game keeps trust mutual (`trust(A, B)` moves A's trust in B and B's
    /// in A alike), so a trust change is said as both ways.
    static func effect(_ e: Effect, _ sc: Scenario) -> String {
        guard case .trust(let a, let b) = e.target, case .number(let x) = e.value, x.isFinite else {
            return EffectText.describe([e], scenario: sc, viewer: nil)
        }
        func name(_ r: BlocRef) -> String {
            switch r {
            case .bloc(let i): return sc.blocs.indices.contains(i) ? sc.blocs[i].id : "?"
            case .all: return "every bloc"
            case .current: return "the bloc concerned"
            }
        }
        let amount: String
        switch e.op {
        case .add: amount = (x < 0 ? "−" : "+") + Widgets.number(abs(x))
        case .subtract: amount = (x > 0 ? "−" : "+") + Widgets.number(abs(x))
        case .set: amount = "set to " + Widgets.number(x)
        case .multiply: amount = "×" + Widgets.number(x)
        }
        return "\(name(a))'s trust in \(name(b)) and \(name(b))'s in \(name(a)) \(amount)"
    }
}
