import GameCore
import Strategy

/// A small scenario built in Swift for computer-player tests: five blocs of five doctrines, three
/// sectors (one QKD-capable), two chokepoints, a research pact and a supply pact in force, initial
/// export controls, a repeating event with a dilemma and an inject that carries one too.
/// The CRQC threshold is low so that CRQCs (and decryption, disclosure) happen within the game.
enum Fixture {
    static let US = 0, EU = 1, CN = 2, RU = 3, IN = 4
    static let ids = ["US", "EU", "CN", "RU", "IN"]

    static func effect(_ target: Reference, _ op: AssignOp, _ value: Double, _ source: String) -> Effect {
        Effect(target: target, op: op, value: .number(value), source: source)
    }

    static func scenario(tweak: (inout Scenario) -> Void = { _ in }) -> Scenario {
        let calendar = GameCalendar(start: TurnDate.parse("2025-Q1")!, end: TurnDate.parse("2035-Q4")!, length: .quarter)
        var rules = Rules()
        rules[.crqcLogicalQubits] = 260
        func bloc(_ id: String, _ name: String, _ doctrine: Doctrine, gdp: Double, budget: Double, support: Double, computing: Double,
                  workforce: Double, sigint: Double, standard: StandardFamily, pqc: [Double], supply: [Double],
                  allocation: [Double], developing: Bool = false) -> BlocDef {
            BlocDef(id: id, name: name, doctrine: doctrine, groups: [], gdp: gdp, budget: budget, capital: 4, support: support,
                    computing: computing, sensing: 50, qkdKm: 300, workforce: workforce, sigint: sigint, counterintel: sigint * 0.8,
                    standard: standard, pqc: pqc, supply: supply, allocation: allocation, developing: developing,
                    briefing: "", objectives: [
                        ObjectiveDef(id: "\(id.lowercased())-gov", text: "Government traffic quantum-safe", secret: false, points: 10, by: nil,
                                     condition: Condition(expr: .binary(.greaterEqual, .ref(.bloc(.current, .pqc(sector: 0))), .number(0.9)),
                                                          source: "self.pqc.government >= 0.9")),
                    ])
        }
        var s = Scenario(
            id: "strategy-fixture", title: "Strategy fixture", summary: "", briefing: "", calendar: calendar, seed: 11, rules: rules,
            sectors: [
                SectorDef(id: "government", name: "Government", shelfLife: 25, weight: 1.5, qkd: true),
                SectorDef(id: "finance", name: "Finance", shelfLife: 7, weight: 1, qkd: false),
                SectorDef(id: "cards", name: "Card data", shelfLife: 2, weight: 0.6, qkd: false),
            ],
            chokepoints: [ChokepointDef(id: "fridges", name: "Dilution refrigerators"), ChokepointDef(id: "helium-3", name: "Helium-3")],
            groups: [],
            blocs: [
                bloc("US", "United States", .techLeader, gdp: 29, budget: 1.2, support: 58, computing: 60, workforce: 40, sigint: 90,
                     standard: .nist, pqc: [0.25, 0.2, 0.15], supply: [0.25, 0.5], allocation: [40, 15, 3, 15, 20, 7]),
                bloc("EU", "European Union", .standardsPower, gdp: 19, budget: 2.0, support: 60, computing: 30, workforce: 35, sigint: 60,
                     standard: .nist, pqc: [0.2, 0.2, 0.1], supply: [0.45, 0.05], allocation: [30, 10, 8, 15, 27, 10]),
                bloc("CN", "China", .stateDirected, gdp: 18, budget: 1.5, support: 65, computing: 42, workforce: 30, sigint: 85,
                     standard: .national, pqc: [0.15, 0.1, 0.1], supply: [0.1, 0.05], allocation: [35, 15, 15, 12, 15, 8]),
                bloc("RU", "Russia", .spoiler, gdp: 2, budget: 0.3, support: 55, computing: 8, workforce: 8, sigint: 75,
                     standard: .national, pqc: [0.1, 0.05, 0.05], supply: [0, 0.3], allocation: [30, 25, 5, 10, 15, 15]),
                bloc("IN", "India", .hedger, gdp: 3.9, budget: 0.7, support: 55, computing: 10, workforce: 25, sigint: 55,
                     standard: .nist, pqc: [0.1, 0.1, 0.05], supply: [0, 0], allocation: [25, 10, 5, 25, 25, 10], developing: true),
            ],
            relations: [
                RelationDef(a: US, b: EU, trust: 70), RelationDef(a: US, b: CN, trust: -45), RelationDef(a: US, b: RU, trust: -65),
                RelationDef(a: US, b: IN, trust: 35), RelationDef(a: EU, b: CN, trust: -10), RelationDef(a: EU, b: RU, trust: -60),
                RelationDef(a: EU, b: IN, trust: 30), RelationDef(a: CN, b: RU, trust: 45), RelationDef(a: CN, b: IN, trust: -5),
                RelationDef(a: RU, b: IN, trust: 25),
            ],
            treaties: [
                InitialTreaty(type: .researchPact, name: "Transatlantic research pact", parties: [US, EU], since: -8, terms: TreatyTerms()),
                InitialTreaty(type: .supplyPact, name: "Eurasian supply pact", parties: [CN, RU], since: -4, terms: TreatyTerms()),
            ],
            controls: [
                InitialControl(by: US, against: [CN, RU], categories: [.systems]),
                InitialControl(by: IN, against: [CN], categories: [.talent]),
            ],
            events: [
                EventDef(
                    id: "helium-shortage", title: "Helium-3 shortage",
                    text: "Cryostat makers ration helium-3.", trigger: Trigger(from: 2, to: 40, chance: 0.15, when: nil), once: false,
                    effects: [effect(.world(.tension), .add, 2, "world.tension += 2")],
                    dilemma: Dilemma(blocs: [EU, CN, IN], options: [
                        DilemmaOption(label: "Fund an emergency migration push", effects: [
                            effect(.bloc(.current, .pqc(sector: 0)), .add, 0.05, "self.pqc.government += 0.05"),
                            effect(.bloc(.current, .support), .subtract, 2, "self.support -= 2"),
                        ]),
                        DilemmaOption(label: "Stockpile helium at any price", effects: [
                            effect(.bloc(.current, .supply(chokepoint: 1)), .add, 0.05, "self.supply.helium-3 += 0.05"),
                            effect(.bloc(.current, .gdp), .multiply, 0.998, "self.gdp *= 0.998"),
                        ]),
                        DilemmaOption(label: "Stay the course", effects: []),
                    ])),
                EventDef(
                    id: "resource-estimate", title: "RSA needs fewer qubits than thought",
                    text: "A new estimate cuts the qubits needed.", trigger: Trigger(from: 4, to: 12, chance: 0.3, when: nil), once: true,
                    effects: [effect(.world(.crqcLogicalQubits), .multiply, 0.85, "world.crqcLogicalQubits *= 0.85")], dilemma: nil),
            ],
            injects: [
                EventDef(
                    id: "spy-scandal", title: "Spy scandal at a joint lab", text: "Researchers are arrested.", trigger: nil, once: true,
                    effects: [effect(.trust(.bloc(US), .bloc(CN)), .subtract, 10, "trust(US, CN) -= 10"),
                              effect(.world(.tension), .add, 4, "world.tension += 4")],
                    dilemma: Dilemma(blocs: [US, CN], options: [
                        DilemmaOption(label: "Expel the diplomats", effects: [
                            effect(.bloc(.current, .support), .add, 2, "self.support += 2"),
                            effect(.world(.tension), .add, 3, "world.tension += 3"),
                        ]),
                        DilemmaOption(label: "Handle it quietly", effects: []),
                    ])),
            ],
            contentHash: "strategy-fixture")
        tweak(&s)
        return s
    }

    /// Everything the tests look at in one game played by computers on every side.
    struct Record {
        var game: Game
        /// Orders of each bloc per turn.
        var orders: [[[Order]]] = []
        /// Each bloc's view at the start of each turn.
        var views: [[GameView]] = []
        /// News lines of each resolved turn.
        var news: [[NewsItem]] = []
    }

    /// Plays a whole game (or `turns` turns) with computer players on all sides. The facilitator
    /// fires the inject at `injectAt` and may add commands of its own.
    static func play(_ scenario: Scenario = scenario(), seed: UInt64, level: AILevel = .standard, levels: [AILevel]? = nil,
                     turns: Int? = nil, injectAt: Int? = 6, keepViews: Bool = true,
                     extra: (Int, GameState) -> [Command] = { _, _ in [] }) -> Record {
        var record = Record(game: Game(scenario: scenario, seed: seed))
        var left = turns ?? Int.max
        while left > 0 && !record.game.isOver {
            let game = record.game
            var commands: [Command] = []
            var turnOrders: [[Order]] = []
            var turnViews: [GameView] = []
            for b in 0..<scenario.blocs.count {
                let view = game.state.view(for: .bloc(b), scenario: game.scenario, seed: game.seed, history: false, records: false)
                let lvl = levels?[b] ?? level
                let mine = ComputerPlayer.orders(for: b, view: view, level: lvl, seed: game.seed)
                commands += mine
                turnOrders.append(mine.map { command in
                    guard case .order(_, let order) = command else { return .freeAction(text: "not an order", intent: "") }
                    return order
                })
                if keepViews { turnViews.append(view) }
            }
            if injectAt == game.state.turn { commands.append(.facilitator(.inject(id: "spy-scandal"))) }
            commands += extra(game.state.turn, game.state)
            record.game.resolve(commands)
            record.orders.append(turnOrders)
            if keepViews { record.views.append(turnViews) }
            record.news.append(record.game.state.news)
            left -= 1
        }
        return record
    }
}
