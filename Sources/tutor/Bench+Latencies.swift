import Foundation
import Lessons

/// The latencies `tutor bench` reports besides training: starting tutor, and checking the whole
/// course. Both run this very program as a child (the way a learner and a teacher run it), with
/// standard output and error thrown away.
enum BenchLatencies {
    /// How many starts `startup_ms` is the median of.
    static let starts = 7

    /// The median time in milliseconds of ``starts`` runs of `tutor` reading commands from a
    /// pipe that ends at once: starting up to the prompt, finding nothing to read, and leaving.
    static func startupMilliseconds() throws -> Double {
        var times: [Double] = []
        for _ in 0..<starts {
            let seconds = try timeChild([], in: FileManager.default.currentDirectoryPath)
            times.append(seconds * 1000)
        }
        return times.sorted()[times.count / 2]
    }

    /// The time `tutor check --workspace W --lessons L` takes where W holds every course
    /// exercise's own solution as its answer (`answers/LESSON/EXERCISE.tut`); throws when any
    /// exercise does not pass, since the time of a check that failed says nothing.
    static func checkSeconds(lessonsFolder: String) throws -> Double {
        let loaded = LessonParser.lessons(in: lessonsFolder)
        let workspace = FileManager.default.temporaryDirectory
            .appendingPathComponent("tutor-bench-check-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let answers = AnswerFiles(workspace: workspace)
        let course = CheckSelection.course(loaded.lessons)
        for selection in course {
            try FileManager.default.createDirectory(atPath: answers.folder(lesson: selection.lesson), withIntermediateDirectories: true)
            for exercise in selection.exercises {
                let text = exercise.solution.map { $0.commandText + "\n" }.joined()
                try text.write(toFile: answers.path(lesson: selection.lesson, exercise: exercise), atomically: true, encoding: .utf8)
            }
        }
        guard course.contains(where: { !$0.exercises.isEmpty }) else {
            throw BenchError("the lessons in \(lessonsFolder) have no exercises to check")
        }
        let arguments = ["check", "--workspace", workspace, "--lessons", lessonsFolder]
        return try timeChild(arguments, in: workspace, mustSucceed: "`tutor check` of the course's own solutions")
    }

    /// Runs this program with `arguments` in `folder`, standard input a pipe closed at once;
    /// the seconds until it exited. With `mustSucceed`, an exit status other than 0 is an error
    /// naming what failed.
    private static func timeChild(_ arguments: [String], in folder: String, mustSucceed: String? = nil) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let clock = ContinuousClock(), start = clock.now
        try process.run()
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let elapsed = clock.now - start
        if let mustSucceed, process.terminationStatus != 0 {
            throw BenchError("\(mustSucceed) failed (exit status \(process.terminationStatus)): run `tutor check` on such a workspace to see why")
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// Why `tutor bench` could not measure something.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
