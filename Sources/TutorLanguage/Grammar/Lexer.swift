/// Splits one line into ``Token``s. Knows nothing of commands: what a word means is the parser's job.
///
/// * Spaces and tabs separate tokens; `#` outside a string starts a comment that runs to the end
///   of the line.
/// * `[`, `]`, `,` and `=` are tokens of their own, even without spaces around them.
/// * `"…"` is a string (for paths with spaces); inside it `\"` is a quote and `\\` a backslash.
/// * Every other run of characters is a word — or a number when it reads as one: an optional
///   sign, digits with an optional fraction (`0.1`, `.1`, `5.`), an optional exponent (`1e-3`).
///   So `models/a.tut`, `/tmp/x.json` and `../y` are single words; `2abc` is a word too (the
///   parser then says it expected a number).
public enum Lexer {
    /// The tokens of `line`, or a diagnostic for a string without its closing quote.
    public static func tokenize(_ line: SourceLine) throws(Diagnostic) -> [Token] {
        let scan = scan(line.text)
        if let open = scan.unterminatedString {
            throw Diagnostic(
                "unterminated string: expected a closing `\"`", in: line, columns: open.columns)
        }
        return scan.tokens
    }

    /// What a lenient pass over a line found; used by ``tokenize(_:)`` and by tab completion,
    /// which must cope with half-typed lines.
    struct Scan {
        /// Every token, including a final unterminated string.
        var tokens: [Token] = []
        /// The string that reached the end of the line without its closing quote, if any.
        var unterminatedString: Token?
        /// The column of the `#` that starts a comment, if any.
        var commentColumn: Int?
    }

    /// The characters that end a word and are not part of one.
    static let delimiters: Set<Character> = ["[", "]", ",", "=", "#", "\""]

    /// Scans `text` without failing.
    static func scan(_ text: String) -> Scan {
        let characters = Array(text)
        var result = Scan()
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character.isWhitespace {
                index += 1
                continue
            }
            switch character {
            case "#":
                result.commentColumn = column
                return result
            case "[", "]", ",", "=":
                result.tokens.append(Token(kind: punctuationKind(character), text: String(character), columns: column...column))
                index += 1
            case "\"":
                let (token, closed, next) = string(in: characters, from: index)
                result.tokens.append(token)
                if !closed { result.unterminatedString = token }
                index = next
            default:
                var end = index
                while end < characters.count, !characters[end].isWhitespace, !delimiters.contains(characters[end]) {
                    end += 1
                }
                let text = String(characters[index..<end])
                let kind: Token.Kind = isNumberLiteral(text) ? .number : .word
                result.tokens.append(Token(kind: kind, text: text, columns: column...end))
                index = end
            }
        }
        return result
    }

    private static func punctuationKind(_ character: Character) -> Token.Kind {
        switch character {
        case "[": return .leftBracket
        case "]": return .rightBracket
        case ",": return .comma
        default: return .equals
        }
    }

    /// The string starting at the quote at `start`: its token, whether it was closed, and the
    /// index just after it.
    private static func string(in characters: [Character], from start: Int) -> (Token, closed: Bool, next: Int) {
        var contents = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "\"" {
                let token = Token(
                    kind: .string, text: String(characters[start...index]), value: contents,
                    columns: (start + 1)...(index + 1))
                return (token, true, index + 1)
            }
            if character == "\\", index + 1 < characters.count, characters[index + 1] == "\"" || characters[index + 1] == "\\" {
                contents.append(characters[index + 1])
                index += 2
            } else {
                contents.append(character)
                index += 1
            }
        }
        let token = Token(
            kind: .string, text: String(characters[start...]), value: contents,
            columns: (start + 1)...max(start + 1, characters.count))
        return (token, false, characters.count)
    }

    /// Whether `text` is a number literal: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
    static func isNumberLiteral(_ text: String) -> Bool {
        var characters = Substring(text)
        if let first = characters.first, first == "+" || first == "-" { characters.removeFirst() }
        let integerDigits = characters.prefix(while: \.isASCIIDigit)
        characters.removeFirst(integerDigits.count)
        var fractionDigits = Substring()
        if characters.first == "." {
            characters.removeFirst()
            fractionDigits = characters.prefix(while: \.isASCIIDigit)
            characters.removeFirst(fractionDigits.count)
        }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return false }
        if let first = characters.first, first == "e" || first == "E" {
            characters.removeFirst()
            if let sign = characters.first, sign == "+" || sign == "-" { characters.removeFirst() }
            let exponentDigits = characters.prefix(while: \.isASCIIDigit)
            guard !exponentDigits.isEmpty else { return false }
            characters.removeFirst(exponentDigits.count)
        }
        return characters.isEmpty
    }

    /// Whether `text` is a whole number literal: an optional sign and digits only.
    static func isWholeNumberLiteral(_ text: String) -> Bool {
        var characters = Substring(text)
        if let first = characters.first, first == "+" || first == "-" { characters.removeFirst() }
        return !characters.isEmpty && characters.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    /// `0`…`9` only (not other scripts' digits, which `Int(_:)` would not read).
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
