/// Discussion questions for the hot wash, drawn from what happened in this game. Questions about
/// unusual moments (a secret CRQC, read messages, a broken treaty, a rejected action) come first;
/// questions that hold in every game (the outcome, the race leader, the most exposed bloc, the
/// tension peak, the scores) fill up to at least five. At most eight.
enum Questions {
    /// Facts the builder saw during the replay that the debrief does not keep in this form.
    struct Facts {
        struct Item { var bloc: String; var label: String; var text: String; var reason: String }
        struct Violation { var bloc: String; var treaty: String; var since: String; var detected: String? }
        var rejected: [Item]
        var unruled: [Item]
        var defaulted: [Item]
        var violations: [Violation]
        /// Per bloc index, the label of the turn its CRQC became public.
        var crqcPublic: [String?]
        /// Per bloc index, who learned of its CRQC before it was public, and when.
        var crqcLearned: [[(bloc: String, label: String)]]
        var catastrophe: String?
    }

    static func make(_ d: Debrief, facts: Facts) -> [String] {
        var special: [String] = []
        var always: [String] = []
        let last = d.history.last
        let end = d.turnLabels.last ?? "the start"

        // A CRQC held in secret.
        for (b, del) in d.delegations.enumerated() {
            guard let built = d.history.firstIndex(where: { b < $0.blocs.count && $0.blocs[b].hasCRQC }) else { continue }
            let builtLabel = d.turnLabels[built]
            let publicLabel = b < facts.crqcPublic.count ? facts.crqcPublic[b] : nil
            if publicLabel == builtLabel { continue }
            let until = publicLabel.map { "until \($0)" } ?? "to the end of the game"
            let learned = b < facts.crqcLearned.count ? facts.crqcLearned[b] : []
            let partial = learned.isEmpty ? "" : " " + join(learned.map { "\(d.name($0.bloc)) learned of it in \($0.label)" }) +
                (publicLabel == nil ? "; the others never did." : ", before the world did.")
            special.append("\(del.name) held a CRQC, hidden from the world, from \(builtLabel) \(until).\(partial) What would each delegation have done differently had it known in \(builtLabel), and what signs were there?")
            break
        }
        // Negotiation messages read by someone else.
        if let m = d.exposure.messagesRead.first {
            let readers = join(uniq(d.exposure.messagesRead.flatMap { $0.readBy.map(\.bloc) }).map(d.name))
            let count = d.exposure.messagesRead.count
            special.append("\(readers) read \(count) negotiation message\(count == 1 ? "" : "s") sent in confidence, starting with \(possessive(d.name(m.from))) message to \(d.name(m.to)) of \(m.sent). Which of those would you still have sent over that channel, and what should the senders have used instead?")
        }
        // A broken treaty.
        if let v = facts.violations.first {
            let caught = v.detected.map { "It was caught in \($0)." } ?? "It was never caught."
            special.append("\(d.name(v.bloc)) broke \(v.treaty) from \(v.since). \(caught) What verification or incentive would have made keeping the treaty the better choice?")
        }
        // A rejected free action.
        if let r = facts.rejected.first {
            special.append("The facilitator rejected \(possessive(d.name(r.bloc))) proposal of \(r.label) (“\(unstop(clip(r.text, 80)))”) because “\(unstop(clip(r.reason, 100)))”. What would have made it acceptable, and what did \(d.name(r.bloc)) do instead?")
        }
        // A catastrophe.
        if let c = facts.catastrophe {
            let worst = d.delegations.max { a, b in a.exposure != b.exposure ? a.exposure < b.exposure : a.id > b.id }
            special.append("Harvest-now-decrypt-later turned into a catastrophe in \(c)\(worst.map { ", hitting \($0.name) hardest" } ?? ""). At what earlier turn could the blocs together still have prevented it?")
        }
        // A free action never ruled on.
        if let u = facts.unruled.first {
            special.append("\(possessive(d.name(u.bloc))) proposal of \(u.label) (“\(clip(u.text, 80))”) was never ruled on. How should it have been decided, and would it have changed the game?")
        }
        // A dilemma left to its default.
        if let x = facts.defaulted.first {
            special.append("No choice was entered in time for \(d.name(x.bloc)) on “\(x.text)” in \(x.label), so “\(x.reason)” applied by default. Was there time to decide, and would a choice have changed anything?")
        }

        // Questions for every game.
        if d.finished {
            always.append("The game ended as “\(d.outcome.title)”. " + (d.turningPoints.first.map { p in
                "The largest single cause of change was “\(p.cause)” in \(p.label). Which decisions by which delegations made that outcome more or less likely?"
            } ?? "Which decisions by which delegations made that outcome more or less likely?"))
        } else {
            always.append("The game is unfinished: \(d.turnsPlayed) of \(d.turnCount) turns played. " + (d.turningPoints.first.map { p in
                "The largest single cause of change so far was “\(p.cause)” in \(p.label). Which decisions by which delegations are steering the game, and towards what outcome?"
            } ?? "Which decisions by which delegations are steering the game, and towards what outcome?"))
        }
        if let last {
            var leader = 0
            for b in last.blocs.indices where last.blocs[b].computing > last.blocs[leader].computing { leader = b }
            let name = d.delegations[leader].name
            let pct = Int((last.blocs[leader].computing / max(1, last.crqcLogicalQubits) * 100).rounded())
            if let first = d.outcome.firstCRQC {
                always.append("\(d.name(first.bloc)) crossed the CRQC threshold first, in \(first.label). Were export controls, research pacts or budgets the deciding factor, and could anyone have slowed or matched it?")
            } else {
                always.append("\(name) led the computing race, at \(pct) % of the CRQC threshold by \(end). Did the other delegations judge the distance to Q-Day well, and how did that shape their migration?")
            }
        }
        if let worst = d.delegations.max(by: { a, b in a.exposure != b.exposure ? a.exposure < b.exposure : a.id > b.id }), worst.exposure > 0 {
            let rows = d.exposure.decrypted.filter { $0.victim == worst.id }
            let sector = rows.first.flatMap { r in d.sectors.first { $0.id == r.sector }?.name.lowercased() } ?? "its"
            let reader = rows.first.map { d.name($0.harvester) } ?? "others"
            always.append("\(worst.name) lost the most to harvest-now-decrypt-later: \(reader) read its \(sector) traffic." +
                          moscaClause(d, bloc: worst.id) +
                          " When should \(worst.name) have started migrating, and what would it have cost?")
        } else if let last {
            var slowest = 0
            for b in last.blocs.indices where mean(last.blocs[b].pqc) < mean(last.blocs[slowest].pqc) { slowest = b }
            let pct = Int((mean(last.blocs[slowest].pqc) * 100).rounded())
            always.append("No harvested secret was read, yet \(d.delegations[slowest].name) had migrated only \(pct) % of its traffic by \(end). Was it lucky or right, and what would a CRQC one year earlier have exposed?")
        }
        if !d.history.isEmpty {
            var peak = 0
            for t in d.history.indices where d.history[t].tension > d.history[peak].tension { peak = t }
            let label = d.turnLabels[peak]
            let opening = d.charts.first { $0.id == "world" }?.series.first { $0.key == "tension" }?.values.first
            if let opening, opening >= d.history[peak].tension {
                always.append("Tension never rose above its opening \(fmt(opening, 0)) and ended at \(fmt(d.history[d.history.count - 1].tension, 0)). What kept it down, and would that hold in a real crisis?")
            } else {
                let cause = d.turns.first { $0.turn == d.history[peak].turn }?.tensionCause.map { " (its largest push that turn: \(clip($0, 90)))" } ?? ""
                always.append("Tension peaked at \(fmt(d.history[peak].tension, 0)) in \(label)\(cause). Who could have de-escalated, and with what?")
            }
        }
        let ranked = d.delegations.sorted { $0.rank < $1.rank }
        if let top = ranked.first, let bottom = ranked.last, top.id != bottom.id {
            let missed = bottom.objectives.filter { $0.status == "missed" }.map(\.text)
            always.append((d.finished ? "\(top.name) finished with the highest score and \(bottom.name) with the lowest"
                                      : "\(top.name) leads so far with the highest score and \(bottom.name) has the lowest") +
                          (missed.isEmpty ? "." : ", missing “\(unstop(clip(missed[0], 80)))”.") +
                          " Did each pursue its own objectives, or react to the others?")
        }
        var out = Array(special.prefix(5))
        for q in always where out.count < 8 { out.append(q) }
        for q in special.dropFirst(5) where out.count < 8 { out.append(q) }
        // A game stopped before its first turn still gets five questions, about the objectives.
        for del in d.delegations where out.count < 5 {
            let aim = del.objectives.first.map { "“\(clip($0.text, 80))”" } ?? "its objectives"
            out.append("\(del.name) set out to achieve \(aim). What stands in its way, and which other delegation could help?")
        }
        return out.map(tidyQuotes)
    }

    /// What the report's Mosca grid says of one bloc, in a sentence that cannot contradict it:
    /// how many of its sectors were red at the first turn any was, or that all were red throughout.
    static func moscaClause(_ d: Debrief, bloc: String) -> String {
        let rows = d.mosca.filter { $0.bloc == bloc }
        guard let first = d.turnLabels.indices.first(where: { t in rows.contains { t < $0.statuses.count && $0.statuses[t] == .red } }) else { return "" }
        let red = rows.filter { first < $0.statuses.count && $0.statuses[first] == .red }.count
        if rows.allSatisfy({ $0.statuses.allSatisfy { $0 == .red } }) {
            return " Mosca's inequality was red for all \(rows.count) of its sectors at every turn."
        }
        let which = red == rows.count ? "all \(rows.count) of its sectors" : (red == 1 ? "one of its \(rows.count) sectors" : "\(red) of its \(rows.count) sectors")
        return " Mosca's inequality was already red for \(which) in \(d.turnLabels[first])."
    }

    /// A quotation without its closing full stop, for use inside a sentence.
    static func unstop(_ s: String) -> String { s.hasSuffix(".") ? String(s.dropLast()) : s }

    static func uniq(_ items: [String]) -> [String] {
        var out: [String] = []
        for i in items where !out.contains(i) { out.append(i) }
        return out
    }

    static func mean(_ xs: [Double]) -> Double {
        var s = 0.0
        for x in xs { s += x }
        return xs.isEmpty ? 0 : s / Double(xs.count)
    }
}
