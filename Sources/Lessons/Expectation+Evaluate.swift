import NeuralNet
import TutorLanguage

extension Expectation {
    /// Checks the expectation on `session`. A failure says what was found and what was wanted,
    /// e.g. "found 7,850 parameters; wanted 200,960". Only `accuracy` may compute something
    /// (the test evaluation, when the session has none); nothing in the session changes.
    public func evaluate(on session: Session) -> Verdict {
        switch check {
        case .answer(let wanted, let tolerance):
            let want = "\(Self.number(wanted)) (within \(Self.number(tolerance)))"
            guard let answer = session.answer else { return .fail("found no answer yet; wanted \(want)") }
            return abs(answer - wanted) <= tolerance ? .pass : .fail("found answer \(Self.number(answer)); wanted \(want)")
        case .layers(let wanted):
            let want = wanted.map(\.expectText).joined(separator: ", ")
            guard let specs = session.model?.specs, !specs.isEmpty else { return .fail("found no layers yet; wanted \(want)") }
            return specs == wanted ? .pass : .fail("found layers \(specs.map(\.expectText).joined(separator: ", ")); wanted \(want)")
        case .parameters(let wanted):
            guard let model = session.model else {
                return .fail("found no model yet; wanted \(NumberText.grouped(wanted)) parameters")
            }
            let count = model.parameterCount
            return count == wanted ? .pass : .fail("found \(NumberText.grouped(count)) parameters; wanted \(NumberText.grouped(wanted))")
        case .accuracy(let minimum):
            return Self.accuracy(on: session, atLeast: minimum)
        case .outputsSum(let wanted, let tolerance):
            let want = "\(Self.number(wanted)) (within \(Self.number(tolerance)))"
            guard let outputs = session.lastOutputs else { return .fail("found no outputs yet; wanted outputs that sum to \(want)") }
            let sum = outputs.reduce(0.0) { $0 + Double($1) }
            return abs(sum - wanted) <= tolerance ? .pass : .fail("found outputs that sum to \(NumberText.fixed(sum, 4)); wanted \(want)")
        case .optimizer(let name, let rate):
            let kind = session.optimizer
            let found = "\(kind.name) \(NumberText.short(kind.learningRate))"
            let want = rate.map { "\(name) \(NumberText.short($0))" } ?? name
            let rateMatches = rate.map { abs(kind.learningRate - $0) <= 1e-6 * max(1, abs($0)) } ?? true
            return kind.name == name && rateMatches ? .pass : .fail("found optimizer \(found); wanted \(want)")
        case .loss(let wanted):
            return session.loss == wanted ? .pass : .fail("found loss \(session.loss.rawValue); wanted \(wanted.rawValue)")
        case .batch(let wanted):
            return session.batchSize == wanted ? .pass : .fail("found batch \(session.batchSize); wanted \(wanted)")
        case .epochs(let minimum):
            let count = session.history.count
            let want = "at least \(minimum) epoch\(minimum == 1 ? "" : "s") of training"
            guard count > 0 else { return .fail("found no training yet; wanted \(want)") }
            return count >= minimum ? .pass : .fail("found \(count) epoch\(count == 1 ? "" : "s") of training; wanted \(want)")
        case .outputActivation(let wanted):
            guard let last = session.model?.denseLayers.last else {
                return .fail("found no dense layer yet; wanted output activation \(wanted.rawValue)")
            }
            return last.activation == wanted ? .pass : .fail("found output activation \(last.activation.rawValue); wanted \(wanted.rawValue)")
        }
    }

    /// The session's last test evaluation, or the model evaluated on the test set now.
    private static func accuracy(on session: Session, atLeast minimum: Double) -> Verdict {
        let want = "test accuracy >= \(number(minimum))"
        guard let data = session.data else { return .fail("found no data loaded; wanted \(want)") }
        guard let trainer = session.trainer, session.model?.layers.isEmpty == false else {
            return .fail("found no model yet; wanted \(want)")
        }
        let evaluation: Evaluation
        if let last = session.lastEvaluation {
            evaluation = last
        } else {
            do {
                evaluation = try trainer.evaluate(data.test)
            } catch {
                return .fail("found a model that cannot be evaluated (\(error)); wanted \(want)")
            }
        }
        return evaluation.accuracy >= minimum
            ? .pass : .fail("found test accuracy \(NumberText.fixed(evaluation.accuracy, 4)); wanted \(want)")
    }

    /// `1`, `0.001`, `2.5`: the shortest text for a number in a message.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
