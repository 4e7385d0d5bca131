import GameCore
import Yams

/// Parsing the expressions of a file and pointing their errors at the right line and column.
extension ScenarioReader {
    func expressionContext(allowsCurrent: Bool, allowsAll: Bool) -> ExpressionContext {
        // Built once: expressions are read only after every id and the calendar are known.
        if baseContext == nil {
            baseContext = ExpressionContext(blocIDs: blocIDs, sectorIDs: sectorIDs, chokepointIDs: chokepointIDs,
                                            calendar: expressionCalendar, allowsCurrent: false, allowsAll: false)
        }
        var context = baseContext!
        context.allowsCurrent = allowsCurrent
        context.allowsAll = allowsAll
        return context
    }

    func condition(_ value: Value?, allowsCurrent: Bool, site: ConditionSite) -> Condition? {
        guard let value, let text = expressionText(value) else { return nil }
        do {
            let condition = try ExpressionParser.parseCondition(text, in: expressionContext(allowsCurrent: allowsCurrent, allowsAll: false))
            checkMeaning(of: condition, at: value, site: site)
            return condition
        } catch {
            report(error, in: value)
            return nil
        }
    }

    /// A list of effects; nil items are dropped after their errors are reported.
    func effects(_ value: Value?, allowsCurrent: Bool) -> [Effect] {
        guard let value, let items = diag.list(value, example: "[\"all.support += 2\"]") else { return [] }
        let context = expressionContext(allowsCurrent: allowsCurrent, allowsAll: true)
        var result: [Effect] = []
        for item in items {
            guard let text = expressionText(item) else { continue }
            do {
                let effect = try ExpressionParser.parseEffect(text, in: context)
                checkMeaning(of: effect, at: item)
                result.append(effect)
            } catch {
                report(error, in: item)
            }
        }
        return result
    }

    private func expressionText(_ value: Value) -> String? {
        guard let text = diag.text(value) else { return nil }
        guard diag.spend(text.utf8.count / 4 + 1) else { return nil }
        return text
    }

    private func report(_ error: ExpressionError, in value: Value) {
        guard let scalar = value.scalar else {
            diag.add(error.message, at: value)
            return
        }
        let (line, column) = location(of: scalar, offset: error.column - 1)
        let message = column == nil ? error.message + " (At character \(error.column) of the expression.)" : error.message
        diag.add(message, field: value.path, line: line, column: column)
    }

    /// The file position of character `offset` of a scalar's value. Exact for one-line plain and
    /// quoted scalars and for literal blocks; nil column when the mapping is uncertain.
    func location(of scalar: Node.Scalar, offset requested: Int) -> (Int, Int?) {
        guard let mark = scalar.mark else { return (1, nil) }
        guard mark.line >= 1, mark.line <= lines.count else { return (mark.line, nil) }
        let value = Array(scalar.string.unicodeScalars)
        let offset = max(0, min(requested, value.count))
        switch scalar.style {
        case .literal, .folded:
            return blockLocation(value, offset: offset, headerLine: mark.line, literal: scalar.style == .literal)
        default:
            if value.contains("\n") { return (mark.line, nil) }
            let line = Array(lines[mark.line - 1].unicodeScalars)
            var i = mark.column - 1
            // Skip node properties (`&anchor`, `!tag`) that may precede the value.
            while i < line.count, line[i] == "&" || line[i] == "!" {
                while i < line.count, line[i] != " " { i += 1 }
                while i < line.count, line[i] == " " { i += 1 }
            }
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted {
                guard i < line.count, line[i] == (scalar.style == .singleQuoted ? "'" : "\"") else { return (mark.line, nil) }
                i += 1
            }
            var k = 0
            while k < offset {
                guard i < line.count else { return (mark.line, nil) }
                if scalar.style == .singleQuoted, line[i] == "'" {
                    i += 2
                } else if scalar.style == .doubleQuoted, line[i] == "\\", i + 1 < line.count {
                    switch line[i + 1] {
                    case "x": i += 4
                    case "u": i += 6
                    case "U": i += 10
                    default: i += 2
                    }
                } else {
                    i += 1
                }
                k += 1
            }
            if offset < value.count {
                guard i < line.count, line[i] == value[offset] || line[i] == "\\" else { return (mark.line, nil) }
            }
            return (mark.line, i + 1)
        }
    }

    private func blockLocation(_ value: [Unicode.Scalar], offset: Int, headerLine: Int, literal: Bool) -> (Int, Int?) {
        // Errors at the very end point just after the last visible character.
        var offset = offset
        while offset > 0, offset >= value.count || value[offset] == "\n", value[offset - 1] == "\n" { offset -= 1 }
        let before = value[0..<offset]
        let breaks = before.filter { $0 == "\n" }.count
        if !literal && breaks > 0 { return (headerLine + 1, nil) }
        let lineStart = before.lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let lineNumber = headerLine + 1 + breaks
        guard lineNumber <= lines.count else { return (headerLine, nil) }
        let source = Array(lines[lineNumber - 1].unicodeScalars)
        let indent = source.prefix { $0 == " " }.count
        let i = indent + (offset - lineStart)
        if offset < value.count {
            guard i < source.count, source[i] == value[offset] else { return (lineNumber, nil) }
        } else if i > source.count {
            return (lineNumber, nil)
        }
        return (lineNumber, i + 1)
    }
}
