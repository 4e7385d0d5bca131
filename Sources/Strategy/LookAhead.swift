import GameCore

/// The expert's look-ahead: a few candidate order sets — the plan itself and variants of it — are
/// each resolved by the game's own rules on a copy of what the bloc *believes* the state to be
/// (`GameState.believed(from:scenario:)`: its own values exact, everyone else as estimated), and
/// the set whose outcome its doctrine values most is given.
extension Planner {
    /// Turns played forward per candidate: the turn of the orders and one more without new orders,
    /// so that what a split or a mandate starts (paces, Mosca rows) shows in the pillars.
    static let lookAheadTurns = 2
    /// Mixed into the game seed so the look-ahead rolls its own dice: with the game's seed it would
    /// foresee the real breakthroughs, detections and events.
    static let lookAheadSalt: UInt64 = 0x10_0CA4_EAD5_EED5

    /// The look-ahead's seed for this bloc and turn (never the game's).
    var lookAheadSeed: UInt64 {
        var a = SplitMix64(seed: seed ^ Planner.lookAheadSalt)
        let key = a.next() ^ (UInt64(bitPattern: Int64(turn)) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(bitPattern: Int64(me)) &* 0xC2B2_AE3D_27D4_EB4F)
        var b = SplitMix64(seed: key)
        return b.next()
    }

    /// Candidate order sets built from the plan `base`, in a fixed order (the plan first).
    func candidateOrderSets(_ base: [Order]) -> [[Order]] {
        var sets = [base]
        func add(_ set: [Order]) { if !sets.contains(set) { sets.append(set) } }
        // The split, tilted toward migration or toward computing.
        if let target = splitTarget {
            let pqc = Track.pqc.index, computing = Track.computing.index
            let shift = 8.0
            if target[computing] > shift + 1 {
                var c = target; c[computing] -= shift; c[pqc] += shift
                add(withSplit(base, c))
            }
            if target[pqc] > shift + 1 {
                var c = target; c[pqc] -= shift; c[computing] += shift
                add(withSplit(base, c))
            }
        }
        // A mandate the capital did not stretch to: given first, whatever it displaces.
        if let m = costly.firstIndex(where: { if case .mandate = $0.order { return true }; return false }),
           !base.contains(costly[m].order) {
            add(chooseCostly(forcing: m))
        }
        // Restraint: the plan without its hostile acts (new harvests, controls, espionage, breaches).
        let calm = base.filter { !Planner.isProvocative($0) }
        if calm.count < base.count { add(calm) }
        return sets
    }

    /// The plan with its split order replaced by `raw` (left out when it would change nothing).
    func withSplit(_ base: [Order], _ raw: [Double]) -> [Order] {
        var out = base.filter { if case .allocate = $0 { return false }; return true }
        let shares = roundedShares(raw)
        var distance = 0.0
        for k in 0..<shares.count where k < state.allocation.count { distance += abs(shares[k] - state.allocation[k]) }
        if distance >= 1 { out.append(.allocate(shares)) }
        return out
    }

    static func isProvocative(_ order: Order) -> Bool {
        switch order {
        case .harvest(_, let active): return active
        case .imposeControl, .espionage: return true
        case .violateTreaty(_, let violate): return violate
        default: return false
        }
    }

    /// The candidate set whose believed outcome is worth most to the doctrine; the plan itself
    /// unless another does strictly better.
    func lookAhead(_ base: [Order]) -> [Order] {
        let sets = candidateOrderSets(base)
        guard sets.count > 1 else { return base }
        // The expert plans from its full view (see `Autoplay.computerCommands`).
        let believed = GameState.believed(from: view.full!, scenario: scenario)
        let dice = lookAheadSeed
        let bloc = id(me)
        var best = 0
        var bestValue = -Double.infinity
        for (k, set) in sets.enumerated() {
            // Messages change nothing within the horizon; leaving them out saves the engine work.
            var commands: [Command] = []
            for order in set { if case .message = order { continue }; commands.append(.order(bloc: bloc, order)) }
            // The other blocs give no orders: their believed splits and policies simply continue.
            // Only the worth of the state at the horizon counts, so no turn tells its story.
            var s = believed.resolvedTurn(scenario: scenario, seed: dice, commands: commands, narrative: false)
            var played = 1
            while played < Planner.lookAheadTurns && !s.isOver {
                s = s.resolvedTurn(scenario: scenario, seed: dice, commands: [], narrative: false)
                played += 1
            }
            let v = worth(s)
            if v > bestValue + 1e-9 { best = k; bestValue = v }
        }
        return sets[best]
    }

    /// What a state is worth to this bloc: its pillars by the doctrine's weights, plus the points
    /// of the objectives it has met.
    func worth(_ s: GameState) -> Double {
        guard me < s.blocs.count else { return 0 }
        let bloc = s.blocs[me]
        var v = 0.0
        for p in 0..<min(4, bloc.pillars.count, profile.weightCount) { v += profile.weight(p) * bloc.pillars[p] }
        for (k, o) in scenario.blocs[me].objectives.enumerated() where k < bloc.objectives.count && bloc.objectives[k] == .met {
            v += o.points
        }
        return v
    }
}
