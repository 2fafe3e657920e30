import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// Numbers as people write them, at the interpreter: what `answer` echoes, what `data mnist N`
/// says when N is more than there is, and `train` wherever `test` goes.
struct NumbersCommandTests {
    /// The messages one line emits.
    static func messages(_ interpreter: Interpreter, _ line: String) throws -> [String] {
        try InterpreterTests.outputs(interpreter, line).compactMap { output in
            if case .message(let text) = output { return text }
            return nil
        }
    }

    @Test(arguments: [
        ("answer 1", "Answer: 1"),
        ("answer 25120", "Answer: 25,120"),
        ("answer 25,120", "Answer: 25,120"),
        ("answer 784*32+32", "Answer: 25,120 (784*32+32)"),
        ("answer 784·256 + 256", "Answer: 200,960 (784·256 + 256)"),
        ("answer 1/3", "Answer: 0.3333333333 (1/3)"),
        ("answer 0.3333", "Answer: 0.3333"),
        ("answer −(2 − 3)", "Answer: 1 (−(2 − 3))"),
        ("answer 1e-3", "Answer: 0.001"),
    ])
    func answerEchoesTheValueItUnderstood(line: String, echo: String) throws {
        let interpreter = try InterpreterTests.interpreter()
        #expect(try Self.messages(interpreter, line) == [echo])
    }

    @Test func theAnswerKeptIsTheValue() throws {
        let interpreter = try InterpreterTests.interpreter(["answer 1/4 + 784*32"])
        #expect(interpreter.session.answer == 25_088.25)
    }

    @Test func moreTrainingImagesThanThereAreLoadsAllOfThemAndSaysSo() throws {
        let interpreter = try InterpreterTests.interpreter()
        #expect(try Self.messages(interpreter, "data mnist 70000") == [
            "Loaded MNIST: 60,000 training and 10,000 test images of 28×28 pixels, scaled to 0…1. You asked for 70,000 training images: there are 60,000; loaded all of them.",
        ])
        #expect(interpreter.session.dataLimits.train == nil)
    }

    @Test func moreOfBothLoadsAllOfBoth() throws {
        let interpreter = try InterpreterTests.interpreter()
        #expect(try Self.messages(interpreter, "data mnist 100 10,001") == [
            "Loaded MNIST: 100 training and 10,000 test images of 28×28 pixels, scaled to 0…1. You asked for 10,001 test images: there are 10,000; loaded all of them.",
        ])
        #expect(interpreter.session.dataLimits.train == 100)
        #expect(interpreter.session.dataLimits.test == nil)
    }

    @Test func asManyAsThereAreSaysNothingMore() throws {
        let interpreter = try InterpreterTests.interpreter()
        #expect(try Self.messages(interpreter, "data mnist 100 20") == [
            "Loaded MNIST: 100 training and 20 test images of 28×28 pixels, scaled to 0…1.",
        ])
    }

    @Test(arguments: ["show image 3 train", "show pixels 3 train", "predict 3 train"])
    func trainIsTheTrainingSetAsWithoutAWord(line: String) throws {
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.model)
        let plain = line.replacingOccurrences(of: " train", with: "")
        #expect(try InterpreterTests.outputs(interpreter, line) == InterpreterTests.outputs(interpreter, plain))
        let test = try InterpreterTests.outputs(interpreter, line.replacingOccurrences(of: "train", with: "test"))
        #expect(try InterpreterTests.outputs(interpreter, line) != test)
    }
}
