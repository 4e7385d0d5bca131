import Testing
@testable import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

/// Issue 17's contradictions left open by its first half, each pinned by a test that fails when it
/// comes back.
@Suite("Contradictions a student found, second half")
struct ContradictionTests {
    /// Bloc `b` of `scenario` alone at the keyboard, past the briefing.
    static func app(_ scenario: Scenario, human b: Int, _ change: (inout GameState) -> Void = { _ in }) -> AppState {
        var app = AppState(choices: [ScenarioChoice(name: scenario.title, scenario: scenario)])
        app.setup.human = scenario.blocs.indices.map { $0 == b }
        app.update(.char("s")); app.update(.enter)
        if let g = app.game {
            var state = g.state
            change(&state)
            app.game = Game(scenario: g.scenario, seed: g.seed, state: state, log: g.log, hashes: g.hashes)
        }
        return app
    }

    static var quantumDecade: Scenario { try! BundledScenarios.scenario(named: "quantum-decade")! }

    @Test func aClockOneQuarterAwayNeverSaysMayBeThereBesideALowEstimate() throws {
        let s = NewcomerTests.quickCrisis
        let cn = try #require(s.blocIndex("CN"))
        // China short of the threshold but growing fast: one quarter from it by the EU's estimate.
        let app = NewcomerTests.euApp {
            $0.blocs[cn].computing = 1050
            $0.blocs[cn].computingGrowthRate = 2
        }
        let v = try #require(app.view)
        try #require(v.qDayBloc == cn && v.qDayYears == 0.25 && v.blocs[cn].computing.value < v.world.crqcLogicalQubits, "\(v.qDayYears) \(String(describing: v.qDayBloc)) \(v.blocs[cn].computing.value)")
        let clock = QDayText.clock(v, s).full
        #expect(!clock.contains("may be there now"), "\(clock)")
        #expect(clock.contains("CN within a quarter (you estimate \(Widgets.number(v.blocs[cn].computing.value)) of 1400 qubits)"), "\(clock)")
    }

    @Test func theTurnReportExplainsHowTheClockMoved() throws {
        var app = NewcomerTests.euApp()
        let before = try #require(app.view.map { QDayText.clock($0, NewcomerTests.quickCrisis).full })
        app.update(.char("e")); app.update(.char("y"))
        #expect(app.screen == .report)
        let after = try #require(app.view.map { QDayText.clock($0, NewcomerTests.quickCrisis).full })
        let text = app.render(width: 100, height: 40).text
        if before != after {
            #expect(text.contains("Q-Day clock: was “\(before)”"), "\(text)")
            #expect(text.contains("CN") && text.contains("logical qubits"), "\(text)")
        } else {
            #expect(!text.contains("Q-Day clock: was"))
        }
        #expect(before != after, "the seed no longer moves the clock in the first turn; pick a change that does")
    }

    @Test func againstYouCountsTheRegimesTheOtherBlocIsPartyTo() throws {
        let s = NewcomerTests.quickCrisis
        let cn = try #require(s.blocIndex("CN"))
        var app = Self.app(s, human: cn)
        app.update(.char("5"))
        let text = app.render(width: 100, height: 30).text
        // The EU is party to the regime that controls systems and components against China.
        let eu = try #require(text.split(separator: "\n").first { $0.contains("EU European Union") })
        #expect(eu.contains("syst") && eu.hasSuffix(" R"), "\(text)")
    }

    @Test func theControlPreviewIsReadWholeAt80x24() throws {
        let s = Self.quantumDecade
        let cn = try #require(s.blocIndex("CN"))
        var app = Self.app(s, human: cn)
        app.update(.char("5"))
        let text = app.render(width: 80, height: 24).text
        #expect(text.contains("It costs") && text.contains("lost sales, and trust."), "\(text)")
    }

    @Test func theCurrentTabIsMarkedBesidesReverseVideo() {
        var app = NewcomerTests.euApp()
        #expect(app.render(width: 80, height: 24).text.split(separator: "\n")[1].hasPrefix("▸1 World"))
        app.update(.char("4"))
        #expect(app.render(width: 80, height: 24).text.split(separator: "\n")[1].contains("▸4 PQC"))
    }
}
