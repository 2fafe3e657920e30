import Foundation
import Lessons

/// The latencies `tutor bench` reports besides training: starting tutor, and checking the whole
/// course. Both run this very program as a child (the way a learner and a teacher run it), with
/// nothing to read and its output thrown away.
enum BenchLatencies {
    /// How many starts `startup_ms` is the median of.
    static let starts = 7

    /// The median time in milliseconds of ``starts`` runs of `tutor` reading commands from
    /// `/dev/null`: starting up to the prompt, finding nothing to read, and leaving.
    static func startupMilliseconds() throws -> Double {
        var times: [Double] = []
        for _ in 0..<starts {
            let seconds = try timeChild([])
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
        return try timeChild(arguments, mustSucceed: "`tutor check` of the course's own solutions")
    }

    /// Runs this program with `arguments` (in this process' folder), standard input, output and error
    /// `/dev/null`; the seconds until it exited. With `mustSucceed`, an exit status other than 0
    /// is an error naming what failed. Started with `posix_spawn` and waited for with `waitpid`:
    /// Foundation's `Process` adds 30 ms or more of its own to a run this short.
    private static func timeChild(_ arguments: [String], mustSucceed: String? = nil) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = (["tutor"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let clock = ContinuousClock(), start = clock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/proc/self/exe", &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start tutor again to time it: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let elapsed = clock.now - start
        // The exit status when it exited (WIFEXITED, WEXITSTATUS), else 128 + the signal.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        if let mustSucceed, exitStatus != 0 {
            throw BenchError("\(mustSucceed) failed (exit status \(exitStatus)): run `tutor check` on such a workspace to see why")
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

/// Why `tutor bench` could not measure something.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
