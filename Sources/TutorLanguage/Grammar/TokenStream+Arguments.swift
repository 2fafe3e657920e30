/// Reading one argument of each kind — whole numbers, numbers, keywords, names, paths — with the
/// checks the grammar alone can make and the messages that go with them. `usage` is always the
/// command's leading keywords, for the "usage: …" note.
extension TokenStream {
    /// A whole number (`256`, `-2`) described by `what` ("the number of units"), at least `minimum`.
    mutating func wholeNumber(_ what: String, atLeast minimum: Int, usage: [String]) throws(Diagnostic) -> Int {
        let token = try wholeNumberToken(what, usage: usage)
        guard let value = Int(token.numberText) else { throw error("number too large: `\(token.text)`", at: token) }
        guard value >= minimum else { throw error(Self.range(what, atLeast: minimum, found: token), at: token) }
        return value
    }

    /// A whole number in `range`, such as a digit 0…9.
    mutating func wholeNumber(_ what: String, in range: ClosedRange<Int>, usage: [String]) throws(Diagnostic) -> Int {
        let token = try wholeNumberToken(what, usage: usage)
        guard let value = Int(token.numberText), range.contains(value) else {
            throw error(
                "\(what) must be from \(range.lowerBound) to \(range.upperBound), found `\(token.text)`", at: token)
        }
        return value
    }

    /// A whole number from 0 to `UInt64.max` (a seed).
    mutating func unsignedNumber(_ what: String, usage: [String]) throws(Diagnostic) -> UInt64 {
        let token = try wholeNumberToken(what, usage: usage)
        var digits = Substring(token.numberText)
        let negative = digits.first == "-"
        if digits.first == "-" || digits.first == "+" { digits.removeFirst() }
        if negative, digits.contains(where: { $0 != "0" }) {
            throw error(Self.range(what, atLeast: 0, found: token), at: token)
        }
        guard let value = UInt64(digits) else { throw error("number too large: `\(token.text)`", at: token) }
        return value
    }

    /// Any finite number (`0.1`, `.1`, `1e-3`, `-2`).
    mutating func number(_ what: String, usage: [String]) throws(Diagnostic) -> (value: Double, token: Token) {
        guard let token = current else { throw missing(what, usage: usage) }
        try rejectMisgroupedNumber()
        guard token.kind == .number else {
            throw error(
                "expected \(what) (a number), found `\(token.text)`", at: token,
                suggestion: HelpCatalog.usage(usage))
        }
        guard let value = Double(token.numberText), value.isFinite else {
            throw error("number too large: `\(token.text)`", at: token)
        }
        advance()
        return (value, token)
    }

    /// A finite number that fits a `Float` (the engine's precision).
    mutating func float(_ what: String, usage: [String]) throws(Diagnostic) -> (value: Float, token: Token) {
        let (value, token) = try number(what, usage: usage)
        let single = Float(value)
        guard single.isFinite else { throw error("number too large: `\(token.text)`", at: token) }
        return (single, token)
    }

    /// One of `words` (ignoring case), called a `noun` in messages ("activation"). Returns the word
    /// as listed and its token.
    mutating func keyword(_ noun: String, from words: [String], usage: [String]) throws(Diagnostic) -> (word: String, token: Token) {
        guard let token = current else {
            throw missing("\(Self.article(noun)) \(noun) (\(Keywords.list(words)))", usage: usage)
        }
        guard token.kind == .word else {
            throw error(
                "expected \(Self.article(noun)) \(noun) (\(Keywords.list(words))), found `\(token.text)`", at: token,
                suggestion: HelpCatalog.usage(usage))
        }
        guard let word = words.first(where: { $0 == token.keyword }) else {
            throw unknown(noun, token, expected: words)
        }
        advance()
        return (word, token)
    }

    /// "unknown NOUN `word` (expected a, b or c)" with the nearest word as a suggestion.
    func unknown(_ noun: String, _ token: Token, expected words: [String]) -> Diagnostic {
        error(
            "unknown \(noun) `\(token.text)` (expected \(Keywords.list(words)))", at: token,
            suggestion: Suggestion.nearest(to: token.text, in: words).map(Diagnostic.didYouMean))
    }

    /// One of `words` or nothing, such as the `train` or `test` after an index: the word given
    /// (as listed), consumed. A near miss (`tset`) is an error; anything else is left for
    /// ``expectEnd(usage:note:)`` to report.
    mutating func optionalWord(_ words: [String]) throws(Diagnostic) -> String? {
        guard let token = current, token.kind == .word else { return nil }
        if let word = words.first(where: { token.isKeyword($0) }) {
            advance()
            return word
        }
        if let near = Suggestion.nearest(to: token.text, in: words) {
            let expected = words.map { "`\($0)`" }.joined(separator: ", ")
            throw error(
                "unexpected `\(token.text)` after `\(typedSoFar)` (expected \(expected) or nothing)", at: token,
                suggestion: Diagnostic.didYouMean(near))
        }
        return nil
    }

    /// A number as people write it or simple arithmetic (see ``Arithmetic``), described by `what`
    /// ("the answer"); the tokens it covers are consumed.
    mutating func arithmetic(_ what: String, usage: [String]) throws(Diagnostic) -> Arithmetic.Reading {
        guard let token = current else { throw missing(what, usage: usage) }
        guard token.kind == .number || (token.kind == .word && Arithmetic.mayBegin(token.text)) else {
            throw error(
                "expected \(what) (a number), found `\(token.text)`", at: token, suggestion: HelpCatalog.usage(usage))
        }
        let reading = try Arithmetic.read(line, from: token.columns.lowerBound, through: tokens.last?.columns.upperBound ?? 0)
        // Reading stops at a space or a punctuation mark, which end tokens: it covers whole tokens.
        while let next = current, next.columns.upperBound <= reading.endColumn { advance() }
        return reading
    }

    /// Keras' `activation="relu"` spelling of a choice: explained, with the word to write instead.
    func rejectNamedArgument(_ noun: String, words: [String], usage: [String]) throws(Diagnostic) {
        let start = position
        guard start + 1 < tokens.count, tokens[start].kind == .word, tokens[start + 1].kind == .equals else { return }
        let last = start + 2 < tokens.count ? tokens[start + 2] : tokens[start + 1]
        let typed = String(Array(line.text)[(tokens[start].columns.lowerBound - 1)..<last.columns.upperBound])
        let value = last.kind == .word || last.kind == .string ? last.value.lowercased() : ""
        let suggestion = words.first { $0 == value }.map(Diagnostic.didYouMean) ?? HelpCatalog.usage(usage)
        throw Diagnostic(
            "unexpected `\(typed)` (write the \(noun) alone, without `name=`)", in: line,
            columns: tokens[start].columns.lowerBound...last.columns.upperBound, suggestion: suggestion)
    }

    /// The `=` of `let NAME = V`.
    mutating func equals(usage: [String]) throws(Diagnostic) {
        guard let token = current else { throw missing("`=`", usage: usage) }
        guard token.kind == .equals else {
            throw error(
                "expected `=` after `\(typedSoFar)`, found `\(token.text)`", at: token, suggestion: HelpCatalog.usage(usage))
        }
        advance()
    }

    /// A command name for `help`, as its topic (aliases resolved).
    mutating func helpTopic(usage: [String]) throws(Diagnostic) -> String {
        guard let token = current else { throw missing("a command name", usage: usage) }
        guard token.kind == .word else {
            throw error("expected a command name, found `\(token.text)`", at: token, suggestion: HelpCatalog.usage(usage))
        }
        guard let topic = HelpCatalog.topic(named: token.text) else {
            throw error(
                "unknown help topic `\(token.text)` (type `help` to list the commands)", at: token,
                suggestion: Suggestion.command(for: token.text).map(Diagnostic.didYouMean))
        }
        advance()
        return topic
    }

    /// A name for `let`: letters, digits and `_`, starting with a letter or `_`.
    mutating func name(usage: [String]) throws(Diagnostic) -> String {
        guard let token = current else { throw missing("a name", usage: usage) }
        guard token.kind == .word, Self.isName(token.text) else {
            throw error(
                "expected a name (letters, digits and `_`, starting with a letter), found `\(token.text)`", at: token,
                suggestion: HelpCatalog.usage(usage))
        }
        advance()
        return token.text
    }

    /// A FILE or DIR argument: everything up to the next space, or a quoted string.
    mutating func path(_ what: String, usage: [String]) throws(Diagnostic) -> String {
        guard let token = mergePath() else { throw missing(what, usage: usage) }
        guard !token.value.isEmpty else { throw error("expected \(what), found an empty string", at: token) }
        advance()
        return token.value
    }

    /// Whether `text` may name a vector: letters, digits and `_`, not starting with a digit.
    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    // MARK: - Helpers

    /// The next token as a whole number literal, not yet range-checked; consumed.
    private mutating func wholeNumberToken(_ what: String, usage: [String]) throws(Diagnostic) -> Token {
        guard let token = current else { throw missing(what, usage: usage) }
        try rejectMisgroupedNumber()
        guard token.kind == .number, Lexer.isWholeNumberLiteral(token.numberText) else {
            throw error(
                "expected \(what) (a whole number), found `\(token.text)`", at: token,
                suggestion: HelpCatalog.usage(usage))
        }
        advance()
        return token
    }

    /// Refuses a number that a comma joins to more digits without grouping them in threes
    /// (`0,5`, `1000,200`: the lexer left them apart), saying how commas and decimals are written.
    private func rejectMisgroupedNumber() throws(Diagnostic) {
        guard let first = current, first.kind == .number else { return }
        let end = Lexer.commaJoinedNumbers(tokens, from: position)
        guard end > position else { return }
        let text = tokens[position...end].map(\.text).joined()
        throw error(Lexer.groupingProblem(text), at: first, spanning: tokens[end])
    }

    /// "WHAT must be at least 1, found `0`" or "WHAT must be 0 or more, found `-1`".
    private static func range(_ what: String, atLeast minimum: Int, found token: Token) -> String {
        let bound = minimum == 0 ? "0 or more" : "at least \(minimum)"
        return "\(what) must be \(bound), found `\(token.text)`"
    }

    /// "a" or "an" before `noun`.
    static func article(_ noun: String) -> String {
        guard let first = noun.first?.lowercased() else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}
