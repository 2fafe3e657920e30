import Testing
import TutorLanguage

/// The tokens of `text` as (kind, text, columns), for compact expectations.
private func lex(_ text: String) throws(Diagnostic) -> [Token] {
    try Lexer.tokenize(SourceLine(text: text, number: 1))
}

@Test func wordsAndNumbersWithTheirColumns() throws {
    let tokens = try lex("layer dense 256 sigmoid")
    #expect(tokens == [
        Token(kind: .word, text: "layer", columns: 1...5),
        Token(kind: .word, text: "dense", columns: 7...11),
        Token(kind: .number, text: "256", columns: 13...15),
        Token(kind: .word, text: "sigmoid", columns: 17...23),
    ])
}

@Test func punctuationStandsAloneAndACommentEndsTheLine() throws {
    let tokens = try lex("let v=[2,1,.1]# the scores")
    #expect(tokens.map(\.kind) == [
        .word, .word, .equals, .leftBracket, .number, .comma, .number, .comma, .number, .rightBracket,
    ])
    #expect(tokens.map(\.text) == ["let", "v", "=", "[", "2", ",", "1", ",", ".1", "]"])
    #expect(tokens.map(\.columns) == [1...3, 5...5, 6...6, 7...7, 8...8, 9...9, 10...10, 11...11, 12...13, 14...14])
}

@Test func spacesAndTabsSeparateAndColumnsCountCharacters() throws {
    let tokens = try lex("  fit\t3  ")
    #expect(tokens == [
        Token(kind: .word, text: "fit", columns: 3...5),
        Token(kind: .number, text: "3", columns: 7...7),
    ])
    let accented = try lex("é fit")
    #expect(accented.last?.columns == 3...5)
}

@Test(arguments: ["0.1", ".1", "1e-3", "-2", "256", "5.", "+2", "1E+2", "-0.5e10"])
func numberLiterals(_ text: String) throws {
    #expect(try lex(text) == [Token(kind: .number, text: text, columns: 1...text.count)])
}

@Test(arguments: ["2abc", "1.2.3", "-", ".", "e5", "1e", "--2", "1e+", "models/a.tut", "/tmp/x.json", "../y", "inf", "nan"])
func wordsThatAreNotNumbers(_ text: String) throws {
    #expect(try lex(text) == [Token(kind: .word, text: text, columns: 1...text.count)])
}

@Test func keywordsKeepTheirTextAndMatchIgnoringCase() throws {
    let tokens = try lex("LAYER Dense")
    #expect(tokens.map(\.text) == ["LAYER", "Dense"])
    #expect(tokens.map(\.keyword) == ["layer", "dense"])
    #expect(tokens[1].isKeyword("dense"))
    #expect(!tokens[1].isKeyword("flatten"))
}

@Test func quotedStringsHoldSpacesAndEscapes() throws {
    let tokens = try lex(#"run "my dir/a \"b\".tut" # x"#)
    #expect(tokens.count == 2)
    #expect(tokens[1].kind == .string)
    #expect(tokens[1].text == #""my dir/a \"b\".tut""#)
    #expect(tokens[1].value == #"my dir/a "b".tut"#)
    #expect(tokens[1].columns == 5...24)
}

@Test func aHashInsideAStringIsNotAComment() throws {
    let tokens = try lex(#"run "a#b.tut""#)
    #expect(tokens.map(\.value) == ["run", "a#b.tut"])
}

@Test(arguments: ["", "   ", "\t", "# only a comment", "   # indented comment"])
func blankAndCommentLinesHaveNoTokens(_ text: String) throws {
    #expect(try lex(text).isEmpty)
}

@Test func anUnterminatedStringIsAnError() {
    #expect(throws: Diagnostic.self) { try lex(#"save model "a b"#) }
    do {
        _ = try lex(#"save model "a b"#)
    } catch {
        #expect(error.columns == 12...15)
        #expect(error.message == "unterminated string: expected a closing `\"`")
    }
}
