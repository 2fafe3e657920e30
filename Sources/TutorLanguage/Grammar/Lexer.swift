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
/// * Outside brackets a number may group its digits with commas as tutor prints them
///   (`25,120`, `1,000,000.5`): one token, whose ``Token/numberText`` drops the commas. Inside
///   brackets a comma always separates the numbers of a vector, so `[25,120]` is two numbers.
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
        result.tokens = joiningGroupedNumbers(result.tokens)
        return result
    }

    /// `tokens` with each run `25` `,` `120` (touching, outside brackets, grouped in threes) made
    /// one number token `25,120`.
    private static func joiningGroupedNumbers(_ tokens: [Token]) -> [Token] {
        var joined: [Token] = []
        var depth = 0
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .leftBracket { depth += 1 }
            if token.kind == .rightBracket { depth = max(0, depth - 1) }
            let end = depth == 0 ? commaJoinedNumbers(tokens, from: index) : index
            let text = tokens[index...end].map(\.text).joined()
            if end > index, groupedNumberValue(text) != nil {
                joined.append(Token(kind: .number, text: text, columns: token.columns.lowerBound...tokens[end].columns.upperBound))
                index = end + 1
            } else {
                joined.append(token)
                index += 1
            }
        }
        return joined
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

    /// The index of the last token of the run `number` `,` `number` `,` … that starts at `index`,
    /// every token touching the next (`index` itself when the token there starts no such run).
    static func commaJoinedNumbers(_ tokens: [Token], from index: Int) -> Int {
        guard tokens.indices.contains(index), tokens[index].kind == .number else { return index }
        var end = index
        while end + 2 < tokens.count, tokens[end + 1].kind == .comma, tokens[end + 2].kind == .number,
            tokens[end + 1].columns.lowerBound == tokens[end].columns.upperBound + 1,
            tokens[end + 2].columns.lowerBound == tokens[end + 1].columns.upperBound + 1
        {
            end += 2
        }
        return end
    }

    /// The number `text` stands for when it groups its digits in threes with commas, as tutor
    /// prints numbers (`25,120`, `-1,000,000.5`, a sign and 1 to 3 digits, then `,` and 3
    /// digits each time, then what a number literal may end with): `text` without its commas.
    /// Nil for text without commas or with commas elsewhere (`0,5`, `1000,200`).
    static func groupedNumberValue(_ text: String) -> String? {
        guard text.contains(",") else { return nil }
        var groups = text.split(separator: ",", omittingEmptySubsequences: false)
        var first = groups.removeFirst()
        if let sign = first.first, sign == "+" || sign == "-" { first.removeFirst() }
        guard (1...3).contains(first.count), first.allSatisfy(\.isASCIIDigit), let last = groups.popLast(),
            groups.allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }),
            last.prefix(while: \.isASCIIDigit).count == 3
        else { return nil }
        let plain = text.filter { $0 != "," }
        return isNumberLiteral(plain) ? plain : nil
    }

    /// Why `text`, a number with a comma in it that ``groupedNumberValue(_:)`` does not read
    /// (`0,5`), is not a number.
    static func groupingProblem(_ text: String) -> String {
        "`\(text)` is not a number: commas group digits in threes, as in `25,120`, and decimals take a point, as in `0.5`"
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
