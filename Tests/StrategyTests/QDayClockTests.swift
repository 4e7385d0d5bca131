import Testing
import GameCore
import ScenarioFormat
@testable import Strategy

/// The Q-Day clock a delegation watches projects the rival's growth trend, not last quarter's luck.
@Suite("Q-Day clock")
struct QDayClockTests {
    @Test func theClockDoesNotWhipsawFromQuarterToQuarter() {
        let scenario = BundledScenarios.defaultScenario
        var steps: [Double] = []
        for seed in 1...6 {
            for viewer in 0..<scenario.blocs.count {
                var previous: (years: Double, rival: Int?)?
                _ = Autoplay.play(scenario, seed: UInt64(seed), turns: 24, recordsHashes: false) { game in
                    // The clock as the delegation sees it (rivals' values are its estimates).
                    let v = game.state.view(for: .bloc(viewer), scenario: game.scenario, seed: game.seed, history: false)
                    if let p = previous, let r = v.qDayBloc, r == p.rival, p.years < 50, v.qDayYears < 50, p.years > 2 {
                        steps.append(abs(v.qDayYears - p.years) / p.years)
                    }
                    previous = (v.qDayYears, v.qDayBloc)
                }
            }
        }
        steps.sort()
        #expect(steps.count > 300)
        let median = steps[steps.count / 2], high = steps[steps.count * 9 / 10]
        // Before the trend and the estimates drifted smoothly: a median change of 21 % a quarter, and
        // a tenth of quarters moved the clock by more than half (measured on these games).
        #expect(median < 0.06, "median relative change \(median) a quarter")
        #expect(high < 0.15, "nine quarters in ten change the clock by less than \(high)")
    }
}
