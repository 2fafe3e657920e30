extension OptimizerKind {
    /// Which optimizer, without its settings, in order of increasing complexity. The command
    /// language lists and parses optimizers from these cases.
    public enum Family: String, CaseIterable, Sendable {
        case sgd, adam
    }

    /// The family of this optimizer.
    public var family: Family {
        switch self {
        case .sgd: return .sgd
        case .adam: return .adam
        }
    }
}
