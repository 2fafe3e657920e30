/// One token of a line: a word, a number, a quoted string or a punctuation mark.
public struct Token: Equatable, Sendable {
    /// What kind of token this is.
    public enum Kind: Equatable, Sendable {
        /// A keyword, a name or a path: a run of characters other than spaces, `[ ] , = # "`.
        case word
        /// A number such as `256`, `-2`, `0.1`, `.1`, `1e-3`, or outside brackets `25,120`.
        case number
        /// A double-quoted string such as `"my models/a.tut"`; ``Token/value`` holds it without quotes.
        case string
        /// `[`
        case leftBracket
        /// `]`
        case rightBracket
        /// `,`
        case comma
        /// `=`
        case equals
    }

    public let kind: Kind
    /// The token exactly as typed (a string keeps its quotes).
    public let text: String
    /// What the token stands for: a string's contents without quotes and escapes; otherwise ``text``.
    public let value: String
    /// The 1-based columns the token covers in its line.
    public let columns: ClosedRange<Int>

    public init(kind: Kind, text: String, value: String? = nil, columns: ClosedRange<Int>) {
        self.kind = kind
        self.text = text
        self.value = value ?? text
        self.columns = columns
    }

    /// A number's text without the commas that group its digits (`25,120` → `25120`), which
    /// `Int(_:)` and `Double(_:)` read; otherwise ``text``.
    public var numberText: String {
        kind == .number && text.contains(",") ? text.filter { $0 != "," } : text
    }

    /// The text lowercased, for case-insensitive keyword matching.
    public var keyword: String { text.lowercased() }

    /// Whether this is a word equal to `keyword`, ignoring case.
    public func isKeyword(_ keyword: String) -> Bool {
        kind == .word && text.lowercased() == keyword
    }
}
