import Testing
import TextFormat

/// The one word wrapper: display width, breaks only between words, hanging indents, markup not counted.
@Suite struct TextColumnsTests {
    @Test(arguments: [
        ("plain", 5),
        ("\u{1B}[1mbold\u{1B}[0m", 4),
        ("\u{1B}[38;5;196mred\u{1B}[0m \u{1B}[2K", 4),
        ("28×28 ━━ ✓ …", 12),
        ("数字", 4),
        ("👍 ok", 5),
        ("e\u{301}", 1),
        ("👩‍👩‍👧", 2),
        ("❤️", 2),
        ("\u{200B}", 0),
    ])
    func widthCountsColumnsOnScreen(text: String, columns: Int) {
        #expect(TextColumns.width(text) == columns)
    }

    @Test func emphasisMarkersTakeNoRoomWhenAsked() {
        #expect(TextColumns.width("**sigmoid** wins") == 16)
        #expect(TextColumns.width("**sigmoid** wins", markup: .emphasis) == 12)
        #expect(TextColumns.wrap("First, **sigmoid**. It squashes", width: 20, markup: .emphasis) == ["First, **sigmoid**. It", "squashes"])
        #expect(TextColumns.wrap("First, **sigmoid**. It squashes", width: 20) == ["First, **sigmoid**.", "It squashes"])
    }

    @Test func wrapKeepsOrCutsLongWords() {
        #expect(TextColumns.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(TextColumns.wrap("  spaced   out  ", width: 20) == ["spaced out"])
        #expect(TextColumns.wrap("", width: 5) == [""])
        #expect(TextColumns.wrap("a unbreakable b", width: 5) == ["a", "unbreakable", "b"])
        #expect(TextColumns.wrap("a unbreakable b", width: 5, longWords: .cut) == ["a", "unbr…", "b"])
        #expect(TextColumns.wrap("a 数字数字 b", width: 5, longWords: .cut) == ["a", "数字…", "b"])
        #expect(TextColumns.wrap(words: ["x", "`a b`", "y"], width: 7) == ["x `a b`", "y"])
    }

    @Test func styledTextWrapsAtItsVisibleWidth() {
        let bold = { (word: String) in "\u{1B}[1m" + word + "\u{1B}[22m" }
        let text = ["one", "two", "three"].map(bold).joined(separator: " ")
        #expect(TextColumns.wrap(text, width: 7) == [bold("one") + " " + bold("two"), bold("three")])
    }

    @Test func aLineThatFitsIsKeptWithItsSpacing() {
        #expect(TextColumns.fit(line: "  a   b", width: 20) == ["  a   b"])
        #expect(TextColumns.fit("one\n\n  two", width: 30) == "one\n\n  two")
    }

    @Test func numbersAndQuotedWordsAreNeverSplit() {
        let line = "784 → dense(256, sigmoid) → 256   params 784·256 + 256 = 200,960"
        let lines = TextColumns.fit(line: line, width: 60)
        #expect(lines == ["784 → dense(256, sigmoid) → 256   params 784·256 + 256 =", "200,960"])
        #expect(TextColumns.fit(line: "Type `help` for the commands, `quit` to leave, `data mnist` to begin.", width: 30)
            == ["Type `help` for the commands,", "`quit` to leave, `data mnist`", "to begin."])
    }

    @Test func aShortCodeSpanStaysOnOneLine() {
        #expect(TextColumns.fit(line: "warning: there are 10 digits: end with `layer dense 10 softmax`.", width: 50)
            == ["warning: there are 10 digits: end with", "         `layer dense 10 softmax`."])
        let long = "`" + String(repeating: "word ", count: 8) + "end`"
        #expect(TextColumns.fit(line: "see " + long, width: 24) == ["see `word word word word", "word word word word end`"])
        #expect(TextColumns.fit(line: "an ` unpaired tick and more words", width: 20) == ["an ` unpaired tick", "and more words"])
    }

    @Test func aShortBracketedGroupStaysOnOneLine() {
        #expect(TextColumns.fit(line: "Removed dense(10, softmax); the model now ends in (None, 256).", width: 56)
            == ["Removed dense(10, softmax); the model now ends in", "(None, 256)."])
        #expect(TextColumns.fit(line: ">>> show softmax [2, 1, 0.1] and more", width: 24) == [">>> show softmax", "    [2, 1, 0.1] and more"])
        #expect(TextColumns.fit(line: "a (one [two) three] four five six seven", width: 20) == ["a (one [two) three]", "four five six seven"])
    }

    @Test func brokenLinesHangAtTheirIndentOrLabel() {
        #expect(TextColumns.fit(line: "    details of a failed check, far too long for one line", width: 30)
            == ["    details of a failed check,", "    far too long for one line"])
        #expect(TextColumns.fit(line: "error: the validation fraction must be between 0 and 1", width: 30)
            == ["error: the validation fraction", "       must be between 0 and 1"])
        #expect(TextColumns.fit(line: "\u{1B}[33mwarning: \u{1B}[0mSoftmax is used before the last layer", width: 30)
            == ["\u{1B}[33mwarning: \u{1B}[0mSoftmax is used", "         before the last layer"])
        #expect(TextColumns.fit(line: "  - one item of a list that goes on and on", width: 24)
            == ["  - one item of a list", "    that goes on and on"])
        #expect(TextColumns.hangingIndent("Loaded MNIST: 1,000 images") == 0)
        #expect(TextColumns.hangingIndent("✓ also: x") == 2)
    }

    @Test func aWordWiderThanTheLineStandsAloneWhole() {
        let path = "/a/very/long/path/to/the/notebook/of/this/session.md"
        #expect(TextColumns.fit(line: "This session is kept: " + path, width: 30) == ["This session is kept:", path])
    }

    @Test func theWidthIsNeverBelowTheNarrowest() {
        #expect(TextColumns.fit(line: "one two three four five six", width: 5) == ["one two three four", "five six"])
    }

    @Test func partsAreJoinedWhole() {
        let parts = ["25/25 ━━━━ 0.4s 16ms/step", "accuracy: 0.5931", "loss: 1.2912", "val_accuracy: 0.8050"]
        #expect(TextColumns.join(parts, separator: " - ", width: 60, continuation: "  - ") == [
            "25/25 ━━━━ 0.4s 16ms/step - accuracy: 0.5931 - loss: 1.2912",
            "  - val_accuracy: 0.8050",
        ])
        #expect(TextColumns.join([("a", 30), ("b", 1)], separator: " - ", width: 33, continuation: "  - ") == ["a", "  - b"])
    }

    @Test func paddingCountsColumns() {
        #expect(TextColumns.padLeft("7", 3) == "  7")
        #expect(TextColumns.padRight("7", 3) == "7  ")
        #expect(TextColumns.padLeft("1234", 3) == "1234")
        #expect(TextColumns.padLeft("\u{1B}[1m7\u{1B}[0m", 3) == "  \u{1B}[1m7\u{1B}[0m")
        #expect(TextColumns.padRight("数", 3) == "数 ")
    }
}
