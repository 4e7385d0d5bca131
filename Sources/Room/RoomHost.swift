import Foundation
import GameCore
import Interface
import Persistence
import ScenarioFormat
import Strategy

/// A hosting problem the person starting the room must fix, in one or two sentences.
public struct RoomError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The room: one authoritative game, a seat for each human delegation, the facilitator and the
/// projector, simultaneous turns, the clock, and the journal of sealed orders.
///
/// Each seat runs the pure `Interface` on its own `AppState` (a delegation sees its own fogged
/// view only); the room owns the game, collects what the seats seal, and resolves the turn when
/// every human delegation has sealed and the facilitator (when seated) has released it, or when
/// the clock runs out. Computer players' orders come from `Autoplay` as in the hotseat, and every
/// resolved turn is autosaved in the same save format, so `replay --verify` and `report` work
/// unchanged. It knows nothing of SSH or terminals; every call comes from one thread.
public final class RoomHost: SeatHost {
    public let tickets: [SeatTicket]
    /// The authoritative game.
    public private(set) var game: Game
    /// Bloc indices played by people, in bloc order; seat k of `tickets` is `humans[k]`.
    public let humans: [Int]
    public let level: AILevel
    /// Whether the facilitator must release each turn (`--facilitator`). The facilitator's seat
    /// exists either way: it holds the console and the clock.
    public let facilitatorReleases: Bool
    public let saveFolder: String
    /// The last save written (autosave or stop), for the serve command to name.
    public private(set) var lastSavePath: String?
    /// A sentence for the host's operator when something failed (a save, the journal); nil when all is well.
    public private(set) var problem: String?
    /// The room is done: the loop stops, the doors close (stopped, or the game ended and the
    /// facilitator closed the room, or `lingerSeconds` passed after the end with no facilitator seat open).
    public private(set) var isFinished = false
    /// When the game ended (the room's clock), while the seats read the debrief; nil during play.
    public private(set) var endedAt: Double?
    /// After the end, a room whose facilitator's seat is not open (headless, nobody at the
    /// console) closes after this many seconds: time for the delegations to read the debrief.
    public static let lingerSeconds: Double = 600

    private let scenarioSource: String?
    private var parent: ParentRecord?
    private let journal: Journal
    /// One interface per delegation seat, then the facilitator's.
    private var apps: [AppState]
    private var facilitatorIndex: Int { humans.count }
    private var projectorIndex: Int { humans.count + 1 }
    /// Per delegation: sealed this turn.
    private var sealed: [Bool]
    /// Per delegation: the orders it had before the computer filled in at zero, and what it added.
    private var filled: [(before: [Order], added: [Order])?]
    private var released = false
    private var clock: RoomClock
    private var sessions: [Session] = []
    private var nextSession = 1
    private var dirty: [SessionID] = []
    private var closing: [(session: SessionID, reason: String)] = []
    private var now: Double = 0
    /// Per seat (delegations, facilitator): when its last key came.
    private var lastKey: [Double]

    private struct Session {
        let id: SessionID
        /// Index into `tickets`.
        let seat: Int
        var width: Int
        var height: Int
        /// Projector sessions each have their own interface (scrolling is theirs); other seats
        /// share the seat's, so a new session finds the seat as the last one left it.
        var projector: AppState?
    }

    /// The turn clock: wall-clock seconds, not game state (the timer's settings are logged as
    /// facilitator commands; the seconds left are not).
    struct RoomClock {
        var timer: TurnTimer?
        var remaining: Double = 0
        var running = false
        var lastTick: Double?
        /// The computer has filled in at this zero already (it fills in once per zero).
        var firedAtZero = false

        mutating func set(_ t: TurnTimer?, running: Bool) {
            timer = t
            remaining = Double(max(0, min(t?.minutes ?? 0, TurnTimer.maximumMinutes)) * 60)
            self.running = running && t != nil
            firedAtZero = false
        }
        /// The timer as seats show it: paused whenever the clock does not run.
        var shown: TurnTimer? {
            guard var t = timer else { return nil }
            t.paused = !running
            return t
        }
    }

    /// Hosts a game for a room.
    /// - Parameters:
    ///   - scenario: the scenario of a new game (ignored when `loaded` is given).
    ///   - seed: the seed of a new game (default: the scenario's).
    ///   - humans: bloc indices played by people; with `loaded` and none given, the save's seats.
    ///   - facilitator: whether the facilitator's seat must release every turn (`--facilitator`).
    ///   - level: the computer players' level (with `loaded`, the save's when nil).
    ///   - saveFolder: where autosaves and the journal go (created when missing).
    ///   - loaded: a save to continue; the journal of sealed orders in `saveFolder` that belongs
    ///     to its next turn, if any, is restored.
    ///   - turnMinutes: a turn timer from the first turn (the computer fills in at zero).
    ///   - scenarioPath: the scenario file's path, so saves embed its text.
    /// - Throws: `RoomError` when no delegation is human, or the save folder cannot be made.
    public init(scenario: Scenario, seed: UInt64? = nil, humans: [Int], facilitator: Bool, level: AILevel? = nil,
                saveFolder: String, loaded: LoadedSave? = nil, turnMinutes: Int? = nil, scenarioPath: String? = nil) throws {
        let game = loaded?.game ?? Game(scenario: scenario, seed: seed ?? scenario.seed)
        let sc = game.scenario
        var chosen = humans.filter { sc.blocs.indices.contains($0) }
        if chosen.isEmpty, let loaded { chosen = loaded.saved.seats.humans.compactMap { sc.blocIndex($0) } }
        chosen = Array(Set(chosen)).sorted()
        guard !chosen.isEmpty else {
            throw RoomError("A room needs at least one human delegation: name them with --human, e.g. --human US EU.")
        }
        if let m = turnMinutes, m < 1 || m > TurnTimer.maximumMinutes {
            throw RoomError("--turn-minutes runs from 1 to \(TurnTimer.maximumMinutes); \(m) is not one of them.")
        }
        do {
            try FileManager.default.createDirectory(atPath: saveFolder, withIntermediateDirectories: true)
        } catch {
            throw RoomError("The save folder \(saveFolder) cannot be made: \(error.localizedDescription) Choose another with --save-dir.")
        }
        self.game = game
        self.humans = chosen
        self.level = level ?? loaded.flatMap { AILevel(rawValue: $0.saved.seats.level) } ?? .standard
        self.facilitatorReleases = facilitator
        self.saveFolder = saveFolder
        self.scenarioSource = loaded?.saved.scenarioSource ?? SaveStore.scenarioSource(for: sc, path: scenarioPath)
        self.parent = loaded?.saved.parent
        self.journal = Journal(folder: saveFolder)
        var rng = SystemRandomNumberGenerator()
        let fresh = JoinCodes.make(chosen.count + 2, using: &rng)
        // A host restarted from a save keeps the seats' codes (a new game always gets new ones,
        // so last session's participants cannot open this one).
        let kept = loaded == nil ? [:] : JoinCodes.kept(in: saveFolder)
        var tickets: [SeatTicket] = []
        for (k, b) in chosen.enumerated() {
            tickets.append(SeatTicket(seat: .delegation(b), label: sc.blocs[b].id, user: sc.blocs[b].id.lowercased(), code: fresh[k]))
        }
        tickets.append(SeatTicket(seat: .facilitator, label: "FACILITATOR", user: "facilitator", code: fresh[chosen.count]))
        tickets.append(SeatTicket(seat: .projector, label: "PROJECTOR", user: "projector", code: fresh[chosen.count + 1]))
        for k in tickets.indices {
            if let code = kept[tickets[k].user], !tickets.contains(where: { $0.code == code }) { tickets[k].code = code }
        }
        JoinCodes.keep(tickets, in: saveFolder)
        self.tickets = tickets
        apps = chosen.map { AppState.seated(.delegation($0), game: game, humans: chosen, level: level ?? .standard, facilitator: facilitator) }
        apps.append(AppState.seated(.facilitator, game: game, humans: chosen, level: level ?? .standard, facilitator: facilitator))
        sealed = chosen.map { _ in false }
        filled = chosen.map { _ in nil }
        lastKey = [Double](repeating: 0, count: chosen.count + 1)
        clock = RoomClock()

        let asked = turnMinutes.map { TurnTimer(minutes: $0, atZero: .computerFillsIn) }
        if let loaded {
            lastSavePath = loaded.file
            restoreJournal()
            // The game's own timer: one set this turn (journaled) or the one in force.
            var own = game.state.timer
            for a in apps[facilitatorIndex].facilitatorQueue { if case .timer(let t) = a { own = t } }
            // After a load the clock starts paused; the facilitator chooses which timer to keep.
            clock.set(asked ?? own, running: false)
            if asked != nil || own != nil {
                apps[facilitatorIndex].askWhichTimer(saved: own, current: asked, why: "The game is loaded from \(URL(fileURLWithPath: loaded.file).lastPathComponent).")
            }
        } else {
            journal.setAside()
            autosave()
            // A timer given when hosting is logged with the first turn, so the save records it
            // (and journaled, like every facilitator action of a turn).
            if let asked {
                apps[facilitatorIndex].facilitatorQueue.append(.timer(asked))
                note(journal.append(.facilitator(apps[facilitatorIndex].facilitatorQueue), for: game))
            }
            // It waits for the facilitator's p when the facilitator releases turns (people are still sitting down).
            clock.set(asked, running: !facilitator)
        }
        refresh()
    }

    // MARK: - SeatHost

    public func admit(user: String, code: String) -> SeatTicket? {
        let name = user.trimmingCharacters(in: .whitespaces).lowercased()
        let typed = JoinCodes.normalized(code)
        guard let ticket = tickets.first(where: { $0.user == name }) else { return nil }
        return JoinCodes.same(typed, ticket.code) ? ticket : nil
    }

    /// Opens a session. A delegation's or the facilitator's seat holds one session: an older one
    /// is displaced (returned, and listed by `takeClosing` with its sentence). The projector may
    /// be opened by any number of sessions at once.
    public func open(_ seat: SeatKind, width: Int, height: Int) -> (session: SessionID, displaced: SessionID?) {
        let index = seatIndex(seat)
        let id = SessionID(nextSession)
        nextSession += 1
        var displaced: SessionID?
        if let index, index != projectorIndex, let old = sessions.firstIndex(where: { $0.seat == index }) {
            displaced = sessions[old].id
            closing.append((sessions[old].id, "This seat was just opened from another connection, so this one is closed. If that was not you, tell the facilitator."))
            sessions.remove(at: old)
        }
        var projector: AppState?
        // A seat this room does not have (a door's mistake: `admit` never names one) gets the
        // projector, which shows nothing that is not public.
        if index == projectorIndex || index == nil {
            projector = AppState.seated(.projector, game: game, humans: humans, level: level, facilitator: facilitatorReleases)
        }
        sessions.append(Session(id: id, seat: index ?? projectorIndex, width: RoomHost.clampWidth(width), height: RoomHost.clampHeight(height),
                                projector: projector))
        if let index, index < lastKey.count { lastKey[index] = now }
        refresh()
        return (id, displaced)
    }

    public func key(_ key: Key, from session: SessionID) {
        guard !isFinished, let si = sessions.firstIndex(where: { $0.id == session }) else { return }
        let s = sessions[si]
        // A text field at its bound drops typed characters at once: the rest of a pasted
        // megabyte costs nothing, and no other seat waits for it.
        if case .char = key, s.projector == nil, apps[s.seat].textFieldIsFull { return }
        if var projector = s.projector {
            let effects = projector.update(key, width: s.width, height: s.height)
            if effects.contains(.quit) { leave(session) ; return }
            sessions[si].projector = projector
            markDirty(session)
            return
        }
        var app = apps[s.seat]
        let queueBefore = app.facilitatorQueue
        let timerBefore = app.timer
        let effects = app.update(key, width: s.width, height: s.height)
        let seatEffects = app.takeSeatEffects()
        apps[s.seat] = app
        lastKey[s.seat] = now
        markDirty(session)
        for effect in effects { perform(effect, seat: s.seat, session: session) }
        for effect in seatEffects { perform(effect, seat: s.seat) }
        if s.seat == facilitatorIndex && !isFinished {
            if apps[s.seat].facilitatorQueue != queueBefore { note(journal.append(.facilitator(apps[s.seat].facilitatorQueue), for: game)) }
            // The console's t sets a new timer (logged with the turn): the clock takes it at once.
            if apps[s.seat].timer != timerBefore && apps[s.seat].timer != clock.shown { adoptTimer(apps[s.seat].timer) }
        }
        refresh()
        resolveIfReady()
    }

    /// Keys that arrived together. Once the open text field is full, the rest of the typed
    /// characters are dropped without touching any state; and a burst of more than
    /// `burstLimit` keys that do something stops there, with a sentence, so no paste keeps the
    /// other seats waiting.
    public func keys(_ keys: [Key], from session: SessionID) {
        var full = false
        var acted = 0
        for k in keys {
            if full, case .char = k { continue }
            if acted == RoomHost.burstLimit {
                if let si = sessions.firstIndex(where: { $0.id == session }), sessions[si].projector == nil {
                    apps[sessions[si].seat].message = "The rest of a long paste was not used: more than \(RoomHost.burstLimit) keys came at once."
                    markDirty(session)
                }
                return
            }
            key(k, from: session)
            acted += 1
            guard let si = sessions.firstIndex(where: { $0.id == session }) else { return }
            full = sessions[si].projector == nil && apps[sessions[si].seat].textFieldIsFull
        }
    }

    /// The most keys one burst may act on (a text field's bound and then some).
    public static let burstLimit = 4_096

    public func resize(_ session: SessionID, width: Int, height: Int) {
        guard let si = sessions.firstIndex(where: { $0.id == session }) else { return }
        sessions[si].width = RoomHost.clampWidth(width)
        sessions[si].height = RoomHost.clampHeight(height)
        markDirty(session)
    }

    public func close(_ session: SessionID) {
        guard let si = sessions.firstIndex(where: { $0.id == session }) else { return }
        sessions.remove(at: si)
        refresh()
    }

    public func tick(now: Double) {
        self.now = now
        guard !isFinished else { return }
        if let ended = endedAt, !sessions.contains(where: { $0.seat == facilitatorIndex }), now - ended >= RoomHost.lingerSeconds {
            closeAfterEnd(because: "The room closed \(Int(RoomHost.lingerSeconds / 60)) minutes after the end.")
            return
        }
        let elapsed = clock.lastTick.map { max(0, now - $0) } ?? 0
        clock.lastTick = now
        if clock.running, let timer = clock.timer {
            clock.remaining = max(0, clock.remaining - elapsed)
            if clock.remaining == 0 && !clock.firedAtZero {
                clock.firedAtZero = true
                if timer.atZero == .computerFillsIn { fillIn() }
            }
        }
        for i in apps.indices { apps[i].update(.tick(now)) }
        for i in sessions.indices where sessions[i].projector != nil { sessions[i].projector!.update(.tick(now)) }
        refresh()
        resolveIfReady()
    }

    public func screen(of session: SessionID) -> Screen? {
        guard let s = sessions.first(where: { $0.id == session }) else { return nil }
        let app = s.projector ?? apps[s.seat]
        return app.render(width: s.width, height: s.height)
    }

    public func takeDirty() -> [SessionID] {
        defer { dirty = [] }
        return dirty
    }

    public func takeClosing() -> [(session: SessionID, reason: String)] {
        defer { closing = [] }
        return closing
    }

    // MARK: - Stopping

    /// Stops the room (SIGINT, SIGTERM): saves the game when a turn was resolved since the last
    /// save, keeps the journal of this turn's sealed orders for `serve --load`, and asks the
    /// doors to close every session. Returns the save to continue from.
    @discardableResult
    public func stop() -> String? {
        guard !isFinished else { return lastSavePath }
        if lastSavePath == nil { autosave() }
        isFinished = true
        for s in sessions {
            closing.append((s.id, "The host has stopped; the game is saved and your sealed orders are kept. Join again with the same code when it is back."))
        }
        sessions = []
        return lastSavePath
    }

    // MARK: - What the seats ask for

    private func perform(_ effect: AppEffect, seat: Int, session: SessionID) {
        switch effect {
        case .quit:
            apps[seat].shouldQuit = false
            leave(session)
        case .save(let name):
            let path = saveFolder + "/" + name + ".json"
            do {
                try SaveStore.write(saved(), to: path)
                apps[seat].message = "Saved to \(path). This turn's orders are not in it yet: the autosave takes them when the turn resolves."
            } catch {
                apps[seat].message = error.description
            }
        case .rewound(let turn):
            adoptRewind(to: turn)
        case .turnResolved, .load:
            break       // a seated interface never resolves a turn or loads a save itself
        }
    }

    private func perform(_ effect: SeatEffect, seat: Int) {
        switch effect {
        case .sealed(let orders):
            guard seat < humans.count else { return }
            sealed[seat] = true
            note(journal.append(.sealed(bloc: blocID(seat), orders: orders, byComputer: []), for: game))
        case .unsealed:
            guard seat < humans.count else { return }
            sealed[seat] = false
            filled[seat] = nil
            note(journal.append(.unsealed(bloc: blocID(seat)), for: game))
            dropRulingsOnThisTurn(because: seat)
        case .messageSent(let to, let text):
            guard seat < humans.count, let r = humans.firstIndex(of: to) else { return }
            apps[r].incoming.append(LiveMessage(from: humans[seat], text: text))
            apps[r].message = "A message from \(game.scenario.blocs[humans[seat]].name) has arrived: 8 reads it."
            markSeatDirty(r)
        case .released(let r):
            released = r
            note(journal.append(.released(r), for: game))
        case .facilitatorActions:
            break
        case .clock(let command):
            clockCommand(command)
        }
    }

    private func clockCommand(_ command: ClockCommand) {
        switch command {
        case .pause: clock.running = false
        case .resume: clock.running = clock.timer != nil
        case .addMinutes(let m):
            clock.remaining = max(0, min(Double(TurnTimer.maximumMinutes * 60), clock.remaining + Double(m * 60)))
            if clock.remaining > 0 { clock.firedAtZero = false }
        case .endTurn(let b):
            guard let k = humans.firstIndex(of: b), !sealed[k] else { return }
            seal(k, notice: "The facilitator ended your turn: your orders are sealed as they stood.")
        case .resolveNow:
            for k in humans.indices where !sealed[k] {
                seal(k, notice: "The facilitator resolved the turn: your orders were sealed as they stood.")
            }
            released = true
            resolve()
        case .undoFill(let b):
            guard let k = humans.firstIndex(of: b), let f = filled[k] else { return }
            apps[k].pending[0] = f.before
            apps[k].computerGiven = []
            apps[k].sealed = false
            apps[k].notice = "The facilitator took back the orders the computer gave in your name: your turn is open again (e seals your orders)."
            sealed[k] = false
            filled[k] = nil
            note(journal.append(.unsealed(bloc: blocID(k)), for: game))
            markSeatDirty(k)
        case .keep(let t):
            clock.set(t, running: false)
            if t != game.state.timer && !apps[facilitatorIndex].facilitatorQueue.contains(.timer(t)) {
                apps[facilitatorIndex].facilitatorQueue.append(.timer(t))
                note(journal.append(.facilitator(apps[facilitatorIndex].facilitatorQueue), for: game))
            }
            apps[facilitatorIndex].timer = clock.shown
        }
    }

    /// This turn's free-text actions are numbered once every delegation has sealed; when one
    /// unseals, it may add or remove one and shift the numbers, so rulings on them are taken
    /// back (the facilitator rules again once all have sealed).
    private func dropRulingsOnThisTurn(because k: Int) {
        let f = facilitatorIndex
        let first = game.state.nextActionID
        let before = apps[f].facilitatorQueue
        apps[f].facilitatorQueue.removeAll { if case .ruling(let id, _, _, _) = $0 { return id >= first }; return false }
        guard apps[f].facilitatorQueue != before else { return }
        apps[f].message = "\(game.scenario.blocs[humans[k]].name) unsealed its orders, so your rulings on this turn's free-text actions are taken back: rule again once every delegation has sealed."
        note(journal.append(.facilitator(apps[f].facilitatorQueue), for: game))
        markSeatDirty(f)
    }

    /// The facilitator set a new timer (or paused or cleared it) with the console's t.
    private func adoptTimer(_ t: TurnTimer?) {
        if let t, let old = clock.timer, old.minutes == t.minutes && old.atZero == t.atZero {
            clock.running = !t.paused
        } else {
            clock.set(t, running: !(t?.paused ?? true))
        }
    }

    /// Seals delegation `k`'s orders as they stand (the facilitator ended its turn).
    private func seal(_ k: Int, notice: String) {
        if case .prompt(let p)? = apps[k].modal, !p.text.isEmpty {
            // Text being written stays in its dialog (it can be sent next turn); it is not an order of this one.
            apps[k].notice = notice + " What you were writing is kept and was not sent."
        } else {
            apps[k].notice = notice
        }
        apps[k].message = nil
        apps[k].sealed = true
        apps[k].draftAllocation = nil
        sealed[k] = true
        note(journal.append(.sealed(bloc: blocID(k), orders: apps[k].pending[0], byComputer: []), for: game))
        markSeatDirty(k)
    }

    /// The clock ran out and the computer fills in: every delegation still playing gets the
    /// computer's orders of the kinds it has not given (never a message or a statement in its
    /// name), is sealed, and is told exactly which orders were given for it.
    private func fillIn() {
        for (k, b) in humans.enumerated() where !sealed[k] {
            let before = apps[k].pending[0]
            let added = ComputerFillIn.orders(for: b, in: game, level: level, given: before)
            apps[k].pending[0] = before + added
            apps[k].sealed = true
            apps[k].draftAllocation = nil
            // The notice must be read now: a message left from the last key would cover it.
            apps[k].message = nil
            apps[k].notice = ComputerFillIn.notice(added, game)
                + (facilitatorReleases ? " The facilitator can take them back before the turn resolves." : "")
            apps[k].computerGiven = added
            sealed[k] = true
            filled[k] = (before, added)
            note(journal.append(.sealed(bloc: blocID(k), orders: before + added, byComputer: added), for: game))
            markSeatDirty(k)
        }
    }

    // MARK: - Resolving

    private func resolveIfReady() {
        guard !isFinished, !game.isOver, !sealed.contains(false), released || !facilitatorReleases else { return }
        resolve()
    }

    /// Resolves the turn with the computer players' orders, each delegation's sealed orders and
    /// the facilitator's actions, in the hotseat's order; autosaves; clears the journal; moves
    /// every seat to the new turn.
    private func resolve() {
        guard !game.isOver else { return }
        let sc = game.scenario
        var commands = Autoplay.computerCommands(game, level: level, humans: humans)
        for (k, b) in humans.enumerated() {
            // Orders the computer gave at zero are marked in the log, so the report can name them.
            let own = filled[k].map { f in apps[k].pending[0].filter { !f.added.contains($0) } } ?? apps[k].pending[0]
            commands += ComputerFillIn.commands(bloc: sc.blocs[b].id, own: own, byComputer: filled[k]?.added ?? [])
        }
        commands += apps[facilitatorIndex].facilitatorQueue.map { Command.facilitator($0) }
        let label = game.turnLabel
        // A delegation the computer filled in for keeps being told so into the next turn.
        let fillNotes = humans.indices.map { filled[$0] != nil ? apps[$0].notice?.replacingOccurrences(of: " (o lists them)", with: "") : nil }
        game.resolve(commands)
        autosave()
        journal.clear()
        let note = game.isOver ? "The game is over: 0 shows the outcome." : "\(label) is resolved: 0 shows what happened and why."
        moveSeats(to: game, note: note)
        for (k, fill) in fillNotes.enumerated() { if let fill { apps[k].notice = fill.replacingOccurrences(of: "Time is up.", with: "Last turn time ran out.") } }
        clock.set(clock.timer, running: clock.running || !facilitatorReleases)
        apps[facilitatorIndex].timer = clock.shown
        if game.isOver {
            // Every seat stays open on the debrief (the projector on the outcome) until the
            // facilitator closes the room; the save is already written.
            endedAt = now
            clock.set(nil, running: false)
            apps[facilitatorIndex].timer = nil
            let saved = lastSavePath.map { " It is saved in \($0)." } ?? ""
            for k in humans.indices { apps[k].message = "The game is over: the debrief is on this screen (↑↓ PgDn scroll).\(saved)" }
            apps[facilitatorIndex].message = "The game is over and every seat shows the debrief.\(saved) q closes the room (headless, it closes \(Int(RoomHost.lingerSeconds / 60)) minutes after the end)."
        }
        refresh()
    }

    /// Every seat moves to `game` (a resolved turn, or a rewind).
    private func moveSeats(to game: Game, note: String) {
        for i in apps.indices { apps[i].seatTurnResolved(game, note: note) }
        for i in sessions.indices where sessions[i].projector != nil { sessions[i].projector!.seatTurnResolved(game) }
        sealed = humans.map { _ in false }
        filled = humans.map { _ in nil }
        released = false
        for s in sessions { markDirty(s.id) }
    }

    /// The facilitator rewound the game: the branch becomes the game, the game before it is kept
    /// as its own save (the branch's parent), this turn's journal goes, and the clock stops and
    /// asks which timer to keep.
    private func adoptRewind(to turn: Int) {
        let f = facilitatorIndex
        guard let branch = apps[f].game, let before = apps[f].rewoundFrom else { return }
        apps[f].rewoundFrom = nil
        var original = saved()
        original.game = before
        do {
            if let p = try RewindSave.keep(original, startingAt: turn, folder: saveFolder) { parent = p }
        } catch {
            problem = "The game before the rewind could not be kept — \(error.description)"
        }
        game = branch
        endedAt = nil
        journal.clear()
        let label = branch.turnLabel
        moveSeats(to: branch, note: "The facilitator rewound the game to the start of \(label).")
        let current = clock.timer
        clock.set(current, running: false)
        if current != nil || branch.state.timer != nil {
            apps[f].askWhichTimer(saved: branch.state.timer, current: current, why: "The game is rewound to the start of \(label).")
        }
        apps[f].timer = clock.shown
        autosave()
    }

    // MARK: - Saves and the journal

    private func saved() -> SavedGame {
        SavedGame(game: game, scenarioSource: scenarioSource,
                  seats: Seats(humans: humans.map { game.scenario.blocs[$0].id }, level: level.rawValue, facilitator: facilitatorReleases ? true : nil,
                               runSheet: RunSheetSaving.record(apps[facilitatorIndex])),
                  parent: parent)
    }

    /// Gives the facilitator's console its run sheet: `given` (serve --run-sheet), else the save's,
    /// else the scenario's own `runSheet:`; a loaded save's decisions come back with it.
    public func useRunSheet(given: [PlannedInject]?, saved: RunSheetRecord?) {
        let f = facilitatorIndex
        if given == nil, saved == nil, let source = scenarioSource {
            let embedded = RunSheetLoader.embedded(in: source)
            if !embedded.isEmpty { apps[f].runSheets[game.scenario.contentHash] = embedded }
        }
        RunSheetSaving.restore(saved, given: given, into: &apps[f])
    }

    private func autosave() {
        do {
            lastSavePath = try SaveStore.autosave(saved(), folder: saveFolder)
        } catch {
            problem = "Autosave failed — \(error.description)"
            apps[facilitatorIndex].notice = problem
        }
    }

    private func note(_ failure: String?) {
        guard let failure else { return }
        problem = failure
        apps[facilitatorIndex].notice = failure
    }

    /// Restores this turn's sealed orders, releases and facilitator actions from the journal.
    private func restoreJournal() {
        for entry in journal.entries(for: game) {
            switch entry {
            case .sealed(let bloc, let orders, let byComputer):
                guard let k = delegation(bloc) else { continue }
                apps[k].pending[0] = orders
                apps[k].sealed = true
                if case .briefing = apps[k].mode { apps[k].mode = .playing(0) }
                sealed[k] = true
                if !byComputer.isEmpty {
                    filled[k] = (Array(orders.dropLast(byComputer.count)), byComputer)
                    apps[k].notice = "Time was up. The computer gave these orders in your name (o lists them): "
                        + byComputer.map { OrderText.describe($0, game.scenario, game.state) }.joined(separator: "; ") + "."
                    apps[k].computerGiven = byComputer
                }
            case .unsealed(let bloc):
                guard let k = delegation(bloc) else { continue }
                apps[k].sealed = false
                sealed[k] = false
                filled[k] = nil
            case .released(let r):
                released = r
                apps[facilitatorIndex].released = r
            case .facilitator(let actions):
                apps[facilitatorIndex].facilitatorQueue = actions
            }
        }
        let back = sealed.filter { $0 }.count
        if back > 0 {
            apps[facilitatorIndex].message = "Restored from the journal: the sealed orders of \(back) delegation\(back == 1 ? "" : "s")."
        }
    }

    // MARK: - Seats and sessions

    /// The sealed orders of a delegation this turn (nil when it has not sealed).
    public func sealedOrders(of bloc: Int) -> [Order]? {
        guard let k = humans.firstIndex(of: bloc), sealed[k] else { return nil }
        return apps[k].pending[0]
    }

    /// The interface of a seat as it stands (delegations and the facilitator; a projector's is per session).
    public func app(of seat: SeatKind) -> AppState? {
        guard let i = seatIndex(seat), i < apps.count else { return nil }
        return apps[i]
    }

    /// The clock: the timer, seconds left, and whether it runs.
    public var clockState: (timer: TurnTimer?, remaining: Double, running: Bool) { (clock.timer, clock.remaining, clock.running) }

    /// Sessions open now, oldest first.
    public var openSessions: [SessionID] { sessions.map(\.id) }

    private func seatIndex(_ seat: SeatKind) -> Int? {
        switch seat {
        case .delegation(let b): return humans.firstIndex(of: b)
        case .facilitator: return facilitatorIndex
        case .projector: return projectorIndex
        }
    }

    private func delegation(_ id: String) -> Int? {
        guard let b = game.scenario.blocIndex(id) else { return nil }
        return humans.firstIndex(of: b)
    }

    private func blocID(_ k: Int) -> String { game.scenario.blocs[humans[k]].id }

    private func leave(_ session: SessionID) {
        // The facilitator leaving after the end closes the room.
        if endedAt != nil, sessions.contains(where: { $0.id == session && $0.seat == facilitatorIndex }) {
            closeAfterEnd(because: "The facilitator has closed the room.")
            return
        }
        closing.append((session, "You left the game. Your seat keeps its place: ssh in again with the same code to come back."))
        sessions.removeAll { $0.id == session }
        refresh()
    }

    /// Ends the room after the game's end: every session is told where the save is and closed.
    private func closeAfterEnd(because why: String) {
        isFinished = true
        for s in sessions {
            closing.append((s.id, "The game is over. \(why) The game is saved\(lastSavePath.map { " in \($0)" } ?? ""); the facilitator has the after-action report."))
        }
        sessions = []
    }

    private func markDirty(_ session: SessionID) {
        if !dirty.contains(session) { dirty.append(session) }
    }

    private func markSeatDirty(_ seat: Int) {
        for s in sessions where s.seat == seat { markDirty(s.id) }
    }

    /// Tells every seat the room's status and the clock, and marks every session for redrawing.
    private func refresh() {
        var status: [SeatStatus] = []
        for (k, b) in humans.enumerated() {
            let connected = sessions.contains { $0.seat == k }
            status.append(SeatStatus(label: game.scenario.blocs[b].id, done: sealed[k], connected: connected,
                                     idleSeconds: connected ? RoomHost.idle(now - lastKey[k]) : 0, filledByComputer: filled[k] != nil))
        }
        if facilitatorReleases {
            let connected = sessions.contains { $0.seat == facilitatorIndex }
            status.append(SeatStatus(label: "FACILITATOR", done: released, connected: connected,
                                     idleSeconds: connected ? RoomHost.idle(now - lastKey[facilitatorIndex]) : 0))
        }
        let shown = clock.shown
        // The console lists the delegations' orders of this turn as they stand.
        apps[facilitatorIndex].pending = humans.indices.map { apps[$0].pending.first ?? [] }
        for i in apps.indices {
            apps[i].roomStatus = status
            apps[i].showClock(shown, remaining: clock.remaining)
        }
        for i in sessions.indices where sessions[i].projector != nil {
            sessions[i].projector!.roomStatus = status
            sessions[i].projector!.showClock(shown, remaining: clock.remaining)
        }
        // Only a change everyone can see redraws every session (a key redraws its own).
        let seen = RoomView(status: status, clock: shown, seconds: Int(clock.remaining.rounded(.up)))
        if seen != lastSeen {
            lastSeen = seen
            for s in sessions { markDirty(s.id) }
        }
    }

    /// What every seat shows of the room, to tell when all must be redrawn.
    private struct RoomView: Equatable {
        var status: [SeatStatus]
        var clock: TurnTimer?
        var seconds: Int
    }
    private var lastSeen: RoomView?

    /// Idle time in whole minutes (as seconds): the console shows minutes, and a finer count
    /// would redraw every seat every second for nothing.
    static func idle(_ seconds: Double) -> Int { Int(max(0, seconds) / 60) * 60 }

    /// Window sizes are a client's hints: 0×0 and 65535×65535 are both survived.
    static func clampWidth(_ w: Int) -> Int { min(max(w, 1), 500) }
    static func clampHeight(_ h: Int) -> Int { min(max(h, 1), 200) }
}
