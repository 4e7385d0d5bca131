/// Slows down guessing: after five wrong codes from one address, every answer to that address
/// waits longer (1, 2, 4 … up to 30 seconds). A right code clears the address; an address quiet
/// for ten minutes is forgotten.
public struct LoginThrottle: Sendable {
    /// Wrong codes an address may give before answers to it are delayed.
    public static let freeFailures = 5
    /// The longest delay, in seconds.
    public static let maximumDelay = 30.0
    /// Seconds of quiet after which an address's failures are forgotten.
    public static let forgetAfter = 600.0

    private struct Record: Sendable {
        var failures: Int
        var last: Double
    }
    private var records: [String: Record] = [:]

    public init() {}

    /// How long to wait before answering a login attempt from this address, in seconds.
    public func delay(for address: String, now: Double) -> Double {
        guard let r = records[address], now - r.last < LoginThrottle.forgetAfter else { return 0 }
        let over = r.failures - LoginThrottle.freeFailures
        guard over >= 0 else { return 0 }
        var seconds = 1.0
        var i = 0
        while i < over && seconds < LoginThrottle.maximumDelay { seconds *= 2; i += 1 }
        return min(seconds, LoginThrottle.maximumDelay)
    }

    /// Records the outcome of an attempt from this address.
    public mutating func record(address: String, admitted: Bool, now: Double) {
        if admitted { records[address] = nil; return }
        var r = records[address] ?? Record(failures: 0, last: now)
        if now - r.last >= LoginThrottle.forgetAfter { r.failures = 0 }
        r.failures += 1
        r.last = now
        records[address] = r
        if records.count > 10_000 { records = records.filter { now - $0.value.last < LoginThrottle.forgetAfter } }
    }
}
