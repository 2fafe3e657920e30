import Foundation
import Testing

/// Every lesson replays with `tutor run` (which also runs and checks every exercise's solution),
/// and lesson 3's whole replay is a golden transcript.
struct LessonReplayTests {
    static var lessons: [String] {
        let folder = TutorBinary.packageRoot.appendingPathComponent("lessons").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".lesson") }.sorted()
    }

    @Test func theCourseIsThere() {
        #expect(LessonReplayTests.lessons.filter { !$0.hasPrefix("00-") }.count >= 5)
    }

    @Test(arguments: LessonReplayTests.lessons)
    func lessonReplays(_ lesson: String) async throws {
        let result = try await TutorBinary.run(["run", "lessons/" + lesson])
        #expect(result.status == 0, "\(lesson): \(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("✓ expect"))
    }

    /// `UPDATE_GOLDEN=1` rewrites the expected text; review the diff.
    @Test func lessonThreeTranscript() async throws {
        let result = try await TutorBinary.run(["run", "lessons/03-sigmoid-versus-softmax.lesson"])
        let actual = TutorBinary.normalized(result.stdout) + "--- exit \(result.status)\n"
        let golden = TutorBinary.packageRoot.appendingPathComponent("Tests/Transcripts/lesson-03-sigmoid-versus-softmax.out")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected)
    }
}
