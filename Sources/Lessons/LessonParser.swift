import TutorLanguage

/// Reads a `.lesson` file (format in LESSONS.md) into a ``Lesson``. Every mistake is a caret
/// ``Diagnostic`` with file:line:column, like the language's; a command in a lesson is parsed by
/// TutorLanguage's ``Parser``, so its errors read exactly as at the prompt.
public enum LessonParser {
    /// The longest exercise (or guess) name (characters, all ASCII): the name is the answer file's
    /// (`NAME.tut`), and the answer is written through a temporary `.NAME.tut.RANDOM.tmp` beside
    /// it, so a name must leave room for that within a file name's 255 bytes; 64 does, and still
    /// fits on the exercise's prompt line. Guesses follow the same rule, as they share the names.
    public static let maximumExerciseNameLength = 64

    /// Parses a whole lesson; `file` is the name diagnostics show.
    public static func parse(_ text: String, file: String?) throws(Diagnostic) -> Lesson {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { raw in
            raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
        }
        var reader = LessonReader(file: file, lines: lines)
        return try reader.read()
    }
}

/// The parser's state while it walks the lines of one lesson.
private struct LessonReader {
    let file: String?
    let lines: [String]
    private var items: [LessonItem] = []
    private var paragraph: [String] = []
    private var exercise: ExerciseDraft?
    private var guess: GuessDraft?
    /// Exercise and guess names seen so far, with the line and the kind (`exercise`, `guess`) of each.
    private var names: [String: (line: Int, kind: String)] = [:]

    init(file: String?, lines: [String]) {
        self.file = file
        self.lines = lines
    }

    mutating func read() throws(Diagnostic) -> Lesson {
        let first = SourceLine(text: lines.first ?? "", number: 1, file: file)
        let title = first.text.hasPrefix("#") ? String(first.text.dropFirst()).trimmingSpaces() : ""
        guard !title.isEmpty else {
            throw Diagnostic(
                "expected the lesson's title on the first line", in: first, columns: 1...max(1, first.width),
                suggestion: "like `# Sigmoid versus softmax`")
        }
        for (index, text) in lines.enumerated().dropFirst() {
            try readLine(SourceLine(text: text, number: index + 1, file: file))
        }
        if let open = exercise {
            throw Diagnostic(
                "exercise `\(open.name)` has no `end`", in: open.source, columns: open.nameColumns,
                suggestion: "add `end` after its last `expect`")
        }
        if let open = guess {
            throw Diagnostic(
                "guess `\(open.name)` has no `end`", in: open.source, columns: open.nameColumns,
                suggestion: "add `end` after its `reveal` and `why >` lines")
        }
        endParagraph()
        return Lesson(title: title, items: items, file: file, lines: lines)
    }

    private mutating func readLine(_ line: SourceLine) throws(Diagnostic) {
        let trimmed = line.text.trimmingSpaces()
        if trimmed.isEmpty { return endParagraph() }
        if trimmed.hasPrefix("#") { return }
        if trimmed.hasPrefix(">") { return narrate(String(trimmed.dropFirst()).trimmingSpaces()) }
        endParagraph()
        let words = WordScanner.split(line.text)
        let keyword = words.first?.text.lowercased() ?? ""
        if exercise != nil { return try readExerciseLine(line, keyword: keyword, words: words) }
        if guess != nil { return try readGuessLine(line, keyword: keyword, words: words) }
        switch keyword {
        case "exercise": exercise = try beginExercise(line, words: words)
        case "guess": guess = try beginGuess(line, words: words)
        case "end":
            throw Diagnostic("`end` without an exercise or a guess to end", in: line, columns: words[0].columns,
                             suggestion: "an exercise starts with `exercise NAME`, a guess with `guess NAME`")
        case "hint", "solution", "expect", "also", "miss", "points":
            throw Diagnostic("`\(keyword)` outside an exercise", in: line, columns: words[0].columns,
                             suggestion: "put it between `exercise NAME` and `end`")
        case _ where keyword == "reveal" || keyword == "why" || keyword.hasPrefix("why>"):
            let word = keyword.hasPrefix("why") ? "why >" : "reveal"
            throw Diagnostic("`\(word)` outside a guess", in: line, columns: words[0].columns,
                             suggestion: "put it between `guess NAME` and `end`")
        default:
            if trimmed == "---" { return items.append(.pause) }
            if let statement = try Parser.parse(line.text, line: line.number, file: file) {
                try refuseQuit(statement)
                items.append(.command(statement))
            }
        }
    }

    // MARK: - Narration

    private mutating func narrate(_ text: String) {
        if text.isEmpty { return endParagraph() }
        paragraph.append(text)
    }

    private mutating func endParagraph() {
        guard !paragraph.isEmpty else { return }
        let text = paragraph.joined(separator: " ")
        paragraph = []
        if exercise != nil {
            exercise?.prompt.append(text)
        } else if guess != nil {
            guess?.question.append(text)
        } else {
            items.append(.narration(text))
        }
    }

    // MARK: - Exercises

    private mutating func beginExercise(_ line: SourceLine, words: [Word]) throws(Diagnostic) -> ExerciseDraft {
        let name = try self.name(of: "exercise", line, words: words, note: "it names the answer file: shorten it")
        return ExerciseDraft(name: name.text, source: line, nameColumns: name.columns)
    }

    /// The name after `exercise` or `guess` (`kind`): letters, digits, `-` and `_`, at most
    /// ``LessonParser/maximumExerciseNameLength`` characters, unique among the lesson's exercises
    /// and guesses; `note` is the suggestion for a name too long.
    private mutating func name(of kind: String, _ line: SourceLine, words: [Word], note: String) throws(Diagnostic) -> Word {
        let article = kind == "exercise" ? "an" : "a"
        guard words.count > 1 else {
            throw Diagnostic("expected the \(kind)'s name after `\(kind)`", in: line, columns: endColumns(line, words),
                             suggestion: "usage: \(kind) NAME")
        }
        let name = words[1]
        guard name.text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw Diagnostic("\(article) \(kind) name is letters, digits, `-` and `_`, found `\(name.text)`", in: line, columns: name.columns)
        }
        let limit = LessonParser.maximumExerciseNameLength
        guard name.text.count <= limit else {
            throw Diagnostic("\(article) \(kind) name is at most \(limit) characters, found one of \(name.text.count)", in: line,
                             columns: name.columns, suggestion: note)
        }
        if words.count > 2 {
            throw Diagnostic("unexpected `\(words[2].text)` after the \(kind) name", in: line, columns: words[2].columns,
                             suggestion: "usage: \(kind) NAME")
        }
        if let earlier = names[name.text] {
            if earlier.kind == kind && kind == "exercise" {
                throw Diagnostic("exercise `\(name.text)` is already defined on line \(earlier.line)", in: line, columns: name.columns,
                                 suggestion: "exercise names must be unique in a lesson")
            }
            throw Diagnostic("`\(name.text)` already names the \(earlier.kind) on line \(earlier.line)", in: line, columns: name.columns,
                             suggestion: "exercise and guess names must be unique in a lesson")
        }
        names[name.text] = (line.number, kind)
        return name
    }

    private mutating func readExerciseLine(_ line: SourceLine, keyword: String, words: [Word]) throws(Diagnostic) {
        guard var draft = exercise else { return }
        switch keyword {
        case _ where keyword == "hint" || keyword.hasPrefix("hint>"):
            draft.hints.append(try text(after: "hint", line, words: words))
        case "solution":
            draft.solution.append(try solution(line, word: words[0]))
        case "also":
            draft.alternatives.append(try alternative(line, word: words[0]))
        case "expect":
            draft.expectations.append(try ExpectationParser.parse(line))
        case "points":
            if let earlier = draft.pointsLine {
                throw Diagnostic("exercise `\(draft.name)` already has `points` on line \(earlier)", in: line,
                                 columns: words[0].columns, suggestion: "an exercise has one `points` line")
            }
            draft.points = try Points.parse(line, words: words)
            draft.pointsLine = line.number
        case _ where keyword == "miss" || keyword.hasPrefix("miss>"):
            guard let last = draft.expectations.popLast() else {
                throw Diagnostic("`miss >` before any `expect`", in: line, columns: words[0].columns,
                                 suggestion: "put `miss > TEXT` right after the `expect` whose failure it explains")
            }
            draft.expectations.append(last.missing(try text(after: "miss", line, words: words)))
        case "end":
            if words.count > 1 {
                throw Diagnostic("unexpected `\(words[1].text)` after `end`", in: line, columns: words[1].columns)
            }
            exercise = nil
            return items.append(.exercise(try draft.finished()))
        case "exercise":
            throw Diagnostic("expected `end` of exercise `\(draft.name)` before the next exercise", in: line,
                             columns: words[0].columns, suggestion: "add `end` after the last `expect` of `\(draft.name)`")
        case "guess":
            throw Diagnostic("a guess cannot be inside exercise `\(draft.name)`", in: line,
                             columns: words[0].columns, suggestion: "add `end` after the last `expect` of `\(draft.name)` first")
        default:
            let isCommand = (try? Parser.parse(line.text, line: line.number, file: file)) != nil
            let near = Suggestion.nearest(to: keyword, in: ["hint", "solution", "also", "expect", "miss", "points", "end"])
            throw Diagnostic(
                "unexpected line in exercise `\(draft.name)`: expected `>`, `hint >`, `solution`, `also`, `expect`, `miss >`, `points` or `end`",
                in: line, columns: words[0].columns,
                suggestion: isCommand ? "commands in an exercise go after `solution`" : near.map(Diagnostic.didYouMean))
        }
        exercise = draft
    }

    // MARK: - Guesses

    private mutating func beginGuess(_ line: SourceLine, words: [Word]) throws(Diagnostic) -> GuessDraft {
        let name = try self.name(of: "guess", line, words: words, note: "it names the guess in the learner's progress: shorten it")
        return GuessDraft(name: name.text, source: line, nameColumns: name.columns)
    }

    /// A line between `guess NAME` and `end`: commands, then one `reveal`, then `why >` lines.
    private mutating func readGuessLine(_ line: SourceLine, keyword: String, words: [Word]) throws(Diagnostic) {
        guard var draft = guess else { return }
        switch keyword {
        case _ where keyword == "why" || keyword.hasPrefix("why>"):
            draft.why.append(try text(after: "why", line, words: words))
        case "reveal":
            if let earlier = draft.reveal {
                throw Diagnostic("guess `\(draft.name)` already reveals `\(earlier.text)` on line \(earlier.line)", in: line,
                                 columns: words[0].columns, suggestion: "a guess reveals one value: keep one `reveal`")
            }
            draft.reveal = try Reveal.parse(line)
        case "end":
            if words.count > 1 {
                throw Diagnostic("unexpected `\(words[1].text)` after `end`", in: line, columns: words[1].columns)
            }
            guess = nil
            return items.append(.guess(try draft.finished()))
        case "hint", "solution", "expect", "also", "miss", "exercise":
            throw Diagnostic("`\(keyword)` cannot be inside guess `\(draft.name)`: a guess is not graded", in: line, columns: words[0].columns,
                             suggestion: keyword == "exercise" ? "add `end` after the `why >` lines of `\(draft.name)` first"
                                 : "a guess holds `>` lines, commands, one `reveal` and `why >` lines")
        case "guess":
            throw Diagnostic("expected `end` of guess `\(draft.name)` before the next guess", in: line,
                             columns: words[0].columns, suggestion: "add `end` after the `why >` lines of `\(draft.name)`")
        default:
            if line.text.trimmingSpaces() == "---" {
                throw Diagnostic("a pause cannot be inside guess `\(draft.name)`", in: line, columns: words[0].columns,
                                 suggestion: "put `---` before `guess \(draft.name)` or after its `end`")
            }
            let statement: Statement?
            do {
                statement = try Parser.parse(line.text, line: line.number, file: file)
            } catch {
                let near = Suggestion.nearest(to: keyword, in: ["reveal", "why", "end"])
                throw near.map { Diagnostic(error.message, in: line, columns: error.columns, suggestion: Diagnostic.didYouMean($0)) } ?? error
            }
            guard let statement else { break }
            try refuseQuit(statement)
            if let reveal = draft.reveal {
                throw Diagnostic("the commands of guess `\(draft.name)` go before its `reveal` (line \(reveal.line))", in: line,
                                 columns: words[0].columns, suggestion: "the reveal reads the value the commands leave")
            }
            draft.commands.append(statement)
        }
        guess = draft
    }

    /// The text of a `hint > TEXT` or `miss > TEXT` line (`keyword` is `hint` or `miss`).
    private func text(after keyword: String, _ line: SourceLine, words: [Word]) throws(Diagnostic) -> String {
        let length = keyword.count
        let rest = line.text.trimmingSpaces().dropFirst(length).trimmingSpaces()
        guard rest.hasPrefix(">") else {
            let column = words[0].columns.lowerBound + length
            let columns = words.count > 1 && words[0].text.count == length ? words[1].columns : column...column
            throw Diagnostic("expected `>` after `\(keyword)`, then the \(keyword)'s text", in: line, columns: columns,
                             suggestion: "usage: \(keyword) > TEXT")
        }
        let text = String(rest.dropFirst()).trimmingSpaces()
        guard !text.isEmpty else {
            throw Diagnostic("expected the \(keyword)'s text after `\(keyword) >`", in: line, columns: endColumns(line, words),
                             suggestion: "usage: \(keyword) > TEXT")
        }
        return text
    }

    /// A lesson that could `quit` would end `tutor run` before its later solutions are proven.
    private func refuseQuit(_ statement: Statement) throws(Diagnostic) {
        guard statement.command == .quit else { return }
        let columns = statement.tokens.first?.columns ?? 1...1
        throw Diagnostic("a lesson cannot `quit`: replaying it must reach every exercise", in: line(statement), columns: columns,
                         suggestion: "remove the line; the learner leaves with `quit` themselves")
    }

    private func line(_ statement: Statement) -> SourceLine {
        let index = statement.line.number - 1
        return SourceLine(text: lines.indices.contains(index) ? lines[index] : statement.line.text, number: statement.line.number, file: file)
    }

    /// `also CMD; CMD; …`: one more correct answer, its commands separated by `;` (outside quotes),
    /// each parsed with the columns of the lesson line.
    private func alternative(_ line: SourceLine, word: Word) throws(Diagnostic) -> [Statement] {
        let characters = Array(line.text)
        var pieces: [Range<Int>] = []
        var start = word.columns.upperBound, quoted = false
        for index in start..<characters.count {
            if characters[index] == "\"" { quoted.toggle() }
            if characters[index] == ";" && !quoted {
                pieces.append(start..<index)
                start = index + 1
            }
        }
        pieces.append(start..<characters.count)
        var statements: [Statement] = []
        for piece in pieces {
            let blanked = String(repeating: " ", count: piece.lowerBound) + String(characters[piece])
            let column = min(piece.lowerBound + 1, max(1, characters.count))
            statements.append(try command(blanked, of: line) {
                Diagnostic("expected a command here", in: line, columns: column...column, suggestion: "usage: also COMMAND; COMMAND; …")
            })
        }
        return statements
    }

    /// Parses `text` — the lesson line with all but one command blanked out, so that columns stay
    /// those of the line — as that command, refusing `quit`; `missing` is the error when it holds none.
    private func command(_ text: String, of line: SourceLine, missing: () -> Diagnostic) throws(Diagnostic) -> Statement {
        let statement: Statement?
        do {
            statement = try Parser.parse(text, line: line.number, file: file)
        } catch {
            throw Diagnostic(error.message, in: line, columns: error.columns, suggestion: error.suggestion)
        }
        guard let statement else { throw missing() }
        try refuseQuit(statement)
        return statement
    }

    /// The command after `solution`, parsed with `solution` blanked out so columns stay those of the lesson line.
    private func solution(_ line: SourceLine, word: Word) throws(Diagnostic) -> Statement {
        let blanked = String(repeating: " ", count: word.columns.upperBound) + line.text.dropFirst(word.columns.upperBound)
        let column = word.columns.upperBound + 1
        return try command(blanked, of: line) {
            Diagnostic("expected a command after `solution`", in: line, columns: column...column, suggestion: "usage: solution COMMAND")
        }
    }

    private func endColumns(_ line: SourceLine, _ words: [Word]) -> ClosedRange<Int> {
        let column = (words.last?.columns.upperBound ?? 0) + 1
        return column...column
    }
}

/// An exercise while its lines are being read.
private struct ExerciseDraft {
    let name: String
    let source: SourceLine
    let nameColumns: ClosedRange<Int>
    var prompt: [String] = []
    var hints: [String] = []
    var solution: [Statement] = []
    var alternatives: [[Statement]] = []
    var expectations: [Expectation] = []
    var points = Points.standard
    /// The line of the exercise's `points` line, once read.
    var pointsLine: Int?

    init(name: String, source: SourceLine, nameColumns: ClosedRange<Int>) {
        self.name = name
        self.source = source
        self.nameColumns = nameColumns
    }

    /// The exercise, or a diagnostic when it lacks a solution or a check.
    func finished() throws(Diagnostic) -> Exercise {
        if solution.isEmpty {
            throw Diagnostic("exercise `\(name)` has no `solution`", in: source, columns: nameColumns,
                             suggestion: "add `solution COMMAND` before its `end`")
        }
        if expectations.isEmpty {
            throw Diagnostic("exercise `\(name)` has no `expect`", in: source, columns: nameColumns,
                             suggestion: "add a check such as `expect answer 1` before its `end`")
        }
        return Exercise(name: name, line: source.number, prompt: prompt.joined(separator: "\n"), hints: hints,
                        solution: solution, alternatives: alternatives, expectations: expectations, points: points)
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

/// A guess while its lines are being read.
private struct GuessDraft {
    let name: String
    let source: SourceLine
    let nameColumns: ClosedRange<Int>
    var question: [String] = []
    var commands: [Statement] = []
    var reveal: Reveal?
    var why: [String] = []

    init(name: String, source: SourceLine, nameColumns: ClosedRange<Int>) {
        self.name = name
        self.source = source
        self.nameColumns = nameColumns
    }

    /// The guess, or a diagnostic when it lacks a question or a reveal.
    func finished() throws(Diagnostic) -> Guess {
        if question.isEmpty {
            throw Diagnostic("guess `\(name)` has no question", in: source, columns: nameColumns,
                             suggestion: "add `>` lines asking for the number, after `guess \(name)`")
        }
        guard let reveal else {
            throw Diagnostic("guess `\(name)` has no `reveal`", in: source, columns: nameColumns,
                             suggestion: "add `reveal QUANTITY` (such as `reveal output 0`) before its `end`")
        }
        return Guess(name: name, line: source.number, question: question.joined(separator: "\n"), commands: commands,
                     reveal: reveal, why: why.isEmpty ? [] : [why.joined(separator: " ")])
    }
}
