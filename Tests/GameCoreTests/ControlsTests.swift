import Testing
@testable import GameCore

@Suite("Export controls and supply")
struct ControlsTests {
    @Test func unilateralControlLeaksAndRegimeDoesNot() {
        // EU produces half the world's fridges; CN produces 10 %, the rest of the world 10 %.
        let unilateral = InitialControl(by: 1, against: [2], categories: [.components])
        let leaky = Fixture.play(Fixture.scenario(controls: [unilateral]), turns: 1).state.blocs[2].access[0]
        let regime = InitialTreaty(type: .exportRegime, name: nil, parties: [0, 1], since: -1,
                                   terms: TreatyTerms(categories: [.components], targets: [2]))
        let closed = Fixture.play(Fixture.scenario(treaties: [regime]), turns: 1).state.blocs[2].access[0]
        let open = Fixture.play(Fixture.scenario(), turns: 1).state.blocs[2].access[0]
        #expect(open == 1)
        // unilateral: loses 50 % but buys 60 % of it back elsewhere → 0.8
        #expect(abs(leaky - 0.8) < 1e-9)
        // regime of US and EU: both shares (30 % + 50 %) are closed without leak → 0.2
        #expect(abs(closed - 0.2) < 1e-9)
    }

    @Test func controlsCostTheImposer() {
        let control = InitialControl(by: 0, against: [2, 3], categories: [.systems, .components, .software])
        let with = Fixture.play(Fixture.scenario(controls: [control]), turns: 8).state.blocs[0].gdp
        let without = Fixture.play(Fixture.scenario(), turns: 8).state.blocs[0].gdp
        #expect(with < without)
    }

    @Test func imposingAControlCostsTrustAndCapitalAndIsListed() {
        var game = Game(scenario: Fixture.scenario())
        let trust = game.state.trust(0, 2)
        game.resolve([.by("US", .imposeControl(category: .systems, targets: ["CN"]))])
        #expect(game.state.controls.contains { $0.by == 0 && $0.target == 2 && $0.category == .systems })
        #expect(game.state.trust(0, 2) < trust)
        #expect(game.state.news.contains { $0.text.contains("United States imposes export controls on systems against CN") })
        game.resolve([.by("US", .liftControl(category: .systems, targets: ["CN"]))])
        #expect(!game.state.controls.contains { $0.by == 0 && $0.target == 2 })
    }

    @Test func supplyPactMembersKeepSupplyingEachOther() {
        let control = InitialControl(by: 1, against: [0], categories: [.components])
        let pact = InitialTreaty(type: .supplyPact, name: nil, parties: [0, 1], since: -1, terms: TreatyTerms())
        let cut = Fixture.play(Fixture.scenario(controls: [control]), turns: 1).state.blocs[0].access[0]
        let shared = Fixture.play(Fixture.scenario(treaties: [pact], controls: [control]), turns: 1).state.blocs[0].access[0]
        #expect(cut < 1)
        #expect(abs(shared - 1) < 1e-9)
    }
}
