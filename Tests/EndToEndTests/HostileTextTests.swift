import Foundation
import Testing

/// Terminal control sequences in a stranger's lesson, answer, model or progress file, or in typed
/// lines, never reach the terminal: every output path shows them visible (`\e`, `\a`, `\u{9B}`),
/// and with `NO_COLOR` through a pipe no control character at all is printed. The files are in
/// Tests/Fixtures/hostile; each holds ``payload`` (an OSC title change, a screen clear, a terminal
/// reset, the 8-bit CSI and a right-to-left override) in every field it has.
struct HostileTextTests {
    static let fixtures = TutorBinary.packageRoot.appendingPathComponent("Tests/Fixtures/hostile")

    /// What the fixtures carry: `ESC ] 0 ; owned BEL`, `ESC [ 2 J`, `ESC c`, `CSI 3 1 m` and U+202E.
    static let payload = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}c\u{9B}31m\u{202E}"
    /// How tutor shows it.
    static let shown = #"\e]0;owned\a\e[2J\ec\u{9B}31m\u{202E}"#

    /// The controls found in `text` (a line break is text's own): none may be printed.
    static func controls(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
            default: return false
            }
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Expects `result` to hold no control on either stream.
    static func expectNoControls(_ result: TutorBinary.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(controls(in: result.stdout) == [], sourceLocation: sourceLocation)
        #expect(controls(in: result.stderr) == [], sourceLocation: sourceLocation)
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-hostile-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The fixture lesson holds the payload in every field (the exercise name aside: see
    /// ``anExerciseNameWithControlsIsRefusedVisibly()``).
    @Test func theFixturesHoldThePayload() throws {
        let lesson = try String(contentsOf: Self.fixtures.appendingPathComponent("01-hostile.lesson"), encoding: .utf8)
        let lines = lesson.split(separator: "\n").map(String.init)
        for prefix in ["# Hostile", "> Narration", "show softmax", "> Prompt", "hint > Hint", "solution show", "miss >", "expect shown", "> After"] {
            #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains(Self.payload) }, "\(prefix)")
        }
        #expect(lines.contains { $0.hasPrefix("also ") && $0.contains("\u{1B}[2J\u{07}\u{1B}c\u{9B}31m\u{202E}") })
        let answer = try String(contentsOf: Self.fixtures.appendingPathComponent("answers/01-hostile/softmax-sum.tut"), encoding: .utf8)
        #expect(answer.components(separatedBy: Self.payload).count == 3)
    }

    @Test func replayingTheLessonShowsEveryFieldVisible() async throws {
        let result = try await TutorBinary.run(["run", "Tests/Fixtures/hostile/01-hostile.lesson"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let v = Self.shown
        #expect(result.stdout == """
            # Hostile \(v) title

            Narration \(v) with bold words.

            >>> show softmax [2, 1, 0.1] # comment \(v)
            softmax([2, 1, 0.1])
            0.6590 0.2424 0.0986
            sum = 1.0000
            Softmax makes the outputs positive and sum to 1, so they can be read as
            probabilities.

            Exercise softmax-sum
            Prompt \(v): what do the outputs add up to?
            hint 1: Hint \(v) one.
            hint 2: Type answer 1.
            ✓ also: show softmax [2, 1, 0.1]; answer 1.0 # also (no semicolon: it would
                    split the line) \\e[2J\\a\\ec\\u{9B}31m\\u{202E}
            solution:
            >>> show softmax [2, 1, 0.1] # solution \(v)
            softmax([2, 1, 0.1])
            0.6590 0.2424 0.0986
            sum = 1.0000
            Softmax makes the outputs positive and sum to 1, so they can be read as
            probabilities.
            >>> answer 1
            Answer: 1
            ✓ expect answer 1 within 0.001
            ✓ expect shown softmax [2, 1, 0.1] # expect
              \(v)

            After \(v) the exercise.


            """)
        Self.expectNoControls(result)
    }

    /// `tutor lesson NAME` through a pipe: the lesson's texts and the typed lines it echoes.
    @Test func takingTheLessonThroughAPipe() async throws {
        let workspace = try Self.temporaryFolder("pipe")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let typed = "answer 2 # typed \u{1B}]0;x\u{07}\u{9B}2J"
        let result = try await TutorBinary.run(
            ["lesson", "01", "--workspace", workspace.path], input: "hint\n\(typed)\nshow softmax [2, 1, 0.1]\nanswer 1\n",
            environment: ["TUTOR_LESSONS": Self.fixtures.path])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let v = Self.shown
        #expect(result.stdout == """
            # Hostile \(v) title

            Narration \(v) with bold words.

            >>> show softmax [2, 1, 0.1] # comment \(v)
            softmax([2, 1, 0.1])
            0.6590 0.2424 0.0986
            sum = 1.0000
            Softmax makes the outputs positive and sum to 1, so they can be read as
            probabilities.

            Exercise 1/1: softmax-sum
            Prompt \(v): what do the outputs add up to?
            Type commands; `hint` for a hint, `skip` to see the solution, `quit` to leave.
            softmax-sum 1/1> hint
            hint 1/2: Hint \(v) one.
            softmax-sum 1/1> answer 2 # typed \\e]0;x\\a\\u{9B}2J
            Answer: 2
            ✗ not yet: Miss \(v): add them up.
                       (found answer 2)
            softmax-sum 1/1> show softmax [2, 1, 0.1]
            softmax([2, 1, 0.1])
            0.6590 0.2424 0.0986
            sum = 1.0000
            Softmax makes the outputs positive and sum to 1, so they can be read as
            probabilities.
            softmax-sum 1/1> answer 1
            Answer: 1
            ✓ softmax-sum done; your answer is saved in
              \(workspace.path)/answers/01-hostile/softmax-sum.tut

            After \(v) the exercise.

            You finished “Hostile \(v) title”: 1 done, 0
            skipped of 1 exercise.
            Your answers are in
            \(workspace.path)/answers/01-hostile/.

            Course complete: 1 lesson, 1 exercise: 1 done, 0 skipped, 1 hint used.
              01-hostile  1 done, 0 skipped of 1, 1 hint used

            """)
        Self.expectNoControls(result)
    }

    /// `tutor lesson` lists file names and titles visible, and the warning about a damaged
    /// progress file shows the lesson key it quotes visible.
    @Test func theLessonListAndTheProgressWarning() async throws {
        let lessons = try Self.temporaryFolder("lessons"), workspace = try Self.temporaryFolder("list")
        defer {
            try? FileManager.default.removeItem(at: lessons)
            try? FileManager.default.removeItem(at: workspace)
        }
        let manager = FileManager.default
        try manager.copyItem(at: Self.fixtures.appendingPathComponent("01-hostile.lesson"), to: lessons.appendingPathComponent("01-hostile.lesson"))
        try "# Evil \u{07}name\n> Hi.\n".write(to: lessons.appendingPathComponent("02-e\u{1B}[2Jvil.lesson"), atomically: true, encoding: .utf8)
        try manager.copyItem(at: Self.fixtures.appendingPathComponent("progress.json"), to: workspace.appendingPathComponent("progress.json"))
        let result = try await TutorBinary.run(
            ["lesson", "--workspace", workspace.path], environment: TutorBinary.wide.merging(["TUTOR_LESSONS": lessons.path]) { $1 })
        #expect(result.status == 0)
        let progress = workspace.appendingPathComponent("progress.json").path
        #expect(result.stderr == """
            warning: \(progress) is damaged (lesson `\(Self.shown)` has a negative position); starting with no saved progress (the old file is kept as \(progress).damaged)

            """)
        #expect(result.stdout == """
            Lessons (\(lessons.path)):
              01-hostile    Hostile \(Self.shown) title — 0 done, 0 skipped of 1
              02-e\\e[2Jvil  Evil \\aname — 0 done, 0 skipped of 0
            Start with `tutor lesson 01`.

            """)
        Self.expectNoControls(result)

        // A name that fits no lesson lists them, titles visible.
        let unknown = try await TutorBinary.run(["lesson", "nothing", "--workspace", workspace.path], environment: ["TUTOR_LESSONS": lessons.path])
        #expect(unknown.status == 1)
        // (The damaged progress file was moved aside by the first run: no warning again.)
        #expect(unknown.stderr == """
            error: no lesson called `nothing`; the lessons are:
              01-hostile — Hostile \(Self.shown) title
              02-e\\e[2Jvil — Evil \\aname

            """)
        Self.expectNoControls(unknown)
    }

    /// `tutor check`: the answer's tokens and the lesson's hint visible in the text report; in
    /// JSON the texts are exact, every control escaped by JSON's own `\u` notation.
    @Test func checkingAnAnswerWithControls() async throws {
        let workspace = try Self.temporaryFolder("check")
        defer { try? FileManager.default.removeItem(at: workspace) }
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("answers"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("answers/01-hostile"), to: workspace.appendingPathComponent("answers/01-hostile"))
        let file = workspace.appendingPathComponent("answers/01-hostile/softmax-sum.tut").path
        let text = try await TutorBinary.run(["check", "--lessons", Self.fixtures.path, "--workspace", workspace.path], environment: TutorBinary.wide)
        #expect(text.status == 1)
        #expect(text.stderr == "")
        #expect(text.stdout == """
            ✗ 01-hostile/softmax-sum — \(file):2:16: unknown activation `sig\\e` (expected sigmoid, relu, tanh, softmax or linear)
                hint: Hint \(Self.shown) one.
            0 passed, 1 failed

            """)
        Self.expectNoControls(text)

        let json = try await TutorBinary.run(["check", "--json", "--lessons", Self.fixtures.path, "--workspace", workspace.path])
        #expect(json.status == 1)
        #expect(json.stderr == "")
        #expect(json.stdout == #"""
            {"exercise":"softmax-sum","lesson":"01-hostile","message":"\#(file):2:16: unknown activation `sig\u001b` (expected sigmoid, relu, tanh, softmax or linear)\nhint: Hint \u001b]0;owned\u0007\u001b[2J\u001bc\u009b31m\u202e one.","status":"error"}

            """#)
        Self.expectNoControls(json)
        let record = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((record?["message"] as? String)?.hasSuffix("hint: Hint \(Self.payload) one.") == true)
    }

    /// `tutor run SCRIPT`: echoed lines, `history`, a message quoting a typed path, the saved
    /// notebook, and a model file's unknown field in the error.
    @Test func aScriptItsNotebookAndAModelFile() async throws {
        let folder = try Self.temporaryFolder("script")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = Self.fixtures.appendingPathComponent("unknown-field.tut").path
        try """
            show onehot 3 # typed \(Self.payload)
            history
            save notebook "note\u{1B}[2J.md"
            load model \(model)

            """.write(to: folder.appendingPathComponent("s.tut"), atomically: true, encoding: .utf8)
        let result = try await TutorBinary.run(["run", "s.tut"], environment: TutorBinary.wide, in: folder)
        #expect(result.status == 1)
        let v = Self.shown
        #expect(result.stdout == """
            >>> show onehot 3 # typed \(v)
            onehot(3)
            0.0000 0.0000 0.0000 1.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000
            sum = 1.0000
            Position 3 is 1, every other is 0: the answer a perfect classifier would give for a 3.
            >>> history
            1  show onehot 3 # typed \(v)
            >>> save notebook "note\\e[2J.md"
            Saved this session as a Markdown notebook: note\\e[2J.md.
            >>> load model \(model)

            """)
        #expect(result.stderr == """
            error: cannot load the model: \(model) has `\(v)` in its header, which this tutor does not know
             --> s.tut:4:12
              |
            4 | load model \(model)
              |            \(String(repeating: "^", count: model.count))

            """)
        Self.expectNoControls(result)

        let notebook = try String(contentsOf: folder.appendingPathComponent("note\u{1B}[2J.md"), encoding: .utf8)
        #expect(notebook == """
            # tutor notebook

            ```tutor
            [1]> show onehot 3 # typed \(v)
            ```

            ```text
            onehot(3)
            0.0000 0.0000 0.0000 1.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000
            sum = 1.0000
            Position 3 is 1, every other is 0: the answer a perfect classifier would give for a 3.
            ```

            ```tutor
            [2]> history
            ```

            ```text
            1  show onehot 3 # typed \(v)
            ```

            ```tutor
            [3]> save notebook "note\\e[2J.md"
            ```

            """)
    }

    /// The parser refuses an exercise name with controls (it is letters, digits, `-` and `_`), and
    /// says so with the name visible and the carets under all of it as shown.
    @Test func anExerciseNameWithControlsIsRefusedVisibly() async throws {
        let result = try await TutorBinary.run(["run", "Tests/Fixtures/hostile/unparsable/02-bad-name.lesson"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        let name = "sum\(Self.shown)x"
        #expect(result.stderr == """
            error: an exercise name is letters, digits, `-` and `_`, found
                   `\(name)`
             --> Tests/Fixtures/hostile/unparsable/02-bad-name.lesson:2:10
              |
            2 | exercise \(name)
              |          \(String(repeating: "^", count: name.count))

            """)
        Self.expectNoControls(result)
    }

    /// At a real terminal (tmux), in colour: a replayed lesson neither clears the screen nor
    /// retitles the window, and Tab lists file names with controls visible without typing them.
    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"))
    func atARealTerminal() async throws {
        let folder = try Self.temporaryFolder("tty")
        let state = try Self.temporaryFolder("tty-state")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: state)
        }
        for name in ["m\u{1B}]0;owned\u{07}.tut", "m\u{1B}[2J.tut", "z\u{1B}c.tut"] {
            try "x".write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let lesson = Self.fixtures.appendingPathComponent("01-hostile.lesson").path
        let command = "cd '\(folder.path)' && XDG_STATE_HOME='\(state.path)' TERM=xterm-256color '\(TutorBinary.executable.path)' run '\(lesson)'"
            + " && XDG_STATE_HOME='\(state.path)' '\(TutorBinary.executable.path)'; echo \"tutor ended: $?\"; sleep 30"
        try await Tmux.session(command, width: 120, height: 60) { tmux in
            _ = try await tmux.wait(for: "[1]>")
            var screen = try await tmux.screen()
            // Nothing cleared the screen: the lesson's first line is still there, above its last.
            #expect(screen.contains("# Hostile \(Self.shown) title"))
            #expect(screen.contains("After \(Self.shown) the exercise."))
            #expect(try await tmux.run(["display-message", "-p", "-t", "test", "#{pane_title}"]) != "owned\n")

            try await tmux.type("load model m")
            try await tmux.keys("Tab")
            screen = try await tmux.wait(for: #"m\e[2J.tut"#)
            #expect(screen.contains(#"m\e]0;owned\a.tut"#))
            // The only candidate holds a control: it is listed, and the line is left as typed.
            try await tmux.keys("C-u")
            try await tmux.type("load model z")
            try await tmux.keys("Tab")
            screen = try await tmux.wait(for: #"z\ec.tut"#)
            #expect(screen.contains("[1]> load model z"))
            #expect(screen.contains("# Hostile \(Self.shown) title"))
            try await tmux.keys("C-u")
            try await tmux.type("quit")
            try await tmux.keys("Enter")
            // A session that ran nothing but `quit` leaves no notebook, and ends.
            screen = try await tmux.wait(for: "tutor ended: 0")
            #expect(!screen.contains("This session is kept as a Markdown notebook"))
        }
    }
}
