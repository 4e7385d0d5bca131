import Testing
import GameCore
import Strategy

/// Particular situations and what each doctrine does in them.
@Suite("Computer player behaviour")
struct BehaviourTests {
    @Test func proposalsAreWellFormedAndNeverDuplicateALiveTreaty() {
        var checked = 0
        for record in ComputerPlayerTests.games.prefix(8) {
            for (t, turn) in record.orders.enumerated() {
                for (b, orders) in turn.enumerated() {
                    let proposals = orders.filter { $0.kind == "propose" }
                    #expect(proposals.count <= 1, "bloc \(b) made \(proposals.count) proposals in turn \(t)")
                    let view = record.views[t][b]
                    for order in proposals {
                        guard case .proposeTreaty(let type, let ids, let terms) = order else { continue }
                        checked += 1
                        let parties = ids.compactMap { view.scenario.blocIndex($0) }
                        #expect(!parties.isEmpty && parties.count == ids.count && !parties.contains(b))
                        for tv in view.treaties where tv.treaty.type == type {
                            let live = [TreatyStatus.proposed, .signed, .inForce].contains(tv.treaty.status)
                            guard live, Self.stillIn(tv.treaty, b) else { continue }
                            for p in parties { #expect(!Self.stillIn(tv.treaty, p), "turn \(t): \(ids) already share a live \(type.rawValue)") }
                        }
                        switch type {
                        case .exportRegime:
                            #expect(!terms.targets.isEmpty && !terms.categories.isEmpty)
                            for x in terms.targets { #expect(!ids.contains(x)) }
                        case .pqcAccord:
                            #expect(terms.family != nil)
                            let deadline = terms.deadline.flatMap { TurnDate.parse($0) }.map { view.scenario.calendar.turnIndex(of: $0) }
                            #expect((deadline ?? -1) > t)
                        case .jointLab:
                            #expect(terms.host.map { $0 == view.scenario.blocs[b].id || ids.contains($0) } == true)
                        case .capacityFund:
                            #expect((terms.contribution ?? 0) > 0)
                            let all = parties + [b]
                            #expect(all.contains { view.scenario.blocs[$0].developing })
                            #expect(all.contains { !view.scenario.blocs[$0].developing })
                        default:
                            break
                        }
                    }
                }
            }
        }
        #expect(checked > 50)
    }

    static func stillIn(_ t: Treaty, _ b: Int) -> Bool {
        guard let k = t.parties.firstIndex(of: b) else { return false }
        return t.answers[k] != .rejected && !t.withdrawn[k]
    }

    @Test func mandatesAreNotRepeatedAndHaveFutureDeadlines() {
        var mandates = 0
        for record in ComputerPlayerTests.games.prefix(8) {
            for (t, turn) in record.orders.enumerated() {
                for (b, orders) in turn.enumerated() {
                    let me = record.views[t][b].me!
                    let calendar = record.views[t][b].scenario.calendar
                    for order in orders {
                        guard case .mandate(let sector, let deadline) = order else { continue }
                        mandates += 1
                        let s = record.views[t][b].scenario.sectorIndex(sector)!
                        #expect(me.mandates[s] < 0, "a mandate on \(sector) while one is set")
                        let due = calendar.turnIndex(of: TurnDate.parse(deadline)!)
                        #expect(due > t)
                    }
                }
            }
        }
        #expect(mandates > 20)
    }

    @Test func decryptionOnlyWithACRQCAndAStandardsPowerDisclosesItsOwn() {
        var euHeld = 0
        for record in ComputerPlayerTests.games {
            for (t, turn) in record.orders.enumerated() {
                for (b, orders) in turn.enumerated() where orders.contains(where: { if case .decrypt(true) = $0 { return true }; return false }) {
                    #expect(record.views[t][b].me!.hasCRQC)
                }
            }
            let eu = record.game.state.blocs[Fixture.EU]
            if let since = eu.crqcTurn, since < record.game.state.turn - 2 {
                euHeld += 1
                #expect(eu.crqcPublic, "the EU kept its CRQC secret")
                #expect(!record.orders.contains { $0[Fixture.EU].contains { if case .decrypt(true) = $0 { return true }; return false } })
            }
        }
        #expect(euHeld > 0)
    }

    /// A harvest against the EU, revealed to it by the facilitator: it attributes it publicly or
    /// runs counter-intelligence.
    @Test func aDetectedHarvestIsAttributedOrCountered() {
        var attributed = 0, countered = 0
        for seed: UInt64 in 1..<6 {
            let record = Fixture.play(seed: seed, turns: 8, keepViews: false) { t, _ in
                if t == 0 { return [.order(bloc: "RU", .harvest(target: "EU", active: true))] }
                if t == 1 { return [.facilitator(.reveal(secret: .harvest(by: "RU", target: "EU"), to: ["EU"]))] }
                return []
            }
            let eu = record.orders.dropFirst(2).map { $0[Fixture.EU] }
            if eu.contains(where: { $0.contains { if case .statement(_, .some("RU")) = $0 { return true }; return false } }) { attributed += 1 }
            if eu.contains(where: { $0.contains(.counterIntelligence) }) { countered += 1 }
        }
        #expect(attributed >= 3)
        #expect(countered >= 3)
    }

    /// The same dilemma, answered by a spoiler (security first) and a hedger (prosperity first).
    @Test func dilemmasAreChosenByDoctrine() {
        let scenario = Fixture.scenario { s in
            s.events.append(EventDef(
                id: "choice", title: "Guns or butter", text: "Spend on security or the economy.",
                trigger: Trigger(from: 0, to: 0, chance: 1, when: nil), once: true, effects: [],
                dilemma: Dilemma(blocs: [Fixture.RU, Fixture.IN], options: [
                    DilemmaOption(label: "Harden state networks", effects: [
                        Fixture.effect(.bloc(.current, .pqc(sector: 0)), .add, 0.2, "self.pqc.government += 0.2")]),
                    DilemmaOption(label: "Grow the economy", effects: [
                        Fixture.effect(.bloc(.current, .gdp), .multiply, 1.04, "self.gdp *= 1.04")]),
                ])))
        }
        for seed: UInt64 in 1..<6 {
            let record = Fixture.play(scenario, seed: seed, turns: 2, injectAt: nil, keepViews: false)
            let posed = record.game.state.dilemmas.filter { $0.source == .scenario(scenario.events.count - 1) }
            #expect(posed.count == 2)
            for d in posed {
                #expect(!d.defaulted)
                #expect(d.choice == (d.bloc == Fixture.RU ? 0 : 1), "bloc \(d.bloc) chose \(d.choice ?? -1)")
            }
        }
    }

    @Test func aSpoilerAcceptsLessThanAStandardsPower() {
        // Over the shared games: the standards-power accepts most proposals; the spoiler, which
        // joins only its friends' pacts, accepts a smaller share.
        var spoiler = (yes: 0, no: 0), standards = (yes: 0, no: 0)
        for record in ComputerPlayerTests.games {
            for turn in record.orders {
                for b in [Fixture.RU, Fixture.EU] {
                    for order in turn[b] {
                        guard case .respondTreaty(_, let accept) = order else { continue }
                        if b == Fixture.RU { if accept { spoiler.yes += 1 } else { spoiler.no += 1 } }
                        else { if accept { standards.yes += 1 } else { standards.no += 1 } }
                    }
                }
            }
        }
        #expect(spoiler.no > 0 && standards.yes > 0)
        #expect(standards.yes > standards.no)
        #expect(spoiler.yes * (standards.yes + standards.no) < standards.yes * (spoiler.yes + spoiler.no))
    }
}
