import Dispatch
import Foundation

/// Splits the training step's big loops across the processor's cores: each of `parts` workers
/// takes one contiguous share of the units (or values), so no two write the same memory.
enum Parallel {
    /// How many shares to cut work into: `$TUTOR_THREADS` when set, else the number of cores,
    /// at most 4.
    static let parts: Int = {
        if let text = ProcessInfo.processInfo.environment["TUTOR_THREADS"], let n = Int(text), n >= 1 {
            return min(n, 16)
        }
        return max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    }()

    /// Runs `body(0) … body(parts − 1)` at once and returns when all have finished.
    ///
    /// The workers share pointers into the model's buffers, which Swift cannot prove safe; it is
    /// safe because every caller gives each part its own share of memory to write, and this call
    /// does not return before all parts are done.
    static func run(_ parts: Int, _ body: (Int) -> Void) {
        if parts <= 1 {
            body(0)
            return
        }
        withoutActuallyEscaping(body) { work in
            let shared = UncheckedSendable(work)
            DispatchQueue.concurrentPerform(iterations: parts) { part in shared.value(part) }
        }
    }

    /// Share `part` of `0 ..< count` cut into `parts` pieces whose edges fall on multiples of 8
    /// (whole vector registers), except the last.
    static func share(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        let blocks = (count + 7) / 8
        let begin = min(count, (blocks * part / parts) * 8)
        let end = part == parts - 1 ? count : min(count, (blocks * (part + 1) / parts) * 8)
        return begin..<end
    }
}

/// A value handed to worker threads under the caller's guarantee that they use it safely.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
