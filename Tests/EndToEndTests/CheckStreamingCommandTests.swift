import Foundation
import Testing

/// `tutor check` prints each exercise's line as soon as it is judged (the output reads as when it
/// was all printed at the end); with no answer files at all it says where it looked and how answers
/// get there.
struct CheckStreamingCommandTests {
    /// Passed, error (with its hint) and not answered, as when the whole report was printed at the
    /// end (CheckCommandTests' mixed answers pin a failed check's lines too).
    @Test func aMixedSetReadsAsBefore() async throws {
        let folder = try CheckNameCommandTests.folder([
            "right": "answer 1\n", "wrong": "show softmax [3, 1, 0.2]\n", "broken": "# my answer\nshow softmax [1, 2\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try await CheckCommandTests.check(folder)
        #expect(text.stdout == """
            ✓ 03-practice/right
            ✓ 03-practice/wrong
            ✗ 03-practice/broken — work/answers/03-practice/broken.tut:2:19: expected `]` to
              close the `[` at column 14, found the end of the line
                hint: Type `answer 3`.
            · 03-practice/missing not answered
            2 passed, 1 failed, 1 skipped

            """)
        #expect(text.stderr == "")
        #expect(text.status == 1)
        let json = try await CheckCommandTests.check(folder, ["--json"])
        #expect(json.stdout == """
            {"exercise":"right","lesson":"03-practice","message":"","status":"passed"}
            {"exercise":"wrong","lesson":"03-practice","message":"","status":"passed"}
            {"exercise":"broken","lesson":"03-practice","message":"work/answers/03-practice/broken.tut:2:19: expected `]` to close the `[` at column 14, found the end of the line\\nhint: Type `answer 3`.","status":"error"}
            {"exercise":"missing","lesson":"03-practice","message":"no answer file work/answers/03-practice/missing.tut","status":"not answered"}

            """)
        #expect(json.stderr == "")
        #expect(json.status == 1)
    }

    @Test func noAnswersSaysWhereItLooked() async throws {
        let folder = try CheckNameCommandTests.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let explanation = """
            No answers to check: there is no answer file in work/answers/ for any lesson.
            `tutor lesson NAME` saves each exercise you solve as
            work/answers/LESSON/EXERCISE.tut, or write such a file by hand.

            """
        let text = try await CheckCommandTests.check(folder)
        #expect(text.stdout == explanation + "0 passed, 0 failed\n")
        #expect(text.stderr == "")
        #expect(text.status == 1)
        // JSON Lines stay JSON: the explanation goes to standard error.
        let json = try await CheckCommandTests.check(folder, ["--json"])
        #expect(json.stdout == "")
        #expect(json.stderr == explanation)
        #expect(json.status == 1)
        // The default workspace, named as it is.
        let plain = try await TutorBinary.run(["check", "--lessons", "lessons"], in: folder)
        #expect(plain.stdout.hasPrefix("No answers to check: there is no answer file in tutor-work/answers/ for any\nlesson.\n"))
    }
}
