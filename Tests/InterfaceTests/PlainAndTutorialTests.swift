import Testing
@testable import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

/// Issue 17's second half: the plain reading of the screens (`play --plain`) and the guided first game.
@Suite("Plain reading and the tutorial")
struct PlainAndTutorialTests {
    static func quickCrisisApp() -> AppState {
        AppState(choices: [ScenarioChoice(name: "Quick crisis", scenario: NewcomerTests.quickCrisis)])
    }

    @Test func theWorldScreenReadsAsHeadingsNumberedRowsAndANamedSelection() throws {
        let app = NewcomerTests.euApp()
        let lines = PlainReading.lines(of: app)
        #expect(lines.first?.hasPrefix("# European Union  2029-Q1 (turn 1/10)") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Screens: ") && $0.contains("1 World (current)") }, "\(lines)")
        // The table's rows are numbered, and the selected one is named in words.
        #expect(lines.contains { $0.hasPrefix("Selected: 1. US ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("2. EU ") }, "\(lines)")
        // No frame lines, no sparkline blocks.
        #expect(!lines.joined().contains { "┌─│└▁▂▃▄▅▆▇█".contains($0) }, "\(lines)")
    }

    @Test func movingTheSelectionSaysOnlyTheRowThatGainedIt() throws {
        var app = NewcomerTests.euApp()
        let before = PlainReading.lines(of: app)
        app.update(.down)
        let after = PlainReading.lines(of: app)
        let said = PlainReading.changes(from: before, to: after)
        #expect(said.count == 1, "\(said)")
        #expect(said.first?.hasPrefix("Selected: 2. EU ") == true, "\(said)")
        // Another screen is said whole.
        app.update(.char("4"))
        let pqc = PlainReading.lines(of: app)
        #expect(PlainReading.changes(from: after, to: pqc) == pqc)
        #expect(pqc.contains { $0.contains("4 PQC (current)") })
    }

    @Test func aSelectedRowIsNamedOnce() throws {
        var app = NewcomerTests.euApp()
        app.update(.char("4"))
        let pqc = PlainReading.lines(of: app)
        #expect(pqc.contains { $0.hasPrefix("Selected: Government & diplomatic ") && !$0.contains("(selected)") }, "\(pqc)")
        app.update(.char("6")); app.update(.char("p"))
        let draft = PlainReading.lines(of: app)
        #expect(draft.contains { $0.hasPrefix("Selected: Research pact") && !$0.contains("(selected)") }, "\(draft)")
    }

    @Test func aDialogIsReadAloneWithItsTitleAsAHeading() throws {
        var app = NewcomerTests.euApp()
        app.update(.char("e"))
        let lines = PlainReading.lines(of: app)
        #expect(lines.first == "## End your orders", "\(lines)")
        #expect(lines.contains("y yes · n no"), "\(lines)")
        #expect(!lines.contains { $0.hasPrefix("Screens:") }, "\(lines)")
    }

    @Test func aChartIsSaidInWords() throws {
        var app = NewcomerTests.euApp()
        app.update(.char("e")); app.update(.char("y"))      // charts begin after the first turn
        app.update(.char("c"))
        let lines = PlainReading.lines(of: app)
        #expect(lines.contains { $0.hasPrefix("Chart, ") }, "\(lines)")
        #expect(lines.contains { $0.contains(": from ") && $0.contains("highest") }, "\(lines)")
        // The chart starts at the opening values (the EU's own qubits when the game began), not at
        // the end of the first turn.
        let opening = Game(scenario: NewcomerTests.quickCrisis, seed: NewcomerTests.quickCrisis.seed).state.blocs[NewcomerTests.eu].computing
        #expect(lines.contains { $0.hasPrefix("EU (■): from \(Widgets.number(opening)) to ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Chart, 2029-Q1 start to 2029-Q2") }, "\(lines)")
    }

    @Test func typedLinesBecomeTheSameKeys() throws {
        var app = NewcomerTests.euApp()
        #expect(PlainCommand.parse("down*3", in: app) == .keys([.down, .down, .down]))
        #expect(PlainCommand.parse("end yes", in: app) == .keys([.char("e"), .char("y")]))
        #expect(PlainCommand.parse("e y", in: app) == .keys([.char("e"), .char("y")]))
        #expect(PlainCommand.parse("", in: app) == .keys([.enter]))
        #expect(PlainCommand.parse("help", in: app) == .help)
        #expect(PlainCommand.parse("look", in: app) == .readAgain)
        // Where the game asks for text, the line is the text: it replaces what the field held.
        app.update(.char("8"))
        app.update(.char("m"))
        app.update(.enter)              // the first recipient
        guard case .prompt = app.modal else { Issue.record("no prompt: \(String(describing: app.modal))"); return }
        app.update(.char("x"))
        let typed = PlainCommand.parse("end of story", in: app)
        #expect(typed == .keys([.backspace] + "end of story".map { .char($0) } + [.enter]))
        #expect(PlainCommand.parse("esc", in: app) == .keys([.escape]))
    }

    // MARK: - The tutorial

    @Test func theSetupScreenOffersTheTutorialAndTStartsIt() throws {
        var app = Self.quickCrisisApp()
        #expect(app.render(width: 80, height: 24).contains("Press t for a guided first game"))
        app.update(.char("t"))
        #expect(app.mode == .briefing(0))
        #expect(app.humans == [1])
        #expect(app.coach?.step == 0)
        let text = app.render(width: 80, height: 24).text
        #expect(text.contains("Tutorial, step 1 of 11: Your brief"), "\(text)")
    }

    @Test func theCoachWalksFromTheBriefingThroughEachKindOfDecisionToTheFirstReport() throws {
        var app = Self.quickCrisisApp()
        #expect(app.startTutorial() == nil)
        func step() -> Int { app.coach?.step ?? -1 }
        func screenText() -> String { app.render(width: 80, height: 24).text }
        app.update(.enter)
        #expect(step() == 1 && screenText().contains("Press 4 for the PQC screen"), "\(screenText())")
        // An order given before its step does not skip the steps before it.
        app.update(.char("3")); app.update(.right); app.update(.enter)
        #expect(step() == 1)
        app.update(.char("4"))
        #expect(step() == 2, "\(screenText())")
        app.update(.char("m")); app.update(.enter)
        // The budget split ordered earlier counts now that its step is reached.
        #expect(step() == 4, "\(screenText())")
        app.update(.char("5")); app.update(.down); app.update(.enter)    // China, systems
        #expect(step() == 5, "\(screenText())")
        app.update(.char("N"))                     // no treaty this time
        #expect(step() == 6)
        app.update(.char("7")); app.update(.char("i"))
        #expect(step() == 7, "\(screenText())")
        app.update(.char("O"))
        #expect(step() == 8)
        app.update(.char("o"))
        #expect(step() == 9)
        #expect(screenText().contains("Press e to end your orders"))
        app.update(.char("e")); app.update(.char("y"))
        #expect(app.game?.state.turn == 1)
        #expect(step() == 10)
        #expect(app.screen == .report)
        let report = screenText()
        #expect(report.contains("Tutorial, step 11 of 11: The turn report"), "\(report)")
        // Every step fits at 80×24: the panel's text is not cut.
        #expect(report.contains("(rival, capital, Mosca, HNDL)") && report.contains("tutorial."), "\(report)")
        app.update(.char("N"))
        #expect(app.coach == nil)
        #expect(!screenText().contains("Tutorial"))
    }
}
