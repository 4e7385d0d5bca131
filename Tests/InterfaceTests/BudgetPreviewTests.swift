import Testing
@testable import GameCore
import ScenarioFormat
@testable import Interface

/// The budget screen's preview must promise what the rules will give: the same formula with the
/// same money, including the money that does not come out of the quantum budget (a bloc's private
/// capital for computing and its IT and cyber budget for PQC migration).
@Suite("Budget preview")
struct BudgetPreviewTests {
    @Test func thePreviewAtTheCurrentSplitMatchesThePaceTheRulesSet() throws {
        let scenario = BundledScenarios.defaultScenario
        let game = Game(scenario: scenario, seed: 7)
        let us = try #require(scenario.blocIndex("US"))
        #expect(scenario.blocs[us].privateCapital > 0 && scenario.blocs[us].pqcBudget > 0)
        let bloc = game.state.blocs[us]
        let view = game.state.view(for: .bloc(us), scenario: scenario, seed: 7)
        let preview = BudgetPreview(view: view, allocation: bloc.allocation, scenario: scenario)
        // PQC: the screen's "effort ×…" times the base pace is the pace of every unmigrated sector.
        let sector = try #require(bloc.pqc.firstIndex { $0 < 1 })
        let promised = preview.effects[4].value * scenario.rules[.pqcBasePace]
        #expect(abs(promised - bloc.pqcPace[sector]) < 1e-12, "preview \(promised), rules \(bloc.pqcPace[sector])")
        // Computing: the screen's growth is the rate the rules set before the first turn.
        #expect(abs(preview.effects[0].value - bloc.computingGrowthRate) < 1e-12,
                "preview \(preview.effects[0].value), rules \(bloc.computingGrowthRate)")
    }
}
