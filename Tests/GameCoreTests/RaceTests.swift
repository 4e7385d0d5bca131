import Foundation
import Testing
@testable import GameCore

/// The computing race of issue 14: physical qubits and error rates give logical qubits, each bloc
/// has its own hidden outlook, controls slow a determined state without stopping it, and a CRQC is
/// built, not caught through spillover.
@Suite("Computing race")
struct RaceTests {
    @Test func gidneysMillionQubitsGiveTheThreshold() {
        // Gidney 2025: under a million noisy qubits at 0.1 % error for RSA-2048 (~1,400 logical).
        let physical = 1400 * Formulas.physicalPerLogical(errorRate: 0.001)
        #expect(abs(physical - 1_000_000) < 1)
        // Better gates need fewer physical qubits per logical qubit; worse ones many more.
        #expect(Formulas.physicalPerLogical(errorRate: 0.0005) < 500)
        #expect(Formulas.physicalPerLogical(errorRate: 0.004) > 2500)
    }

    @Test func ownLogarithmMatchesTheLibrary() {
        for x in [0.0001, 0.0038, 0.5, 1, 2.5, 10, 1400, 1e6] {
            #expect(abs(Formulas.log2(x) - Foundation.log2(x)) < 1e-8, "log2(\(x))")
        }
    }

    @Test func eachBlocHasItsOwnOutlook() {
        var rules = Rules()
        let outlooks = Formulas.blocOutlooks(seed: 11, blocs: 6, rules: rules)
        #expect(Set(outlooks).count == 6)
        // With everything shared, every bloc gets the game's single outlook.
        rules[.computingOutlookShared] = 1
        let shared = Formulas.blocOutlooks(seed: 11, blocs: 6, rules: rules)
        #expect(shared.allSatisfy { abs($0 - shared[0]) < 1e-12 })
        #expect(abs(shared[0] - Formulas.computingOutlook(seed: 11, rules: rules)) < 1e-12)
    }

    @Test func fallingErrorRatesRaiseLogicalQubits() {
        let s = Fixture.scenario { s in
            s.rules[.computingNoise] = 0
            s.rules[.breakthroughChance] = 0
            s.rules[.computingOutlookSpread] = 0
            s.rules[.computingGrowth] = 0 // no new physical qubits: only better gates
            s.rules[.errorRateHalving] = 1
        }
        let game = Fixture.play(s, turns: 4)
        let us = game.state.blocs[Fixture.US]
        #expect((us.errorRate ?? 1) < Formulas.defaultErrorRate)
        #expect(us.computing > 60 * 1.05)
    }

    @Test func controlsSlowButSelfRelianceGrows() {
        let controlled = Fixture.scenario { s in
            s.rules[.computingNoise] = 0
            s.rules[.breakthroughChance] = 0
            s.controls = [InitialControl(by: Fixture.US, against: [Fixture.CN], categories: [.systems, .components])]
        }
        let game = Fixture.play(controlled, turns: 12)
        #expect((game.state.blocs[Fixture.CN].selfReliance ?? 0) > 0.2)
        // Controlled China still grows: controls slow a determined state, they do not stop it.
        #expect(game.state.blocs[Fixture.CN].computing > 40)
    }

    @Test func spilloverDoesNotHandOverACRQC() {
        // The US is just past the threshold and in a research pact with the EU; the EU spends
        // nothing on computing, so spillover is all it has.
        let s = Fixture.scenario { s in
            s.rules[.computingNoise] = 0
            s.rules[.breakthroughChance] = 0
            s.blocs[Fixture.US].computing = 1500
            s.blocs[Fixture.EU].computing = 1200
            s.blocs[Fixture.EU].allocation = [0, 20, 20, 20, 20, 20]
            s.treaties = [InitialTreaty(type: .researchPact, name: nil, parties: [Fixture.US, Fixture.EU], since: -1, terms: TreatyTerms())]
        }
        let game = Fixture.play(s, turns: 20)
        #expect(game.state.blocs[Fixture.US].hasCRQC)
        #expect(!game.state.blocs[Fixture.EU].hasCRQC)
        #expect(game.state.blocs[Fixture.EU].computing < 1400 * 0.95 + 1e-9)
    }
}
