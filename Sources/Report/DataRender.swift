import Foundation
import GameCore

extension Debrief {
    /// Every indicator at the end of every played turn, one row per turn, bloc and indicator
    /// (`turn,label,bloc,indicator,value`; turn 1 is the first turn). World indicators use the bloc
    /// `world`. Numbers are written in full precision; Mosca statuses as red, amber or green.
    public func csv() -> String {
        var out = "turn,label,bloc,indicator,value\n"
        out += trustRows(trust.start, lead: "0,start,")
        for (t, record) in history.enumerated() {
            let lead = "\(t + 1),\(csvField(turnLabels[t])),"
            for (b, r) in record.blocs.enumerated() where b < blocs.count {
                for (indicator, value) in Debrief.indicators(of: r, sectors: sectors) {
                    out += lead + csvField(blocs[b].id) + "," + csvField(indicator) + "," + value + "\n"
                }
            }
            for (indicator, value) in [("tension", record.tension), ("governance", record.governance),
                                       ("fragmentation", record.fragmentation), ("crqcLogicalQubits", record.crqcLogicalQubits)] {
                out += lead + "world," + indicator + "," + number(value) + "\n"
            }
            if t < trust.turns.count { out += trustRows(trust.turns[t], lead: lead) }
        }
        return out
    }

    /// `trust.<OTHER>` rows: how much each bloc trusts each other bloc (−100 to 100).
    func trustRows(_ matrix: [Double], lead: String) -> String {
        let n = trust.blocs.count
        guard matrix.count == n * n else { return "" }
        var out = ""
        for a in 0..<n {
            for b in 0..<n where a != b {
                out += lead + csvField(trust.blocs[a]) + ",trust." + csvField(trust.blocs[b]) + "," + number(matrix[a * n + b]) + "\n"
            }
        }
        return out
    }

    /// The indicators of one bloc's record in CSV order, with their values as text.
    static func indicators(of r: BlocRecord, sectors: [SectorInfo]) -> [(String, String)] {
        var out: [(String, String)] = [
            ("computing", number(r.computing)), ("sensing", number(r.sensing)), ("qkdKm", number(r.qkdKm)),
            ("workforce", number(r.workforce)), ("support", number(r.support)), ("gdp", number(r.gdp)),
            ("budget", number(r.budget)),
        ]
        for (s, sector) in sectors.enumerated() where s < r.pqc.count { out.append(("pqc.\(sector.id)", number(r.pqc[s]))) }
        for (p, name) in Pillar.allCases.enumerated() where p < r.pillars.count { out.append((name.rawValue, number(r.pillars[p]))) }
        out.append(("score", number(r.score)))
        out.append(("exposure", number(r.exposure)))
        out.append(("crqc", r.hasCRQC ? "1" : "0"))
        for (s, sector) in sectors.enumerated() where s < r.mosca.count { out.append(("mosca.\(sector.id)", r.mosca[s].rawValue)) }
        return out
    }

    /// The whole debrief as JSON with sorted keys, so the same game always gives the same bytes.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a debrief written by `json()`.
    public static func fromJSON(_ text: String) throws -> Debrief {
        try JSONDecoder().decode(Debrief.self, from: Data(text.utf8))
    }
}

/// A number in full precision ("1400.0" becomes "1400").
func number(_ x: Double) -> String {
    guard x.isFinite else { return "" }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
    return "\(x)"
}

func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
