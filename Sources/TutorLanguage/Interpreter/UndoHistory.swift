import NeuralNet
import TextFormat

/// What `undo` can go back to: for each of the latest commands that changed the session
/// (``Command/changesSession``), the session as it was just before it (``Session/copy()``),
/// newest last.
///
/// It is bounded: at most ``maximumSteps`` steps and ``maximumBytes`` of copied model and
/// optimizer state (``bytes(of:)``) together; beyond that the oldest steps are forgotten first.
/// The data is not counted: a copy shares it (see ``Session/copy()``). A step whose copy alone is
/// larger than the bound is not kept, and the steps before it are forgotten with it, since `undo`
/// could not go back past it.
///
/// It belongs to one interpreter and is not part of its session: a copy of the session, or a
/// forked interpreter, starts with none.
public struct UndoHistory {
    /// The most steps kept: the newest 20.
    public static let maximumSteps = 20
    /// The most bytes of copied model and optimizer state kept: 256 MiB.
    public static let maximumBytes = 256 << 20

    /// One command that changed the session, and the session as it was before it.
    public struct Step {
        /// The command …
        public let command: Command
        /// … as typed (trimmed): what `undo` says it undid.
        public let text: String
        /// The session just before the command ran.
        public let before: Session
        /// The bytes of model and optimizer state the copy holds (``UndoHistory/bytes(of:)``).
        public let bytes: Int
    }

    /// This history's bounds (``maximumSteps`` and ``maximumBytes`` unless a test makes it smaller).
    public let stepLimit: Int
    public let byteLimit: Int
    /// The steps, oldest first.
    public private(set) var steps: [Step] = []
    /// Why there are no steps before the oldest kept, when some command before it changed the
    /// session: what `undo` says when it runs out.
    public private(set) var lost: Lost?

    /// Why `undo` cannot go back further than the oldest step kept.
    public enum Lost: Equatable, Sendable {
        /// Older steps were forgotten to keep within the bounds.
        case forgotten
        /// This command's copy alone was larger than ``UndoHistory/byteLimit``.
        case tooLarge(command: String)
    }

    public init(stepLimit: Int = UndoHistory.maximumSteps, byteLimit: Int = UndoHistory.maximumBytes) {
        self.stepLimit = max(0, stepLimit)
        self.byteLimit = max(0, byteLimit)
    }

    /// The bytes of all the steps' copies together.
    public var bytes: Int { steps.reduce(0) { UndoHistory.add($0, $1.bytes) } }

    /// Whether a copy of `bytes` is larger than the bound, so it cannot be kept.
    public func cannotKeep(_ bytes: Int) -> Bool { bytes > byteLimit || stepLimit == 0 }

    /// Keeps `step` as the newest, forgetting the oldest steps while the bounds are exceeded.
    public mutating func push(_ step: Step) {
        guard !cannotKeep(step.bytes) else { return cannotGoBack(past: step.text) }
        steps.append(step)
        while steps.count > stepLimit || bytes > byteLimit {
            steps.removeFirst()
            lost = .forgotten
        }
    }

    /// Forgets every step: `command` changed the session, and its copy was too large to keep.
    public mutating func cannotGoBack(past command: String) {
        steps = []
        lost = .tooLarge(command: command)
    }

    /// Whether ``popLast()`` took a step since the history was last emptied.
    public private(set) var undidAny = false

    /// Takes the newest step, nil when there is none.
    public mutating func popLast() -> Step? {
        let step = steps.popLast()
        if step != nil { undidAny = true }
        return step
    }

    /// Forgets every step: `undo` cannot go back before now (an exercise begins, a lesson puts
    /// the session back).
    public mutating func removeAll() {
        steps = []
        lost = nil
        undidAny = false
    }

    /// An empty history for the commands of a script `run` runs, within what this one has left
    /// of its bytes (so the two together keep to the bound).
    func nested() -> UndoHistory {
        UndoHistory(stepLimit: stepLimit, byteLimit: max(0, byteLimit - bytes))
    }

    /// The bytes a copy of `session` holds that are its own: the model's values and gradients
    /// and, per parameter, each of the optimizer's slots (4 bytes a value each) — an upper bound,
    /// since a slot has values only for the parameters it has updated. The data is shared, the
    /// rest (settings, names, history) is small.
    public static func bytes(of session: Session) -> Int {
        guard let model = session.model else { return 0 }
        let perValue = 2 + (session.trainer?.optimizer.slots.count ?? 0)
        let (bytes, overflow) = model.parameterCount.multipliedReportingOverflow(by: perValue * MemoryLayout<Float>.size)
        return overflow ? .max : bytes
    }

    /// `a + b`, or `Int.max` when that overflows.
    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }
}
