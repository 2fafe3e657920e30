import ChildProcess
import Foundation
import Notebooks
import Testing
import TextFormat
@testable import NeuralNet
@testable import TutorLanguage

/// `export keras FILE.py|FILE.ipynb [weights]`: the two layouts of the one program, Python's
/// verdict on both, the weights' `.npz` read back exactly, and the command's files and messages.
struct KerasNotebookTests {
    static let seed = KerasExportTests.seedSettings
    static let withWeights = KerasExportTests.settings { $0.weightsFile = "digits.weights.npz" }

    /// With weights, the program trains nothing: it loads each dense layer's kernel and bias by
    /// their Keras names, saying why, and still quotes tutor's epochs.
    @Test func withWeightsTheProgramLoadsInsteadOfTraining() {
        let program = KerasExport.program(Self.withWeights)
        #expect(!program.contains("model.fit("))
        #expect(program.contains("""
            # %%
            # tutor's weights: each dense layer's kernel (inputs × units, as Keras keeps
            # it) and bias, as float32, from the file beside this program (in Jupyter,
            # which has no __file__, the notebook's folder, where it starts).
            WEIGHTS_FILE = "digits.weights.npz"
            if "__file__" in globals():
                folder = os.path.dirname(os.path.abspath(__file__))
            else:
                folder = os.getcwd()
            weights = np.load(os.path.join(folder, WEIGHTS_FILE))
            model.layers[1].set_weights([weights["dense/kernel"], weights["dense/bias"]])
            model.layers[2].set_weights([weights["dense_1/kernel"], weights["dense_1/bias"]])

            """))
        #expect(program.contains("# It does not train: it loads the weights tutor had when it was exported, from\n# `digits.weights.npz` beside it"))
        #expect(program.contains("# tutor trained the model as follows; its weights after this training are\n# loaded below instead of training again"))
        #expect(program.contains("# | 3 | 0.0765 | 0.9774 |"))
        // Dropout has no weights and is not loaded, but counts in the layers' positions.
        let dropout = KerasExportTests.settings {
            $0.weightsFile = "w.npz"
            $0.layers = [.flatten, .dense(units: 8, activation: .relu), .dropout(rate: 0.2), .dense(units: 10, activation: .softmax)]
        }
        #expect(KerasExport.program(dropout).contains("""
            model.layers[1].set_weights([weights["dense/kernel"], weights["dense/bias"]])
            model.layers[3].set_weights([weights["dense_1/kernel"], weights["dense_1/bias"]])
            """))
    }

    /// The last cell prints Keras' numbers beside tutor's, or says tutor did not evaluate.
    @Test func theLastCellPrintsBothNumbers() {
        #expect(KerasExport.program(Self.seed).hasSuffix("""
            accuracy, loss = results["accuracy"], results["loss"]
            print(f"test accuracy: tutor 0.9733, Keras {accuracy:.4f}")
            print(f"test loss: tutor 0.0860, Keras {loss:.4f}")

            """))
        let unevaluated = KerasExport.program(KerasExportTests.settings { $0.evaluation = nil })
        #expect(unevaluated.hasSuffix("""
            print(f"test accuracy: not evaluated in tutor, Keras {accuracy:.4f}")
            print(f"test loss: not evaluated in tutor, Keras {loss:.4f}")

            """))
        #expect(unevaluated.contains("# The model was not evaluated in tutor since it last changed"))
    }

    @Test(arguments: [
        ("digits.py", "digits.weights.npz"), ("out/k.ipynb", "out/k.weights.npz"), ("a.b/k", "a.b/k.weights.npz"),
        (".py", ".py.weights.npz"), ("x.tar.py", "x.tar.weights.npz"),
    ])
    func theWeightsAreNamedAfterTheProgram(program: String, weights: String) {
        #expect(KerasExport.weightsPath(for: program) == weights)
    }

    /// The `.npy` header is padded so that the values start at a multiple of 64 bytes.
    @Test func npyHeadersArePaddedTo64Bytes() {
        let npy = NumPyArchive.npy(NumPyArchive.Array(name: "k", shape: [784, 256], values: []))
        #expect(npy.count % 64 == 0)
        #expect(Array(npy.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let header = String(decoding: npy[10...], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (784, 256), }") && header.hasSuffix(" \n"))
    }

    /// Python's zipfile reads the archive (checking every CRC) and its `.npy` files hold the
    /// exact Float32 values, shapes and names written; NumPy's own `np.load` agrees when installed.
    @Test(.enabled(if: Python.isInstalled, "python3 is not installed"))
    func pythonReadsTheWeightsBackExactly() async throws {
        let arrays = [
            NumPyArchive.Array(name: "dense/kernel", shape: [3, 2], values: [0.1, -2.5, 1e-30, .greatestFiniteMagnitude, -0.0, 3]),
            NumPyArchive.Array(name: "dense/bias", shape: [2], values: [0.25, -1]),
            NumPyArchive.Array(name: "empty", shape: [0], values: []),
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("w-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(NumPyArchive.archive(arrays)).write(to: file)
        let reader = """
            import ast, struct, sys, zipfile
            archive = zipfile.ZipFile(sys.argv[1])
            assert archive.testzip() is None
            for info in archive.infolist():
                assert info.compress_type == zipfile.ZIP_STORED
                data = archive.read(info)
                assert data[:8] == b'\\x93NUMPY\\x01\\x00'
                (length,) = struct.unpack('<H', data[8:10])
                assert (10 + length) % 64 == 0
                header = ast.literal_eval(data[10:10 + length].decode('latin1'))
                assert header['descr'] == '<f4' and header['fortran_order'] is False
                count = len(data[10 + length:]) // 4
                bits = struct.unpack('<%dI' % count, data[10 + length:])
                print(info.filename, header['shape'], ' '.join(map(str, bits)))
            """
        let result = try await Python.run(["-c", reader, file.path])
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == arrays.map { array in
            "\(array.name).npy \(PythonLiteral.tuple(array.shape)) " + array.values.map { String($0.bitPattern) }.joined(separator: " ")
        }.joined(separator: "\n") + "\n")
        if await Python.has("numpy") {
            let load = "import numpy as np, sys; w = np.load(sys.argv[1]); print(sorted(w.files), w['dense/kernel'].dtype, w['dense/kernel'].shape, w['dense/kernel'][0, 1], w['dense/bias'].tolist())"
            let numpy = try await Python.run(["-c", load, file.path])
            #expect(numpy.stdout == "['dense/bias', 'dense/kernel', 'empty'] float32 (3, 2) -2.5 [0.25, -1.0]\n", "\(numpy.stderr)")
        } else {
            print("skipped: reading the weights with NumPy, which is not installed")
        }
    }

    /// Both layouts compile (the notebook's code cells put together), name no `sys.argv` or
    /// `sys.exit`, and the notebook is valid nbformat.
    @Test(.enabled(if: Python.isInstalled, "python3 is not installed"))
    func bothLayoutsCompileAndTheNotebookIsValid() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keras-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let untrained = KerasExportTests.trained([])
        for (name, settings) in [("seed", Self.seed), ("weights", Self.withWeights), ("everything", KerasExportTests.everything), ("untrained", untrained)] {
            let notebook = KerasExport.notebook(settings)
            let script = folder.appendingPathComponent(name + ".py").path
            let cells = folder.appendingPathComponent(name + "-cells.py").path
            let ipynb = folder.appendingPathComponent(name + ".ipynb").path
            try KerasExport.program(settings).write(toFile: script, atomically: true, encoding: .utf8)
            let code = notebook.cells.compactMap { cell -> String? in
                if case .code(let source, _, _) = cell { return source }
                return nil
            }
            try code.joined(separator: "\n\n").write(toFile: cells, atomically: true, encoding: .utf8)
            try notebook.json.write(toFile: ipynb, atomically: true, encoding: .utf8)
            for file in [script, cells] {
                let result = try await Python.run(["-m", "py_compile", file])
                #expect(result.status == 0, "\(file) does not compile: \(result.stderr)")
                let text = try String(contentsOfFile: file, encoding: .utf8)
                #expect(!text.contains("sys.argv") && !text.contains("sys.exit") && !text.contains("import sys"), "\(file)")
            }
            #expect(try await Python.nbformatProblem(ipynb) == nil, "\(name).ipynb")
        }
    }

    // MARK: - The command

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `export keras FILE.ipynb weights` writes the notebook and the weights beside it: the
    /// model's own kernels and biases, in Keras' layout.
    @Test func theCommandWritesTheNotebookAndTheWeights() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.data + ["layer flatten", "layer dense 4 relu", "layer dropout 0.5", "layer dense 10 softmax"])
        let file = folder.appendingPathComponent("k.ipynb").path
        let weights = folder.appendingPathComponent("k.weights.npz").path
        let messages = try NumbersCommandTests.messages(interpreter, "export keras \(file) weights")
        #expect(messages == ["Wrote a Keras program for this model to \(file) as a Jupyter notebook: open it in Jupyter or VS Code (Keras 3 needed); it loads tutor's weights from \(weights) instead of training."])
        let model = try #require(interpreter.session.model)
        let dense = model.denseLayers
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: weights))) == NumPyArchive.archive([
            NumPyArchive.Array(name: "dense/kernel", shape: [784, 4], values: dense[0].kernel.values),
            NumPyArchive.Array(name: "dense/bias", shape: [4], values: dense[0].bias.values),
            NumPyArchive.Array(name: "dense_1/kernel", shape: [4, 10], values: dense[1].kernel.values),
            NumPyArchive.Array(name: "dense_1/bias", shape: [10], values: dense[1].bias.values),
        ]))
        let notebook = try String(contentsOfFile: file, encoding: .utf8)
        #expect(notebook.hasPrefix("{\n \"cells\": [\n"))
        #expect(notebook.contains(#""WEIGHTS_FILE = \"k.weights.npz\"\n""#))
        #expect(notebook.contains("\"name\": \"python3\""))

        // Without `weights`, no weights file, and a script.
        let script = folder.appendingPathComponent("k.py").path
        try FileManager.default.removeItem(atPath: weights)
        _ = try NumbersCommandTests.messages(interpreter, "export keras \(script)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["k.ipynb", "k.py"])
        #expect(try String(contentsOfFile: script, encoding: .utf8).hasPrefix("# %% [markdown]\n# # A Keras version"))
    }

    /// The weights are in Keras' layout: NumPy's forward pass with them (Dense is
    /// `activation(x @ kernel + bias)`) gives tutor's test accuracy and loss to the fourth decimal.
    @Test(.enabled(if: Python.isInstalled, "python3 is not installed"))
    func numpyWithTheWeightsGivesTutorsEvaluation() async throws {
        guard await Python.has("numpy") else {
            print("skipped: the forward pass with the exported weights needs NumPy, which is not installed")
            return
        }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.data + [
            "layer flatten", "layer dense 16 sigmoid", "layer dense 10 softmax", "fit 1", "evaluate",
        ])
        let file = folder.appendingPathComponent("k.py").path
        _ = try NumbersCommandTests.messages(interpreter, "export keras \(file) weights")
        let evaluation = try #require(interpreter.session.lastEvaluation)
        let forward = """
            import gzip, sys, numpy as np
            w = np.load(sys.argv[1])
            def idx(path):
                data = gzip.decompress(open(path, 'rb').read())
                shape = [int(n) for n in np.frombuffer(data, '>u4', data[3], offset=4)]
                return np.frombuffer(data, np.uint8, offset=4 + 4 * data[3]).reshape(shape)
            x = idx(sys.argv[2] + '/t10k-images-idx3-ubyte.gz')[:20].reshape(20, -1).astype('float32') / 255
            y = idx(sys.argv[2] + '/t10k-labels-idx1-ubyte.gz')[:20]
            h = 1 / (1 + np.exp(-(x @ w['dense/kernel'] + w['dense/bias'])))
            z = h @ w['dense_1/kernel'] + w['dense_1/bias']
            p = np.exp(z - z.max(1, keepdims=True))
            p /= p.sum(1, keepdims=True)
            print('%.4f %.4f' % ((p.argmax(1) == y).mean(), -np.log(p[np.arange(20), y]).mean()))
            """
        let result = try await Python.run(["-c", forward, KerasExport.weightsPath(for: file), InterpreterTests.mnist])
        #expect(result.stdout == "\(NumberText.fixed(evaluation.accuracy, 4)) \(NumberText.fixed(evaluation.loss, 4))\n", "\(result.stderr)")
    }

    @Test(arguments: ["k.txt", "k", "k.py.bak"])
    func otherExtensionsAreRefusedAndNothingIsWritten(name: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.data + ["layer flatten", "layer dense 10 softmax"])
        interpreter.pathPolicy = .inside(folder.path)
        let error = InterpreterTests.error(interpreter, "export keras \(name) weights")
        #expect(error?.hasPrefix("error: `\(name)` does not end in `.py` or `.ipynb`: `export keras` writes FILE.py (a Python script) or FILE.ipynb (a Jupyter notebook)\n") == true, "\(error ?? "no error")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func theFormIsParsed() throws {
        #expect(try Parser.parse("export keras k.py weights", line: 1, file: nil)?.command == .exportKerasWeights(path: "k.py"))
        #expect(try Parser.parse("export keras k.ipynb", line: 1, file: nil)?.command == .exportKeras(path: "k.ipynb"))
    }
}
