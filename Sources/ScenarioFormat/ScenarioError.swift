/// One problem found in a scenario file: where it is, which field, and what to do about it.
public struct ScenarioError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as the caller named it (a path for `load`, any label for `parse`).
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file (missing, unreadable, too large).
    public var line: Int
    /// 1-based column, when it is known precisely.
    public var column: Int?
    /// Path of the offending field, e.g. `blocs[2].allocation`; empty for file-level problems.
    public var field: String
    /// One or two plain sentences: what is wrong and how to fix it.
    public var message: String

    public init(file: String, line: Int, column: Int? = nil, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column: field: message`, leaving out the parts that are unknown.
    public var description: String {
        var text = file
        if line > 0 {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if !field.isEmpty { text += field + ": " }
        return text + message
    }
}

/// Every problem found in one scenario file, sorted by line (at most `ScenarioErrors.limit`).
public struct ScenarioErrors: Error, CustomStringConvertible, Equatable, Sendable {
    /// How many errors are reported at most; the rest are only counted in `omitted`.
    public static let limit = 50

    public var errors: [ScenarioError]
    /// Errors found beyond `limit` and left out of `errors`.
    public var omitted: Int

    public init(errors: [ScenarioError], omitted: Int = 0) {
        self.errors = errors
        self.omitted = omitted
    }

    /// One error per line; a last line says how many more were left out.
    public var description: String {
        var lines = errors.map(\.description)
        if omitted > 0, let file = errors.first?.file {
            let noun = omitted == 1 ? "error was" : "errors were"
            lines.append("\(file): \(omitted) more \(noun) not shown; fix the ones above and validate again.")
        }
        return lines.joined(separator: "\n")
    }
}

/// How a warning is printed: like an error, with `warning:` after the position.
public enum ScenarioWarningText {
    /// `file:line:column: warning: field: message`.
    public static func line(_ warning: ScenarioError) -> String {
        var text = warning.file
        if warning.line > 0 {
            text += ":\(warning.line)"
            if let column = warning.column { text += ":\(column)" }
        }
        text += ": warning: "
        if !warning.field.isEmpty { text += warning.field + ": " }
        return text + warning.message
    }
}
