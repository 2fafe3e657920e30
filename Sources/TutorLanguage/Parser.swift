import NeuralNet

/// Turns lines of the tutor language into ``Statement``s, or into ``Diagnostic``s that say what is
/// wrong. Checks everything the grammar can know: known words, argument counts and types, numbers
/// that fit and lie in range. Pure: no printing, no session.
public enum Parser {
    /// Parses one line. Returns nil for a blank or comment-only line.
    /// - Parameters:
    ///   - text: one line; a trailing line break is ignored, one inside is an error.
    ///   - line: its line number in `file`, or the notebook cell number at the prompt.
    ///   - file: the file it came from, nil at the prompt.
    public static func parse(_ text: String, line: Int, file: String?) throws(Diagnostic) -> Statement? {
        var text = text
        while text.last?.isNewline == true { text.removeLast() }
        if let breakIndex = text.firstIndex(where: \.isNewline) {
            let firstLine = SourceLine(text: String(text[..<breakIndex]), number: line, file: file)
            let column = firstLine.width + 1
            throw Diagnostic(
                "expected one command per line, found a line break", in: firstLine, columns: column...column)
        }
        let source = SourceLine(text: text, number: line, file: file)
        let tokens = try Lexer.tokenize(source)
        guard !tokens.isEmpty else { return nil }
        var stream = TokenStream(line: source, tokens: tokens)
        let command = try parseCommand(&stream)
        return Statement(command: command, line: source, tokens: stream.tokens)
    }

    /// Parses a whole script, one result per line that is not blank or a comment, in order.
    /// Lines are numbered from 1; a line's errors do not stop the others from being parsed.
    public static func parseScript(_ text: String, file: String?) -> [Result<Statement, Diagnostic>] {
        var results: [Result<Statement, Diagnostic>] = []
        for (index, lineText) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            do {
                if let statement = try parse(String(lineText), line: index + 1, file: file) {
                    results.append(.success(statement))
                }
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    // MARK: - Commands

    private static func parseCommand(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        guard let first = stream.advance() else { throw stream.missing("a command", usage: []) }
        guard first.kind == .word else {
            throw stream.error(
                "expected a command, found `\(first.text)`", at: first, suggestion: "type `help` to list the commands")
        }
        let keyword = first.keyword
        switch keyword {
        case "data": return try data(&stream)
        case "show": return try show(&stream)
        case "layer": return try layer(&stream)
        case "optimizer": return try optimizer(&stream)
        case "loss": return try loss(&stream)
        case "batch":
            let size = try stream.wholeNumber("the batch size", atLeast: 1, usage: ["batch"])
            try stream.expectEnd(usage: ["batch"])
            return .batch(size)
        case "seed":
            let seed = try stream.unsignedNumber("the seed", usage: ["seed"])
            try stream.expectEnd(usage: ["seed"])
            return .seed(seed)
        case "fit": return try fit(&stream)
        case "predict":
            let index = try stream.wholeNumber("the image index", atLeast: 0, usage: ["predict"])
            let test = try stream.testFlag()
            try stream.expectEnd(usage: ["predict"])
            return .predict(index: index, test: test)
        case "plot":
            let (word, _) = try stream.keyword("plot", from: Keywords.plotKinds, usage: ["plot"])
            try stream.expectEnd(usage: ["plot"])
            return .plot(PlotKind(rawValue: word) ?? .loss)
        case "let": return try assignment(&stream)
        case "answer":
            let (value, _) = try stream.number("the answer", usage: ["answer"])
            try stream.expectEnd(usage: ["answer"])
            return .answer(value)
        case "save", "load", "export", "run": return try file(keyword, &stream)
        case "help": return try help(&stream)
        default:
            guard let command = bareCommands[keyword] else {
                throw stream.error(
                    "unknown command `\(first.text)` (type `help` to list the commands)", at: first,
                    suggestion: Suggestion.command(for: first.text).map(Diagnostic.didYouMean))
            }
            try stream.expectEnd(usage: [keyword])
            return command
        }
    }

    /// The commands that take no arguments.
    private static let bareCommands: [String: Command] = [
        "model": .model, "summary": .model, "pop": .pop, "reset": .reset, "evaluate": .evaluate,
        "confusion": .confusion, "history": .history, "clear": .clear, "quit": .quit,
    ]

    /// `data`, `data mnist [N [M]]`, `data mnist from DIR`.
    private static func data(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        guard stream.current != nil else { return .dataInfo }
        _ = try stream.keyword("data set", from: Keywords.dataSets, usage: ["data"])
        let usage = ["data", "mnist"]
        if stream.current?.isKeyword("from") == true {
            stream.advance()
            let path = try stream.path("a folder", usage: usage)
            try stream.expectEnd(usage: usage, note: quoteNote)
            return .dataMNISTFrom(path: path)
        }
        guard stream.current != nil else { return .dataMNIST(train: nil, test: nil) }
        let train = try stream.wholeNumber("the number of training examples", atLeast: 1, usage: usage)
        guard stream.current != nil else { return .dataMNIST(train: train, test: nil) }
        let test = try stream.wholeNumber("the number of test examples", atLeast: 1, usage: usage)
        try stream.expectEnd(usage: usage)
        return .dataMNIST(train: train, test: test)
    }

    /// `show image|pixels N [test]`, `show weights N`, `show ACT V`, `show flatten M`, `show onehot N`.
    private static func show(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        let (subject, _) = try stream.keyword("thing to show", from: Keywords.showSubjects, usage: ["show"])
        let usage = ["show", subject]
        let command: Command
        switch subject {
        case "image", "pixels":
            let index = try stream.wholeNumber("the image index", atLeast: 0, usage: usage)
            let test = try stream.testFlag()
            command = subject == "image" ? .showImage(index: index, test: test) : .showPixels(index: index, test: test)
        case "weights":
            command = .showWeights(unit: try stream.wholeNumber("the unit index", atLeast: 0, usage: usage))
        case "flatten":
            command = .showFlatten(try stream.operand(usage: usage))
        case "onehot":
            command = .showOnehot(try stream.wholeNumber("the digit", in: 0...9, usage: usage))
        default:
            let activation = Activation.named(subject) ?? .linear
            command = .showActivation(activation, try stream.operand(usage: usage))
        }
        try stream.expectEnd(usage: usage)
        return command
    }

    /// `layer flatten`, `layer dense N [ACT]`, `layer dropout RATE`.
    private static func layer(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        let (kind, _) = try stream.keyword("layer kind", from: Keywords.layerKinds, usage: ["layer"])
        let usage = ["layer", kind]
        if kind == "dropout" {
            let (rate, _) = try stream.number("the dropout rate", usage: usage)
            try stream.expectEnd(usage: usage)
            return .layerDropout(rate: rate)
        }
        guard kind == "dense" else {
            try stream.expectEnd(usage: usage)
            return .layerFlatten
        }
        let units = try stream.wholeNumber("the number of units", atLeast: 1, usage: usage)
        var activation = Activation.linear
        try rejectKerasArgument(&stream, usage: usage)
        if stream.current != nil {
            let (name, _) = try stream.keyword("activation", from: Keywords.activations, usage: usage)
            activation = Activation.named(name) ?? .linear
        }
        try stream.expectEnd(usage: usage)
        return .layerDense(units: units, activation: activation)
    }

    /// Keras' `activation="relu"` spelling: explained, with the word to write instead.
    private static func rejectKerasArgument(_ stream: inout TokenStream, usage: [String]) throws(Diagnostic) {
        let tokens = stream.tokens
        let start = stream.position
        guard start + 1 < tokens.count, tokens[start].kind == .word, tokens[start + 1].kind == .equals else { return }
        let last = start + 2 < tokens.count ? tokens[start + 2] : tokens[start + 1]
        let typed = String(Array(stream.line.text)[(tokens[start].columns.lowerBound - 1)..<last.columns.upperBound])
        let value = last.kind == .word || last.kind == .string ? last.value : ""
        let suggestion = Activation.named(value).map { Diagnostic.didYouMean($0.rawValue) } ?? HelpCatalog.usage(usage)
        throw Diagnostic(
            "unexpected `\(typed)` (write the activation alone, without `name=`)", in: stream.line,
            columns: tokens[start].columns.lowerBound...last.columns.upperBound, suggestion: suggestion)
    }

    /// `optimizer adam [LR]`, `optimizer sgd [LR] [momentum X]`.
    private static func optimizer(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        let (name, _) = try stream.keyword("optimizer", from: Keywords.optimizers, usage: ["optimizer"])
        let usage = ["optimizer", name]
        if name == "adam", let token = stream.current, token.isKeyword("momentum") {
            throw stream.error(
                "unexpected `\(token.text)` after `\(stream.typedSoFar)` (only sgd takes a momentum)", at: token,
                suggestion: HelpCatalog.usage(usage))
        }
        var learningRate: Float?
        if let token = stream.current, token.kind == .number || name == "adam" {
            let (value, token) = try stream.float("the learning rate", usage: usage)
            guard value > 0 else { throw stream.error("the learning rate must be more than 0, found `\(token.text)`", at: token) }
            learningRate = value
        }
        guard name == "sgd" else {
            try stream.expectEnd(usage: usage)
            return .optimizer(.adam(learningRate: learningRate ?? 0.001))
        }
        var momentum: Float = 0
        if let token = stream.current, token.kind == .word {
            _ = try stream.keyword("sgd option", from: Keywords.sgdOptions, usage: usage)
            let (value, token) = try stream.float("the momentum", usage: usage)
            guard value >= 0, value < 1 else {
                throw stream.error("the momentum must be at least 0 and less than 1, found `\(token.text)`", at: token)
            }
            momentum = value
        }
        try stream.expectEnd(usage: usage)
        return .optimizer(.sgd(learningRate: learningRate ?? 0.01, momentum: momentum))
    }

    /// `loss crossentropy`, `loss mse`, or a Keras name such as `sparse_categorical_crossentropy`.
    private static func loss(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        let loss: Loss
        if let token = stream.current, token.kind == .word, let named = Loss.named(token.text) {
            stream.advance()
            loss = named
        } else {
            let (word, _) = try stream.keyword("loss", from: Keywords.losses, usage: ["loss"])
            loss = Loss.named(word) ?? .crossentropy
        }
        try stream.expectEnd(usage: ["loss"])
        return .loss(loss)
    }

    /// `fit N [batch N] [validate X]`, options in any order, each at most once.
    private static func fit(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        let usage = ["fit"]
        let epochs = try stream.wholeNumber("the number of epochs", atLeast: 1, usage: usage)
        var batch: Int?
        var validate: Double?
        while let token = stream.current {
            guard token.kind == .word else { try stream.expectEnd(usage: usage); break }
            let (option, _) = try stream.keyword("fit option", from: Keywords.fitOptions, usage: usage)
            if (option == "batch" && batch != nil) || (option == "validate" && validate != nil) {
                throw stream.error("option `\(option)` given twice", at: token, suggestion: HelpCatalog.usage(usage))
            }
            if option == "batch" {
                batch = try stream.wholeNumber("the batch size", atLeast: 1, usage: usage)
            } else {
                let (value, valueToken) = try stream.number("the validation fraction", usage: usage)
                guard value > 0, value < 1 else {
                    throw stream.error(
                        "the validation fraction must be between 0 and 1 (both excluded), found `\(valueToken.text)`",
                        at: valueToken)
                }
                validate = value
            }
        }
        return .fit(epochs: epochs, batch: batch, validate: validate)
    }

    /// `let NAME = V`.
    private static func assignment(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        let usage = ["let"]
        let name = try stream.name(usage: usage)
        guard let equals = stream.current else { throw stream.missing("`=`", usage: usage) }
        guard equals.kind == .equals else {
            throw stream.error("expected `=` after `\(stream.typedSoFar)`, found `\(equals.text)`", at: equals,
                               suggestion: HelpCatalog.usage(usage))
        }
        stream.advance()
        let value = try stream.operand(usage: usage)
        try stream.expectEnd(usage: usage)
        return .assign(name: name, value: value)
    }

    /// `save model|notebook FILE`, `load model FILE`, `export keras FILE`, `run FILE`.
    private static func file(_ keyword: String, _ stream: inout TokenStream) throws(Diagnostic) -> Command {
        let target: String
        switch keyword {
        case "save": target = try stream.keyword("thing to save", from: Keywords.saveTargets, usage: [keyword]).word
        case "load": target = try stream.keyword("thing to load", from: Keywords.loadTargets, usage: [keyword]).word
        case "export": target = try stream.keyword("export format", from: Keywords.exportFormats, usage: [keyword]).word
        default: target = ""
        }
        let usage = target.isEmpty ? [keyword] : [keyword, target]
        let path = try stream.path("a file name", usage: usage)
        try stream.expectEnd(usage: usage, note: quoteNote)
        switch (keyword, target) {
        case ("save", "model"): return .saveModel(path: path)
        case ("save", _): return .saveNotebook(path: path)
        case ("load", _): return .loadModel(path: path)
        case ("export", _): return .exportKeras(path: path)
        default: return .run(path: path)
        }
    }

    /// `help`, `help COMMAND`.
    private static func help(_ stream: inout TokenStream) throws(Diagnostic) -> Command {
        guard let token = stream.current else { return .help(topic: nil) }
        guard token.kind == .word else {
            throw stream.error("expected a command name, found `\(token.text)`", at: token,
                               suggestion: HelpCatalog.usage(["help"]))
        }
        guard let topic = HelpCatalog.topic(named: token.text) else {
            throw stream.error(
                "unknown help topic `\(token.text)` (type `help` to list the commands)", at: token,
                suggestion: Suggestion.command(for: token.text).map(Diagnostic.didYouMean))
        }
        stream.advance()
        try stream.expectEnd(usage: ["help"])
        return .help(topic: topic)
    }

    /// The note after an extra word that follows a path.
    private static let quoteNote = "put a path with spaces in double quotes"
}
