import Foundation
import Testing

/// `tutor lesson` driven as a learner would: through a pipe (a script of answers), and at a
/// keyboard in a pseudo-terminal (tmux), leaving half-way and coming back. Only the sample lesson.
struct LessonCommandTests {
    /// A fresh workspace folder for one test.
    static func workspace(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-lesson-\(name)-\(getpid())-\(Int.random(in: 0..<1_000_000))")
        try? FileManager.default.removeItem(at: url)
        return url
    }

    static func progress(in workspace: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: workspace.appendingPathComponent("progress.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let lessons = try #require(object?["lessons"] as? [String: Any])
        return try #require(lessons["00-sample"] as? [String: Any])
    }

    @Test func takingTheSampleLessonThroughAPipe() async throws {
        let workspace = Self.workspace("pipe")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let result = try await TutorBinary.run(
            ["lesson", "00-sample", "--workspace", workspace.path], input: "answer 2\nhint\nanswer 1\nskip\nabout half\n0.5\n")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = [
            "# A sample lesson",
            ">>> show softmax [2, 1, 0.1]",
            "Exercise 1/2: softmax-sum",
            "What do softmax's outputs add up to? Answer with `answer X`.",
            "softmax-sum 1/2> answer 2",
            "✗ not yet: Add up the three outputs of softmax. (found answer 2)",
            "softmax-sum 1/2> hint",
            "hint 1/2: Add the three numbers that `show softmax [2, 1, 0.1]` printed.",
            "softmax-sum 1/2> answer 1",
            "✓ softmax-sum done; your answer is saved in",
            "  \(workspace.path)/answers/00-sample/softmax-sum.tut",
            ">>> show sigmoid [2, 1, 0.1]",
            "Exercise 2/2: make-probabilities",
            "make-probabilities 2/2> skip",
            "solution:",
            ">>> show softmax [3, 1, 0.2]",
            "0.8360 0.1131 0.0508",
            // The guess step: the question, the guess read from the next line (a bad one asked again),
            // then the commands run and the truth is shown beside the guess.
            "Guess: softmax-first",
            "Softmax will turn the scores [2, 1, 0.1] into three probabilities. What will the",
            "first one be? Type a number.",
            "Type your guess: a number (`784*256+256` works too); Enter alone skips it.",
            "guess> about half",
            "error: expected a number, found `about`",
            "guess> 0.5",
            ">>> show softmax [2, 1, 0.1]",
            "You guessed 0.5. The truth is 0.6590 (output 0): 0.1590 too low, 24% off.",
            "why: The first score is the largest, so it takes the largest share: e² /",
            "     (e² + e¹ + e^0.1).",
            "You finished “A sample lesson”: 1 done, 1 skipped of 2 exercises.",
        ]
        // Each key line appears, in this order.
        var position = 0
        for line in expected {
            guard let found = lines[position...].firstIndex(of: line) else {
                Issue.record("missing (in order) \(line.debugDescription) in:\n\(result.stdout)")
                return
            }
            position = found + 1
        }
        // Everything is laid out to 80 columns when not on a terminal (a path wider than that
        // stands alone on its line); pauses do not wait on a pipe.
        #expect(lines.allSatisfy { $0.count <= 80 || !$0.drop { $0 == " " }.contains(" ") })
        #expect(!result.stdout.contains("hint 2/2"))
        #expect(!result.stdout.contains("\u{1B}["))

        let answer = try String(contentsOf: workspace.appendingPathComponent("answers/00-sample/softmax-sum.tut"), encoding: .utf8)
        #expect(answer == "answer 2\nanswer 1\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("answers/00-sample/make-probabilities.tut").path))
        let progress = try Self.progress(in: workspace)
        #expect(progress["exercises"] as? [String: String] == ["softmax-sum": "done", "make-probabilities": "skipped"])
        #expect(progress["next"] as? Int == 11)  // every item of the sample lesson
        let guess = (progress["guesses"] as? [String: Any])?["softmax-first"] as? [String: Any]
        #expect(guess?["guess"] as? Double == 0.5)
        #expect((guess?["truth"] as? Double).map { abs($0 - 0.659) < 0.0001 } == true)
        #expect((guess?["when"] as? String)?.hasSuffix("Z") == true)

        // The list shows the counts; --reset forgets the progress but keeps the answers.
        let list = try await TutorBinary.run(["lesson", "--workspace", workspace.path])
        #expect(list.status == 0)
        // The columns line up with the longest lesson name, so look at the line's two ends.
        #expect(Self.line(of: list.stdout, startingWith: "  00-sample ")?.hasSuffix(" A sample lesson — 1 done, 1 skipped of 2, finished") == true)
        let reset = try await TutorBinary.run(["lesson", "--workspace", workspace.path, "--reset", "00-sample"])
        #expect(reset.status == 0)
        #expect(reset.stdout.hasPrefix("Forgot your progress in 00-sample"))
        let after = try await TutorBinary.run(["lesson", "--workspace", workspace.path])
        #expect(Self.line(of: after.stdout, startingWith: "  00-sample ")?.hasSuffix(" A sample lesson — 0 done, 0 skipped of 2") == true)
        #expect(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("answers/00-sample/softmax-sum.tut").path))
    }

    @Test func leavingAndComingBackThroughAPipe() async throws {
        let workspace = Self.workspace("resume")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let first = try await TutorBinary.run(["lesson", "00", "--workspace", workspace.path], input: "hint\nhint\nhint\nanswer 1\n")
        #expect(first.status == 0)
        #expect(first.stdout.contains("hint 2/2: 0.6590 + 0.2424 + 0.0986 = ?\n"))
        #expect(first.stdout.contains("That was the last hint. Type `skip` to see the solution.\n"))
        #expect(first.stdout.hasSuffix("Your progress is saved; `tutor lesson 00-sample` continues where you left off.\n"))
        #expect(try Self.progress(in: workspace)["next"] as? Int == 8)  // the second exercise (item 8)

        let list = try await TutorBinary.run(["lesson", "--workspace", workspace.path])
        #expect(list.stdout.contains("You left off in 00-sample before exercise make-probabilities"))

        let second = try await TutorBinary.run(["lesson", "00-sample", "--workspace", workspace.path], input: "show softmax [3, 1, 0.2]\n\n")
        #expect(second.status == 0)
        #expect(second.stdout.contains("You left off at exercise make-probabilities (2/2); continuing there.\n"))
        #expect(!second.stdout.contains("softmax-sum 1/2>"))
        // The lesson's first command is not run again; the guess step at the end runs its own.
        #expect(second.stdout.components(separatedBy: ">>> show softmax [2, 1, 0.1]").first?.contains("Guess: softmax-first") == true)
        #expect(second.stdout.contains("✓ make-probabilities done"))
        #expect(second.stdout.contains("You finished “A sample lesson”: 2 done, 0 skipped of 2 exercises."))
        let answer = try String(contentsOf: workspace.appendingPathComponent("answers/00-sample/make-probabilities.tut"), encoding: .utf8)
        #expect(answer == "show softmax [3, 1, 0.2]\n")
    }

    @Test func badNamesAndDamagedProgressAreExplained() async throws {
        let workspace = Self.workspace("bad")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let unknown = try await TutorBinary.run(["lesson", "no-such-lesson", "--workspace", workspace.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("error: no lesson called `no-such-lesson`; the lessons are:\n  00-sample — A sample lesson\n"))

        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try "{ this is not json".write(to: workspace.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        let result = try await TutorBinary.run(["lesson", "00-sample", "--workspace", workspace.path], input: "answer 1\nquit\n")
        #expect(result.status == 0)
        #expect(result.stderr.contains("progress.json is damaged (it is not valid progress JSON); starting with no saved progress"))
        #expect(result.stdout.contains("✓ softmax-sum done"))
        #expect(try Self.progress(in: workspace)["exercises"] as? [String: String] == ["softmax-sum": "done"])
    }

    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"))
    func aLearnerTakesTheSampleLessonAtTheKeyboard() async throws {
        let workspace = Self.workspace("pty")
        let state = Self.workspace("pty-state")
        defer {
            try? FileManager.default.removeItem(at: workspace)
            try? FileManager.default.removeItem(at: state)
        }
        let tutor = "XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)' lesson 00-sample --workspace '\(workspace.path)'"
        // The lesson twice: the second run starts when the learner quits the first.
        let command = "cd '\(TutorBinary.packageRoot.path)' && \(tutor); \(tutor); sleep 30"
        try await Tmux.session(command, width: 100, height: 60) { tmux in

            // The pause after the first command waits for Enter.
            var screen = try await tmux.wait(for: "[Enter to go on, `quit` to leave]")
            #expect(!screen.contains("softmax-sum 1/2>"))
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "softmax-sum 1/2>")

            try await tmux.type("answer 2")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "✗ not yet: Add up the three outputs of softmax. (found answer 2)")
            try await tmux.type("hint")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "hint 1/2: Add the three numbers")
            try await tmux.type("answer 1")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "✓ softmax-sum done")
            _ = try await tmux.wait(for: "make-probabilities 2/2>")
            try await tmux.type("quit")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "Your progress is saved")

            // Coming back: offered to continue, the session is rebuilt, and the second exercise is next.
            screen = try await tmux.wait(for: "You left off at exercise make-probabilities (2/2). Continue there? [Y/n]")
            try await tmux.keys("Enter")
            screen = try await tmux.wait(for: "make-probabilities 2/2>", count: 2)
            #expect(screen.components(separatedBy: "softmax-sum 1/2>").count - 1 == 3)  // only the first run's three prompts
            try await tmux.type("show softmax [3, 1, 0.2]")
            try await tmux.keys("Enter")
            // After the pause, the guess step: a bad entry is explained and asked again; a number is
            // shown beside the truth.
            _ = try await tmux.wait(for: "✓ make-probabilities done")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "guess>")
            try await tmux.type("lots")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "error: expected a number, found `lots`")
            try await tmux.type("784*0.001")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "You guessed 0.784 (784*0.001). The truth is 0.6590 (output 0): 0.1250 too high, 19% off.")
            screen = try await tmux.wait(for: "You finished “A sample lesson”: 2 done, 0 skipped of 2 exercises.")
            #expect(screen.contains("✓ make-probabilities done"))

        }
        let answer = try String(contentsOf: workspace.appendingPathComponent("answers/00-sample/softmax-sum.tut"), encoding: .utf8)
        #expect(answer == "answer 2\nanswer 1\n")
        let progress = try Self.progress(in: workspace)
        #expect(progress["exercises"] as? [String: String] == ["softmax-sum": "done", "make-probabilities": "done"])
        #expect(progress["next"] as? Int == 11)
        #expect((progress["guesses"] as? [String: Any])?.keys.sorted() == ["softmax-first"])
    }

    /// At a keyboard: a learner who built the wrong model types `skip`. The solution runs on the
    /// state the exercise started from, not on top of the wrong model (which printed
    /// `10 → flatten → 10` and `10·256 + 256 = 2,816`).
    @Test func skipAfterAWrongModelInATerminal() async throws {
        let workspace = Self.workspace("pty-skip")
        let state = Self.workspace("pty-skip-state")
        defer {
            try? FileManager.default.removeItem(at: workspace)
            try? FileManager.default.removeItem(at: state)
        }
        // Through a pipe, no guess at the guess step, the first three exercises of lesson 3, then leave at the fourth.
        let first = try await TutorBinary.run(
            ["lesson", "03", "--workspace", workspace.path],
            input: "\nshow softmax [1, 1, 1]\nanswer 0.3333\nshow softmax [6, -6, -6]\nshow sigmoid [0, 0, 0]\nanswer 1.5\nquit\n")
        #expect(first.stdout.contains("softmax-output 4/4> quit"))
        let tutor = "XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)' lesson 03 --workspace '\(workspace.path)'"
        try await Tmux.session("cd '\(TutorBinary.packageRoot.path)' && \(tutor); sleep 30", width: 100, height: 50) { tmux in
            _ = try await tmux.wait(for: "Continue there? [Y/n]")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "softmax-output 4/4>")
            for line in ["data mnist 100 10", "layer flatten", "layer dense 256 sigmoid", "layer dense 10 sigmoid"] {
                try await tmux.type(line)
                try await tmux.keys("Enter")
            }
            _ = try await tmux.wait(for: "256 → dense(10, sigmoid) → 10")
            try await tmux.type("skip")
            try await tmux.keys("Enter")
            let screen = try await tmux.wait(for: "Skipped softmax-output")
            let afterSkip = screen.components(separatedBy: "solution:").last ?? ""
            #expect(afterSkip.contains("28×28 → flatten → 784"))
            #expect(afterSkip.contains("256 → dense(10, softmax) → 10"))
            #expect(!afterSkip.contains("10 → flatten → 10"))
            #expect(!afterSkip.contains("2,816"))
        }
    }

    /// The first line of `text` that starts with `prefix`.
    static func line(of text: String, startingWith prefix: String) -> String? {
        text.split(separator: "\n").map(String.init).first { $0.hasPrefix(prefix) }
    }
}
