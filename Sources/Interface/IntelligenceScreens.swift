// Intelligence and dilemmas: what a delegation knows of others, and the choices events put to it.
import GameCore
import Strategy

/// Finds the event behind a dilemma.
enum EventText {
    static func definition(_ source: EventSource, _ s: Scenario) -> EventDef? {
        switch source {
        case .scenario(let i): return s.events.indices.contains(i) ? s.events[i] : nil
        case .inject(let i): return s.injects.indices.contains(i) ? s.injects[i] : nil
        case .custom: return nil
        }
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
        put(r.x, y, "Bloc  Your harvest   Stockpile   Qubits (est.) ± error  CRQC      Harvests you", .bold, maxWidth: r.w)
        y += 1
        let others = g.scenario.blocs.indices.filter { $0 != me }
        for (k, t) in others.enumerated() where y < r.y + r.h - 6 {
            let b = v.blocs[t]
            let mineOp = v.harvests.first { $0.harvester == me && $0.target == t }
            let harvest = mineOp.map { $0.active ? ($0.detectedTurn != nil || $0.knownBy[t] ? "on, exposed" : "on") : "stopped" } ?? "—"
            let against = v.harvests.contains { $0.harvester == t && $0.target == me && $0.active } ? "⚠ detected" : "none known"
            let line = Widgets.fit(b.id, 6) + Widgets.fit(harvest, 13) + Widgets.fit(Widgets.number(v.stockpileByVictim[t]), 11, right: true) + "  "
                + Widgets.fit(Widgets.number(b.computing.value), 12, right: true) + Widgets.fit("±\(Int((b.computing.error * 100).rounded()))%", 9, right: true) + "  "
                + Widgets.fit(b.knownCRQC ? "⚠ yes" : "unknown", 10) + against
            put(r.x, y, Widgets.fit(line, r.w), app.row(.intelligence) == k ? Style(reverse: true) : (against.hasPrefix("⚠") ? .warn : .plain))
            y += 1
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
            put(r.x, y, Widgets.fit("#\(d.id) \(def.title)" + (chosen.map { " — you chose: \(def.dilemma!.options[$0].label)" } ?? " — not chosen yet"), r.w), i == app.row(.dilemmas) ? Style(reverse: true) : .bold)
            y += 1
            for line in Widgets.wrap(def.text, width: r.w - 2).prefix(3) { put(r.x + 2, y, line, .plain); y += 1 }
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
