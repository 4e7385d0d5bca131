import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal (so
/// redirected output and CI logs stay clean) and only for runs long enough to need one.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let lock = NSLock()
    private var shown = -1

    /// Nil when standard error is not a terminal or there are too few items to bother.
    init?(total: Int, minimum: Int = 20) {
        guard total >= minimum, isatty(STDERR_FILENO) == 1 else { return nil }
        self.total = total
    }

    func update(_ done: Int) {
        lock.lock(); defer { lock.unlock() }
        let percent = total > 0 ? done * 100 / total : 100
        guard percent != shown else { return }
        shown = percent
        let width = 30
        let filled = width * done / max(1, total)
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total) games"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
