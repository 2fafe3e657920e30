import Foundation
import Lessons
import Testing
import TutorLanguage
import TutorTerminal

/// Guess steps ("guess, then see"): the form, what the learner types and sees, what progress
/// keeps, and that replaying shows the truth while `tutor check` never grades a guess.
struct GuessTests {
    /// A lesson with a guess on softmax's first output, a guess on a layer's parameters whose
    /// commands build the model the exercise after it starts from, and that exercise.
    static let text = """
        # Guessing
        > Scores first.
        guess softmax-first
        > What will the first of softmax([2, 1, 0.1]) be?
        > Type a number.
        show softmax [2, 1, 0.1]
        reveal output 0
        why > The first score is the largest.
        why > It takes e² of e² + e¹ + e^0.1.
        end
        data mnist 100 10
        guess dense-params
        > How many parameters will `layer dense 256 sigmoid` have?
        layer flatten
        layer dense 256 sigmoid
        reveal layer params
        end
        exercise output-layer
        > Add a dense output layer of 10 softmax neurons.
        hint > layer dense 10 softmax
        hint > That is all.
        solution layer dense 10 softmax
        also layer dense 10 relu; pop; layer dense 10 softmax
        expect layers flatten, dense 256 sigmoid, dense 10 softmax
        end
        """

    static func lesson() throws -> Lesson {
        try LessonParser.parse(text, file: "lessons/09-guessing.lesson")
    }

    /// The time every guess of these tests is made at.
    static let noon = Date(timeIntervalSince1970: 1_796_212_800)  // 2026-12-02T12:00:00Z

    static func run(_ lesson: Lesson, record: ProgressRecord = ProgressRecord(), workspace: String? = nil,
                    interactive: Bool = false) -> LessonEngineTests.Run {
        LessonEngineTests.Run(lesson, record: record, workspace: workspace, interactive: interactive, prepare: { engine in
            engine.now = { GuessTests.noon }
        })
    }

    // MARK: - The form

    @Test func aGuessIsReadWithItsQuestionCommandsRevealAndWhy() throws {
        let lesson = try Self.lesson()
        #expect(lesson.guesses.map(\.name) == ["softmax-first", "dense-params"])
        let guess = try #require(lesson.guess(named: "softmax-first"))
        #expect(guess.line == 3)
        #expect(guess.question == "What will the first of softmax([2, 1, 0.1]) be? Type a number.")
        #expect(guess.commands.map(\.commandText) == ["show softmax [2, 1, 0.1]"])
        #expect(guess.reveal == Reveal(quantity: .output(0), text: "output 0", line: 7, columns: 8...15))
        #expect(guess.why == ["The first score is the largest. It takes e² of e² + e¹ + e^0.1."])
        #expect(lesson.items[0] == .narration("Scores first."))
        #expect(lesson.items[1] == .guess(guess))
        #expect(lesson.exercises.map(\.name) == ["output-layer"])
    }

    @Test(arguments: [
        ("output 3", Reveal.Quantity.output(3)), ("top output", .topOutput), ("sum", .sum), ("params", .parameters),
        ("layer params", .layerParameters), ("layer outputs", .layerOutputs), ("loss", .loss), ("accuracy", .accuracy),
        ("epoch loss", .epochLoss), ("Epoch Accuracy", .epochAccuracy), ("val loss", .validationLoss), ("val accuracy", .validationAccuracy),
    ])
    func everyQuantityIsRead(_ written: String, _ quantity: Reveal.Quantity) throws {
        let lesson = try LessonParser.parse("# Q\nguess q\n> How much?\nreveal \(written)\nend\n", file: "q.lesson")
        #expect(lesson.guesses.first?.reveal.quantity == quantity)
        #expect(lesson.guesses.first?.reveal.text == written)
    }

    // MARK: - Taking a guess

    /// A plain number: the truth beside it, how far off and which way, then the why lines.
    @Test func aGuessIsShownBesideTheTruth() throws {
        let run = Self.run(try Self.lesson())
        #expect(run.engine.prompt == .guess(name: "softmax-first"))
        #expect(run.shown.hasSuffix("""
            Guess: softmax-first
            What will the first of softmax([2, 1, 0.1]) be? Type a number.
            Type your guess: a number (`784*256+256` works too); Enter alone skips it.

            """))
        run.type("0.5")
        #expect(run.shown.contains("""
            0.6590 0.2424 0.0986
            sum = 1.0000
            Softmax makes the outputs positive and sum to 1, so they can be read as probabilities.
            You guessed 0.5. The truth is 0.6590 (output 0): 0.1590 too low, 24% off.
            why: The first score is the largest. It takes e² of e² + e¹ + e^0.1.

            """))
        #expect(run.engine.prompt == .guess(name: "dense-params"))
        #expect(run.engine.record.lessons["09-guessing"]?.guesses["softmax-first"]
            == GuessRecord(guess: 0.5, truth: Double(Float(0.6590011716)), when: Self.noon))
    }

    /// Grouped as tutor prints it, or arithmetic: both read as `answer` reads them.
    @Test(arguments: [
        ("200,960", "You guessed 200,960. The truth is 200,960 (the last layer's parameters): spot on."),
        ("784*256+256", "You guessed 200,960 (784*256+256). The truth is 200,960 (the last layer's parameters): spot on."),
        ("784 * 256", "You guessed 200,704 (784 * 256). The truth is 200,960 (the last layer's parameters): 256 too low, 0.13% off."),
        ("250000", "You guessed 250,000. The truth is 200,960 (the last layer's parameters): 49,040 too high, 24% off."),
    ])
    func aGroupedOrArithmeticGuess(_ typed: String, _ sentence: String) throws {
        let run = Self.run(try Self.lesson())
        run.type("", typed)
        #expect(run.shown.contains("784 → dense(256, sigmoid) → 256   params 784·256 + 256 = 200,960\n\(sentence)\n"))
        #expect(run.engine.prompt == .exercise(name: "output-layer", number: 1, total: 1))
    }

    /// Not a number: an error under the line, and the question stays; nothing runs.
    @Test(arguments: [
        ("about half", """
            error: expected a number, found `about`
             --> 1:1
              |
            1 | about half
              | ^^^^^ type a number, such as 0.5, 200,960 or 784*256+256; Enter alone skips the guess
            """),
        ("0.5 or so", """
            error: unexpected `or so` after the number
             --> 1:5
              |
            1 | 0.5 or so
              |     ^^^^^ type a number, such as 0.5, 200,960 or 784*256+256; Enter alone skips the guess
            """),
        ("1/0", """
            error: division by zero
             --> 1:3
              |
            1 | 1/0
              |   ^ type a number, such as 0.5, 200,960 or 784*256+256; Enter alone skips the guess
            """),
        ("2,00", """
            error: `2,00` is not a number: commas group digits in threes, as in `25,120`, and decimals take a point, as in `0.5`
             --> 1:1
              |
            1 | 2,00
              | ^^^^ type a number, such as 0.5, 200,960 or 784*256+256; Enter alone skips the guess
            """),
    ])
    func aBadGuessIsExplainedAndAskedAgain(_ typed: String, _ error: String) throws {
        let run = Self.run(try Self.lesson())
        run.type(typed)
        #expect(run.shown.hasSuffix(error + "\n"))
        #expect(run.engine.prompt == .guess(name: "softmax-first"))
        #expect(!run.shown.contains("0.6590"))
        #expect(run.engine.learner.session.lastOutputs == nil)
    }

    /// Enter alone or `skip`: no guess, but the step still runs and shows the truth; nothing is recorded.
    @Test(arguments: ["", "  ", "skip", "SKIP"])
    func noGuessStillRunsAndReveals(_ typed: String) throws {
        let run = Self.run(try Self.lesson())
        run.type(typed)
        #expect(run.shown.contains("sum = 1.0000\nSoftmax makes the outputs positive and sum to 1, so they can be read as probabilities.\nThe truth is 0.6590 (output 0).\nwhy: The first score is the largest. It takes e² of e² + e¹ + e^0.1.\n"))
        #expect(run.engine.prompt == .guess(name: "dense-params"))
        #expect(run.engine.record.lessons["09-guessing"]?.guesses.isEmpty == true)
    }

    /// `quit` and the end of input leave at the guess; coming back starts at the same guess.
    @Test(arguments: [LessonInput.line("quit"), .endOfInput])
    func leavingAtAGuessComesBackToIt(_ leave: LessonInput) throws {
        let lesson = try Self.lesson()
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-guess-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let first = Self.run(lesson, workspace: workspace)
        first.type("0.7")
        first.engine.receive(leave)
        #expect(first.shown.hasSuffix("Your progress is saved; `tutor lesson 09-guessing` continues where you left off.\n"))
        let saved = ProgressStore(workspace: workspace).load().record
        #expect(saved.lessons["09-guessing"]?.next == 3)  // the second guess
        #expect(saved.lessons["09-guessing"]?.guesses["softmax-first"]?.guess == 0.7)

        let again = Self.run(lesson, record: saved, workspace: workspace, interactive: true)
        #expect(again.engine.prompt == .resume(place: "at guess dense-params"))
        again.type("y")
        #expect(again.engine.prompt == .guess(name: "dense-params"))
        #expect(again.engine.learner.session.data != nil)  // the lesson's commands before it ran again
        #expect(again.shown.hasSuffix("How many parameters will `layer dense 256 sigmoid` have?\nType your guess: a number (`784*256+256` works too); Enter alone skips it.\n"))
        again.type("200000")
        #expect(again.shown.contains("You guessed 200,000. The truth is 200,960 (the last layer's parameters): 960 too low, 0.48% off.\n"))
        #expect(again.engine.prompt == .exercise(name: "output-layer", number: 1, total: 1))
        let both = ProgressStore(workspace: workspace).load().record.lessons["09-guessing"]?.guesses
        #expect(both?.keys.sorted() == ["dense-params", "softmax-first"])
    }

    /// The guess's commands are the lesson's own: the exercise after them starts from the model
    /// they built, and solving it needs only the last layer.
    @Test func anExerciseAfterAGuessStartsFromItsCommands() throws {
        let run = Self.run(try Self.lesson())
        run.type("", "", "layer dense 10 softmax")
        #expect(run.all.contains(.solved(exercise: "output-layer", answerFile: run.workspace + "/answers/09-guessing/output-layer.tut")))
    }

    // MARK: - What the reveal says

    @Test func theSentenceReadsTheDifferenceWithTheTruthsPrecision() {
        func outcome(_ guess: Double?, _ truth: Double?, count: Bool = false, missing: String? = nil) -> String {
            GuessOutcome(guess: guess, expression: nil, truth: truth, missing: missing, label: "the test loss", isCount: count).sentence
        }
        #expect(outcome(3, 2.4823) == "You guessed 3. The truth is 2.4823 (the test loss): 0.5177 too high, 21% off.")
        #expect(outcome(2.5, 2.4823) == "You guessed 2.5. The truth is 2.4823 (the test loss): 0.0177 too high, 0.71% off.")
        #expect(outcome(2.48232, 2.4823) == "You guessed 2.48232. The truth is 2.4823 (the test loss): spot on.")
        #expect(outcome(0.25, 0) == "You guessed 0.25. The truth is 0.0000 (the test loss): 0.2500 too high.")
        #expect(outcome(1e9, 0.5) == "You guessed 1,000,000,000. The truth is 0.5000 (the test loss): 999999999.5000 too high, over 1,000,000% off.")
        #expect(outcome(nil, 2.4823) == "The truth is 2.4823 (the test loss).")
        #expect(outcome(2, nil, missing: "no training yet") == "You guessed 2, but the truth cannot be read here: no training yet.")
        #expect(outcome(nil, nil, missing: "no training yet") == "The truth cannot be read here: no training yet.")
        #expect(outcome(784, 785, count: true) == "You guessed 784. The truth is 785 (the test loss): 1 too low, 0.13% off.")
    }

    /// Each quantity's value in a session, or why it has none.
    @Test func everyQuantityReadsTheSessionOrSaysWhatIsMissing() throws {
        func value(_ quantity: Reveal.Quantity, _ interpreter: Interpreter) -> String {
            let (value, missing) = Reveal(quantity: quantity, text: "", line: 1, columns: 1...1).value(in: interpreter.session)
            return value.map { String(format: "%.4f", $0) } ?? missing ?? "?"
        }
        let empty = try Support.interpreter()
        #expect(value(.output(0), empty) == "no outputs shown yet")
        #expect(value(.parameters, empty) == "no model yet")
        #expect(value(.layerParameters, empty) == "no layers yet")
        #expect(value(.loss, empty) == "no `evaluate` since the model last changed or trained")
        #expect(value(.epochAccuracy, empty) == "no training yet")
        let trained = try Support.interpreter([
            "data mnist 100 20", "layer flatten", "layer dense 10 softmax", "fit 1 validate 0.2", "evaluate", "show sigmoid [0, 2]",
        ])
        let session = trained.session
        let epoch = try #require(session.history.last)
        let evaluation = try #require(session.lastEvaluation)
        #expect(value(.output(1), trained) == "0.8808")
        #expect(value(.output(2), trained) == "the outputs shown last have no output 2 (they are 2, from output 0)")
        #expect(value(.topOutput, trained) == "0.8808")
        #expect(value(.sum, trained) == "1.3808")
        #expect(value(.parameters, trained) == "7850.0000")
        #expect(value(.layerParameters, trained) == "7850.0000")
        #expect(value(.layerOutputs, trained) == "10.0000")
        #expect(value(.loss, trained) == String(format: "%.4f", evaluation.loss))
        #expect(value(.accuracy, trained) == String(format: "%.4f", evaluation.accuracy))
        #expect(value(.epochLoss, trained) == String(format: "%.4f", epoch.loss))
        #expect(value(.epochAccuracy, trained) == String(format: "%.4f", epoch.accuracy))
        #expect(value(.validationLoss, trained) == String(format: "%.4f", epoch.validationLoss ?? -1))
        #expect(value(.validationAccuracy, trained) == String(format: "%.4f", epoch.validationAccuracy ?? -1))
        try trained.execute(line: "fit 1", number: 9) { _ in }
        #expect(value(.validationLoss, trained) == "the last epoch held out no validation data (`fit N validate X`)")
    }

    // MARK: - Replaying and checking

    /// `tutor run FILE.lesson`: the question is shown, nothing is asked, the commands run and the truth is shown.
    @Test func replayingShowsTheQuestionAndTheTruth() throws {
        let lesson = try Self.lesson()
        var events: [LessonEvent] = []
        try LessonReplay.replay(lesson, interpreter: LessonEngineTests.interpreter()) { events.append($0) }
        let guess = try #require(lesson.guess(named: "softmax-first"))
        #expect(events.contains(.guessAsked(guess, asking: false)))
        let revealed = events.compactMap { event -> String? in
            if case .guessRevealed(_, let outcome) = event { return outcome.sentence }
            return nil
        }
        #expect(revealed == ["The truth is 0.6590 (output 0).", "The truth is 200,960 (the last layer's parameters)."])
    }

    /// A reveal that the commands leave without a value is a lesson error, found by replaying.
    @Test func aRevealWithNothingToReadFailsTheReplay() throws {
        let lesson = try LessonParser.parse("""
            # Wrong
            guess trained
            > What will the loss of the first epoch be?
            data mnist 100 10
            reveal epoch loss
            end
            """, file: "w.lesson")
        #expect(LessonReplayTests.replayError(lesson) == """
            error: guess `trained` reveals `epoch loss`, which its commands leave without a value
             --> w.lesson:5:8
              |
            5 | reveal epoch loss
              |        ^^^^^^^^^^ found no training yet
            """)
    }

    /// `tutor check` runs a guess's commands before the exercise after it, and reports only exercises.
    @Test func checkRunsAGuesssCommandsButNeverGradesIt() throws {
        let lesson = try Self.lesson()
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-guess-check-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let answers = AnswerFiles(workspace: workspace)
        try FileManager.default.createDirectory(atPath: answers.folder(lessonName: "09-guessing"), withIntermediateDirectories: true)
        try "layer dense 10 softmax\n".write(toFile: answers.path(lessonName: "09-guessing", exercise: "output-layer"), atomically: true, encoding: .utf8)
        var record = ProgressRecord()
        record.lessons["09-guessing"] = LessonProgress(next: 3, guesses: ["softmax-first": GuessRecord(guess: 0.5, truth: 0.659, when: Self.noon)])
        try ProgressStore(workspace: workspace).save(record)
        let checker = Checker(answers: answers, makeInterpreter: LessonEngineTests.interpreter)
        let outcomes = checker.check([CheckSelection(lesson: lesson, exercises: lesson.exercises)])
        #expect(outcomes.map(\.exercise) == ["output-layer"])
        #expect(outcomes.map(\.status) == [.passed])
        #expect(CheckReport.text(outcomes) == "✓ 09-guessing/output-layer\n1 passed, 0 failed")
    }

    // MARK: - Progress

    /// Two runs on one workspace: the newest guess of a step is kept, whichever run saves last.
    @Test func theMergeKeepsTheNewestGuess() {
        let early = GuessRecord(guess: 0.5, truth: 0.659, when: Self.noon)
        let late = GuessRecord(guess: 0.66, truth: 0.659, when: Self.noon.addingTimeInterval(60))
        let base = ProgressRecord(lessons: ["03": LessonProgress(next: 2)])
        // The file has the later guess (another run); this run made the earlier one.
        let file = ProgressRecord(lessons: ["03": LessonProgress(next: 4, guesses: ["softmax-first": late])])
        let mine = ProgressRecord(lessons: ["03": LessonProgress(next: 3, guesses: ["softmax-first": early, "other": early])])
        let merged = file.merging(mine, since: base)
        #expect(merged.lessons["03"]?.guesses == ["softmax-first": late, "other": early])
        // The other way round: this run's later guess replaces the file's earlier one.
        let reversed = ProgressRecord(lessons: ["03": LessonProgress(next: 4, guesses: ["softmax-first": early])])
            .merging(ProgressRecord(lessons: ["03": LessonProgress(next: 3, guesses: ["softmax-first": late])]), since: base)
        #expect(reversed.lessons["03"]?.guesses == ["softmax-first": late])
    }

    /// Guesses are written with their time as ISO 8601 text and read back; a file from before
    /// guesses were kept still loads.
    @Test func guessesRoundTripAndOldFilesLoad() throws {
        let workspace = ProgressTests.folder("guesses")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let store = ProgressStore(workspace: workspace)
        let record = ProgressRecord(current: "03", lessons: [
            "03": LessonProgress(next: 5, guesses: ["softmax-first": GuessRecord(guess: 0.5, truth: nil, when: Self.noon)]),
        ])
        try store.save(record)
        #expect(try String(contentsOfFile: store.path, encoding: .utf8).contains("""
                  "guesses" : {
                    "softmax-first" : {
                      "guess" : 0.5,
                      "when" : "2026-12-02T12:00:00Z"
                    }
                  },
            """))
        #expect(store.load().record == record)
        try #"{"version": 1, "lessons": {"03": {"next": 2, "exercises": {"equal-scores": "done"}}}}"#
            .write(toFile: store.path, atomically: true, encoding: .utf8)
        let (old, problem) = store.load()
        #expect(problem == nil)
        #expect(old.lessons["03"] == LessonProgress(next: 2, exercises: ["equal-scores": .done]))
    }
}
