import ArgumentParser
import Foundation
import NeuralNet

/// `tutor bench`: the reference training — full MNIST, flatten → dense 256 sigmoid → dense 10
/// softmax, adam, batch 32, seed 42 — timed per epoch, then evaluated on the test set; also how
/// long loading MNIST and one evaluation of the test set take, starting tutor, and checking the
/// whole course with its own solutions (``BenchLatencies``; `--no-latencies` leaves those two
/// out). `--hidden`, `--activation` and `--train` time other shapes (`--hidden 1024,1024
/// --activation relu --train 15000`).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the reference training (full MNIST, adam, batch 32, seed 42) per epoch.")

    @Option(help: "Epochs to train.") var epochs = 3
    @Option(help: "Examples per batch.") var batch = 32
    @Option(help: "Hidden layers' units, comma-separated.") var hidden = "256"
    @Option(help: "The hidden layers' activation.") var activation = "sigmoid"
    @Option(help: "Train on the first N training images (default: all).") var train: Int?
    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Flag(inversion: .prefixedNo, help: "Also time starting tutor and checking the whole course with its own solutions.")
    var latencies = true

    /// How many timed evaluations of the test set `evaluate_seconds` is the median of.
    static let evaluations = 5

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
        _ = try hiddenUnits()
        guard Activation.named(activation) != nil else {
            throw ValidationError("--activation must be one of \(Activation.names.joined(separator: ", ")), got `\(activation)`")
        }
        if let train, train < 1 { throw ValidationError("--train must be at least 1, got \(train)") }
    }

    /// `--hidden` as numbers: `1024,1024` is two hidden layers of 1,024 units.
    func hiddenUnits() throws -> [Int] {
        let units = hidden.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !units.isEmpty, units.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--hidden must be whole numbers of units (at least 1) separated by commas, got `\(hidden)`")
        }
        return units.compactMap { $0 }
    }

    func run() throws {
        guard let directory = BundledData.mnistDirectory() else {
            throw ValidationError("cannot find the bundled MNIST files (lessons/data/mnist); set TUTOR_DATA to their folder")
        }
        let clock = ContinuousClock()
        let loadStart = clock.now
        let data = try MNIST.load(from: directory)
        let loadSeconds = Self.seconds(clock.now - loadStart)
        let training = train.map { data.train.examples(0..<min($0, data.train.count)) } ?? data.train
        let hiddenActivation = Activation.named(activation) ?? .sigmoid
        let model = Model(inputShape: data.train.exampleShape, seed: 42)
        model.addFlatten()
        for units in try hiddenUnits() { try model.addDense(units: units, activation: hiddenActivation) }
        try model.addDense(units: 10, activation: .softmax)
        let trainer = Trainer(model: model, optimizer: .adam(), loss: .crossentropy, seed: 42)
        if !json { print("tutor bench: \(training.count) examples, hidden \(hidden) \(activation), batch \(batch), adam") }
        let outcome = try trainer.fit(training, epochs: epochs, batchSize: batch, onEpoch: { record in
            if !json {
                print(String(format: "epoch %d  %.3f s  loss %.4f  accuracy %.4f", record.epoch, record.seconds, record.loss, record.accuracy))
            }
        })
        // Once untimed (its numbers are reported), then timed: the first run also warms the caches.
        var test = try trainer.evaluate(data.test)
        var evaluationSeconds: [Double] = []
        for _ in 0..<Self.evaluations {
            let start = clock.now
            test = try trainer.evaluate(data.test)
            evaluationSeconds.append(Self.seconds(clock.now - start))
        }
        let evaluateSeconds = evaluationSeconds.sorted()[evaluationSeconds.count / 2]
        var startupMilliseconds: Double?
        var checkSeconds: Double?
        if latencies {
            startupMilliseconds = try BenchLatencies.startupMilliseconds()
            checkSeconds = try BenchLatencies.checkSeconds(lessonsFolder: try BundledData.lessonsFolder(given: nil))
        }
        let seconds = outcome.records.map(\.seconds)
        let median = seconds.sorted()[seconds.count / 2]
        let perSecond = Double(training.count) / median
        if json {
            var object: [String: Any] = [
                "epoch_seconds": seconds.map { ($0 * 1000).rounded() / 1000 },
                "test_accuracy": (test.accuracy * 10000).rounded() / 10000,
                "test_loss": (test.loss * 10000).rounded() / 10000,
                "peak_rss_mb": (PeakMemory.megabytes * 10).rounded() / 10,
                "examples_per_second": perSecond.rounded(),
                "load_seconds": (loadSeconds * 1000).rounded() / 1000,
                "evaluate_seconds": (evaluateSeconds * 10000).rounded() / 10000,
                "hidden": (try? hiddenUnits()) ?? [],
                "activation": activation,
                "train_examples": training.count,
            ]
            if let startupMilliseconds { object["startup_ms"] = (startupMilliseconds * 10).rounded() / 10 }
            if let checkSeconds { object["check_seconds"] = (checkSeconds * 1000).rounded() / 1000 }
            let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: bytes, as: UTF8.self))
        } else {
            print(String(format: "median epoch %.3f s (%.0f examples/s)  test accuracy %.4f  test loss %.4f  peak RSS %.1f MB",
                         median, perSecond, test.accuracy, test.loss, PeakMemory.megabytes))
            print(String(format: "data mnist %.3f s  evaluate %.4f s (median of %d)", loadSeconds, evaluateSeconds, Self.evaluations))
            if let startupMilliseconds, let checkSeconds {
                print(String(format: "startup %.1f ms (median of %d)  tutor check of the course %.3f s", startupMilliseconds, BenchLatencies.starts, checkSeconds))
            }
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
