import Foundation
import GameCore
import Interface
import Persistence
import ScenarioFormat
@testable import Room

/// A room on a fresh temporary save folder, and helpers to drive it like a door would.
struct RoomFixture {
    let host: RoomHost
    let folder: String

    static let scenario = BundledScenarios.defaultScenario
    static var US: Int { scenario.blocIndex("US")! }
    static var EU: Int { scenario.blocIndex("EU")! }
    static var CN: Int { scenario.blocIndex("CN")! }

    init(humans: [String] = ["US", "EU"], facilitator: Bool = false, turnMinutes: Int? = nil, folder: String? = nil,
         loaded: LoadedSave? = nil) throws {
        let folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("room-\(UUID().uuidString)").path
        self.folder = folder
        host = try RoomHost(scenario: Self.scenario, seed: 7, humans: humans.map { Self.scenario.blocIndex($0)! },
                            facilitator: facilitator, level: .standard, saveFolder: folder, loaded: loaded, turnMinutes: turnMinutes)
    }

    func ticket(_ user: String) -> SeatTicket { host.tickets.first { $0.user == user }! }

    /// Opens a seat at 80×24 through its code, as the door does.
    func join(_ user: String, width: Int = 80, height: Int = 24) -> SessionID {
        let t = host.admit(user: user, code: ticket(user).code)!
        return host.open(t.seat, width: width, height: height).session
    }

    func type(_ text: String, into session: SessionID) {
        for c in text { host.key(.char(c), from: session) }
    }

    func press(_ keys: Key..., into session: SessionID) {
        for k in keys { host.key(k, from: session) }
    }

    func text(_ session: SessionID) -> String { host.screen(of: session)?.text ?? "" }
}
