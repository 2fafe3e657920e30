import NeuralNet
import TutorLanguage

/// Reads the check of an `expect …` line into an ``Expectation``, or a caret ``Diagnostic``.
enum ExpectationParser {
    /// One kind of check: its word, its usage line and how the rest of the line is read.
    struct CheckForm: Sendable {
        let word: String
        let usage: String
        let parse: @Sendable (inout WordScanner, String) throws(Diagnostic) -> Expectation.Check
    }

    /// Every check, in the order LESSONS.md lists them: the one place a check is described.
    static let checks: [CheckForm] = [
        CheckForm(word: "answer", usage: "expect answer X|top output|second output [within E]") { s, usage throws(Diagnostic) in
            if let rank = ranks.firstIndex(where: { s.current?.text.lowercased() == $0 }) {
                s.advance()
                try s.expect("output", after: ranks[rank], usage: usage)
                return .answerRanked(rank + 1, tolerance: try within(&s, usage: usage))
            }
            let value = try s.arithmetic("the expected answer (a number, or `top output`)", usage: usage)
            return .answer(value, tolerance: try within(&s, usage: usage))
        },
        CheckForm(word: "layers", usage: "expect layers flatten, dense 256 sigmoid, dense 10 softmax") { s, usage throws(Diagnostic) in
            .layers(try layers(&s, usage: usage))
        },
        CheckForm(word: "params", usage: "expect params N") { s, usage throws(Diagnostic) in
            .parameters(try s.wholeNumber("the number of parameters", atLeast: 0, usage: usage))
        },
        CheckForm(word: "accuracy", usage: "expect accuracy >= X") { s, usage throws(Diagnostic) in
            try s.expect(">=", after: "accuracy", usage: usage)
            return .accuracy(atLeast: try s.number("the lowest accuracy (between 0 and 1)", usage: usage))
        },
        CheckForm(word: "outputs", usage: "expect outputs sum to 1 [within E]") { s, usage throws(Diagnostic) in
            try s.expect("sum", after: "outputs", usage: usage)
            try s.expect("to", after: "outputs sum", usage: usage)
            let value = try s.number("the sum", usage: usage)
            return .outputsSum(value, tolerance: try within(&s, usage: usage))
        },
        CheckForm(word: "optimizer", usage: "expect optimizer \(OptimizerKind.Family.allCases.map(\.rawValue).joined(separator: "|")) [LR]") {
            s, usage throws(Diagnostic) in try optimizer(&s, usage: usage)
        },
        CheckForm(word: "loss", usage: "expect loss \(Loss.allCases.map(\.rawValue).joined(separator: "|"))") { s, usage throws(Diagnostic) in
            let found = s.current
            guard let text = found?.text, let loss = Loss.named(text) else {
                let names = Loss.allCases.map(\.rawValue).joined(separator: " or ")
                throw s.error("expected a loss (\(names)), found \(WordScanner.describe(found))", at: found, suggestion: "usage: \(usage)")
            }
            s.advance()
            return .loss(loss)
        },
        CheckForm(word: "batch", usage: "expect batch N") { s, usage throws(Diagnostic) in
            .batch(try s.wholeNumber("the batch size", atLeast: 1, usage: usage))
        },
        CheckForm(word: "trained", usage: "expect trained [N epochs]") { s, usage throws(Diagnostic) in
            guard !s.isAtEnd else { return .trainedHere(epochs: nil) }
            let epochs = try s.wholeNumber("the number of epochs", atLeast: 1, usage: usage)
            guard s.accept("epochs") || s.accept("epoch") else {
                throw s.error("expected `epochs` after the number, found \(WordScanner.describe(s.current))", at: s.current, suggestion: "usage: \(usage)")
            }
            return .trainedHere(epochs: epochs)
        },
        CheckForm(word: "epochs", usage: "expect epochs >= N") { s, usage throws(Diagnostic) in
            try s.expect(">=", after: "epochs", usage: usage)
            return .epochs(atLeast: try s.wholeNumber("the number of epochs", atLeast: 1, usage: usage))
        },
        CheckForm(word: "evaluated", usage: "expect evaluated") { _, _ throws(Diagnostic) in .evaluatedHere },
        CheckForm(word: "summary", usage: "expect summary shown") { s, usage throws(Diagnostic) in
            try s.expect("shown", after: "summary", usage: usage)
            return .summaryShown
        },
        CheckForm(word: "shown", usage: "expect shown softmax [2, 1, 0.1]") { s, usage throws(Diagnostic) in
            try command("shown", &s, usage: usage)
        },
        CheckForm(word: "predicted", usage: "expect predicted N [test]") { s, usage throws(Diagnostic) in
            try command("predicted", &s, usage: usage)
        },
        CheckForm(word: "output", usage: "expect output activation \(Activation.names.joined(separator: "|"))") { s, usage throws(Diagnostic) in
            try s.expect("activation", after: "output", usage: usage)
            return .outputActivation(try activation(&s, usage: usage))
        },
    ]

    /// Parses `line`, whose first word is `expect`.
    static func parse(_ line: SourceLine) throws(Diagnostic) -> Expectation {
        var scanner = WordScanner(line, from: 1)
        scanner.advance()  // `expect`
        let words = checks.map(\.word)
        guard let kind = scanner.advance() else {
            throw scanner.error("expected what to check after `expect`", at: nil, suggestion: "one of: \(words.joined(separator: ", "))")
        }
        let word = kind.text.lowercased()
        guard let form = checks.first(where: { $0.word == word }) else {
            let suggestion = Suggestion.nearest(to: word, in: words).map(Diagnostic.didYouMean)
                ?? "one of: \(words.joined(separator: ", "))"
            throw scanner.error("unknown check `\(kind.text)`", at: kind, suggestion: suggestion)
        }
        let check = try form.parse(&scanner, form.usage)
        try scanner.expectEnd(usage: form.usage)
        let text = String(line.text.dropFirst(kind.columns.lowerBound - 1))
        return Expectation(check: check, text: text.trimmingTrailingSpaces(), line: line.number)
    }

    /// `top`, `second`, `third`: which output `expect answer … output` means.
    private static let ranks = ["top", "second", "third"]

    /// `shown ACT V` and `predicted N [test]`: the rest of the line is read as the command
    /// `show ACT V` or `predict N [test]` (by the language's parser, so V is written as at the
    /// prompt), with the columns of the lesson line.
    private static func command(_ word: String, _ s: inout WordScanner, usage: String) throws(Diagnostic) -> Expectation.Check {
        guard let first = s.current else {
            throw s.error("expected what was \(word) after `\(word)`", at: nil, suggestion: "usage: \(usage)")
        }
        let verb = word == "shown" ? "show" : "predict"
        let start = first.columns.lowerBound - 1
        let keyword = String(repeating: " ", count: max(0, start - verb.count - 1)) + verb + " "
        let text = keyword + String(s.line.text.dropFirst(start))
        let statement: Statement?
        do {
            statement = try Parser.parse(text, line: s.line.number, file: s.line.file)
        } catch {
            throw Diagnostic(error.message, in: s.line, columns: error.columns, suggestion: error.suggestion ?? "usage: \(usage)")
        }
        while !s.isAtEnd { s.advance() }
        switch statement?.command {
        case .showFunction(.activation(let activation), .vector(let input)) where word == "shown":
            return .shown(activation, input: input)
        case .predict(let index, let test) where word == "predicted":
            return .predicted(index: index, test: test)
        default:
            throw s.error("expected \(word == "shown" ? "an activation and a vector, like `softmax [2, 1, 0.1]`" : "an image number, like `8 test`") after `\(word)`",
                          at: first, suggestion: "usage: \(usage)")
        }
    }

    /// An optional `within E` (E > 0); the default tolerance otherwise.
    private static func within(_ s: inout WordScanner, usage: String) throws(Diagnostic) -> Double {
        guard s.accept("within") else { return Expectation.defaultTolerance }
        let found = s.current
        let value = try s.number("the tolerance after `within`", usage: usage)
        guard value > 0 else {
            throw s.error("the tolerance must be greater than 0, found `\(found?.text ?? "")`", at: found, suggestion: "usage: \(usage)")
        }
        return value
    }

    private static func optimizer(_ s: inout WordScanner, usage: String) throws(Diagnostic) -> Expectation.Check {
        let found = s.current
        let families = OptimizerKind.Family.allCases.map(\.rawValue)
        guard let name = found?.text.lowercased(), families.contains(name) else {
            throw s.error("expected an optimizer (\(families.joined(separator: " or "))), found \(WordScanner.describe(found))", at: found, suggestion: "usage: \(usage)")
        }
        s.advance()
        guard !s.isAtEnd else { return .optimizer(name: name, learningRate: nil) }
        let rateWord = s.current
        let rate = try s.number("the learning rate", usage: usage)
        guard rate > 0 else {
            throw s.error("the learning rate must be greater than 0, found `\(rateWord?.text ?? "")`", at: rateWord, suggestion: "usage: \(usage)")
        }
        return .optimizer(name: name, learningRate: Float(rate))
    }

    /// `flatten, dense 256 sigmoid, dropout 0.2, dense 10 softmax`: each layer written as after
    /// `layer` at the prompt, read by the language's parser (so every layer the language knows can
    /// be checked, and its errors are the prompt's), with the columns of the lesson line.
    private static func layers(_ s: inout WordScanner, usage: String) throws(Diagnostic) -> [LayerSpec] {
        var specs: [LayerSpec] = []
        repeat {
            guard let first = s.current, first.text != "," else {
                throw s.error("expected a layer (`flatten` or `dense N ACT`), found \(WordScanner.describe(s.current))", at: s.current, suggestion: "usage: \(usage)")
            }
            var last = first
            while let word = s.current, word.text != "," {
                last = word
                s.advance()
            }
            let start = first.columns.lowerBound - 1
            let characters = Array(s.line.text)
            let text = String(repeating: " ", count: max(0, start - "layer ".count)) + "layer "
                + String(characters[start..<min(last.columns.upperBound, characters.count)])
            let statement: Statement?
            do {
                statement = try Parser.parse(text, line: s.line.number, file: s.line.file)
            } catch {
                throw Diagnostic(error.message, in: s.line, columns: error.columns, suggestion: error.suggestion ?? "usage: \(usage)")
            }
            guard case .layer(let spec)? = statement?.command else {
                throw s.error("expected a layer (`flatten` or `dense N ACT`), found \(WordScanner.describe(first))", at: first, suggestion: "usage: \(usage)")
            }
            specs.append(spec)
        } while s.accept(",")
        return specs
    }

    private static func activation(_ s: inout WordScanner, usage: String) throws(Diagnostic) -> Activation {
        let found = s.current
        guard let text = found?.text, let activation = Activation.named(text) else {
            let suggestion = found.flatMap { Suggestion.nearest(to: $0.text.lowercased(), in: Activation.names) }.map(Diagnostic.didYouMean)
            throw s.error(
                "expected an activation (\(Activation.names.joined(separator: ", "))), found \(WordScanner.describe(found))",
                at: found, suggestion: suggestion ?? "usage: \(usage)")
        }
        s.advance()
        return activation
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
