import GameCore

/// What the projector may show: the public record only. Built from the game in one place, so
/// that what reaches the wall is easy to check: world indices (every delegation sees them
/// exactly), treaties in force (signed in public), news with no restricted audience, the
/// calendar. No bloc's values, which every delegation sees only through its own fog.
public struct PublicRecord: Hashable, Sendable {
    public struct Index: Hashable, Sendable {
        public var name: String
        public var value: Double
        /// One value per resolved turn, oldest first.
        public var history: [Double]
    }
    public struct TreatyLine: Hashable, Sendable {
        public var name: String
        public var parties: [String]
        public var since: String
    }
    public struct NewsLine: Hashable, Sendable {
        public var turn: String
        public var text: String
    }

    public var title: String
    public var turnLabel: String
    public var turn: Int
    public var turnCount: Int
    public var isOver: Bool
    /// How the game ended (title, explanation), once it has: public to everyone then.
    public var outcome: Ending?
    /// How a game ended, in words.
    public struct Ending: Hashable, Sendable {
        public var title: String
        public var explanation: String
    }
    public var indices: [Index]
    public var crqcThreshold: Double
    public var treaties: [TreatyLine]
    /// Newest first.
    public var news: [NewsLine]

    /// The public record of `game`.
    public init(_ game: Game) {
        let s = game.state, sc = game.scenario
        title = sc.title
        turn = s.turn
        turnCount = sc.calendar.turnCount
        turnLabel = sc.calendar.label(min(s.turn, sc.calendar.turnCount - 1))
        isOver = game.isOver
        outcome = game.isOver ? s.outcome.map { Ending(title: $0.title, explanation: $0.explanation) } : nil
        indices = [
            Index(name: "Tension", value: s.world.tension, history: s.history.map(\.tension)),
            Index(name: "Governance", value: s.world.governance, history: s.history.map(\.governance)),
            Index(name: "Fragmentation", value: s.world.fragmentation, history: s.history.map(\.fragmentation)),
        ]
        crqcThreshold = s.world.crqcLogicalQubits
        treaties = s.treaties.filter { $0.status == .inForce }.map { t in
            let members = t.parties.indices.filter { t.answers[$0] == .accepted && !t.withdrawn[$0] && sc.blocs.indices.contains(t.parties[$0]) }
            return TreatyLine(name: t.name, parties: members.map { sc.blocs[t.parties[$0]].id },
                              since: t.inForceTurn.map { sc.calendar.label(min($0, sc.calendar.turnCount - 1)) } ?? "")
        }
        news = s.news.filter { $0.audience.isEmpty }.reversed().map {
            NewsLine(turn: sc.calendar.label(min($0.turn, sc.calendar.turnCount - 1)), text: $0.text)
        }
    }
}

extension AppState {
    /// The projector's keys: it only scrolls the news; q leaves.
    mutating func updateProjector(_ key: Key) -> [AppEffect] {
        switch key {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - 10)
        case .pageDown: scroll += 10
        case .home: scroll = 0
        case .char("q"): modal = .confirmQuit
        default: break
        }
        return []
    }
}

extension Renderer {
    /// The projector: the clock and who is still playing on top, the world's indices with their
    /// charts, the treaties in force and the news. Wide windows get two columns.
    mutating func drawProjector() {
        guard let game = app.game else { return }
        let record = PublicRecord(game)
        let turn = record.isOver ? "Game over" : "\(record.turnLabel) · turn \(record.turn + 1) of \(record.turnCount)"
        header("\(record.title) │ \(turn)", right: "Projector", compact: "")
        // Who is still playing, large enough to read from the back of the room.
        var x = 1
        for s in app.roomStatus where s.label != "FACILITATOR" {
            let text = " \(s.label) \(s.filledByComputer ? "⚙" : s.done ? "✔" : "…") "
            if x + Screen.displayWidth(text) > width { break }
            put(x, 1, text, s.done ? Style(fg: .green, bold: true, reverse: true) : Style(bold: true))
            x += Screen.displayWidth(text) + 1
        }
        let wide = width >= 120
        let left = Rect(x: 0, y: 3, w: wide ? width / 2 - 1 : width, h: height - 4)
        var y = left.y
        // At the end the room looks at the outcome first.
        if let outcome = record.outcome {
            put(left.x + 1, y, "The game is over: \(outcome.title)", Style(bold: true, reverse: true), maxWidth: left.w - 2); y += 1
            for line in Widgets.wrap(outcome.explanation, width: max(10, left.w - 2)).prefix(max(1, left.h / 4)) {
                put(left.x + 1, y, line, .plain, maxWidth: left.w - 1); y += 1
            }
            y += 1
        }
        // Indices: a bar and the value on one line, a sparkline of the turns so far beside it.
        put(left.x + 1, y, "The world", .title); y += 1
        for index in record.indices {
            let bar = Widgets.bar(index.value / 100, width: 20)
            let spark = Widgets.sparkline(index.history + [index.value], width: max(0, left.w - 42))
            put(left.x + 1, y, Widgets.fit(index.name, 14) + bar + " " + Widgets.fit(Widgets.int(index.value), 4, right: true) + "  " + spark,
                index.name == "Tension" && index.value >= 70 ? .bad : .plain, maxWidth: left.w - 1)
            y += 1
        }
        put(left.x + 1, y, "A CRQC needs \(Widgets.number(record.crqcThreshold)) logical qubits.", .dim, maxWidth: left.w - 1); y += 1
        // The chart of the indices over the game, when there is room for it.
        let chartHeight = wide ? max(0, min(14, left.h / 2)) : (height >= 40 ? 12 : 0)
        if chartHeight >= 6 {
            y += 1
            let first = game.scenario.calendar.label(0)
            let last = record.turnLabel
            // The legend stands right of the chart, as on the charts screen: a mark means nothing unnamed.
            let legendW = 16
            let series: [(label: String, values: [Double], style: Style, mark: Character)] = [(label: "tension", values: record.indices[0].history + [record.indices[0].value], style: style(Style(fg: .red)), mark: "t"),
                                       (label: "governance", values: record.indices[1].history + [record.indices[1].value], style: style(Style(fg: .green)), mark: "g"),
                                       (label: "fragmentation", values: record.indices[2].history + [record.indices[2].value], style: style(Style(fg: .yellow)), mark: "f")]
            Widgets.lineChart(&screen, x: left.x + 1, y: y, width: left.w - 2 - legendW, height: chartHeight,
                              series: series, xLabels: (first, last))
            for (i, s) in series.enumerated() {
                put(left.x + left.w - legendW, y + 1 + i, "\(s.mark) \(s.label)", s.style, maxWidth: legendW - 1)
            }
            y += chartHeight
        }
        y += 1
        let treatyRoom = wide ? left.y + left.h - y : min(record.treaties.count + 1, max(2, (height - y) / 3))
        put(left.x + 1, y, "Treaties in force: \(record.treaties.count)", .title); y += 1
        for t in record.treaties.prefix(max(0, treatyRoom - 1)) {
            put(left.x + 1, y, Widgets.fit("\(t.name) — \(t.parties.joined(separator: ", "))" + (t.since.isEmpty ? "" : " (since \(t.since))"), left.w - 2))
            y += 1
        }
        if record.treaties.count > treatyRoom - 1 && treatyRoom > 1 && record.treaties.count > 0 {
            put(left.x + left.w - 12, y - 1, " +\(record.treaties.count - treatyRoom + 1) more ", .dim)
        }
        // The news: the rest of a narrow screen, or the right half of a wide one.
        let news = wide ? Rect(x: width / 2 + 1, y: 3, w: width / 2 - 2, h: height - 4) : Rect(x: 0, y: y + 1, w: width, h: height - y - 2)
        guard news.h >= 2 else { return }
        put(news.x + 1, news.y, "News", .title)
        var lines: [(String, Style)] = []
        for item in record.news {
            let wrapped = Widgets.wrap(item.text, width: max(10, news.w - 11))
            for (i, l) in wrapped.enumerated() { lines.append(((i == 0 ? Widgets.fit(item.turn, 9) : String(repeating: " ", count: 9)) + " " + l, i == 0 ? .plain : .plain)) }
        }
        if lines.isEmpty { lines = [("No news yet: it comes when the first turn resolves.", .dim)] }
        let visible = news.h - 1
        let start = min(app.scroll, max(0, lines.count - visible))
        for (i, (text, s)) in lines.dropFirst(start).prefix(visible).enumerated() { put(news.x + 1, news.y + 1 + i, text, s, maxWidth: news.w - 1) }
        footer("↑↓ scroll the news · q leave")
    }
}
