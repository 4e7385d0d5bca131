import Yams

/// Turns text into a YAML node tree, translating the YAML library's errors into plain sentences.
enum YAMLText {
    static func compose(_ text: String, diag: Diagnostics) -> Node? {
        if let (line, column) = aliasKeyHazard(in: text) {
            diag.add("An alias (`*name`) is used inside a map key here, which scenario files do not allow. Use plain names as keys; aliases may only stand for values.",
                     field: "", line: line, column: column)
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                diag.add("The file is empty. A scenario starts with `format: 1`; see docs/scenarios.md for a complete example.",
                         field: "", line: 1, column: nil)
                return nil
            }
            return node
        } catch let error as YamlError {
            report(error, text: text, diag: diag)
        } catch {
            diag.add("The file could not be read as YAML.", field: "", line: 1, column: nil)
        }
        return nil
    }

    private static func report(_ error: YamlError, text: String, diag: Diagnostics) {
        switch error {
        case .reader(let problem, let offset, _, _):
            let line = offset.map { lineOfByteOffset($0, in: text) } ?? 1
            let message = problem.contains("control characters")
                ? "This line contains a control character (an invisible byte such as NUL); remove it."
                : "This line has bytes that are not valid text (\(problem)); save the file as UTF-8."
            diag.add(message, field: "", line: line, column: nil)
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // For something left open, where it was opened is more useful than where the file noticed.
            let unclosed = problem.contains("did not find expected ',' or") || problem.contains("found unexpected end of stream")
            let at = unclosed ? (context?.mark ?? mark) : mark
            diag.add(explain(problem), field: "", line: at.line, column: at.column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            diag.add("The key \(names) appears more than once in the same map; keep only one.", field: "", line: context.mark.line, column: context.mark.column)
        case .memory:
            diag.add("The file is too large to read.", field: "", line: 0, column: nil)
        default:
            diag.add("The file could not be read as YAML.", field: "", line: 1, column: nil)
        }
    }

    /// libyaml's terse problems, reworded for people who are not YAML experts.
    static func explain(_ problem: String) -> String {
        let table: [(String, String)] = [
            ("mapping values are not allowed", "A `:` appears where a new key cannot start. Check the indentation, or put a value that contains `: ` in quotes."),
            ("did not find expected key", "The indentation is off here: keys of one map must line up, and list items start with `- ` at the same column."),
            ("did not find expected '-' indicator", "The indentation of this list is off: its items must start with `- ` at the same column."),
            ("did not find expected node content", "A value is missing or starts with a character YAML reserves; put it in quotes."),
            ("could not find expected ':'", "A key is missing its `:`, or a quoted text is not closed."),
            ("found unexpected end of stream", "The quoted text or the `[`/`{` that starts here is never closed; close it."),
            ("did not find expected ',' or ']'", "The `[ … ]` list that starts here is not closed properly; check its commas and its closing `]`."),
            ("did not find expected ',' or '}'", "The `{ … }` map that starts here is not closed properly; check its commas and its closing `}`."),
            ("found a tab character", "A tab is used for indentation; YAML needs spaces."),
            ("found character that cannot start any token", "This character cannot start a value (a tab, `@` or a backtick?). Indent with spaces and put such values in quotes."),
            ("found undefined alias", "`*name` refers to an anchor `&name` that is not defined above it."),
            ("block sequence entries are not allowed", "A `- ` list item appears where it is not allowed; check the indentation."),
            ("found unknown escape character", "This quoted text has an unknown `\\` escape; use single quotes or write `\\\\`."),
            ("Maximum nesting level reached", "Lists and maps are nested too deeply here."),
            ("expected a single document", "The file holds more than one YAML document (a second `---` line); a scenario is one document."),
            ("but found another document", "The file holds more than one YAML document (a second `---` line); a scenario is one document."),
            ("found unexpected ':'", "A `:` appears where YAML does not expect one; put the value in quotes."),
            ("did not find the expected tag", "A `!` tag is malformed; scenario files do not need tags, remove it."),
            ("found duplicate", "Something is defined twice here (a duplicate `%YAML` or `%TAG` line?)."),
            ("invalid Unicode character escape code", "This `\\u` escape is not a valid character."),
            ("found incompatible YAML document", "The `%YAML` line names a version this program does not read; remove it."),
        ]
        for (needle, message) in table where problem.contains(needle) { return message }
        return "The YAML could not be read here (\(problem))."
    }

    static func lineOfByteOffset(_ offset: Int, in text: String) -> Int {
        var line = 1
        for (i, byte) in text.utf8.enumerated() {
            if i >= offset { break }
            if byte == UInt8(ascii: "\n") { line += 1 }
        }
        return line
    }

    /// Yams hashes map keys to find duplicates; an alias inside a key can stand for an exponentially
    /// large tree ("billion laughs"), so hashing it would never finish. Scenario keys are plain names,
    /// so a file that has aliases and anything that could put one in a key is refused up front.
    static func aliasKeyHazard(in text: String) -> (Int, Int)? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "*")) else { return nil }
        func isAnchorChar(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b >= 0x80
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        var hasAlias = false
        var hazard: (Int, Int)?
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1; lineStart = i + 1; i += 1; continue }
            let previous: UInt8 = i > 0 ? bytes[i - 1] : 0x20
            let atTokenStart = i == lineStart || isSpace(previous) || previous == 0x5B || previous == 0x7B || previous == 0x2C
            if b == UInt8(ascii: "*"), atTokenStart, i + 1 < bytes.count, isAnchorChar(bytes[i + 1]) {
                hasAlias = true
                var j = i + 1
                while j < bytes.count, isAnchorChar(bytes[j]) { j += 1 }
                var k = j
                while k < bytes.count, isSpace(bytes[k]) { k += 1 }
                if k < bytes.count, bytes[k] == UInt8(ascii: ":") { hazard = hazard ?? (line, i - lineStart + 1) }
                i = j
                continue
            }
            if hazard == nil {
                // `? ` complex keys, and flow collections used as keys: `[…]: ` or `{…}: `.
                if b == UInt8(ascii: "?"), i + 1 >= bytes.count || isSpace(bytes[i + 1]) || bytes[i + 1] == 0x0A,
                   startsKey(bytes, lineStart, i) {
                    hazard = (line, i - lineStart + 1)
                } else if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                    var k = i + 1
                    while k < bytes.count, isSpace(bytes[k]) { k += 1 }
                    if k < bytes.count, bytes[k] == UInt8(ascii: ":") { hazard = (line, i - lineStart + 1) }
                }
            }
            i += 1
        }
        return hasAlias ? hazard : nil
    }

    /// True when only indentation and `- ` markers precede position `i` on its line, or the previous
    /// non-space character opens or continues a flow collection: where a `?` starts a complex key.
    private static func startsKey(_ bytes: [UInt8], _ lineStart: Int, _ i: Int) -> Bool {
        var k = i - 1
        while k >= lineStart, bytes[k] == 0x20 || bytes[k] == 0x09 { k -= 1 }
        if k < lineStart { return true }
        let c = bytes[k]
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") || c == UInt8(ascii: ",") { return true }
        for j in lineStart...k where bytes[j] != 0x20 && bytes[j] != 0x09 && bytes[j] != UInt8(ascii: "-") { return false }
        return true
    }
}
