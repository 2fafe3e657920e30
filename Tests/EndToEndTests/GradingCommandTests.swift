import ChildProcess
import Foundation
import Testing

/// `tutor check --format gradescope|classroom` and the recipes of docs/grading: the files the
/// graders read, for a workspace with a right, a wrong, an erroneous and a missing answer,
/// checked field by field against the platforms' specifications (Gradescope's "Autograder
/// Specifications", GitHub Classroom's command grader and reporter).
struct GradingCommandTests {
    /// Each exercise worth its `points` line: right 2, wrong 3, broken 1 (no line), missing 0.5.
    static let lessonText: String = {
        let url = TutorBinary.packageRoot.appendingPathComponent("Tests/Fixtures/grading-practice.lesson")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// A second course lesson, never answered: graded all the same.
    static let unanswered = "# More\nexercise later\n> Answer 5.\nsolution answer 5\nexpect answer 5\nend\n"

    /// Outside the course (number 0, as the format sample): not graded without a name.
    static let extra = "# Extra\nexercise aside\n> Answer 6.\nsolution answer 6\nexpect answer 6\nend\n"

    static let answers = ["right": "answer 1\n", "wrong": "show sigmoid [3, 1, 0.2]\n", "broken": "# my answer\nshow softmax [1, 2\n"]

    /// A temporary folder with `lessons/` (01-practice, 02-more, 00-extra) and the answers in
    /// `WORKSPACE/answers/01-practice/`.
    static func folder(workspace: String = "work", _ answers: [String: String] = answers) throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-grading-\(UUID().uuidString)")
        let lessons = base.appendingPathComponent("lessons")
        let work = base.appendingPathComponent(workspace).appendingPathComponent("answers/01-practice")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try lessonText.write(to: lessons.appendingPathComponent("01-practice.lesson"), atomically: true, encoding: .utf8)
        try unanswered.write(to: lessons.appendingPathComponent("02-more.lesson"), atomically: true, encoding: .utf8)
        try extra.write(to: lessons.appendingPathComponent("00-extra.lesson"), atomically: true, encoding: .utf8)
        for (name, text) in answers {
            try text.write(to: work.appendingPathComponent("\(name).tut"), atomically: true, encoding: .utf8)
        }
        return base
    }

    static func check(_ folder: URL, _ extra: [String]) async throws -> TutorBinary.Result {
        try await TutorBinary.run(["check"] + extra + ["--lessons", "lessons", "--workspace", "work"], environment: TutorBinary.wide, in: folder)
    }

    // MARK: - What the files hold

    /// The text report, as `tutor check` prints it (on 1000 columns: no line broken).
    static let textReport = """
        ✓ 01-practice/right
        ✗ 01-practice/wrong — the outputs shown last are not the task's scores through the activation it asks for; the outputs shown last do not sum to what the task asks for
            the outputs shown last are not the task's scores through the activation it asks for: found `show sigmoid [3, 1, 0.2]`
            the outputs shown last do not sum to what the task asks for: found outputs that sum to 2.2335
            hint: Which activation makes outputs that sum to one?
        ✗ 01-practice/broken — work/answers/01-practice/broken.tut:2:19: expected `]` to close the `[` at column 14, found the end of the line
            hint: Type `answer 3`.
        · 01-practice/missing not answered
        · 02-more/later not answered
        1 passed, 2 failed, 2 skipped

        """

    /// Each exercise's lines of the text report (the `output` / `message` of its test).
    static let reports: [String] = {
        let lines = textReport.split(separator: "\n").map(String.init).dropLast()
        var groups: [[String]] = []
        for line in lines {
            if line.hasPrefix(" ") { groups[groups.count - 1].append(line) } else { groups.append([line]) }
        }
        return groups.map { $0.joined(separator: "\n") }
    }()

    /// The Gradescope tests, in order: every field the specification's `tests[]` has that tutor fills.
    static var gradescopeTests: [[String: Any]] {
        [
            ["name": "01-practice/right", "number": "1.1", "score": 2, "max_score": 2, "status": "passed",
             "output": reports[0], "output_format": "text", "tags": ["01-practice"]],
            ["name": "01-practice/wrong", "number": "1.2", "score": 0, "max_score": 3, "status": "failed",
             "output": reports[1], "output_format": "text", "tags": ["01-practice"]],
            ["name": "01-practice/broken", "number": "1.3", "score": 0, "max_score": 1, "status": "failed",
             "output": reports[2], "output_format": "text", "tags": ["01-practice"]],
            ["name": "01-practice/missing", "number": "1.4", "score": 0, "max_score": 0.5, "status": "failed",
             "output": reports[3], "output_format": "text", "tags": ["01-practice"]],
            ["name": "02-more/later", "number": "2.1", "score": 0, "max_score": 1, "status": "failed",
             "output": reports[4], "output_format": "text", "tags": ["02-more"]],
        ]
    }

    /// The Classroom tests, in order, `duration` left out (it is checked to be milliseconds apart).
    static var classroomTests: [[String: Any]] {
        [
            ["name": "01-practice/right", "status": "pass", "score": 2, "message": reports[0],
             "test_code": "expect answer 1 within 0.001", "filename": "answers/01-practice/right.tut", "line_no": 0],
            ["name": "01-practice/wrong", "status": "fail", "score": 0, "message": reports[1],
             "test_code": "expect shown softmax [3, 1, 0.2]\nexpect outputs sum to 1", "filename": "answers/01-practice/wrong.tut", "line_no": 0],
            ["name": "01-practice/broken", "status": "fail", "score": 0, "message": reports[2],
             "test_code": "expect answer 3", "filename": "answers/01-practice/broken.tut", "line_no": 2],
            ["name": "01-practice/missing", "status": "fail", "score": 0, "message": reports[3],
             "test_code": "expect answer 4", "filename": "answers/01-practice/missing.tut", "line_no": 0],
            ["name": "02-more/later", "status": "fail", "score": 0, "message": reports[4],
             "test_code": "expect answer 5", "filename": "answers/02-more/later.tut", "line_no": 0],
        ]
    }

    /// Checks a Gradescope `results.json` for the standard folder, field by field.
    static func expectGradescope(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let results = try object(text)
        #expect(Set(results.keys) == ["execution_time", "output", "output_format", "visibility", "tests"], sourceLocation: sourceLocation)
        let seconds = try #require(results["execution_time"] as? NSNumber, sourceLocation: sourceLocation)
        #expect(seconds.doubleValue >= 0 && seconds.doubleValue < 300, sourceLocation: sourceLocation)
        expectFields(results, ["output": "1 passed, 2 failed, 2 skipped", "output_format": "text", "visibility": "visible"],
                     ignoring: ["execution_time", "tests"], sourceLocation: sourceLocation)
        let tests = try #require(results["tests"] as? [[String: Any]], sourceLocation: sourceLocation)
        #expect(tests.count == gradescopeTests.count, sourceLocation: sourceLocation)
        for (test, expected) in zip(tests, gradescopeTests) { expectFields(test, expected, sourceLocation: sourceLocation) }
    }

    /// Checks a Classroom result for the standard folder, field by field.
    static func expectClassroom(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try object(text)
        expectFields(result, ["version": 1, "status": "fail", "max_score": 7.5], ignoring: ["tests"], sourceLocation: sourceLocation)
        let tests = try #require(result["tests"] as? [[String: Any]], sourceLocation: sourceLocation)
        #expect(tests.count == classroomTests.count, sourceLocation: sourceLocation)
        for (test, expected) in zip(tests, classroomTests) {
            let duration = try #require(test["duration"] as? NSNumber, sourceLocation: sourceLocation)
            #expect(duration.doubleValue >= 0 && duration.doubleValue == duration.doubleValue.rounded(), sourceLocation: sourceLocation)
            expectFields(test, expected, ignoring: ["duration"], sourceLocation: sourceLocation)
        }
    }

    /// `actual` has exactly the keys of `expected` (and `ignoring`), each with the same JSON value.
    static func expectFields(_ actual: [String: Any], _ expected: [String: Any], ignoring: Set<String> = [],
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(actual.keys).subtracting(ignoring) == Set(expected.keys), sourceLocation: sourceLocation)
        for (key, value) in expected {
            #expect(actual[key].map(canonical) == canonical(value), "\(key)", sourceLocation: sourceLocation)
        }
    }

    /// A JSON value written the one way (`2`, `6.5`, `"text"`), so that values compare whatever type read them.
    static func canonical(_ value: Any) -> String {
        let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: - tutor check --format

    /// Without a name the text report lists the answered lessons only; a grade lists the whole course.
    @Test func textReportLeavesUnstartedLessonsOut() async throws {
        let result = try await Self.check(try Self.folder(), [])
        #expect(result.stdout == Self.textReport.replacingOccurrences(of: "· 02-more/later not answered\n", with: "")
            .replacingOccurrences(of: "2 skipped", with: "1 skipped"))
        #expect(result.status == 1)
    }

    @Test func gradescopeResultsOnStandardOutput() async throws {
        let result = try await Self.check(try Self.folder(), ["--format", "gradescope"])
        try Self.expectGradescope(result.stdout)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func classroomResultToAFile() async throws {
        let folder = try Self.folder()
        let result = try await Self.check(folder, ["--format", "classroom", "--output", "result.json"])
        // Standard output shows the text report while the file gets the grader's.
        #expect(result.stdout == Self.textReport)
        #expect(result.status == 0)
        try Self.expectClassroom(try String(contentsOf: folder.appendingPathComponent("result.json"), encoding: .utf8))
    }

    @Test func everythingRightPasses() async throws {
        let folder = try Self.folder(["right": "answer 1\n", "wrong": "show softmax [3, 1, 0.2]\n", "broken": "answer 3\n", "missing": "answer 4\n"])
        let classroom = try Self.object(try await Self.check(folder, ["--format", "classroom", "01-practice"]).stdout)
        Self.expectFields(classroom, ["version": 1, "status": "pass", "max_score": 6.5], ignoring: ["tests"])
        let scores = (classroom["tests"] as? [[String: Any]])?.compactMap { $0["score"].map(Self.canonical) }
        #expect(scores == ["2", "3", "1", "0.5"])
        let gradescope = try Self.object(try await Self.check(folder, ["--format", "gradescope", "01-practice"]).stdout)
        let statuses = (gradescope["tests"] as? [[String: Any]])?.compactMap { $0["status"] as? String }
        #expect(statuses == ["passed", "passed", "passed", "passed"])
        #expect(gradescope["score"] == nil)
    }

    /// A check that cannot run still writes the file, saying why, and exits 0: the platform shows it.
    @Test func aNameThatFitsNothingIsGradedAsAnError() async throws {
        let folder = try Self.folder()
        let problem = "there is no lesson or exercise `nope`; the lessons are:\n  00-extra — Extra\n  01-practice — Grading practice\n  02-more — More"
        let classroom = try await Self.check(folder, ["--format", "classroom", "nope"])
        #expect(classroom.stderr == "error: \(problem)\n")
        #expect(classroom.status == 0)
        let result = try Self.object(classroom.stdout)
        Self.expectFields(result, ["version": 1, "status": "error", "max_score": 0], ignoring: ["tests"])
        let tests = try #require(result["tests"] as? [[String: Any]])
        #expect(tests.count == 1)
        Self.expectFields(tests[0], ["name": "tutor check", "status": "error", "score": 0, "message": problem,
                                     "test_code": "", "filename": "", "line_no": 0, "duration": 0])
        let gradescope = try await Self.check(folder, ["--format", "gradescope", "nope"])
        #expect(gradescope.status == 0)
        let results = try Self.object(gradescope.stdout)
        Self.expectFields(results, ["score": 0, "output": problem + "\n0 passed, 0 failed", "output_format": "text", "visibility": "visible", "tests": []],
                          ignoring: ["execution_time"])
    }

    @Test func formatOptions() async throws {
        let folder = try Self.folder()
        let both = try await Self.check(folder, ["--json", "--format", "json"])
        #expect(both.stderr.hasPrefix("Error: --json is --format json: give one of them, not both\n"))
        #expect(both.status == 64)
        let unknown = try await Self.check(folder, ["--format", "csv"])
        #expect(unknown.stderr.hasPrefix("Error: The value 'csv' is invalid for '--format <FORMAT>'. Please provide one of 'text', 'json', 'gradescope' or 'classroom'.\n"))
        // --format json is --json; with --output the file holds it and standard output the text.
        let lines = try await Self.check(folder, ["--format", "json", "01-practice/right"])
        #expect(lines.stdout == "{\"exercise\":\"right\",\"lesson\":\"01-practice\",\"message\":\"\",\"status\":\"passed\"}\n")
        let toFile = try await Self.check(folder, ["--json", "--output", "lines.jsonl", "01-practice/right"])
        #expect(toFile.stdout == "✓ 01-practice/right\n1 passed, 0 failed\n")
        #expect(toFile.status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("lines.jsonl"), encoding: .utf8) == lines.stdout)
        let text = try await Self.check(folder, ["--output", "report.txt"])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("✓ 01-practice/right\n"))
        #expect(try String(contentsOf: folder.appendingPathComponent("report.txt"), encoding: .utf8) == text.stdout)
        let nowhere = try await Self.check(folder, ["--format", "gradescope", "--output", "missing/results.json"])
        #expect(nowhere.stderr == "error: missing/results.json cannot be written: the directory missing does not exist\n")
        #expect(nowhere.status == 1)
    }

    // MARK: - The recipes

    /// docs/grading/gradescope/run_autograder, run as Gradescope runs it, on a folder laid out as
    /// /autograder is: the submission is the student's `tutor-work` folder, or its `answers` alone.
    @Test(arguments: ["tutor-work", ""]) func gradescopeRecipe(_ workspace: String) async throws {
        let folder = try Self.folder(workspace: workspace.isEmpty ? "submission" : "submission/" + workspace)
        let script = TutorBinary.packageRoot.appendingPathComponent("docs/grading/gradescope/run_autograder").path
        #expect(FileManager.default.isExecutableFile(atPath: script))
        let run = try await ChildProcess.run(script, [], environment: [
            "AUTOGRADER_ROOT": folder.path, "TUTOR": TutorBinary.executable.path,
            "TUTOR_LESSONS": folder.appendingPathComponent("lessons").path, "COLUMNS": "1000", "NO_COLOR": "1",
        ], in: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout == Self.textReport.replacingOccurrences(
            of: "work/answers/", with: folder.appendingPathComponent(workspace.isEmpty ? "submission" : "submission/tutor-work").path + "/answers/"))
        let written = try String(contentsOf: folder.appendingPathComponent("results/results.json"), encoding: .utf8)
        // The broken answer's location names the submission's folder; everything else is as above.
        let path = folder.appendingPathComponent(workspace.isEmpty ? "submission" : "submission/tutor-work").path
        try Self.expectGradescope(written.replacingOccurrences(of: path + "/answers/", with: "work/answers/"))
    }

    /// The step of docs/grading/classroom/classroom.yml that runs tutor, as GitHub Actions runs
    /// it (`bash -e -o pipefail`), in a student's repository: its `result` output, decoded.
    @Test func classroomRecipe() async throws {
        let folder = try Self.folder(workspace: "tutor-work")
        let workflow = try String(contentsOf: TutorBinary.packageRoot.appendingPathComponent("docs/grading/classroom/classroom.yml"), encoding: .utf8)
        let step = try #require(Self.runBlock(ofStep: "tutor", in: workflow))
        #expect(step.contains("tutor check --format classroom"))
        // The reporter reads the step's output from TUTOR_RESULTS, the step's id in capitals.
        #expect(workflow.contains("TUTOR_RESULTS: \"${{ steps.tutor.outputs.result }}\""))
        #expect(workflow.contains("runners: tutor\n"))
        let temporary = folder.appendingPathComponent("runner-temp"), output = folder.appendingPathComponent("github-output")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let path = TutorBinary.executable.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let run = try await ChildProcess.run("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step], environment: [
            "PATH": path, "RUNNER_TEMP": temporary.path, "GITHUB_OUTPUT": output.path,
            "TUTOR_LESSONS": folder.appendingPathComponent("lessons").path, "COLUMNS": "1000", "NO_COLOR": "1",
        ], in: folder.path)
        #expect(run.stderr == "")
        #expect(run.status == 0)
        #expect(run.stdout == Self.textReport.replacingOccurrences(of: "work/answers/", with: "tutor-work/answers/"))
        let outputs = try String(contentsOf: output, encoding: .utf8)
        #expect(outputs.hasPrefix("result=") && outputs.hasSuffix("\n") && outputs.filter { $0 == "\n" }.count == 1)
        let encoded = String(outputs.dropFirst("result=".count).dropLast())
        let decoded = try #require(Data(base64Encoded: encoded))
        try Self.expectClassroom(String(decoding: decoded, as: UTF8.self).replacingOccurrences(of: "tutor-work/answers/", with: "work/answers/"))
    }

    /// The `run: |` block of the workflow step with `id: ID`, its lines without their indentation.
    static func runBlock(ofStep id: String, in workflow: String) -> String? {
        let lines = workflow.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let indentation: (String) -> Int = { $0.prefix { $0 == " " }.count }
        guard let idLine = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "id: \(id)" }),
              let runLine = lines[idLine...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "run: |" }) else { return nil }
        let body = lines[(runLine + 1)...].prefix { $0.trimmingCharacters(in: .whitespaces).isEmpty || indentation($0) > indentation(lines[runLine]) }
        let margin = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(indentation).min() ?? 0
        return body.map { String($0.dropFirst(min(margin, indentation($0)))) }.joined(separator: "\n")
    }
}
