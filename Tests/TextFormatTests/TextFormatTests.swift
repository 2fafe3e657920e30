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

    @Test func wrapKeepsOrCutsLongWords() {
        #expect(TextColumns.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(TextColumns.wrap("  spaced   out  ", width: 20) == ["spaced out"])
        #expect(TextColumns.wrap("", width: 5) == [""])
        #expect(TextColumns.wrap("a unbreakable b", width: 5) == ["a", "unbreakable", "b"])
        #expect(TextColumns.wrap("a unbreakable b", width: 5, longWords: .cut) == ["a", "unbr…", "b"])
        #expect(TextColumns.wrap(words: ["x", "`a b`", "y"], width: 7) == ["x `a b`", "y"])
    }

    @Test func padding() {
        #expect(TextColumns.padLeft("7", 3) == "  7")
        #expect(TextColumns.padRight("7", 3) == "7  ")
        #expect(TextColumns.padLeft("1234", 3) == "1234")
    }
}
