import Files
import NeuralNet
import TextFormat

/// Turns lines of the tutor language into ``Statement``s, or into ``Diagnostic``s that say what is
/// wrong. Checks everything the grammar can know: known words, argument counts and types, numbers
/// that fit and lie in range, all read off the ``CommandTable``. Pure: no printing, no session.
public enum Parser {
    /// Parses one line. Returns nil for a blank or comment-only line.
    /// - Parameters:
    ///   - text: one line; a trailing line break is ignored, one inside is an error.
    ///   - line: its line number in `file`, or the notebook cell number at the prompt.
    ///   - file: the file it came from, nil at the prompt.
    public static func parse(_ text: String, line: Int, file: String?) throws(Diagnostic) -> Statement? {
        if isTooLong(text) {
            // Refused before anything else looks at it: lexing a line takes many times its size.
            throw Diagnostic(
                "this line is longer than the \(Thousands.grouped(FileLimits.lineBytes)) bytes a line can have; nothing on it was run",
                in: SourceLine(text: shown(text), number: line, file: file), columns: 1...1,
                suggestion: "put one command on each line")
        }
        var text = text
        while text.last?.isNewline == true { text.removeLast() }
        if let breakIndex = text.firstIndex(where: \.isNewline) {
            let firstLine = SourceLine(text: String(text[..<breakIndex]), number: line, file: file)
            let column = firstLine.width + 1
            throw Diagnostic(
                "expected one command per line, found a line break", in: firstLine, columns: column...column)
        }
        let source = SourceLine(text: text, number: line, file: file)
        let tokens = try Lexer.tokenize(source)
        guard !tokens.isEmpty else { return nil }
        var parser = FormParser(stream: TokenStream(line: source, tokens: tokens))
        let command = try parser.command()
        return Statement(command: command, line: source, tokens: parser.stream.tokens)
    }
    /// Whether `text` is longer than a line may be (``FileLimits/lineBytes``, a trailing line
    /// break not counted).
    public static func isTooLong(_ text: String) -> Bool {
        var bytes = text.utf8.count
        if text.utf8.last == UInt8(ascii: "\n") { bytes -= 1 }
        return bytes > FileLimits.lineBytes
    }

    /// What is shown of a line: the line itself, or of a line too long to run its first 60
    /// Unicode scalars and `…`.
    public static func shown(_ text: String) -> String {
        guard isTooLong(text) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(60))) + " …"
    }

    /// Parses a whole script, one result per line that is not blank or a comment, in order.
    /// Lines are numbered from 1; a line's errors do not stop the others from being parsed.
    public static func parseScript(_ text: String, file: String?) -> [Result<Statement, Diagnostic>] {
        var results: [Result<Statement, Diagnostic>] = []
        for (index, lineText) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            do {
                if let statement = try parse(String(lineText), line: index + 1, file: file) {
                    results.append(.success(statement))
                }
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }
}
