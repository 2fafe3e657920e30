import Foundation
import NeuralNet
import Testing
import TextFormat
@testable import TutorLanguage

/// The interpreter on a real (small) session: what commands change, and the exact errors for
/// mistakes only the interpreter can see (data not loaded, indices out of range, unknown names).
struct InterpreterTests {
    static let mnist = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons/data/mnist").path

    /// A fresh interpreter; `setup` lines run first and must succeed.
    static func interpreter(_ setup: [String] = []) throws -> Interpreter {
        let interpreter = Interpreter(session: Session(bundledDataDirectory: mnist))
        for (i, line) in setup.enumerated() {
            try interpreter.execute(line: line, number: i + 1) { _ in }
        }
        return interpreter
    }

    /// The outputs of one line.
    static func outputs(_ interpreter: Interpreter, _ line: String) throws -> [Output] {
        var collected: [Output] = []
        try interpreter.execute(line: line, number: 1) { collected.append($0) }
        return collected
    }

    /// The rendered error of one line, or nil when it succeeds.
    static func error(_ interpreter: Interpreter, _ line: String) -> String? {
        do {
            try interpreter.execute(line: line, number: 1) { _ in }
            return nil
        } catch {
            return error.rendered()
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let setup: [String]
        let input: String
        let expected: String
        var testDescription: String { input }
    }

    static let data = ["data mnist 100 20"]
    static let model = data + ["layer flatten", "layer dense 8 sigmoid", "layer dense 10 softmax"]

    static let cases: [Case] = [
        Case(setup: [], input: "show image 0", expected: """
            error: no data is loaded yet
             --> 1:1
              |
            1 | show image 0
              | ^^^^^^^^^^^^ load the digits first: `data mnist`
            """),
        Case(setup: [], input: "layer flatten", expected: """
            error: a layer needs to know the shape of its input, and no data is loaded yet
             --> 1:1
              |
            1 | layer flatten
              | ^^^^^^^^^^^^^ load the digits first: `data mnist`, then `layer flatten …`
            """),
        Case(setup: data, input: "show pixels 100", expected: """
            error: there is no training image 100: they are numbered 0 to 99
             --> 1:13
              |
            1 | show pixels 100
              |             ^^^ try `show pixels 99`
            """),
        Case(setup: data, input: "predict 25 test", expected: """
            error: there is no test image 25: they are numbered 0 to 19
             --> 1:9
              |
            1 | predict 25 test
              |         ^^ try `predict 19 test`
            """),
        Case(setup: data, input: "fit 1", expected: """
            error: there is no model with a dense layer yet
             --> 1:1
              |
            1 | fit 1
              | ^^^^^ build one: `layer flatten`, `layer dense 256 sigmoid`, `layer dense 10 softmax`
            """),
        Case(setup: data, input: "layer dense 5", expected: """
            error: a dense layer needs each example as one row of numbers, but here each example is (28, 28)
             --> 1:7
              |
            1 | layer dense 5
              |       ^^^^^ add `layer flatten` first: it turns 28×28 into 784
            """),
        Case(setup: data + ["layer flatten"], input: "layer dense 100000000 relu", expected: """
            error: `dense 100,000,000` would need 1.14 TB for its 78,500,000,000 parameters (weights, gradients and optimizer state); the limit is 2.00 GB
             --> 1:13
              |
            1 | layer dense 100000000 relu
              |             ^^^^^^^^^ try fewer units, e.g. `layer dense 256 relu`
            """),
        Case(setup: data + ["layer flatten", "layer dense 5 relu"], input: "fit 1", expected: """
            error: cannot train this model: the last layer has 5 outputs but the labels go up to 9; it needs 10 (one per digit)
             --> 1:1
              |
            1 | fit 1
              | ^^^^^ the lesson's model: `layer flatten`, `layer dense 256 sigmoid`, `layer dense 10 softmax`
            """),
        Case(setup: model, input: "fit 1 validate 0.999", expected: """
            error: `validate 0.999` of 100 examples leaves 0 to train on and 100 to validate; both need at least 1
             --> 1:16
              |
            1 | fit 1 validate 0.999
              |                ^^^^^ try `validate 0.2`, or load more examples
            """),
        // The fraction as typed: rounded to a Float, 5e-324 would read as 0.
        Case(setup: model, input: "fit 1 validate 5e-324", expected: """
            error: `validate 5e-324` of 100 examples leaves 100 to train on and 0 to validate; both need at least 1
             --> 1:16
              |
            1 | fit 1 validate 5e-324
              |                ^^^^^^ try `validate 0.2`, or load more examples
            """),
        Case(setup: model, input: "fit 1 validate .1e-19", expected: """
            error: `validate .1e-19` of 100 examples leaves 100 to train on and 0 to validate; both need at least 1
             --> 1:16
              |
            1 | fit 1 validate .1e-19
              |                ^^^^^^ try `validate 0.2`, or load more examples
            """),
        Case(setup: [], input: "pop", expected: """
            error: the model has no layers to remove
             --> 1:1
              |
            1 | pop
              | ^^^
            """),
        Case(setup: [], input: "plot loss", expected: """
            error: there is no training history to plot yet
             --> 1:1
              |
            1 | plot loss
              | ^^^^^^^^^ train first: `fit 3`
            """),
        Case(setup: model, input: "show weights 8", expected: """
            error: the first dense layer has 8 units, numbered 0 to 7
             --> 1:14
              |
            1 | show weights 8
              |              ^
            """),
        Case(setup: ["let scores = [1, 2]"], input: "show softmax scroes", expected: """
            error: `scroes` is not defined
             --> 1:14
              |
            1 | show softmax scroes
              |              ^^^^^^ did you mean `scores`?
            """),
        Case(setup: [], input: "show relu x", expected: """
            error: `x` is not defined
             --> 1:11
              |
            1 | show relu x
              |           ^ name a vector first: `let x = [2, 1, 0.1]`
            """),
        Case(setup: ["let m = [[1, 2], [3, 4]]"], input: "show softmax m", expected: """
            error: `show softmax` takes a vector, like `[2, 1, 0.1]`, not a matrix
             --> 1:14
              |
            1 | show softmax m
              |              ^ `show flatten` turns a matrix into a vector
            """),
        Case(setup: [], input: "data mnist from /nonexistent/folder", expected: """
            error: cannot load MNIST: /nonexistent/folder/train-images-idx3-ubyte.gz is missing (looked for train-images-idx3-ubyte with and without .gz)
             --> 1:17
              |
            1 | data mnist from /nonexistent/folder
              |                 ^^^^^^^^^^^^^^^^^^^
            """),
        Case(setup: [], input: "run /nonexistent/script.tut", expected: """
            error: cannot run `/nonexistent/script.tut`: it does not exist
             --> 1:5
              |
            1 | run /nonexistent/script.tut
              |     ^^^^^^^^^^^^^^^^^^^^^^^
            """),
    ]

    @Test(arguments: cases)
    func errorText(_ c: Case) throws {
        let interpreter = try InterpreterTests.interpreter(c.setup)
        #expect(InterpreterTests.error(interpreter, c.input) == c.expected)
    }

    /// A failing command leaves every part of the session as it was.
    @Test(arguments: ["layer dense 100000000", "layer dense 7 sigmiod", "fit 0", "show image 5000", "pop pop", "let = [1]"])
    func errorsChangeNothing(_ bad: String) throws {
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.model + ["let v = [1, 2]"])
        let session = interpreter.session
        let before = (session.model?.specs, session.model?.parameters.map(\.values), session.names, session.commands, session.batchSize)
        #expect(InterpreterTests.error(interpreter, bad) != nil)
        #expect(session.model?.specs == before.0)
        #expect(session.model?.parameters.map(\.values) == before.1)
        #expect(session.names == before.2)
        #expect(session.commands == before.3)
        #expect(session.batchSize == before.4)
    }

    @Test func layerReportsShapeFlowAndFormula() throws {
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.data + ["layer flatten"])
        let out = try InterpreterTests.outputs(interpreter, "layer dense 256 sigmoid")
        #expect(out == [.layerAdded(LayerReport(
            inputShape: [784], layer: "dense(256, sigmoid)", outputShape: [256], formula: "784·256 + 256", parameters: 200_960))])
    }

    @Test func summaryNamesLayersAsKeras() throws {
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.data + ["layer flatten", "layer dense 256 sigmoid", "layer dense 10 softmax"])
        let summary = interpreter.summary()
        #expect(summary.rows.map(\.name) == ["flatten", "dense", "dense_1"])
        #expect(summary.rows.map(\.outputShape) == ["(None, 784)", "(None, 256)", "(None, 10)"])
        #expect(summary.rows.map(\.parameters) == [0, 200_960, 2_570])
        #expect(summary.trainable == 203_530)
    }

    @Test func sameSeedSameNumbers() throws {
        func run() throws -> [Output] {
            let interpreter = try InterpreterTests.interpreter(InterpreterTests.model + ["seed 3"])
            var out: [Output] = []
            try interpreter.execute(line: "fit 1", number: 1) { if !$0.isTransient { out.append($0) } }
            try interpreter.execute(line: "evaluate", number: 2) { out.append($0) }
            return out.map { output in
                guard case .epochEnded(var p) = output else { return output }
                p.seconds = 0
                return .epochEnded(p)
            }
        }
        #expect(try run() == run())
    }

    @Test func fitStopsWhenAskedAndKeepsWeights() throws {
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.model)
        var batches = 0
        interpreter.shouldStop = { batches >= 2 }
        var out: [Output] = []
        try interpreter.execute(line: "fit 3 batch 10", number: 1) { output in
            if case .batchProgress = output { batches += 1 }
            out.append(output)
        }
        #expect(batches == 2)
        #expect(out.last == .message("Stopped in epoch 1 after 2 of 10 batches; the weights from the last finished batch are kept."))
    }

    /// Ctrl-C between two epochs stops after the one that finished: no batch of the next one
    /// runs, and the message names the finished epoch.
    @Test func aStopBetweenEpochsNamesTheEpochThatFinished() throws {
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.model)
        var epochsEnded = 0, batches = 0
        interpreter.shouldStop = { epochsEnded >= 1 }
        var out: [Output] = []
        try interpreter.execute(line: "fit 3 batch 10", number: 1) { output in
            if case .epochEnded = output { epochsEnded += 1 }
            if case .batchProgress = output { batches += 1 }
            out.append(output)
        }
        #expect(batches == 10)
        #expect(!out.contains { if case .epochBegan(let epoch, _) = $0 { epoch == 2 } else { false } })
        #expect(out.last == .message("Stopped after epoch 1 of 3; the weights it ended with are kept."))
        #expect(interpreter.session.fits.last?.ending == .stopped(epoch: 2, step: 0, steps: 10))
    }

    @Test func answerAndOutputsAreRecorded() throws {
        let interpreter = try InterpreterTests.interpreter(["answer 0.5", "show softmax [2, 1, 0.1]"])
        #expect(interpreter.session.answer == 0.5)
        let sum = interpreter.session.lastOutputs?.values.reduce(0, +) ?? 0
        #expect(abs(sum - 1) < 1e-6)
    }
}

/// The printed sum is exact to its four decimals even for a long vector: 30,000 values of
/// 1/30,000 each (as many as fit on a line of 64 KiB), added in Float, would come to 0.9997.
@Test func aLongSoftmaxStillSumsToOne() throws {
    let interpreter = try InterpreterTests.interpreter()
    let line = "show softmax [" + Array(repeating: "1", count: 30_000).joined(separator: ",") + "]"
    let out = try InterpreterTests.outputs(interpreter, line)
    guard case .vector(let report) = out.first else {
        Issue.record("expected a vector, got \(out)")
        return
    }
    #expect(report.values.count == 30_000)
    #expect(NumberText.fixed(report.sum, 4) == "1.0000")
}

@Test func derivativesAreTheSlopesBackpropagationUses() throws {
    // sigmoid′(z) = y(1 − y): at 0 it is 0.25; relu′ is [z > 0]; tanh′(0) = 1; linear′ = 1.
    #expect(VectorFunction.derivative(.sigmoid)([0]) == [0.25])
    #expect(VectorFunction.derivative(.relu)([-1, 0.5, 2]) == [0, 1, 1])
    #expect(VectorFunction.derivative(.tanh)([0]) == [1])
    #expect(VectorFunction.derivative(.linear)([-3, 7]) == [1, 1])
    // Against a central finite difference of the activation itself.
    for activation in [Activation.sigmoid, .tanh] {
        let z: [Float] = [-2, -0.3, 0.7, 1.5]
        let h: Float = 1e-2
        let numeric = zip(activation(z.map { $0 + h }), activation(z.map { $0 - h })).map { ($0 - $1) / (2 * h) }
        for (slope, estimate) in zip(activation.derivative(z), numeric) { #expect(abs(slope - estimate) < 1e-3) }
    }
    #expect(try Parser.parse("show derivative relu [1, -1]", line: 1, file: nil)?.command
        == .showFunction(.derivative(.relu), .vector([1, -1])))
    #expect(throws: Diagnostic.self) { try Parser.parse("show derivative softmax [1]", line: 1, file: nil) }
}
