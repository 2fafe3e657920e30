import Foundation
import Lessons
import NeuralNet
import Testing
import TutorLanguage

/// Bad input from every door a stranger or a slip of the hand can use — the prompt, lesson files,
/// answer files, IDX files, model files and progress.json — each with the exact text tutor answers
/// with. The expected texts are kept in `Tests/Fixtures/hostile-inputs.txt` (one `=== NAME`
/// section per case, the input shown after `<<<`, the answer after `>>>`);
/// `UPDATE_GOLDEN=1 swift test --filter HostileInputTests` rewrites it, for a reviewed diff.
///
/// Every case must be refused: an input tutor accepts is shown as `ACCEPTED: …` and fails.
@Suite(.serialized) struct HostileInputTests {
    static let golden = Support.root.appendingPathComponent("Tests/Fixtures/hostile-inputs.txt").path

    @Test func thereAreAtLeast150CasesFromEveryDoor() {
        #expect(Self.cases.count >= 150)
        for door in ["prompt", "lesson", "answer", "idx", "model", "progress"] {
            #expect(Self.cases.contains { $0.name.hasPrefix(door + "/") }, "no case for \(door)")
        }
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count, "two cases share a name")
    }

    @Test func everyCaseGetsItsExpectedAnswer() throws {
        var sections: [String] = []
        var answers: [String: String] = [:]
        for hostile in Self.cases {
            let bench = try Workbench()
            defer { bench.remove() }
            let answer: String
            do {
                answer = try hostile.run(bench).replacingOccurrences(of: bench.root, with: "WORKSPACE")
            } catch {
                answer = "ACCEPTED: the case could not be set up: \(error)"
            }
            answers[hostile.name] = answer
            sections.append("=== \(hostile.name)\n<<<\n\(hostile.shown)\n>>>\n\(answer)\n")
        }
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try sections.joined(separator: "\n").write(toFile: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try Self.expectedAnswers()
        for hostile in Self.cases {
            let answer = answers[hostile.name] ?? ""
            #expect(!answer.hasPrefix("ACCEPTED"), "\(hostile.name) was accepted: \(answer)")
            #expect(answer == expected[hostile.name], "\(hostile.name)")
        }
    }

    /// The golden file's answers by case name.
    static func expectedAnswers() throws -> [String: String] {
        let text = try String(contentsOfFile: golden, encoding: .utf8)
        var answers: [String: String] = [:]
        for section in text.components(separatedBy: "=== ").dropFirst() {
            guard let nameEnd = section.firstIndex(of: "\n"), let answerStart = section.range(of: "\n>>>\n") else { continue }
            var answer = String(section[answerStart.upperBound...])
            while answer.hasSuffix("\n") { answer.removeLast() }
            answers[String(section[..<nameEnd])] = answer
        }
        return answers
    }
}

// MARK: - The cases

extension HostileInputTests {
    static let cases: [HostileCase] = promptCases + lessonCases + answerCases + idxCases + modelCases + progressCases

    static let promptCases: [HostileCase] = [
        // Files outside the workspace, and files that are not files.
        .prompt("save-absolute", "save model /tmp/hostile.model"),
        .prompt("save-climbing", "save model ../hostile.model"),
        .prompt("save-home", "save model ~/hostile.model"),
        .prompt("save-into-link-out", setup: { try $0.link("out", to: "/tmp") }, "save model out/hostile.model"),
        .prompt("save-onto-fifo", setup: { try $0.fifo("pipe.model") }, "layer flatten", "layer dense 10 softmax", "save model pipe.model"),
        .prompt("save-onto-folder", setup: { try $0.folder("folder.model") }, "layer flatten", "layer dense 10 softmax", "save model folder.model"),
        .prompt("save-missing-folder", "layer flatten", "layer dense 10 softmax", "save model nowhere/x.model"),
        .prompt("save-nul", "layer flatten", "layer dense 10 softmax", "save model \"a\u{0}b.model\""),
        .prompt("notebook-absolute", "save notebook /tmp/hostile.md"),
        .prompt("notebook-onto-fifo", setup: { try $0.fifo("n.md") }, "save notebook n.md"),
        .prompt("export-climbing", "export keras ../../x.py"),
        .prompt("export-onto-fifo", setup: { try $0.fifo("x.py") }, "layer flatten", "layer dense 10 softmax", "export keras x.py"),
        .prompt("load-absolute", "load model /etc/passwd"),
        .prompt("load-missing", "load model missing.model"),
        .prompt("load-fifo", setup: { try $0.fifo("f.model") }, "load model f.model"),
        .prompt("load-folder", setup: { try $0.folder("d.model") }, "load model d.model"),
        .prompt("load-link-out", setup: { try $0.link("z.model", to: "/dev/zero") }, "load model z.model"),
        .prompt("load-text", setup: { try $0.write("t.model", "not a model\n") }, "load model t.model"),
        .prompt("load-empty", setup: { try $0.write("e.model", "") }, "load model e.model"),
        .prompt("run-absolute", "run /etc/passwd"),
        .prompt("run-missing", "run missing.tut"),
        .prompt("run-fifo", setup: { try $0.fifo("f.tut") }, "run f.tut"),
        .prompt("run-folder", setup: { try $0.folder("d.tut") }, "run d.tut"),
        .prompt("run-not-utf8", setup: { try $0.write("b.tut", [0x66, 0x69, 0x74, 0xFF, 0x0A]) }, "run b.tut"),
        .prompt("run-too-large", setup: { try $0.write("big.tut", [UInt8](repeating: 0x0A, count: (4 << 20) + 1)) }, "run big.tut"),
        .prompt("run-itself", setup: { try $0.write("self.tut", "run self.tut\n") }, "run self.tut"),
        .prompt("run-bad-line", setup: { try $0.write("bad.tut", "batch 64\nseed 7\nfitt 1\n") }, "run bad.tut"),
        .prompt("data-from-absolute", "data mnist from /"),
        .prompt("data-from-missing", "data mnist from nowhere"),
        .prompt("data-from-fifo", setup: { bench in
            try bench.folder("fifos")
            for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
                try bench.fifo("fifos/" + name)
            }
        }, "data mnist from fifos"),
        .prompt("data-from-empty-folder", setup: { try $0.folder("empty") }, "data mnist from empty"),
        .prompt("data-from-text-files", setup: { bench in
            try bench.folder("text")
            for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
                try bench.write("text/" + name, "hello\n")
            }
        }, "data mnist from text"),
        // Commands before what they need, and numbers out of range.
        .prompt("fit-without-model", fresh: true, "fit 1"),
        .prompt("evaluate-without-model", "evaluate"),
        .prompt("predict-without-model", "predict 0"),
        .prompt("confusion-without-model", "confusion"),
        .prompt("export-without-model", "export keras x.py"),
        .prompt("save-without-model", "save model x.model"),
        .prompt("plot-without-history", "plot loss"),
        .prompt("pop-empty", "pop"),
        .prompt("show-image-too-far", "show image 60000"),
        .prompt("show-image-test-too-far", "show image 10000 test"),
        .prompt("show-image-negative", "show image -1"),
        .prompt("show-weights-too-far", "layer flatten", "layer dense 4 relu", "show weights 4"),
        .prompt("predict-too-far", "layer flatten", "layer dense 10 softmax", "predict 10000 test"),
        .prompt("dense-zero-units", "layer flatten", "layer dense 0 relu"),
        .prompt("dense-huge", "layer flatten", "layer dense 1000000000 relu"),
        .prompt("dense-too-large-model", "layer flatten", "layer dense 100000 relu", "layer dense 10000 relu"),
        .prompt("fit-batch-memory", fresh: true, "data mnist", "layer flatten", "layer dense 20000 relu", "layer dense 10 softmax", "fit 1 batch 60000"),
        .prompt("fit-zero", "layer flatten", "layer dense 10 softmax", "fit 0"),
        .prompt("fit-negative", "layer flatten", "layer dense 10 softmax", "fit -3"),
        .prompt("fit-huge", "layer flatten", "layer dense 10 softmax", "fit 99999999999999999999"),
        .prompt("fit-output-too-narrow", "layer flatten", "layer dense 3 softmax", "fit 1"),
        .prompt("validate-tiny", "layer flatten", "layer dense 10 softmax", "fit 1 validate 5e-324"),
        .prompt("validate-one", "layer flatten", "layer dense 10 softmax", "fit 1 validate 1"),
        .prompt("batch-zero", "batch 0"),
        .prompt("learning-rate-nan", "optimizer sgd nan"),
        .prompt("learning-rate-negative", "optimizer adam -0.1"),
        .prompt("dropout-one", "layer flatten", "layer dropout 1"),
        .prompt("seed-negative", "seed -1"),
        .prompt("softmax-empty", "show softmax []"),
        .prompt("softmax-ragged", "show softmax [[1, 2], [3]]"),
        .prompt("softmax-unclosed", "show softmax [1, 2"),
        .prompt("softmax-infinite", "show softmax [1e39, 1]"),
        .prompt("onehot-eleven", "show onehot 11"),
        .prompt("answer-words", "answer twenty"),
        .prompt("unknown-variable", "show softmax scores"),
        .prompt("control-characters", "layer dense 10 \u{1B}[2Jrelu"),
        .prompt("bidi-override", "fit \u{202E}3"),
        .prompt("line-break", "fit 1\nfit 2"),
        .prompt("line-too-long", "show softmax [" + String(repeating: "1,", count: 40_000) + "1]"),
        .prompt("help-unknown", "help frobnicate"),
    ]

    /// A lesson with one exercise around `body` (lines inside the exercise).
    static func exercise(_ body: String) -> String {
        "# Title\n> Narration.\nexercise e\n> Do it.\n\(body)\nend\n"
    }

    /// A lesson with one guess step whose lines after the question are `body`.
    static func guess(_ body: String) -> String {
        "# Title\n> Narration.\nguess g\n> How much? Type a number.\n\(body)\nend\n"
    }

    static let lessonCases: [HostileCase] = [
        .lesson("empty", ""),
        .lesson("no-title", "> Narration first.\n"),
        .lesson("title-only-hash", "#\n"),
        .lesson("unknown-command", "# T\nfrobnicate\n"),
        .lesson("typo-command", "# T\nlayer dense 10 sigmiod\n"),
        .lesson("quit", "# T\nquit\n"),
        .lesson("exercise-no-name", "# T\nexercise\n"),
        .lesson("exercise-bad-name", "# T\nexercise a/b\n"),
        .lesson("exercise-name-escape", "# T\nexercise a\u{1B}b\n"),
        .lesson("exercise-name-too-long", "# T\nexercise " + String(repeating: "a", count: 300) + "\n"),
        .lesson("exercise-twice", exercise("solution answer 1\nexpect answer 1") + "exercise e\n> Again.\nsolution answer 1\nexpect answer 1\nend\n"),
        .lesson("exercise-no-end", "# T\nexercise e\n> Do it.\nsolution answer 1\nexpect answer 1\n"),
        .lesson("exercise-no-solution", exercise("expect answer 1")),
        .lesson("exercise-no-expect", exercise("solution answer 1")),
        .lesson("exercise-nested", "# T\nexercise a\n> A.\nexercise b\n"),
        .lesson("end-alone", "# T\nend\n"),
        .lesson("expect-outside", "# T\nexpect answer 1\n"),
        .lesson("expect-unknown", exercise("solution answer 1\nexpect answr 1")),
        .lesson("expect-no-value", exercise("solution answer 1\nexpect answer")),
        .lesson("expect-bad-number", exercise("solution answer 1\nexpect answer one")),
        .lesson("expect-layers-bad", exercise("solution layer flatten\nexpect layers flatten, dens 10")),
        .lesson("expect-within-negative", exercise("solution answer 1\nexpect answer 1 within -1")),
        .lesson("hint-no-arrow", exercise("hint just text\nsolution answer 1\nexpect answer 1")),
        .lesson("solution-typo", exercise("solution fitt 3\nexpect answer 1")),
        .lesson("solution-quit", exercise("solution quit\nexpect answer 1")),
        .lesson("solution-empty", exercise("solution\nexpect answer 1")),
        .lesson("stray-line", exercise("what is this\nsolution answer 1\nexpect answer 1")),
        .lesson("also-typo", exercise("solution answer 1\nalso answr 1\nexpect answer 1")),
        .lesson("command-line-too-long", "# T\nshow softmax [" + String(repeating: "1,", count: 40_000) + "1]\n"),
        .lesson("command-with-escape", "# T\nfit \u{1B}]0;owned\u{07}3\n"),
        .lesson("narration-then-broken-bracket", "# T\n> Text.\nshow softmax [1, 2\n"),
        // Guess steps.
        .lesson("guess-no-reveal", guess("show softmax [2, 1, 0.1]")),
        .lesson("guess-two-reveals", guess("show softmax [2, 1, 0.1]\nreveal output 0\nreveal sum")),
        .lesson("guess-unknown-quantity", guess("show softmax [2, 1, 0.1]\nreveal outptu 0")),
        .lesson("guess-nothing-to-reveal", guess("reveal")),
        .lesson("guess-half-a-quantity", guess("fit 1\nreveal epoch los")),
        .lesson("guess-output-without-number", guess("show softmax [2, 1, 0.1]\nreveal output first")),
        .lesson("guess-reveal-too-much", guess("show softmax [2, 1, 0.1]\nreveal sum of all")),
        .lesson("guess-solution-inside", guess("solution show softmax [2, 1, 0.1]\nreveal output 0")),
        .lesson("guess-expect-inside", guess("show softmax [2, 1, 0.1]\nexpect answer 1\nreveal output 0")),
        .lesson("guess-hint-inside", guess("hint > Think of e².\nshow softmax [2, 1, 0.1]\nreveal output 0")),
        .lesson("guess-inside-exercise", "# T\nexercise e\n> Do it.\nguess g\n"),
        .lesson("guess-no-end", "# T\nguess g\n> How much?\nshow softmax [2, 1, 0.1]\nreveal output 0\n"),
        .lesson("guess-no-question", "# T\nguess g\nshow softmax [2, 1, 0.1]\nreveal output 0\nend\n"),
        .lesson("guess-no-name", "# T\nguess\n"),
        .lesson("guess-bad-name", "# T\nguess how/much\n"),
        .lesson("guess-name-of-an-exercise", exercise("solution answer 1\nexpect answer 1") + "guess e\n"),
        .lesson("guess-command-after-reveal", guess("show softmax [2, 1, 0.1]\nreveal output 0\nshow sigmoid [2, 1, 0.1]")),
        .lesson("guess-pause-inside", guess("---\nshow softmax [2, 1, 0.1]\nreveal output 0")),
        .lesson("guess-quit", guess("quit\nreveal output 0")),
        .lesson("guess-typo-reveal", guess("show softmax [2, 1, 0.1]\nreveel output 0")),
        .lesson("guess-why-no-arrow", guess("show softmax [2, 1, 0.1]\nreveal output 0\nwhy because")),
        .lesson("guess-reveal-outside", "# T\nreveal output 0\n"),
        .lesson("guess-why-outside", "# T\nwhy > Because.\n"),
        .lesson("guess-nested", guess("guess h")),
    ]

    static let answerCases: [HostileCase] = [
        .answer("unknown-command", "frobnicate\n"),
        .answer("typo", "answr 1\n"),
        .answer("wrong-value", "answer 2\n"),
        .answer("empty", ""),
        .answer("save-absolute", "save model /tmp/hostile.model\n"),
        .answer("save-climbing", "save notebook ../../hostile.md\n"),
        .answer("export-absolute", "export keras /tmp/hostile.py\n"),
        .answer("run-absolute", "run /etc/passwd\n"),
        .answer("load-absolute", "load model /etc/passwd\n"),
        .answer("data-absolute", "data mnist from /\n"),
        .answer("fit-forever", "data mnist 100\nlayer flatten\nlayer dense 10 softmax\nfit 100000000\n"),
        .answer("quit-first", "quit\nanswer 1\n"),
        .answer("escape-token", "answer \u{1B}c1\n"),
        .answer("bidi-token", "answer 1\u{202E}\n"),
        .answer("nul-byte", "answer 1\u{0}\n"),
        .answer("not-utf8", bytes: [0x61, 0x6E, 0xFF, 0x0A]),
        .answer("too-large", bytes: [UInt8](repeating: 0x0A, count: (4 << 20) + 1)),
        .answer("line-too-long", "answer " + String(repeating: "1", count: 70_000) + "\n"),
        .answer("link-out", setup: { bench, file in try bench.link(file, to: "/etc/hostname") }),
        .answer("link-dangling", setup: { bench, file in try bench.link(file, to: "/nonexistent/answer.tut") }),
        .answer("fifo", setup: { bench, file in try bench.fifo(file) }),
        .answer("folder", setup: { bench, file in try bench.folder(file) }),
        .answer("device", setup: { bench, file in try bench.link(file, to: "/dev/zero") }),
        .answer("folder-link-out", setup: { bench, file in
            try FileManager.default.removeItem(atPath: bench.path("answers/practice"))
            let outside = bench.root + "-outside"
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try "answer 1\n".write(toFile: outside + "/right.tut", atomically: true, encoding: .utf8)
            try bench.link("answers/practice", to: outside)
        }),
    ]

    static let idxCases: [HostileCase] = [
        .idx("images-empty", images: []),
        .idx("images-short-header", images: [0, 0, 8, 3, 0, 0]),
        .idx("images-labels-magic", images: header(2049, 1, 28, 28) + [UInt8](repeating: 0, count: 784)),
        .idx("images-bad-magic", images: header(1234, 1, 28, 28) + [UInt8](repeating: 0, count: 784)),
        .idx("images-zero-rows", images: header(2051, 1, 0, 28)),
        .idx("images-huge-dimensions", images: header(2051, 1, 5000, 5000)),
        .idx("images-too-many-pixels", images: header(2051, 1, 300, 300)),
        .idx("images-truncated", images: header(2051, 2, 28, 28) + [UInt8](repeating: 0, count: 784)),
        .idx("images-extra-bytes", images: header(2051, 1, 28, 28) + [UInt8](repeating: 0, count: 785)),
        .idx("images-none", images: header(2051, 0, 28, 28)),
        .idx("images-count-overflow", images: header(2051, 0xFFFF_FFFF, 4096, 16)),
        .idx("labels-empty", labels: []),
        .idx("labels-short", labels: [0, 0, 8, 1]),
        .idx("labels-images-magic", labels: header(2051, 1) + [3]),
        .idx("labels-truncated", labels: header(2049, 3) + [1, 2]),
        .idx("labels-extra", labels: header(2049, 1) + [1, 2]),
        .idx("labels-none", labels: header(2049, 0)),
        .idx("labels-count-overflow", labels: header(2049, 0xFFFF_FFFF)),
    ]

    static let modelCases: [HostileCase] = [
        .model("empty", bytes: { _ in [] }),
        .model("signature-only", bytes: { Array($0.prefix(12)) }),
        .model("bad-signature", bytes: { var b = $0; b[1] = 0x58; return b }),
        .model("header-length-huge", bytes: { var b = $0; b[12] = 0xFF; b[13] = 0xFF; b[14] = 0xFF; b[15] = 0x7F; return b }),
        .model("header-not-json", header: { _ in }, raw: "{not json"),
        .model("truncated-weights", bytes: { Array($0.dropLast(7)) }),
        .model("extra-bytes", bytes: { $0 + [1, 2, 3, 4] }),
        .model("format-name", header: { $0["format"] = "keras" }),
        .model("version-future", header: { $0["version"] = 99 }),
        .model("version-zero", header: { $0["version"] = 0 }),
        .model("unknown-field", header: { $0["surprise"] = 1 }),
        .model("unknown-field-escape", header: { $0["\u{1B}]0;owned\u{07}"] = 1 }),
        .model("missing-layers", header: { $0["layers"] = nil }),
        .model("layers-not-list", header: { $0["layers"] = "dense" }),
        .model("layer-unknown-kind", header: { $0["layers"] = [["type": "conv2d"]] }),
        .model("layer-negative-units", header: { h in h["layers"] = [["type": "flatten"], ["type": "dense", "units": -4, "activation": "relu"], ["type": "dense", "units": 10, "activation": "softmax"]] }),
        .model("layer-unknown-activation", header: { h in h["layers"] = [["type": "flatten"], ["type": "dense", "units": 4, "activation": "swish"], ["type": "dense", "units": 10, "activation": "softmax"]] }),
        .model("input-shape-empty", header: { $0["input_shape"] = [Int]() }),
        .model("input-shape-huge", header: { $0["input_shape"] = [1 << 20, 1 << 20] }),
        .model("input-shape-negative", header: { $0["input_shape"] = [-28, 28] }),
        .model("batch-zero", header: { $0["batch_size"] = 0 }),
        .model("batch-string", header: { $0["batch_size"] = "32" }),
        .model("seed-negative", header: { $0["seed"] = -1 }),
        .model("loss-unknown", header: { $0["loss"] = "hinge" }),
        .model("optimizer-unknown", header: { h in h["optimizer"] = ["name": "rmsprop", "learning_rate": 0.001] }),
        .model("learning-rate-negative", header: { h in
            var optimizer = h["optimizer"] as? [String: Any] ?? [:]
            optimizer["learning_rate"] = -1
            h["optimizer"] = optimizer
        }),
        .model("iterations-huge", header: { h in
            var optimizer = h["optimizer"] as? [String: Any] ?? [:]
            optimizer["iterations"] = Int.max
            h["optimizer"] = optimizer
        }),
        .model("history-loss-negative", header: { h in h["history"] = [["accuracy": 0.2, "epoch": 1, "loss": -1.0, "seconds": 0.1]] }),
        .model("history-seconds-negative", header: { h in h["history"] = [["accuracy": 0.2, "epoch": 1, "loss": 1.0, "seconds": -5.0]] }),
        .model("history-accuracy-above-one", header: { h in h["history"] = [["accuracy": 2.5, "epoch": 1, "loss": 1.0, "seconds": 0.1]] }),
        .model("history-epoch-zero", header: { h in h["history"] = [["accuracy": 0.2, "epoch": 0, "loss": 1.0, "seconds": 0.1]] }),
        .model("tensor-renamed", header: { h in
            var tensors = h["tensors"] as? [[String: Any]] ?? []
            if !tensors.isEmpty { tensors[0]["name"] = "evil/\u{1B}c" }
            h["tensors"] = tensors
        }),
        .model("tensor-shape-wrong", header: { h in
            var tensors = h["tensors"] as? [[String: Any]] ?? []
            if !tensors.isEmpty { tensors[0]["shape"] = [4, 784] }
            h["tensors"] = tensors
        }),
        .model("weight-nan", bytes: { bytes in
            var b = bytes
            let start = 16 + headerLength(bytes)
            for (i, byte) in [UInt8](arrayLiteral: 0x00, 0x00, 0xC0, 0x7F).enumerated() { b[start + i] = byte }
            return b
        }),
        .model("weight-infinite", bytes: { bytes in
            var b = bytes
            let start = 16 + headerLength(bytes) + 8
            for (i, byte) in [UInt8](arrayLiteral: 0x00, 0x00, 0x80, 0x7F).enumerated() { b[start + i] = byte }
            return b
        }),
    ]

    static let progressCases: [HostileCase] = [
        .progress("not-json", "{ this is not json"),
        .progress("array", "[1, 2, 3]"),
        .progress("wrong-type", #"{"version": 1, "lessons": {"00-sample": {"next": "three", "exercises": {}}}}"#),
        .progress("negative-position", #"{"version": 1, "lessons": {"00-sample": {"next": -1, "exercises": {}}}}"#),
        .progress("escaped-key", "{\"version\": 1, \"lessons\": {\"\\u001b[2J\": {\"next\": -1, \"exercises\": {}}}}"),
        .progress("unknown-status", #"{"version": 1, "lessons": {"00-sample": {"next": 1, "exercises": {"e": "cheated"}}}}"#),
        .progress("version-future", #"{"version": 7, "lessons": {}}"#),
        .progress("lessons-not-object", #"{"version": 1, "lessons": [1]}"#),
        .progress("not-utf8", bytes: [0x7B, 0xFF, 0x7D]),
        .progress("too-large", bytes: [UInt8](repeating: 0x20, count: (1 << 20) + 1)),
        .progress("fifo", setup: { try $0.fifo("progress.json") }),
        .progress("folder", setup: { try $0.folder("progress.json") }),
        .progress("link-out", setup: { try $0.link("progress.json", to: "/etc/hostname") }),
        .progress("link-device", setup: { try $0.link("progress.json", to: "/dev/zero") }),
        .progress("guess-not-a-number", #"{"version": 1, "lessons": {"00-sample": {"next": 1, "exercises": {}, "guesses": {"softmax-first": {"guess": "lots", "when": "2026-12-02T14:17:05Z"}}}}}"#),
        .progress("guess-bad-time", #"{"version": 1, "lessons": {"00-sample": {"next": 1, "exercises": {}, "guesses": {"softmax-first": {"guess": 0.5, "when": "yesterday"}}}}}"#),
    ]

    /// An IDX header: the magic number and the sizes, each a big-endian UInt32.
    static func header(_ values: UInt32...) -> [UInt8] {
        values.flatMap { value in (0..<4).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }
    }

    /// The length of a model file's header (little-endian at offset 12).
    static func headerLength(_ bytes: [UInt8]) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[12 + $1]) << (8 * $1) }
    }
}

// MARK: - How a case runs

/// One bad input and how to give it to tutor; `run` returns what tutor answers.
struct HostileCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// The input as the golden file shows it (controls made visible).
    let shown: String
    let run: @Sendable (Workbench) throws -> String

    var testDescription: String { name }

    /// The last of `lines` typed at the prompt (after the others, which must succeed) in a session
    /// with MNIST's first 1,000 images loaded (none when `fresh`), inside the workspace.
    static func prompt(_ name: String, fresh: Bool = false, setup: @escaping @Sendable (Workbench) throws -> Void = { _ in }, _ lines: String...) -> HostileCase {
        HostileCase(name: "prompt/" + name, shown: lines.map(shownText).joined(separator: "\n")) { bench in
            try setup(bench)
            let interpreter = fresh ? Interpreter(session: Session(bundledDataDirectory: Support.mnist)) : try Workbench.loaded().fork()
            interpreter.pathPolicy = .inside(bench.root)
            let before = interpreter.session.journal.count
            for (index, line) in lines.dropLast().enumerated() {
                try interpreter.execute(line: line, number: index + 1) { _ in }
            }
            let journal = interpreter.session.journal.count
            var shown: [String] = []
            do {
                try interpreter.execute(line: lines.last ?? "", number: lines.count) { output in shown.append("\(output)") }
            } catch let diagnostic as Diagnostic {
                let changed = interpreter.session.journal.count != journal ? "\nCHANGED: the session's journal grew" : ""
                _ = before
                return diagnostic.rendered() + changed
            }
            return "ACCEPTED: " + shown.joined(separator: "\n")
        }
    }

    static func lesson(_ name: String, _ text: String) -> HostileCase {
        HostileCase(name: "lesson/" + name, shown: shownText(text)) { _ in
            do throws(Diagnostic) {
                _ = try LessonParser.parse(text, file: "hostile.lesson")
                return "ACCEPTED"
            } catch {
                return error.rendered()
            }
        }
    }

    /// `tutor check` of exercise `right` of the check-practice lesson with this answer file.
    static func answer(_ name: String, _ text: String) -> HostileCase {
        answer(name, bytes: Array(text.utf8), shown: shownText(text))
    }

    static func answer(_ name: String, bytes: [UInt8], shown: String? = nil) -> HostileCase {
        let shown = shown ?? (bytes.count > 80 ? "(\(bytes.count) bytes)" : shownText(String(decoding: bytes, as: UTF8.self)))
        return answer(name, shown: shown) { bench, file in try bench.write(file, bytes) }
    }

    static func answer(_ name: String, shown: String? = nil, setup: @escaping @Sendable (Workbench, String) throws -> Void) -> HostileCase {
        HostileCase(name: "answer/" + name, shown: shown ?? "(\(name))") { bench in
            let lesson = try LessonParser.parse(
                try String(contentsOfFile: Support.root.appendingPathComponent("Tests/Fixtures/check-practice.lesson").path, encoding: .utf8),
                file: "practice.lesson")
            try bench.folder("answers/practice")
            try setup(bench, "answers/practice/right.tut")
            let checker = Checker(answers: AnswerFiles(workspace: bench.root)) {
                let interpreter = Interpreter(session: Session(bundledDataDirectory: Support.mnist))
                interpreter.pathPolicy = .inside(bench.root)
                return interpreter
            }
            guard let exercise = lesson.exercises.first(where: { $0.name == "right" }) else { return "no exercise" }
            let outcome = checker.check(exercise, in: lesson)
            guard outcome.status != .passed else { return "ACCEPTED: passed" }
            return CheckReport.lines(for: outcome).joined(separator: "\n")
        }
    }

    static func idx(_ name: String, images: [UInt8]) -> HostileCase {
        HostileCase(name: "idx/" + name, shown: "images: \(hex(images))") { _ in
            do {
                _ = try IDX.parseImages(images, file: "images-idx3-ubyte")
                return "ACCEPTED"
            } catch {
                return "\(error)"
            }
        }
    }

    static func idx(_ name: String, labels: [UInt8]) -> HostileCase {
        HostileCase(name: "idx/" + name, shown: "labels: \(hex(labels))") { _ in
            do {
                _ = try IDX.parseLabels(labels, file: "labels-idx1-ubyte")
                return "ACCEPTED"
            } catch {
                return "\(error)"
            }
        }
    }

    /// A saved model (`Tests/Fuzz/model/seed-adam.model`) with its bytes changed by `bytes`.
    static func model(_ name: String, bytes change: @escaping @Sendable ([UInt8]) -> [UInt8]) -> HostileCase {
        HostileCase(name: "model/" + name, shown: "the saved model, bytes changed: \(name)") { bench in
            try decode(change(try seedModel()), bench)
        }
    }

    /// The same model with its header's JSON changed by `edit` (or replaced by `raw`).
    static func model(_ name: String, header edit: @escaping @Sendable (inout [String: Any]) -> Void, raw: String? = nil) -> HostileCase {
        HostileCase(name: "model/" + name, shown: "the saved model, header changed: \(name)") { bench in
            let bytes = try seedModel()
            let length = HostileInputTests.headerLength(bytes)
            var header = try JSONSerialization.jsonObject(with: Data(bytes[16..<16 + length])) as? [String: Any] ?? [:]
            edit(&header)
            let json = try raw.map { Array($0.utf8) } ?? Array(JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
            let count = UInt32(json.count)
            let lengthBytes = (0..<4).map { UInt8(truncatingIfNeeded: count >> (8 * UInt32($0))) }
            let rebuilt = Array(bytes[0..<12]) + lengthBytes + json + Array(bytes[(16 + length)...])
            return try decode(rebuilt, bench)
        }
    }

    static func progress(_ name: String, _ text: String) -> HostileCase {
        progress(name, bytes: Array(text.utf8), shown: shownText(text))
    }

    static func progress(_ name: String, bytes: [UInt8], shown: String? = nil) -> HostileCase {
        let shown = shown ?? (bytes.count > 80 ? "(\(bytes.count) bytes)" : shownText(String(decoding: bytes, as: UTF8.self)))
        return progress(name, shown: shown) { try $0.write("progress.json", bytes) }
    }

    static func progress(_ name: String, shown: String? = nil, setup: @escaping @Sendable (Workbench) throws -> Void) -> HostileCase {
        HostileCase(name: "progress/" + name, shown: shown ?? "(\(name))") { bench in
            try setup(bench)
            let (_, problem) = ProgressStore(workspace: bench.root).load()
            return problem ?? "ACCEPTED"
        }
    }

    private static func seedModel() throws -> [UInt8] {
        let path = Support.root.appendingPathComponent("Tests/Fuzz/model/seed-adam.model").path
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// What `load model` answers for a file holding `bytes`.
    private static func decode(_ bytes: [UInt8], _ bench: Workbench) throws -> String {
        try bench.write("hostile.model", bytes)
        let interpreter = Interpreter(session: Session(bundledDataDirectory: Support.mnist))
        interpreter.pathPolicy = .inside(bench.root)
        do throws(Diagnostic) {
            try interpreter.execute(line: "load model hostile.model", number: 1) { _ in }
            return "ACCEPTED"
        } catch {
            return error.rendered()
        }
    }

    /// Text as the golden file shows it: long inputs shortened, controls made visible.
    static func shownText(_ text: String) -> String {
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
            if scalar == "\n" { return [scalar] }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value) {
                return Array(String(format: "\\u{%02X}", scalar.value).unicodeScalars)
            }
            return [scalar]
        }))
        return visible.count > 200 ? String(visible.prefix(120)) + "… (\(text.utf8.count) bytes)" : visible
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "(empty)" : bytes.prefix(24).map { String(format: "%02x", $0) }.joined(separator: " ") + (bytes.count > 24 ? " … (\(bytes.count) bytes)" : "")
    }
}

/// A fresh workspace folder for one case, removed afterwards.
struct Workbench: Sendable {
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.resolvingSymlinksInPath().path
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        guard FileManager.default.createFile(atPath: path(relative), contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    func folder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    func fifo(_ relative: String) throws {
        guard mkfifo(path(relative), 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
        try? FileManager.default.removeItem(atPath: root + "-outside")
    }

    /// A session with MNIST's first 1,000 images loaded, made once.
    static func loaded() throws -> Interpreter {
        try loadedOnce.get()
    }

    nonisolated(unsafe) private static let loadedOnce: Result<Interpreter, any Error> = Result {
        try Support.interpreter(["data mnist 1000"])
    }
}
