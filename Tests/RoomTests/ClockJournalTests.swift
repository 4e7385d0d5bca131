import Foundation
import Testing
import GameCore
import Interface
import Persistence
import ScenarioFormat
import Strategy
@testable import Room

@Suite("Room: the clock and the journal")
struct ClockJournalTests {
    @Test func atZeroTheComputerFillsInAndTheDelegationIsToldWhichOrders() throws {
        let room = try RoomFixture(turnMinutes: 1)
        let us = room.join("us"), eu = room.join("eu")
        room.press(.enter, .char("3"), .char("+"), into: us)      // US has ordered a budget rise
        room.host.tick(now: 1000)
        #expect(room.host.clockState.running)
        room.host.tick(now: 1030)
        #expect(room.host.clockState.remaining == 30)
        #expect(room.text(us).contains("Timer 00:30"))
        room.host.tick(now: 1061)
        // No facilitator: the turn resolves at once with the computer's orders for both.
        #expect(room.host.game.state.turn == 1)
        let usOrders = room.host.game.log[0].compactMap { c -> Order? in c.blocOrder?.bloc == "US" ? c.blocOrder?.order : nil }
        #expect(usOrders.first?.kind == "budget")
        #expect(usOrders.count > 1)
        // The log marks the computer's orders: the US's own budget order is its own, the rest are not.
        let byComputer = room.host.game.log[0].compactMap { c -> Order? in if case .givenByComputer("US", let o) = c { return o }; return nil }
        #expect(byComputer == Array(usOrders.dropFirst()))
        #expect(room.host.game.log[0].contains(.order(bloc: "US", usOrders[0])))
        #expect(usOrders.filter { $0.kind == "budget" }.count == 1)   // its own order of that kind stands
        #expect(!usOrders.contains { if case .message = $0 { return true }; if case .statement = $0 { return true }; return false })
        // US is told which orders were given in its name, in words.
        let notice = room.host.app(of: .delegation(RoomFixture.US))?.notice ?? ""
        #expect(notice.contains("The computer gave these orders in your name"))
        let sc = RoomFixture.scenario
        for o in usOrders.dropFirst() { #expect(notice.contains(String(OrderText.describe(o, sc).prefix(12)))) }
        // The clock starts again for the next turn.
        #expect(room.host.clockState.remaining == 60)
    }

    @Test func theFacilitatorHoldsTheClock() throws {
        let room = try RoomFixture(facilitator: true, turnMinutes: 1)
        let us = room.join("us"), eu = room.join("eu"), f = room.join("facilitator")
        room.press(.enter, .char("3"), .char("+"), into: us); room.press(.enter, into: eu)
        #expect(room.text(us).contains("Budget rise of 10 % ordered"))
        // People are still sitting down: the clock waits for the facilitator.
        room.host.tick(now: 0); room.host.tick(now: 100)
        #expect(!room.host.clockState.running)
        #expect(room.host.clockState.remaining == 60)
        room.press(.char("p"), into: f)
        #expect(room.host.clockState.running)
        room.host.tick(now: 110)
        #expect(room.host.clockState.remaining == 50)
        room.press(.char("+"), into: f)
        for _ in 0..<3 { room.press(.backspace, into: f) }
        room.type("2", into: f)
        room.press(.enter, into: f)
        #expect(room.host.clockState.remaining == 170)
        room.press(.char("p"), into: f)
        room.host.tick(now: 200)
        #expect(room.host.clockState.remaining == 170)
        room.press(.char("p"), into: f)
        room.host.tick(now: 400)
        // At zero the computer fills in, the turn waits for the facilitator, who can undo it.
        #expect(room.host.game.state.turn == 0)
        let filled = try #require(room.host.sealedOrders(of: RoomFixture.EU))
        #expect(!filled.isEmpty)
        #expect(room.text(eu).contains("The computer gave these orders in your name"))
        // Told at once, even with the message of its last key still on the screen.
        #expect(room.text(us).contains("The computer gave these orders in your name"))
        // The orders screen lists every one of them, marked.
        room.press(.char("o"), into: eu)
        let listed = room.text(eu)
        #expect(listed.components(separatedBy: "⚙ by the computer: ").count - 1 == min(filled.count, 15))
        room.press(.escape, into: eu)
        #expect(room.text(us).contains("EU ⚙"))
        room.press(.char("z"), .down, .enter, into: f)          // EU is the second one filled
        #expect(room.host.sealedOrders(of: RoomFixture.EU) == nil)
        #expect(room.host.app(of: .delegation(RoomFixture.EU))?.pendingOrders == [])
        #expect(room.text(eu).contains("took back the orders the computer gave"))
        #expect(room.host.sealedOrders(of: RoomFixture.US) != nil)
        // Ending one delegation's turn, then resolving now.
        room.press(.char("d"), .enter, into: f)
        #expect(room.host.sealedOrders(of: RoomFixture.EU) == [])
        #expect(room.text(eu).contains("The facilitator ended your turn"))
        room.press(.char("R"), .enter, into: f)                   // "Keep playing" is the default
        #expect(room.host.game.state.turn == 0)
        room.press(.char("R"), .up, .enter, into: f)
        #expect(room.host.game.state.turn == 1)
    }

    @Test func aTimerSetOnTheConsoleRunsAtOnceAndIsLogged() throws {
        let room = try RoomFixture(facilitator: true)
        let f = room.join("facilitator")
        #expect(room.host.clockState.timer == nil)
        room.press(.char("t"), .enter, into: f)                  // set a timer
        for _ in 0..<2 { room.press(.backspace, into: f) }
        room.type("3", into: f)
        room.press(.enter, .down, .enter, into: f)               // at zero the computer fills in
        #expect(room.host.clockState.timer == TurnTimer(minutes: 3, atZero: .computerFillsIn))
        #expect(room.host.clockState.running)
        #expect(room.host.clockState.remaining == 180)
        #expect(room.host.app(of: .facilitator)?.facilitatorQueue == [.timer(TurnTimer(minutes: 3, atZero: .computerFillsIn))])
    }

    @Test func aReopenedRoomRestoresTheSealedOrdersFromTheJournal() throws {
        let a = try RoomFixture(humans: ["US", "EU", "CN"], facilitator: true, turnMinutes: 10)
        let us = a.join("us"), eu = a.join("eu"), f = a.join("facilitator")
        a.press(.enter, .char("3"), .char("+"), .char("e"), .char("y"), into: us)
        a.press(.enter, .char("3"), .char("-"), .char("e"), .char("y"), into: eu)
        a.press(.char("e"), .char("y"), into: eu)                 // EU unseals again…
        a.press(.char("3"), .char("k"), .char("e"), .char("y"), into: eu)  // …and seals with a second order
        a.press(.char("i"), .enter, into: f)                       // an inject from the deck
        let save = try #require(a.host.lastSavePath)
        #expect(FileManager.default.fileExists(atPath: a.folder + "/room-journal.jsonl"))

        // The host is gone (nothing is stopped or saved): a new one starts from the autosave.
        let b = try RoomFixture(humans: [], facilitator: true, folder: a.folder, loaded: SaveStore.load(path: save))
        for bloc in [RoomFixture.US, RoomFixture.EU, RoomFixture.CN] {
            #expect(b.host.sealedOrders(of: bloc) == a.host.sealedOrders(of: bloc))
            #expect(b.host.app(of: .delegation(bloc))?.pendingOrders == a.host.app(of: .delegation(bloc))?.pendingOrders)
        }
        #expect(b.host.sealedOrders(of: RoomFixture.EU)?.map(\.kind) == ["budget", "qkd"])
        #expect(b.host.sealedOrders(of: RoomFixture.CN) == nil)
        #expect(b.host.app(of: .facilitator)?.facilitatorQueue == a.host.app(of: .facilitator)?.facilitatorQueue)
        #expect(b.host.app(of: .facilitator)?.facilitatorQueue.count == 2)     // the first-turn timer and the inject
        // After a load the clock is paused and the facilitator is asked which timer to keep.
        #expect(!b.host.clockState.running)
        let fb = b.join("facilitator")
        #expect(b.text(fb).contains("Which turn timer do you keep?"))
        #expect(b.text(fb).contains("The game's own timer: 10 minutes"))
        b.press(.enter, into: fb)       // the game's own (no timer was given when hosting again)
        #expect(b.host.clockState.timer == TurnTimer(minutes: 10, atZero: .computerFillsIn))
        #expect(!b.host.clockState.running)

        // Both finish the turn the same way and reach the same game.
        for room in [a, b] {
            room.press(.enter, .char("e"), .char("y"), into: room.join("cn"))
            room.press(.char("e"), .char("y"), into: room.join("facilitator"))
            #expect(room.host.game.state.turn == 1)
        }
        #expect(a.host.game.hashes == b.host.game.hashes)
        #expect(a.host.game.log == b.host.game.log)
        // The journal is cleared once the turn is resolved and autosaved.
        #expect(!FileManager.default.fileExists(atPath: a.folder + "/room-journal.jsonl"))
        _ = f
    }

    @Test func aRestartedHostKeepsTheJoinCodesAndANewGameDoesNot() throws {
        let a = try RoomFixture(humans: ["US", "EU"])
        let save = try #require(a.host.lastSavePath)
        let codes = a.host.tickets.map(\.code)
        // Readable by the host's user only, like the host key.
        let mode = try FileManager.default.attributesOfItem(atPath: a.folder + "/join-codes")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // Restarted from its save in the same folder: the slips handed out still open the seats.
        let b = try RoomFixture(humans: [], folder: a.folder, loaded: SaveStore.load(path: save))
        #expect(b.host.tickets.map(\.code) == codes)
        #expect(b.host.admit(user: "eu", code: codes[1])?.seat == .delegation(RoomFixture.EU))

        // A new game in the same folder: last session's codes open nothing.
        let c = try RoomFixture(humans: ["US", "EU"], folder: a.folder)
        for (old, new) in zip(codes, c.host.tickets.map(\.code)) { #expect(old != new) }
        #expect(c.host.admit(user: "us", code: codes[0]) == nil)
    }

    @Test func aJournalOfAnotherTurnIsNotRestored() throws {
        let a = try RoomFixture()
        let us = a.join("us"), eu = a.join("eu")
        a.press(.enter, .char("e"), .char("y"), into: us)
        a.press(.enter, .char("e"), .char("y"), into: eu)           // turn 1 resolved, autosaved
        a.press(.char("3"), .char("+"), .char("e"), .char("y"), into: us)
        let turnOneSave = try #require(a.host.lastSavePath)
        // An older save (turn 0) with the journal of turn 1 beside it: nothing is restored.
        let saves = SaveStore.list(folder: a.folder).map(\.path).filter { $0 != turnOneSave }
        let older = try #require(saves.first)
        let b = try RoomFixture(folder: a.folder, loaded: SaveStore.load(path: older))
        #expect(b.host.game.state.turn == 0)
        #expect(b.host.sealedOrders(of: RoomFixture.US) == nil)
        let c = try RoomFixture(folder: a.folder, loaded: SaveStore.load(path: turnOneSave))
        #expect(c.host.sealedOrders(of: RoomFixture.US)?.map(\.kind) == ["budget"])
    }

    @Test func aRoomGameSavesLikeAHotseatGame() throws {
        let room = try RoomFixture()
        let us = room.join("us"), eu = room.join("eu")
        for _ in 0..<3 { for s in [us, eu] { room.press(.enter, .char("3"), .char("+"), .char("e"), .char("y"), into: s) } }
        let loaded = try SaveStore.load(path: try #require(room.host.lastSavePath))
        #expect(loaded.divergence == nil)
        #expect(loaded.game.log == room.host.game.log)
        #expect(loaded.game.hashes == room.host.game.hashes)
        #expect(loaded.saved.seats.humans == ["US", "EU"])
        // Replaying the log from the start gives the same hashes.
        var replay = Game(scenario: RoomFixture.scenario, seed: 7)
        for turn in room.host.game.log { replay.resolve(turn) }
        #expect(replay.hashes == room.host.game.hashes)
    }

    @Test func aRewindBranchesTheRoomAndStopsTheClock() throws {
        let room = try RoomFixture(facilitator: true, turnMinutes: 5)
        let us = room.join("us"), eu = room.join("eu"), f = room.join("facilitator")
        room.press(.enter, into: f)                                // the first-turn question, if any
        room.press(.char("p"), into: f)
        for s in [us, eu] { room.press(.enter, .char("e"), .char("y"), into: s) }
        room.press(.char("e"), .char("y"), into: f)
        #expect(room.host.game.state.turn == 1)
        room.press(.char("3"), .char("+"), .char("e"), .char("y"), into: us)
        room.press(.char("b"), .up, .enter, .char("y"), into: f)   // rewind to the start of turn 1
        #expect(room.host.game.state.turn == 0)
        #expect(room.host.sealedOrders(of: RoomFixture.US) == nil)
        #expect(!room.host.clockState.running)
        #expect(room.text(f).contains("Which turn timer do you keep?"))
        #expect(room.text(us).contains("rewound"))
        #expect(SaveStore.list(folder: room.folder).contains { $0.path.contains("before-rewind") })
    }

    /// A room hosted from a save one turn before the end of the short scenario, its two delegations seated.
    static func lastTurnRoom(facilitator: Bool) throws -> (RoomFixture, Scenario) {
        let quick = BundledScenarios.all.compactMap { try? ScenarioLoader.parse(text: $0.text, file: $0.file) }.first { $0.id == "quick-crisis" }!
        let whole = Autoplay.play(quick, seed: 3)
        let lastTurn = whole.rewound(to: whole.log.count - 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("room-end-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/last-turn.json"
        try SaveStore.write(SavedGame(game: lastTurn, scenarioSource: SaveStore.scenarioSource(for: quick, path: nil),
                                      seats: Seats(humans: [quick.blocs[0].id, quick.blocs[1].id])), to: path)
        return (try RoomFixture(humans: [], facilitator: facilitator, folder: folder, loaded: SaveStore.load(path: path)), quick)
    }

    @Test func atTheEndEverySeatShowsTheDebriefUntilTheFacilitatorClosesTheRoom() throws {
        let (room, quick) = try Self.lastTurnRoom(facilitator: true)
        let a = room.join(quick.blocs[0].id.lowercased()), b = room.join(quick.blocs[1].id.lowercased())
        let f = room.join("facilitator"), p = room.join("projector", width: 120, height: 40)
        for s in [a, b] { room.press(.enter, into: s) }
        // The last turn (a game decided early by its rules may still need a turn or two more).
        for _ in 0..<4 where !room.host.game.isOver {
            for s in [a, b] { room.press(.char("e"), .char("y"), into: s) }
            room.press(.char("e"), .char("y"), into: f)
        }
        #expect(room.host.game.isOver)
        // The room stays open on the debrief: nobody is sent away.
        #expect(!room.host.isFinished)
        #expect(room.host.takeClosing().isEmpty)
        #expect(room.host.openSessions.count == 4)
        for s in [a, b, f] { #expect(room.text(s).contains("After-action report: \(quick.title)")) }
        // A delegation's debrief scrolls like the hotseat's.
        room.press(.pageDown, into: a)
        #expect(room.text(a) != room.text(b))
        // The projector shows how it ended, in public.
        let outcome = try #require(room.host.game.state.outcome)
        #expect(room.text(p).contains("The game is over: \(outcome.title)"))
        let save = try #require(room.host.lastSavePath)
        #expect(try SaveStore.load(path: save).game.isOver)
        // A delegation leaving does not close the room; the facilitator leaving does.
        room.press(.char("q"), .char("y"), into: a)
        #expect(!room.host.isFinished)
        room.host.tick(now: RoomHost.lingerSeconds * 2)
        #expect(!room.host.isFinished)                    // the facilitator's seat is open: no time limit
        room.press(.char("q"), .char("y"), into: f)
        #expect(room.host.isFinished)
        let closed = room.host.takeClosing()
        #expect(Set(closed.map(\.session)).isSuperset(of: [b, p]))
        #expect(closed.filter { $0.session != a }.allSatisfy { $0.reason.contains("saved in \(save)") })
    }

    @Test func atTheEndAHeadlessRoomClosesAfterItsStatedTime() throws {
        let (room, quick) = try Self.lastTurnRoom(facilitator: false)
        let a = room.join(quick.blocs[0].id.lowercased()), b = room.join(quick.blocs[1].id.lowercased())
        room.host.tick(now: 100)
        for s in [a, b] { room.press(.enter, into: s) }
        for _ in 0..<4 where !room.host.game.isOver {
            for s in [a, b] { room.press(.char("e"), .char("y"), into: s) }
        }
        #expect(room.host.game.isOver)
        room.host.tick(now: 100 + RoomHost.lingerSeconds - 1)
        #expect(!room.host.isFinished)
        room.host.tick(now: 100 + RoomHost.lingerSeconds)
        #expect(room.host.isFinished)
        #expect(room.host.takeClosing().count == 2)
    }
}
