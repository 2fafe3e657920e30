import Foundation
import Testing

/// Where nobody is there to press Ctrl-C, `tutor check` and `tutor run FILE.lesson` always end:
/// a `fit` of more than 50 epochs in a lesson file or an answer is refused where it stands.
struct RunLimitsCommandTests {
    static let lesson = """
        # Greedy
        data mnist 100 10
        layer flatten
        layer dense 10 softmax
        fit 100000000
        exercise train
        > Train for one epoch.
        solution fit 1
        expect trained 1 epochs
        end
        """

    static func folder(answer: String) throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-limits-e2e-\(UUID().uuidString)")
        let lessons = base.appendingPathComponent("lessons"), work = base.appendingPathComponent("work/answers/01-greedy")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try lesson.write(to: lessons.appendingPathComponent("01-greedy.lesson"), atomically: true, encoding: .utf8)
        try answer.write(to: work.appendingPathComponent("train.tut"), atomically: true, encoding: .utf8)
        return base
    }

    @Test func checkEndsOnAGreedyLessonAndAnswer() async throws {
        let folder = try Self.folder(answer: "fit 100000000\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await TutorBinary.run(["check", "--lessons", "lessons", "--workspace", "work"], in: folder)
        #expect(result.stdout == """
            ✗ 01-greedy/train — work/answers/01-greedy/train.tut:1:5: `fit 100,000,000`
              trains more epochs than a lesson or an answer may: at most 50
                note: try `fit 3`; in the notebook (`tutor`) or your own
                      `tutor run FILE.tut` there is no limit
            0 passed, 1 failed

            """)
        #expect(result.status == 1)
    }

    @Test func replayingAGreedyLessonStopsAtItsFit() async throws {
        let folder = try Self.folder(answer: "")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await TutorBinary.run(["run", "lessons/01-greedy.lesson"], in: folder)
        #expect(result.stderr == """
            error: `fit 100,000,000` trains more epochs than a lesson or an answer may: at
                   most 50
             --> lessons/01-greedy.lesson:5:5
              |
            5 | fit 100000000
              |     ^^^^^^^^^ try `fit 3`; in the notebook (`tutor`) or your own
              |               `tutor run FILE.tut` there is no limit

            """)
        #expect(result.status == 1)
    }
}
