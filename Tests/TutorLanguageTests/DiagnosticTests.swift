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
