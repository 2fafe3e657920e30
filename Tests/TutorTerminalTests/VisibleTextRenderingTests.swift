import Foundation
import Lessons
import Testing
import TutorLanguage
import TutorTerminal

/// On a colour terminal, the renderers' own styling (SGR sequences) is the only control that
/// reaches the screen: what a lesson file, an answer or a typed line brings is shown visible.
struct VisibleTextRenderingTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `ESC ] 0 ; owned BEL`, `ESC [ 2 J`, `ESC c`, `CSI 3 1 m` and U+202E, as in Tests/Fixtures/hostile.
    static let payload = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}c\u{9B}31m\u{202E}"
    static let shown = #"\e]0;owned\a\e[2J\ec\u{9B}31m\u{202E}"#

    static let colour = Terminal(isTTY: true, width: 100, colorEnabled: true)

    /// `text` without the SGR sequences a renderer styles with (`ESC [ … m`).
    static func unstyled(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    /// The controls left in `text` once its styling is taken out (line breaks are text's own).
    static func controls(in text: String) -> [String] {
        unstyled(text).unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    static func hostileLesson() throws -> Lesson {
        let file = root.appendingPathComponent("Tests/Fixtures/hostile/01-hostile.lesson").path
        return try LessonParser.parse(try String(contentsOfFile: file, encoding: .utf8), file: file)
    }

    @Test func lessonEventsShowTheFileTextsVisibleAndKeepTheirStyling() throws {
        let lesson = try Self.hostileLesson()
        let renderer = LessonRenderer(terminal: Self.colour)
        let v = Self.shown
        #expect(renderer.render(.title(lesson.title)) == "\u{1B}[1m# Hostile \(v) title\u{1B}[0m\n")
        guard case .narration(let narration)? = lesson.items.first, let exercise = lesson.exercises.first,
              let expectation = exercise.expectations.last else {
            Issue.record("the fixture lesson's items: \(lesson.items)")
            return
        }
        #expect(renderer.render(.narration(narration)) == "Narration \(v) with \u{1B}[1mbold\u{1B}[0m words.\n")
        #expect(renderer.render(.exercise(exercise)).map(Self.unstyled) == """
            Exercise softmax-sum
            Prompt \(v): what do the outputs add up to?
            hint 1: Hint \(v) one.
            hint 2: Type answer 1.
            """)
        #expect(renderer.render(.expectationPassed(expectation)).map(Self.unstyled) == "✓ expect shown softmax [2, 1, 0.1] # expect \(v)")
        #expect(renderer.render(.hint(number: 1, total: 2, text: exercise.hints[0])).map(Self.unstyled) == "hint 1/2: Hint \(v) one.")
        #expect(renderer.render(.miss("found \(Self.payload)", attempt: true)).map(Self.unstyled) == "✗ not yet: found \(v)")

        let events: [LessonEvent] = [
            .title(lesson.title), .narration(narration), .exercise(exercise), .exerciseBegins(exercise, number: 1, total: 1),
            .expectationPassed(expectation), .alternativePassed(exercise, number: 1), .hint(number: 1, total: 2, text: exercise.hints[0]),
            .miss(Self.payload, attempt: false), .miss(Self.payload, attempt: true), .solved(exercise: Self.payload, answerFile: Self.payload),
            .skipped(exercise: Self.payload), .note(Self.payload), .warning(Self.payload),
            .finished(title: lesson.title, summary: Self.payload, answers: Self.payload), .left(resume: Self.payload),
        ]
        for event in events {
            let text = renderer.render(event) ?? ""
            #expect(Self.controls(in: text) == [], "\(event)")
            #expect(text.contains(#"\e[2J\a"#) || text.contains(#"\a\e[2J"#), "\(event)")
        }
    }

    @Test func outputsShowTypedTextVisible() {
        let renderer = OutputRenderer(terminal: Self.colour)
        let v = Self.shown
        #expect(renderer.render(.echo(SourceLine(text: "  answer 1 # \(Self.payload)  ", number: 1)))
            == "\u{1B}[1m>>> answer 1 # \(v)\u{1B}[0m")
        #expect(renderer.render(.message("Saved the model to \(Self.payload).tut: 2 layers.")) == "Saved the model to \(v).tut: 2 layers.")
        #expect(renderer.render(.message("two\nlines\r")) == "two\nlines\\r")
        #expect(renderer.render(.warning("`\(Self.payload)`")) == "\u{1B}[33mwarning:\u{1B}[0m `\(v)`")
        #expect(renderer.render(.history(["answer 1", "show onehot 3 # \(Self.payload)"])) == "1  answer 1\n2  show onehot 3 # \(v)")
    }

    @Test func theNotebookShowsTypedLinesVisible() throws {
        var notebook = Notebook()
        notebook.begin("answer 1 # \(Self.payload)")
        notebook.record(.message("Your answer: 1"))
        notebook.record(Diagnostic("unknown command `\(Self.payload)`", in: SourceLine(text: Self.payload, number: 2), columns: 1...1))
        #expect(notebook.markdown() == """
            # tutor notebook

            ```tutor
            [1]> answer 1 # \(Self.shown)
            ```

            ```text
            Your answer: 1
            error: unknown command `\(Self.shown)`
             --> 2:1
              |
            2 | \(Self.shown)
              | ^^
            ```

            """)
    }

    /// A typed line echoed after its prompt (input from a pipe) is shown visible.
    @Test func aLessonTakenThroughAPipeEchoesTypedLinesVisible() throws {
        final class Transcript: @unchecked Sendable { var text = "" }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-visible-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let transcript = Transcript()
        let console = Console(
            interpreter: Interpreter(session: Session(bundledDataDirectory: nil)),
            terminal: Terminal(isTTY: false, width: 80, colorEnabled: false), write: { transcript.text += $0 })
        let store = ProgressStore(workspace: workspace)
        var lines = ["answer 2 # \(Self.payload)", "quit"][...]
        let session = LessonSession(
            lesson: try Self.hostileLesson(), stem: "01-hostile", console: console, store: store, record: ProgressRecord(),
            input: .lines { lines.popFirst() }, makeInterpreter: { Interpreter(session: Session(bundledDataDirectory: nil)) })
        session.run()
        #expect(transcript.text.contains("softmax-sum 1/1> answer 2 # \(Self.shown)\nAnswer: 2\n"))
        #expect(Self.controls(in: transcript.text) == [])
    }
}
