// The Q-Day clock in words, the same on every screen: the nearest rival CRQC by the viewer's own
// estimates, a rival that may already be past the threshold, and known machines of allies.
import GameCore

/// The Q-Day clock for the header and the PQC screen, read from the view's estimates.
enum QDayText {
    /// Trust under which another bloc is a rival whose CRQC the clock counts (Mosca.rivalTrust).
    static var rivalTrust: Double { Mosca.rivalTrust }

    /// The clock: `full` for the header and screens, `short` for a narrow header.
    struct Clock {
        var full: String
        var short: String
    }

    static func clock(_ v: GameView, _ s: Scenario) -> Clock {
        var full: String, short: String
        if let q = v.qDayBloc, v.qDayYears < 50, v.blocs.indices.contains(q) {
            let b = v.blocs[q]
            let id = s.blocs[q].id
            if b.knownCRQC {
                full = "Rival Q-Day: now (\(id) has a CRQC)"; short = "Q-Day now \(id)"
            } else if b.computing.value >= v.world.crqcLogicalQubits {
                // The estimate is past the threshold: say so rather than give a clock that
                // contradicts the estimate on the World screen.
                full = "Rival Q-Day: \(id) may be there now"; short = "Q-Day \(id) now?"
            } else if v.qDayYears < 0.5 {
                // One quarter of growth from the threshold, by an estimate still short of it: the
                // clock says when, beside the estimate, never "may be there now".
                full = "Rival Q-Day: \(id) within a quarter (you estimate \(Widgets.number(b.computing.value)) of \(Widgets.number(v.world.crqcLogicalQubits)) qubits)"
                short = "Q-Day 0.25y \(id)"
            } else {
                full = "Rival Q-Day ~\(Widgets.number(v.qDayYears)) y (\(id))"; short = "Q-Day \(Widgets.number(v.qDayYears))y \(id)"
            }
        } else {
            full = "Rival Q-Day: none in sight"; short = "Q-Day none"
        }
        let allies = allyMachines(v, s)
        if !allies.isEmpty { full += " · " + allies.joined(separator: ", ") + (allies.count == 1 ? " has one (ally)" : " have one (allies)") }
        return Clock(full: full, short: short)
    }

    /// Ids of blocs other than the viewer known to hold a CRQC that the clock does not count
    /// because the viewer trusts them (not rivals).
    static func allyMachines(_ v: GameView, _ s: Scenario) -> [String] {
        guard let me = v.viewerIndex else { return [] }
        return v.blocs.indices.filter { i in
            i != me && v.blocs[i].knownCRQC && v.blocs[i].trustWithViewer >= rivalTrust
        }.map { s.blocs[$0].id }
    }

    /// One sentence defining "rival" for screens that show the clock.
    static let rivalSentence = "Rival: a bloc you trust less than \(Int(Mosca.rivalTrust)); only rivals' CRQCs count toward Q-Day and Mosca."
}

/// The Q-Day clock as a delegation read it before a turn resolved, kept to explain on the turn
/// report how and why it moved (the clock is the viewer's estimate, not a value the rules log).
public struct ClockReading: Hashable, Sendable {
    /// Years to the nearest rival's CRQC as the clock counts them, and that rival.
    var years: Double
    var bloc: Int?
    /// The viewer's estimate of that rival's logical qubits, and whether its CRQC was known.
    var estimate: Double
    var known: Bool
    /// The clock's words then.
    var text: String
}

extension QDayText {
    /// The clock of view `v`, to compare after the turn.
    static func reading(_ v: GameView, _ s: Scenario) -> ClockReading {
        let b = v.qDayBloc.flatMap { v.blocs.indices.contains($0) ? v.blocs[$0] : nil }
        return ClockReading(years: v.qDayYears, bloc: v.qDayBloc, estimate: b?.computing.value ?? 0, known: b?.knownCRQC ?? false,
                            text: clock(v, s).full)
    }

    /// One sentence saying how the clock moved since `before` and why, or nil when it did not.
    static func change(from before: ClockReading, to v: GameView, _ s: Scenario) -> String? {
        let now = reading(v, s)
        guard now.text != before.text else { return nil }
        let threshold = Widgets.number(v.world.crqcLogicalQubits)
        var why: [String] = []
        if now.bloc != before.bloc {
            if let old = before.bloc {
                let id = s.blocs[old].id
                let trust = v.blocs[old].trustWithViewer
                if trust >= rivalTrust { why.append("you now trust \(id) \(Widgets.int(trust)), so it is no longer a rival") }
                else { why.append("\(id) is no longer the nearest rival") }
            }
            if let new = now.bloc {
                why.append("the nearest rival is now \(s.blocs[new].id), estimated at \(Widgets.number(now.estimate)) of the \(threshold) logical qubits a CRQC needs")
            }
        } else if let b = now.bloc {
            let id = s.blocs[b].id
            if now.known && !before.known {
                why.append("\(id)'s CRQC is now known")
            } else if abs(now.estimate - before.estimate) >= 0.5 {
                why.append("your estimate of \(id)'s logical qubits went from \(Widgets.number(before.estimate)) to \(Widgets.number(now.estimate)) (a CRQC needs \(threshold))")
            } else {
                why.append("\(id)'s expected growth changed with its investment and the world's")
            }
        }
        return "Q-Day clock: was “\(before.text)”, now “\(now.text)”: " + why.joined(separator: "; ") + "."
    }
}
