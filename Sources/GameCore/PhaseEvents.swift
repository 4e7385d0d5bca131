/// Phase 6: events — dilemma answers, the facilitator's injects and rulings, then scenario events.
extension Resolver {
    mutating func eventsPhase() {
        answerDilemmas()
        for action in actions {
            switch action {
            case .inject(let id):
                guard let i = scenario.injects.firstIndex(where: { $0.id == id }) else {
                    if narrative { news(.facilitator, "The inject \(id) is not in this scenario's deck and was ignored.", audience: []) }; continue
                }
                fire(scenario.injects[i], source: .inject(i))
            case .customEvent(let title, let text, let effects):
                let event = EventDef(id: "custom", title: String(title.prefix(120)), text: String(text.prefix(2000)),
                                     trigger: nil, once: true, effects: effects, dilemma: nil)
                fire(event, source: .custom(title: event.title))
            case .ruling(let id, let accept, let effects, let reason):
                rule(id, accept, effects, reason)
            default:
                break
            }
        }
        for (i, event) in scenario.events.enumerated() {
            guard let trigger = event.trigger else { continue }
            if event.once && state.eventFired[i] > 0 { continue }
            if let from = trigger.from, turn < from { continue }
            if let to = trigger.to, turn > to { continue }
            if let when = trigger.when, evaluate(when.expr, current: nil) == 0 { continue }
            var dice = rng(.events, item: i)
            guard trigger.chance >= 1 || dice.chance(trigger.chance) else { continue }
            state.eventFired[i] += 1
            fire(event, source: .scenario(i))
        }
    }

    func eventDef(_ source: EventSource) -> EventDef? {
        switch source {
        case .scenario(let i): return i < scenario.events.count ? scenario.events[i] : nil
        case .inject(let i): return i < scenario.injects.count ? scenario.injects[i] : nil
        case .custom: return nil
        }
    }

    private mutating func fire(_ event: EventDef, source: EventSource) {
        let prefix: String
        switch source {
        case .scenario: prefix = "Event"
        case .inject: prefix = "Inject"
        case .custom: prefix = "Facilitator event"
        }
        if narrative {
            // Most texts are one paragraph: only those with line breaks need splitting by characters.
            let text = event.text.utf8.contains(10) ? event.text.split(separator: "\n").joined(separator: " ") : event.text
            news(.event, "\(event.title) — \(text)", audience: [])
        }
        // The cause only ever reaches the why-ledger and the news, which an untold turn skips.
        let cause = narrative ? "\(prefix): \(event.title)" : ""
        for effect in event.effects { apply(effect, current: nil, cause: cause) }
        if !event.controls.isEmpty { imposeEventControls(event, cause: cause) }
        if let dilemma = event.dilemma {
            for b in dilemma.blocs where b < n {
                let id = state.nextDilemmaID
                state.nextDilemmaID += 1
                state.dilemmas.append(PendingDilemma(id: id, source: source, bloc: b, posedTurn: turn, choice: nil, defaulted: false))
                if narrative { news(.dilemma, "Dilemma #\(id) for \(name(b)): \(event.title). Choose next turn: " +
                     dilemma.options.enumerated().map { "\($0.offset + 1)) \($0.element.label)" }.joined(separator: "  "), audience: [b]) }
            }
        }
    }

    /// Controls an event puts in force (the EU's Annex I listing, say): added like an ordered control
    /// but without its cost in political capital, with the trust and tension the event states itself.
    /// Each new control is a fact in the news and in the imposer's ledger ("controls.CN").
    private mutating func imposeEventControls(_ event: EventDef, cause: String) {
        for c in event.controls where c.by < n {
            var added: [(Int, ControlCategory)] = []
            for t in c.against where t < n && t != c.by {
                for cat in c.categories where !state.controls.contains(where: { $0.by == c.by && $0.target == t && $0.category == cat }) {
                    state.controls.append(ExportControl(by: c.by, target: t, category: cat, since: turn))
                    added.append((t, cat))
                }
            }
            guard narrative, !added.isEmpty else { continue }
            for t in c.against where added.contains(where: { $0.0 == t }) {
                let cats = added.filter { $0.0 == t }.map { $0.1.rawValue }
                record(c.by, "controls.\(scenario.blocs[t].id)", cause, Double(cats.count))
                news(.controls, "\(name(c.by)) now controls exports of \(cats.joined(separator: ", ")) to \(name(t)) (\(event.title)).", audience: [])
            }
        }
        rebuildIndex()
        computeAccess()
    }

    /// Answers given this turn are applied; dilemmas left unanswered for a whole turn take their last option.
    private mutating func answerDilemmas() {
        for b in 0..<n {
            for k in orders[b].indices where orders[b][k].step == .dilemmas {
                guard case .chooseDilemma(let id, let option) = orders[b][k] else { continue }
                guard let k = state.dilemmas.firstIndex(where: { $0.id == id && $0.bloc == b && $0.choice == nil }),
                      let def = eventDef(state.dilemmas[k].source), let dilemma = def.dilemma else {
                    if narrative { rejectOrder(b, "there is no open dilemma #\(id) for you.") }; continue
                }
                guard option >= 0 && option < dilemma.options.count else {
                    if narrative { rejectOrder(b, "dilemma #\(id) has options 1 to \(dilemma.options.count).") }; continue
                }
                settle(k, option, defaulted: false)
            }
        }
        for k in state.dilemmas.indices where state.dilemmas[k].choice == nil && state.dilemmas[k].posedTurn < turn {
            guard let def = eventDef(state.dilemmas[k].source), let dilemma = def.dilemma else { continue }
            settle(k, dilemma.options.count - 1, defaulted: true)
        }
    }

    private mutating func settle(_ k: Int, _ option: Int, defaulted: Bool) {
        guard let def = eventDef(state.dilemmas[k].source), let dilemma = def.dilemma else { return }
        let b = state.dilemmas[k].bloc
        state.dilemmas[k].choice = option
        state.dilemmas[k].defaulted = defaulted
        let chosen = dilemma.options[option]
        let cause = narrative ? "Dilemma “\(def.title)”: \(chosen.label)" : ""   // for the ledger and news only
        for effect in chosen.effects { apply(effect, current: b, cause: cause) }
        if narrative { news(.dilemma, "\(name(b)) \(defaulted ? "let the deadline pass on" : "decided on") “\(def.title)”: \(chosen.label).", audience: []) }
    }

    private mutating func rule(_ id: Int, _ accept: Bool, _ effects: [Effect], _ reason: String) {
        guard let k = state.freeActions.firstIndex(where: { $0.id == id }), state.freeActions[k].status == .pending else {
            if narrative { news(.facilitator, "There is no pending action #\(id) to rule on.", audience: []) }; return
        }
        let b = state.freeActions[k].bloc
        state.freeActions[k].status = accept ? .accepted : .rejected
        state.freeActions[k].reason = String(reason.prefix(600))
        state.freeActions[k].effects = effects.map(\.source)
        // A rejection may carry consequences too (the facilitator's "reject, with consequences").
        for effect in effects { apply(effect, current: b, cause: "Ruling on \(owner(b)) action #\(id): \(reason)") }
        // Only the delegation hears the ruling: its action may have been secret; the effects show in the ledger.
        if narrative { news(.facilitator, "Ruling on \(owner(b)) action #\(id) (“\(Resolver.quoted(state.freeActions[k].text))”): \(accept ? "accepted" : "rejected") — \(reason)", audience: [b]) }
    }

    /// A delegation's text as the news quotes it: whole up to 160 characters; a longer one is cut at
    /// the last end of a clause (`.`, `,`, `;`, `:`) within 120, else after the last whole word, and
    /// marked "…" — never mid-word, and never after a dangling "and" or "for".
    static func quoted(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > 160 else { return text }
        let head = Array(String(String.UnicodeScalarView(scalars.prefix(120))))
        var cut = head.count
        if let clause = head.lastIndex(where: { ".,;:".contains($0) }), clause >= 40 {
            cut = clause
        } else if let space = head.lastIndex(of: " ") {
            cut = space
        }
        var words = String(head[..<cut]).split(separator: " ")
        let dangling: Set<Substring> = ["and", "or", "but", "for", "to", "of", "the", "a", "an", "with", "in", "on", "by"]
        while words.count > 1, let last = words.last, dangling.contains(last.lowercased()[...]) { words.removeLast() }
        return words.joined(separator: " ") + "…"
    }
}
