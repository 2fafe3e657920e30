import Foundation
import Testing

/// `tutor check NAME` takes the lesson names `tutor lesson` takes: number, file name, file name
/// without its number, title, any case, unique prefix; `LESSON/EXERCISE` too.
struct CheckNameCommandTests {
    /// A temporary folder with `lessons/03-practice.lesson` (the practice lesson) and
    /// `work/answers/03-practice/NAME.tut` for each answer.
    static func folder(_ answers: [String: String]) throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-check-names-\(UUID().uuidString)")
        let lessons = base.appendingPathComponent("lessons"), work = base.appendingPathComponent("work/answers/03-practice")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try CheckCommandTests.lessonText.write(to: lessons.appendingPathComponent("03-practice.lesson"), atomically: true, encoding: .utf8)
        for (name, text) in answers {
            try text.write(to: work.appendingPathComponent("\(name).tut"), atomically: true, encoding: .utf8)
        }
        return base
    }

    @Test(arguments: ["03", "3", "practice", "PRAC", "Check practice", "03-practice"])
    func aLessonByAnyOfItsNames(_ name: String) async throws {
        let folder = try Self.folder(["right": "answer 1\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await CheckCommandTests.check(folder, [name])
        #expect(result.stdout == """
            ✓ 03-practice/right
            · 03-practice/wrong not answered
            · 03-practice/broken not answered
            · 03-practice/missing not answered
            1 passed, 0 failed, 3 skipped

            """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        let one = try await CheckCommandTests.check(folder, [name + "/right"])
        #expect(one.stdout == "✓ 03-practice/right\n1 passed, 0 failed\n")
    }

    @Test func lessonThreeOfTheCourseByNumber() async throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-check-03-\(UUID().uuidString)")
        let result = try await TutorBinary.run(["check", "03", "--json", "--workspace", workspace.path])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 1)
        for line in lines {
            #expect(line.contains(#""lesson":"03-sigmoid-versus-softmax","#) && line.hasSuffix(#""status":"not answered"}"#), "\(line)")
        }
        #expect(result.status == 1)
    }

    @Test func unknownNamesListTheLessons() async throws {
        let folder = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await CheckCommandTests.check(folder, ["04"])
        #expect(result.stdout == "")
        #expect(result.stderr == "error: there is no lesson or exercise `04`; the lessons are:\n  03-practice — Check practice\n")
        #expect(result.status == 1)
    }
}
