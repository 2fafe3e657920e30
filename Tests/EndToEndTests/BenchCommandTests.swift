import Foundation
import Testing

/// `tutor bench`'s options and the fields of its JSON (what it measures is for BENCHMARKS, not
/// for tests: nothing here looks at a time).
struct BenchCommandTests {
    @Test func anotherShapeReportsItsFieldsAndTheSameNumbersForAnyThreadCount() async throws {
        let arguments = ["bench", "--json", "--epochs", "1", "--train", "600", "--hidden", "16,8", "--activation", "relu", "--no-latencies"]
        var accuracies: [Double] = []
        for threads in ["1", "2"] {
            let result = try await TutorBinary.run(arguments, environment: ["TUTOR_THREADS": threads])
            #expect(result.status == 0, "\(result.stderr)")
            let line = try #require(result.stdout.split(separator: "\n").last.map(String.init))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == [
                "activation", "epoch_seconds", "evaluate_seconds", "examples_per_second", "hidden", "load_seconds",
                "peak_rss_mb", "test_accuracy", "test_loss", "train_examples",
            ])
            #expect(object["hidden"] as? [Int] == [16, 8])
            #expect(object["activation"] as? String == "relu")
            #expect(object["train_examples"] as? Int == 600)
            #expect((object["epoch_seconds"] as? [Double])?.count == 1)
            #expect((object["load_seconds"] as? Double).map { $0 > 0 } == true)
            #expect((object["evaluate_seconds"] as? Double).map { $0 > 0 } == true)
            accuracies.append(try #require(object["test_accuracy"] as? Double))
        }
        #expect(accuracies[0] == accuracies[1])
    }

    /// A folder holding one lesson, `01-tiny.lesson`, whose one exercise's solution is `solution`
    /// and whose check wants `answer 1`.
    static func tinyCourse(solution: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-bench-course-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            # Tiny
            > One exercise.
            exercise one
            > Answer 1.
            solution \(solution)
            expect answer 1
            end
            """.write(to: folder.appendingPathComponent("01-tiny.lesson"), atomically: true, encoding: .utf8)
        return folder
    }

    /// `startup_ms` and `check_seconds`: tutor started, and the course (here `TUTOR_LESSONS`'
    /// one lesson) checked with its own solutions.
    @Test func theLatenciesAreTheStartAndTheCheckOfTheCourse() async throws {
        let course = try Self.tinyCourse(solution: "answer 1")
        defer { try? FileManager.default.removeItem(at: course) }
        let result = try await TutorBinary.run(
            ["bench", "--json", "--epochs", "1", "--train", "100", "--hidden", "8"], environment: ["TUTOR_LESSONS": course.path])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").last.map(String.init))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((object["startup_ms"] as? Double).map { $0 > 0 } == true)
        #expect((object["check_seconds"] as? Double).map { $0 > 0 } == true)
        let table = try await TutorBinary.run(
            ["bench", "--epochs", "1", "--train", "100", "--hidden", "8"], environment: ["TUTOR_LESSONS": course.path])
        #expect(table.stdout.contains("startup "), "\(table.stdout)")
        #expect(table.stdout.contains(" ms (median of 7)  tutor check of the course "))
    }

    /// A course whose own solutions do not pass has no check time to report: an error says so.
    @Test func aCourseThatFailsItsOwnCheckIsAnError() async throws {
        let course = try Self.tinyCourse(solution: "answer 2")
        defer { try? FileManager.default.removeItem(at: course) }
        let result = try await TutorBinary.run(
            ["bench", "--json", "--epochs", "1", "--train", "100", "--hidden", "8"], environment: ["TUTOR_LESSONS": course.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Error: `tutor check` of the course's own solutions failed (exit status 1): run `tutor check` on such a workspace to see why"), "\(result.stderr)")
    }

    @Test(arguments: [
        (["--hidden", "64,x"], "Error: --hidden must be whole numbers of units (at least 1) separated by commas, got `64,x`"),
        (["--hidden", "0"], "Error: --hidden must be whole numbers of units (at least 1) separated by commas, got `0`"),
        (["--activation", "nope"], "Error: --activation must be one of sigmoid, relu, tanh, softmax, linear, got `nope`"),
        (["--train", "0"], "Error: --train must be at least 1, got 0"),
    ])
    func badOptionsAreRefusedBeforeAnythingRuns(_ options: [String], _ message: String) async throws {
        let result = try await TutorBinary.run(["bench"] + options)
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == message)
    }
}
