import GameCore

extension ScenarioReader {
    func readRelations(_ m: MapReader) -> [RelationDef] {
        guard let listValue = m.optional("relations"), let items = diag.list(listValue, example: "[{between: [US, EU], trust: 60}]") else { return [] }
        var seen: [String: Int] = [:]
        var result: [RelationDef] = []
        for item in items {
            guard !diag.exhausted, let r = diag.map(item, allowed: ["between", "trust"]) else { continue }
            let trust = diag.number(r.required("trust", diag, example: "trust: 40"), .closed(-100, 100))
            guard let between = r.required("between", diag, example: "between: [US, EU]"),
                  let pair = diag.list(between, example: "[US, EU]") else { continue }
            guard pair.count == 2 else {
                diag.add("`between` names exactly two blocs, e.g. `[US, EU]`; it names \(pair.count).", at: between)
                continue
            }
            guard let a = blocIndex(pair[0]), let b = blocIndex(pair[1]) else { continue }
            guard a != b else {
                diag.add("A relation is between two different blocs; `\(blocIDs[a])` is named twice.", at: between)
                continue
            }
            let key = a < b ? "\(a) \(b)" : "\(b) \(a)"
            if let line = seen[key] {
                diag.add("The relation between `\(blocIDs[a])` and `\(blocIDs[b])` is already given on line \(line); keep one.", at: between)
                continue
            }
            seen[key] = between.mark?.line ?? 0
            if let trust { result.append(RelationDef(a: a, b: b, trust: trust)) }
        }
        return result
    }

    static let treatyKeys = ["type", "name", "parties", "since", "family", "deadline", "categories", "targets", "sectors", "host", "contribution"]

    /// Which treaty types each term belongs to.
    static let termOwners: [(String, [TreatyType])] = [
        ("family", [.pqcAccord]), ("deadline", [.pqcAccord]),
        ("categories", [.exportRegime]), ("targets", [.exportRegime]),
        ("sectors", [.cryptanalysisNorm]),
        ("host", [.jointLab]), ("contribution", [.jointLab, .capacityFund]),
    ]

    func readTreaties(_ m: MapReader) -> [InitialTreaty] {
        guard let listValue = m.optional("treaties"), let items = diag.list(listValue, example: "[{type: research-pact, parties: [US, EU], since: 2021}]") else { return [] }
        var result: [InitialTreaty] = []
        for item in items {
            guard !diag.exhausted, let t = diag.map(item, allowed: ScenarioReader.treatyKeys) else { continue }
            guard let type = diag.choice(t.required("type", diag, example: "type: research-pact"), TreatyType.self, kind: "treaty type", plural: "treaty types") else { continue }
            var ok = true
            for (term, owners) in ScenarioReader.termOwners where t.has(term) && !owners.contains(type) {
                let value = t.raw(term)!
                let belongs = owners.map(\.rawValue).joined(separator: " and ")
                diag.add("`\(term)` is not a term of a \(type.rawValue); it belongs to \(belongs) treaties only. Remove it or change the type.", field: value.path, at: value.keyMark)
                ok = false
            }
            let name = diag.text(t.optional("name"))
            let parties = blocList(t.required("parties", diag, example: "parties: [US, EU]"), atLeast: 2, example: "[US, EU]")
            var since = 0
            if let v = t.optional("since"), let turn = firstTurn(v) {
                // Judged only against a valid calendar (a broken one has its own error already).
                if let calendar, turn > 0 {
                    diag.add("`since` is after the game starts (\(calendar.label(0))); the treaties listed here are already in force at the start.", at: v)
                    ok = false
                }
                since = turn
            }
            var terms = TreatyTerms()
            if type == .pqcAccord {
                terms.family = t.optional("family").flatMap { diag.choice($0, StandardFamily.self, kind: "standard family", plural: "standard families") }
                if let v = t.optional("deadline"), let turn = lastTurn(v) {
                    if requireWithinGame(turn, v, what: "The accord's `deadline`") { terms.deadline = turn } else { ok = false }
                }
            }
            if type == .exportRegime {
                terms.categories = choiceList(t.required("categories", diag, example: "categories: [systems, components]"),
                                              ControlCategory.self, kind: "export-control category", plural: "categories", example: "[systems, components]") ?? []
                if let targets = blocList(t.required("targets", diag, example: "targets: [CN]"), atLeast: 1, example: "[CN]") {
                    terms.targets = targets
                    if let parties, let both = targets.first(where: parties.contains), let v = t.optional("targets") {
                        diag.add("`\(blocIDs[both])` is both a party and a target of this export regime; a regime does not control its own members.", at: v)
                        ok = false
                    }
                }
            }
            if type == .cryptanalysisNorm {
                terms.sectors = readSectorList(t.required("sectors", diag, example: "sectors: [finance, critical-infra]")) ?? []
            }
            if type == .jointLab, let v = t.optional("host"), let host = blocIndex(v) {
                terms.host = host
                if let parties, !parties.contains(host) {
                    diag.add("The host `\(blocIDs[host])` must be one of the parties.", at: v)
                    ok = false
                }
            }
            if type == .jointLab || type == .capacityFund, let v = t.optional("contribution") {
                terms.contribution = diag.number(v, type == .jointLab ? .percent : .closed(0, 10_000))
            }
            if ok, let parties {
                result.append(InitialTreaty(type: type, name: name, parties: parties, since: since, terms: terms))
            }
        }
        return result
    }

    private func readSectorList(_ value: Value?) -> [Int]? {
        guard let value, let items = diag.list(value, example: "[finance, critical-infra]") else { return nil }
        var result: [Int] = []
        for item in items {
            guard let id = diag.text(item) else { continue }
            guard let i = sectorIDs.firstIndex(of: id), !id.isEmpty else {
                diag.add("`\(id)` is not a sector in this scenario." + Suggestions.hint(for: id, among: sectorIDs, known: "Known sectors"), at: item)
                continue
            }
            if result.contains(i) {
                diag.add("`\(id)` is listed twice.", at: item)
                continue
            }
            result.append(i)
        }
        if items.isEmpty {
            diag.add("`\(value.name)` needs at least one sector.", at: value)
            return nil
        }
        return result
    }

    func readControls(_ m: MapReader) -> [InitialControl] {
        guard let listValue = m.optional("controls"), let items = diag.list(listValue, example: "[{by: US, against: [CN], categories: [systems]}]") else { return [] }
        var result: [InitialControl] = []
        for item in items {
            guard !diag.exhausted, let c = diag.map(item, allowed: ["by", "against", "categories"]) else { continue }
            let by = blocIndex(c.required("by", diag, example: "by: US"))
            let against = blocList(c.required("against", diag, example: "against: [CN]"), atLeast: 1, example: "[CN]")
            let categories = choiceList(c.required("categories", diag, example: "categories: [systems]"), ControlCategory.self,
                                        kind: "export-control category", plural: "categories", example: "[systems, components]")
            guard let by, let against, let categories else { continue }
            if against.contains(by), let v = c.optional("against") {
                diag.add("`\(blocIDs[by])` cannot control exports against itself; remove it from `against`.", at: v)
                continue
            }
            result.append(InitialControl(by: by, against: against, categories: categories))
        }
        return result
    }
}
