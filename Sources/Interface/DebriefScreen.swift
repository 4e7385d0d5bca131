import GameCore
import Report

/// The after-action report of a finished game as a screen (DESIGN §7b): the same debrief as
/// `entangled report`, built once by replaying the game and re-wrapped for the window's width.
final class DebriefCache: @unchecked Sendable {
    // The interface runs on one thread; the cache only remembers what a pure function returned.
    private var key: String?
    private var debrief: Debrief?
    private var wrapped: (width: Int, lines: [String])?

    func lines(for game: Game, width: Int) -> [String] {
        // A rewound and replayed game can end with as many turns but other commands: the last
        // state hash tells them apart.
        let key = "\(game.scenario.id)|\(game.seed)|\(game.log.count)|\(game.hashes.last ?? "")"
        if key != self.key {
            self.key = key
            debrief = DebriefBuilder.build(game)
            wrapped = nil
        }
        if let wrapped, wrapped.width == width { return wrapped.lines }
        let lines = debrief?.textLines(width: width) ?? []
        wrapped = (width, lines)
        return lines
    }
}

extension Renderer {
    /// The debrief of a finished game: every section of the after-action report, scrolled with ↑↓.
    mutating func drawDebrief(_ g: Game, _ r: Rect) {
        let lines = app.debriefCache.lines(for: g, width: max(40, r.w - 1))
        // The last row says how much is left, so it never covers a line of the report.
        let visible = lines.count > r.h ? r.h - 1 : r.h
        let start = min(app.scroll, max(0, lines.count - visible))
        var y = r.y
        func isRule(_ k: Int) -> Bool {
            lines.indices.contains(k) && !lines[k].isEmpty && lines[k].allSatisfy { $0 == "=" || $0 == "-" }
        }
        for k in start..<min(lines.count, start + visible) {
            // A heading is the line above its rule of = or -.
            let style: Style = isRule(k + 1) ? .title : (isRule(k) ? .dim : .plain)
            put(r.x, y, Widgets.fit(lines[k], r.w), style)
            y += 1
        }
        if lines.count > visible {
            let left = max(0, lines.count - visible - start)
            let note = left > 0 ? "↓ \(left) more lines (PgDn)" : "— end of the debrief —"
            put(r.x, r.y + r.h - 1, Widgets.fit(note, r.w), .dim)
        }
    }
}
