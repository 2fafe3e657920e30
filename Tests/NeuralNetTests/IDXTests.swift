import ChildProcess
import Files
import Foundation
@testable import NeuralNet
import Testing

/// The IDX reader and MNIST loader on small generated files in a temporary directory.
@Suite struct IDXTests {
    /// Three 2×4 images and their labels.
    static let shape = [2, 4]
    static let pixels: [UInt8] = (0..<24).map { UInt8(($0 * 37) % 256) }
    static let labels: [UInt8] = [7, 0, 9]

    /// Writes `bytes` to `name` in `directory`, gzipped by /bin/gzip when `gzip`; returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], _ name: String, in directory: URL, gzip: Bool = false) async throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        guard gzip else { return url.path }
        let gzip = try await ChildProcess.run("/bin/gzip", ["-f", "-n", url.path], limit: .seconds(60))
        try #require(gzip.status == 0, "gzip failed: \(gzip.stderr)")
        return url.path + ".gz"
    }

    /// Runs `body` with a fresh temporary directory, removed afterwards.
    static func withDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        return try await body(directory)
    }

    /// The description of the `FileError` thrown by `body`, or nil when it throws none.
    static func dataErrorText(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as FileError {
            return error.description
        } catch {
            return "not a FileError: \(error)"
        }
    }

    @Test func encodedFilesHaveTheDocumentedHeaders() {
        let images = IDX.encodeImages(shape: Self.shape, pixels: Self.pixels)
        #expect(Array(images[0..<16]) == [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4])
        #expect(images.count == 16 + 24)
        let labels = IDX.encodeLabels(Self.labels)
        #expect(labels == [0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9])
    }

    @Test(arguments: [false, true])
    func readsValidFiles(gzipped: Bool) async throws {
        try await Self.withDirectory { directory in
            let imagePath = try await Self.write(IDX.encodeImages(shape: Self.shape, pixels: Self.pixels), "images", in: directory, gzip: gzipped)
            let labelPath = try await Self.write(IDX.encodeLabels(Self.labels), "labels", in: directory, gzip: gzipped)
            #expect(imagePath.hasSuffix(".gz") == gzipped)
            let images = try IDX.parseImages(try GzipFile.read(imagePath), file: imagePath)
            #expect(images.count == 3)
            #expect(images.shape == [2, 4])
            #expect(images.pixels == Self.pixels)
            #expect(try IDX.parseLabels(try GzipFile.read(labelPath), file: labelPath) == Self.labels)
        }
    }

    @Test func truncatedImageFile() async throws {
        try await Self.withDirectory { directory in
            let bytes = IDX.encodeImages(shape: Self.shape, pixels: Self.pixels).dropLast(5)
            let path = try await Self.write(Array(bytes), "images", in: directory)
            let text = Self.dataErrorText { _ = try IDX.parseImages(try GzipFile.read(path), file: path) }
            #expect(text == "\(path) is truncated: 3 images of 2×4 take 40 bytes with the header, found 35")
        }
    }

    @Test func imageFileWithExtraBytes() {
        let bytes = IDX.encodeImages(shape: Self.shape, pixels: Self.pixels) + [1]
        let text = Self.dataErrorText { _ = try IDX.parseImages(bytes, file: "x") }
        #expect(text == "x has extra bytes at the end: 3 images of 2×4 take 40 bytes with the header, found 41")
    }

    @Test func imageFileShorterThanItsHeader() {
        let text = Self.dataErrorText { _ = try IDX.parseImages([0, 0, 8, 3, 0], file: "x") }
        #expect(text == "x is too short to be an IDX image file (5 bytes, the header alone is 16)")
        let labelText = Self.dataErrorText { _ = try IDX.parseLabels([0, 0, 8], file: "y") }
        #expect(labelText == "y is too short to be an IDX label file (3 bytes, the header alone is 8)")
    }

    @Test func impossibleImageDimensions() {
        let bytes = IDX.encodeImages(shape: [0, 4], pixels: [])
        let text = Self.dataErrorText { _ = try IDX.parseImages(bytes, file: "x") }
        #expect(text == "x has impossible image dimensions 0×4")
    }

    /// The kernels keep pixel positions in 16 bits: a larger image is refused, not trained on wrong inputs.
    @Test func imagesOverTheKernelsPixelLimitAreRefused() throws {
        let largest = IDX.encodeImages(shape: [256, 256], pixels: [UInt8](repeating: 1, count: 65_536))
        #expect(try IDX.parseImages(largest, file: "x").shape == [256, 256])
        let bytes = IDX.encodeImages(shape: [257, 257], pixels: [UInt8](repeating: 1, count: 257 * 257))
        let text = Self.dataErrorText { _ = try IDX.parseImages(bytes, file: "x") }
        #expect(text == "x has images of 257×257 = 66,049 pixels; tutor takes images of at most 65,536 pixels")
    }

    @Test func truncatedLabelFile() async throws {
        try await Self.withDirectory { directory in
            let bytes = IDX.encodeLabels(Self.labels).dropLast()
            let path = try await Self.write(Array(bytes), "labels", in: directory, gzip: true)
            let text = Self.dataErrorText { _ = try IDX.parseLabels(try GzipFile.read(path), file: path) }
            #expect(text == "\(path) is truncated: 3 labels take 11 bytes with the header, found 10")
        }
    }

    @Test func wrongMagicNumbers() {
        let labelsAsImages = Self.dataErrorText {
            _ = try IDX.parseImages(IDX.encodeImages(shape: Self.shape, pixels: Self.pixels).replacing([0, 0, 8, 3], with: [0, 0, 8, 1], maxReplacements: 1), file: "a")
        }
        #expect(labelsAsImages == "a is not an IDX image file: magic number 2049, expected 2051")
        let imagesAsLabels = Self.dataErrorText { _ = try IDX.parseLabels(IDX.encodeImages(shape: Self.shape, pixels: Self.pixels), file: "b") }
        #expect(imagesAsLabels == "b is not an IDX label file: magic number 2051, expected 2049")
    }

    /// A gzip file of noisy pixels cut in half; returns the path of the half.
    static func writeHalfGzip(in directory: URL) async throws -> String {
        var generator = SeededGenerator(seed: 5)
        let noisy = (0..<5_000).map { _ in UInt8(generator.nextIndex(below: 256)) }
        let full = try await write(IDX.encodeImages(shape: [10, 10], pixels: noisy), "images", in: directory, gzip: true)
        let gz = try [UInt8](Data(contentsOf: URL(fileURLWithPath: full)))
        try #require(gz.count > 1_000)
        return try await write(Array(gz[0..<(gz.count / 2)]), "half.gz", in: directory)
    }

    /// A gzip file cut in half: zlib reports the early end of the stream.
    @Test func truncatedGzipStream() async throws {
        try await Self.withDirectory { directory in
            let path = try await Self.writeHalfGzip(in: directory)
            let error = #expect(throws: FileError.self) { try GzipFile.read(path) }
            #expect(error?.file == path)
            #expect(error?.problem.hasPrefix("is damaged: ") == true)
            #expect(error?.problem.hasSuffix("unexpected end of file") == true)
            // The exact text is pinned by `truncatedGzipStreamNamesTheFileOnce`.
        }
    }

    /// What the message should read: the file once, then zlib's reason.
    @Test
    func truncatedGzipStreamNamesTheFileOnce() async throws {
        try await Self.withDirectory { directory in
            let path = try await Self.writeHalfGzip(in: directory)
            let text = Self.dataErrorText { _ = try GzipFile.read(path) }
            #expect(text == "\(path) is damaged: unexpected end of file")
        }
    }

    /// A set of 0 images (or labels) would load and train nothing, silently: it is refused.
    @Test func emptySetsAreRefused() {
        let images = IDX.encodeImages(shape: [28, 28], pixels: [])
        #expect(Self.dataErrorText { _ = try IDX.parseImages(images, file: "i") } == "i has 0 images; a data set needs at least 1")
        #expect(Self.dataErrorText { _ = try IDX.parseLabels(IDX.encodeLabels([]), file: "l") } == "l has 0 labels; a data set needs at least 1")
        // 0 claimed with bytes after the header is the old complaint.
        #expect(Self.dataErrorText { _ = try IDX.parseLabels(IDX.encodeLabels([]) + [1], file: "l") }
            == "l has extra bytes at the end: 0 labels take 8 bytes with the header, found 9")
    }

    /// Two gzip members one after another read as their two contents (as `gunzip` reads them).
    @Test func concatenatedGzipMembers() async throws {
        try await Self.withDirectory { directory in
            let first = try await Self.write(Array("first ".utf8), "a", in: directory, gzip: true)
            let second = try await Self.write(Array("second".utf8), "b", in: directory, gzip: true)
            let both = try [UInt8](Data(contentsOf: URL(fileURLWithPath: first))) + [UInt8](Data(contentsOf: URL(fileURLWithPath: second)))
            let path = try await Self.write(both, "both.gz", in: directory)
            #expect(try GzipFile.read(path) == Array("first second".utf8))
        }
    }

    /// A FIFO among the data files is refused without waiting for a writer.
    @Test(.timeLimit(.minutes(1))) func aFIFOIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        let path = directory.appendingPathComponent("train-images-idx3-ubyte.gz").path
        try #require(mkfifo(path, 0o600) == 0)
        for name in ["train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            try Data().write(to: directory.appendingPathComponent(name))
        }
        #expect(Self.dataErrorText { _ = try GzipFile.read(path) } == "\(path) is a FIFO (named pipe), not an MNIST data file")
        #expect(Self.dataErrorText { _ = try MNIST.load(from: directory.path) } == "\(path) is a FIFO (named pipe), not an MNIST data file")
        #expect(Self.dataErrorText { _ = try MNIST.load(from: directory.path + "/x\u{0}y") }
            == "\(directory.path)/x\\0y cannot be used: its name has a NUL character (shown as \\0), which no file name can have")
    }

    @Test func missingFile() {
        let text = Self.dataErrorText { _ = try GzipFile.read("/nonexistent/file.gz") }
        #expect(text == "/nonexistent/file.gz does not exist")
    }

    // MARK: MNIST.load

    /// Writes the four MNIST files (some gzipped, some raw) and returns the directory.
    static func writeMNIST(
        in directory: URL, trainLabels: [UInt8] = [1, 2, 3, 4, 5], testLabels: [UInt8] = [9, 8],
        testShape: [Int] = [2, 4]
    ) async throws {
        let features = 8
        let trainPixels = (0..<(5 * features)).map { UInt8($0) }
        let testPixels = (0..<(2 * testShape.reduce(1, *))).map { UInt8(255 - $0) }
        try await write(IDX.encodeImages(shape: [2, 4], pixels: trainPixels), "train-images-idx3-ubyte", in: directory, gzip: true)
        try await write(IDX.encodeLabels(trainLabels), "train-labels-idx1-ubyte", in: directory)
        try await write(IDX.encodeImages(shape: testShape, pixels: testPixels), "t10k-images-idx3-ubyte", in: directory)
        try await write(IDX.encodeLabels(testLabels), "t10k-labels-idx1-ubyte", in: directory, gzip: true)
    }

    @Test func mnistLoadsAllFourFiles() async throws {
        try await Self.withDirectory { directory in
            try await Self.writeMNIST(in: directory)
            let mnist = try MNIST.load(from: directory.path)
            #expect(mnist.train.count == 5)
            #expect(mnist.train.exampleShape == [2, 4])
            #expect(mnist.train.labels == [1, 2, 3, 4, 5])
            #expect(mnist.train.pixels == (0..<40).map { UInt8($0) })
            #expect(mnist.test.count == 2)
            #expect(mnist.test.labels == [9, 8])
            #expect(mnist.test.pixels.first == 255)
            #expect(mnist.test.scaledExample(0).first == 1)

            let limited = try MNIST.load(from: directory.path, trainLimit: 3, testLimit: 10)
            #expect(limited.train.labels == [1, 2, 3])
            #expect(limited.train.pixels == (0..<24).map { UInt8($0) })
            #expect(limited.test.count == 2)
            // The classes are those of both label files (up to 9 in the test file), in every subset.
            #expect(mnist.classCount == 10 && mnist.train.classCount == 10 && mnist.test.classCount == 10)
            #expect(limited.train.classCount == 10)
        }
    }

    /// Files of the digits 0–2 make a data set of three classes.
    @Test func mnistOfThreeDigits() async throws {
        try await Self.withDirectory { directory in
            try await Self.writeMNIST(in: directory, trainLabels: [0, 1, 2, 0, 1], testLabels: [2, 0])
            let mnist = try MNIST.load(from: directory.path, trainLimit: 2)
            #expect(mnist.classCount == 3)
            #expect(mnist.train.classCount == 3)
            #expect(mnist.train.labelCounts() == [1, 1, 0])
            #expect(mnist.test.labelCounts() == [1, 0, 1])
        }
    }

    /// Files named with a dot before `idx` (as some mirrors spell them) are found too.
    @Test func mnistFindsDottedFileNames() async throws {
        try await Self.withDirectory { directory in
            try await Self.writeMNIST(in: directory)
            let manager = FileManager.default
            try manager.moveItem(
                at: directory.appendingPathComponent("t10k-images-idx3-ubyte"),
                to: directory.appendingPathComponent("t10k-images.idx3-ubyte"))
            let mnist = try MNIST.load(from: directory.path)
            #expect(mnist.test.count == 2)
            #expect(mnist.test.pixels.first == 255)
        }
    }

    @Test func mnistImageLabelCountMismatch() async throws {
        try await Self.withDirectory { directory in
            try await Self.writeMNIST(in: directory, trainLabels: [1, 2, 3, 4])
            let images = directory.appendingPathComponent("train-images-idx3-ubyte.gz").path
            let labels = directory.appendingPathComponent("train-labels-idx1-ubyte").path
            let text = Self.dataErrorText { _ = try MNIST.load(from: directory.path) }
            #expect(text == "\(labels) has 4 labels but \(images) has 5 images")
        }
    }

    @Test func mnistLabelAboveNine() async throws {
        try await Self.withDirectory { directory in
            try await Self.writeMNIST(in: directory, testLabels: [3, 10])
            let labels = directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path
            let text = Self.dataErrorText { _ = try MNIST.load(from: directory.path) }
            #expect(text == "\(labels) has label 10 at example 1; MNIST labels are digits 0…9")
        }
    }

    @Test func mnistTestShapeDiffersFromTraining() async throws {
        try await Self.withDirectory { directory in
            try await Self.writeMNIST(in: directory, testShape: [3, 3])
            let images = directory.appendingPathComponent("t10k-images-idx3-ubyte").path
            let text = Self.dataErrorText { _ = try MNIST.load(from: directory.path) }
            #expect(text == "\(images) has images of (3, 3) but the training images are (2, 4)")
        }
    }

    @Test func mnistMissingFile() async throws {
        try await Self.withDirectory { directory in
            try await Self.writeMNIST(in: directory)
            try FileManager.default.removeItem(at: directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
            let expected = directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz").path
            let text = Self.dataErrorText { _ = try MNIST.load(from: directory.path) }
            #expect(text == "\(expected) is missing (looked for t10k-labels-idx1-ubyte with and without .gz)")
        }
    }

    /// The bundled files are the published MNIST: 60,000 + 10,000 images of 28×28.
    @Test func bundledMNISTSubsetLoads() throws {
        let mnist = try BundledMNIST.load()
        #expect(mnist.train.count == 20_000)
        #expect(mnist.test.count == 1_000)
        #expect(mnist.train.exampleShape == [28, 28])
        #expect(Array(mnist.train.labels.prefix(8)) == [5, 0, 4, 1, 9, 2, 1, 3])
        #expect(Array(mnist.test.labels.prefix(8)) == [7, 2, 1, 0, 4, 1, 4, 9])
        #expect(mnist.train.classCount == 10)
    }
}
