import Foundation
import Testing

/// `tutor lesson` lists the course from lesson 01, with the authors' sample apart, and says where
/// to go on: lesson 01 for a newcomer, `tutor lesson next` after a finished lesson.
struct LessonListingTests {
    /// A lessons folder of three small lessons: the sample and a two-lesson course.
    static func lessonsFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-names-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (stem, title) in [("00-sample", "Sample"), ("01-first", "First steps"), ("02-second", "Second steps")] {
            try "# \(title)\n> Hello.\nshow onehot 1\nexercise one\n> Answer 1.\nsolution answer 1\nexpect answer 1\nend\n"
                .write(to: url.appendingPathComponent("\(stem).lesson"), atomically: true, encoding: .utf8)
        }
        return url
    }

    @Test func theCourseListStartsAtLessonOne() async throws {
        let workspace = try LessonNameCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let result = try await TutorBinary.run(["lesson", "--workspace", workspace.path], environment: TutorBinary.wide)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Lessons (\(TutorBinary.packageRoot.path)/lessons):")
        #expect(lines.dropFirst().first?.hasPrefix("  01-images-and-flattening   Images and flattening — 0 done, 0 skipped of ") == true)
        #expect(lines.suffix(3) == [
            "For lesson authors:",
            "  00-sample                  A sample lesson — 0 done, 0 skipped of 2",
            "Start with `tutor lesson 01`.",
        ])
    }

    /// On a narrow terminal a lesson's line goes on under the titles, not under its file name.
    @Test func aLessonsLineGoesOnUnderTheTitles() async throws {
        let lessons = try Self.lessonsFolder()
        defer { try? FileManager.default.removeItem(at: lessons) }
        let workspace = try LessonNameCommandTests.workspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let result = try await TutorBinary.run(
            ["lesson", "--workspace", workspace.path], environment: ["TUTOR_LESSONS": lessons.path, "COLUMNS": "40"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("  01-first") })
        #expect(Array(lines[first...].prefix(4)) == [
            "  01-first   First steps — 0 done, 0",
            "             skipped of 1",
            "  02-second  Second steps — 0 done, 0",
            "             skipped of 1",
        ])
    }

    @Test func theListingSaysWhereToGoOn() async throws {
        let lessons = try Self.lessonsFolder()
        defer { try? FileManager.default.removeItem(at: lessons) }
        func list(_ progress: String?) async throws -> String {
            let workspace = try LessonNameCommandTests.workspace(progress: progress)
            defer { try? FileManager.default.removeItem(at: workspace) }
            let result = try await TutorBinary.run(["lesson", "--workspace", workspace.path], environment: TutorBinary.wide.merging(["TUTOR_LESSONS": lessons.path]) { $1 })
            #expect(result.status == 0)
            #expect(result.stderr == "")
            return result.stdout
        }
        let table = { (first: String, second: String, sample: String) in """
            Lessons (\(lessons.path)):
              01-first   First steps — \(first)
              02-second  Second steps — \(second)
            For lesson authors:
              00-sample  Sample — \(sample)

            """
        }
        let none = "0 done, 0 skipped of 1"
        #expect(try await list(nil) == table(none, none, none) + "Start with `tutor lesson 01`.\n")
        #expect(try await list(LessonNameCommandTests.progress(current: "01-first")) == table(none + ", finished", none, none)
            + "You last finished 01-first. Take the next lesson, 02-second (Second steps), with `tutor lesson next`.\n")
        #expect(try await list(LessonNameCommandTests.progress(current: "00-sample")) == table(none, none, none + ", finished")
            + "You last finished 00-sample. Take the next lesson, 01-first (First steps), with `tutor lesson next`.\n")
        #expect(try await list(LessonNameCommandTests.progress(current: "02-second")) == table(none, none + ", finished", none)
            + "You last finished 02-second, the last lesson: you have finished the course. `tutor lesson NAME` takes any lesson again.\n")
        #expect(try await list(LessonNameCommandTests.progress(current: "01-first", finished: false)) == table(none + ", in progress", none, none)
            + "You left off in 01-first before exercise one: `tutor lesson 01-first` continues there.\n")
    }
}
