import Testing
import TutorLanguage

@Test func rendersWithAFileAndASuggestion() {
    let line = SourceLine(text: "layer dense 256 sigmiod", number: 3, file: "lesson.tut")
    let diagnostic = Diagnostic(
        "unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)", in: line,
        columns: 17...23, suggestion: "did you mean `sigmoid`?")
    #expect(diagnostic.rendered() == """
        error: unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)
         --> lesson.tut:3:17
          |
        3 | layer dense 256 sigmiod
          |                 ^^^^^^^ did you mean `sigmoid`?
        """)
    #expect(diagnostic.location == SourceLocation(file: "lesson.tut", line: 3, column: 17))
    #expect(diagnostic.location.description == "lesson.tut:3:17")
    #expect(diagnostic.description == diagnostic.rendered())
}

@Test func atThePromptTheLocationHasNoFileAndNoSuggestionMeansNoTrailingText() {
    let diagnostic = Diagnostic("oops", in: SourceLine(text: "pop it", number: 3), columns: 5...6)
    #expect(diagnostic.rendered() == "error: oops\n --> 3:5\n  |\n3 | pop it\n  |     ^^")
    #expect(!diagnostic.rendered().hasSuffix("\n"))
}

@Test(arguments: [(9, " --> 9:1\n  |\n9 | x\n  | ^"), (10, "  --> 10:1\n   |\n10 | x\n   | ^"),
                  (1234, "    --> 1234:1\n     |\n1234 | x\n     | ^")])
func theGutterGrowsWithTheLineNumber(_ number: Int, _ expectedTail: String) {
    let diagnostic = Diagnostic("m", in: SourceLine(text: "x", number: number), columns: 1...1)
    #expect(diagnostic.rendered() == "error: m\n" + expectedTail)
}

@Test func tabsAreShownAsSpacesSoCaretsLineUp() {
    let diagnostic = Diagnostic("m", in: SourceLine(text: "fit\tx", number: 1), columns: 5...5)
    #expect(diagnostic.rendered() == "error: m\n --> 1:5\n  |\n1 | fit x\n  |     ^")
}

/// Controls in the line, the message, the file name and the suggestion are shown visible, and
/// the carets stand under the bad token as the line is shown (`\e` takes two columns).
@Test func controlsAreShownVisibleAndCaretsFollowTheShownLine() {
    let line = SourceLine(text: "let \u{1B}]0;x\u{07} = sig\u{9B}moid\u{202E} # \u{1B}c", number: 2, file: "a\u{1B}[2J.tut")
    let diagnostic = Diagnostic(
        "unknown activation `sig\u{9B}moid\u{202E}`", in: line, columns: 14...22, suggestion: "did you mean `\u{1B}c`?")
    #expect(diagnostic.rendered() == #"""
        error: unknown activation `sig\u{9B}moid\u{202E}`
         --> a\e[2J.tut:2:14
          |
        2 | let \e]0;x\a = sig\u{9B}moid\u{202E} # \ec
          |                ^^^^^^^^^^^^^^^^^^^^^ did you mean `\ec`?
        """#)
    // One past the end of a line that ends in a control.
    let end = Diagnostic("m", in: SourceLine(text: "fit \u{7}", number: 1), columns: 6...6)
    #expect(end.rendered() == "error: m\n --> 1:6\n  |\n1 | fit \\a\n  |       ^")
    // A control under the carets widens them.
    let token = Diagnostic("m", in: SourceLine(text: "a\u{1B}b c", number: 1), columns: 1...3)
    #expect(token.rendered() == "error: m\n --> 1:1\n  |\n1 | a\\eb c\n  | ^^^^")
}

@Test func aMissingArgumentPointsOnePastTheEnd() throws {
    do {
        _ = try Parser.parse("batch", line: 1, file: nil)
        Issue.record("`batch` alone should fail")
    } catch {
        #expect(error.columns == 6...6)
        #expect(error.rendered().hasSuffix("1 | batch\n  |      ^ usage: batch N"))
    }
}

@Test func didYouMeanWording() {
    #expect(Diagnostic.didYouMean("fit") == "did you mean `fit`?")
}

@Test func onATerminalTheMessageAndTheSuggestionAreWrappedButNotTheLineOrTheCarets() {
    let diagnostic = Diagnostic(
        "a dense layer needs each example as one row of numbers, but here each example is (28, 28)",
        in: SourceLine(text: "layer dense 4", number: 13, file: "m.tut"), columns: 7...11,
        suggestion: "add `layer flatten` first: it turns 28×28 into 784")
    #expect(diagnostic.rendered(width: 60) == """
        error: a dense layer needs each example as one row of
               numbers, but here each example is (28, 28)
          --> m.tut:13:7
           |
        13 | layer dense 4
           |       ^^^^^ add `layer flatten` first: it turns 28×28
           |             into 784
        """)
    // Too little room beside the carets: the suggestion goes below them.
    #expect(diagnostic.rendered(width: 40) == """
        error: a dense layer needs each example
               as one row of numbers, but here
               each example is (28, 28)
          --> m.tut:13:7
           |
        13 | layer dense 4
           |       ^^^^^
           | add `layer flatten` first: it turns
           | 28×28 into 784
        """)
    #expect(diagnostic.rendered(width: 200) == diagnostic.rendered())
    #expect(diagnostic.rendered().split(separator: "\n").count == 5)
}
