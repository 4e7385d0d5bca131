import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

/// The facilitator's seat, key by key: each console action ends as the exact command in the log.
@Suite("Facilitator seat")
struct FacilitatorFlowTests {
    static let scenario = BundledScenarios.defaultScenario

    /// A new game with the US human and a facilitator seat, at the facilitator's seat of turn 1
    /// (the US has ended its orders, after `usOrders` ran on the US's screens).
    static func atFacilitatorSeat(usOrders: (inout AppState) -> Void = { _ in }) -> AppState {
        var app = AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: scenario)])
        app.setup.facilitator = true
        app.update(.char("s"))
        #expect(app.mode == .handover(0))
        app.update(.enter); app.update(.enter)     // handover → briefing → playing
        #expect(app.mode == .playing(0))
        usOrders(&app)
        app.update(.char("e")); app.update(.char("y"))
        #expect(app.mode == .facilitatorHandover)
        let handover = app.render(width: 80, height: 24)
        #expect(handover.contains("FACILITATOR"))
        #expect(!handover.contains("Tension"))
        app.update(.enter)
        #expect(app.mode == .facilitating)
        #expect(app.screen == .facilitator)
        return app
    }

    static func type(_ app: inout AppState, _ text: String) {
        for c in text { app.update(.char(c)) }
    }

    /// Ends the facilitator's turn and returns the facilitator commands logged for the turn.
    static func endTurn(_ app: inout AppState) -> [FacilitatorAction] {
        app.update(.char("e"))
        #expect(app.modal == .confirmEndTurn)
        let effects = app.update(.char("y"))
        #expect(effects == [.turnResolved])
        return app.game!.log.last!.compactMap { if case .facilitator(let a) = $0 { return a }; return nil }
    }

    static func effect(_ text: String, current: Bool = false) -> Effect {
        try! ExpressionParser.parseEffect(text, in: ExpressionContext(scenario: scenario, allowsCurrent: current, allowsAll: true))
    }

    @Test func setupOffersTheSeatAndAFacilitatorAloneDrivesComputerTurns() {
        var app = AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: Self.scenario)])
        app.update(.char(" "))                      // the US is no longer human: nobody is
        for _ in 0..<10 { app.update(.down) }       // past the last seat to the facilitator field
        #expect(app.setup.field == .facilitator)
        #expect(app.render(width: 80, height: 24).contains("Facilitator ◀ no ▶"))
        app.update(.char(" "))
        #expect(app.setup.facilitator)
        #expect(app.render(width: 80, height: 24).contains("Facilitator ◀ yes ▶"))
        app.update(.char("s"))
        #expect(app.humans.isEmpty)
        #expect(app.mode == .facilitating)
        _ = Self.endTurn(&app)
        #expect(app.game?.state.turn == 1)
        #expect(app.mode == .facilitating)          // the facilitator drives every turn
        #expect(app.game!.log[0].contains { if case .order(let b, _) = $0 { return b == "US" }; return false })
    }

    @Test func theConsoleIsUnfoggedAndDelegationsCannotOpenIt() {
        var app = Self.atFacilitatorSeat()
        let console = app.render(width: 80, height: 24)
        #expect(console.contains("Facilitator │ 2025-Q1"))
        #expect(console.contains("Secrets"))
        #expect(app.view?.viewer == .facilitator)
        app.update(.char("1"))
        #expect(app.screen == .dashboard)
        #expect(!app.render(width: 80, height: 24).contains("~"))  // true values, no estimates
        app.update(.char("3"))
        #expect(app.screen == .dashboard)
        #expect(app.message?.contains("belongs to a delegation") == true)
        app.update(.char("f"))
        #expect(app.screen == .facilitator)
        // A delegation pressing f stays on its own screens.
        _ = Self.endTurn(&app)
        app.update(.enter)
        #expect(app.mode == .playing(0))
        app.update(.char("f"))
        #expect(app.screen != .facilitator)
        #expect(app.view?.viewer == .bloc(0))
    }

    @Test func injectingACardFromTheDeck() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("i"))
        guard case .pick(let picker) = app.modal else { Issue.record("no picker"); return }
        #expect(picker.options.count == Self.scenario.injects.count)
        #expect(picker.details[0].hasPrefix(Self.scenario.injects[0].text.prefix(20)))
        app.update(.down); app.update(.enter)
        #expect(Self.endTurn(&app) == [.inject(id: Self.scenario.injects[1].id)])
        // The card is marked as used from then on.
        app.resume(game: app.game!, humans: [], level: .standard, facilitator: true)
        app.update(.char("i"))
        guard case .pick(let again) = app.modal else { Issue.record("no picker"); return }
        #expect(again.options[1].hasPrefix("✔"))
        #expect(!again.options[0].hasPrefix("✔"))
    }

    @Test func aCustomEventIsValidatedAsTypedAndKeepsTheText() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("n"))
        app.update(.enter)                          // an empty title is refused, the prompt stays
        guard case .prompt(let empty) = app.modal else { Issue.record("prompt closed"); return }
        #expect(empty.error == "The event needs a title.")
        Self.type(&app, "Cable cut"); app.update(.enter)
        Self.type(&app, "A Baltic cable is cut."); app.update(.enter)
        Self.type(&app, "all.support -= 2; world.tensoin += 5"); app.update(.enter)
        guard case .prompt(let bad) = app.modal else { Issue.record("prompt closed"); return }
        #expect(bad.text == "all.support -= 2; world.tensoin += 5")
        #expect(bad.error?.hasPrefix("“world.tensoin += 5” at column 25:") == true)
        #expect(bad.error?.contains("tension") == true)
        #expect(app.render(width: 80, height: 24).contains("at column 25"))
        for _ in 0..<12 { app.update(.backspace) }
        Self.type(&app, "tension += 5"); app.update(.enter)
        #expect(app.modal == nil)
        #expect(Self.endTurn(&app) == [.customEvent(title: "Cable cut", text: "A Baltic cable is cut.",
                                                    effects: [Self.effect("all.support -= 2"), Self.effect("world.tension += 5")])])
    }

    @Test func escapeGoesBackAStepOfACustomEventWithWhatWasTyped() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("n"))
        Self.type(&app, "Cable cut"); app.update(.enter)
        Self.type(&app, "A Baltic cable is cut."); app.update(.enter)
        Self.type(&app, "world.tension += 5")
        #expect(app.render(width: 80, height: 24).contains("Esc back a step"))
        app.update(.escape)                          // effects → text, as typed
        guard case .prompt(let text) = app.modal else { Issue.record("the dialog closed"); return }
        #expect(text.purpose == .eventText(title: "Cable cut"))
        #expect(text.text == "A Baltic cable is cut.")
        app.update(.escape)                          // text → title, as typed
        guard case .prompt(let title) = app.modal else { Issue.record("the dialog closed"); return }
        #expect(title.purpose == .eventTitle)
        #expect(title.text == "Cable cut")
        #expect(app.render(width: 80, height: 24).contains("Esc cancel"))
        Self.type(&app, "s"); app.update(.enter)     // edit the title, then go forward again
        guard case .prompt(let again) = app.modal else { Issue.record("the dialog closed"); return }
        #expect(again.purpose == .eventText(title: "Cable cuts"))
        app.update(.enter)                           // the text is still there, and so are the effects
        guard case .prompt(let effects) = app.modal else { Issue.record("the dialog closed"); return }
        #expect(effects.text == "world.tension += 5")
        app.update(.enter)
        #expect(app.modal == nil)
        #expect(Self.endTurn(&app) == [.customEvent(title: "Cable cuts", text: "A Baltic cable is cut.",
                                                    effects: [Self.effect("world.tension += 5")])])
    }

    @Test func escapeInAnAdjustmentGoesBackToTheValueAsTyped() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("a"))
        app.update(.down); app.update(.down); app.update(.down)     // world, US, EU, China
        app.update(.enter)
        guard case .pick(let fields) = app.modal, let support = fields.options.firstIndex(where: { $0.hasPrefix("domestic support") }) else {
            Issue.record("no field list"); return
        }
        for _ in 0..<support { app.update(.down) }
        app.update(.enter)
        Self.type(&app, "-5"); app.update(.enter)
        guard case .prompt(let reason) = app.modal, case .adjustReason(let effect) = reason.purpose else { Issue.record("no reason step"); return }
        #expect(effect == Self.effect("CN.support -= 5"))
        app.update(.escape)
        guard case .prompt(let value) = app.modal, case .adjustValue(let path, _) = value.purpose else { Issue.record("not back at the value"); return }
        #expect(path == "CN.support")
        #expect(value.text == "-5")
        app.update(.escape)
        guard case .pick(let back) = app.modal else { Issue.record("not back at the field list"); return }
        #expect(back.selected == support)                     // the field chosen, still highlighted
        app.update(.escape); app.update(.escape)                // the bloc list, then closed
        #expect(app.modal == nil)
    }

    @Test func escapeOnTheFirstStepClosesTheDialog() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("n"))
        Self.type(&app, "Cable cut")
        app.update(.escape)
        #expect(app.modal == nil)
        #expect(app.facilitatorQueue.isEmpty)
    }

    @Test func valuesBeyondTheirRangeAreNamedBeforeTheyAreQueued() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("n"))
        Self.type(&app, "Windfall"); app.update(.enter)
        Self.type(&app, "Money rains."); app.update(.enter)
        Self.type(&app, "all.support += 100000; world.tension -= 1"); app.update(.enter)
        guard case .prompt(let warned) = app.modal else { Issue.record("queued without a word"); return }
        #expect(warned.text == "all.support += 100000; world.tension -= 1")
        #expect(warned.error == "all.support runs from 0 to 100, so “all.support += 100000” stops at 100. Enter again keeps it as it is, or change it.")
        app.update(.enter)                           // the facilitator insists: queued as typed
        #expect(app.modal == nil)
        // An adjustment to a value in range is not questioned; one beyond it is, with the edge it stops at.
        app.update(.char("a"))
        guard case .pick(let targets) = app.modal else { Issue.record("no adjust picker"); return }
        for _ in 0..<(targets.options.count - 1) { app.update(.down) }
        app.update(.enter)                           // a whole effect
        Self.type(&app, "CN.pqc.finance = 2"); app.update(.enter)
        guard case .prompt(let pqc) = app.modal else { Issue.record("queued without a word"); return }
        #expect(pqc.error == "CN.pqc.finance runs from 0 to 1, so “CN.pqc.finance = 2” stops at 1. Enter again keeps it as it is, or change it.")
        for _ in 0..<1 { app.update(.backspace) }
        Self.type(&app, "0.5"); app.update(.enter)
        guard case .prompt(let reason) = app.modal else { Issue.record("no reason prompt"); return }
        #expect(reason.purpose == .adjustReason(effect: Self.effect("CN.pqc.finance = 0.5")))
        app.update(.escape)                          // back to the effect, as typed
        guard case .prompt(let back) = app.modal else { Issue.record("the dialog closed"); return }
        #expect(back.purpose == .adjustEffect)
        #expect(back.text == "CN.pqc.finance = 0.5")
    }

    @Test func rulingOnAnActionSubmittedThisTurn() {
        var app = Self.atFacilitatorSeat { app in
            app.update(.char("o")); app.update(.char("n"))
            Self.type(&app, "Host a PQC hackathon"); app.update(.enter)
            Self.type(&app, "faster migration"); app.update(.enter)
            #expect(app.render(width: 80, height: 24).contains("[awaiting ruling]"))
        }
        app.update(.char("r"))
        guard case .pick(let actions) = app.modal else { Issue.record("no picker"); return }
        #expect(actions.options == ["#1 US: Host a PQC hackathon"])
        app.update(.enter)
        app.update(.enter)                          // accept, with effects
        Self.type(&app, "self.pqc.government += 0.02"); app.update(.enter)
        app.update(.enter)                          // an empty reason is refused
        guard case .prompt(let reason) = app.modal else { Issue.record("prompt closed"); return }
        #expect(reason.error == "A ruling needs a reason: the delegation reads it.")
        // Esc walks back through every step as it was left (an action of this very turn included) …
        Self.type(&app, "well")
        app.update(.escape)
        guard case .prompt(let effects) = app.modal else { Issue.record("the ruling was thrown away"); return }
        #expect(effects.text == "self.pqc.government += 0.02")
        app.update(.escape)
        guard case .pick(let decision) = app.modal else { Issue.record("not back at the decision"); return }
        #expect(decision.options == ["Accept, with effects", "Reject", "Reject, with consequences"])
        #expect(app.render(width: 80, height: 24).contains("Esc back a step"))
        app.update(.escape)
        guard case .pick(let again) = app.modal else { Issue.record("not back at the action list"); return }
        #expect(again.options == ["#1 US: Host a PQC hackathon"])
        #expect(app.render(width: 80, height: 24).contains("Esc cancel"))
        // … and forward again every typed step comes back as it was.
        app.update(.enter); app.update(.enter)
        guard case .prompt(let forward) = app.modal else { Issue.record("no effects prompt"); return }
        #expect(forward.text == "self.pqc.government += 0.02")
        app.update(.enter)
        guard case .prompt(let reasonAgain) = app.modal else { Issue.record("no reason prompt"); return }
        #expect(reasonAgain.text == "well")
        Self.type(&app, " organised"); app.update(.enter)
        let logged = Self.endTurn(&app)
        #expect(logged == [.ruling(action: 1, accept: true, effects: [Self.effect("self.pqc.government += 0.02", current: true)], reason: "well organised")])
        // The id the console predicted is the one the game gave the action.
        let game = app.game!
        #expect(game.state.freeActions.map(\.id) == [1])
        #expect(game.state.freeActions[0].status == .accepted)
        // The delegation reads the ruling and its reason.
        app.update(.enter)
        app.update(.char("o"))
        #expect(app.render(width: 100, height: 30).contains("accepted — well organised"))
        #expect(app.view!.news.contains { $0.text.contains("accepted — well organised") })
    }

    @Test func rejectingAnActionOfAnEarlierTurn() {
        var app = Self.atFacilitatorSeat { app in
            app.update(.char("o")); app.update(.char("n"))
            Self.type(&app, "Bribe a Chinese official"); app.update(.enter); app.update(.enter)
        }
        _ = Self.endTurn(&app)                      // no ruling this turn: it stays pending
        #expect(app.game!.state.freeActions[0].status == .pending)
        app.update(.enter); app.update(.char("e")); app.update(.char("y")); app.update(.enter)
        app.update(.char("r")); app.update(.enter)
        app.update(.down); app.update(.enter)       // reject
        Self.type(&app, "not plausible"); app.update(.enter)
        #expect(Self.endTurn(&app) == [.ruling(action: 1, accept: false, effects: [], reason: "not plausible")])
        #expect(app.game!.state.freeActions[0].status == .rejected)
    }

    @Test func withoutAFacilitatorTheDelegationIsToldItsActionGoesUnadjudicated() {
        var app = AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: Self.scenario)])
        app.update(.char("s")); app.update(.enter)
        app.update(.char("o")); app.update(.char("n"))
        Self.type(&app, "Open a hotline"); app.update(.enter); app.update(.enter)
        #expect(app.message?.contains("unadjudicated in the after-action report") == true)
        #expect(app.render(width: 100, height: 30).contains("unadjudicated in the report"))
    }

    @Test func adjustingAValueNeedsAValidValueAndAReason() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("a"))
        app.update(.down); app.update(.enter)       // the US
        app.update(.enter)                          // its first field: support
        Self.type(&app, "+x"); app.update(.enter)
        guard case .prompt(let bad) = app.modal else { Issue.record("prompt closed"); return }
        #expect(bad.text == "+x")
        #expect(bad.error?.hasPrefix("“+x” is not a value for US.support") == true)
        app.update(.backspace); Self.type(&app, "5"); app.update(.enter)
        app.update(.enter)
        guard case .prompt(let reason) = app.modal else { Issue.record("prompt closed"); return }
        #expect(reason.error?.contains("needs a reason") == true)
        Self.type(&app, "election won"); app.update(.enter)
        // A whole effect typed in the expression language.
        app.update(.char("a"))
        app.update(.up)
        for _ in 0..<20 { app.update(.down) }
        app.update(.enter)
        Self.type(&app, "trust(US, CN) += 10"); app.update(.enter)
        Self.type(&app, "back channel"); app.update(.enter)
        #expect(Self.endTurn(&app) == [.adjust(effect: Self.effect("US.support += 5"), reason: "election won"),
                                       .adjust(effect: Self.effect("trust(US, CN) += 10"), reason: "back channel")])
    }

    @Test func revealingASecretToChosenDelegations() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("v"))
        guard case .pick(let secrets) = app.modal else { Issue.record("no picker"); return }
        #expect(secrets.options[0].hasPrefix("Secret objectives of United States"))
        app.update(.down); app.update(.down); app.update(.enter)   // China's objectives
        app.update(.down); app.update(.char(" "))                  // the US
        app.update(.down); app.update(.char(" "))                  // the EU
        app.update(.enter)
        app.update(.char("v")); app.update(.enter); app.update(.enter)  // the US's, to everyone (the highlighted first line)
        // Enter with nothing ticked reveals to the highlighted delegation only, not to the room.
        app.update(.char("v")); app.update(.down); app.update(.enter)   // the EU's objectives…
        app.update(.down); app.update(.down); app.update(.down); app.update(.enter)   // …to the line on China
        #expect(Self.endTurn(&app) == [.reveal(secret: .objectives(bloc: "CN"), to: ["US", "EU"]),
                                       .reveal(secret: .objectives(bloc: "US"), to: []),
                                       .reveal(secret: .objectives(bloc: "EU"), to: ["CN"])])
    }

    @Test func timerSettingsAreLoggedAndTheComputerFillsInAtZero() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("t")); app.update(.enter)
        for _ in 0..<2 { app.update(.backspace) }
        Self.type(&app, "0"); app.update(.enter)
        guard case .prompt(let zero) = app.modal else { Issue.record("prompt closed"); return }
        #expect(zero.error == "A turn timer runs 1 to 180 minutes; “0” is not one of them.")
        app.update(.backspace); Self.type(&app, "1000"); app.update(.enter)
        guard case .prompt(let big) = app.modal else { Issue.record("prompt closed"); return }
        #expect(big.text == "1000")
        for _ in 0..<4 { app.update(.backspace) }
        Self.type(&app, "2"); app.update(.enter)
        app.update(.down); app.update(.enter)       // the computer fills in at zero
        #expect(app.render(width: 80, height: 24).contains("Timer 02:00"))
        #expect(Self.endTurn(&app) == [.timer(TurnTimer(minutes: 2, atZero: .computerFillsIn))])
        // The delegation's turn: the timer runs on every screen, including the handover.
        app.update(.tick(1000))
        #expect(app.render(width: 80, height: 24).contains("Timer 02:00"))
        app.update(.enter)
        app.update(.tick(1030))
        #expect(app.render(width: 80, height: 24).contains("Timer 01:30"))
        app.update(.char("3")); app.update(.right); app.update(.enter)   // the US gives one order itself
        app.update(.char("o")); app.update(.char("n")); Self.type(&app, "We propose a half-typed")
        let effects = app.update(.tick(1125))
        #expect(effects == [])
        #expect(app.mode == .facilitatorHandover)   // the computer filled in; the facilitator still sits
        #expect(app.message?.hasPrefix("Time is up") == true)
        #expect(app.message?.contains("US: ") == true)            // each delegation is named with its orders
        // What was being typed is named, not silently lost; nothing is said in the delegation's name.
        #expect(app.message?.contains("Your unfinished text was not sent: “We propose a half-typed”") == true)
        let orders = app.pending[0]
        #expect(orders.filter { $0.kind == "allocate" }.count == 1)
        #expect(orders.count > 1)
        #expect(!orders.contains { $0.kind == "message" || $0.kind == "statement" })
        app.update(.enter)
        _ = Self.endTurn(&app)
        // The computer's orders are logged, marked as the computer's: the log replays without a clock.
        let game = app.game!
        #expect(game.log[1].filter { $0.blocOrder?.bloc == "US" }.count == orders.count)
        let marked = game.log[1].compactMap { c -> Order? in if case .givenByComputer("US", let o) = c { return o }; return nil }
        #expect(marked.count == orders.count - 1)
        #expect(!marked.contains { $0.kind == "allocate" })       // the US's own order is its own
        var replay = Game(scenario: game.scenario, seed: game.seed)
        for turn in game.log { replay.resolve(turn) }
        #expect(replay.hashes == game.hashes)
    }

    @Test func timerThatWaitsAtZeroAndPauses() {
        var app = Self.atFacilitatorSeat()
        app.update(.char("t")); app.update(.enter)
        app.update(.backspace); app.update(.backspace); Self.type(&app, "1"); app.update(.enter)
        app.update(.enter)                          // the turn waits at zero
        _ = Self.endTurn(&app)
        app.update(.tick(0)); app.update(.enter)
        app.update(.tick(30)); app.update(.tick(61)); app.update(.tick(62))
        #expect(app.mode == .playing(0))            // still waiting for the delegation
        #expect(app.render(width: 80, height: 24).contains("Timer 00:00 TIME UP"))
        app.update(.char("e")); app.update(.char("y")); app.update(.enter)
        #expect(app.mode == .facilitating)
        app.update(.tick(100)); app.update(.tick(200))
        #expect(app.timerRemaining == 0)            // it does not count in the facilitator's seat
        app.update(.char("t"))
        guard case .pick(let options) = app.modal else { Issue.record("no picker"); return }
        #expect(options.options == ["Set a new turn timer", "Pause the timer", "Clear the timer"])
        app.update(.down); app.update(.enter)       // pause
        app.update(.char("t")); app.update(.down); app.update(.down); app.update(.enter) // clear
        #expect(Self.endTurn(&app) == [.timer(TurnTimer(minutes: 1, atZero: .wait, paused: true)), .timer(nil)])
        #expect(app.timer == nil)
        #expect(!app.render(width: 80, height: 24).contains("Timer"))
    }

    @Test func rewindingBranchesFromTheStartOfATurn() {
        var app = Self.atFacilitatorSeat()
        _ = Self.endTurn(&app)
        app.update(.enter); app.update(.char("e")); app.update(.char("y")); app.update(.enter)
        _ = Self.endTurn(&app)
        let before = app.game!
        #expect(before.state.turn == 2)
        app.update(.enter); app.update(.char("e")); app.update(.char("y")); app.update(.enter)
        app.update(.char("b"))
        guard case .pick(let turns) = app.modal else { Issue.record("no picker"); return }
        #expect(turns.options.count == 3)
        app.update(.up)                             // the start of turn 1... then down to turn 2
        app.update(.down)
        #expect(app.update(.enter) == [])
        #expect(app.modal == .confirmRewind(1))
        #expect(app.render(width: 80, height: 24).contains("Rewind to the start of 2025-Q2"))
        #expect(app.update(.char("y")) == [.rewound(turn: 1)])
        #expect(app.game?.state.turn == 1)
        #expect(app.game?.hashes == Array(before.hashes.prefix(1)))
        #expect(app.rewoundFrom?.state.turn == 2)
        #expect(app.mode == .handover(0))          // the delegations play the turn again
        app.update(.enter)
        app.update(.char("s"))
        guard case .prompt(let save) = app.modal else { Issue.record("no save prompt"); return }
        #expect(save.text == "quantum-decade-2025-Q2-branch")
    }

    @Test func atTheEndTheFacilitatorOpensTheDebriefWithEveryObjective() {
        let quick = BundledScenarios.all.compactMap { try? ScenarioLoader.parse(text: $0.text, file: $0.file) }.first { $0.id == "quick-crisis" }!
        let game = Autoplay.play(quick, seed: 3)
        var app = AppState(choices: [ScenarioChoice(name: quick.title, scenario: quick)])
        app.resume(game: game, humans: [0], level: .standard, facilitator: true)
        #expect(app.mode == .gameOver)
        #expect(app.view?.viewer == .bloc(0))
        #expect(app.render(width: 80, height: 24).contains("f facilitator's seat"))
        app.update(.char("f"))
        #expect(app.view?.viewer == .facilitator)
        let debrief = app.render(width: 80, height: 24)
        #expect(debrief.contains("Facilitator │ Game over"))
        #expect(debrief.contains("After-action report: \(quick.title)"))
        // Further down, every delegation's objectives with the secret ones revealed.
        var seen = debrief.text
        for _ in 0..<60 { app.update(.pageDown); seen += app.render(width: 80, height: 24).text }
        #expect(seen.contains("\(quick.blocs[1].name) (\(quick.blocs[1].id))"))
        #expect(seen.contains("secret objective"))
        app.update(.char("e"))
        #expect(app.modal == nil)
    }
}
