import GameCore

/// Builds a `Debrief` by replaying a game turn by turn from its scenario, seed and command log,
/// comparing the state before and after each turn and keeping each turn's why-ledger (the state
/// only holds the last one).
public enum DebriefBuilder {
    /// The report of the game that `log` plays from `scenario` and `seed`. Turns after the end are ignored.
    /// `branches` are the saves the game was rewound from, nearest first (see `BranchStep`).
    public static func build(scenario: Scenario, seed: UInt64, log: [[Command]], branches: [BranchStep] = []) -> Debrief {
        var game = Game(scenario: scenario, seed: seed)
        var c = Collector(scenario: scenario)
        c.branches = branches
        for commands in log {
            guard !game.isOver else { break }
            let before = game.state
            game.resolve(commands)
            c.observe(before: before, after: game.state, commands: commands)
        }
        return c.finish(game.state, seed: seed)
    }

    /// The report of a game in progress or finished (its log is replayed from the start).
    public static func build(_ game: Game) -> Debrief {
        build(scenario: game.scenario, seed: game.seed, log: game.log)
    }
}

/// Ledger causes grouped per turn and cause.
struct CauseGroup {
    var turn: Int
    var cause: String
    var weight: Double
    var effects: [LedgerEffect]
    var effectWeights: [Double]
}

struct Collector {
    let scenario: Scenario
    let ids: [String]
    var timeline: [TimelineEntry] = []
    /// Index in `timeline` of each free action's submission, by action id.
    var freeActionEntries: [(id: Int, entry: Int)] = []
    var groups: [CauseGroup] = []
    var digests: [TurnDigest] = []
    var catastropheTurn: Int?
    var crqcPublicTurn: [Int?]
    var rejectedRulings: [(bloc: Int, turn: Int, text: String, reason: String)] = []
    var defaultedDilemmas: [(bloc: Int, turn: Int, title: String, label: String)] = []
    var computerGiven: [ComputerOrders] = []
    var branches: [BranchStep] = []
    /// Trust matrices at the end of each turn.
    var trustTurns: [[Double]] = []
    /// Each proposal's name when first seen (a treaty signed by fewer parties is renamed).
    var proposalNames: [(id: Int, name: String)] = []
    /// When each party answered each proposal, and whether it answered at all or ran out of time.
    var answerTimes: [(treaty: Int, bloc: Int, turn: Int, timedOut: Bool)] = []
    /// Candidate chart markers with a priority (lower first).
    var markerCandidates: [(priority: Int, marker: ChartMarker)] = []
    /// Per bloc, who learned of its CRQC before it was public, and when.
    var crqcLearned: [[(bloc: Int, turn: Int)]]
    /// Decisions of each delegation worth a line on its card.
    var decisions: [(bloc: Int, turn: Int, text: String)] = []

    init(scenario: Scenario) {
        self.scenario = scenario
        ids = scenario.blocs.map(\.id)
        crqcPublicTurn = [Int?](repeating: nil, count: scenario.blocs.count)
        crqcLearned = [[(bloc: Int, turn: Int)]](repeating: [], count: scenario.blocs.count)
    }

    mutating func mark(_ t: Int, _ priority: Int, _ text: String) {
        markerCandidates.append((priority, ChartMarker(turn: t, label: label(t), text: text)))
    }

    func name(_ b: Int) -> String { b >= 0 && b < scenario.blocs.count ? scenario.blocs[b].name : "an unknown bloc" }
    func label(_ t: Int) -> String { scenario.calendar.label(t) }

    mutating func add(_ turn: Int, _ kind: TimelineKind, _ blocs: [Int], _ text: String, secret: Bool = false) {
        let list = blocs.filter { $0 >= 0 && $0 < ids.count }.map { ids[$0] }
        timeline.append(TimelineEntry(turn: turn, label: label(turn), kind: kind, blocs: list, text: tidyQuotes(text), secret: secret))
    }

    // MARK: - One turn

    mutating func observe(before: GameState, after: GameState, commands: [Command]) {
        let t = before.turn
        // Free actions are submitted in the diplomacy phase, before the facilitator's rulings,
        // injects and events of the events phase: a same-turn ruling follows its proposal.
        freeActions(t, after: after)
        facilitatorActions(t, before: before, after: after, commands: commands)
        events(t, before: before, after: after)
        dilemmas(t, before: before, after: after)
        treaties(t, before: before, after: after)
        crqc(t, before: before, after: after, commands: commands)
        intelligence(t, before: before, after: after)
        if let outcome = after.outcome, before.outcome == nil {
            add(t, .outcome, [], "The game ended: \(outcome.title). \(outcome.explanation)")
        }
        proposals(t, before: before, after: after, commands: commands)
        trustTurns.append(after.trust)
        ledger(t, before: before, after: after)
        computerGiven += computerOrders(t, commands: commands)
    }

    /// Answers given this turn, and whether a party answered or let the time run out.
    private mutating func proposals(_ t: Int, before: GameState, after: GameState, commands: [Command]) {
        for tr in after.treaties {
            let old = before.treaties.first { $0.id == tr.id }
            if old == nil {
                proposalNames.append((tr.id, tr.name))
                decisions.append((tr.proposer, t, "Proposed \(tr.name) to \(join(tr.parties.filter { $0 != tr.proposer }.map(name)))."))
            }
            for k in tr.parties.indices where k < tr.answers.count && tr.answers[k] != .pending && tr.parties[k] != tr.proposer {
                let was = old.map { k < $0.answers.count ? $0.answers[k] : .pending } ?? .pending
                guard was == .pending else { continue }
                let b = tr.parties[k]
                let answered = commands.contains {
                    if case .order(let id, .respondTreaty(let treaty, _)) = $0 { return treaty == tr.id && id == ids[b] }
                    return false
                }
                answerTimes.append((tr.id, b, t, !answered))
                if answered {
                    decisions.append((b, t, "\(tr.answers[k] == .accepted ? "Accepted" : "Rejected") \(possessive(name(tr.proposer))) proposed \(proposalNames.first { $0.id == tr.id }?.name ?? tr.name)."))
                }
            }
        }
        for b in after.blocs.indices where b < before.blocs.count && !after.blocs[b].crqcPublic {
            for o in after.blocs[b].crqcKnownBy.indices where o != b && after.blocs[b].crqcKnownBy[o]
                && !(o < before.blocs[b].crqcKnownBy.count && before.blocs[b].crqcKnownBy[o]) {
                crqcLearned[b].append((o, t))
            }
        }
    }

    private func blocList(_ ids: [String]) -> String {
        ids.isEmpty ? "every delegation" : join(ids.map { scenario.blocIndex($0).map(name) ?? $0 })
    }

    private mutating func facilitatorActions(_ t: Int, before: GameState, after: GameState, commands: [Command]) {
        for command in commands {
            guard case .facilitator(let action) = command else { continue }
            switch action {
            case .inject(let id):
                if let card = scenario.injects.first(where: { $0.id == id }) {
                    add(t, .facilitator, [], "The facilitator injected “\(card.title)”: \(firstSentence(card.text))")
                    mark(t, 3, "Inject: \(card.title)")
                } else {
                    add(t, .facilitator, [], "The facilitator tried to inject “\(id)”, which is not in this scenario's deck.")
                }
            case .customEvent(let title, let text, _):
                add(t, .facilitator, [], "The facilitator introduced an event, “\(title)”: \(firstSentence(text))")
                mark(t, 3, "Event: \(title)")
            case .adjust(let effect, let reason):
                let blocs = blocsNamed(in: effect)
                add(t, .facilitator, blocs, "The facilitator adjusted \(effect.source). Reason given: “\(reason)”.")
            case .ruling(let id, let accept, let effects, let reason):
                // The ruling took effect if the action was pending before the turn, or was submitted
                // this turn (its id predicted) and now carries the ruling's status.
                let ruled: FreeActionStatus = accept ? .accepted : .rejected
                let was = before.freeActions.first { $0.id == id }
                guard let a = after.freeActions.first(where: { $0.id == id }),
                      was?.status == .pending || (was == nil && a.turn == t && a.status == ruled) else {
                    add(t, .facilitator, [], "The facilitator ruled on action #\(id), which was not waiting for a ruling.")
                    continue
                }
                let what = accept
                    ? "accepted \(possessive(name(a.bloc))) action #\(id) (“\(clip(a.text, 90))”)" +
                      (effects.isEmpty ? "" : " with the effects \(effects.map(\.source).joined(separator: "; "))")
                    : "rejected \(possessive(name(a.bloc))) action #\(id) (“\(clip(a.text, 90))”)"
                // Only the proposing delegation heard the ruling (its news goes to that bloc alone).
                add(t, .facilitator, [a.bloc], "The facilitator \(what). Reason given: “\(reason)”.", secret: true)
                if !accept { rejectedRulings.append((a.bloc, a.turn, a.text, reason)) }
            case .reveal(let secret, let to):
                let whom = to.isEmpty ? "everyone" : blocList(to)
                switch secret {
                case .crqc(let id):
                    if let b = scenario.blocIndex(id), after.blocs[b].hasCRQC {
                        add(t, .facilitator, [b], "The facilitator revealed to \(whom) that \(name(b)) has a CRQC.")
                    } else {
                        add(t, .facilitator, indices([id]), "The facilitator tried to reveal a CRQC of \(blocList([id])), which had none; nothing was revealed.")
                    }
                case .harvest(let by, let target):
                    add(t, .facilitator, indices([by, target]), "The facilitator revealed to \(whom) that \(blocList([by])) harvests \(possessive(blocList([target]))) traffic.")
                case .violation(let treaty, let id):
                    let tname = after.treaties.first { $0.id == treaty }?.name ?? "treaty #\(treaty)"
                    add(t, .facilitator, indices([id]), "The facilitator revealed to \(whom) that \(blocList([id])) breaks \(tname).")
                case .objectives(let id):
                    add(t, .facilitator, indices([id]), "The facilitator revealed \(possessive(blocList([id]))) secret objectives to \(whom).")
                }
            case .timer(let timer):
                if let timer {
                    let atZero = timer.atZero == .wait ? "at zero the turn waited" : "at zero the computer gave missing orders"
                    add(t, .facilitator, [], "The facilitator set a turn timer of \(timer.minutes) minute\(timer.minutes == 1 ? "" : "s"); \(atZero)\(timer.paused ? " (paused)" : "").")
                } else {
                    add(t, .facilitator, [], "The facilitator cleared the turn timer.")
                }
            }
        }
    }

    private func indices(_ list: [String]) -> [Int] { list.compactMap { scenario.blocIndex($0) } }

    /// The blocs an effect changes, when it names them.
    private func blocsNamed(in effect: Effect) -> [Int] {
        func one(_ ref: BlocRef) -> [Int] {
            if case .bloc(let b) = ref, b >= 0 && b < ids.count { return [b] }
            return []
        }
        switch effect.target {
        case .bloc(let ref, _): return one(ref)
        case .trust(let a, let b): return one(a) + one(b)
        case .world, .turn: return []
        }
    }

    private mutating func events(_ t: Int, before: GameState, after: GameState) {
        for i in scenario.events.indices where i < after.eventFired.count && after.eventFired[i] > before.eventFired[i] {
            let e = scenario.events[i]
            add(t, .event, [], "\(e.title): \(firstSentence(e.text))")
        }
    }

    private func eventDef(_ source: EventSource) -> EventDef? {
        switch source {
        case .scenario(let i): return i < scenario.events.count ? scenario.events[i] : nil
        case .inject(let i): return i < scenario.injects.count ? scenario.injects[i] : nil
        case .custom: return nil
        }
    }

    /// Blocs that answered the same dilemma the same way in the same turn share one entry.
    private mutating func dilemmas(_ t: Int, before: GameState, after: GameState) {
        var answers: [(title: String, option: String, defaulted: Bool, blocs: [Int])] = []
        for d in after.dilemmas {
            guard let choice = d.choice, let def = eventDef(d.source), let dilemma = def.dilemma, choice < dilemma.options.count else { continue }
            guard before.dilemmas.first(where: { $0.id == d.id })?.choice == nil else { continue }
            let option = dilemma.options[choice].label
            if d.defaulted { defaultedDilemmas.append((d.bloc, t, def.title, option)) }
            if let k = answers.firstIndex(where: { $0.title == def.title && $0.option == option && $0.defaulted == d.defaulted }) {
                answers[k].blocs.append(d.bloc)
            } else {
                answers.append((def.title, option, d.defaulted, [d.bloc]))
            }
        }
        for a in answers where !a.defaulted {
            add(t, .dilemma, a.blocs, "\(join(a.blocs.map(name))) chose “\(a.option)” on “\(a.title)”.")
            for b in a.blocs { decisions.append((b, t, "Chose “\(a.option)” on “\(a.title)”.")) }
        }
        // Dilemmas left to their default are many and alike: one line per turn says them all.
        let defaults = answers.filter(\.defaulted)
        if !defaults.isEmpty {
            var blocs: [Int] = []
            for a in defaults { for b in a.blocs where !blocs.contains(b) { blocs.append(b) } }
            add(t, .dilemma, blocs, "No choice was entered in time, so the default applied: " +
                defaults.map { "“\($0.option)” on “\($0.title)” for \(join($0.blocs.map { ids[$0] }))" }.joined(separator: "; ") + ".")
        }
    }

    private mutating func freeActions(_ t: Int, after: GameState) {
        for a in after.freeActions where a.turn == t {
            freeActionEntries.append((a.id, timeline.count))
            // Free actions are seen by their delegation and the facilitator only.
            decisions.append((a.bloc, t, "Proposed to the facilitator: “\(clip(a.text, 120))”."))
            add(t, .freeAction, [a.bloc], "\(name(a.bloc)) proposed action #\(a.id): “\(clip(a.text, 300))”" +
                (a.intent.isEmpty ? "." : " (intent: \(clip(a.intent, 160)))."), secret: true)
        }
    }

    private mutating func treaties(_ t: Int, before: GameState, after: GameState) {
        for tr in after.treaties {
            let old = before.treaties.first { $0.id == tr.id }
            if tr.signedTurn == t && old?.signedTurn == nil {
                let kind = tr.name.lowercased().contains(tr.type.title.lowercased()) ? "" : " (\(tr.type.lowerTitle))"
                add(t, .treaty, tr.members, "\(tr.name)\(kind) was signed by \(join(tr.members.map(name))).")
            }
            if tr.inForceTurn == t && old?.inForceTurn == nil {
                add(t, .treaty, tr.members, "\(tr.name) entered into force.")
                // Treaties of many members are the landmarks; ranked after the rarer events by size.
                if tr.members.count >= 3 { mark(t, 10 - min(5, tr.members.count), "\(tr.name) in force") }
            }
            if let old {
                for k in tr.parties.indices where k < old.withdrawn.count && tr.withdrawn[k] && !old.withdrawn[k] {
                    add(t, .treaty, [tr.parties[k]], "\(name(tr.parties[k])) withdrew from \(tr.name).")
                    decisions.append((tr.parties[k], t, "Withdrew from \(tr.name)."))
                }
                if tr.status == .dissolved && old.status != .dissolved && (old.status == .inForce || old.status == .signed) {
                    add(t, .treaty, tr.parties, "\(tr.name) dissolved.")
                }
            }
            for v in tr.violations {
                let was = old?.violations.first { $0.bloc == v.bloc && $0.since == v.since }
                if was == nil {
                    add(t, .treaty, [v.bloc], "\(name(v.bloc)) began secretly breaking \(tr.name).", secret: true)
                    decisions.append((v.bloc, t, "Began secretly breaking \(tr.name)."))
                }
                if let d = v.detectedTurn, d == t, was?.detectedTurn == nil {
                    add(t, .treaty, [v.bloc], "\(name(v.bloc)) was caught breaking \(tr.name).")
                }
            }
        }
    }

    private mutating func crqc(_ t: Int, before: GameState, after: GameState, commands: [Command]) {
        for b in after.blocs.indices {
            let now = after.blocs[b], was = before.blocs[b]
            if now.crqcTurn != nil && was.crqcTurn == nil {
                add(t, .crqc, [b], "\(name(b)) built a cryptographically relevant quantum computer (CRQC)" +
                    (now.crqcPublic ? "." : ", in secret."), secret: !now.crqcPublic)
                mark(t, 1, "\(ids[b]) builds a CRQC" + (now.crqcPublic ? "" : " (secret)"))
                decisions.append((b, t, "Built a CRQC" + (now.crqcPublic ? "." : ", in secret.")))
            }
            if now.crqcPublic && !was.crqcPublic {
                crqcPublicTurn[b] = t
                let disclosed = commands.contains { if let c = $0.blocOrder, case .discloseCRQC = c.order { return c.bloc == ids[b] }; return false }
                let revealed = commands.contains {
                    if case .facilitator(.reveal(.crqc(let id), let to)) = $0 { return id == ids[b] && to.isEmpty }
                    return false
                }
                let how = disclosed ? "disclosed its CRQC to the world"
                    : revealed ? "had its CRQC revealed to everyone by the facilitator"
                    : "was found to hold a CRQC"
                add(t, .crqc, [b], "\(name(b)) \(how); governments scramble to migrate.")
                if now.crqcTurn != t { mark(t, 1, "\(ids[b])'s CRQC public") }
                if disclosed { decisions.append((b, t, "Disclosed its CRQC to the world.")) }
            }
            let readBefore = before.archive.contains { $0.harvester == b }
            let readNow = after.archive.first { $0.harvester == b && $0.readTurn == t }
            if !readBefore, let r = readNow {
                add(t, .crqc, [b, r.victim], "\(name(b)) began decrypting its stockpile of harvested traffic.", secret: !now.crqcPublic)
            }
        }
        if after.world.catastrophe && !before.world.catastrophe {
            catastropheTurn = t
            add(t, .crqc, [], "Harvest catastrophe: so many harvested secrets were read that trust in digital government and finance broke down.")
            mark(t, 0, "Harvest catastrophe")
        }
    }

    private mutating func intelligence(_ t: Int, before: GameState, after: GameState) {
        for op in after.harvests where op.detectedTurn == t {
            let was = before.harvests.first { $0.harvester == op.harvester && $0.target == op.target && $0.since == op.since }
            guard was?.detectedTurn == nil else { continue }
            add(t, .intelligence, [op.harvester, op.target], "\(name(op.target)) discovered that \(name(op.harvester)) was harvesting its encrypted traffic.")
        }
    }

    // MARK: - The why-ledger

    /// Indicators recomputed every turn from others; their ledger lines explain, they do not cause.
    static let derived: Set<String> = ["security", "prosperity", "influence", "stability", "score", "capital", "standard"]

    private mutating func ledger(_ t: Int, before: GameState, after: GameState) {
        var turnGroups: [CauseGroup] = []
        for e in after.ledger {
            if Collector.derived.contains(e.indicator) { continue }
            let w = weight(e, before: before)
            guard w > 0 else { continue }
            let subject = e.subject >= 0 && e.subject < ids.count ? ids[e.subject] : "world"
            // Trust is recorded on both sides; keep one line per pair.
            if e.indicator.hasPrefix("trust."), let other = scenario.blocIndex(String(e.indicator.dropFirst(6))), other < e.subject { continue }
            let k = turnGroups.firstIndex { $0.cause == e.cause } ?? {
                turnGroups.append(CauseGroup(turn: t, cause: e.cause, weight: 0, effects: [], effectWeights: []))
                return turnGroups.count - 1
            }()
            turnGroups[k].weight += w
            if let j = turnGroups[k].effects.firstIndex(where: { $0.subject == subject && $0.indicator == e.indicator }) {
                turnGroups[k].effects[j].amount += e.amount
                turnGroups[k].effectWeights[j] += w
            } else {
                turnGroups[k].effects.append(LedgerEffect(subject: subject, indicator: e.indicator, amount: e.amount, text: ""))
                turnGroups[k].effectWeights.append(w)
            }
        }
        for k in turnGroups.indices {
            for j in turnGroups[k].effects.indices {
                turnGroups[k].effects[j].text = describe(turnGroups[k].effects[j])
            }
        }
        groups += turnGroups
        var news: [String] = []
        for item in after.news where item.audience.isEmpty { news.append(item.text) }
        var tension: LedgerEntry?
        for e in after.ledger where e.subject < 0 && e.indicator == "tension" && e.amount > 0 {
            if tension == nil || e.amount > tension!.amount { tension = e }
        }
        digests.append(TurnDigest(turn: t, label: label(t), news: news, topCauses: [],
                                  tensionCause: tension.map { "\($0.cause), \(short($0.amount))" }))
    }

    /// The size of one ledger line in points of a 0-100 indicator, so different indicators compare.
    func weight(_ e: LedgerEntry, before: GameState) -> Double {
        let a = abs(e.amount)
        let b = e.subject
        let bloc: BlocState? = b >= 0 && b < before.blocs.count ? before.blocs[b] : nil
        let i = e.indicator
        var w: Double
        if i.hasPrefix("pqc.") || i.hasPrefix("supply.") { w = a * 100 }
        else if i.hasPrefix("trust.") { w = a / 2 }
        else {
            switch i {
            case "computing": w = a / max(1, before.world.crqcLogicalQubits) * 100
            case "crqcLogicalQubits": w = a / max(1, before.world.crqcLogicalQubits) * 100
            case "gdp": w = a / max(0.001, bloc?.gdp ?? 1) * 100
            case "budget": w = a / max(0.01, bloc?.budget ?? 1) * 50
            case "workforce": w = a / max(1, bloc?.workforce ?? 1) * 50
            case "qkdKm": w = a / max(2000, bloc?.qkdKm ?? 0) * 20
            default: w = a
            }
        }
        return w.isFinite ? min(w, 100) : 0
    }

    func describe(_ e: LedgerEffect) -> String {
        let who = e.subject == "world" ? "" : e.subject + " "
        let i = e.indicator
        if i.hasPrefix("trust.") {
            let other = String(i.dropFirst(6))
            return "trust \(e.subject)–\(other) \(signed(e.amount, 0))"
        }
        if i.hasPrefix("pqc.") {
            let s = scenario.sectors.first { "pqc." + $0.id == i }?.name ?? String(i.dropFirst(4))
            return "\(who)migration of \(s.lowercased()) \(signed(e.amount * 100, 0)) pts"
        }
        if i.hasPrefix("supply.") {
            let c = scenario.chokepoints.first { "supply." + $0.id == i }?.name ?? String(i.dropFirst(7))
            return "\(who)share of \(c.lowercased()) \(signed(e.amount * 100, 0)) pts"
        }
        switch i {
        case "computing": return "\(who)computing \(signed(e.amount, 0)) logical qubits"
        case "crqcLogicalQubits": return "CRQC threshold \(signed(e.amount, 0)) logical qubits"
        case "gdp": return "\(who)GDP \(signed(e.amount, 2)) tn USD"
        case "budget": return "\(who)quantum budget \(signed(e.amount, 2)) bn USD a year"
        case "workforce": return "\(who)workforce \(short(e.amount)) thousand"
        case "qkdKm": return "\(who)QKD network \(signed(e.amount, 0)) km"
        case "counterintel": return "\(who)counter-intelligence \(short(e.amount))"
        case "sigint": return "\(who)SIGINT \(short(e.amount))"
        default: return "\(who)\(i) \(short(e.amount))"
        }
    }

    // MARK: - The end

    mutating func finish(_ state: GameState, seed: UInt64) -> Debrief {
        let played = state.history.count
        let labels = (0..<played).map(label)
        for (id, k) in freeActionEntries {
            guard let a = state.freeActions.first(where: { $0.id == id }) else { continue }
            switch a.status {
            case .accepted: timeline[k].text = tidyQuotes(timeline[k].text + " Accepted by the facilitator: “\(a.reason)”.")
            case .rejected: timeline[k].text = tidyQuotes(timeline[k].text + " Rejected by the facilitator: “\(a.reason)”.")
            case .pending, .unadjudicated: timeline[k].text += " Unadjudicated: the facilitator never ruled on it."
            }
        }
        // Turning points: the largest causes that are not routine (seen in many turns).
        var turnsSeen: [String: Int] = [:]
        for g in groups { turnsSeen[g.cause, default: 0] += 1 }
        let routine = max(3, played / 4)
        var candidates = groups.filter { (turnsSeen[$0.cause] ?? 0) <= routine && $0.weight >= 3 }
        candidates.sort { a, b in
            a.weight != b.weight ? a.weight > b.weight : (a.turn != b.turn ? a.turn < b.turn : a.cause < b.cause)
        }
        // One turning point per cause: its largest turn.
        var picked: [CauseGroup] = []
        for g in candidates where picked.count < 8 && !picked.contains(where: { $0.cause == g.cause }) { picked.append(g) }
        let points = picked.map(turningPoint)
        for k in digests.indices {
            var mine = groups.filter { $0.turn == digests[k].turn && (turnsSeen[$0.cause] ?? 0) <= routine }
            mine.sort { a, b in a.weight != b.weight ? a.weight > b.weight : a.cause < b.cause }
            digests[k].topCauses = mine.prefix(3).map { g in
                g.cause + ": " + turningPoint(g).summary
            }
        }
        var d = Debrief(
            scenarioID: scenario.id, scenarioTitle: scenario.title, seed: String(seed), turnsPlayed: played,
            turnCount: scenario.calendar.turnCount, turnLabels: labels, finished: state.isOver,
            stoppedAt: state.isOver ? nil : label(state.turn),
            blocs: scenario.blocs.map { NamedItem(id: $0.id, name: $0.name) },
            sectors: scenario.sectors.map { SectorInfo(id: $0.id, name: $0.name, shelfLife: $0.shelfLife) },
            outcome: OutcomeReport(id: "", title: "", explanation: "", causes: [], firstCRQC: nil),
            delegations: delegations(state), timeline: timeline,
            proposals: proposalReports(state),
            trust: TrustReport(blocs: ids, start: GameState.initial(scenario).trust, turns: trustTurns),
            branches: branches, cards: [], exposure: exposure(state),
            mosca: moscaRows(state), turningPoints: Array(points), charts: charts(state), questions: [],
            turns: digests, history: state.history, computerOrders: computerGiven.isEmpty ? nil : computerGiven)
        d.outcome = outcome(state, debrief: d)
        d.cards = cards(d)
        d.questions = Questions.make(d, facts: facts(state))
        return d
    }

    private func turningPoint(_ g: CauseGroup) -> TurningPoint {
        let order = g.effects.indices.sorted { a, b in
            g.effectWeights[a] != g.effectWeights[b] ? g.effectWeights[a] > g.effectWeights[b] : a < b
        }
        // Effects that read the same for several blocs are said once: "migration of finance +3 pts (US, EU and CN)".
        var phrases: [(text: String, subjects: [String])] = []
        // Trust changes are said around the bloc most of them involve: "trust with CN −30 (US, EU, …)".
        var hubCount = [Int](repeating: 0, count: ids.count)
        for e in g.effects where e.indicator.hasPrefix("trust.") {
            if let a = scenario.blocIndex(e.subject) { hubCount[a] += 1 }
            if let b = scenario.blocIndex(String(e.indicator.dropFirst(6))) { hubCount[b] += 1 }
        }
        for k in order {
            var e = g.effects[k]
            if e.indicator.hasPrefix("trust."), let hub = hubCount.indices.max(by: { hubCount[$0] < hubCount[$1] || (hubCount[$0] == hubCount[$1] && $0 > $1) }),
               hubCount[hub] > 1 {
                let other = String(e.indicator.dropFirst(6))
                if other == ids[hub] || e.subject == ids[hub] {
                    let partner = other == ids[hub] ? e.subject : other
                    e = LedgerEffect(subject: partner, indicator: e.indicator, amount: e.amount,
                                     text: "\(partner) trust with \(ids[hub]) \(signed(e.amount, 0))")
                }
            }
            let bare = e.subject != "world" && e.text.hasPrefix(e.subject + " ") ? String(e.text.dropFirst(e.subject.count + 1)) : e.text
            if e.subject != "world", bare != e.text, let j = phrases.firstIndex(where: { $0.text == bare && !$0.subjects.isEmpty }) {
                phrases[j].subjects.append(e.subject)
            } else {
                phrases.append((bare, bare == e.text ? [] : [e.subject]))
            }
        }
        let summary = phrases.prefix(4).map { p -> String in
            let trust = p.text.hasPrefix("trust with ")
            if ids.count > 2 && p.subjects.count == ids.count - (trust ? 1 : 0) {
                return p.text + (trust ? " (every other bloc)" : " (every bloc)")
            }
            switch p.subjects.count {
            case 0: return p.text
            case 1: return p.subjects[0] + " " + p.text
            case 2...4: return p.text + " (" + join(p.subjects) + ")"
            default: return p.text + " (" + p.subjects.prefix(3).joined(separator: ", ") + " and \(p.subjects.count - 3) more)"
            }
        }.joined(separator: ", ") + (phrases.count > 4 ? ", …" : "")
        return TurningPoint(turn: g.turn, label: label(g.turn), cause: g.cause, weight: (g.weight * 10).rounded() / 10,
                            summary: summary, effects: order.prefix(6).map { g.effects[$0] })
    }

    private func delegations(_ state: GameState) -> [DelegationReport] {
        var out: [DelegationReport] = []
        let scores = state.blocs.map(\.score)
        for (b, def) in scenario.blocs.enumerated() {
            let bloc = state.blocs[b]
            var rank = 1
            for (o, s) in scores.enumerated() where s > bloc.score || (s == bloc.score && o < b) { rank += 1 }
            var objectives: [ObjectiveReport] = []
            for (k, o) in def.objectives.enumerated() {
                let status: String
                switch bloc.objectives[k] {
                case .met: status = "met"
                case .failed: status = "missed"
                case .pending: status = "not yet judged"
                }
                objectives.append(ObjectiveReport(id: o.id, text: o.text, secret: o.secret, points: o.points,
                                                  due: o.by.map(label) ?? "end of game", status: status))
            }
            var exposure = 0.0
            for x in bloc.exposure { exposure += x }
            var crqc: String?
            if let c = bloc.crqcTurn {
                crqc = "built \(label(c))" + (crqcPublicTurn[b].map { ", public from \(label($0))" } ?? (bloc.crqcPublic ? ", public" : ", kept secret"))
            }
            out.append(DelegationReport(id: def.id, name: def.name, doctrine: def.doctrine.rawValue, pillars: bloc.pillars,
                                        score: bloc.score, rank: rank, objectives: objectives, exposure: exposure,
                                        windfall: bloc.windfall, crqc: crqc))
        }
        return out
    }

    private func exposure(_ state: GameState) -> ExposureReport {
        var rows: [DecryptedRow] = []
        var keys: [(Int, Int, Int)] = []
        var total = 0.0
        for r in state.archive {
            total += r.value
            if let k = keys.firstIndex(where: { $0 == (r.harvester, r.victim, r.sector) }) {
                rows[k].volume += r.volume
                rows[k].value += r.value
                rows[k].lastRead = label(r.readTurn) // the archive is in reading order
            } else {
                keys.append((r.harvester, r.victim, r.sector))
                rows.append(DecryptedRow(harvester: ids[r.harvester], victim: ids[r.victim], sector: scenario.sectors[r.sector].id,
                                         volume: r.volume, value: r.value, firstRead: label(r.readTurn), lastRead: label(r.readTurn)))
            }
        }
        let order = rows.indices.sorted { a, b in
            rows[a].value != rows[b].value ? rows[a].value > rows[b].value : keys[a] < keys[b]
        }
        var read: [MessageReadRow] = []
        var unread = 0
        for m in state.messages {
            if m.readBy.isEmpty {
                if !m.harvestedBy.isEmpty { unread += 1 }
                continue
            }
            read.append(MessageReadRow(id: m.id, sent: label(m.turn), from: ids[m.from], to: ids[m.to], text: m.text,
                                       readBy: m.readBy.map { BlocAtTurn(bloc: ids[$0.bloc], turn: $0.turn, label: label($0.turn)) }))
        }
        return ExposureReport(decrypted: order.map { rows[$0] }, totalValue: total, messagesRead: read,
                              messagesSent: state.messages.count, messagesHarvestedUnread: unread)
    }

    private func moscaRows(_ state: GameState) -> [MoscaRow] {
        var out: [MoscaRow] = []
        for b in scenario.blocs.indices {
            for s in scenario.sectors.indices {
                out.append(MoscaRow(bloc: ids[b], sector: scenario.sectors[s].id,
                                    statuses: state.history.map { s < $0.blocs[b].mosca.count ? $0.blocs[b].mosca[s] : .green }))
            }
        }
        return out
    }

    /// The charts, each line starting at the scenario's opening value (before the first turn).
    private func charts(_ state: GameState) -> [Chart] {
        let h = state.history
        let start = GameState.initial(scenario)
        func mean(_ xs: [Double]) -> Double {
            var sum = 0.0
            for x in xs { sum += x }
            return xs.isEmpty ? 0 : (sum / Double(xs.count) * 1000).rounded() / 10
        }
        var computing = scenario.blocs.indices.map { b in
            Series(key: ids[b], name: name(b), reference: false, values: [start.blocs[b].computing] + h.map { $0.blocs[b].computing })
        }
        computing.append(Series(key: "threshold", name: "CRQC threshold", reference: true,
                                values: [start.world.crqcLogicalQubits] + h.map(\.crqcLogicalQubits)))
        let pqc = scenario.blocs.indices.map { b in
            Series(key: ids[b], name: name(b), reference: false, values: [mean(start.blocs[b].pqc)] + h.map { mean($0.blocs[b].pqc) })
        }
        let world = [
            Series(key: "tension", name: "Tension", reference: false, values: [start.world.tension] + h.map(\.tension)),
            Series(key: "governance", name: "Governance", reference: false, values: [start.world.governance] + h.map(\.governance)),
            Series(key: "fragmentation", name: "Fragmentation", reference: false, values: [start.world.fragmentation] + h.map(\.fragmentation)),
        ]
        // How much the others trust each bloc: the mean of its column, without itself.
        let n = ids.count
        func trusted(_ m: [Double], _ b: Int) -> Double {
            var sum = 0.0
            for a in 0..<n where a != b && a * n + b < m.count { sum += m[a * n + b] }
            return n > 1 ? (sum / Double(n - 1) * 10).rounded() / 10 : 0
        }
        let trust = scenario.blocs.indices.map { b in
            Series(key: ids[b], name: name(b), reference: false, values: [trusted(start.trust, b)] + trustTurns.map { trusted($0, b) })
        }
        let markers = chartMarkers()
        return [
            Chart(id: "computing", title: "The computing race",
                  caption: "Effective logical qubits of each bloc against the number needed for a CRQC (the threshold).",
                  unit: "logical qubits", logScale: true, series: computing, markers: markers),
            Chart(id: "pqc", title: "Post-quantum migration",
                  caption: "Share of each bloc's traffic migrated to post-quantum cryptography, average of all sectors.",
                  unit: "% migrated", logScale: false, series: pqc, markers: markers),
            Chart(id: "world", title: "Tension, governance and fragmentation",
                  caption: "The three world indices, each from 0 to 100.", unit: "index 0–100", logScale: false, series: world, markers: markers),
            Chart(id: "trust", title: "How much each bloc was trusted",
                  caption: "The average trust the other blocs placed in each bloc, from −100 (hostile) to 100 (allied).",
                  unit: "trust −100 to 100", logScale: false, series: trust, markers: markers),
        ]
    }

    /// At most eight key moments, the most important first, then in order of time.
    func chartMarkers() -> [ChartMarker] {
        var ranked = markerCandidates.indices.sorted { a, b in
            let x = markerCandidates[a], y = markerCandidates[b]
            return x.priority != y.priority ? x.priority < y.priority : a < b
        }
        // At most three treaties, so they do not crowd out the events.
        var treaties = 0
        ranked = ranked.filter { k in
            guard markerCandidates[k].priority >= 5 else { return true }
            treaties += 1
            return treaties <= 3
        }
        ranked = Array(ranked.prefix(8)).sorted()
        return ranked.map { markerCandidates[$0].marker }
    }

    /// Every proposal with its answers and how it ended.
    private func proposalReports(_ state: GameState) -> [ProposalReport] {
        // Treaties the scenario starts with were not proposed in this game.
        let opening = GameState.initial(scenario).treaties.map(\.id)
        return state.treaties.filter { !opening.contains($0.id) }.map { tr in
            let proposedName = proposalNames.first { $0.id == tr.id }?.name ?? tr.name
            var answers: [ProposalAnswer] = []
            var rejectedBy: [Int] = [], silent: [Int] = []
            for (k, b) in tr.parties.enumerated() {
                if b == tr.proposer { answers.append(ProposalAnswer(bloc: ids[b], answer: "proposed", label: nil)); continue }
                let when = answerTimes.first { $0.treaty == tr.id && $0.bloc == b }
                let a = k < tr.answers.count ? tr.answers[k] : .pending
                switch a {
                case .accepted: answers.append(ProposalAnswer(bloc: ids[b], answer: "accepted", label: when.map { label($0.turn) }))
                case .rejected:
                    if when?.timedOut == true {
                        silent.append(b)
                        answers.append(ProposalAnswer(bloc: ids[b], answer: "no answer in time", label: nil))
                    } else {
                        rejectedBy.append(b)
                        answers.append(ProposalAnswer(bloc: ids[b], answer: "rejected", label: when.map { label($0.turn) }))
                    }
                case .pending: answers.append(ProposalAnswer(bloc: ids[b], answer: "not answered yet", label: nil))
                }
            }
            let status: String, reason: String
            var settled: String?
            switch tr.status {
            case .proposed:
                status = "waiting for answers"
                reason = "Still waiting for answers when the game stopped."
            case .rejected, .lapsed:
                // Nobody said no, but someone let it run out: it lapsed.
                status = tr.status == .lapsed || (rejectedBy.isEmpty && !silent.isEmpty) ? "lapsed" : "rejected"
                settled = tr.endedTurn.map(label)
                var why: [String] = []
                if !rejectedBy.isEmpty { why.append("rejected by \(join(rejectedBy.map(name)))") }
                if !silent.isEmpty { why.append("\(join(silent.map(name))) did not answer in time") }
                reason = "It never came into force: too few parties accepted it" + (why.isEmpty ? "." : " (\(why.joined(separator: "; "))).")
            case .signed, .inForce, .dissolved:
                status = tr.status == .inForce ? "in force" : (tr.status == .signed ? "signed" : "dissolved")
                settled = tr.signedTurn.map(label)
                var text = "Signed by \(join(tr.parties.indices.filter { $0 < tr.answers.count && tr.answers[$0] == .accepted }.map { name(tr.parties[$0]) }))"
                if let s = tr.signedTurn { text += " in \(label(s))" }
                if let f = tr.inForceTurn { text += "; in force from \(label(f))" } else if tr.status == .signed { text += "; waiting for ratification" }
                if tr.status == .dissolved { text += "; dissolved" + (tr.endedTurn.map { " in \(label($0))" } ?? "") + " when fewer than two members remained" }
                if !rejectedBy.isEmpty || !silent.isEmpty {
                    text += ", without " + join((rejectedBy + silent).map(name))
                }
                reason = text + "."
            }
            return ProposalReport(id: tr.id, name: proposedName, signedAs: tr.name == proposedName ? "" : tr.name,
                                  type: tr.type.lowerTitle, proposer: ids[tr.proposer], proposed: label(tr.proposedTurn),
                                  answers: answers, status: status, settled: settled, reason: reason)
        }
    }

    /// One page per delegation: its objectives, the decisions that mattered, what others read of it.
    private func cards(_ d: Debrief) -> [DelegationCard] {
        d.delegations.enumerated().map { b, del in
            var summary = "Rank \(del.rank) of \(d.delegations.count), score \(fmt(del.score, 1)), doctrine \(del.doctrine)."
            if let c = del.crqc { summary += " CRQC \(c)." }
            let objectives = del.objectives.map { o in
                (o.status == "met" ? "✓ met" : (o.status == "missed" ? "✗ missed" : "○ not yet judged")) + ": \(o.text)" + (o.secret ? " (secret)" : "")
            }
            let mine = decisions.filter { $0.bloc == b }
            let shown = 8
            var lines = mine.prefix(shown).map { "\(label($0.turn)): \($0.text)" }
            if mine.count > shown { lines.append("… and \(mine.count - shown) more in the timeline.") }
            if lines.isEmpty { lines.append("No decision of its own stood out: no proposals, answers, dilemma choices or free actions.") }
            var read: [String] = []
            var readers: [(String, Double, [String], String, String)] = []
            for r in d.exposure.decrypted where r.victim == del.id {
                if let k = readers.firstIndex(where: { $0.0 == r.harvester }) {
                    readers[k].1 += r.value
                    if !readers[k].2.contains(r.sector) { readers[k].2.append(r.sector) }
                    readers[k].4 = max(readers[k].4, r.lastRead)
                    readers[k].3 = min(readers[k].3, r.firstRead)
                } else {
                    readers.append((r.harvester, r.value, [r.sector], r.firstRead, r.lastRead))
                }
            }
            for r in readers {
                let sectors = r.2.map { d.sectorName($0).lowercased() }
                read.append("\(d.name(r.0)) read its \(join(sectors)) traffic, worth \(fmt(r.1, 1)) (\(r.3 == r.4 ? r.3 : "\(r.3)–\(r.4)")).")
            }
            let messages = d.exposure.messagesRead.filter { $0.from == del.id }
            if !messages.isEmpty {
                let who = Questions.uniq(messages.flatMap { $0.readBy.map(\.bloc) }).map(d.name)
                read.append("\(counted(messages.count, "of its negotiation messages", "of its negotiation messages")) \(messages.count == 1 ? "was" : "were") read by \(join(who)).")
            }
            if read.isEmpty { read.append("Nobody read its traffic or its messages.") }
            return DelegationCard(bloc: del.id, name: del.name, summary: summary, objectives: objectives, decisions: lines, readByOthers: read)
        }
    }

    // MARK: - Outcome and its causes

    private func outcome(_ state: GameState, debrief d: Debrief) -> OutcomeReport {
        var causes: [String] = []
        var first: BlocAtTurn?
        var holders: [(Int, Int)] = []
        for (b, bloc) in state.blocs.enumerated() { if let c = bloc.crqcTurn { holders.append((c, b)) } }
        holders.sort { $0 < $1 }
        if let (t, b) = holders.first {
            first = BlocAtTurn(bloc: ids[b], turn: t, label: label(t))
            let secrecy: String
            if let p = crqcPublicTurn[b] {
                secrecy = p == t ? "and it was public at once" : "and kept it from the world until \(label(p))"
            } else {
                secrecy = state.blocs[b].crqcPublic ? "and it became public" : "and the world never learned of it"
            }
            // A partial reveal (to some delegations, by the facilitator or by espionage) is part of the story.
            let learned = crqcLearned[b].isEmpty ? "" : "; " + join(crqcLearned[b].map { "\(name($0.bloc)) learned of it in \(label($0.turn))" }) +
                (crqcPublicTurn[b] == nil && !state.blocs[b].crqcPublic ? "" : " before that")
            causes.append("\(name(b)) was the first to build a CRQC, in \(label(t)), \(secrecy)\(learned).")
            if holders.count > 1 {
                causes.append("Later CRQCs: " + join(holders.dropFirst().map { "\(name($0.1)) (\(label($0.0)))" }) + ".")
            }
        } else if let h = state.history.last {
            var best = 0
            for b in h.blocs.indices where h.blocs[b].computing > h.blocs[best].computing { best = b }
            let pct = Int((h.blocs[best].computing / max(1, h.crqcLogicalQubits) * 100).rounded())
            causes.append("No bloc built a CRQC. The closest, \(name(best)), reached \(pct) % of the \(fmt(h.crqcLogicalQubits, 0)) logical qubits needed.")
        }
        if let c = catastropheTurn {
            causes.append("A harvest catastrophe struck in \(label(c)); over the whole game, harvested secrets worth \(fmt(d.exposure.totalValue, 0)) were read.")
        } else if d.exposure.totalValue > 0 {
            causes.append("Harvested secrets worth \(fmt(d.exposure.totalValue, 0)) were read, short of a catastrophe.")
        }
        if let last = state.history.last {
            // From the scenario's starting state, before the first turn.
            let start = GameState.initial(scenario).world
            let changes = [change("governance", start.governance, last.governance),
                           change("fragmentation", start.fragmentation, last.fragmentation),
                           change("tension", start.tension, last.tension)]
            causes.append(join(changes).capitalizedFirst + (state.isOver ? "." : " so far."))
        }
        for p in d.turningPoints.prefix(3) {
            causes.append("Turning point, \(p.label): \(p.cause) — \(p.summary).")
        }
        if let o = state.outcome {
            return OutcomeReport(id: o.id, title: o.title, explanation: o.explanation, causes: causes, firstCRQC: first)
        }
        let at = label(state.turn)
        return OutcomeReport(id: "unfinished", title: "Unfinished at \(at)",
                             explanation: "The game stopped after \(state.history.count) of \(scenario.calendar.turnCount) turns, before \(at). Everything below is the game so far; no outcome has been judged yet.",
                             causes: causes, firstCRQC: first)
    }

    /// "governance went from 43 to 50", or "governance stayed at 43" when the shown numbers are equal.
    /// A value that is not within 0.05 of a whole number keeps one decimal (59.9 is not shown as 60:
    /// a threshold of 60 was missed, and the outcome's text says 59.9 too).
    func change(_ what: String, _ from: Double, _ to: Double) -> String {
        func shown(_ x: Double) -> String { abs(x - x.rounded()) < 0.05 ? fmt(x, 0) : fmt(x, 1) }
        let a = shown(from), b = shown(to)
        return a == b ? "\(what) stayed at \(a)" : "\(what) went from \(a) to \(b)"
    }

    private func facts(_ state: GameState) -> Questions.Facts {
        var violations: [Questions.Facts.Violation] = []
        for t in state.treaties {
            for v in t.violations {
                violations.append(.init(bloc: ids[v.bloc], treaty: t.name, since: label(v.since), detected: v.detectedTurn.map(label)))
            }
        }
        return Questions.Facts(
            rejected: rejectedRulings.map { .init(bloc: ids[$0.bloc], label: label($0.turn), text: $0.text, reason: $0.reason) },
            unruled: state.freeActions.filter { $0.status == .pending || $0.status == .unadjudicated }
                .map { .init(bloc: ids[$0.bloc], label: label($0.turn), text: $0.text, reason: "") },
            defaulted: defaultedDilemmas.map { .init(bloc: ids[$0.bloc], label: label($0.turn), text: $0.title, reason: $0.label) },
            violations: violations,
            crqcPublic: crqcPublicTurn.map { $0.map(label) },
            crqcLearned: crqcLearned.map { $0.map { (bloc: ids[$0.bloc], label: label($0.turn)) } },
            catastrophe: catastropheTurn.map(label))
    }
}

// MARK: - Text helpers shared by the builder and the renderers

/// "A", "A and B", "A, B and C".
func join(_ items: [String]) -> String {
    switch items.count {
    case 0: return "nobody"
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

/// A number with `digits` decimals (no trailing ".0" when 0 digits), a true minus sign.
func fmt(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (x * scale).rounded() / scale
    var text: String
    if digits == 0 {
        text = String(Int(r))
    } else {
        let whole = Int(abs(r))
        var frac = Int(((abs(r) - Double(whole)) * scale).rounded())
        var w = whole
        if Double(frac) >= scale { frac = 0; w += 1 }
        var f = String(frac)
        while f.count < digits { f = "0" + f }
        text = (r < 0 ? "-" : "") + "\(w).\(f)"
    }
    if text == "-0" { text = "0" }
    return text.replacingOccurrences(of: "-", with: "−")
}

/// "+12" or "−3.5".
func signed(_ x: Double, _ digits: Int) -> String {
    let s = fmt(x, digits)
    return s.hasPrefix("−") || !s.contains(where: { $0 >= "1" && $0 <= "9" }) ? s : "+" + s
}

/// A signed change with one decimal when it is small and none when it is whole: "+18", "−0.4".
func short(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return signed(r, r == r.rounded() || abs(r) >= 10 ? 0 : 1)
}

/// The first sentence of a text (at most `limit` characters), on one line.
func firstSentence(_ text: String, limit: Int = 220) -> String {
    let flat = text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
    var out = ""
    var previous: Character = " "
    for ch in flat {
        out.append(ch)
        if (previous == "." || previous == "!" || previous == "?") && ch == " " && out.count > 20 { out.removeLast(); break }
        previous = ch
    }
    return clip(out.trimmedSpaces(), limit)
}

/// A quotation that ends a sentence keeps its own full stop, question or exclamation mark and
/// loses the one after it: "…follows your lead.”." → "…follows your lead.”".
func tidyQuotes(_ text: String) -> String {
    guard text.contains("”.") else { return text }
    var out = text
    for mark in [".", "!", "?", "…"] { out = out.replacingOccurrences(of: mark + "”.", with: mark + "”") }
    return out
}

/// "one message", "3 messages".
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
}

/// "China's", "United States'".
func possessive(_ name: String) -> String { name.hasSuffix("s") ? name + "'" : name + "'s" }

func clip(_ text: String, _ limit: Int) -> String {
    let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
}

extension String {
    func trimmedSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " { s = s.dropFirst() }
        while let l = s.last, l == " " { s = s.dropLast() }
        return String(s)
    }
}
