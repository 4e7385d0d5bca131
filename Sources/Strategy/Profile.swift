import GameCore

/// How a doctrine plays: the scenario's pillar weights plus its temperament. Every number is in
/// 0…1 so the planners can scale chances and scores by them directly.
struct Profile: Sendable {
    let doctrine: Doctrine
    /// The rules' pillar weights of the doctrine (security, prosperity, influence, stability), as
    /// given (shared with the rules), and their sum: `weight(_:)` normalises one when read (a
    /// normalised copy per planner was an allocation most planners never read).
    let givenWeights: [Double]
    let weightSum: Double
    /// How many pillar weights there are (four equal ones when the rules give none that count).
    var weightCount: Int { weightSum > 0 ? givenWeights.count : 4 }
    /// Pillar `p`'s weight, normalised so that the weights sum to 1.
    @inline(__always)
    func weight(_ p: Int) -> Double { weightSum > 0 ? givenWeights[p] / weightSum : 0.25 }
    /// Appetite for secret and risky acts: violations, decryption, espionage.
    let risk: Double
    /// Taste for treaties, dialogue and aid.
    let cooperation: Double
    /// Readiness for hostile acts in the open: controls, harvesting, accusations.
    let hawkishness: Double
    /// Liking for quantum key distribution over PQC alone.
    let qkdAffinity: Double
    /// The doctrine's own idea of a budget split (computing, sensing, communication, workforce, pqc, supply).
    let allocation: [Double]
    /// The standard family the doctrine would rather be on.
    let family: StandardFamily
    /// Treaty types the doctrine proposes, best first.
    let proposes: [TreatyType]
    /// How many rivals it harvests at most (0 = it does not harvest).
    let harvestTargets: Int
    /// Whether it reads a harvested stockpile once it holds a CRQC.
    let decrypts: Bool
    /// Chance per turn that it announces a secret CRQC.
    let disclosure: Double

    init(_ doctrine: Doctrine, rules: Rules) {
        self.doctrine = doctrine
        // `rules.weights(doctrine)`, without building `Doctrine.allCases` for every planner.
        let w = rules.doctrineWeights[doctrine.ordinal]
        var sum = 0.0
        for x in w { sum += x }
        givenWeights = w
        weightSum = sum
        switch doctrine {
        case .techLeader:
            risk = 0.5; cooperation = 0.5; hawkishness = 0.75; qkdAffinity = 0.15
            allocation = Profile.techLeaderAllocation
            family = .nist
            proposes = Profile.techLeaderProposes
            harvestTargets = 2; decrypts = true; disclosure = 0.06
        case .stateDirected:
            risk = 0.6; cooperation = 0.35; hawkishness = 0.6; qkdAffinity = 0.9
            allocation = Profile.stateDirectedAllocation
            family = .national
            proposes = Profile.stateDirectedProposes
            harvestTargets = 2; decrypts = true; disclosure = 0
        case .standardsPower:
            risk = 0.1; cooperation = 0.9; hawkishness = 0.3; qkdAffinity = 0.35
            allocation = Profile.standardsPowerAllocation
            family = .nist
            proposes = Profile.standardsPowerProposes
            harvestTargets = 0; decrypts = false; disclosure = 1
        case .hedger:
            risk = 0.35; cooperation = 0.7; hawkishness = 0.2; qkdAffinity = 0.3
            allocation = Profile.hedgerAllocation
            family = .hybrid
            proposes = Profile.hedgerProposes
            harvestTargets = 0; decrypts = false; disclosure = 0.4
        case .middlePower:
            risk = 0.2; cooperation = 0.8; hawkishness = 0.25; qkdAffinity = 0.3
            allocation = Profile.middlePowerAllocation
            family = .nist
            proposes = Profile.middlePowerProposes
            harvestTargets = 0; decrypts = false; disclosure = 0.5
        case .spoiler:
            risk = 0.85; cooperation = 0.15; hawkishness = 0.85; qkdAffinity = 0.4
            allocation = Profile.spoilerAllocation
            family = .national
            proposes = Profile.spoilerProposes
            harvestTargets = 3; decrypts = true; disclosure = 0
        }
    }

    // The doctrines' own splits and proposal lists, built once (not per planner).
    static let techLeaderAllocation: [Double] = [40, 15, 3, 15, 20, 7]
    static let techLeaderProposes: [TreatyType] = [.exportRegime, .researchPact, .talentExchange, .cbm]
    static let stateDirectedAllocation: [Double] = [35, 15, 15, 12, 15, 8]
    static let stateDirectedProposes: [TreatyType] = [.researchPact, .supplyPact, .jointLab]
    static let standardsPowerAllocation: [Double] = [25, 10, 7, 18, 30, 10]
    static let standardsPowerProposes: [TreatyType] = [.pqcAccord, .cbm, .cryptanalysisNorm, .capacityFund, .verificationRegime]
    static let hedgerAllocation: [Double] = [25, 10, 5, 20, 25, 15]
    static let hedgerProposes: [TreatyType] = [.talentExchange, .supplyPact, .researchPact, .cbm]
    static let middlePowerAllocation: [Double] = [25, 10, 7, 20, 25, 13]
    static let middlePowerProposes: [TreatyType] = [.jointLab, .talentExchange, .supplyPact, .capacityFund, .pqcAccord]
    static let spoilerAllocation: [Double] = [30, 25, 5, 10, 15, 15]
    static let spoilerProposes: [TreatyType] = [.supplyPact, .researchPact]

    /// How much the doctrine likes being party to a treaty of this type, 0…1.
    func affinity(_ type: TreatyType) -> Double {
        switch doctrine {
        case .techLeader:
            switch type {
            case .exportRegime: return 0.9
            case .researchPact, .talentExchange: return 0.7
            case .jointLab, .supplyPact, .cbm: return 0.5
            case .pqcAccord: return 0.55
            case .cryptanalysisNorm, .verificationRegime: return 0.3
            case .capacityFund: return 0.35
            }
        case .stateDirected:
            switch type {
            case .researchPact, .supplyPact: return 0.8
            case .jointLab: return 0.6
            case .talentExchange, .cbm: return 0.45
            case .capacityFund: return 0.4
            case .exportRegime, .pqcAccord, .cryptanalysisNorm: return 0.3
            case .verificationRegime: return 0.1
            }
        case .standardsPower:
            switch type {
            case .pqcAccord, .cbm, .cryptanalysisNorm, .capacityFund: return 0.95
            case .verificationRegime: return 0.8
            case .jointLab, .researchPact, .talentExchange, .supplyPact: return 0.7
            case .exportRegime: return 0.45
            }
        case .hedger:
            switch type {
            case .talentExchange, .supplyPact, .researchPact, .jointLab, .cbm: return 0.8
            case .pqcAccord, .capacityFund, .cryptanalysisNorm: return 0.65
            case .verificationRegime: return 0.45
            case .exportRegime: return 0.25
            }
        case .middlePower:
            switch type {
            case .jointLab, .talentExchange, .supplyPact, .capacityFund: return 0.9
            case .pqcAccord, .researchPact, .cbm, .cryptanalysisNorm: return 0.75
            case .verificationRegime: return 0.55
            case .exportRegime: return 0.4
            }
        case .spoiler:
            switch type {
            case .supplyPact, .researchPact: return 0.55
            case .jointLab, .talentExchange: return 0.4
            case .cbm: return 0.3
            case .cryptanalysisNorm, .exportRegime, .pqcAccord, .capacityFund: return 0.2
            case .verificationRegime: return 0.05
            }
        }
    }

    /// Smallest trust toward a bloc for inviting it into a treaty of this type.
    func minimumTrust(_ type: TreatyType) -> Double {
        let base: Double
        switch type {
        case .exportRegime: base = 40
        case .researchPact: base = 30
        case .jointLab, .talentExchange: base = 25
        case .supplyPact, .verificationRegime: base = 20
        case .pqcAccord: base = 10
        case .capacityFund: base = 0
        case .cryptanalysisNorm: base = -25
        case .cbm: base = -60
        }
        // A hedger talks to both camps.
        return doctrine == .hedger ? base - 15 : base
    }

    /// Trust below which another bloc counts as a rival.
    var rivalThreshold: Double { -15 - 30 * (1 - hawkishness) }
}
