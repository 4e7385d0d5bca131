import Testing
@testable import GameCore

/// `BlocField.range` and `WorldField.range` tell the facilitator's console where an effect stops;
/// they must be the very limits the engine clamps to.
@Suite("Value ranges")
struct RangeTests {
    @Test func theEngineStopsEveryValueAtTheEdgeOfItsRange() {
        let s = Fixture.scenario()
        var fields: [BlocField] = [.gdp, .budget, .support, .computing, .sensing, .qkdKm, .workforce, .sigint, .counterintel]
        if !s.sectors.isEmpty { fields.append(.pqc(sector: 0)) }
        if !s.chokepoints.isEmpty { fields.append(.supply(chokepoint: 0)) }
        for field in fields {
            guard let range = field.range else { Issue.record("\(field) has no range"); continue }
            for beyond in [-1e300, 1e300] {
                var r = Resolver(scenario: s, seed: 1, state: GameState.initial(s), commands: [])
                r.apply(Effect(target: .bloc(.bloc(0), field), op: .set, value: .number(beyond), source: "test"), current: nil, cause: "test")
                let got = r.state.blocs[0].value(of: field)
                if beyond < 0 {
                    #expect(got == range.lowerBound, "\(field) below its range")
                } else if case .supply = field {
                    #expect(got <= range.upperBound, "\(field) above its range")   // a share also leaves the others theirs
                } else if range.upperBound < Double.greatestFiniteMagnitude {
                    #expect(got == range.upperBound, "\(field) above its range")
                }
            }
        }
        for world in WorldField.allCases where world.isAssignable {
            guard let range = world.range else { Issue.record("\(world) has no range"); continue }
            for (beyond, edge) in [(-1e300, range.lowerBound), (1e300, range.upperBound)] {
                var r = Resolver(scenario: s, seed: 1, state: GameState.initial(s), commands: [])
                r.apply(Effect(target: .world(world), op: .set, value: .number(beyond), source: "test"), current: nil, cause: "test")
                #expect(r.read(.world(world), current: nil) == edge, "\(world)")
            }
        }
        #expect(BlocField.capital.range == nil)
        #expect(BlocField.score.range == nil)
    }
}
