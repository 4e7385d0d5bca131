import Yams

/// A YAML node being read, with the path that names it in messages (`blocs[2].allocation`) and the
/// position of the key it belongs to (so an error about a whole list points at its key's line).
struct Value {
    let node: Node
    let path: String
    /// The key or item name used in messages: `support`, `groups[1]`.
    let name: String
    let keyMark: Mark?

    /// Where an error about this value is reported: the value itself for scalars, the key for collections.
    var mark: Mark? {
        if case .scalar(let s) = node, let mark = s.mark { return mark }
        return keyMark ?? node.mark
    }

    var scalar: Node.Scalar? {
        if case .scalar(let s) = node { return s }
        return nil
    }

    /// `key:` with nothing after it, `~` or `null`.
    var isNull: Bool {
        guard let s = scalar, s.style == .plain || s.style == .any else { return false }
        return s.string.isEmpty || s.string == "~" || s.string.lowercased() == "null"
    }

    /// How the value looks, for "must be a number; it is …" messages.
    var shape: String {
        switch node {
        case .mapping: return "a map of `key: value` lines"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let s):
            if isNull { return "empty" }
            let shown = s.string.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(s.string.unicodeScalars.prefix(40))) + "…" : s.string
            return s.style == .plain ? "`\(shown)`" : "the quoted text \"\(shown)\""
        }
    }

    func child(key: String, node: Node, keyMark: Mark?) -> Value {
        Value(node: node, path: path.isEmpty ? key : "\(path).\(key)", name: key, keyMark: keyMark)
    }

    func element(_ index: Int, node: Node) -> Value {
        Value(node: node, path: "\(path)[\(index)]", name: "\(name)[\(index)]", keyMark: node.mark ?? keyMark)
    }
}
