import Testing
import GameCore
import Strategy

/// Whole games with computer players on every side, checked for determinism, legality and the
/// behaviour each doctrine promises.
@Suite("Computer players")
struct ComputerPlayerTests {
    /// Twenty full games, played once and shared by the tests that count orders.
    static let games: [Fixture.Record] = (0..<20).map { Fixture.play(seed: 1000 + UInt64($0)) }

    @Test func sameSeedSameGameDifferentSeedsDiffer() {
        let a = Fixture.play(seed: 42, keepViews: false)
        let b = Fixture.play(seed: 42, keepViews: false)
        #expect(a.game.state.canonicalHash == b.game.state.canonicalHash)
        #expect(a.game.hashes == b.game.hashes)
        #expect(a.orders == b.orders)
        var hashes: [String] = []
        for seed: UInt64 in [43, 44, 45] {
            let h = Fixture.play(seed: seed, keepViews: false).game.state.canonicalHash
            if !hashes.contains(h) { hashes.append(h) }
        }
        #expect(hashes.count >= 2)
        #expect(!hashes.contains(a.game.state.canonicalHash) || hashes.count == 3)
    }

    @Test func everyLevelIsDeterministic() {
        for level in AILevel.allCases {
            let a = Fixture.play(seed: 7, level: level, turns: 20, keepViews: false)
            let b = Fixture.play(seed: 7, level: level, turns: 20, keepViews: false)
            #expect(a.game.state.canonicalHash == b.game.state.canonicalHash, "level \(level)")
        }
    }

    @Test func everyKindOfOrderIsPlayedExceptFreeActions() {
        var seen: [String] = []
        for record in Self.games {
            for turn in record.orders { for bloc in turn { for order in bloc where !seen.contains(order.kind) { seen.append(order.kind) } } }
        }
        let kinds = ["allocate", "budget", "mandate", "standard", "qkd", "impose-control", "lift-control", "propose", "respond",
                     "withdraw", "violate", "harvest", "espionage", "counter-intelligence", "decrypt", "disclose", "dialogue",
                     "statement", "aid", "message", "dilemma"]
        for kind in kinds { #expect(seen.contains(kind), "no computer player ever gave a \(kind) order") }
        #expect(!seen.contains("free-action"))
    }

    @Test func ordersNeverCostMoreCapitalThanTheBlocHolds() {
        for record in Self.games {
            for (t, turn) in record.orders.enumerated() {
                for (b, orders) in turn.enumerated() {
                    var cost = 0.0
                    for o in orders { cost += o.capitalCost }
                    let capital = record.views[t][b].me!.capital
                    #expect(cost <= capital + 1e-9, "bloc \(b) turn \(t) spent \(cost) of \(capital)")
                }
            }
            for news in record.news {
                #expect(!news.contains { $0.text.hasPrefix("Not enough political capital") })
            }
        }
    }

    @Test func everyProposalGetsAnAnswerAndEveryDilemmaAChoice() {
        var proposals = 0, dilemmas = 0
        for record in Self.games {
            for (t, turn) in record.orders.enumerated() {
                for (b, orders) in turn.enumerated() {
                    let view = record.views[t][b]
                    for tv in view.treaties where tv.treaty.status == .proposed {
                        guard let k = tv.treaty.parties.firstIndex(of: b), tv.treaty.answers[k] == .pending else { continue }
                        proposals += 1
                        #expect(orders.contains { if case .respondTreaty(tv.treaty.id, _) = $0 { return true }; return false })
                    }
                    for d in view.dilemmas {
                        dilemmas += 1
                        #expect(orders.contains { if case .chooseDilemma(d.id, _) = $0 { return true }; return false })
                    }
                }
            }
            #expect(!record.game.state.dilemmas.contains { $0.defaulted })
            for news in record.news { #expect(!news.contains { $0.text.contains("did not answer") }) }
        }
        #expect(proposals > 20)
        #expect(dilemmas > 20)
    }

    /// No order names a bad id or breaks a rule. The one rejection a player cannot avoid is a
    /// race: another member leaves a treaty, dissolving it, in the same turn this bloc acts on it.
    @Test func theEngineNeverRejectsAComputerOrder() {
        var total = 0, races = 0
        for record in Self.games {
            for turn in record.orders { for orders in turn { total += orders.count } }
            for (t, news) in record.news.enumerated() {
                for item in news where item.text.hasPrefix("Order not carried out") || item.text.contains("was ignored") {
                    guard item.text.contains("you are not a member of"), let b = item.audience.first, let id = Self.treatyNumber(item.text) else {
                        Issue.record("turn \(t): \(item.text)"); continue
                    }
                    let othersLeft = record.orders[t].indices.contains { o in
                        o != b && record.orders[t][o].contains { if case .withdrawTreaty(id) = $0 { return true }; return false }
                    }
                    #expect(othersLeft, "turn \(t), bloc \(b): \(item.text)")
                    races += 1
                }
            }
        }
        #expect(total > 5000)
        #expect(races * 500 < total)
    }

    static func treatyNumber(_ text: String) -> Int? {
        guard let hash = text.firstIndex(of: "#") else { return nil }
        return Int(text[text.index(after: hash)...].prefix { $0.isNumber })
    }

    @Test func aSpoilerHarvestsMoreThanAStandardsPower() {
        var spoiler = 0, standards = 0
        for record in Self.games {
            for op in record.game.state.harvests {
                if op.harvester == Fixture.RU { spoiler += 1 }
                if op.harvester == Fixture.EU { standards += 1 }
            }
        }
        #expect(spoiler > standards)
        #expect(spoiler >= 20)
    }

    @Test func aStandardsPowerProposesMorePQCAccordsThanASpoiler() {
        var standards = 0, spoiler = 0
        for record in Self.games {
            for t in record.game.state.treaties where t.type == .pqcAccord {
                if t.proposer == Fixture.EU { standards += 1 }
                if t.proposer == Fixture.RU { spoiler += 1 }
            }
        }
        #expect(standards > spoiler)
        #expect(standards >= 10)
    }

    @Test func aNoviceGivesFewerOrdersThanAnExpert() {
        var counts: [Int] = []
        for level in [AILevel.novice, .expert] {
            var costly = 0
            for seed: UInt64 in 0..<4 {
                let record = Fixture.play(seed: 500 + seed, level: level, keepViews: false)
                for turn in record.orders { for orders in turn { costly += orders.filter { $0.capitalCost > 0 }.count } }
            }
            counts.append(costly)
        }
        #expect(counts[0] < counts[1])
    }

    @Test func onlyTheBlocsOwnViewGivesOrders() {
        let game = Game(scenario: Fixture.scenario(), seed: 3)
        let facilitator = game.state.view(for: .facilitator, scenario: game.scenario, seed: game.seed)
        #expect(ComputerPlayer.orders(for: 0, view: facilitator, level: .standard, seed: 3).isEmpty)
        let other = game.state.view(for: .bloc(1), scenario: game.scenario, seed: game.seed)
        #expect(ComputerPlayer.orders(for: 0, view: other, level: .standard, seed: 3).isEmpty)
        let own = game.state.view(for: .bloc(0), scenario: game.scenario, seed: game.seed)
        let orders = ComputerPlayer.orders(for: 0, view: own, level: .standard, seed: 3)
        #expect(!orders.isEmpty)
        for c in orders { if case .order(let id, _) = c { #expect(id == "US") } else { Issue.record("not an order") } }
    }
}
