import GameCore

/// The guided first game (`entangled play --tutorial`, or t on the setup screen): a coach walks a
/// newcomer through the first turn of Q-Day Rumours — the briefing, the world, one decision of each
/// kind, the orders, ending the turn — to the first turn's report. The coach only reads the
/// interface's state and says what to do next; it never gives an order itself, so the tutorial is
/// an ordinary game with ordinary saves. Its words are data here, at the edge, never in the rules.
public struct Coach: Hashable, Sendable {
    /// The step the newcomer is on (an index into `Coach.steps`).
    public var step: Int = 0

    public init() {}

    /// The scenario the tutorial plays, and the delegation it seats.
    public static let scenarioID = "quick-crisis"
    public static let blocID = "EU"

    /// One step: what the coach says, and what the newcomer does to go on.
    struct Step: Sendable {
        let title: String
        let text: String
        /// Whether the newcomer has done what the step asks.
        let done: @Sendable (AppState) -> Bool
    }

    /// Whether the delegation at the keyboard has queued an order of some kind.
    private static func ordered(_ app: AppState, _ kind: (Order) -> Bool) -> Bool { app.pendingOrders.contains(where: kind) }

    /// The steps, in order. N skips a step that the newcomer does not want to take.
    static let steps: [Step] = [
        Step(title: "Your brief",
             text: "Welcome. You lead the European Union for ten quarters. This is your secret brief: your objectives and what every delegation knows. ↑↓ scroll it. Press Enter to begin the first turn.",
             done: { if case .playing = $0.mode { return true }; return false }),
        Step(title: "The world",
             text: "One row per bloc: logical qubits (a CRQC needs about 1,400), sensing, government migration, support, trust with you, score. A ~ marks your estimate of another bloc. The top line shows your political capital, which pays for orders, and the Q-Day clock. Press 4 for the PQC screen.",
             done: { $0.screen == .pqc }),
        Step(title: "Decision 1: protect a sector",
             text: "Each row is a sector: when the years its secrets must stay safe plus the years migration still takes exceed the years to a rival's CRQC, it is ✖ RED: what is harvested today will be read. Pick a red sector with ↓, press m, choose a deadline and press Enter.",
             done: { ordered($0) { if case .mandate = $0 { return true }; return false } }),
        Step(title: "Decision 2: the budget",
             text: "Press 3. ↑↓ picks a track (computing, sensing, QKD, workforce, PQC, supply), ←→ moves 5 points to or from it; the right column shows what the split buys next year. Press Enter to order the new split.",
             done: { ordered($0) { if case .allocate = $0 { return true }; return false } }),
        Step(title: "Decision 3: export controls",
             text: "Press 5. Controls deny a bloc quantum systems, components, software or talent; alone they leak, a regime with others closes the gap. Move with the arrows to a rival (China or Russia: a control on a partner costs trust) and a category, and press Enter to impose one.",
             done: { ordered($0) { if case .imposeControl = $0 { return true }; if case .liftControl = $0 { return true }; return false } }),
        Step(title: "Decision 4: diplomacy",
             text: "Press 6, then p to draft a treaty in four steps: kind, parties (Space invites), terms, confirm — Enter moves on, Esc goes back. A hotline or a PQC accord is a good start.",
             done: { ordered($0) { if case .proposeTreaty = $0 { return true }; if case .respondTreaty = $0 { return true }; return false } }),
        Step(title: "Decision 5: intelligence",
             text: "Press 7. Each row is a bloc you can watch. h starts harvesting its traffic (to read once you have a CRQC), x spies on it, i runs counter-intelligence at home. Give one if the top line shows capital left; with none left the order would fail, so press N.",
             done: { ordered($0) { switch $0 { case .harvest, .espionage, .counterIntelligence: return true; default: return false } } }),
        Step(title: "Your objectives",
             text: "Press O. Each objective shows where you stand against its threshold, when it is judged, and a warning before a deadline would be missed. Your brief can be re-read there too.",
             done: { $0.screen == .objectives }),
        Step(title: "Your orders",
             text: "Press o. Your orders this turn, numbered in the order they resolve, with their cost in political capital; ✖ marks one the capital does not cover. Del removes the selected order.",
             done: { $0.screen == .orders }),
        Step(title: "End the turn",
             text: "Press e to end your orders and y to confirm. The computer players give theirs, and the turn resolves: orders, investment, intelligence, events, politics, scores.",
             done: { ($0.game?.state.turn ?? 0) >= 1 }),
        Step(title: "The turn report",
             text: "This is what happened, and why your numbers moved: each indicator with its largest causes. ↑↓ scroll. That was a whole turn. ? lists every key and explains the words (rival, capital, Mosca, HNDL). Press N to end the tutorial.",
             done: { _ in false }),
    ]

    /// The step's title, numbered ("Step 3 of 11: …").
    public var heading: String {
        "Tutorial, step \(step + 1) of \(Coach.steps.count): \(Coach.steps[min(step, Coach.steps.count - 1)].title)"
    }

    /// What the coach says now.
    public var text: String { Coach.steps[min(step, Coach.steps.count - 1)].text }

    /// Moves past every step already done. A step is judged only once reached, so doing step 5's
    /// order early does not skip steps 3 and 4 on the way.
    mutating func advance(_ app: AppState) {
        while step < Coach.steps.count - 1 && Coach.steps[step].done(app) { step += 1 }
    }
}

extension AppState {
    /// Starts the guided first game: Q-Day Rumours with the EU at the keyboard, the computer playing
    /// everyone else, no facilitator and no timer (the scenario's seed unless `seed` is given).
    /// Returns what is wrong when the scenario or the bloc is missing.
    public mutating func startTutorial(seed: UInt64? = nil) -> String? {
        guard let index = choices.firstIndex(where: { $0.scenario.id == Coach.scenarioID }) else {
            return "The tutorial plays the bundled scenario \(Coach.scenarioID), which is not among the scenarios offered; start entangled play without --scenario."
        }
        selectScenario(index, seed: seed)
        let s = choices[index].scenario
        guard let bloc = s.blocIndex(Coach.blocID) else { return "The tutorial's scenario has no bloc \(Coach.blocID)." }
        setup.human = s.blocs.indices.map { $0 == bloc }
        setup.facilitator = false
        setup.turnMinutes = 0
        startWithSetup()
        coach = Coach()
        return nil
    }

    /// The coach's words wrapped for a panel `width` columns wide (none without a tutorial).
    func coachLines(width: Int) -> [String] {
        guard let coach else { return [] }
        return Widgets.wrap(coach.text + (coach.step < Coach.steps.count - 1 ? " (N: next step)" : ""), width: width - 4)
    }
}
