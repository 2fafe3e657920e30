import Foundation
import Testing

/// `run FILE.lesson` at the prompt replays the lesson in the session, as `tutor run FILE.lesson`
/// shows it, instead of reading its lines as commands.
struct ReplRunLessonTests {
    /// How `tutor run lessons/00-sample.lesson` begins (up to the first exercise's hints).
    static let sampleReplayStart = """
        # A sample lesson

        This sample shows every kind of line a lesson can have. Narration lines that
        follow each other are joined into one paragraph.

        An empty narration line starts a new paragraph.

        >>> show softmax [2, 1, 0.1]
        softmax([2, 1, 0.1])
        0.6590 0.2424 0.0986
        sum = 1.0000
        Softmax makes the outputs positive and sum to 1, so they can be read as
        probabilities.

        Softmax made three scores into three positive numbers.

        Exercise softmax-sum
        What do softmax's outputs add up to? Answer with `answer X`.
        hint 1: Add the three numbers that `show softmax [2, 1, 0.1]` printed.
        hint 2: 0.6590 + 0.2424 + 0.0986 = ?

        """

    @Test func runningTheSampleLessonAtThePrompt() async throws {
        // The lesson as `tutor run FILE.lesson` shows it.
        let run = try await TutorBinary.run(["run", "lessons/00-sample.lesson"])
        #expect(run.stdout.hasPrefix(Self.sampleReplayStart))
        #expect(run.status == 0)
        // At the prompt: the same text after the echoed command, and its commands are in the session.
        let result = try await TutorBinary.run([], input: "run lessons/00-sample.lesson\nhistory\n")
        #expect(result.stdout == ">>> run lessons/00-sample.lesson\n" + run.stdout + """
            >>> history
            1  run lessons/00-sample.lesson
            2  show softmax [2, 1, 0.1]
            3  answer 1
            4  show sigmoid [2, 1, 0.1]
            5  show softmax [3, 1, 0.2]
            6  show softmax [2, 1, 0.1]

            """)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func aLessonThatFailsIsAnErrorAndTheSessionGoesOn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-repl-lesson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# Broken\n> First.\nshow image 5\n".write(to: folder.appendingPathComponent("broken.lesson"), atomically: true, encoding: .utf8)
        try "not a lesson\n".write(to: folder.appendingPathComponent("untitled.lesson"), atomically: true, encoding: .utf8)
        let result = try await TutorBinary.run([], input: "run broken.lesson\nrun untitled.lesson\nshow onehot 1\n", in: folder)
        #expect(result.stdout == """
            >>> run broken.lesson
            # Broken

            First.

            >>> show image 5
            error: no data is loaded yet
             --> broken.lesson:3:1
              |
            3 | show image 5
              | ^^^^^^^^^^^^ load the digits first: `data mnist`
            >>> run untitled.lesson
            error: expected the lesson's title on the first line
             --> untitled.lesson:1:1
              |
            1 | not a lesson
              | ^^^^^^^^^^^^ like `# Sigmoid versus softmax`
            >>> show onehot 1
            onehot(1)
            0.0000 1.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000
            sum = 1.0000
            Position 1 is 1, every other is 0: the answer a perfect classifier would give
            for a 1.

            """)
        #expect(result.status == 1)
    }
}
