import Testing
import TutorLanguage
@testable import TutorTerminal

/// One style per meaning, each reset where it ends; nothing at all without colour.
@Suite struct PaletteTests {
    static let colour = Palette(color: true)
    static let plain = Palette(color: false)

    @Test(arguments: [
        (Palette.Role.error, "\u{1B}[1;31mx\u{1B}[0m"), (.warning, "\u{1B}[33mx\u{1B}[0m"), (.hint, "\u{1B}[35mx\u{1B}[0m"),
        (.success, "\u{1B}[32mx\u{1B}[0m"), (.prompt, "\u{1B}[36mx\u{1B}[0m"), (.note, "\u{1B}[2mx\u{1B}[0m"),
        (.emphasis, "\u{1B}[1mx\u{1B}[0m"),
    ])
    func eachMeaningHasOneStyle(role: Palette.Role, styled: String) {
        #expect(Self.colour.paint("x", role) == styled)
        #expect(Self.plain.paint("x", role) == "x")
    }

    @Test func theColoursMeanDifferentThings() {
        #expect(Set(Palette.Role.allCases.map(\.parameters)).count == Palette.Role.allCases.count)
    }

    /// Each line ends its own style: nothing runs on past a line break, and empty lines stay empty.
    @Test func everyLineIsReset() {
        #expect(Self.colour.paint("one\n\ntwo", .note) == "\u{1B}[2mone\u{1B}[0m\n\n\u{1B}[2mtwo\u{1B}[0m")
        #expect(Self.colour.paint("", .error) == "")
    }

    /// A label's style ends before its trailing spaces; so does a prompt's (libedit drops an
    /// escape that ends a prompt, and the colour would run into what is typed).
    @Test func labelsAndPromptsEndTheirStyleBeforeTheirSpaces() {
        #expect(Self.colour.labelled("warning: ", .warning, "careful") == "\u{1B}[33mwarning:\u{1B}[0m careful")
        #expect(Self.colour.prompt("softmax-sum 1/2> ") == "\u{1B}[36msoftmax-sum 1/2>\u{1B}[0m ")
        #expect(Self.colour.prompt("[3]> ") == "\u{1B}[36m[3]>\u{1B}[0m ")
        #expect(Self.plain.prompt("[3]> ") == "[3]> ")
        #expect(Self.plain.labelled("hint 1/2: ", .hint, "Add them.") == "hint 1/2: Add them.")
    }

    static let diagnostic = Diagnostic(
        "unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)",
        in: SourceLine(text: "layer dense 64 sigmiod", number: 12), columns: 16...22, suggestion: Diagnostic.didYouMean("sigmoid"))

    /// Errors are red where they say so (the `error:` word, the carets); the words are the same.
    @Test func diagnosticsAreRedWhereTheyPoint() {
        #expect(Self.plain.diagnostic(Self.diagnostic) == Self.diagnostic.rendered())
        #expect(Self.colour.diagnostic(Self.diagnostic) == """
            \u{1B}[1;31merror:\u{1B}[0m unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)
              --> 12:16
               |
            12 | layer dense 64 sigmiod
               |                \u{1B}[1;31m^^^^^^^\u{1B}[0m did you mean `sigmoid`?
            """)
    }

    /// A diagnostic whose line is empty (something missing at the end) has its caret coloured too.
    @Test func aCaretPastAnEmptyLine() {
        let missing = Diagnostic("expected a command", in: SourceLine(text: "", number: 3), columns: 1...1)
        #expect(Self.colour.diagnostic(missing) == """
            \u{1B}[1;31merror:\u{1B}[0m expected a command
             --> 3:1
              |
            3 |
              | \u{1B}[1;31m^\u{1B}[0m
            """)
    }

    /// The line editor moves an escape that ends a prompt before the prompt's trailing spaces (or
    /// its last character), where libedit sends it.
    @Test(arguments: [
        ("\u{1B}[36m[1]>\u{1B}[0m", "\u{1B}[36m[1]\u{1B}[0m>"),
        ("\u{1B}[36m[1]> \u{1B}[0m", "\u{1B}[36m[1]>\u{1B}[0m "),
        ("\u{1B}[36m[1]>  \u{1B}[0m\u{1B}[0m", "\u{1B}[36m[1]>\u{1B}[0m\u{1B}[0m  "),
        ("\u{1B}[36m[1]>\u{1B}[0m ", "\u{1B}[36m[1]>\u{1B}[0m "),
        ("[1]> ", "[1]> "),
        ("\u{1B}[0m", "\u{1B}[0m"),
    ])
    func promptsDoNotEndWithAnEscape(prompt: String, sent: String) {
        #expect(LineEditor.closingEarly(prompt) == sent)
    }
}
