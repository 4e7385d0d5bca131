import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

@Suite("Seat play and bounded text")
struct SeatPlayTests {
    static func playing() -> AppState {
        var app = AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: BundledScenarios.defaultScenario)])
        app.update(.char("s"))      // the first bloc, alone
        app.update(.enter)          // past the briefing
        return app
    }

    @Test func aTextFieldStopsAtItsBoundAndSaysSo() {
        var app = Self.playing()
        app.update(.char("8")); app.update(.char("m")); app.update(.enter)
        for _ in 0..<(AppState.textLimit + 50) { app.update(.char("é")) }
        guard case .prompt(let p)? = app.modal else { Issue.record("no prompt open"); return }
        #expect(p.text.count == AppState.textLimit)
        #expect(app.render(width: 80, height: 24).text.contains("2,000 characters"))
        // Backspace makes room again and the sentence goes.
        app.update(.backspace)
        app.update(.char("x"))
        guard case .prompt(let q)? = app.modal else { Issue.record("no prompt open"); return }
        #expect(q.text.count == AppState.textLimit && q.text.hasSuffix("x"))
        #expect(q.error == nil)
        // Enter sends it as it is.
        app.update(.enter)
        #expect(app.pendingOrders.map(\.kind) == ["message"])
    }

    @Test func aSeatedDelegationSealsInsteadOfHandingOver() {
        let game = Game(scenario: BundledScenarios.defaultScenario, seed: 1)
        var app = AppState.seated(.delegation(1), game: game, humans: [0, 1], level: .standard, facilitator: false)
        #expect(app.mode == .briefing(0))
        #expect(app.render(width: 80, height: 24).text.contains(BundledScenarios.defaultScenario.blocs[1].name.uppercased()))
        app.update(.enter)
        app.update(.char("3")); app.update(.char("+"))
        app.update(.char("e")); app.update(.char("y"))
        #expect(app.sealed)
        #expect(app.mode == .playing(0))
        #expect(app.takeSeatEffects() == [.sealed([app.pendingOrders[0]])])
        #expect(app.game?.state.turn == 0)          // the seat never resolves a turn
        app.update(.char("-"))
        #expect(app.pendingOrders.count == 1)
        #expect(app.message == AppState.sealedSentence)
        app.update(.char("e")); app.update(.char("y"))
        #expect(!app.sealed)
        #expect(app.takeSeatEffects() == [.unsealed])
        // A seated clock is the room's: ticks do not count it down.
        app.showClock(TurnTimer(minutes: 1, atZero: .computerFillsIn), remaining: 30)
        app.update(.tick(0)); app.update(.tick(20))
        #expect(app.timerRemaining == 30)
    }
}
