/// Phase 1: diplomacy — answers, withdrawals, ratification, new proposals, dialogue, statements,
/// messages and secret violations.
extension Resolver {
    mutating func diplomacyPhase() {
        for b in 0..<n {
            for k in orders[b].indices where orders[b][k].step == .answers {
                let order = orders[b][k]
                switch order {
                case .respondTreaty(let id, let accept): respond(b, id, accept)
                case .withdrawTreaty(let id): withdraw(b, id, order)
                default: break
                }
            }
        }
        settleProposals()
        ratify()
        for b in 0..<n {
            for k in orders[b].indices where orders[b][k].step == .diplomacy {
                let order = orders[b][k]
                switch order {
                case .proposeTreaty(let type, let parties, let terms): propose(b, type, parties, terms, order)
                case .violateTreaty(let id, let violate): setViolation(b, id, violate)
                case .dialogue(let with):
                    guard let o = scenario.blocIndex(with), o != b else { rejectOrder(b, "dialogue needs another bloc, not \(with)."); continue }
                    let partner = name(o)
                    if pay(b, order, "a dialogue with \(partner)") { dialogueWith[b].append(o) }
                case .statement(let text, let target): statement(b, text, target)
                case .message(let to, let text): sendMessage(b, to, text)
                case .freeAction(let text, let intent):
                    let id = state.nextActionID
                    state.nextActionID += 1
                    state.freeActions.append(FreeAction(id: id, bloc: b, turn: turn, text: String(text.prefix(600)),
                                                        intent: String(intent.prefix(300)), status: .pending, reason: "", effects: []))
                    if narrative { news(.order, "\(name(b)) submitted action #\(id) for the facilitator's ruling: \(text.prefix(80))", audience: [b]) }
                default: break
                }
            }
        }
        resolveDialogues()
    }

    /// Where treaty `id` is in the list. Ids are unique and handed out in order from 1, so the
    /// treaty is nearly always at `id - 1`; the search is the fallback.
    private func treatyIndex(_ id: Int) -> Int? {
        let guess = id - 1
        if guess >= 0 && guess < state.treaties.count && state.treaties[guess].id == id { return guess }
        return state.treaties.firstIndex { $0.id == id }
    }

    private mutating func respond(_ b: Int, _ id: Int, _ accept: Bool) {
        guard let ti = treatyIndex(id), state.treaties[ti].status == .proposed,
              let k = state.treaties[ti].parties.firstIndex(of: b), state.treaties[ti].answers[k] == .pending else {
            if narrative { rejectOrder(b, "there is no proposal #\(id) waiting for your answer.") }
            return
        }
        state.treaties[ti].answers[k] = accept ? .accepted : .rejected
        let t = state.treaties[ti]
        if narrative { news(.diplomacy, "\(name(b)) \(accept ? "accepted" : "rejected") the proposed \(t.name).", audience: t.parties) }
        if !accept { changeTrust(b, t.proposer, by: -2, narrative ? "\(name(b)) rejected \(t.name)" : "") }
    }

    private mutating func withdraw(_ b: Int, _ id: Int, _ order: Order) {
        guard let ti = treatyIndex(id), let k = state.treaties[ti].parties.firstIndex(of: b),
              state.treaties[ti].answers[k] == .accepted, !state.treaties[ti].withdrawn[k],
              [.signed, .inForce, .proposed].contains(state.treaties[ti].status) else {
            if narrative { rejectOrder(b, "you are not a member of treaty #\(id).") }
            return
        }
        guard pay(b, order, "withdrawing from treaty #\(id)") else { return }
        state.treaties[ti].withdrawn[k] = true
        let t = state.treaties[ti]
        if narrative { news(.diplomacy, "\(name(b)) withdrew from \(t.name).", audience: []) }
        for m in t.members { changeTrust(b, m, by: -8, narrative ? "\(name(b)) left \(t.name)" : "") }
        for v in state.treaties[ti].violations.indices where state.treaties[ti].violations[v].bloc == b {
            state.treaties[ti].violations[v].active = false
        }
        if t.members.count < 2 {
            state.treaties[ti].status = .dissolved
            state.treaties[ti].endedTurn = turn
            if narrative { news(.diplomacy, "\(t.name) has dissolved: fewer than two members remain.", audience: []) }
        }
    }

    /// Proposals whose answers are all in (or that have waited long enough) are signed or fail.
    private mutating func settleProposals() {
        for ti in state.treaties.indices where state.treaties[ti].status == .proposed {
            var t = state.treaties[ti]
            let waited = turn - t.proposedTurn
            let pending = t.answers.contains(.pending)
            if pending && Double(waited) < tuning.expiryTurns { continue }
            if pending {
                for k in t.answers.indices where t.answers[k] == .pending {
                    t.answers[k] = .rejected
                    if narrative { news(.diplomacy, "\(name(t.parties[k])) did not answer the proposed \(t.name) in time.", audience: t.parties) }
                }
            }
            let members = t.members
            if members.count >= 2 && t.isMember(t.proposer) {
                t.status = .signed
                t.signedTurn = turn
                for k in t.parties.indices where t.answers[k] == .accepted {
                    t.ratifyAt[k] = turn + ratificationDelay(t.parties[k], parties: members.count)
                }
                let names = members.map { scenario.blocs[$0].id }.joined(separator: ", ")
                if members.count < t.parties.count {
                    // Named after those who signed it, not after an invited party that turned it down.
                    let proposed = t.name
                    t.name = GameState.defaultTreatyName(t.type, members, scenario)
                    if narrative { news(.diplomacy, "The proposed \(proposed) was signed by \(names) as the \(t.name); it enters into force once every member has ratified it.", audience: []) }
                } else {
                    if narrative { news(.diplomacy, "\(t.name) was signed by \(names); it enters into force once every member has ratified it.", audience: []) }
                }
                for i in members.indices {
                    for j in members.indices where j > i { changeTrust(members[i], members[j], by: 3, narrative ? "signed \(t.name) together" : "") }
                }
            } else {
                t.status = pending && !t.answers.contains(.rejected) ? .lapsed : .rejected
                t.endedTurn = turn
                if narrative { news(.diplomacy, "The proposed \(t.name) failed: too few parties accepted it.", audience: t.parties) }
            }
            state.treaties[ti] = t
        }
    }

    /// Turns a bloc needs to ratify a treaty of `parties` members: longer when domestic support is
    /// low, and longer for every party beyond two (issue 14: multilateral treaties take years,
    /// bilateral ones far less; each added party brings its own reservations and parliament).
    func ratificationDelay(_ b: Int, parties: Int) -> Int {
        let support = state.blocs[b].support
        let factor = 1 + (60 - support) / 40
        let breadth = 1 + tuning.ratifyPerParty * Double(max(0, parties - 2))
        return max(0, min(24, Int((tuning.ratifyTurns * factor * breadth).rounded())))
    }

    private mutating func ratify() {
        for ti in state.treaties.indices where state.treaties[ti].status == .signed {
            var t = state.treaties[ti]
            for k in t.parties.indices where t.answers[k] == .accepted && !t.withdrawn[k] && t.ratifyAt[k] >= 0 && t.ratifyAt[k] <= turn {
                let b = t.parties[k]
                if state.blocs[b].support < 25 {
                    // Parliament will not ratify with support this low; after two years of stalling it gives up.
                    if turn - (t.signedTurn ?? turn) > 2 * scenario.calendar.turnsPerYear {
                        t.withdrawn[k] = true
                        if narrative { news(.diplomacy, "\(owner(b)) parliament refused to ratify \(t.name).", audience: []) }
                    } else {
                        t.ratifyAt[k] = turn + 1
                        if narrative { news(.diplomacy, "Ratification of \(t.name) stalls in \(name(b)): domestic support is too low.", audience: t.parties) }
                    }
                    continue
                }
                t.ratifyAt[k] = -2
                change(b, .support, by: t.type == .verificationRegime ? -2 : 0.5, narrative ? "ratified \(t.name)" : "")
            }
            let members = t.members
            if members.count < 2 {
                t.status = .dissolved
                t.endedTurn = turn
                if narrative { news(.diplomacy, "\(t.name) collapsed before entering into force.", audience: []) }
            } else if t.parties.indices.allSatisfy({ t.answers[$0] != .accepted || t.withdrawn[$0] || t.ratifyAt[$0] == -2 }) {
                t.status = .inForce
                t.inForceTurn = turn
                if narrative { news(.diplomacy, "\(t.name) is now in force.", audience: []) }
                state.treaties[ti] = t
                enterIntoForce(ti)
                continue
            }
            state.treaties[ti] = t
        }
    }

    private mutating func enterIntoForce(_ ti: Int) {
        let t = state.treaties[ti]
        switch t.type {
        case .pqcAccord:
            if let family = t.terms.family {
                for m in t.members where state.blocs[m].standard != family {
                    state.blocs[m].standard = family
                    if narrative { news(.diplomacy, "\(name(m)) adopts the \(family.title) standard family under \(t.name).", audience: []) }
                }
            }
            if let deadline = t.terms.deadline {
                for m in t.members {
                    for s in 0..<sectorCount where state.blocs[m].mandates[s] < 0 || state.blocs[m].mandates[s] > deadline {
                        state.blocs[m].mandates[s] = deadline
                    }
                }
            }
        case .cbm:
            changeTension(by: -3, narrative ? "\(t.name) entered into force" : "")
        case .cryptanalysisNorm, .verificationRegime:
            changeTension(by: -2, narrative ? "\(t.name) entered into force" : "")
        default:
            break
        }
        state.blocs[t.proposer].influencePoints += 2
        record(t.proposer, "influencePoints", narrative ? "led \(t.name) into force" : "", 2)
    }

    private mutating func propose(_ b: Int, _ type: TreatyType, _ ids: [String], _ orderTerms: OrderTerms, _ order: Order) {
        var parties = [b]
        for id in ids {
            guard let p = scenario.blocIndex(id) else { rejectOrder(b, "\(id) is not a bloc in this scenario."); return }
            if !parties.contains(p) { parties.append(p) }
        }
        guard parties.count >= 2 else { rejectOrder(b, "a treaty needs at least one other party."); return }
        guard let terms = resolveTerms(b, type, orderTerms, parties) else { return }
        guard pay(b, order, "proposing \(type.lowerTitleWithArticle)") else { return }
        let id = state.nextTreatyID
        state.nextTreatyID += 1
        var answers = [Answer](repeating: .pending, count: parties.count)
        answers[0] = .accepted
        let name = GameState.defaultTreatyName(type, parties, scenario)
        state.treaties.append(Treaty(
            id: id, type: type, name: name, proposer: b, parties: parties, answers: answers,
            ratifyAt: [Int](repeating: -1, count: parties.count), withdrawn: [Bool](repeating: false, count: parties.count),
            status: .proposed, proposedTurn: turn, signedTurn: nil, inForceTurn: nil, endedTurn: nil,
            terms: terms, violations: []))
        if narrative { news(.diplomacy, "\(self.name(b)) proposes \(name) (#\(id)). The invited parties answer next turn.", audience: []) }
    }

    /// Checks a proposal's terms for its type and converts ids to indices.
    private mutating func resolveTerms(_ b: Int, _ type: TreatyType, _ t: OrderTerms, _ parties: [Int]) -> TreatyTerms? {
        var terms = TreatyTerms()
        switch type {
        case .pqcAccord:
            terms.family = t.family ?? .nist
            if let d = t.deadline {
                guard let date = TurnDate.parse(d) else { rejectOrder(b, "the accord's deadline \(d) is not a date like 2030-Q4."); return nil }
                terms.deadline = scenario.calendar.turnIndex(of: date)
            }
        case .exportRegime:
            terms.categories = t.categories.isEmpty ? [.systems, .components] : t.categories
            for id in t.targets {
                guard let x = scenario.blocIndex(id), !parties.contains(x) else {
                    if narrative { rejectOrder(b, "an export-control regime's targets must be blocs outside it (\(id)).") }; return nil
                }
                terms.targets.append(x)
            }
            guard !terms.targets.isEmpty else { rejectOrder(b, "an export-control regime needs at least one target."); return nil }
        case .cryptanalysisNorm:
            for id in t.sectors {
                guard let s = scenario.sectorIndex(id) else { rejectOrder(b, "\(id) is not a sector."); return nil }
                terms.sectors.append(s)
            }
            if terms.sectors.isEmpty {
                // Civilian sectors by default: everything that QKD does not cover (i.e. not state traffic).
                terms.sectors = (0..<sectorCount).filter { !scenario.sectors[$0].qkd }
            }
        case .jointLab:
            let host = t.host.flatMap { scenario.blocIndex($0) } ?? b
            guard parties.contains(host) else { rejectOrder(b, "the joint laboratory's host must be a party."); return nil }
            terms.host = host
            terms.contribution = clamp(t.contribution ?? 10, 1, 50)
        case .capacityFund:
            terms.contribution = clamp(t.contribution ?? 0.05, 0.001, 10)
        default:
            break
        }
        return terms
    }

    private mutating func setViolation(_ b: Int, _ id: Int, _ violate: Bool) {
        guard let ti = treatyIndex(id), state.treaties[ti].status == .inForce, state.treaties[ti].isMember(b) else {
            if narrative { rejectOrder(b, "you are not a member of a treaty #\(id) in force.") }; return
        }
        guard state.treaties[ti].type.canBeViolatedSecretly else {
            if narrative { rejectOrder(b, "\(state.treaties[ti].type.lowerTitleWithArticle) cannot be broken in secret.") }; return
        }
        if violate {
            if state.treaties[ti].violations.contains(where: { $0.bloc == b && $0.active }) { return }
            var known = [Bool](repeating: false, count: n)
            known[b] = true
            state.treaties[ti].violations.append(Violation(bloc: b, since: turn, active: true, detectedTurn: nil, knownBy: known))
            if narrative { news(.diplomacy, "You are now secretly breaking \(state.treaties[ti].name).", audience: [b]) }
        } else {
            for v in state.treaties[ti].violations.indices where state.treaties[ti].violations[v].bloc == b {
                state.treaties[ti].violations[v].active = false
            }
            if narrative { news(.diplomacy, "You stopped breaking \(state.treaties[ti].name).", audience: [b]) }
        }
    }

    private mutating func statement(_ b: Int, _ text: String, _ target: String?) {
        let quoted = String(text.prefix(200))
        guard let target else {
            if narrative { news(.diplomacy, "\(name(b)) statement: “\(quoted)”", audience: []) }
            changeTension(by: -0.3, narrative ? "reassuring statement by \(name(b))" : "")
            return
        }
        guard let t = scenario.blocIndex(target), t != b else { rejectOrder(b, "\(target) is not another bloc."); return }
        if narrative { news(.diplomacy, "\(name(b)) publicly accuses \(name(t)): “\(quoted)”", audience: []) }
        // An attribution backed by evidence the speaker holds makes the hostile act public.
        var evidence = false
        for i in state.harvests.indices where state.harvests[i].harvester == t && state.harvests[i].knownBy[b] && state.harvests[i].active {
            evidence = true
            for o in 0..<n { state.harvests[i].knownBy[o] = true }
        }
        for ti in state.treaties.indices {
            for v in state.treaties[ti].violations.indices where state.treaties[ti].violations[v].bloc == t && state.treaties[ti].violations[v].knownBy[b] {
                evidence = true
                for o in 0..<n { state.treaties[ti].violations[v].knownBy[o] = true }
            }
        }
        if state.blocs[t].hasCRQC && state.blocs[t].crqcKnownBy[b] && !state.blocs[t].crqcPublic {
            evidence = true
            crqcExposed(t, cause: "\(name(b)) exposed \(owner(t)) CRQC", severity: 0.7)
        }
        changeTrust(b, t, by: -8, narrative ? "\(name(b)) accused \(name(t)) publicly" : "")
        changeTension(by: 2, narrative ? "public accusation by \(name(b))" : "")
        if evidence {
            if narrative { news(.intelligence, "\(name(b)) backs the accusation with evidence; \(owner(t)) operations are now public knowledge.", audience: []) }
            change(t, .support, by: -2, narrative ? "caught out by \(owner(b)) evidence" : "")
            state.blocs[b].influencePoints += 1
        } else {
            if narrative { news(.intelligence, "\(name(b)) offered no evidence for its accusation against \(name(t)).", audience: []) }
            state.blocs[b].influencePoints = max(0, state.blocs[b].influencePoints - 1)
            for o in 0..<n where o != b && o != t { changeTrust(b, o, by: -1, narrative ? "unsupported accusation by \(name(b))" : "") }
        }
    }

    /// Protection of a bloc's government link: the migrated share of its first QKD-capable (state) sector plus QKD cover.
    func linkProtection(_ b: Int) -> Double {
        let s = scenario.sectors.firstIndex(where: { $0.qkd }) ?? 0
        guard s < sectorCount else { return 0 }
        let f = state.blocs[b].pqc[s]
        return clamp(f + (1 - f) * qkdCover(b), 0, 1)
    }

    private mutating func sendMessage(_ b: Int, _ to: String, _ text: String) {
        guard let r = scenario.blocIndex(to), r != b else { rejectOrder(b, "messages go to another delegation, not \(to)."); return }
        let sp = linkProtection(b), rp = linkProtection(r)
        var dice = rng(.diplomacy, item: b, salt: 1000 + state.nextMessageID)
        let safe = dice.unit() < min(sp, rp)
        var harvested: [Int] = []
        if !safe {
            for op in state.harvests where op.active && (op.target == b || op.target == r) && op.harvester != b && op.harvester != r {
                if !harvested.contains(op.harvester) { harvested.append(op.harvester) }
            }
            harvested.sort()
        }
        let id = state.nextMessageID
        state.nextMessageID += 1
        state.messages.append(Message(id: id, turn: turn, from: b, to: r, text: text.utf8.count <= 1000 ? text : String(text.prefix(1000)),
                                      senderProtection: sp, receiverProtection: rp, quantumSafe: safe,
                                      harvestedBy: harvested, readBy: []))
    }

    private mutating func resolveDialogues() {
        for b in 0..<n {
            for o in dialogueWith[b] {
                let summit = dialogueWith[o].contains(b)
                if summit && o < b { continue } // a summit is counted once
                if summit {
                    changeTrust(b, o, by: 6, narrative ? "summit of \(name(b)) and \(name(o))" : "")
                    changeTension(by: -1.5, narrative ? "summit of \(name(b)) and \(name(o))" : "")
                    if narrative { news(.diplomacy, "\(name(b)) and \(name(o)) held a summit.", audience: []) }
                } else {
                    changeTrust(b, o, by: 3, narrative ? "\(name(b)) opened a dialogue with \(name(o))" : "")
                    changeTension(by: -0.5, narrative ? "dialogue between \(name(b)) and \(name(o))" : "")
                    if narrative { news(.diplomacy, "\(name(b)) opened a dialogue with \(name(o)).", audience: []) }
                }
            }
        }
    }
}
