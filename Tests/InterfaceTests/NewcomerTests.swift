import Testing
@testable import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

/// Issue 17: a game a newcomer can follow — objectives in sight, consequences before each choice,
/// and the contradictions a student found, each pinned by a test that fails when it comes back.
@Suite("A game a newcomer can follow")
struct NewcomerTests {
    static var quickCrisis: Scenario { try! BundledScenarios.scenario(named: "quick-crisis")! }

    /// The EU (bloc 1) of quick-crisis at the keyboard, past the briefing, optionally with its state changed.
    static func euApp(_ change: (inout GameState) -> Void = { _ in }) -> AppState {
        ContradictionTests.app(quickCrisis, human: 1, change)
    }

    static let eu = 1

    @Test func theObjectivesScreenShowsEachObjectivesValueAgainstItsThreshold() throws {
        var app = Self.euApp { $0.blocs[Self.eu].pqc[0] = 0.41 }
        #expect(app.mode == .playing(0))
        #expect(app.currentBloc == Self.eu)
        app.update(.char("O"))
        #expect(app.screen == .objectives)
        let text = app.render(width: 100, height: 40).text
        let g = try #require(app.game)
        // "self.pqc.government >= 0.78 and …": the left-hand value now and the threshold, in percent.
        let government = g.scenario.sectors[0].name
        #expect(text.contains("\(government) migrated 41/78%"), "\(text)")
        // Its deadline and the turns left before it is judged.
        #expect(text.contains("by 2030-Q4"), "\(text)")
        // The secret brief and the situation can be re-read.
        #expect(text.contains("YOUR SECRET BRIEF"))
        // A value of another bloc is fog: never a number.
        let progress = g.objectiveProgress(for: Self.eu)
        #expect(progress.count == g.scenario.blocs[Self.eu].objectives.count)
    }

    @Test func progressIsReadFromTheConditionTheRulesJudge() throws {
        // Raising the value past the threshold turns the same term from short to holding.
        let ci = try #require(Self.quickCrisis.sectorIndex("critical-infrastructure"))
        let short = Self.euApp { $0.blocs[Self.eu].pqc[0] = 0.5; $0.blocs[Self.eu].pqc[ci] = 0.5 }
        let met = Self.euApp { $0.blocs[Self.eu].pqc[0] = 0.9; $0.blocs[Self.eu].pqc[ci] = 0.9 }
        let a = try #require(short.game?.objectiveProgress(for: Self.eu).first)
        let b = try #require(met.game?.objectiveProgress(for: Self.eu).first)
        #expect(a.holdsNow == false)
        #expect(b.holdsNow == true)
        #expect(a.terms.first?.value == 0.5)
        #expect(a.terms.first?.threshold == 0.78)
        // The US's "self.computing >= 1.25 * CN.computing" reads China's hidden value: no number leaks.
        let us = try #require(short.game?.objectiveProgress(for: 0))
        let lead = try #require(us.first { p in p.terms.contains { $0.threshold == nil && $0.op != nil } })
        #expect(lead.holdsNow == nil)
        #expect(lead.terms.first?.threshold == nil)
    }

    @Test func theWorldScreenKeepsTheObjectivesInSightAndWarnsBeforeAMandateIsMissed() {
        var app = Self.euApp { s in
            s.blocs[Self.eu].mandates[1] = s.turn + 1   // due next turn
            s.blocs[Self.eu].pqc[1] = 0.2
        }
        let world = app.render(width: 100, height: 40).text
        #expect(world.contains("Objectives (O):"), "\(world)")
        #expect(world.contains("mandate falls due next turn at 20 %"), "\(world)")
        #expect(world.contains("−3 support"))
        app.update(.char("e"))
        let asked = app.render(width: 100, height: 40).text
        #expect(asked.contains("mandate falls due next turn"), "\(asked)")
    }

    @Test func ordersBeyondTheCapitalAreNamedAndTheHeaderDropsAsTheyAreQueued() {
        var app = Self.euApp { $0.blocs[Self.eu].capital = 1 }
        #expect(app.render(width: 100, height: 30).text.contains("Capital 1 "))
        app.update(.char("7"))
        app.update(.char("x"))               // espionage (intelligence stage), 1 capital
        app.update(.char("2"))
        app.update(.right)                   // another bloc
        app.update(.char("g"))               // dialogue (diplomacy stage, before intelligence), 1 capital
        #expect(app.render(width: 100, height: 30).text.contains("Capital 0 of 1"))
        #expect(app.affordableOrders == [false, true])
        app.update(.char("e"))
        #expect(app.endTurnWarnings.contains { $0.hasSuffix("this one fails: Espionage against United States.") }, "\(app.endTurnWarnings)")
        app.update(.char("n"))
        app.update(.char("o"))
        let orders = app.render(width: 100, height: 30).text
        #expect(orders.contains("Orders resolve in stages"))
        #expect(orders.contains("[2]✖ Espionage"), "\(orders)")
        #expect(orders.contains("[1] Dialogue"), "\(orders)")
    }

    @Test func disclosingACRQCAsksFirstAndStatesTheCost() {
        var app = Self.euApp { $0.blocs[Self.eu].crqcTurn = 0 }
        app.update(.char("7"))
        app.update(.char("D"))
        #expect(app.modal == .confirmDisclose)
        #expect(app.pendingOrders.isEmpty)
        let text = app.render(width: 100, height: 30).text
        #expect(text.contains("Every other bloc loses 10.5 trust"), "\(text)")
        #expect(text.contains("y disclose · n keep it secret"))
        app.update(.char("n"))
        #expect(app.modal == nil)
        #expect(app.pendingOrders.isEmpty)
        app.update(.char("D")); app.update(.char("y"))
        #expect(app.pendingOrders == [.discloseCRQC])
    }

    @Test func theQDayClockAgreesWithTheEstimatesAndNamesAnAllysMachine() throws {
        // China past the threshold (so a secret CRQC): the clock says it may be there, not "~0.25 y".
        var app = Self.euApp { s in
            let cn = try! #require(Self.quickCrisis.blocIndex("CN"))
            s.blocs[cn].computing = s.world.crqcLogicalQubits * 1.3
            s.blocs[cn].crqcTurn = 0
            s.blocs[0].crqcTurn = 0                          // the US, an ally, known to hold one
            for o in s.blocs.indices { s.blocs[0].crqcKnownBy[o] = true }
        }
        let header = app.render(width: 120, height: 30).text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("CN may be there now"), "\(header)")
        #expect(!header.contains("0.25"))
        #expect(header.contains("US has one (ally)"), "\(header)")
        app.update(.char("4"))
        let pqc = app.render(width: 120, height: 30).text
        #expect(pqc.contains("Rival: a bloc you trust less than 30"))
        #expect(pqc.contains("CN may be there now"))
    }

    @Test func theControlsScreenShowsTheRegimesTheBlocIsPartyTo() throws {
        var app = Self.euApp()
        app.update(.char("5"))
        let text = app.render(width: 100, height: 30).text
        let cn = try #require(text.split(separator: "\n").first { $0.contains("CN China") })
        // The allied regime controls systems and components against China.
        #expect(cn.contains("R"), "\(text)")
        #expect(text.contains("R controlled by a regime"))
    }

    @Test func helpHasAGlossaryAndSaysWhenMoreIsBelow() {
        var app = Self.euApp()
        app.update(.char("?"))
        let top = app.render(width: 100, height: 32).text
        #expect(top.contains("more lines below"), "\(top)")
        for _ in 0..<200 { app.update(.down) }
        let bottom = app.render(width: 100, height: 32).text
        #expect(!bottom.contains("more lines below"))
        for term in ["hedger", "spoiler", "rival", "capital", "Mosca's inequality", "red / amber / green", "HNDL", "shelf life"] {
            #expect(HelpText.lines.contains { $0.hasPrefix("  \(term) — ") }, "\(term)")
        }
    }

    @Test func tinyAmountsNeverReadMinusZero() {
        #expect(WhyLedger.signed(-0.001, "support") == "≈0")
        #expect(WhyLedger.signed(-2, "support") == "−2")
        #expect(WhyLedger.signed(0.5, "PQC government systems") == "+50 pts")
    }

    @Test func theSelectionIsMarkedNotOnlyByReverseVideo() {
        var app = Self.euApp()
        let world = app.render(width: 100, height: 30).text
        #expect(world.split(separator: "\n").contains { $0.hasPrefix("▸US") }, "\(world)")
        app.update(.down)
        #expect(app.render(width: 100, height: 30).text.split(separator: "\n").contains { $0.hasPrefix("▸EU") })
    }

    @Test func arrowsOnTheSeatsChangeTheScenario() {
        var app = AppState(choices: [ScenarioChoice(name: "Decade", scenario: BundledScenarios.defaultScenario),
                                     ScenarioChoice(name: "Quick", scenario: Self.quickCrisis)])
        #expect(app.setup.field == .seats)
        app.update(.right)
        #expect(app.setup.scenarioIndex == 1)
        #expect(app.render(width: 80, height: 24).text.contains("▸"))
    }

    @Test func dilemmaOptionsShowTheirEffectsBesideTheChoice() throws {
        let s = Self.quickCrisis
        let k = try #require(s.events.firstIndex { $0.dilemma?.options.contains { !$0.effects.isEmpty } == true })
        var app = Self.euApp { $0.dilemmas.append(PendingDilemma(id: 99, source: .scenario(k), bloc: Self.eu, posedTurn: $0.turn, choice: nil, defaulted: false)) }
        app.update(.char("9")); app.update(.enter)
        guard case .pick(let picker) = app.modal else { Issue.record("no option list"); return }
        let options = try #require(s.events[k].dilemma?.options)
        for (i, o) in options.enumerated() where !o.effects.isEmpty {
            let effects = EffectText.describe(o.effects, scenario: s, viewer: Self.eu)
            #expect(picker.options[i] == "\(o.label) [\(effects)]")
        }
    }

    @Test func eventTextDoesNotHandAnythingToAFacilitatorWhoIsNotThere() {
        let text = "A hotline is proposed. The facilitator may table it as a treaty proposal. Tension is high."
        #expect(EventText.forTable(text, facilitator: false) == "A hotline is proposed. Tension is high.")
        #expect(EventText.forTable(text, facilitator: true) == text)
    }

    @Test func aTrendDoesNotMakeNoiseACrash() {
        // 58 → 55 → 58: a 5 % wobble. Scaled per row it spans the full height; on a scale at least a
        // quarter of the value tall it moves one block.
        let noisy = Widgets.sparkline([58, 55, 58], width: 8, minimumSpan: 0.25)
        #expect(noisy == "█▇█", "\(noisy)")
        #expect(Widgets.sparkline([58, 55, 58], width: 8) == "█▁█")   // the old per-row scale
        // A real rise still shows as one.
        #expect(Widgets.sparkline([20, 40, 60], width: 8, minimumSpan: 0.25) == "▁▄█")
    }

    @Test func aPQCAccordSaysWhichOfYourSectorsItBindsBeforeItIsSent() throws {
        var app = Self.euApp()
        let k = try #require(TreatyType.allCases.firstIndex(of: .pqcAccord))
        app.update(.char("6")); app.update(.char("p"))
        for _ in 0..<k { app.update(.down) }
        app.update(.enter)
        app.update(.char(" ")); app.update(.enter)     // invite the first other bloc
        app.update(.enter)                             // the terms as offered
        guard case .draft(let d) = app.modal, d.step == .confirm else { Issue.record("not at the confirm step"); return }
        let text = app.render(width: 120, height: 40).text
        #expect(text.contains("For you: in force, it mandates"), "\(text)")
        let g = try #require(app.game)
        let binds = TreatyHelp.bindsYou(type: .pqcAccord, family: nil, deadline: g.state.turn + 8, me: g.state.blocs[Self.eu], g)
        #expect(binds?.hasPrefix("For you: in force, it mandates all 6 of your sectors quantum-safe by") == true, "\(binds ?? "")")
        // A sector whose own mandate is earlier keeps it: it is not named.
        var state = g.state
        state.blocs[Self.eu].mandates[0] = g.state.turn + 2
        let fewer = TreatyHelp.bindsYou(type: .pqcAccord, family: nil, deadline: g.state.turn + 8, me: state.blocs[Self.eu], g)
        #expect(fewer?.contains("Government & diplomatic") == false)
        #expect(fewer?.contains("Defence") == true)
    }
}
