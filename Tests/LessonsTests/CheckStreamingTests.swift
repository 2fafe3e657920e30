import Foundation
import Lessons
import Testing

/// `tutor check` hands each outcome on as soon as it is judged, and the text report is built from
/// the same per-outcome lines it prints then.
struct CheckStreamingTests {
    @Test func eachOutcomeIsHandedOnInOrder() throws {
        let work = try CheckTests.workspace(["right": "answer 1\n", "wrong": "show sigmoid [3, 1, 0.2]\n"])
        let lesson = try CheckTests.lesson()
        let selection = try CheckSelection.select(nil, from: [lesson], answers: AnswerFiles(workspace: work))
        var seen: [String] = []
        let outcomes = CheckTests.checker(work).check(selection) { outcome in
            seen.append("\(outcome.exercise): \(outcome.status.rawValue)")
        }
        #expect(seen == ["right: passed", "wrong: failed", "broken: not answered", "missing: not answered"])
        #expect(outcomes == CheckTests.checker(work).check(selection))
        #expect(CheckTests.checker(work).check([]) { _ in Issue.record("nothing to check") } == [])
    }

    @Test func theLinesOfOneOutcome() {
        #expect(CheckReport.lines(for: CheckOutcome(lesson: "practice", exercise: "right", status: .passed, message: "")) == ["✓ practice/right"])
        #expect(CheckReport.lines(for: CheckOutcome(lesson: "practice", exercise: "missing", status: .notAnswered, message: "no answer file x.tut"))
            == ["· practice/missing not answered"])
        let failed = CheckOutcome(
            lesson: "practice", exercise: "wrong", status: .failed, message: "expect outputs sum to 1",
            details: ["found outputs that sum to 2.2335; wanted 1 (within 0.0005)", "hint: Which activation makes outputs that sum to one?"])
        #expect(CheckReport.lines(for: failed) == [
            "✗ practice/wrong — expect outputs sum to 1",
            "    found outputs that sum to 2.2335; wanted 1 (within 0.0005)",
            "    hint: Which activation makes outputs that sum to one?",
        ])
        let error = CheckOutcome(lesson: "practice", exercise: "broken", status: .error, message: "b.tut:1:1: unknown command `x`")
        #expect(CheckReport.lines(for: error) == ["✗ practice/broken — b.tut:1:1: unknown command `x`"])
        // The whole report is these lines, then the summary.
        let all = [failed, error]
        #expect(CheckReport.text(all) == (all.flatMap(CheckReport.lines(for:)) + [CheckReport.summary(all)]).joined(separator: "\n"))
    }
}
