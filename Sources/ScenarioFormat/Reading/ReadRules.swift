import GameCore

extension ScenarioReader {
    /// `rules:` — any tuning constant by its key, and `doctrines:` pillar weights.
    func readRules(_ value: Value) -> Rules {
        var rules = Rules()
        let keys = RuleKey.allCases.map(\.rawValue) + ["doctrines"]
        guard let m = diag.map(value, allowed: keys) else { return rules }
        for key in RuleKey.allCases {
            guard let v = m.optional(key.rawValue) else { continue }
            let range = key.spec.range
            if let x = diag.number(v, .closed(range.lowerBound, range.upperBound)) { rules[key] = x }
        }
        if let doctrines = m.optional("doctrines") {
            readDoctrineWeights(doctrines, into: &rules)
        }
        return rules
    }

    private func readDoctrineWeights(_ value: Value, into rules: inout Rules) {
        guard let m = diag.map(value, allowed: Doctrine.allCases.map(\.rawValue)) else { return }
        for (d, doctrine) in Doctrine.allCases.enumerated() {
            guard let v = m.optional(doctrine.rawValue) else { continue }
            guard let weights = diag.map(v, allowed: Pillar.allCases.map(\.rawValue)) else { continue }
            var row: [Double] = []
            for pillar in Pillar.allCases {
                let example = "{security: 30, prosperity: 30, influence: 20, stability: 20}"
                guard let x = diag.number(weights.required(pillar.rawValue, diag, example: example), .closed(0, 1000)) else { continue }
                row.append(x)
            }
            guard row.count == Pillar.allCases.count else { continue }
            if row.allSatisfy({ $0 == 0 }) {
                diag.add("At least one pillar weight of `\(doctrine.rawValue)` must be above 0.", at: v)
                continue
            }
            rules.doctrineWeights[d] = row
        }
    }
}
