// The help screen and its text.
import GameCore
import Strategy

extension Renderer {
    // MARK: - Help

    mutating func drawHelp(_ r: Rect) {
        // The facilitator's keys come first in the facilitator's seat.
        var lines = HelpText.lines
        if app.isFacilitatorView, let k = lines.firstIndex(where: { $0.hasPrefix("The facilitator's seat") }), let end = lines[k...].firstIndex(of: "") {
            lines = Array(lines[k...end]) + Array(lines[..<k]) + Array(lines[(end + 1)...])
        }
        // In a room, what differs from one keyboard comes first.
        switch app.seat {
        case .delegation:
            lines = ["In this room every delegation plays at the same time, at its own screen.",
                     "  e        seal your orders (e again unseals them while the turn is open)",
                     "           the line above the footer shows who is still playing: ✔ done, … playing,",
                     "           ⚙ the computer gave the orders when time ran out",
                     "  8        messages: yours arrive at once on the other delegation's screen",
                     "  q        leave; ssh in again with the same code to come back where you were",
                     ""] + lines
        case .facilitator:
            lines = ["The room's clock (console f):",
                     "  p        pause or start the clock       +  add (or take away) minutes",
                     "  d        end a delegation's turn        R  resolve the turn now",
                     "  z        take back the orders the computer gave when time ran out",
                     "  e        release the turn (it resolves once every delegation has sealed)",
                     ""] + lines
        case .hotseat, .projector:
            break
        }
        // Lines too long for the window wrap under their text, after the key or screen name.
        var shown: [String] = []
        for line in lines {
            guard Screen.displayWidth(line) > r.w else { shown.append(line); continue }
            let lead = line.prefix { $0 == " " }.count
            let label = line.dropFirst(lead).prefix { $0 != " " }.count
            let gap = line.dropFirst(lead + label).prefix { $0 == " " }.count
            let indent = min(lead + label + gap, r.w / 2)
            let parts = Widgets.wrap(String(line.dropFirst(indent)), width: max(10, r.w - indent))
            for (i, part) in parts.enumerated() { shown.append((i == 0 ? String(line.prefix(indent)) : String(repeating: " ", count: indent)) + part) }
        }
        let start = min(app.scroll, max(0, shown.count - r.h))
        var y = r.y
        for line in shown.dropFirst(start).prefix(r.h) { put(r.x, y, Widgets.fit(line, r.w), line.hasSuffix(":") ? .title : .plain); y += 1 }
    }
}

/// The keys of the game, for the help screen and the printed key card of `entangled pack`.
public enum HelpText {
    public static let lines: [String] = [
        "Keys for delegations:",
        "  ?  this help (or F1)    Esc  back to the world screen       Tab  next screen",
        "  1  World dashboard      2  Bloc detail        3  Budget      4  PQC & Mosca",
        "  5  Export controls      6  Diplomacy          7  Intelligence 8  Messages",
        "  9  Dilemmas             0  Turn report (why)  c  Charts      o  Your orders",
        "  e  end your orders (asks first)   s  save   q or Ctrl-C  quit (asks first)",
        "  arrows move · Enter choose · Space toggle · in a dialog, Esc goes back a step",
        "",
        "On the screens:",
        "  World      ↑↓ pick a bloc, Enter for its details",
        "  Bloc       ←→ other blocs; g dialogue, m message, a aid, x espionage, h harvest",
        "  Budget     ↑↓ track, ←→ move 5 points, Enter order the split; +/- budget; k QKD; K satellite",
        "  PQC        ↑↓ sector, m mandate with a deadline, f standard family",
        "  Controls   arrows pick target and category, Enter imposes or lifts",
        "  Diplomacy  p draft a treaty; a/r accept or reject a proposal; w withdraw; v break in secret; t statement",
        "  Intel      h harvest, x espionage, i counter-intelligence, d decrypt (with a CRQC), D disclose",
        "  Messages   m write to another delegation",
        "  Dilemmas   Enter to choose an option",
        "  Orders     Delete removes an order; n submits a free-text action to the facilitator",
        "",
        "The facilitator's seat (after the delegations; sees everything, unfogged):",
        "  f  Console   1  World   2  Bloc   0  Report   c  Charts   e  end the turn",
        "  i  inject a card from the deck       n  custom event: title, text, effects",
        "  r  rule on a free-text action: accept with effects, or reject; with a reason",
        "  a  adjust any value, with a reason   v  reveal a secret to some or everyone",
        "  t  turn timer: set, pause, resume, clear; at zero wait or computer fills in",
        "  b  rewind to the start of a turn     u  take back this turn's last action",
        "  Effects: US.support += 5; world.tension -= 3; trust(US, CN) += 10; all.support -= 2",
        "",
        "How to read the screens:",
        "  A value with ~ is your estimate of another bloc; its error shrinks with your SIGINT,",
        "  with transparency treaties and after espionage. ⚠ marks a danger you know of.",
        "  Mosca: ✖ RED means data harvested today will still matter when a rival's CRQC arrives.",
        "  Every order costs political capital (shown in the header); orders you cannot pay for fail.",
        "  Orders are sealed: all delegations' orders are resolved together when the turn ends.",
    ]
}
