import Foundation
import Lessons
import Testing

/// What an exercise is worth (`points N` in a lesson file) and the graders' files built from a
/// check's outcomes, without running tutor (the end-to-end grading tests run it).
struct GradingTests {
    @Test(arguments: [("0", 0), ("1", 100), ("3", 300), ("2.5", 250), ("0.25", 25), ("007", 700), ("1000", 100_000), ("1000.00", 100_000)])
    func pointsRead(_ text: String, _ hundredths: Int) {
        #expect(Points(text)?.hundredths == hundredths)
    }

    @Test(arguments: ["", "-1", "1.", ".5", "1.234", "1000.01", "1e3", "2,5", "1,000", "١", "99999999", "0x10", " 1"])
    func pointsRefused(_ text: String) {
        #expect(Points(text) == nil)
    }

    @Test func pointsWritten() {
        #expect([0, 100, 250, 25, 205, 100_000].map { Points(hundredths: $0).description } == ["0", "1", "2.5", "0.25", "2.05", "1000"])
        #expect(Points(hundredths: 10) + Points(hundredths: 20) == Points(hundredths: 30))
        #expect("\(Points(hundredths: 30).decimal)" == "0.3")
    }

    @Test func anExerciseIsWorthItsPointsLine() throws {
        let lesson = try LessonParser.parse("""
            # T
            exercise a
              points 2.5
            solution answer 1
            expect answer 1
            end
            exercise b
            solution answer 2
            expect answer 2
            end
            """, file: "t.lesson")
        #expect(lesson.exercises.map(\.points) == [Points(hundredths: 250), .standard])
        #expect(Points.standard == Points(hundredths: 100))
    }

    static let usage = "usage: points N, where N is a whole number or has at most 2 decimals (2.5), from 0 to 1000"

    @Test(arguments: [
        ("points", """
            error: expected what the exercise is worth after `points`
             --> t.lesson:3:7
              |
            3 | points
              |       ^ \(usage)
            """),
        ("points three", """
            error: an exercise's points are a number from 0 to 1000 with at most 2 decimals, found `three`
             --> t.lesson:3:8
              |
            3 | points three
              |        ^^^^^ \(usage)
            """),
        ("points -1", """
            error: an exercise's points are a number from 0 to 1000 with at most 2 decimals, found `-1`
             --> t.lesson:3:8
              |
            3 | points -1
              |        ^^ \(usage)
            """),
        ("points 1001", """
            error: an exercise's points are a number from 0 to 1000 with at most 2 decimals, found `1001`
             --> t.lesson:3:8
              |
            3 | points 1001
              |        ^^^^ \(usage)
            """),
        ("points 2 each", """
            error: unexpected `each` after the points
             --> t.lesson:3:10
              |
            3 | points 2 each
              |          ^^^^ \(usage)
            """),
        ("points 2\npoints 3", """
            error: exercise `a` already has `points` on line 3
             --> t.lesson:4:1
              |
            4 | points 3
              | ^^^^^^ an exercise has one `points` line
            """),
    ])
    func badPointsLine(_ line: String, _ expected: String) {
        #expect(Support.parseError("# T\nexercise a\n\(line)\nsolution answer 1\nexpect answer 1\nend\n") == expected)
    }

    @Test func pointsOutsideAnExercise() {
        #expect(Support.parseError("# T\npoints 2\n") == """
            error: `points` outside an exercise
             --> t.lesson:2:1
              |
            2 | points 2
              | ^^^^^^ put it between `exercise NAME` and `end`
            """)
        #expect(Support.parseError("# T\nexercise a\npoint 2\nend\n") == """
            error: unexpected line in exercise `a`: expected `>`, `hint >`, `solution`, `also`, `expect`, `miss >`, `points` or `end`
             --> t.lesson:3:1
              |
            3 | point 2
              | ^^^^^ did you mean `points`?
            """)
    }

    // MARK: - The graders' files from outcomes

    static func sheet() throws -> GradeSheet {
        let lesson = try LessonParser.parse("""
            # Practice
            exercise first
            points 1.25
            solution answer 1
            expect answer 1
            end
            exercise second
            solution answer 2
                expect answer 2 within 0.5
            end
            """, file: "lessons/practice.lesson")
        var error = CheckOutcome(lesson: "practice", exercise: "second", status: .error,
                                 message: "w/answers/practice/second.tut:3:1: unknown command `\u{1B}c`", details: ["hint: x"])
        error.line = 3
        error.duration = .milliseconds(1234)
        var passed = CheckOutcome(lesson: "practice", exercise: "first", status: .passed, message: "")
        passed.duration = .microseconds(2500)
        return GradeSheet(selection: [CheckSelection(lesson: lesson, exercises: lesson.exercises)], outcomes: [passed, error],
                          problems: [], elapsed: .milliseconds(3456))
    }

    @Test func aSheetNumbersScoresAndQuotesTheTextReport() throws {
        let sheet = try Self.sheet()
        #expect(sheet.entries.map(\.number) == ["1.1", "1.2"])
        #expect(sheet.entries.map(\.answerFile) == ["answers/practice/first.tut", "answers/practice/second.tut"])
        #expect(sheet.entries.map(\.expects) == [["expect answer 1"], ["expect answer 2 within 0.5"]])
        #expect(sheet.entries.map(\.report) == ["✓ practice/first", #"✗ practice/second — w/answers/practice/second.tut:3:1: unknown command `\ec`"# + "\n    hint: x"])
        #expect(sheet.score == Points(hundredths: 125))
        #expect(sheet.maxScore == Points(hundredths: 225))
        #expect(sheet.summary == "1 passed, 1 failed")
        // Two checks of the same answer are equal, however long each took.
        var again = sheet.entries[0].outcome
        again.duration = .seconds(9)
        #expect(again == sheet.entries[0].outcome)
    }

    @Test func gradescopeResultsFromASheet() throws {
        #expect(GradescopeResults(try Self.sheet()).json == #"""
            {
              "execution_time" : 3.46,
              "output" : "1 passed, 1 failed",
              "output_format" : "text",
              "tests" : [
                {
                  "max_score" : 1.25,
                  "name" : "practice/first",
                  "number" : "1.1",
                  "output" : "✓ practice/first",
                  "output_format" : "text",
                  "score" : 1.25,
                  "status" : "passed",
                  "tags" : [
                    "practice"
                  ]
                },
                {
                  "max_score" : 1,
                  "name" : "practice/second",
                  "number" : "1.2",
                  "output" : "✗ practice/second — w/answers/practice/second.tut:3:1: unknown command `\\ec`\n    hint: x",
                  "output_format" : "text",
                  "score" : 0,
                  "status" : "failed",
                  "tags" : [
                    "practice"
                  ]
                }
              ],
              "visibility" : "visible"
            }

            """#)
    }

    @Test func classroomResultFromASheet() throws {
        #expect(ClassroomResult(try Self.sheet()).json == #"""
            {
              "max_score" : 2.25,
              "status" : "fail",
              "tests" : [
                {
                  "duration" : 3,
                  "filename" : "answers/practice/first.tut",
                  "line_no" : 0,
                  "message" : "✓ practice/first",
                  "name" : "practice/first",
                  "score" : 1.25,
                  "status" : "pass",
                  "test_code" : "expect answer 1"
                },
                {
                  "duration" : 1234,
                  "filename" : "answers/practice/second.tut",
                  "line_no" : 3,
                  "message" : "✗ practice/second — w/answers/practice/second.tut:3:1: unknown command `\\ec`\n    hint: x",
                  "name" : "practice/second",
                  "score" : 0,
                  "status" : "fail",
                  "test_code" : "expect answer 2 within 0.5"
                }
              ],
              "version" : 1
            }

            """#)
    }

    /// What reads the files reads them back as written.
    @Test func theFilesReadBack() throws {
        let sheet = try Self.sheet()
        let gradescope = GradescopeResults(sheet), classroom = ClassroomResult(sheet)
        #expect(try JSONDecoder().decode(GradescopeResults.self, from: Data(gradescope.json.utf8)) == gradescope)
        #expect(try JSONDecoder().decode(ClassroomResult.self, from: Data(classroom.json.utf8)) == classroom)
    }

    /// A lesson with no number in its file's name is numbered by its place among those checked;
    /// a problem makes the Classroom result an error, with a test of its own.
    @Test func placesAndProblems() throws {
        let one = try LessonParser.parse("# One\nexercise a\nsolution answer 1\nexpect answer 1\nend\n", file: "x/one.lesson")
        let three = try LessonParser.parse("# Three\nexercise b\nsolution answer 1\nexpect answer 1\nend\n", file: "x/03-three.lesson")
        let outcomes = [("03-three", "b"), ("one", "a")].map {
            CheckOutcome(lesson: $0.0, exercise: $0.1, status: .passed, message: "")
        }
        let selection = [three, one].map { CheckSelection(lesson: $0, exercises: $0.exercises) }
        let sheet = GradeSheet(selection: selection, outcomes: outcomes, problems: ["x/bad.lesson:1:1: it does not parse"])
        #expect(sheet.entries.map(\.number) == ["3.1", "2.1"])
        let classroom = ClassroomResult(sheet)
        #expect(classroom.status == .error)
        #expect(classroom.maxScore == 2)
        let problem = try #require(classroom.tests.last)
        let texts: [String] = [problem.name, problem.status.rawValue, "\(problem.score)", problem.message, problem.testCode, problem.filename]
        #expect(texts == ["tutor check", "error", "0", "x/bad.lesson:1:1: it does not parse", "", ""])
        #expect(problem.lineNo == 0 && problem.duration == 0)
        let gradescope = GradescopeResults(sheet)
        #expect(gradescope.output == "x/bad.lesson:1:1: it does not parse\n2 passed, 0 failed")
        #expect(gradescope.score == nil)
        #expect(ClassroomResult(GradeSheet(selection: selection, outcomes: outcomes)).status == .pass)
    }
}
