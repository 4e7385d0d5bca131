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
        // The help runs longer than most windows: the last line then says so, and how far.
        let room = shown.count > r.h ? r.h - 1 : r.h
        let start = min(app.scroll, max(0, shown.count - room))
        var y = r.y
        for line in shown.dropFirst(start).prefix(room) { put(r.x, y, Widgets.fit(line, r.w), line.hasSuffix(":") ? .title : .plain); y += 1 }
        let below = shown.count - start - room
        if below > 0 { put(r.x, r.y + r.h - 1, "↓ \(below) more line\(below == 1 ? "" : "s") below (↓ PgDn)", Style(reverse: true)) }
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
        "  O  Objectives: progress, deadlines, mandates, your secret brief and the briefing",
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
        "  r  rule on a free-text action: accept with effects, reject, or reject with",
        "     consequences; with a reason (Tab: templates); r again changes or withdraws it",
        "  k  run sheet: fire, postpone or skip the inject planned for this turn",
        "  Text fields: ←→ Home End move the cursor, Del deletes forward, Esc goes back a step",
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
        "  Orders resolve in stages (answers, diplomacy, controls, investment, intelligence,",
        "  decryption, dilemmas), not in the order you gave them; the orders screen numbers them.",
        "",
        "Glossary:",
    ] + Glossary.lines

    /// Words the screens use, each explained in a sentence or two, as help lines.
    enum Glossary {
        static let entries: [(term: String, text: String)] = [
            ("doctrine", "What a bloc's score values most. Your score weighs four pillars (security, prosperity, influence, stability) by your doctrine, plus the points of the objectives you meet. The weights below are the defaults; a scenario may change them."),
            ("tech-leader", "Doctrine of a bloc that leads in research: security and prosperity count most (35 and 30 of 100)."),
            ("state-directed", "Doctrine of a bloc whose state steers research: security counts most (40 of 100)."),
            ("standards-power", "Doctrine of a bloc that wins by rules others adopt: influence counts most (35 of 100)."),
            ("hedger", "Doctrine of a bloc that keeps doors open on all sides: prosperity counts most (40 of 100)."),
            ("middle-power", "Doctrine of a bloc with no single aim: the four pillars count nearly alike (20 to 30 of 100)."),
            ("spoiler", "Doctrine of a bloc that gains when others stumble: security counts most (45 of 100), prosperity least."),
            ("rival", "A bloc you trust less than 30. The Q-Day clock and Mosca's inequality count rivals' CRQCs only: an ally's machine is shown (⚠) but is not expected to read your traffic."),
            ("capital", "Political capital: most orders cost 1 or 2. It is earned each turn (halved while domestic support is under 20) and spent when the turn resolves, in the order orders resolve; an order the capital no longer covers fails."),
            ("CRQC", "A cryptographically relevant quantum computer: one with enough logical qubits to break today's public-key encryption. The World screen gives the threshold."),
            ("Q-Day", "The day a rival holds a CRQC. The header shows your estimate of the nearest one, from your estimates of rivals' qubits and growth."),
            ("Mosca's inequality", "If x (how long a sector's secrets stay valuable) plus y (years to finish migrating it) is more than z (years to a rival's CRQC), traffic harvested today will be read in time to matter."),
            ("red / amber / green", "Mosca status of a sector: red (✖) the inequality holds and harvested data will be read; amber (▲) within three years of that; green (●) safe for now."),
            ("HNDL", "Harvest now, decrypt later: recording encrypted traffic today to read it once a CRQC exists. The Intel screen shows whose traffic is harvested."),
            ("shelf life", "How many years a sector's secrets stay valuable (x in Mosca's inequality); harvested data loses value as it ages and is worthless after it."),
            ("mandate", "A law that a sector be 95 % migrated to post-quantum cryptography by a deadline; it speeds migration; missing it costs 3 support."),
            ("~ (estimate)", "A value marked ~ is your estimate of another bloc; its error shrinks with your SIGINT, transparency treaties and espionage."),
        ]

        static var lines: [String] {
            entries.flatMap { e in ["  \(e.term) — \(e.text)"] }
        }
    }
}
