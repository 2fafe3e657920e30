import NeuralNet
import TextFormat
import TutorLanguage

extension Expectation {
    /// Checks the expectation on `session`; `start` is the length of the session's journal when
    /// the exercise began, so that "here" means "since then". Only `accuracy` may compute
    /// something (the test evaluation, when the session has none); nothing in the session changes.
    public func evaluate(on session: Session, since start: Int) -> Verdict {
        let facts = JournalFacts(session.journal, start: start)
        func verdict(_ holds: Bool, _ requirement: String, found: @autoclosure () -> String, wanted: String) -> Verdict {
            holds ? .pass : .miss(Miss(requirement: miss ?? requirement, found: found(), wanted: wanted))
        }
        switch check {
        case .answer(let wanted, let tolerance):
            let want = "answer \(NumberText.short(wanted)) (within \(NumberText.short(tolerance)))"
            guard let answer = session.answer else {
                return verdict(false, "give your answer with `answer X`", found: "no answer yet", wanted: want)
            }
            return verdict(abs(answer - wanted) <= tolerance, "that answer is not right yet", found: "answer \(NumberText.short(answer))", wanted: want)
        case .answerRanked(let rank, let tolerance):
            let place = Self.ordinal(rank)
            guard let outputs = session.lastOutputs, facts.outputsShownHere else {
                return verdict(false, "show the outputs the task asks about, then answer with `answer X`", found: "no outputs shown yet", wanted: "the \(place) output")
            }
            let sorted = outputs.values.map(Double.init).sorted(by: >)
            guard sorted.indices.contains(rank - 1) else {
                return verdict(false, "the outputs shown have no \(place) value", found: "\(outputs.values.count) outputs", wanted: "at least \(rank)")
            }
            let value = sorted[rank - 1]
            let want = "answer \(NumberText.fixed(value, 4)) (the \(place) output, within \(NumberText.short(tolerance)))"
            guard let answer = session.answer else {
                return verdict(false, "give your answer with `answer X`", found: "no answer yet", wanted: want)
            }
            return verdict(abs(answer - value) <= tolerance, "that is not the \(place) output shown", found: "answer \(NumberText.short(answer))", wanted: want)
        case .layers(let wanted):
            let want = "layers " + wanted.map(\.expectText).joined(separator: ", ")
            guard let specs = session.model?.specs, !specs.isEmpty else {
                return verdict(false, "build the layers the task asks for", found: "no layers yet", wanted: want)
            }
            return verdict(specs == wanted, "the layers are not the ones the task asks for",
                           found: "layers " + specs.map(\.expectText).joined(separator: ", "), wanted: want)
        case .parameters(let wanted):
            let want = Thousands.counted(wanted, "parameter")
            guard let model = session.model else { return verdict(false, "build the model the task asks for", found: "no model yet", wanted: want) }
            return verdict(model.parameterCount == wanted, "the model does not have the size the task asks for",
                           found: Thousands.counted(model.parameterCount, "parameter"), wanted: want)
        case .accuracy(let minimum):
            return Self.accuracy(on: session, atLeast: minimum, verdict: verdict)
        case .outputsSum(let wanted, let tolerance):
            let want = "outputs that sum to \(NumberText.short(wanted)) (within \(NumberText.short(tolerance)))"
            guard let outputs = session.lastOutputs else {
                return verdict(false, "show the outputs the task asks for", found: "no outputs shown yet", wanted: want)
            }
            let sum = outputs.values.reduce(0.0) { $0 + Double($1) }
            return verdict(abs(sum - wanted) <= tolerance, "the outputs shown last do not sum to what the task asks for",
                           found: "outputs that sum to \(NumberText.fixed(sum, 4))", wanted: want)
        case .optimizer(let name, let rate):
            let kind = session.optimizer
            let want = "optimizer " + (rate.map { "\(name) \(NumberText.short($0))" } ?? name)
            let rateMatches = rate.map { abs(kind.learningRate - $0) <= 1e-6 * max(1, abs($0)) } ?? true
            return verdict(kind.name == name && rateMatches, "the optimizer is not set as the task asks",
                           found: "optimizer \(kind.name) \(NumberText.short(kind.learningRate))", wanted: want)
        case .loss(let wanted):
            return verdict(session.loss == wanted, "the loss is not the one the task asks for",
                           found: "loss \(session.loss.rawValue)", wanted: "loss \(wanted.rawValue)")
        case .batch(let wanted):
            return verdict(session.batchSize == wanted, "the batch size is not the one the task asks for",
                           found: "batch \(session.batchSize)", wanted: "batch \(wanted)")
        case .epochs(let minimum):
            let count = session.history.count
            return verdict(count >= minimum, "the model has not been trained for long enough",
                           found: count == 0 ? "no training yet" : "\(Thousands.counted(count, "epoch")) of training",
                           wanted: "at least \(Thousands.counted(minimum, "epoch"))")
        case .trainedHere(let epochs):
            let count = facts.epochsSinceChange
            let want = epochs.map { "exactly \(Thousands.counted($0, "epoch")) here, after the model's last change" }
                ?? "at least 1 epoch here, after the model's last change"
            let found = facts.trainedBeforeChange && count == 0
                ? "training before the model last changed, none since"
                : count == 0 ? "no training here yet" : "\(Thousands.counted(count, "epoch")) trained here"
            let holds = epochs.map { count == $0 } ?? (count >= 1)
            let requirement = epochs.map { count > $0 ? "train the model for \(Thousands.counted($0, "epoch")), as the task says, no more" : "train the model, as it is now, for \(Thousands.counted($0, "epoch"))" }
                ?? "train the model as it is now"
            return verdict(holds, requirement, found: found, wanted: want)
        case .evaluatedHere:
            return verdict(facts.evaluatedAfterLastChange, "evaluate the model after its last training",
                           found: facts.evaluatedHere ? "an `evaluate` before the last change or training" : "no `evaluate` here yet",
                           wanted: "an `evaluate` after the last `fit`")
        case .summaryShown:
            return verdict(facts.summaryShownAfterLastChange, "show the model's summary with `model` once it is built",
                           found: facts.summaryShownHere ? "a summary shown before the last change" : "no summary shown here yet",
                           wanted: "`model` after the last `layer` or `pop`")
        case .shown(let activation, let input):
            let want = "`show \(activation.rawValue) \(Self.vector(input))`"
            guard let outputs = session.lastOutputs, facts.outputsShownHere else {
                return verdict(false, "put the task's scores through an activation with `show`", found: "no outputs shown here yet", wanted: want)
            }
            let holds: Bool
            if case .function(.activation(let shownActivation), let shownInput) = outputs.source {
                holds = shownActivation == activation && shownInput.count == input.count
                    && zip(shownInput, input).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }
            } else {
                holds = false
            }
            return verdict(holds, "the outputs shown last are not the task's scores through the activation it asks for",
                           found: Self.describe(outputs.source), wanted: want)
        case .predicted(let index, let test):
            let want = "`predict \(index)\(test ? " test" : "")` after the last change and training"
            guard let outputs = session.lastOutputs, facts.outputsShownHere else {
                return verdict(false, "predict the image the task names", found: "no prediction here yet", wanted: want)
            }
            let holds = outputs.source == .prediction(index: index, test: test) && facts.outputsShownAfterLastChange
            let found = outputs.source == .prediction(index: index, test: test)
                ? "a prediction made before the model last changed or was trained" : Self.describe(outputs.source)
            return verdict(holds, "predict the image the task names with the model as it is now", found: found, wanted: want)
        case .outputActivation(let wanted):
            let want = "output activation \(wanted.rawValue)"
            guard let last = session.model?.denseLayers.last else {
                return verdict(false, "build an output layer", found: "no dense layer yet", wanted: want)
            }
            return verdict(last.activation == wanted, "the output layer's activation is not the one the task asks for",
                           found: "output activation \(last.activation.rawValue)", wanted: want)
        }
    }

    /// The session's last test evaluation, or the model evaluated on the test set now.
    private static func accuracy(
        on session: Session, atLeast minimum: Double,
        verdict: (Bool, String, @autoclosure () -> String, String) -> Verdict
    ) -> Verdict {
        let want = "test accuracy >= \(NumberText.short(minimum))"
        guard let data = session.data else { return verdict(false, "load the data", "no data loaded", want) }
        guard let trainer = session.trainer, session.model?.layers.isEmpty == false else {
            return verdict(false, "build and train a model", "no model yet", want)
        }
        let evaluation: Evaluation
        if let last = session.lastEvaluation {
            evaluation = last
        } else {
            do {
                evaluation = try trainer.evaluate(data.test)
            } catch {
                return verdict(false, "build a model that can be evaluated", "a model that cannot be evaluated (\(error))", want)
            }
        }
        return verdict(evaluation.accuracy >= minimum, "the model is not accurate enough on the test images yet",
                       "test accuracy \(NumberText.fixed(evaluation.accuracy, 4))", want)
    }

    /// `[6, -6, -6]`
    static func vector(_ values: [Float]) -> String {
        "[" + values.map { NumberText.short($0) }.joined(separator: ", ") + "]"
    }

    /// `top`, `second`, `third`, `4th`.
    static func ordinal(_ rank: Int) -> String {
        switch rank {
        case 1: return "top"
        case 2: return "second"
        case 3: return "third"
        default: return "\(rank)th"
        }
    }

    /// `show sigmoid [6, -6, -6]`, `predict 8 test`, `show onehot 3`: where shown outputs came from.
    static func describe(_ source: ShownOutputs.Source) -> String {
        switch source {
        case .function(let function, let input): return "`show \(function.words.joined(separator: " ")) \(vector(input))`"
        case .onehot(let digit): return "`show onehot \(digit)`"
        case .prediction(let index, let test): return "`predict \(index)\(test ? " test" : "")`"
        case .drawing: return "`predict drawn`"
        }
    }
}

/// What the session's journal says about the time since an exercise began.
struct JournalFacts {
    /// Epochs trained since the exercise began and the model last changed.
    let epochsSinceChange: Int
    /// Whether some training happened here before the model's last change.
    let trainedBeforeChange: Bool
    let evaluatedHere: Bool
    let evaluatedAfterLastChange: Bool
    let summaryShownHere: Bool
    let summaryShownAfterLastChange: Bool
    let outputsShownHere: Bool
    let outputsShownAfterLastChange: Bool

    init(_ journal: [SessionEvent], start: Int) {
        let here = journal.indices.filter { $0 >= start }
        let lastChange = journal.lastIndex(of: .modelChanged) ?? -1
        let lastTraining = journal.lastIndex { if case .trained = $0 { return true } else { return false } } ?? -1
        let lastEdit = max(lastChange, lastTraining)
        func last(_ event: SessionEvent) -> Int? { here.last { journal[$0] == event } }
        epochsSinceChange = here.filter { $0 > lastChange }.reduce(0) { total, index in
            if case .trained(let epochs) = journal[index] { return total + epochs }
            return total
        }
        trainedBeforeChange = here.contains { index in
            if case .trained = journal[index] { return index < lastChange }
            return false
        }
        evaluatedHere = last(.evaluated) != nil
        evaluatedAfterLastChange = (last(.evaluated) ?? -1) > lastEdit
        summaryShownHere = last(.summaryShown) != nil
        summaryShownAfterLastChange = (last(.summaryShown) ?? -1) > lastChange
        outputsShownHere = last(.outputsShown) != nil
        outputsShownAfterLastChange = (last(.outputsShown) ?? -1) > lastEdit
    }
}
