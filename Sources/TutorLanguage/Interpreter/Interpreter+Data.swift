import Files
import Foundation
import NeuralNet
import TextFormat

extension Interpreter {
    func loadBundledData(_ s: Statement, train: Int?, test: Int?, emit: (Output) -> Void) throws(Diagnostic) {
        guard let directory = session.bundledDataDirectory else {
            throw s.diagnostic("the bundled MNIST files were not found", suggestion: "load them from a folder: `data mnist from DIR`")
        }
        try load(s, directory: directory, train: train, test: test, source: "MNIST", pathToken: nil, emit: emit)
    }

    func loadData(_ s: Statement, from path: String, emit: (Output) -> Void) throws(Diagnostic) {
        try load(s, directory: try allowedPath(s, path), train: nil, test: nil, source: "MNIST from \(path)", pathToken: s.tokens.count - 1, emit: emit)
    }

    private func load(
        _ s: Statement, directory: String, train: Int?, test: Int?, source: String, pathToken: Int?,
        emit: (Output) -> Void
    ) throws(Diagnostic) {
        let data: MNIST
        do {
            data = try MNIST.load(from: directory, trainLimit: train, testLimit: test)
        } catch let error as FileError {
            let message = "cannot load MNIST: \(error.description)"
            throw pathToken.map { s.diagnostic(message, at: $0) } ?? s.diagnostic(message)
        } catch {
            throw s.diagnostic("cannot load MNIST: \(error)")
        }
        // Reading and inflating the files takes a few tenths of a second: Ctrl-C is heard once they are read.
        if shouldStop() { throw Interpreter.stopped(s) }
        if let model = session.model, model.inputShape != data.train.exampleShape {
            session.forgetModel()
            emit(.warning("The new images are \(Shape.text(data.train.exampleShape)), not \(Shape.text(model.inputShape)): the model was forgotten."))
        }
        session.data = data
        session.currentRun = nil  // a test accuracy from now on is on other data than the run's.
        session.dataSource = source
        session.dataDirectory = directory
        // A limit beyond what there is loaded all of them: it limits nothing.
        session.dataLimits = (train.flatMap { $0 > data.train.count ? nil : $0 }, test.flatMap { $0 > data.test.count ? nil : $0 })
        let shape = data.train.exampleShape.map(String.init).joined(separator: "×")
        let beyond = [(train, data.train.count, "training image"), (test, data.test.count, "test image")].compactMap { asked, count, noun in
            asked.flatMap { $0 > count ? " You asked for \(Thousands.counted($0, noun)): there are \(Thousands.grouped(count)); loaded all of them." : nil }
        }
        emit(.message("Loaded \(source): \(Thousands.grouped(data.train.count)) training and \(Thousands.grouped(data.test.count)) test images of \(shape) pixels, scaled to 0…1." + beyond.joined()))
    }

    func showDataInfo(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        let data = try requireData(s)
        let maxByte = max(data.train.pixels.max() ?? 0, data.test.pixels.max() ?? 0)
        let minByte = min(data.train.pixels.min() ?? 0, data.test.pixels.min() ?? 0)
        emit(.dataInfo(DataInfo(
            source: session.dataSource, trainCount: data.train.count, testCount: data.test.count,
            exampleShape: data.train.exampleShape, minimum: Float(minByte) / 255, maximum: Float(maxByte) / 255,
            trainLabelCounts: data.train.labelCounts(), testLabelCounts: data.test.labelCounts())))
    }

    /// Example `index` of the training (or test) images, checked against the data's size.
    func image(_ s: Statement, index: Int, test: Bool) throws(Diagnostic) -> DigitImage {
        let data = try requireData(s)
        let set = test ? data.test : data.train
        let name = test ? "test" : "training"
        guard index < set.count else {
            let at = numberTokenIndex(s)
            let command = s.tokens.prefix(at).map(\.text).joined(separator: " ")
            throw s.diagnostic(
                "there is no \(name) image \(index): they are numbered 0 to \(Thousands.grouped(set.count - 1))",
                at: at, suggestion: set.count > 0 ? "try `\(command) \(set.count - 1)\(test ? " test" : "")`" : nil)
        }
        let f = set.featureCount
        return DigitImage(
            index: index, split: test ? .test : .train, label: Int(set.labels[index]),
            width: set.exampleShape.last ?? f, height: set.exampleShape.count > 1 ? set.exampleShape[0] : 1,
            pixels: Array(set.pixels[(index * f)..<((index + 1) * f)]))
    }

    /// The loaded data, or an error telling how to load it.
    func requireData(_ s: Statement) throws(Diagnostic) -> MNIST {
        guard let data = session.data else {
            throw s.diagnostic("no data is loaded yet", suggestion: "load the digits first: `data mnist`")
        }
        return data
    }

    /// The position of the first number token (the index in `show image N`, `predict N`).
    func numberTokenIndex(_ s: Statement) -> Int {
        s.tokens.firstIndex { $0.kind == .number } ?? 0
    }
}
