import Foundation
import GameCore
import ScenarioFormat

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Save files on disk: crash-safe writes, loading, the list of saves in a folder, autosaves.
public enum SaveStore {
    /// How many autosaves a folder keeps.
    public static let autosavesKept = 5
    public static let autosavePrefix = "autosave-"

    /// Writes the game to `path` atomically: a temporary file in the same folder is written,
    /// flushed to disk, and renamed over `path`; then the folder is flushed so the rename itself
    /// survives a power cut. A crash at any moment leaves either the old file or the new one.
    public static func write(_ saved: SavedGame, to path: String, date: Date = Date()) throws(SaveError) {
        let bytes = try SaveCodec.encode(saved, file: path, date: date)
        try writeAtomically(bytes, to: path)
    }

    /// Reads and verifies the save at `path`: the one loading path of `replay`, `report`,
    /// `simulate --load`, `play --load`, the setup screen's list and a hosted room. With
    /// `fromSnapshot`, a save whose replay diverges continues from its checked stored state.
    public static func load(path: String, known: [Scenario] = [], fromSnapshot: Bool = false) throws(SaveError) -> LoadedSave {
        let bytes = try SaveLimits.read(path: path)
        return try SaveCodec.decode(bytes, file: path, known: known, fromSnapshot: fromSnapshot)
    }

    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SaveError) {
        func fail(_ why: String) -> SaveError {
            SaveError(.unwritable, file: path, "The game could not be saved here (\(why)); it is still in memory, so try another name or folder.")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw fail("the folder \(folder) cannot be created")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw fail("a folder of that name is in the way")
        }
        removeStaleTemporaries(folder: folder, name: url.lastPathComponent)
        let temp = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail(String(cString: strerror(errno))) }
        var written = 0
        var problem: String?
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    problem = String(cString: strerror(errno)); return
                }
                written += n
            }
        }
        if problem == nil && fsync(fd) != 0 { problem = String(cString: strerror(errno)) }
        if close(fd) != 0 && problem == nil { problem = String(cString: strerror(errno)) }
        if problem == nil && rename(temp, path) != 0 { problem = String(cString: strerror(errno)) }
        if let problem {
            unlink(temp)
            throw fail(problem)
        }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    /// Deletes the temporary files a write to `name` left when its process was killed before the
    /// rename (`.<name>.tmp-<pid>-<random>` whose process no longer runs). A live writer's file is
    /// left alone, so two programs saving to one place never delete each other's work.
    static func removeStaleTemporaries(folder: String, name: String) {
        let prefix = "." + name + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in names where entry.hasPrefix(prefix) {
            guard let pidText = entry.dropFirst(prefix.count).split(separator: "-").first, let pid = Int32(pidText), pid > 0 else { continue }
            if pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH { continue }
            unlink(folder + "/" + entry)
        }
    }

    // MARK: - Folders

    /// What a folder listing shows about one save, without replaying it.
    public struct Summary: Sendable, Equatable {
        public var path: String
        public var scenarioTitle: String
        public var turn: String
        public var humans: [String]
        public var savedAt: Date
    }

    private struct Header: Decodable {
        struct Scenario: Decodable { var title: String }
        var format: Int
        var scenario: Scenario
        var nextTurn: String
        var seats: Seats
        var savedAt: String
    }

    /// The saves in `folder`, newest first. Files that are not saves of this format are left out.
    public static func list(folder: String) -> [Summary] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var out: [Summary] = []
        let dates = ISO8601DateFormatter()
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let bytes = try? SaveLimits.read(path: path), SaveLimits.scan(bytes) == nil,
                  let header = try? JSONDecoder().decode(Header.self, from: Data(bytes)), header.format == SaveFormat.current else { continue }
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
            let date = dates.date(from: header.savedAt) ?? modified ?? Date(timeIntervalSince1970: 0)
            out.append(Summary(path: path, scenarioTitle: header.scenario.title, turn: header.nextTurn,
                               humans: header.seats.humans, savedAt: date))
        }
        return out.sorted { $0.savedAt != $1.savedAt ? $0.savedAt > $1.savedAt : $0.path < $1.path }
    }

    /// Writes an autosave named after the scenario and the next turn, then deletes all but the newest
    /// `autosavesKept` autosaves of the same scenario in the folder (a class game of another
    /// scenario in the same folder leaves a session's autosaves alone). Returns the path written.
    @discardableResult
    public static func autosave(_ saved: SavedGame, folder: String, date: Date = Date()) throws(SaveError) -> String {
        let prefix = autosavePrefix + saved.game.scenario.id + "-"
        let path = folder + "/" + prefix + saved.nextTurnLabel + ".json"
        try write(saved, to: path, date: date)
        pruneAutosaves(folder: folder, prefix: prefix)
        return path
    }

    static func pruneAutosaves(folder: String, prefix: String = autosavePrefix) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let autosaves = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.map { name -> (String, Date) in
            let path = folder + "/" + name
            let date = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
            return (path, date ?? Date(timeIntervalSince1970: 0))
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 > $1.0 }
        for (path, _) in autosaves.dropFirst(autosavesKept) { try? FileManager.default.removeItem(atPath: path) }
        // Temporary files left by a write that was killed before its rename; a live write takes
        // milliseconds, so one older than ten minutes is debris.
        let cutoff = Date().addingTimeInterval(-600)
        for name in names where name.hasPrefix(".") && name.contains(".json.tmp-") {
            let path = folder + "/" + name
            if let date = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date, date < cutoff {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// The source text of a scenario, so saves can embed it: a bundled file or the file at
    /// `path` whose content hash matches the scenario's. Nil when neither matches.
    public static func scenarioSource(for scenario: Scenario, path: String? = nil) -> String? {
        func matches(_ text: String) -> Bool {
            let body = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
            return StableHasher.digest(of: body) == scenario.contentHash
        }
        if let path, let data = FileManager.default.contents(atPath: path), data.count <= ScenarioLoader.maximumFileSize,
           let text = String(data: data, encoding: .utf8), matches(text) {
            return text
        }
        return BundledScenarios.all.first { matches($0.text) }?.text
    }
}
