/// Names the world the players made, from the final state. The rules are checked in order.
public enum Outcomes {
    public static let all: [(id: String, title: String)] = [
        ("harvest-catastrophe", "Harvest catastrophe"),
        ("governed-race", "Governed race"),
        ("fragmented-world", "Fragmented quantum world"),
        ("orderly-transition", "Orderly transition"),
        ("unchecked-race", "Unchecked race"),
        ("unfinished-transition", "Unfinished transition"),
    ]

    public static func judge(_ state: GameState, _ scenario: Scenario) -> Outcome {
        let n = state.blocs.count
        var holders: [String] = []
        for b in 0..<n where state.blocs[b].hasCRQC { holders.append(scenario.blocs[b].id) }
        let stateSectors = (0..<scenario.sectors.count).filter { scenario.sectors[$0].qkd }
        let sectors = stateSectors.isEmpty ? Array(0..<scenario.sectors.count) : stateSectors
        var migrated = 0.0
        for b in state.blocs { for s in sectors { migrated += b.pqc[s] } }
        migrated /= Double(max(1, n * sectors.count))
        let g = state.world.governance, f = state.world.fragmentation
        let pct = Int((migrated * 100).rounded())
        let crqcText = holders.isEmpty ? "No bloc built a CRQC" : "\(holders.joined(separator: ", ")) built a CRQC"
        func make(_ id: String, _ why: String) -> Outcome {
            Outcome(id: id, title: all.first { $0.id == id }!.title, explanation: why)
        }
        if state.world.catastrophe {
            return make("harvest-catastrophe", "\(crqcText), and harvested secrets were read on a scale that broke trust in digital government and finance. State traffic was \(pct) % migrated on average.")
        }
        if !holders.isEmpty && g >= 45 {
            return make("governed-race", "\(crqcText), but treaties in force (governance \(fmt(g))) kept its use within agreed limits.")
        }
        if f >= 55 {
            return make("fragmented-world", "The world split into rival standards, export controls and mistrust (fragmentation \(fmt(f))). \(crqcText).")
        }
        if holders.isEmpty && migrated >= 0.8 && f < 45 {
            return make("orderly-transition", "State traffic was \(pct) % migrated on average before any CRQC existed, with fragmentation held to \(fmt(f)).")
        }
        if !holders.isEmpty {
            return make("unchecked-race", "\(crqcText) with little governance (\(fmt(g))) to restrain it; state traffic was \(pct) % migrated.")
        }
        return make("unfinished-transition", "No CRQC yet, but state traffic was only \(pct) % migrated on average: the threat remains open.")
    }
}
