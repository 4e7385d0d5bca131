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
}
