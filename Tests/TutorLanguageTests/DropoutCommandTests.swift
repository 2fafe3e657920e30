import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// `layer dropout RATE` end to end: the parse, the shape-flow line, the summary rows, the coach,
/// the refusal of a rate outside [0, 1), `export keras` and `save`/`load model`.
@Suite struct DropoutCommandTests {
    static let data = InterpreterTests.data
    static let model = data + ["layer flatten", "layer dense 8 relu", "layer dropout 0.2", "layer dense 10 softmax"]

    @Test func parses() throws {
        #expect(try Parser.parse("layer dropout 0.2", line: 1, file: nil)?.command == .layer(.dropout(rate: 0.2)))
        #expect(try Parser.parse("LAYER Dropout 0", line: 1, file: nil)?.command == .layer(.dropout(rate: 0)))
    }

    @Test func reportsTheShapeFlow() throws {
        let interpreter = try InterpreterTests.interpreter(Self.data + ["layer flatten", "layer dense 8 relu"])
        let out = try InterpreterTests.outputs(interpreter, "layer dropout 0.2")
        #expect(out == [.layerAdded(LayerReport(inputShape: [8], layer: "dropout(0.2)", outputShape: [8], formula: nil, parameters: 0))])
    }

    @Test func summaryNamesEachDropoutAsKeras() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["pop", "layer dropout 0.5", "layer dense 10 softmax"])
        let summary = interpreter.summary()
        #expect(summary.rows.map(\.name) == ["flatten", "dense", "dropout", "dropout_1", "dense_1"])
        #expect(summary.rows.map(\.type) == ["Flatten", "Dense", "Dropout", "Dropout", "Dense"])
        #expect(summary.rows.map(\.outputShape) == ["(None, 784)", "(None, 8)", "(None, 8)", "(None, 8)", "(None, 10)"])
        #expect(summary.rows.map(\.parameters) == [0, 6_280, 0, 0, 90])
    }

    @Test(arguments: ["1", "1.5", "-0.2"])
    func aRateOutside0To1IsRefused(rate: String) throws {
        let interpreter = try InterpreterTests.interpreter(Self.data + ["layer flatten"])
        let caret = String(repeating: "^", count: rate.count)
        #expect(InterpreterTests.error(interpreter, "layer dropout \(rate)") == """
            error: the dropout rate must be at least 0 and less than 1, found `\(rate)`
             --> 1:15
              |
            1 | layer dropout \(rate)
              |               \(caret)
            """)
        #expect(interpreter.session.model?.specs == [.flatten])
    }

    @Test func aRefusedFirstLayerLeavesNoModel() throws {
        let interpreter = try InterpreterTests.interpreter(Self.data)
        #expect(InterpreterTests.error(interpreter, "layer dropout 2") != nil)
        #expect(interpreter.session.model == nil)
    }

    @Test func popSaysWhatWasRemoved() throws {
        let interpreter = try InterpreterTests.interpreter(Self.data + ["layer flatten", "layer dropout 0.25"])
        #expect(try InterpreterTests.outputs(interpreter, "pop") == [.message("Removed dropout(0.25); the model now ends in (None, 784).")])
    }

    @Test func coachWarnsWhenDropoutIsLast() {
        let warnings = Coach.warnings(
            layers: [.flatten, .dense(units: 10, activation: .softmax), .dropout(rate: 0.3)], loss: .crossentropy, classes: 10)
        #expect(warnings == [
            "`layer dropout 0.3` is the last layer: in training it zeroes some of the outputs the loss compares with the labels; put dropout between hidden layers, before the output layer.",
        ])
        #expect(Coach.warnings(
            layers: [.flatten, .dense(units: 8, activation: .relu), .dropout(rate: 0.3), .dense(units: 10, activation: .softmax)],
            loss: .crossentropy, classes: 10).isEmpty)
    }

    @Test func trainsEvaluatesAndPredicts() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model)
        let fit = try InterpreterTests.outputs(interpreter, "fit 1")
        #expect(fit.contains { if case .epochEnded = $0 { return true } else { return false } })
        #expect(!fit.contains { if case .warning = $0 { return true } else { return false } })
        let first = try InterpreterTests.outputs(interpreter, "evaluate")
        #expect(try InterpreterTests.outputs(interpreter, "evaluate") == first)
        let prediction = try InterpreterTests.outputs(interpreter, "predict 0 test")
        #expect(try InterpreterTests.outputs(interpreter, "predict 0 test") == prediction)
    }

    @Test func exportsKerasDropout() {
        let settings = KerasExportTests.settings {
            $0.layers = [.flatten, .dense(units: 256, activation: .sigmoid), .dropout(rate: 0.2), .dense(units: 10, activation: .softmax)]
        }
        #expect(KerasExportTests.contains(settings, [
            "    keras.Input(shape=(28, 28)),",
            "    layers.Flatten(),",
            "    layers.Dense(256, activation=\"sigmoid\"),",
            "    layers.Dropout(0.2),",
            "    layers.Dense(10, activation=\"softmax\"),",
            "])",
        ]))
        #expect(KerasExport.call(LayerSpec.dropout(rate: 0).kerasCall) == "Dropout(0.0)")
    }

    @Test func savesAndLoadsDropout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("d.model").path
        let interpreter = try InterpreterTests.interpreter(Self.model + ["fit 1", "save model \(path)"])
        let before = interpreter.session.model?.parameters.map(\.values)
        let other = try InterpreterTests.interpreter(Self.data + ["load model \(path)"])
        #expect(other.session.model?.specs == interpreter.session.model?.specs)
        #expect(other.session.model?.parameters.map(\.values) == before)
    }
}
