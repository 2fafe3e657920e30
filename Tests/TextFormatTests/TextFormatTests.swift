import Testing
import TextFormat

/// The formatters every module shares.
@Suite struct TextFormatTests {
    @Test func thousandsGroupAndCount() {
        #expect(Thousands.grouped(0) == "0")
        #expect(Thousands.grouped(999) == "999")
        #expect(Thousands.grouped(1_000) == "1,000")
        #expect(Thousands.grouped(200_960) == "200,960")
        #expect(Thousands.grouped(-1_234_567) == "-1,234,567")
        #expect(Thousands.counted(1, "unit") == "1 unit")
        #expect(Thousands.counted(60_000, "example") == "60,000 examples")
    }

    @Test func numbersAsPythonFormatsThem() {
        #expect(NumberText.fixed(0.65900, 4) == "0.6590")
        #expect(NumberText.fixed(2.5, -1) == "2")
        #expect(NumberText.scientific(0.0001, 4) == "1.0000e-04")
        #expect(NumberText.significant(12.3456, 4) == "12.35")
        #expect(NumberText.short(Float(2)) == "2")
        #expect(NumberText.short(Float(0.1)) == "0.1")
        #expect(NumberText.short(0.001) == "0.001")
        #expect(NumberText.short(1e7) == "10000000")
        #expect(NumberText.short(Float(1e7)) == "10000000.0")
        #expect(ByteCount.text(203_530 * 4) == "795.04 KB")
        #expect(Shape.text([784]) == "(784,)")
    }
}

/// Text from files and typing is shown with its control characters visible.
@Suite struct VisibleTextTests {
    @Test(arguments: [
        ("\u{1B}]0;owned\u{07}", "\\e]0;owned\\a"),
        ("\u{1B}[2J\u{1B}c", "\\e[2J\\ec"),
        ("a\u{08}b\rc\u{0B}d\u{0C}e", "a\\bb\\rc\\vd\\fe"),
        ("line\nnext\tcell", "line\\nnext\\tcell"),
        ("\u{0}\u{1}\u{1F}", "\\u{00}\\u{01}\\u{1F}"),
        ("del\u{7F}", "del\\u{7F}"),
        ("\u{9B}31m red \u{80}\u{85}\u{9F}", "\\u{9B}31m red \\u{80}\\u{85}\\u{9F}"),
        ("abc\u{202E}fed\u{202C}", "abc\\u{202E}fed\\u{202C}"),
        ("\u{202A}\u{202B}\u{202D}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{061C}",
         "\\u{202A}\\u{202B}\\u{202D}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{200E}\\u{200F}\\u{61C}"),
        ("\r\n", "\\r\\n"),
    ])
    func controlsAreShownInTheirNotation(text: String, shown: String) {
        #expect(VisibleText.of(text) == shown)
    }

    @Test(arguments: ["plain words", "a\\eb stays", "ünïcödé — “quotes” ✓ 28×28 ━", "e\u{301} 🇫🇷 👩‍👩‍👧", "\u{A0}\u{A0}nbsp", ""])
    func printableTextIsKept(text: String) {
        #expect(VisibleText.of(text) == text)
    }

    @Test func callersKeepLineBreaksAndTabs() {
        let text = "one\ttwo\nthree\r\u{1B}"
        #expect(VisibleText.of(text, keeping: .lineBreaks) == "one\\ttwo\nthree\\r\\e")
        #expect(VisibleText.of(text, keeping: .tabs) == "one\ttwo\\nthree\\r\\e")
        #expect(VisibleText.of(text, keeping: [.lineBreaks, .tabs]) == "one\ttwo\nthree\\r\\e")
    }

    @Test func showingTwiceChangesNothing() {
        let once = VisibleText.of("\u{1B}[31m\u{9B}\u{202E}\\e\u{7}")
        #expect(once == "\\e[31m\\u{9B}\\u{202E}\\e\\a")
        #expect(VisibleText.of(once) == once)
    }

    @Test func shownTextHasNoControlLeft() {
        let every = String(String.UnicodeScalarView((0...0x2100).compactMap(Unicode.Scalar.init)))
        let shown = VisibleText.of(every)
        #expect(!shown.unicodeScalars.contains(where: VisibleText.isControl))
        #expect(shown.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
    }

    @Test func quotedInBackticks() {
        #expect(VisibleText.quoted("sigmiod") == "`sigmiod`")
        #expect(VisibleText.quoted("x\u{1B}c") == "`x\\ec`")
    }
}
