/// Labelled examples kept as the bytes they came in: one `UInt8` per pixel (0…255) and one label
/// per example. The 60,000 training images take 47 MB this way instead of 188 MB as floats; they
/// are scaled to 0…1 (pixel / 255) batch by batch, as they are used.
public struct Dataset: Sendable {
    /// The shape of one example, e.g. [28, 28].
    public let exampleShape: [Int]
    /// All pixels, example after example, row-major within an example.
    public let pixels: [UInt8]
    /// One label per example.
    public let labels: [UInt8]

    /// The number of examples.
    public var count: Int { labels.count }
    /// Values per example (784 for MNIST).
    public var featureCount: Int { exampleShape.reduce(1, *) }

    public init(exampleShape: [Int], pixels: [UInt8], labels: [UInt8]) {
        precondition(pixels.count == labels.count * exampleShape.reduce(1, *), "pixel count differs from labels × shape")
        self.exampleShape = exampleShape
        self.pixels = pixels
        self.labels = labels
    }

    /// The examples with these positions (in order), as a new data set.
    public func examples(_ range: Range<Int>) -> Dataset {
        let f = featureCount
        return Dataset(
            exampleShape: exampleShape,
            pixels: Array(pixels[(range.lowerBound * f)..<(range.upperBound * f)]),
            labels: Array(labels[range]))
    }

    /// The first `n` examples (all of them when `n >= count`).
    public func prefix(_ n: Int) -> Dataset {
        examples(0..<min(max(n, 0), count))
    }

    /// Example `i`'s values scaled to 0…1, row-major.
    public func scaledExample(_ i: Int) -> [Float] {
        let f = featureCount
        return pixels[(i * f)..<((i + 1) * f)].map { Float($0) / 255 }
    }

    /// How many examples carry each label 0…(classes − 1).
    public func labelCounts(classes: Int = 10) -> [Int] {
        var counts = [Int](repeating: 0, count: classes)
        for label in labels where Int(label) < classes { counts[Int(label)] += 1 }
        return counts
    }

    /// The largest label plus one (10 for MNIST); 0 when empty.
    public var classCount: Int { (labels.max().map { Int($0) + 1 }) ?? 0 }
}
