import Foundation
import Testing

/// The workspace as a sandbox, through the real `tutor`: which lessons run (never a stranger's
/// found above the current folder), what their commands may reach in `tutor run`, `run` at the
/// prompt, `tutor lesson` and `tutor check`, answers that are links out, `--workspace ''`, and two
/// `tutor lesson` runs sharing one workspace.
struct WorkspaceSandboxCommandTests {
    /// A fresh folder (absolute, symbolic links resolved) with `files` (relative path → text).
    static func folder(_ files: [String: String] = [:]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-sandbox-e2e-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return url.resolvingSymlinksInPath()
    }

    /// `tutor` laid out wide: what these tests read is which files a lesson reaches, in messages
    /// that quote temporary paths (``TutorBinary/wide``).
    static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> TutorBinary.Result {
        try await TutorBinary.run(arguments, input: input, environment: TutorBinary.wide.merging(environment) { $1 }, in: directory)
    }

    /// No lessons named by the environment, whatever the tests run in.
    static let noLessonsVariable = ["TUTOR_LESSONS": ""]

    // MARK: - Which lessons

    /// A `lessons/` folder above the current one is a stranger's: `tutor check` and `tutor lesson`
    /// use the course that ships with tutor, and never run the stranger's lesson.
    @Test func aStrangersLessonsAboveTheCurrentFolderAreNotUsed() async throws {
        let base = try Self.folder([
            "lessons/00-stranger.lesson": "# Stranger\nsave notebook ../../owned.md\nexercise x\n> Say 1.\nsolution answer 1\nexpect answer 1\nend\n",
            "repo/src/work/answers/00-stranger/x.tut": "answer 1\n",
            "repo/src/readme.txt": "",
        ])
        let inner = base.appendingPathComponent("repo/src")
        let check = try await Self.run(["check", "00-stranger", "--workspace", "work"], environment: Self.noLessonsVariable, in: inner)
        #expect(check.stdout == "")
        #expect(check.stderr == "error: there is no lesson or exercise `00-stranger`; the lessons are:\n" + LessonNameCommandTests.courseList + "\n")
        #expect(check.status == 1)
        let all = try await Self.run(["check", "--workspace", "work"], environment: Self.noLessonsVariable, in: inner)
        #expect(!all.stdout.contains("stranger"))
        let list = try await Self.run(["lesson", "--workspace", "work"], environment: Self.noLessonsVariable, in: inner)
        #expect(list.stdout.hasPrefix("Lessons (\(TutorBinary.packageRoot.path)/lessons):\n"))
        #expect(!list.stdout.contains("stranger"))
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("owned.md").path))
        // Asked for by name, they are used.
        let named = try await Self.run(["check", "--workspace", "work", "--lessons", "../../lessons"], environment: Self.noLessonsVariable, in: inner)
        #expect(named.stdout == "✓ 00-stranger/x\n1 passed, 0 failed\n")
        let variable = try await Self.run(["lesson", "--workspace", "work"], environment: ["TUTOR_LESSONS": base.appendingPathComponent("lessons").path], in: inner)
        #expect(variable.stdout.contains("00-stranger"))
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("owned.md").path))
    }

    // MARK: - What a lesson reaches

    /// The hostile lines of a lesson: each is refused, wherever the lesson runs.
    static let hostile: [(command: String, refusal: String)] = [
        ("save model /tmp/x", "error: `/tmp/x` is outside the workspace: only relative paths inside it can be used here"),
        ("export keras ../x.py", "error: `../x.py` leads outside the workspace (through `..`)"),
        ("run /etc/passwd", "error: `/etc/passwd` is outside the workspace: only relative paths inside it can be used here"),
        ("data mnist from /", "error: `/` is outside the workspace: only relative paths inside it can be used here"),
    ]

    /// `tutor run FILE.lesson`: the lesson's commands keep to `--workspace` (created for it),
    /// relative paths lead there; `tutor run SCRIPT.tut` keeps the learner's full reach, but a
    /// lesson the script runs does not, and the script's reach comes back after it.
    @Test func tutorRunKeepsALessonInsideTheWorkspace() async throws {
        let base = try Self.folder()
        let outside = base.appendingPathComponent("outside.md").path
        let lesson = "# Inside\nshow onehot 1\nsave notebook notes.md\n"
        let folder = try Self.folder([
            "inside.lesson": lesson,
            "hostile.lesson": "# Hostile\nsave notebook \(outside)\n",
            "script.tut": "save notebook \(outside)\nrun inside.lesson\nsave notebook \(outside)\nrun hostile.lesson\n",
        ])
        let inside = try await Self.run(["run", "inside.lesson", "--workspace", "mine"], in: folder)
        #expect(inside.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("mine/notes.md").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.md").path))
        let script = try await Self.run(["run", "script.tut"], in: folder)
        #expect(script.stderr == """
            error: `\(outside)` is outside the workspace: only relative paths inside it can be used here
             --> hostile.lesson:2:15
              |
            2 | save notebook \(outside)
              |               \(String(repeating: "^", count: outside.count))

            """)
        #expect(script.status == 1)
        #expect(script.stdout.components(separatedBy: ">>> save notebook \(outside)\nSaved").count == 3)  // the script's own, twice
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tutor-work/notes.md").path))
    }

    /// `run FILE.lesson` at the prompt: the same refusals, exact, and the prompt's reach after.
    @Test(arguments: 0..<4)
    func runAtThePromptKeepsALessonInsideTheWorkspace(_ index: Int) async throws {
        let (command, refusal) = Self.hostile[index]
        let folder = try Self.folder(["hostile.lesson": "# Hostile\n\(command)\n"])
        let result = try await Self.run([], input: "run hostile.lesson\nsave notebook \(folder.path)/after.md\n", in: folder)
        #expect(result.stdout.contains("\n" + refusal + "\n --> hostile.lesson:2:"))
        #expect(result.status == 1)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("after.md").path))
    }

    /// The hostile lesson with one exercise, and a line that would write outside.
    static func hostileLesson(writing escape: String) -> String {
        "# Hostile\ndata mnist 100 10\nlayer flatten\nlayer dense 10 softmax\nsave model \(escape)\n"
            + hostile.map(\.command).joined(separator: "\n")
            + "\nexercise one\n> Answer 1.\nsolution answer 1\nexpect answer 1\nend\n"
    }

    /// `tutor lesson`: every hostile line of the lesson is refused with its message, when taken
    /// and when the session is rebuilt on coming back; nothing is written outside.
    @Test func tutorLessonKeepsALessonInsideTheWorkspace() async throws {
        let base = try Self.folder()
        let escape = base.appendingPathComponent("escape.tutm").path
        let folder = try Self.folder(["lessons/hostile.lesson": Self.hostileLesson(writing: escape)])
        let arguments = ["lesson", "hostile", "--lessons", "lessons", "--workspace", "work"]
        let first = try await Self.run(arguments, input: "quit\n", in: folder)
        let errors = first.stdout.split(separator: "\n").filter { $0.hasPrefix("error:") }.map(String.init)
        #expect(errors == ["error: `\(escape)` is outside the workspace: only relative paths inside it can be used here"]
            + Self.hostile.map(\.refusal))
        let again = try await Self.run(arguments, input: "answer 1\n", in: folder)
        #expect(again.stdout.contains("Restoring your session…"))
        #expect(again.stdout.contains("✓ one done; your answer is saved in work/answers/hostile/one.tut"))
        #expect(!FileManager.default.fileExists(atPath: escape))
    }

    /// `tutor check`: the lesson's own commands, run before each answer, write nothing outside;
    /// an answer trying the same is an error with the refusal.
    @Test func tutorCheckKeepsALessonInsideTheWorkspace() async throws {
        let base = try Self.folder()
        let escape = base.appendingPathComponent("escape.tutm").path
        let folder = try Self.folder([
            "lessons/hostile.lesson": Self.hostileLesson(writing: escape),
            "work/answers/hostile/one.tut": "export keras ../x.py\n",
        ])
        let result = try await Self.run(["check", "--lessons", "lessons", "--workspace", "work"], in: folder)
        #expect(result.stdout == """
            ✗ hostile/one — work/answers/hostile/one.tut:1:14: `../x.py` leads outside the workspace (through `..`)
            0 passed, 1 failed

            """)
        #expect(!FileManager.default.fileExists(atPath: escape))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.py").path))
    }

    // MARK: - Answers and the workspace's name

    /// An answer file that links out of the workspace is refused; nothing of its target is shown.
    @Test func anAnswerLinkOutIsRefusedUnread() async throws {
        let folder = try CheckCommandTests.folder([:])
        let secret = try Self.folder(["secret.txt": "SECRET-WORD and more\n"])
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("work/answers/practice/right.tut").path,
            withDestinationPath: secret.appendingPathComponent("secret.txt").path)
        let result = try await CheckCommandTests.check(folder, ["practice/right"])
        #expect(result.stdout == """
            ✗ practice/right — `work/answers/practice/right.tut` leads outside the workspace
              (through a symbolic link); it is not read
            0 passed, 1 failed

            """)
        #expect(!(result.stdout + result.stderr).contains("SECRET"))
        #expect(result.status == 1)
    }

    /// `--workspace ''` is refused by every command that takes it, before anything is written.
    @Test(arguments: [["check"], ["lesson"], ["lesson", "00-sample"], ["run", "lessons/00-sample.lesson"]])
    func anEmptyWorkspaceNameIsRefused(_ arguments: [String]) async throws {
        let existed = FileManager.default.fileExists(atPath: "/progress.json")
        let result = try await Self.run(arguments + ["--workspace", ""])
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("Error: --workspace needs a folder name\nUsage: tutor \(arguments[0]) "))
        #expect(result.status == 64)
        #expect(FileManager.default.fileExists(atPath: "/progress.json") == existed)
    }

    @Test func anEmptyLessonsFolderNameIsRefused() async throws {
        let result = try await Self.run(["check", "--lessons", ""])
        #expect(result.stderr.hasPrefix("Error: --lessons needs a folder name\n"))
        #expect(result.status == 64)
    }

    // MARK: - Two runs at once

    /// Two `tutor lesson` runs on one workspace at the same time, in two lessons: each keeps the
    /// other's finished exercises (the progress file is merged under a lock).
    @Test func twoLessonRunsAtOnceKeepEachOthersProgress() async throws {
        let lesson = { (title: String) in
            "# \(title)\nexercise a\n> Say 1.\nsolution answer 1\nexpect answer 1\nend\ndata mnist\ndata mnist\n"
                + "exercise b\n> Say 2.\nsolution answer 2\nexpect answer 2\nend\n"
        }
        let folder = try Self.folder(["lessons/m1.lesson": lesson("One"), "lessons/m2.lesson": lesson("Two")])
        async let first = Self.run(["lesson", "m1", "--lessons", "lessons", "--workspace", "work"], input: "answer 1\nanswer 2\n", in: folder)
        async let second = Self.run(["lesson", "m2", "--lessons", "lessons", "--workspace", "work"], input: "answer 1\nskip\n", in: folder)
        let results = try await [first, second]
        #expect(results.map(\.status) == [0, 0])
        let data = try Data(contentsOf: folder.appendingPathComponent("work/progress.json"))
        let lessons = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["lessons"] as? [String: [String: Any]]
        #expect(lessons?["m1"]?["exercises"] as? [String: String] == ["a": "done", "b": "done"])
        #expect(lessons?["m2"]?["exercises"] as? [String: String] == ["a": "done", "b": "skipped"])
        let list = try await Self.run(["lesson", "--lessons", "lessons", "--workspace", "work"], in: folder)
        #expect(list.stdout.contains("m1  One — 2 done, 0 skipped of 2, finished"))
        #expect(list.stdout.contains("m2  Two — 1 done, 1 skipped of 2, finished"))
    }
}
