import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// Seeded random lines — real commands with odd numbers, broken vectors, word soup, stray
/// characters — run one after another in one session, as a learner mashing the keyboard would.
/// Each line either works or fails with a diagnostic that points into the line; a line that fails
/// changes nothing in the session; nothing traps. (Files are written in a sandbox folder.)
struct RandomInputTests {
    /// Everything a command can change in a session.
    struct Fingerprint: Equatable {
        var dataCounts: [Int]?
        var specs: [LayerSpec]?
        var weights: [[Float]]?
        var history: [EpochRecord]
        var optimizer: OptimizerKind
        var loss: Loss
        var batchSize: Int
        var seed: UInt64
        var names: [String: Operand]
        var answer: Double?
        var commands: [String]

        init(_ s: Session) {
            dataCounts = s.data.map { [$0.train.count, $0.test.count] }
            specs = s.model?.specs
            weights = s.model?.parameters.map(\.values)
            history = s.history
            optimizer = s.optimizer
            loss = s.loss
            batchSize = s.batchSize
            seed = s.seed
            names = s.names
            answer = s.answer
            commands = s.commands
        }
    }

    /// Numbers a learner might type, and some no one should.
    static let numbers = [
        "0", "1", "2", "3", "-1", "-0", "1e309", "-1e309", "99999999999999999999", "9223372036854775807",
        "9223372036854775808", "1.5", "0.0001", "nan", "inf", "1e-45", "3.4e38", "007", "1_000", "1,000",
        "0x10", ".5", "5.", "",
    ]
    static let vectors = [
        "[2,1,0.1]", "[]", "[[]]", "[[1,2],[3]]", "[1,,2]", "[1e39, -1e39]", "[[1,2],[3,4]]", "[", "[[1]", "x",
        "scores", "[1;2]", "[nan]", "[[[1]]]", "[" + Array(repeating: "1", count: 3000).joined(separator: ",") + "]",
    ]
    /// Every word of the language but `data` and `fit` (which would load all of MNIST or train
    /// for long; the templates below use them with small numbers), plus stray symbols.
    static let words = [
        "mnist", "from", "show", "image", "pixels", "test", "layer", "flatten", "dense", "sigmoid", "relu", "tanh",
        "softmax", "linear", "model", "summary", "pop", "reset", "weights", "optimizer", "adam", "sgd", "momentum",
        "loss", "crossentropy", "mse", "batch", "seed", "validate", "evaluate", "predict", "confusion", "plot",
        "accuracy", "let", "=", "answer", "notebook", "keras", "help", "history", "#", "\"", "'", "\\", "é", "🙂",
        "\t", ";", "..", "/", "",
    ]

    /// One random line.
    static func line(_ g: inout SeededGenerator) -> String {
        func pick(_ options: [String]) -> String { options[g.nextIndex(below: options.count)] }
        switch g.nextIndex(below: 14) {
        case 0: return "data mnist \(pick(["10", "100", "50", "1", "0", "-2", "x"])) \(pick(["10", "5", "0", "1", ""]))"
        case 1: return "layer dense \(pick(numbers)) \(pick(words))"
        case 2: return "layer flatten"
        case 3: return "layer dense \(pick(["1", "10", "3", "12"])) \(pick(["sigmoid", "relu", "tanh", "softmax", "linear"]))"
        case 4:
            return "fit \(pick(["1", "2", "0", "-1", "1e9", "x", ""])) "
                + pick(["", "batch 1", "batch 0", "batch 99999999", "validate 0.5", "validate 1", "validate 0.99", "validate -1", "batch 7 validate 0.2"])
        case 5: return "show \(pick(["softmax", "sigmoid", "relu", "tanh", "linear", "flatten", "onehot"])) \(pick(vectors + numbers))"
        case 6: return "show \(pick(["image", "pixels", "weights"])) \(pick(numbers)) \(pick(["", "test", "train", "x"]))"
        case 7: return "predict \(pick(numbers)) \(pick(["", "test"]))"
        case 8: return "let \(pick(["scores", "x", "_", "1a", "fit", "é"])) = \(pick(vectors + numbers))"
        case 9:
            return "optimizer \(pick(["adam", "sgd", "rmsprop"])) \(pick(numbers)) "
                + pick(["", "momentum 0.9", "momentum -1", "momentum 1e309", "momentum"])
        case 10:
            return "\(pick(["loss", "batch", "seed", "answer", "plot", "help", "run", "save", "load", "export"])) \(pick(words + numbers)) \(pick(words + numbers))"
        case 11:
            return pick([
                "evaluate", "confusion", "model", "summary", "pop", "reset", "history", "data", "plot loss",
                "plot accuracy", "help fit", "save model m.tutor", "load model m.tutor", "export keras k.py",
                "save notebook n.md", "load model .", "load model missing", "save model no/such/folder/m.tutor",
                "load model /etc/passwd", "save model ../m.tutor", "run ../../x.tut", "data mnist from /",
            ])
        case 12: return (0..<g.nextIndex(below: 7)).map { _ in pick(words + numbers + vectors.prefix(8)) }.joined(separator: " ")
        default:
            return String(String.UnicodeScalarView((0..<g.nextIndex(below: 30)).compactMap { _ in Unicode.Scalar(UInt32(g.nextIndex(below: 0x2FFF))) }))
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomLinesFailCleanlyAndChangeNothing(seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-random-\(getpid())-\(seed)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = try InterpreterTests.interpreter(["data mnist 100 20"])
        // Every file a line names stays in the test's folder (`save notebook softmax` is a line too).
        interpreter.pathPolicy = .inside(folder.path)
        var g = SeededGenerator(seed: seed)
        var failures = 0
        for number in 1...400 {
            let text = Self.line(&g)
            let before = Fingerprint(interpreter.session)
            do {
                try interpreter.execute(line: text, number: number) { _ in }
            } catch {
                // `execute` throws only `Diagnostic` (typed throws), so every failure is one.
                failures += 1
                #expect(Fingerprint(interpreter.session) == before, "`\(text)` failed but changed the session")
                let rendered = error.rendered()
                #expect(rendered.hasPrefix("error: "), "`\(text)`: \(rendered)")
                #expect(rendered.contains("\(number):"), "`\(text)` has no line:column: \(rendered)")
            }
        }
        #expect(failures > 100 && failures < 400, "the lines should mix successes and failures; \(failures) of 400 failed")
    }
}
