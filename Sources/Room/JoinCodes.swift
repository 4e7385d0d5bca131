import Foundation

/// Join codes: three words of `JoinWords` (30 bits), drawn from the system's secure random
/// source when a game is hosted. Codes are not game state: they never enter the save or the log.
/// They are kept beside the host key (`join-codes`, mode 0600) so that a host restarted with
/// `serve --load` opens the same seats with the same codes, and the printed slips stay good.
enum JoinCodes {
    /// The file in the save folder that keeps the codes of the last hosted game, one `user code` a line.
    static let fileName = "join-codes"

    /// The codes kept in `folder`, by user name; codes that are not three words of the list are dropped.
    static func kept(in folder: String) -> [String: String] {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.utf8.count < 100_000 else { return [:] }
        let words = Set(JoinWords.all)
        var codes: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { continue }
            let code = normalized(String(parts[1]))
            let pieces = code.split(separator: "-").map(String.init)
            guard pieces.count == 3, pieces.allSatisfy(words.contains) else { continue }
            codes[String(parts[0])] = code
        }
        return codes
    }

    /// Writes the tickets' codes to `folder`, readable by the host's user only. A failure only
    /// means a restarted host makes new codes, so it is not an error.
    static func keep(_ tickets: [SeatTicket], in folder: String) {
        let path = (folder as NSString).appendingPathComponent(fileName)
        let text = tickets.map { "\($0.user) \($0.code)" }.joined(separator: "\n") + "\n"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

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
