// Diplomacy: treaties and proposals, drafting a treaty, and the messages between delegations.
import GameCore
import Strategy

/// Rows of the diplomacy screen: proposals waiting for me first, then my treaties, then others'.
enum DiplomacyRows {
    struct Row { var treaty: Treaty; var known: [Violation] }

    static func make(_ v: GameView) -> [Row] {
        guard let me = v.viewerIndex else { return v.treaties.map { Row(treaty: $0.treaty, known: $0.knownViolations) } }
        func rank(_ t: Treaty) -> Int {
            if t.status == .proposed, let k = t.parties.firstIndex(of: me), t.answers[k] == .pending { return 0 }
            if t.status == .proposed { return 1 }
            if (t.status == .inForce || t.status == .signed) && t.isMember(me) { return 2 }
            if t.status == .inForce || t.status == .signed { return 3 }
            return 4
        }
        let rows = v.treaties.map { Row(treaty: $0.treaty, known: $0.knownViolations) }
        return rows.enumerated().sorted { a, b in
            let ra = rank(a.element.treaty), rb = rank(b.element.treaty)
            return ra != rb ? ra < rb : a.offset > b.offset
        }.map(\.element).filter { rank($0.treaty) < 4 || $0.treaty.endedTurn.map { v.turn - $0 <= 4 } == true }
    }
}

extension Renderer {
    // MARK: - 6 Diplomacy

    mutating func drawDiplomacy(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.viewerIndex else { return }
        var y = r.y
        put(r.x, y, "Treaties and proposals", .title)
        put(r.x + 26, y, "governance \(Int(v.world.governance.rounded())) · tension \(Int(v.world.tension.rounded()))", .dim)
        y += 1
        let rows = DiplomacyRows.make(v)
        let listHeight = max(3, r.h - 9)
        if rows.isEmpty { put(r.x, y, "No treaties yet. Press p to draft a proposal.", .dim) }
        let sel = app.row(.diplomacy)
        let first = max(0, min(sel - listHeight + 1, rows.count - listHeight))
        for (i, row) in rows.enumerated().dropFirst(first).prefix(listHeight) {
            let t = row.treaty
            var status: String
            var st: Style = .plain
            switch t.status {
            case .proposed:
                if let k = t.parties.firstIndex(of: me), t.answers[k] == .pending {
                    // An answer ordered this turn is sent when the orders end.
                    let answer = app.pendingOrders.reduce(Bool?.none) { last, o in
                        if case .respondTreaty(let id, let accept) = o, id == t.id { return accept }
                        return last
                    }
                    switch answer {
                    case true?: status = "you accept"; st = .good
                    case false?: status = "you reject"
                    case nil: status = "ANSWER NEEDED"; st = .warn
                    }
                } else { status = "proposed" }
            case .signed: status = "signed, ratifying"
            case .inForce: status = "in force"; st = .good
            case .rejected: status = "rejected"; st = .dim
            case .lapsed: status = "lapsed"; st = .dim
            case .dissolved: status = "dissolved"; st = .dim
            }
            let member = t.isMember(me) ? "◆" : " "
            let violation = row.known.isEmpty ? "" : " ⚠ breach by " + row.known.map { g.scenario.blocs[$0.bloc].id }.joined(separator: ",")
            let line = (i == sel ? "▸" : " ") + "\(member) #\(t.id) " + Widgets.fit(t.name, max(40, r.w - 41)) + " " + Widgets.fit(status, 18)
            screen.markListItem(y)
            put(r.x, y, Widgets.fit(line, r.w), i == sel ? Style(reverse: true) : st)
            if !violation.isEmpty { put(r.x + min(r.w - 20, Screen.displayWidth(line)), y, violation, .bad, maxWidth: 20) }
            y += 1
        }
        y = r.y + 1 + listHeight + 1
        if rows.indices.contains(sel) {
            let t = rows[sel].treaty
            let parties = t.parties.enumerated().map { k, b in "\(g.scenario.blocs[b].id)" + (t.answers[k] == .accepted ? (t.withdrawn[k] ? "(left)" : "") : (t.answers[k] == .pending ? "?" : "✗")) }
            var detail = "\(t.type.title): \(TreatyHelp.effect(t.type)) Parties: \(parties.joined(separator: " "))."
            // When the viewer's answer is due: a proposal still unanswered when it expires fails.
            if t.status == .proposed, let k = t.parties.firstIndex(of: me), t.answers[k] == .pending {
                let due = t.proposedTurn + Int(g.scenario.rules[.proposalExpiryTurns].rounded(.up))
                detail = (due <= g.state.turn ? "Answer this turn (a or r): unanswered, it fails when the turn is resolved. "
                          : "Answer by \(g.scenario.calendar.label(due)) (a or r): unanswered, it fails then. ") + detail
            }
            if let d = t.terms.deadline { detail += " Deadline \(g.scenario.calendar.label(d))." }
            if let f = t.terms.family { detail += " Family \(f.title)." }
            if !t.terms.targets.isEmpty { detail += " Against \(t.terms.targets.map { g.scenario.blocs[$0].id }.joined(separator: ", ")) on \(t.terms.categories.map(\.rawValue).joined(separator: ", "))." }
            // What it does to the viewer's own sectors comes first: it is what an answer commits to.
            if t.parties.contains(me) || t.proposer == me, t.status == .proposed || t.status == .signed,
               let binds = TreatyHelp.bindsYou(type: t.type, family: t.terms.family, deadline: t.terms.deadline, me: v.me, g) {
                detail = binds + " " + detail
            }
            for line in Widgets.wrap(detail, width: r.w).prefix(4) { put(r.x, y, line, .dim); y += 1 }
        }
        y = r.y + r.h - 3
        put(r.x, y, "Trust with you:", .bold)
        var x = r.x + 16
        for b in v.blocs where b.index != me {
            let t = Int(b.trustWithViewer.rounded())
            let text = "\(b.id) \(t) "
            if x + Screen.displayWidth(text) > r.w { y += 1; x = r.x + 16 }
            guard y < r.y + r.h else { break }
            put(x, y, text, t >= 50 ? .good : (t <= -30 ? .bad : .plain))
            x += Screen.displayWidth(text)
        }
    }

    // MARK: - 8 Messages

    mutating func drawMessages(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.viewerIndex, let mine = v.me else { return }
        var y = r.y
        let s = g.scenario.sectors.firstIndex { $0.qkd } ?? 0
        let protection = Int((min(1, mine.pqc[s]) * 100).rounded())
        for line in Widgets.wrap("Negotiation channel. Your government link is \(protection) % post-quantum: a message over an unprotected link can be harvested and read once the harvester has a CRQC.", width: r.w) {
            put(r.x, y, line, .dim); y += 1
        }
        y += 1
        var lines: [(String, Style)] = []
        for m in v.messages.reversed() {
            let dir = m.from == me ? "to \(g.scenario.blocs[m.to].name)" : (m.to == me ? "from \(g.scenario.blocs[m.from].name)" : "intercepted \(g.scenario.blocs[m.from].id)→\(g.scenario.blocs[m.to].id)")
            let safe = m.quantumSafe ? "🔒" : "⚠ unprotected"
            lines.append(("\(g.scenario.calendar.label(m.turn)) \(dir) \(safe)", .bold))
            for l in Widgets.wrap(m.text, width: r.w - 2) { lines.append(("  " + l, .plain)) }
        }
        for o in app.pendingOrders {
            if case .message(let to, let text) = o {
                lines.insert((app.isSeated ? "(this turn, delivered) to \(to): \(text)" : "(sending this turn) to \(to): \(text)", .warn), at: 0)
            }
        }
        // A room delivers messages as they are sent; they join the record when the turn resolves.
        var arrived: [(String, Style)] = []
        for m in app.incoming.reversed() {
            arrived.append(("(this turn) from \(g.scenario.blocs[m.from].name)", .key))
            for l in Widgets.wrap(m.text, width: r.w - 2) { arrived.append(("  " + l, .plain)) }
        }
        lines = arrived + lines
        if lines.isEmpty { lines = [("No messages yet. Press m to write to another delegation.", .dim)] }
        let visible = r.h - 2
        let start = min(app.scroll, max(0, lines.count - visible))
        for (text, st) in lines.dropFirst(start).prefix(visible) { put(r.x, y, Widgets.fit(text, r.w), st); y += 1 }
    }

    // MARK: - Treaty drafting

    mutating func drawDraft(_ d: TreatyDraft, x: Int, w: Int) {
        guard let g = app.game, let me = app.currentBloc else { return }
        let h = min(height - 2, 20)
        let y0 = max(1, (height - h) / 2)
        screen.fill(x, y0, w, h, " ", .plain)
        screen.box(x, y0, w, h, title: "Draft a treaty", style: style(.bold))
        var y = y0 + 1
        let others = g.scenario.blocs.indices.filter { $0 != me }
        let body = h - 4
        switch d.step {
        case .type:
            put(x + 2, y, "1. Which kind of treaty?", .bold); y += 1
            let first = max(0, min(d.typeIndex - body + 2, TreatyType.allCases.count - body + 1))
            for (i, t) in TreatyType.allCases.enumerated().dropFirst(first).prefix(body - 1) {
                put(x + 2, y, Widgets.fit((i == d.typeIndex ? "▶ " : "  ") + t.title, 32), i == d.typeIndex ? Style(reverse: true) : .plain)
                y += 1
            }
            let help = Widgets.wrap(TreatyHelp.effect(d.type), width: w - 38)
            for (k, l) in help.prefix(body).enumerated() { put(x + 36, y0 + 2 + k, l, .dim) }
        case .parties:
            put(x + 2, y, "2. Invite parties (Space toggles):", .bold); y += 1
            let first = max(0, min(d.cursor - body + 2, others.count - body + 1))
            for (k, b) in others.enumerated().dropFirst(first).prefix(body - 1) {
                let on = d.parties.contains(b)
                put(x + 2, y, Widgets.fit((on ? "◆ " : "◇ ") + g.scenario.blocs[b].name, w - 4), k == d.cursor ? Style(reverse: true) : (on ? .bold : .plain))
                y += 1
            }
        case .terms:
            put(x + 2, y, "3. Terms of the \(d.type.lowerTitle):", .bold); y += 1
            switch d.type {
            case .pqcAccord:
                put(x + 2, y, "Standard family  ◀ \(d.family.title) ▶", d.cursor == 0 ? Style(reverse: true) : .plain); y += 1
                put(x + 2, y, "Deadline         ◀ \(d.deadlineYear)-Q4 ▶", d.cursor == 1 ? Style(reverse: true) : .plain); y += 1
            case .exportRegime:
                for (i, c) in ControlCategory.allCases.enumerated() {
                    put(x + 2, y, "\(d.categories.contains(c) ? "◼" : "◻") control \(c.rawValue)", d.cursor == i ? Style(reverse: true) : .plain); y += 1
                }
                let outsiders = others.filter { !d.parties.contains($0) }
                for (i, t) in outsiders.enumerated() where y < y0 + h - 2 {
                    put(x + 2, y, "\(d.targets.contains(t) ? "◼" : "◻") against \(g.scenario.blocs[t].name)", d.cursor == ControlCategory.allCases.count + i ? Style(reverse: true) : .plain); y += 1
                }
            case .jointLab:
                put(x + 2, y, "Members pool ◀ \(Int(d.contribution)) % ▶ of their computing budget; you host it.", d.cursor == 0 ? Style(reverse: true) : .plain, maxWidth: w - 4); y += 1
            case .capacityFund:
                put(x + 2, y, "Each donor gives ◀ USD \(Widgets.number(d.fund)) bn ▶ a year to developing members.", d.cursor == 0 ? Style(reverse: true) : .plain, maxWidth: w - 4); y += 1
            default:
                put(x + 2, y, "This kind of treaty has no terms to set.", .dim); y += 1
            }
        case .confirm:
            put(x + 2, y, "4. Send this proposal?", .bold); y += 1
            let parties = ([me] + d.parties.sorted()).map { g.scenario.blocs[$0].id }.joined(separator: ", ")
            // The terms chosen on step 3, repeated so the proposal is read whole before it is sent.
            let t = app.terms(d, g)
            var terms: [String] = []
            if let f = t.family { terms.append("standard family \(f.title)") }
            if let deadline = t.deadline { terms.append("migration deadline \(deadline)") }
            if !t.targets.isEmpty { terms.append("controls on \(t.categories.map(\.rawValue).joined(separator: ", ")) against \(t.targets.joined(separator: ", "))") }
            if let host = t.host { terms.append("hosted by \(host)") }
            if let c = t.contribution { terms.append(d.type == .capacityFund ? "USD \(Widgets.number(c)) bn a year from each donor" : "\(Widgets.number(c)) % of each member's computing budget pooled") }
            let termText = terms.isEmpty ? "" : " Terms: " + terms.joined(separator: "; ") + "."
            let deadline = t.deadline.flatMap { TurnDate.parse($0) }.map { g.scenario.calendar.turnIndex(of: $0) }
            let binds = TreatyHelp.bindsYou(type: d.type, family: t.family, deadline: deadline, me: app.view?.me, g).map { " " + $0 } ?? ""
            for l in Widgets.wrap("\(d.type.title) between \(parties).\(termText)\(binds) \(TreatyHelp.effect(d.type)) Costs 1 political capital; the invited parties answer next turn.", width: w - 4) {
                put(x + 2, y, l); y += 1
            }
        }
        put(x + 2, y0 + h - 2, d.step == .type ? "↑↓ move · Enter next · Esc cancel" : (d.step == .confirm ? "Enter sends it · Esc back a step" : "↑↓ move · Enter next · Esc back a step"), .dim, maxWidth: w - 4)
    }
}

/// What each treaty type does, in one or two sentences.
enum TreatyHelp {
    /// What a PQC accord does to the viewer's own sectors when it enters into force
    /// (PhaseDiplomacy.enterIntoForce): every sector without an earlier mandate gets the accord's
    /// deadline as its mandate, and the standard family becomes the accord's.
    static func bindsYou(type: TreatyType, family: StandardFamily?, deadline: Int?, me: BlocState?, _ g: Game) -> String? {
        guard type == .pqcAccord, let me else { return nil }
        var parts: [String] = []
        if let deadline {
            let label = g.scenario.calendar.label(deadline)
            let bound = me.mandates.indices.filter { me.mandates[$0] < 0 || me.mandates[$0] > deadline }
            let later = bound.filter { me.mandates[$0] > deadline }
            if bound.isEmpty {
                parts.append("Your mandates are all due by \(label) already: it changes none.")
            } else {
                let names = bound.map { g.scenario.sectors[$0].name }
                parts.append("For you: in force, it mandates \(bound.count == me.mandates.count ? "all \(bound.count) of your sectors" : names.joined(separator: ", ")) quantum-safe by \(label)"
                             + (later.isEmpty ? "" : ", bringing forward \(later.count) later mandate\(later.count == 1 ? "" : "s") of yours")
                             + " (missed: −3 support and −1 trust with each member).")
            }
        }
        if let family, family != me.standard {
            parts.append("Your standard family becomes \(family.title) (switching redoes part of the migration).")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func effect(_ t: TreatyType) -> String {
        switch t {
        case .researchPact: return "Research spillover between parties in computing and sensing; talent flows; some leakage risk."
        case .jointLab: return "Members pool part of their computing budget and share the progress; the host gains influence; raises governance."
        case .pqcAccord: return "A common standard family and a shared deadline; shared tooling speeds migration; lowers fragmentation."
        case .exportRegime: return "Coordinated export controls against listed targets: no leaks among members; members lose some revenue."
        case .cbm: return "Breakthrough notification, transparency and a hotline: less fog, lower tension, crises de-escalate."
        case .cryptanalysisNorm: return "Members do not decrypt others' civilian sectors; a violation stays secret unless detected."
        case .verificationRegime: return "Inspections among parties: violations are detected far more often; costs some secrecy and support."
        case .talentExchange: return "Workforce grows for both sides; espionage exposure rises."
        case .supplyPact: return "Members keep supplying each other's chokepoint components and build supply faster."
        case .capacityFund: return "Donors fund developing members' workforce and migration; donors gain influence."
        }
    }
}
