import GameCore
import Testing
@testable import ScenarioFormat

/// The fixture parses into exactly the scenario it describes: ids resolved to indices, dates to
/// turn indices, groups to indices, expressions to syntax trees.
@Suite struct ValidScenarioTests {
    let scenario: Scenario

    init() throws {
        scenario = try ScenarioLoader.parse(text: fixture, file: "fixture.yaml")
    }

    // Indices used below.
    let US = 0, EU = 1, CN = 2
    let government = 0, finance = 1, criticalInfra = 2
    let fridges = 0, helium = 1

    @Test func header() {
        #expect(scenario.id == "test-triad")
        #expect(scenario.title == "Three-bloc test")
        #expect(scenario.summary == "A small scenario for tests.")
        #expect(scenario.briefing == "Three blocs race for the first CRQC.\n")
        #expect(scenario.calendar == GameCalendar(start: TurnDate(year: 2025, period: 1, length: .quarter),
                                                  end: TurnDate(year: 2030, period: 4, length: .quarter), length: .quarter))
        #expect(scenario.calendar.turnCount == 24)
        #expect(scenario.seed == 7)
        #expect(scenario.contentHash == StableHasher.digest(of: fixture))
        #expect(scenario.groups == ["NATO", "G7", "TTC", "BRICS"])
    }

    @Test func rules() {
        var expected = Rules()
        expected[.crqcLogicalQubits] = 900
        expected[.pqcBasePace] = 0.1
        expected.doctrineWeights[Doctrine.allCases.firstIndex(of: .hedger)!] = [10, 50, 20, 20]
        #expect(scenario.rules == expected)
    }

    @Test func sectorsAndChokepoints() {
        #expect(scenario.sectors == [
            SectorDef(id: "government", name: "Government & diplomatic", shelfLife: 25, weight: 1, qkd: true),
            SectorDef(id: "finance", name: "Finance", shelfLife: 7, weight: 2, qkd: false),
            SectorDef(id: "critical-infra", name: "Critical infrastructure", shelfLife: 15, weight: 1, qkd: false),
        ])
        #expect(scenario.chokepoints == [
            ChokepointDef(id: "dilution-fridges", name: "Dilution refrigerators"),
            ChokepointDef(id: "helium-3", name: "Helium-3"),
        ])
    }

    @Test func firstBlocCompletely() {
        let expected = BlocDef(
            id: "US", name: "United States", doctrine: .techLeader, groups: [0, 1], gdp: 29, budget: 4, capital: 5,
            support: 55, computing: 60, sensing: 70, qkdKm: 100, workforce: 40, sigint: 90,
            counterintel: 90, // defaults to sigint
            standard: .nist, pqc: [0.2, 0, 0.1], supply: [0.6, 0.3], allocation: [40, 15, 5, 15, 20, 5],
            developing: false, briefing: "Lead the race.",
            objectives: [
                ObjectiveDef(id: "federal-pqc", text: "Federal systems quantum-safe by 2029", secret: false, points: 15,
                             by: 19, // 2029-Q4 is turn 19 of a game starting 2025-Q1
                             condition: Condition(expr: .binary(.greaterEqual, .ref(.bloc(.current, .pqc(sector: government))), .number(0.95)),
                                                  source: "self.pqc.government >= 0.95")),
                ObjectiveDef(id: "stay-ahead", text: "Stay ahead of China", secret: true, points: 10, by: nil,
                             condition: Condition(
                                expr: .binary(.and,
                                              .binary(.greater, .ref(.bloc(.current, .computing)), .ref(.bloc(.bloc(CN), .computing))),
                                              .binary(.greater, .ref(.trust(.current, .bloc(CN))), .number(-50))),
                                source: "self.computing > CN.computing and trust(self, CN) > -50")),
            ])
        #expect(scenario.blocs.count == 3)
        #expect(scenario.blocs[US] == expected)
    }

    @Test func otherBlocsDefaultsAndIndices() {
        let eu = scenario.blocs[EU]
        #expect(eu.groups == [1, 2])
        #expect(eu.counterintel == 60)
        #expect(eu.standard == .hybrid)
        #expect(eu.pqc == [0.1, 0.2, 0])
        #expect(eu.supply == [0.3, 0])
        #expect(eu.allocation == [30, 0, 20, 20, 30, 0])
        #expect(eu.briefing == "")
        #expect(eu.objectives == [ObjectiveDef(id: "eu-standard", text: "Keep the hybrid standard", secret: false, points: 10, by: nil,
                                               condition: Condition(expr: .binary(.equal, .ref(.bloc(.current, .standard)), .family(.hybrid)),
                                                                    source: "self.standard == hybrid"))])
        let cn = scenario.blocs[CN]
        #expect(cn.groups == [3])
        #expect(cn.counterintel == 85)
        #expect(cn.pqc == [0, 0, 0])
        #expect(cn.supply == [0, 0.2])
        #expect(cn.developing)
        #expect(cn.objectives.isEmpty)
    }

    @Test func diplomacy() {
        #expect(scenario.relations == [RelationDef(a: US, b: EU, trust: 70), RelationDef(a: US, b: CN, trust: -30)])
        #expect(scenario.treaties == [
            InitialTreaty(type: .researchPact, name: nil, parties: [US, EU], since: -13, terms: TreatyTerms()),
            InitialTreaty(type: .pqcAccord, name: "Transatlantic PQC Accord", parties: [US, EU], since: -4,
                          terms: TreatyTerms(family: .nist, deadline: 21)), // 2030-H1 ends in 2030-Q2 = turn 21
            InitialTreaty(type: .exportRegime, name: nil, parties: [US, EU], since: -2,
                          terms: TreatyTerms(categories: [.systems, .components], targets: [CN])),
            InitialTreaty(type: .cryptanalysisNorm, name: nil, parties: [US, EU, CN], since: 0,
                          terms: TreatyTerms(sectors: [finance, criticalInfra])),
            InitialTreaty(type: .jointLab, name: nil, parties: [EU, CN], since: -6, terms: TreatyTerms(host: EU, contribution: 10)),
            InitialTreaty(type: .capacityFund, name: nil, parties: [US, CN], since: -12, terms: TreatyTerms(contribution: 0.5)),
        ])
        #expect(scenario.controls == [InitialControl(by: US, against: [CN], categories: [.systems, .components])])
    }

    @Test func eventCompletely() {
        let expected = EventDef(
            id: "resource-estimate", title: "RSA-2048 needs fewer qubits than thought",
            text: "A new paper cuts the estimate twentyfold.\n",
            trigger: Trigger(from: 1, to: 7, chance: 0.5, // 2025-Q2 … end of 2026
                             when: Condition(expr: .binary(.and,
                                                           .binary(.less, .ref(.world(.tension)), .number(80)),
                                                           .binary(.greaterEqual, .ref(.turn), .date(2))),
                                             source: "world.tension < 80 and turn >= 2025-Q3")),
            once: true,
            effects: [
                Effect(target: .world(.crqcLogicalQubits), op: .multiply, value: .number(0.7), source: "world.crqcLogicalQubits *= 0.7"),
                Effect(target: .bloc(.all, .support), op: .add, value: .number(2), source: "all.support += 2"),
                Effect(target: .trust(.bloc(US), .bloc(CN)), op: .subtract, value: .number(5), source: "trust(US, CN) -= 5"),
            ],
            dilemma: Dilemma(blocs: [US, EU], options: [
                DilemmaOption(label: "Fund an emergency push", effects: [
                    Effect(target: .bloc(.current, .budget), op: .add, value: .number(0.5), source: "self.budget += 0.5"),
                    Effect(target: .bloc(.current, .support), op: .subtract, value: .number(3), source: "self.support -= 3"),
                ]),
                DilemmaOption(label: "Stay the course", effects: []),
            ]))
        #expect(scenario.events == [expected])
    }

    @Test func injectDeck() {
        #expect(scenario.injects == [
            EventDef(id: "spy-scandal", title: "Spy scandal at the joint lab", text: "An engineer is arrested.", trigger: nil, once: true,
                     effects: [
                        Effect(target: .trust(.bloc(EU), .bloc(CN)), op: .subtract, value: .number(15), source: "trust(EU, CN) -= 15"),
                        Effect(target: .bloc(.bloc(CN), .standard), op: .set, value: .family(.national), source: "CN.standard = national"),
                     ], dilemma: nil),
        ])
    }

    @Test func optionalSectionsDefault() throws {
        let minimal = """
        format: 1
        id: tiny
        title: Tiny
        start: 2030
        end: 2032
        turn: year
        sectors: [{id: government, name: Government, shelfLife: 20}]
        blocs:
          - {id: AA, name: A, doctrine: hedger, gdp: 1, budget: 0.5, allocation: {pqc: 100}}
          - {id: BB, name: B, doctrine: spoiler, gdp: 2, budget: 0, allocation: {computing: 60, sensing: 40}}
        """
        let s = try ScenarioLoader.parse(text: minimal, file: "tiny.yaml")
        #expect(s.seed == 1)
        #expect(s.summary == "" && s.briefing == "")
        #expect(s.rules == Rules())
        #expect(s.calendar.turnCount == 3)
        #expect(s.calendar.label(0) == "2030")
        #expect(s.chokepoints.isEmpty && s.relations.isEmpty && s.treaties.isEmpty && s.controls.isEmpty)
        #expect(s.events.isEmpty && s.injects.isEmpty && s.groups.isEmpty)
        #expect(s.blocs[0] == BlocDef(id: "AA", name: "A", doctrine: .hedger, groups: [], gdp: 1, budget: 0.5, capital: 0, support: 50,
                                      computing: 0, sensing: 0, qkdKm: 0, workforce: 0, sigint: 0, counterintel: 0, standard: .nist,
                                      pqc: [0], supply: [], allocation: [0, 0, 0, 0, 100, 0], developing: false, briefing: "", objectives: []))
    }

    @Test func coarseEndDatesMeanTheEndOfTheirPeriod() throws {
        let text = fixture(replacing: "end: 2030-Q4", with: "end: 2030")
        #expect(try ScenarioLoader.parse(text: text, file: "t.yaml").calendar.turnCount == 24)
        let half = fixture(replacing: "end: 2030-Q4", with: "end: 2030-H1")
        #expect(try ScenarioLoader.parse(text: half, file: "t.yaml").calendar.turnCount == 22)
    }

    @Test func halfYearTurns() throws {
        let text = fixture(replacing: "turn: quarter", with: "turn: half")
        let s = try ScenarioLoader.parse(text: text, file: "t.yaml")
        #expect(s.calendar.start == TurnDate(year: 2025, period: 1, length: .half))
        #expect(s.calendar.turnCount == 12)
        // 2021-Q4 falls in 2021-H2, seven half-years before the start.
        #expect(s.treaties[0].since == -7)
        #expect(s.events[0].trigger?.from == 0)
        #expect(s.events[0].trigger?.to == 3)
    }

    @Test func dilemmaForAll() throws {
        let text = fixture(replacing: "for: [US, EU]", with: "for: all")
        #expect(try ScenarioLoader.parse(text: text, file: "t.yaml").events[0].dilemma?.blocs == [0, 1, 2])
    }

    @Test func windowsLineEndingsAndByteOrderMark() throws {
        let windows = "\u{FEFF}" + fixture.replacingOccurrences(of: "\n", with: "\r\n")
        let s = try ScenarioLoader.parse(text: windows, file: "t.yaml")
        #expect(s.blocs == scenario.blocs)
        #expect(s.events == scenario.events)
        #expect(try ScenarioLoader.parse(text: "\u{FEFF}" + fixture, file: "t.yaml").contentHash == scenario.contentHash)
        // Positions stay right: the error is on the line and column of `120`.
        let broken = windows.replacingOccurrences(of: "support: 55", with: "support: 120")
        #expect(errors(of: broken).map { "\($0.line):\($0.column ?? 0)" } == ["31:14"])
    }

    @Test func anchorsAndAliasesForValues() throws {
        let text = fixture(replacing: "effects: [\"world.crqcLogicalQubits *= 0.7\"",
                           with: "effects: &shared [\"world.crqcLogicalQubits *= 0.7\"")
            .replacingOccurrences(of: "{label: Stay the course, effects: []}", with: "{label: Stay the course, effects: *shared}")
        let s = try ScenarioLoader.parse(text: text, file: "t.yaml")
        #expect(s.events[0].dilemma?.options[1].effects == s.events[0].effects)
        #expect(s.events[0].effects.count == 3)
    }
}
