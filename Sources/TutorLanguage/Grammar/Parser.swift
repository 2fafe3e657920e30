import NeuralNet

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
