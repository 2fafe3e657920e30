/// One line of source text — typed at the prompt or read from a script — with where it came from.
///
/// Columns everywhere in this module are 1-based and count characters (`Character`s) of ``text``.
public struct SourceLine: Equatable, Sendable {
    /// The line exactly as typed, without its line break.
    public let text: String
    /// The line number in its file, or the notebook cell number at the prompt (1-based).
    public let number: Int
    /// The file the line came from, or nil at the prompt.
    public let file: String?

    public init(text: String, number: Int, file: String? = nil) {
        self.text = text
        self.number = number
        self.file = file
    }

    /// The number of columns in the line.
    public var width: Int { text.count }
}

/// A point in the source: file (nil at the prompt), line and column, all shown as `file:line:column`.
public struct SourceLocation: Equatable, Sendable, CustomStringConvertible {
    public let file: String?
    public let line: Int
    public let column: Int

    public init(file: String?, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `lesson.tut:3:17` from a file, `3:17` at the prompt.
    public var description: String {
        if let file { return "\(file):\(line):\(column)" }
        return "\(line):\(column)"
    }
}
