import Foundation
import Testing
@testable import TutorLanguage

/// `run FILE.lesson`: the interpreter cannot read lessons itself (the Lessons module sits above
/// it), so it hands the file to ``Interpreter/lessonReplayer``, which the program sets; without
/// one a lesson file is a clear error, never read as a script. The path policy and the nesting
/// limit hold as for scripts.
struct RunLessonTests {
    /// A fresh folder with `files` written into it (absolute, symbolic links resolved).
    static func folder(_ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-run-lesson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url.resolvingSymlinksInPath().path
    }

    static let lessonText = "# A lesson\nshow onehot 2\n"

    @Test func withoutAReplayerALessonIsRefused() throws {
        let folder = try Self.folder(["a.lesson": Self.lessonText])
        let interpreter = try InterpreterTests.interpreter()
        #expect(InterpreterTests.error(interpreter, "run \(folder)/a.lesson") == """
            error: cannot replay the lesson `\(folder)/a.lesson` here
             --> 1:5
              |
            1 | run \(folder)/a.lesson
              |     \(String(repeating: "^", count: folder.count + 9)) replay it with `tutor run \(folder)/a.lesson`, or take it with `tutor lesson`
            """)
        #expect(interpreter.session.commands == [])
    }

    @Test func theReplayerGetsTheTextAndTheFileAsTyped() throws {
        let folder = try Self.folder(["a.lesson": Self.lessonText])
        let interpreter = try InterpreterTests.interpreter()
        var replayed: [String] = []
        interpreter.lessonReplayer = { text, file in
            replayed.append("\(file): \(text)")
            return .proceed
        }
        #expect(try InterpreterTests.outputs(interpreter, "run \(folder)/a.lesson") == [])
        #expect(replayed == ["\(folder)/a.lesson: \(Self.lessonText)"])
        interpreter.lessonReplayer = { _, _ in .quit }
        #expect(try interpreter.execute(line: "run \(folder)/a.lesson", number: 2) { _ in } == .quit)
    }

    @Test func thePathPolicyHoldsForLessons() throws {
        let folder = try Self.folder(["a.lesson": Self.lessonText])
        let interpreter = try InterpreterTests.interpreter()
        interpreter.pathPolicy = .inside(folder)
        var called = false
        interpreter.lessonReplayer = { _, _ in
            called = true
            return .proceed
        }
        #expect(InterpreterTests.error(interpreter, "run ../a.lesson")?.hasPrefix("error: `../a.lesson` leads outside the workspace (through `..`)\n") == true)
        #expect(!called)
        #expect(InterpreterTests.error(interpreter, "run a.lesson") == nil)
        #expect(called)
    }

    @Test func aLessonThatRunsItselfStops() throws {
        let folder = try Self.folder(["self.lesson": "# Again\nrun self.lesson\n"])
        let interpreter = try InterpreterTests.interpreter()
        var depth = 0
        // Like the program's replayer: runs the lesson's commands on the same interpreter.
        interpreter.lessonReplayer = { [unowned interpreter] _, _ throws(Diagnostic) in
            depth += 1
            try interpreter.execute(line: "run \(folder)/self.lesson", number: 2, file: "self.lesson") { _ in }
            return .proceed
        }
        let error = InterpreterTests.error(interpreter, "run \(folder)/self.lesson")
        #expect(error?.hasPrefix("error: `run` is nested 8 deep; does a script run itself?\n") == true)
        #expect(depth == Interpreter.maximumRunDepth)
    }

    @Test func missingLessonFilesAreReportedAsForScripts() throws {
        let interpreter = try InterpreterTests.interpreter()
        interpreter.lessonReplayer = { _, _ in .proceed }
        #expect(InterpreterTests.error(interpreter, "run /nonexistent/x.lesson")?
            .hasPrefix("error: cannot run `/nonexistent/x.lesson`: it does not exist\n") == true)
    }
}
