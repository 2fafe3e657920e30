// What Tab does to a line, decided without the terminal: merging command words and file
// paths, completing to the longest common prefix, and listing the choices in columns.

import TextFormat

/// The pure half of tab completion; `LineEditor` applies its decisions to libedit.
public enum TabCompletion {
    /// What pressing Tab does.
    public struct Outcome: Equatable, Sendable {
        /// The text that replaces the word being completed (the word itself when nothing
        /// is added).
        public var replacement: String
        /// The choices to list under the line (empty when there is nothing to list), each with
        /// its control characters visible.
        public var listing: [String]
        /// Nothing matched: ring the bell.
        public var beep: Bool
    }

    /// Decides what Tab does to `word`, given every candidate that could replace it.
    ///
    /// One candidate replaces the word, followed by a space unless it is a directory
    /// (ends with `/`) so the path can go on. Several replace the word with their longest
    /// common prefix (when it is longer than the word) and are listed by their last path
    /// component. None: the bell. Candidates are taken as given, so a completer may fix
    /// the word's case.
    ///
    /// A control character (``VisibleText``) in a file's name never reaches the terminal: the
    /// listing shows it visible (`\e`), and the line is completed only up to it — a candidate
    /// holding one is listed, not typed, even when it is the only one.
    public static func resolve(word: String, candidates: [String]) -> Outcome {
        let choices = unique(candidates)
        guard let first = choices.first else { return Outcome(replacement: word, listing: [], beep: true) }
        let listing = choices.map { VisibleText.of(displayName($0)) }
        if choices.count == 1, !hasControl(first) {
            return Outcome(replacement: first.hasSuffix("/") ? first : first + " ", listing: [], beep: false)
        }
        let prefix = beforeControl(commonPrefix(choices))
        return Outcome(replacement: prefix.count > word.count ? prefix : word, listing: listing, beep: false)
    }

    /// Whether `text` holds a character ``VisibleText`` would show in its notation.
    private static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: VisibleText.isControl)
    }

    /// `text` up to its first character that holds a control.
    private static func beforeControl(_ text: String) -> String {
        String(text.prefix { !hasControl(String($0)) })
    }

    /// The completer's words and the matching paths in one sorted list without repeats.
    public static func merge(_ words: [String], _ paths: [String]) -> [String] {
        unique(words + paths)
    }

    /// The longest prefix (in characters) shared by all `strings`.
    public static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first else { return "" }
        for string in strings.dropFirst() {
            while !string.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// An entry of a directory listing.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var isDirectory: Bool

        public init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }

    /// File system paths that `word` could complete to: entries of the word's directory
    /// (the current directory for a bare name, `~/` meaning `home`) whose names start
    /// with the rest of the word, directories with a trailing `/`. Hidden entries only
    /// when the word's last component starts with a dot.
    ///
    /// - Parameter list: the entries of a directory path, nil when it cannot be read.
    public static func pathCandidates(
        for word: String,
        home: String,
        list: (String) -> [Entry]?
    ) -> [String] {
        let directory: String
        let namePrefix: String
        if let slash = word.lastIndex(of: "/") {
            directory = String(word[...slash])
            namePrefix = String(word[word.index(after: slash)...])
        } else {
            directory = ""
            namePrefix = word
        }
        var lookup = directory.isEmpty ? "." : directory
        if lookup.hasPrefix("~/") { lookup = home + lookup.dropFirst() }
        guard let entries = list(lookup) else { return [] }
        return entries
            .filter { $0.name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .map { directory + $0.name + ($0.isDirectory ? "/" : "") }
            .sorted()
    }

    /// The name a candidate is listed by: its last path component (`data/` for
    /// `lessons/data/`), the whole candidate for a plain word.
    public static func displayName(_ candidate: String) -> String {
        let body = candidate.hasSuffix("/") ? candidate.dropLast() : Substring(candidate)
        guard let slash = body.lastIndex(of: "/") else { return candidate }
        return String(candidate[candidate.index(after: slash)...])
    }

    /// Items in columns down then across, like `ls`, within `width` columns.
    public static func columns(_ items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let cell = (items.map(\.count).max() ?? 0) + 2
        let across = max(1, min(items.count, max(1, width) / cell))
        let down = (items.count + across - 1) / across
        var lines: [String] = []
        for row in 0..<down {
            var line = ""
            for column in 0..<across {
                let index = column * down + row
                guard index < items.count else { continue }
                line += TextColumns.padRight(items[index], cell)
            }
            lines.append(String(line.trimmingTrailingSpaces))
        }
        return lines.joined(separator: "\n")
    }

    /// Sorted, without repeats.
    private static func unique(_ strings: [String]) -> [String] {
        Array(Set(strings)).sorted()
    }
}
