import GameCore

/// Export controls, harvesting, espionage, counter-intelligence and what to do with a CRQC.
extension Planner {
    // MARK: - Export controls

    func planControls() {
        // One pass over the world's controls: which categories this bloc holds toward each bloc
        // (row = bloc), which of them it would lift, and whether a rival controls it.
        let categories = Planner.controlCategories
        let count = categories.count
        let liftAbove: Double = profile.doctrine == .hedger ? -15 : (profile.hawkishness >= 0.6 ? 15 : -5)
        // (On the stack: a heap array per planner was a measurable share of planning.)
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * n * count) { held in
            held.initialize(repeating: false)
            planControls(held: held, categories: categories, liftAbove: liftAbove)
        }
    }

    private func planControls(held: UnsafeMutableBufferPointer<Bool>, categories: [ControlCategory], liftAbove: Double) {
        let count = categories.count
        // A cooperative doctrine lifts its controls sooner on a bloc it shares a PQC accord or a
        // confidence-building measure with (trust allows it); bits for the first 64 blocs.
        var bridged: UInt64 = 0
        if profile.cooperation >= 0.5 {
            for i in memberTreaties where view.treaties[i].status == .inForce
                && (view.treaties[i].type == .pqcAccord || view.treaties[i].type == .cbm) {
                for m in view.treaties[i].members where m != me && m < 64 { bridged |= 1 << UInt64(m) }
            }
        }
        func liftsAbove(_ t: Int) -> Double { t < 64 && (bridged >> UInt64(t)) & 1 != 0 ? liftAbove - 35 : liftAbove }
        let lift = n * count
        var controlledByRival = false
        if let index = view.controlIndex {
            // This bloc's own controls only, and the blocs controlling it as bits.
            for i in index.held(by: me) {
                let c = view.controls[i]
                if c.target >= 0 && c.target < n {
                    let k = c.category.ordinal
                    held[c.target * count + k] = true
                    if trust[c.target] > liftsAbove(c.target) { held[lift + k * n + c.target] = true }
                }
            }
            let by = index.controlledBy[me]
            for r in rivals where (by >> UInt64(r)) & 1 != 0 { controlledByRival = true }
        } else {
            for c in view.controls {
                if c.by == me && c.target >= 0 && c.target < n {
                    let k = c.category.ordinal
                    held[c.target * count + k] = true
                    if trust[c.target] > liftsAbove(c.target) { held[lift + k * n + c.target] = true }
                }
                if c.target == me && rivals.contains(c.by) { controlledByRival = true }
            }
        }
        // Lift controls on blocs that are no longer rivals (one category a turn).
        for (k, category) in categories.enumerated() {
            var targets: [Int] = []
            for t in 0..<n where held[lift + k * n + t] { targets.append(t) }
            if !targets.isEmpty {
                consider(.liftControl(category: category, targets: targets.map { id($0) }), priority: 1.2)
                break
            }
        }

        guard !rivals.isEmpty else { return }
        // Blocs that control us invite retaliation from the hard-line doctrines.
        let retaliate = (profile.doctrine == .stateDirected || profile.doctrine == .spoiler) && controlledByRival
        let p = 0.25 * profile.hawkishness + (retaliate ? 0.1 : 0)
        guard maybe(p) else { return }
        for (k, category) in categories.enumerated() {
            var targets: [Int] = []
            for r in rivals where !held[r * count + k] && wouldControl(r, category) { targets.append(r) }
            guard !targets.isEmpty else { continue }
            targets.sort()
            consider(.imposeControl(category: category, targets: targets.map { id($0) }), priority: 0.9 + profile.hawkishness)
            return
        }
    }

    /// `ControlCategory.allCases`, as a literal (building `allCases` allocated twice per planner).
    static let controlCategories: [ControlCategory] = [.systems, .components, .software, .talent]

    /// Whether a control of `category` against rival `r` would bite.
    func wouldControl(_ r: Int, _ category: ControlCategory) -> Bool {
        switch category {
        case .components:
            // The rival depends on a chokepoint this bloc produces a real share of.
            let theirs = scenario.blocs[r].supply
            for c in 0..<state.supply.count where state.supply[c] >= 0.15 {
                if c >= theirs.count || theirs[c] < 0.15 { return true }
            }
            return false
        case .systems:
            return profile.hawkishness >= 0.6 && state.computing > 1.2 * view.blocs[r].computing.value
        case .software:
            return profile.doctrine == .techLeader && state.computing >= maxOtherComputing
        case .talent:
            return profile.doctrine == .techLeader && trust[r] < -50
        }
    }

    // MARK: - Harvest now, decrypt later

    func planHarvests() {
        var running = 0
        // (Operations read in place: copying each retained and released its list of who knows.)
        let ops = view.harvests
        for i in ops.indices where ops[i].harvester == me && ops[i].active && ops[i].target < n && ops[i].knownBy[me] {
            let t = ops[i].target
            // Nothing left worth taking, or no longer a rival.
            if exposedShare(t) < 0.03 || (profile.harvestTargets < 3 && trust[t] > 30) {
                give(.harvest(target: id(t), active: false))
                continue
            }
            running += 1
        }
        guard profile.harvestTargets > running else { return }
        for r in rivals {
            var already = false
            for i in ops.indices where ops[i].harvester == me && ops[i].target == r && ops[i].active && ops[i].knownBy[me] { already = true }
            // Start only where clearly more than the stopping level is exposed, so estimates
            // wobbling around it do not switch the operation on and off.
            guard !already, exposedShare(r) >= 0.1 else { continue }
            consider(.harvest(target: id(r), active: true), priority: 1.6 + profile.risk)
            return
        }
    }

    /// The estimated unmigrated share of a bloc's traffic, averaged over sectors.
    func exposedShare(_ t: Int) -> Double {
        var exposed = 0.0
        // (Read from the estimates in place: `view.blocs[t]` copies them.)
        let count = view.blocs.pqcCount(t)
        for s in 0..<count { exposed += 1 - view.blocs.value(t, field: 9 + s) }
        return exposed / Double(max(1, count))
    }

    // MARK: - Espionage and counter-intelligence

    func planEspionage() {
        var target: Int?
        var priority = 1.1 + 0.5 * profile.risk
        if let q = view.qDayBloc, q != me, q < n, view.qDayYears < 3, trust[q] < 30, !view.blocs[q].knownCRQC {
            target = q
            priority += 0.5
        } else if let l = leader, maxOtherComputing > 0.8 * state.computing, trust[l] < 50 || profile.risk > 0.5 {
            target = l
        }
        guard let t = target, maybe(0.05 + 0.25 * profile.risk) else { return }
        consider(.espionage(target: id(t)), priority: priority)
    }

    func planCounterIntelligence() {
        var p = rivals.isEmpty ? 0 : 0.05
        if harvestedByKnown() != nil { p = 0.45 }
        if view.qDayYears < 2 && !state.hasCRQC { p = max(p, 0.25) }
        guard maybe(p) else { return }
        consider(.counterIntelligence, priority: 1.7)
    }

    // MARK: - With a CRQC

    func planCRQC() {
        guard state.hasCRQC else { return }
        var stock = 0.0
        for x in view.stockpileByVictim { stock += x }
        if stock > 0.01 {
            var want = profile.decrypts
            // A tech leader weighs the windfall against a crisis it would be blamed for.
            if profile.doctrine == .techLeader && !state.crqcPublic && view.world.tension > 70 { want = false }
            if want != state.decrypting { give(.decrypt(active: want)) }
        }
        guard !state.crqcPublic else { return }
        var knownBy = 0
        for (o, k) in state.crqcKnownBy.enumerated() where o != me && k { knownBy += 1 }
        var p = profile.disclosure
        // Once most capitals know anyway, the cooperative doctrines take the credit for telling.
        if 2 * knownBy >= n - 1 && profile.doctrine != .spoiler && profile.doctrine != .stateDirected { p = max(p, 0.5) }
        if maybe(p) { give(.discloseCRQC) }
    }
}
