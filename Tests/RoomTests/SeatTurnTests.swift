import Foundation
import Testing
import GameCore
import Interface
import Persistence
import ScenarioFormat
@testable import Room

@Suite("Room: seats and simultaneous turns")
struct SeatTurnTests {
    @Test func everySeatHasATicketWithAThreeWordCode() throws {
        let room = try RoomFixture()
        #expect(room.host.tickets.map(\.label) == ["US", "EU", "FACILITATOR", "PROJECTOR"])
        #expect(room.host.tickets.map(\.user) == ["us", "eu", "facilitator", "projector"])
        for t in room.host.tickets {
            let words = t.code.split(separator: "-").map(String.init)
            #expect(words.count == 3)
            #expect(words.allSatisfy { JoinWords.all.contains($0) })
        }
        #expect(Set(room.host.tickets.map(\.code)).count == 4)
    }

    @Test func turnResolvesWhenEveryDelegationHasSealed() throws {
        let room = try RoomFixture()
        let us = room.join("us"), eu = room.join("eu")
        room.press(.enter, into: us)                 // past the briefing
        room.press(.enter, into: eu)
        room.press(.char("e"), .char("y"), into: us)
        #expect(room.host.game.state.turn == 0)
        #expect(room.host.sealedOrders(of: RoomFixture.US) == [])
        #expect(room.text(eu).contains("US ✔"))
        #expect(room.text(eu).contains("EU …"))
        room.press(.char("e"), .char("y"), into: eu)
        #expect(room.host.game.state.turn == 1)
        #expect(room.text(us).contains("EU …") && room.text(us).contains("US …"))
    }
}
