import ArgumentParser
import Foundation
import NeuralNet

/// `tutor bench`: the reference training — full MNIST, flatten → dense 256 sigmoid → dense 10
/// softmax, adam, batch 32, seed 42 — timed per epoch, then evaluated on the test set.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the reference training (full MNIST, adam, batch 32, seed 42) per epoch.")

    @Option(help: "Epochs to train.") var epochs = 3
    @Option(help: "Examples per batch.") var batch = 32
    @Flag(help: "Print one JSON object instead of a table.") var json = false

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
    }

    func run() throws {
        guard let directory = BundledData.mnistDirectory() else {
            throw ValidationError("cannot find the bundled MNIST files (lessons/data/mnist); set TUTOR_DATA to their folder")
        }
        let data = try MNIST.load(from: directory)
        let model = Model(inputShape: data.train.exampleShape, seed: 42)
        model.addFlatten()
        try model.addDense(units: 256, activation: .sigmoid)
        try model.addDense(units: 10, activation: .softmax)
        let trainer = Trainer(model: model, optimizer: .adam(), loss: .crossentropy, seed: 42)
        if !json { print("tutor bench: \(data.train.count) examples, batch \(batch), adam") }
        let outcome = try trainer.fit(data.train, epochs: epochs, batchSize: batch, onEpoch: { record in
            if !json {
                print(String(format: "epoch %d  %.3f s  loss %.4f  accuracy %.4f", record.epoch, record.seconds, record.loss, record.accuracy))
            }
        })
        let test = try trainer.evaluate(data.test)
        let seconds = outcome.records.map(\.seconds)
        let median = seconds.sorted()[seconds.count / 2]
        let perSecond = Double(data.train.count) / median
        if json {
            let object: [String: Any] = [
                "epoch_seconds": seconds.map { ($0 * 1000).rounded() / 1000 },
                "test_accuracy": (test.accuracy * 10000).rounded() / 10000,
                "test_loss": (test.loss * 10000).rounded() / 10000,
                "peak_rss_mb": (PeakMemory.megabytes * 10).rounded() / 10,
                "examples_per_second": perSecond.rounded(),
            ]
            let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: bytes, as: UTF8.self))
        } else {
            print(String(format: "median epoch %.3f s (%.0f examples/s)  test accuracy %.4f  test loss %.4f  peak RSS %.1f MB",
                         median, perSecond, test.accuracy, test.loss, PeakMemory.megabytes))
        }
    }
}
