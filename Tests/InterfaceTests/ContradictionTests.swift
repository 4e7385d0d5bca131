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

extension ContradictionTests {
    /// The free-text action's second step was hidden: `e y` pressed after the first Enter went into
    /// it as text. Each step now says which it is, and the first says that another follows.
    @Test func theFreeTextActionSaysItHasTwoSteps() {
        var app = NewcomerTests.euApp()
        app.update(.char("o")); app.update(.char("n"))
        let first = app.render(width: 80, height: 24).text
        #expect(first.contains("Free-text action, step 1 of 2"), "\(first)")
        #expect(first.contains("Enter next: the effect you intend"), "\(first)")
        for c in "Open a channel" { app.update(.char(c)) }
        app.update(.enter)
        let second = app.render(width: 80, height: 24).text
        #expect(second.contains("Free-text action, step 2 of 2"), "\(second)")
        #expect(second.contains("Enter submit"), "\(second)")
    }
}

extension ContradictionTests {
    /// "What happened" ran 60–120 lines of computer players' orders: those not aimed at the player
    /// are folded into one line and listed at the end; the why's routine lines come last.
    @Test func theTurnReportFoldsOtherBlocsRoutineOrders() throws {
        var app = NewcomerTests.euApp()
        app.update(.char("e")); app.update(.char("y"))
        let text = app.render(width: 100, height: 300).text
        let lines = text.split(separator: "\n").map(String.init)
        let fold = try #require(lines.firstIndex { $0.contains("Other blocs gave") && $0.contains("routine order") }, "\(text)")
        let list = try #require(lines.firstIndex { $0.hasPrefix("Other blocs' routine orders") }, "\(text)")
        #expect(fold < list)
        let happened = try #require(lines.firstIndex { $0.hasPrefix("What happened") })
        // Before the fold, no other bloc's mandate; after the list's heading, they are all there.
        #expect(!lines[happened..<fold].contains { $0.contains("China mandates") }, "\(text)")
        #expect(lines[list...].contains { $0.contains("China mandates") }, "\(text)")
        // An order aimed at the player, by name or id, stays in "What happened".
        let eu = (name: "European Union", id: "EU")
        #expect(!ReportNews.isOthersRoutine(NewsItem(turn: 0, kind: .controls, text: "Russia imposes export controls on components against US, EU.", audience: []), viewer: eu))
        #expect(ReportNews.isOthersRoutine(NewsItem(turn: 0, kind: .order, text: "China mandates that Defence be quantum-safe by 2031-Q2.", audience: []), viewer: eu))
        #expect(!ReportNews.isOthersRoutine(NewsItem(turn: 0, kind: .event, text: "Rumour — someone is already reading old cables", audience: []), viewer: eu))
    }

    @Test func routineWhyLinesComeAfterTheOthers() {
        let routine = WhyLedger.Group(indicator: "PQC Defence", total: 0.024, causes: [("migration spending", 0.024)])
        let news = WhyLedger.Group(indicator: "support", total: -1, causes: [("compliance burden of the mandate", -1)])
        #expect(WhyLedger.routineLast([routine, news]).map(\.indicator) == ["support", "PQC Defence"])
    }
}

extension ContradictionTests {
    /// "Missed" and "met" for the same systems in one news list, with no link: the report now states
    /// both thresholds beside them.
    @Test func aMissedDeadlineBesideAMetObjectiveIsExplained() {
        let eu = (name: "European Union", id: "EU")
        let news = [NewsItem(turn: 7, kind: .investment, text: "European Union missed its deadline for Government & diplomatic (80 % migrated).", audience: []),
                    NewsItem(turn: 7, kind: .objective, text: "European Union met its objective: High-risk government systems migrated.", audience: [])]
        let note = ReportNews.deadlineAndObjectiveNote(news, viewer: eu)
        #expect(note?.contains("met only at 95 % migrated") == true, "\(String(describing: note))")
        #expect(ReportNews.deadlineAndObjectiveNote(Array(news.prefix(1)), viewer: eu) == nil)
    }
}
