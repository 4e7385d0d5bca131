import Foundation
import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Interface

/// Whole-screen text snapshots of every screen at 80×24 and 120×40, rendered from the pure
/// screen model. On a difference the test fails and writes the new rendering next to the old
/// one (`*.new.txt`); run with SNAPSHOT_RECORD=1 to accept all new renderings.
@Suite("Screen snapshots")
struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"

    /// The default scenario after two turns of fixed orders (no computer players, so the snapshots
    /// follow the rules and the screens only), with the US and EU delegations human.
    static func playedApp() -> AppState {
        let scenario = BundledScenarios.defaultScenario
        var game = Game(scenario: scenario, seed: 2025)
        game.resolve([
            .order(bloc: "US", .proposeTreaty(type: .cbm, parties: ["CN"], terms: OrderTerms())),
            .order(bloc: "CN", .harvest(target: "US", active: true)),
            .order(bloc: "EU", .message(to: "US", text: "Can we align our PQC deadlines before the summit?")),
            .order(bloc: "RU", .imposeControl(category: .components, targets: ["US"])),
        ])
        game.resolve([
            .order(bloc: "CN", .respondTreaty(treaty: game.state.treaties.last!.id, accept: true)),
            .order(bloc: "US", .mandate(sector: "government", deadline: "2030-Q4")),
            .order(bloc: "US", .message(to: "EU", text: "Yes: 2030 for state systems, 2033 for the rest.")),
        ])
        var app = AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: scenario)])
        app.resume(game: game, humans: [0, 1], level: .standard)
        app.update(.enter) // the US takes the keyboard
        return app
    }

    static func states() -> [(String, AppState)] {
        var list: [(String, AppState)] = []
        let setup = AppState(choices: [ScenarioChoice(name: "The Quantum Decade", scenario: BundledScenarios.defaultScenario)])
        list.append(("setup", setup))
        var briefing = setup
        briefing.update(.char("s"))
        list.append(("briefing", briefing))
        var handover = setup
        handover.update(.down); handover.update(.char(" ")); handover.update(.char("s"))
        list.append(("handover", handover))
        let played = playedApp()
        for screen in ScreenID.allCases where screen != .facilitator {
            var app = played
            if let c = Optional(screen.key) { app.update(.char(c)) }
            list.append(("screen-\(screen.rawValue)", app))
        }
        var quit = played; quit.update(.char("q")); list.append(("modal-quit", quit))
        var end = played; end.update(.char("e")); list.append(("modal-end-turn", end))
        var draft = played; draft.update(.char("6")); draft.update(.char("p")); list.append(("modal-draft", draft))
        var pick = played; pick.update(.char("4")); pick.update(.char("m")); list.append(("modal-mandate", pick))
        var prompt = played; prompt.update(.char("8")); prompt.update(.char("m")); prompt.update(.enter); list.append(("modal-message", prompt))
        var budget = played; budget.update(.char("3")); budget.update(.right); list.append(("budget-draft", budget))
        list += facilitatorStates()
        list += seatStates()
        return list
    }

    /// Seats of a room on the same game: a sealed delegation with a message just delivered, the
    /// facilitator's console with the clock, and the projector.
    static func seatStates() -> [(String, AppState)] {
        let game = playedApp().game!
        let status = [SeatStatus(label: "US", done: true, connected: true), SeatStatus(label: "EU", done: false, connected: true),
                      SeatStatus(label: "JP", done: false, connected: false), SeatStatus(label: "FACILITATOR", done: false, connected: true)]
        let timer = TurnTimer(minutes: 10, atZero: .computerFillsIn)
        func seated(_ role: SeatRole) -> AppState {
            var app = AppState.seated(role, game: game, humans: [0, 1, 4], level: .standard, facilitator: true)
            app.roomStatus = status
            app.showClock(timer, remaining: 412)
            return app
        }
        var list: [(String, AppState)] = []
        var us = seated(.delegation(0))
        us.update(.char("3")); us.update(.char("+")); us.update(.char("e")); us.update(.char("y"))
        us.incoming = [LiveMessage(from: 1, text: "Can we meet before the summit to align our export controls?")]
        us.update(.char("8"))
        list.append(("seat-delegation-sealed", us))
        var f = seated(.facilitator)
        f.pending = [[.changeBudget(0.4)], [], []]
        list.append(("seat-facilitator-console", f))
        list.append(("seat-projector", seated(.projector)))
        return list
    }

    /// The facilitator's seat on the same game: handover, console with queued actions and a
    /// free-text action awaiting a ruling, its world view, a running timer on a delegation's screen.
    static func facilitatorStates() -> [(String, AppState)] {
        var list: [(String, AppState)] = []
        var app = playedApp()
        app.facilitatorSeat = true
        app.update(.char("o")); app.update(.char("n"))
        for c in "Host a PQC hackathon in Washington" { app.update(.char(c)) }
        app.update(.enter)
        for c in "faster migration" { app.update(.char(c)) }
        app.update(.enter)
        app.update(.char("e")); app.update(.char("y"))      // the US ends; the EU plays
        app.update(.enter); app.update(.char("e")); app.update(.char("y"))
        list.append(("facilitator-handover", app))
        app.update(.enter)
        app.update(.char("i")); app.update(.enter)          // inject the first card
        app.update(.char("t")); app.update(.enter)          // a 10-minute timer that waits at zero
        app.update(.enter); app.update(.enter)
        list.append(("facilitator-console", app))
        var world = app; world.update(.char("1")); list.append(("facilitator-world", world))
        var inject = app; inject.update(.char("i")); list.append(("facilitator-inject", inject))
        var effects = app
        effects.update(.char("n"))
        for c in "Cable cut" { effects.update(.char(c)) }
        effects.update(.enter)
        for c in "A Baltic cable is cut." { effects.update(.char(c)) }
        effects.update(.enter)
        for c in "world.tensoin += 5" { effects.update(.char(c)) }
        effects.update(.enter)
        list.append(("facilitator-effect-error", effects))
        var delegation = app
        delegation.update(.char("e")); delegation.update(.char("y"))
        delegation.update(.tick(0)); delegation.update(.enter); delegation.update(.tick(75))
        list.append(("facilitator-timer-on-delegation", delegation))
        return list
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func everyScreen(size: (Int, Int)) throws {
        try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        var mismatches: [String] = []
        for (name, app) in Self.states() {
            let text = app.render(width: size.0, height: size.1).text + "\n"
            let file = Self.folder.appendingPathComponent("\(name)-\(size.0)x\(size.1).txt")
            let newFile = Self.folder.appendingPathComponent("\(name)-\(size.0)x\(size.1).new.txt")
            let old = try? String(contentsOf: file, encoding: .utf8)
            if Self.record || old == nil {
                try text.write(to: file, atomically: true, encoding: .utf8)
                try? FileManager.default.removeItem(at: newFile)
                if old == nil && !Self.record { mismatches.append("\(name) \(size.0)×\(size.1): no snapshot yet (recorded now)") }
            } else if old != text {
                try text.write(to: newFile, atomically: true, encoding: .utf8)
                mismatches.append("\(name) \(size.0)×\(size.1): differs, see \(newFile.lastPathComponent)")
            }
            // Every screen fits: no line is longer than the terminal.
            for line in text.split(separator: "\n") { #expect(Screen.displayWidth(String(line)) <= size.0, "\(name)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func tooSmallAtEverySize() {
        let app = Self.playedApp()
        for (w, h) in [(79, 24), (80, 23), (60, 20), (20, 5)] {
            #expect(app.render(width: w, height: h).text.contains("make the window larger") || w < 30)
        }
    }
}
