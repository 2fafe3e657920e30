import TextFormat

/// A number as people write it, or simple arithmetic on numbers: what `answer X` takes, and a
/// lesson's `expect answer X` by the same rules.
///
/// * A number is written as anywhere else (`0.1`, `.1`, `1e-3`), or with its digits grouped in
///   threes by commas, as tutor prints them (`25,120`, `1,000,000.5`).
/// * `+`, `-` (or `−`), `*` (or `·` and `×`, as tutor prints `784·256`) and `/` combine numbers,
///   `*` and `/` before `+` and `-`, otherwise from left to right; parentheses group; a sign may
///   stand before a number or a parenthesis (`-(2+3)`); spaces may stand between the parts.
///
/// Reading stops where the expression is complete and what comes next is a space or a
/// punctuation mark of the language (`[ ] , = # "`) not followed by an operator: the rest of the
/// line belongs to the command (`expect answer 784*32 + 32 within 1`).
public enum Arithmetic {
    /// What was read.
    public struct Reading: Equatable, Sendable {
        /// The value, a finite number.
        public let value: Double
        /// The expression as written when it is more than a number with an optional sign
        /// (`784*32+32`, `-(5)`), to show next to its value; nil for `25,120` or `-2`.
        public let expression: String?
        /// The last column read (1-based, in the line's characters).
        public let endColumn: Int
    }

    /// Whether `text`, a token or a word, may begin an expression: it begins with a digit, `.`,
    /// a sign or `(`, and holds nothing but digits, `.`, `,`, `e`, `E`, operators and parentheses.
    /// A word that does not (`one`, `3x`, `inf`) is no number at all.
    public static func mayBegin(_ text: String) -> Bool {
        guard let first = text.first, first.isASCIIDigit || first == "." || first == "(" || sign(first) != nil else {
            return false
        }
        return text.allSatisfy { $0.isASCIIDigit || "().,eE".contains($0) || Operator($0) != nil }
    }

    /// Reads the expression that starts at `column` of `line`, reading no further than
    /// `lastColumn` (the end of the line's last token: a comment is not read).
    public static func read(_ line: SourceLine, from column: Int, through lastColumn: Int) throws(Diagnostic) -> Reading {
        var reader = Reader(line: line, start: column - 1, limit: min(lastColumn, line.text.count))
        return try reader.whole()
    }

    /// A value as `answer` shows it: to 10 significant digits (`0.3333333333`, `1e-20`), the
    /// digits before the point grouped in threes (`25,120`, `25,120.5`).
    public static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return Thousands.grouped(Int(value)) }
        let digits = NumberText.significant(value, 10)
        guard !digits.contains("e"), let point = digits.firstIndex(of: "."), let whole = Int(digits[..<point]) else {
            return digits
        }
        return (value < 0 && whole == 0 ? "-" : "") + Thousands.grouped(whole) + digits[point...]
    }

    /// An operator, with the other characters that write it.
    enum Operator {
        case plus, minus, times, divide

        init?(_ character: Character) {
            switch character {
            case "+": self = .plus
            case "-", "−": self = .minus
            case "*", "·", "×": self = .times
            case "/": self = .divide
            default: return nil
            }
        }

        var isAdditive: Bool { self == .plus || self == .minus }

        func apply(_ left: Double, _ right: Double) -> Double {
            switch self {
            case .plus: return left + right
            case .minus: return left - right
            case .times: return left * right
            case .divide: return left / right
            }
        }
    }

    /// The sign `character` writes, if it writes one: +1 or -1.
    static func sign(_ character: Character) -> Double? {
        switch Operator(character) {
        case .plus?: return 1
        case .minus?: return -1
        default: return nil
        }
    }
}

/// A recursive-descent reader over one line's characters.
private struct Reader {
    /// A part read: its value and the indices of its first and last characters.
    struct Part {
        var value: Double
        var first: Int
        var last: Int
        /// A number with an optional sign, nothing more.
        var isNumber: Bool
    }

    let line: SourceLine
    let characters: [Character]
    let start: Int
    /// One past the last index that may be read.
    let limit: Int
    var index: Int
    /// Whether an operator or a parenthesis was read.
    var isArithmetic = false

    init(line: SourceLine, start: Int, limit: Int) {
        self.line = line
        self.characters = Array(line.text)
        self.start = start
        self.limit = max(start, limit)
        self.index = start
    }

    var current: Character? { index < limit ? characters[index] : nil }

    /// The whole expression, with nothing touching its end that could continue it.
    mutating func whole() throws(Diagnostic) -> Arithmetic.Reading {
        let part = try sum()
        let end = index
        skipSpaces()
        if current == ")" { throw error("unmatched `)` after `\(text(start..<end))`", at: index...index) }
        index = end
        return Arithmetic.Reading(
            value: part.value, expression: isArithmetic ? text(start..<end) : nil, endColumn: part.last + 1)
    }

    /// `term (+|- term)*`
    mutating func sum() throws(Diagnostic) -> Part {
        var part = try product()
        while let (op, at) = nextOperator(where: \.isAdditive) {
            let right = try product(after: at)
            part = try combine(part, op, right)
        }
        return part
    }

    /// `factor (*|/ factor)*`
    mutating func product(after operatorIndex: Int? = nil) throws(Diagnostic) -> Part {
        var part = try factor(after: operatorIndex)
        while let (op, at) = nextOperator(where: { !$0.isAdditive }) {
            let right = try factor(after: at)
            if op == .divide, right.value == 0 {
                let divisor = text(right.first..<(right.last + 1))
                throw error(
                    right.isNumber ? "division by zero" : "division by zero: `\(divisor)` is 0",
                    at: right.first...right.last)
            }
            part = try combine(part, op, right)
        }
        return part
    }

    /// `(+|-) factor`, `( sum )` or a number.
    mutating func factor(after operatorIndex: Int?) throws(Diagnostic) -> Part {
        skipSpaces()
        guard let character = current else { throw missingOperand(after: operatorIndex) }
        let first = index
        if let sign = Arithmetic.sign(character) {
            index += 1
            var part = try factor(after: first)
            part.value *= sign
            part.first = first
            return part
        }
        if character == "(" {
            isArithmetic = true
            index += 1
            let inner = try sum()
            skipSpaces()
            guard current == ")" else {
                throw error(
                    "expected `)` to close the `(` at column \(first + 1), found \(found())",
                    at: current == nil ? (index...index) : foundRange())
            }
            index += 1
            let part = Part(value: inner.value, first: first, last: index - 1, isNumber: false)
            return try touching(part)
        }
        guard character.isASCIIDigit || character == "." else { throw missingOperand(after: operatorIndex) }
        let part = try number()
        return try touching(part)
    }

    /// A number literal, its digits perhaps grouped with commas.
    mutating func number() throws(Diagnostic) -> Part {
        let first = index
        while let character = current {
            let previous = index > first ? characters[index - 1] : nil
            let next = index + 1 < limit ? characters[index + 1] : nil
            if character.isASCIIDigit || character == "." || character == "e" || character == "E"
                || (character == "," && next?.isASCIIDigit == true)
                || ((character == "+" || character == "-") && (previous == "e" || previous == "E"))
            {
                index += 1
            } else {
                break
            }
        }
        let literal = text(first..<index)
        let range = first...(index - 1)
        let plain = literal.contains(",") ? Lexer.groupedNumberValue(literal) : literal
        guard let plain, Lexer.isNumberLiteral(plain) else {
            throw error(literal.contains(",") ? Lexer.groupingProblem(literal) : "`\(literal)` is not a number", at: range)
        }
        guard let value = Double(plain), value.isFinite else { throw error("number too large: `\(literal)`", at: range) }
        return Part(value: value, first: first, last: index - 1, isNumber: true)
    }

    /// `part`, refused when something touches its end that is neither an operator, `)`, a space
    /// nor the language's punctuation: `2(3)`, `(2)3`, `2x`.
    func touching(_ part: Part) throws(Diagnostic) -> Part {
        guard let next = current, !next.isWhitespace, next != ")", Arithmetic.Operator(next) == nil,
            !Lexer.delimiters.contains(next)
        else { return part }
        let multiply = next == "(" || next.isASCIIDigit || next == "."
        throw error(
            "expected `+`, `-`, `*` or `/` after `\(text(start..<index))`, found \(found())", at: foundRange(),
            suggestion: multiply ? "write `*` to multiply" : nil)
    }

    /// The operator after the spaces from here, when `accept` takes it: consumed, with its index.
    /// Otherwise nothing is consumed.
    mutating func nextOperator(where accept: (Arithmetic.Operator) -> Bool) -> (Arithmetic.Operator, Int)? {
        let saved = index
        skipSpaces()
        guard let character = current, let op = Arithmetic.Operator(character), accept(op) else {
            index = saved
            return nil
        }
        index += 1
        isArithmetic = true
        return (op, index - 1)
    }

    /// `left op right`, refused when it is too large to hold.
    func combine(_ left: Part, _ op: Arithmetic.Operator, _ right: Part) throws(Diagnostic) -> Part {
        let value = op.apply(left.value, right.value)
        guard value.isFinite else {
            throw error("number too large: `\(text(left.first..<(right.last + 1)))`", at: left.first...right.last)
        }
        return Part(value: value, first: left.first, last: right.last, isNumber: false)
    }

    /// "expected a number or `(` after `2 +`, found `x`".
    func missingOperand(after operatorIndex: Int?) -> Diagnostic {
        let after = operatorIndex.map { " after `\(text(start..<($0 + 1)))`" } ?? ""
        let range = current == nil ? (index...index) : foundRange()
        return error("expected a number or `(`\(after), found \(found())", at: range)
    }

    mutating func skipSpaces() {
        while let character = current, character.isWhitespace { index += 1 }
    }

    /// The characters from here to the next space (at least one), or the end of the line.
    func found() -> String {
        current == nil ? "the end of the line" : "`\(text(foundRange().lowerBound..<(foundRange().upperBound + 1)))`"
    }

    /// The indices of what ``found()`` names.
    func foundRange() -> ClosedRange<Int> {
        var end = index
        while end + 1 < limit, !characters[end + 1].isWhitespace { end += 1 }
        return index...end
    }

    /// The characters at `range`, spaces at the ends dropped.
    func text(_ range: Range<Int>) -> String {
        let clamped = max(0, range.lowerBound)..<min(characters.count, max(range.lowerBound, range.upperBound))
        var text = Substring(String(characters[clamped]))
        while text.last?.isWhitespace == true { text.removeLast() }
        while text.first?.isWhitespace == true { text.removeFirst() }
        return String(text)
    }

    /// A diagnostic underlining the characters at `range` (0-based indices).
    func error(_ message: String, at range: ClosedRange<Int>, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(message, in: line, columns: (range.lowerBound + 1)...(range.upperBound + 1), suggestion: suggestion)
    }
}
