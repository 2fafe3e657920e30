/// Text laid out in columns of a fixed width (counted in characters): word wrapping and padding.
public enum TextColumns {
    /// What ``wrap(_:width:longWords:)`` does with a word longer than the width.
    public enum LongWords: Sendable {
        /// The word gets a line of its own, wider than the width (narration: nothing is lost).
        case keep
        /// The word is cut to the width and ends in `…` (table cells: nothing sticks out).
        case cut
    }

    /// `text` broken greedily into lines of at most `width` characters at spaces (runs of spaces
    /// count as one); at least one line, `""` for a text without words.
    public static func wrap(_ text: String, width: Int, longWords: LongWords = .keep) -> [String] {
        wrap(words: text.split(separator: " ", omittingEmptySubsequences: true).map(String.init), width: width, longWords: longWords)
    }

    /// `words` joined by single spaces into lines of at most `width` characters, as many words on
    /// each line as fit (a word may contain spaces: it is never broken).
    public static func wrap(words: [String], width: Int, longWords: LongWords = .keep) -> [String] {
        var lines: [String] = []
        var current = ""
        for piece in words where !piece.isEmpty {
            let word = longWords == .cut && piece.count > width ? String(piece.prefix(max(0, width - 1))) + "…" : piece
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        lines.append(current)
        return lines
    }

    /// `text` padded with spaces on the left to `width` characters.
    public static func padLeft(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// `text` padded with spaces on the right to `width` characters.
    public static func padRight(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
