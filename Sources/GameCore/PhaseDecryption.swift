/// Phase 5: CRQC and decryption — who crosses the threshold, disclosures, reading of harvested
/// stockpiles and messages, and the crises that detection brings.
extension Resolver {
    mutating func decryptionPhase() {
        for b in 0..<n {
            for k in orders[b].indices where orders[b][k].step == .decryption {
                let order = orders[b][k]
                switch order {
                case .decrypt(let active):
                    if active && !state.blocs[b].hasCRQC { rejectOrder(b, "you cannot decrypt without a CRQC."); continue }
                    state.blocs[b].decrypting = active
                case .discloseCRQC:
                    guard state.blocs[b].hasCRQC else { rejectOrder(b, "you have no CRQC to disclose."); continue }
                    guard !state.blocs[b].crqcPublic else { continue }
                    state.blocs[b].influencePoints += DisclosureCost.influence
                    crqcExposed(b, cause: "\(name(b)) disclosed its CRQC", severity: DisclosureCost.severity)
                default: break
                }
            }
        }
        for b in 0..<n where !state.blocs[b].hasCRQC && state.blocs[b].computing >= state.world.crqcLogicalQubits {
            state.blocs[b].crqcTurn = turn
            news(.crqc, "Your programme has built a cryptographically relevant quantum computer. Only you know — for now.", audience: [b])
        }
        for b in 0..<n where state.blocs[b].hasCRQC && state.blocs[b].decrypting { decrypt(b) }
        // A catastrophe is judged by each victim's own exposure: it happens when the blocs whose read
        // secrets pass `catastropheExposure` hold a quarter of world GDP (a few big victims, or many).
        var victimsGDP = 0.0, worldGDP = 0.0
        for b in 0..<n {
            var own = 0.0
            for x in state.blocs[b].exposure { own += x }
            worldGDP += state.blocs[b].gdp
            if own >= tuning.catastropheExposure { victimsGDP += state.blocs[b].gdp }
        }
        if !state.world.catastrophe && worldGDP > 0 && victimsGDP >= 0.25 * worldGDP {
            state.world.catastrophe = true
            news(.crqc, "Harvest catastrophe: so many harvested secrets have been read that trust in digital government and finance is breaking down.", audience: [])
            changeTension(by: 10, "harvest catastrophe")
            for b in 0..<n { change(b, .support, by: -5, "harvest catastrophe") }
        }
    }

    /// A CRQC becomes public: crisis, trust loss toward the holder and a scramble to migrate.
    /// `severity` 1 = caught decrypting, lower for a voluntary disclosure.
    mutating func crqcExposed(_ h: Int, cause: String, severity: Double) {
        state.blocs[h].crqcPublic = true
        for o in 0..<n { state.blocs[h].crqcKnownBy[o] = true }
        if narrative { news(.crqc, "Crisis: \(name(h)) has a cryptographically relevant quantum computer. Governments scramble to migrate.", audience: []) }
        var deescalate = 1.0
        if state.treaties.contains(where: { $0.status == .inForce && $0.type == .cbm && $0.isMember(h) }) { deescalate = 0.5 }
        changeTension(by: tuning.crisisTension * severity * deescalate, cause)
        for o in 0..<n where o != h {
            changeTrust(h, o, by: -tuning.crisisTrust * severity, cause)
            state.blocs[o].scrambleTurns = max(state.blocs[o].scrambleTurns, 2 * scenario.calendar.turnsPerYear)
        }
    }

    /// Current value of one unit of a sector's traffic harvested in `harvested`: max(0, 1 − age/shelfLife).
    func decayFactor(sector s: Int, harvested: Int) -> Double {
        let age = Double(turn - harvested) * dt
        return max(0, 1 - age / scenario.sectors[s].shelfLife)
    }

    private mutating func decrypt(_ h: Int) {
        var budget = tuning.decryptRate * min(5, state.blocs[h].computing / state.world.crqcLogicalQubits)
        guard budget > 0 else { return }
        // Sectors shielded by a cryptanalysis norm the harvester keeps.
        var shielded = [Bool](repeating: false, count: sectorCount)
        var normBroken: Treaty?
        for k in state.treaties.indices where state.treaties[k].status == .inForce && state.treaties[k].type == .cryptanalysisNorm
            && state.treaties[k].isMember(h) {
            let t = state.treaties[k]     // only the norms the harvester is bound by are copied
            if isViolating(h, t) { normBroken = t; continue }
            for s in t.terms.sectors where s < sectorCount { shielded[s] = true }
        }
        // Most valuable lots first; ties broken by position for determinism.
        var candidates: [(value: Double, index: Int)] = []
        for (i, lot) in state.stockpile.enumerated() where lot.harvester == h && !shielded[lot.sector] {
            let unit = scenario.sectors[lot.sector].weight * decayFactor(sector: lot.sector, harvested: lot.turn)
            if unit > 0 { candidates.append((unit, i)) }
        }
        candidates.sort { $0.value != $1.value ? $0.value > $1.value : $0.index < $1.index }
        var readValue = 0.0
        var victims: [Int] = []
        var readNormSectors = false
        // One cause text per victim and sector, built when first needed (a stockpile holds hundreds
        // of lots), and only in a told turn: the why-ledger is all that reads it.
        var causes = [String?](repeating: nil, count: candidates.isEmpty || !narrative ? 0 : n * sectorCount)
        for (unit, i) in candidates {
            guard budget > 1e-9 else { break }
            let lot = state.stockpile[i]
            let take = min(lot.volume, budget)
            budget -= take
            state.stockpile[i].volume -= take
            let value = take * unit
            readValue += value
            if let t = normBroken, t.terms.sectors.contains(lot.sector) { readNormSectors = true }
            state.archive.append(DecryptRecord(harvester: h, victim: lot.victim, sector: lot.sector, harvestedTurn: lot.turn,
                                               readTurn: turn, volume: take, value: value))
            state.blocs[h].windfall += value
            if narrative {
                let ci = lot.victim * sectorCount + lot.sector
                if causes[ci] == nil { causes[ci] = "read \(owner(lot.victim)) \(scenario.sectors[lot.sector].name) traffic" }
                record(h, "windfall", causes[ci]!, value, secret: true)
            }
            state.blocs[lot.victim].exposure[lot.sector] += value
            record(lot.victim, "exposure", "secrets read by a hidden adversary", value, secret: true)
            if financial[lot.sector] { state.blocs[lot.victim].tradeLoss += value * 0.3 }
            if !victims.contains(lot.victim) { victims.append(lot.victim) }
            state.intelFreshness[h * n + lot.victim] = max(state.intelFreshness[h * n + lot.victim], 2)
        }
        let now = turn, years = dt, sectors = scenario.sectors
        state.stockpile.dropLots { $0.volume <= 1e-9 || ($0.harvester == h && Double(now - $0.turn) * years >= sectors[$0.sector].shelfLife) }
        // Harvested negotiation messages are small: read them all.
        var read = 0
        for i in state.messages.indices where state.messages[i].harvestedBy.contains(h) && !state.messages[i].readBy.contains(where: { $0.bloc == h }) {
            state.messages[i].readBy.append(MessageRead(bloc: h, turn: turn))
            read += 1
        }
        if readValue > 0 || read > 0 {
            if narrative { news(.crqc, "Your CRQC read harvested traffic worth \(fmt(readValue)) (from \(victims.sorted().map { scenario.blocs[$0].id }.joined(separator: ", ")))" +
                 (read > 0 ? " and \(read) intercepted negotiation message\(read == 1 ? "" : "s")." : "."), audience: [h]) }
        }
        guard readValue > 0 else { return }
        var dice = rng(.decryption, item: h)
        var p = tuning.decryptDetect * (1 + min(2, readValue / 5))
        if victims.contains(where: { verified(h, among: [$0]) }) { p += 0.1 }
        if dice.chance(min(0.95, p)) && !state.blocs[h].crqcPublic {
            crqcExposed(h, cause: "\(name(h)) was caught decrypting harvested traffic", severity: 1)
            for v in victims { change(v, .support, by: -4, narrative ? "its secrets were read by \(name(h))" : "") }
        }
        if readNormSectors, let t = normBroken, let ti = state.treaties.firstIndex(where: { $0.id == t.id }) {
            // Reading protected sectors makes the violation likelier to surface.
            for k in state.treaties[ti].violations.indices where state.treaties[ti].violations[k].bloc == h && state.treaties[ti].violations[k].detectedTurn == nil {
                if dice.chance(0.1) {
                    state.treaties[ti].violations[k].detectedTurn = turn
                    for o in 0..<n { state.treaties[ti].violations[k].knownBy[o] = true }
                    if narrative { news(.diplomacy, "\(name(h)) was caught reading sectors protected by \(t.name).", audience: []) }
                    for m in t.members where m != h { changeTrust(h, m, by: -20, narrative ? "\(name(h)) broke \(t.name)" : "") }
                }
            }
        }
    }
}
