import Testing
@testable import GameCore

@Suite("Reading turn dates")
struct TurnDateTests {
    /// Every label a calendar writes reads back as its own turn: computer players write a
    /// mandate's or an accord's deadline as a label and the resolver reads it (through the
    /// byte-by-byte path for plain labels), so a misread date would move every such deadline.
    @Test func everyLabelReadsBackAsItsTurn() {
        for length in [TurnLength.quarter, .half, .year] {
            let calendar = GameCalendar(start: TurnDate(year: 1900, period: length == .year ? 0 : 1, length: length),
                                        end: TurnDate(year: 2300, period: 0, length: .year), length: length)
            for t in 0..<calendar.turnCount {
                let label = calendar.label(t)
                let date = TurnDate.parse(label)
                #expect(date != nil, "\(label)")
                if let date { #expect(calendar.turnIndex(of: date) == t, "\(label)") }
            }
        }
        #expect(TurnDate.parse("2031-Q2") == TurnDate(year: 2031, period: 2, length: .quarter))
        #expect(TurnDate.parse("2031-H2") == TurnDate(year: 2031, period: 2, length: .half))
        #expect(TurnDate.parse("2031") == TurnDate(year: 2031, period: 0, length: .year))
    }

    /// Text that is not a date in range stays unreadable, whichever path reads it.
    @Test func textThatIsNotADateIsRefused() {
        for text in ["1899-Q1", "2301", "2030-Q0", "2030-Q5", "2030-H0", "2030-H3", "2030-q1", "2030-X1", "2030-QQ",
                     "203a", "+203", "2030-", "2030-Q", "2030-Q12", "2030_Q1", " 2030", "2030-Q1 ", "", "-2030",
                     "２０３０", "2030–Q1", "20300-Q1"] {
            #expect(TurnDate.parse(text) == nil, "\(text)")
        }
    }
}
