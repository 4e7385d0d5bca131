/// The spelling rules for ids written in scenario files. Ids appear in expressions, saves and the
/// command line, so they must be unambiguous there: bloc ids are capitals (`US`), everything else
/// is kebab-case (`critical-infra`), which keeps `self.pqc.critical-infra` readable.
enum Identifier {
    /// `quantum-decade`, `critical-infra`: lower-case letters and digits in words joined by single hyphens.
    static func isKebab(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first >= "a" && first <= "z", s.unicodeScalars.count <= 40 else { return false }
        var previousHyphen = false
        for c in s.unicodeScalars {
            if c == "-" {
                if previousHyphen { return false }
                previousHyphen = true
            } else if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") {
                previousHyphen = false
            } else {
                return false
            }
        }
        return !previousHyphen
    }

    /// `US`, `EU`, `G7X`: 2-6 capitals or digits starting with a capital.
    static func isBloc(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard (2...6).contains(scalars.count), scalars[0] >= "A" && scalars[0] <= "Z" else { return false }
        return scalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }
    }

    /// `NATO`, `G7`, `Quad`, `five-eyes`: letters, digits, `-` and `_`, up to 24 characters.
    static func isGroup(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard (1...24).contains(scalars.count) else { return false }
        func letterOrDigit(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") }
        return letterOrDigit(scalars[0]) && scalars.allSatisfy { letterOrDigit($0) || $0 == "-" || $0 == "_" }
    }

    static let kebabRule = "lower-case letters and digits, words joined by single hyphens, starting with a letter, at most 40 characters (e.g. `critical-infra`)"
    static let blocRule = "2 to 6 capital letters or digits, starting with a letter (e.g. `US`, `EU`, `G20`)"
    static let groupRule = "letters, digits, `-` or `_`, at most 24 characters (e.g. `NATO`, `G7`)"
}
