import Files

/// The model file: what `save model FILE` writes and `load model FILE` reads — a ``SavedModel``
/// (architecture, settings, training history, weights and training state) in a versioned binary
/// format.
///
/// ## Format, version 2
///
/// All integers and floats are little-endian. The file is, byte by byte:
///
/// | offset     | bytes | contents                                                             |
/// |------------|-------|----------------------------------------------------------------------|
/// | 0          | 12    | signature `89 54 55 54 4F 52 4D 44 4C 0D 0A 1A` (`\x89TUTORMDL\r\n\x1A`) |
/// | 12         | 4     | H, the header's length in bytes: UInt32                              |
/// | 16         | H     | the header: one JSON object, UTF-8                                   |
/// | 16 + H     | 4 · N | the tensors: every tensor's values as Float32 (IEEE 754), row-major, tensors in the header's order, back to back |
///
/// N is the number of values of all the tensors together; the file ends at byte 16 + H + 4 · N,
/// with nothing after. The signature's first byte has its high bit set and its end holds CR LF
/// and Ctrl-Z, so a file that went through a 7-bit or text-mode copy (which converts line
/// endings) is recognised as damaged rather than misread.
///
/// The header, as written (compact, keys sorted; spaces and line breaks added here):
///
///     {"batch_size":32,
///      "format":"tutor-model",
///      "history":[{"accuracy":0.9,"epoch":1,"loss":0.35,"seconds":4.2,"val_accuracy":0.93,"val_loss":0.24}],
///      "input_shape":[28,28],
///      "layers":[{"type":"flatten"},
///                {"activation":"sigmoid","type":"dense","units":256},
///                {"activation":"softmax","type":"dense","units":10}],
///      "loss":"sparse_categorical_crossentropy",
///      "optimizer":{"beta_1":0.9,"beta_2":0.999,"epsilon":1e-07,"iterations":1875,"learning_rate":0.001,"name":"adam"},
///      "seed":42,
///      "tensors":[{"name":"dense/kernel","shape":[784,256]},{"name":"dense/bias","shape":[256]},
///                 {"name":"dense_1/kernel","shape":[256,10]},{"name":"dense_1/bias","shape":[10]},
///                 {"name":"adam/dense_kernel_momentum","shape":[784,256]},
///                 {"name":"adam/dense_kernel_velocity","shape":[784,256]},
///                 {"name":"adam/dense_bias_momentum","shape":[256]}, … ],
///      "version":2}
///
/// * `format`: `"tutor-model"`. `version`: 2 (``formatVersion``); version 1 files (which have no
///   `optimizer.iterations` and no optimizer tensors) are read too. A reader checks these two first and refuses other formats
///   and versions.
/// * `input_shape`: the shape of one example, one or more sizes of at least 1 whose product is at
///   most 134,217,728 (more inputs than any dense layer within the memory limit could take).
/// * `layers`, first to last: `{"type": "flatten"}`, or `{"type": "dense", "units": U,
///   "activation": A}` with U ≥ 1 and A one of `linear`, `sigmoid`, `relu`, `tanh`, `softmax`.
///   The layers must build a model as `Model.add` would (a dense layer needs flat input, and
///   the model must fit ``Model/memoryLimitBytes``).
/// * `seed`: the seed the starting weights were drawn from, a whole number 0 … 2⁶⁴ − 1.
/// * `optimizer`: `{"name": "sgd", "learning_rate": η, "momentum": μ}` or `{"name": "adam",
///   "learning_rate": η, "beta_1": β₁, "beta_2": β₂, "epsilon": ε}` — Float32 values written as
///   the shortest decimal that reads back exactly; η > 0, ε > 0, 0 ≤ μ, β₁, β₂ < 1. After
///   training, also `"iterations": N`, the optimizer's step count (N ≥ 1): its per-value state
///   is then kept too (see `tensors`), so that training after loading goes on where it stopped,
///   as after Keras' `load_model` (the shuffling starts again from the seed).
/// * `loss`: Keras' name, `sparse_categorical_crossentropy` or `mean_squared_error`.
/// * `batch_size`: a whole number of at least 1.
/// * `history`: one object per finished epoch, in order: `epoch` (1, 2, 3, …), `loss`,
///   `accuracy` (0 … 1), `val_loss` and `val_accuracy` (0 … 1; both present or both absent),
///   `seconds` (≥ 0). Float64 values, written as the shortest decimal that reads back exactly.
/// * `tensors`: one `{"name": …, "shape": […]}` per trainable tensor, in `Model.parameters` order,
///   named as Keras names a fresh model's variables: `dense/kernel` (shape [inputs, units]),
///   `dense/bias` ([units]), then `dense_1/kernel`, `dense_1/bias`, … They must be exactly the
///   tensors the layers need. With `optimizer.iterations`, the optimizer's per-value state follows,
///   named as Keras 3 names it: for each weight tensor in order, Adam's `adam/<name>_momentum`
///   and `adam/<name>_velocity` (the moments m and v), or SGD's `sgd/<name>_momentum` (its
///   velocity) when it has momentum — `/` in the weight's name written `_`; plain SGD has none.
///
/// Numbers that are not finite (a diverged loss) are written as the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"`, which JSON lacks. An absent optional field may also be
/// written as `null`. Any field not listed here is refused, as is anything wrong in a field;
/// each problem is a ``ModelFileError`` naming the field, what it holds and what it should.
///
/// ## Writing and reading
///
/// ``write(_:to:)`` writes to a new temporary file in the target's directory, flushes it to disk
/// (`fsync`), then renames it over the target, so the target is always either the old file or
/// the complete new one; on any failure the temporary file is removed. ``read(from:)`` refuses
/// files larger than ``maximumBytes`` before reading them.
public enum ModelFile {
    /// The newest version of the format this tutor writes (for a model with a dropout layer).
    public static let formatVersion = 3

    /// The versions this tutor reads: 1 (without the optimizer's state), 2 and 3.
    public static let readableVersions = 1...3
    /// The most optimizer steps a file may claim (2⁵³, exact in a Double): far more than any
    /// training takes, and far from where counting one more step would overflow.
    public static let maximumIterations = 1 << 53

    /// The version a model with `layers` is written in: the oldest that holds every kind of
    /// layer it has, and at least 2 — so a model without dropout reads in tutors that know
    /// only version 2.
    static func version(for layers: [LayerSpec]) -> Int {
        layers.reduce(2) { max($0, type(of: $1.definition).firstFileVersion) }
    }

    /// The header's `format` field.
    public static let formatName = "tutor-model"

    /// The first 12 bytes of every model file: `\x89TUTORMDL\r\n\x1A`.
    public static let signature: [UInt8] = [0x89] + Array("TUTORMDL".utf8) + [0x0D, 0x0A, 0x1A]

    /// The largest model file: the weights and Adam's two moments of the largest model the
    /// engine trains (``Model/memoryLimitBytes`` at 16 bytes a parameter, so at most 12 bytes a
    /// parameter here) plus 16 MiB of header — 1,627,389,952 bytes.
    public static let maximumBytes = Model.memoryLimitBytes / 16 * 12 + (16 << 20)

    /// Where the header starts: after the signature and the header length.
    static let headerOffset = 16

    /// The file's bytes. The model should be consistent (as ``SavedModel/init(model:optimizer:loss:batchSize:history:)``
    /// makes it); ``write(_:to:)`` checks that the bytes read back before writing them.
    public static func encode(_ model: SavedModel) -> [UInt8] {
        let header = ModelFileHeader.encode(model, tensors: listedTensors(model))
        var bytes = signature
        let tensors = model.weights + (model.trainingState?.slots ?? [])
        bytes.reserveCapacity(headerOffset + header.count + 4 * tensors.reduce(0) { $0 + $1.count })
        let length = UInt32(truncatingIfNeeded: header.count)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt32(shift))) }
        bytes += header
        for tensor in tensors { appendLittleEndian(tensor, to: &bytes) }
        return bytes
    }

    /// Reads a model from a file's bytes, checking all of it; `file` names the file in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFileError) -> SavedModel {
        let layout = try parse(bytes, file: file)
        var model = layout.model
        var offset = layout.weightsOffset
        let tensors = layout.tensors.map { tensor in
            defer { offset += 4 * tensor.count }
            return readLittleEndian(bytes, at: offset, count: tensor.count)
        }
        model.weights = Array(tensors.prefix(layout.weightCount))
        model.trainingState?.slots = Array(tensors.dropFirst(layout.weightCount))
        return model
    }

    /// Writes `model` to `path` atomically (see the type's documentation). Refuses a model whose
    /// file would not read back, and a path whose directory does not exist.
    public static func write(_ model: SavedModel, to path: String) throws(ModelFileError) {
        let bytes = encode(model)
        guard bytes.count <= maximumBytes else {
            throw ModelFileError.unsavable(path, because: .tooLarge(path, size: bytes.count, limit: maximumBytes))
        }
        do {
            _ = try parse(bytes, file: path)
        } catch {
            throw ModelFileError.unsavable(path, because: error)
        }
        try AtomicFile.write(bytes, to: path)
    }

    /// Reads the model file at `path`, checking all of it.
    public static func read(from path: String) throws(ModelFileError) -> SavedModel {
        try decode(try ModelFileStorage.readAll(path, limit: maximumBytes), file: path)
    }

    // MARK: - Parts

    /// A checked file, short of copying out the weights.
    struct Layout {
        var model: SavedModel
        /// The weights, then the optimizer's state when the file keeps it.
        var tensors: [TensorSpec]
        /// How many of `tensors` are weights.
        var weightCount: Int
        var weightsOffset: Int
    }

    /// Checks everything: the signature, the header length, the header, that the header's tensors
    /// are those its layers need, and that exactly their bytes follow.
    static func parse(_ bytes: [UInt8], file: String) throws(ModelFileError) -> Layout {
        try checkSignature(bytes, file: file)
        guard bytes.count >= headerOffset else { throw ModelFileError.truncatedHeaderLength(file, length: bytes.count) }
        let headerLength = (0..<4).reduce(0) { $0 | Int(bytes[signature.count + $1]) << (8 * $1) }
        let available = bytes.count - headerOffset
        guard headerLength <= available else {
            throw ModelFileError.headerBeyondFile(file, headerLength: headerLength, available: available)
        }
        let weightsOffset = headerOffset + headerLength
        let contents = try ModelFileHeader.decode(bytes[headerOffset..<weightsOffset], file: file)
        let weights = try SavedModel.tensors(inputShape: contents.model.inputShape, layers: contents.model.layers, file: file)
        let slots = contents.model.trainingState == nil ? [] : SavedModel.slotTensors(for: weights, optimizer: contents.model.optimizer)
        let needed = weights + slots
        guard contents.tensors.count == needed.count else {
            throw ModelFileError.tensorCount(
                file, found: contents.tensors.count, needed: needed.map(\.name), withOptimizer: !slots.isEmpty)
        }
        for (index, (listed, need)) in zip(contents.tensors, needed).enumerated() {
            guard listed.name == need.name else {
                throw ModelFileError.wrongValue(
                    file, path: "tensors[\(index)].name", found: ModelFileError.quoted(listed.name),
                    expected: ModelFileError.quoted(need.name))
            }
            guard listed.shape == need.shape else {
                throw ModelFileError.tensorShape(file, name: need.name, found: listed.shape, needed: need.shape)
            }
        }
        // The layers fit the memory limit (16 bytes a parameter), so this sum cannot overflow.
        let neededBytes = 4 * needed.reduce(0) { $0 + $1.count }
        let found = bytes.count - weightsOffset
        if found < neededBytes { throw ModelFileError.weightsTooShort(file, needed: neededBytes, found: found) }
        if found > neededBytes { throw ModelFileError.weightsTooLong(file, needed: neededBytes, found: found) }
        return Layout(model: contents.model, tensors: needed, weightCount: weights.count, weightsOffset: weightsOffset)
    }

    /// Throws unless `bytes` begins with the signature, telling a truncated or text-mangled
    /// model file from something else.
    private static func checkSignature(_ bytes: [UInt8], file: String) throws(ModelFileError) {
        if bytes.starts(with: signature) { return }
        if bytes.isEmpty { throw ModelFileError.empty(file) }
        if bytes.count < signature.count, signature.starts(with: bytes) {
            throw ModelFileError.truncatedSignature(file, length: bytes.count)
        }
        // "TUTORMDL" in place, but the bytes around it changed: a text-mode or 7-bit copy.
        if bytes.dropFirst().starts(with: signature[1..<9]) { throw ModelFileError.mangledSignature(file) }
        throw ModelFileError.notAModelFile(file)
    }

    /// The tensors the header lists for `model.weights` and its training state's slots: those
    /// the layers and optimizer need where the value counts agree; otherwise (an inconsistent
    /// model, which `write` then refuses) a flat shape.
    private static func listedTensors(_ model: SavedModel) -> [TensorSpec] {
        let weights = (try? SavedModel.tensors(inputShape: model.inputShape, layers: model.layers, file: "")) ?? []
        let needed = weights + (model.trainingState == nil ? [] : SavedModel.slotTensors(for: weights, optimizer: model.optimizer))
        let values = model.weights + (model.trainingState?.slots ?? [])
        return values.enumerated().map { index, values in
            if index < needed.count, needed[index].count == values.count { return needed[index] }
            let name = index < needed.count ? needed[index].name : "tensor_\(index)"
            return TensorSpec(name: name, shape: [values.count])
        }
    }

    private static func appendLittleEndian(_ values: [Float], to bytes: inout [UInt8]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in values {
            let bits = value.bitPattern
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
        }
        #endif
    }

    /// `count` Float32 values at `offset` (which the caller has checked are inside `bytes`).
    private static func readLittleEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { source in
            let slice = UnsafeRawBufferPointer(rebasing: source[offset..<(offset + 4 * count)])
            #if _endian(little)
            values.withUnsafeMutableBytes { $0.copyMemory(from: slice) }
            #else
            for i in 0..<count {
                values[i] = Float(bitPattern: UInt32(littleEndian: slice.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            }
            #endif
        }
        return values
    }
}
