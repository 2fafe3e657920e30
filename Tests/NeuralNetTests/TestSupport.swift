import Files
import Foundation
@testable import NeuralNet
import Testing

/// Float comparison with an absolute and a relative tolerance: |a − b| ≤ abs + rel · max(|a|, |b|).
func isClose(_ a: Float, _ b: Float, abs absolute: Float = 1e-6, rel relative: Float = 1e-5) -> Bool {
    guard a.isFinite, b.isFinite else { return false }
    return Swift.abs(a - b) <= absolute + relative * max(Swift.abs(a), Swift.abs(b))
}

func isClose(_ a: Double, _ b: Double, abs absolute: Double = 1e-9, rel relative: Double = 1e-9) -> Bool {
    guard a.isFinite, b.isFinite else { return false }
    return Swift.abs(a - b) <= absolute + relative * max(Swift.abs(a), Swift.abs(b))
}

/// Element-wise `isClose` over two arrays of the same length.
func allClose(_ a: [Float], _ b: [Float], abs absolute: Float = 1e-6, rel relative: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, abs: absolute, rel: relative) }
}

/// The bundled MNIST files, found relative to this source file: `<package>/lessons/data/mnist`.
let bundledMNISTDirectory: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // NeuralNetTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root
    .appendingPathComponent("lessons/data/mnist").path

/// A part of the bundled MNIST, loaded once for the whole test run (the first 20,000 training
/// and 1,000 test examples).
enum BundledMNIST {
    static let subset: Result<MNIST, FileError> = {
        do {
            return .success(try MNIST.load(from: bundledMNISTDirectory, trainLimit: 20_000, testLimit: 1_000))
        } catch let error as FileError {
            return .failure(error)
        } catch {
            return .failure(FileError(file: bundledMNISTDirectory, problem: "\(error)"))
        }
    }()

    static func load() throws -> MNIST { try subset.get() }
}

/// A fresh temporary directory, removed by the caller with `removeTemporaryDirectory`.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("NeuralNetTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func removeTemporaryDirectory(_ url: URL) {
    try? FileManager.default.removeItem(at: url)
}

/// The flatten → dense(hidden, hiddenActivation) → dense(10, softmax) model the lessons use.
func makeMNISTModel(seed: UInt64, hidden: Int, activation: Activation = .sigmoid) throws -> Model {
    let model = Model(inputShape: [28, 28], seed: seed)
    model.addFlatten()
    try model.addDense(units: hidden, activation: activation)
    try model.addDense(units: 10, activation: .softmax)
    return model
}

/// A snapshot of every parameter's values.
func weights(of model: Model) -> [[Float]] {
    model.parameters.map(\.values)
}

/// A small generated data set: `count` examples of `shape`, pixels and labels from a seeded stream.
func generatedDataset(count: Int, shape: [Int] = [4, 4], classes: Int = 10, seed: UInt64 = 7) -> Dataset {
    var generator = SeededGenerator(seed: seed, stream: 99)
    let features = shape.reduce(1, *)
    let pixels = (0..<(count * features)).map { _ in UInt8(generator.nextIndex(below: 256)) }
    var labels = (0..<count).map { UInt8($0 % classes) }
    generator.shuffle(&labels)
    return Dataset(exampleShape: shape, pixels: pixels, labels: labels)
}

/// `count` 4×4 "images" that a small model can tell apart: an example of class c is dark but for
/// row c mod 4, which is bright (with some noise everywhere); the labels go 0, 1, 2, … in turn.
func separableDataset(count: Int, classes: Int, seed: UInt64 = 7) -> Dataset {
    var generator = SeededGenerator(seed: seed, stream: 98)
    var pixels: [UInt8] = []
    for i in 0..<count {
        let row = (i % classes) % 4
        for p in 0..<16 { pixels.append(UInt8((p / 4 == row ? 200 : 0) + generator.nextIndex(below: 40))) }
    }
    return Dataset(exampleShape: [4, 4], pixels: pixels, labels: (0..<count).map { UInt8($0 % classes) })
}

/// Where two weight snapshots first differ ("tensor 2 value 17: 0.1 ≠ 0.2"), or nil when they are
/// identical bit for bit. Tests compare large snapshots through this rather than `#expect(a == b)`,
/// whose failure report diffs the two arrays element by element (hopelessly slow at 200,000 values).
func weightDifference(_ a: [[Float]], _ b: [[Float]]) -> String? {
    guard a.count == b.count else { return "\(a.count) tensors ≠ \(b.count) tensors" }
    for (t, (x, y)) in zip(a, b).enumerated() {
        guard x.count == y.count else { return "tensor \(t): \(x.count) values ≠ \(y.count) values" }
        if let i = x.indices.first(where: { x[$0].bitPattern != y[$0].bitPattern }) {
            return "tensor \(t) value \(i): \(x[i]) ≠ \(y[i])"
        }
    }
    return nil
}
