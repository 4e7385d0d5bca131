/// Join codes: three words of `JoinWords` (30 bits), drawn from the system's secure random
/// source when a game is hosted. Codes are not game state: they never enter the save or the log.
enum JoinCodes {
    /// `count` distinct codes, such as `maple-otter-quiz`.
    static func make<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> [String] {
        let words = JoinWords.all
        var codes: [String] = []
        while codes.count < count {
            let code = (0..<3).map { _ in words[Int(generator.next(upperBound: UInt64(words.count)))] }.joined(separator: "-")
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// A code as typed, in the one form codes are compared in: lower case, words joined by
    /// hyphens, whatever separated them (spaces, dots, hyphens) and however many.
    static func normalized(_ typed: String) -> String {
        typed.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: "-")
    }

    /// Compares two codes in time that depends on their length only, not on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
