/// The fixed vocabularies of DESIGN §4. Their raw values are the ids used in scenario files,
/// saves and the command line, so they are a public contract: never rename a case's raw value.

/// How a computer player weighs the four pillars and takes risks.
public enum Doctrine: String, CaseIterable, Codable, Sendable {
    case techLeader = "tech-leader"
    case stateDirected = "state-directed"
    case standardsPower = "standards-power"
    case hedger
    case middlePower = "middle-power"
    case spoiler

    /// Position in `allCases` (without building the array).
    @inlinable public var ordinal: Int {
        switch self {
        case .techLeader: return 0
        case .stateDirected: return 1
        case .standardsPower: return 2
        case .hedger: return 3
        case .middlePower: return 4
        case .spoiler: return 5
        }
    }
}

/// The six investment tracks, in allocation order.
public enum Track: String, CaseIterable, Codable, Sendable {
    case computing, sensing, communication, workforce, pqc, supply

    /// Position of the track in allocation arrays.
    public var index: Int {
        switch self {
        case .computing: return 0
        case .sensing: return 1
        case .communication: return 2
        case .workforce: return 3
        case .pqc: return 4
        case .supply: return 5
        }
    }
}

/// Post-quantum standard families.
public enum StandardFamily: String, CaseIterable, Codable, Sendable {
    case nist, national, hybrid

    /// Numeric code used when a family appears in an expression (`self.standard == nist`).
    public var code: Double {
        switch self {
        case .nist: return 0
        case .national: return 1
        case .hybrid: return 2
        }
    }

    /// The family's name as people write it ("NIST", "national", "hybrid").
    public var title: String {
        switch self {
        case .nist: return "NIST"
        case .national: return "national"
        case .hybrid: return "hybrid"
        }
    }
}

/// Export-control categories.
public enum ControlCategory: String, CaseIterable, Codable, Sendable {
    case systems, components, software, talent

    /// Position in `allCases` (without building the array).
    @inlinable public var ordinal: Int {
        switch self {
        case .systems: return 0
        case .components: return 1
        case .software: return 2
        case .talent: return 3
        }
    }
}

/// The ten treaty types.
public enum TreatyType: String, CaseIterable, Codable, Sendable {
    case researchPact = "research-pact"
    case jointLab = "joint-lab"
    case pqcAccord = "pqc-accord"
    case exportRegime = "export-regime"
    case cbm
    case cryptanalysisNorm = "cryptanalysis-norm"
    case verificationRegime = "verification-regime"
    case talentExchange = "talent-exchange"
    case supplyPact = "supply-pact"
    case capacityFund = "capacity-fund"

    /// A short human name for reports and screens.
    public var title: String {
        switch self {
        case .researchPact: return "Research pact"
        case .jointLab: return "Joint laboratory"
        case .pqcAccord: return "PQC accord"
        case .exportRegime: return "Export-control regime"
        case .cbm: return "Confidence-building measures"
        case .cryptanalysisNorm: return "Cryptanalysis norm"
        case .verificationRegime: return "Verification regime"
        case .talentExchange: return "Talent exchange"
        case .supplyPact: return "Supply-resilience pact"
        case .capacityFund: return "Capacity-building fund"
        }
    }

    /// The title inside a sentence: "a research pact", "a PQC accord".
    public var lowerTitle: String {
        let t = title
        guard let first = t.first, t.dropFirst().first?.isLowercase == true else { return t }
        return first.lowercased() + t.dropFirst()
    }

    /// The title with its article inside a sentence: "a research pact", "an export-control regime",
    /// and "confidence-building measures", a plural, without one.
    public var lowerTitleWithArticle: String {
        if self == .cbm { return lowerTitle }
        let t = lowerTitle
        return (t.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + t
    }

    /// Whether a party can secretly break this treaty while staying in it.
    public var canBeViolatedSecretly: Bool {
        switch self {
        case .exportRegime, .cbm, .cryptanalysisNorm, .jointLab, .talentExchange, .supplyPact: return true
        case .researchPact, .pqcAccord, .verificationRegime, .capacityFund: return false
        }
    }
}

/// The length of one turn.
public enum TurnLength: String, CaseIterable, Codable, Sendable {
    case quarter, half, year

    public var turnsPerYear: Int {
        switch self {
        case .quarter: return 4
        case .half: return 2
        case .year: return 1
        }
    }
}

/// The four pillars every bloc is scored on.
public enum Pillar: String, CaseIterable, Codable, Sendable {
    case security, prosperity, influence, stability

    public var index: Int {
        switch self {
        case .security: return 0
        case .prosperity: return 1
        case .influence: return 2
        case .stability: return 3
        }
    }
}

/// Mosca's inequality status for one bloc and sector.
public enum MoscaStatus: String, Codable, Sendable {
    /// shelf life + migration time exceeds the time to a CRQC: data harvested today will be read.
    case red
    /// within three years of being exposed.
    case amber
    case green

    /// A symbol that carries the meaning without colour.
    public var symbol: String {
        switch self {
        case .red: return "✖"
        case .amber: return "▲"
        case .green: return "●"
        }
    }
}

extension TreatyType {
    /// Position in `allCases` (declaration order), without building the `allCases` array.
    @inlinable public var ordinal: Int {
        switch self {
        case .researchPact: return 0
        case .jointLab: return 1
        case .pqcAccord: return 2
        case .exportRegime: return 3
        case .cbm: return 4
        case .cryptanalysisNorm: return 5
        case .verificationRegime: return 6
        case .talentExchange: return 7
        case .supplyPact: return 8
        case .capacityFund: return 9
        }
    }
}

/// A text as the end of a sentence: a full stop added unless it already ends in one ("…by 2030."
/// must not read "…by 2030..").
public func endingSentence(_ text: String) -> String {
    guard let last = text.last else { return text }
    return ".!?…".contains(last) ? text : text + "."
}

/// A name in the possessive, as news and screens write it: "China's", "the United States'" (a
/// plural-looking name ending in a lower-case s takes the apostrophe alone), "US's".
public func possessive(_ name: String) -> String { name.hasSuffix("s") ? name + "'" : name + "'s" }
