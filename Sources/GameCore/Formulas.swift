/// The growth formulas of the investment phase, shared by the resolver and by previews
/// (the budget screen, computer players' look-ahead) so a preview can never drift from the rules.
public enum Formulas {
    /// The talent multiplier: √(workforce / reference), within 0.3…2.5.
    public static func talent(workforce: Double, rules: Rules) -> Double {
        min(2.5, max(0.3, (workforce / rules[.talentReference]).squareRoot()))
    }

    /// Supply multiplier from the access to the scarcest chokepoint.
    public static func supplyMultiplier(access: [Double]) -> Double {
        var lowest = 1.0
        for a in access { lowest = min(lowest, a) }
        return 0.35 + 0.65 * lowest
    }

    /// Yearly growth rate of logical qubits for an effective spend (before noise and breakthroughs).
    public static func computingRate(effectiveSpend e: Double, rules: Rules) -> Double {
        rules[.computingGrowth] * e / (e + rules[.computingHalfSpend])
    }

    /// Share of the gap to 100 that sensing closes in a year.
    public static func sensingRate(effectiveSpend e: Double, rules: Rules) -> Double {
        rules[.sensingGrowth] * e / (e + rules[.sensingHalfSpend])
    }

    /// QKD kilometres built per year.
    public static func qkdKm(spend: Double, talent: Double, rules: Rules) -> Double {
        spend * rules[.qkdKmPerBillion] * talent.squareRoot()
    }

    /// PQC effort (1 = ordinary) for a yearly PQC spend.
    public static func pqcEffort(spend: Double, gdp: Double, talent: Double, rules: Rules) -> Double {
        let x = spend / (rules[.pqcHalfSpend] * max(0.0001, gdp).squareRoot())
        return (0.4 + 1.2 * x / (x + 1)) * min(1.4, max(0.6, talent.squareRoot()))
    }

    /// Expected yearly effect of a budget split for a bloc, without noise, breakthroughs or treaties:
    /// computing growth (fraction), sensing points, QKD km, specialists trained (thousand, after the lag),
    /// PQC effort, and world production share gained per chokepoint.
    /// `privateCapital` and `pqcBudget` are the bloc's scenario values (money the allocation does not direct).
    public static func preview(bloc: BlocState, allocation: [Double], rules: Rules, privateCapital: Double = 0, pqcBudget: Double = 0) -> [Double] {
        let spend = allocation.map { bloc.budget * $0 / 100 }
        let t = talent(workforce: bloc.workforce, rules: rules)
        let m = supplyMultiplier(access: bloc.access)
        return [
            logicalGrowth(effectiveSpend: (spend[0] + privateCapital) * t * m, errorRate: bloc.errorRate ?? defaultErrorRate, rules: rules),
            (100 - bloc.sensing) * sensingRate(effectiveSpend: spend[1] * t * m, rules: rules),
            qkdKm(spend: spend[2], talent: t, rules: rules),
            spend[3] * rules[.workforcePerBillion],
            pqcEffort(spend: spend[4] + pqcBudget, gdp: bloc.gdp, talent: t, rules: rules),
            rules[.supplyBuildRate] * spend[5],
        ]
    }

    /// 2^x from + − × ÷ only (so it gives the same bits everywhere): the integer part by repeated
    /// doubling or halving, the fraction by a degree-5 polynomial (relative error below 2e-6).
    public static func exp2(_ x: Double) -> Double {
        guard x.isFinite else { return x > 0 ? .infinity : 0 }
        let clamped = max(-60, min(60, x))
        var whole = clamped.rounded(.down)
        let t = clamped - whole
        var r = 1 + t * (0.693_147_18 + t * (0.240_226_51 + t * (0.055_504_11 + t * (0.009_618_13 + t * 0.001_333_36))))
        while whole > 0 { r *= 2; whole -= 1 }
        while whole < 0 { r /= 2; whole += 1 }
        return r
    }

    /// The game's hidden engineering outlook: a factor on every bloc's computing growth, drawn once
    /// from the game's seed (roughly log-normal: 2 to the power spread × z, z about standard normal,
    /// from the sum of four uniform draws). It is what makes forecasts spread like the expert
    /// surveys (DESIGN §1.3, docs/calibration.md); no player sees it.
    public static func computingOutlook(seed: UInt64, rules: Rules) -> Double {
        let spread = rules[.computingOutlookSpread]
        guard spread > 0 else { return 1 }
        var dice = RandomStreams.stream(seed: seed, turn: 0, phase: .investment, item: 1_000_003)
        var sum = 0.0
        for _ in 0..<4 { sum += dice.unit() }
        let z = (sum - 2) * 3.0.squareRoot()
        return exp2(spread * z)
    }

    /// The hidden engineering outlook of every bloc: 2 to the power spread × z, where z mixes one
    /// draw shared by all blocs (the science: how hard fault tolerance turns out to be) with one
    /// draw per bloc (its own engineering luck), `computingOutlookShared` of the variance shared.
    /// The shared draw is the one `computingOutlook` makes, so a game keeps its overall pace.
    /// Who gets there first is then uncertain as well as when (issue 14; docs/calibration.md).
    public static func blocOutlooks(seed: UInt64, blocs n: Int, rules: Rules) -> [Double] {
        let spread = rules[.computingOutlookSpread]
        guard spread > 0 else { return [Double](repeating: 1, count: n) }
        let shared = max(0, min(1, rules[.computingOutlookShared]))
        let zShared = normalDraw(seed: seed, item: 1_000_003)
        let a = shared.squareRoot(), c = (1 - shared).squareRoot()
        var out: [Double] = []
        out.reserveCapacity(n)
        for b in 0..<n {
            let z = a * zShared + c * normalDraw(seed: seed, item: 1_000_004 + b)
            out.append(exp2(spread * z))
        }
        return out
    }

    /// About standard normal: the sum of four uniform draws of the item's own stream, rescaled.
    static func normalDraw(seed: UInt64, item: Int) -> Double {
        var dice = RandomStreams.stream(seed: seed, turn: 0, phase: .investment, item: item)
        var sum = 0.0
        for _ in 0..<4 { sum += dice.unit() }
        return (sum - 2) * 3.0.squareRoot()
    }

    /// A bloc's starting two-qubit error rate when its scenario does not state one: 0.2 %, between
    /// Google Willow's and Zuchongzhi 3.0's published figures (FACTS §2) [EST].
    public static let defaultErrorRate = 0.002
    /// The surface code's threshold error rate, about 1 % (Fowler et al. 2012): below it, a bigger
    /// code makes logical errors rarer.
    public static let errorThreshold = 0.01
    /// The lowest error rate a programme can reach in the game, 0.01 % [EST: the best two-qubit gates
    /// published by 2025 are near 0.1 %; ten times better within the decade is the optimistic end].
    public static let errorFloor = 0.0001
    /// Physical qubits per logical qubit at a 0.1 % error rate: Gidney (May 2025) breaks RSA-2048
    /// with under a million noisy qubits at 0.1 % gate error, for about 1,400 logical qubits.
    public static let overheadAtOnePerMille = 1_000_000.0 / 1400

    /// Physical qubits needed per logical qubit at physical error rate `p`. The surface-code distance
    /// needed for a fixed logical error grows as 1 / log(threshold / p) and the qubits per logical
    /// qubit as the distance squared, scaled so that p = 0.1 % gives Gidney's ratio.
    public static func physicalPerLogical(errorRate p: Double) -> Double {
        let q = min(max(p, errorFloor), errorThreshold * 0.95)
        let ratio = log2(10) / log2(errorThreshold / q)
        return overheadAtOnePerMille * ratio * ratio
    }

    /// The share by which a year of effective spend `e` cuts the error rate (before the outlook).
    public static func errorRateDecline(effectiveSpend e: Double, rules: Rules) -> Double {
        0.5 * rules[.errorRateHalving] * e / (e + rules[.computingHalfSpend])
    }

    /// Expected yearly growth of logical qubits: more physical qubits, and fewer physical qubits per
    /// logical one as the error rate falls (without outlook, noise, breakthroughs or treaties).
    public static func logicalGrowth(effectiveSpend e: Double, errorRate p: Double, rules: Rules) -> Double {
        let physical = computingRate(effectiveSpend: e, rules: rules)
        let lower = max(errorFloor, p * (1 - min(0.9, errorRateDecline(effectiveSpend: e, rules: rules))))
        return (1 + physical) * physicalPerLogical(errorRate: p) / physicalPerLogical(errorRate: lower) - 1
    }

    /// log2(x) for x > 0 from + − × ÷ only: the binary exponent exactly, the significand m in [1, 2)
    /// by the series ln m = 2 (t + t³/3 + t⁵/5 + …), t = (m − 1)/(m + 1) ≤ 1/3 (error below 1e-9).
    public static func log2(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : .nan }
        let e = Double(x.exponent)
        let m = x.significand
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var term = t, sum = 0.0
        var k = 1.0
        for _ in 0..<10 { sum += term / k; term *= t2; k += 2 }
        return e + 2 * sum / 0.693_147_180_559_945_3
    }
}
