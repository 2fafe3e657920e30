import TextFormat

/// An error in what the learner typed, as a value: what is wrong, where, and what to do about it.
///
/// ``rendered()`` shows it the way compilers do, with carets under the whole bad token:
/// ```
/// error: unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)
///  --> lesson.tut:3:17
///   |
/// 3 | layer dense 256 sigmiod
///   |                 ^^^^^^^ did you mean `sigmoid`?
/// ```
/// At the prompt there is no file and the location reads `3:17` (3 being the notebook cell).
/// When something is missing, the caret sits one column past the last token of the line.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, starting in lowercase: what was found and what was expected, user words in backticks.
    public let message: String
    /// File, line and the first column of the bad token.
    public let location: SourceLocation
    /// The line as typed.
    public let lineText: String
    /// The columns to underline (1-based, inclusive); may lie one past the end of the line.
    public let columns: ClosedRange<Int>
    /// The note after the carets, e.g. "did you mean `sigmoid`?" or "usage: batch N".
    public let suggestion: String?

    /// A diagnostic underlining `columns` of `line`.
    public init(_ message: String, in line: SourceLine, columns: ClosedRange<Int>, suggestion: String? = nil) {
        self.message = message
        self.location = SourceLocation(file: line.file, line: line.number, column: columns.lowerBound)
        self.lineText = line.text
        self.columns = columns
        self.suggestion = suggestion
    }

    /// A diagnostic underlining `token`.
    public init(_ message: String, at token: Token, in line: SourceLine, suggestion: String? = nil) {
        self.init(message, in: line, columns: token.columns, suggestion: suggestion)
    }

    /// The note for a suggested word: "did you mean `word`?".
    public static func didYouMean(_ word: String) -> String {
        "did you mean `\(word)`?"
    }

    /// The full text as shown to the learner, without a trailing newline. Everything in it that
    /// came from a file or from typing — the message's quoted words, the file, the line, the
    /// suggestion — is shown with its control characters visible (``VisibleText``), and the carets
    /// stand under the bad token as the line is shown (`\e` takes two columns).
    ///
    /// With a `width` (a terminal's), the message is wrapped to it under its `error: ` and the
    /// suggestion under its own start after the carets (or on lines of its own below them when
    /// the carets leave it too little room); the location, the source line and the carets are
    /// never broken. Without one (files, tests), every part stays on one line.
    public func rendered(width: Int? = nil) -> String {
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // A tab takes one column like any character; print it as one space so the carets line up.
        let characters = Array(lineText.replacingTabsWithSpaces())
        let shownLine = VisibleText.of(String(characters))
        // Columns count characters of the line as typed; on screen, those before the token and
        // the token itself take as many columns as they are shown with.
        func shownWidth(upTo column: Int) -> Int {
            let count = min(max(0, column), characters.count)
            return VisibleText.of(String(characters[..<count])).count + max(0, column - characters.count)
        }
        let before = shownWidth(upTo: columns.lowerBound - 1)
        let underlined = max(1, shownWidth(upTo: columns.upperBound) - before)
        let carets = String(repeating: " ", count: before) + String(repeating: "^", count: underlined)
        let error = "error: \(VisibleText.of(message))"
        var lines = width.map { TextColumns.fit(line: error, width: $0) } ?? [error]
        lines += [
            "\(gutter)--> \(VisibleText.of(location.description))",
            "\(gutter) |",
            shownLine.isEmpty ? "\(number) |" : "\(number) | \(shownLine)",
        ]
        let caretLine = "\(gutter) | \(carets)"
        guard let suggestion else { return (lines + [caretLine]).joined(separator: "\n") }
        let note = VisibleText.of(suggestion)
        let start = TextColumns.width(caretLine) + 1
        guard let width = width.map({ max(TextColumns.narrowest, $0) }), start + TextColumns.width(note) > width else {
            return (lines + [caretLine + " " + note]).joined(separator: "\n")
        }
        if width - start >= Self.narrowestNote {
            let wrapped = TextColumns.wrap(note, width: width - start)
            let indent = "\(gutter) |" + String(repeating: " ", count: start - gutter.count - 2)
            lines.append(caretLine + " " + wrapped[0])
            lines += wrapped.dropFirst().map { indent + $0 }
        } else {
            lines.append(caretLine)
            lines += TextColumns.wrap(note, width: width - gutter.count - 3).map { "\(gutter) | " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// The fewest columns a suggestion is wrapped to beside the carets; with less room it goes below them.
    static let narrowestNote = 24

    public var description: String { rendered() }
}

extension String {
    fileprivate func replacingTabsWithSpaces() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
