import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

/// The hotseat's turn timer before the first turn, after a rewind and after a load: it never
/// starts on its own with an old setting, and a timer just set is offered, not lost.
@Suite("Hotseat clock")
struct HotseatClockTests {
    typealias Flow = FacilitatorFlowTests

    @Test func aTimerSetOnTheSetupScreenRunsFromTheFirstTurnAndIsLogged() {
        var app = AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: Flow.scenario)])
        while app.setup.field != .timer { app.update(.tab) }
        app.update(.right); app.update(.right)
        #expect(app.render(width: 80, height: 24).contains("◀ 10 min ▶"))
        app.update(.char("s"))
        let ten = TurnTimer(minutes: 10, atZero: .computerFillsIn)
        #expect(app.timer == ten)
        app.update(.enter)                       // the briefing → playing
        app.update(.tick(0)); app.update(.tick(30))
        #expect(app.render(width: 80, height: 24).contains("Timer 09:30"))
        app.update(.char("e")); app.update(.char("y"))
        #expect(app.game?.log.first?.contains(.facilitator(.timer(ten))) == true)
        #expect(app.game?.state.timer == ten)
    }

    @Test func aRewindStopsTheClockAndOffersTheTimerJustSet() {
        var app = Flow.atFacilitatorSeat()
        Self.setTimer(&app, minutes: 3, atZero: 1)
        _ = Flow.endTurn(&app)
        #expect(app.game?.state.timer == TurnTimer(minutes: 3, atZero: .computerFillsIn))
        app.update(.enter); app.update(.enter); app.update(.char("e")); app.update(.char("y")); app.update(.enter)
        #expect(app.mode == .facilitating)
        Self.setTimer(&app, minutes: 7, atZero: 0)   // a new timer, then a rewind to the start of this turn
        app.update(.char("b")); app.update(.down); app.update(.enter); app.update(.char("y"))
        #expect(app.game?.state.turn == 1)
        guard case .pick(let question) = app.modal, case .keepTimer(let timers) = question.purpose else {
            Issue.record("no question about the timer"); return
        }
        #expect(timers == [TurnTimer(minutes: 7, atZero: .wait), TurnTimer(minutes: 3, atZero: .computerFillsIn), nil])
        #expect(question.options[0] == "The timer set now: 7 minutes a turn, at zero the turn waits")
        // Paused until answered: the delegation's time does not run out under an old setting.
        #expect(app.timer?.paused == true)
        app.update(.enter)                           // keep the one set now
        #expect(app.timer == TurnTimer(minutes: 7, atZero: .wait, paused: true))
        #expect(app.facilitatorQueue == [.timer(TurnTimer(minutes: 7, atZero: .wait))])
        app.update(.enter); app.update(.enter)       // the delegation takes the keyboard
        app.update(.tick(0)); app.update(.tick(500))
        #expect(app.timerRemaining == 7 * 60)
    }

    @Test func aLoadedGameWithATimerStartsPausedAndAsks() {
        var played = Flow.atFacilitatorSeat()
        Self.setTimer(&played, minutes: 4, atZero: 1)
        _ = Flow.endTurn(&played)
        var app = AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: Flow.scenario)])
        app.resume(game: played.game!, humans: [Flow.scenario.blocIndex("US")!], level: .standard, facilitator: false)
        app.holdClock(current: nil, why: "The game is loaded from test.json.")
        let asked = app.render(width: 80, height: 24).text
        #expect(asked.contains("The clock is paused. Which turn"))
        #expect(asked.contains("The game's own timer: 4 minutes a turn"))
        #expect(app.timer?.paused == true)
        app.update(.enter)                           // the game's own; with no facilitator seat it runs
        #expect(app.timer == TurnTimer(minutes: 4, atZero: .computerFillsIn))
        #expect(app.facilitatorQueue.isEmpty)        // the game's own timer needs no new command
    }

    /// Sets a timer from the facilitator's console: `atZero` 0 waits, 1 has the computer fill in.
    static func setTimer(_ app: inout AppState, minutes: Int, atZero: Int) {
        app.update(.char("t")); app.update(.enter)
        guard case .prompt = app.modal else { Issue.record("no minutes prompt"); return }
        for _ in 0..<3 { app.update(.backspace) }
        Flow.type(&app, String(minutes)); app.update(.enter)
        if atZero == 1 { app.update(.down) }
        app.update(.enter)
    }
}
