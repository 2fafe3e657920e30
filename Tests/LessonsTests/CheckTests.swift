import Foundation
@testable import Lessons
import Testing
import TutorLanguage

/// `tutor check` as a library: answer file paths, choosing what to check, running answers in the
/// workspace sandbox, and the text and JSON reports. Uses a lesson written here (not the course).
struct CheckTests {
    /// The practice lesson shared with the end-to-end `tutor check` tests.
    static let lessonText: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/check-practice.lesson")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// A fresh workspace folder (absolute, symbolic links resolved) with `answers` written into
    /// `answers/practice/`.
    static func workspace(_ answers: [String: String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-check-\(UUID().uuidString)")
        let folder = base.appendingPathComponent("answers/practice")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in answers {
            try text.write(to: folder.appendingPathComponent("\(name).tut"), atomically: true, encoding: .utf8)
        }
        return base.resolvingSymlinksInPath().path
    }

    static func lesson() throws -> Lesson {
        try LessonParser.parse(lessonText, file: "somewhere/practice.lesson")
    }

    static func checker(_ workspace: String) -> Checker {
        Checker(answers: AnswerFiles(workspace: workspace)) { Interpreter(session: Session(bundledDataDirectory: Support.mnist)) }
    }

    static func check(_ workspace: String, _ name: String? = nil) throws -> [CheckOutcome] {
        let lesson = try lesson()
        return checker(workspace).check(try CheckSelection.select(name, from: [lesson], answers: AnswerFiles(workspace: workspace)))
    }

    @Test func answerFilePaths() throws {
        let lesson = try Self.lesson()
        let exercise = try #require(lesson.exercise(named: "wrong"))
        #expect(AnswerFiles(workspace: "tutor-work").path(lesson: lesson, exercise: exercise) == "tutor-work/answers/practice/wrong.tut")
        #expect(AnswerFiles(workspace: "/w/").folder(lesson: lesson) == "/w/answers/practice")
        #expect(AnswerFiles().workspace == "tutor-work")
        #expect(AnswerFiles.name(of: try LessonReplayTests.sample()) == "00-sample")
    }

    @Test func rightWrongBrokenAndMissingAnswers() throws {
        let work = try Self.workspace([
            "right": "answer 1\n",
            "wrong": "show sigmoid [3, 1, 0.2]\n",
            "broken": "# my answer\nshow softmax [1, 2\n",
        ])
        let outcomes = try Self.check(work)
        #expect(CheckReport.text(outcomes) == """
            ✓ practice/right
            ✗ practice/wrong — the outputs shown last do not sum to what the task asks for
                found outputs that sum to 2.2335
                hint: Which activation makes outputs that sum to one?
            ✗ practice/broken — \(work)/answers/practice/broken.tut:2:19: expected `]` to close the `[` at column 14, found the end of the line
                hint: Type `answer 3`.
            · practice/missing not answered
            1 passed, 2 failed, 1 skipped
            """)
        #expect(outcomes.map(\.status) == [.passed, .failed, .error, .notAnswered])
        #expect(!CheckReport.succeeded(outcomes))
        #expect(CheckReport.json(outcomes) == """
            {"exercise":"right","lesson":"practice","message":"","status":"passed"}
            {"exercise":"wrong","lesson":"practice","message":"the outputs shown last do not sum to what the task asks for\\nfound outputs that sum to 2.2335\\nhint: Which activation makes outputs that sum to one?","status":"failed"}
            {"exercise":"broken","lesson":"practice","message":"\(work)/answers/practice/broken.tut:2:19: expected `]` to close the `[` at column 14, found the end of the line\\nhint: Type `answer 3`.","status":"error"}
            {"exercise":"missing","lesson":"practice","message":"no answer file \(work)/answers/practice/missing.tut","status":"not answered"}
            """)
    }

    @Test func allRightSucceeds() throws {
        let work = try Self.workspace([
            "right": "answer 1.0004\n", "wrong": "show softmax [3, 1, 0.2]\n",
            "broken": "answer 3", "missing": "# windows line breaks\r\nanswer 4\r\n",
        ])
        let outcomes = try Self.check(work)
        #expect(CheckReport.text(outcomes).hasSuffix("\n4 passed, 0 failed"), "\(CheckReport.text(outcomes))")
        #expect(CheckReport.succeeded(outcomes))
    }

    /// An answer that is its exercise's solution leaves the state the reference then takes
    /// instead of running the solution again; the next exercise starts from the same state
    /// either way (its failure message quotes the accuracy that state reaches).
    @Test func anAnswerThatIsTheSolutionLeavesTheSameStateAsTheSolution() throws {
        let lesson = try LessonParser.parse("""
            # Two fits
            data mnist 300 1000
            layer flatten
            layer dense 16 relu
            layer dense 10 softmax
            exercise train
            > Train for two epochs.
            solution fit 2
            expect trained 2 epochs
            end
            exercise measure
            > Evaluate it.
            solution evaluate
            expect accuracy >= 0.999
            end
            """, file: "two.lesson")
        func check(_ train: String) throws -> [CheckOutcome] {
            let work = try Self.workspace([:])
            let answers = AnswerFiles(workspace: work)
            try FileManager.default.createDirectory(atPath: answers.folder(lesson: lesson), withIntermediateDirectories: true)
            for (name, text) in [("train", train), ("measure", "evaluate\n")] {
                let exercise = try #require(lesson.exercise(named: name))
                try text.write(toFile: answers.path(lesson: lesson, exercise: exercise), atomically: true, encoding: .utf8)
            }
            return Self.checker(work).check([CheckSelection(lesson: lesson, exercises: lesson.exercises)])
        }
        func statements(_ text: String) -> [Statement] { Parser.parseScript(text, file: nil).compactMap { try? $0.get() } }
        #expect(Checker.isSolution(statements("# two epochs\r\n  FIT   2  # as asked\r\n\n"), statements("fit 2")))
        #expect(!Checker.isSolution(statements("fit 2\nfit 2"), statements("fit 2")))
        #expect(!Checker.isSolution(statements("draw"), statements("draw")), "a drawing is not in the command's text")
        let adopted = try check("# two epochs\nfit 2\n")
        let rerun = try check("fit 2 batch 32\n")  // the same training, but not the solution's words
        #expect(adopted.map(\.status) == [.passed, .failed])
        #expect(adopted == rerun)
        #expect(adopted[1].details.first?.hasPrefix("found test accuracy 0.") == true, "\(adopted[1].details)")
    }

    /// Lessons checked side by side give the outcomes one after another gives, handed on in the
    /// selection's order.
    @Test func lessonsSideBySideGiveTheSameOutcomesInOrder() throws {
        let work = try Self.workspace(["right": "answer 1\n", "wrong": "show sigmoid [3, 1, 0.2]\n", "broken": "show softmax [1, 2\n"])
        var lessons = [try Self.lesson()]
        for number in 1...3 {
            lessons.append(try LessonParser.parse("""
                # Fits \(number)
                data mnist 200 300
                layer flatten
                layer dense \(8 * number) relu
                layer dense 10 softmax
                exercise train
                > Train, then evaluate.
                solution fit \(number)
                solution evaluate
                expect accuracy >= 0.999
                end
                """, file: "fits\(number).lesson"))
            let answers = AnswerFiles(workspace: work)
            let lesson = try #require(lessons.last)
            try FileManager.default.createDirectory(atPath: answers.folder(lesson: lesson), withIntermediateDirectories: true)
            try "fit \(number)\nevaluate\n".write(
                toFile: answers.path(lesson: lesson, exercise: try #require(lesson.exercise(named: "train"))), atomically: true, encoding: .utf8)
        }
        let selection = lessons.map { CheckSelection(lesson: $0, exercises: $0.exercises) }
        var results: [[CheckOutcome]] = []
        for lanes in [1, 3] {
            var checker = Self.checker(work)
            checker.lessonsAtOnce = lanes
            var handed: [CheckOutcome] = []
            let outcomes = checker.check(selection) { handed.append($0) }
            #expect(handed == outcomes)
            results.append(outcomes)
        }
        #expect(results[0] == results[1])
        #expect(results[0].map(\.lesson) == ["practice", "practice", "practice", "practice", "fits1", "fits2", "fits3"])
        #expect(results[0].map(\.status) == [.passed, .failed, .error, .notAnswered, .failed, .failed, .failed])
    }

    @Test func severalFailingChecksAreEachShown() throws {
        let lesson = try LessonParser.parse("""
            # Two checks
            exercise both
            > Set batch 64 and answer 2.
            hint > `batch 64`, then `answer 2`.
            solution batch 64
            solution answer 2
            expect batch 64
            expect answer 2
            end
            """, file: "two.lesson")
        let work = try Self.workspace([:])
        let folder = AnswerFiles(workspace: work).folder(lesson: lesson)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "batch 16\n".write(toFile: folder + "/both.tut", atomically: true, encoding: .utf8)
        let outcomes = Self.checker(work).check(try CheckSelection.select("two/both", from: [lesson], answers: AnswerFiles(workspace: work)))
        #expect(CheckReport.text(outcomes) == """
            ✗ two/both — the batch size is not the one the task asks for; give your answer with `answer X`
                the batch size is not the one the task asks for: found batch 16
                give your answer with `answer X`: found no answer yet
                hint: `batch 64`, then `answer 2`.
            0 passed, 1 failed
            """)
    }

    @Test func choosingWhatToCheck() throws {
        let lesson = try Self.lesson()
        let sample = try LessonReplayTests.sample()
        let work = try Self.workspace(["wrong": "answer 1\n"])
        let answers = AnswerFiles(workspace: work)
        func names(_ name: String?) throws -> [String] {
            try CheckSelection.select(name, from: [sample, lesson], answers: answers).flatMap { part in
                part.exercises.map { "\(AnswerFiles.name(of: part.lesson))/\($0.name)" }
            }
        }
        // Without a name: only lessons with an answer, all their exercises.
        #expect(try names(nil) == ["practice/right", "practice/wrong", "practice/broken", "practice/missing"])
        #expect(try names("sample") == ["00-sample/softmax-sum", "00-sample/make-probabilities"])
        #expect(try names("A sample lesson").count == 2)
        #expect(try names("make-probabilities") == ["00-sample/make-probabilities"])
        #expect(try names("practice/broken") == ["practice/broken"])
        #expect(throws: CheckSelectionError("there is no lesson or exercise `nope`; the lessons are:\n  00-sample — A sample lesson\n  practice — Check practice")) {
            try names("nope")
        }
        #expect(throws: CheckSelectionError("lesson `practice` has no exercise `nope`; its exercises are `right`, `wrong`, `broken`, `missing`")) {
            try names("practice/nope")
        }
    }

    @Test func answersCannotReachOutsideTheWorkspace() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "answer 1\n".write(to: outside.appendingPathComponent("script.tut"), atomically: true, encoding: .utf8)
        let cases: [(answer: String, message: String)] = [
            ("run \(outside.path)/script.tut", "`\(outside.path)/script.tut` is outside the workspace: only relative paths inside it can be used here"),
            ("run ../../../script.tut", "`../../../script.tut` leads outside the workspace (through `..`)"),
            ("run link/script.tut", "`link/script.tut` leads outside the workspace (through a symbolic link)"),
            ("save model link/m.tutm", "`link/m.tutm` leads outside the workspace (through a symbolic link)"),
            ("export keras ../k.py", "`../k.py` leads outside the workspace (through `..`)"),
            ("load model /etc/passwd", "`/etc/passwd` is outside the workspace: only relative paths inside it can be used here"),
            ("data mnist from ../..", "`../..` leads outside the workspace (through `..`)"),
        ]
        for (answer, message) in cases {
            let work = try Self.workspace(["right": answer + "\n"])
            try FileManager.default.createSymbolicLink(atPath: work + "/link", withDestinationPath: outside.path)
            let outcome = try #require(try Self.check(work, "practice/right").first)
            let column = answer.split(separator: " ").dropLast().joined(separator: " ").count + 2
            #expect(outcome.status == .error)
            #expect(outcome.message == "\(work)/answers/practice/right.tut:1:\(column): \(message)", "\(answer)")
        }
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("m.tutm").path))
    }

    @Test func relativePathsResolveInsideTheWorkspace() throws {
        let work = try Self.workspace(["right": "run scripts/../helper.tut\n"])
        try "answer 1\n".write(toFile: work + "/helper.tut", atomically: true, encoding: .utf8)
        #expect(try Self.check(work, "practice/right").map(\.status) == [.passed])
    }
}
