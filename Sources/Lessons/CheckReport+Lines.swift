import TextFormat

extension CheckReport {
    /// The text report's lines for one outcome: `✓ lesson/exercise`; `✗ lesson/exercise — what
    /// failed` followed by its details indented by four spaces; `· lesson/exercise not answered`.
    /// What the outcome quotes from the lesson or the answer file is shown with its controls
    /// visible (``VisibleText``): an answer file cannot send a sequence to the teacher's terminal.
    public static func lines(for outcome: CheckOutcome) -> [String] {
        let name = VisibleText.of("\(outcome.lesson)/\(outcome.exercise)")
        switch outcome.status {
        case .passed: return ["✓ \(name)"]
        case .notAnswered: return ["· \(name) not answered"]
        case .failed, .error:
            return ["✗ \(name) — \(VisibleText.of(outcome.message))"] + outcome.details.map { "    \(VisibleText.of($0))" }
        }
    }
}
