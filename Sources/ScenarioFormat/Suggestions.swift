/// "Did you mean" and "known values" phrasing shared by the YAML reader and the expression parser.
enum Suggestions {
    /// The candidate closest to `word` by spelling, if it is close enough to be a likely typo.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let candidates = candidates.filter { !$0.isEmpty }
        let lowered = word.lowercased()
        if let same = candidates.first(where: { $0.lowercased() == lowered }) { return same }
        let target = Array(lowered.unicodeScalars.prefix(64))
        let allowed = target.count <= 4 ? 1 : (target.count <= 8 ? 2 : 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars.prefix(64)))
            if d <= allowed, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// Edit distance counting an insertion, deletion, substitution or swap of neighbours as one
    /// (optimal string alignment), so `trun` is one edit from `turn`.
    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// `US, EU, CN` — or the first few and how many more, so a 193-bloc scenario stays readable.
    static func list(_ items: [String], limit: Int = 15) -> String {
        let items = items.filter { !$0.isEmpty }
        if items.isEmpty { return "(none)" }
        if items.count <= limit { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }

    /// " Did you mean `X`?" when one candidate is close, else " Known blocs: US, EU, CN." (leading space included).
    static func hint(for word: String, among candidates: [String], known label: String) -> String {
        if let match = closest(to: word, among: candidates) { return " Did you mean `\(match)`?" }
        return " \(label): \(list(candidates))."
    }
}

/// Numbers in messages: `120`, `0.25`, `1e+20`.
func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}
