import Testing
import TutorLanguage

/// A line, where the cursor is (nil: at the end), and what completion must offer there.
struct CompletionCase: Sendable, CustomTestStringConvertible {
    let line: String
    var cursor: Int? = nil
    var names: [String] = []
    let start: Int
    let candidates: [String]
    var wantsPath = false

    var testDescription: String { "\(line)|" }
}

private let allCommands = [
    "answer", "batch", "clear", "confusion", "data", "draw", "evaluate", "explain", "export", "fit", "help", "history",
    "layer", "let", "load", "loss", "model", "optimizer", "plot", "pop", "predict", "quit", "reset", "run", "runs",
    "save", "seed", "show", "summary", "undo",
]

let completionCases: [CompletionCase] = [
    CompletionCase(line: "", start: 1, candidates: allCommands),
    CompletionCase(line: "fi", start: 1, candidates: ["fit"]),
    CompletionCase(line: "s", start: 1, candidates: ["save", "seed", "show", "summary"]),
    CompletionCase(line: "  p", start: 3, candidates: ["plot", "pop", "predict"]),
    CompletionCase(line: "layer ", start: 7, candidates: ["dense", "dropout", "flatten"]),
    CompletionCase(line: "LAYER D", start: 7, candidates: ["dense", "dropout"]),
    CompletionCase(line: "layer dense 256 ", start: 17, candidates: ["linear", "relu", "sigmoid", "softmax", "tanh"]),
    CompletionCase(line: "layer dense 256 s", start: 17, candidates: ["sigmoid", "softmax"]),
    CompletionCase(line: "layer dense ", start: 13, candidates: []),
    CompletionCase(line: "layer de 10", cursor: 8, start: 7, candidates: ["dense"]),
    CompletionCase(line: "optimizer ", start: 11, candidates: ["adam", "sgd"]),
    CompletionCase(line: "optimizer sgd ", start: 15, candidates: ["momentum"]),
    CompletionCase(line: "optimizer sgd 0.1 m", start: 19, candidates: ["momentum"]),
    CompletionCase(line: "optimizer adam ", start: 16, candidates: []),
    CompletionCase(line: "loss ", start: 6, candidates: ["crossentropy", "mse"]),
    CompletionCase(line: "plot a", start: 6, candidates: ["accuracy"]),
    CompletionCase(line: "show ", start: 6, candidates: [
        "derivative", "flatten", "image", "linear", "onehot", "pixels", "relu", "sigmoid", "softmax", "tanh", "weights",
    ]),
    CompletionCase(line: "show image 3 ", start: 14, candidates: ["test", "train"]),
    CompletionCase(line: "show derivative ", start: 17, candidates: ["linear", "relu", "sigmoid", "tanh"]),
    CompletionCase(line: "show derivative relu ", names: ["z"], start: 22, candidates: ["z"]),
    CompletionCase(line: "predict 3 t", start: 11, candidates: ["test", "train"]),
    CompletionCase(line: "predict 1,000 ", start: 15, candidates: ["test", "train"]),
    CompletionCase(line: "predict d", start: 9, candidates: ["drawn"]),
    CompletionCase(line: "dr", start: 1, candidates: ["draw"]),
    CompletionCase(line: "fit 3 batch 1,024 ", start: 19, candidates: ["validate"]),
    CompletionCase(line: "data ", start: 6, candidates: ["mnist"]),
    CompletionCase(line: "data mnist ", start: 12, candidates: ["from"]),
    CompletionCase(line: "data mnist from ", start: 17, candidates: [], wantsPath: true),
    CompletionCase(line: "fit 3 ", start: 7, candidates: ["batch", "validate"]),
    CompletionCase(line: "fit 3 batch 64 ", start: 16, candidates: ["validate"]),
    CompletionCase(line: "fit 3 validate 0.1 b", start: 20, candidates: ["batch"]),
    CompletionCase(line: "fit 3 batch ", start: 13, candidates: []),
    CompletionCase(line: "show softmax ", names: ["scores", "m"], start: 14, candidates: ["m", "scores"]),
    CompletionCase(line: "show softmax sc", names: ["scores", "m"], start: 14, candidates: ["scores"]),
    CompletionCase(line: "show flatten ", names: ["m"], start: 14, candidates: ["m"]),
    CompletionCase(line: "let x = ", names: ["scores"], start: 9, candidates: ["scores"]),
    CompletionCase(line: "let x =", names: ["scores"], start: 8, candidates: ["scores"]),
    CompletionCase(line: "show softmax [", names: ["scores"], start: 15, candidates: []),
    CompletionCase(line: "show softmax [1, ", names: ["scores"], start: 18, candidates: []),
    CompletionCase(line: "save ", start: 6, candidates: ["model", "notebook"]),
    CompletionCase(line: "save model ", start: 12, candidates: [], wantsPath: true),
    CompletionCase(line: "load model mo", start: 12, candidates: [], wantsPath: true),
    CompletionCase(line: "export ", start: 8, candidates: ["keras"]),
    CompletionCase(line: "run models/a", start: 5, candidates: [], wantsPath: true),
    CompletionCase(line: #"run "my di"#, start: 5, candidates: [], wantsPath: true),
    CompletionCase(line: "run a,b", start: 5, candidates: [], wantsPath: true),
    CompletionCase(line: "help f", start: 6, candidates: ["fit"]),
    CompletionCase(line: "help su", start: 6, candidates: ["summary"]),
    CompletionCase(line: "fit 3 # b", start: 10, candidates: []),
    CompletionCase(line: "quit ", start: 6, candidates: []),
    CompletionCase(line: "fi", cursor: 99, start: 1, candidates: ["fit"]),
]

@Test("completion offers the words that fit", arguments: completionCases)
func completion(_ example: CompletionCase) {
    let completion = Completer.complete(
        line: example.line, cursor: example.cursor ?? example.line.count, names: example.names)
    #expect(completion.startColumn == example.start)
    #expect(completion.candidates == example.candidates)
    #expect(completion.wantsPath == example.wantsPath)
}

@Test func thePrefixIsWhatWasTypedOfTheWord() {
    #expect(Completer.complete(line: "layer dense 10 so", cursor: 17, names: []).prefix == "so")
    #expect(Completer.complete(line: #"run "my di"#, cursor: 10, names: []).prefix == "my di")
    #expect(Completer.complete(line: "run a,b", cursor: 7, names: []).prefix == "a,b")
    #expect(Completer.complete(line: "layer ", cursor: 6, names: []).prefix == "")
}

@Test func everyCompletedCommandWordParsesAsACommand() {
    for word in Completer.complete(line: "", cursor: 0, names: []).candidates {
        do {
            _ = try Parser.parse(word, line: 1, file: nil)
        } catch {
            #expect(!error.message.hasPrefix("unknown command"), "`\(word)` is offered but unknown")
        }
    }
}
