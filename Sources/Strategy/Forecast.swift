import Dispatch
import Foundation
import GameCore

/// Many headless games at once (`simulate --games N`, the calibration test, the bench).
///
/// Game k always uses seed `first + k` and its result lands in slot k, so the output is the same
/// whatever the number of threads: threads only take the next unplayed index from a shared counter.
public enum Forecast {
    /// Plays `count` games with seeds first, first+1, … and maps each finished game to a result on
    /// the thread that played it (so a long forecast never holds every full game in memory).
    /// `progress` is called (from any thread, serialised) with the number of games finished.
    public static func run<Result: Sendable>(
        _ scenario: Scenario, firstSeed: UInt64, count: Int, turns: Int? = nil, level: AILevel = .standard,
        threads: Int = 1, progress: (@Sendable (Int) -> Void)? = nil,
        result: @escaping @Sendable (Game) -> Result
    ) -> [Result] {
        guard count > 0 else { return [] }
        let box = ResultBox<Result>(count: count)
        let workers = max(1, min(threads, count))
        let play: @Sendable (Int) -> Void = { worker in
            // Every worker but the first plays on its own copy of the scenario. Copies of one
            // scenario share their storage, and the reference counts of shared storage are
            // atomic counters that two cores would pass back and forth all game long.
            let local = worker == 0 ? scenario : privateCopy(of: scenario)
            while let k = box.claim() {
                let (seed, _) = firstSeed.addingReportingOverflow(UInt64(k))
                let game = Autoplay.play(local, seed: seed, turns: turns, level: level, recordsHashes: false)
                let done = box.store(result(game), at: k)
                progress?(done)
            }
        }
        if workers == 1 {
            play(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: play)
        }
        return box.results()
    }
}

/// An equal scenario that shares no storage with `scenario` (by a round trip through JSON); the
/// scenario itself if the copy would differ in any way, so results never depend on it.
func privateCopy(of scenario: Scenario) -> Scenario {
    guard let data = try? JSONEncoder().encode(scenario),
          let copy = try? JSONDecoder().decode(Scenario.self, from: data), copy == scenario else { return scenario }
    return copy
}

/// Slots for results, filled by index under a lock.
private final class ResultBox<Result>: @unchecked Sendable {
    private var slots: [Result?]
    private var next = 0
    private var finished = 0
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { slots = [Result?](repeating: nil, count: count) }

    func claim() -> Int? {
        lock.wait(); defer { lock.signal() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ r: Result, at k: Int) -> Int {
        lock.wait(); defer { lock.signal() }
        slots[k] = r
        finished += 1
        return finished
    }

    func results() -> [Result] { slots.map { $0! } }
}
