import Foundation
import Testing
import GameCore
import Interface
import Persistence
import ScenarioFormat
@testable import Room

@Suite("Room: seats, admission and simultaneous turns")
struct SeatTurnTests {
    @Test func everySeatHasATicketWithAThreeWordCode() throws {
        let room = try RoomFixture()
        #expect(room.host.tickets.map(\.label) == ["US", "EU", "FACILITATOR", "PROJECTOR"])
        #expect(room.host.tickets.map(\.user) == ["us", "eu", "facilitator", "projector"])
        #expect(room.host.tickets.map(\.seat) == [.delegation(RoomFixture.US), .delegation(RoomFixture.EU), .facilitator, .projector])
        for t in room.host.tickets {
            let words = t.code.split(separator: "-").map(String.init)
            #expect(words.count == 3)
            #expect(words.allSatisfy { JoinWords.all.contains($0) })
        }
        #expect(Set(room.host.tickets.map(\.code)).count == 4)
        // Two rooms do not share codes (30 bits each: a clash is a one-in-a-billion event).
        let other = try RoomFixture()
        #expect(Set(room.host.tickets.map(\.code)).isDisjoint(with: other.host.tickets.map(\.code)))
    }

    @Test func theWordListHoldsTenBitsOfShortDistinctWords() {
        #expect(JoinWords.all.count == 1024)
        #expect(Set(JoinWords.all).count == 1024)
        #expect(JoinWords.all.allSatisfy { w in w.count >= 3 && w.count <= 6 && w.allSatisfy { $0.isASCII && $0.isLowercase } })
    }

    @Test func admissionTakesTheRightCodeForTheRightUserOnly() throws {
        let room = try RoomFixture()
        let us = room.ticket("us"), eu = room.ticket("eu")
        #expect(room.host.admit(user: "us", code: us.code) == us)
        // As typed by a person: capitals, spaces or dots instead of hyphens, a stray space.
        let spaced = us.code.uppercased().replacingOccurrences(of: "-", with: " ") + " "
        #expect(room.host.admit(user: "US", code: spaced) == us)
        #expect(room.host.admit(user: "us", code: us.code.replacingOccurrences(of: "-", with: ".")) == us)
        // A wrong code, another seat's code, an unknown user, a computer bloc, empty input.
        #expect(room.host.admit(user: "us", code: "apple-apple-apple") == nil)
        #expect(room.host.admit(user: "us", code: eu.code) == nil)
        #expect(room.host.admit(user: "projector", code: us.code) == nil)
        #expect(room.host.admit(user: "root", code: us.code) == nil)
        #expect(room.host.admit(user: "cn", code: us.code) == nil)
        #expect(room.host.admit(user: "", code: "") == nil)
        #expect(room.host.admit(user: "us", code: String(us.code.dropLast())) == nil)
    }

    @Test func noDelegationIsRefusedWithASentence() {
        #expect(throws: RoomError.self) { try RoomFixture(humans: []) }
        do { _ = try RoomFixture(humans: []) } catch { #expect("\(error)".contains("--human")) }
        #expect(throws: RoomError.self) { try RoomFixture(turnMinutes: 0) }
    }

    @Test func turnResolvesWhenEveryDelegationHasSealedAndNotBefore() throws {
        let room = try RoomFixture()
        let us = room.join("us"), eu = room.join("eu")
        room.press(.enter, into: us)                 // past the briefing
        room.press(.enter, into: eu)
        room.press(.char("3"), .char("+"), into: us)  // a budget rise
        room.press(.char("e"), .char("y"), into: us)
        #expect(room.host.game.state.turn == 0)
        #expect(room.host.sealedOrders(of: RoomFixture.US)?.map(\.kind) == ["budget"])
        #expect(room.host.sealedOrders(of: RoomFixture.EU) == nil)
        #expect(room.text(eu).contains("Room: US ✔  EU …"))
        #expect(room.text(us).contains("your orders are sealed"))
        // A sealed delegation reads every screen but changes nothing.
        room.press(.char("3"), .char("-"), into: us)
        #expect(room.text(us).contains("Your orders are sealed"))
        #expect(room.host.sealedOrders(of: RoomFixture.US)?.map(\.kind) == ["budget"])
        room.press(.char("e"), .char("y"), into: eu)
        #expect(room.host.game.state.turn == 1)
        // The orders went into the log as the hotseat logs them: US's order is there.
        #expect(room.host.game.log[0].contains { if case .order("US", .changeBudget) = $0 { return true }; return false })
        #expect(room.text(us).contains("Room: US …  EU …"))
        #expect(room.host.sealedOrders(of: RoomFixture.US) == nil)
    }

    @Test func unsealingReopensTheOrders() throws {
        let room = try RoomFixture()
        let us = room.join("us"), eu = room.join("eu")
        room.press(.enter, into: us)
        room.press(.char("e"), .char("y"), into: us)
        #expect(room.host.sealedOrders(of: RoomFixture.US) == [])
        room.press(.char("e"), into: us)
        #expect(room.text(us).contains("Unseal your orders"))
        room.press(.char("y"), into: us)
        #expect(room.host.sealedOrders(of: RoomFixture.US) == nil)
        room.press(.enter, into: eu)
        room.press(.char("e"), .char("y"), into: eu)
        #expect(room.host.game.state.turn == 0)     // US is playing again
    }

    @Test func theFacilitatorReleasesTheTurn() throws {
        let room = try RoomFixture(facilitator: true)
        let us = room.join("us"), eu = room.join("eu"), f = room.join("facilitator")
        for s in [us, eu] { room.press(.enter, .char("e"), .char("y"), into: s) }
        #expect(room.host.game.state.turn == 0)
        #expect(room.text(us).contains("FACILITATOR …"))
        room.press(.char("e"), into: f)
        #expect(room.text(f).contains("Release the turn"))
        room.press(.char("y"), into: f)
        #expect(room.host.game.state.turn == 1)
    }

    @Test func openingASeatAgainDisplacesTheOldSessionWithASentence() throws {
        let room = try RoomFixture()
        let first = room.join("us")
        _ = room.host.takeClosing()
        let t = room.ticket("us")
        let (second, displaced) = room.host.open(t.seat, width: 100, height: 30)
        #expect(displaced == first)
        let closing = room.host.takeClosing()
        #expect(closing.map(\.session) == [first])
        #expect(closing.first?.reason.contains("opened from another connection") == true)
        #expect(room.host.screen(of: first) == nil)
        #expect(room.host.screen(of: second) != nil)
        #expect(room.host.takeClosing().isEmpty)
        // Projectors are many at once: none displaces another.
        let p1 = room.join("projector"), p2 = room.join("projector")
        #expect(room.host.takeClosing().isEmpty)
        #expect(room.host.openSessions == [second, p1, p2])
    }

    @Test func aDroppedSeatRejoinsWithItsScreenAndHalfWrittenText() throws {
        let room = try RoomFixture()
        let us = room.join("us")
        room.press(.enter, .char("8"), .char("m"), into: us)     // messages → write
        let others = RoomFixture.scenario.blocs.indices.filter { $0 != RoomFixture.US }
        for _ in 0..<others.firstIndex(of: RoomFixture.EU)! { room.press(.down, into: us) }
        room.press(.enter, into: us)
        room.type("We propose a joint lab on error correction", into: us)
        let before = room.text(us)
        room.host.close(us)
        #expect(room.host.screen(of: us) == nil)
        let again = room.join("us")
        #expect(room.text(again) == before)
        #expect(room.text(again).contains("joint lab on error correction"))
        room.press(.enter, into: again)
        #expect(room.host.app(of: .delegation(RoomFixture.US))?.pendingOrders.map(\.kind) == ["message"])
    }

    @Test func aMessageArrivesOnTheRecipientsScreenAtOnceAndIsLoggedWithTheTurn() throws {
        let room = try RoomFixture()
        let us = room.join("us"), eu = room.join("eu")
        room.press(.enter, into: eu)
        room.press(.enter, .char("8"), .char("m"), into: us)
        let others = RoomFixture.scenario.blocs.indices.filter { $0 != RoomFixture.US }
        for _ in 0..<others.firstIndex(of: RoomFixture.EU)! { room.press(.down, into: us) }
        room.press(.enter, into: us)
        room.type("Meet at noon", into: us)
        room.press(.enter, into: us)
        #expect(room.host.takeDirty().contains(eu))
        #expect(room.text(eu).contains("A message from the United States") || room.text(eu).contains("A message from United States"))
        room.press(.char("8"), into: eu)
        #expect(room.text(eu).contains("(this turn) from United States\n  Meet at noon"))
        // A delivered message cannot be taken back.
        room.press(.char("o"), .char("x"), into: us)
        #expect(room.text(us).contains("cannot be taken back"))
        for s in [us, eu] { room.press(.char("e"), .char("y"), into: s) }
        #expect(room.host.game.log[0].contains(.order(bloc: "US", .message(to: "EU", text: "Meet at noon"))))
        // After the turn it is in the record, as in the hotseat.
        #expect(room.host.game.state.messages.contains { $0.text == "Meet at noon" })
    }

    @Test func aPastedMegabyteStopsAtTheBoundWithAMessage() throws {
        let room = try RoomFixture()
        let us = room.join("us"), eu = room.join("eu")
        room.press(.enter, .char("8"), .char("m"), .enter, into: us)
        room.type(String(repeating: "x", count: 1_000_000), into: us)
        guard case .prompt(let p)? = room.host.app(of: .delegation(RoomFixture.US))?.modal else { Issue.record("no prompt"); return }
        #expect(p.text.count == AppState.textLimit)
        #expect(room.text(us).contains("2,000 characters"))
        // The other seats carry on.
        room.press(.enter, .char("e"), .char("y"), into: eu)
        #expect(room.host.sealedOrders(of: RoomFixture.EU) == [])
    }

    @Test func aBurstOfKeysStopsAtItsLimitWithASentence() throws {
        let room = try RoomFixture()
        let us = room.join("us")
        room.press(.enter, into: us)
        room.host.keys([Key](repeating: .char("1"), count: 10_000), from: us)
        #expect(room.text(us).contains("The rest of a long paste was not used"))
        // In a full text field the rest of a paste is dropped before any limit is reached.
        room.press(.char("8"), .char("m"), .enter, into: us)
        room.host.keys([Key](repeating: .char("y"), count: 10_000), from: us)
        guard case .prompt(let p)? = room.host.app(of: .delegation(RoomFixture.US))?.modal else { Issue.record("no prompt"); return }
        #expect(p.text.count == AppState.textLimit)
        #expect(!room.text(us).contains("long paste"))
    }

    @Test func absurdWindowSizesAreSurvived() throws {
        let room = try RoomFixture()
        let t = room.ticket("us")
        let tiny = room.host.open(t.seat, width: 0, height: 0).session
        #expect(room.host.screen(of: tiny) != nil)
        room.host.resize(tiny, width: 65535, height: 65535)
        let huge = room.host.screen(of: tiny)!
        #expect(huge.width <= 500 && huge.height <= 200)
        room.host.resize(tiny, width: 80, height: 24)
        #expect(room.text(tiny).contains("YOUR SECRET BRIEF"))
    }

    @Test func thisTurnsFreeTextActionsAreRuledOnOnceEveryoneHasSealed() throws {
        let room = try RoomFixture(facilitator: true)
        let us = room.join("us"), eu = room.join("eu"), f = room.join("facilitator")
        room.press(.enter, .char("o"), .char("n"), into: us)
        room.type("Open a hotline with Beijing", into: us)
        room.press(.enter, into: us)
        room.type("Lower tension", into: us)
        room.press(.enter, .char("e"), .char("y"), into: us)
        room.press(.char("r"), into: f)
        #expect(room.text(f).contains("No free-text action is waiting for a ruling yet"))
        room.press(.enter, .char("e"), .char("y"), into: eu)
        room.press(.char("r"), .enter, .down, .enter, into: f)     // the action → reject
        room.type("Not credible", into: f)
        room.press(.enter, into: f)
        #expect(room.host.app(of: .facilitator)?.facilitatorQueue.count == 1)
        // US unseals: it may change its actions, so the ruling is taken back, with a sentence.
        room.press(.char("e"), .char("y"), into: us)
        #expect(room.host.app(of: .facilitator)?.facilitatorQueue == [])
        #expect(room.text(f).contains("United States unsealed its orders, so your rulings"))
    }

    @Test func leavingASeatKeepsItsPlace() throws {
        let room = try RoomFixture()
        let us = room.join("us")
        room.press(.enter, .char("3"), .char("+"), into: us)
        room.press(.char("q"), .char("y"), into: us)
        let closing = room.host.takeClosing()
        #expect(closing.map(\.session) == [us])
        #expect(closing.first?.reason.contains("same code") == true)
        let again = room.join("us")
        #expect(room.host.app(of: .delegation(RoomFixture.US))?.pendingOrders.map(\.kind) == ["budget"])
        #expect(!room.text(again).contains("Leave the game"))
    }
}
