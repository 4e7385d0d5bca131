/// Phase 2: export controls and supply — controls imposed and lifted, then each bloc's access to
/// each chokepoint, the premium paid for leaked supply and the penalties of controls.
extension Resolver {
    mutating func controlsPhase() {
        // Imposing and lifting read only the list of controls; the index is built once they are settled.
        for b in 0..<n {
            for k in orders[b].indices where orders[b][k].step == .controls {
                let order = orders[b][k]
                switch order {
                case .imposeControl(let category, let targets): impose(b, category, targets, order)
                case .liftControl(let category, let targets): lift(b, category, targets, order)
                default: break
                }
            }
        }
        rebuildIndex()
        computeAccess()
        chargeControlCosts()
    }

    private mutating func impose(_ b: Int, _ category: ControlCategory, _ ids: [String], _ order: Order) {
        var targets: [Int] = []
        for id in ids {
            guard let t = scenario.blocIndex(id), t != b else { rejectOrder(b, "\(id) cannot be the target of your export control."); return }
            if !state.controls.contains(where: { $0.by == b && $0.target == t && $0.category == category }) { targets.append(t) }
        }
        guard !targets.isEmpty else { rejectOrder(b, "those controls are already in force."); return }
        guard pay(b, order, "an export control") else { return }
        for t in targets {
            state.controls.append(ExportControl(by: b, target: t, category: category, since: turn))
            changeTrust(b, t, by: -6, narrative ? "\(name(b)) controls \(category.rawValue) exports to \(name(t))" : "")
        }
        changeTension(by: Double(targets.count), narrative ? "new export controls by \(name(b))" : "")
        if narrative { news(.controls, "\(name(b)) imposes export controls on \(category.rawValue) against \(targets.map { scenario.blocs[$0].id }.joined(separator: ", ")).", audience: []) }
    }

    private mutating func lift(_ b: Int, _ category: ControlCategory, _ ids: [String], _ order: Order) {
        var lifted: [Int] = []
        for id in ids {
            guard let t = scenario.blocIndex(id) else { continue }
            if let i = state.controls.firstIndex(where: { $0.by == b && $0.target == t && $0.category == category }) {
                state.controls.remove(at: i)
                lifted.append(t)
            }
        }
        guard !lifted.isEmpty else { rejectOrder(b, "there is no such control of yours to lift."); return }
        guard pay(b, order, "lifting an export control") else {
            for t in lifted { state.controls.append(ExportControl(by: b, target: t, category: category, since: turn)) }
            return
        }
        for t in lifted { changeTrust(b, t, by: 3, narrative ? "\(name(b)) lifted controls on \(name(t))" : "") }
        if narrative { news(.controls, "\(name(b)) lifts export controls on \(category.rawValue) against \(lifted.map { scenario.blocs[$0].id }.joined(separator: ", ")).", audience: []) }
    }

    /// How producer `p` restricts `category` toward `t`: 0 = open, 1 = cut by a regime (no leak),
    /// 2 = cut unilaterally (leaks at a premium).
    @inline(__always)
    func restriction(_ p: Int, _ t: Int, _ category: ControlCategory) -> Int {
        index.restriction(category, p, t)
    }

    @inline(__always)
    func isViolating(_ b: Int, _ treaty: Treaty) -> Bool {
        for v in treaty.violations where v.bloc == b && v.active { return true }
        return false
    }

    /// Access to each chokepoint, the supply multiplier and the control penalties of every bloc.
    mutating func computeAccess() {
        // Shares read once into a flat table (chokepoint-major) with each chokepoint's world total,
        // summed in bloc order as before.
        let nc = chokeCount, nn = n * n
        var shares = [Double](repeating: 0, count: nc * n)
        var totals = [Double](repeating: 0, count: nc)
        for o in 0..<n {
            for c in 0..<nc { shares[c * n + o] = state.blocs[o].supply[c] }
        }
        for c in 0..<nc {
            var total = 0.0
            for o in 0..<n { total += shares[c * n + o] }
            totals[c] = total
        }
        // The inner loop below runs blocs × chokepoints × blocs times a turn: it reads the tables
        // through raw buffers, every index in range by construction (the restriction table holds
        // n × n slots per category, the share table n per chokepoint).
        let leak = tuning.leak, premium = tuning.premium
        let componentsBase = TreatyIndex.categoryIndex(.components) * nn
        precondition(index.restrict.count >= componentsBase + nn, "the treaty index does not match the blocs")
        var accessTable = [Double](repeating: 0, count: n * nc)
        var minAccess = [Double](repeating: 1, count: n)
        var burns = [Double](repeating: 0, count: n)
        let n = self.n
        shares.withUnsafeBufferPointer { shares in
            index.restrict.withUnsafeBufferPointer { restrict in
                let components = restrict.baseAddress.unsafelyUnwrapped + componentsBase
                let shares = shares.baseAddress.unsafelyUnwrapped
                for b in 0..<n {
                    var lowest = 1.0
                    var burn = 0.0
                    for c in 0..<nc {
                        let row = shares + c &* n
                        var access = max(0, 1 - totals[c]) + row[b]
                        var leaked = 0.0
                        for p in 0..<n where p != b {
                            let share = row[p]
                            guard share > 0 else { continue }
                            switch components[p &* n &+ b] {   // restriction(p, b, .components)
                            case 0: access += share
                            case 2:
                                access += share * leak
                                leaked += share * leak
                            default: break
                            }
                        }
                        access = clamp(access, 0, 1)
                        accessTable[b * nc + c] = access
                        lowest = min(lowest, access)
                        burn += leaked * premium
                    }
                    minAccess[b] = lowest
                    burns[b] = burn
                }
            }
        }
        var weights = [Double](repeating: 0, count: n)
        for p in 0..<n { weights[p] = state.blocs[p].computing + 1 }
        for b in 0..<n {
            for c in 0..<nc { state.blocs[b].access[c] = accessTable[b * nc + c] }
            supplyMultiplier[b] = 0.35 + 0.65 * minAccess[b]
            premiumBurn[b] = nc > 0 ? clamp(burns[b] / Double(nc), 0, 0.5) : 0
            systemsPenalty[b] = 0.25 * cutWeight(b, .systems, weights)
            softwarePenalty[b] = 0.15 * cutWeight(b, .software, weights)
            talentPenalty[b] = 0.4 * cutWeight(b, .talent, weights)
        }
    }

    /// Share of the rest of the world's quantum capability (by logical qubits) denied to `b`
    /// in a category, counting unilateral cuts only by the part that does not leak.
    @inline(__always)
    private func cutWeight(_ b: Int, _ category: ControlCategory, _ weights: [Double]) -> Double {
        var total = 0.0, cut = 0.0
        for p in 0..<n where p != b {
            let w = weights[p]          // computing + 1
            total += w
            switch restriction(p, b, category) {
            case 1: cut += w
            case 2: cut += w * (1 - tuning.leak)
            default: break
            }
        }
        return total > 0 ? cut / total : 0
    }

    /// Controls cost the imposer trade; regime members share a smaller loss.
    private mutating func chargeControlCosts() {
        for b in 0..<n {
            var count = 0.0
            for c in state.controls where c.by == b { count += 1 }
            guard index.isMember(.exportRegime, b) || !state.controls.isEmpty else { continue }
            for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .exportRegime
                && state.treaties[k].isMember(b) {
                count += 0.5 * Double(state.treaties[k].terms.categories.count * state.treaties[k].terms.targets.count)
                if isViolating(b, state.treaties[k]) {
                    // secret sales to the targets earn revenue
                    change(b, .gdp, by: state.blocs[b].gdp * 0.0005, narrative ? "secret sales to \(possessive(state.treaties[k].name)) targets" : "", secret: true)
                }
            }
            guard count > 0 else { continue }
            let loss = state.blocs[b].gdp * tuning.controlCost * count * dt
            change(b, .gdp, by: -loss, "revenue lost to its export controls")
            state.blocs[b].tradeLoss += count * 0.05 * dt
        }
    }
}
