import GameCore
import Strategy

extension AppState {
    mutating func updateModal(_ modal: Modal, _ key: Key) -> [AppEffect] {
        switch modal {
        case .confirmQuit:
            if key == .char("y") || key == .char("Y") { shouldQuit = true; self.modal = nil; modalBeforeQuit = nil; return [.quit] }
            if key == .char("n") || key == .escape || key == .char("N") { self.modal = modalBeforeQuit; modalBeforeQuit = nil }
            return []
        case .confirmEndTurn:
            if key == .char("y") || key == .char("Y") || key == .enter {
                self.modal = nil
                return endOrders()
            }
            if key == .char("n") || key == .escape || key == .char("N") { self.modal = nil }
            return []
        case .confirmDisclose:
            if key == .char("y") || key == .char("Y") {
                self.modal = nil
                give(.discloseCRQC, "You will announce your CRQC to the world when the turn resolves (Delete on the orders screen takes it back).")
            }
            if key == .char("n") || key == .escape || key == .char("N") || key == .enter { self.modal = nil }
            return []
        case .confirmRewind(let turn):
            if key == .char("y") || key == .char("Y") || key == .enter {
                self.modal = nil
                return rewind(to: turn)
            }
            if key == .char("n") || key == .escape || key == .char("N") { self.modal = nil }
            return []
        case .prompt(var prompt):
            switch key {
            case .escape:
                // A later step of a dialog goes back one step with what was typed there; a first step closes.
                stepBack(from: .prompt(prompt))
            case .tab:
                // Ruling prompts offer templates: Tab puts the next one in the field.
                if let template = RulingTemplates.next(after: prompt.text, in: RulingTemplates.templates(for: prompt.purpose)) {
                    prompt.text = template
                    self.modal = .prompt(prompt)
                }
            case .backspace, .delete, .left, .right, .home, .end:
                prompt.field.edit(key)
                if prompt.error == AppState.textLimitSentence && (key == .backspace || key == .delete) { prompt.error = nil }
                self.modal = .prompt(prompt)
            case .char(let c):
                guard !c.isNewline else { return [] }
                // Once the bound is hit every further key is dropped at once: a pasted megabyte costs nothing more.
                if prompt.error == AppState.textLimitSentence { return [] }
                if prompt.field.characters.count >= AppState.textLimit {
                    prompt.error = AppState.textLimitSentence
                } else {
                    prompt.field.insert(c)
                }
                self.modal = .prompt(prompt)
            case .enter:
                self.modal = nil
                defer { noteStep(from: .prompt(prompt)) }
                if case .saveName = prompt.purpose {
                    let name = AppState.cleanSaveName(prompt.text)
                    guard !name.isEmpty else { message = "A save needs a name."; return [] }
                    // Replacing a save asks once: the same name confirmed a second time replaces it.
                    let warning = "A save named “\(name)” exists: Enter again replaces it; or change the name."
                    if savedGames.contains(where: { $0.path.hasSuffix("/" + name + ".json") || $0.path == name + ".json" }) && prompt.error != warning {
                        prompt.error = warning
                        self.modal = .prompt(prompt)
                        return []
                    }
                    return [.save(name: name)]
                }
                if ordersSealed && prompt.keepsAcrossTurns {
                    // The text stays: unsealing and Enter again sends it.
                    prompt.error = AppState.sealedSentence
                    self.modal = .prompt(prompt)
                    return []
                }
                if let effects = finishFacilitatorPrompt(prompt) { return effects }
                finishPrompt(prompt)
            default: break
            }
            return []
        case .pick(var picker):
            switch key {
            case .escape: stepBack(from: .pick(picker))
            case .up, .left: picker.selected = max(0, picker.selected - 1); self.modal = .pick(picker)
            case .down, .right: picker.selected = min(picker.options.count - 1, picker.selected + 1); self.modal = .pick(picker)
            case .char(" ") where picker.checked != nil:
                picker.checked![picker.selected].toggle()
                self.modal = .pick(picker)
            case .char(let c) where c.isNumber:
                if let d = c.wholeNumberValue, d >= 1, d <= picker.options.count { picker.selected = d - 1; self.modal = .pick(picker) }
            case .enter:
                self.modal = nil
                defer { noteStep(from: .pick(picker)) }
                if let effects = finishFacilitatorPick(picker) { return effects }
                finishPick(picker)
            default: break
            }
            return []
        case .draft(var draft):
            updateDraft(&draft, key)
            return []
        }
    }

    private mutating func finishPrompt(_ prompt: Prompt) {
        let text = prompt.text.trimmingCharacters()
        switch prompt.purpose {
        case .seed:
            if let s = UInt64(text) { setup.seed = s } else { setup.error = "A seed is a whole number such as 2025." }
        case .message(let to):
            guard !text.isEmpty, let g = game else { message = "Nothing sent."; return }
            give(.message(to: g.scenario.blocs[to].id, text: text), "Message to \(g.scenario.blocs[to].name) will be sent this turn.")
        case .statement(let target):
            guard !text.isEmpty, let g = game else { message = "No statement made."; return }
            give(.statement(text: text, attributeTo: target.map { g.scenario.blocs[$0].id }),
                 target == nil ? "Statement will be published." : "Accusation against \(g.scenario.blocs[target!].name) will be published.")
        case .freeAction:
            guard !text.isEmpty else { message = "No action submitted."; return }
            modal = .prompt(.freeActionIntent(action: text, facilitator: facilitatorSeat))
        case .freeActionIntent(let action):
            give(.freeAction(text: action, intent: text), facilitatorSeat
                 ? "Sent to the facilitator for a ruling; it shows as awaiting ruling until then."
                 : "No facilitator is seated: your action will appear as unadjudicated in the after-action report.")
        default:
            break
        }
    }

    private mutating func finishPick(_ picker: Picker) {
        guard let g = game, let v = view else { return }
        switch picker.purpose {
        case .mandateDeadline(let sector):
            let label = picker.options[picker.selected]
            give(.mandate(sector: g.scenario.sectors[sector].id, deadline: label), "Mandate: \(g.scenario.sectors[sector].name) quantum-safe by \(label).")
        case .standardFamily:
            let family = StandardFamily.allCases[picker.selected]
            give(.chooseStandard(family), "Your bloc will adopt the \(family.title) standard family (some migration work is redone).")
        case .messageRecipient:
            let others = g.scenario.blocs.indices.filter { $0 != currentBloc }
            let to = others[picker.selected]
            modal = .prompt(Prompt(purpose: .message(to: to), question: "Message to \(g.scenario.blocs[to].name):", text: ""))
        case .statementTarget:
            let others = g.scenario.blocs.indices.filter { $0 != currentBloc }
            let target: Int? = picker.selected == 0 ? nil : others[picker.selected - 1]
            modal = .prompt(Prompt(purpose: .statement(target: target), question: target == nil ? "Your public statement:" : "Your accusation against \(g.scenario.blocs[target!].name):", text: ""))
        case .aidAmount(let to):
            let amounts = [0.05, 0.1, 0.25, 0.5]
            give(.aid(to: g.scenario.blocs[to].id, billion: amounts[picker.selected]), "Aid of USD \(amounts[picker.selected]) bn to \(g.scenario.blocs[to].name).")
        case .dilemmaOption(let id):
            give(.chooseDilemma(dilemma: id, option: picker.selected), "Choice recorded: \(picker.options[picker.selected]).")
            _ = v
        default:
            break
        }
    }

    // MARK: - Treaty drafting

    private mutating func updateDraft(_ draft: inout TreatyDraft, _ key: Key) {
        guard let g = game, let me = currentBloc else { modal = nil; return }
        let others = g.scenario.blocs.indices.filter { $0 != me }
        switch (draft.step, key) {
        case (.type, .escape):
            modal = nil
            message = "Draft discarded."
            return
        case (.confirm, .escape), (.terms, .escape), (.parties, .escape),
             (.confirm, .backspace), (.terms, .backspace), (.parties, .backspace):
            // Back one step, keeping every choice made so far.
            draft.step = draft.step == .confirm ? .terms : (draft.step == .terms ? .parties : .type)
        case (.type, .up): draft.typeIndex = max(0, draft.typeIndex - 1)
        case (.type, .down): draft.typeIndex = min(TreatyType.allCases.count - 1, draft.typeIndex + 1)
        case (.type, .enter): draft.step = .parties; draft.cursor = 0
        case (.parties, .up): draft.cursor = max(0, draft.cursor - 1)
        case (.parties, .down): draft.cursor = min(others.count - 1, draft.cursor + 1)
        case (.parties, .char(" ")):
            let b = others[draft.cursor]
            if let i = draft.parties.firstIndex(of: b) { draft.parties.remove(at: i) } else { draft.parties.append(b) }
            draft.targets.removeAll { draft.parties.contains($0) }
        case (.parties, .enter):
            if draft.parties.isEmpty { message = "Invite at least one other bloc: move to it and press Space." }
            else { draft.step = .terms; draft.cursor = 0; if draft.deadlineYear == 0 { draft.deadlineYear = Int(g.scenario.calendar.year(g.state.turn)) + 5 } }
        case (.terms, .up): draft.cursor = max(0, draft.cursor - 1)
        case (.terms, .down): draft.cursor = min(max(0, termRows(draft, others: others) - 1), draft.cursor + 1)
        case (.terms, .left), (.terms, .right), (.terms, .char(" ")):
            adjustTerm(&draft, key, others: others)
        case (.terms, .enter):
            if draft.type == .exportRegime && draft.targets.isEmpty { message = "An export-control regime needs at least one target: choose one with Space." }
            else { draft.step = .confirm }
        case (.confirm, .enter), (.confirm, .char("y")):
            let order = Order.proposeTreaty(type: draft.type, parties: draft.parties.sorted().map { g.scenario.blocs[$0].id }, terms: terms(draft, g))
            modal = nil
            give(order, "Your proposal (\(draft.type.title)) will be sent; the others answer next turn.")
            return
        default: break
        }
        modal = .draft(draft)
    }

    /// Number of adjustable rows on the terms step for this type.
    func termRows(_ draft: TreatyDraft, others: [Int]) -> Int {
        switch draft.type {
        case .pqcAccord: return 2
        case .exportRegime: return ControlCategory.allCases.count + others.filter { !draft.parties.contains($0) }.count
        case .jointLab, .capacityFund: return 1
        default: return 0
        }
    }

    private mutating func adjustTerm(_ draft: inout TreatyDraft, _ key: Key, others: [Int]) {
        let step = key == .left ? -1 : 1
        switch draft.type {
        case .pqcAccord:
            if draft.cursor == 0 {
                let all = StandardFamily.allCases
                draft.family = all[(all.firstIndex(of: draft.family)! + step + all.count) % all.count]
            } else {
                draft.deadlineYear = max(2000, draft.deadlineYear + step)
            }
        case .exportRegime:
            let cats = ControlCategory.allCases
            if draft.cursor < cats.count {
                let c = cats[draft.cursor]
                if let i = draft.categories.firstIndex(of: c) { if draft.categories.count > 1 { draft.categories.remove(at: i) } } else { draft.categories.append(c) }
            } else {
                let outsiders = others.filter { !draft.parties.contains($0) }
                let t = outsiders[draft.cursor - cats.count]
                if let i = draft.targets.firstIndex(of: t) { draft.targets.remove(at: i) } else { draft.targets.append(t) }
            }
        case .jointLab:
            draft.contribution = max(1, min(50, draft.contribution + Double(step) * 5))
        case .capacityFund:
            draft.fund = max(0.05, min(1, draft.fund + Double(step) * 0.05))
        default: break
        }
    }

    func terms(_ draft: TreatyDraft, _ g: Game) -> OrderTerms {
        switch draft.type {
        case .pqcAccord: return OrderTerms(family: draft.family, deadline: "\(draft.deadlineYear)-Q4")
        case .exportRegime:
            return OrderTerms(categories: ControlCategory.allCases.filter { draft.categories.contains($0) },
                              targets: draft.targets.sorted().map { g.scenario.blocs[$0].id })
        case .jointLab: return OrderTerms(host: currentBloc.map { g.scenario.blocs[$0].id }, contribution: draft.contribution)
        case .capacityFund: return OrderTerms(contribution: draft.fund)
        default: return OrderTerms()
        }
    }
}

extension AppState {
    /// Keeps letters, digits, hyphens and underscores; other characters become hyphens.
    public static func cleanSaveName(_ raw: String) -> String {
        var out = ""
        for c in raw.trimmingCharacters() {
            if c.isLetter || c.isNumber || c == "-" || c == "_" { out.append(c) } else if c == " " || c == "." { out.append("-") }
        }
        return String(out.prefix(80))
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
