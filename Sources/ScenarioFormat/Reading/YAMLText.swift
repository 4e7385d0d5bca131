import Yams

/// Turns text into a YAML node tree, translating the YAML library's errors into plain sentences.
enum YAMLText {
    /// The node tree and the text it was read from. When tabs break the YAML, each is reported and
    /// the file is read again with spaces in their place, so the rest of its problems are found too;
    /// the text returned is then that repaired text (same lines, for positions in later messages).
    static func compose(_ text: String, diag: Diagnostics) -> (Node, String)? {
        if let (line, column) = aliasKeyHazard(in: text) {
            diag.add("An alias (`*name`) is used inside a map key here, which scenario files do not allow. Use plain names as keys; aliases may only stand for values.",
                     field: "", line: line, column: column)
            return nil
        }
        let first = attempt(text)
        if case .success(let node) = first { return node.map { ($0, text) } ?? empty(diag) }
        if case .failure(let error) = first, text.utf8.contains(0x09), isTabProblem(error) {
            let tabs = separatingTabs(in: text)
            for width in [2, 4, 8, 1, 3] {
                let repaired = replacingTabs(tabs, in: text, width: width)
                guard case .success(let node?) = attempt(repaired) else { continue }
                reportTabs(tabs, diag)
                return (node, repaired)
            }
            // No reading of the tabs makes sense of the file: report them and nothing that may follow from them.
            if !tabs.isEmpty {
                reportTabs(tabs, diag)
                return nil
            }
        }
        if case .failure(let error) = first {
            if let error = error as? YamlError {
                report(error, text: text, diag: diag)
            } else {
                diag.add("The file could not be read as YAML.", field: "", line: 1, column: nil)
            }
        }
        return nil
    }

    /// One error per line with tabs, at its first tab.
    private static func reportTabs(_ tabs: [(line: Int, column: Int, offset: Int)], _ diag: Diagnostics) {
        var lastLine = 0
        for tab in tabs where tab.line != lastLine {
            lastLine = tab.line
            diag.add(tabMessage, field: "", line: tab.line, column: tab.column)
        }
    }

    static let tabMessage = "A tab is used for indentation; YAML needs spaces. Replace it with spaces."

    private static func empty(_ diag: Diagnostics) -> (Node, String)? {
        diag.add("The file is empty. A scenario starts with `format: 1`; see docs/scenarios.md for a complete example.",
                 field: "", line: 1, column: nil)
        return nil
    }

    private enum Attempt { case success(Node?), failure(Error) }

    private static func attempt(_ text: String) -> Attempt {
        do { return .success(try Yams.compose(yaml: text, .basic, .default, .utf8)) } catch { return .failure(error) }
    }

    private static func isTabProblem(_ error: Error) -> Bool {
        guard let error = error as? YamlError else { return false }
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _):
            return problem.contains("tab") || problem.contains("cannot start any token")
        default: return false
        }
    }

    /// Tabs where YAML wants spaces: in a line's indentation, or right after a `:` or `- ` that
    /// separates a value (not inside quotes or comments). 1-based line and column.
    static func separatingTabs(in text: String) -> [(line: Int, column: Int, offset: Int)] {
        var result: [(line: Int, column: Int, offset: Int)] = []
        var line = 1
        var column = 1
        var leading = true
        var previous: UInt8 = 0x0A
        var quote: UInt8 = 0
        var comment = false
        for (offset, byte) in text.utf8.enumerated() {
            if byte == 0x0A {
                line += 1; column = 1; leading = true; previous = byte; quote = 0; comment = false
                continue
            }
            let here = column
            if byte & 0xC0 != 0x80 { column += 1 } // count characters, not UTF-8 continuation bytes
            if comment { previous = byte; continue }
            if quote != 0 {
                if byte == quote { quote = 0 }
                previous = byte
                continue
            }
            if byte == 0x09 {
                if leading || previous == UInt8(ascii: ":") || previous == UInt8(ascii: "-") || previous == 0x20 || previous == 0x09 {
                    result.append((line, here, offset))
                }
            } else if byte != 0x20 {
                leading = false
                if byte == UInt8(ascii: "#"), previous == 0x20 || previous == 0x09 { comment = true }
                if (byte == 0x22 || byte == 0x27), previous == 0x20 || previous == 0x09 || previous == UInt8(ascii: ":") || previous == UInt8(ascii: "[") || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",") {
                    quote = byte
                }
            }
            previous = byte
        }
        return result
    }

    private static func replacingTabs(_ tabs: [(line: Int, column: Int, offset: Int)], in text: String, width: Int) -> String {
        var bytes = Array(text.utf8)
        for tab in tabs.reversed() {
            bytes.replaceSubrange(tab.offset...tab.offset, with: [UInt8](repeating: 0x20, count: width))
        }
        return String(decoding: bytes, as: UTF8.self)
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
            if let misplaced = misplacedKey(problem: problem, line: at.line, column: at.column, in: text) {
                diag.add(misplaced.message, field: "", line: at.line, column: misplaced.column)
            } else {
                diag.add(explain(problem), field: "", line: at.line, column: at.column)
            }
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            diag.add("The key \(names) appears more than once in the same map; keep only one.", field: "", line: context.mark.line, column: context.mark.column)
        case .memory:
            diag.add("The file is too large to read.", field: "", line: 0, column: nil)
        default:
            diag.add("The file could not be read as YAML.", field: "", line: 1, column: nil)
        }
    }

    /// For indentation problems on a line that holds a key: a message naming that key and the key
    /// above it that it should line up with.
    static func misplacedKey(problem: String, line: Int, column: Int, in text: String) -> (message: String, column: Int)? {
        let indentationProblems = ["did not find expected key", "did not find expected '-' indicator", "mapping values are not allowed"]
        guard indentationProblems.contains(where: problem.contains) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count, let key = keyOnLine(lines[line - 1]) else { return nil }
        // A `:` after the key's own (`title: Three: bloc`) is a value needing quotes, not a misplaced key.
        let mappingValue = problem.contains("mapping values are not allowed")
        if mappingValue, column > key.column + key.name.count { return nil }
        // The nearest line above that holds a key, skipping blank lines and comments.
        var above = line - 1
        while above >= 1 {
            let trimmed = lines[above - 1].drop { $0 == " " }
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") { break }
            above -= 1
        }
        guard above >= 1, let previous = keyOnLine(lines[above - 1]), previous.column != key.column else {
            if mappingValue { return nil }
            return ("The key `\(key.name)` is not where YAML expects it: check its indentation against the keys of the same map, which must line up exactly.", key.column)
        }
        let direction = key.column > previous.column ? "more" : "less"
        return ("The key `\(key.name)` is indented \(direction) than `\(previous.name)` on line \(above) (column \(key.column), not \(previous.column)); keys of one map must line up exactly, so move it to column \(previous.column) if it belongs to the same map.", key.column)
    }

    /// The key a line starts (after its indentation and any `- `), with its 1-based column.
    private static func keyOnLine(_ line: Substring) -> (name: String, column: Int)? {
        var chars = Array(line)
        if chars.last == "\r" { chars.removeLast() }
        var i = 0
        while i < chars.count, chars[i] == " " { i += 1 }
        if i + 1 < chars.count, chars[i] == "-", chars[i + 1] == " " {
            i += 2
            while i < chars.count, chars[i] == " " { i += 1 }
        }
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" { i += 1 }
        guard i > start, i < chars.count, chars[i] == ":", i + 1 == chars.count || chars[i + 1] == " " else { return nil }
        return (String(chars[start..<i]), start + 1)
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
