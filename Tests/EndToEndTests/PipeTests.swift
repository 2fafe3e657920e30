import Foundation
import Testing

/// `tutor` reading from a pipe: no prompts, no escape codes, each command echoed before its
/// output, errors shown and the session going on, exit status 1 when any command failed.
struct PipeTests {
    @Test func pipedSessionIsATranscript() async throws {
        let input = """
            show softmax [2, 1, 0.1]
            # a comment, and a blank line

            show sigmoid [2, 1, 0.1
            show sigmoid [2, 1, 0.1]
            """
        let result = try await TutorBinary.run([], input: input + "\n")
        #expect(result.stdout == """
            >>> show softmax [2, 1, 0.1]
            softmax([2, 1, 0.1])
            0.6590 0.2424 0.0986
            sum = 1.0000
            Softmax makes the outputs positive and sum to 1, so they can be read as
            probabilities.
            >>> show sigmoid [2, 1, 0.1
            error: expected `]` to close the `[` at column 14, found the end of the line
             --> 4:24
              |
            4 | show sigmoid [2, 1, 0.1
              |                        ^
            >>> show sigmoid [2, 1, 0.1]
            sigmoid([2, 1, 0.1])
            0.8808 0.7311 0.5250
            sum = 2.1368
            Sigmoid squashes each value into (0, 1) on its own, so the sum is not 1: these
            are not probabilities of one choice.

            """)
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.status == 1)
    }

    @Test func quitEndsAPipedSessionCleanly() async throws {
        let result = try await TutorBinary.run([], input: "show onehot 2\nquit\nshow onehot 3\n")
        #expect(result.stdout.contains("onehot(2)"))
        #expect(!result.stdout.contains("onehot(3)"))
        #expect(result.status == 0)
    }

    @Test func runStopsAtTheFirstErrorWithItsLocation() async throws {
        let result = try await TutorBinary.run(["run", "Tests/Transcripts/04-playground.tut", "Tests/Transcripts/05-session.tut"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: `score` is not defined\n  --> Tests/Transcripts/04-playground.tut:15:14\n"))
        #expect(!result.stdout.contains("help optimizer"))  // the second script never ran
    }

    @Test func runWithoutFilesExplainsItself() async throws {
        let result = try await TutorBinary.run(["run"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Missing expected argument '<files> ...'"))
    }

    /// A comment line is kept as a note between the commands, which are numbered on without it.
    @Test func saveNotebookWritesTheSessionAsMarkdown() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-notebook-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("session.md").path
        let result = try await TutorBinary.run([], input: "show onehot 1\n# a comment\nshow relu q\nsave notebook \(file)\n")
        #expect(result.stdout.hasSuffix("Saved this session as a Markdown notebook: \(file).\n"))
        let markdown = try String(contentsOfFile: file, encoding: .utf8)
        #expect(markdown == """
            # tutor notebook

            ```tutor
            [1]> show onehot 1
            ```

            ```text
            onehot(1)
            0.0000 1.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000
            sum = 1.0000
            Position 1 is 1, every other is 0: the answer a perfect classifier would give for a 1.
            ```

            a comment

            ```tutor
            [2]> show relu q
            ```

            ```text
            error: `q` is not defined
             --> 3:11
              |
            3 | show relu q
              |           ^ name a vector first: `let q = [2, 1, 0.1]`
            ```

            ```tutor
            [3]> save notebook \(file)
            ```

            """)
    }
}
