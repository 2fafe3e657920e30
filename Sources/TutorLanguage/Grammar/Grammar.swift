import NeuralNet

/// The pieces the command table is written in. A command is one or more ``Form``s: fixed words
/// (`layer dense`) followed by ``Element``s (`N [ACT]`). The parser, Tab completion, `help` and the
/// "usage: …" notes are all read off these values, so a command is described once.
public enum Grammar {
    /// What an argument is stored under, for a form's builder to read back.
    public enum Field: Hashable, Sendable {
        case trainCount, testCount, folder, index, imageSet, unit, units, activation, rate, operand, digit
        case learningRate, momentum, batch, seed, epochs, validation, name, answer, file, topic
        case exportWeights
        case row
    }

    /// A fixed word of a form; `alternatives` are other spellings that mean the same
    /// (Keras' `mean_squared_error` for `mse`). Matched ignoring case.
    public struct Word: Sendable {
        public let text: String
        public let alternatives: [String]

        public init(_ text: String, alternatives: [String] = []) {
            self.text = text
            self.alternatives = alternatives.map { $0.lowercased() }
        }

        /// Whether `token` is this word or one of its alternatives.
        func matches(_ token: Token) -> Bool {
            token.kind == .word && (token.keyword == text || alternatives.contains(token.keyword))
        }
    }

    /// The values a number may take, and how an error says so.
    public enum Bounds: Sendable {
        /// Any finite number.
        case any
        /// Greater than `bound`: "must be more than 0".
        case above(Double)
        /// `lower ≤ x < upper`: "must be at least 0 and less than 1".
        case fromUpTo(Double, Double)
        /// `lower < x < upper`: "must be between 0 and 1 (both excluded)".
        case between(Double, Double)

        func contains(_ x: Double) -> Bool {
            switch self {
            case .any: return true
            case .above(let bound): return x > bound
            case .fromUpTo(let lower, let upper): return x >= lower && x < upper
            case .between(let lower, let upper): return x > lower && x < upper
            }
        }

        /// 0 → `0`, 0.5 → `0.5`.
        private func plain(_ x: Double) -> String {
            x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
        }

        /// "more than 0", "at least 0 and less than 1", …
        var phrase: String {
            switch self {
            case .any: return "a finite number"
            case .above(let bound): return "more than \(plain(bound))"
            case .fromUpTo(let lower, let upper):
                return "at least \(plain(lower)) and less than \(plain(upper))"
            case .between(let lower, let upper):
                return "between \(plain(lower)) and \(plain(upper)) (both excluded)"
            }
        }
    }

    /// The range of a whole number.
    public enum WholeBounds: Sendable {
        /// At least this much (`N ≥ 1`).
        case atLeast(Int)
        /// Within these bounds (a digit 0…9).
        case within(ClosedRange<Int>)
        /// 0 to `UInt64.max` (a seed).
        case unsigned
    }

    /// One part of a form after its fixed words.
    public indirect enum Element: Sendable {
        /// A whole number, shown as `placeholder` (`N`), described as `what` in errors.
        case whole(Field, placeholder: String, what: String, WholeBounds)
        /// Any number within `bounds`; `single` when it must fit a `Float` (the engine's precision).
        case number(Field, placeholder: String, what: String, Bounds, single: Bool)
        /// A number as people write it or simple arithmetic, `25,120` or `784*32+32` (see
        /// ``Arithmetic``): any finite value.
        case arithmetic(Field, placeholder: String, what: String)
        /// One of `words`, called a `noun` in errors (`ACT`, "activation").
        case choice(Field, placeholder: String, noun: String, words: [String])
        /// A FILE or DIR: everything up to the next space, or a quoted string.
        case path(Field, placeholder: String, what: String)
        /// A vector, a matrix or a `let` name (`V`, `M`).
        case operand(Field, placeholder: String)
        /// A new name for `let`.
        case name(Field)
        /// The `=` of `let NAME = V`.
        case equals
        /// One of `words` or nothing, such as `train` or `test` after an image index: the word
        /// given is stored, nothing when none is.
        case optionalWord(Field, words: [String])
        /// Elements that may be left out together: `[N [M]]`.
        case optional([Element])
        /// Keyword options in any order, each at most once: `[batch N] [validate X]`.
        case options([Option])
        /// A command name, as `help` takes.
        case topic(Field)
    }

    /// A keyword option such as `batch N` after `fit N`.
    public struct Option: Sendable {
        public let word: String
        public let elements: [Element]

        public init(_ word: String, _ elements: [Element]) {
            self.word = word
            self.elements = elements
        }
    }

    /// One way of writing a command: its fixed words, its arguments, and how they make a ``Command``.
    public struct Form: Sendable {
        public let words: [Word]
        public let elements: [Element]
        let build: @Sendable (Values) -> Command

        public init(_ words: [Word], _ elements: [Element] = [], build: @escaping @Sendable (Values) -> Command) {
            self.words = words
            self.elements = elements
            self.build = build
        }

        /// A form of plain words: `layer flatten`, `quit`.
        public init(_ words: String..., command: Command) {
            self.init(words.map { Word($0) }, build: { _ in command })
        }

        /// The syntax as `help` shows it: `fit N [batch N] [validate X]`.
        public var syntax: String {
            (words.map(\.text) + elements.map(Grammar.syntax)).joined(separator: " ")
        }

        /// The fixed words, lowercased, for "usage: …" notes.
        var keywords: [String] { words.map(\.text) }
    }

    /// How `element` is written in a form's syntax.
    static func syntax(_ element: Element) -> String {
        switch element {
        case .whole(_, let placeholder, _, _), .number(_, let placeholder, _, _, _), .arithmetic(_, let placeholder, _),
            .choice(_, let placeholder, _, _), .path(_, let placeholder, _), .operand(_, let placeholder):
            return placeholder
        case .name: return "NAME"
        case .equals: return "="
        case .optionalWord(_, let words): return "[" + words.joined(separator: "|") + "]"
        case .optional(let elements): return "[" + elements.map(syntax).joined(separator: " ") + "]"
        case .options(let options):
            return options.map { "[" + ([$0.word] + $0.elements.map(syntax)).joined(separator: " ") + "]" }
                .joined(separator: " ")
        case .topic: return "COMMAND"
        }
    }

    /// What a line's arguments were, by field, for a form's builder.
    public struct Values: Sendable {
        enum Value: Sendable {
            case whole(Int), unsigned(UInt64), number(Double), arithmetic(Double, expression: String?), word(String)
            case text(String), operand(Operand)
        }

        var stored: [Field: Value] = [:]

        /// A whole number the form requires. The table guarantees it is there; a form that reads a
        /// field it never declares is a programming error, caught by the test that parses every example.
        public func whole(_ field: Field) -> Int {
            guard case .whole(let value)? = stored[field] else { preconditionFailure("no whole number \(field)") }
            return value
        }

        /// A whole number given only sometimes.
        public func optionalWhole(_ field: Field) -> Int? {
            guard case .whole(let value)? = stored[field] else { return nil }
            return value
        }

        public func unsigned(_ field: Field) -> UInt64 {
            guard case .unsigned(let value)? = stored[field] else { preconditionFailure("no unsigned number \(field)") }
            return value
        }

        public func number(_ field: Field) -> Double {
            guard let value = optionalNumber(field) else { preconditionFailure("no number \(field)") }
            return value
        }

        public func optionalNumber(_ field: Field) -> Double? {
            guard case .number(let value)? = stored[field] else { return nil }
            return value
        }

        /// A number or arithmetic, with the expression as written when it was more than a number.
        public func arithmetic(_ field: Field) -> (value: Double, expression: String?) {
            guard case .arithmetic(let value, let expression)? = stored[field] else { preconditionFailure("no arithmetic \(field)") }
            return (value, expression)
        }

        /// A choice's word, as the table lists it.
        public func optionalWord(_ field: Field) -> String? {
            guard case .word(let value)? = stored[field] else { return nil }
            return value
        }

        /// A path, a name or a help topic.
        public func text(_ field: Field) -> String {
            guard case .text(let value)? = stored[field] else { preconditionFailure("no text \(field)") }
            return value
        }

        public func optionalText(_ field: Field) -> String? {
            guard case .text(let value)? = stored[field] else { return nil }
            return value
        }

        public func operand(_ field: Field) -> Operand {
            guard case .operand(let value)? = stored[field] else { preconditionFailure("no operand \(field)") }
            return value
        }
    }
}
