import Testing
import GameCore
import ScenarioFormat
@testable import Strategy

/// What one default game tells about each doctrine's habits (counted from the command log and the
/// final state, i.e. from what the computer players actually ordered).
struct DoctrineTally: Sendable {
    var firstCRQCTurn: Int?
    /// The bloc that built the first CRQC (ties to the bloc listed first), if any.
    var firstCRQCBloc: Int?
    /// Blocs holding a CRQC at the end.
    var crqcHolders: Int
    var outcome: String?
    /// Per bloc.
    var accordProposals: [Int]
    var regimeProposals: [Int]
    var researchPactsJoined: [Int]
    var harvestOrders: [Int]
    var accepted: [Int]
    var invited: [Int]
    var qkdKm: [Double]
    var endsNational: [Bool]
    /// Member of a treaty with a US-camp party and of one with a China-camp party.
    var bothSides: [Bool]
    var mandatesAfterEnd: Int

    init(_ game: Game) {
        let s = game.scenario, st = game.state, n = s.blocs.count
        func index(_ id: String) -> Int { s.blocIndex(id) ?? -1 }
        var first: Int?
        var firstBloc: Int?
        for (i, b) in st.blocs.enumerated() { if let t = b.crqcTurn, first == nil || t < first! { first = t; firstBloc = i } }
        firstCRQCTurn = first
        firstCRQCBloc = firstBloc
        crqcHolders = st.blocs.filter { $0.hasCRQC }.count
        outcome = st.outcome?.id
        accordProposals = Array(repeating: 0, count: n); regimeProposals = accordProposals; researchPactsJoined = accordProposals
        harvestOrders = accordProposals; accepted = accordProposals; invited = accordProposals
        mandatesAfterEnd = 0
        let last = s.calendar.turnCount - 1
        for turn in game.log {
            for command in turn {
                guard case .order(let id, let order) = command else { continue }
                let b = index(id)
                guard b >= 0 else { continue }
                switch order {
                case .proposeTreaty(let type, _, let terms):
                    if type == .pqcAccord { accordProposals[b] += 1 }
                    if type == .exportRegime { regimeProposals[b] += 1 }
                    if let d = terms.deadline, let date = TurnDate.parse(d), s.calendar.turnIndex(of: date) > last { mandatesAfterEnd += 1 }
                case .harvest(_, let active): if active { harvestOrders[b] += 1 }
                case .mandate(_, let deadline):
                    if let date = TurnDate.parse(deadline), s.calendar.turnIndex(of: date) > last { mandatesAfterEnd += 1 }
                default: break
                }
            }
        }
        let usCamp = ["US", "EU", "UK", "JP", "CA", "AU", "KR"].map(index)
        let cnCamp = ["CN", "RU"].map(index)
        var withUS = [Bool](repeating: false, count: n), withCN = withUS
        for t in st.treaties {
            for (k, p) in t.parties.enumerated() where p != t.proposer {
                invited[p] += 1
                if t.answers[k] == .accepted { accepted[p] += 1 }
            }
            let members = t.members
            guard t.signedTurn != nil else { continue }
            for m in members {
                if t.type == .researchPact && m != t.proposer { researchPactsJoined[m] += 1 }
                if members.contains(where: { $0 != m && usCamp.contains($0) }) { withUS[m] = true }
                if members.contains(where: { $0 != m && cnCamp.contains($0) }) { withCN[m] = true }
            }
        }
        qkdKm = st.blocs.map { $0.qkdKm }
        endsNational = st.blocs.map { $0.standard == .national }
        bothSides = (0..<n).map { withUS[$0] && withCN[$0] }
    }
}

/// One shared run of the default scenario with standard computer players on seeds 1…400, played
/// once on both cores for the calibration and signature tests below.
enum DefaultForecast {
    static let seeds = 400
    static let tallies: [DoctrineTally] = Forecast.run(BundledScenarios.defaultScenario, firstSeed: 1, count: seeds, threads: 2) {
        DoctrineTally($0)
    }
}

@Suite struct CalibrationTests {
    /// DESIGN §1.3 and issue #3: the share of games whose first CRQC arrives within 5 and 10 years
    /// matches the Global Risk Institute's 2023 expert survey (≈11 % and ≈31 %), within the bands.
    @Test func firstCRQCMatchesTheExpertSurvey() {
        let tallies = DefaultForecast.tallies
        let perYear = BundledScenarios.defaultScenario.calendar.turnsPerYear
        let within5 = Double(tallies.filter { ($0.firstCRQCTurn ?? .max) < 5 * perYear }.count) / Double(tallies.count)
        let within10 = Double(tallies.filter { ($0.firstCRQCTurn ?? .max) < 10 * perYear }.count) / Double(tallies.count)
        #expect(within5 >= 0.06 && within5 <= 0.18, "first CRQC within 5 years in \(within5 * 100) % of games")
        #expect(within10 >= 0.22 && within10 <= 0.42, "first CRQC within 10 years in \(within10 * 100) % of games")
    }

    /// Issue 14 item 6: among games with a CRQC, who gets there first is uncertain — the US in
    /// 30–65 %, China in 15–45 %, no other bloc in more than 25 % — and a CRQC does not spread to
    /// everyone: the median number of holders at the end is at most 3.
    @Test func theRaceIsUncertainInWhoAsWellAsWhen() {
        let tallies = DefaultForecast.tallies
        let scenario = BundledScenarios.defaultScenario
        let withCRQC = tallies.filter { $0.firstCRQCBloc != nil }
        #expect(withCRQC.count >= 40)
        for b in scenario.blocs.indices {
            let share = Double(withCRQC.filter { $0.firstCRQCBloc == b }.count) / Double(max(1, withCRQC.count))
            switch scenario.blocs[b].id {
            case "US": #expect(share >= 0.30 && share <= 0.65, "US first in \(share * 100) % of CRQC games")
            case "CN": #expect(share >= 0.15 && share <= 0.45, "China first in \(share * 100) % of CRQC games")
            default: #expect(share <= 0.25, "\(scenario.blocs[b].id) first in \(share * 100) % of CRQC games")
            }
        }
        let holders = tallies.map(\.crqcHolders).sorted()
        #expect(holders[holders.count / 2] <= 3, "median CRQC holders \(holders[holders.count / 2])")
    }

    /// Issue 14 item 6: every one of the six outcomes happens in 2–50 % of default games.
    @Test func everyOutcomeIsReachable() {
        let tallies = DefaultForecast.tallies
        for o in Outcomes.all {
            let share = Double(tallies.filter { $0.outcome == o.id }.count) / Double(tallies.count)
            #expect(share >= 0.02 && share <= 0.50, "\(o.id) in \(share * 100) % of games")
        }
    }

    @Test func forecastsDoNotDependOnTheNumberOfThreads() {
        let scenario = BundledScenarios.defaultScenario
        let one = Forecast.run(scenario, firstSeed: 40, count: 4, turns: 12, threads: 1) { $0.state.canonicalHash }
        let two = Forecast.run(scenario, firstSeed: 40, count: 4, turns: 12, threads: 2) { $0.state.canonicalHash }
        let single = (40..<44).map { Autoplay.play(scenario, seed: UInt64($0), turns: 12).state.canonicalHash }
        #expect(one == two)
        #expect(one == single)
    }
}

/// The doctrine signatures of docs/computer-players.md, over the first 100 seeds.
@Suite struct DoctrineSignatureTests {
    static let sample = Array(DefaultForecast.tallies.prefix(100))
    static let scenario = BundledScenarios.defaultScenario
    static func b(_ id: String) -> Int { scenario.blocIndex(id)! }

    static func total(_ f: (DoctrineTally) -> [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: scenario.blocs.count)
        for t in sample { for (i, x) in f(t).enumerated() { out[i] += x } }
        return out
    }

    static func share(_ f: (DoctrineTally) -> [Bool]) -> [Double] {
        var out = [Double](repeating: 0, count: scenario.blocs.count)
        for t in sample { for (i, x) in f(t).enumerated() where x { out[i] += 1 } }
        return out.map { $0 / Double(sample.count) }
    }

    static func leader(_ xs: [Int]) -> Int { xs.indices.max { xs[$0] != xs[$1] ? xs[$0] < xs[$1] : $0 > $1 }! }

    @Test func theStandardsPowerProposesMostPQCAccords() {
        let counts = Self.total { $0.accordProposals }
        #expect(Self.leader(counts) == Self.b("EU"), "PQC accord proposals: \(counts)")
    }

    @Test func theTechLeaderLeadsExportControlRegimes() {
        let counts = Self.total { $0.regimeProposals }
        #expect(Self.leader(counts) == Self.b("US"), "export-regime proposals: \(counts)")
    }

    @Test func theStateDirectedPlayerKeepsItsNationalStandardAndBuildsMostQKD() {
        let national = Self.share { $0.endsNational }
        // Issue 14: a state-directed China now bridges with a hybrid once most partners it trusts
        // are on another standard, so it no longer ends national in nine games of ten (16 % on
        // seeds 1–100); it still keeps a national family far more often than the NIST camp.
        #expect(national[Self.b("CN")] > national[Self.b("US")] && national[Self.b("CN")] > national[Self.b("EU")],
                "ends on a national family: \(national)")
        var km = [Double](repeating: 0, count: Self.scenario.blocs.count)
        for t in Self.sample { for i in km.indices { km[i] += t.qkdKm[i] } }
        let top = km.indices.max { km[$0] < km[$1] }!
        #expect(top == Self.b("CN"), "QKD km summed over games: \(km.map { Int($0) })")
    }

    @Test func theSpoilerHarvestsMostAndRarelyRatifies() {
        let harvests = Self.total { $0.harvestOrders }
        #expect(Self.leader(harvests) == Self.b("RU"), "harvest orders: \(harvests)")
        let accepted = Self.total { $0.accepted }, invited = Self.total { $0.invited }
        let rate = accepted.indices.map { invited[$0] > 0 ? Double(accepted[$0]) / Double(invited[$0]) : 1 }
        let ru = Self.b("RU")
        #expect(rate.indices.allSatisfy { $0 == ru || rate[$0] > rate[ru] }, "acceptance rates: \(rate)")
    }

    @Test func hedgersJoinTreatiesOnBothSides() {
        let both = Self.share { $0.bothSides }
        let india = both[Self.b("IN")]
        #expect(india >= 0.5, "IN is in treaties with both camps in \(india * 100) % of games")
        // (A China that bridges standards now joins both camps' treaties as often as India does.)
        #expect(india > both[Self.b("US")], "both sides: \(both)")
    }

    @Test func deadlinesFallWithinTheGame() {
        #expect(Self.sample.allSatisfy { $0.mandatesAfterEnd == 0 })
    }
}
