import GameCore

/// One inject planned before the day: offered to the facilitator at the start of `turn`.
public struct PlannedInject: Hashable, Codable, Sendable {
    /// The 0-based turn at whose start the inject is offered.
    public var turn: Int
    /// An id from the scenario's `injects`.
    public var inject: String
    /// A note for the facilitator ("Fire it if the talks on standards stall."); empty when none.
    public var note: String

    public init(turn: Int, inject: String, note: String = "") {
        self.turn = turn; self.inject = inject; self.note = note
    }
}

extension ScenarioReader {
    static let runSheetKeys = ["turn", "inject", "note"]

    /// A `runSheet:` list (in a scenario or a run-sheet file): each entry's date must fall within
    /// the game and its inject must be one of `injectIDs`.
    func readRunSheet(_ value: Value?, injectIDs: [String]) -> [PlannedInject] {
        guard let value, let items = diag.list(value, example: "[{turn: 2027-Q1, inject: spy-scandal}]") else { return [] }
        var result: [PlannedInject] = []
        for item in items {
            guard !diag.exhausted, let m = diag.map(item, allowed: ScenarioReader.runSheetKeys) else { continue }
            var turn: Int?
            if let v = m.required("turn", diag, example: "turn: \(calendar.map { $0.label(0) } ?? "2027-Q1")"),
               let t = firstTurn(v), requireWithinGame(t, v, what: "The run sheet's date `\(diag.text(v) ?? "")`") {
                turn = t
            }
            var inject: String?
            if let v = m.required("inject", diag, example: "inject: \(injectIDs.first ?? "spy-scandal")"), let id = diag.text(v) {
                if injectIDs.contains(id) {
                    inject = id
                } else if injectIDs.isEmpty {
                    diag.add("`\(id)` is not an inject: this scenario has no `injects` to plan.", at: v)
                } else {
                    diag.add("`\(id)` is not an inject of this scenario." + Suggestions.hint(for: id, among: injectIDs, known: "Known injects"), at: v)
                }
            }
            let note = diag.text(m.optional("note")) ?? ""
            if let turn, let inject { result.append(PlannedInject(turn: turn, inject: inject, note: note)) }
        }
        return result
    }
}
