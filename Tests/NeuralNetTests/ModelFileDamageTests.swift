import Foundation
import Testing
@testable import NeuralNet

/// Every way a model file can be wrong, each with the exact error it gets (see ``TinyModel`` for
/// the file they start from).
@Suite struct ModelFileDamageTests {
    /// A damaged copy of the tiny model file and the error it must get.
    struct Damage: Sendable, CustomTestStringConvertible {
        var name: String
        var change: Change
        var expected: String

        enum Change: Sendable {
            /// Replace the first occurrence of a text in the header (the header length is fixed up).
            case header(String, String)
            /// Any change to the bytes.
            case bytes(@Sendable ([UInt8]) -> [UInt8])
        }

        var testDescription: String { name }

        init(_ name: String, _ change: Change, _ expected: String) {
            self.name = name
            self.change = change
            self.expected = "m.tut " + expected
        }

        static func header(_ name: String, _ old: String, _ new: String, _ expected: String) -> Damage {
            Damage(name, .header(old, new), expected)
        }

        static func bytes(_ name: String, _ expected: String, _ change: @escaping @Sendable ([UInt8]) -> [UInt8]) -> Damage {
            Damage(name, .bytes(change), expected)
        }
    }

    static let h = TinyModel.header.utf8.count
    static let hText = ModelFileError.grouped(h)

    static let frameDamage: [Damage] = [
        .bytes("empty", "is empty, not a tutor model file") { _ in [] },
        .bytes("cut inside the signature", "is truncated: it ends after 5 bytes, inside the 12-byte signature") { Array($0.prefix(5)) },
        .bytes("cut after 1 byte", "is truncated: it ends after 1 byte, inside the 12-byte signature") { Array($0.prefix(1)) },
        .bytes("cut inside the header length", "is truncated: it ends after 14 bytes, inside the 4-byte header length") { Array($0.prefix(14)) },
        .bytes("cut inside the header", "is truncated or damaged: its header length says \(hText) bytes but only 84 bytes follow") { Array($0.prefix(100)) },
        .bytes("cut right after the header", "is truncated: the weights need 92 bytes after the header, found 0") { Array($0.prefix(16 + h)) },
        .bytes("cut inside the weights", "is truncated: the weights need 92 bytes after the header, found 87") { Array($0.dropLast(5)) },
        .bytes("extra bytes", "has bytes left over at the end: the weights need 92 bytes after the header, found 95") { $0 + [0, 0, 0] },
        .bytes("a JSON file", "is not a tutor model file (it does not begin with the tutor model signature)") { _ in Array(#"{"format":"tutor-model"}"#.utf8) },
        .bytes("a PNG file", "is not a tutor model file (it does not begin with the tutor model signature)") { _ in [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48] },
        .bytes("a short text", "is not a tutor model file (it does not begin with the tutor model signature)") { _ in Array("hi\n".utf8) },
        .bytes("line endings converted", "is damaged: it begins like a tutor model file but its signature has been changed, as copying a file as text does; copy it again as binary") { bytes in
            var out: [UInt8] = []
            for (i, b) in bytes.enumerated() where !(b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) { out.append(b) }
            return out
        },
        .bytes("high bit stripped", "is damaged: it begins like a tutor model file but its signature has been changed, as copying a file as text does; copy it again as binary") { bytes in
            [bytes[0] & 0x7F] + bytes.dropFirst()
        },
        .bytes("header length too large", "is truncated or damaged: its header length says 4,294,967,295 bytes but only \(ModelFileError.grouped(h + 92)) bytes follow") { bytes in
            Array(bytes[0..<12]) + [0xFF, 0xFF, 0xFF, 0xFF] + bytes.dropFirst(16)
        },
        .bytes("header length one short", "has a header that is not valid JSON") { bytes in
            Array(bytes[0..<12]) + [UInt8((h - 1) & 0xFF), UInt8((h - 1) >> 8), 0, 0] + bytes.dropFirst(16)
        },
        .bytes("header length reaching into the weights", "has a header that is not valid JSON") { bytes in
            Array(bytes[0..<12]) + [UInt8((h + 4) & 0xFF), UInt8((h + 4) >> 8), 0, 0] + bytes.dropFirst(16)
        },
        .bytes("header not UTF-8", "has a header that is not valid JSON") { _ in ModelFile.signature + [3, 0, 0, 0, 0xFF, 0xFE, 0x7B] },
        .bytes("empty header", "has a header that is not valid JSON") { _ in TinyModel.file(header: "", weights: []) },
        .bytes("header a list", "has a header that is not a JSON object") { _ in TinyModel.file(header: "[1,2]", weights: []) },
        // Version 1 had no optimizer state.
        .bytes("optimizer state in version 1", "has `optimizer.iterations` in its header, which this tutor does not know") { _ in
            let header = TinyModel.header.replacing(#""version":2"#, with: #""version":1"#)
                .replacing(#""name":"sgd"},"#, with: #""iterations":5,"name":"sgd"},"#)
            return TinyModel.file(header: header, weights: TinyModel.weightBytes)
        },
    ]

    static let headerDamage: [Damage] = [
        .header("JSON flipped", #"{"batch_size""#, #"["batch_size""#, "has a header that is not valid JSON"),
        .header("JSON cut", #","version":2}"#, #","version":2"#, "has a header that is not valid JSON"),
        .header("other format", #""format":"tutor-model""#, #""format":"keras""#, #"is not a tutor model file: its header says format "keras", not "tutor-model""#),
        .header("newer version", #""version":2"#, #""version":7"#, "is in version 7 of the model format; this tutor reads versions 1 to 3 (the file comes from a newer tutor)"),
        .header("version 0", #""version":2"#, #""version":0"#, "is in version 0 of the model format; this tutor reads versions 1 to 3"),
        .header("version as text", #""version":2"#, #""version":"2""#, #"has `version` set to "2"; it should be a whole number"#),
        .header("iterations 0", #""name":"sgd"},"#, #""iterations":0,"name":"sgd"},"#, "has `optimizer.iterations` set to 0; it should be a whole number of at least 1"),
        .header("iterations where one more step overflows", #""name":"sgd"},"#, #""iterations":9223372036854775807,"name":"sgd"},"#, "has `optimizer.iterations` set to 9223372036854775807; it should be a whole number from 1 to 9,007,199,254,740,992"),
        .header("iterations as text", #""name":"sgd"},"#, #""iterations":"5","name":"sgd"},"#, #"has `optimizer.iterations` set to "5"; it should be a whole number of at least 1"#),
        .header("iterations without the optimizer's tensors", #""name":"sgd"},"#, #""iterations":5,"name":"sgd"},"#, "has 4 tensors but its layers and its optimizer's state need 8 (dense/kernel, dense/bias, dense_1/kernel, dense_1/bias, sgd/dense_kernel_momentum, sgd/dense_bias_momentum, sgd/dense_1_kernel_momentum, sgd/dense_1_bias_momentum)"),
        .header("no format", #""format":"tutor-model","#, "", "has no `format` in its header"),
        .header("no seed", #""seed":7,"#, "", "has no `seed` in its header"),
        .header("no units", #""type":"dense","units":3"#, #""type":"dense""#, "has no `layers[1].units` in its header"),
        .header("no momentum", #""momentum":0.9,"#, "", "has no `optimizer.momentum` in its header"),
        .header("adam without its settings", #""name":"sgd""#, #""name":"adam""#, "has no `optimizer.beta_1` in its header"),
        .header("units as text", #""units":3"#, #""units":"3""#, #"has `layers[1].units` set to "3"; it should be a whole number"#),
        .header("units not whole", #""units":3"#, #""units":2.5"#, "has `layers[1].units` set to 2.5; it should be a whole number"),
        .header("input shape an object", #""input_shape":[2,2]"#, #""input_shape":{}"#, "has `input_shape` set to an object; it should be a list"),
        .header("layers missing", #""layers":["#, #""layerz":["#, "has no `layers` in its header"),
        .header("negative seed", #""seed":7"#, #""seed":-1"#, "has `seed` set to -1; it should be a whole number from 0 to 18446744073709551615"),
        .header("seed too large", #""seed":7"#, #""seed":18446744073709551616"#, "has `seed` set to 1.8446744073709552e+19; it should be a whole number from 0 to 18446744073709551615"),
        .header("batch size 0", #""batch_size":4"#, #""batch_size":0"#, "has `batch_size` set to 0; it should be a whole number of at least 1"),
        .header("batch size null", #""batch_size":4"#, #""batch_size":null"#, "has `batch_size` set to null; it should be a whole number of at least 1"),
        .header("unknown field", #"{"batch_size""#, #"{"dropout":0.5,"batch_size""#, "has `dropout` in its header, which this tutor does not know"),
        .header("unknown layer field", #"{"type":"flatten"}"#, #"{"type":"flatten","units":3}"#, "has `layers[0].units` in its header, which this tutor does not know"),
        .header("unknown layer type", #"{"type":"flatten"}"#, #"{"type":"conv2d"}"#, #"has `layers[0].type` set to "conv2d", a layer type this tutor does not know (it knows flatten and dense)"#),
        .header("unknown activation", #""relu""#, #""gelu""#, #"has `layers[1].activation` set to "gelu", an activation this tutor does not know (it knows sigmoid, relu, tanh, softmax and linear)"#),
        .header("activation in capitals", #""relu""#, #""ReLU""#, #"has `layers[1].activation` set to "ReLU", an activation this tutor does not know (it knows sigmoid, relu, tanh, softmax and linear)"#),
        .header("unknown optimizer", #""name":"sgd""#, #""name":"rmsprop""#, #"has `optimizer.name` set to "rmsprop", an optimizer this tutor does not know (it knows sgd and adam)"#),
        .header("momentum 1.5", #""momentum":0.9"#, #""momentum":1.5"#, "has `optimizer.momentum` set to 1.5; it should be a number at least 0 and less than 1"),
        .header("learning rate 0", #""learning_rate":0.1"#, #""learning_rate":0"#, "has `optimizer.learning_rate` set to 0; it should be a number more than 0"),
        .header("learning rate infinite", #""learning_rate":0.1"#, #""learning_rate":"Infinity""#, #"has `optimizer.learning_rate` set to "Infinity"; it should be a number more than 0"#),
        .header("learning rate beyond Float", #""learning_rate":0.1"#, #""learning_rate":1e39"#, "has `optimizer.learning_rate` set to 1e+39; it should be a number"),
        .header("unknown loss", #""mean_squared_error""#, #""hinge""#, #"has `loss` set to "hinge", a loss this tutor does not know (it knows sparse_categorical_crossentropy and mean_squared_error)"#),
        .header("epochs out of order", #""epoch":2"#, #""epoch":3"#, "has `history[1].epoch` set to 3; it should be 2 (epochs are numbered 1, 2, 3, … in order)"),
        .header("accuracy above 1", #""accuracy":0.25"#, #""accuracy":1.5"#, "has `history[0].accuracy` set to 1.5; it should be a number from 0 to 1"),
        .header("loss as text", #""loss":0.5"#, #""loss":"low""#, #"has `history[0].loss` set to "low"; it should be a number"#),
        .header("validation loss alone", #","val_accuracy":0.5"#, "", "has no `history[0].val_accuracy` in its header"),
        .header("validation accuracy alone", #","val_loss":0.75"#, "", "has no `history[0].val_loss` in its header"),
        .header("negative seconds", #""seconds":1.5"#, #""seconds":-1"#, "has `history[0].seconds` set to -1; it should be a number of at least 0"),
        .header("history entry a number", #""history":[{"#, #""history":[7,{"#, "has `history[0]` set to 7; it should be an object"),
        .header("empty input shape", #""input_shape":[2,2]"#, #""input_shape":[]"#, "has `input_shape` set to an empty list; it should be one or more sizes of at least 1, with at most 134,217,728 values in all"),
        .header("zero in the input shape", #""input_shape":[2,2]"#, #""input_shape":[0,2]"#, "has `input_shape` set to [0, 2]; it should be one or more sizes of at least 1, with at most 134,217,728 values in all"),
        .header("input shape too large", #""input_shape":[2,2]"#, #""input_shape":[65536,65536]"#, "has `input_shape` set to [65536, 65536]; it should be one or more sizes of at least 1, with at most 134,217,728 values in all"),
        .header("dense before flatten", #"{"type":"flatten"},"#, "", "describes a model that cannot be built: at `layers[0]`, a dense layer needs each example as one row of numbers, but it gets shape (2, 2)"),
        .header("zero units", #""units":3"#, #""units":0"#, "describes a model that cannot be built: at `layers[1]`, a dense layer needs at least 1 unit, got 0"),
        .header("too many units", #""units":3"#, #""units":100000000000"#, "describes a model that cannot be built: at `layers[1]`, this model would have 500000000000 parameters and need 7.28 TB to train, more than the 2.00 GB allowed"),
        .header("a tensor too few", #",{"name":"dense_1/bias","shape":[2]}"#, "", "has 3 tensors but its layers need 4 (dense/kernel, dense/bias, dense_1/kernel, dense_1/bias)"),
        .header("no tensors", #""tensors":[{"name":"dense/kernel","shape":[4,3]},{"name":"dense/bias","shape":[3]},{"name":"dense_1/kernel","shape":[3,2]},{"name":"dense_1/bias","shape":[2]}]"#, #""tensors":[]"#, "has 0 tensors but its layers need 4 (dense/kernel, dense/bias, dense_1/kernel, dense_1/bias)"),
        .header("tensor renamed", #""dense_1/kernel""#, #""dense_2/kernel""#, #"has `tensors[2].name` set to "dense_2/kernel"; it should be "dense_1/kernel""#),
        .header("kernel transposed", #""shape":[4,3]"#, #""shape":[3,4]"#, "says dense/kernel has shape [3, 4] but the layers need [4, 3]"),
        .header("shape as text", #""shape":[4,3]"#, #""shape":"4x3""#, #"has `tensors[0].shape` set to "4x3"; it should be a list"#),
        .header("tensor without shape", #","shape":[3]"#, "", "has no `tensors[1].shape` in its header"),
        // What the file holds is quoted with its controls visible (an OSC title, the 8-bit CSI, a bidi override).
        .header("unknown field named with controls", #"{"batch_size""#, #"{"\u001b]0;owned\u0007\u009b2J\u202e":1,"batch_size""#,
                #"has `\e]0;owned\a\u{9B}2J\u{202E}` in its header, which this tutor does not know"#),
        .header("layer type with controls", #"{"type":"flatten"}"#, #"{"type":"conv\u001bc\u202e"}"#,
                #"has `layers[0].type` set to "conv\ec\u{202E}", a layer type this tutor does not know (it knows flatten and dense)"#),
        .header("tensor renamed with controls", #""dense_1/kernel""#, #""dense_1/kernel\u009b2J""#,
                #"has `tensors[2].name` set to "dense_1/kernel\u{9B}2J"; it should be "dense_1/kernel""#),
        .header("loss as text with controls and quotes", #""loss":0.5"#, #""loss":"\u0007\"q\\""#,
                #"has `history[0].loss` set to "\a\"q\\"; it should be a number"#),
    ]

    /// The tiny file with `damage` done to it.
    static func damaged(_ damage: Damage) -> [UInt8] {
        switch damage.change {
        case .bytes(let change):
            return change(TinyModel.bytes)
        case .header(let old, let new):
            return TinyModel.file(header: TinyModel.header.replacing(old, with: new, maxReplacements: 1), weights: TinyModel.weightBytes)
        }
    }

    @Test(arguments: frameDamage + headerDamage)
    func damagedFileIsRefused(_ damage: Damage) {
        if case .header(let old, _) = damage.change { #expect(TinyModel.header.contains(old), "the edit does not apply") }
        #expect(modelFileErrorText { try ModelFile.decode(Self.damaged(damage), file: "m.tut") } == damage.expected)
    }

    /// The same through a file on disk, for a few of them.
    @Test func damagedFilesOnDiskAreRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeTemporaryDirectory(directory) }
        for damage in [Self.frameDamage[4], Self.frameDamage[6], Self.headerDamage[3]] {
            let path = directory.appendingPathComponent("m.tut").path
            try Data(Self.damaged(damage)).write(to: URL(fileURLWithPath: path))
            #expect(modelFileErrorText { try ModelFile.read(from: path) } == path + damage.expected.dropFirst("m.tut".count))
        }
    }

    /// Cut anywhere, the file is refused (and never crashes the reader).
    @Test func everyTruncationIsRefused() {
        let bytes = TinyModel.bytes
        for length in 0..<bytes.count {
            let text = modelFileErrorText { try ModelFile.decode(Array(bytes.prefix(length)), file: "m.tut") }
            #expect(text?.hasPrefix("m.tut is ") == true, "cut at \(length): \(text ?? "accepted")")
        }
    }

    /// Bytes changed at random — in the frame, the header's JSON or the weights, with and without
    /// the optimizer's state — are refused with an error or read as another valid file; never a
    /// crash. (A changed weight is still a valid weight, so some files do read back.)
    @Test func randomByteChangesNeverCrashTheReader() throws {
        var trained = TinyModel.saved
        trained.trainingState = TrainingState(iterations: 3, slots: trained.weights.map { $0.map { $0 / 2 } })
        var generator = SeededGenerator(seed: 11)
        for original in [TinyModel.bytes, ModelFile.encode(trained)] {
            var refused = 0
            for _ in 0..<1_500 {
                var bytes = original
                for _ in 0..<(1 + generator.nextIndex(below: 3)) {
                    bytes[generator.nextIndex(below: bytes.count)] = UInt8(generator.nextIndex(below: 256))
                }
                do {
                    _ = try ModelFile.decode(bytes, file: "m.tut")
                } catch {
                    refused += 1
                    #expect(error.description.hasPrefix("m.tut "), "\(error)")
                }
            }
            #expect(refused > 300, "most changes outside the weights should be refused; \(refused) were")
        }
    }

    /// The examples from the lessons' seed model, at full size.
    @Test func seedModelDamage() throws {
        let bytes = ModelFile.encode(try ModelFileTests.seedSaved())
        #expect(modelFileErrorText { try ModelFile.decode(Array(bytes.dropLast(120)), file: "seed.tut") }
            == "seed.tut is truncated: the weights need 814,120 bytes after the header, found 814,000")

        let headerLength = (0..<4).reduce(0) { $0 | Int(bytes[12 + $1]) << (8 * $1) }
        let header = String(decoding: bytes[16..<(16 + headerLength)], as: UTF8.self)
        let edited = header.replacing(#""shape":[784,256]"#, with: #""shape":[784,128]"#)
        #expect(edited != header)
        let file = TinyModel.file(header: edited, weights: Array(bytes.dropFirst(16 + headerLength)))
        #expect(modelFileErrorText { try ModelFile.decode(file, file: "seed.tut") }
            == "seed.tut says dense/kernel has shape [784, 128] but the layers need [784, 256]")
    }
}
