/// The parser's cursor over the tokens of one line, with the helpers that phrase "missing" and
/// "unexpected" errors the same way for every command.
struct TokenStream {
    let line: SourceLine
    /// The tokens; ``mergePath()`` may join several into one.
    private(set) var tokens: [Token]
    /// The index of the next token to read.
    private(set) var position = 0

    init(line: SourceLine, tokens: [Token]) {
        self.line = line
        self.tokens = tokens
    }

    /// The next token, not yet consumed; nil at the end of the line.
    var current: Token? { tokens.indices.contains(position) ? tokens[position] : nil }

    /// Consumes and returns the next token.
    @discardableResult
    mutating func advance() -> Token? {
        guard let token = current else { return nil }
        position += 1
        return token
    }

    /// The line as typed from the first token to the last consumed one, for messages such as
    /// "expected the number of units after `layer dense`".
    var typedSoFar: String {
        guard position > 0, let first = tokens.first else { return "" }
        let characters = Array(line.text)
        let start = first.columns.lowerBound - 1
        let end = min(tokens[position - 1].columns.upperBound, characters.count)
        return start < end ? String(characters[start..<end]) : ""
    }

    /// The column just past the last token: where a missing argument would go.
    var endColumns: ClosedRange<Int> {
        let column = (tokens.last?.columns.upperBound ?? 0) + 1
        return column...column
    }

    /// An error underlining `token`.
    func error(_ message: String, at token: Token, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(message, at: token, in: line, suggestion: suggestion)
    }

    /// "expected WHAT after `TYPED`", pointing past the end of the line, with the usage of `keywords`.
    func missing(_ what: String, usage keywords: [String]) -> Diagnostic {
        Diagnostic(
            "expected \(what) after `\(typedSoFar)`", in: line, columns: endColumns,
            suggestion: HelpCatalog.usage(keywords))
    }

    /// Succeeds at the end of the line; otherwise reports the first extra token, with the usage of
    /// `keywords` (or `note` when given).
    func expectEnd(usage keywords: [String], note: String? = nil) throws(Diagnostic) {
        guard let extra = current else { return }
        let suggestion = note ?? HelpCatalog.usage(keywords)
        if extra.kind == .rightBracket {
            throw error("unmatched `]` after `\(typedSoFar)`", at: extra, suggestion: suggestion)
        }
        throw error("unexpected `\(extra.text)` after `\(typedSoFar)`", at: extra, suggestion: suggestion)
    }

    /// Joins the next token with the ones that touch it (no space between) into one token, so a
    /// path runs to the next space even when it contains `,`, `=`, `[` or `]`. Returns that token.
    mutating func mergePath() -> Token? {
        guard let first = current else { return nil }
        var end = position
        while end + 1 < tokens.count,
            tokens[end + 1].columns.lowerBound == tokens[end].columns.upperBound + 1
        {
            end += 1
        }
        guard end > position else { return first }
        let parts = tokens[position...end]
        let last = tokens[end]
        let merged = Token(
            kind: .word, text: parts.map(\.text).joined(), value: parts.map(\.value).joined(),
            columns: first.columns.lowerBound...last.columns.upperBound)
        tokens.replaceSubrange(position...end, with: [merged])
        return merged
    }
}
