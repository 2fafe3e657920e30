import Synchronization
/// Labelled examples kept as the bytes they came in: one `UInt8` per pixel (0…255) and one label
/// per example. The 60,000 training images take 47 MB this way instead of 188 MB as floats; they
/// are scaled to 0…1 (pixel / 255) batch by batch, as they are used.
public struct Dataset: Sendable {
    /// The shape of one example, e.g. [28, 28].
    public let exampleShape: [Int]
    /// All pixels, example after example, row-major within an example.
    public let pixels: [UInt8]
    /// One label per example, each in 0 ..< ``classCount``.
    public let labels: [UInt8]
    /// The number of classes: the labels name classes 0 ..< classCount (10 for the MNIST digits).
    /// A subset keeps the count of the set it came from, even when some classes are missing from it.
    public let classCount: Int
    /// Where each image's nonzero pixels are (``SparseImages``), found the first time `fit`,
    /// `evaluate` or `predict` needs them and kept for the next: copies of this data set share
    /// them, a subset finds its own.
    private let sparse = SparseImagesSlot()

    /// The number of examples.
    public var count: Int { labels.count }
    /// Values per example (784 for MNIST).
    public var featureCount: Int { exampleShape.reduce(1, *) }

    /// A data set of `classCount` classes; by default the largest label plus one (0 when empty).
    public init(exampleShape: [Int], pixels: [UInt8], labels: [UInt8], classCount: Int? = nil) {
        precondition(pixels.count == labels.count * exampleShape.reduce(1, *), "pixel count differs from labels × shape")
        let needed = labels.max().map { Int($0) + 1 } ?? 0
        precondition((classCount ?? needed) >= needed, "a label at or above the class count")
        self.exampleShape = exampleShape
        self.pixels = pixels
        self.labels = labels
        self.classCount = classCount ?? needed
    }

    /// The examples with these positions (in order), as a new data set.
    public func examples(_ range: Range<Int>) -> Dataset {
        let f = featureCount
        return Dataset(
            exampleShape: exampleShape,
            pixels: Array(pixels[(range.lowerBound * f)..<(range.upperBound * f)]),
            labels: Array(labels[range]), classCount: classCount)
    }

    /// The same examples as a data set of `classes` classes (at least ``classCount``).
    public func counting(classes: Int) -> Dataset {
        Dataset(exampleShape: exampleShape, pixels: pixels, labels: labels, classCount: classes)
    }

    /// The first `n` examples (all of them, this very data set, when `n >= count`).
    public func prefix(_ n: Int) -> Dataset {
        n >= count ? self : examples(0..<max(n, 0))
    }

    /// The bytes the nonzero lists of the first `examples` examples take (all of them when
    /// omitted): the lists' own size when they are found already and all are asked for, else
    /// counted (without making them).
    func sparseImagesBytes(first examples: Int? = nil) -> Int {
        let n = min(examples ?? count, count)
        if n == count, let found = sparse.images.withLock({ $0?.allocatedBytes }) { return found }
        return SparseImages.allocatedBytes(count: n, pixels: pixels[0..<(n * featureCount)])
    }

    /// The nonzero pixels of every image, found once (see ``sparse``).
    var sparseImages: SparseImages {
        sparse.images.withLock { images in
            if let images { return images }
            let found = SparseImages(self)
            images = found
            return found
        }
    }

    /// Example `i`'s values scaled to 0…1, row-major.
    public func scaledExample(_ i: Int) -> [Float] {
        let f = featureCount
        return pixels[(i * f)..<((i + 1) * f)].map { Float($0) / 255 }
    }

    /// How many examples carry each label 0 ..< ``classCount``.
    public func labelCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }
}

/// The place a data set keeps its ``SparseImages`` once found (a class, so that copies of the
/// data set share it).
final class SparseImagesSlot: Sendable {
    let images = Mutex<SparseImages?>(nil)
}
