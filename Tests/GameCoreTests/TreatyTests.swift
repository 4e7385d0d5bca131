import Foundation
import Testing
@testable import GameCore

@Suite("Treaty lifecycle")
struct TreatyTests {
    func propose(_ type: TreatyType, by: String = "US", to parties: [String] = ["EU"], terms: OrderTerms = OrderTerms()) -> Command {
        .by(by, .proposeTreaty(type: type, parties: parties, terms: terms))
    }

    @Test func proposalAcceptedSignedRatifiedInForce() {
        var game = Game(scenario: Fixture.scenario())
        game.resolve([propose(.cbm)])
        var t = game.state.treaties.last!
        #expect(t.status == .proposed)
        #expect(t.answers == [.accepted, .pending])
        // 5 at the start, 5 income at the start of the turn, 1 paid for the proposal
        #expect(game.state.blocs[0].capital == 9)
        game.resolve([.by("EU", .respondTreaty(treaty: t.id, accept: true))])
        t = game.state.treaties.last!
        #expect(t.status == .signed)
        #expect(t.signedTurn == 1)
        // support 55 → delay round(2 × (1 + 5/40)) = 2 turns
        #expect(t.ratifyAt == [3, 3])
        game.resolve([])
        #expect(game.state.treaties.last!.status == .signed)
        game.resolve([])
        t = game.state.treaties.last!
        #expect(t.status == .inForce)
        #expect(t.inForceTurn == 3)
    }

    /// Members are kept with the treaty (not rebuilt on every read): every way of changing parties,
    /// answers or withdrawals must show in `members` and `isMember`, and a copy changed that way must
    /// leave the original as it was.
    @Test func membersFollowEveryChangeAndCopiesStayApart() {
        let original = Treaty(id: 1, type: .cbm, name: "CBM", proposer: 0, parties: [0, 1, 2],
                              answers: [.accepted, .pending, .accepted], ratifyAt: [-1, -1, -1],
                              withdrawn: [false, false, false], status: .proposed, proposedTurn: 0, signedTurn: nil,
                              inForceTurn: nil, endedTurn: nil, terms: TreatyTerms(), violations: [])
        #expect(original.members == [0, 2])
        var t = original
        t.answers[1] = .accepted
        #expect(t.members == [0, 1, 2])
        #expect(t.isMember(1))
        t.withdrawn[0] = true
        #expect(t.members == [1, 2])
        #expect(!t.isMember(0))
        t.parties.append(3)
        t.answers.append(.accepted)
        t.withdrawn.append(false)
        #expect(t.members == [1, 2, 3])
        t.status = .inForce   // other fields leave the members alone
        #expect(t.members == [1, 2, 3])
        // The original is untouched by the copy's changes.
        #expect(original.members == [0, 2])
        #expect(original.answers == [.accepted, .pending, .accepted])
        #expect(!original.isMember(1))
        // A decoded treaty has its members too.
        let data = try! JSONEncoder().encode(t)
        let decoded = try! JSONDecoder().decode(Treaty.self, from: data)
        #expect(decoded == t)
        #expect(decoded.members == [1, 2, 3])
    }

    @Test func lowSupportDelaysRatification() {
        let s = Fixture.scenario { s in s.blocs[1].support = 30 }
        var game = Game(scenario: s)
        game.resolve([propose(.researchPact)])
        let id = game.state.treaties.last!.id
        game.resolve([.by("EU", .respondTreaty(treaty: id, accept: true))])
        let t = game.state.treaties.last!
        // EU support around 30 → a delay of about 3–4 turns, longer than the US's 2
        #expect(t.ratifyAt[1] > t.ratifyAt[0])
    }

    @Test func rejectionAndLapse() {
        var game = Game(scenario: Fixture.scenario())
        game.resolve([propose(.pqcAccord, to: ["EU", "CN"])])
        let id = game.state.treaties.last!.id
        game.resolve([.by("CN", .respondTreaty(treaty: id, accept: false))])
        // EU has not answered yet: still proposed
        #expect(game.state.treaties.last!.status == .proposed)
        game.resolve([])
        // EU never answered within 2 turns → counts as a refusal; too few parties → rejected
        #expect(game.state.treaties.last!.status == .rejected)
    }

    @Test func withdrawalDissolvesABilateralTreaty() {
        let pact = InitialTreaty(type: .researchPact, name: "Pact", parties: [0, 1], since: -4, terms: TreatyTerms())
        var game = Game(scenario: Fixture.scenario(treaties: [pact]))
        let trust = game.state.trust(0, 1)
        game.resolve([.by("EU", .withdrawTreaty(treaty: 1))])
        #expect(game.state.treaties[0].status == .dissolved)
        #expect(game.state.trust(0, 1) < trust)
    }

    @Test func verificationRaisesDetectionOfViolations() {
        func detections(verified: Bool) -> Int {
            var count = 0
            for seed in 1...150 {
                var treaties = [InitialTreaty(type: .exportRegime, name: "Regime", parties: [0, 1, 2], since: -1,
                                              terms: TreatyTerms(categories: [.components], targets: [3]))]
                if verified {
                    treaties.append(InitialTreaty(type: .verificationRegime, name: "Inspections", parties: [0, 1, 2], since: -1, terms: TreatyTerms()))
                }
                var game = Game(scenario: Fixture.scenario(treaties: treaties), seed: UInt64(seed))
                game.resolve([.by("CN", .violateTreaty(treaty: 1, violate: true))])
                for _ in 0..<3 { game.resolve([]) }
                if game.state.treaties[0].violations.first?.detectedTurn != nil { count += 1 }
            }
            return count
        }
        let plain = detections(verified: false)
        let inspected = detections(verified: true)
        #expect(inspected > plain * 2)
        #expect(plain > 0)
    }

    @Test func violatingAnExportRegimeReopensSupplyToTheTarget() {
        let regime = InitialTreaty(type: .exportRegime, name: "Regime", parties: [0, 1], since: -1,
                                   terms: TreatyTerms(categories: [.components], targets: [2]))
        var game = Game(scenario: Fixture.scenario(treaties: [regime]))
        game.resolve([])
        let closed = game.state.blocs[2].access[0]
        game.resolve([.by("EU", .violateTreaty(treaty: 1, violate: true))])
        #expect(game.state.blocs[2].access[0] > closed + 0.4)
        // The US does not see the violation unless it is detected.
        let usView = game.state.view(for: .bloc(0), scenario: game.scenario, seed: game.seed)
        let seen = usView.treaties.first { $0.treaty.id == 1 }!.knownViolations
        #expect(seen.isEmpty == (game.state.treaties[0].violations[0].detectedTurn == nil))
    }

    @Test func pqcAccordAdoptsItsFamilyAndDeadline() {
        var game = Game(scenario: Fixture.scenario())
        game.resolve([propose(.pqcAccord, to: ["CN"], terms: OrderTerms(family: .hybrid, deadline: "2032-Q4"))])
        game.resolve([.by("CN", .respondTreaty(treaty: game.state.treaties.last!.id, accept: true))])
        for _ in 0..<4 { game.resolve([]) }
        #expect(game.state.treaties.last!.status == .inForce)
        #expect(game.state.blocs[0].standard == .hybrid)
        #expect(game.state.blocs[2].standard == .hybrid)
        #expect(game.state.blocs[2].mandates.allSatisfy { $0 == 31 })
    }

    @Test func everyTreatyTypeCanBeProposedAndEnterForce() {
        for type in TreatyType.allCases {
            var game = Game(scenario: Fixture.scenario { s in s.blocs[1].developing = true })
            var terms = OrderTerms()
            if type == .exportRegime { terms = OrderTerms(categories: [.systems], targets: ["RU"]) }
            game.resolve([propose(type, to: ["EU"], terms: terms)])
            game.resolve([.by("EU", .respondTreaty(treaty: game.state.treaties.last!.id, accept: true))])
            for _ in 0..<3 { game.resolve([]) }
            #expect(game.state.treaties.last!.status == .inForce, "\(type.rawValue)")
            #expect(game.state.world.governance > 0, "\(type.rawValue)")
        }
    }
}
