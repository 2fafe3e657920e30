import Lessons
import NeuralNet
import Testing
import TutorLanguage

/// The lesson file format: what a good file becomes, and the exact error for each kind of mistake.
struct LessonParserTests {
    @Test func readsEveryItemKind() throws {
        let text = """
            # Softmax
            > One paragraph
            > in two lines.
            >
            > Another.
            # a comment

            show softmax [2, 1, 0.1]
            ---
            exercise sum-1
            > What is the sum?
            hint > Add them.
            hint> 1
            solution answer 1
            solution   show onehot 3
            expect answer 1 within 0.001
            expect outputs sum to 1
            end
            """
        let lesson = try LessonParser.parse(text, file: "s.lesson")
        #expect(lesson.title == "Softmax")
        #expect(lesson.items.count == 5)
        #expect(lesson.items[0] == .narration("One paragraph in two lines."))
        #expect(lesson.items[1] == .narration("Another."))
        guard case .command(let show) = lesson.items[2] else { Issue.record("not a command"); return }
        #expect(show.command == .showFunction(.activation(.softmax), .vector([2, 1, 0.1])))
        #expect(show.line.number == 8)
        #expect(lesson.items[3] == .pause)
        let exercise = try #require(lesson.exercise(named: "sum-1"))
        #expect(exercise.line == 10)
        #expect(exercise.prompt == "What is the sum?")
        #expect(exercise.hints == ["Add them.", "1"])
        #expect(exercise.solution.map(\.command) == [.answer(1, expression: nil), .showOnehot(3)])
        #expect(exercise.solution.map(\.commandText) == ["answer 1", "show onehot 3"])
        #expect(exercise.expectations.map(\.check) == [.answer(1, tolerance: 0.001), .outputsSum(1, tolerance: 0.0005)])
        #expect(exercise.expectations.map(\.text) == ["answer 1 within 0.001", "outputs sum to 1"])
        #expect(lesson.exercises.count == 1)
        #expect(lesson.exercise(named: "nope") == nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: String
        var testDescription: String { expected.split(separator: "\n").first.map(String.init) ?? "" }
    }

    static let cases: [Case] = [
        Case(text: "> no title", expected: """
            error: expected the lesson's title on the first line
             --> t.lesson:1:1
              |
            1 | > no title
              | ^^^^^^^^^^ like `# Sigmoid versus softmax`
            """),
        Case(text: "# T\nlayer dense 256 sigmiod", expected: """
            error: unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)
             --> t.lesson:2:17
              |
            2 | layer dense 256 sigmiod
              |                 ^^^^^^^ did you mean `sigmoid`?
            """),
        Case(text: "# T\nexercise a\nsolution answer 1\nexpect answer 1\n", expected: """
            error: exercise `a` has no `end`
             --> t.lesson:2:10
              |
            2 | exercise a
              |          ^ add `end` after its last `expect`
            """),
        Case(text: "# T\nend", expected: """
            error: `end` without an exercise or a guess to end
             --> t.lesson:2:1
              |
            2 | end
              | ^^^ an exercise starts with `exercise NAME`, a guess with `guess NAME`
            """),
        Case(text: "# T\nexercise a\nexpect answer 1\nend", expected: """
            error: exercise `a` has no `solution`
             --> t.lesson:2:10
              |
            2 | exercise a
              |          ^ add `solution COMMAND` before its `end`
            """),
        Case(text: "# T\nexercise a\nsolution answer 1\nend", expected: """
            error: exercise `a` has no `expect`
             --> t.lesson:2:10
              |
            2 | exercise a
              |          ^ add a check such as `expect answer 1` before its `end`
            """),
        Case(text: "# T\nexercise a\nsolution answer 1\nexpect answer 1\nend\nexercise a\n", expected: """
            error: exercise `a` is already defined on line 2
             --> t.lesson:6:10
              |
            6 | exercise a
              |          ^ exercise names must be unique in a lesson
            """),
        Case(text: "# T\nexercise a\nshow onehot 3\nend", expected: """
            error: unexpected line in exercise `a`: expected `>`, `hint >`, `solution`, `also`, `expect`, `miss >`, `points` or `end`
             --> t.lesson:3:1
              |
            3 | show onehot 3
              | ^^^^ commands in an exercise go after `solution`
            """),
        Case(text: "# T\nexercise a\nsolutoin answer 1\nend", expected: """
            error: unexpected line in exercise `a`: expected `>`, `hint >`, `solution`, `also`, `expect`, `miss >`, `points` or `end`
             --> t.lesson:3:1
              |
            3 | solutoin answer 1
              | ^^^^^^^^ did you mean `solution`?
            """),
        Case(text: "# T\nexercise a\nsolution layer dense 10 sigmiod\nend", expected: """
            error: unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)
             --> t.lesson:3:25
              |
            3 | solution layer dense 10 sigmiod
              |                         ^^^^^^^ did you mean `sigmoid`?
            """),
        Case(text: "# T\nexercise a\nsolution answer 1\nexpect answr 1\nend", expected: """
            error: unknown check `answr`
             --> t.lesson:4:8
              |
            4 | expect answr 1
              |        ^^^^^ did you mean `answer`?
            """),
        Case(text: "# T\nexpect answer 1", expected: """
            error: `expect` outside an exercise
             --> t.lesson:2:1
              |
            2 | expect answer 1
              | ^^^^^^ put it between `exercise NAME` and `end`
            """),
        Case(text: "# T\nexercise a\nhint no arrow\nend", expected: """
            error: expected `>` after `hint`, then the hint's text
             --> t.lesson:3:6
              |
            3 | hint no arrow
              |      ^^ usage: hint > TEXT
            """),
        Case(text: "# T\nexercise\n", expected: """
            error: expected the exercise's name after `exercise`
             --> t.lesson:2:9
              |
            2 | exercise
              |         ^ usage: exercise NAME
            """),
        Case(text: "# T\nexercise a\nsolution answer 1\nexpect answer 1\nexercise b\n", expected: """
            error: expected `end` of exercise `a` before the next exercise
             --> t.lesson:5:1
              |
            5 | exercise b
              | ^^^^^^^^ add `end` after the last `expect` of `a`
            """),
    ]

    @Test(arguments: cases) func badLesson(_ c: Case) {
        #expect(Support.parseError(c.text) == c.expected)
    }
}
