import Foundation
import NeuralNet
import Testing
import TextFormat
@testable import TutorLanguage

/// `explain`: the arithmetic behind the last result, with the session's own numbers — checked
/// word for word, and its numbers against an independent computation.
struct ExplainTests {
    typealias Line = Explanation.Line

    /// The explanation `explain` emits after `setup`.
    static func explanation(_ setup: [String]) throws -> Explanation {
        let interpreter = try InterpreterTests.interpreter(setup)
        let outputs = try InterpreterTests.outputs(interpreter, "explain")
        guard case .explanation(let explanation)? = outputs.first, outputs.count == 1 else {
            Issue.record("explain printed \(outputs)")
            return Explanation(title: "", lines: [])
        }
        return explanation
    }

    static func steps(_ explanation: Explanation) -> [String] {
        explanation.lines.compactMap { if case .step(let step) = $0 { return step } else { return nil } }
    }

    static func texts(_ explanation: Explanation) -> [String] {
        explanation.lines.compactMap { if case .text(let text) = $0 { return text } else { return nil } }
    }

    static let model = InterpreterTests.model  // data mnist 100 20, flatten, dense 8 sigmoid, dense 10 softmax

    // MARK: - The math playground

    @Test func softmaxShowsEachPowerTheSumAndEachRatio() throws {
        let explanation = try Self.explanation(["show softmax [2, 1, 0.1]"])
        #expect(explanation == Explanation(title: "explaining `show softmax [2, 1, 0.1]`:", lines: [
            .text("Softmax raises e to each score x, then divides each result by their sum, so the outputs are positive and add up to 1."),
            .step("e^2 = 7.3891"),
            .step("e^1 = 2.7183"),
            .step("e^0.1 = 1.1052"),
            .step("sum = 7.3891 + 2.7183 + 1.1052 = 11.2125"),
            .step("7.3891 / 11.2125 = 0.6590"),
            .step("2.7183 / 11.2125 = 0.2424"),
            .step("1.1052 / 11.2125 = 0.0986"),
            .step("0.6590 + 0.2424 + 0.0986 = 1.0000"),
        ]))
    }

    /// The numbers of the softmax explanation, worked out here on their own: e^x, the sum, each
    /// ratio — which must be what `show softmax` printed.
    @Test(arguments: [[2, 1, 0.1], [0.5, -3, 4, 1.25], [-1, -2]] as [[Float]])
    func softmaxNumbersAgreeWithAnIndependentComputation(_ scores: [Float]) throws {
        let literal = "[" + scores.map(NumberText.short).joined(separator: ", ") + "]"
        let steps = Self.steps(try Self.explanation(["show softmax \(literal)"]))
        let powers = scores.map { exp(Double($0)) }
        let sum = powers.reduce(0, +)
        let printed = Activation.softmax(scores).map { NumberText.fixed(Double($0), 4) }
        for (x, e) in zip(scores, powers) {
            #expect(steps.contains("e^\(NumberText.short(x)) = \(NumberText.fixed(e, 4))"))
        }
        #expect(steps.contains("sum = " + powers.map { NumberText.fixed($0, 4) }.joined(separator: " + ") + " = " + NumberText.fixed(sum, 4)))
        for (e, p) in zip(powers, printed) {
            #expect(NumberText.fixed(e / sum, 4) == p)
            #expect(steps.contains("\(NumberText.fixed(e, 4)) / \(NumberText.fixed(sum, 4)) = \(p)"))
        }
    }

    @Test func largeScoresAreShownWithTheMaximumSubtracted() throws {
        let explanation = try Self.explanation(["show softmax [1000, 0, -1000]"])
        #expect(Self.texts(explanation).contains(
            "The largest score is 1000, and e^1000 is too large to compute with: tutor subtracts 1000 from every score first, e^(x − 1000), which leaves every ratio as it was."))
        #expect(Self.steps(explanation) == [
            "e^(1000 − 1000) = 1.0000", "e^(0 − 1000) = 0.0000", "e^(-1000 − 1000) = 0.0000",
            "sum = 1.0000 + 0.0000 + 0.0000 = 1.0000",
            "1.0000 / 1.0000 = 1.0000", "0.0000 / 1.0000 = 0.0000", "0.0000 / 1.0000 = 0.0000",
            "1.0000 + 0.0000 + 0.0000 = 1.0000",
        ])
    }

    @Test func aLongVectorShowsItsFirstValuesAndHowManyMore() throws {
        let steps = Self.steps(try Self.explanation(["show softmax [1,2,3,4,5,6,7,8,9,10,11,12]"]))
        #expect(steps == [
            "e^1 = 2.7183", "e^2 = 7.3891", "e^3 = 20.0855", "… and 9 more",
            "sum = the 12 values added up = 257472.7070",
            "2.7183 / 257472.7070 = 0.0000", "7.3891 / 257472.7070 = 0.0000", "20.0855 / 257472.7070 = 0.0001", "… and 9 more",
            "the 12 outputs added up = 1.0000",
        ])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let setup: [String]
        let lines: [Line]
        var testDescription: String { setup.last ?? "" }
    }

    static let playground: [Case] = [
        Case(setup: ["show sigmoid [2,1,0.1]"], lines: [
            .text("Sigmoid squashes each value x on its own into (0, 1): 1 / (1 + e^−x)."),
            .step("1 / (1 + e^-2) = 1 / (1 + 0.1353) = 0.8808"),
            .step("1 / (1 + e^-1) = 1 / (1 + 0.3679) = 0.7311"),
            .step("1 / (1 + e^-0.1) = 1 / (1 + 0.9048) = 0.5250"),
            .step("sum = 0.8808 + 0.7311 + 0.5250 = 2.1368"),
            .text("Nothing ties the outputs together, so their sum is not 1: they are not the probabilities of one choice, as softmax's are."),
        ]),
        Case(setup: ["show relu [-1 0 2.5]"], lines: [
            .text("ReLU keeps a positive value and turns a negative one into 0: max(0, x)."),
            .step("max(0, -1) = 0.0000"), .step("max(0, 0) = 0.0000"), .step("max(0, 2.5) = 2.5000"),
            .step("sum = 0.0000 + 0.0000 + 2.5000 = 2.5000"),
        ]),
        Case(setup: ["show tanh [.5, -1e-1, 30]"], lines: [
            .text("Tanh squashes each value x on its own into (−1, 1): (e^x − e^−x) / (e^x + e^−x)."),
            .step("x = 0.5: (1.6487 − 0.6065) / (1.6487 + 0.6065) = 0.4621"),
            .step("x = -0.1: (0.9048 − 1.1052) / (0.9048 + 1.1052) = -0.0997"),
            .step("x = 30: e^-30 is next to nothing beside e^30, so tanh is 1.0000"),
            .step("sum = 0.4621 − 0.0997 + 1.0000 = 1.3624"),
        ]),
        Case(setup: ["show linear [3]"], lines: [
            .text("Linear leaves each value as it is: x."), .step("3 → 3.0000"), .step("sum = 3.0000"),
        ]),
        Case(setup: ["show derivative sigmoid [0, 2]"], lines: [
            .text("Sigmoid's slope at x is y·(1 − y), where y = sigmoid(x): what backpropagation multiplies the gradient by."),
            .step("x = 0: y = 0.5000, 0.5000·(1 − 0.5000) = 0.2500"),
            .step("x = 2: y = 0.8808, 0.8808·(1 − 0.8808) = 0.1050"),
        ]),
        Case(setup: ["show derivative relu [-1, 0, 2]"], lines: [
            .text("ReLU's slope is 1 where the value is positive and 0 elsewhere: a unit with a negative input passes no gradient back."),
            .step("x = -1 ≤ 0: slope 0.0000"), .step("x = 0 ≤ 0: slope 0.0000"), .step("x = 2 > 0: slope 1.0000"),
        ]),
        Case(setup: ["show derivative tanh [0.5]"], lines: [
            .text("Tanh's slope at x is 1 − y², where y = tanh(x): what backpropagation multiplies the gradient by."),
            .step("x = 0.5: y = 0.4621, 1 − 0.4621² = 0.7864"),
        ]),
        Case(setup: ["show derivative linear [1, 2]"], lines: [
            .text("Linear's slope is 1 at every value: the gradient passes back unchanged."),
            .step("x = 1: slope 1.0000"), .step("x = 2: slope 1.0000"),
        ]),
        Case(setup: ["show onehot 7"], lines: [
            .text("The one-hot vector of digit 7 has 10 positions, one per digit 0…9: position 7 is 1 and the other 9 are 0."),
            .step("positions 0…6: 0"), .step("position 7: 1"), .step("positions 8…9: 0"), .step("sum = 1"),
            .text("Crossentropy compares a prediction p with it as −ln(p_7): only the probability given to digit 7 counts."),
            .step("p_7 = 0.9: −ln(0.9000) = 0.1054"),
            .step("p_7 = 0.1: −ln(0.1000) = 2.3026"),
            .step("p_7 = 1: −ln(1) = 0, the loss of a certain right answer"),
        ]),
        Case(setup: ["show flatten [[1, 2], [3, 4]]"], lines: [
            .text("Flatten lays the rows of the 2×2 matrix end to end: element (r, c) — row r, column c, counting from 0 — goes to position r·2 + c."),
            .step("(0, 0) = 1 → position 0·2 + 0 = 0"),
            .step("(0, 1) = 2 → position 0·2 + 1 = 1"),
            .step("(1, 0) = 3 → position 1·2 + 0 = 2"),
            .step("(1, 1) = 4 → position 1·2 + 1 = 3"),
            .step("2·2 = 4 values"),
        ]),
        Case(setup: ["let v = [2, 1]", "show flatten v"], lines: [
            .text("Flatten lays the rows of the 1×2 matrix end to end: element (r, c) — row r, column c, counting from 0 — goes to position r·2 + c."),
            .step("(0, 0) = 2 → position 0·2 + 0 = 0"),
            .step("(0, 1) = 1 → position 0·2 + 1 = 1"),
            .step("1·2 = 2 values"),
        ]),
    ]

    @Test(arguments: playground)
    func eachPlaygroundResultIsExplainedInItsOwnWords(_ c: Case) throws {
        let explanation = try Self.explanation(c.setup)
        #expect(explanation.title == "explaining `\(c.setup.last ?? "")`:")
        #expect(explanation.lines == c.lines)
    }

    // MARK: - The model

    static let layers: [Case] = [
        Case(setup: InterpreterTests.data + ["layer flatten"], lines: [
            .text("Flatten lays each example's values end to end, row after row: value (r, c) goes to position r·28 + c. It only moves values, so it has no parameters."),
            .step("28·28 = 784 values"), .step("parameters: 0"), .text("The model now has 0 parameters."),
        ]),
        Case(setup: InterpreterTests.data + ["layer flatten", "layer dense 256 sigmoid"], lines: [
            .text("Each of the 256 units holds one weight for each of the 784 inputs and one bias, and computes sigmoid(w·x + b): the weighted sum of its 784 inputs plus its bias, through sigmoid."),
            .step("weights: 784·256 = 200,704"), .step("biases: 256, one per unit"), .step("parameters: 200,704 + 256 = 200,960"),
            .text("The model now has 200,960 parameters."),
        ]),
        Case(setup: InterpreterTests.data + ["layer flatten", "layer dense 256 sigmoid", "layer dropout 0.2"], lines: [
            .text("Dropout has no parameters: it learns nothing. In training (`fit`) each of its 256 inputs is set to 0 with probability 0.2, and the others are multiplied by 1/(1 − 0.2), so that their expected sum stays as it was. `evaluate`, `predict` and `confusion` pass the values through unchanged."),
            .step("zeroed in an example, on average: 0.2·256 = 51.2"), .step("the others scaled by 1 / (1 − 0.2) = 1.2500"),
            .step("parameters: 0"), .text("The model now has 200,960 parameters."),
        ]),
        Case(setup: InterpreterTests.data + ["layer flatten", "layer dense 256 sigmoid", "layer dense 10"], lines: [
            .text("Each of the 10 units holds one weight for each of the 256 inputs and one bias, and computes w·x + b: the weighted sum of its 256 inputs plus its bias."),
            .step("weights: 256·10 = 2,560"), .step("biases: 10, one per unit"), .step("parameters: 2,560 + 10 = 2,570"),
            .text("The model now has 203,530 parameters."),
        ]),
        Case(setup: InterpreterTests.data + ["layer flatten", "layer dense 256 sigmoid", "layer dropout 0.5", "layer dense 10 softmax", "summary"], lines: [
            .text("The total is the sum of each layer's parameters: its weights and biases, all trainable (`fit` changes them)."),
            .step("flatten: 0"), .step("dense: 784·256 + 256 = 200,960"), .step("dropout: 0"), .step("dense_1: 256·10 + 10 = 2,570"),
            .step("total: 0 + 200,960 + 0 + 2,570 = 203,530"),
        ]),
        Case(setup: ["model"], lines: [.text("The model has no layers yet, so it has 0 parameters.")]),
    ]

    @Test(arguments: layers)
    func eachLayerAndTheSummaryAreExplained(_ c: Case) throws {
        #expect(try Self.explanation(c.setup).lines == c.lines)
    }

    /// A dense layer's count worked out on its own, and the model's, against the explanation.
    @Test(arguments: [(784, 256), (784, 32), (20, 7)])
    func denseParametersAgreeWithTheModel(inputs: Int, units: Int) throws {
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.data + ["layer flatten"] + (inputs == 784 ? [] : ["layer dense \(inputs)"]))
        try interpreter.execute(line: "layer dense \(units) relu", number: 1) { _ in }
        let steps = Self.steps(try #require(interpreter.session.lastResult).explanation)
        let weights = inputs * units
        #expect(steps.contains("weights: \(Thousands.grouped(inputs))·\(units) = \(Thousands.grouped(weights))"))
        #expect(steps.contains("parameters: \(Thousands.grouped(weights)) + \(units) = \(Thousands.grouped(weights + units))"))
        #expect(interpreter.session.model?.layers.last?.parameterCount == weights + units)
    }

    // MARK: - Training

    @Test func fitCountsTheExamplesTheStepsAndTheUpdates() throws {
        let explanation = try Self.explanation(Self.model + ["fit 2 batch 32 validate 0.25"])
        let interpreter = try InterpreterTests.interpreter(Self.model + ["fit 2 batch 32 validate 0.25"])
        let losses = interpreter.session.history.map { NumberText.fixed($0.loss, 4) }
        let (first, last) = (interpreter.session.history[0].loss, interpreter.session.history[1].loss)
        let change = (last < first ? "down" : "up") + " by " + NumberText.fixed(abs(first - last), 4)
        #expect(explanation.lines == [
            .text("An epoch is one pass over the training examples, shuffled anew, in batches of 32; after each batch the optimizer (adam) takes one step."),
            .step("trained on: ⌊100·(1 − 0.25)⌋ = 75"),
            .step("held out for validation: the last 100 − 75 = 25"),
            .step("steps per epoch: ⌈75 / 32⌉ = 3"),
            .step("the last batch of each epoch: 75 − 2·32 = 11 examples"),
            .step("updates: 2 epochs × 3 steps = 6"),
            .step("each update changes all 6,370 parameters, a little against their gradient"),
            .text("The loss an epoch line shows is the mean over its batches, each measured before its update."),
            .step("loss: \(losses[0]) in epoch 1 → \(losses[1]) in epoch 2, \(change)"),
        ])
    }

    @Test func fitWithFullBatchesHasNoLastBatchLine() throws {
        let steps = Self.steps(try Self.explanation(Self.model + ["fit 1 batch 25"]))
        #expect(Array(steps.prefix(3)) == ["trained on: all 100 examples", "steps per epoch: ⌈100 / 25⌉ = 4", "updates: 1 epoch × 4 steps = 4"])
    }

    @Test func aFitStoppedByCtrlCCountsTheUpdatesItMade() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model)
        var asked = 0
        interpreter.shouldStop = {
            asked += 1
            // 4 steps an epoch: epoch 1, the ask before epoch 2 begins, then 2 batches of it.
            return asked > 7
        }
        try interpreter.execute(line: "fit 3 batch 25", number: 1) { _ in }
        let steps = Self.steps(try #require(interpreter.session.lastResult).explanation)
        #expect(steps.contains("updates: 1 epoch × 4 steps + 2 in epoch 2, where Ctrl-C stopped it = 6"))
        #expect(steps.last?.hasPrefix("loss: ") == true && steps.last?.hasSuffix(" in its one epoch") == true)
    }

    @Test func evaluateExplainsTheLossItsExponentAndTheAccuracy() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["evaluate"])
        let result = try #require(interpreter.session.lastEvaluation)
        let explanation = try #require(interpreter.session.lastResult).explanation
        let loss = NumberText.fixed(result.loss, 4)
        let right = Int((result.accuracy * 20).rounded())
        #expect(explanation.lines == [
            .text("The loss is the mean, over the 20 test images, of −ln(the probability the model gave the right digit): 0 for a certain right answer, large for a confident wrong one."),
            .step("loss = Σ −ln(p_right) / 20 = \(NumberText.fixed(result.loss * 20, 4)) / 20 = \(loss)"),
            .step("e^(−\(loss)) = \(NumberText.fixed(exp(-result.loss), 4)): the geometric mean of the probabilities given to the right digit"),
            .step("accuracy = right / total = \(right) / 20 = \(NumberText.fixed(result.accuracy, 4))"),
            .text("A model that gives each of the 10 digits 1/10 = 0.1000 scores −ln(1/10) = 2.3026 and gets about 1 in 10 right."),
            .text("This loss, \(loss), is close to it: the model has learned little or nothing yet."),
        ])
        #expect(NumberText.fixed(log(10.0), 4) == "2.3026")
    }

    /// `e^(−loss)` is the geometric mean of the probabilities of the right digits: worked out
    /// here from every test image's outputs.
    @Test func theExponentOfTheLossIsTheGeometricMeanOfTheRightProbabilities() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["fit 1", "evaluate"])
        let session = interpreter.session
        let data = try #require(session.data)
        let model = try #require(session.model)
        let outputs = model.predict(data.test, indices: Array(0..<data.test.count))
        let logs = (0..<data.test.count).map { log(Double(outputs.row($0)[Int(data.test.labels[$0])])) }
        let geometric = exp(logs.reduce(0, +) / Double(logs.count))
        let steps = Self.steps(try #require(session.lastResult).explanation)
        #expect(steps.contains { $0.contains(" = \(NumberText.fixed(geometric, 4)): the geometric mean") })
    }

    @Test func predictShowsTheOutputsBesideTheOneHotVectorOfTheLabel() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["predict 3 test"])
        guard case .prediction(let prediction, let scores, _)? = interpreter.session.lastResult?.subject else {
            Issue.record("predict kept no prediction")
            return
        }
        // The raw scores through softmax are the outputs `predict` printed.
        for (mine, shown) in zip(Activation.softmax(scores), prediction.outputs) { #expect(abs(mine - shown) < 1e-5) }
        let explanation = try #require(interpreter.session.lastResult).explanation
        let label = try #require(prediction.image.label)
        let table = explanation.lines.compactMap { line -> ([String], [[String]])? in
            if case .table(let header, let rows) = line { return (header, rows) } else { return nil }
        }
        let (header, rows) = try #require(table.first)
        #expect(header == ["digit", "score", "output", "one-hot", "difference"])
        #expect(rows.map { $0[0] } == (0..<10).map(String.init))
        #expect(rows.map { $0[3] } == (0..<10).map { $0 == label ? "1" : "0" })
        #expect(rows.map { $0[2] } == prediction.outputs.map { NumberText.fixed(Double($0), 4) })
        #expect(rows[label][4] == NumberText.fixed(Double(prediction.outputs[label]) - 1, 4))
        let p = Double(prediction.outputs[label])
        #expect(Self.steps(explanation).contains("crossentropy for this image: −ln(p_\(label)) = −ln(\(NumberText.fixed(p, 4))) = \(NumberText.fixed(-log(p), 4))"))
        #expect(Self.texts(explanation).contains("Beside them, the one-hot vector of the label, \(label), and how far each output is from it:"))
    }

    @Test func confusionExplainsTheDiagonalAndTheLargestMistake() throws {
        let counts = [[5, 0, 1], [2, 7, 0], [0, 3, 4]]
        #expect(Steps.confusion(ConfusionReport(counts: counts)) == [
            .text("Row d counts the test images labelled d, column d those predicted as d: the diagonal holds the right answers."),
            .step("right answers, the diagonal: 5 + 7 + 4 = 16"),
            .step("accuracy = 16 / 22 = 0.7273"),
            .text("The largest cell off the diagonal: 2 was taken for 1, 3 times (row 2, column 1)."),
        ])
        #expect(Steps.confusion(ConfusionReport(counts: [[3, 0], [0, 1]])).last
            == .text("Every cell off the diagonal is 0: no image was taken for another digit."))
        let explanation = try Self.explanation(Self.model + ["confusion"])
        #expect(explanation.title == "explaining `confusion`:")
        #expect(Self.steps(explanation).last?.hasPrefix("accuracy = ") == true)
    }

    // MARK: - What explain follows

    @Test func withNothingToExplainItSaysWhatItFollows() throws {
        let list = "`explain` follows `show softmax V`, `show sigmoid|relu|tanh|linear V`, `show derivative ACT V`, `show onehot N`, `show flatten M`, `layer flatten|dense|dropout`, `model`, `fit`, `evaluate`, `predict` or `confusion`"
        let fresh = try InterpreterTests.interpreter()
        #expect(InterpreterTests.error(fresh, "explain") == """
            error: there is nothing to explain yet; \(list)
             --> 1:1
              |
            1 | explain
              | ^^^^^^^ try `show softmax [2, 1, 0.1]`, then `explain`
            """)
        let afterHelp = try InterpreterTests.interpreter(["show softmax [1, 2]", "help"])
        #expect(InterpreterTests.error(afterHelp, "explain")?.hasPrefix(
            "error: the last command, `help`, printed no arithmetic to explain; " + list) == true)
    }

    @Test func explainChangesNothingAndExplainsTheSameResultAgain() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["predict 0"])
        let weights = interpreter.session.model?.parameters.map(\.values)
        let journal = interpreter.session.journal
        let first = try InterpreterTests.outputs(interpreter, "explain")
        let second = try InterpreterTests.outputs(interpreter, "explain")
        #expect(first == second)
        #expect(interpreter.session.model?.parameters.map(\.values) == weights)
        #expect(interpreter.session.journal == journal)
    }

    @Test func aFailedCommandKeepsTheResultAndAnotherCommandClearsIt() throws {
        let interpreter = try InterpreterTests.interpreter(["show softmax [2, 1, 0.1]"])
        #expect(InterpreterTests.error(interpreter, "show image 0") != nil)
        #expect(interpreter.session.lastResult?.command == "show softmax [2, 1, 0.1]")
        try interpreter.execute(line: "let x = [1]", number: 2) { _ in }
        #expect(interpreter.session.lastResult == nil)
    }

    @Test func aSessionCopyKeepsTheResultToExplain() throws {
        let interpreter = try InterpreterTests.interpreter(["show onehot 3"])
        let copy = interpreter.session.copy()
        #expect(copy.lastResult == interpreter.session.lastResult)
        #expect(copy.lastResult != nil)
    }

    @Test func helpExplainListsEveryCommandItFollows() throws {
        let text = try #require(HelpCatalog.render(topic: "explain", width: 80))
        #expect(text == """
            explain
                the arithmetic behind the last result, with its own numbers (`help explain`
                lists what it follows)
                It explains the result of the command just before it:
                  - show softmax V: e^x of each value, their sum, each divided by it
                  - show sigmoid|relu|tanh|linear V: the formula at each value, and what the
                    sum means
                  - show derivative ACT V: the slope at each value
                  - show onehot N: its positions, and crossentropy against it
                  - show flatten M: where element (r, c) goes: r·cols + c
                  - layer flatten|dense|dropout: the shapes and the parameter count
                  - model: each layer's parameters adding up to the total
                  - fit: examples, steps per epoch, updates, the loss from first epoch to
                    last
                  - evaluate: the loss as a mean of −ln p, e^(−loss), accuracy as right /
                    total
                  - predict: the scores through the activation, beside the label's one-hot
                    vector
                  - confusion: the diagonal and the accuracy, the most frequent mistake
                example: explain
            """)
    }
}
