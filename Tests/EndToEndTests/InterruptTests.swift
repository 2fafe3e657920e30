import ChildProcess
import Foundation
import Testing

/// Ctrl-C (SIGINT, as the terminal sends it) in the real binary: it ends the long command that is
/// running — `fit` keeping its last batch's weights, anything else changing nothing — and the
/// program goes on, or, in a script, stops before the script's next line.
struct InterruptTests {
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:], after markers: [String]) async throws -> ChildProcess.Result {
        // Laid out wide: these tests read what a stop says, whose counts vary from run to run.
        var variables = ["NO_COLOR": "1"].merging(TutorBinary.wide) { $1 }
        for (key, value) in environment { variables[key] = value }
        return try await ChildProcess.run(
            TutorBinary.executable.path, arguments, input: input, environment: variables,
            in: TutorBinary.packageRoot.path, interruptingAfter: markers)
    }

    /// In the notebook (read from a pipe): Ctrl-C during `evaluate` stops it, changing nothing,
    /// and the next command runs.
    @Test func ctrlCStopsEvaluateAndTheNotebookGoesOn() async throws {
        let input = """
            data mnist 1000
            layer flatten
            layer dense 8192 relu
            layer dense 4096 relu
            layer dense 10 softmax
            evaluate
            show onehot 3
            """
        // The 8192 × 4096 layer makes `evaluate` take many seconds, so the Ctrl-C sent 300 ms after
        // it starts lands inside it even on a busy machine.
        let result = try await Self.run([], input: input + "\n", after: [">>> evaluate"])
        #expect(result.stdout.contains("""
            >>> evaluate
            error: stopped (Ctrl-C): nothing changed
             --> 6:1
              |
            6 | evaluate
              | ^^^^^^^^
            >>> show onehot 3
            onehot(3)
            """), "\(result.stdout)")
        #expect(!result.stdout.contains("test set - accuracy"))
        #expect(result.status == 1)  // a command failed
    }

    /// `tutor run FILE`: Ctrl-C during `fit` stops it after the batch (the weights kept), then
    /// the script stops before its next line.
    @Test func ctrlCStopsAScriptsFitThenTheScript() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("long.tut").path
        try """
            data mnist 20000 100
            layer flatten
            layer dense 256 sigmoid
            layer dense 10 softmax
            fit 1000
            evaluate
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let result = try await Self.run(["run", script], after: ["Epoch 1/1000"])
        // Epoch 1 when the signal comes at once; a busy machine may deliver it a little later,
        // or between two epochs (`Stopped after epoch 1 of 1000; the weights it ended with are kept.`).
        #expect(result.stdout.range(of: #"Stopped (in epoch [0-9]+ after [0-9,]+ of [0-9,]+ batches; the weights from the last finished batch|after epoch [0-9]+ of 1000; the weights it ended with) are kept\."#, options: .regularExpression) != nil, "\(result.stdout)")
        #expect(!result.stdout.contains(">>> evaluate"))
        #expect(result.stderr == """
            error: stopped (Ctrl-C) before this line; the lines before it ran
             --> \(script):6:1
              |
            6 | evaluate
              | ^^^^^^^^

            """)
        #expect(result.status == 1)
    }

    /// `tutor lesson`: Ctrl-C while the session is rebuilt says so and asks whether to rebuild
    /// it again, rather than ending the program.
    @Test func ctrlCInALessonsRestoreSaysSo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-interrupt-\(UUID().uuidString)")
        let lessons = folder.appendingPathComponent("lessons")
        let workspace = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            # Slow
            data mnist 20000 100
            layer flatten
            layer dense 1024 relu
            layer dense 10 softmax
            fit 5
            exercise last
            > Answer 1.
            solution answer 1
            expect answer 1
            end
            """.write(to: lessons.appendingPathComponent("01-slow.lesson"), atomically: true, encoding: .utf8)
        try """
            {"version": 1, "current": "01-slow", "lessons": {"01-slow": {"next": 5, "exercises": {}}}}
            """.write(to: workspace.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        let result = try await Self.run(
            ["lesson", "01-slow", "--workspace", workspace.path], input: "n\n",
            environment: ["TUTOR_LESSONS": lessons.path], after: ["Restoring your session…"])
        #expect(result.stdout.contains("""
            You left off at exercise last (1/1); continuing there.
            Restoring your session…
            warning: Restoring was interrupted, so your session is not as the lesson left it.
            Restore your session again? [Y/n] n
            """), "\(result.stdout)")
        #expect(result.status == 0)
    }
}
