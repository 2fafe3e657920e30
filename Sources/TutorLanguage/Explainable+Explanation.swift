import Foundation
import NeuralNet
import TextFormat

extension Explainable {
    /// The arithmetic behind this result, with its own numbers: each printed value appears as
    /// the command printed it (4 decimals), and what leads to it is computed from the facts kept.
    public var explanation: Explanation {
        Explanation(title: "explaining `\(command)`:", lines: subject.lines)
    }
}

extension Explainable.Subject {
    var lines: [Explanation.Line] {
        switch self {
        case .function(.activation(let activation), let input, let output):
            return Steps.activation(activation, input: input, output: output)
        case .function(.derivative(let activation), let input, let output):
            return Steps.derivative(activation, input: input, output: output)
        case .onehot(let digit, let classes): return Steps.onehot(digit, classes: classes)
        case .flatten(let rows): return Steps.flatten(rows)
        case .layer(let layer, let total): return Steps.layer(layer, modelParameters: total)
        case .summary(let rows): return Steps.summary(rows)
        case .fit(let facts): return Steps.fit(facts)
        case .evaluation(let result, let count, let classes, let loss, let activation, let epochs):
            return Steps.evaluation(result, testCount: count, classes: classes, loss: loss, outputActivation: activation, epochsTrained: epochs)
        case .prediction(let prediction, let scores, let loss): return Steps.prediction(prediction, scores: scores, loss: loss)
        case .confusion(let report): return Steps.confusion(report)
        }
    }
}

/// The explanations, one function per kind of result.
enum Steps {
    typealias Line = Explanation.Line

    /// Above this score softmax is shown as tutor computes it, e^(x − max): e^20 is already
    /// 485,165,195, and e^89 does not fit a Float.
    static let largestPlainScore: Float = 20

    // MARK: - Numbers

    /// A value as the commands print theirs: 4 decimals.
    static func printed(_ value: Double) -> String { NumberText.fixed(value, 4) }
    static func printed(_ value: Float) -> String { printed(Double(value)) }

    /// An intermediate value: 4 decimals, or 4 in scientific notation when that would hide it
    /// (below 0.0001 or from a million up); ∞ for one too large for a Double.
    static func value(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        let size = abs(value)
        return size == 0 || (size >= 1e-4 && size < 1e6) ? NumberText.fixed(value, 4) : NumberText.scientific(value, 4)
    }

    /// A number as the learner typed it: `0.1`, `-2`.
    static func typed(_ value: Float) -> String { NumberText.short(value) }

    /// `e^2`, `e^-0.5`.
    static func power(_ exponent: Float) -> String { "e^" + typed(exponent) }

    /// `1.0000 + 2.0000 − 3.0000` (a negative term after the first subtracted), or, for a list
    /// too long to show, `the N values added up`.
    static func terms(_ texts: [String], noun: String = "values") -> String {
        guard texts.count <= Explanation.shownInFull else { return "the \(Thousands.grouped(texts.count)) \(noun) added up" }
        return texts.enumerated().map { index, text in
            guard index > 0 else { return text }
            return text.hasPrefix("-") ? " − " + text.dropFirst() : " + " + text
        }.joined()
    }

    /// `sum = 1.0000 + 2.0000 = 3.0000` (`sum = 3.0000` for one value).
    static func sum(_ texts: [String], _ total: String, noun: String = "values") -> String {
        "sum = " + (texts.count == 1 ? "" : terms(texts, noun: noun) + " = ") + total
    }

    /// One step per item, or the first few and how many more for a long list.
    static func listed<T>(_ items: [T], _ step: (T) -> String) -> [Line] {
        guard items.count > Explanation.shownInFull else { return items.map { .step(step($0)) } }
        let more = items.count - Explanation.shownOfLong
        return items.prefix(Explanation.shownOfLong).map { .step(step($0)) } + [.step("… and \(Thousands.grouped(more)) more")]
    }

    /// `−ln(0.9823) = 0.0179`.
    static func minusLog(_ p: Double) -> String { "−ln(\(value(p))) = \(printed(-log(p)))" }

    // MARK: - The math playground

    static func activation(_ activation: Activation, input: [Float], output: [Float]) -> [Line] {
        let pairs = Array(zip(input, output))
        let sum = sum(output.map(printed), printed(output.reduce(0.0) { $0 + Double($1) }))
        switch activation {
        case .softmax:
            return softmax(input: input, output: output)
        case .sigmoid:
            return [.text("Sigmoid squashes each value x on its own into (0, 1): 1 / (1 + e^−x).")]
                + listed(pairs) { x, y in "1 / (1 + \(power(-x))) = 1 / (1 + \(value(exp(-Double(x))))) = \(printed(y))" }
                + [.step(sum), .text("Nothing ties the outputs together, so their sum is not 1: they are not the probabilities of one choice, as softmax's are.")]
        case .relu:
            return [.text("ReLU keeps a positive value and turns a negative one into 0: max(0, x).")]
                + listed(pairs) { x, y in "max(0, \(typed(x))) = \(printed(y))" } + [.step(sum)]
        case .tanh:
            return [.text("Tanh squashes each value x on its own into (−1, 1): (e^x − e^−x) / (e^x + e^−x).")]
                + listed(pairs) { x, y in
                    guard abs(x) <= largestPlainScore else {
                        return "x = \(typed(x)): \(power(-abs(x))) is next to nothing beside \(power(abs(x))), so tanh is \(printed(y))"
                    }
                    let up = value(exp(Double(x))), down = value(exp(-Double(x)))
                    return "x = \(typed(x)): (\(up) − \(down)) / (\(up) + \(down)) = \(printed(y))"
                } + [.step(sum)]
        case .linear:
            return [.text("Linear leaves each value as it is: x.")]
                + listed(pairs) { x, y in "\(typed(x)) → \(printed(y))" } + [.step(sum)]
        }
    }

    /// e^x of each score (e^(x − max) when the largest is large), their sum, and each divided by it.
    static func softmax(input: [Float], output: [Float]) -> [Line] {
        let top = input.max() ?? 0
        let shift = top > largestPlainScore ? top : 0
        let exponentials = input.map { exp(Double($0) - Double(shift)) }
        let sum = exponentials.reduce(0, +)
        var lines: [Line] = [.text("Softmax raises e to each score x, then divides each result by their sum, so the outputs are positive and add up to 1.")]
        if shift != 0 {
            lines.append(.text("The largest score is \(typed(top)), and e^\(typed(top)) is too large to compute with: tutor subtracts \(typed(top)) from every score first, e^(x − \(typed(top))), which leaves every ratio as it was."))
        }
        lines += listed(Array(zip(input, exponentials))) { x, e in
            shift == 0 ? "\(power(x)) = \(value(e))" : "e^(\(typed(x)) − \(typed(shift))) = \(value(e))"
        }
        lines.append(.step(Steps.sum(exponentials.map(value), value(sum))))
        lines += listed(Array(zip(exponentials, output))) { e, y in "\(value(e)) / \(value(sum)) = \(printed(y))" }
        if output.count > 1 {
            lines.append(.step("\(terms(output.map(printed), noun: "outputs")) = \(printed(output.reduce(0.0) { $0 + Double($1) }))"))
        }
        return lines
    }

    static func derivative(_ activation: Activation, input: [Float], output: [Float]) -> [Line] {
        let pairs = Array(zip(input, output))
        switch activation {
        case .sigmoid:
            let ys = activation(input)
            return [.text("Sigmoid's slope at x is y·(1 − y), where y = sigmoid(x): what backpropagation multiplies the gradient by.")]
                + listed(Array(zip(pairs, ys))) { pair, y in
                    "x = \(typed(pair.0)): y = \(printed(y)), \(printed(y))·(1 − \(printed(y))) = \(printed(pair.1))"
                }
        case .tanh:
            let ys = activation(input)
            return [.text("Tanh's slope at x is 1 − y², where y = tanh(x): what backpropagation multiplies the gradient by.")]
                + listed(Array(zip(pairs, ys))) { pair, y in "x = \(typed(pair.0)): y = \(printed(y)), 1 − \(printed(y))² = \(printed(pair.1))" }
        case .relu:
            return [.text("ReLU's slope is 1 where the value is positive and 0 elsewhere: a unit with a negative input passes no gradient back.")]
                + listed(pairs) { x, slope in "x = \(typed(x)) \(x > 0 ? ">" : "≤") 0: slope \(printed(slope))" }
        case .linear, .softmax:
            return [.text("Linear's slope is 1 at every value: the gradient passes back unchanged.")]
                + listed(pairs) { x, slope in "x = \(typed(x)): slope \(printed(slope))" }
        }
    }

    static func onehot(_ digit: Int, classes: Int) -> [Line] {
        var lines: [Line] = [.text("The one-hot vector of digit \(digit) has \(Thousands.counted(classes, "position")), one per digit 0…\(classes - 1): position \(digit) is 1 and the other \(Thousands.grouped(classes - 1)) are 0.")]
        if digit > 0 { lines.append(.step(digit == 1 ? "position 0: 0" : "positions 0…\(digit - 1): 0")) }
        lines.append(.step("position \(digit): 1"))
        if digit < classes - 1 { lines.append(.step(digit == classes - 2 ? "position \(classes - 1): 0" : "positions \(digit + 1)…\(classes - 1): 0")) }
        lines.append(.step("sum = 1"))
        lines.append(.text("Crossentropy compares a prediction p with it as −ln(p_\(digit)): only the probability given to digit \(digit) counts."))
        lines.append(.step("p_\(digit) = 0.9: \(minusLog(0.9))"))
        lines.append(.step("p_\(digit) = 0.1: \(minusLog(0.1))"))
        lines.append(.step("p_\(digit) = 1: −ln(1) = 0, the loss of a certain right answer"))
        return lines
    }

    static func flatten(_ rows: [[Float]]) -> [Line] {
        let columns = rows.first?.count ?? 0
        let elements = rows.enumerated().flatMap { r, row in row.enumerated().map { c, x in (r, c, x) } }
        var lines: [Line] = [.text("Flatten lays the rows of the \(rows.count)×\(columns) matrix end to end: element (r, c) — row r, column c, counting from 0 — goes to position r·\(columns) + c.")]
        lines += listed(elements) { r, c, x in "(\(r), \(c)) = \(typed(x)) → position \(r)·\(columns) + \(c) = \(r * columns + c)" }
        lines.append(.step("\(rows.count)·\(columns) = \(Thousands.counted(rows.count * columns, "value"))"))
        return lines
    }

    // MARK: - The model

    static func layer(_ layer: Explainable.LayerFacts, modelParameters: Int) -> [Line] {
        let total = Line.text("The model now has \(Thousands.counted(modelParameters, "parameter")).")
        switch layer {
        case .flatten(let input):
            let size = input.reduce(1, *)
            let side = input.last ?? size
            return [
                .text("Flatten lays each example's values end to end, row after row: value (r, c) goes to position r·\(side) + c. It only moves values, so it has no parameters."),
                .step("\(input.map(String.init).joined(separator: "·")) = \(Thousands.grouped(size)) values"),
                .step("parameters: 0"), total,
            ]
        case .dense(let inputs, let units, let activation):
            let sum = "the weighted sum of its \(Thousands.counted(inputs, "input")) plus its bias"
            let computes = activation == .linear ? "w·x + b: \(sum)" : "\(activation.rawValue)(w·x + b): \(sum), through \(activation.rawValue)"
            return [
                .text("Each of the \(Thousands.counted(units, "unit")) holds one weight for each of the \(Thousands.counted(inputs, "input")) and one bias, and computes \(computes)."),
                .step("weights: \(Thousands.grouped(inputs))·\(Thousands.grouped(units)) = \(Thousands.grouped(inputs * units))"),
                .step("biases: \(Thousands.grouped(units)), one per unit"),
                .step("parameters: \(Thousands.grouped(inputs * units)) + \(Thousands.grouped(units)) = \(Thousands.grouped(inputs * units + units))"),
                total,
            ]
        case .dropout(let rate, let input):
            let size = input.reduce(1, *)
            let rateText = NumberText.short(rate)
            return [
                .text("Dropout has no parameters: it learns nothing. In training (`fit`) each of its \(Thousands.counted(size, "input")) is set to 0 with probability \(rateText), and the others are multiplied by 1/(1 − \(rateText)), so that their expected sum stays as it was. `evaluate`, `predict` and `confusion` pass the values through unchanged."),
                .step("zeroed in an example, on average: \(rateText)·\(Thousands.grouped(size)) = \(NumberText.short(rate * Double(size)))"),
                .step("the others scaled by 1 / (1 − \(rateText)) = \(value(1 / (1 - rate)))"),
                .step("parameters: 0"), total,
            ]
        }
    }

    static func summary(_ rows: [Explainable.SummaryLine]) -> [Line] {
        guard !rows.isEmpty else { return [.text("The model has no layers yet, so it has 0 parameters.")] }
        let total = rows.reduce(0) { $0 + $1.parameters }
        return [.text("The total is the sum of each layer's parameters: its weights and biases, all trainable (`fit` changes them).")]
            + rows.map { row in .step("\(row.name): " + (row.formula.map { "\($0) = " } ?? "") + Thousands.grouped(row.parameters)) }
            + [.step("total: \(rows.map { Thousands.grouped($0.parameters) }.joined(separator: " + ")) = \(Thousands.grouped(total))")]
    }

    // MARK: - Training

    static func fit(_ facts: Explainable.FitFacts) -> [Line] {
        let batch = max(1, min(facts.batchSize, facts.trained))
        let steps = (facts.trained + batch - 1) / batch
        var lines: [Line] = [.text("An epoch is one pass over the training examples, shuffled anew, in batches of \(Thousands.grouped(batch)); after each batch the optimizer (\(facts.optimizer)) takes one step.")]
        if let split = facts.validationSplit {
            lines.append(.step("trained on: ⌊\(Thousands.grouped(facts.examples))·(1 − \(NumberText.short(split)))⌋ = \(Thousands.grouped(facts.trained))"))
            lines.append(.step("held out for validation: the last \(Thousands.grouped(facts.examples)) − \(Thousands.grouped(facts.trained)) = \(Thousands.grouped(facts.examples - facts.trained))"))
        } else {
            lines.append(.step("trained on: all \(Thousands.counted(facts.trained, "example"))"))
        }
        lines.append(.step("steps per epoch: ⌈\(Thousands.grouped(facts.trained)) / \(Thousands.grouped(batch))⌉ = \(Thousands.grouped(steps))"))
        let last = facts.trained - (steps - 1) * batch
        if last != batch {
            lines.append(.step("the last batch of each epoch: \(Thousands.grouped(facts.trained)) − \(Thousands.grouped(steps - 1))·\(Thousands.grouped(batch)) = \(Thousands.counted(last, "example"))"))
        }
        let finished = facts.losses.count
        let epochs = "\(Thousands.counted(finished, "epoch")) × \(Thousands.grouped(steps)) steps"
        if let stop = facts.stoppedAt {
            let updates = finished * steps + stop.step
            lines.append(.step("updates: \(epochs) + \(Thousands.grouped(stop.step)) in epoch \(stop.epoch), where Ctrl-C stopped it = \(Thousands.grouped(updates))"))
        } else if let diverged = facts.divergedIn {
            lines.append(.step("updates: \(epochs) = \(Thousands.grouped(finished * steps)); epoch \(diverged) diverged and was undone"))
        } else {
            lines.append(.step("updates: \(epochs) = \(Thousands.grouped(finished * steps))"))
        }
        lines.append(.step("each update changes all \(Thousands.counted(facts.parameters, "parameter")), a little against their gradient"))
        if let first = facts.losses.first, let final = facts.losses.last {
            lines.append(.text("The loss an epoch line shows is the mean over its batches, each measured before its update."))
            if finished == 1 {
                lines.append(.step("loss: \(printed(first)) in its one epoch"))
            } else {
                let change = final < first ? "down" : "up"
                lines.append(.step("loss: \(printed(first)) in epoch 1 → \(printed(final)) in epoch \(finished), \(change) by \(printed(abs(first - final)))"))
            }
        }
        return lines
    }

    static func evaluation(
        _ result: Evaluation, testCount: Int, classes: Int, loss: Loss, outputActivation: Activation, epochsTrained: Int
    ) -> [Line] {
        let right = Int((result.accuracy * Double(testCount)).rounded())
        let count = Thousands.grouped(testCount)
        var lines: [Line]
        let chance = 1 / Double(max(classes, 1))
        switch loss {
        case .crossentropy:
            let rescaled = outputActivation == .softmax ? "" : " (outputs that do not add up to 1 are first divided by their sum, as Keras does)"
            lines = [
                .text("The loss is the mean, over the \(count) test images, of −ln(the probability the model gave the right digit)\(rescaled): 0 for a certain right answer, large for a confident wrong one."),
                .step("loss = Σ −ln(p_right) / \(count) = \(value(result.loss * Double(testCount))) / \(count) = \(printed(result.loss))"),
                .step("e^(−\(printed(result.loss))) = \(printed(exp(-result.loss))): the geometric mean of the probabilities given to the right digit"),
                .step("accuracy = right / total = \(Thousands.grouped(right)) / \(count) = \(printed(result.accuracy))"),
                .text("A model that gives each of the \(classes) digits 1/\(classes) = \(value(chance)) scores −ln(1/\(classes)) = \(printed(log(Double(classes)))) and gets about 1 in \(classes) right."),
            ]
            if epochsTrained == 0 || abs(result.loss - log(Double(classes))) < 0.25 {
                lines.append(.text("This loss, \(printed(result.loss)), is close to it: the model has learned little or nothing yet."))
            }
        case .mse:
            let uniform = ((1 - chance) * (1 - chance) + Double(classes - 1) * chance * chance) / Double(classes)
            lines = [
                .text("The loss is the mean, over the \(count) test images, of the mean over the \(classes) outputs of (output − one-hot)²."),
                .step("loss = Σ mean((output − one-hot)²) / \(count) = \(value(result.loss * Double(testCount))) / \(count) = \(printed(result.loss))"),
                .step("accuracy = right / total = \(Thousands.grouped(right)) / \(count) = \(printed(result.accuracy))"),
                .text("A model that gives each of the \(classes) digits \(value(chance)) scores ((1 − \(value(chance)))² + \(classes - 1)·\(value(chance))²) / \(classes) = \(printed(uniform))."),
            ]
        }
        return lines
    }

    static func prediction(_ p: Prediction, scores: [Float], loss: Loss) -> [Line] {
        let label = p.image.label
        let classes = p.outputs.count
        var lines: [Line] = [.text("Each of the last layer's \(Thousands.counted(classes, "unit")) adds up its weighted inputs and its bias: the raw scores below.")]
        // The top digit's output worked out from its score, as an example of all of them.
        let top = p.outputs.indices.contains(p.predicted) ? p.predicted : 0
        let topScore = scores.indices.contains(top) ? scores[top] : 0
        let topOutput = p.outputs.indices.contains(top) ? printed(p.outputs[top]) : ""
        switch p.outputActivation {
        case .softmax:
            let largest = scores.max() ?? 0
            let shift = largest > largestPlainScore ? largest : 0
            let sum = scores.reduce(0.0) { $0 + exp(Double($1) - Double(shift)) }
            let e = exp(Double(topScore) - Double(shift))
            if shift == 0 {
                lines.append(.text("Softmax turns them into the outputs: e^score / \(value(sum)), the sum of the \(classes) values e^score."))
                lines.append(.step("digit \(top): e^\(printed(topScore)) / \(value(sum)) = \(value(e)) / \(value(sum)) = \(topOutput)"))
            } else {
                lines.append(.text("Softmax turns them into the outputs: e^(score − \(typed(shift))) / \(value(sum)), the sum of the \(classes) values e^(score − \(typed(shift))); subtracting the largest score keeps e^score from overflowing and changes no ratio."))
                lines.append(.step("digit \(top): e^(\(printed(topScore)) − \(typed(shift))) / \(value(sum)) = \(value(e)) / \(value(sum)) = \(topOutput)"))
            }
        case .sigmoid:
            lines.append(.text("Sigmoid turns each on its own into an output: 1 / (1 + e^−score). Their sum is \(printed(p.sum)), not 1."))
            lines.append(.step("digit \(top): 1 / (1 + e^\(printed(-topScore))) = 1 / (1 + \(value(exp(-Double(topScore))))) = \(topOutput)"))
        case .relu: lines.append(.text("ReLU turns each into an output on its own: max(0, score)."))
        case .tanh: lines.append(.text("Tanh turns each into an output on its own: tanh(score)."))
        case .linear: lines.append(.text("A linear output layer shows the scores as they are."))
        }
        guard let label else {
            // A drawing: no label, so no one-hot vector to stand beside, and no loss.
            let rows = p.outputs.indices.map { digit -> [String] in
                [String(digit), printed(scores.indices.contains(digit) ? scores[digit] : .nan), printed(p.outputs[digit])]
            }
            lines.append(.table(header: ["digit", "score", "output"], rows: rows))
            lines.append(.step("top digit: \(top) (output \(topOutput))"))
            lines.append(.text("A drawing has no label, so there is no one-hot vector to compare these outputs with, and no loss: only you know which digit you meant."))
            return lines
        }
        lines.append(.text("Beside them, the one-hot vector of the label, \(label), and how far each output is from it:"))
        let rows = p.outputs.indices.map { digit -> [String] in
            let target: Float = digit == label ? 1 : 0
            let difference = Double(p.outputs[digit]) - Double(target)
            return [String(digit), printed(scores.indices.contains(digit) ? scores[digit] : .nan), printed(p.outputs[digit]),
                    digit == label ? "1" : "0", (difference > 0 ? "+" : "") + printed(difference)]
        }
        lines.append(.table(header: ["digit", "score", "output", "one-hot", "difference"], rows: rows))
        let verdict = p.predicted == label ? "right" : "wrong"
        let outputLabel = p.outputs.indices.contains(label) ? Double(p.outputs[label]) : 0
        lines.append(.step("top digit: \(top) (output \(topOutput))"))
        lines.append(.step("label: \(label) (output \(printed(outputLabel))): \(verdict)"))
        let epsilon = Double(Loss.epsilon)
        let clipped = p.outputs.map { min(max(Double($0), epsilon), 1 - epsilon) }
        let probability = clipped.indices.contains(label) ? clipped[label] : epsilon
        if p.outputActivation == .softmax {
            lines.append(.step("crossentropy for this image: −ln(p_\(label)) = \(minusLog(probability))"))
        } else {
            let total = clipped.reduce(0, +)
            lines.append(.step("crossentropy for this image: −ln(p_\(label) / sum) = −ln(\(value(probability)) / \(value(total))) = \(printed(-log(probability / total)))"))
        }
        if loss == .mse {
            let squares = p.outputs.indices.reduce(0.0) { sum, digit in
                let d = Double(p.outputs[digit]) - (digit == label ? 1 : 0)
                return sum + d * d
            }
            lines.append(.step("mse for this image, the loss this model trains with: the mean of the \(classes) squared differences = \(printed(squares / Double(max(classes, 1))))"))
        }
        lines.append(.text("The nearer the outputs are to the one-hot vector, the smaller the differences and the loss: a perfect prediction is the one-hot vector itself."))
        return lines
    }

    static func confusion(_ report: ConfusionReport) -> [Line] {
        let counts = report.counts
        let total = counts.joined().reduce(0, +)
        let diagonal = counts.indices.map { counts[$0][$0] }
        let right = diagonal.reduce(0, +)
        var lines: [Line] = [
            .text("Row d counts the test images labelled d, column d those predicted as d: the diagonal holds the right answers."),
            .step("right answers, the diagonal: \(terms(diagonal.map(Thousands.grouped), noun: "digits' counts")) = \(Thousands.grouped(right))"),
            .step("accuracy = \(Thousands.grouped(right)) / \(Thousands.grouped(total)) = \(printed(report.accuracy))"),
        ]
        var worst: (label: Int, guess: Int, count: Int)?
        for (label, row) in counts.enumerated() {
            for (guess, count) in row.enumerated() where guess != label && count > (worst?.count ?? 0) {
                worst = (label, guess, count)
            }
        }
        if let worst {
            lines.append(.text("The largest cell off the diagonal: \(worst.label) was taken for \(worst.guess), \(worst.count == 1 ? "once" : "\(Thousands.grouped(worst.count)) times") (row \(worst.label), column \(worst.guess))."))
        } else {
            lines.append(.text("Every cell off the diagonal is 0: no image was taken for another digit."))
        }
        return lines
    }
}
