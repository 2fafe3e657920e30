extension CheckReport {
    /// The text report's lines for one outcome: `✓ lesson/exercise`; `✗ lesson/exercise — what
    /// failed` followed by its details indented by four spaces; `· lesson/exercise not answered`.
    public static func lines(for outcome: CheckOutcome) -> [String] {
        let name = "\(outcome.lesson)/\(outcome.exercise)"
        switch outcome.status {
        case .passed: return ["✓ \(name)"]
        case .notAnswered: return ["· \(name) not answered"]
        case .failed, .error: return ["✗ \(name) — \(outcome.message)"] + outcome.details.map { "    \($0)" }
        }
    }
}
