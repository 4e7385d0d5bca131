import GameCore

extension ScenarioReader {
    static let eventKeys = ["id", "title", "text", "trigger", "once", "effects", "dilemma", "controls"]

    /// `events` (with triggers) or `injects` (the facilitator's deck, without). Ids are unique across both.
    func readEvents(_ value: Value?, injects: Bool, ids: inout [String: Int]) -> [EventDef] {
        guard let value, let items = diag.list(value) else { return [] }
        let kind = injects ? "inject" : "event"
        let hints = injects ? ["trigger": "An inject has no `trigger`: the facilitator plays it. Move this card to `events` if it should fire on its own."] : [:]
        var result: [EventDef] = []
        for item in items {
            guard !diag.exhausted, let e = diag.map(item, allowed: injects ? ScenarioReader.eventKeys.filter { $0 != "trigger" } : ScenarioReader.eventKeys, hints: hints) else { continue }
            var id = ""
            if let v = e.required("id", diag), let kebab = readKebabID(v, what: "An \(kind) id") {
                if let line = ids[kebab] {
                    diag.add("The id `\(kebab)` is already used by an event or inject on line \(line); give each its own id.", at: v)
                } else {
                    ids[kebab] = v.mark?.line ?? 0
                    id = kebab
                }
            }
            let title = requiredText(e, "title") ?? ""
            let text = diag.text(e.optional("text")) ?? ""
            let trigger = e.optional("trigger").flatMap(readTrigger)
            let once = e.optional("once").flatMap(diag.bool) ?? true
            let effects = self.effects(e.optional("effects"), allowsCurrent: false)
            let dilemma = e.optional("dilemma").flatMap(readDilemma)
            var event = EventDef(id: id, title: title, text: text, trigger: trigger, once: once, effects: effects, dilemma: dilemma)
            event.controls = readControls(e)
            result.append(event)
        }
        return result
    }

    private func readTrigger(_ value: Value) -> Trigger? {
        guard let t = diag.map(value, allowed: ["from", "to", "chance", "when"]) else { return nil }
        var from: Int?
        var to: Int?
        if let v = t.optional("from"), let turn = firstTurn(v) { from = turn }
        if let v = t.optional("to"), let turn = lastTurn(v) {
            to = turn
            if let from, turn < from {
                diag.add("`to` is before `from`; the event could never fire. Swap them or fix one of the dates.", at: v)
            } else if turn < 0 {
                diag.add("`to` is before the game starts (\(calendar.map { $0.label(0) } ?? "")), so the event could never fire.", at: v)
            }
        }
        if let from, let calendar, from >= calendar.turnCount, let v = t.optional("from") {
            diag.add("`from` is after the game ends (\(calendar.endLabel)), so the event could never fire.", at: v)
        }
        let chance = diag.number(t.optional("chance"), .unit) ?? 1
        if chance == 0, let v = t.optional("chance") {
            diag.warn("`chance: 0` means the event can never fire; give it a chance above 0, or move it to `injects` for the facilitator to play.", at: v)
        }
        // The trigger's own dates narrow what `turn` can be inside its condition.
        if let calendar, calendar.turnCount > 0 {
            let low = max(0, from ?? 0), high = min(calendar.turnCount - 1, to ?? calendar.turnCount - 1)
            if low <= high { turnWindow = ValueSpan(low: Double(low), high: Double(high)) }
        }
        let when = condition(t.optional("when"), allowsCurrent: false, site: .trigger)
        turnWindow = nil
        return Trigger(from: from, to: to, chance: chance, when: when)
    }

    private func readDilemma(_ value: Value) -> Dilemma? {
        guard let d = diag.map(value, allowed: ["for", "options"]) else { return nil }
        var blocs: [Int] = []
        if let v = d.required("for", diag, example: "for: [US, EU]") {
            if let s = v.scalar, s.string == "all" {
                blocs = Array(blocIDs.indices)
            } else if v.scalar != nil {
                diag.add("`for` is a list of blocs such as `[US, EU]`, or `all` for every bloc.", at: v)
            } else {
                blocs = blocList(v, atLeast: 1, example: "[US, EU]") ?? []
            }
        }
        var options: [DilemmaOption] = []
        if let v = d.required("options", diag), let items = diag.list(v) {
            if !(2...3).contains(items.count) {
                diag.add("A dilemma offers 2 or 3 options; this one has \(items.count).", at: v)
            }
            for item in items {
                guard let o = diag.map(item, allowed: ["label", "effects"]) else { continue }
                let label = requiredText(o, "label") ?? ""
                let effects = self.effects(o.optional("effects"), allowsCurrent: true)
                options.append(DilemmaOption(label: label, effects: effects))
            }
        }
        return Dilemma(blocs: blocs, options: options)
    }
}
