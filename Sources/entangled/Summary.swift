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

/// The compact record of one game kept by a forecast: enough for every distribution and for the
/// game's own JSON object, without holding the full game (a long forecast would not fit in memory).
struct GameRecord: Sendable {
    let seed: UInt64
    let firstCRQC: (bloc: Int, turn: Int)?
    let outcome: String?
    let scores: [Double]
    /// Per bloc: security, prosperity, influence, stability.
    let pillars: [[Double]]
    let objectivesMet: [Int]
    let objectivesCount: [Int]
    /// Per bloc, per sector: exposure at the end.
    let exposure: [[Double]]
    /// How many blocs hold a CRQC at the end.
    let crqcHolders: Int
    /// The game's JSON summary, only for JSON output (it includes the state hash, which walks the
    /// whole state, and is a tenth of a game's cost).
    let json: JSON?

    init(game: Game, json withJSON: Bool) {
        let summary = GameSummary(game: game)
        let state = game.state
        seed = game.seed
        firstCRQC = summary.firstCRQC
        outcome = state.outcome?.id
        scores = state.blocs.map { $0.score }
        pillars = state.blocs.map { $0.pillars }
        objectivesMet = state.blocs.map { b in b.objectives.filter { $0 == .met }.count }
        objectivesCount = state.blocs.map { $0.objectives.count }
        exposure = state.blocs.map { $0.exposure }
        crqcHolders = state.blocs.filter { $0.hasCRQC }.count
        json = withJSON ? summary.json() : nil
    }
}

/// Distributions over several games (`simulate --games N`).
struct ForecastSummary {
    let records: [GameRecord]
    let scenario: Scenario

    private var n: Int { records.count }
    private var turnsPerYear: Int { scenario.calendar.turnsPerYear }

    /// Share of games whose first CRQC came within `years` years of the start.
    func crqcWithin(years: Int) -> Double {
        guard n > 0 else { return 0 }
        let limit = years * turnsPerYear
        return Double(records.filter { ($0.firstCRQC?.turn ?? Int.max) < limit }.count) / Double(n)
    }

    private func firstByYear() -> [(year: Int, count: Int)] {
        var counts: [(year: Int, count: Int)] = []
        for r in records {
            guard let f = r.firstCRQC else { continue }
            let y = Int(scenario.calendar.year(f.turn))
            if let i = counts.firstIndex(where: { $0.year == y }) { counts[i].count += 1 } else { counts.append((y, 1)) }
        }
        return counts.sorted { $0.year < $1.year }
    }

    private func firstByBloc() -> [Int] {
        var out = [Int](repeating: 0, count: scenario.blocs.count)
        for r in records { if let f = r.firstCRQC { out[f.bloc] += 1 } }
        return out
    }

    private func outcomeCounts() -> [(id: String, title: String, count: Int)] {
        Outcomes.all.map { o in (o.id, o.title, records.filter { $0.outcome == o.id }.count) }
    }

    /// Mean, 10th, 50th and 90th percentile (nearest rank) of some values.
    private func stats(_ xs: [Double]) -> (mean: Double, p10: Double, p50: Double, p90: Double) {
        guard !xs.isEmpty else { return (0, 0, 0, 0) }
        let sorted = xs.sorted()
        func q(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))] }
        var sum = 0.0
        for x in xs { sum += x }
        return (sum / Double(xs.count), q(0.1), q(0.5), q(0.9))
    }

    private func meanExposure(_ s: Int) -> Double {
        guard n > 0 else { return 0 }
        var sum = 0.0
        for r in records { for b in r.exposure.indices where s < r.exposure[b].count { sum += r.exposure[b][s] } }
        return sum / Double(n * max(1, scenario.blocs.count))
    }

    private func worstExposure(_ s: Int) -> (bloc: Int, mean: Double) {
        var best = (0, -1.0)
        for b in scenario.blocs.indices {
            var sum = 0.0
            for r in records where b < r.exposure.count && s < r.exposure[b].count { sum += r.exposure[b][s] }
            let mean = sum / Double(max(1, n))
            if mean > best.1 { best = (b, mean) }
        }
        return (best.0, max(0, best.1))
    }

    func json() -> JSON {
        let blocs = scenario.blocs.indices
        let summary: [(String, JSON)] = [
            ("gameCount", .int(n)),
            ("seeds", .object([("first", .string(records.first.map { String($0.seed) } ?? "")),
                               ("last", .string(records.last.map { String($0.seed) } ?? ""))])),
            ("firstCRQCWithin5Years", .number(round3(crqcWithin(years: 5)))),
            ("firstCRQCWithin10Years", .number(round3(crqcWithin(years: 10)))),
            ("firstCRQCByYear", .object(firstByYear().map { (String($0.year), .int($0.count)) })),
            ("firstCRQCByBloc", .object(blocs.map { (scenario.blocs[$0].id, .int(firstByBloc()[$0])) })),
            ("noCRQC", .int(records.filter { $0.firstCRQC == nil }.count)),
            ("outcomes", .object(outcomeCounts().map { ($0.id, .int($0.count)) })),
            ("outcomeShares", .object(outcomeCounts().map { ($0.id, .number(round3(Double($0.count) / Double(max(1, n))))) })),
            ("firstCRQCShareByBloc", .object(blocs.map { b in
                let withCRQC = records.filter { $0.firstCRQC != nil }.count
                return (scenario.blocs[b].id, .number(round3(Double(firstByBloc()[b]) / Double(max(1, withCRQC)))))
            })),
            ("crqcHoldersAtEnd", .object([
                ("median", .number(stats(records.map { Double($0.crqcHolders) }).p50)),
                ("mean", .number(round3(stats(records.map { Double($0.crqcHolders) }).mean))),
                ("medianAmongCRQCGames", .number(stats(records.filter { $0.crqcHolders > 0 }.map { Double($0.crqcHolders) }).p50)),
            ])),
            ("blocs", .object(blocs.map { b in
                let score = stats(records.map { $0.scores[b] })
                return (scenario.blocs[b].id, .object([
                    ("score", .object([("mean", .number(round1(score.mean))), ("p10", .number(round1(score.p10))),
                                       ("p50", .number(round1(score.p50))), ("p90", .number(round1(score.p90)))])),
                    ("pillars", .object(Pillar.allCases.map { p in
                        (p.rawValue, .number(round1(stats(records.map { $0.pillars[b][p.index] }).mean)))
                    })),
                    ("objectivesMetMean", .number(round3(stats(records.map { Double($0.objectivesMet[b]) }).mean))),
                    ("objectives", .int(records.first?.objectivesCount[b] ?? 0)),
                    ("exposure", .object(scenario.sectors.indices.map { s in
                        (scenario.sectors[s].id, .number(round3(stats(records.map { s < $0.exposure[b].count ? $0.exposure[b][s] : 0 }).mean)))
                    })),
                ]))
            })),
            ("exposureBySector", .object(scenario.sectors.indices.map { (scenario.sectors[$0].id, .number(round3(meanExposure($0)))) })),
        ]
        return .object([
            ("scenario", .string(scenario.id)),
            ("games", .array(records.map { $0.json ?? .null })),
            ("summary", .object(summary)),
        ])
    }

    /// Tables that fit in 80 columns.
    func text() -> String {
        var lines = ["\(scenario.title) — \(n) games, seeds \(records.first.map { String($0.seed) } ?? "")…\(records.last.map { String($0.seed) } ?? "")", ""]
        // A share "within N years" means something only if the scenario lasts N years.
        let years = Double(scenario.calendar.turnCount) / Double(max(1, turnsPerYear))
        let spans = [5, 10].filter { Double($0) <= years + 1e-9 }
        if spans.isEmpty {
            let shown = (years * 10).rounded() / 10
            lines.append("First CRQC within the scenario's \(shown == shown.rounded() ? String(Int(shown)) : String(shown)) years: \(percent(Double(records.filter { $0.firstCRQC != nil }.count) / Double(max(1, n)))).")
        } else {
            lines.append("First CRQC " + spans.map { "within \($0) years: \(percent(crqcWithin(years: $0)))" }.joined(separator: "; ") + ".")
        }
        lines.append("")
        lines.append("First CRQC, by year")
        for (y, c) in firstByYear() { lines.append("  \(y)  " + lpad(String(c), 5) + "  " + bar(c)) }
        let none = records.filter { $0.firstCRQC == nil }.count
        lines.append("  none  " + lpad(String(none), 5) + "  " + bar(none))
        lines.append("")
        lines.append("First CRQC, by bloc")
        let byBloc = firstByBloc()
        for b in scenario.blocs.indices where byBloc[b] > 0 {
            lines.append("  " + pad(scenario.blocs[b].id, 6) + lpad(String(byBloc[b]), 5) + "  " + bar(byBloc[b]))
        }
        if byBloc.allSatisfy({ $0 == 0 }) { lines.append("  (none)") }
        lines.append("")
        lines.append("Outcomes")
        for o in outcomeCounts() { lines.append("  " + pad(o.title, 26) + lpad(String(o.count), 5) + "  " + bar(o.count)) }
        lines.append("")
        lines.append("Per bloc (means; score also 10th–90th percentile)")
        lines.append("  Bloc   Score  p10–p90    Secur Prosp Influ Stabl  Goals")
        for b in scenario.blocs.indices {
            let score = stats(records.map { $0.scores[b] })
            var row = "  " + pad(scenario.blocs[b].id, 5) + lpad(format1(score.mean), 7)
            row += "  " + pad("\(Int(score.p10.rounded()))–\(Int(score.p90.rounded()))", 9)
            for p in 0..<4 { row += lpad(String(Int(stats(records.map { $0.pillars[b][p] }).mean.rounded())), 6) }
            let met = stats(records.map { Double($0.objectivesMet[b]) }).mean
            row += lpad(format1(met) + "/\(records.first?.objectivesCount[b] ?? 0)", 7)
            lines.append(row)
        }
        lines.append("")
        lines.append("Exposure by sector at the end (mean over blocs; worst bloc)")
        for s in scenario.sectors.indices {
            let worst = worstExposure(s)
            lines.append("  " + pad(scenario.sectors[s].name, 26) + lpad(format3(meanExposure(s)), 7) + "   "
                         + pad(scenario.blocs[worst.bloc].id, 5) + lpad(format3(worst.mean), 7))
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ x: Double) -> String { "\(format1(x * 100)) %" }

    private func bar(_ count: Int) -> String {
        guard n > 0 else { return "" }
        let width = Int((Double(count) / Double(n) * 40).rounded())
        let pct = Int((Double(count) / Double(n) * 100).rounded())
        return String(repeating: "█", count: width) + " \(pct) %"
    }
}

func format3(_ x: Double) -> String {
    let r = (x * 1000).rounded()
    let whole = Int(r / 1000)
    let frac = Int(abs(r).truncatingRemainder(dividingBy: 1000))
    let digits = String(frac)
    return (r < 0 && whole == 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
}
