import Lessons
import NeuralNet
import TextFormat
import TutorLanguage
import TutorTerminal

/// What each fuzz target does with one input: everything tutor does with such bytes when they come
/// from a stranger's file or a learner's typing, short of touching the disk. A target must never
/// crash, trap or hang; an error (a ``Diagnostic``, a ``FileError``) is the right answer to bad input.
///
/// The same functions run under libFuzzer (`make fuzz`, see README) and in the tests, which replay
/// every input kept in `Tests/Fuzz/<target>/`.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// A line typed at the prompt: lexed, parsed, and offered to Tab completion at every cursor position.
    case command
    /// A lesson file: parsed with its exercises and expectations.
    case lesson
    /// An IDX file: read as images and as labels.
    case idx
    /// A model file: decoded, rebuilt, trained one batch, evaluated and its loss history plotted.
    case model

    func run(_ bytes: [UInt8]) {
        switch self {
        case .command: Self.command(bytes)
        case .lesson: Self.lesson(bytes)
        case .idx: Self.idx(bytes)
        case .model: Self.model(bytes)
        }
    }

    private static func command(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64).enumerated() {
            let line = String(line)
            if let diagnostic = (Result { () throws(Diagnostic) in try Parser.parse(line, line: number + 1, file: nil) }).failure {
                _ = diagnostic.rendered()
            }
            let width = line.count
            for cursor in stride(from: 0, through: width, by: max(1, width / 8)) {
                _ = Completer.complete(line: line, cursor: cursor, names: ["x", "y"])
            }
        }
    }

    private static func lesson(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let lesson = try LessonParser.parse(text, file: "fuzz.lesson")
            _ = lesson.exercises.count
        } catch {
            _ = error.rendered()
        }
    }

    private static func idx(_ bytes: [UInt8]) {
        _ = try? IDX.parseImages(bytes, file: "fuzz-images")
        _ = try? IDX.parseLabels(bytes, file: "fuzz-labels")
    }

    /// The shapes a model is tried on: small, so that one training batch stays fast.
    private static let largestTrainedInput = 4096

    private static func model(_ bytes: [UInt8]) {
        guard let saved = try? ModelFile.decode(bytes, file: "fuzz.model"), let model = try? saved.makeModel() else { return }
        let trainer = saved.makeTrainer(for: model)
        _ = LineChart.render(
            series: [LineChart.Series(name: "loss", values: trainer.history.map(\.loss))], width: 60, height: 12, color: false)
        let features = model.inputShape.reduce(1, *)
        guard features > 0, features <= largestTrainedInput, model.parameterCount <= 1 << 20 else { return }
        let classes = max(1, min(10, model.outputShape.reduce(1, *)))
        let data = Dataset(
            exampleShape: model.inputShape, pixels: [UInt8](repeating: 128, count: 2 * features),
            labels: [0, UInt8(classes - 1)], classCount: classes)
        guard (try? trainer.fit(data, epochs: 1, batchSize: 2)) != nil else { return }
        _ = try? trainer.evaluate(data)
    }
}

extension Result {
    /// The error, when this is one.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
