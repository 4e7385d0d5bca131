import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Limits that keep a hostile or broken save from exhausting memory or the stack.
public enum SaveLimits {
    /// Largest save accepted. A full 44-turn game of the default scenario is far below 1 MB;
    /// a 193-bloc scenario's saves are larger, hence the margin.
    public static let maximumFileSize = 32 * 1024 * 1024
    /// Deepest nesting of arrays and objects. Real saves nest about 8 deep.
    public static let maximumDepth = 64
    /// Most JSON values (scalars, arrays, objects) in one file.
    public static let maximumValues = 4_000_000

    /// Reads at most `maximumFileSize + 1` bytes, so devices and endless pipes stop too.
    static func read(path: String) throws(SaveError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SaveError(.unreadable, file: path, "There is no such file; check the path and the spelling of the name.")
        }
        if isDirectory.boolValue {
            throw SaveError(.unreadable, file: path, "This is a folder, not a save file.")
        }
        // A pipe with no writer would block the open below forever, a device may never end.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw SaveError(.unreadable, file: path, "This is not a regular file (it is a pipe, a device or a socket), so it is not a save; give the path of a .json save file.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SaveError(.unreadable, file: path, "The file cannot be opened; check that you may read it.")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw SaveError(.unreadable, file: path, "The file cannot be read (\(error.localizedDescription)).")
        }
        if data.count > maximumFileSize {
            throw SaveError(.tooLarge, file: path, "The file is larger than \(maximumFileSize / (1024 * 1024)) MB, so it is not a save of this game.")
        }
        return [UInt8](data)
    }

    /// Checks nesting depth and value count without building anything, before a JSON parser sees
    /// the bytes (parsers recurse per level). Returns a problem, or nil when the bytes are within limits.
    static func scan(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "The file is empty; it is not a save (perhaps the copy was cut short)." }
        var depth = 0
        var values = 0
        var inString = false
        var escaped = false
        var inScalar = false
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inString = true; inScalar = false; values += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1; values += 1; inScalar = false
                if depth > maximumDepth {
                    return "The file nests more than \(maximumDepth) levels deep, so it is not a save of this game."
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1; inScalar = false
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                inScalar = false
            default:
                if !inScalar { values += 1; inScalar = true }
            }
            if values > maximumValues {
                return "The file holds more than \(maximumValues) values, so it is not a save of this game."
            }
        }
        return nil
    }
}
