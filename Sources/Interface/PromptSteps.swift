import GameCore

/// The prompts of dialogs with several typed steps (a custom event, a ruling, an adjustment, a
/// free action), and the step stack that lets Esc go back through a dialog.
extension Prompt {
    static func eventTitle() -> Prompt {
        Prompt(purpose: .eventTitle, question: "A custom event. Its title (everyone reads it in the news):", text: "")
    }

    static func eventText(title: String) -> Prompt {
        Prompt(purpose: .eventText(title: title), question: "The text of “\(title)” (what happened, as the news tells it):", text: "")
    }

    static func eventEffects(title: String, text: String) -> Prompt {
        Prompt(purpose: .eventEffects(title: title, text: text),
               question: "Its effects, separated by ; e.g. all.support -= 2; world.tension += 5. Empty: news only.", text: "")
    }

    static func rulingEffects(action: Int, bloc: Int, scenario: Scenario) -> Prompt {
        Prompt(purpose: .rulingEffects(action: action, bloc: bloc),
               question: "Effects of the accepted action, separated by ; (self is \(scenario.blocs[bloc].id)), e.g. self.support += 3; world.tension -= 2. Empty: no effect. Tab: a template.",
               text: "")
    }

    static func rejectionEffects(action: Int, bloc: Int, scenario: Scenario) -> Prompt {
        Prompt(purpose: .rejectionEffects(action: action, bloc: bloc),
               question: "Consequences of the rejection, separated by ; (self is \(scenario.blocs[bloc].id)), e.g. self.support -= 3; world.tension += 2. Tab: a template.",
               text: "")
    }

    static func adjustEffect() -> Prompt {
        Prompt(purpose: .adjustEffect, question: "An effect in the expression language, e.g. CN.support -= 5 or trust(US, CN) += 10:", text: "")
    }

    /// Who decides a free action: the facilitator, or nobody (the report lists it as unadjudicated).
    private static func ruling(_ facilitator: Bool) -> String {
        facilitator ? "the facilitator rules on it" : "no facilitator is seated: the after-action report lists it as unadjudicated"
    }

    static func freeAction(facilitator: Bool) -> Prompt {
        Prompt(purpose: .freeAction, question: "Describe an action in your own words (\(ruling(facilitator))):", text: "")
    }

    static func freeActionIntent(action: String, facilitator: Bool) -> Prompt {
        Prompt(purpose: .freeActionIntent(text: action), question: "What effect do you intend? (\(ruling(facilitator)))", text: "")
    }
}

/// Templates for common rulings: Tab in a ruling's prompt puts the next one in the field, to use
/// as it is or edit. Effects use `self` (the delegation whose action is ruled on).
enum RulingTemplates {
    static let acceptEffects = [
        "self.support += 3; self.capital += 1",
        "self.support += 2; self.budget -= 0.5",
        "self.support += 2; world.tension -= 2",
        "self.capital += 1; world.tension += 3",
    ]
    static let rejectionConsequences = [
        "self.capital -= 1",
        "self.support -= 3",
        "world.tension += 3; self.support -= 2",
    ]
    static let reasons = [
        "Plausible and well prepared: it goes ahead as described.",
        "It goes ahead, but at a cost the delegation did not count.",
        "Not plausible in this period: the technology or the partners are not there yet.",
        "It needs another bloc's agreement first; propose it to them and try again.",
        "It goes beyond what the delegation's government would allow.",
    ]

    /// The templates a prompt offers, or none.
    static func templates(for purpose: Prompt.Purpose) -> [String] {
        switch purpose {
        case .rulingEffects: return acceptEffects
        case .rejectionEffects: return rejectionConsequences
        case .rulingReason: return reasons
        default: return []
        }
    }

    /// The template after the one in the field (the first when the field holds none of them).
    static func next(after text: String, in list: [String]) -> String? {
        guard !list.isEmpty else { return nil }
        let i = list.firstIndex(of: text).map { ($0 + 1) % list.count } ?? 0
        return list[i]
    }
}

extension AppState {
    /// After Enter on a dialog step: a new step of the same dialog remembers the one left behind
    /// (Esc comes back to it) and, if Esc came back from that very step before, offers again what
    /// was typed or chosen there; the same step again (a refused entry) is not a new step; a closed
    /// dialog forgets its steps.
    mutating func noteStep(from left: Modal) {
        guard let now = modal, AppState.isDialogStep(now) else { dialogSteps = []; dialogAhead = []; return }
        if AppState.sameStep(left, now) { return }
        dialogSteps.append(left)
        guard let ahead = dialogAhead.popLast(), AppState.sameStep(ahead, now) else { dialogAhead = []; return }
        switch (ahead, now) {
        case (.prompt(let was), .prompt(var step)): step.text = was.text; modal = .prompt(step)
        case (.pick(let was), .pick(var step)) where was.options == step.options:
            step.selected = was.selected; step.checked = was.checked; modal = .pick(step)
        default: break
        }
    }

    /// Esc on a dialog step: back to the step before, as it was left; on the first step the dialog closes.
    mutating func stepBack(from current: Modal) {
        guard let previous = dialogSteps.popLast() else { modal = nil; dialogAhead = []; return }
        dialogAhead.append(current)
        modal = previous
    }

    /// Whether Esc goes back a step (true) or closes the dialog.
    var canStepBack: Bool { !dialogSteps.isEmpty }

    static func isDialogStep(_ m: Modal) -> Bool {
        switch m {
        case .prompt, .pick: return true
        default: return false
        }
    }

    /// Whether two dialog steps ask the same question: the same kind of purpose, whatever was
    /// typed in earlier steps (a custom event's text step is the same step after its title changed).
    static func sameStep(_ a: Modal, _ b: Modal) -> Bool {
        func kind(_ purpose: Any) -> Substring { "\(purpose)".prefix { $0 != "(" } }
        switch (a, b) {
        case (.prompt(let x), .prompt(let y)): return kind(x.purpose) == kind(y.purpose)
        case (.pick(let x), .pick(let y)): return kind(x.purpose) == kind(y.purpose)
        default: return false
        }
    }
}
