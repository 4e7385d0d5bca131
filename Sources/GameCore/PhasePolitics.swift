/// Phase 7: economy and politics — growth, domestic support, budgets and deadlines.
extension Resolver {
    mutating func politicsPhase() {
        var maxComputing = 1.0
        for b in 0..<n { maxComputing = max(maxComputing, state.blocs[b].computing) }
        for b in 0..<n {
            // The values at the start of the phase (the changes below do not feed each other).
            let computing = state.blocs[b].computing, tradeLoss = state.blocs[b].tradeLoss, gdp = state.blocs[b].gdp
            let support = state.blocs[b].support, prosperity = state.blocs[b].pillars[1], budget = state.blocs[b].budget
            // Growth: a baseline, a bonus for a strong quantum economy, a drag from trade losses.
            let quantumShare = computing / maxComputing
            let growth = 0.02 + 0.006 * quantumShare - min(0.02, tradeLoss * 0.01)
            change(b, .gdp, by: gdp * growth * dt, "economic growth")
            state.blocs[b].tradeLoss *= 1 - 0.1 * dt

            // Support drifts toward 50 and follows prosperity.
            change(b, .support, by: (50 - support) * tuning.supportDrift, "ordinary politics")
            change(b, .support, by: (prosperity - 50) * 0.01, "prosperity")

            // Parliaments trim budgets at low support and grow them at high support.
            if support < 30 {
                change(b, .budget, by: -budget * 0.02, "parliament trims the budget (low support)")
            } else if support > 70 {
                change(b, .budget, by: budget * 0.01, "parliament adds to the budget (high support)")
            }
            if state.blocs[b].scrambleTurns > 0 { state.blocs[b].scrambleTurns -= 1 }
            state.blocs[b].influencePoints *= 1 - 0.05 * dt
        }
        checkDeadlines()
        dropDecayedLots()
    }

    /// Harvested lots whose value has fully decayed are worthless: drops them.
    private mutating func dropDecayedLots() {
        let now = turn, years = dt
        var shelfLife = [Double](repeating: 0, count: sectorCount)
        for s in 0..<sectorCount { shelfLife[s] = scenario.sectors[s].shelfLife }
        state.stockpile.dropLots { Double(now - $0.turn) * years >= shelfLife[$0.sector] }
    }

    private mutating func checkDeadlines() {
        for b in 0..<n where state.blocs[b].mandates.contains(turn) {
            for s in 0..<sectorCount where state.blocs[b].mandates[s] == turn {
                state.blocs[b].mandates[s] = -1
                if state.blocs[b].pqc[s] >= 0.95 {
                    if narrative { news(.investment, "\(name(b)) met its deadline: \(scenario.sectors[s].name) is quantum-safe.", audience: []) }
                    change(b, .support, by: 1, "met a migration deadline")
                } else {
                    if narrative { news(.investment, "\(name(b)) missed its deadline for \(scenario.sectors[s].name) (\(Int(state.blocs[b].pqc[s] * 100)) % migrated).", audience: []) }
                    change(b, .support, by: -3, "missed a migration deadline")
                    // Under an accord the deadline is an observable obligation.
                    // Treaties tested in place; only an accord whose deadline this is gets copied.
                    for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .pqcAccord
                        && state.treaties[k].isMember(b) && state.treaties[k].terms.deadline == turn {
                        let t = state.treaties[k]
                        for m in t.members where m != b { changeTrust(b, m, by: -1, narrative ? "\(name(b)) missed \(possessive(t.name)) deadline" : "") }
                    }
                }
            }
        }
    }
}

extension Array where Element == HarvestLot {
    /// Removes the lots `drop` picks, keeping the others in order — what `removeAll(where:)` does.
    /// A stockpile holds hundreds of lots and an old one goes nearly every turn; `removeAll` then
    /// swapped every later lot into place, where this copies each kept lot down once.
    @inline(__always)
    mutating func dropLots(where drop: (HarvestLot) -> Bool) {
        let kept = withUnsafeMutableBufferPointer { lots -> Int in
            var write = 0
            for read in 0..<lots.count {
                let lot = lots[read]
                if drop(lot) { continue }
                if write != read { lots[write] = lot }
                write += 1
            }
            return write
        }
        removeLast(count - kept)
    }
}
