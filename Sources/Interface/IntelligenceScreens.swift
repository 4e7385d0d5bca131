// Intelligence and dilemmas: what a delegation knows of others, and the choices events put to it.
import GameCore
import Strategy

/// The odds of intelligence orders in words, from the rules the intelligence phase applies.
enum IntelText {
    /// Espionage and counter-intelligence odds against `target` (PhaseIntelligence): success
    /// espionageSuccess × (1 − 0.6 × their counter-intelligence) × (0.5 + 0.5 × your SIGINT), halved
    /// by a campaign; capture espionageDetection × (0.3 + 0.7 × their counter-intelligence).
    static func odds(_ g: Game, _ me: BlocState, target: Int) -> String {
        let rules = g.scenario.rules
        let sigint = 0.5 + 0.5 * me.sigint / 100
        let best = min(0.95, rules[.espionageSuccess] * sigint)
        let worst = min(0.95, rules[.espionageSuccess] * 0.4 * sigint)
        let caughtLow = min(0.95, rules[.espionageDetection] * 0.3)
        let caughtHigh = min(0.95, rules[.espionageDetection])
        let name = g.scenario.blocs[target].id
        return "x on \(name): succeeds \(Widgets.int(worst * 100))–\(Widgets.int(best * 100)) %, caught \(Widgets.int(caughtLow * 100))–\(Widgets.int(caughtHigh * 100)) % (−12 trust, +3 tension) by its hidden counter-intelligence; the report gives the result. i: spies on you succeed half as often, are caught twice as often; harvests ×3."
    }
}

/// Finds the event behind a dilemma.
enum EventText {
    static func definition(_ source: EventSource, _ s: Scenario) -> EventDef? {
        switch source {
        case .scenario(let i): return s.events.indices.contains(i) ? s.events[i] : nil
        case .inject(let i): return s.injects.indices.contains(i) ? s.injects[i] : nil
        case .custom: return nil
        }
    }

    /// An event's text for this table: without a facilitator seated, sentences that hand something
    /// to the facilitator ("The facilitator may table it …") are left out, as nobody will.
    static func forTable(_ text: String, facilitator: Bool) -> String {
        guard !facilitator, text.contains("facilitator") else { return text }
        var sentences: [String] = []
        var current = ""
        for c in text {
            current.append(c)
            if c == "." || c == "!" || c == "?" {
                sentences.append(current); current = ""
            }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences.filter { !$0.lowercased().contains("the facilitator") }.joined()
            .trimmingCharacters()
    }
}

extension Renderer {
    // MARK: - 7 Intelligence

    mutating func drawIntelligence(_ v: GameView, _ g: Game, _ r: Rect) {
        guard let me = v.viewerIndex, let mine = v.me else { return }
        var y = r.y
        let crqc = mine.crqcTurn != nil ? (mine.decrypting ? "Your CRQC is decrypting the stockpile." : "You hold a CRQC (not decrypting).") : "You have no CRQC."
        put(r.x, y, "SIGINT \(Int(mine.sigint)) · counter-intelligence \(Int(mine.counterintel))\(mine.counterCampaign ? " (campaign on)" : "") · \(crqc)", .bold, maxWidth: r.w)
        y += 2
        put(r.x, y, " Bloc  Your harvest   Stockpile   Qubits (est.) ± error  CRQC      Harvests", .bold, maxWidth: r.w)
        y += 1
        let others = g.scenario.blocs.indices.filter { $0 != me }
        for (k, t) in others.enumerated() where y < r.y + r.h - 6 {
            let b = v.blocs[t]
            let mineOp = v.harvests.first { $0.harvester == me && $0.target == t }
            let harvest = mineOp.map { $0.active ? ($0.detectedTurn != nil || $0.knownBy[t] ? "on, exposed" : "on") : "stopped" } ?? "—"
            // Every harvest of this bloc you know of: against you, and against others once made public.
            let known = v.harvests.filter { $0.harvester == t && $0.target != t && $0.active }
            let victims = known.sorted { ($0.target == me ? -1 : $0.target) < ($1.target == me ? -1 : $1.target) }
                .map { $0.target == me ? "you" : g.scenario.blocs[$0.target].id }
            let against = victims.isEmpty ? "none known" : (known.contains { $0.target == me } ? "⚠ " : "") + victims.joined(separator: ", ")
            let line = Widgets.fit(b.id, 6) + Widgets.fit(harvest, 13) + Widgets.fit(Widgets.number(v.stockpileByVictim[t]), 11, right: true) + "  "
                + Widgets.fit(Widgets.number(b.computing.value), 12, right: true) + Widgets.fit("±\(Int((b.computing.error * 100).rounded()))%", 9, right: true) + "  "
                + Widgets.fit(b.knownCRQC ? "⚠ yes" : "unknown", 10) + against
            let selected = app.row(.intelligence) == k
            screen.markListItem(y)
            put(r.x, y, Widgets.fit((selected ? "▸" : " ") + line, r.w), selected ? Style(reverse: true) : (against.hasPrefix("⚠") ? .warn : .plain))
            y += 1
        }
        // The odds of what the keys order, from the rules; the target's counter-intelligence is
        // hidden, so they are given as a range over it.
        if others.indices.contains(app.row(.intelligence)), y < r.y + r.h - 4 {
            let t = others[app.row(.intelligence)]
            for line in Widgets.wrap(IntelText.odds(g, mine, target: t), width: r.w).prefix(3) { put(r.x, y, line, .dim); y += 1 }
        }
        y += 1
        put(r.x, y, "Decrypted archive", .title)
        y += 1
        let total = v.archive.reduce(0) { $0 + $1.value }
        if v.archive.isEmpty {
            for line in Widgets.wrap("Nothing decrypted yet. Harvested traffic waits for a CRQC; its value decays with the sector's shelf life.", width: r.w) {
                put(r.x, y, line, .dim); y += 1
            }
        } else {
            put(r.x, y, "Read so far: value \(Widgets.number(total)) from \(v.archive.count) batches.", .plain, maxWidth: r.w)
            y += 1
        }
        let read = v.messages.filter { m in m.readBy.contains { $0.bloc == me } && m.from != me && m.to != me }
        for m in read.suffix(max(0, r.y + r.h - y)) {
            put(r.x, y, Widgets.fit("✉ \(g.scenario.blocs[m.from].id)→\(g.scenario.blocs[m.to].id) (\(g.scenario.calendar.label(m.turn))): \(m.text)", r.w), .warn)
            y += 1
        }
    }

    // MARK: - 9 Dilemmas

    mutating func drawDilemmas(_ v: GameView, _ g: Game, _ r: Rect) {
        var y = r.y
        if v.dilemmas.isEmpty {
            put(r.x, y, "No open dilemmas. When an event asks your delegation to choose, it appears here.", .dim, maxWidth: r.w)
            return
        }
        put(r.x, y, "Choose before you end the turn; an unanswered dilemma takes its last option.", .dim, maxWidth: r.w)
        y += 2
        for (i, d) in v.dilemmas.enumerated() where y < r.y + r.h - 2 {
            guard let def = EventText.definition(d.source, g.scenario) else { continue }
            let chosen = app.pendingOrders.compactMap { o -> Int? in
                if case .chooseDilemma(let id, let option) = o, id == d.id { return option }
                return nil
            }.last
            screen.markListItem(y)
            put(r.x, y, Widgets.fit((i == app.row(.dilemmas) ? "▸" : "") + "#\(d.id) \(def.title)" + (chosen.map { " — you chose: \(def.dilemma!.options[$0].label)" } ?? " — not chosen yet"), r.w), i == app.row(.dilemmas) ? Style(reverse: true) : .bold)
            y += 1
            for line in Widgets.wrap(EventText.forTable(def.text, facilitator: app.facilitatorSeat || app.seat == .facilitator || app.isSeated), width: r.w - 2).prefix(3) { put(r.x + 2, y, line, .plain); y += 1 }
            for (k, o) in (def.dilemma?.options ?? []).enumerated() where y < r.y + r.h {
                let effects = EffectText.describe(o.effects, scenario: g.scenario, viewer: v.viewerIndex)
                // The option in words, over up to three lines so its effects are not cut off.
                for (j, line) in Widgets.wrap("\(k + 1)) \(o.label)" + (effects.isEmpty ? "" : " [\(effects)]"), width: r.w - 5).prefix(3).enumerated() where y < r.y + r.h {
                    put(r.x + (j == 0 ? 2 : 5), y, line, .dim)
                    y += 1
                }
            }
            y += 1
        }
    }
}
