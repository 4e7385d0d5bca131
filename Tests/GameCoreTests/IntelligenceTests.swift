import Foundation
import Testing
@testable import GameCore

@Suite("Harvest now, decrypt later")
struct IntelligenceTests {
    @Test func valueDecaysWithShelfLife() {
        let s = Fixture.scenario()
        var r = Resolver(scenario: s, seed: 1, state: GameState.initial(s), commands: [])
        // A 2026 cable (shelf life 25) read in 2032 keeps 1 − 6/25 of its value ...
        r.state.turn = 28 // 2032-Q1
        let resolver = Resolver(scenario: s, seed: 1, state: r.state, commands: [])
        #expect(abs(resolver.decayFactor(sector: Fixture.government, harvested: 4) - (1 - 6.0 / 25)) < 1e-12)
        // ... card data (shelf life 2) harvested in 2026 is worthless by 2032
        #expect(resolver.decayFactor(sector: Fixture.cards, harvested: 4) == 0)
        // and fresh card data is worth its full value
        var fresh = r.state
        fresh.turn = 4
        #expect(Resolver(scenario: s, seed: 1, state: fresh, commands: []).decayFactor(sector: Fixture.cards, harvested: 4) == 1)
    }

    /// CN harvests the US from 2026 on; a CRQC is handed to CN in 2032 and it decrypts.
    func harvestGame(crqcAt: Int) -> Game {
        let s = Fixture.scenario { s in
            s.rules[.harvestDetection] = 0
            s.rules[.decryptDetection] = 0
            s.rules[.decryptThroughput] = 1000
        }
        return Fixture.play(s, turns: crqcAt + 1) { t, state in
            var c: [Command] = []
            if t == 4 { c.append(.by("CN", .harvest(target: "US", active: true))) }
            if t == 5 { c.append(.by("CN", .harvest(target: "US", active: false))) }
            if t == crqcAt {
                c.append(.facilitator(.adjust(effect: Fixture.effect(.bloc(.bloc(2), .computing), .set, 5000, "CN.computing = 5000"), reason: "test")))
            }
            if t > crqcAt - 1 && state.blocs[2].hasCRQC { c.append(.by("CN", .decrypt(active: true))) }
            return c
        }
    }

    @Test func aCableHarvestedIn2026IsWorthMoreIn2032ThanCardData() {
        var game = harvestGame(crqcAt: 28)
        game.resolve([.by("CN", .decrypt(active: true))])
        let records = game.state.archive.filter { $0.harvester == Fixture.CN }
        let cable = records.filter { $0.sector == Fixture.government }.reduce(0) { $0 + $1.value }
        let cards = records.filter { $0.sector == Fixture.cards }.reduce(0) { $0 + $1.value }
        #expect(cable > 0)
        #expect(cards == 0)
        // the same card data read right away would have been worth something
        var early = harvestGame(crqcAt: 5)
        early.resolve([.by("CN", .decrypt(active: true))])
        let earlyCards = early.state.archive.filter { $0.sector == Fixture.cards }.reduce(0) { $0 + $1.value }
        #expect(earlyCards > 0)
        // the US's exposure records the loss
        #expect(game.state.blocs[0].exposure[Fixture.government] == cable)
    }

    @Test func onlyUnprotectedTrafficIsWorthHarvesting() {
        let s = Fixture.scenario { s in s.blocs[0].pqc = [1, 0.5, 0]; s.rules[.harvestDetection] = 0 }
        let game = Fixture.play(s, turns: 1) { _, _ in [.by("CN", .harvest(target: "US", active: true))] }
        let lots = game.state.stockpile.filter { $0.harvester == 2 }
        #expect(!lots.contains { $0.sector == 0 })
        let finance = lots.first { $0.sector == 1 }!.volume
        let cards = lots.first { $0.sector == 2 }!.volume
        // CN's SIGINT of 85 collects 0.85 units per sector, times the share not yet migrated
        // (collection happens after this turn's migration)
        let pqc = game.state.blocs[0].pqc
        #expect(abs(finance - 0.85 * (1 - pqc[1])) < 1e-12)
        #expect(abs(cards - 0.85 * (1 - pqc[2])) < 1e-12)
        #expect(finance < cards)
    }

    @Test func negotiationMessagesAreHarvestedAndReadAfterCRQC() {
        let s = Fixture.scenario { s in
            s.rules[.harvestDetection] = 0
            s.rules[.decryptDetection] = 0
            s.blocs[0].pqc = [0, 0, 0]; s.blocs[0].qkdKm = 0
            s.blocs[1].pqc = [0, 0, 0]; s.blocs[1].qkdKm = 0
        }
        var game = Game(scenario: s)
        game.resolve([.by("CN", .harvest(target: "US", active: true))])
        game.resolve([.by("US", .message(to: "EU", text: "Our red line on the accord is 2031."))])
        let message = game.state.messages[0]
        #expect(!message.quantumSafe)
        #expect(message.senderProtection < 0.05)
        #expect(message.harvestedBy == [Fixture.CN])
        game.resolve([.facilitator(.adjust(effect: Fixture.effect(.bloc(.bloc(2), .computing), .set, 5000, "CN.computing = 5000"), reason: "test"))])
        game.resolve([.by("CN", .decrypt(active: true))])
        #expect(game.state.messages[0].readBy == [MessageRead(bloc: Fixture.CN, turn: 3)])
        // CN's view now contains the message; RU's does not
        let cn = game.state.view(for: .bloc(2), scenario: s, seed: game.seed)
        let ru = game.state.view(for: .bloc(3), scenario: s, seed: game.seed)
        #expect(cn.messages.contains { $0.text.contains("red line") })
        #expect(!ru.messages.contains { $0.text.contains("red line") })
    }

    @Test func protectedMessagesAreNotHarvested() {
        let s = Fixture.scenario { s in s.blocs[0].pqc = [1, 0, 0]; s.blocs[1].pqc = [1, 0, 0] }
        var game = Game(scenario: s)
        game.resolve([.by("CN", .harvest(target: "US", active: true))])
        game.resolve([.by("US", .message(to: "EU", text: "hello"))])
        #expect(game.state.messages[0].quantumSafe)
        #expect(game.state.messages[0].harvestedBy.isEmpty)
    }

    @Test func caughtDecryptingTriggersACrisis() {
        let s = Fixture.scenario { s in s.rules[.decryptDetection] = 1; s.rules[.harvestDetection] = 0 }
        var game = Fixture.play(s, turns: 3) { t, _ in t == 0 ? [.by("CN", .harvest(target: "US", active: true))] : [] }
        game.resolve([.facilitator(.adjust(effect: Fixture.effect(.bloc(.bloc(2), .computing), .set, 5000, "x"), reason: "test"))])
        let tension = game.state.world.tension
        let trust = game.state.trust(0, 2)
        game.resolve([.by("CN", .decrypt(active: true))])
        #expect(game.state.blocs[2].crqcPublic)
        #expect(game.state.blocs[2].crqcKnownBy.allSatisfy { $0 })
        #expect(game.state.world.tension > tension + 5)
        #expect(game.state.trust(0, 2) < trust - 20)
        #expect(game.state.blocs[0].scrambleTurns > 0)
    }

    @Test func aSecretCRQCIsHiddenFromOthers() {
        let s = Fixture.scenario { s in s.blocs[2].computing = 5000; s.blocs[0].sigint = 0 }
        var game = Game(scenario: s)
        game.resolve([])
        #expect(game.state.blocs[2].hasCRQC)
        let cn = game.state.view(for: .bloc(2), scenario: s, seed: game.seed)
        #expect(cn.blocs[2].knownCRQC)
        // with no SIGINT the US learns of it only by chance (1 % a turn)
        let us = game.state.view(for: .bloc(0), scenario: s, seed: game.seed)
        #expect(us.blocs[2].knownCRQC == game.state.blocs[2].crqcKnownBy[0])
        let facilitator = game.state.view(for: .facilitator, scenario: s, seed: game.seed)
        #expect(facilitator.blocs[2].knownCRQC)
    }

    @Test func espionageSharpensEstimates() {
        let s = Fixture.scenario { s in s.rules[.espionageSuccess] = 1; s.rules[.espionageDetection] = 0; s.blocs[2].counterintel = 0 }
        var game = Game(scenario: s)
        game.resolve([])
        let before = game.state.view(for: .bloc(3), scenario: s, seed: game.seed).blocs[2].computing.error
        game.resolve([.by("RU", .espionage(target: "CN"))])
        let after = game.state.view(for: .bloc(3), scenario: s, seed: game.seed).blocs[2].computing.error
        #expect(after < before * 0.5)
        #expect(game.state.view(for: .bloc(3), scenario: s, seed: game.seed).blocs[3].computing.error == 0)
    }

    @Test func counterIntelligenceDetectsHarvests() {
        func detected(_ campaign: Bool) -> Int {
            var count = 0
            for seed in 1...100 {
                let game = Fixture.play(Fixture.scenario(), seed: UInt64(seed), turns: 4) { t, _ in
                    var c: [Command] = t == 0 ? [.by("CN", .harvest(target: "US", active: true))] : []
                    if campaign { c.append(.by("US", .counterIntelligence)) }
                    return c
                }
                if game.state.harvests[0].knownBy[0] { count += 1 }
            }
            return count
        }
        #expect(detected(true) > detected(false))
        #expect(detected(false) > 0)
    }

    /// Harvested lots are dropped once their age reaches their sector's shelf life (quarterly turns:
    /// cards 2 years, finance 7, government 25), whatever order the stockpile is in; the others stay
    /// in their order.
    @Test func decayedLotsAreDroppedInAnyOrder() {
        let s = Fixture.scenario()
        let played = Fixture.play(s, turns: 12)
        #expect(played.state.turn == 12)
        func lot(_ sector: Int, _ turn: Int) -> HarvestLot {
            HarvestLot(harvester: Fixture.CN, victim: Fixture.US, sector: sector, turn: turn, volume: 1)
        }
        let cardsOld = lot(Fixture.cards, 0)          // 3 years old at turn 12: gone
        let financeOld = lot(Fixture.finance, 0)      // 3 of 7 years: kept
        let cardsTwoAndAQuarter = lot(Fixture.cards, 3) // 2.25 years: gone
        let cardsYoung = lot(Fixture.cards, 5)        // 1.75 years: kept
        let government = lot(Fixture.government, 11)  // kept
        func afterOneTurn(_ stockpile: [HarvestLot]) -> [HarvestLot] {
            var state = played.state
            state.stockpile = stockpile
            var game = Game(scenario: s, seed: played.seed, state: state, log: played.log, hashes: played.hashes)
            game.resolve([])
            return game.state.stockpile
        }
        #expect(afterOneTurn([cardsOld, financeOld, cardsTwoAndAQuarter, cardsYoung, government])
                == [financeOld, cardsYoung, government])
        #expect(afterOneTurn([cardsYoung, cardsOld, government, cardsTwoAndAQuarter, financeOld])
                == [cardsYoung, government, financeOld])
    }

    /// A bloc estimate writes its own equality, hashing and coding (its PQC estimates live in an
    /// array the whole view shares). Every stored field must be coded, `pqc` standing for the
    /// shared store, and a decoded estimate must equal the original: a field added without
    /// updating those fails here.
    @Test func blocEstimatesCodeEveryFieldAndRoundTrip() throws {
        let game = Fixture.play(Fixture.scenario(), turns: 3)
        let view = game.state.view(for: .bloc(Fixture.EU), scenario: game.scenario, seed: game.seed)
        for estimate in view.blocs {
            let stored = Set(Mirror(reflecting: estimate).children.compactMap(\.label))
            let expected = stored.subtracting(["pqcStore", "pqcStart", "pqcCount"]).union(["pqc"])
            let data = try JSONEncoder().encode(estimate)
            let keys = Set(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
            #expect(keys == expected)
            let decoded = try JSONDecoder().decode(BlocEstimate.self, from: data)
            #expect(decoded == estimate)
            #expect(decoded.hashValue == estimate.hashValue)
            #expect(decoded.pqc == estimate.pqc && estimate.pqc.count == game.scenario.sectors.count)
        }
        // Equality compares each estimate's own PQC slice of the shared store.
        try #require(view.blocs[Fixture.US].pqc != view.blocs[Fixture.CN].pqc)
        var other = view.blocs[Fixture.CN]
        other.pqc = view.blocs[Fixture.US].pqc
        #expect(other != view.blocs[Fixture.CN])
        other.pqc = view.blocs[Fixture.CN].pqc
        #expect(other == view.blocs[Fixture.CN])
    }
}
