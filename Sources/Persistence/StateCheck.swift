import Foundation
import GameCore

/// Checks that a snapshot read from a file fits its scenario before the engine touches it: every
/// array has the size the engine indexes it by, and every bloc, sector or event reference is in
/// range. A snapshot that fails would otherwise crash the game several turns later.
enum StateCheck {
    static func problem(_ s: GameState, _ scenario: Scenario, turnsPlayed: Int) -> String? {
        let n = scenario.blocs.count, sectors = scenario.sectors.count, chokes = scenario.chokepoints.count
        let initial = GameState.initial(scenario)
        func bloc(_ b: Int) -> Bool { b >= 0 && b < n }
        func blocs(_ list: [Int]) -> Bool { list.allSatisfy(bloc) }
        func sector(_ k: Int) -> Bool { k >= 0 && k < sectors }
        if s.turn != turnsPlayed { return "the snapshot is at turn \(s.turn + 1) but the log holds \(turnsPlayed) turns" }
        if s.turn < 0 || s.turn > scenario.calendar.turnCount { return "the snapshot's turn is outside the scenario's calendar" }
        if s.blocs.count != n { return "the snapshot has \(s.blocs.count) blocs and the scenario \(n)" }
        if s.trust.count != n * n || s.intelFreshness.count != n * n { return "the snapshot's trust table does not fit the scenario" }
        if s.eventFired.count != scenario.events.count { return "the snapshot's event list does not fit the scenario" }
        for (b, x) in s.blocs.enumerated() {
            let i = initial.blocs[b]
            let ok = x.allocation.count == i.allocation.count && x.pipeline.count == i.pipeline.count
                && x.pqc.count == sectors && x.pqcPace.count == sectors && x.mandates.count == sectors
                && x.supply.count == chokes && x.access.count == chokes && x.crqcKnownBy.count == n
                && x.pillars.count == i.pillars.count && x.objectives.count == i.objectives.count
                && x.objectivesRevealedTo.count == n && x.exposure.count == sectors
            if !ok { return "bloc \(scenario.blocs[b].id) in the snapshot does not fit the scenario" }
        }
        for t in s.treaties {
            let k = t.parties.count
            guard k >= 1, blocs(t.parties), bloc(t.proposer), t.answers.count == k, t.ratifyAt.count == k, t.withdrawn.count == k,
                  blocs(t.terms.targets), t.terms.sectors.allSatisfy(sector), t.terms.host.map(bloc) ?? true,
                  t.violations.allSatisfy({ bloc($0.bloc) && $0.knownBy.count == n }) else {
                return "treaty \(t.id) in the snapshot names blocs or sectors the scenario does not have"
            }
        }
        if !s.controls.allSatisfy({ bloc($0.by) && bloc($0.target) }) { return "an export control in the snapshot names an unknown bloc" }
        if !s.harvests.allSatisfy({ bloc($0.harvester) && bloc($0.target) && $0.knownBy.count == n }) {
            return "a harvest operation in the snapshot names an unknown bloc"
        }
        if !s.stockpile.allSatisfy({ bloc($0.harvester) && bloc($0.victim) && sector($0.sector) })
            || !s.archive.allSatisfy({ bloc($0.harvester) && bloc($0.victim) && sector($0.sector) }) {
            return "the harvested stockpile in the snapshot names unknown blocs or sectors"
        }
        if !s.messages.allSatisfy({ bloc($0.from) && bloc($0.to) && blocs($0.harvestedBy) && $0.readBy.allSatisfy { bloc($0.bloc) } }) {
            return "a message in the snapshot names an unknown bloc"
        }
        for d in s.dilemmas {
            guard bloc(d.bloc) else { return "a dilemma in the snapshot names an unknown bloc" }
            switch d.source {
            case .scenario(let e): if e < 0 || e >= scenario.events.count { return "a dilemma in the snapshot names an unknown event" }
            case .inject(let e): if e < 0 || e >= scenario.injects.count { return "a dilemma in the snapshot names an unknown inject" }
            case .custom: break
            }
        }
        if !s.freeActions.allSatisfy({ bloc($0.bloc) }) || !s.news.allSatisfy({ blocs($0.audience) })
            || !s.ledger.allSatisfy({ $0.subject >= -1 && $0.subject < n }) {
            return "the snapshot's news or ledger names an unknown bloc"
        }
        for r in s.history {
            guard r.blocs.count == n, r.blocs.allSatisfy({ $0.pqc.count == sectors && $0.mosca.count == sectors && $0.pillars.count == 4 }) else {
                return "the snapshot's history does not fit the scenario"
            }
        }
        return nil
    }

    /// A bound on every number in a log or snapshot: large enough for any real game, small enough
    /// that no arithmetic on it overflows into infinity.
    static func numbersProblem(_ value: Any?, limit: Double) -> Bool {
        // Containers are tried first: asking whether a dictionary is an NSNumber bridges the whole
        // dictionary to Foundation (most of the time it took to load a save).
        switch value {
        case let a as [Any]: return a.contains { numbersProblem($0, limit: limit) }
        case let o as [String: Any]: return o.values.contains { numbersProblem($0, limit: limit) }
        case is String: return false
        case let n as NSNumber: let d = n.doubleValue; return !(d.isFinite && abs(d) <= limit)
        default: return false
        }
    }
}
