import Files
import Foundation
@testable import NeuralNet
import Testing

/// A small saved model whose file is written out in full below: 2×2 inputs → flatten → dense 3
/// relu → dense 2 softmax, SGD with momentum, MSE, two epochs of history.
enum TinyModel {
    static let saved = SavedModel(
        inputShape: [2, 2], layers: [.flatten, .dense(units: 3, activation: .relu), .dense(units: 2, activation: .softmax)],
        seed: 7, optimizer: .sgd(learningRate: 0.1, momentum: 0.9), loss: .mse, batchSize: 4,
        history: [
            EpochRecord(epoch: 1, loss: 0.5, accuracy: 0.25, validationLoss: 0.75, validationAccuracy: 0.5, seconds: 1.5),
            EpochRecord(epoch: 2, loss: 0.25, accuracy: 0.75, validationLoss: nil, validationAccuracy: nil, seconds: 2),
        ],
        weights: [
            (1...12).map { Float($0) / 8 - 1 }, [0.5, -0.25, 0], (1...6).map { Float($0) * 0.3 }, [-1, 1],
        ])

    /// Its header, byte for byte.
    static let header = #"{"batch_size":4,"format":"tutor-model","history":[{"accuracy":0.25,"epoch":1,"loss":0.5,"seconds":1.5,"val_accuracy":0.5,"val_loss":0.75},{"accuracy":0.75,"epoch":2,"loss":0.25,"seconds":2}],"input_shape":[2,2],"layers":[{"type":"flatten"},{"activation":"relu","type":"dense","units":3},{"activation":"softmax","type":"dense","units":2}],"loss":"mean_squared_error","optimizer":{"learning_rate":0.1,"momentum":0.9,"name":"sgd"},"seed":7,"tensors":[{"name":"dense/kernel","shape":[4,3]},{"name":"dense/bias","shape":[3]},{"name":"dense_1/kernel","shape":[3,2]},{"name":"dense_1/bias","shape":[2]}],"version":2}"#

    static var bytes: [UInt8] { ModelFile.encode(saved) }

    /// A file with `header` (given as text) and `weights` (raw bytes), its header length made to fit.
    static func file(header: String, weights: [UInt8]) -> [UInt8] {
        let h = Array(header.utf8)
        let length: [UInt8] = (0..<4).map { UInt8(truncatingIfNeeded: h.count >> (8 * $0)) }
        var bytes = ModelFile.signature
        bytes += length
        bytes += h
        bytes += weights
        return bytes
    }

    /// The tiny file's weight bytes.
    static var weightBytes: [UInt8] { Array(bytes.dropFirst(16 + header.utf8.count)) }
}

/// The description of the ``ModelFileError`` `body` throws, or nil when it throws none.
func modelFileErrorText<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as ModelFileError {
        return error.description
    } catch {
        return "not a ModelFileError: \(error)"
    }
}

/// Every file name in `directory`.
func fileNames(in directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

@Suite struct ModelFileTests {
    /// The lessons' seed model after some (made-up) training, with SGD and momentum.
    static func seedSaved(optimizer: OptimizerKind = .sgd(learningRate: 0.05, momentum: 0.9)) throws -> SavedModel {
        let model = try makeMNISTModel(seed: 42, hidden: 256)
        let history = (1...3).map { (e: Int) -> EpochRecord in
            let x = Double(e)
            return EpochRecord(
                epoch: e, loss: 1 / (x + 1), accuracy: 0.8 + x / 100,
                validationLoss: 0.3 / x, validationAccuracy: 0.91 + x / 1000, seconds: 2.25 * x)
        }
        return SavedModel(model: model, optimizer: optimizer, loss: .crossentropy, batchSize: 32, history: history)
    }

    /// `a == b`, comparing the weights through `weightDifference` (fast to report when they differ).
    static func expectSame(_ a: SavedModel, _ b: SavedModel, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(weightDifference(a.weights, b.weights) == nil, sourceLocation: sourceLocation)
        var (x, y) = (a, b)
        (x.weights, y.weights) = ([], [])
        #expect(x == y, sourceLocation: sourceLocation)
    }

    // MARK: The format

    @Test func formatConstants() {
        #expect(ModelFile.formatVersion == 3)
        #expect(ModelFile.readableVersions == 1...3)
        #expect(ModelFile.signature == [0x89, 0x54, 0x55, 0x54, 0x4F, 0x52, 0x4D, 0x44, 0x4C, 0x0D, 0x0A, 0x1A])
        #expect(ModelFile.maximumBytes == 1_627_389_952)
    }

    /// Signature, header length, the exact header, then the weights as little-endian Float32.
    @Test func encodedFileIsLaidOutAsDocumented() {
        let bytes = TinyModel.bytes
        let headerLength = TinyModel.header.utf8.count
        #expect(Array(bytes[0..<12]) == ModelFile.signature)
        #expect(Array(bytes[12..<16]) == [UInt8(headerLength & 0xFF), UInt8(headerLength >> 8), 0, 0])
        #expect(String(decoding: bytes[16..<(16 + headerLength)], as: UTF8.self) == TinyModel.header)
        #expect(bytes.count == 16 + headerLength + 4 * 23)
        let firstWeight = bytes[(16 + headerLength)..<(16 + headerLength + 4)]
        #expect(Array(firstWeight) == [0x00, 0x00, 0x60, 0xBF])  // -0.875
        #expect(Array(bytes.suffix(4)) == [0x00, 0x00, 0x80, 0x3F])  // 1.0
    }

    @Test func adamSettingsAreWrittenWithKerasNames() throws {
        var saved = TinyModel.saved
        saved.optimizer = .adam()
        saved.loss = .crossentropy
        let header = String(decoding: ModelFile.encode(saved).dropFirst(16).prefix(TinyModel.header.utf8.count + 60), as: UTF8.self)
        #expect(header.contains(#""loss":"sparse_categorical_crossentropy","optimizer":{"beta_1":0.9,"beta_2":0.999,"epsilon":1e-07,"learning_rate":0.001,"name":"adam"}"#))
    }

    // MARK: Round trips

    @Test func tinyModelRoundTrips() throws {
        let decoded = try ModelFile.decode(TinyModel.bytes, file: "tiny.tut")
        #expect(decoded == TinyModel.saved)
    }

    @Test func seedModelWithHistoryAndSGDMomentumRoundTrips() throws {
        let saved = try Self.seedSaved()
        let bytes = ModelFile.encode(saved)
        let headerLength = (0..<4).reduce(0) { $0 | Int(bytes[12 + $1]) << (8 * $1) }
        #expect(bytes.count - 16 - headerLength == 814_120)
        Self.expectSame(try ModelFile.decode(bytes, file: "seed.tut"), saved)
    }

    /// Settings at the edges: odd Float32 values, the largest seed, non-finite losses, no history.
    @Test func unusualValuesRoundTripExactly() throws {
        var saved = TinyModel.saved
        saved.optimizer = .adam(learningRate: 0.000_333_3, beta1: 0.123_456_7, beta2: 0.999_9, epsilon: 1.5e-9)
        saved.seed = .max
        saved.batchSize = 60_000
        saved.history = [
            EpochRecord(epoch: 1, loss: .nan, accuracy: 0.1, validationLoss: .infinity, validationAccuracy: 0, seconds: 0),
            EpochRecord(epoch: 2, loss: -.infinity, accuracy: 1, validationLoss: 1e-300, validationAccuracy: 1, seconds: 1e9),
        ]
        saved.weights[0][0] = .nan
        saved.weights[0][1] = -0.0
        saved.weights[0][2] = .greatestFiniteMagnitude
        saved.weights[0][3] = .leastNonzeroMagnitude
        let decoded = try ModelFile.decode(ModelFile.encode(saved), file: "odd.tut")
        #expect(decoded.optimizer == saved.optimizer)
        #expect(decoded.seed == .max)
        #expect(decoded.batchSize == 60_000)
        #expect(decoded.history.map(\.loss.bitPattern) == saved.history.map(\.loss.bitPattern))
        #expect(decoded.history.map { $0.validationLoss?.bitPattern } == saved.history.map { $0.validationLoss?.bitPattern })
        #expect(decoded.history.map(\.seconds) == saved.history.map(\.seconds))
        #expect(weightDifference(decoded.weights, saved.weights) == nil)

        saved.history = []
        #expect(try ModelFile.decode(ModelFile.encode(saved), file: "odd.tut").history == [])
    }

    /// A model with no dense layer has no tensors, and no weight bytes.
    @Test func modelWithoutTensorsRoundTrips() throws {
        let saved = SavedModel(
            inputShape: [28, 28], layers: [.flatten], seed: 1, optimizer: .defaultSGD, loss: .crossentropy,
            batchSize: 32, history: [], weights: [])
        let bytes = ModelFile.encode(saved)
        #expect(String(decoding: bytes.dropFirst(16), as: UTF8.self).hasSuffix(#""tensors":[],"version":2}"#))
        #expect(try ModelFile.decode(bytes, file: "empty.tut") == saved)
    }

    @Test func capturesAModelAndRebuildsIt() throws {
        let model = try makeMNISTModel(seed: 9, hidden: 16, activation: .tanh)
        let saved = SavedModel(model: model, optimizer: .adam(), loss: .mse, batchSize: 8, history: [])
        #expect(saved.inputShape == [28, 28])
        #expect(saved.layers == model.specs)
        #expect(saved.seed == 9)
        #expect(weightDifference(saved.weights, weights(of: model)) == nil)
        let rebuilt = try saved.makeModel()
        #expect(rebuilt.specs == model.specs)
        #expect(rebuilt.seed == 9)
        #expect(rebuilt.inputShape == [28, 28])
        #expect(weightDifference(weights(of: rebuilt), weights(of: model)) == nil)
    }

    @Test func writesAndReadsThroughATemporaryDirectory() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = directory.appendingPathComponent("seed.tut").path
        let saved = try Self.seedSaved(optimizer: .adam(learningRate: 0.002))
        try ModelFile.write(saved, to: path)
        #expect(try fileNames(in: directory) == ["seed.tut"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(ModelFile.encode(saved)))
        Self.expectSame(try ModelFile.read(from: path), saved)

        // Writing again replaces the file, keeping its permissions.
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try ModelFile.write(TinyModel.saved, to: path)
        #expect(try ModelFile.read(from: path) == TinyModel.saved)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try fileNames(in: directory) == ["seed.tut"])
    }

    /// Trained, saved, loaded and rebuilt: the same outputs bit for bit, so the same evaluation.
    @Test("a model saved and loaded evaluates to the identical accuracy")
    func savedAndLoadedModelEvaluatesIdentically() throws {
        let mnist = try BundledMNIST.load()
        let model = try makeMNISTModel(seed: 5, hidden: 32)
        let optimizer = OptimizerKind.sgd(learningRate: 0.1, momentum: 0.9)
        let trainer = Trainer(model: model, optimizer: optimizer, loss: .crossentropy, seed: 5)
        try trainer.fit(mnist.train.prefix(2_000), epochs: 1, batchSize: 32, validationSplit: 0.1)
        let before = try trainer.evaluate(mnist.test)
        #expect(before.accuracy > 0.5)

        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = directory.appendingPathComponent("trained.tut").path
        try ModelFile.write(
            SavedModel(model: model, optimizer: optimizer, loss: .crossentropy, batchSize: 32, history: trainer.history), to: path)
        let restored = try ModelFile.read(from: path)
        let loaded = try restored.makeModel()
        #expect(restored.history == trainer.history)
        #expect(restored.history.count == 1)

        let after = try Trainer(model: loaded, optimizer: restored.optimizer, loss: restored.loss, seed: restored.seed).evaluate(mnist.test)
        #expect(after == before)
        let indices = Array(0..<100)
        #expect(weightDifference([model.predict(mnist.test, indices: indices).values], [loaded.predict(mnist.test, indices: indices).values]) == nil)
    }

    // MARK: makeModel

    @Test func makeModelRefusesInconsistentModels() {
        var saved = TinyModel.saved
        saved.weights.removeLast()
        #expect(modelFileErrorText { try saved.makeModel() }
            == "the saved model has 3 tensors but its layers need 4 (dense/kernel, dense/bias, dense_1/kernel, dense_1/bias)")

        saved = TinyModel.saved
        saved.weights[0].removeLast()
        #expect(modelFileErrorText { try saved.makeModel() }
            == "the saved model has 11 values for dense/kernel but the layers need 12 (shape [4, 3])")

        saved = TinyModel.saved
        saved.layers.removeFirst()
        #expect(modelFileErrorText { try saved.makeModel() }
            == "the saved model describes a model that cannot be built: at `layers[0]`, a dense layer needs each example as one row of numbers, but it gets shape (2, 2)")

        saved = TinyModel.saved
        saved.inputShape = [2, 0]
        #expect(modelFileErrorText { try saved.makeModel() }
            == "the saved model has `input_shape` set to [2, 0]; it should be one or more sizes of at least 1, with at most 134,217,728 values in all")
    }

    // MARK: Reading files

    @Test func readRefusesMissingFilesDirectoriesAndHugeFiles() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let missing = directory.appendingPathComponent("nothing.tut").path
        #expect(modelFileErrorText { try ModelFile.read(from: missing) } == "\(missing) does not exist")
        #expect(modelFileErrorText { try ModelFile.read(from: directory.path) } == "\(directory.path) is a directory, not a tutor model file")

        // A sparse file: large on paper, nothing on disk, refused before reading.
        let huge = directory.appendingPathComponent("huge.tut").path
        #expect(FileManager.default.createFile(atPath: huge, contents: Data(ModelFile.signature)))
        let handle = try #require(FileHandle(forWritingAtPath: huge))
        try handle.truncate(atOffset: 1_700 << 20)
        try handle.close()
        #expect(modelFileErrorText { try ModelFile.read(from: huge) }
            == "\(huge) is 1,782,579,200 bytes, more than the 1,627,389,952 bytes a tutor model file can have")

        let empty = directory.appendingPathComponent("empty.tut").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(modelFileErrorText { try ModelFile.read(from: empty) } == "\(empty) is empty, not a tutor model file")
    }

    // MARK: Writing files

    @Test func writeRefusesAMissingDirectory() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let folder = directory.appendingPathComponent("no-such-folder").path
        let path = folder + "/model.tut"
        #expect(modelFileErrorText { try ModelFile.write(TinyModel.saved, to: path) }
            == "\(path) cannot be written: the directory \(folder) does not exist")

        let file = directory.appendingPathComponent("plain").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data([1])))
        #expect(modelFileErrorText { try ModelFile.write(TinyModel.saved, to: file + "/model.tut") }
            == "\(file)/model.tut cannot be written: \(file) is not a directory")
        #expect(modelFileErrorText { try ModelFile.write(TinyModel.saved, to: directory.path + "/") }
            == "\(directory.path)/ cannot be written: it is a directory")
        #expect(try fileNames(in: directory) == ["plain"])
    }

    /// The target is an existing directory: the temporary file is written, the rename fails, the
    /// temporary file is removed and the directory is untouched.
    @Test func failedRenameLeavesNoTemporaryFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let target = directory.appendingPathComponent("model.tut")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data([1, 2, 3]).write(to: target.appendingPathComponent("inside"))
        #expect(modelFileErrorText { try ModelFile.write(TinyModel.saved, to: target.path) }
            == "\(target.path) cannot be written: it is a directory")
        #expect(try fileNames(in: directory) == ["model.tut"])
        #expect(try fileNames(in: target) == ["inside"])
        #expect(try Data(contentsOf: target.appendingPathComponent("inside")) == Data([1, 2, 3]))
    }

    /// A write that fails after the temporary file is complete leaves the old file as it was.
    @Test func interruptedWriteLeavesTheOldFileIntact() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = directory.appendingPathComponent("model.tut").path
        try ModelFile.write(TinyModel.saved, to: path)
        let old = try Data(contentsOf: URL(fileURLWithPath: path))

        let replacement = ModelFile.encode(try Self.seedSaved())
        // The hook runs where a kill would hurt most: the temporary file is complete, not yet renamed.
        let text = modelFileErrorText {
            try AtomicFile.$beforeRename.withValue({
                let names = (try? fileNames(in: directory)) ?? []
                let sawTemporary = names.contains { $0.hasPrefix(".model.tut.") && $0.hasSuffix(".tmp") }
                return FileError(file: path, problem: sawTemporary ? "was interrupted" : "has no temporary file")
            }) {
                try AtomicFile.write(replacement, to: path)
            }
        }
        #expect(text == "\(path) was interrupted")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
        #expect(try fileNames(in: directory) == ["model.tut"])
    }

    /// A model whose file would not read back is refused, and nothing is written.
    @Test func writeRefusesModelsThatWouldNotReadBack() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = directory.appendingPathComponent("bad.tut").path

        var saved = TinyModel.saved
        saved.weights.removeLast()
        #expect(modelFileErrorText { try ModelFile.write(saved, to: path) }
            == "\(path) cannot be written: the model to save has 3 tensors but its layers need 4 (dense/kernel, dense/bias, dense_1/kernel, dense_1/bias)")

        saved = TinyModel.saved
        saved.weights[2].append(0)
        #expect(modelFileErrorText { try ModelFile.write(saved, to: path) }
            == "\(path) cannot be written: the model to save says dense_1/kernel has shape [7] but the layers need [3, 2]")

        saved = TinyModel.saved
        saved.batchSize = 0
        #expect(modelFileErrorText { try ModelFile.write(saved, to: path) }
            == "\(path) cannot be written: the model to save has `batch_size` set to 0; it should be a whole number of at least 1")

        saved = TinyModel.saved
        saved.optimizer = .sgd(learningRate: .nan, momentum: 0)
        #expect(modelFileErrorText { try ModelFile.write(saved, to: path) }
            == "\(path) cannot be written: the model to save has `optimizer.learning_rate` set to \"NaN\"; it should be a number more than 0")
        #expect(try fileNames(in: directory) == [])
    }
}
