import GameCore

/// The prompts of dialogs with several typed steps (a custom event, a ruling, an adjustment, a
/// free action), built in one place so that going forward and going back (Esc) ask the same question.
extension Prompt {
    static func eventTitle(_ text: String = "") -> Prompt {
        Prompt(purpose: .eventTitle, question: "A custom event. Its title (everyone reads it in the news):", text: text)
    }

    static func eventText(title: String, _ text: String = "") -> Prompt {
        Prompt(purpose: .eventText(title: title), question: "The text of “\(title)” (what happened, as the news tells it):", text: text)
    }

    static func eventEffects(title: String, text: String, _ effects: String = "") -> Prompt {
        Prompt(purpose: .eventEffects(title: title, text: text),
               question: "Its effects, separated by ; e.g. all.support -= 2; world.tension += 5. Empty: news only.", text: effects)
    }

    static func rulingEffects(action: Int, bloc: Int, scenario: Scenario, _ text: String = "") -> Prompt {
        Prompt(purpose: .rulingEffects(action: action, bloc: bloc),
               question: "Effects of the accepted action, separated by ; (self is \(scenario.blocs[bloc].id)), e.g. self.support += 3; world.tension -= 2. Empty: no effect.",
               text: text)
    }

    static func adjustEffect(_ text: String = "") -> Prompt {
        Prompt(purpose: .adjustEffect, question: "An effect in the expression language, e.g. CN.support -= 5 or trust(US, CN) += 10:", text: text)
    }

    /// Who decides a free action: the facilitator, or nobody (the report lists it as unadjudicated).
    private static func ruling(_ facilitator: Bool) -> String {
        facilitator ? "the facilitator rules on it" : "no facilitator is seated: the after-action report lists it as unadjudicated"
    }

    static func freeAction(_ text: String = "", facilitator: Bool) -> Prompt {
        Prompt(purpose: .freeAction, question: "Describe an action in your own words (\(ruling(facilitator))):", text: text)
    }

    static func freeActionIntent(action: String, _ text: String = "", facilitator: Bool) -> Prompt {
        Prompt(purpose: .freeActionIntent(text: action), question: "What effect do you intend? (\(ruling(facilitator)))", text: text)
    }
}

extension Prompt {
    /// `next` as the step after this one: with the text typed there before Esc came back, if any.
    func next(_ next: Prompt) -> Prompt {
        var step = next
        if let typed = ahead.first { step.text = typed }
        step.ahead = Array(ahead.dropFirst())
        return step
    }

    /// `previous` as the step before this one, remembering what was typed here and after.
    func back(to previous: Prompt) -> Prompt {
        var step = previous
        step.ahead = [text] + ahead
        return step
    }
}

extension AppState {
    /// The step before `prompt` in its dialog, holding what was typed there (Esc goes back to it
    /// rather than throwing the dialog away); nil for the first step of a dialog.
    func previousStep(of prompt: Prompt) -> Prompt? {
        previousPrompt(of: prompt).map { prompt.back(to: $0) }
    }

    private func previousPrompt(of prompt: Prompt) -> Prompt? {
        switch prompt.purpose {
        case .eventText(let title):
            return .eventTitle(title)
        case .eventEffects(let title, let text):
            return .eventText(title: title, text)
        case .rulingReason(let id, true, let effects):
            guard let g = game, let action = g.state.freeActions.first(where: { $0.id == id }),
                  g.scenario.blocs.indices.contains(action.bloc) else { return nil }
            return .rulingEffects(action: id, bloc: action.bloc, scenario: g.scenario, effects.map(\.source).joined(separator: "; "))
        case .adjustReason(let effect):
            return .adjustEffect(effect.source)
        case .freeActionIntent(let action):
            return .freeAction(action, facilitator: facilitatorSeat)
        default:
            return nil
        }
    }
}
