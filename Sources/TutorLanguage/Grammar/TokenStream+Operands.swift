import TextFormat

/// Reading a `V` argument: a vector `[2, 1, 0.1]`, a matrix `[[1, 2], [3, 4]]` or a `let` name.
/// Commas between values and rows are optional; one trailing comma is allowed.
extension TokenStream {
    /// A vector, a matrix or a name.
    mutating func operand(usage: [String]) throws(Diagnostic) -> Operand {
        guard let token = current else {
            throw missing("a vector such as `[2, 1, 0.1]` or a name", usage: usage)
        }
        switch token.kind {
        case .leftBracket:
            return try bracketedOperand()
        case .word where Self.isName(token.text):
            advance()
            return .name(token.text)
        case .number:
            let run = numberRun()
            let numbers = run.filter { $0.kind == .number }.map(\.numberText).joined(separator: ", ")
            let end = run.last ?? token
            let typed = String(Array(line.text)[(token.columns.lowerBound - 1)..<end.columns.upperBound])
            throw error(
                "expected a vector in brackets, found `\(typed)`", at: token, spanning: end,
                suggestion: Diagnostic.didYouMean("[\(numbers)]"))
        default:
            throw error(
                "expected a vector such as `[2, 1, 0.1]` or a name, found `\(token.text)`", at: token,
                suggestion: HelpCatalog.usage(usage))
        }
    }

    /// `[ … ]`: a matrix when its first element is itself bracketed, else a vector.
    private mutating func bracketedOperand() throws(Diagnostic) -> Operand {
        guard let open = advance() else { throw missing("`[`", usage: []) }
        guard current?.kind == .leftBracket else {
            return .vector(try numbers(after: open, what: "vector"))
        }
        var rows: [[Float]] = []
        var lastWasRow = false
        while true {
            guard let token = current else { throw unclosed(open) }
            switch token.kind {
            case .rightBracket:
                advance()
                return .matrix(rows)
            case .comma where lastWasRow:
                advance()
                lastWasRow = false
            case .leftBracket:
                advance()
                let row = try numbers(after: token, what: "row")
                if let first = rows.first, first.count != row.count {
                    let close = tokens[position - 1]
                    throw error(
                        "matrix rows must have the same length: row 1 has \(Thousands.counted(first.count, "number")), "
                            + "row \(rows.count + 1) has \(Thousands.counted(row.count, "number"))",
                        at: token, spanning: close)
                }
                rows.append(row)
                lastWasRow = true
            default:
                throw error("expected a row such as `[1, 2]` or `]`, found `\(token.text)`", at: token)
            }
        }
    }

    /// The numbers up to the `]` that closes `open` (already consumed), at least one.
    private mutating func numbers(after open: Token, what: String) throws(Diagnostic) -> [Float] {
        var values: [Float] = []
        var lastWasNumber = false
        while true {
            guard let token = current else { throw unclosed(open) }
            switch token.kind {
            case .rightBracket:
                advance()
                guard !values.isEmpty else {
                    throw error("empty \(what): give at least one number between `[` and `]`", at: open, spanning: token)
                }
                return values
            case .comma where lastWasNumber:
                advance()
                lastWasNumber = false
            case .number:
                guard let value = Float(token.text), value.isFinite else {
                    throw error("number too large: `\(token.text)`", at: token)
                }
                advance()
                values.append(value)
                lastWasNumber = true
            default:
                throw error("expected a number or `]`, found `\(token.text)`", at: token)
            }
        }
    }

    /// "expected `]` to close the `[` at column N", pointing past the end of the line.
    private func unclosed(_ open: Token) -> Diagnostic {
        Diagnostic(
            "expected `]` to close the `[` at column \(open.columns.lowerBound), found the end of the line",
            in: line, columns: endColumns)
    }

    /// An error underlining from `first` to `last`.
    func error(
        _ message: String, at first: Token, spanning last: Token, suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            message, in: line, columns: first.columns.lowerBound...last.columns.upperBound, suggestion: suggestion)
    }

    /// The numbers (and commas between them) from the current token on, ending with a number.
    private func numberRun() -> [Token] {
        var run: [Token] = []
        var index = position
        while index < tokens.count, tokens[index].kind == .number || tokens[index].kind == .comma {
            run.append(tokens[index])
            index += 1
        }
        while let last = run.last, last.kind == .comma { run.removeLast() }
        return run
    }
}
