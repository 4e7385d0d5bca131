import GameCore
import Yams

extension ScenarioReader {
    static let blocKeys = ["id", "name", "doctrine", "groups", "gdp", "budget", "capital", "support", "computing",
                           "sensing", "qkdKm", "workforce", "sigint", "counterintel", "standard", "pqc", "supply",
                           "allocation", "developing", "briefing", "objectives", "privateCapital", "errorRate", "pqcBudget"]

    func readBlocs(_ m: MapReader) -> [BlocDef] {
        guard let listValue = m.required("blocs", diag), let items = diag.list(listValue, example: "[{id: US, name: United States, …}]") else { return [] }
        if items.count < 2 {
            diag.add("A scenario needs at least 2 blocs; it has \(items.count).", at: listValue)
        }
        // Saves hold tables of every pair of blocs; past this many they outgrow what a save may be.
        if items.count > ScenarioReader.maximumBlocs {
            diag.add("A scenario may have at most \(ScenarioReader.maximumBlocs) blocs (every UN member is 193); it has \(items.count).", at: listValue)
        }
        collectBlocIDs(items)
        supplyValues = []
        var blocs: [BlocDef] = []
        for (i, item) in items.enumerated() {
            guard !diag.exhausted else { break }
            blocs.append(readBloc(item, index: i))
        }
        return blocs
    }

    /// First pass: every bloc id, so that relations, objectives and effects may name blocs listed later.
    private func collectBlocIDs(_ items: [Value]) {
        var seen: [String: Int] = [:]
        blocIDs = []
        for item in items {
            var id = ""
            if case .mapping(let mapping) = item.node,
               let (keyNode, node) = mapping.first(where: { $0.key.scalar?.string == "id" }) {
                let value = item.child(key: "id", node: node, keyMark: keyNode.mark)
                if !value.isNull, let written = diag.text(value) {
                    if !Identifier.isBloc(written) {
                        diag.add("A bloc id must be \(Identifier.blocRule); `\(written)` is not.", at: value)
                    } else if claim(written, in: &seen, at: value, kind: "bloc") {
                        id = written
                        blocIndexByID[written] = blocIDs.count
                    }
                }
            }
            blocIDs.append(id)
        }
    }

    private func readBloc(_ item: Value, index: Int) -> BlocDef {
        var bloc = BlocDef(id: blocIDs[index], name: "", doctrine: .middlePower, groups: [], gdp: 1, budget: 0, capital: 0,
                           support: 50, computing: 0, sensing: 0, qkdKm: 0, workforce: 0, sigint: 0, counterintel: 0,
                           standard: .nist, pqc: Array(repeating: 0, count: sectorIDs.count),
                           supply: Array(repeating: 0, count: chokepointIDs.count),
                           allocation: Array(repeating: 0, count: Track.allCases.count),
                           developing: false, briefing: "", objectives: [])
        supplyValues.append(Array(repeating: nil, count: chokepointIDs.count))
        guard let b = diag.map(item, allowed: ScenarioReader.blocKeys) else { return bloc }
        _ = b.required("id", diag, example: "id: US")
        bloc.name = requiredText(b, "name") ?? bloc.id
        bloc.doctrine = diag.choice(b.required("doctrine", diag, example: "doctrine: middle-power"), Doctrine.self, kind: "doctrine", plural: "doctrines") ?? bloc.doctrine
        if let groupsValue = b.optional("groups") { bloc.groups = readGroups(groupsValue) }
        bloc.gdp = diag.number(b.required("gdp", diag, example: "gdp: 4.2"), .positive(upTo: 1000)) ?? bloc.gdp
        bloc.budget = diag.number(b.required("budget", diag, example: "budget: 1.5"), .closed(0, 10_000)) ?? bloc.budget
        bloc.capital = diag.number(b.optional("capital"), .percent) ?? bloc.capital
        bloc.support = diag.number(b.optional("support"), .percent) ?? bloc.support
        bloc.computing = diag.number(b.optional("computing"), .closed(0, 1e9)) ?? bloc.computing
        bloc.sensing = diag.number(b.optional("sensing"), .percent) ?? bloc.sensing
        bloc.qkdKm = diag.number(b.optional("qkdKm"), .closed(0, 1e7)) ?? bloc.qkdKm
        bloc.workforce = diag.number(b.optional("workforce"), .closed(0, 1e6)) ?? bloc.workforce
        bloc.sigint = diag.number(b.optional("sigint"), .percent) ?? bloc.sigint
        bloc.counterintel = diag.number(b.optional("counterintel"), .percent) ?? bloc.sigint
        bloc.standard = b.optional("standard").flatMap { diag.choice($0, StandardFamily.self, kind: "standard family", plural: "standard families") } ?? .nist
        if let v = b.optional("pqc"), let shares = idMap(v, ids: sectorIDs, kind: "sector", bounds: .unit, example: "{government: 0.2}") {
            bloc.pqc = shares.values
        }
        if let v = b.optional("supply"), let shares = idMap(v, ids: chokepointIDs, kind: "chokepoint", bounds: .unit, example: "{helium-3: 0.1}") {
            bloc.supply = shares.values
            supplyValues[index] = shares.sources
        }
        if let v = b.required("allocation", diag, example: "allocation: {computing: 40, pqc: 30, workforce: 30}") {
            bloc.allocation = readAllocation(v) ?? bloc.allocation
        }
        bloc.developing = b.optional("developing").flatMap(diag.bool) ?? false
        bloc.privateCapital = diag.number(b.optional("privateCapital"), .closed(0, 10_000)) ?? 0
        bloc.pqcBudget = diag.number(b.optional("pqcBudget"), .closed(0, 10_000)) ?? 0
        bloc.errorRate = diag.number(b.optional("errorRate"), .closed(Formulas.errorFloor, Formulas.errorThreshold * 0.95)) ?? Formulas.defaultErrorRate
        bloc.briefing = diag.text(b.optional("briefing")) ?? ""
        if let v = b.optional("objectives") { bloc.objectives = readObjectives(v) }
        return bloc
    }

    private func readGroups(_ value: Value) -> [Int] {
        guard let items = diag.list(value, example: "[NATO, G7]") else { return [] }
        var result: [Int] = []
        for item in items {
            guard let name = diag.text(item) else { continue }
            guard Identifier.isGroup(name) else {
                diag.add("A group id must be \(Identifier.groupRule); `\(name)` is not.", at: item)
                continue
            }
            let index: Int
            if let i = groups.firstIndex(of: name) {
                index = i
            } else {
                index = groups.count
                groups.append(name)
            }
            if result.contains(index) {
                diag.add("The group `\(name)` is listed twice.", at: item)
                continue
            }
            result.append(index)
        }
        return result
    }

    /// A map from ids (sectors, chokepoints, tracks) to numbers; absent ids are 0.
    func idMap(_ value: Value, ids: [String], kind: String, bounds: Bounds, example: String) -> (values: [Double], sources: [Value?])? {
        guard diag.spend() else { return nil }
        guard case .mapping(let mapping) = value.node else {
            diag.add("`\(value.name)` must be a map from \(kind) id to a number, e.g. `\(example)`; it is \(value.shape).", at: value)
            return nil
        }
        var values = Array(repeating: 0.0, count: ids.count)
        var sources = [Value?](repeating: nil, count: ids.count)
        for (keyNode, node) in mapping {
            guard diag.spend() else { return nil }
            guard let key = keyNode.scalar?.string else {
                diag.add("Keys of `\(value.name)` must be \(kind) ids.", field: value.path, at: keyNode.mark)
                continue
            }
            let child = value.child(key: key, node: node, keyMark: keyNode.mark)
            guard let i = ids.firstIndex(of: key), !key.isEmpty else {
                diag.add("`\(key)` is not a \(kind) in this scenario." + Suggestions.hint(for: key, among: ids, known: "Known \(kind)s"),
                         field: child.path, at: keyNode.mark)
                continue
            }
            if let x = diag.number(child, bounds) {
                values[i] = x
                sources[i] = child
            }
        }
        return (values, sources)
    }

    private func readAllocation(_ value: Value) -> [Double]? {
        let tracks = Track.allCases.map(\.rawValue)
        let errorsBefore = diag.errors.count
        guard let (values, _) = idMap(value, ids: tracks, kind: "track", bounds: .percent,
                                      example: "{computing: 40, pqc: 30, workforce: 30}") else { return nil }
        // A wrong entry was reported already; its sum would only repeat the problem.
        guard diag.errors.count == errorsBefore else { return nil }
        let total = values.reduce(0, +)
        guard abs(total - 100) <= 0.01 else {
            diag.add("The allocation adds up to \(formatNumber((total * 100).rounded() / 100)), but it must add up to 100. Change one of the percentages.", at: value)
            return nil
        }
        return values
    }

    private func readObjectives(_ value: Value) -> [ObjectiveDef] {
        guard let items = diag.list(value) else { return [] }
        var seen: [String: Int] = [:]
        var result: [ObjectiveDef] = []
        for item in items {
            guard !diag.exhausted, let o = diag.map(item, allowed: ["id", "text", "secret", "points", "by", "condition"]) else { continue }
            var id = ""
            if let v = o.required("id", diag), let kebab = readKebabID(v, what: "An objective id"), claim(kebab, in: &seen, at: v, kind: "objective") {
                id = kebab
            }
            let text = requiredText(o, "text") ?? ""
            let secret = o.optional("secret").flatMap(diag.bool) ?? false
            let points = diag.number(o.optional("points"), .closed(0, 1000)) ?? 10
            var by: Int?
            if let v = o.optional("by"), let turn = lastTurn(v), requireWithinGame(turn, v, what: "The date `by`") {
                by = turn
            }
            let condition = self.condition(o.required("condition", diag, example: "condition: self.pqc.government >= 0.9"),
                                           allowsCurrent: true, site: .objective)
            if let condition {
                result.append(ObjectiveDef(id: id, text: text, secret: secret, points: points, by: by, condition: condition))
            }
        }
        return result
    }

    /// Cross-bloc check: the world's production of a chokepoint cannot be shared out more than once.
    func checkSupplyTotals() {
        for (c, id) in chokepointIDs.enumerated() where !id.isEmpty {
            var total = 0.0
            var culprit: Value?
            for row in supplyValues where c < row.count {
                guard let value = row[c], let x = diag.number(value, .unit) else { continue }
                total += x
                if total > 1 + 1e-9, culprit == nil { culprit = value }
            }
            if let culprit {
                diag.add("The supply shares of `\(id)` add up to \(formatNumber((total * 1000).rounded() / 1000)) across all blocs, but together they cannot exceed 1 (the whole world's production). Lower some of them.",
                         at: culprit)
            }
        }
    }
}
