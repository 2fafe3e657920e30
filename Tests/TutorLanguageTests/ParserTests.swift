import NeuralNet
import Testing
import TutorLanguage

/// The command `text` parses to (at the prompt, cell 1).
private func command(_ text: String) throws -> Command? {
    try Parser.parse(text, line: 1, file: nil)?.command
}

/// Every form of every command, with variations in case, spacing, commas and comments.
let validInputs: [(String, Command)] = [
    ("data", .dataInfo),
    ("data mnist", .dataMNIST(train: nil, test: nil)),
    ("data mnist 1000", .dataMNIST(train: 1000, test: nil)),
    ("data mnist 1000 200", .dataMNIST(train: 1000, test: 200)),
    ("data mnist 10,000 2,000", .dataMNIST(train: 10_000, test: 2_000)),
    ("data mnist from lessons/data/mnist", .dataMNISTFrom(path: "lessons/data/mnist")),
    (#"data mnist from "my data/mnist""#, .dataMNISTFrom(path: "my data/mnist")),
    ("show image 0", .showImage(index: 0, test: false)),
    ("show image 7 test", .showImage(index: 7, test: true)),
    ("show image 7 train", .showImage(index: 7, test: false)),
    ("show pixels 3", .showPixels(index: 3, test: false)),
    ("SHOW PIXELS 3 TEST", .showPixels(index: 3, test: true)),
    ("show weights 5", .showWeights(unit: 5)),
    ("layer flatten", .layer(.flatten)),
    ("layer dense 256", .layer(.dense(units: 256, activation: .linear))),
    ("layer dense 256 sigmoid", .layer(.dense(units: 256, activation: .sigmoid))),
    ("layer dense 10 softmax", .layer(.dense(units: 10, activation: .softmax))),
    ("layer dense 64 relu", .layer(.dense(units: 64, activation: .relu))),
    ("layer dense 64 tanh", .layer(.dense(units: 64, activation: .tanh))),
    ("layer dense 1 linear", .layer(.dense(units: 1, activation: .linear))),
    ("Layer Dense 10 ReLU", .layer(.dense(units: 10, activation: .relu))),
    ("layer dense 100000000", .layer(.dense(units: 100_000_000, activation: .linear))),
    ("model", .model),
    ("summary", .model),
    ("pop", .pop),
    ("reset", .reset),
    ("optimizer adam", .optimizer(.adam())),
    ("optimizer adam 0.01", .optimizer(.adam(learningRate: 0.01))),
    ("optimizer Adam 1e-4", .optimizer(.adam(learningRate: 1e-4))),
    ("optimizer sgd", .optimizer(.sgd(learningRate: 0.01, momentum: 0))),
    ("optimizer sgd 0.1", .optimizer(.sgd(learningRate: 0.1, momentum: 0))),
    ("optimizer sgd 0.1 momentum 0.9", .optimizer(.sgd(learningRate: 0.1, momentum: 0.9))),
    ("optimizer sgd momentum 0.5", .optimizer(.sgd(learningRate: 0.01, momentum: 0.5))),
    ("optimizer sgd .05 momentum 0", .optimizer(.sgd(learningRate: 0.05, momentum: 0))),
    ("loss crossentropy", .loss(.crossentropy)),
    ("loss mse", .loss(.mse)),
    ("loss sparse_categorical_crossentropy", .loss(.crossentropy)),
    ("loss mean_squared_error", .loss(.mse)),
    ("batch 64", .batch(64)),
    ("seed 0", .seed(0)),
    ("seed 42", .seed(42)),
    ("seed 18446744073709551615", .seed(UInt64.max)),
    ("seed 18,446,744,073,709,551,615", .seed(UInt64.max)),
    ("fit 3", .fit(epochs: 3, batch: nil, validate: nil)),
    ("fit 3 batch 64", .fit(epochs: 3, batch: 64, validate: nil)),
    ("fit 3 validate 0.1", .fit(epochs: 3, batch: nil, validate: 0.1)),
    ("fit 3 validate 0.1 batch 64", .fit(epochs: 3, batch: 64, validate: 0.1)),
    ("fit 5 batch 128 validate .2 # quick", .fit(epochs: 5, batch: 128, validate: 0.2)),
    ("fit 2 batch 1,024", .fit(epochs: 2, batch: 1024, validate: nil)),
    ("evaluate", .evaluate),
    ("predict 0", .predict(index: 0, test: false)),
    ("predict 9999 test", .predict(index: 9999, test: true)),
    ("predict 3 TRAIN", .predict(index: 3, test: false)),
    ("predict 1,000 test", .predict(index: 1000, test: true)),
    ("predict drawn", .predictDrawn),
    ("draw", .draw),
    ("confusion", .confusion),
    ("plot loss", .plot(.loss)),
    ("plot accuracy", .plot(.accuracy)),
    ("show softmax [2, 1, 0.1]", .showFunction(.activation(.softmax), .vector([2, 1, 0.1]))),
    ("show sigmoid [2 1 0.1]", .showFunction(.activation(.sigmoid), .vector([2, 1, 0.1]))),
    ("show relu [-1, 0, 1,]", .showFunction(.activation(.relu), .vector([-1, 0, 1]))),
    ("show tanh [0]", .showFunction(.activation(.tanh), .vector([0]))),
    ("show linear [1e-3,-2]", .showFunction(.activation(.linear), .vector([0.001, -2]))),
    ("show softmax scores", .showFunction(.activation(.softmax), .name("scores"))),
    ("show softmax [[1,2],[3,4]]", .showFunction(.activation(.softmax), .matrix([[1, 2], [3, 4]]))),
    ("show flatten [[1, 2], [3, 4]]", .showFlatten(.matrix([[1, 2], [3, 4]]))),
    ("show flatten [[1 2] [3 4] [5 6]]", .showFlatten(.matrix([[1, 2], [3, 4], [5, 6]]))),
    ("show flatten m", .showFlatten(.name("m"))),
    ("show onehot 0", .showOnehot(0)),
    ("show onehot 9", .showOnehot(9)),
    ("let scores = [2, 1, 0.1]", .assign(name: "scores", value: .vector([2, 1, 0.1]))),
    ("let m=[[1,2],[3,4]]", .assign(name: "m", value: .matrix([[1, 2], [3, 4]]))),
    ("let copy = scores", .assign(name: "copy", value: .name("scores"))),
    ("let _x1 = [1,]", .assign(name: "_x1", value: .vector([1]))),
    ("answer 1", .answer(1, expression: nil)),
    ("answer -0.5", .answer(-0.5, expression: nil)),
    ("answer 1e-3", .answer(0.001, expression: nil)),
    ("answer 25,120", .answer(25_120, expression: nil)),
    ("answer 784*32+32", .answer(25_120, expression: "784*32+32")),
    ("answer 784·256 + 256 # the first layer", .answer(200_960, expression: "784·256 + 256")),
    ("answer 1/4", .answer(0.25, expression: "1/4")),
    ("save model digits.model", .saveModel(path: "digits.model")),
    ("save notebook session.md", .saveNotebook(path: "session.md")),
    ("load model /tmp/x.json", .loadModel(path: "/tmp/x.json")),
    ("export keras ../y.py", .exportKeras(path: "../y.py")),
    ("run lessons/1.tut", .run(path: "lessons/1.tut")),
    (#"run "my lesson.tut""#, .run(path: "my lesson.tut")),
    ("save model a,b=c[1].tut", .saveModel(path: "a,b=c[1].tut")),
    ("help", .help(topic: nil)),
    ("help fit", .help(topic: "fit")),
    ("help FIT", .help(topic: "fit")),
    ("help summary", .help(topic: "model")),
    ("history", .history),
    ("undo", .undo),
    ("UNDO", .undo),
    ("runs", .runs),
    ("clear", .clear),
    ("quit", .quit),
    ("explain", .explain),
]

@Test("a valid line parses to its command", arguments: validInputs)
func validInputParses(_ text: String, _ expected: Command) throws {
    #expect(try command(text) == expected)
}

@Test func everyCommandWordHasAValidExample() {
    let firstWords = Set(validInputs.map { $0.0.split(separator: " ")[0].lowercased() })
    for topic in HelpCatalog.topics {
        #expect(firstWords.contains(topic), "no valid input starts with `\(topic)`")
    }
}

@Test(arguments: ["", "   ", "# a comment", "\t# tabbed comment"])
func blankLinesParseToNothing(_ text: String) throws {
    #expect(try Parser.parse(text, line: 4, file: "a.tut") == nil)
}

@Test func aStatementKeepsItsLineAndTokens() throws {
    let statement = try #require(try Parser.parse("show image 3 test", line: 7, file: "a.tut"))
    #expect(statement.line == SourceLine(text: "show image 3 test", number: 7, file: "a.tut"))
    #expect(statement.tokens.map(\.text) == ["show", "image", "3", "test"])
}

@Test func aPathIsOneTokenInTheStatement() throws {
    let statement = try #require(try Parser.parse("save model a,b=c.tut", line: 1, file: nil))
    #expect(statement.tokens.last == Token(kind: .word, text: "a,b=c.tut", columns: 12...20))
}

@Test func theInterpreterCanPointAtAnArgument() throws {
    let statement = try #require(try Parser.parse("show image 70000", line: 2, file: nil))
    let diagnostic = statement.diagnostic(
        "image index 70000 is out of range (the training set has 60000 images)", at: 2,
        suggestion: "the last one is 59999")
    #expect(diagnostic.rendered() == """
        error: image index 70000 is out of range (the training set has 60000 images)
         --> 2:12
          |
        2 | show image 70000
          |            ^^^^^ the last one is 59999
        """)
    let pastTheEnd = statement.diagnostic("no such argument", at: 9)
    #expect(pastTheEnd.columns == 17...17)
    let whole = statement.diagnostic("no data loaded")
    #expect(whole.columns == 1...16)
}

@Test func aScriptParsesLineByLineAndKeepsGoingAfterAnError() {
    let script = "# title\ndata mnist 100\n\nlayer dens 10\r\nfit 1\n"
    let results = Parser.parseScript(script, file: "s.tut")
    #expect(results.count == 3)
    guard results.count == 3 else { return }
    if case .success(let statement) = results[0] {
        #expect(statement.command == .dataMNIST(train: 100, test: nil))
        #expect(statement.line.number == 2)
    } else {
        Issue.record("line 2 should parse")
    }
    if case .failure(let diagnostic) = results[1] {
        #expect(diagnostic.location == SourceLocation(file: "s.tut", line: 4, column: 7))
        #expect(diagnostic.lineText == "layer dens 10")
    } else {
        Issue.record("line 4 should fail")
    }
    if case .success(let statement) = results[2] {
        #expect(statement.command == .fit(epochs: 1, batch: nil, validate: nil))
        #expect(statement.line.number == 5)
    } else {
        Issue.record("line 5 should parse")
    }
}

@Test func oneCommandPerLine() {
    #expect(throws: Diagnostic.self) { try Parser.parse("pop\npop", line: 1, file: nil) }
    do {
        _ = try Parser.parse("pop\npop", line: 1, file: nil)
    } catch {
        #expect(error.message == "expected one command per line, found a line break")
        #expect(error.columns == 4...4)
    }
}

@Test(arguments: ["fit 3\n", "fit 3\r", "fit 3\r\n"])
func aTrailingLineBreakIsIgnored(_ text: String) throws {
    let statement = try #require(try Parser.parse(text, line: 1, file: nil))
    #expect(statement.command == .fit(epochs: 3, batch: nil, validate: nil))
    #expect(statement.line.text == "fit 3")
}

@Test func theLearningRateKeepsAdamsOtherDefaults() throws {
    #expect(try command("optimizer adam 0.01") == .optimizer(.adam(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7)))
}
