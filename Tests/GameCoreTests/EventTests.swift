import Testing
@testable import GameCore

@Suite("Events, dilemmas and the facilitator")
struct EventTests {
    static let dilemmaEvent = EventDef(
        id: "helium", title: "Helium-3 shortage", text: "Supplies run short.",
        trigger: Trigger(from: 2, to: 2, chance: 1, when: nil), once: true,
        effects: [Fixture.effect(.world(.tension), .add, 5, "world.tension += 5")],
        dilemma: Dilemma(blocs: [0, 1], options: [
            DilemmaOption(label: "Stockpile", effects: [Fixture.effect(.bloc(.current, .budget), .add, 0.5, "self.budget += 0.5")]),
            DilemmaOption(label: "Share", effects: [Fixture.effect(.bloc(.current, .support), .subtract, 4, "self.support -= 4")]),
        ]))

    @Test func eventFiresInItsWindowOnceAndPosesItsDilemma() {
        var game = Game(scenario: Fixture.scenario(events: [Self.dilemmaEvent]))
        game.resolve([]); game.resolve([])
        #expect(game.state.eventFired == [0])
        let tension = game.state.world.tension
        game.resolve([])
        #expect(game.state.eventFired == [1])
        #expect(game.state.ledger.contains { $0.subject == -1 && $0.indicator == "tension" && $0.cause == "Event: Helium-3 shortage" && $0.amount == 5 })
        #expect(game.state.dilemmas.map(\.bloc) == [0, 1])
        _ = tension
        // The US chooses option 1; the EU lets the deadline pass and gets the last option.
        let budget = game.state.blocs[0].budget
        let usDilemma = game.state.dilemmas[0].id
        game.resolve([.by("US", .chooseDilemma(dilemma: usDilemma, option: 0))])
        #expect(game.state.dilemmas[0].choice == 0)
        #expect(game.state.ledger.contains { $0.subject == 0 && $0.indicator == "budget" && $0.amount == 0.5 })
        #expect(game.state.blocs[0].budget > budget)
        #expect(game.state.dilemmas[1].choice == 1)
        #expect(game.state.dilemmas[1].defaulted)
        // once: never again
        for _ in 0..<5 { game.resolve([]) }
        #expect(game.state.eventFired == [1])
    }

    @Test func chanceAndConditionGateEvents() {
        var never = Self.dilemmaEvent
        never.trigger = Trigger(from: nil, to: nil, chance: 1, when: Condition(expr: .binary(.greater, .ref(.world(.tension)), .number(1000)), source: "world.tension > 1000"))
        var sometimes = Self.dilemmaEvent
        sometimes.id = "maybe"
        sometimes.once = false
        sometimes.dilemma = nil
        sometimes.trigger = Trigger(from: nil, to: nil, chance: 0.25, when: nil)
        let game = Fixture.play(Fixture.scenario(events: [never, sometimes]), turns: 44)
        #expect(game.state.eventFired[0] == 0)
        // a repeating 25 % event fires about 11 times in 44 turns
        #expect(game.state.eventFired[1] >= 4 && game.state.eventFired[1] <= 20)
    }

    @Test func facilitatorInjectAdjustRevealAndRuling() {
        let inject = EventDef(id: "scandal", title: "Spy scandal", text: "A lab is compromised.", trigger: nil, once: true,
                              effects: [Fixture.effect(.trust(.bloc(0), .bloc(2)), .subtract, 10, "trust(US, CN) -= 10")], dilemma: nil)
        // No drift back toward the starting trust, so the inject's effect is seen whole.
        var game = Game(scenario: Fixture.scenario(injects: [inject]) { $0.rules[.trustDrift] = 0 })
        let trust = game.state.trust(0, 2)
        game.resolve([.facilitator(.inject(id: "scandal"))])
        #expect(game.state.trust(0, 2) <= trust - 10 + 1e-9)
        game.resolve([.facilitator(.adjust(effect: Fixture.effect(.bloc(.bloc(1), .support), .set, 80, "EU.support = 80"), reason: "election won"))])
        #expect(game.state.ledger.contains { $0.subject == 1 && $0.indicator == "support" && $0.cause == "Facilitator: election won" })
        game.resolve([.by("EU", .freeAction(text: "Host a quantum summit in Brussels", intent: "raise governance"))])
        #expect(game.state.freeActions[0].status == .pending)
        game.resolve([.facilitator(.ruling(action: 1, accept: true, effects: [Fixture.effect(.world(.tension), .subtract, 3, "world.tension -= 3")], reason: "plausible"))])
        #expect(game.state.freeActions[0].status == .accepted)
        #expect(game.state.ledger.contains { $0.indicator == "tension" && $0.cause.hasPrefix("Ruling on European Union's action #1") })
        game.resolve([.facilitator(.reveal(secret: .objectives(bloc: "CN"), to: ["US"]))])
        #expect(game.state.blocs[2].objectivesRevealedTo == [true, false, false, false])
    }

    @Test func derivedValuesCannotBeAssigned() {
        var game = Game(scenario: Fixture.scenario())
        let before = game.state.blocs[0].pillars
        game.resolve([.facilitator(.adjust(effect: Fixture.effect(.bloc(.bloc(0), .security), .set, 100, "US.security = 100"), reason: "x"))])
        #expect(!game.state.ledger.contains { $0.cause == "Facilitator: x" && $0.indicator == "security" })
        _ = before
    }
}

@Suite("The why-ledger")
struct LedgerTests {
    /// For every bloc and indicator, the causes recorded in a turn add up to the change.
    @Test func causesAddUpToEveryChange() {
        let s = Fixture.scenario(events: [EventTests.dilemmaEvent])
        var game = Game(scenario: s)
        for t in 0..<12 {
            let before = game.state
            var commands: [Command] = []
            if t == 1 { commands = [.by("CN", .harvest(target: "US", active: true)), .by("US", .imposeControl(category: .components, targets: ["CN"]))] }
            if t == 2 { commands = [.by("EU", .mandate(sector: "finance", deadline: "2030-Q4")), .by("EU", .dialogue(with: "CN"))] }
            game.resolve(commands)
            for b in 0..<4 {
                func check(_ name: String, _ old: Double, _ new: Double) {
                    let sum = game.state.ledger.filter { $0.subject == b && $0.indicator == name }.reduce(0) { $0 + $1.amount }
                    #expect(abs(sum - (new - old)) < 1e-9, "turn \(t) bloc \(b) \(name): causes \(sum), change \(new - old)")
                }
                let o = before.blocs[b], x = game.state.blocs[b]
                check("computing", o.computing, x.computing)
                check("gdp", o.gdp, x.gdp)
                check("support", o.support, x.support)
                check("budget", o.budget, x.budget)
                check("workforce", o.workforce, x.workforce)
                check("sensing", o.sensing, x.sensing)
                check("qkdKm", o.qkdKm, x.qkdKm)
                for (i, sector) in s.sectors.enumerated() { check("pqc.\(sector.id)", o.pqc[i], x.pqc[i]) }
                for (p, pillar) in Pillar.allCases.enumerated() { check(pillar.rawValue, o.pillars[p], x.pillars[p]) }
                for o2 in 0..<4 where o2 != b {
                    check("trust.\(s.blocs[o2].id)", before.trust(b, o2), game.state.trust(b, o2))
                }
            }
            let tension = game.state.ledger.filter { $0.subject == -1 && $0.indicator == "tension" }.reduce(0) { $0 + $1.amount }
            #expect(abs(tension - (game.state.world.tension - before.world.tension)) < 1e-9)
        }
    }

    @Test func viewsHideOthersLedgerAndNews() {
        var game = Game(scenario: Fixture.scenario())
        game.resolve([.by("CN", .harvest(target: "US", active: true))])
        let us = game.state.view(for: .bloc(0), scenario: game.scenario, seed: game.seed)
        #expect(us.ledger.allSatisfy { $0.subject == 0 || $0.subject == -1 })
        #expect(!us.news.contains { $0.text.contains("Your agencies now harvest") })
        #expect(!us.harvests.contains { $0.harvester == 2 } || game.state.harvests[0].knownBy[0])
        let cn = game.state.view(for: .bloc(2), scenario: game.scenario, seed: game.seed)
        #expect(cn.news.contains { $0.text.contains("Your agencies now harvest United States") })
        // own values exact, others estimated within their error band
        #expect(us.blocs[0].computing.isExact)
        #expect(!us.blocs[2].computing.isExact)
        let truth = game.state.blocs[2].computing
        #expect(abs(us.blocs[2].computing.value - truth) <= truth * us.blocs[2].computing.error + 1e-9)
    }
}
