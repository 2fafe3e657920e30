import NeuralNet

/// One training of this session, as `runs` lists it: a `fit` that trained at least one epoch,
/// with the model and settings it trained with and where it got to. Kept in ``Session/runs``,
/// which outlives `reset` and new models.
public struct RunRecord: Equatable, Sendable {
    /// The model's layers as `layer` commands write them, without `layer`: `flatten`,
    /// `dense 256 sigmoid`, `dense 10 softmax`.
    public var layers: [String]
    public var optimizer: OptimizerKind
    public var loss: Loss
    public var batchSize: Int
    /// The training examples loaded (before `validate` holds some out).
    public var trainingExamples: Int
    /// The fit's `validate X`, if any.
    public var validationSplit: Double?
    /// The epochs this fit finished …
    public var epochs: Int
    /// … and the model's epochs in all after it (a loaded model's and earlier fits' included).
    public var totalEpochs: Int
    /// The last finished epoch's loss and accuracy (and validation loss and accuracy, when validated).
    public var final: EpochRecord
    public var ending: FitRecord.Ending
    /// The test loss and accuracy of `evaluate`, once it ran on the model this fit left, the
    /// model and the data unchanged since.
    public var test: Evaluation?

    public init(
        layers: [String], optimizer: OptimizerKind, loss: Loss, batchSize: Int, trainingExamples: Int,
        validationSplit: Double?, epochs: Int, totalEpochs: Int, final: EpochRecord, ending: FitRecord.Ending,
        test: Evaluation? = nil
    ) {
        self.layers = layers
        self.optimizer = optimizer
        self.loss = loss
        self.batchSize = batchSize
        self.trainingExamples = trainingExamples
        self.validationSplit = validationSplit
        self.epochs = epochs
        self.totalEpochs = totalEpochs
        self.final = final
        self.ending = ending
        self.test = test
    }
}
