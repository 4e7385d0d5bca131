/// A 128-bit hash that gives the same digest in every process and on every machine
/// (unlike `Hasher`, which Swift seeds per process). Used for state hashes and content hashes.
public struct StableHasher: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var count: UInt64 = 0

    public init() {}

    @inline(__always)
    private static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Feeds one 64-bit word.
    @inline(__always)
    public mutating func combine(_ word: UInt64) {
        count &+= 1
        a = StableHasher.mix(a ^ word &+ count)
        b = StableHasher.mix(b &+ (word ^ 0xD6E8_FEB8_6659_FD93)) ^ (a >> 17)
    }

    public mutating func combine(_ value: Int) { combine(UInt64(bitPattern: Int64(value))) }
    public mutating func combine(_ value: Bool) { combine(value ? 1 as UInt64 : 2) }
    /// Doubles are fed by their bit pattern; -0 and 0 are treated alike so equal values hash alike.
    public mutating func combine(_ value: Double) { combine(value == 0 ? 0 : value.bitPattern) }

    public mutating func combine(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var i = 0
            let count = bytes.count
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= count {
                    // The eight bytes read as one little-endian word (the same word on every machine).
                    combine(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                    i += 8
                }
            }
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while i < count { word |= UInt64(bytes[i]) << shift; shift += 8; i += 1 }
            combine(word)
            combine(count)
        }
    }

    /// The digest as 32 lower-case hex digits.
    public var hexDigest: String {
        let x = StableHasher.mix(a ^ count)
        let y = StableHasher.mix(b ^ x)
        return StableHasher.hex(x) + StableHasher.hex(y)
    }

    private static func hex(_ v: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { out[15 - i] = digits[Int((v >> (UInt64(i) * 4)) & 0xF)] }
        return String(decoding: out, as: UTF8.self)
    }

    /// Digest of a text (used for scenario content hashes).
    public static func digest(of text: String) -> String {
        var h = StableHasher()
        h.combine(text)
        return h.hexDigest
    }
}
