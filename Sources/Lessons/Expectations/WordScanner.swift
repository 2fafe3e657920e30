import TutorLanguage

/// A word of a lesson line with the columns it covers (1-based, inclusive).
struct Word: Equatable {
    let text: String
    let columns: ClosedRange<Int>
}

/// A cursor over the words of one lesson line, from a given column on. Words are separated by
/// spaces and tabs; a comma is a word of its own unless it sits between two digits (`200,960`).
/// It phrases "missing" and "unexpected" errors as caret ``Diagnostic``s, as the language does.
struct WordScanner {
    let line: SourceLine
    private(set) var words: [Word]
    private(set) var position = 0

    /// The words of `line` that start at `column` or later.
    init(_ line: SourceLine, from column: Int) {
        self.line = line
        self.words = WordScanner.split(line.text).filter { $0.columns.lowerBound >= column }
    }

    /// The next word, not consumed; nil at the end of the line.
    var current: Word? { words.indices.contains(position) ? words[position] : nil }
    var isAtEnd: Bool { current == nil }

    /// Consumes and returns the next word.
    @discardableResult
    mutating func advance() -> Word? {
        guard let word = current else { return nil }
        position += 1
        return word
    }

    /// Consumes the next word when it is `text` (ignoring case).
    mutating func accept(_ text: String) -> Bool {
        guard let word = current, word.text.lowercased() == text else { return false }
        position += 1
        return true
    }

    /// One column past the last word: where something missing would go.
    var endColumns: ClosedRange<Int> {
        let column = (words.last?.columns.upperBound ?? line.width) + 1
        return column...column
    }

    /// A diagnostic underlining `word`, or the end of the line when it is nil.
    func error(_ message: String, at word: Word?, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(message, in: line, columns: word?.columns ?? endColumns, suggestion: suggestion)
    }

    /// Consumes `text` or throws "expected `text` after …, found …".
    mutating func expect(_ text: String, after previous: String, usage: String) throws(Diagnostic) {
        if accept(text) { return }
        throw error("expected `\(text)` after `\(previous)`, found \(WordScanner.describe(current))", at: current, suggestion: "usage: \(usage)")
    }

    /// Consumes a finite number, or throws naming `what` was expected.
    mutating func number(_ what: String, usage: String) throws(Diagnostic) -> Double {
        guard let word = current, let value = Double(word.text), value.isFinite else {
            throw error("expected \(what), found \(WordScanner.describe(current))", at: current, suggestion: "usage: \(usage)")
        }
        position += 1
        return value
    }

    /// Consumes a number or simple arithmetic as `answer` takes it (`25,120`, `784*32+32`, see
    /// ``Arithmetic``), or throws naming `what` was expected.
    mutating func arithmetic(_ what: String, usage: String) throws(Diagnostic) -> Double {
        guard let first = current, Arithmetic.mayBegin(first.text) else {
            throw error("expected \(what), found \(WordScanner.describe(current))", at: current, suggestion: "usage: \(usage)")
        }
        let last = words.last?.columns.upperBound ?? first.columns.upperBound
        let reading: Arithmetic.Reading
        do {
            reading = try Arithmetic.read(line, from: first.columns.lowerBound, through: last)
        } catch {
            throw Diagnostic(error.message, in: line, columns: error.columns, suggestion: error.suggestion ?? "usage: \(usage)")
        }
        while let word = current, word.columns.upperBound <= reading.endColumn { position += 1 }
        if let word = current, word.columns.lowerBound <= reading.endColumn {
            // The expression ended inside a word, at a mark such as `]` that only commas split off.
            throw error("unexpected `\(word.text)` at the end of the check", at: word, suggestion: "usage: \(usage)")
        }
        return reading.value
    }

    /// Consumes a whole number ≥ `minimum`, written plainly or grouped with commas (`200,960`).
    mutating func wholeNumber(_ what: String, atLeast minimum: Int, usage: String) throws(Diagnostic) -> Int {
        let digits = current.map { $0.text.filter { $0 != "," } } ?? ""
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits), value >= minimum else {
            throw error("expected \(what) (a whole number, at least \(minimum)), found \(WordScanner.describe(current))", at: current, suggestion: "usage: \(usage)")
        }
        position += 1
        return value
    }

    /// Throws unless every word has been read; `what` names the line's part ("the check").
    func expectEnd(usage: String, what: String = "the check") throws(Diagnostic) {
        guard let word = current else { return }
        throw error("unexpected `\(word.text)` at the end of \(what)", at: word, suggestion: "usage: \(usage)")
    }

    /// "`word`" or "the end of the line".
    static func describe(_ word: Word?) -> String {
        word.map { "`\($0.text)`" } ?? "the end of the line"
    }

    /// Splits `text` into words with their columns.
    static func split(_ text: String) -> [Word] {
        let characters = Array(text)
        var words: [Word] = []
        var start: Int?
        func close(_ end: Int) {
            if let first = start {
                words.append(Word(text: String(characters[first..<end]), columns: (first + 1)...end))
            }
            start = nil
        }
        for (index, character) in characters.enumerated() {
            if character == " " || character == "\t" {
                close(index)
            } else if character == "," && !isDigitComma(characters, index) {
                close(index)
                words.append(Word(text: ",", columns: (index + 1)...(index + 1)))
            } else if start == nil {
                start = index
            }
        }
        close(characters.count)
        return words
    }

    private static func isDigitComma(_ characters: [Character], _ index: Int) -> Bool {
        index > 0 && index + 1 < characters.count
            && characters[index - 1].isASCII && characters[index - 1].isNumber
            && characters[index + 1].isASCII && characters[index + 1].isNumber
    }
}
