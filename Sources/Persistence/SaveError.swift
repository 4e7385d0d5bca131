import Foundation

/// Why a save could not be read or written. `description` is one or two sentences for people,
/// naming the file.
public struct SaveError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case unreadable, tooLarge, malformed, newerFormat, tampered, scenario, diverged, unwritable
    }
    public var kind: Kind
    public var file: String
    public var problem: String

    public init(_ kind: Kind, file: String, _ problem: String) {
        self.kind = kind; self.file = file; self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }

    /// A short, path-like account of a decoding error (no stack of internal names).
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            let parts = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return parts.isEmpty ? "the top level" : String(parts.dropFirst(parts.hasPrefix(".") ? 1 : 0))
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context):
            return "\(path(context.codingPath)) has the wrong type"
        case DecodingError.valueNotFound(_, let context):
            return "\(path(context.codingPath)) is empty"
        case DecodingError.dataCorrupted(let context):
            return "\(path(context.codingPath)) is not valid"
        default:
            return "it is not valid JSON"
        }
    }
}
