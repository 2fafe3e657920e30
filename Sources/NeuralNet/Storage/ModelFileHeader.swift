import Foundation
import TextFormat

/// A model file's JSON header (see ``ModelFile`` for the fields): written from a ``SavedModel``
/// with `JSONEncoder`, read back field by field through ``HeaderField`` so that every problem
/// names the field it is in.
enum ModelFileHeader {
    /// What the header holds: the model without its weights, and the tensors it lists.
    struct Contents {
        var model: SavedModel
        var tensors: [TensorSpec]
    }

    /// How the header writes numbers that are not finite, which JSON has no literal for.
    enum NonFinite {
        static let nan = "NaN"
        static let infinity = "Infinity"
        static let negativeInfinity = "-Infinity"
    }

    // MARK: Writing

    /// The header's bytes: compact UTF-8 JSON, keys sorted, `/` not escaped, non-finite numbers as
    /// the texts `NaN`, `Infinity`, `-Infinity`.
    static func encode(_ model: SavedModel, tensors: [TensorSpec]) -> [UInt8] {
        let header = Header(
            format: ModelFile.formatName, version: ModelFile.version(for: model.layers), inputShape: model.inputShape,
            layers: model.layers.map(Layer.init), seed: model.seed,
            optimizer: Optimizer(model.optimizer, iterations: model.trainingState?.iterations),
            loss: model.loss.kerasName, batchSize: model.batchSize, history: model.history.map(Epoch.init),
            tensors: tensors.map { Tensor(name: $0.name, shape: $0.shape) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: NonFinite.infinity, negativeInfinity: NonFinite.negativeInfinity, nan: NonFinite.nan)
        do {
            return Array(try encoder.encode(header))
        } catch {
            // Strings, integers and floats (non-finite ones as text) always encode.
            preconditionFailure("the model file header could not be encoded: \(error)")
        }
    }

    private struct Header: Encodable {
        var format: String
        var version: Int
        var inputShape: [Int]
        var layers: [Layer]
        var seed: UInt64
        var optimizer: Optimizer
        var loss: String
        var batchSize: Int
        var history: [Epoch]
        var tensors: [Tensor]

        enum CodingKeys: String, CodingKey {
            case format, version, inputShape = "input_shape", layers, seed, optimizer, loss
            case batchSize = "batch_size", history, tensors
        }
    }

    /// `{"type": "dense", "units": 256, "activation": "sigmoid"}`: the kind's Keras name and its fields.
    private struct Layer: Encodable {
        var fields: [String: ConfigValue]

        init(_ spec: LayerSpec) {
            fields = spec.definition.fileFields
            fields["type"] = .string(spec.kerasBaseName)
        }

        func encode(to encoder: any Encoder) throws {
            try fields.encode(to: encoder)
        }
    }

    private struct Optimizer: Encodable {
        var name: String
        var learningRate: Float
        var momentum: Float?
        var beta1: Float?
        var beta2: Float?
        var epsilon: Float?
        /// The step count, when the optimizer has state (its tensors follow the weights).
        var iterations: Int?

        enum CodingKeys: String, CodingKey {
            case name, learningRate = "learning_rate", momentum, beta1 = "beta_1", beta2 = "beta_2", epsilon, iterations
        }

        init(_ kind: OptimizerKind, iterations: Int?) {
            self.iterations = iterations
            name = kind.name
            learningRate = kind.learningRate
            switch kind {
            case .sgd(_, let momentum):
                self.momentum = momentum
            case .adam(_, let beta1, let beta2, let epsilon):
                self.beta1 = beta1
                self.beta2 = beta2
                self.epsilon = epsilon
            }
        }
    }

    private struct Epoch: Encodable {
        var epoch: Int
        var loss: Double
        var accuracy: Double
        var valLoss: Double?
        var valAccuracy: Double?
        var seconds: Double

        enum CodingKeys: String, CodingKey {
            case epoch, loss, accuracy, valLoss = "val_loss", valAccuracy = "val_accuracy", seconds
        }

        init(_ record: EpochRecord) {
            epoch = record.epoch
            loss = record.loss
            accuracy = record.accuracy
            valLoss = record.validationLoss
            valAccuracy = record.validationAccuracy
            seconds = record.seconds
        }
    }

    private struct Tensor: Encodable {
        var name: String
        var shape: [Int]
    }

    // MARK: Reading

    /// Reads and checks every field. `format` and `version` come first, so that a file from a
    /// newer tutor is reported as such rather than by the first field this tutor does not know.
    static func decode(_ bytes: ArraySlice<UInt8>, file: String) throws(ModelFileError) -> Contents {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw ModelFileError.invalidJSON(file)
        }
        guard case .object(let fields) = value else { throw ModelFileError.headerNotAnObject(file) }
        let root = HeaderObject(file: file, path: "", fields: fields)

        let format = try root.field("format").string()
        guard format == ModelFile.formatName else { throw ModelFileError.wrongFormat(file, found: format) }
        let version = try root.field("version").int()
        guard ModelFile.readableVersions.contains(version) else { throw ModelFileError.unsupportedVersion(file, version: version) }

        let inputShape = try root.field("input_shape").array().map { field throws(ModelFileError) in try field.int() }
        let layers = try root.field("layers").array().map { field throws(ModelFileError) in try layer(field, version: version) }
        let seed = try root.field("seed").uint64()
        let (optimizer, iterations) = try optimizer(root.field("optimizer"), version: version)
        let loss = try loss(root.field("loss"))
        let batchSize = try root.field("batch_size").int(atLeast: 1)
        let history = try root.field("history").array().enumerated().map { item throws(ModelFileError) in
            try epoch(item.element, number: item.offset + 1)
        }
        // The optimizer's tensors are read later, with the weights.
        let trainingState = iterations.map { TrainingState(iterations: $0, slots: []) }
        let tensors = try root.field("tensors").array().map(tensor)
        try root.finish()

        let model = SavedModel(
            inputShape: inputShape, layers: layers, seed: seed, optimizer: optimizer, loss: loss,
            batchSize: batchSize, history: history, weights: [], trainingState: trainingState)
        return Contents(model: model, tensors: tensors)
    }


    /// `{"type": "flatten"}`, `{"type": "dense", "units": 256, "activation": "sigmoid"}`,
    /// `{"type": "dropout", "rate": 0.2}`: the kind found by its name in ``LayerRegistry``, which
    /// reads its own fields. A kind newer than the file's `version` is refused.
    private static func layer(_ field: HeaderField, version: Int) throws(ModelFileError) -> LayerSpec {
        let object = try field.object()
        let typeField = object.field("type")
        let type = try typeField.string()
        let known = LayerRegistry.kinds.filter { $0.firstFileVersion <= version }.map { $0.kerasBaseName }
        guard let kind = LayerRegistry.kind(named: type) else {
            throw ModelFileError.unknownName(field.file, path: typeField.path, found: type, kind: "layer type", known: known)
        }
        guard kind.firstFileVersion <= version else {
            throw typeField.wrong(
                "one of \(ModelFileError.list(known)), the layer types of version \(version) (\(type) layers came in version \(kind.firstFileVersion) of the model format)")
        }
        let spec = try kind.readSpec(object)
        try object.finish()
        return spec
    }

    /// `{"name": "sgd", "learning_rate": 0.01, "momentum": 0.9}` or
    /// `{"name": "adam", "learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07}`,
    /// with `"iterations": N` (N ≥ 1) when the optimizer's state is kept — in version 2 files only
    /// (in version 1 the field is unknown, and refused).
    private static func optimizer(_ field: HeaderField, version: Int) throws(ModelFileError) -> (OptimizerKind, Int?) {
        let object = try field.object()
        let nameField = object.field("name")
        let name = try nameField.string()
        guard name == "sgd" || name == "adam" else {
            throw ModelFileError.unknownName(field.file, path: nameField.path, found: name, kind: "optimizer", known: ["sgd", "adam"])
        }
        let learningRate = try float(object.field("learning_rate"), "a number more than 0") { $0 > 0 && $0.isFinite }
        let kind: OptimizerKind
        if name == "sgd" {
            let momentum = try float(object.field("momentum"), "a number at least 0 and less than 1") { $0 >= 0 && $0 < 1 }
            kind = .sgd(learningRate: learningRate, momentum: momentum)
        } else {
            let beta1 = try float(object.field("beta_1"), "a number at least 0 and less than 1") { $0 >= 0 && $0 < 1 }
            let beta2 = try float(object.field("beta_2"), "a number at least 0 and less than 1") { $0 >= 0 && $0 < 1 }
            let epsilon = try float(object.field("epsilon"), "a number more than 0") { $0 > 0 && $0.isFinite }
            kind = .adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
        }
        var iterations: Int?
        if version >= 2 {
            let field = object.field("iterations")
            iterations = try field.optional()?.int(atLeast: 1)
            if let iterations, iterations > ModelFile.maximumIterations {
                throw field.wrong("a whole number from 1 to \(Thousands.grouped(ModelFile.maximumIterations))")
            }
        }
        try object.finish()
        return (kind, iterations)
    }

    /// A `Float` field that must satisfy `valid` (described by `expected`).
    private static func float(_ field: HeaderField, _ expected: String, valid: (Float) -> Bool) throws(ModelFileError) -> Float {
        let value = try field.float()
        guard valid(value) else { throw field.wrong(expected) }
        return value
    }

    /// Keras' name: `sparse_categorical_crossentropy` or `mean_squared_error`.
    private static func loss(_ field: HeaderField) throws(ModelFileError) -> Loss {
        let name = try field.string()
        guard let loss = Loss.allCases.first(where: { $0.kerasName == name }) else {
            throw ModelFileError.unknownName(field.file, path: field.path, found: name, kind: "loss", known: Loss.allCases.map(\.kerasName))
        }
        return loss
    }

    /// `{"epoch": 1, "loss": 0.31, "accuracy": 0.91, "val_loss": 0.2, "val_accuracy": 0.94, "seconds": 2.5}`,
    /// the validation pair both present or both absent; epochs numbered 1, 2, 3, … in order.
    private static func epoch(_ field: HeaderField, number: Int) throws(ModelFileError) -> EpochRecord {
        let object = try field.object()
        let epochField = object.field("epoch")
        guard try epochField.int() == number else { throw epochField.wrong("\(number) (epochs are numbered 1, 2, 3, … in order)") }
        let loss = try lossValue(object.field("loss"))
        let accuracy = try fraction(object.field("accuracy"))
        let validationLoss = try object.field("val_loss").optional().map { field throws(ModelFileError) in try lossValue(field) }
        let validationAccuracy = try object.field("val_accuracy").optional().map { field throws(ModelFileError) in try fraction(field) }
        if validationLoss == nil, validationAccuracy != nil { throw ModelFileError.missingField(field.file, path: "\(field.path).val_loss") }
        if validationLoss != nil, validationAccuracy == nil { throw ModelFileError.missingField(field.file, path: "\(field.path).val_accuracy") }
        let secondsField = object.field("seconds")
        let seconds = try secondsField.double()
        guard seconds >= 0, seconds.isFinite else { throw secondsField.wrong("a number of at least 0") }
        try object.finish()
        return EpochRecord(
            epoch: number, loss: loss, accuracy: accuracy,
            validationLoss: validationLoss, validationAccuracy: validationAccuracy, seconds: seconds)
    }

    /// A loss: a number of at least 0, or NaN or ±infinity (kept as a training that ran away left them).
    private static func lossValue(_ field: HeaderField) throws(ModelFileError) -> Double {
        let value = try field.double()
        guard !(value < 0 && value.isFinite) else { throw field.wrong("a number of at least 0") }
        return value
    }

    /// An accuracy: a number from 0 to 1.
    private static func fraction(_ field: HeaderField) throws(ModelFileError) -> Double {
        let value = try field.double()
        guard value >= 0, value <= 1 else { throw field.wrong("a number from 0 to 1") }
        return value
    }

    /// `{"name": "dense/kernel", "shape": [784, 256]}`.
    private static func tensor(_ field: HeaderField) throws(ModelFileError) -> TensorSpec {
        let object = try field.object()
        let name = try object.field("name").string()
        let shape = try object.field("shape").array().map { field throws(ModelFileError) in try field.int() }
        try object.finish()
        return TensorSpec(name: name, shape: shape)
    }
}
