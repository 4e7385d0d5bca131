import Foundation
import GameCore

/// The save's checksum: a stable digest of the seed, the scenario hash, the command log and the
/// state hashes, computed over the parsed JSON (so whitespace and key order do not matter) rather
/// than over Swift types (so a later program can check an older file before upgrading it).
public enum SaveChecksum {
    static func digest(seed: Any?, contentHash: Any?, log: Any?, hashes: Any?) -> String {
        var h = StableHasher()
        h.combine("entangled-save-checksum-1")
        feed(seed, into: &h)
        feed(contentHash, into: &h)
        feed(log, into: &h)
        feed(hashes, into: &h)
        return h.hexDigest
    }

    /// Digest of the parts of a parsed save (top-level object from JSONSerialization).
    public static func digest(ofTree tree: [String: Any]) -> String {
        let scenario = tree["scenario"] as? [String: Any]
        return digest(seed: tree["seed"], contentHash: scenario?["contentHash"], log: tree["log"], hashes: tree["hashes"])
    }

    private static func feed(_ value: Any?, into h: inout StableHasher) {
        // Containers and strings are tried before NSNumber: asking whether a dictionary is an
        // NSNumber bridges the whole dictionary to Foundation. (A JSON value is only ever one of
        // these kinds, so the order does not change the digest.)
        switch value {
        case nil:
            h.combine(0 as UInt64)
        case let a as [Any]:
            h.combine(3 as UInt64); h.combine(a.count)
            for item in a { feed(item, into: &h) }
        case let o as [String: Any]:
            h.combine(4 as UInt64); h.combine(o.count)
            for key in o.keys.sorted() { h.combine(key); feed(o[key], into: &h) }
        case let s as String:
            h.combine(1 as UInt64); h.combine(s)
        case is NSNull:
            h.combine(0 as UInt64)
        case let n as NSNumber:
            h.combine(2 as UInt64); h.combine(n.doubleValue)
        default:
            h.combine(5 as UInt64)
        }
    }
}
