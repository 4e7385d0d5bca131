import Foundation
import GameCore
import Yams

/// Allowed numeric range, with its phrasing for messages.
struct Bounds {
    var lower: Double?
    var lowerInclusive = true
    var upper: Double?

    static func closed(_ lower: Double, _ upper: Double) -> Bounds { Bounds(lower: lower, upper: upper) }
    static func atLeast(_ lower: Double) -> Bounds { Bounds(lower: lower) }
    static func positive(upTo upper: Double? = nil) -> Bounds { Bounds(lower: 0, lowerInclusive: false, upper: upper) }
    static let unit = closed(0, 1)
    static let percent = closed(0, 100)

    func contains(_ x: Double) -> Bool {
        if let lower, lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, x > upper { return false }
        return true
    }

    var phrase: String {
        switch (lower, upper) {
        case let (lo?, hi?) where lowerInclusive: return "between \(formatNumber(lo)) and \(formatNumber(hi))"
        case let (lo?, hi?): return "greater than \(formatNumber(lo)) and at most \(formatNumber(hi))"
        case let (lo?, nil) where lowerInclusive: return "\(formatNumber(lo)) or more"
        case let (lo?, nil): return "greater than \(formatNumber(lo))"
        case let (nil, hi?): return "at most \(formatNumber(hi))"
        case (nil, nil): return "a number"
        }
    }
}

extension Diagnostics {
    /// Text of any scalar style.
    func text(_ value: Value?) -> String? {
        guard let value, spend() else { return nil }
        guard let scalar = value.scalar else {
            add("`\(value.name)` must be text; it is \(value.shape).", at: value)
            return nil
        }
        // Texts are copied into news, reports and every save; a bound keeps those loadable.
        let length = scalar.string.unicodeScalars.count
        if length > Diagnostics.maximumTextLength {
            add("`\(value.name)` is \(length) characters long; a text may be at most \(Diagnostics.maximumTextLength).", at: value)
            return nil
        }
        return scalar.string
    }

    /// Longest text of any field (briefings, event texts), in characters.
    static let maximumTextLength = 20_000

    /// A number written without quotes, within `bounds`.
    func number(_ value: Value?, _ bounds: Bounds) -> Double? {
        guard let value, spend() else { return nil }
        guard let scalar = value.scalar else {
            add("`\(value.name)` must be a number; it is \(value.shape).", at: value)
            return nil
        }
        let written = scalar.string
        let fraction = bounds.lower == 0 && bounds.upper == 1
        // `chance: 40%` or `chance: 40` where a fraction is meant: say what to write instead.
        if written.hasSuffix("%"), let percent = Double(written.dropLast().trimmingCharacters(in: .whitespaces)) {
            if fraction {
                add("`\(value.name)` must be a number from 0 to 1, e.g. \(formatNumber(percent / 100)) for \(written); write it without `%`.", at: value)
            } else {
                add("`\(value.name)` must be a number written without `%` (\(bounds.phrase)), e.g. `\(formatNumber(percent))`.", at: value)
            }
            return nil
        }
        let allowed = Set("0123456789+-._eE")
        let cleaned = written.filter { $0 != "_" }
        guard scalar.style == .plain || scalar.style == .any, written.allSatisfy(allowed.contains), !cleaned.isEmpty,
              let number = Double(cleaned)
        else {
            if scalar.style != .plain, let _ = Double(written.filter { $0 != "_" }) {
                add("`\(value.name)` must be a number written without quotes; it is \(value.shape).", at: value)
            } else {
                add("`\(value.name)` must be a number; it is \(value.shape).", at: value)
            }
            return nil
        }
        guard number.isFinite, abs(number) <= 1e15 else {
            add("`\(value.name)` must be \(bounds.phrase); `\(written.prefix(30))` is far too large.", at: value)
            return nil
        }
        guard bounds.contains(number) else {
            if fraction, number > 1, number <= 100 {
                add("`\(value.name)` must be a number from 0 to 1, e.g. \(formatNumber(number / 100)) for \(formatNumber(number)) %; it is \(formatNumber(number)).", at: value)
                return nil
            }
            add("`\(value.name)` must be \(bounds.phrase); it is \(formatNumber(number)).", at: value)
            return nil
        }
        return number
    }

    /// A whole number written without quotes (format versions, seeds).
    func unsigned(_ value: Value?) -> UInt64? {
        guard let value, spend() else { return nil }
        guard let scalar = value.scalar, scalar.style == .plain || scalar.style == .any,
              let n = UInt64(scalar.string.filter { $0 != "_" }.drop { $0 == "+" })
        else {
            add("`\(value.name)` must be a whole number of 0 or more; it is \(value.shape).", at: value)
            return nil
        }
        return n
    }

    func bool(_ value: Value?) -> Bool? {
        guard let value, spend() else { return nil }
        if let s = value.scalar, s.style == .plain || s.style == .any {
            switch s.string.lowercased() {
            case "true": return true
            case "false": return false
            case "yes", "no", "on", "off", "y", "n":
                add("Write `true` or `false` for `\(value.name)`, not `\(s.string)`.", at: value)
                return nil
            default: break
            }
        }
        add("`\(value.name)` must be `true` or `false`; it is \(value.shape).", at: value)
        return nil
    }

    /// One of a fixed vocabulary (doctrines, families, categories, treaty types…).
    func choice<T: RawRepresentable & CaseIterable>(_ value: Value?, _ type: T.Type, kind: String, plural: String) -> T? where T.RawValue == String {
        guard let value, let written = text(value) else { return nil }
        if let result = T(rawValue: written) { return result }
        let all = T.allCases.map(\.rawValue)
        add("`\(written)` is not a \(kind)." + Suggestions.hint(for: written, among: all, known: plural.prefix(1).uppercased() + plural.dropFirst()), at: value)
        return nil
    }

    /// A date `YYYY-Qn`, `YYYY-Hn` or `YYYY`.
    func date(_ value: Value?) -> TurnDate? {
        guard let value, let written = text(value) else { return nil }
        if let date = TurnDate.parse(written) { return date }
        let upper = written.uppercased()
        if upper != written, TurnDate.parse(upper) != nil {
            add("Write the date as `\(upper)`, with a capital letter.", at: value)
        } else {
            add("`\(written)` is not a date. Write `2030-Q1` (quarter 1-4), `2030-H2` (half-year 1-2) or `2030` (a whole year), with years from 1900 to 2300.", at: value)
        }
        return nil
    }
}
