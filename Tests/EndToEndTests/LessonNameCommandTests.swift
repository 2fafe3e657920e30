import Foundation
import Testing

/// `tutor lesson NAME`, `--reset NAME` and `tutor lesson next` find lessons the way `tutor check`
/// does (number, file stem, stem without its number, title, any case, unique prefix).
struct LessonNameCommandTests {
    /// A fresh workspace, optionally with a `progress.json`.
    static func workspace(progress: String? = nil) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if let progress {
            try progress.write(to: url.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        }
        return url
    }

    /// A `progress.json` whose last lesson is `current`, finished (or at its start when not).
    static func progress(current: String, finished: Bool = true) -> String {
        """
        {"version": 1, "current": "\(current)", "lessons": {"\(current)": {"next": \(finished ? 100_000 : 1), "exercises": {}}}}
        """
    }

    static func current(in workspace: URL) throws -> String? {
        let data = try Data(contentsOf: workspace.appendingPathComponent("progress.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["current"] as? String
    }

    static let courseList = """
          00-sample — A sample lesson
          01-images-and-flattening — Images and flattening
          02-dense-layers — Dense layers
          03-sigmoid-versus-softmax — Sigmoid versus softmax
          04-training — Training
          05-reading-predictions — Reading predictions
          06-learning-rate — The learning rate
          07-overfitting — Validation and overfitting
          08-relu-depth-and-width — ReLU, depth and width
        """

    @Test(arguments: ["3", "03", "sigmoid-versus-softmax", "SIGMOID", "Sigmoid versus softmax", "03-sigmoid-versus-softmax"])
    func everyNameTakesLessonThree(_ name: String) async throws {
        let workspace = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let result = try await TutorBinary.run(["lesson", name, "--workspace", workspace.path], input: "quit\n")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("# Sigmoid versus softmax\n\nThe output layer of our model has 10 neurons"))
        #expect(result.stdout.hasSuffix("Your progress is saved; `tutor lesson 03-sigmoid-versus-softmax` continues where\nyou left off.\n"))
        #expect(try Self.current(in: workspace) == "03-sigmoid-versus-softmax")
    }

    @Test func resetTakesTheSameNames() async throws {
        let workspace = try Self.workspace(progress: Self.progress(current: "02-dense-layers"))
        defer { try? FileManager.default.removeItem(at: workspace) }
        let result = try await TutorBinary.run(["lesson", "--reset", "dense-layers", "--workspace", workspace.path], environment: TutorBinary.wide)
        #expect(result.stdout == "Forgot your progress in 02-dense-layers; your answers in \(workspace.path)/answers/02-dense-layers/ stay.\n")
        #expect(result.status == 0)
        #expect(try Self.current(in: workspace) == nil)
    }

    @Test func unknownAndAmbiguousNamesListTheLessons() async throws {
        let workspace = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let unknown = try await TutorBinary.run(["lesson", "softmax-basics", "--workspace", workspace.path])
        #expect(unknown.stdout == "")
        #expect(unknown.stderr == "error: no lesson called `softmax-basics`; the lessons are:\n\(Self.courseList)\n")
        #expect(unknown.status == 1)
        let several = try await TutorBinary.run(["lesson", "--reset", "s", "--workspace", workspace.path])
        #expect(several.stderr == """
            error: `s` fits several lessons; type more of the name:
              00-sample — A sample lesson
              03-sigmoid-versus-softmax — Sigmoid versus softmax

            """)
        #expect(several.status == 1)
    }

    @Test func nextWithoutProgressIsLessonOne() async throws {
        let workspace = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let result = try await TutorBinary.run(["lesson", "next", "--workspace", workspace.path], input: "quit\n")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("# Images and flattening\n"))
        #expect(try Self.current(in: workspace) == "01-images-and-flattening")
    }

    @Test func nextIsTheLessonAfterTheLastOne() async throws {
        for (last, next, title) in [("01-images-and-flattening", "02-dense-layers", "Dense layers"), ("00-sample", "01-images-and-flattening", "Images and flattening")] {
            let workspace = try Self.workspace(progress: Self.progress(current: last))
            defer { try? FileManager.default.removeItem(at: workspace) }
            let result = try await TutorBinary.run(["lesson", "next", "--workspace", workspace.path], input: "quit\n")
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("# \(title)\n"), "after \(last)")
            #expect(try Self.current(in: workspace) == next)
        }
    }

    @Test func nextAfterTheLastLesson() async throws {
        let finished = try Self.workspace(progress: Self.progress(current: "08-relu-depth-and-width"))
        let inProgress = try Self.workspace(progress: Self.progress(current: "08-relu-depth-and-width", finished: false))
        defer {
            try? FileManager.default.removeItem(at: finished)
            try? FileManager.default.removeItem(at: inProgress)
        }
        let done = try await TutorBinary.run(["lesson", "next", "--workspace", finished.path])
        #expect(done.stdout == "You have finished the course: 08-relu-depth-and-width was its last lesson.\n`tutor lesson NAME` takes any lesson again; `tutor lesson` lists them.\n")
        #expect(done.stderr == "")
        #expect(done.status == 0)
        let going = try await TutorBinary.run(["lesson", "next", "--workspace", inProgress.path])
        #expect(going.stdout == "There is no lesson after 08-relu-depth-and-width, the last one; `tutor lesson\n08-relu-depth-and-width` continues where you left off.\n")
        #expect(going.status == 0)
    }
}
