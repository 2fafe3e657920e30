import Foundation
import Testing

/// `tutor check` as the learner and the grader run it: exact output, JSON Lines, exit status, and
/// the sandbox. Uses a lesson written into a temporary folder (`--lessons`), not the course.
struct CheckCommandTests {
    /// The practice lesson shared with the Lessons module's checker tests.
    static let lessonText: String = {
        let url = TutorBinary.packageRoot.appendingPathComponent("Tests/Fixtures/check-practice.lesson")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// A temporary folder with `lessons/practice.lesson` and `work/answers/practice/NAME.tut` for each answer.
    static func folder(_ answers: [String: String]) throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-check-e2e-\(UUID().uuidString)")
        let lessons = base.appendingPathComponent("lessons"), work = base.appendingPathComponent("work/answers/practice")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try lessonText.write(to: lessons.appendingPathComponent("practice.lesson"), atomically: true, encoding: .utf8)
        for (name, text) in answers {
            try text.write(to: work.appendingPathComponent("\(name).tut"), atomically: true, encoding: .utf8)
        }
        return base
    }

    static func check(_ folder: URL, _ extra: [String] = []) async throws -> TutorBinary.Result {
        try await TutorBinary.run(["check"] + extra + ["--lessons", "lessons", "--workspace", "work"], in: folder)
    }

    @Test func mixedAnswers() async throws {
        let folder = try Self.folder([
            "right": "answer 1\n", "wrong": "show sigmoid [3, 1, 0.2]\n", "broken": "# my answer\nshow softmax [1, 2\n",
        ])
        let text = try await Self.check(folder)
        #expect(text.stdout == """
            ✓ practice/right
            ✗ practice/wrong — the outputs shown last do not sum to what the task asks for
                found outputs that sum to 2.2335
                hint: Which activation makes outputs that sum to one?
            ✗ practice/broken — work/answers/practice/broken.tut:2:19: expected `]` to close
              the `[` at column 14, found the end of the line
                hint: Type `answer 3`.
            · practice/missing not answered
            1 passed, 2 failed, 1 skipped

            """)
        #expect(text.stderr == "")
        #expect(text.status == 1)
        let json = try await Self.check(folder, ["--json"])
        #expect(json.stdout == """
            {"exercise":"right","lesson":"practice","message":"","status":"passed"}
            {"exercise":"wrong","lesson":"practice","message":"the outputs shown last do not sum to what the task asks for\\nfound outputs that sum to 2.2335\\nhint: Which activation makes outputs that sum to one?","status":"failed"}
            {"exercise":"broken","lesson":"practice","message":"work/answers/practice/broken.tut:2:19: expected `]` to close the `[` at column 14, found the end of the line\\nhint: Type `answer 3`.","status":"error"}
            {"exercise":"missing","lesson":"practice","message":"no answer file work/answers/practice/missing.tut","status":"not answered"}

            """)
        #expect(json.status == 1)
        let one = try await Self.check(folder, ["practice/right"])
        #expect(one.stdout == "✓ practice/right\n1 passed, 0 failed\n")
        #expect(one.status == 0)
    }

    @Test func allRightExitsZero() async throws {
        let folder = try Self.folder([
            "right": "answer 1\n", "wrong": "show softmax [3, 1, 0.2]\n", "broken": "answer 3\n", "missing": "answer 4\n",
        ])
        let result = try await Self.check(folder)
        #expect(result.stdout == "✓ practice/right\n✓ practice/wrong\n✓ practice/broken\n✓ practice/missing\n4 passed, 0 failed\n")
        #expect(result.status == 0)
    }

    @Test func sandboxRefusals() async throws {
        let folder = try Self.folder([
            "right": "run /etc/hostname\n", "wrong": "save notebook ../../notes.md\n", "broken": "run link/x.tut\n",
        ])
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("work/link").path, withDestinationPath: folder.path)
        try "answer 3\n".write(to: folder.appendingPathComponent("x.tut"), atomically: true, encoding: .utf8)
        let result = try await Self.check(folder, ["--json"])
        #expect(result.stdout == """
            {"exercise":"right","lesson":"practice","message":"work/answers/practice/right.tut:1:5: `/etc/hostname` is outside the workspace: only relative paths inside it can be used here\\nhint: Add them up.","status":"error"}
            {"exercise":"wrong","lesson":"practice","message":"work/answers/practice/wrong.tut:1:15: `../../notes.md` leads outside the workspace (through `..`)\\nhint: Which activation makes outputs that sum to one?","status":"error"}
            {"exercise":"broken","lesson":"practice","message":"work/answers/practice/broken.tut:1:5: `link/x.tut` leads outside the workspace (through a symbolic link)\\nhint: Type `answer 3`.","status":"error"}
            {"exercise":"missing","lesson":"practice","message":"no answer file work/answers/practice/missing.tut","status":"not answered"}

            """)
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.md").path))
    }

    @Test func unknownNameIsAnError() async throws {
        let result = try await Self.check(try Self.folder([:]), ["nope"])
        #expect(result.stdout == "")
        #expect(result.stderr == "error: there is no lesson or exercise `nope`; the lessons are:\n  practice — Check practice\n")
        #expect(result.status == 1)
    }
}
