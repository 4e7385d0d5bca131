import Yams

/// The keys of one YAML map, checked against the keys allowed there.
struct MapReader {
    let value: Value
    private let entries: [(key: String, keyMark: Mark?, node: Node)]
    /// Allowed keys that an unknown key was already reported as a likely misspelling of; a missing
    /// required key among them is not reported again.
    private let suggested: [String]

    fileprivate init(value: Value, entries: [(key: String, keyMark: Mark?, node: Node)], suggested: [String]) {
        self.value = value
        self.entries = entries
        self.suggested = suggested
    }

    /// The keys present, in file order.
    var keys: [String] { entries.map(\.key) }

    /// True if the key is present (even with an empty value).
    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The value of `key`, or nil when it is absent or empty.
    func optional(_ key: String) -> Value? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        let child = value.child(key: key, node: entry.node, keyMark: entry.keyMark)
        return child.isNull ? nil : child
    }

    /// The value of `key`, even when empty (nil only when absent).
    func raw(_ key: String) -> Value? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        return value.child(key: key, node: entry.node, keyMark: entry.keyMark)
    }

    /// The value of `key`; reports it missing or empty otherwise.
    func required(_ key: String, _ diag: Diagnostics, example: String? = nil) -> Value? {
        let suffix = example.map { " e.g. `\($0)`" } ?? ""
        guard let entry = entries.first(where: { $0.key == key }) else {
            if suggested.contains(key) { return nil }
            let where_ = value.path.isEmpty ? "The scenario" : "`\(value.path)`"
            diag.add("\(where_) needs `\(key)`; add it\(suffix.isEmpty ? "." : "," + suffix + ".")",
                     field: value.path.isEmpty ? key : "\(value.path).\(key)", at: value.keyMark ?? value.node.mark)
            return nil
        }
        let child = value.child(key: key, node: entry.node, keyMark: entry.keyMark)
        if child.isNull {
            diag.add("`\(key)` is empty; give it a value\(suffix.isEmpty ? "." : "," + suffix + ".")", field: child.path, at: entry.keyMark)
            return nil
        }
        return child
    }
}

extension Diagnostics {
    /// Reads a map whose keys must be among `allowed`. Unknown keys are reported (with a suggestion
    /// when one is close, or the message in `hints` for keys that belong elsewhere) and skipped.
    func map(_ value: Value, allowed: [String], hints: [String: String] = [:]) -> MapReader? {
        guard spend() else { return nil }
        guard case .mapping(let mapping) = value.node else {
            add("`\(value.name)` must be a map of `key: value` lines; it is \(value.shape).", at: value)
            return nil
        }
        var entries: [(key: String, keyMark: Mark?, node: Node)] = []
        var suggested: [String] = []
        for (keyNode, node) in mapping {
            guard spend() else { return nil }
            guard case .scalar(let keyScalar) = keyNode else {
                add("Keys must be plain names such as `id`; this key is \(Value(node: keyNode, path: "", name: "", keyMark: nil).shape).",
                    field: value.path, at: keyNode.mark)
                continue
            }
            let key = keyScalar.string
            let field = value.path.isEmpty ? key : "\(value.path).\(key)"
            if allowed.contains(key) {
                entries.append((key, keyScalar.mark, node))
            } else if let hint = hints[key] {
                add(hint, field: field, at: keyScalar.mark)
            } else if let match = Suggestions.closest(to: key, among: allowed) {
                suggested.append(match)
                add("Unknown key `\(key)`. Did you mean `\(match)`?", field: field, at: keyScalar.mark)
            } else {
                add("Unknown key `\(key)`. Keys allowed here: \(allowed.joined(separator: ", ")).", field: field, at: keyScalar.mark)
            }
        }
        return MapReader(value: value, entries: entries, suggested: suggested)
    }

    /// The items of a list (an empty value counts as an empty list).
    func list(_ value: Value, example: String? = nil) -> [Value]? {
        guard spend() else { return nil }
        if value.isNull { return [] }
        guard case .sequence(let sequence) = value.node else {
            let hint = example.map { ", e.g. `\($0)`" } ?? ""
            add("`\(value.name)` must be a list\(hint); it is \(value.shape).", at: value)
            return nil
        }
        var items: [Value] = []
        for (i, node) in sequence.enumerated() {
            guard spend() else { return nil }
            items.append(value.element(i, node: node))
        }
        return items
    }
}
