/// Finds a key written twice in one JSON object. JSON parsers disagree on which copy wins (the
/// checksum's parser read the last copy, the decoder the first), so a save with a repeated key
/// could show one game to the check and another to the game: such a file is refused outright.
/// Works on the raw bytes, without recursion, before any parser sees them.
enum DuplicateKeys {
    /// The first repeated key and the 1-based line of its second copy; nil when every object's
    /// keys are distinct. Keys are compared as Swift strings, after unescaping, as a decoder would.
    static func first(in bytes: [UInt8]) -> (key: String, line: Int)? {
        // One entry per open container: the keys seen so far of an object, nil for an array.
        var stack: [Set<String>?] = []
        var line = 1
        var expectKey = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: "{"):
                stack.append(Set<String>()); expectKey = true
            case UInt8(ascii: "["):
                stack.append(nil); expectKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                expectKey = false
            case UInt8(ascii: ","):
                if let last = stack.last { expectKey = last != nil }
            case UInt8(ascii: "\""):
                let (text, end, lines) = string(bytes, from: i + 1)
                if expectKey, !stack.isEmpty, stack[stack.count - 1] != nil {
                    if !stack[stack.count - 1]!.insert(text).inserted { return (text, line) }
                }
                line += lines
                expectKey = false
                i = end
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The unescaped text of the string starting at `start` (just after its opening quote), the
    /// index of its closing quote (or the end), and the raw line breaks inside it.
    static func string(_ bytes: [UInt8], from start: Int) -> (String, Int, Int) {
        var i = start
        var plain = true
        var lines = 0
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") { plain = false; i += 1 }
            if i < bytes.count, bytes[i] == UInt8(ascii: "\n") { lines += 1 }
            i += 1
        }
        let end = min(i, bytes.count)
        if plain { return (String(decoding: bytes[start..<end], as: UTF8.self), end, lines) }
        var out: [UInt8] = []
        var scalars = String.UnicodeScalarView()
        func flush() {
            if !out.isEmpty { scalars.append(contentsOf: String(decoding: out, as: UTF8.self).unicodeScalars); out.removeAll() }
        }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= end else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = bytes[k]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: return nil
                }
                v = v * 16 + d
            }
            return v
        }
        var k = start
        while k < end {
            let c = bytes[k]
            guard c == UInt8(ascii: "\\"), k + 1 < end else { out.append(c); k += 1; continue }
            let e = bytes[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"):
                guard let v = hex4(k) else { out.append(e); continue }
                k += 4
                var scalar = Unicode.Scalar(v)
                if (0xD800...0xDBFF).contains(v), k + 6 <= end, bytes[k] == UInt8(ascii: "\\"), bytes[k + 1] == UInt8(ascii: "u"),
                   let low = hex4(k + 2), (0xDC00...0xDFFF).contains(low) {
                    scalar = Unicode.Scalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
                    k += 6
                }
                flush()
                scalars.append(scalar ?? "\u{FFFD}")
            default: out.append(e) // \" \\ \/ and anything a parser would refuse anyway
            }
        }
        flush()
        return (String(scalars), end, lines)
    }
}
