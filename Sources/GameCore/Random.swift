/// Seeded randomness, written here so no Swift release can change a game's dice.
/// Every phase of every turn draws from its own stream (and per bloc or per item where it matters),
/// so an extra draw in one place never shifts the numbers anywhere else.
public struct SplitMix64: Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna): fast, small state, good statistical quality.
public struct Xoshiro256: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Xoshiro256.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Xoshiro256.rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// True with probability `p`.
    @inline(__always)
    public mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }

    /// A uniform double in [-1, 1).
    @inline(__always)
    public mutating func symmetric() -> Double { unit() * 2 - 1 }

    /// A uniform integer in 0..<bound without modulo bias (Lemire's method).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let t = (0 &- b) % b
            while m.low < t { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Fisher–Yates shuffle with this generator.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = below(i + 1)
            if i != j { items.swapAt(i, j) }
        }
    }
}

/// The phases of a turn, in resolution order (DESIGN §3). Their raw values name random streams.
public enum Phase: UInt64, CaseIterable, Sendable {
    case diplomacy = 1, controls, investment, intelligence, decryption, events, politics, scores, news
    /// Not a resolution phase: the stream computer players draw from when deciding.
    case strategy = 20
    /// Not a resolution phase: deterministic noise for estimates in views.
    case estimates = 21
}

/// Derives independent generators from the game seed.
public enum RandomStreams {
    /// A generator for `phase` of `turn`, for one item (a bloc index, an event index…).
    public static func stream(seed: UInt64, turn: Int, phase: Phase, item: Int = 0, salt: Int = 0) -> Xoshiro256 {
        var sm = SplitMix64(seed: seed ^ 0x5EED_0F_E47A_46_1ED)
        var key = sm.next()
        key ^= UInt64(bitPattern: Int64(turn)) &* 0x9E37_79B9_7F4A_7C15
        sm = SplitMix64(seed: key)
        key = sm.next() ^ (phase.rawValue &* 0xC2B2_AE3D_27D4_EB4F)
        sm = SplitMix64(seed: key)
        key = sm.next() ^ (UInt64(bitPattern: Int64(item)) &* 0x1656_67B1_9E37_79F9)
        sm = SplitMix64(seed: key)
        key = sm.next() ^ UInt64(bitPattern: Int64(salt))
        return Xoshiro256(seed: key)
    }

    /// A deterministic number in [-1, 1) for one (turn, viewer, target, field) — used for estimates,
    /// which are a pure function of the state and must not consume any stream. It drifts: drawn
    /// afresh every `noiseSpan` turns and interpolated in between, so an estimate (and the Q-Day
    /// clock built on it) moves a little each quarter instead of jumping.
    public static func noise(seed: UInt64, turn: Int, viewer: Int, target: Int, field: Int) -> Double {
        noise(base: noiseBase(seed: seed), turn: turn, viewer: viewer, target: target, field: field)
    }

    /// The part of `noise` that depends on the seed only (a view draws it once for all its fields).
    @inline(__always)
    public static func noiseBase(seed: UInt64) -> UInt64 {
        var sm = SplitMix64(seed: seed ^ 0xE571_3A7E)
        return sm.next()
    }

    /// Turns between two fresh draws of the estimate noise (a year of quarters).
    public static let noiseSpan = 4

    /// `noise(seed:…)` from its seed part.
    @inline(__always)
    public static func noise(base: UInt64, turn: Int, viewer: Int, target: Int, field: Int) -> Double {
        let span = noiseSpan
        let k = turn >= 0 ? turn / span : -((-turn + span - 1) / span)
        let a = anchor(base: base, step: k, viewer: viewer, target: target, field: field)
        let step = turn - k * span
        if step == 0 { return a }
        let b = anchor(base: base, step: k + 1, viewer: viewer, target: target, field: field)
        return a + (b - a) * (Double(step) / Double(span))
    }

    /// The noise drawn at anchor `step` (turn `step × noiseSpan`).
    @inline(__always)
    static func anchor(base: UInt64, step: Int, viewer: Int, target: Int, field: Int) -> Double {
        var sm = SplitMix64(seed: base ^ UInt64(bitPattern: Int64(step &* 7919 &+ viewer &* 104_729 &+ target &* 1_299_709 &+ field &* 15_485_863)))
        let k = sm.next()
        return Double(k >> 11) * 0x1.0p-53 * 2 - 1
    }
}
