/// Every tuning constant of the model, with its default, its allowed range and what it does.
/// A scenario's `rules:` block may override any of them by key; `docs/scenarios.md` lists them all.
public enum RuleKey: String, CaseIterable, Codable, Sendable {
    case crqcLogicalQubits
    case computingGrowth
    case computingHalfSpend
    case computingNoise
    case breakthroughChance
    case breakthroughBoost
    case sensingGrowth
    case sensingHalfSpend
    case qkdKmPerBillion
    case qkdHalfKm
    case qkdMaxCover
    case workforcePerBillion
    case workforceLagYears
    case workforceAttrition
    case talentReference
    case pqcBasePace
    case pqcHalfSpend
    case mandateBoost
    case accordBoost
    case interopPenalty
    case standardSwitchLoss
    case supplyBuildRate
    case controlLeakRate
    case controlPremium
    case controlCost
    case harvestVolume
    case harvestDetection
    case espionageSuccess
    case espionageDetection
    case decryptThroughput
    case decryptDetection
    case violationDetection
    case verificationDetection
    case ratificationTurns
    case proposalExpiryTurns
    case tensionRelax
    case supportDrift
    case capitalBank
    case estimateError
    case crisisTension
    case crisisTrust
    case computingOutlookSpread
    case computingOutlookShared
    case spilloverCap
    case selfRelianceRate
    case postCRQCGrowth
    case errorRateHalving
    case trustDrift
    case governanceHalf
    case catastropheExposure
    case treatySaturation
    case fragmentationControls
    case fragmentationDistrust
    case ratificationPerParty

    /// Position in `allCases` (declaration order), without building the `allCases` array:
    /// rule look-ups sit on the hot path of every turn.
    @inlinable public var ordinal: Int {
        switch self {
        case .crqcLogicalQubits: return 0
        case .computingGrowth: return 1
        case .computingHalfSpend: return 2
        case .computingNoise: return 3
        case .breakthroughChance: return 4
        case .breakthroughBoost: return 5
        case .sensingGrowth: return 6
        case .sensingHalfSpend: return 7
        case .qkdKmPerBillion: return 8
        case .qkdHalfKm: return 9
        case .qkdMaxCover: return 10
        case .workforcePerBillion: return 11
        case .workforceLagYears: return 12
        case .workforceAttrition: return 13
        case .talentReference: return 14
        case .pqcBasePace: return 15
        case .pqcHalfSpend: return 16
        case .mandateBoost: return 17
        case .accordBoost: return 18
        case .interopPenalty: return 19
        case .standardSwitchLoss: return 20
        case .supplyBuildRate: return 21
        case .controlLeakRate: return 22
        case .controlPremium: return 23
        case .controlCost: return 24
        case .harvestVolume: return 25
        case .harvestDetection: return 26
        case .espionageSuccess: return 27
        case .espionageDetection: return 28
        case .decryptThroughput: return 29
        case .decryptDetection: return 30
        case .violationDetection: return 31
        case .verificationDetection: return 32
        case .ratificationTurns: return 33
        case .proposalExpiryTurns: return 34
        case .tensionRelax: return 35
        case .supportDrift: return 36
        case .capitalBank: return 37
        case .estimateError: return 38
        case .crisisTension: return 39
        case .crisisTrust: return 40
        case .computingOutlookSpread: return 41
        case .computingOutlookShared: return 42
        case .spilloverCap: return 43
        case .selfRelianceRate: return 44
        case .postCRQCGrowth: return 45
        case .errorRateHalving: return 46
        case .trustDrift: return 47
        case .governanceHalf: return 48
        case .catastropheExposure: return 49
        case .treatySaturation: return 50
        case .fragmentationControls: return 51
        case .fragmentationDistrust: return 52
        case .ratificationPerParty: return 53
        }
    }

    public struct Spec: Sendable {
        public var defaultValue: Double
        public var range: ClosedRange<Double>
        public var help: String
    }

    /// Default, range and a one-line explanation.
    public var spec: Spec {
        switch self {
        case .crqcLogicalQubits: return .init(defaultValue: 1400, range: 10...1_000_000, help: "Effective logical qubits a bloc needs for a cryptographically relevant quantum computer (CRQC).")
        case .computingGrowth: return .init(defaultValue: 0.15, range: 0...5, help: "Largest yearly growth rate of physical qubits, reached with unlimited effective spend (before each bloc's outlook).")
        case .computingHalfSpend: return .init(defaultValue: 1.0, range: 0.01...100, help: "Effective computing spend (USD bn per year) that gives half the largest growth rate.")
        case .computingNoise: return .init(defaultValue: 0.6, range: 0...1, help: "Relative spread of each turn's computing progress (0 = none, 1 = anywhere from zero to double).")
        case .breakthroughChance: return .init(defaultValue: 0.012, range: 0...1, help: "Chance per turn of a computing breakthrough at full effort.")
        case .breakthroughBoost: return .init(defaultValue: 1.6, range: 1...10, help: "Factor a breakthrough multiplies logical qubits by (its gain is cut by postCRQCGrowth past the CRQC threshold).")
        case .sensingGrowth: return .init(defaultValue: 0.12, range: 0...1, help: "Largest yearly fraction of the remaining gap to 100 that sensing closes.")
        case .sensingHalfSpend: return .init(defaultValue: 0.3, range: 0.01...100, help: "Effective sensing spend (USD bn per year) that gives half the largest sensing growth.")
        case .qkdKmPerBillion: return .init(defaultValue: 2500, range: 0...100_000, help: "QKD network kilometres built per USD bn of communication spend.")
        case .qkdHalfKm: return .init(defaultValue: 4000, range: 1...1_000_000, help: "QKD kilometres that protect half of the largest coverable share of traffic.")
        case .qkdMaxCover: return .init(defaultValue: 0.5, range: 0...1, help: "Largest share of government and defence traffic QKD can protect.")
        case .workforcePerBillion: return .init(defaultValue: 12, range: 0...1000, help: "Thousand specialists trained per USD bn of workforce spend, after the lag.")
        case .workforceLagYears: return .init(defaultValue: 2, range: 0...10, help: "Years before education spend turns into specialists.")
        case .workforceAttrition: return .init(defaultValue: 0.02, range: 0...1, help: "Share of specialists lost per year (retirement, moves to other fields).")
        case .talentReference: return .init(defaultValue: 30, range: 0.1...10_000, help: "Workforce (thousand specialists) at which the talent multiplier is 1.")
        case .pqcBasePace: return .init(defaultValue: 0.075, range: 0...1, help: "Share of a sector migrated per year at ordinary effort (0.075 is about 13 years for a full migration).")
        case .pqcHalfSpend: return .init(defaultValue: 0.08, range: 0.001...100, help: "PQC spend (USD bn per year, per square root of GDP in USD tn) that gives ordinary effort; more spend speeds migration up to 1.6 times, none slows it to 0.4 times.")
        case .mandateBoost: return .init(defaultValue: 1.6, range: 1...10, help: "Largest factor by which a mandate speeds migration in its sector.")
        case .accordBoost: return .init(defaultValue: 1.25, range: 1...10, help: "Factor by which shared tooling under a PQC accord speeds migration.")
        case .interopPenalty: return .init(defaultValue: 0.04, range: 0...1, help: "Migration pace lost per major partner on an incompatible standard family.")
        case .standardSwitchLoss: return .init(defaultValue: 0.15, range: 0...1, help: "Share of migration progress lost when a bloc switches standard family.")
        case .supplyBuildRate: return .init(defaultValue: 0.03, range: 0...1, help: "World production share gained per USD bn of supply spend per year, for each chokepoint.")
        case .controlLeakRate: return .init(defaultValue: 0.6, range: 0...1, help: "Share of supply cut by a unilateral export control that the target still buys elsewhere.")
        case .controlPremium: return .init(defaultValue: 0.5, range: 0...10, help: "Extra price, as a share, the target pays for leaked supply.")
        case .controlCost: return .init(defaultValue: 0.0004, range: 0...0.1, help: "Share of GDP growth per year the imposer gives up for each category controlled against each target.")
        case .harvestVolume: return .init(defaultValue: 1.0, range: 0...100, help: "Units of traffic per sector per turn a harvest with full SIGINT collects.")
        case .harvestDetection: return .init(defaultValue: 0.06, range: 0...1, help: "Chance per turn a victim with full counter-intelligence detects a harvest operation.")
        case .espionageSuccess: return .init(defaultValue: 0.55, range: 0...1, help: "Chance an espionage operation succeeds against a target with no counter-intelligence.")
        case .espionageDetection: return .init(defaultValue: 0.3, range: 0...1, help: "Chance an espionage operation is detected by a target with full counter-intelligence.")
        case .decryptThroughput: return .init(defaultValue: 3, range: 0...1000, help: "Units of stockpile a CRQC at the threshold decrypts per turn.")
        case .decryptDetection: return .init(defaultValue: 0.08, range: 0...1, help: "Chance per turn of decryption that the CRQC is detected.")
        case .violationDetection: return .init(defaultValue: 0.04, range: 0...1, help: "Base chance per turn that a secret treaty violation is detected.")
        case .verificationDetection: return .init(defaultValue: 0.3, range: 0...1, help: "Extra detection chance per turn under a verification regime.")
        case .ratificationTurns: return .init(defaultValue: 2, range: 0...40, help: "Turns to ratify a treaty at domestic support 60; lower support takes longer.")
        case .proposalExpiryTurns: return .init(defaultValue: 2, range: 1...40, help: "Turns a proposal waits for answers before it lapses.")
        case .tensionRelax: return .init(defaultValue: 0.08, range: 0...1, help: "Share of the gap to its resting level that tension closes each turn.")
        case .supportDrift: return .init(defaultValue: 0.04, range: 0...1, help: "Share of the gap to 50 that domestic support closes each turn.")
        case .capitalBank: return .init(defaultValue: 3, range: 1...20, help: "Political capital a bloc can bank, in turns of income.")
        case .estimateError: return .init(defaultValue: 0.35, range: 0...2, help: "Relative error of estimates of other blocs for a viewer with no intelligence.")
        case .crisisTension: return .init(defaultValue: 18, range: 0...100, help: "Tension added when a secret CRQC is exposed.")
        case .crisisTrust: return .init(defaultValue: 30, range: 0...200, help: "Trust every bloc loses toward a CRQC holder exposed while decrypting.")
        case .computingOutlookSpread: return .init(defaultValue: 1.6, range: 0...4, help: "Spread, in doublings per standard deviation, of the hidden engineering outlook each bloc draws from the game's seed; it multiplies the bloc's computing growth (0 = every bloc in every game has the same outlook).")
        case .computingOutlookShared: return .init(defaultValue: 0.35, range: 0...1, help: "Share of the engineering outlook's variance that every bloc shares (the science); the rest is each bloc's own engineering luck.")
        case .spilloverCap: return .init(defaultValue: 0.06, range: 0...1, help: "Most a bloc's logical qubits can grow in a year from research spillover, as a share of its own.")
        case .selfRelianceRate: return .init(defaultValue: 0.8, range: 0...5, help: "Yearly share of the gap to full self-reliance that a controlled bloc closes with unlimited state computing and supply spending.")
        case .postCRQCGrowth: return .init(defaultValue: 0.25, range: 0...1, help: "Share of its computing growth rate a bloc keeps once it is past the CRQC threshold.")
        case .errorRateHalving: return .init(defaultValue: 0.08, range: 0...5, help: "Largest yearly fall of the physical two-qubit error rate, as a share of the way to halving it, reached with unlimited effective spend.")
        case .trustDrift: return .init(defaultValue: 0.03, range: 0...1, help: "Share of the gap to its starting level that trust between two blocs closes each turn without new causes.")
        case .governanceHalf: return .init(defaultValue: 6.6, range: 0.1...100, help: "Weighted treaty strength at which governance stands at 50.")
        case .catastropheExposure: return .init(defaultValue: 3, range: 0.1...1000, help: "Value of its own secrets read (exposure) at which a bloc counts as a victim of a harvest catastrophe.")
        case .treatySaturation: return .init(defaultValue: 2, range: 0.01...100, help: "Strength of the treaties of one type (members' share of world GDP, times verification, compliance and upkeep) at which that type gives half its governance weight.")
        case .fragmentationControls: return .init(defaultValue: 3, range: 0...100, help: "Factor on the traffic-weighted share of trade cut by export controls in the fragmentation index (capped at 1).")
        case .fragmentationDistrust: return .init(defaultValue: 2.5, range: 0...100, help: "Factor on the traffic-weighted distrust between blocs in the fragmentation index (capped at 1).")
        case .ratificationPerParty: return .init(defaultValue: 0.25, range: 0...5, help: "Extra share of the ratification time for each party beyond two: multilateral treaties take years to ratify, bilateral ones far less (0 = every treaty as fast as a bilateral one).")
        }
    }
}

/// The rule values of one scenario. Indexed by `RuleKey` in declaration order.
public struct Rules: Hashable, Codable, Sendable {
    public var values: [Double]
    /// Pillar weights per doctrine (security, prosperity, influence, stability), in `Doctrine.allCases` order.
    public var doctrineWeights: [[Double]]

    public init() {
        values = RuleKey.allCases.map { $0.spec.defaultValue }
        doctrineWeights = Doctrine.allCases.map { Rules.defaultWeights($0) }
    }

    public subscript(key: RuleKey) -> Double {
        get { values[key.ordinal] }
        set { values[key.ordinal] = newValue }
    }

    public func weights(_ doctrine: Doctrine) -> [Double] {
        doctrineWeights[doctrine.ordinal]
    }

    /// Default pillar weights, in percent (security, prosperity, influence, stability).
    public static func defaultWeights(_ doctrine: Doctrine) -> [Double] {
        switch doctrine {
        case .techLeader: return [35, 30, 25, 10]
        case .stateDirected: return [40, 25, 25, 10]
        case .standardsPower: return [20, 25, 35, 20]
        case .hedger: return [25, 40, 15, 20]
        case .middlePower: return [25, 30, 20, 25]
        case .spoiler: return [45, 15, 30, 10]
        }
    }
}
