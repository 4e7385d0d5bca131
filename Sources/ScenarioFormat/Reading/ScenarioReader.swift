import GameCore
import Yams

/// Builds a `Scenario` from the YAML tree of one file, reporting every problem it finds.
///
/// Reading goes in dependency order (calendar, sectors and chokepoints, bloc ids, then everything
/// that refers to them) and keeps going after an error, so one run lists all the problems of a file.
final class ScenarioReader {
    let diag: Diagnostics
    let text: String
    /// The file's lines, split only when an expression error needs its column in the file.
    lazy var lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false)

    /// Nil when `start`/`end`/`turn` are broken; expressions then use a stand-in calendar and
    /// date range checks are skipped (the file is already invalid).
    var calendar: GameCalendar?
    var sectorIDs: [String] = []
    var chokepointIDs: [String] = []
    /// Bloc ids by position in `blocs` ("" where the id is missing or malformed).
    var blocIDs: [String] = []
    var blocIndexByID: [String: Int] = [:]
    var groups: [String] = []
    /// Value nodes of each bloc's supply shares, to point at the one that breaks the world total.
    var supplyValues: [[Value?]] = []
    /// The expression context, made on first use (after the ids are collected).
    var baseContext: ExpressionContext?
    /// The turns a trigger's condition is checked in (its `from`–`to`), while that condition is read.
    var turnWindow: ValueSpan?
    /// The scenario's own run sheet (`runSheet:`), read with the rest.
    var runSheet: [PlannedInject] = []

    static let topKeys = ["format", "id", "title", "summary", "briefing", "start", "end", "turn", "seed", "rules",
                          "sectors", "chokepoints", "blocs", "relations", "treaties", "controls", "events", "injects", "runSheet"]
    static let formatVersion: UInt64 = 1

    init(text: String, diag: Diagnostics) {
        self.text = text
        self.diag = diag
    }

    func read(_ root: Node) -> Scenario? {
        let top = Value(node: root, path: "", name: "the file", keyMark: nil)
        guard case .mapping(let mapping) = root else {
            diag.add("A scenario file is a map of `key: value` lines starting with `format: 1`; this file is \(top.shape). See docs/scenarios.md for a complete example.",
                     field: "", line: root.mark?.line ?? 1, column: nil)
            return nil
        }
        // The format decides how to read everything else, so it is checked before anything is reported.
        if let (keyNode, node) = mapping.first(where: { $0.key.scalar?.string == "format" }) {
            let value = top.child(key: "format", node: node, keyMark: keyNode.mark)
            if let n = value.scalar.flatMap({ UInt64($0.string) }), n > ScenarioReader.formatVersion {
                diag.add("This file was written for format \(n); this program reads format \(ScenarioReader.formatVersion). Update the program.", at: value)
                return nil
            }
        }
        guard let m = diag.map(top, allowed: ScenarioReader.topKeys) else { return nil }
        if let value = m.required("format", diag, example: "format: 1"), let n = diag.unsigned(value), n != ScenarioReader.formatVersion {
            diag.add("`format` must be \(ScenarioReader.formatVersion); it is \(n).", at: value)
        }
        let id = readKebabID(m.required("id", diag, example: "id: my-scenario"), what: "A scenario id") ?? ""
        let title = requiredText(m, "title") ?? ""
        let summary = diag.text(m.optional("summary")) ?? ""
        let briefing = diag.text(m.optional("briefing")) ?? ""
        let turn = m.optional("turn").flatMap { diag.choice($0, TurnLength.self, kind: "turn length", plural: "turn lengths") } ?? .quarter
        calendar = readCalendar(m, turn: turn)
        var seed: UInt64 = 1
        if let value = m.optional("seed"), let n = diag.unsigned(value) { seed = n }
        let rules = m.optional("rules").map(readRules) ?? Rules()
        let sectors = readSectors(m)
        let chokepoints = readChokepoints(m)
        let blocs = readBlocs(m)
        let relations = readRelations(m)
        let treaties = readTreaties(m)
        let controls = readControls(m)
        var eventIDs: [String: Int] = [:]
        let events = readEvents(m.optional("events"), injects: false, ids: &eventIDs)
        let injects = readEvents(m.optional("injects"), injects: true, ids: &eventIDs)
        runSheet = readRunSheet(m.optional("runSheet"), injectIDs: injects.map(\.id))
        checkSupplyTotals()

        guard !diag.hasErrors, let calendar else { return nil }
        return Scenario(id: id, title: title, summary: summary, briefing: briefing, calendar: calendar, seed: seed,
                        rules: rules, sectors: sectors, chokepoints: chokepoints, groups: groups, blocs: blocs,
                        relations: relations, treaties: treaties, controls: controls, events: events, injects: injects,
                        contentHash: StableHasher.digest(of: text)) // the text as read, without a byte-order mark
    }

    // MARK: Shared helpers

    /// Non-empty text for a required key.
    /// Longest name, title, label or objective text, in characters: they head screens, lists and
    /// news lines, and are copied into every save.
    static let maximumNameLength = 300
    /// Most blocs in a scenario: every UN member with room to spare, and saves within their size limit.
    static let maximumBlocs = 300

    func requiredText(_ m: MapReader, _ key: String) -> String? {
        guard let value = m.required(key, diag), let text = diag.text(value) else { return nil }
        let length = text.unicodeScalars.count
        if length > ScenarioReader.maximumNameLength {
            diag.add("`\(key)` is \(length) characters long; it may be at most \(ScenarioReader.maximumNameLength) (put longer text in a briefing or an event's text).", at: value)
            return nil
        }
        if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            diag.add("`\(key)` is empty; give it a value.", at: value)
            return nil
        }
        return text
    }

    func readKebabID(_ value: Value?, what: String) -> String? {
        guard let value, let id = diag.text(value) else { return nil }
        guard Identifier.isKebab(id) else {
            diag.add("\(what) must be \(Identifier.kebabRule); `\(id)` is not.", at: value)
            return nil
        }
        return id
    }

    /// Records `id` as used, reporting a duplicate.
    func claim(_ id: String, in seen: inout [String: Int], at value: Value, kind: String) -> Bool {
        if let line = seen[id] {
            diag.add("The \(kind) id `\(id)` is used twice (first on line \(line)); give each \(kind) its own id.", at: value)
            return false
        }
        seen[id] = value.mark?.line ?? 0
        return true
    }

    /// A bloc named by id, as an index.
    func blocIndex(_ value: Value?) -> Int? {
        guard let value, let id = diag.text(value) else { return nil }
        if let i = blocIndexByID[id] { return i }
        diag.add("`\(id)` is not a bloc in this scenario." + Suggestions.hint(for: id, among: blocIDs, known: "Known blocs"), at: value)
        return nil
    }

    /// A list of distinct blocs.
    func blocList(_ value: Value?, atLeast minimum: Int, example: String) -> [Int]? {
        guard let value, let items = diag.list(value, example: example) else { return nil }
        var result: [Int] = []
        var ok = true
        for item in items {
            guard let i = blocIndex(item) else { ok = false; continue }
            if result.contains(i) {
                diag.add("`\(blocIDs[i])` is listed twice in `\(value.name)`.", at: item)
                ok = false
                continue
            }
            result.append(i)
        }
        if ok, result.count < minimum {
            diag.add("`\(value.name)` needs at least \(minimum) bloc\(minimum == 1 ? "" : "s"), e.g. `\(example)`.", at: value)
            return nil
        }
        return ok ? result : nil
    }

    /// A list of vocabulary values (export-control categories…), without repeats, at least one.
    func choiceList<T: RawRepresentable & CaseIterable & Equatable>(_ value: Value?, _ type: T.Type, kind: String, plural: String, example: String) -> [T]? where T.RawValue == String {
        guard let value, let items = diag.list(value, example: example) else { return nil }
        var result: [T] = []
        for item in items {
            guard let x = diag.choice(item, type, kind: kind, plural: plural) else { continue }
            if result.contains(x) {
                diag.add("`\(x.rawValue)` is listed twice in `\(value.name)`.", at: item)
                continue
            }
            result.append(x)
        }
        if items.isEmpty {
            diag.add("`\(value.name)` needs at least one \(kind), e.g. `\(example)`.", at: value)
            return nil
        }
        return result
    }

    // MARK: Calendar

    private func readCalendar(_ m: MapReader, turn: TurnLength) -> GameCalendar? {
        let startValue = m.required("start", diag, example: "start: 2025-Q1")
        let endValue = m.required("end", diag, example: "end: 2035-Q4")
        guard let startValue, let endValue, let start = diag.date(startValue), let end = diag.date(endValue) else { return nil }
        let quartersPerTurn = 4 / turn.turnsPerYear
        let ordinal = start.quarterOrdinal
        guard ordinal % quartersPerTurn == 0 else {
            let fix: String
            switch turn {
            case .half: fix = "`\(start.year)-H1` or `\(start.year)-H2`"
            default: fix = "`\(start.year)` or `\(start.year + 1)`"
            }
            diag.add("With `turn: \(turn.rawValue)` the game starts at the beginning of a \(turn == .half ? "half-year" : "year"); write \(fix) instead of `\(start.written)`.", at: startValue)
            return nil
        }
        let last = end.lastQuarter
        guard !(last < start) else {
            diag.add("The game ends (\(end.written)) before it starts (\(start.written)); `end` must be on or after `start`.", at: endValue)
            return nil
        }
        let normalized: TurnDate
        switch turn {
        case .quarter: normalized = TurnDate(year: start.year, period: ordinal % 4 + 1, length: .quarter)
        case .half: normalized = TurnDate(year: start.year, period: ordinal % 4 / 2 + 1, length: .half)
        case .year: normalized = TurnDate(year: start.year, period: 0, length: .year)
        }
        return GameCalendar(start: normalized, end: last, length: turn)
    }

    /// The calendar expressions use: the scenario's, or a stand-in when it is broken.
    var expressionCalendar: GameCalendar {
        calendar ?? GameCalendar(start: TurnDate(year: 2025, period: 1, length: .quarter),
                                 end: TurnDate(year: 2035, period: 4, length: .quarter), length: .quarter)
    }

    /// A date as the turn in which it begins; nil (and an error) when it is malformed.
    func firstTurn(_ value: Value?) -> Int? {
        guard let date = diag.date(value) else { return nil }
        return expressionCalendar.firstTurn(of: date)
    }

    /// A date as the turn in which it ends.
    func lastTurn(_ value: Value?) -> Int? {
        guard let date = diag.date(value) else { return nil }
        return expressionCalendar.lastTurn(of: date)
    }

    /// `2035-Q4`-style label of the last turn, for messages.
    var endLabel: String { calendar.map { $0.endLabel } ?? "the end" }

    /// Checks that a turn falls within the game (when the calendar is known).
    func requireWithinGame(_ turn: Int, _ value: Value, what: String) -> Bool {
        guard let calendar else { return true }
        if turn < 0 {
            diag.add("\(what) falls before the game starts (\(calendar.label(0))); choose a date within the game.", at: value)
            return false
        }
        if turn >= calendar.turnCount {
            diag.add("\(what) falls after the game ends (\(calendar.endLabel)); choose a date within the game.", at: value)
            return false
        }
        return true
    }
}
