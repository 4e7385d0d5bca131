import Testing
@testable import GameCore

/// Issue 14 items 3 and 5: controls an event puts in force, migration money from IT budgets, and
/// multilateral treaties that take longer to ratify than bilateral ones.
@Suite("Event controls, PQC budgets and treaty breadth")
struct ScenarioSourcesTests {
    /// An event with `controls` changes the imposer's controls the turn it fires (and not before),
    /// and says so in the news and the ledger.
    @Test func anEventPutsItsControlsInForce() {
        let listing = EventDef(id: "annex-i", title: "The EU lists quantum computers", text: "",
                               trigger: Trigger(from: 2, to: 2, chance: 1, when: nil), once: true, effects: [], dilemma: nil)
        var event = listing
        event.controls = [InitialControl(by: Fixture.EU, against: [Fixture.CN], categories: [.components])]
        let scenario = Fixture.scenario(events: [event])
        var game = Game(scenario: scenario, seed: 7)
        func euControlsCN() -> Bool {
            game.state.controls.contains { $0.by == Fixture.EU && $0.target == Fixture.CN && $0.category == .components }
        }
        game.resolve([]); game.resolve([])
        #expect(!euControlsCN())
        let accessBefore = game.state.blocs[Fixture.CN].access[0]
        game.resolve([])
        #expect(euControlsCN())
        #expect(game.state.controls.last?.since == 2)
        #expect(game.state.blocs[Fixture.CN].access[0] < accessBefore, "the EU's fridges are cut from China")
        #expect(game.state.news.contains { $0.kind == .controls && $0.text.contains("China") })
        #expect(game.state.ledger.contains { $0.subject == Fixture.EU && $0.indicator == "controls.CN" })
        // Without the controls the same event leaves them as they were.
        var plain = Game(scenario: Fixture.scenario(events: [listing]), seed: 7)
        for _ in 0..<3 { plain.resolve([]) }
        #expect(!plain.state.controls.contains { $0.by == Fixture.EU && $0.target == Fixture.CN })
    }

    /// IT and cyber money (`pqcBudget`) speeds migration even when the quantum budget is tiny.
    @Test func aPQCBudgetSpeedsMigrationBeyondTheQuantumBudget() {
        func migrated(_ pqcBudget: Double) -> Double {
            let scenario = Fixture.scenario { s in
                s.blocs[Fixture.RU].budget = 0.04
                s.blocs[Fixture.RU].pqcBudget = pqcBudget
            }
            return Fixture.play(scenario, turns: 8).state.blocs[Fixture.RU].pqc[Fixture.finance]
        }
        #expect(migrated(0.3) > migrated(0) + 0.02)
    }

    /// A treaty of four takes longer to ratify than a treaty of two; with `ratificationPerParty` 0
    /// it does not.
    @Test func multilateralTreatiesRatifySlowerThanBilateralOnes() {
        func delays(_ perParty: Double) -> (two: Int, four: Int) {
            let scenario = Fixture.scenario { $0.rules[.ratificationPerParty] = perParty }
            let r = Resolver(scenario: scenario, seed: 7, state: GameState.initial(scenario), commands: [], narrative: false)
            return (r.ratificationDelay(Fixture.US, parties: 2), r.ratificationDelay(Fixture.US, parties: 4))
        }
        let d = delays(0.25)
        #expect(d.four > d.two)
        let flat = delays(0)
        #expect(flat.four == flat.two)
    }
}
