import Foundation
import Testing
import GameCore
import Interface
import ScenarioFormat
import Strategy
@testable import Room

@Suite("Room: each seat sees only what is its own")
struct SeatPrivacyTests {
    /// Text only the delegation of `bloc` (and the facilitator) may read: its secret brief and
    /// its secret objectives, cut into phrases long enough not to appear by chance.
    static func secrets(of bloc: Int) -> [String] {
        let def = RoomFixture.scenario.blocs[bloc]
        var phrases: [String] = []
        for text in [def.briefing] + def.objectives.filter(\.secret).map(\.text) {
            let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
            var i = 0
            while i + 4 <= words.count { phrases.append(words[i..<i + 4].joined(separator: " ")); i += 4 }
        }
        return phrases.filter { $0.count >= 16 }
    }

    /// Every screen of a seat, in every state a delegation can be in, at two window sizes.
    static func everyScreen(of room: RoomFixture, _ session: SessionID) -> [String] {
        var out: [String] = []
        for size in [(80, 24), (160, 60)] {
            room.host.resize(session, width: size.0, height: size.1)
            out.append(room.text(session))
            for key in ScreenID.allCases.map(\.key) + ["f"] {
                room.press(.char(key), into: session)
                for _ in 0..<3 { room.press(.pageDown, into: session); out.append(room.text(session)) }
                for _ in 0..<8 { room.press(.right, into: session); out.append(room.text(session)) }
                room.press(.escape, into: session)
            }
        }
        return out
    }

    @Test func aDelegationNeverSeesAnotherDelegationsBriefOrSecretObjectives() throws {
        let room = try RoomFixture(humans: ["US", "EU", "CN"], facilitator: true)
        #expect(!Self.secrets(of: RoomFixture.EU).isEmpty && !Self.secrets(of: RoomFixture.CN).isEmpty)
        let us = room.join("us")
        _ = room.join("eu"); _ = room.join("cn"); let f = room.join("facilitator")
        var screens: [String] = [room.text(us)]
        // Its own brief is there (the check can fail).
        #expect(Self.secrets(of: RoomFixture.US).contains { phrase in screens[0].contains(phrase) })
        room.press(.enter, into: us)
        screens += Self.everyScreen(of: room, us)
        room.press(.char("e"), .char("y"), into: us)      // sealed
        screens += Self.everyScreen(of: room, us)
        // After a resolved turn, and at the end of the game.
        for s in ["eu", "cn"] { room.press(.enter, .char("e"), .char("y"), into: room.join(s)) }
        room.press(.char("e"), .char("y"), into: f)
        #expect(room.host.game.state.turn == 1)
        screens += Self.everyScreen(of: room, room.join("us"))
        // Others' values are estimates (marked ~), as in the hotseat: the seat's view is fogged.
        #expect(screens.contains { $0.contains("EU") && $0.contains("~") })
        for text in screens {
            for other in [RoomFixture.EU, RoomFixture.CN] {
                for phrase in Self.secrets(of: other) { #expect(!text.contains(phrase), "\(phrase)") }
            }
            #expect(!text.contains("True values"))
        }
    }

    @Test func theProjectorShowsThePublicRecordOnly() throws {
        let room = try RoomFixture(humans: ["US", "EU"])
        let us = room.join("us"), eu = room.join("eu"), p = room.join("projector", width: 160, height: 50)
        // A few turns, so there is news, history and perhaps treaties.
        for _ in 0..<4 {
            for s in [us, eu] { room.press(.enter, .char("e"), .char("y"), into: s) }
        }
        #expect(room.host.game.state.turn == 4)
        let game = room.host.game
        let record = PublicRecord(game)
        // Only news meant for everyone; restricted news stays off the wall.
        let publicNews = game.state.news.filter { $0.audience.isEmpty }.map(\.text)
        #expect(record.news.map(\.text) == Array(publicNews.reversed()))
        let restricted = game.state.news.filter { !$0.audience.isEmpty }.map(\.text).filter { !publicNews.contains($0) }
        var screens: [String] = []
        for size in [(80, 24), (120, 40), (200, 60)] {
            room.host.resize(p, width: size.0, height: size.1)
            screens.append(room.text(p))
            for _ in 0..<30 { room.press(.down, into: p); screens.append(room.text(p)) }
            room.press(.home, into: p)
        }
        #expect(screens[0].contains("Tension"))
        #expect(screens[0].contains("US …"))
        for text in screens {
            for r in restricted where r.count > 20 { #expect(!text.contains(String(r.prefix(40)))) }
            for b in [RoomFixture.US, RoomFixture.EU, RoomFixture.CN] {
                for phrase in SeatPrivacyTests.secrets(of: b) { #expect(!text.contains(phrase)) }
            }
            // No bloc's own values: estimates (±) and the per-bloc panels never reach the wall.
            #expect(!text.contains("±"))
            #expect(!text.contains("Capital"))
            #expect(!text.contains("logical qubits (est"))
        }
        // The projector cannot give orders: keys that would, do nothing.
        for key in ["e", "3", "+", "m", "s"] { room.press(.char(Character(key)), into: p) }
        #expect(room.host.app(of: .projector) == nil)
        #expect(room.host.game.state.turn == 4)
    }

    @Test func thePublicRecordIsTheSameWhateverTheFog() throws {
        // The projector's whole input is `PublicRecord`: its fields are world values, treaties in
        // force and public news; two viewers' fogs never change it. Checked against the views of
        // every bloc: world indices equal to what every delegation sees.
        let room = try RoomFixture(humans: ["US", "EU"])
        let us = room.join("us"), eu = room.join("eu")
        for _ in 0..<3 { for s in [us, eu] { room.press(.enter, .char("e"), .char("y"), into: s) } }
        let game = room.host.game
        let record = PublicRecord(game)
        for b in game.scenario.blocs.indices {
            let v = game.state.view(for: .bloc(b), scenario: game.scenario, seed: game.seed)
            #expect(record.indices.map(\.value) == [v.world.tension, v.world.governance, v.world.fragmentation])
            #expect(record.crqcThreshold == v.world.crqcLogicalQubits)
            let seen = v.treaties.filter { $0.treaty.status == .inForce }.map(\.treaty.name)
            #expect(record.treaties.map(\.name) == seen)
            let news = v.news.map(\.text)
            #expect(record.news.allSatisfy { n in news.contains(n.text) })
        }
    }
}
