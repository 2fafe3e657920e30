import Lessons
import NeuralNet
import Testing
import TextFormat
import TutorLanguage

/// Every kind of `expect`: parsed from its line, passing on a session that satisfies it, and
/// failing with the exact requirement, what was found and what was wanted on one that does not.
struct ExpectationTests {
    /// The verdict of `expect CHECK` on a session built by `before` then `setup`, the exercise
    /// having begun between the two (so checks that say "here" see only `setup`).
    static func verdict(_ check: String, before: [String] = [], after setup: [String]) throws -> Verdict {
        let lesson = try LessonParser.parse("# T\nexercise e\nsolution answer 0\nexpect \(check)\nend", file: nil)
        let expectation = try #require(lesson.exercises.first?.expectations.first)
        let interpreter = try Support.interpreter(before)
        let start = interpreter.session.journal.count
        for (index, line) in setup.enumerated() { try interpreter.execute(line: line, number: index + 1) { _ in } }
        return expectation.evaluate(on: interpreter.session, since: start)
    }

    /// `requirement (found …); wanted …`, or `pass`.
    static func text(_ verdict: Verdict) -> String {
        guard case .miss(let miss) = verdict else { return "pass" }
        return "\(miss.withoutWanted); wanted \(miss.wanted)"
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let check: String
        var before: [String] = []
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
             message: "give your answer with `answer X` (found no answer yet); wanted answer 1 (within 0.001)"),
        Case(check: "answer 1", passing: ["answer 0.9996"], failing: ["answer 0.9"],
             message: "that answer is not right yet (found answer 0.9); wanted answer 1 (within 0.0005)"),
        Case(check: "answer 784*256 + 256 within 1", passing: ["answer 200,960"], failing: ["answer 784*256"],
             message: "that answer is not right yet (found answer 200704); wanted answer 200960 (within 1)"),
        Case(check: "answer 25,120", passing: ["answer 784*32+32"], failing: [],
             message: "give your answer with `answer X` (found no answer yet); wanted answer 25120 (within 0.0005)"),
        Case(check: "answer top output", passing: ["show softmax [2, 1, 0.1]", "answer 0.659"], failing: ["show softmax [2, 1, 0.1]", "answer 0.2424"],
             message: "that is not the top output shown (found answer 0.2424); wanted answer 0.6590 (the top output, within 0.0005)"),
        Case(check: "answer second output within 0.001", passing: ["show softmax [2, 1, 0.1]", "answer 0.2424"], failing: ["answer 0.2424"],
             message: "show the outputs the task asks about, then answer with `answer X` (found no outputs shown yet); wanted the second output"),
        Case(check: "layers flatten, dense 256 sigmoid, dense 10 softmax", passing: big, failing: small,
             message: "the layers are not the ones the task asks for (found layers flatten, dense 10 softmax); wanted layers flatten, dense 256 sigmoid, dense 10 softmax"),
        Case(check: "layers flatten, dense 10", passing: data + ["layer flatten", "layer dense 10"], failing: [],
             message: "build the layers the task asks for (found no layers yet); wanted layers flatten, dense 10 linear"),
        Case(check: "params 200,960", passing: data + ["layer flatten", "layer dense 256 sigmoid"], failing: small,
             message: "the model does not have the size the task asks for (found 7,850 parameters); wanted 200,960 parameters"),
        Case(check: "params 7850", passing: small, failing: [],
             message: "build the model the task asks for (found no model yet); wanted 7,850 parameters"),
        Case(check: "accuracy >= 0.5", passing: small + ["fit 10 batch 10", "evaluate"], failing: small,
             message: "the model is not accurate enough on the test images yet (found test accuracy 0.1500); wanted test accuracy >= 0.5"),
        Case(check: "accuracy >= 0.9", passing: nil, failing: data,
             message: "build and train a model (found no model yet); wanted test accuracy >= 0.9"),
        Case(check: "outputs sum to 1", passing: ["show softmax [2, 1, 0.1]"], failing: ["show sigmoid [2, 1, 0.1]"],
             message: "the outputs shown last do not sum to what the task asks for (found outputs that sum to 2.1368); wanted outputs that sum to 1 (within 0.0005)"),
        Case(check: "outputs sum to 1 within 0.01", passing: ["show onehot 3"], failing: [],
             message: "show the outputs the task asks for (found no outputs shown yet); wanted outputs that sum to 1 (within 0.01)"),
        Case(check: "optimizer adam", passing: [], failing: ["optimizer sgd"],
             message: "the optimizer is not set as the task asks (found optimizer sgd 0.01); wanted optimizer adam"),
        Case(check: "optimizer sgd 0.1", passing: ["optimizer sgd 0.1"], failing: ["optimizer sgd"],
             message: "the optimizer is not set as the task asks (found optimizer sgd 0.01); wanted optimizer sgd 0.1"),
        Case(check: "loss mse", passing: ["loss mse"], failing: [],
             message: "the loss is not the one the task asks for (found loss crossentropy); wanted loss mse"),
        Case(check: "batch 64", passing: ["batch 64"], failing: [],
             message: "the batch size is not the one the task asks for (found batch 32); wanted batch 64"),
        Case(check: "epochs >= 2", passing: small + ["fit 2"], failing: small + ["fit 1"],
             message: "the model has not been trained for long enough (found 1 epoch of training); wanted at least 2 epochs"),
        Case(check: "trained", before: small + ["fit 1"], passing: ["fit 1"], failing: [],
             message: "train the model as it is now (found no training here yet); wanted at least 1 epoch here, after the model's last change"),
        Case(check: "trained 2 epochs", before: small, passing: ["fit 1", "fit 1"], failing: ["fit 1"],
             message: "train the model, as it is now, for 2 epochs (found 1 epoch trained here); wanted exactly 2 epochs here, after the model's last change"),
        Case(check: "trained 1 epoch", before: small, passing: ["fit 2", "pop", "layer dense 10 softmax", "fit 1"], failing: ["fit 2"],
             message: "train the model for 1 epoch, as the task says, no more (found 2 epochs trained here); wanted exactly 1 epoch here, after the model's last change"),
        Case(check: "trained", before: small, passing: nil, failing: ["fit 1", "pop", "layer dense 10 softmax"],
             message: "train the model as it is now (found training before the model last changed, none since); wanted at least 1 epoch here, after the model's last change"),
        Case(check: "evaluated", before: small + ["evaluate"], passing: ["fit 1", "evaluate"], failing: ["evaluate", "fit 1"],
             message: "evaluate the model after its last training (found an `evaluate` before the last change or training); wanted an `evaluate` after the last `fit`"),
        Case(check: "summary shown", before: small + ["model"], passing: ["pop", "layer dense 10 softmax", "model"], failing: ["pop", "layer dense 10 softmax"],
             message: "show the model's summary with `model` once it is built (found no summary shown here yet); wanted `model` after the last `layer` or `pop`"),
        Case(check: "shown softmax [6, -6, -6]", before: ["show softmax [6, -6, -6]"], passing: ["show softmax [6,-6,-6]"], failing: ["show sigmoid [6, -6, -6]"],
             message: "the outputs shown last are not the task's scores through the activation it asks for (found `show sigmoid [6, -6, -6]`); wanted `show softmax [6, -6, -6]`"),
        Case(check: "shown softmax [6, -6, -6]", before: ["show softmax [6, -6, -6]"], passing: nil, failing: ["show onehot 0"],
             message: "the outputs shown last are not the task's scores through the activation it asks for (found `show onehot 0`); wanted `show softmax [6, -6, -6]`"),
        Case(check: "predicted 8 test", before: small, passing: ["fit 1", "predict 8 test"], failing: ["predict 8 test", "fit 1"],
             message: "predict the image the task names with the model as it is now (found a prediction made before the model last changed or was trained); wanted `predict 8 test` after the last change and training"),
        Case(check: "predicted 3", before: small + ["predict 3"], passing: ["predict 3"], failing: [],
             message: "predict the image the task names (found no prediction here yet); wanted `predict 3` after the last change and training"),
        Case(check: "output activation softmax", passing: small, failing: data + ["layer flatten", "layer dense 10 sigmoid"],
             message: "the output layer's activation is not the one the task asks for (found output activation sigmoid); wanted output activation softmax"),
        Case(check: "output activation sigmoid", passing: data + ["layer flatten", "layer dense 10 sigmoid"], failing: data,
             message: "build an output layer (found no dense layer yet); wanted output activation sigmoid"),
    ]

    @Test(arguments: cases) func passesAndFails(_ c: Case) throws {
        if let passing = c.passing { #expect(Self.text(try Self.verdict(c.check, before: c.before, after: passing)) == "pass") }
        #expect(Self.text(try Self.verdict(c.check, before: c.before, after: c.failing)) == c.message)
    }

    /// A `miss >` line gives the words a learner sees in place of the check's own sentence.
    @Test func missWordsReplaceTheRequirement() throws {
        let lesson = try LessonParser.parse(
            "# T\nexercise e\nsolution answer 25120\nexpect answer 25120\nmiss > Count the weights, one per input per neuron, and the biases.\nend", file: nil)
        let expectation = try #require(lesson.exercises.first?.expectations.first)
        let interpreter = try Support.interpreter(["answer 25088"])
        #expect(Self.text(expectation.evaluate(on: interpreter.session, since: 0))
            == "Count the weights, one per input per neuron, and the biases. (found answer 25088); wanted answer 25120 (within 0.0005)")
    }

    @Test func accuracyUsesTheLastEvaluation() throws {
        let interpreter = try Support.interpreter(Self.small + ["fit 10 batch 10", "evaluate"])
        let evaluated = try #require(interpreter.session.lastEvaluation)
        let lesson = try LessonParser.parse("# T\nexercise e\nsolution answer 0\nexpect accuracy >= 0.99\nend", file: nil)
        let expectation = try #require(lesson.exercises.first?.expectations.first)
        #expect(Self.text(expectation.evaluate(on: interpreter.session, since: 0))
            == "the model is not accurate enough on the test images yet (found test accuracy \(NumberText.fixed(evaluated.accuracy, 4))); wanted test accuracy >= 0.99")
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
              |       ^ one of: answer, layers, params, accuracy, outputs, optimizer, loss, batch, trained, epochs, evaluated, summary, shown, predicted, output
            """),
        BadCase(check: "answer one", expected: """
            error: expected the expected answer (a number, or `top output`), found `one`
             --> t.lesson:4:15
              |
            4 | expect answer one
              |               ^^^ usage: expect answer X|top output|second output [within E]
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
            error: unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)
             --> t.lesson:4:33
              |
            4 | expect layers flatten, dense 10 sigmiod
              |                                 ^^^^^^^ did you mean `sigmoid`?
            """),
        BadCase(check: "layers flatten, conv 3", expected: """
            error: unknown layer kind `conv` (expected flatten, dense or dropout)
             --> t.lesson:4:24
              |
            4 | expect layers flatten, conv 3
              |                        ^^^^ usage: expect layers flatten, dense 256 sigmoid, dense 10 softmax
            """),
        BadCase(check: "layers flatten, dropout 1", expected: """
            error: the dropout rate must be at least 0 and less than 1, found `1`
             --> t.lesson:4:32
              |
            4 | expect layers flatten, dropout 1
              |                                ^ usage: expect layers flatten, dense 256 sigmoid, dense 10 softmax
            """),
        BadCase(check: "answer 1 within 0", expected: """
            error: the tolerance must be greater than 0, found `0`
             --> t.lesson:4:24
              |
            4 | expect answer 1 within 0
              |                        ^ usage: expect answer X|top output|second output [within E]
            """),
        BadCase(check: "answer 1/(2-2)", expected: """
            error: division by zero: `(2-2)` is 0
             --> t.lesson:4:17
              |
            4 | expect answer 1/(2-2)
              |                 ^^^^^ usage: expect answer X|top output|second output [within E]
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

@Test func layersAreWrittenAsAfterLayerAtThePrompt() throws {
    let check = "layers flatten, dense 8 relu, dropout 0.2, dense 10 softmax"
    let lesson = try LessonParser.parse("# T\nexercise e\nsolution answer 0\nexpect \(check)\nend", file: nil)
    let expectation = try #require(lesson.exercises.first?.expectations.first)
    #expect(expectation.check == Expectation.Check.layers([
        .flatten, .dense(units: 8, activation: .relu), .dropout(rate: 0.2), .dense(units: 10, activation: .softmax),
    ]))
}
