import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

@Suite("Keyboard flow")
struct FlowTests {
    static func app() -> AppState {
        AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: BundledScenarios.defaultScenario)])
    }

    @Test func setupNeedsAHumanAndStartsWithTheBriefing() {
        var app = Self.app()
        #expect(app.setup.human.first == true) // the first bloc is human by default
        app.update(.char(" ")) // toggle it off
        app.update(.char("s"))
        #expect(app.mode == .setup)
        #expect(app.setup.error?.contains("at least one delegation") == true)
        app.update(.char(" "))
        app.update(.char("s"))
        #expect(app.mode == .briefing(0))
        let screen = app.render(width: 80, height: 24)
        #expect(screen.text.contains("YOUR SECRET BRIEF"))
        app.update(.enter)
        #expect(app.mode == .playing(0))
    }

    @Test func hotseatHandsOverAndResolves() {
        var app = Self.app()
        app.update(.down)           // seat 2 (EU)
        app.update(.char(" "))      // EU human too
        app.update(.char("s"))
        #expect(app.humans == [0, 1])
        #expect(app.mode == .handover(0))
        let handover = app.render(width: 80, height: 24)
        #expect(handover.text.contains("Pass the keyboard"))
        #expect(handover.text.contains("United States"))
        #expect(!handover.text.contains("Tension"))
        app.update(.enter); app.update(.enter) // handover → briefing → playing
        #expect(app.mode == .playing(0))
        app.update(.char("e"))
        #expect(app.modal == .confirmEndTurn)
        app.update(.char("y"))
        #expect(app.mode == .handover(1))
        app.update(.enter); app.update(.enter)
        app.update(.char("e")); app.update(.char("y"))
        #expect(app.game?.state.turn == 1)
        #expect(app.mode == .handover(0))
        app.update(.enter)
        #expect(app.screen == .report)
    }

    @Test func ordersFromScreensReachTheGame() {
        var app = Self.app()
        app.update(.char("s")); app.update(.enter)
        app.update(.char("3"))                 // budget
        app.update(.right); app.update(.enter) // +5 computing, order the split
        app.update(.char("4"))                 // PQC
        app.update(.char("m")); app.update(.enter) // mandate the first sector
        #expect(app.pendingOrders.map(\.kind) == ["allocate", "mandate"])
        guard case .mandate(_, let by)? = app.pendingOrders.last else { Issue.record("no mandate"); return }
        #expect(app.render(width: 100, height: 30).contains("by \(by) (ordered)"))   // shown at once, as ordered
        app.update(.char("o"))
        app.update(.delete)
        #expect(app.pendingOrders.map(\.kind) == ["mandate"])
        app.update(.char("e")); app.update(.char("y"))
        let game = app.game!
        #expect(game.log[0].contains { if case .order(let b, .mandate) = $0 { return b == "US" }; return false })
        #expect(game.state.blocs[0].mandates[0] >= 0)
    }

    @Test func anOrderedBudgetSplitStaysOnScreenAndCanBeWithdrawn() {
        var app = Self.app()
        app.update(.char("s")); app.update(.enter)
        app.update(.char("3"))                        // budget
        let before = app.game!.state.blocs[0].allocation
        #expect(app.render(width: 80, height: 24).contains("Split in force"))
        app.update(.right); app.update(.right)        // +10 points to the first track
        #expect(app.render(width: 80, height: 24).contains("Draft split, not ordered yet"))
        app.update(.enter)
        guard case .allocate(let shares)? = app.pendingOrders.last else { Issue.record("no allocation ordered"); return }
        #expect(shares[0] > before[0] + 9)
        let ordered = app.render(width: 80, height: 24)
        #expect(ordered.contains("Ordered split: it applies when the turn is resolved"))
        #expect(ordered.contains("\(Int(shares[0].rounded())) %"))   // the ordered share, not the one in force
        // A new draft on top of the order: r drops the draft first, and the order stays.
        app.update(.right)
        #expect(app.render(width: 80, height: 24).contains("Draft split, not ordered yet"))
        app.update(.char("r"))
        #expect(app.message == "Draft discarded: the ordered split stays (r again withdraws it).")
        #expect(app.pendingOrders == [.allocate(shares)])
        #expect(app.render(width: 80, height: 24).contains("Ordered split: it applies when the turn is resolved"))
        app.update(.char("r"))
        #expect(app.pendingOrders.isEmpty)
        #expect(app.message == "The ordered split is withdrawn: the split in force stays.")
        #expect(app.render(width: 80, height: 24).contains("Split in force"))
    }

    @Test func keysWaitWhileTheWindowIsTooSmallToShowTheGame() {
        var app = Self.app()
        app.update(.char("s")); app.update(.enter)
        #expect(app.mode == .playing(0))
        // At 60×15 the screen only asks for room: keys pressed blind do nothing.
        for key: Key in [.char("5"), .enter, .char("e"), .char("y"), .char("q")] { #expect(app.update(key, width: 60, height: 15) == []) }
        #expect(app.screen == .dashboard)
        #expect(app.modal == nil)
        #expect(app.pendingOrders.isEmpty)
        #expect(app.game?.state.turn == 0)
        // Timer ticks and resizes still count; at 80×24 keys act again.
        app.update(.resize, width: 60, height: 15)
        app.update(.char("5"), width: 80, height: 24)
        #expect(app.screen == .controls)
    }

    @Test func controlCAsksToQuitAndKeepsAnOpenDialog() {
        var app = Self.app()
        app.update(.char("s")); app.update(.enter)
        app.update(.char("8")); app.update(.enter); app.update(.enter)   // messages: to the first bloc listed
        guard case .prompt = app.modal else { Issue.record("no message prompt"); return }
        for c in "Meet in Geneva?" { app.update(.char(c)) }
        let typed = app.modal
        app.update(.interrupt)
        #expect(app.modal == .confirmQuit)
        #expect(!app.shouldQuit)
        app.update(.char("n"))                         // not quitting: the message is still being typed
        #expect(app.modal == typed)
        app.update(.interrupt)
        #expect(app.update(.interrupt) == [.quit])     // a second Ctrl-C while asked quits
        #expect(app.shouldQuit)
    }

    @Test func escapeInTheLoadListGoesBackInsteadOfAskingToQuit() {
        var app = Self.app()
        app.savedGames = [SavedGameInfo(path: "Saves/one.json", scenario: "The Quantum Decade", turn: "2025-Q2", delegations: ["US"], date: "today")]
        app.update(.char("l"))
        #expect(app.setup.field == .saves)
        app.update(.escape)
        #expect(app.modal == nil)
        #expect(app.setup.field != .saves)
        app.update(.char("q"))
        #expect(app.modal == .confirmQuit)
        let asked = app.render(width: 80, height: 24)
        #expect(asked.contains("Quit Entangled States?"))
        #expect(!asked.contains("Unsaved progress"))
    }

    @Test func escapeGoesBackAStepOfATreatyDraftKeepingTheChoices() {
        var app = Self.app()
        app.update(.char("s")); app.update(.enter)
        app.update(.char("6")); app.update(.char("p"))
        app.update(.down); app.update(.enter)          // the second type
        app.update(.char(" ")); app.update(.enter)     // invite the first other bloc
        guard case .draft(let terms) = app.modal else { Issue.record("no draft"); return }
        #expect(terms.step == .terms)
        app.update(.escape)
        guard case .draft(let parties) = app.modal else { Issue.record("the draft was thrown away"); return }
        #expect(parties.step == .parties)
        #expect(parties.parties == terms.parties)
        #expect(parties.typeIndex == 1)
        app.update(.escape)
        guard case .draft(let type) = app.modal else { Issue.record("the draft was thrown away"); return }
        #expect(type.step == .type)
        #expect(app.render(width: 80, height: 24).contains("Esc cancel"))
        app.update(.escape)
        #expect(app.modal == nil)
        #expect(app.message == "Draft discarded.")
    }

    @Test func endingTheTurnWarnsOfWhatWouldBeDroppedOrDecided() {
        var app = Self.app()
        app.update(.char("s")); app.update(.enter)
        app.update(.char("e"))
        #expect(!app.render(width: 80, height: 24).contains("!"))   // nothing to warn of at the start
        app.update(.char("n"))
        app.update(.char("3")); app.update(.right)     // a budget draft, not ordered
        app.update(.char("e"))
        let asked = app.render(width: 100, height: 30)
        #expect(asked.contains("! Your budget draft is not ordered and will be dropped"))
        #expect(asked.contains("Then the turn is resolved."))
        app.update(.char("n"))
        app.update(.enter)                             // ordered: no warning
        app.update(.char("e"))
        #expect(!app.render(width: 100, height: 30).contains("budget draft"))
        app.update(.char("n"))
        // Play on until a proposal waits for the US or a dilemma is open, and check each is named.
        var sawProposal = false, sawDilemma = false
        for _ in 0..<20 where !(sawProposal && sawDilemma) {
            app.update(.char("e")); app.update(.char("y")); app.update(.enter)
            guard app.modal == nil, let v = app.view, let g = app.game, !g.isOver else { break }
            let proposals = v.treaties.filter { row in
                row.treaty.status == .proposed && row.treaty.parties.firstIndex(of: 0).map { row.treaty.answers[$0] == .pending } == true
            }.count
            let dilemmas = v.dilemmas.count
            app.update(.char("e"))
            let text = app.render(width: 100, height: 40).text
            if proposals > 0 {
                sawProposal = true
                #expect(text.contains("\(proposals) proposal\(proposals == 1 ? " waits" : "s wait") for your answer"), "\(text)")
            }
            if dilemmas > 0 {
                sawDilemma = true
                #expect(text.contains("\(dilemmas) dilemma"), "\(text)")
                #expect(text.contains("last option will be taken"))
            }
            app.update(.char("n"))
            if proposals > 0 {
                // The proposal says when its answer is due; once answered it says which answer goes.
                app.update(.char("6"))
                let diplomacy = app.render(width: 100, height: 40).text
                #expect(diplomacy.contains("ANSWER NEEDED"))
                #expect(diplomacy.contains("Answer this turn (a or r)") || diplomacy.contains("Answer by"), "\(diplomacy)")
                app.update(.char("a"))
                #expect(app.render(width: 100, height: 40).text.contains("you accept"))
                guard case .respondTreaty(let id, true)? = app.pendingOrders.last,
                      let treaty = app.game?.state.treaties.first(where: { $0.id == id }) else { Issue.record("no answer ordered"); return }
                app.update(.char("o"))                 // the order names the treaty
                #expect(app.render(width: 120, height: 40).text.contains("Accept proposal #\(id) (\(treaty.name))"))
                app.update(.char("1"))
            }
        }
        #expect(sawProposal)
        #expect(sawDilemma)
    }

    @Test func savingOverAnExistingSaveAsksOnce() {
        var app = Self.app()
        app.update(.char("s")); app.update(.enter)
        app.savedGames = [SavedGameInfo(path: "Saves/session-one.json", scenario: "The Quantum Decade", turn: "2025-Q2", delegations: ["US"], date: "today")]
        app.update(.char("s"))
        guard case .prompt(let p) = app.modal else { Issue.record("no save prompt"); return }
        for _ in 0..<p.text.count { app.update(.backspace) }
        for c in "session-one" { app.update(.char(c)) }
        #expect(app.update(.enter) == [])
        guard case .prompt(let asked) = app.modal else { Issue.record("the prompt closed"); return }
        #expect(asked.error == "A save named “session-one” exists: Enter again replaces it; or change the name.")
        #expect(app.update(.enter) == [.save(name: "session-one")])
        // A new name saves at once.
        app.update(.char("s"))
        guard case .prompt(let q) = app.modal else { Issue.record("no save prompt"); return }
        for _ in 0..<q.text.count { app.update(.backspace) }
        for c in "session-two" { app.update(.char(c)) }
        #expect(app.update(.enter) == [.save(name: "session-two")])
    }

    @Test func mandateDeadlinesStayInsideTheGame() {
        let quick = BundledScenarios.all.compactMap { try? ScenarioLoader.parse(text: $0.text, file: $0.file) }.first { $0.id == "quick-crisis" }!
        var app = AppState(choices: [ScenarioChoice(name: quick.title, scenario: quick)])
        app.update(.char("s")); app.update(.enter)
        app.update(.char("4")); app.update(.char("m"))
        guard case .pick(let p) = app.modal else { Issue.record("no deadline picker"); return }
        let last = quick.calendar.label(quick.calendar.turnCount - 1)
        #expect(p.options.last == last)   // the game ends mid-year: its last turn is the latest deadline
        for label in p.options {
            let index = quick.calendar.turnIndex(of: TurnDate.parse(label)!)
            #expect(index > 0 && index <= quick.calendar.turnCount - 1, "\(label) is outside the game")
        }
    }

    @Test func smallTerminalAsksForMoreRoomAndRecovers() {
        var app = Self.app()
        app.update(.char("s")); app.update(.enter)
        let small = app.render(width: 60, height: 20)
        #expect(small.text.contains("make the window larger"))
        app.update(.resize)
        let big = app.render(width: 80, height: 24)
        #expect(big.text.contains("Tension"))
    }

    @Test func quitAsksFirst() {
        var app = Self.app()
        app.update(.char("q"))
        #expect(app.modal == .confirmQuit)
        app.update(.char("n"))
        #expect(!app.shouldQuit)
        app.update(.char("q")); app.update(.char("y"))
        #expect(app.shouldQuit)
    }

    @Test func atTheEndTheReportScreenIsTheWholeDebrief() {
        let quick = BundledScenarios.all.compactMap { try? ScenarioLoader.parse(text: $0.text, file: $0.file) }.first { $0.id == "quick-crisis" }!
        let game = Autoplay.play(quick, seed: 5)
        var app = AppState(choices: [ScenarioChoice(name: quick.title, scenario: quick)])
        app.resume(game: game, humans: [0], level: .standard)
        #expect(app.mode == .gameOver)
        app.update(.char("0"))
        let first = app.render(width: 80, height: 24)
        #expect(first.contains("After-action report: \(quick.title)"))
        #expect(first.contains("Outcome: \(game.state.outcome!.title)"))
        #expect(first.contains("0 debrief · q quit"))
        #expect(first.contains("more lines (PgDn)"))
        // Scrolling reaches every section and then the end; no line is wider than the window.
        var seen = first.text
        var pages = 0
        while !app.render(width: 80, height: 24).contains("end of the debrief") && pages < 200 {
            app.update(.pageDown); pages += 1
            seen += "\n" + app.render(width: 80, height: 24).text
        }
        #expect(pages < 200)
        for heading in ["Delegations and their objectives", "Timeline of key events", "Questions for discussion", "Mosca's inequality over time"] {
            #expect(seen.contains(heading), "missing \(heading)")
        }
        #expect(seen.contains("secret objective"))
        // A wider window re-wraps the same report.
        #expect(app.render(width: 120, height: 40).contains("end of the debrief") || app.render(width: 120, height: 40).contains("more lines"))
    }
}

@Suite("Effects in words")
struct EffectTextTests {
    static let scenario = BundledScenarios.defaultScenario

    static func effect(_ target: Reference, _ op: AssignOp, _ x: Double, _ source: String) -> Effect {
        Effect(target: target, op: op, value: .number(x), source: source)
    }

    @Test func plainNumbersAreSaidInWordsAndEverythingElseKeepsItsExpression() {
        let s = Self.scenario
        let gov = s.sectorIndex("government")!
        let cases: [(Effect, Int?, String)] = [
            (Self.effect(.bloc(.current, .budget), .multiply, 1.05, "self.budget *= 1.05"), 0, "your quantum budget +5 %"),
            (Self.effect(.bloc(.current, .pqc(sector: gov)), .add, 0.02, "self.pqc.government += 0.02"), 0, "your \(s.sectors[gov].name) migration +2 pts"),
            (Self.effect(.bloc(.bloc(2), .support), .subtract, 3, "CN.support -= 3"), 0, "CN domestic support −3"),
            (Self.effect(.bloc(.bloc(0), .support), .subtract, 3, "US.support -= 3"), 0, "your domestic support −3"),
            (Self.effect(.bloc(.all, .capital), .set, 2, "all.capital = 2"), nil, "every bloc's political capital set to 2"),
            (Self.effect(.world(.tension), .add, 4, "world.tension += 4"), nil, "world tension +4"),
            (Self.effect(.trust(.bloc(0), .bloc(2)), .subtract, 6, "trust(US, CN) -= 6"), 1, "trust between US and CN −6"),
            (Effect(target: .world(.tension), op: .add, value: .ref(.bloc(.current, .support)), source: "world.tension += self.support"), 0, "world.tension += self.support"),
        ]
        for (effect, viewer, expected) in cases {
            #expect(EffectText.describe(effect, scenario: s, viewer: viewer) == expected)
        }
    }
}

@Suite("The why-ledger on screen")
struct WhyLedgerScaleTests {
    @Test func theFacilitatorsWhyJudgesEachBlocsChangeAgainstThatBlocsOwnLevel() {
        var game = Game(scenario: BundledScenarios.defaultScenario, seed: 3)
        game.resolve(Autoplay.computerCommands(game, level: .standard))
        let facilitator = game.state.view(for: .facilitator, scenario: game.scenario, seed: game.seed)
        let us = game.state.blocs[0], kr = game.state.blocs[5]
        #expect(WhyLedger.scale("qkdKm", world: false, subject: 0, view: facilitator) == max(100, us.qkdKm))
        #expect(WhyLedger.scale("computing", world: false, subject: 5, view: facilitator) == max(1, kr.computing))
        #expect(WhyLedger.scale("tension", world: true, subject: -1, view: facilitator) == 20)
        #expect(WhyLedger.label("crqcLogicalQubits", world: true, view: facilitator) == "logical qubits a CRQC needs")
        // In a delegation's view the scale is the viewer's own level.
        let view = game.state.view(for: .bloc(0), scenario: game.scenario, seed: game.seed)
        #expect(WhyLedger.scale("qkdKm", world: false, subject: 0, view: view) == max(100, us.qkdKm))
    }
}
