@testable import GameCore

/// A small hand-built scenario for mechanism tests: four blocs, three sectors, two chokepoints.
enum Fixture {
    static let US = 0, EU = 1, CN = 2, RU = 3
    static let government = 0, finance = 1, cards = 2

    static func scenario(
        treaties: [InitialTreaty] = [],
        controls: [InitialControl] = [],
        events: [EventDef] = [],
        injects: [EventDef] = [],
        tweak: (inout Scenario) -> Void = { _ in }
    ) -> Scenario {
        let calendar = GameCalendar(start: TurnDate.parse("2025-Q1")!, end: TurnDate.parse("2035-Q4")!, length: .quarter)
        func bloc(_ id: String, _ name: String, _ doctrine: Doctrine, gdp: Double, budget: Double, computing: Double,
                  workforce: Double, sigint: Double, standard: StandardFamily, pqc: Double, supply: [Double]) -> BlocDef {
            BlocDef(id: id, name: name, doctrine: doctrine, groups: [], gdp: gdp, budget: budget, capital: 5, support: 55,
                    computing: computing, sensing: 50, qkdKm: 500, workforce: workforce, sigint: sigint, counterintel: sigint,
                    standard: standard, pqc: [pqc, pqc, pqc], supply: supply,
                    allocation: [40, 10, 5, 15, 20, 10], developing: false, briefing: "", objectives: [])
        }
        var s = Scenario(
            id: "fixture", title: "Fixture", summary: "", briefing: "", calendar: calendar, seed: 7, rules: Rules(),
            sectors: [
                SectorDef(id: "government", name: "Government", shelfLife: 25, weight: 1.5, qkd: true),
                SectorDef(id: "finance", name: "Finance", shelfLife: 7, weight: 1, qkd: false),
                SectorDef(id: "cards", name: "Card data", shelfLife: 2, weight: 1, qkd: false),
            ],
            chokepoints: [ChokepointDef(id: "fridges", name: "Dilution refrigerators"), ChokepointDef(id: "helium-3", name: "Helium-3")],
            groups: [],
            blocs: [
                bloc("US", "United States", .techLeader, gdp: 29, budget: 1.1, computing: 60, workforce: 40, sigint: 90, standard: .nist, pqc: 0.25, supply: [0.3, 0.5]),
                bloc("EU", "European Union", .standardsPower, gdp: 19, budget: 2.4, computing: 28, workforce: 35, sigint: 60, standard: .nist, pqc: 0.2, supply: [0.5, 0.05]),
                bloc("CN", "China", .stateDirected, gdp: 18, budget: 1.5, computing: 40, workforce: 30, sigint: 85, standard: .national, pqc: 0.15, supply: [0.1, 0.05]),
                bloc("RU", "Russia", .spoiler, gdp: 2, budget: 0.3, computing: 8, workforce: 8, sigint: 70, standard: .national, pqc: 0.1, supply: [0, 0.3]),
            ],
            relations: [RelationDef(a: 0, b: 1, trust: 70), RelationDef(a: 0, b: 2, trust: -45), RelationDef(a: 0, b: 3, trust: -65),
                        RelationDef(a: 1, b: 2, trust: -10), RelationDef(a: 1, b: 3, trust: -60), RelationDef(a: 2, b: 3, trust: 40)],
            treaties: treaties, controls: controls, events: events, injects: injects, contentHash: "fixture")
        tweak(&s)
        return s
    }

    static func effect(_ target: Reference, _ op: AssignOp, _ value: Double, _ source: String) -> Effect {
        Effect(target: target, op: op, value: .number(value), source: source)
    }

    /// Runs `turns` turns with the given commands per turn (default none).
    static func play(_ scenario: Scenario, seed: UInt64 = 7, turns: Int, commands: (Int, GameState) -> [Command] = { _, _ in [] }) -> Game {
        var game = Game(scenario: scenario, seed: seed)
        for t in 0..<turns where !game.isOver { game.resolve(commands(t, game.state)) }
        return game
    }
}

extension Command {
    static func by(_ bloc: String, _ order: Order) -> Command { .order(bloc: bloc, order) }
}
