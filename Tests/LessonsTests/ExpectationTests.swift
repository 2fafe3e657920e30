import Lessons
import Testing
import TutorLanguage

/// Every kind of `expect`: parsed from its line, passing on a session that satisfies it, and
/// failing with the exact "found …; wanted …" message on one that does not.
struct ExpectationTests {
    /// The verdict of `expect CHECK` on a session built by `setup`.
    static func verdict(_ check: String, after setup: [String]) throws -> Verdict {
        let lesson = try LessonParser.parse("# T\nexercise e\nsolution answer 0\nexpect \(check)\nend", file: nil)
        let expectation = try #require(lesson.exercises.first?.expectations.first)
        return expectation.evaluate(on: try Support.interpreter(setup).session)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let check: String
        /// Setup lines after which the check holds; nil when no such case is worth building.
        let passing: [String]?
        let failing: [String]
        let message: String
        var testDescription: String { check }
    }

    static let data = ["data mnist 100 20"]
    static let small = data + ["layer flatten", "layer dense 10 softmax"]
    static let big = data + ["layer flatten", "layer dense 256 sigmoid", "layer dense 10 softmax"]

    static let cases: [Case] = [
        Case(check: "answer 1 within 0.001", passing: ["answer 1.0004"], failing: [],
             message: "found no answer yet; wanted 1 (within 0.001)"),
        Case(check: "answer 1", passing: ["answer 0.9996"], failing: ["answer 0.9"],
             message: "found answer 0.9; wanted 1 (within 0.0005)"),
        Case(check: "layers flatten, dense 256 sigmoid, dense 10 softmax", passing: big, failing: small,
             message: "found layers flatten, dense 10 softmax; wanted flatten, dense 256 sigmoid, dense 10 softmax"),
        Case(check: "layers flatten, dense 10", passing: data + ["layer flatten", "layer dense 10"], failing: [],
             message: "found no layers yet; wanted flatten, dense 10 linear"),
        Case(check: "params 200,960", passing: data + ["layer flatten", "layer dense 256 sigmoid"], failing: small,
             message: "found 7,850 parameters; wanted 200,960"),
        Case(check: "params 7850", passing: small, failing: [],
             message: "found no model yet; wanted 7,850 parameters"),
        Case(check: "accuracy >= 0.5", passing: small + ["fit 10 batch 10", "evaluate"], failing: small,
             message: "found test accuracy 0.1500; wanted test accuracy >= 0.5"),
        Case(check: "accuracy >= 0.9", passing: nil, failing: data,
             message: "found no model yet; wanted test accuracy >= 0.9"),
        Case(check: "outputs sum to 1", passing: ["show softmax [2, 1, 0.1]"], failing: ["show sigmoid [2, 1, 0.1]"],
             message: "found outputs that sum to 2.1368; wanted 1 (within 0.0005)"),
        Case(check: "outputs sum to 1 within 0.01", passing: ["show onehot 3"], failing: [],
             message: "found no outputs yet; wanted outputs that sum to 1 (within 0.01)"),
        Case(check: "optimizer adam", passing: [], failing: ["optimizer sgd"],
             message: "found optimizer sgd 0.01; wanted adam"),
        Case(check: "optimizer sgd 0.1", passing: ["optimizer sgd 0.1"], failing: ["optimizer sgd"],
             message: "found optimizer sgd 0.01; wanted sgd 0.1"),
        Case(check: "loss mse", passing: ["loss mse"], failing: [],
             message: "found loss crossentropy; wanted mse"),
        Case(check: "batch 64", passing: ["batch 64"], failing: [],
             message: "found batch 32; wanted 64"),
        Case(check: "trained", passing: small + ["fit 1"], failing: small,
             message: "found no training yet; wanted at least 1 epoch of training"),
        Case(check: "epochs >= 2", passing: small + ["fit 2"], failing: small + ["fit 1"],
             message: "found 1 epoch of training; wanted at least 2 epochs of training"),
        Case(check: "output activation softmax", passing: small, failing: data + ["layer flatten", "layer dense 10 sigmoid"],
             message: "found output activation sigmoid; wanted softmax"),
        Case(check: "output activation sigmoid", passing: data + ["layer flatten", "layer dense 10 sigmoid"], failing: data,
             message: "found no dense layer yet; wanted output activation sigmoid"),
    ]

    @Test(arguments: cases) func passesAndFails(_ c: Case) throws {
        if let passing = c.passing { #expect(try Self.verdict(c.check, after: passing) == .pass) }
        #expect(try Self.verdict(c.check, after: c.failing) == .fail(c.message))
    }

    @Test func accuracyUsesTheLastEvaluation() throws {
        let interpreter = try Support.interpreter(Self.small + ["fit 10 batch 10", "evaluate"])
        let evaluated = try #require(interpreter.session.lastEvaluation)
        let lesson = try LessonParser.parse("# T\nexercise e\nsolution answer 0\nexpect accuracy >= 0.99\nend", file: nil)
        let expectation = try #require(lesson.exercises.first?.expectations.first)
        #expect(expectation.evaluate(on: interpreter.session) == .fail(
            "found test accuracy \(NumberText.fixed(evaluated.accuracy, 4)); wanted test accuracy >= 0.99"))
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let check: String
        let expected: String
        var testDescription: String { check }
    }

    static let bad: [BadCase] = [
        BadCase(check: "", expected: """
            error: expected what to check after `expect`
             --> t.lesson:4:7
              |
            4 | expect
              |       ^ one of: answer, layers, params, accuracy, outputs, optimizer, loss, batch, trained, epochs, output
            """),
        BadCase(check: "answer one", expected: """
            error: expected the expected answer, found `one`
             --> t.lesson:4:15
              |
            4 | expect answer one
              |               ^^^ usage: expect answer X [within E]
            """),
        BadCase(check: "params 7850 extra", expected: """
            error: unexpected `extra` at the end of the check
             --> t.lesson:4:20
              |
            4 | expect params 7850 extra
              |                    ^^^^^ usage: expect params N
            """),
        BadCase(check: "accuracy 0.9", expected: """
            error: expected `>=` after `accuracy`, found `0.9`
             --> t.lesson:4:17
              |
            4 | expect accuracy 0.9
              |                 ^^^ usage: expect accuracy >= X
            """),
        BadCase(check: "layers flatten, dense 10 sigmiod", expected: """
            error: expected an activation (linear, sigmoid, relu, tanh, softmax), found `sigmiod`
             --> t.lesson:4:33
              |
            4 | expect layers flatten, dense 10 sigmiod
              |                                 ^^^^^^^ did you mean `sigmoid`?
            """),
        BadCase(check: "layers flatten, conv 3", expected: """
            error: expected a layer (`flatten` or `dense N ACT`), found `conv`
             --> t.lesson:4:24
              |
            4 | expect layers flatten, conv 3
              |                        ^^^^ usage: expect layers flatten, dense 256 sigmoid, dense 10 softmax
            """),
        BadCase(check: "answer 1 within 0", expected: """
            error: the tolerance must be greater than 0, found `0`
             --> t.lesson:4:24
              |
            4 | expect answer 1 within 0
              |                        ^ usage: expect answer X [within E]
            """),
        BadCase(check: "loss hinge", expected: """
            error: expected a loss (crossentropy or mse), found `hinge`
             --> t.lesson:4:13
              |
            4 | expect loss hinge
              |             ^^^^^ usage: expect loss crossentropy|mse
            """),
    ]

    @Test(arguments: bad) func badExpect(_ c: BadCase) {
        let text = "# T\nexercise e\nsolution answer 0\nexpect \(c.check)".trimmingTrailingSpace() + "\nend"
        #expect(Support.parseError(text) == c.expected)
    }
}

extension String {
    fileprivate func trimmingTrailingSpace() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
