import GameCore
import ScenarioFormat

/// What the facilitator did with a planned inject of the run sheet, at which turn.
public struct RunSheetDecision: Hashable, Codable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable {
        /// Played this turn (the inject is in the turn's facilitator actions, so in the save's log).
        case fired
        /// Moved to the next turn.
        case postponed
        /// Not played at all.
        case skipped
    }
    /// The 0-based turn in which the facilitator decided.
    public var turn: Int
    /// The entry's position in the run sheet.
    public var entry: Int
    /// The inject's id (so a save read with another run sheet is still understood).
    public var inject: String
    public var kind: Kind

    public init(turn: Int, entry: Int, inject: String, kind: Kind) {
        self.turn = turn; self.entry = entry; self.inject = inject; self.kind = kind
    }
}

/// The run sheet in the console: each planned inject is offered at the start of its turn (fire,
/// postpone a turn, or skip), and every decision is kept for the save.
extension AppState {
    /// The injects planned for this game's scenario (from its `runSheet:` or a run-sheet file).
    public var plannedInjects: [PlannedInject] {
        guard let g = game else { return [] }
        return runSheets[g.scenario.contentHash] ?? []
    }

    /// The turn an entry is now offered at: its planned turn, one later for each postponement.
    func offeredTurn(_ entry: Int) -> Int {
        let plan = plannedInjects
        guard plan.indices.contains(entry) else { return Int.max }
        return plan[entry].turn + runSheetDecisions.filter { $0.entry == entry && $0.kind == .postponed }.count
    }

    /// The final decision on an entry (fired or skipped), if any.
    func settled(_ entry: Int) -> RunSheetDecision? {
        runSheetDecisions.last { $0.entry == entry && $0.kind != .postponed }
    }

    /// Entries waiting for a decision this turn (planned for it, or earlier and still open).
    public var dueRunSheetEntries: [Int] {
        guard let g = game, !g.isOver else { return [] }
        return plannedInjects.indices.filter { settled($0) == nil && offeredTurn($0) <= g.state.turn }
    }

    /// Opens the decision on the first entry due, or says there is none.
    mutating func offerRunSheet() {
        guard let g = game else { return }
        guard let entry = dueRunSheetEntries.first else {
            message = plannedInjects.isEmpty ? "There is no run sheet: plan injects by turn in the scenario's `runSheet:` or with --run-sheet FILE (docs/facilitating.md)."
                : "Nothing on the run sheet for this turn."
            return
        }
        let planned = plannedInjects[entry]
        let title = g.scenario.injects.first { $0.id == planned.inject }?.title ?? planned.inject
        let late = offeredTurn(entry) < g.state.turn ? " (planned for \(g.scenario.calendar.label(offeredTurn(entry))))" : ""
        let card = g.scenario.injects.first { $0.id == planned.inject }.map { InjectPreview.describe($0, g.scenario) } ?? ""
        let note = planned.note.isEmpty ? "" : "Note: \(planned.note) "
        modal = .pick(Picker(purpose: .runSheetEntry(entry), question: "Run sheet, \(g.turnLabel): “\(title)”\(late)",
                             options: ["Fire it this turn", "Postpone it one turn", "Skip it"], selected: 0,
                             details: [String](repeating: note + card, count: 3)))
    }

    /// The facilitator's choice on a run-sheet entry.
    mutating func decideRunSheet(_ entry: Int, choice: Int) {
        guard let g = game, plannedInjects.indices.contains(entry) else { return }
        let planned = plannedInjects[entry]
        let title = g.scenario.injects.first { $0.id == planned.inject }?.title ?? planned.inject
        let kind: RunSheetDecision.Kind = choice == 0 ? .fired : choice == 1 ? .postponed : .skipped
        runSheetDecisions.append(RunSheetDecision(turn: g.state.turn, entry: entry, inject: planned.inject, kind: kind))
        switch kind {
        case .fired:
            queue(.inject(id: planned.inject), "Run sheet: “\(title)” fires when the turn is resolved.")
        case .postponed:
            message = "Run sheet: “\(title)” is offered again next turn."
        case .skipped:
            message = "Run sheet: “\(title)” is skipped."
        }
        let more = dueRunSheetEntries.count
        if more > 0 { message = (message ?? "") + " \(more) more planned for this turn (k)." }
    }

    /// Taking back a fired run-sheet inject (u) reopens its entry.
    mutating func unfireRunSheet(_ action: FacilitatorAction) {
        guard case .inject(let id) = action, let g = game,
              let k = runSheetDecisions.lastIndex(where: { $0.inject == id && $0.kind == .fired && $0.turn == g.state.turn }) else { return }
        runSheetDecisions.remove(at: k)
    }

    /// A rewind forgets the decisions taken at and after the turn the game goes back to.
    mutating func rewindRunSheet(to turn: Int) {
        runSheetDecisions.removeAll { $0.turn >= turn }
    }

    /// The console's lines about the run sheet: what is due now, then what comes next.
    func runSheetLines(_ g: Game) -> [(String, Bool)] {
        let plan = plannedInjects
        guard !plan.isEmpty else { return [] }
        var out: [(String, Bool)] = []
        func title(_ id: String) -> String { g.scenario.injects.first { $0.id == id }?.title ?? id }
        for i in plan.indices {
            let p = plan[i]
            let note = p.note.isEmpty ? "" : " — \(p.note)"
            if let s = settled(i) {
                out.append(("\(g.scenario.calendar.label(s.turn)) \(s.kind == .fired ? "fired" : "skipped"): “\(title(p.inject))”", false))
            } else if offeredTurn(i) <= g.state.turn {
                out.append(("NOW (k): “\(title(p.inject))”\(note)", true))
            } else {
                let moved = offeredTurn(i) != p.turn ? " (postponed)" : ""
                out.append(("\(g.scenario.calendar.label(offeredTurn(i)))\(moved): “\(title(p.inject))”\(note)", false))
            }
        }
        return out
    }
}
