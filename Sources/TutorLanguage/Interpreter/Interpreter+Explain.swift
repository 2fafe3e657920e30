import Foundation
import NeuralNet
import TextFormat

extension Interpreter {
    /// `explain`: the arithmetic behind the last result (``Session/lastResult``), with its own
    /// numbers. Changes nothing; with nothing to explain, an error listing what `explain` follows.
    func explain(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        guard let result = session.lastResult else {
            let followed = Explainable.followed.map { "`\($0.command)`" }
            let list = followed.dropLast().joined(separator: ", ") + (followed.count > 1 ? " or " : "") + (followed.last ?? "")
            let last = session.commands.last.map { "the last command, `\($0)`, printed no arithmetic to explain" }
            throw s.diagnostic(
                (last ?? "there is nothing to explain yet") + "; `explain` follows \(list)",
                suggestion: "try `show softmax [2, 1, 0.1]`, then `explain`")
        }
        emit(.explanation(result.explanation))
    }

    /// Keeps `subject` as the result `explain` takes apart, with the command `s` as typed.
    func remember(_ s: Statement, _ subject: Explainable.Subject) {
        session.lastResult = Explainable(command: s.line.text.trimmingCharacters(in: .whitespaces), subject: subject)
    }

    /// Keeps a prediction for `explain`, with the output layer's raw scores for `input` (the
    /// example's scaled values the model was given: ``Model/outputScores(for:)``). Works for any
    /// ``Prediction``, whatever its image came from.
    func remember(_ s: Statement, _ prediction: Prediction, input: [Float], model: Model) {
        let scores = model.outputScores(for: input) ?? prediction.outputs
        remember(s, .prediction(prediction, scores: scores, loss: session.loss))
    }

    /// Keeps the layer just added (the model's last) for `explain`.
    func rememberLayer(_ s: Statement, _ spec: LayerSpec, input: [Int], model: Model) {
        let facts: Explainable.LayerFacts
        if let dense = spec.definition as? Dense.Definition {
            facts = .dense(inputs: input.reduce(1, *), units: dense.units, activation: dense.activation)
        } else if let dropout = spec.definition as? Dropout.Definition {
            facts = .dropout(rate: dropout.rate, input: input)
        } else {
            facts = .flatten(input: input)
        }
        remember(s, .layer(facts, modelParameters: model.parameterCount))
    }

    /// Keeps the summary table's arithmetic for `explain`: each layer's formula on its input.
    func rememberSummary(_ s: Statement) {
        guard let model = session.model else { return remember(s, .summary([])) }
        let inputs = [model.inputShape] + model.outputShapes.dropLast()
        let rows = zip(zip(model.layers, model.layerNames), inputs).map { pair, input in
            Explainable.SummaryLine(name: pair.1, formula: pair.0.spec.parameterFormula(for: input), parameters: pair.0.parameterCount)
        }
        remember(s, .summary(rows))
    }
}
