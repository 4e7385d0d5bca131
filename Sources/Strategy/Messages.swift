import GameCore

/// Messages on the negotiation channel. They say what a delegation would say in the corridor —
/// which is exactly why a harvesting rival with a CRQC wants to read them later.
extension Planner {
    func planMessages() {
        var budget = level == .novice ? 1 : 2
        // About this turn's proposal.
        if let d = drafted, let first = d.partners.first, budget > 0 {
            give(.message(to: id(first), text: proposalText(d)))
            budget -= 1
        }
        // Explaining an answer to the proposer, now and then.
        for (t, accept) in answered where budget > 0 && t.proposer != me && t.proposer < n {
            guard chance(0.5) else { continue }
            give(.message(to: id(t.proposer), text: answerText(t, accept)))
            budget -= 1
        }
        // Keeping a partner close.
        guard budget > 0, let friend = friends.first, maybe(0.35 + 0.3 * profile.cooperation) else { return }
        give(.message(to: id(friend), text: partnerText(friend)))
    }

    func proposalText(_ d: Draft) -> String {
        // (Named in two of the texts only.)
        var names: String { d.partners.map { name($0) }.joined(separator: ", ") }
        switch d.type {
        case .pqcAccord:
            let deadline = d.terms.deadline ?? label(turn + max(1, min(4 * turnsPerYear, turnsLeft)))
            return "We are tabling a PQC accord on the \(d.terms.family?.rawValue ?? "nist") family with \(deadline) as the common deadline. If that date is too tight for you, tell us now rather than vote it down."
        case .exportRegime:
            let targets = d.terms.targets.joined(separator: ", ")
            return "Our unilateral controls on \(targets) leak through third countries. A common regime with \(names) would close the gap; we can absorb most of the lost sales."
        case .capacityFund:
            return "We propose a capacity-building fund of USD \(d.terms.contribution.map { "\($0)" } ?? "0.05") bn a year per donor for skills and migration. Partners who join early shape how it is spent."
        case .jointLab:
            return "A joint laboratory hosted by \(d.terms.host.flatMap { h in scenario.blocs.first { $0.id == h }?.name } ?? name(me)) would pool ten per cent of our computing budgets. Alone, none of us catches the leader."
        case .cbm:
            return "Tension is too high for anyone's good. We propose breakthrough notification and a hotline; it costs little and buys time."
        case .cryptanalysisNorm:
            return "Whoever gets a CRQC first, the banks and the grid should be off limits. We are proposing a cryptanalysis norm and hope you will sign."
        case .verificationRegime:
            return "Promises are not enough any more. We propose mutual inspections; our parliament will accept them if yours does."
        case .researchPact:
            return "Our labs want to work with yours. A research pact now would help both programmes before the controls tighten further."
        case .talentExchange:
            return "We propose a talent exchange: visas for researchers both ways, with the usual security screening."
        case .supplyPact:
            return "Our supply of cryogenic parts is one decision away from being cut. A supply-resilience pact with \(names) protects us both."
        }
    }

    func answerText(_ t: Treaty, _ accept: Bool) -> String {
        if accept {
            return "We accept \(t.name). Ratification at home may take a few quarters; please do not read anything into the delay."
        }
        let reason: String
        switch t.type {
        case .pqcAccord: reason = "the standard family and deadline do not fit our migration plan"
        case .exportRegime: reason = "the target list would cost us partners we need"
        case .verificationRegime: reason = "our parliament will not accept inspections"
        case .capacityFund: reason = "we cannot commit the contribution this year"
        case .cryptanalysisNorm: reason = "we will not bind our hands while others keep theirs free"
        default: reason = "the terms do not serve us at present"
        }
        return "We cannot accept \(t.name) as drafted: \(reason). We are open to a revised text."
    }

    func partnerText(_ friend: Int) -> String {
        if state.hasCRQC && !state.crqcPublic && profile.risk >= 0.5 {
            return "For your eyes only: our programme is further along than any estimate you have seen. We will say more when the time is right."
        }
        if let h = harvestedByKnown() {
            return "We have found \(name(h)) recording our government traffic. Assume your cables to us are collected too, and move them to quantum-safe links."
        }
        if let q = view.qDayBloc, q != friend, q < n, view.qDayYears < 12 {
            let years = (view.qDayYears * 10).rounded() / 10
            return "Our analysts put \(name(q)) about \(years) years from a cryptographically relevant quantum computer. We should coordinate our migration deadlines."
        }
        if let r = rivals.first {
            return "We are watching \(possessive(name(r))) programme closely. Can we compare notes at the next meeting?"
        }
        return "We value our cooperation and would like to deepen it on skills and supply chains."
    }
}
