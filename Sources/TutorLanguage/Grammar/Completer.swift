/// What tab completion offers for the word under the cursor.
public struct Completion: Equatable, Sendable {
    /// The 1-based column where the word being completed starts; the cursor's column when no word
    /// has been started yet. A chosen candidate replaces the text from here to the cursor.
    public let startColumn: Int
    /// What has been typed of the word so far (a string's contents without its quote).
    public let prefix: String
    /// The words that fit here and begin with ``prefix`` (ignoring case), sorted.
    public let candidates: [String]
    /// Whether the word is a FILE or DIR argument, for the terminal to complete from the file system.
    public let wantsPath: Bool

    public init(startColumn: Int, prefix: String, candidates: [String], wantsPath: Bool) {
        self.startColumn = startColumn
        self.prefix = prefix
        self.candidates = candidates
        self.wantsPath = wantsPath
    }
}

/// Tab completion: which words may come at the cursor. Pure logic over the line's text; the
/// terminal decides how to show the candidates and completes paths itself.
public enum Completer {
    /// The completion at `cursor` in `line`.
    /// - Parameters:
    ///   - cursor: the number of characters before the cursor (0 is the start of the line); clamped.
    ///   - names: the names defined with `let`, offered wherever a vector fits.
    public static func complete(line: String, cursor: Int, names: [String]) -> Completion {
        let characters = Array(line)
        let cursor = min(max(cursor, 0), characters.count)
        let scan = Lexer.scan(String(characters[..<cursor]))
        let nothing = Completion(startColumn: cursor + 1, prefix: "", candidates: [], wantsPath: false)
        guard scan.commentColumn == nil else { return nothing }

        var tokens = scan.tokens
        var startColumn = cursor + 1
        var prefix = ""
        if let last = tokens.last, last.columns.upperBound == cursor,
            [.word, .number, .string].contains(last.kind)
        {
            tokens.removeLast()
            startColumn = last.columns.lowerBound
            prefix = last.value
        }
        // A path runs to the next space, so `run a,b` completes `a,b` as one path.
        let pathStart = startOfTouchingRun(scan.tokens, endingAt: cursor)
        if let pathStart, pathStart < tokens.count, slot(after: Array(scan.tokens[..<pathStart])).path {
            let run = scan.tokens[pathStart...]
            return Completion(
                startColumn: run.first?.columns.lowerBound ?? startColumn,
                prefix: run.map(\.value).joined(), candidates: [], wantsPath: true)
        }

        let slot = slot(after: tokens)
        if slot.path {
            return Completion(startColumn: startColumn, prefix: prefix, candidates: [], wantsPath: true)
        }
        let words = Set(slot.words + (slot.names ? names : []))
        let lowercasePrefix = prefix.lowercased()
        let candidates = words.filter { $0.lowercased().hasPrefix(lowercasePrefix) }.sorted()
        return Completion(startColumn: startColumn, prefix: prefix, candidates: candidates, wantsPath: false)
    }

    /// What may come after `tokens`: some words, the `let` names, or a path.
    struct Slot {
        var words: [String] = []
        var names = false
        var path = false

        /// Adds what the first of `elements` offers (and, past optional parts, what follows them).
        mutating func add(_ elements: [Grammar.Element]) {
            guard let first = elements.first else { return }
            let rest = Array(elements.dropFirst())
            switch first {
            case .choice(_, _, _, let choices): words += choices
            case .optionalWord(_, let choices):
                words += choices
                add(rest)
            case .options(let options):
                words += options.map(\.word)
                add(rest)
            case .optional(let inner):
                add(inner)
                add(rest)
            case .path: path = true
            case .operand: names = true
            case .topic: words += HelpCatalog.topics
            case .whole, .number, .arithmetic, .name, .equals: break
            }
        }
    }

    /// The slot after the complete tokens `tokens` (the word being typed left out), read off the
    /// ``CommandTable``: every form the tokens can begin says what it takes next.
    static func slot(after tokens: [Token]) -> Slot {
        var depth = 0
        for token in tokens {
            if token.kind == .leftBracket { depth += 1 }
            if token.kind == .rightBracket { depth -= 1 }
        }
        guard depth == 0 else { return Slot() }
        guard !tokens.isEmpty else { return Slot(words: Keywords.commands) }
        var slot = Slot()
        for form in CommandTable.entries.flatMap(\.forms) {
            let fixed = min(tokens.count, form.words.count)
            guard zip(form.words, tokens).allSatisfy({ $0.matches($1) }) else { continue }
            if fixed < form.words.count {
                slot.words.append(form.words[fixed].text)
                continue
            }
            for ending in ends(of: form.elements, in: tokens, from: fixed) where ending.position == tokens.count {
                slot.add(ending.next)
            }
        }
        var seen: Set<String> = []
        slot.words = slot.words.filter { seen.insert($0).inserted }
        return slot
    }

    /// Where reading `elements` from token `start` can end, each with the elements that could come
    /// next there. Lenient: numbers are not range-checked, since only the shape of the line matters.
    private static func ends(
        of elements: [Grammar.Element], in tokens: [Token], from start: Int, then rest: [Grammar.Element] = []
    ) -> [(position: Int, next: [Grammar.Element])] {
        guard let element = elements.first else { return [(start, rest)] }
        let after = Array(elements.dropFirst())
        if start == tokens.count { return [(start, elements + rest)] }
        switch element {
        case .optional(let inner):
            return ends(of: after, in: tokens, from: start, then: rest)
                + ends(of: inner + after, in: tokens, from: start, then: rest)
        case .optionalWord:
            let skipped = ends(of: after, in: tokens, from: start, then: rest)
            guard FormParser.canStart(element, tokens[start]) else { return skipped }
            return skipped + ends(of: after, in: tokens, from: start + 1, then: rest)
        case .options(let options):
            let skipped = ends(of: after, in: tokens, from: start, then: rest)
            guard let option = options.first(where: { tokens[start].isKeyword($0.word) }) else { return skipped }
            let unused = options.filter { $0.word != option.word }
            let others: [Grammar.Element] = unused.isEmpty ? [] : [.options(unused)]
            return skipped + ends(of: option.elements + others + after, in: tokens, from: start + 1, then: rest)
        case .operand:
            guard let end = operandEnd(tokens, from: start) else { return [] }
            return ends(of: after, in: tokens, from: end, then: rest)
        default:
            guard FormParser.canStart(element, tokens[start]) else { return [] }
            return ends(of: after, in: tokens, from: start + 1, then: rest)
        }
    }

    /// The token after a vector, a matrix or a name that starts at `start`.
    private static func operandEnd(_ tokens: [Token], from start: Int) -> Int? {
        guard tokens[start].kind == .leftBracket else { return tokens[start].kind == .word ? start + 1 : nil }
        var depth = 0
        for index in start..<tokens.count {
            if tokens[index].kind == .leftBracket { depth += 1 }
            if tokens[index].kind == .rightBracket { depth -= 1 }
            if depth == 0 { return index + 1 }
        }
        return nil
    }

    /// The index of the first token of the run of touching tokens that ends at `cursor`, when that
    /// run has more than one token.
    private static func startOfTouchingRun(_ tokens: [Token], endingAt cursor: Int) -> Int? {
        guard let last = tokens.last, last.columns.upperBound == cursor else { return nil }
        var start = tokens.count - 1
        while start > 0, tokens[start - 1].columns.upperBound + 1 == tokens[start].columns.lowerBound {
            start -= 1
        }
        return start < tokens.count - 1 ? start : nil
    }
}
