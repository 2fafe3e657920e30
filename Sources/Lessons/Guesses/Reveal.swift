import NeuralNet
import TutorLanguage

/// The `reveal QUANTITY` line of a guess: which true value is read from the session once the
/// guess's commands have run.
public struct Reveal: Equatable, Sendable {
    /// The values a guess can reveal; ``Reveal/quantities`` describes each.
    public enum Quantity: Equatable, Sendable {
        /// `output N`: the N-th value (from 0) of the outputs shown last.
        case output(Int)
        /// `top output`: the largest of the outputs shown last.
        case topOutput
        /// `sum`: the sum of the outputs shown last.
        case sum
        /// `params`: the model's trainable parameters.
        case parameters
        /// `layer params`: the last layer's parameters.
        case layerParameters
        /// `layer outputs`: how many values the last layer puts out for one image (784 after `layer flatten`).
        case layerOutputs
        /// `loss`, `accuracy`: the last `evaluate` (on the test set, since the model last changed).
        case loss, accuracy
        /// `epoch loss`, `epoch accuracy`: the last epoch's training metrics.
        case epochLoss, epochAccuracy
        /// `val loss`, `val accuracy`: the last epoch's validation metrics.
        case validationLoss, validationAccuracy
    }

    public let quantity: Quantity
    /// What follows `reveal`, as written (`output 0`).
    public let text: String
    /// The line number of the `reveal` line.
    public let line: Int
    /// The columns of the quantity on that line, for a replay's error when it reads nothing.
    public let columns: ClosedRange<Int>

    public init(quantity: Quantity, text: String, line: Int, columns: ClosedRange<Int>) {
        self.quantity = quantity
        self.text = text
        self.line = line
        self.columns = columns
    }

    /// One value a guess can reveal: its words (and whether a number N follows them), what the
    /// reveal sentence calls it, whether it is a count, how it is read from the session and why
    /// it may be missing. The one place a quantity is described.
    struct Form: Sendable {
        let words: [String]
        let takesIndex: Bool
        let build: @Sendable (Int) -> Quantity
        /// What the value is, in the reveal sentence ("output 0"); the number is N.
        let label: @Sendable (Int) -> String
        let isCount: Bool
        /// The value in `session`, or why there is none.
        let read: @Sendable (Session, Int) -> Result<Double, Missing>

        /// `output N`, `top output`.
        var usage: String { (words + (takesIndex ? ["N"] : [])).joined(separator: " ") }
    }

    /// Why a quantity has no value in the session, e.g. "no outputs shown yet".
    struct Missing: Error, Equatable {
        let reason: String
    }

    /// Every quantity, in the order README's "Writing lessons" lists them.
    static let quantities: [Form] = [
        Form(words: ["output"], takesIndex: true, build: { .output($0) }, label: { "output \($0)" }, isCount: false) { session, index in
            outputs(session).flatMap { values in
                values.indices.contains(index) ? .success(Double(values[index]))
                    : .failure(Missing(reason: "the outputs shown last have no output \(index) (they are \(values.count), from output 0)"))
            }
        },
        Form(words: ["top", "output"], takesIndex: false, build: { _ in .topOutput }, label: { _ in "the top output" }, isCount: false) { session, _ in
            outputs(session).map { Double($0.max() ?? 0) }
        },
        Form(words: ["sum"], takesIndex: false, build: { _ in .sum }, label: { _ in "the sum of the outputs" }, isCount: false) { session, _ in
            outputs(session).map { $0.reduce(0.0) { $0 + Double($1) } }
        },
        Form(words: ["params"], takesIndex: false, build: { _ in .parameters }, label: { _ in "the model's parameters" }, isCount: true) { session, _ in
            guard let model = session.model, !model.layers.isEmpty else { return .failure(Missing(reason: "no model yet")) }
            return .success(Double(model.parameterCount))
        },
        Form(words: ["layer", "params"], takesIndex: false, build: { _ in .layerParameters }, label: { _ in "the last layer's parameters" }, isCount: true) { session, _ in
            guard let layer = session.model?.layers.last else { return .failure(Missing(reason: "no layers yet")) }
            return .success(Double(layer.parameterCount))
        },
        Form(words: ["layer", "outputs"], takesIndex: false, build: { _ in .layerOutputs }, label: { _ in "the last layer's outputs" }, isCount: true) { session, _ in
            guard let layer = session.model?.layers.last else { return .failure(Missing(reason: "no layers yet")) }
            return .success(Double(layer.outputShape.reduce(1, *)))
        },
        Form(words: ["loss"], takesIndex: false, build: { _ in .loss }, label: { _ in "the test loss" }, isCount: false) { session, _ in
            evaluation(session).map(\.loss)
        },
        Form(words: ["accuracy"], takesIndex: false, build: { _ in .accuracy }, label: { _ in "the test accuracy" }, isCount: false) { session, _ in
            evaluation(session).map(\.accuracy)
        },
        Form(words: ["epoch", "loss"], takesIndex: false, build: { _ in .epochLoss }, label: { _ in "the last epoch's loss" }, isCount: false) { session, _ in
            epoch(session).map(\.loss)
        },
        Form(words: ["epoch", "accuracy"], takesIndex: false, build: { _ in .epochAccuracy }, label: { _ in "the last epoch's accuracy" }, isCount: false) { session, _ in
            epoch(session).map(\.accuracy)
        },
        Form(words: ["val", "loss"], takesIndex: false, build: { _ in .validationLoss }, label: { _ in "the last epoch's validation loss" }, isCount: false) { session, _ in
            epoch(session).flatMap { $0.validationLoss.map { .success($0) } ?? .failure(noValidation) }
        },
        Form(words: ["val", "accuracy"], takesIndex: false, build: { _ in .validationAccuracy }, label: { _ in "the last epoch's validation accuracy" }, isCount: false) { session, _ in
            epoch(session).flatMap { $0.validationAccuracy.map { .success($0) } ?? .failure(noValidation) }
        },
    ]

    /// `reveal output N|top output|sum|…`: every form, for usage notes.
    static var usage: String { "reveal " + quantities.map(\.usage).joined(separator: "|") }

    private static func outputs(_ session: Session) -> Result<[Float], Missing> {
        guard let shown = session.lastOutputs, !shown.values.isEmpty else { return .failure(Missing(reason: "no outputs shown yet")) }
        return .success(shown.values)
    }

    private static func evaluation(_ session: Session) -> Result<Evaluation, Missing> {
        session.lastEvaluation.map { .success($0) } ?? .failure(Missing(reason: "no `evaluate` since the model last changed or trained"))
    }

    private static func epoch(_ session: Session) -> Result<EpochRecord, Missing> {
        session.history.last.map { .success($0) } ?? .failure(Missing(reason: "no training yet"))
    }

    private static let noValidation = Missing(reason: "the last epoch held out no validation data (`fit N validate X`)")

    /// The form of ``quantity`` and its number N (0 when it takes none).
    private var form: (Form, Int) {
        let index = if case .output(let n) = quantity { n } else { 0 }
        let probe = Reveal.quantities.first { $0.build(index) == quantity }
        // Every quantity is built by one form of the table, so the probe always finds it.
        return (probe ?? Reveal.quantities[0], index)
    }

    /// What the value is, as the reveal sentence calls it ("output 0").
    public var label: String {
        let (form, index) = form
        return form.label(index)
    }

    /// Whether the value is a count (shown grouped: `200,960`) rather than a fraction.
    public var isCount: Bool { form.0.isCount }

    /// The value in `session`, or the reason there is none.
    public func value(in session: Session) -> (value: Double?, missing: String?) {
        let (form, index) = form
        switch form.read(session, index) {
        case .success(let value): return (value, nil)
        case .failure(let missing): return (nil, missing.reason)
        }
    }

    /// The outcome of a guess (`guess` nil when none was typed) on `session` after the commands.
    public func outcome(guess: Double?, expression: String?, on session: Session) -> GuessOutcome {
        let (value, missing) = value(in: session)
        return GuessOutcome(guess: guess, expression: expression, truth: value, missing: missing, label: label, isCount: isCount)
    }
}

extension Reveal {
    /// Reads the quantity of a `reveal …` line, whose first word is `reveal`.
    static func parse(_ line: SourceLine) throws(Diagnostic) -> Reveal {
        var scanner = WordScanner(line, from: 1)
        scanner.advance()  // `reveal`
        let usage = Reveal.usage
        let firstWords = quantities.map(\.words[0]).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let choices = quantities.map(\.usage).joined(separator: ", ")
        guard let first = scanner.current else {
            throw scanner.error("expected what to reveal after `reveal`", at: nil, suggestion: "one of: \(choices)")
        }
        var candidates = quantities.filter { $0.words[0] == first.text.lowercased() }
        guard !candidates.isEmpty else {
            let suggestion = Suggestion.nearest(to: first.text, in: firstWords).map(Diagnostic.didYouMean) ?? "one of: \(choices)"
            throw scanner.error("unknown quantity `\(first.text)` to reveal", at: first, suggestion: suggestion)
        }
        scanner.advance()
        var read = [first.text.lowercased()]
        var last = first
        for position in 1..<(candidates.map(\.words.count).max() ?? 1) {
            let longer = candidates.filter { $0.words.count > position }
            guard !longer.isEmpty else { break }
            let next = scanner.current
            let matching = longer.filter { $0.words[position] == next?.text.lowercased() }
            guard let word = next, !matching.isEmpty else {
                let wanted = longer.map { "`\($0.words[position])`" }.joined(separator: " or ")
                let near = next.flatMap { Suggestion.nearest(to: $0.text, in: longer.map { $0.words[position] }) }
                throw scanner.error("expected \(wanted) after `\(read.joined(separator: " "))`, found \(WordScanner.describe(next))", at: next,
                                    suggestion: near.map(Diagnostic.didYouMean) ?? "usage: \(usage)")
            }
            scanner.advance()
            read.append(word.text.lowercased())
            last = word
            candidates = matching
        }
        guard let form = candidates.first(where: { $0.words.count == read.count }) else {
            throw scanner.error("unknown quantity `\(read.joined(separator: " "))` to reveal", at: first, suggestion: "one of: \(choices)")
        }
        var index = 0
        if form.takesIndex {
            if let word = scanner.current { last = word }
            index = try scanner.wholeNumber("the output's number, from 0", atLeast: 0, usage: "reveal " + form.usage)
        }
        try scanner.expectEnd(usage: "reveal " + form.usage, what: "the reveal")
        let columns = first.columns.lowerBound...last.columns.upperBound
        let text = String(Array(line.text)[(first.columns.lowerBound - 1)..<last.columns.upperBound])
        return Reveal(quantity: form.build(index), text: text, line: line.number, columns: columns)
    }
}
