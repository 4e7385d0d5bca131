/// The canonical state hash, written out field by field in a fixed order. It is the desync
/// check of replays and saves, so every field of `GameState` must be fed here; the Codable-based
/// `CanonicalHash` walks the same data and a test checks both change together.
extension GameState {
    public var canonicalHash: String {
        var h = StableHasher()
        feed(into: &h)
        return h.hexDigest
    }

    func feed(into h: inout StableHasher) {
        h.combine(turn)
        h.combine(blocs.count)
        for b in blocs { b.feed(into: &h) }
        h.combine(trust.count)
        for t in trust { h.combine(t) }
        h.combine(world.tension); h.combine(world.governance); h.combine(world.fragmentation)
        h.combine(world.crqcLogicalQubits); h.combine(world.catastrophe)
        h.combine(treaties.count)
        for t in treaties { t.feed(into: &h) }
        h.combine(controls.count)
        for c in controls { h.combine(c.by); h.combine(c.target); h.combine(c.category.rawValue); h.combine(c.since) }
        h.combine(harvests.count)
        for o in harvests {
            h.combine(o.harvester); h.combine(o.target); h.combine(o.since); h.combine(o.active)
            h.combine(o.detectedTurn ?? -99); GameCore.feed(o.knownBy, &h)
        }
        h.combine(stockpile.count)
        for l in stockpile { h.combine(l.harvester); h.combine(l.victim); h.combine(l.sector); h.combine(l.turn); h.combine(l.volume) }
        h.combine(archive.count)
        for a in archive {
            h.combine(a.harvester); h.combine(a.victim); h.combine(a.sector); h.combine(a.harvestedTurn)
            h.combine(a.readTurn); h.combine(a.volume); h.combine(a.value)
        }
        h.combine(messages.count)
        for m in messages {
            h.combine(m.id); h.combine(m.turn); h.combine(m.from); h.combine(m.to); h.combine(m.text)
            h.combine(m.senderProtection); h.combine(m.receiverProtection); h.combine(m.quantumSafe)
            GameCore.feed(m.harvestedBy, &h)
            h.combine(m.readBy.count)
            for r in m.readBy { h.combine(r.bloc); h.combine(r.turn) }
        }
        GameCore.feed(eventFired, &h)
        h.combine(dilemmas.count)
        for d in dilemmas {
            h.combine(d.id); d.source.feed(into: &h); h.combine(d.bloc); h.combine(d.posedTurn)
            h.combine(d.choice ?? -99); h.combine(d.defaulted)
        }
        h.combine(freeActions.count)
        for a in freeActions {
            h.combine(a.id); h.combine(a.bloc); h.combine(a.turn); h.combine(a.text); h.combine(a.intent)
            h.combine(a.status.rawValue); h.combine(a.reason)
            h.combine(a.effects.count)
            for e in a.effects { h.combine(e) }
        }
        h.combine(news.count)
        for item in news {
            h.combine(item.turn); h.combine(item.kind.rawValue); h.combine(item.text); GameCore.feed(item.audience, &h)
        }
        h.combine(ledger.count)
        for e in ledger {
            h.combine(e.subject); h.combine(e.indicator); h.combine(e.cause); h.combine(e.amount); h.combine(e.secret)
        }
        h.combine(history.count)
        for r in history {
            h.combine(r.turn); h.combine(r.tension); h.combine(r.governance); h.combine(r.fragmentation); h.combine(r.crqcLogicalQubits)
            h.combine(r.blocs.count)
            for b in r.blocs {
                h.combine(b.computing); h.combine(b.sensing); h.combine(b.qkdKm); h.combine(b.workforce); h.combine(b.support)
                h.combine(b.gdp); h.combine(b.budget); GameCore.feed(b.pqc, &h); GameCore.feed(b.pillars, &h); h.combine(b.score)
                h.combine(b.exposure); h.combine(b.hasCRQC)
                h.combine(b.mosca.count)
                for m in b.mosca { h.combine(m.rawValue) }
            }
        }
        GameCore.feed(intelFreshness, &h)
        if let o = outcome { h.combine(true); h.combine(o.id); h.combine(o.title); h.combine(o.explanation) } else { h.combine(false) }
        h.combine(nextTreatyID); h.combine(nextMessageID); h.combine(nextDilemmaID); h.combine(nextActionID)
        // Fed only when set, so the hashes of games without a timer do not change.
        if let t = timer { h.combine("timer"); h.combine(t.minutes); h.combine(t.atZero.rawValue); h.combine(t.paused) }
    }
}

@inline(__always) func feed(_ xs: [Double], _ h: inout StableHasher) { h.combine(xs.count); for x in xs { h.combine(x) } }
@inline(__always) func feed(_ xs: [Int], _ h: inout StableHasher) { h.combine(xs.count); for x in xs { h.combine(x) } }
@inline(__always) func feed(_ xs: [Bool], _ h: inout StableHasher) { h.combine(xs.count); for x in xs { h.combine(x) } }

extension BlocState {
    func feed(into h: inout StableHasher) {
        h.combine(gdp); h.combine(budget); h.combine(capitalIncome); h.combine(capital); h.combine(support)
        GameCore.feed(allocation, &h)
        h.combine(computing); h.combine(sensing); h.combine(qkdKm); h.combine(qkdSatellites); h.combine(workforce)
        GameCore.feed(pipeline, &h)
        h.combine(sigint); h.combine(counterintel); h.combine(standard.rawValue)
        GameCore.feed(pqc, &h); GameCore.feed(pqcPace, &h); h.combine(computingGrowthRate)
        GameCore.feed(mandates, &h); GameCore.feed(supply, &h); GameCore.feed(access, &h)
        h.combine(crqcTurn ?? -99); h.combine(crqcPublic); GameCore.feed(crqcKnownBy, &h)
        h.combine(decrypting); h.combine(scrambleTurns); h.combine(counterCampaign); h.combine(breakthroughs)
        GameCore.feed(pillars, &h); h.combine(score)
        h.combine(objectives.count)
        for o in objectives { h.combine(o.rawValue) }
        GameCore.feed(objectivesRevealedTo, &h); GameCore.feed(exposure, &h)
        h.combine(windfall); h.combine(influencePoints); h.combine(tradeLoss)
        // Fed only when set, so a snapshot from before these fields existed keeps its recorded hash.
        if let e = errorRate { h.combine("errorRate"); h.combine(e) }
        if let r = selfReliance { h.combine("selfReliance"); h.combine(r) }
    }
}

extension Treaty {
    func feed(into h: inout StableHasher) {
        h.combine(id); h.combine(type.rawValue); h.combine(name); h.combine(proposer)
        GameCore.feed(parties, &h)
        h.combine(answers.count)
        for a in answers { h.combine(a.rawValue) }
        GameCore.feed(ratifyAt, &h); GameCore.feed(withdrawn, &h)
        h.combine(status.rawValue); h.combine(proposedTurn)
        h.combine(signedTurn ?? -99); h.combine(inForceTurn ?? -99); h.combine(endedTurn ?? -99)
        h.combine(terms.family?.rawValue ?? "-"); h.combine(terms.deadline ?? -99)
        h.combine(terms.categories.count)
        for c in terms.categories { h.combine(c.rawValue) }
        GameCore.feed(terms.targets, &h); GameCore.feed(terms.sectors, &h)
        h.combine(terms.host ?? -99); h.combine(terms.contribution ?? -1)
        h.combine(violations.count)
        for v in violations {
            h.combine(v.bloc); h.combine(v.since); h.combine(v.active); h.combine(v.detectedTurn ?? -99); GameCore.feed(v.knownBy, &h)
        }
    }
}

extension EventSource {
    func feed(into h: inout StableHasher) {
        switch self {
        case .scenario(let i): h.combine(1); h.combine(i)
        case .inject(let i): h.combine(2); h.combine(i)
        case .custom(let title): h.combine(3); h.combine(title)
        }
    }
}
