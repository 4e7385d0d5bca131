import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GameCore

/// Reads scenario files (DESIGN §4, docs/scenarios.md) into validated `Scenario` values.
public enum ScenarioLoader {
    /// Largest file accepted, in bytes. The default scenario is far below it; the limit keeps a
    /// mistaken path (a video, `/dev/zero`) from exhausting memory.
    public static let maximumFileSize = 4 * 1024 * 1024

    /// Reads and validates the file at `path`. Every error names `path` as its file.
    public static func load(path: String) throws(ScenarioErrors) -> Scenario {
        let text = try readText(path: path)
        return try parse(text: text, file: path)
    }

    /// Validates scenario text. `file` is only used to label errors.
    public static func parse(text: String, file: String) throws(ScenarioErrors) -> Scenario {
        let result = check(text: text, file: file)
        guard let scenario = result.scenario else { throw result.errors }
        return scenario
    }

    /// Reads and validates the file at `path`, keeping the warnings as well as the errors.
    public static func check(path: String) -> ScenarioCheck {
        do {
            return check(text: try readText(path: path), file: path)
        } catch {
            return ScenarioCheck(scenario: nil, errors: error, warnings: [], runSheet: [])
        }
    }

    /// Validates scenario text, keeping the warnings (problems of meaning that do not stop it loading).
    public static func check(text: String, file: String) -> ScenarioCheck {
        let diag = Diagnostics(file: file)
        func failed() -> ScenarioCheck { ScenarioCheck(scenario: nil, errors: diag.collected(), warnings: diag.collectedWarnings(), runSheet: []) }
        if text.utf8.count > maximumFileSize {
            diag.add(tooLarge(text.utf8.count), field: "", line: 0, column: nil)
            return failed()
        }
        // Editors on Windows may start UTF-8 files with a byte-order mark, which the YAML library
        // (told the encoding explicitly) would read as text.
        let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
        guard let (root, readable) = YAMLText.compose(body, diag: diag) else { return failed() }
        let reader = ScenarioReader(text: readable, diag: diag)
        guard let scenario = reader.read(root), !diag.hasErrors else { return failed() }
        // Hashed as read (without a byte-order mark), not as repaired for reading.
        var result = scenario
        result.contentHash = StableHasher.digest(of: body)
        return ScenarioCheck(scenario: result, errors: ScenarioErrors(errors: []), warnings: diag.collectedWarnings(), runSheet: reader.runSheet)
    }

    /// The file's text, or a file-level error (line 0, or the line of the first byte that is not UTF-8).
    static func readText(path: String) throws(ScenarioErrors) -> String {
        func fail(_ message: String, line: Int = 0) -> ScenarioErrors {
            ScenarioErrors(errors: [ScenarioError(file: path, line: line, field: "", message: message)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("The file does not exist. Check the path and the spelling of the name.")
        }
        if isDirectory.boolValue {
            throw fail("This is a folder, not a scenario file. Name a `.yaml` file inside it.")
        }
        // A pipe with no writer would block the open below forever, a device may never end.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw fail("This is not a regular file (it is a pipe, a device or a socket); give the path of a `.yaml` scenario file.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw fail("The file cannot be opened; check that you may read it.")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            // Read at most one byte past the limit, so endless files (devices, pipes) stop too.
            data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
        } catch {
            throw fail("The file cannot be read (\(error.localizedDescription)).")
        }
        if data.count > maximumFileSize {
            throw fail(tooLarge(nil))
        }
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw fail("Line \(firstInvalidLine(bytes)) contains bytes that are not UTF-8 text; save the file as UTF-8 text.",
                       line: firstInvalidLine(bytes))
        }
        return text
    }

    private static func tooLarge(_ size: Int?) -> String {
        let limit = maximumFileSize / (1024 * 1024)
        let actual = size.map { " (\(($0 + 1024 * 1024 - 1) / (1024 * 1024)) MB)" } ?? ""
        return "The file is too large\(actual); scenario files may be at most \(limit) MB."
    }

    /// 1-based line of the first byte sequence that is not valid UTF-8.
    static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var lineStart = 0
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            if String(validating: bytes[lineStart..<i], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = i + 1
        }
        return line
    }
}

/// The outcome of checking one scenario: the scenario when it has no errors, and its warnings either way.
public struct ScenarioCheck: Sendable {
    /// The scenario, or nil when the file has errors.
    public var scenario: Scenario?
    /// Every error (empty when `scenario` is set).
    public var errors: ScenarioErrors
    /// Problems of meaning that do not stop the file from loading, sorted by line.
    public var warnings: [ScenarioError]
    /// The scenario's own run sheet (`runSheet:`), sorted by turn; empty when it has none.
    public var runSheet: [PlannedInject]
}
