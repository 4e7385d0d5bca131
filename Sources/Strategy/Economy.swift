import GameCore

/// Budget split, budget size, migration mandates, standard family and QKD.
extension Planner {
    // MARK: - Allocation

    func planAllocation() {
        if level == .novice {
            // A novice revisits its split now and then, by doctrine alone.
            guard turn == 0 || maybe(0.25) else { return }
        }
        // The split and its rounding on the stack: an array is built only for an order given.
        let count = Planner.trackCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * count) { buffer in
            let chosen = UnsafeMutableBufferPointer(rebasing: buffer[0 ..< count])
            let shares = UnsafeMutableBufferPointer(rebasing: buffer[count ..< 2 * count])
            targetAllocation(into: chosen)
            // The expert's look-ahead weighs this split against variants of it.
            if settings.lookAhead { splitTarget = Array(chosen) }
            let rounded = roundShares(UnsafeBufferPointer(chosen), into: shares)
            let given = rounded ? nil : profile.allocation
            var distance = 0.0
            for k in 0..<(given?.count ?? count) where k < state.allocation.count {
                distance += abs((given?[k] ?? shares[k]) - state.allocation[k])
            }
            if distance >= (settings.lookAhead ? 4 : 6) { give(.allocate(given ?? Array(shares))) }
        }
    }

    /// `Track.allCases.count`, counted once.
    static let trackCount = Track.allCases.count

    /// `count` zeros. Six (the tracks) from an array literal: `Array(repeating:count:)` looks up
    /// the array's type at run time, which cost more than the rest of building it.
    @inline(__always)
    static func zeros(_ count: Int) -> [Double] {
        count == 6 ? [0, 0, 0, 0, 0, 0] : [Double](repeating: 0, count: count)
    }

    /// The split the doctrine wants given the situation: half the scenario's own split, half the
    /// doctrine's, then tilted toward whatever is short.
    func targetAllocation() -> [Double] {
        var a = Planner.zeros(Planner.trackCount)
        a.withUnsafeMutableBufferPointer { targetAllocation(into: $0) }
        return a
    }

    /// `targetAllocation()` written into `a` (`Planner.trackCount` places).
    func targetAllocation(into a: UnsafeMutableBufferPointer<Double>) {
        let base = scenario.blocs[me].allocation
        let count = Planner.trackCount
        for k in 0..<count {
            let own = k < base.count ? base[k] : profile.allocation[k]
            a[k] = 0.5 * own + 0.5 * profile.allocation[k]
        }
        let pqc = Track.pqc.index, computing = Track.computing.index, workforce = Track.workforce.index
        let supply = Track.supply.index, communication = Track.communication.index, sensing = Track.sensing.index
        if settings.moscaAware {
            a[pqc] += 16 * moscaPressure
            if view.qDayYears < 5 { a[pqc] += 8 } else if view.qDayYears < 10 { a[pqc] += 4 }
        }
        // Nothing left to migrate: keep a maintenance share only.
        var least = 1.0, mean = 0.0
        for f in state.pqc { least = min(least, f); mean += f }
        mean /= Double(max(1, state.pqc.count))
        if least >= 0.97 { a[pqc] = 2 } else if mean >= 0.9 { a[pqc] *= 0.5 }

        if maxOtherComputing > state.computing * 1.25 {
            a[computing] += 4 + 6 * profile.hawkishness
        } else if state.computing > 1.5 * maxOtherComputing {
            a[computing] -= 3
        }
        let t = talent
        if t < 0.8 { a[workforce] += 6 } else if t > 1.6 { a[workforce] -= 4 }
        let access = minAccess
        if access < 0.85 { a[supply] += min(12, (0.85 - access) * 30) }
        if harvestedByKnown() != nil && scenario.sectors.contains(where: { $0.qkd }) {
            a[communication] += 1 + 3 * profile.qkdAffinity
        }
        for o in rivals where view.blocs[o].sensing.value > state.sensing + 15 {
            a[sensing] += 4
            break
        }
        for k in 0..<count { a[k] = max(1, a[k]) }
    }

    /// Integer percentages summing to exactly 100 (largest remainders, ties by track order).
    func roundedShares(_ raw: [Double]) -> [Double] {
        var floors = Planner.zeros(raw.count)
        let rounded = raw.withUnsafeBufferPointer { raw in floors.withUnsafeMutableBufferPointer { roundShares(raw, into: $0) } }
        return rounded ? floors : profile.allocation
    }

    /// `roundedShares` written into `floors` (as many places as `raw`); false, with `floors`
    /// untouched, when `raw` sums to nothing (the shares are then the doctrine's own).
    func roundShares(_ raw: UnsafeBufferPointer<Double>, into floors: UnsafeMutableBufferPointer<Double>) -> Bool {
        var sum = 0.0
        for x in raw { sum += x }
        guard sum > 0 else { return false }
        let count = raw.count
        // Remainders and the order of tracks by them live on the stack (three arrays and a sort
        // per call were a measurable share of planning).
        withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { remainder in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
                var used = 0.0
                for k in 0..<count {
                    let scaled = raw[k] * 100 / sum
                    let f = scaled.rounded(.down)
                    floors[k] = f
                    remainder[k] = scaled - f
                    used += f
                }
                var left = Int(100 - used)
                // Insertion sort: largest remainder first, ties by track order (a total order, so
                // the same result as any correct sort).
                for k in 0..<count {
                    var j = k
                    while j > 0 && remainder[order[j - 1]] < remainder[k] {
                        order[j] = order[j - 1]
                        j -= 1
                    }
                    order[j] = k
                }
                var i = 0
                while left > 0 && count > 0 {
                    floors[order[i % count]] += 1
                    left -= 1
                    i += 1
                }
            }
        }
        return true
    }

    // MARK: - Budget

    func planBudget() {
        let support = state.support
        let budget = state.budget
        let behind = maxOtherComputing > state.computing * 1.2
        let statist = profile.doctrine == .techLeader || profile.doctrine == .stateDirected
        if support >= 62 || (support >= 52 && statist && (behind || moscaPressure > 0.5)) {
            guard maybe(0.12) else { return }
            let delta = (max(0.05, budget * 0.1) * 100).rounded() / 100
            consider(.changeBudget(delta), priority: 1.2 + 0.01 * (support - 50))
        } else if support <= 35 && budget > 0.05 {
            guard maybe(0.3) else { return }
            let delta = (budget * 0.08 * 100).rounded() / 100
            if delta > 0 { consider(.changeBudget(-delta), priority: 1.6) }
        }
    }

    // MARK: - Mandates

    func planMandates() {
        guard turnsLeft >= 1 else { return }
        var best: (sector: Int, urgency: Double)?
        for s in 0..<min(scenario.sectors.count, state.pqc.count, state.mandates.count) {
            guard state.mandates[s] < 0, state.pqc[s] < 0.9 else { continue }
            let sector = scenario.sectors[s]
            var urgency: Double
            if settings.moscaAware {
                urgency = 0
                if s < view.moscaCount {
                    switch view.mosca(s) {
                    case .red: urgency += 1
                    case .amber: urgency += 0.5
                    case .green: break
                    }
                }
                if view.qDayYears < 15 { urgency += 0.5 * min(1, sector.shelfLife / 25) }
                urgency *= sector.weight
            } else {
                // A novice mandates now and then, without reading the Mosca panel.
                urgency = chance(0.04) ? 1 : 0
            }
            if urgency >= 0.75, best == nil || urgency > best!.urgency + 1e-12 { best = (s, urgency) }
        }
        guard let pick = best else { return }
        // The deadline falls within the game: a mandate nobody will see judged teaches nothing.
        let turns = min(mandateTurns(pick.sector), turnsLeft)
        consider(.mandate(sector: scenario.sectors[pick.sector].id, deadline: label(turn + turns)),
                 priority: 1.8 + pick.urgency)
    }

    /// Turns to a deadline the sector can meet at the pace a mandate buys, with some slack.
    func mandateTurns(_ s: Int) -> Int {
        // The pace without any mandate: last turn's pace may already include one's boost.
        let boosted = max(ordinaryPace(), rule(.pqcBasePace) * 0.4) * rule(.mandateBoost) * 0.9
        let years = max(0, 0.95 - state.pqc[s]) / max(0.001, boosted)
        let turns = Int((years * Double(turnsPerYear)).rounded(.up)) + 1
        return max(2, min(turns, 15 * turnsPerYear))
    }

    /// Yearly migration pace the current PQC spend buys without mandates (the engine's effort curve).
    func ordinaryPace() -> Double {
        let spend = state.budget * (Track.pqc.index < state.allocation.count ? state.allocation[Track.pqc.index] : 0) / 100
        let x = spend / (rule(.pqcHalfSpend) * max(0.001, state.gdp).squareRoot())
        var effort = 0.4 + 1.2 * x / (x + 1)
        effort *= min(1.4, max(0.6, talent.squareRoot()))
        return rule(.pqcBasePace) * effort
    }

    // MARK: - Standard family

    func planStandard() {
        guard turn < scenario.calendar.turnCount / 2 else { return }
        let current = state.standard
        // A PQC accord settles its members' family, except that a bloc still on a national standard
        // may bridge to the world with a hybrid (compatible with every partner, the accord's too):
        // an accord among national-standard blocs must not lock them out of the world's traffic.
        var inAccord = false
        for i in memberTreaties where view.treaties[i].type == .pqcAccord { inAccord = true }
        guard !inAccord || current == .national else { return }
        var want: StandardFamily?
        // The GDP of partners it trusts enough to trade with (trust above −20) that sit on another
        // standard: bridging to them is what a cooperative doctrine wants (issue 14: the doctrines
        // must be able to reach every outcome).
        var otherGDP = 0.0, partnerGDP = 0.0
        for o in 0..<n where o != me && trust[o] > -20 {
            let g = view.blocs[o].gdp.value
            partnerGDP += g
            if view.blocs[o].standard != current { otherGDP += g }
        }
        let isolated = partnerGDP > 0 && otherGDP / partnerGDP > 0.5
        switch profile.doctrine {
        case .spoiler:
            // A spoiler keeps its own standard: a divided world is its opportunity.
            if current != .national && chance(0.1) { want = .national }
        case .stateDirected:
            // A state-directed power keeps national control of its cryptography, but bridges with a
            // hybrid once most of the partners it trusts are on another standard.
            if current == .national && isolated && maybe(0.08) { want = .hybrid }
            else if current != .national && !isolated && chance(0.1) { want = .national }
        case .hedger:
            // Partners on both sides of the divide: bridge them.
            var nist = false, national = false
            for o in 0..<n where o != me && trust[o] > -20 {
                if view.blocs[o].standard == .nist { nist = true }
                if view.blocs[o].standard == .national { national = true }
            }
            if current != .hybrid && nist && national && maybe(0.2) { want = .hybrid }
        case .techLeader, .standardsPower, .middlePower:
            var worldOther = 0.0, world = 0.0
            for o in 0..<n where o != me {
                world += view.blocs[o].gdp.value
                if view.blocs[o].standard != .national { worldOther += view.blocs[o].gdp.value }
            }
            if current == .national && profile.doctrine == .middlePower && world > 0 && worldOther / world > 0.5 && maybe(0.15) {
                // A middle power on a national standard bridges to the world's traffic rather than
                // stand apart, whoever it trusts.
                want = .hybrid
            } else if current == .national {
                var onNist = 0.0, total = 0.0
                for o in 0..<n where o != me && trust[o] > 20 {
                    let g = view.blocs[o].gdp.value
                    total += g
                    if view.blocs[o].standard != .national { onNist += g }
                }
                if total > 0 && onNist / total > 0.5 && maybe(0.1) { want = .nist }
            }
        }
        if let family = want { consider(.chooseStandard(family), priority: 1.0) }
    }

    // MARK: - QKD

    func planQKD() {
        guard scenario.sectors.contains(where: { $0.qkd }) else { return }
        let half = rule(.qkdHalfKm), maxCover = rule(.qkdMaxCover)
        let cover = maxCover * state.qkdKm / (state.qkdKm + half)
        guard cover < 0.9 * maxCover else { return }
        var p = 0.2 * profile.qkdAffinity
        if harvestedByKnown() != nil { p += 0.1 }
        guard maybe(p) else { return }
        let satellite = profile.qkdAffinity > 0.5 && state.qkdSatellites < 2 && chance(0.25)
        let billion = (min(1, max(0.05, state.budget * 0.1)) * 100).rounded() / 100
        consider(.deployQKD(billion: billion, satellite: satellite), priority: 1.0 + 0.5 * profile.qkdAffinity)
    }

    /// A known, active harvest against this bloc by another, if any (the first by harvester index).
    func harvestedByKnown() -> Int? { knownHarvester }

    /// `harvestedByKnown()`, worked out once per planner (several areas ask; the view does not
    /// change), reading the operations in place.
    func findKnownHarvester() -> Int? {
        var found: Int?
        let ops = view.harvests
        for i in ops.indices where ops[i].target == me && ops[i].harvester != me && ops[i].active
            && ops[i].knownBy.indices.contains(me) && ops[i].knownBy[me] {
            if found == nil || ops[i].harvester < found! { found = ops[i].harvester }
        }
        return found
    }
}
