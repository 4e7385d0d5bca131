import Testing
@testable import GameCore

@Suite("Mosca's clock")
struct MoscaTests {
    /// The definition: multiply by one quarter's growth until the threshold is reached, at most 200 quarters.
    static func reference(_ computing: Double, _ growth: Double, _ threshold: Double) -> Double {
        if computing >= threshold { return 0 }
        let g = max(0, growth)
        guard g > 0.001, computing > 0 else { return 50 }
        var c = computing
        var quarters = 0
        let step = 1 + g / 4
        while c < threshold && quarters < 200 { c *= step; quarters += 1 }
        return Double(quarters) / 4
    }

    @Test func yearsToTheThresholdAreExactlyTheQuarterByQuarterCount() {
        var rng = Xoshiro256(seed: 20261127)
        var checked = 0
        for _ in 0..<200_000 {
            let computing = pow10(rng.unit() * 9 - 3)           // 0.001 … 1e6 logical qubits
            let growth = rng.unit() < 0.1 ? rng.unit() * 0.002 : pow10(rng.unit() * 3.5 - 3) // 0.001 … 3 per year
            let threshold = pow10(rng.unit() * 6)              // 1 … 1e6
            let fast = Mosca.yearsToThreshold(computing: computing, growthPerYear: growth, threshold: threshold)
            let slow = Self.reference(computing, growth, threshold)
            if fast != slow { Issue.record("computing \(computing), growth \(growth), threshold \(threshold): \(fast) ≠ \(slow)"); return }
            checked += 1
        }
        #expect(checked == 200_000)
    }

    @Test func thresholdsReachedExactlyOnAQuarterAreCountedLikeTheLoop() {
        // Start values that land on the threshold (to the last bit) after k quarters: the cases
        // where rounding decides and the count must fall back to stepping.
        for growth in [0.04, 0.1, 0.33, 0.8, 2.0] {
            let step = 1 + growth / 4
            for k in [1, 2, 7, 63, 64, 65, 127, 128, 129, 198, 199, 200, 201] {
                var c = 1.5
                for _ in 0..<k { c *= step }
                for threshold in [c.nextDown, c, c.nextUp] {
                    #expect(Mosca.yearsToThreshold(computing: 1.5, growthPerYear: growth, threshold: threshold)
                            == Self.reference(1.5, growth, threshold), "growth \(growth), k \(k)")
                }
            }
        }
    }

    private func pow10(_ x: Double) -> Double {
        // A spread of magnitudes without Foundation: 10^⌊x⌋ times a factor of 1…10 within the decade.
        var r = 1.0
        var e = x
        while e >= 1 { r *= 10; e -= 1 }
        while e < 0 { r /= 10; e += 1 }
        return r * (1 + 9 * e) // 1…10 within the decade
    }
}
