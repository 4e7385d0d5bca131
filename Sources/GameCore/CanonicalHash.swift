/// Computes the canonical state hash by walking a value's `Encodable` conformance in declaration
/// order and feeding every field into a `StableHasher`. Keys are hashed too, so a missing optional
/// can never alias a present one. State holds no dictionaries, so the walk order is fixed.
public enum CanonicalHash {
    public static func digest<T: Encodable>(_ value: T) -> String {
        let encoder = HashingEncoder()
        try? value.encode(to: encoder)
        return encoder.box.hasher.hexDigest
    }
}

final class HasherBox {
    var hasher = StableHasher()
}

struct HashingEncoder: Encoder {
    let box: HasherBox
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(box: HasherBox = HasherBox()) { self.box = box }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.hasher.combine(0x4B as UInt64)
        return KeyedEncodingContainer(KeyedHashing<Key>(box: box))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.hasher.combine(0x55 as UInt64)
        return UnkeyedHashing(box: box)
    }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleHashing(box: box) }
}

private protocol HashingPrimitives {
    var box: HasherBox { get }
}

extension HashingPrimitives {
    func put(_ v: Bool) { box.hasher.combine(v) }
    func put(_ v: String) { box.hasher.combine(v) }
    func put(_ v: Double) { box.hasher.combine(v) }
    func put(_ v: Int) { box.hasher.combine(v) }
    func put(_ v: UInt64) { box.hasher.combine(v) }
    func putValue<T: Encodable>(_ value: T) throws {
        switch value {
        case let v as Double: put(v)
        case let v as Int: put(v)
        case let v as String: put(v)
        case let v as Bool: put(v)
        case let v as [Double]:
            put(v.count)
            for x in v { put(x) }
        case let v as [Int]:
            put(v.count)
            for x in v { put(x) }
        case let v as [Bool]:
            put(v.count)
            for x in v { put(x) }
        default:
            try value.encode(to: HashingEncoder(box: box))
        }
    }
}

private struct KeyedHashing<Key: CodingKey>: KeyedEncodingContainerProtocol, HashingPrimitives {
    let box: HasherBox
    var codingPath: [any CodingKey] = []
    func key(_ k: Key) { box.hasher.combine(k.stringValue) }
    mutating func encodeNil(forKey k: Key) throws { key(k); put(0xD1 as UInt64) }
    mutating func encode(_ v: Bool, forKey k: Key) throws { key(k); put(v) }
    mutating func encode(_ v: String, forKey k: Key) throws { key(k); put(v) }
    mutating func encode(_ v: Double, forKey k: Key) throws { key(k); put(v) }
    mutating func encode(_ v: Float, forKey k: Key) throws { key(k); put(Double(v)) }
    mutating func encode(_ v: Int, forKey k: Key) throws { key(k); put(v) }
    mutating func encode(_ v: Int8, forKey k: Key) throws { key(k); put(Int(v)) }
    mutating func encode(_ v: Int16, forKey k: Key) throws { key(k); put(Int(v)) }
    mutating func encode(_ v: Int32, forKey k: Key) throws { key(k); put(Int(v)) }
    mutating func encode(_ v: Int64, forKey k: Key) throws { key(k); put(Int(v)) }
    mutating func encode(_ v: UInt, forKey k: Key) throws { key(k); put(UInt64(v)) }
    mutating func encode(_ v: UInt8, forKey k: Key) throws { key(k); put(UInt64(v)) }
    mutating func encode(_ v: UInt16, forKey k: Key) throws { key(k); put(UInt64(v)) }
    mutating func encode(_ v: UInt32, forKey k: Key) throws { key(k); put(UInt64(v)) }
    mutating func encode(_ v: UInt64, forKey k: Key) throws { key(k); put(v) }
    mutating func encode<T: Encodable>(_ v: T, forKey k: Key) throws { key(k); try putValue(v) }
    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type, forKey k: Key) -> KeyedEncodingContainer<N> {
        key(k); return KeyedEncodingContainer(KeyedHashing<N>(box: box))
    }
    mutating func nestedUnkeyedContainer(forKey k: Key) -> any UnkeyedEncodingContainer { key(k); return UnkeyedHashing(box: box) }
    mutating func superEncoder() -> any Encoder { HashingEncoder(box: box) }
    mutating func superEncoder(forKey k: Key) -> any Encoder { key(k); return HashingEncoder(box: box) }
}

private struct UnkeyedHashing: UnkeyedEncodingContainer, HashingPrimitives {
    let box: HasherBox
    var codingPath: [any CodingKey] = []
    var count = 0
    mutating func encodeNil() throws { count += 1; put(0xD1 as UInt64) }
    mutating func encode(_ v: Bool) throws { count += 1; put(v) }
    mutating func encode(_ v: String) throws { count += 1; put(v) }
    mutating func encode(_ v: Double) throws { count += 1; put(v) }
    mutating func encode(_ v: Float) throws { count += 1; put(Double(v)) }
    mutating func encode(_ v: Int) throws { count += 1; put(v) }
    mutating func encode(_ v: Int8) throws { count += 1; put(Int(v)) }
    mutating func encode(_ v: Int16) throws { count += 1; put(Int(v)) }
    mutating func encode(_ v: Int32) throws { count += 1; put(Int(v)) }
    mutating func encode(_ v: Int64) throws { count += 1; put(Int(v)) }
    mutating func encode(_ v: UInt) throws { count += 1; put(UInt64(v)) }
    mutating func encode(_ v: UInt8) throws { count += 1; put(UInt64(v)) }
    mutating func encode(_ v: UInt16) throws { count += 1; put(UInt64(v)) }
    mutating func encode(_ v: UInt32) throws { count += 1; put(UInt64(v)) }
    mutating func encode(_ v: UInt64) throws { count += 1; put(v) }
    mutating func encode<T: Encodable>(_ v: T) throws { count += 1; try putValue(v) }
    mutating func nestedContainer<N: CodingKey>(keyedBy: N.Type) -> KeyedEncodingContainer<N> {
        count += 1; return KeyedEncodingContainer(KeyedHashing<N>(box: box))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { count += 1; return UnkeyedHashing(box: box) }
    mutating func superEncoder() -> any Encoder { HashingEncoder(box: box) }
}

private struct SingleHashing: SingleValueEncodingContainer, HashingPrimitives {
    let box: HasherBox
    var codingPath: [any CodingKey] = []
    mutating func encodeNil() throws { put(0xD1 as UInt64) }
    mutating func encode(_ v: Bool) throws { put(v) }
    mutating func encode(_ v: String) throws { put(v) }
    mutating func encode(_ v: Double) throws { put(v) }
    mutating func encode(_ v: Float) throws { put(Double(v)) }
    mutating func encode(_ v: Int) throws { put(v) }
    mutating func encode(_ v: Int8) throws { put(Int(v)) }
    mutating func encode(_ v: Int16) throws { put(Int(v)) }
    mutating func encode(_ v: Int32) throws { put(Int(v)) }
    mutating func encode(_ v: Int64) throws { put(Int(v)) }
    mutating func encode(_ v: UInt) throws { put(UInt64(v)) }
    mutating func encode(_ v: UInt8) throws { put(UInt64(v)) }
    mutating func encode(_ v: UInt16) throws { put(UInt64(v)) }
    mutating func encode(_ v: UInt32) throws { put(UInt64(v)) }
    mutating func encode(_ v: UInt64) throws { put(v) }
    mutating func encode<T: Encodable>(_ v: T) throws { try putValue(v) }
}
