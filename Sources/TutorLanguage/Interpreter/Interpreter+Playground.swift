import NeuralNet
import TextFormat

extension Interpreter {
    func show(_ s: Statement, _ function: VectorFunction, _ operand: Operand, emit: (Output) -> Void) throws(Diagnostic) {
        let values: [Float]
        switch try resolve(s, operand) {
        case .vector(let v): values = v
        case .matrix:
            throw s.diagnostic(
                "`show \(function.words.joined(separator: " "))` takes a vector, like `[2, 1, 0.1]`, not a matrix", at: 1 + function.words.count,
                suggestion: "`show flatten` turns a matrix into a vector")
        case .name: preconditionFailure("resolve returns values only")
        }
        let result = function(values)
        session.shown(ShownOutputs(source: .function(function, input: values), values: result))
        remember(s, .function(function, input: values, output: result))
        emit(.vector(VectorReport(
            title: function.title(Interpreter.text(values)), values: result, note: function.note, showsSum: function.showsSum)))
    }

    func showFlatten(_ s: Statement, _ operand: Operand, emit: (Output) -> Void) throws(Diagnostic) {
        switch try resolve(s, operand) {
        case .matrix(let rows):
            remember(s, .flatten(rows: rows))
            emit(.flattened(matrix: rows, vector: rows.flatMap { $0 }))
        case .vector(let v):
            remember(s, .flatten(rows: [v]))
            emit(.flattened(matrix: [v], vector: v))
        case .name: preconditionFailure("resolve returns values only")
        }
    }

    /// `show onehot D`: one value per class (the loaded data's, or the ten digits), 1 at D.
    func showOnehot(_ s: Statement, _ digit: Int, emit: (Output) -> Void) throws(Diagnostic) {
        let classes = session.classCount
        guard digit < classes else {
            throw s.diagnostic(
                classes == 0 ? "the loaded data has no labels" : "the labels of the loaded data go from 0 to \(classes - 1)",
                at: numberTokenIndex(s))
        }
        var values = [Float](repeating: 0, count: classes)
        values[digit] = 1
        session.shown(ShownOutputs(source: .onehot(digit), values: values))
        remember(s, .onehot(digit: digit, classes: classes))
        emit(.vector(VectorReport(
            title: "onehot(\(digit))", values: values,
            note: "Position \(digit) is 1, every other is 0: the answer a perfect classifier would give for a \(digit).")))
    }

    func assign(_ s: Statement, name: String, value: Operand, emit: (Output) -> Void) throws(Diagnostic) {
        let resolved = try resolve(s, value)
        session.names[name] = resolved
        switch resolved {
        case .vector(let v): emit(.message("\(name) = \(Interpreter.text(v))"))
        case .matrix(let rows): emit(.message("\(name) = [" + rows.map(Interpreter.text).joined(separator: ", ") + "]"))
        case .name: preconditionFailure("resolve returns values only")
        }
    }

    /// Keeps the answer and echoes the value understood, with the arithmetic it was written as:
    /// `Answer: 25,120 (784*32+32)`.
    func setAnswer(_ value: Double, expression: String?, emit: (Output) -> Void) {
        session.answer = value
        emit(.message("Answer: \(Arithmetic.text(value))" + (expression.map { " (\($0))" } ?? "")))
    }

    /// The operand's value: literals as they are, names looked up (with a suggestion when unknown).
    func resolve(_ s: Statement, _ operand: Operand) throws(Diagnostic) -> Operand {
        guard case .name(let name) = operand else { return operand }
        if let value = session.names[name] { return value }
        let index = s.tokens.lastIndex { $0.text == name } ?? s.tokens.count - 1
        let known = session.names.keys.sorted()
        if let near = Suggestion.nearest(to: name, in: known) {
            throw s.diagnostic("`\(name)` is not defined", at: index, suggestion: Diagnostic.didYouMean(near))
        }
        throw s.diagnostic(
            "`\(name)` is not defined", at: index,
            suggestion: known.isEmpty ? "name a vector first: `let \(name) = [2, 1, 0.1]`" : "defined so far: \(known.joined(separator: ", "))")
    }

    /// `[2, 1, 0.1]`.
    static func text(_ values: [Float]) -> String {
        "[" + values.map(NumberText.short).joined(separator: ", ") + "]"
    }
}
