/// A point in scenario time: a year and a period within it (quarter 1-4, half 1-2, or 1 for years).
public struct TurnDate: Hashable, Codable, Sendable, Comparable {
    public var year: Int
    /// Quarter (1...4), half (1...2) or 0 when the date names a whole year.
    public var period: Int
    public var length: TurnLength?

    public init(year: Int, period: Int, length: TurnLength?) {
        self.year = year
        self.period = period
        self.length = length
    }

    /// Parses `2025-Q1`, `2025-H2` or `2025`. Returns nil for anything else.
    public static func parse(_ text: String) -> TurnDate? {
        // Computer players write a mandate's or an accord's deadline as a label every turn and the
        // resolver reads it back: the plain forms are read byte by byte, without splitting the text
        // into an array of substrings; anything else takes the general path below.
        if let date = text.utf8.withContiguousStorageIfAvailable({ parseLabel($0) }) ?? nil { return date }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), year >= 1900, year <= 2300 else { return nil }
        if parts.count == 1 { return TurnDate(year: year, period: 0, length: .year) }
        guard parts.count == 2, parts[1].count == 2 else { return nil }
        let kind = parts[1].first!
        guard let n = Int(parts[1].dropFirst()) else { return nil }
        switch kind {
        case "Q" where (1...4).contains(n): return TurnDate(year: year, period: n, length: .quarter)
        case "H" where (1...2).contains(n): return TurnDate(year: year, period: n, length: .half)
        default: return nil
        }
    }

    /// A label of exactly the forms `2025`, `2025-Q1` or `2025-H2` (ASCII digits), as `parse` reads
    /// it; nil for anything else, including other text `parse` accepts.
    private static func parseLabel(_ b: UnsafeBufferPointer<UInt8>) -> TurnDate? {
        guard b.count == 4 || b.count == 7 else { return nil }
        var year = 0
        for i in 0..<4 {
            let d = Int(b[i]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            year = year * 10 + d
        }
        guard year >= 1900 && year <= 2300 else { return nil }
        if b.count == 4 { return TurnDate(year: year, period: 0, length: .year) }
        let n = Int(b[6]) - 48
        guard b[4] == UInt8(ascii: "-"), n >= 0 && n <= 9 else { return nil }
        switch b[5] {
        case UInt8(ascii: "Q") where n >= 1 && n <= 4: return TurnDate(year: year, period: n, length: .quarter)
        case UInt8(ascii: "H") where n >= 1 && n <= 2: return TurnDate(year: year, period: n, length: .half)
        default: return nil
        }
    }

    /// The date's position in years from year 0, measured in quarters (so all lengths compare).
    public var quarterOrdinal: Int {
        switch length {
        case .quarter?: return year * 4 + (period - 1)
        case .half?: return year * 4 + (period - 1) * 2
        case .year?, nil: return year * 4
        }
    }

    public static func < (a: TurnDate, b: TurnDate) -> Bool { a.quarterOrdinal < b.quarterOrdinal }
}

/// Maps turn indices (0 = the first turn) to dates and back for one scenario.
public struct GameCalendar: Hashable, Codable, Sendable {
    public var start: TurnDate
    public var length: TurnLength
    public var turnCount: Int

    public init(start: TurnDate, end: TurnDate, length: TurnLength) {
        self.start = start
        self.length = length
        let quartersPerTurn = 4 / length.turnsPerYear
        self.turnCount = max(0, (end.quarterOrdinal - start.quarterOrdinal) / quartersPerTurn + 1)
    }

    public var turnsPerYear: Int { length.turnsPerYear }
    /// Years per turn, as a fraction.
    public var yearsPerTurn: Double { 1.0 / Double(length.turnsPerYear) }

    /// The turn in which `date` falls (may be negative or past the end).
    public func turnIndex(of date: TurnDate) -> Int {
        let quartersPerTurn = 4 / length.turnsPerYear
        let delta = date.quarterOrdinal - start.quarterOrdinal
        // floor division so dates inside a turn map to that turn
        return delta >= 0 ? delta / quartersPerTurn : -((-delta + quartersPerTurn - 1) / quartersPerTurn)
    }

    /// The label of turn `index`, e.g. "2031-Q2", "2031-H1" or "2031".
    public func label(_ index: Int) -> String {
        let quarter = start.quarterOrdinal + index * (4 / length.turnsPerYear)
        let year = quarter >= 0 ? quarter / 4 : (quarter - 3) / 4
        let q = quarter - year * 4
        // Four-digit years (all real ones) are spelled byte by byte into a small string: views and
        // computer players ask for labels every turn, and interpolation cost a heap string each time.
        if year >= 1000 && year <= 9999 {
            let kind: UInt8, period: Int
            switch length {
            case .quarter: kind = UInt8(ascii: "Q"); period = q + 1
            case .half: kind = UInt8(ascii: "H"); period = q / 2 + 1
            case .year: kind = 0; period = 0
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 7) { bytes in
                bytes[0] = UInt8(truncatingIfNeeded: 48 + year / 1000)
                bytes[1] = UInt8(truncatingIfNeeded: 48 + (year / 100) % 10)
                bytes[2] = UInt8(truncatingIfNeeded: 48 + (year / 10) % 10)
                bytes[3] = UInt8(truncatingIfNeeded: 48 + year % 10)
                guard kind != 0 else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<4]), as: UTF8.self) }
                bytes[4] = UInt8(ascii: "-")
                bytes[5] = kind
                bytes[6] = UInt8(truncatingIfNeeded: 48 + period)
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<7]), as: UTF8.self)
            }
        }
        switch length {
        case .quarter: return "\(year)-Q\(q + 1)"
        case .half: return "\(year)-H\(q / 2 + 1)"
        case .year: return "\(year)"
        }
    }

    /// The calendar year in which turn `index` falls, with the fraction of the year elapsed.
    public func year(_ index: Int) -> Double {
        Double(start.quarterOrdinal + index * (4 / length.turnsPerYear)) / 4.0
    }

    /// The label of the last turn.
    public var endLabel: String { label(turnCount - 1) }
}
