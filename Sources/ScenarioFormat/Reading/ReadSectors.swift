import GameCore

extension ScenarioReader {
    func readSectors(_ m: MapReader) -> [SectorDef] {
        guard let listValue = m.required("sectors", diag, example: "sectors: [{id: government, name: Government, shelfLife: 25}]"),
              let items = diag.list(listValue, example: "[{id: government, name: Government, shelfLife: 25}]")
        else { return [] }
        if items.isEmpty { diag.add("A scenario needs at least one PQC sector.", at: listValue) }
        var seen: [String: Int] = [:]
        var sectors: [SectorDef] = []
        for item in items {
            guard let s = diag.map(item, allowed: ["id", "name", "shelfLife", "weight", "qkd"]) else {
                sectorIDs.append("")
                continue
            }
            var id = ""
            if let idValue = s.required("id", diag), let kebab = readKebabID(idValue, what: "A sector id"),
               claim(kebab, in: &seen, at: idValue, kind: "sector") {
                id = kebab
            }
            sectorIDs.append(id)
            let name = requiredText(s, "name") ?? id
            let shelfLife = diag.number(s.required("shelfLife", diag, example: "shelfLife: 10"), .positive(upTo: 100)) ?? 1
            let weight = diag.number(s.optional("weight"), .closed(0, 100)) ?? 1
            let qkd = s.optional("qkd").flatMap(diag.bool) ?? false
            sectors.append(SectorDef(id: id, name: name, shelfLife: shelfLife, weight: weight, qkd: qkd))
        }
        return sectors
    }

    func readChokepoints(_ m: MapReader) -> [ChokepointDef] {
        guard let listValue = m.optional("chokepoints"), let items = diag.list(listValue, example: "[{id: helium-3, name: Helium-3}]") else { return [] }
        var seen: [String: Int] = [:]
        var result: [ChokepointDef] = []
        for item in items {
            guard let c = diag.map(item, allowed: ["id", "name"]) else {
                chokepointIDs.append("")
                continue
            }
            var id = ""
            if let idValue = c.required("id", diag), let kebab = readKebabID(idValue, what: "A chokepoint id"),
               claim(kebab, in: &seen, at: idValue, kind: "chokepoint") {
                id = kebab
            }
            chokepointIDs.append(id)
            result.append(ChokepointDef(id: id, name: requiredText(c, "name") ?? id))
        }
        return result
    }
}
