import Testing
import GameCore
@testable import Interface

/// Line breaking and text measurement: what a player sees when text meets a narrow panel, and proof
/// that the byte-level fast paths agree with the character-by-character definitions they replaced.
@Suite("Text layout")
struct TextLayoutTests {
    // MARK: - Expected outputs

    @Test func asciiBreaksAtSpacesWithinTheWidth() {
        #expect(Widgets.wrap("The quick brown fox jumps over the lazy dog", width: 10)
                == ["The quick", "brown fox", "jumps over", "the lazy", "dog"])
        #expect(Widgets.wrap("The quick brown fox", width: 9) == ["The quick", "brown fox"])
        #expect(Widgets.wrap("The quick brown fox", width: 80) == ["The quick brown fox"])
        #expect(Widgets.wrap("a b", width: 3) == ["a b"])
        #expect(Widgets.wrap("a b", width: 2) == ["a", "b"])
    }

    @Test func emptyAndBlankTextGiveNoLines() {
        #expect(Widgets.wrap("", width: 10) == [])
        #expect(Widgets.wrap("     ", width: 10) == [])
        #expect(Widgets.wrap("\n\n\n", width: 10) == [])
        #expect(Widgets.wrap(" \n  \n", width: 10) == [])
        #expect(Widgets.wrap("words", width: 0) == [])
        #expect(Widgets.wrap("words", width: -3) == [])
    }

    @Test func spacesCollapseAndLineBreaksJoinParagraphs() {
        #expect(Widgets.wrap("  two   spaces    here  ", width: 20) == ["two spaces here"])
        #expect(Widgets.wrap("one\ntwo\n   three", width: 20) == ["one two three"])
        #expect(Widgets.wrap("one\n\ntwo\n \nthree\n", width: 20) == ["one", "", "two", "", "three"])
        #expect(Widgets.wrap("one\n\n\ntwo", width: 20) == ["one", "", "", "two"])
        #expect(Widgets.wrap("Items:\n- first\n  - second\n• third\nand more", width: 20)
                == ["Items:", "- first", "- second", "• third and more"])
        // A hyphen or bullet not followed by a space is a word, not a list item.
        #expect(Widgets.wrap("up\n-5 down\n•x", width: 20) == ["up -5 down •x"])
    }

    @Test func wordsLongerThanTheWidthAreCut() {
        #expect(Widgets.wrap("abcdefgh", width: 3) == ["abc", "def", "gh"])
        #expect(Widgets.wrap("abcdef", width: 3) == ["abc", "def"])
        #expect(Widgets.wrap("to supercalifragilistic and", width: 8)
                == ["to", "supercal", "ifragili", "stic and"])
    }

    @Test func widthsOneToThree() {
        #expect(Widgets.wrap("a bc def", width: 1) == ["a", "b", "c", "d", "e", "f"])
        #expect(Widgets.wrap("a bc def", width: 2) == ["a", "bc", "de", "f"])
        #expect(Widgets.wrap("a bc def", width: 3) == ["a", "bc", "def"])
        #expect(Widgets.wrap("- a b\n- c", width: 3) == ["- a", "b", "- c"])
        #expect(Widgets.wrap("日本 é", width: 1) == ["日", "本", "é"])
        #expect(Widgets.wrap("日本 é", width: 2) == ["日", "本", "é"])
        #expect(Widgets.wrap("日本 é", width: 3) == ["日", "本", "é"])
        #expect(Widgets.wrap("日 é", width: 3) == ["日", "é"])
        #expect(Widgets.wrap("é 日", width: 3) == ["é", "日"])
        #expect(Widgets.wrap("é 日", width: 4) == ["é 日"])
    }

    @Test func accentedLatinTakesOneColumnPerLetter() {
        #expect(Screen.displayWidth("café déjà") == 9)
        #expect(Widgets.wrap("café déjà vu, naïve façade", width: 9) == ["café déjà", "vu, naïve", "façade"])
        #expect(Widgets.wrap("Ελληνικά и русский", width: 8) == ["Ελληνικά", "и", "русский"])
        #expect(Widgets.wrap("žluťoučký", width: 4) == ["žluť", "oučk", "ý"])
    }

    @Test func combiningMarksStayWithTheirLetter() {
        let cafe = "cafe\u{301}"
        #expect(Screen.displayWidth(cafe) == 4)
        #expect(Screen.displayWidth("e\u{301}\u{302}\u{303}") == 1)
        #expect(Widgets.wrap("\(cafe) de\u{301}ja\u{300} vu", width: 9) == ["\(cafe) de\u{301}ja\u{300}", "vu"])
        let e = "e\u{301}"
        #expect(Widgets.wrap(e + e + e + e + e, width: 2) == [e + e, e + e, e])
        // A space carrying a mark is a character of its own, not a place to break.
        #expect(Widgets.wrap("ab \u{301}cd", width: 3) == ["ab \u{301}", "cd"])
    }

    @Test func cjkAndEmojiTakeTwoColumns() {
        #expect(Screen.displayWidth("日本語") == 6)
        #expect(Screen.displayWidth("한국어") == 6)
        #expect(Screen.displayWidth("ｆｕｌｌ") == 8)
        #expect(Screen.displayWidth("🙂") == 2)
        #expect(Screen.displayWidth("👍🏽") == 2)
        #expect(Screen.displayWidth("👩‍💻") == 2)
        #expect(Screen.displayWidth("a日b🙂c") == 7)
        #expect(Widgets.wrap("日本語 テスト", width: 6) == ["日本語", "テスト"])
        #expect(Widgets.wrap("日本語 テスト", width: 4) == ["日本", "語", "テス", "ト"])
        #expect(Widgets.wrap("日本語は 難しい", width: 5) == ["日本", "語は", "難し", "い"])
        #expect(Widgets.wrap("a日b", width: 2) == ["a", "日", "b"])
        #expect(Widgets.wrap("I 👍🏽 it", width: 4) == ["I 👍🏽", "it"])
        #expect(Widgets.wrap("🙂🙂🙂", width: 4) == ["🙂🙂", "🙂"])
        #expect(Widgets.wrap("한국어 텍스트", width: 7) == ["한국어", "텍스트"])
    }

    @Test func putDrawsWideCharactersOverTwoCells() {
        var screen = Screen(width: 6, height: 1)
        #expect(screen.put(0, 0, "a日é\u{301}b", .bold) == 5)
        #expect(screen.cells.map(\.text) == ["a", "日", "", "é\u{301}", "b", " "])
        #expect(screen.cells.prefix(5).allSatisfy { $0.style == .bold || $0 == .continuation })
        // A wide character that would cross the edge is left out, not cut in half.
        var edge = Screen(width: 4, height: 1)
        #expect(edge.put(0, 0, "ab日日") == 4)
        #expect(edge.put(1, 0, "日日") == 2)
        #expect(edge.text == "a日")
        #expect(edge.put(0, 0, "line\nnext", maxWidth: 2) == 2)
        #expect(edge.text == "li")
    }

    @Test func fitPadsOrCutsWithAnEllipsis() {
        #expect(Widgets.fit("abc", 5) == "abc  ")
        #expect(Widgets.fit("abc", 5, right: true) == "  abc")
        #expect(Widgets.fit("abcdef", 4) == "abc…")
        #expect(Widgets.fit("日本語", 4) == "日… ")
        #expect(Widgets.fit("日本語", 5) == "日本…")
        #expect(Widgets.fit("cafe\u{301}s", 4) == "caf…")
        #expect(Widgets.fit("e\u{301}e\u{301}e\u{301}", 2) == "e\u{301}…")
        #expect(Screen.displayWidth(Widgets.fit("a日b日c", 4)) == 4)
    }

    // MARK: - Properties over many texts

    /// Lines are never wider than the panel (but for a wide character alone in one column) and no word
    /// is lost or changed: the characters other than spaces and line breaks come out as they went in.
    @Test func linesFitAndKeepEveryWord() {
        for (text, width) in Self.samples() {
            let lines = Widgets.wrap(text, width: width)
            for line in lines {
                let w = Screen.displayWidth(line)
                #expect(w <= width || (line.count == 1 && width == 1), "\(line.debugDescription) in \(width) columns")
            }
            #expect(Self.ink(lines.joined(separator: "\n")) == Self.ink(text), "\(text.debugDescription) at \(width)")
        }
    }

    /// The byte-level fast paths give exactly what the character-by-character code they replaced gave
    /// (kept below as the reference), wherever that code kept within the width.
    @Test func matchesTheCharacterByCharacterReference() {
        var compared = 0
        for (text, width) in Self.samples() {
            #expect(Screen.displayWidth(text) == Self.referenceDisplayWidth(text), "\(text.debugDescription)")
            let expected = Self.referenceWrap(text, width: width)
            if expected.allSatisfy({ Self.referenceDisplayWidth($0) <= width }) {
                #expect(Widgets.wrap(text, width: width) == expected, "\(text.debugDescription) at \(width)")
                compared += 1
            }
            let line = text.split(separator: "\n").first.map(String.init) ?? ""
            #expect(Widgets.fit(line, width) == Self.referenceFit(line, width), "\(line.debugDescription) at \(width)")
            for (x, maxWidth) in [(0, Int.max), (-1, Int.max), (2, width), (5, 3)] {
                var fast = Screen(width: 12, height: 2)
                var reference = fast
                let used = fast.put(x, 1, line, .warn, maxWidth: maxWidth)
                let referenceUsed = Self.referencePut(&reference, x, 1, line, .warn, maxWidth: maxWidth)
                #expect(used == referenceUsed && fast == reference, "\(line.debugDescription) at \(x)")
            }
        }
        #expect(compared > 1000)
    }

    /// The two ways of reading characters give the same lines for text both can read.
    @Test func scalarAndCharacterReadingsAgree() {
        for (text, width) in Self.samples() {
            var utf8 = text
            utf8.withUTF8 { bytes in
                guard Screen.isSegmentedByScalars(bytes) else { return }
                #expect(TextLayout.wrap(ScalarGlyphs(bytes: bytes), bytes, width: width)
                        == TextLayout.wrap(CharacterGlyphs(text), bytes, width: width))
            }
        }
    }

    /// Every scalar the fast paths read as a whole character is one, next to any other: it neither
    /// joins the scalar before it (marks, joiners), nor the one after it (prepended marks), nor its
    /// own kind (regional indicators, Hangul jamo).
    @Test func scalarsReadAsCharactersAreCharacters() {
        let ascii = (0..<0x80).map { UInt32($0) }.filter { $0 != 0x0D }
        let others = (0x80..<0x40000).map { UInt32($0) }.filter { Screen.standsAlone($0) }
        #expect(others.count > 30_000)
        let neighbours = ["a", " ", "\n", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{AC00}"]
        for v in ascii + others {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(Character(scalar))
            var alone = (s + s).count == 2
            for n in neighbours { alone = alone && (n + s).count == 2 && (s + n).count == 2 }
            if !alone { Issue.record("U+\(String(v, radix: 16, uppercase: true)) joins a neighbour") }
        }
        for v: UInt32 in [0x301, 0x200D, 0xFE0F, 0x1F1E6, 0x1F3FB, 0x1100, 0xAC00, 0x0600, 0x0903] {
            #expect(!Screen.standsAlone(v))
        }
    }

    // MARK: - Sample texts

    static let words = [
        "a", "to", "the", "quantum", "post-quantum", "cryptographically", "supercalifragilistic", "-", "•",
        "café", "naïve", "déjà", "façade", "Zürich", "Ελληνικά", "русский", "—", "“quoted”", "…", "€5", "±18%",
        "cafe\u{301}", "n\u{303}o", "e\u{301}\u{302}", "a\u{308}bc",
        "日本語", "中文", "テスト", "한국어", "ｆｕｌｌ", "日本語日本語日本語", "a日b", "x中y文z",
        "🙂", "👍🏽", "👩‍💻", "🇫🇷", "🙂🙂🙂", "ok🙂",
        "◼", "◻", "▁▂▃", "█░", "⚠", "×2", "·",
    ]
    static let separators = [" ", " ", " ", "  ", "   ", "\n", "\n\n", "\n- ", "\n• ", "\n  ", " \n "]

    /// Deterministic texts mixing every kind of word and separator, with a width for each.
    static func samples() -> [(String, Int)] {
        var rng = SplitMix(seed: 2025)
        var out: [(String, Int)] = []
        for width in 1...24 {
            for _ in 0..<60 {
                var text = rng.below(4) == 0 ? separators[rng.below(separators.count)] : ""
                for k in 0..<(1 + rng.below(12)) {
                    if k > 0 { text += separators[rng.below(separators.count)] }
                    text += words[rng.below(words.count)]
                }
                if rng.below(4) == 0 { text += separators[rng.below(separators.count)] }
                out.append((text, width))
            }
        }
        return out
    }

    /// The characters that carry meaning, in order.
    static func ink(_ s: String) -> String { String(s.filter { $0 != " " && $0 != "\n" }) }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    // MARK: - The character-by-character code the fast paths replaced

    static func referenceDisplayWidth(_ s: String) -> Int {
        var w = 0
        for c in s { w += Screen.displayWidth(c) }
        return w
    }

    static func referenceWrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var paragraphs: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty { paragraphs.append(""); continue }
            if let last = paragraphs.last, !last.isEmpty, !trimmed.hasPrefix("- "), !trimmed.hasPrefix("• ") {
                paragraphs[paragraphs.count - 1] = last + " " + trimmed
            } else {
                paragraphs.append(line)
            }
        }
        for paragraph in paragraphs {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                while referenceDisplayWidth(w) > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(w.prefix(width)))
                    w = String(w.dropFirst(width))
                }
                if line.isEmpty { line = w }
                else if referenceDisplayWidth(line) + 1 + referenceDisplayWidth(w) <= width { line += " " + w }
                else { lines.append(line); line = w }
            }
            lines.append(line)
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    static func referenceFit(_ s: String, _ width: Int, right: Bool = false) -> String {
        let w = referenceDisplayWidth(s)
        if w == width { return s }
        if w > width {
            guard width > 1 else { return String(s.prefix(width)) }
            var out = ""
            var used = 0
            for c in s {
                let cw = Screen.displayWidth(c)
                if used + cw > width - 1 { break }
                out.append(c); used += cw
            }
            return out + "…" + String(repeating: " ", count: max(0, width - 1 - used))
        }
        let padding = String(repeating: " ", count: width - w)
        return right ? padding + s : s + padding
    }

    static func referencePut(_ screen: inout Screen, _ x: Int, _ y: Int, _ text: String, _ style: Style = .plain,
                             maxWidth: Int = .max) -> Int {
        guard y >= 0 && y < screen.height else { return 0 }
        var col = x
        let limit = min(screen.width, maxWidth == .max ? screen.width : x + maxWidth)
        for c in text {
            if c == "\n" { break }
            let w = Screen.displayWidth(c)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                screen[col, y] = Cell(String(c), style)
                if w == 2 { screen[col + 1, y] = .continuation }
            }
            col += w
        }
        return col - x
    }
}

@Suite("Whole percentages")
struct WholePercentTests {
    @Test func splitsShownRoundedAddUpToAHundred() {
        #expect(Widgets.wholePercents([26.2, 11.3, 13.6, 12.4, 24.9, 11.6]) == [26, 11, 14, 12, 25, 12])
        #expect(Widgets.wholePercents([26.2, 11.3, 13.6, 12.4, 24.9, 11.6]).reduce(0, +) == 100)
        #expect(Widgets.wholePercents([100.0 / 3, 100.0 / 3, 100.0 / 3]) == [34, 33, 33])   // ties go to the first
        #expect(Widgets.wholePercents([40, 15, 3, 15, 20, 7]) == [40, 15, 3, 15, 20, 7])
        #expect(Widgets.wholePercents([0, 0]) == [0, 0])
        for seed in 1...200 {
            var rng = SplitMix64(seed: UInt64(seed))
            let shares = (0..<6).map { _ in Double(rng.next() % 10_000) / 100 }
            let whole = Widgets.wholePercents(shares)
            #expect(shares.reduce(0, +) == 0 || whole.reduce(0, +) == 100, "\(shares)")
            let total = shares.reduce(0, +)
            for i in shares.indices where total > 0 { #expect(abs(Double(whole[i]) - shares[i] * 100 / total) < 1, "\(shares)") }
        }
    }
}

@Suite("Why-ledger amounts")
struct WhyAmountTests {
    @Test func sharesReadAsPointsForDelegationsAndTheFacilitatorAlike() {
        #expect(WhyLedger.amount(0.031, "PQC Finance") == "3.1 pts")
        #expect(WhyLedger.amount(-0.031, "KR PQC Government & diplomatic") == "3.1 pts")
        #expect(WhyLedger.amount(0.02, "supply Helium-3") == "2 pts")
        #expect(WhyLedger.amount(0.02, "US supply Helium-3") == "2 pts")
        #expect(WhyLedger.amount(243, "US QKD km") == "243")
        #expect(WhyLedger.amount(5, "logical qubits") == "5")
    }
}
