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
    public static func preview(bloc: BlocState, allocation: [Double], rules: Rules) -> [Double] {
        let spend = allocation.map { bloc.budget * $0 / 100 }
        let t = talent(workforce: bloc.workforce, rules: rules)
        let m = supplyMultiplier(access: bloc.access)
        return [
            computingRate(effectiveSpend: spend[0] * t * m, rules: rules),
            (100 - bloc.sensing) * sensingRate(effectiveSpend: spend[1] * t * m, rules: rules),
            qkdKm(spend: spend[2], talent: t, rules: rules),
            spend[3] * rules[.workforcePerBillion],
            pqcEffort(spend: spend[4], gdp: bloc.gdp, talent: t, rules: rules),
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
}
