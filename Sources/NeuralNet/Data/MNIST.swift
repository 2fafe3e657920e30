import Files
import Foundation
import Synchronization
import TextFormat

/// The MNIST digits (LeCun, Cortes & Burges; CC BY-SA 3.0): 60,000 training and 10,000 test
/// images of 28×28 pixels, each labelled 0…9.
public struct MNIST: Sendable {
    public let train: Dataset
    public let test: Dataset

    public init(train: Dataset, test: Dataset) {
        self.train = train
        self.test = test
    }

    /// The number of classes (digits): 10 for the real MNIST files.
    public var classCount: Int { max(train.classCount, test.classCount) }

    /// The four files, by their usual names, with or without `.gz`.
    static let fileStems = [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ]

    /// Loads the four IDX files from `directory`, keeping only the first `trainLimit` training and
    /// `testLimit` test examples when given. Every file is validated (and read with ``RegularFile``,
    /// so a FIFO or a device among them is refused without blocking); problems throw ``FileError``.
    /// Both sets have the classes 0 … n − 1, n − 1 being the largest label in the two label files.
    ///
    /// The last folder read is kept whole (its files' sizes and dates noted), so loading it again —
    /// another subset, a lesson's own path beside the learner's, `tutor check` lesson after lesson —
    /// does not decompress the files again. Gzipped files are read through `cache` (by default
    /// ``cache``, none unless the program set one), so another run does not decompress them either.
    public static func load(
        from directory: String, trainLimit: Int? = nil, testLimit: Int? = nil, cache: DecodedCache? = MNIST.cache
    ) throws -> MNIST {
        try FileError.checkName(directory)
        let paths = try fileStems.map { try locate($0, in: directory) }
        let stamp = paths.map(FileStamp.init)
        let whole: MNIST
        if let kept = lastRead.withLock({ $0 }), kept.paths == paths, kept.stamp == stamp {
            whole = kept.data
        } else {
            let train = try pair(images: paths[0], labels: paths[1], cache: cache)
            let test = try pair(images: paths[2], labels: paths[3], cache: cache)
            guard train.exampleShape == test.exampleShape else {
                throw FileError(file: paths[2], problem: "has images of \(Shape.text(test.exampleShape)) but the training images are \(Shape.text(train.exampleShape))")
            }
            // The classes are those of both files, so a subset (and a test file missing a digit)
            // has them all.
            let classes = max(train.classCount, test.classCount)
            whole = MNIST(train: train.counting(classes: classes), test: test.counting(classes: classes))
            lastRead.withLock { $0 = KeptRead(paths: paths, stamp: stamp, data: whole) }
        }
        return MNIST(train: trainLimit.map { whole.train.prefix($0) } ?? whole.train,
                     test: testLimit.map { whole.test.prefix($0) } ?? whole.test)
    }

    /// Where decoded copies of gzipped MNIST files are kept between runs; nil (none) unless set.
    /// The `tutor` program sets the user's (``DecodedCache/user(environment:)``); tests and other
    /// users of the library keep none unless they ask.
    public static var cache: DecodedCache? {
        get { cacheSetting.withLock { $0 } }
        set { cacheSetting.withLock { $0 = newValue } }
    }

    private static let cacheSetting = Mutex<DecodedCache?>(nil)

    /// The files last read whole, and what they were when read.
    private struct KeptRead: Sendable {
        let paths: [String]
        let stamp: [FileStamp]
        let data: MNIST
    }

    private static let lastRead = Mutex<KeptRead?>(nil)

    /// A file's size and modification date: changed files are read again.
    private struct FileStamp: Equatable, Sendable {
        let size: Int
        let modified: Date?

        init(_ path: String) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            modified = attributes?[.modificationDate] as? Date
        }
    }

    static func locate(_ stem: String, in directory: String) throws -> String {
        let manager = FileManager.default
        for name in [stem + ".gz", stem, stem.replacingOccurrences(of: "-idx", with: ".idx")] {
            let path = (directory as NSString).appendingPathComponent(name)
            if manager.fileExists(atPath: path) { return path }
        }
        throw FileError(file: (directory as NSString).appendingPathComponent(stem + ".gz"), problem: "is missing (looked for \(stem) with and without .gz)")
    }

    static func pair(images: String, labels: String, cache: DecodedCache? = nil) throws -> Dataset {
        let image = try IDX.parseImages(try cache?.read(images) ?? GzipFile.read(images), file: images)
        let label = try IDX.parseLabels(try cache?.read(labels) ?? GzipFile.read(labels), file: labels)
        guard image.count == label.count else {
            throw FileError(file: labels, problem: "has \(label.count) labels but \(images) has \(image.count) images")
        }
        if let bad = label.firstIndex(where: { $0 > 9 }) {
            throw FileError(file: labels, problem: "has label \(label[bad]) at example \(bad); MNIST labels are digits 0…9")
        }
        return Dataset(exampleShape: image.shape, pixels: image.pixels, labels: label)
    }
}
