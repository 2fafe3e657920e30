/// One layer of a sequential model.
public enum Layer {
    /// Keras' `Flatten`: reshapes each example to one row, e.g. 28×28 → 784. No parameters.
    case flatten
    /// Keras' `Dense`; see ``Dense``.
    case dense(Dense)

    /// The Keras class name, as the summary table shows it: `Flatten`, `Dense`.
    public var typeName: String {
        switch self {
        case .flatten: return "Flatten"
        case .dense: return "Dense"
        }
    }

    /// The number of trainable values.
    public var parameterCount: Int {
        switch self {
        case .flatten: return 0
        case .dense(let dense): return dense.parameterCount
        }
    }

    /// The dense layer, if this is one.
    public var dense: Dense? {
        if case .dense(let dense) = self { return dense }
        return nil
    }
}

/// What a layer is, without its weights: enough to rebuild a model (save files, undo, export).
public enum LayerSpec: Equatable, Sendable, Codable {
    case flatten
    case dense(units: Int, activation: Activation)
}
