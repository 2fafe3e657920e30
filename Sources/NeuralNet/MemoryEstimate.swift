import TextFormat

/// How much memory a `fit`, or an evaluation of some examples at once, would hold — part by part,
/// counted before any of it is taken — and whether that fits tutor's one cap,
/// ``Model/memoryLimitBytes``.
///
/// The parts are what the engine allocates: the parameters' values and gradients, the optimizer's
/// per-value state (and, for `fit`, one copy of both, which undoes an epoch that diverges), and the scratch memory of a batch (``BatchBuffers``: each layer's outputs,
/// the gradients passed down, dropout's masks, and the batch's inputs by rows and by columns,
/// every cell counted since each may hold a pixel), plus what the data needs for training (the
/// nonzero pixels' index, the shuffled order, the copies `validate` makes). The batch's scratch is
/// counted by making it for one and for two examples and extending that line (every buffer grows
/// with the batch by the same amount per example), so the estimate follows the layers' own
/// ``Layer/makeBuffers(_:)`` rather than repeating their rules.
public struct MemoryEstimate: Equatable, Sendable, CustomStringConvertible {
    /// What is estimated: `fit with batch 60,000`, `evaluating 10,000 examples at once`.
    public let task: String
    /// The parts that take memory, in order, each with its bytes (parts of 0 bytes left out).
    public let parts: [Part]
    /// All the parts together (`Int.max` when that overflows).
    public let totalBytes: Int
    /// The cap: ``Model/memoryLimitBytes``.
    public let limitBytes: Int
    /// The most examples at once (the batch for `fit`) that would fit, or nil when not even one
    /// would; at most the number of examples there are.
    public let largestFitting: Int?
    /// What to call the examples at once in advice: `batch` or `examples`.
    let advice: Advice

    public struct Part: Equatable, Sendable {
        public let name: String
        public let bytes: Int
    }

    enum Advice: Equatable, Sendable {
        case batch, chunk
    }

    /// Whether it fits the cap.
    public var fits: Bool { totalBytes <= limitBytes }

    /// When it does not fit, the sentence saying so (``description``); nil when it fits.
    public var refusal: String? { fits ? nil : description }

    /// `fit with batch 60,000 would need 5.19 GB for this model (parameters 119.82 MB, …), more than
    /// tutor's 2.00 GB limit: use a smaller batch (at most 23,380 here)`.
    public var description: String {
        let list = parts.map { "\($0.name) \(ByteCount.text($0.bytes))" }.joined(separator: ", ")
        let need = totalBytes == .max ? "more memory than a number can hold" : ByteCount.text(totalBytes)
        let head = "\(task) would need \(need) for this model (\(list)), more than tutor's \(ByteCount.text(limitBytes)) limit"
        guard let largest = largestFitting else {
            let smallest = advice == .batch ? "batch 1" : "one example at a time"
            return head + " even with \(smallest): use a smaller model"
        }
        switch advice {
        case .batch: return head + ": use a smaller batch (at most \(Thousands.grouped(largest)) here)"
        case .chunk: return head + ": evaluate at most \(Thousands.grouped(largest)) examples at once"
        }
    }

    /// The estimate for `examples` at once, given the parts that do not depend on that number
    /// (`fixed`) and those of the scratch for one and two examples. `available` caps the number.
    init(task: String, advice: Advice, fixed: [Part], scratchForOne: [Part], scratchForTwo: [Part], examples: Int, available: Int) {
        let limit = Model.memoryLimitBytes
        var parts: [Part] = fixed
        var total = 0, totalForOne = 0, perExample = 0
        for part in fixed { total = Self.add(total, part.bytes) }
        totalForOne = total
        for (one, two) in zip(scratchForOne, scratchForTwo) {
            let step = two.bytes - one.bytes
            let (grown, overflow) = step.multipliedReportingOverflow(by: max(examples, 1) - 1)
            let bytes = overflow ? Int.max : Self.add(one.bytes, grown)
            parts.append(Part(name: one.name, bytes: bytes))
            total = Self.add(total, bytes)
            totalForOne = Self.add(totalForOne, one.bytes)
            perExample += step
        }
        self.task = task
        self.advice = advice
        self.parts = parts.filter { $0.bytes > 0 }
        self.totalBytes = total
        self.limitBytes = limit
        if totalForOne > limit {
            largestFitting = nil
        } else if perExample <= 0 {
            largestFitting = max(available, 1)
        } else {
            largestFitting = min(max(available, 1), 1 + (limit - totalForOne) / perExample)
        }
    }

    /// `a + b`, or `Int.max` when that overflows.
    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// The scratch of `buffers`, part by part: layer outputs, gradients, masks, inputs.
    static func scratch(_ buffers: BatchBuffers) -> [Part] {
        let float = MemoryLayout<Float>.size
        var outputs = 0, gradients = buffers.outputGradient.count * float, masks = 0
        var inputs = buffers.sparseInput.allocatedBytes + buffers.capacity * MemoryLayout<UInt8>.size
        for layer in buffers.layers {
            outputs += layer.output.count * float
            gradients += layer.inputGradient.count * float + (layer.gradientRows?.allocatedBytes ?? 0)
            masks += layer.state.count * float
            inputs += layer.sparse?.allocatedBytes ?? 0
        }
        return [
            Part(name: "the batch's activations", bytes: outputs),
            Part(name: "the batch's gradients", bytes: gradients),
            Part(name: "dropout's masks", bytes: masks),
            Part(name: "the batch's inputs by rows and by columns", bytes: inputs),
        ]
    }
}

extension Trainer {
    /// The memory `fit(data, batchSize: batch, validationSplit:)` would hold (see
    /// ``MemoryEstimate``); `fit` refuses to start when it does not fit the cap.
    public func memoryNeeded(training data: Dataset, batch: Int, validationSplit: Double = 0) -> MemoryEstimate {
        let kept = min(max(Trainer.trainingCount(data.count, validationSplit: validationSplit), 0), data.count)
        let f = data.featureCount
        var fixed = modelParts()
        // The weights and the optimizer's state as the epoch began, kept to undo an epoch that diverges.
        let float = MemoryLayout<Float>.size
        let (undo, overflow) = model.parameterCount.multipliedReportingOverflow(by: (1 + optimizer.slots.count) * float)
        fixed.append(MemoryEstimate.Part(name: "the copy that undoes a diverged epoch", bytes: overflow ? .max : undo))
        // The nonzero pixels' index and the shuffled order of the training examples.
        let index = data.sparseImagesBytes(first: kept) + kept * MemoryLayout<Int>.size
        fixed.append(MemoryEstimate.Part(name: "the training data's index", bytes: index))
        let (one, two) = scratchLine(features: f, training: true)
        if Trainer.laysOutAhead(batch: batch) {
            let bytes = SparseBatch.allocatedBytes(capacity: max(1, min(batch, kept)), columns: f)
            fixed.append(MemoryEstimate.Part(name: "the next batch, laid out ahead", bytes: bytes))
        }
        if validationSplit > 0 {
            // `fit` copies the two parts of the data, and evaluates the held-out part in batches of 1,000.
            let held = data.count - kept
            var bytes = data.pixels.count + data.labels.count
            if held > 0 {
                let (evalOne, evalTwo) = scratchLine(features: f, training: false)
                let evaluation = MemoryEstimate(
                    task: "", advice: .chunk, fixed: [], scratchForOne: evalOne, scratchForTwo: evalTwo,
                    examples: min(1000, held), available: held)
                bytes = MemoryEstimate.add(bytes, evaluation.totalBytes)
                bytes += SparseImages.allocatedBytes(count: held, pixels: data.pixels[(kept * f)...])
            }
            fixed.append(MemoryEstimate.Part(name: "the copies for `validate`", bytes: bytes))
        }
        return MemoryEstimate(
            task: "fit with batch \(Thousands.grouped(batch))", advice: .batch, fixed: fixed,
            scratchForOne: one, scratchForTwo: two, examples: max(1, min(batch, kept)), available: kept)
    }

    /// How many of `count` examples `fit` trains on with `validationSplit` (the rest are held out).
    public static func trainingCount(_ count: Int, validationSplit: Double) -> Int {
        Int((Double(count) * (1 - validationSplit)).rounded(.down))
    }

    /// The memory an evaluation (loss and accuracy, or outputs) of `examples` of `data` at once
    /// would hold: the model, the optimizer's state it keeps, the data's index and the scratch
    /// for that many examples. For evaluating in chunks: ``MemoryEstimate/largestFitting`` is the
    /// largest chunk that fits.
    public func memoryNeeded(evaluating examples: Int, of data: Dataset) -> MemoryEstimate {
        var fixed = modelParts()
        fixed.append(MemoryEstimate.Part(name: "the data's index", bytes: data.sparseImagesBytes()))
        let (one, two) = scratchLine(features: data.featureCount, training: false)
        return MemoryEstimate(
            task: "evaluating \(Thousands.counted(examples, "example")) at once", advice: .chunk, fixed: fixed,
            scratchForOne: one, scratchForTwo: two, examples: max(1, min(examples, data.count)), available: data.count)
    }

    /// The parameters (values and gradients) and the optimizer's state for them.
    private func modelParts() -> [MemoryEstimate.Part] {
        let count = model.parameterCount
        let float = MemoryLayout<Float>.size
        let (values, o1) = count.multipliedReportingOverflow(by: 2 * float)
        let (state, o2) = count.multipliedReportingOverflow(by: optimizer.slots.count * float)
        return [
            MemoryEstimate.Part(name: "parameters", bytes: o1 ? .max : values),
            MemoryEstimate.Part(name: "the optimizer's state", bytes: o2 ? .max : state),
        ]
    }

    /// The scratch for one example and for two (made, measured and freed at once: a few KB).
    private func scratchLine(features: Int, training: Bool) -> (one: [MemoryEstimate.Part], two: [MemoryEstimate.Part]) {
        let one = BatchBuffers(model: model, features: features, capacity: 1, training: training)
        let two = BatchBuffers(model: model, features: features, capacity: 2, training: training)
        return (MemoryEstimate.scratch(one), MemoryEstimate.scratch(two))
    }
}
