import NeuralNet
import Testing
import TutorLanguage

/// `answer X`'s numbers and arithmetic: what each form comes to, the expression it echoes, and
/// that `[25,120]` stays two numbers while `25,120` outside brackets is one.
struct ArithmeticTests {
    /// The reading of `text` as the whole of a line.
    static func read(_ text: String) throws(Diagnostic) -> Arithmetic.Reading {
        try Arithmetic.read(SourceLine(text: text, number: 1), from: 1, through: text.count)
    }

    @Test(arguments: [
        ("25,120", 25_120, nil),
        ("1,000,000.5", 1_000_000.5, nil),
        ("-2", -2, nil),
        ("−2", -2, nil),
        ("1e-3", 0.001, nil),
        ("784*32+32", 25_120, "784*32+32"),
        ("784·256 + 256", 200_960, "784·256 + 256"),
        ("784×256", 200_704, "784×256"),
        ("2+3*4", 14, "2+3*4"),
        ("(2+3)*4", 20, "(2+3)*4"),
        ("10-4-3", 3, "10-4-3"),
        ("8/4/2", 1, "8/4/2"),
        ("2*-3", -6, "2*-3"),
        ("-(2+3)", -5, "-(2+3)"),
        ("1e3−1", 999, "1e3−1"),
        ("1/4", 0.25, "1/4"),
        ("  7 - 2  ", 5, "7 - 2"),
    ] as [(String, Double, String?)])
    func valueAndExpression(text: String, value: Double, expression: String?) throws {
        let reading = try Self.read(text)
        #expect(reading.value == value)
        #expect(reading.expression == expression)
    }

    /// Reading stops before what is not arithmetic after a space, leaving it to the command.
    @Test func readingStopsWhereTheExpressionEnds() throws {
        let line = SourceLine(text: "784*32 + 32 within 1", number: 1)
        let reading = try Arithmetic.read(line, from: 1, through: line.text.count)
        #expect(reading.value == 25_120)
        #expect(reading.endColumn == 11)
        #expect(reading.expression == "784*32 + 32")
    }

    @Test(arguments: [
        (25_120, "25,120"), (-1_000_000, "-1,000,000"), (0.25, "0.25"), (1.0 / 3, "0.3333333333"),
        (25_120.5, "25,120.5"), (-0.5, "-0.5"), (0.1 + 0.2, "0.3"), (1e-20, "1e-20"), (2.5e20, "2.5e+20"),
    ] as [(Double, String)])
    func echoedValues(value: Double, text: String) {
        #expect(Arithmetic.text(value) == text)
    }

    @Test(arguments: ["25", "25,120", "(1", "-2", ".5", "784·256", "1e-3"])
    func wordsThatMayBeginAnExpression(_ text: String) {
        #expect(Arithmetic.mayBegin(text))
    }

    @Test(arguments: ["one", "3x", "inf", "e5", "*2", ")", "1\u{202E}", ""])
    func wordsThatMayNot(_ text: String) {
        #expect(!Arithmetic.mayBegin(text))
    }

    /// Outside brackets a grouped number is one token; inside, a comma separates numbers.
    @Test func groupedNumbersOutsideBracketsOnly() throws {
        let outside = try Lexer.tokenize(SourceLine(text: "predict 1,000 test", number: 1))
        #expect(outside.map(\.text) == ["predict", "1,000", "test"])
        #expect(outside[1].kind == .number)
        #expect(outside[1].numberText == "1000")
        #expect(outside[1].columns == 9...13)
        let inside = try Lexer.tokenize(SourceLine(text: "show softmax [25,120]", number: 1))
        #expect(inside.map(\.text) == ["show", "softmax", "[", "25", ",", "120", "]"])
        #expect(try Parser.parse("show softmax [25,120]", line: 1, file: nil)?.command == .showFunction(.activation(.softmax), .vector([25, 120])))
        let misgrouped = try Lexer.tokenize(SourceLine(text: "answer 0,5", number: 1))
        #expect(misgrouped.map(\.text) == ["answer", "0", ",", "5"])
    }

    /// A path keeps its commas as typed, even where they look like a grouped number.
    @Test func aPathKeepsItsCommas() throws {
        #expect(try Parser.parse("save model 1,000", line: 1, file: nil)?.command == .saveModel(path: "1,000"))
        #expect(try Parser.parse("save model a,1,000.model", line: 1, file: nil)?.command == .saveModel(path: "a,1,000.model"))
    }
}

/// Seeded random soup of arithmetic's characters after `answer`: each line is read or refused
/// with a diagnostic inside the line, and a value read is finite.
@Test(arguments: [1, 2, 3] as [UInt64])
func randomArithmeticReadsOrFailsInsideTheLine(seed: UInt64) {
    let pieces = ["1", "25", ",", "120", ".", "e", "E", "+", "-", "−", "*", "·", "×", "/", "(", ")", " ", "0", "9e9", "x", "]", "#"]
    var g = SeededGenerator(seed: seed)
    var read = 0
    for _ in 0..<3_000 {
        let text = "answer " + (0..<(1 + g.nextIndex(below: 12))).map { _ in pieces[g.nextIndex(below: pieces.count)] }.joined()
        do {
            guard case .answer(let value, _)? = try Parser.parse(text, line: 1, file: nil)?.command else {
                Issue.record("`\(text)` is no answer")
                continue
            }
            #expect(value.isFinite, "`\(text)`")
            read += 1
        } catch {
            #expect(error.columns.lowerBound >= 1 && error.columns.upperBound <= text.count + 1, "`\(text)`: \(error.rendered())")
        }
    }
    #expect(read > 100)
}
