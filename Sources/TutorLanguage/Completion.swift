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
    }

    /// The slot after the complete tokens `tokens` (the word being typed left out).
    static func slot(after tokens: [Token]) -> Slot {
        var depth = 0
        for token in tokens {
            if token.kind == .leftBracket { depth += 1 }
            if token.kind == .rightBracket { depth -= 1 }
        }
        guard depth == 0 else { return Slot() }
        let words = tokens.map(\.keyword)
        let count = words.count
        /// Whether token `index` is a number.
        func isNumber(_ index: Int) -> Bool { tokens.indices.contains(index) && tokens[index].kind == .number }

        guard let command = words.first else { return Slot(words: Keywords.commands) }
        let second = count > 1 ? words[1] : ""
        switch command {
        case "data":
            if count == 1 { return Slot(words: Keywords.dataSets) }
            if count == 2, second == "mnist" { return Slot(words: ["from"]) }
            if count == 3, second == "mnist", words[2] == "from" { return Slot(path: true) }
        case "show":
            if count == 1 { return Slot(words: Keywords.showSubjects) }
            if count == 2, Keywords.activations.contains(second) || second == "flatten" { return Slot(names: true) }
            if count == 3, second == "image" || second == "pixels", isNumber(2) { return Slot(words: [Keywords.testSet]) }
        case "predict":
            if count == 2, isNumber(1) { return Slot(words: [Keywords.testSet]) }
        case "layer":
            if count == 1 { return Slot(words: Keywords.layerKinds) }
            if count == 3, second == "dense", isNumber(2) { return Slot(words: Keywords.activations) }
        case "optimizer":
            if count == 1 { return Slot(words: Keywords.optimizers) }
            if second == "sgd", count == 2 || (count == 3 && isNumber(2)) { return Slot(words: Keywords.sgdOptions) }
        case "loss":
            if count == 1 { return Slot(words: Keywords.losses) }
        case "plot":
            if count == 1 { return Slot(words: Keywords.plotKinds) }
        case "fit":
            if count >= 2, isNumber(1) { return fitOptions(after: Array(words.dropFirst(2))) }
        case "let":
            if count == 3, tokens[2].kind == .equals { return Slot(names: true) }
        case "save":
            if count == 1 { return Slot(words: Keywords.saveTargets) }
            if count == 2, Keywords.saveTargets.contains(second) { return Slot(path: true) }
        case "load":
            if count == 1 { return Slot(words: Keywords.loadTargets) }
            if count == 2, Keywords.loadTargets.contains(second) { return Slot(path: true) }
        case "export":
            if count == 1 { return Slot(words: Keywords.exportFormats) }
            if count == 2, Keywords.exportFormats.contains(second) { return Slot(path: true) }
        case "run":
            if count == 1 { return Slot(path: true) }
        case "help":
            if count == 1 { return Slot(words: HelpCatalog.topics) }
        default:
            break
        }
        return Slot()
    }

    /// The fit options not given yet, after `fit N` and the option words/values in `rest`;
    /// nothing while an option waits for its value.
    private static func fitOptions(after rest: [String]) -> Slot {
        var used: Set<String> = []
        var index = 0
        while index < rest.count {
            guard Keywords.fitOptions.contains(rest[index]), index + 1 < rest.count else { return Slot() }
            used.insert(rest[index])
            index += 2
        }
        return Slot(words: Keywords.fitOptions.filter { !used.contains($0) })
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
