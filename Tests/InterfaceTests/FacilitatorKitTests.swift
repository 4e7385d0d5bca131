import Foundation
import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

/// The facilitator's kit in the console (issue 18): text fields that edit like a shell line, the
/// smaller console defects, ruling changes and templates, and the run sheet.
@Suite("Facilitator kit")
struct FacilitatorKitTests {
    typealias Flow = FacilitatorFlowTests
    static let scenario = FacilitatorFlowTests.scenario

    /// The prompt open now (a failed expectation when there is none).
    static func prompt(_ app: AppState, sourceLocation: SourceLocation = #_sourceLocation) -> Prompt? {
        guard case .prompt(let p) = app.modal else { Issue.record("no prompt open", sourceLocation: sourceLocation); return nil }
        return p
    }

    // MARK: Text fields

    @Test func aFieldEditsLikeAShellLine() {
        var app = Flow.atFacilitatorSeat()
        app.update(.char("n"))
        Flow.type(&app, "Cable cut in the Baltc")
        app.update(.left)
        Flow.type(&app, "i")                                   // a typo fixed where it is, not by backspacing
        #expect(Self.prompt(app)?.text == "Cable cut in the Baltic")
        app.update(.home); app.update(.delete)                 // Delete removes the character after the cursor
        Flow.type(&app, "A c")
        #expect(Self.prompt(app)?.text == "A cable cut in the Baltic")
        app.update(.end); app.update(.backspace)
        #expect(Self.prompt(app)?.text == "A cable cut in the Balti")
        app.update(.right)                                     // at the end, Right stays there
        Flow.type(&app, "c")
        #expect(Self.prompt(app)?.field.cursor == 25)
        app.update(.enter)
        #expect(Self.prompt(app)?.purpose == .eventText(title: "A cable cut in the Baltic"))
    }

    @Test func theTerminalCursorSitsAtTheInsertionPointAndLongTextsWrap() {
        var app = Flow.atFacilitatorSeat()
        app.update(.char("n"))
        let long = String(repeating: "The cable under the Baltic sea was cut. ", count: 4)
        Flow.type(&app, long)
        let screen = app.render(width: 80, height: 24)
        // Several rows, every character on screen: the end of the text is visible, and so is its start.
        let rows = TextField(long).layout(width: 64).rows
        #expect(rows.count == 3)
        for row in rows { #expect(screen.contains(row.trimmingCharacters(in: .whitespaces)), "row missing: \(row)") }
        #expect(screen.contains("> The cable under the Baltic sea was cut."))
        guard let end = screen.cursor else { Issue.record("no cursor"); return }
        app.update(.home)
        let atHome = app.render(width: 80, height: 24)
        guard let home = atHome.cursor else { Issue.record("no cursor"); return }
        #expect(home.y < end.y)
        #expect(atHome[home.x, home.y].text == "T")
        #expect(atHome[home.x - 2, home.y].text == ">")
        // Screens without a text field hide the cursor.
        app.update(.escape)
        #expect(app.render(width: 80, height: 24).cursor == nil)
    }

    // MARK: Smaller console defects

    @Test func theInjectPreviewNamesTheDilemmaAndSaysTrustChangesBothWays() throws {
        let sc = Self.scenario
        guard let card = sc.injects.first(where: { $0.dilemma != nil }) else { Issue.record("no inject with a dilemma"); return }
        let text = InjectPreview.describe(card, sc)
        #expect(text.contains("Poses a dilemma to"), "\(text)")
        for option in card.dilemma!.options { #expect(text.contains(option.label)) }
        let effect = Flow.effect("trust(JP, CN) -= 6")
        #expect(InjectPreview.effect(effect, sc) == "JP's trust in CN and CN's in JP −6")
        // The console's deck shows it.
        var app = Flow.atFacilitatorSeat()
        app.update(.char("i"))
        guard case .pick(let picker) = app.modal, let k = sc.injects.firstIndex(of: card) else { Issue.record("no picker"); return }
        #expect(picker.details[k] == text)
    }

    @Test func theRulingNewsQuotesWholePhrases() {
        let long = "Host a regional summit on quantum-safe migration for Quad and ASEAN partners, with a shared testbed, a joint fund and a secretariat in Singapore, open to observers"
        var app = Flow.atFacilitatorSeat { app in
            app.update(.char("o")); app.update(.char("n"))
            Flow.type(&app, long); app.update(.enter); app.update(.enter)
        }
        app.update(.char("r")); app.update(.enter); app.update(.down); app.update(.enter)   // reject
        Flow.type(&app, "too broad"); app.update(.enter)
        _ = Flow.endTurn(&app)
        guard let news = app.game!.state.news.first(where: { $0.text.hasPrefix("Ruling on") })?.text else { Issue.record("no ruling news"); return }
        // Cut at the end of a clause, never mid-phrase ("…a joint fund and a ”").
        #expect(news.contains("(“Host a regional summit on quantum-safe migration for Quad and ASEAN partners, with a shared testbed…”)"), "\(news)")
    }

    @Test func theGameOverScreenHasNoTimer() {
        var app = Flow.atFacilitatorSeat()
        app.timer = TurnTimer(minutes: 10, atZero: .wait)
        app.timerRemaining = 600
        #expect(app.render(width: 80, height: 24).contains("Timer 10:00"))
        var g = app.game!
        while !g.isOver { g.resolve([], narrative: false) }
        app.resume(game: g, humans: [0], level: .standard, facilitator: true)
        app.timer = TurnTimer(minutes: 10, atZero: .wait)
        #expect(!app.render(width: 80, height: 24).contains("Timer"))
    }

    @Test func revealListsSayWhatWasRevealedAndToWhom() {
        var app = Flow.atFacilitatorSeat()
        app.update(.char("v")); app.update(.down); app.update(.down); app.update(.enter)   // China's objectives
        app.update(.down); app.update(.char(" ")); app.update(.enter)                      // to the US
        app.update(.char("v"))
        guard case .pick(let queued) = app.modal else { Issue.record("no picker"); return }
        #expect(queued.options[2].hasSuffix("— revealed to US this turn (queued)"), "\(queued.options[2])")
        app.update(.escape)
        _ = Flow.endTurn(&app)
        app.update(.enter)                                     // next turn: US handover
        app.update(.enter); app.update(.char("e")); app.update(.char("y")); app.update(.enter)
        app.update(.char("v"))
        guard case .pick(let secrets) = app.modal,
              let china = secrets.options.firstIndex(where: { $0.hasPrefix("Secret objectives of China") }) else { Issue.record("no picker"); return }
        #expect(secrets.options[china].hasSuffix("— revealed to US in 2025-Q1"), "\(secrets.options[china])")
        #expect(secrets.options.filter { $0.contains("revealed to") }.count == 1)
        for _ in 0..<china { app.update(.down) }
        app.update(.enter)
        guard case .pick(let audience) = app.modal else { Issue.record("no picker"); return }
        #expect(audience.options[1].hasSuffix("(already told)"))
        #expect(!audience.options[2].contains("already told"))
    }

    static func withAction() -> AppState {
        Flow.atFacilitatorSeat { app in
            app.update(.char("o")); app.update(.char("n"))
            Flow.type(&app, "Host a PQC hackathon"); app.update(.enter)
            Flow.type(&app, "faster migration"); app.update(.enter)
        }
    }

    @Test func aRulingCanBeChangedOrWithdrawnBeforeTheTurnResolves() {
        var app = Self.withAction()
        app.update(.char("r")); app.update(.enter); app.update(.enter)       // accept
        Flow.type(&app, "self.support += 2"); app.update(.enter)
        Flow.type(&app, "fine"); app.update(.enter)
        // Changed: the action is still listed, its ruling named; the new ruling replaces the old.
        app.update(.char("r"))
        guard case .pick(let actions) = app.modal else { Issue.record("no picker"); return }
        #expect(actions.options == ["#1 US: Host a PQC hackathon — ruled: accepted, change or withdraw"])
        app.update(.enter)
        guard case .pick(let decision) = app.modal else { Issue.record("no decision"); return }
        #expect(decision.options.last?.hasPrefix("Withdraw") == true)
        app.update(.enter)
        #expect(Self.prompt(app)?.text == "self.support += 2")             // what it said before
        app.update(.enter)
        #expect(Self.prompt(app)?.text == "fine")
        Flow.type(&app, " indeed"); app.update(.enter)
        #expect(app.facilitatorQueue.count == 1)
        // Withdrawn: nothing is logged, the action stays pending.
        app.update(.char("r")); app.update(.enter)
        app.update(.down); app.update(.down); app.update(.down); app.update(.enter)
        #expect(app.facilitatorQueue.isEmpty)
        #expect(Flow.endTurn(&app) == [])
        #expect(app.game!.state.freeActions[0].status == .pending)
    }

    @Test func aRejectionWithConsequencesAppliesThem() {
        var app = Self.withAction()
        let before = app.game!.state.blocs[0].support
        app.update(.char("r")); app.update(.enter)
        app.update(.down); app.update(.down); app.update(.enter)             // reject, with consequences
        app.update(.enter)                                                  // none typed: refused
        #expect(Self.prompt(app)?.error?.contains("at least one consequence") == true)
        app.update(.tab)                                                    // a template
        #expect(Self.prompt(app)?.text == RulingTemplates.rejectionConsequences[0])
        app.update(.escape)                                                 // back to the decision, and forward
        app.update(.enter)
        for _ in 0..<30 { app.update(.backspace) }
        Flow.type(&app, "self.support -= 4"); app.update(.enter)
        app.update(.tab)
        #expect(Self.prompt(app)?.text == RulingTemplates.reasons[0])
        app.update(.tab)
        #expect(Self.prompt(app)?.text == RulingTemplates.reasons[1])
        for _ in 0..<80 { app.update(.backspace) }
        Flow.type(&app, "provocative"); app.update(.enter)
        let logged = Flow.endTurn(&app)
        #expect(logged == [.ruling(action: 1, accept: false, effects: [Flow.effect("self.support -= 4", current: true)], reason: "provocative")])
        let g = app.game!
        #expect(g.state.freeActions[0].status == .rejected)
        // The consequence is applied (support moves by −4 besides the turn's other changes, which the ledger names).
        #expect(g.state.blocs[0].support < before)
    }

    // MARK: Run sheet

    static func withRunSheet(_ plan: [PlannedInject]) -> AppState {
        var app = Flow.atFacilitatorSeat()
        app.runSheets[scenario.contentHash] = plan
        return app
    }

    @Test func theRunSheetOffersEachPlannedInjectAtItsTurn() {
        let sc = Self.scenario
        let first = sc.injects[0], second = sc.injects[1], third = sc.injects[2]
        var app = Self.withRunSheet([PlannedInject(turn: 0, inject: first.id, note: "Fire it if the talks stall."),
                                     PlannedInject(turn: 0, inject: second.id),
                                     PlannedInject(turn: 1, inject: third.id)])
        let console = app.render(width: 100, height: 40)
        #expect(console.contains("Run sheet (k"))
        #expect(console.contains("NOW (k): “\(first.title)” — Fire it if the talks stall."))
        app.update(.char("k"))
        guard case .pick(let offer) = app.modal else { Issue.record("no offer"); return }
        #expect(offer.options == ["Fire it this turn", "Postpone it one turn", "Skip it"])
        #expect(offer.details[0].hasPrefix("Note: Fire it if the talks stall."))
        app.update(.enter)                                                  // fire the first
        app.update(.char("k")); app.update(.down); app.update(.enter)       // postpone the second
        app.update(.char("k"))
        #expect(app.message == "Nothing on the run sheet for this turn.")
        #expect(Flow.endTurn(&app) == [.inject(id: first.id)])
        // Turn 2: the postponed card and the third are offered.
        app.update(.enter); app.update(.enter); app.update(.char("e")); app.update(.char("y")); app.update(.enter)
        #expect(app.dueRunSheetEntries == [1, 2])
        app.update(.char("k")); app.update(.down); app.update(.down); app.update(.enter)   // skip the second
        app.update(.char("k")); app.update(.enter)                                          // fire the third
        app.update(.char("u"))                                                              // …taken back: offered again
        #expect(app.dueRunSheetEntries == [2])
        app.update(.char("k")); app.update(.enter)
        #expect(Flow.endTurn(&app) == [.inject(id: third.id)])
        #expect(app.runSheetDecisions.map(\.kind) == [.fired, .postponed, .skipped, .fired])
        #expect(app.runSheetDecisions.map(\.turn) == [0, 0, 1, 1])
        // A rewind to turn 2 forgets what was decided in it.
        app.rewindRunSheet(to: 1)
        #expect(app.runSheetDecisions.map(\.kind) == [.fired, .postponed])
    }
}
