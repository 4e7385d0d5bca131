import Yams

/// Collects the errors of one file and guards the work spent on it.
///
/// YAML aliases let a small file describe a huge tree (`*a` repeated inside `&a` lists), so every
/// value the reader looks at and every expression character it parses is charged to a budget; past
/// it, reading stops with one clear error instead of running for hours.
final class Diagnostics {
    let file: String
    private(set) var errors: [ScenarioError] = []
    /// Problems of meaning that do not stop the file from loading (docs/scenarios.md, "Warnings").
    private(set) var warnings: [ScenarioError] = []
    private(set) var dropped = 0
    private var work = 0
    /// Values plus expression characters a file may cost. A 193-bloc scenario costs about a tenth of it.
    static let workLimit = 1_000_000
    /// Errors kept before sorting; beyond this they are only counted.
    private static let storeLimit = 5_000
    private(set) var exhausted = false

    init(file: String) { self.file = file }

    var hasErrors: Bool { !errors.isEmpty || dropped > 0 }

    func add(_ message: String, field: String, line: Int, column: Int?, always: Bool = false) {
        if errors.count >= Diagnostics.storeLimit, !always {
            dropped += 1
            return
        }
        errors.append(ScenarioError(file: file, line: line, column: column, field: field, message: message))
    }

    func add(_ message: String, field: String, at mark: Mark?) {
        add(message, field: field, line: mark?.line ?? 1, column: mark?.column)
    }

    func add(_ message: String, at value: Value) {
        add(message, field: value.path, at: value.mark)
    }

    /// Records a warning about `value`: the file still loads.
    func warn(_ message: String, at value: Value) {
        guard warnings.count < ScenarioErrors.limit else { return }
        warnings.append(ScenarioError(file: file, line: value.mark?.line ?? 1, column: value.mark?.column,
                                      field: value.path, message: message))
    }

    /// The warnings sorted by position.
    func collectedWarnings() -> [ScenarioError] {
        warnings.enumerated().sorted { a, b in
            (a.element.line, a.element.column ?? 0, a.offset) < (b.element.line, b.element.column ?? 0, b.offset)
        }.map(\.element)
    }

    /// Charges `units` of work; false once the budget is spent (the first time also records why).
    @discardableResult
    func spend(_ units: Int = 1) -> Bool {
        if exhausted { return false }
        work += units
        if work > Diagnostics.workLimit {
            exhausted = true
            add("The file is too large or too repetitive to check (it expands to more than \(Diagnostics.workLimit) values, perhaps through `*alias` references). Split it or remove the repetition.",
                field: "", line: 1, column: nil, always: true)
            return false
        }
        return true
    }

    /// All errors sorted by position (stable for equal positions), at most `ScenarioErrors.limit`.
    func collected() -> ScenarioErrors {
        let sorted = errors.enumerated().sorted { a, b in
            let ka = (a.element.line, a.element.column ?? 0, a.offset)
            let kb = (b.element.line, b.element.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
        let kept = Array(sorted.prefix(ScenarioErrors.limit))
        return ScenarioErrors(errors: kept, omitted: sorted.count - kept.count + dropped)
    }
}
