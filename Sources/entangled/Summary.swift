import GameCore

/// What `simulate` reports about one finished (or stopped) game.
struct GameSummary {
    let game: Game

    var scenario: Scenario { game.scenario }
    var state: GameState { game.state }
    var turnsPlayed: Int { game.log.count }
    var finalTurn: String {
        turnsPlayed == 0 ? "before \(scenario.calendar.label(0))" : scenario.calendar.label(turnsPlayed - 1)
    }

    /// The first bloc to build a CRQC (ties go to the bloc listed first in the scenario).
    var firstCRQC: (bloc: Int, turn: Int)? {
        var best: (Int, Int)?
        for (b, bloc) in state.blocs.enumerated() {
            if let t = bloc.crqcTurn, best == nil || t < best!.1 { best = (b, t) }
        }
        return best
    }

    func json() -> JSON {
        var pairs: [(String, JSON)] = [
            ("scenario", .string(scenario.id)),
            ("seed", .string(String(game.seed))),
            ("turnsPlayed", .int(turnsPlayed)),
            ("finalTurn", .string(finalTurn)),
            ("stateHash", .string(state.canonicalHash)),
        ]
        if let first = firstCRQC {
            pairs.append(("firstCRQC", .object([("bloc", .string(scenario.blocs[first.bloc].id)),
                                                 ("turn", .string(scenario.calendar.label(first.turn)))])))
        } else {
            pairs.append(("firstCRQC", .null))
        }
        if let outcome = state.outcome {
            pairs.append(("outcome", .string(outcome.id)))
            pairs.append(("outcomeTitle", .string(outcome.title)))
            pairs.append(("outcomeExplanation", .string(outcome.explanation)))
        } else {
            pairs.append(("outcome", .null))
        }
        pairs.append(("scores", .object(scenario.blocs.indices.map { (scenario.blocs[$0].id, .number(round1(state.blocs[$0].score))) })))
        pairs.append(("world", .object([
            ("tension", .number(round1(state.world.tension))),
            ("governance", .number(round1(state.world.governance))),
            ("fragmentation", .number(round1(state.world.fragmentation))),
            ("crqcLogicalQubits", .number(round1(state.world.crqcLogicalQubits))),
        ])))
        pairs.append(("blocs", .array(scenario.blocs.indices.map { b in
            let bloc = state.blocs[b]
            let def = scenario.blocs[b]
            return .object([
                ("id", .string(def.id)),
                ("score", .number(round1(bloc.score))),
                ("pillars", .object(Pillar.allCases.map { ($0.rawValue, .number(round1(bloc.pillars[$0.index]))) })),
                ("computing", .number(round1(bloc.computing))),
                ("crqc", bloc.crqcTurn.map { .string(scenario.calendar.label($0)) } ?? .null),
                ("pqc", .object(scenario.sectors.indices.map { (scenario.sectors[$0].id, .number(round3(bloc.pqc[$0]))) })),
                ("exposure", .object(scenario.sectors.indices.map { (scenario.sectors[$0].id, .number(round3(bloc.exposure[$0]))) })),
                ("objectives", .array(def.objectives.indices.map { k in
                    .object([("id", .string(def.objectives[k].id)), ("secret", .bool(def.objectives[k].secret)),
                             ("status", .string(bloc.objectives[k].rawValue))])
                })),
            ])
        })))
        return .object(pairs)
    }

    func text() -> String {
        var lines: [String] = []
        lines.append("\(scenario.title) — seed \(game.seed), \(turnsPlayed) turn\(turnsPlayed == 1 ? "" : "s") played (to \(finalTurn))")
        if let outcome = state.outcome {
            lines.append("Outcome: \(outcome.title). \(outcome.explanation)")
        } else {
            lines.append("The game is not over: \(scenario.calendar.turnCount - turnsPlayed) turns remain.")
        }
        if let first = firstCRQC {
            lines.append("First CRQC: \(scenario.blocs[first.bloc].name) in \(scenario.calendar.label(first.turn)).")
        } else {
            lines.append("No bloc has built a cryptographically relevant quantum computer.")
        }
        lines.append("World: tension \(Int(state.world.tension.rounded())), governance \(Int(state.world.governance.rounded())), fragmentation \(Int(state.world.fragmentation.rounded())).")
        lines.append("")
        lines.append("Bloc    Score  Secur  Prosp  Influ  Stabl  Qubits  State PQC  CRQC     Goals")
        for b in scenario.blocs.indices {
            let bloc = state.blocs[b]
            let stateSectors = scenario.sectors.indices.filter { scenario.sectors[$0].qkd }
            let sectors = stateSectors.isEmpty ? Array(scenario.sectors.indices) : stateSectors
            let pqc = sectors.reduce(0.0) { $0 + bloc.pqc[$1] } / Double(max(1, sectors.count))
            let met = bloc.objectives.filter { $0 == .met }.count
            var row = pad(scenario.blocs[b].id, 6)
            row += lpad(String(format1(bloc.score)), 7)
            for p in 0..<4 { row += lpad(String(Int(bloc.pillars[p].rounded())), 7) }
            row += lpad(String(Int(bloc.computing.rounded())), 8)
            row += lpad("\(Int((pqc * 100).rounded())) %", 11)
            row += "  " + pad(bloc.crqcTurn.map { scenario.calendar.label($0) } ?? "—", 8)
            row += lpad("\(met)/\(bloc.objectives.count)", 6)
            lines.append(row)
        }
        lines.append("")
        lines.append("State hash: \(state.canonicalHash)")
        return lines.joined(separator: "\n")
    }
}

func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
func format1(_ x: Double) -> String {
    let r = round1(x)
    let whole = Int(r.rounded(.towardZero))
    let tenth = Int((abs(r - Double(whole)) * 10).rounded())
    return (r < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
}
func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }

/// Distributions over several games.
struct ForecastSummary {
    let summaries: [GameSummary]
    let scenario: Scenario

    func json() -> JSON {
        let n = Double(max(1, summaries.count))
        var byYear: [(String, JSON)] = []
        var years: [Int] = []
        var byBloc = [Int](repeating: 0, count: scenario.blocs.count)
        var none = 0
        for s in summaries {
            if let f = s.firstCRQC {
                byBloc[f.bloc] += 1
                let year = Int(scenario.calendar.year(f.turn))
                if !years.contains(year) { years.append(year) }
            } else { none += 1 }
        }
        years.sort()
        for y in years {
            let count = summaries.filter { s in s.firstCRQC.map { Int(scenario.calendar.year($0.turn)) == y } ?? false }.count
            byYear.append((String(y), .int(count)))
        }
        let outcomes = Outcomes.all.map { o in (o.id, JSON.int(summaries.filter { $0.state.outcome?.id == o.id }.count)) }
        let scores = scenario.blocs.indices.map { b in
            (scenario.blocs[b].id, JSON.number(round1(summaries.reduce(0) { $0 + $1.state.blocs[b].score } / n)))
        }
        return .object([
            ("scenario", .string(scenario.id)),
            ("games", .array(summaries.map { $0.json() })),
            ("summary", .object([
                ("gameCount", .int(summaries.count)),
                ("firstCRQCByYear", .object(byYear)),
                ("firstCRQCByBloc", .object(scenario.blocs.indices.map { (scenario.blocs[$0].id, .int(byBloc[$0])) })),
                ("noCRQC", .int(none)),
                ("outcomes", .object(outcomes)),
                ("meanScores", .object(scores)),
            ])),
        ])
    }

    func text() -> String {
        let n = summaries.count
        var lines = ["\(scenario.title) — \(n) games, seeds \(summaries.first.map { String($0.game.seed) } ?? "")…\(summaries.last.map { String($0.game.seed) } ?? "")", ""]
        lines.append("First CRQC, by year")
        var counts: [(Int, Int)] = []
        for s in summaries {
            guard let f = s.firstCRQC else { continue }
            let y = Int(scenario.calendar.year(f.turn))
            if let i = counts.firstIndex(where: { $0.0 == y }) { counts[i].1 += 1 } else { counts.append((y, 1)) }
        }
        counts.sort { $0.0 < $1.0 }
        for (y, c) in counts { lines.append("  \(y)  " + lpad(String(c), 5) + "  " + bar(c, n)) }
        let none = summaries.filter { $0.firstCRQC == nil }.count
        lines.append("  none  " + lpad(String(none), 4) + "  " + bar(none, n))
        lines.append("")
        lines.append("First CRQC, by bloc")
        for b in scenario.blocs.indices {
            let c = summaries.filter { $0.firstCRQC?.bloc == b }.count
            if c > 0 { lines.append("  " + pad(scenario.blocs[b].id, 6) + lpad(String(c), 5) + "  " + bar(c, n)) }
        }
        lines.append("")
        lines.append("Outcomes")
        for o in Outcomes.all {
            let c = summaries.filter { $0.state.outcome?.id == o.id }.count
            lines.append("  " + pad(o.title, 26) + lpad(String(c), 5) + "  " + bar(c, n))
        }
        lines.append("")
        lines.append("Mean score by bloc")
        for b in scenario.blocs.indices {
            let mean = summaries.reduce(0) { $0 + $1.state.blocs[b].score } / Double(max(1, n))
            lines.append("  " + pad(scenario.blocs[b].id, 6) + lpad(format1(mean), 7))
        }
        return lines.joined(separator: "\n")
    }

    private func bar(_ count: Int, _ total: Int) -> String {
        guard total > 0 else { return "" }
        let width = Int((Double(count) / Double(total) * 40).rounded())
        let pct = Int((Double(count) / Double(total) * 100).rounded())
        return String(repeating: "█", count: width) + " \(pct) %"
    }
}
