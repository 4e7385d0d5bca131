import Foundation
import GameCore
import Interface
import Persistence
import ScenarioFormat
import Testing
@testable import Room

/// A room's facilitator gets the run sheet from `serve --run-sheet`, and a save keeps it.
@Suite struct RoomRunSheetTests {
    @Test func theRoomsConsoleOffersTheRunSheetAndTheSaveKeepsIt() throws {
        let room = try RoomFixture(humans: ["US"], facilitator: true)
        let sc = RoomFixture.scenario
        let plan = [PlannedInject(turn: 0, inject: sc.injects[0].id, note: "First thing."), PlannedInject(turn: 3, inject: sc.injects[1].id)]
        room.host.useRunSheet(given: plan, saved: nil)
        #expect(room.host.app(of: .facilitator)?.plannedInjects == plan)
        #expect(room.host.app(of: .facilitator)?.dueRunSheetEntries == [0])
        let facilitator = room.join("facilitator", width: 100, height: 40)
        #expect(room.text(facilitator).contains("NOW (k): “\(sc.injects[0].title)” — First thing."))
        room.press(.char("k"), .down, .enter, into: facilitator)          // postponed
        let app = try #require(room.host.app(of: .facilitator))
        #expect(app.runSheetDecisions.map(\.kind) == [.postponed])
        let record = try #require(RunSheetSaving.record(app))
        #expect(record.planned.map(\.inject) == plan.map(\.inject))
        #expect(record.decisions == [RunSheetRecord.Decision(turn: sc.calendar.label(0), entry: 0, inject: sc.injects[0].id, decision: "postponed")])
        // A room started from that save gets the plan and the decision back.
        let again = try RoomFixture(humans: ["US"], facilitator: true)
        again.host.useRunSheet(given: nil, saved: record)
        #expect(again.host.app(of: .facilitator)?.plannedInjects == plan)
        #expect(again.host.app(of: .facilitator)?.runSheetDecisions.map(\.kind) == [.postponed])
    }
}
