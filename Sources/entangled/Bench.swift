import ArgumentParser
import Foundation
import GameCore
import Interface
import ScenarioFormat
import Strategy

/// `entangled bench`: the performance figures of DESIGN §8 that concern the game engine and the
/// computer players, each beside its budget. Timings vary with the machine and its load; the
/// budgets are checked here and in docs/performance.md, never in tests.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the engine and the computer players against the performance budgets.",
        discussion: """
        Plays full default games on one core (median), a forecast of many games on every core, and \
        single turns of generated scenarios with 10, 50 and 193 blocs. Build with -c release first: \
        a debug build is many times slower.
        """
    )

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Full default games timed one after another on one core (the median is reported).")
    var games: Int = 21

    @Option(name: .customLong("forecast-games"), help: "Games in the timed forecast on every core.")
    var forecastGames: Int = 1000

    @Option(name: .long, help: "Threads for the forecast (default: every core).")
    var threads: Int?

    @Option(name: .customLong("turn-samples"), help: "Turns timed per generated scenario (the median is reported).")
    var turnSamples: Int = 5

    func validate() throws {
        guard games >= 1 && games <= 10_000 else { throw ValidationError("--games must be between 1 and 10000.") }
        guard forecastGames >= 1 && forecastGames <= 1_000_000 else { throw ValidationError("--forecast-games must be between 1 and 1000000.") }
        guard turnSamples >= 1 && turnSamples <= 44 else { throw ValidationError("--turn-samples must be between 1 and 44.") }
        if let threads, threads < 1 || threads > 256 { throw ValidationError("--threads must be between 1 and 256.") }
    }

    func run() throws {
        let scenario = BundledScenarios.defaultScenario
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = threads ?? cores

        // 1. One full default game on one core, as forecasts play it (no per-turn save hash; only
        //    the last turn writes its news and why-ledger), and as an interactive game plays it
        //    (every turn told, and the state hashed after every turn for its save).
        _ = Autoplay.play(scenario, seed: 1) // warm-up: caches, page faults
        var gameTimes: [Double] = []
        var hashedTimes: [Double] = []
        for k in 0..<games {
            gameTimes.append(seconds { _ = Autoplay.play(scenario, seed: UInt64(1 + k), recordsHashes: false) })
            hashedTimes.append(seconds { _ = Autoplay.play(scenario, seed: UInt64(1 + k)) })
        }
        let gameMedian = median(gameTimes)
        let hashedMedian = median(hashedTimes)
        let turnMean = gameMedian / Double(scenario.calendar.turnCount)

        // 2. A forecast on every core.
        let forecastTime = seconds {
            _ = Forecast.run(scenario, firstSeed: 1, count: forecastGames, threads: workers) { $0.state.blocs.count }
        }

        // 3. One turn of generated scenarios.
        var scaling: [(blocs: Int, turn: Double)] = []
        for size in [10, 50, 193] {
            let big = GeneratedScenario.assembly(blocs: size, from: scenario)
            var game = Game(scenario: big, seed: 7)
            var times: [Double] = []
            for _ in 0..<turnSamples where !game.isOver {
                times.append(seconds {
                    let commands = Autoplay.computerCommands(game, level: .standard)
                    game.resolve(commands)
                })
            }
            scaling.append((size, median(times)))
        }

        // 4. Rendering one full screen (the world dashboard) into the screen model.
        var renderGame = Game(scenario: scenario, seed: 1)
        renderGame.resolve(Autoplay.computerCommands(renderGame, level: .standard))
        var app = AppState(choices: [ScenarioChoice(name: scenario.title, scenario: scenario)])
        app.resume(game: renderGame, humans: [0], level: .standard)
        app.update(.char("1"))
        var renderTimes: [Double] = []
        for _ in 0..<200 { renderTimes.append(seconds { _ = app.render(width: 80, height: 24) }) }
        let renderMedian = median(renderTimes)
        var wideTimes: [Double] = []
        for _ in 0..<100 { wideTimes.append(seconds { _ = app.render(width: 120, height: 40) }) }
        let wideMedian = median(wideTimes)

        var usage = rusage()
        getrusage(__rusage_who_t(0), &usage) // RUSAGE_SELF
        let peakMB = Double(usage.ru_maxrss) / 1024

        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let python = 0.0037 // the `diplomacy` engine, one 7-power phase with random orders (issue #3)
        let figures: [Figure] = [
            Figure(id: "game", what: "one full default game, 10 computer players, \(scenario.calendar.turnCount) turns, as a forecast plays it (median of \(games), one core)",
                   seconds: gameMedian, budget: 0.005, goal: 0.001),
            Figure(id: "gameHashed", what: "the same game as an interactive game plays it: every turn's news and why-ledger, and a state hash per turn for the save (median of \(games))",
                   seconds: hashedMedian, budget: 0.005, goal: nil),
            Figure(id: "forecast", what: "\(forecastGames) full default games on \(workers) thread\(workers == 1 ? "" : "s")",
                   seconds: forecastTime, budget: forecastGames == 1000 ? 5 : 5 * Double(forecastGames) / 1000, goal: nil),
            Figure(id: "turn193", what: "one turn of the generated 193-bloc scenario with computer players (median of \(turnSamples))",
                   seconds: scaling.last?.turn ?? 0, budget: 0.050, goal: nil),
            Figure(id: "turn", what: "one default turn with ten computer players deciding (game median / turns)",
                   seconds: turnMean, budget: python / 30, goal: nil),
            Figure(id: "render", what: "render the world dashboard into the screen model at 80×24 (median of 200)",
                   seconds: renderMedian, budget: 0.001, goal: nil),
            Figure(id: "render120", what: "render the world dashboard at 120×40 (median of 100)",
                   seconds: wideMedian, budget: 0.001, goal: nil),
        ]

        if format == .json {
            let json = JSON.object([
                ("build", .string(build)),
                ("machine", .object([("cores", .int(cores)), ("os", .string(ProcessInfo.processInfo.operatingSystemVersionString))])),
                ("figures", .array(figures.map { f in
                    .object([("id", .string(f.id)), ("what", .string(f.what)), ("seconds", .number(f.seconds * 1e6 .rounded() / 1e6)),
                             ("milliseconds", .number((f.seconds * 1e5).rounded() / 100)),
                             ("budgetSeconds", .number(f.budget)), ("goalSeconds", f.goal.map { .number($0) } ?? .null),
                             ("met", .bool(f.seconds <= f.budget))])
                })),
                ("gameSeconds", .array(gameTimes.map { .number(($0 * 1e6).rounded() / 1e6) })),
                ("scaling", .array(scaling.map { .object([("blocs", .int($0.blocs)), ("turnMilliseconds", .number(($0.turn * 1e5).rounded() / 100))]) })),
                ("pythonDiplomacyPhaseMilliseconds", .number(python * 1000)),
                ("speedupOverPythonDiplomacy", .number((python / max(turnMean, 1e-9) * 10).rounded() / 10)),
                ("peakResidentMB", .number((peakMB * 10).rounded() / 10)),
            ])
            print(json.rendered())
            return
        }
        var lines = ["entangled bench — \(build) build, \(cores) core\(cores == 1 ? "" : "s")", ""]
        if build == "debug" {
            lines += wrapped("Note: this is a debug build; build with `swift build -c release` for real figures.", width: 80)
            lines.append("")
        }
        for f in figures {
            // Wrapped to stay within 80 columns, continued under the text.
            for (k, line) in wrapped(f.what, width: 75).enumerated() { lines.append((k == 0 ? (f.met ? "met  " : "MISS ") : "     ") + line) }
            var row = "     " + ms(f.seconds) + "   budget " + ms(f.budget)
            if let goal = f.goal { row += ", goal " + ms(goal) }
            lines.append(row)
        }
        lines.append("")
        lines.append("Scaling of one turn with computer players:")
        for s in scaling { lines.append("  " + lpad(String(s.blocs), 4) + " blocs  " + ms(s.turn)) }
        lines.append("")
        lines += wrapped("A default turn is \(format1(python / max(turnMean, 1e-9)))× faster than one phase of the Python `diplomacy` engine (3.7 ms; goal ≥ 30×).", width: 80)
        lines.append("Peak resident memory: \(format1(peakMB)) MB.")
        print(lines.joined(separator: "\n"))
    }

    private struct Figure {
        let id: String
        let what: String
        let seconds: Double
        let budget: Double
        let goal: Double?
        var met: Bool { seconds <= budget }
    }

    /// Words of `text` in lines of at most `width` characters (a longer word gets a line of its own).
    private func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private func ms(_ s: Double) -> String {
        s >= 1 ? "\(format1(s)) s" : (s >= 0.01 ? "\(format1(s * 1000)) ms" : "\(format3(s * 1000)) ms")
    }

    private func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    private func seconds(_ work: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// Scenarios generated for the bench: the default scenario's ten blocs followed by generated
/// members (small and middle powers modelled on the originals) up to any size, e.g. 193 for every
/// UN member. Deterministic: the same size always gives the same scenario.
enum GeneratedScenario {
    static func assembly(blocs size: Int, from base: Scenario) -> Scenario {
        var s = base
        let originals = base.blocs.count
        guard size > originals else {
            s.blocs = Array(base.blocs.prefix(size))
            s.relations = base.relations.filter { $0.a < size && $0.b < size }
            s.treaties = base.treaties.filter { $0.parties.allSatisfy { $0 < size } }
            s.controls = base.controls.filter { $0.by < size }.map { c in var c = c; c.against = c.against.filter { $0 < size }; return c }
            s.id = "assembly-\(size)"
            return s
        }
        var template = [Int](0..<originals)
        for k in originals..<size {
            let t = (k * 7 + k / originals) % originals
            template.append(t)
            var def = base.blocs[t]
            // Golden-ratio spread of sizes: 3 % to 30 % of the template's economy and programme.
            let f = 0.03 + 0.27 * ((Double(k) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1))
            def.id = "M\(k + 1)"
            def.name = "Member state \(k + 1)"
            def.doctrine = k % 3 == 0 ? .hedger : (k % 3 == 1 ? .middlePower : def.doctrine)
            def.gdp *= f; def.budget *= f; def.computing *= f; def.workforce *= f; def.qkdKm *= f
            def.supply = def.supply.map { _ in 0 }
            def.developing = f < 0.15 || def.developing
            def.briefing = ""
            def.objectives = def.objectives.filter { !$0.condition.source.contains(".crqc") }
            s.blocs.append(def)
        }
        var trust = [Double](repeating: 0, count: originals * originals)
        for r in base.relations { trust[r.a * originals + r.b] = r.trust; trust[r.b * originals + r.a] = r.trust }
        for a in 0..<size {
            for b in (a + 1)..<max(a + 1, size) where a >= originals || b >= originals {
                let ta = template[a], tb = template[b]
                let value = ta == tb ? 50 : 0.6 * trust[ta * originals + tb]
                s.relations.append(RelationDef(a: a, b: b, trust: value))
            }
        }
        s.id = "assembly-\(size)"
        s.title = "General Assembly (\(size) blocs, generated)"
        return s
    }
}
