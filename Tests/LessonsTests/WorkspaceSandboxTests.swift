import Foundation
import Lessons
import Testing
import TutorLanguage
import TutorTerminal

/// Lessons are data and the workspace is a sandbox: a lesson's commands reach only files inside
/// the workspace whether it is replayed, taken or checked; answers and progress are never read or
/// written through a link out of it; an exercise name fits in a file name.
struct WorkspaceSandboxTests {
    /// A fresh folder (absolute, symbolic links resolved).
    static func folder(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-sandbox-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath().path
    }

    /// What a lesson tries that a lesson may not, each with the first line of its refusal.
    /// A file outside the workspace that no other program makes (a lesson must never create it).
    static let outside = "/tmp/tutor-sandbox-\(UUID().uuidString).model"

    static let hostile: [(command: String, refusal: String)] = [
        ("save model \(outside)", "error: `\(outside)` is outside the workspace: only relative paths inside it can be used here"),
        ("export keras ../x.py", "error: `../x.py` leads outside the workspace (through `..`)"),
        ("run /etc/passwd", "error: `/etc/passwd` is outside the workspace: only relative paths inside it can be used here"),
        ("data mnist from /", "error: `/` is outside the workspace: only relative paths inside it can be used here"),
    ]

    static func firstLine(_ diagnostic: Diagnostic?) -> String? {
        diagnostic?.rendered().split(separator: "\n").first.map(String.init)
    }

    static func console(_ write: @escaping (String) -> Void = { _ in }) -> Console {
        Console(interpreter: Interpreter(session: Session(bundledDataDirectory: Support.mnist)),
                terminal: Terminal(isTTY: false, width: 200, colorEnabled: false), write: write)
    }

    // MARK: - Replaying (`tutor run FILE.lesson`, `run FILE.lesson`)

    /// Replayed from a session with no restriction (a learner's own script, the prompt), a lesson
    /// still keeps to the workspace; the session's freedom comes back afterwards.
    @Test(arguments: 0..<hostile.count)
    func aReplayedLessonKeepsToTheWorkspace(_ index: Int) throws {
        let (command, refusal) = Self.hostile[index]
        let workspace = try Self.folder("replay")
        let console = Self.console()
        let lesson = try LessonParser.parse("# Hostile\n\(command)\n", file: "hostile.lesson")
        let (_, error) = console.replayLesson(lesson, inside: .inside(workspace))
        #expect(Self.firstLine(error) == refusal)
        #expect(console.interpreter.pathPolicy == .unrestricted)
        #expect(!FileManager.default.fileExists(atPath: Self.outside))
    }

    /// What a replayed lesson may do: the bundled data, and files inside the workspace, to which
    /// its relative paths lead.
    @Test func aReplayedLessonSavesInsideTheWorkspace() throws {
        let workspace = try Self.folder("replay-inside")
        let console = Self.console()
        let lesson = try LessonParser.parse(
            "# Inside\ndata mnist 100 10\nlayer flatten\nlayer dense 10 softmax\nsave model m.tutm\nload model ./m.tutm\n", file: "inside.lesson")
        let (_, error) = console.replayLesson(lesson, inside: .inside(workspace))
        #expect(error == nil)
        #expect(FileManager.default.fileExists(atPath: workspace + "/m.tutm"))
    }

    /// From a session that has a policy of its own, the lesson takes the stricter one and puts
    /// the session's back.
    @Test func aReplayedLessonTakesTheStricterPolicy() throws {
        let outer = try Self.folder("outer")
        try FileManager.default.createDirectory(atPath: outer + "/work", withIntermediateDirectories: true)
        let console = Self.console()
        console.interpreter.pathPolicy = .inside(outer)
        let lesson = try LessonParser.parse("# Up\nsave notebook ../notes.md\n", file: "up.lesson")
        let (_, error) = console.replayLesson(lesson, inside: .inside(outer + "/work"))
        #expect(Self.firstLine(error) == "error: `../notes.md` leads outside the workspace (through `..`)")
        #expect(console.interpreter.pathPolicy == .inside(outer))
    }

    // MARK: - Taking a lesson (`tutor lesson`)

    /// An engine as `tutor lesson` makes it: the learner's interpreter inside the workspace (the
    /// lesson's own path takes the learner's policy).
    static func engine(_ lesson: Lesson, workspace: String, record: ProgressRecord = ProgressRecord(),
                       shown: @escaping (String) -> Void) -> LessonEngine {
        let learner = Interpreter(session: Session(bundledDataDirectory: Support.mnist))
        learner.pathPolicy = .inside(workspace)
        // Wide enough for two temporary paths on one line.
        let renderer = LessonRenderer(terminal: Terminal(isTTY: true, width: 400, colorEnabled: false))
        return LessonEngine(
            lesson: lesson, stem: AnswerFiles.name(of: lesson), learner: learner,
            makeInterpreter: { Interpreter(session: Session(bundledDataDirectory: Support.mnist)) },
            workspace: workspace, store: ProgressStore(workspace: workspace), record: record, interactive: false) { event in
                if let text = renderer.render(event) { shown(text) }
            }
    }

    /// Every hostile line of a lesson taken is refused, with its message shown at the lesson's
    /// line; nothing is written outside — neither by the learner's session nor by the lesson's
    /// own path, which rebuilds the session quietly when the learner comes back.
    @Test func aTakenLessonKeepsToTheWorkspace() throws {
        let workspace = try Self.folder("take"), outside = try Self.folder("take-outside")
        let escape = outside + "/escape.tutm"
        let text = "# Hostile\ndata mnist 100 10\nlayer flatten\nlayer dense 10 softmax\nsave model \(escape)\n"
            + Self.hostile.map(\.command).joined(separator: "\n")
            + "\nexercise one\n> Answer 1.\nsolution answer 1\nexpect answer 1\nend\n"
        let lesson = try LessonParser.parse(text, file: "lessons/hostile.lesson")
        var shown: [String] = []
        let engine = Self.engine(lesson, workspace: workspace) { shown.append($0) }
        engine.start()
        let errors = shown.filter { $0.hasPrefix("error:") }.map { String($0.split(separator: "\n")[0]) }
        #expect(errors == ["error: `\(escape)` is outside the workspace: only relative paths inside it can be used here"]
            + Self.hostile.map(\.refusal))
        #expect(!FileManager.default.fileExists(atPath: escape))
        // Coming back: the lesson's own path (the reference run) rebuilds the session, quietly.
        let resumed = Self.engine(lesson, workspace: workspace, record: engine.record) { _ in }
        resumed.start()
        resumed.receive(.line("answer 1"))
        #expect(resumed.record.lessons["hostile"]?.exercises == ["one": .done])
        #expect(!FileManager.default.fileExists(atPath: escape))
        #expect(!FileManager.default.fileExists(atPath: Self.outside))
    }

    /// An answers folder that is a link out of the workspace is not written through: the answer
    /// is not saved (and says why), the exercise still counts as done.
    @Test func anAnswerIsNotSavedThroughALinkOut() throws {
        let workspace = try Self.folder("answer-link"), outside = try Self.folder("answer-link-outside")
        try FileManager.default.createDirectory(atPath: workspace + "/answers", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace + "/answers/one", withDestinationPath: outside)
        let lesson = try LessonParser.parse("# One\nexercise a\n> Answer 1.\nsolution answer 1\nexpect answer 1\nend\n", file: "one.lesson")
        var shown: [String] = []
        let engine = Self.engine(lesson, workspace: workspace) { shown.append($0) }
        engine.start()
        engine.receive(.line("answer 1"))
        let file = workspace + "/answers/one/a.tut"
        #expect(shown.contains("warning: cannot save your answer to \(file): `\(file)` leads outside the workspace (through a symbolic link)"))
        #expect(shown.contains("✓ a done."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == [])
        #expect(engine.record.lessons["one"]?.exercises == ["a": .done])
    }

    // MARK: - Checking (`tutor check`)

    static func checker(_ workspace: String) -> Checker {
        Checker(answers: AnswerFiles(workspace: workspace)) {
            let interpreter = Interpreter(session: Session(bundledDataDirectory: Support.mnist))
            interpreter.pathPolicy = .inside(workspace)
            return interpreter
        }
    }

    /// An answer trying what a lesson may not is an error with the refusal; the lesson's own
    /// commands, run before it on the interpreters `tutor check` makes, write nothing outside.
    @Test(arguments: 0..<hostile.count)
    func aCheckedLessonKeepsToTheWorkspace(_ index: Int) throws {
        let (command, refusal) = Self.hostile[index]
        let workspace = try Self.folder("check"), outside = try Self.folder("check-outside")
        let escape = outside + "/escape.tutm"
        let text = "# Hostile\ndata mnist 100 10\nlayer flatten\nlayer dense 10 softmax\nsave model \(escape)\n"
            + "exercise one\n> Answer 1.\nsolution answer 1\nexpect answer 1\nend\n"
        let lesson = try LessonParser.parse(text, file: "lessons/hostile.lesson")
        try FileManager.default.createDirectory(atPath: workspace + "/answers/hostile", withIntermediateDirectories: true)
        try "\(command)\n".write(toFile: workspace + "/answers/hostile/one.tut", atomically: true, encoding: .utf8)
        let outcomes = Self.checker(workspace).check([CheckSelection(lesson: lesson, exercises: lesson.exercises)])
        #expect(outcomes.map(\.status) == [.error])
        let message = refusal.dropFirst("error: ".count)
        #expect(outcomes.first?.message.hasSuffix(": \(message)") == true)
        #expect(!FileManager.default.fileExists(atPath: escape))
    }

    /// An answer file that is a link out of the workspace — to a file, through its folder, or
    /// leading nowhere — is refused unread: nothing of what it points to shows.
    @Test(arguments: ["file", "folder", "dangling"])
    func anAnswerLinkOutIsNotRead(_ kind: String) throws {
        let workspace = try CheckTests.workspace([:]), outside = try Self.folder("check-link-outside")
        try "answer 1\n# SECRET-WORD\n".write(toFile: outside + "/right.tut", atomically: true, encoding: .utf8)
        let folder = workspace + "/answers/practice"
        switch kind {
        case "file": try FileManager.default.createSymbolicLink(atPath: folder + "/right.tut", withDestinationPath: outside + "/right.tut")
        case "folder":
            try FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createSymbolicLink(atPath: folder, withDestinationPath: outside)
        default: try FileManager.default.createSymbolicLink(atPath: folder + "/right.tut", withDestinationPath: outside + "/none.tut")
        }
        let outcomes = Self.checker(workspace).check([CheckSelection(lesson: try CheckTests.lesson(), exercises: [try #require(CheckTests.lesson().exercise(named: "right"))])])
        let file = workspace + "/answers/practice/right.tut"
        #expect(outcomes == [CheckOutcome(lesson: "practice", exercise: "right", status: .error,
                                          message: "`\(file)` leads outside the workspace (through a symbolic link); it is not read")])
        #expect(!CheckReport.text(outcomes).contains("SECRET"))
    }

    /// A link to an answer inside the workspace is an answer like any other.
    @Test func anAnswerLinkInsideIsRead() throws {
        let workspace = try CheckTests.workspace(["wrong": "answer 1\n"])
        let folder = workspace + "/answers/practice"
        try FileManager.default.createSymbolicLink(atPath: folder + "/right.tut", withDestinationPath: folder + "/wrong.tut")
        let outcomes = Self.checker(workspace).check([CheckSelection(lesson: try CheckTests.lesson(), exercises: [try #require(CheckTests.lesson().exercise(named: "right"))])])
        #expect(outcomes.map(\.status) == [.passed])
    }

    // MARK: - Progress

    /// A `progress.json` that is a link out is neither read (not even into the backup) nor written.
    @Test func progressThroughALinkOutIsNeitherReadNorWritten() throws {
        let workspace = try Self.folder("progress-link"), outside = try Self.folder("progress-link-outside")
        let theirs = ProgressStore(workspace: outside)
        try theirs.save(ProgressRecord(current: "secret", lessons: ["secret": LessonProgress(next: 3)]))
        try FileManager.default.createSymbolicLink(atPath: workspace + "/progress.json", withDestinationPath: theirs.path)
        let store = ProgressStore(workspace: workspace)
        let (record, problem) = store.load()
        #expect(record == ProgressRecord())
        #expect(problem == "`\(store.path)` leads outside the workspace (through a symbolic link), so it is not read; starting with no saved progress")
        #expect(store.read() == nil)
        let refusal = PathRefusal("`\(store.path)` leads outside the workspace (through a symbolic link)")
        #expect(throws: refusal) { _ = try store.save(ProgressRecord(current: "mine"), since: ProgressRecord()) }
        #expect(throws: refusal) { try store.save(ProgressRecord(current: "mine")) }
        #expect(theirs.load().record.current == "secret")
        #expect(!FileManager.default.fileExists(atPath: store.backupPath))
    }

    /// A progress file above the limit is refused before it is decoded, and moved aside whole.
    @Test func anOversizedProgressFileIsRefusedAndKept() throws {
        let workspace = try Self.folder("progress-big")
        let store = ProgressStore(workspace: workspace)
        let size = 2 * ProgressStore.maximumBytes
        let json = "{\"version\": 1, \"lessons\": {}}"
        let text = json + String(repeating: " ", count: size - json.utf8.count)
        try text.write(toFile: store.path, atomically: true, encoding: .utf8)
        #expect(store.read() == nil)
        let (record, problem) = store.load()
        #expect(record == ProgressRecord())
        #expect(problem == "\(store.path) is damaged (it holds 2,097,152 bytes, more than the 1,048,576 a progress file may hold); starting with no saved progress (the old file is kept as \(store.backupPath))")
        #expect(try String(contentsOfFile: store.backupPath, encoding: .utf8) == text)
        #expect(store.load().problem == nil)
    }

    @Test func anEmptyWorkspaceNameIsTheCurrentFolder() {
        #expect(ProgressStore(workspace: "").path == "progress.json")
        #expect(AnswerFiles(workspace: "").path(lessonName: "l", exercise: "e") == "answers/l/e.tut")
    }

    /// The merge rule, case by case: only what the run changed is applied to the file as it is.
    @Test func mergingKeepsWhatOthersChanged() {
        let effort = { (a: Int, m: Int, h: Int) in ExerciseEffort(attempts: a, misses: m, hints: h) }
        // The file: another run finished `a` of lesson one and took lesson two.
        let file = ProgressRecord(current: "two", lessons: [
            "one": LessonProgress(next: 4, exercises: ["a": .done, "b": .skipped], effort: ["a": effort(3, 1, 1), "b": effort(1, 0, 2)]),
            "two": LessonProgress(next: 2, exercises: ["x": .done]),
            "gone": LessonProgress(next: 1),
        ])
        // This run read one earlier state and went on from it.
        let base = ProgressRecord(current: "one", lessons: [
            "one": LessonProgress(next: 1, exercises: [:], effort: ["a": effort(1, 0, 0)]),
            "gone": LessonProgress(next: 1),
        ])
        var mine = base
        mine.lessons["one"] = LessonProgress(next: 6, exercises: ["a": .skipped, "b": .done, "c": .skipped],
                                             effort: ["a": effort(2, 1, 0), "b": effort(2, 1, 0)])
        mine.lessons["gone"] = nil
        let merged = file.merging(mine, since: base)
        #expect(merged.current == "two")  // this run did not change it
        #expect(merged.lessons["two"] == file.lessons["two"])
        #expect(merged.lessons["gone"] == nil)
        #expect(merged.lessons["one"] == LessonProgress(
            next: 6, exercises: ["a": .done, "b": .done, "c": .skipped],
            effort: ["a": effort(4, 2, 1), "b": effort(3, 1, 2)]))
        // Nothing changed: the file stays as it is.
        #expect(file.merging(base, since: base) == file)
        var moved = base
        moved.current = "three"
        #expect(file.merging(moved, since: base).current == "three")
    }

    static let mergeLessons = ["m1", "m2"].map { stem in
        "# Merge \(stem)\nexercise a\n> Answer 1.\nsolution answer 1\nexpect answer 1\nend\nexercise b\n> Answer 2.\nsolution answer 2\nexpect answer 2\nend\n"
    }

    /// Two runs on one workspace, saving in turn: each keeps the other's lesson and effort.
    @Test func twoEnginesOnOneWorkspaceKeepEachOthersProgress() throws {
        let workspace = try Self.folder("two-engines")
        let store = ProgressStore(workspace: workspace)
        let lessons = try Self.mergeLessons.enumerated().map { try LessonParser.parse($1, file: "m\($0 + 1).lesson") }
        let loaded = store.load().record
        let first = Self.engine(lessons[0], workspace: workspace, record: loaded) { _ in }
        let second = Self.engine(lessons[1], workspace: workspace, record: loaded) { _ in }
        let again = Self.engine(lessons[0], workspace: workspace, record: loaded) { _ in }
        first.start()
        second.start()
        again.start()
        first.receive(.line("answer 3"))
        second.receive(.line("answer 1"))
        again.receive(.line("skip"))
        first.receive(.line("answer 1"))
        second.receive(.line("skip"))
        first.receive(.line("answer 2"))
        again.receive(.line("answer 2"))
        let saved = store.load().record
        #expect(saved.lessons["m1"]?.exercises == ["a": .done, "b": .done])
        #expect(saved.lessons["m1"]?.effort == ["a": ExerciseEffort(attempts: 2, misses: 1), "b": ExerciseEffort(attempts: 2)])
        #expect(saved.lessons["m2"]?.exercises == ["a": .done, "b": .skipped])
        #expect(saved.lessons["m2"]?.effort == ["a": ExerciseEffort(attempts: 1)])
        #expect(saved.current == "m1")
        // Each run goes on from what it merged: the last to save sees everyone's progress.
        #expect(again.record == saved)
    }

    // MARK: - Exercise names

    @Test func anExerciseNameFitsInAFileName() throws {
        let limit = LessonParser.maximumExerciseNameLength
        let long = String(repeating: "a", count: 300)
        #expect(Support.parseError("# T\nexercise \(long)\n> Say 1.\nsolution answer 1\nexpect answer 1\nend\n") == """
            error: an exercise name is at most \(limit) characters, found one of 300
             --> t.lesson:2:10
              |
            2 | exercise \(long)
              |          \(String(repeating: "^", count: 300)) it names the answer file: shorten it
            """)
        let longest = String(repeating: "b", count: limit)
        #expect(Support.parseError("# T\nexercise \(longest)\n> Say 1.\nsolution answer 1\nexpect answer 1\nend\n") == nil)
    }

    /// The longest name's answer is saved, and found again by `tutor check`.
    @Test func theLongestNamesAnswerIsSavedAndChecked() throws {
        let workspace = try Self.folder("long-name")
        let name = String(repeating: "n", count: LessonParser.maximumExerciseNameLength)
        let lesson = try LessonParser.parse("# Long\nexercise \(name)\n> Say 1.\nsolution answer 1\nexpect answer 1\nend\n", file: "long.lesson")
        let engine = Self.engine(lesson, workspace: workspace) { _ in }
        engine.start()
        engine.receive(.line("answer 1"))
        #expect(try String(contentsOfFile: workspace + "/answers/long/\(name).tut", encoding: .utf8) == "answer 1\n")
        #expect(Self.checker(workspace).check([CheckSelection(lesson: lesson, exercises: lesson.exercises)]).map(\.status) == [.passed])
    }
}
