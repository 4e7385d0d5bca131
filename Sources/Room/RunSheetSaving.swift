import GameCore
import Interface
import Persistence
import ScenarioFormat

/// The run sheet between the console (`AppState`) and a save's seats (docs/saves.md, "runSheet").
public enum RunSheetSaving {
    /// The record of the game's run sheet and decisions, or nil when it has none.
    public static func record(_ app: AppState) -> RunSheetRecord? {
        guard let g = app.game else { return nil }
        let plan = app.plannedInjects
        guard !plan.isEmpty else { return nil }
        let calendar = g.scenario.calendar
        return RunSheetRecord(
            planned: plan.map { .init(turn: calendar.label($0.turn), inject: $0.inject, note: $0.note.isEmpty ? nil : $0.note) },
            decisions: app.runSheetDecisions.map { .init(turn: calendar.label($0.turn), entry: $0.entry, inject: $0.inject, decision: $0.kind.rawValue) })
    }

    /// Puts a saved run sheet back into the console; entries this scenario cannot use are left out,
    /// and a run sheet given on the command line (`given`) takes the place of the saved plan.
    public static func restore(_ record: RunSheetRecord?, given: [PlannedInject]?, into app: inout AppState) {
        guard let g = app.game else { return }
        let calendar = g.scenario.calendar
        // Saves write each turn's own label, so a label is found among the game's turns.
        func turn(_ label: String) -> Int? { (0..<calendar.turnCount).first { calendar.label($0) == label } }
        let injects = g.scenario.injects.map(\.id)
        let saved: [PlannedInject] = (record?.planned ?? []).compactMap { p in
            guard let t = turn(p.turn), injects.contains(p.inject) else { return nil }
            return PlannedInject(turn: t, inject: p.inject, note: p.note ?? "")
        }
        if let plan = given ?? (saved.isEmpty ? nil : saved) { app.runSheets[g.scenario.contentHash] = plan }
        let plan = app.plannedInjects
        app.runSheetDecisions = (record?.decisions ?? []).compactMap { d in
            guard let t = turn(d.turn), let kind = RunSheetDecision.Kind(rawValue: d.decision),
                  plan.indices.contains(d.entry), plan[d.entry].inject == d.inject else { return nil }
            return RunSheetDecision(turn: t, entry: d.entry, inject: d.inject, kind: kind)
        }
    }
}
