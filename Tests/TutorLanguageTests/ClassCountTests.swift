import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// The number of classes comes from the data: a folder of the digits 0–2 trains a model of three
/// outputs, and the coach, the confusion matrix, `show onehot` and the suggestions count three.
struct ClassCountTests {
    /// Writes four IDX files of 4×4 images labelled 0, 1, 2 in turn (30 training, 9 test) to a
    /// new folder; class c is bright in row c.
    static func threeDigitFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-three-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func images(_ count: Int) -> [UInt8] {
            (0..<count).flatMap { i in (0..<16).map { p in UInt8(p / 4 == i % 3 ? 250 : 10) } }
        }
        func labels(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 % 3) } }
        let files: [(String, [UInt8])] = [
            ("train-images-idx3-ubyte", IDX.encodeImages(shape: [4, 4], pixels: images(30))),
            ("train-labels-idx1-ubyte", IDX.encodeLabels(labels(30))),
            ("t10k-images-idx3-ubyte", IDX.encodeImages(shape: [4, 4], pixels: images(9))),
            ("t10k-labels-idx1-ubyte", IDX.encodeLabels(labels(9))),
        ]
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test func threeDigitsTrainAThreeUnitModel() throws {
        let folder = try Self.threeDigitFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = try InterpreterTests.interpreter([
            "data mnist from \(folder.path)", "layer flatten", "layer dense 3 softmax", "optimizer adam 0.05",
        ])
        #expect(interpreter.session.classCount == 3)

        let fit = try InterpreterTests.outputs(interpreter, "fit 10 batch 5")
        #expect(!fit.contains { if case .warning = $0 { true } else { false } })
        #expect(interpreter.session.history.count == 10)

        let confusion = try InterpreterTests.outputs(interpreter, "confusion")
        guard case .confusion(let report)? = confusion.first else {
            Issue.record("no confusion matrix: \(confusion)")
            return
        }
        #expect(report.counts.count == 3 && report.counts.allSatisfy { $0.count == 3 })
        #expect(report.counts.joined().reduce(0, +) == 9)
        #expect(report.accuracy == 1)

        let onehot = try InterpreterTests.outputs(interpreter, "show onehot 1")
        guard case .vector(let vector)? = onehot.first else {
            Issue.record("no vector: \(onehot)")
            return
        }
        #expect(vector.values == [0, 1, 0])
        #expect(InterpreterTests.error(interpreter, "show onehot 3") == """
            error: the labels of the loaded data go from 0 to 2
             --> 1:13
              |
            1 | show onehot 3
              |             ^
            """)
    }

    @Test func theCoachAndTheRefusalCountTheDataClasses() throws {
        let folder = try Self.threeDigitFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = try InterpreterTests.interpreter(["data mnist from \(folder.path)", "layer flatten", "layer dense 4 softmax"])
        let warnings = try InterpreterTests.outputs(interpreter, "fit 1").compactMap { output -> String? in
            if case .warning(let text) = output { text } else { nil }
        }
        #expect(warnings == ["The output layer has 4 units but there are 3 digits: end with `layer dense 3 softmax`."])

        try interpreter.execute(line: "pop", number: 2) { _ in }
        try interpreter.execute(line: "layer dense 2 softmax", number: 3) { _ in }
        #expect(InterpreterTests.error(interpreter, "fit 1") == """
            error: cannot train this model: the last layer has 2 outputs but the labels go up to 2; it needs 3 (one per digit)
             --> 1:1
              |
            1 | fit 1
              | ^^^^^ a model for 3 classes: `layer flatten`, `layer dense 256 sigmoid`, `layer dense 3 softmax`
            """)
    }
}
