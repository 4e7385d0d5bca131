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
            } else if b.computing.value >= v.world.crqcLogicalQubits || v.qDayYears < 0.5 {
                // The estimate is past the threshold (or within half a year of it): say so rather than
                // give a clock that contradicts the estimate on the World screen.
                full = "Rival Q-Day: \(id) may be there now"; short = "Q-Day \(id) now?"
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
