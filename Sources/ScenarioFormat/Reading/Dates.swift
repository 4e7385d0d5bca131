import GameCore

extension TurnDate {
    /// The last quarter this date covers: `2030` → 2030-Q4, `2030-H1` → 2030-Q2.
    var lastQuarter: TurnDate {
        switch length {
        case .quarter?: return TurnDate(year: year, period: period, length: .quarter)
        case .half?: return TurnDate(year: year, period: period * 2, length: .quarter)
        case .year?, nil: return TurnDate(year: year, period: 4, length: .quarter)
        }
    }

    /// The date as written in files.
    var written: String {
        switch length {
        case .quarter?: return "\(year)-Q\(period)"
        case .half?: return "\(year)-H\(period)"
        case .year?, nil: return "\(year)"
        }
    }
}

extension GameCalendar {
    /// The turn in which a date begins (`since`, `from`, date literals).
    func firstTurn(of date: TurnDate) -> Int { turnIndex(of: date) }

    /// The turn in which a date ends (`by`, `to`, `deadline`): `by: 2030` means by the end of 2030.
    func lastTurn(of date: TurnDate) -> Int { turnIndex(of: date.lastQuarter) }
}
