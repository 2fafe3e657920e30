/// Text laid out in columns on a terminal: the one word wrapper of everything tutor prints, and padding.
///
/// Widths are counted in terminal columns, as the text shows (``width(_:markup:)``): an ANSI
/// escape sequence (tutor's own styling) takes none, a wide character (CJK, emoji) takes two, a
/// combining mark none, every other character one. Lines are broken only at spaces, so a word or
/// a number (`200,960`, `0.5330`, `` `data` ``) is never split; a word wider than the width gets a
/// line of its own, whole, wider than the width. A line that is broken goes on at its hanging
/// indent (``hangingIndent(_:markup:)``): under its own indent, or after its `- ` or `error: `;
/// a short `` `code span` ``, `(…)` or `[…]` is kept on one line (``longestSpan``).
public enum TextColumns {
    /// The width text is laid out to when the terminal does not say (not a terminal, no `$COLUMNS`).
    public static let defaultWidth = 80

    /// The narrowest width text is wrapped to: below it, lines are laid out as if the terminal were
    /// this wide (narrower, most words would stand alone on their lines).
    public static let narrowest = 20

    /// What ``wrap(_:width:longWords:markup:)`` does with a word longer than the width.
    public enum LongWords: Sendable {
        /// The word gets a line of its own, wider than the width (narration: nothing is lost).
        case keep
        /// The word is cut to the width and ends in `…` (table cells: nothing sticks out).
        case cut
    }

    /// Markup in the text that takes no room on screen, besides escape sequences (which never do).
    public struct Markup: OptionSet, Sendable {
        public let rawValue: Int

        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// Lesson text's `**emphasis**` markers, which become bold (or nothing) when shown.
        public static let emphasis = Markup(rawValue: 1)
    }

    // MARK: - Measuring

    /// The columns `text` takes on a terminal (one line): escape sequences and `markup` count 0,
    /// each character as ``columns(of:)`` says.
    public static func width(_ text: String, markup: Markup = []) -> Int {
        shown(text, markup: markup).reduce(0) { $0 + columns(of: $1) }
    }

    /// `text` as its characters reach the screen: without escape sequences (`ESC [ … m` and the
    /// other control sequences) and without `markup`.
    public static func shown(_ text: String, markup: Markup = []) -> String {
        var plain = text
        if text.unicodeScalars.contains("\u{1B}") {
            plain = ""
            var scalars = text.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                guard scalar == "\u{1B}" else {
                    plain.unicodeScalars.append(scalar)
                    continue
                }
                // ESC [ parameters… final byte (0x40–0x7E); any other escape is ESC and one character.
                guard let next = scalars.next(), next == "[" else { continue }
                while let byte = scalars.next(), !(0x40...0x7E).contains(byte.value) {}
            }
        }
        if markup.contains(.emphasis), plain.contains("**") {
            plain = plain.replacing("**", with: "")
        }
        return plain
    }

    /// The columns one character takes: 2 for East Asian wide and full-width characters and for
    /// emoji shown as pictures, 0 for a combining mark or a format or control character on its
    /// own, 1 for every other.
    public static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.properties.isEmojiPresentation || isWide(first.value) { return 2 }
        if first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: return 1
        }
    }

    /// East Asian Width W and F: Hangul Jamo, CJK, Hiragana, Katakana, Hangul syllables, CJK
    /// compatibility, full-width forms and the supplementary ideographic planes.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    // MARK: - Wrapping

    /// `text` as one paragraph, broken greedily into lines of at most `width` columns at spaces
    /// (runs of spaces count as one; a short group — see ``longestSpan`` — is not broken); at
    /// least one line, `""` for a text without words.
    public static func wrap(_ text: String, width: Int, longWords: LongWords = .keep, markup: Markup = []) -> [String] {
        wrap(words: words(of: text).map(\.word), width: width, longWords: longWords, markup: markup)
    }

    /// `words` joined by single spaces into lines of at most `width` columns, as many words on
    /// each line as fit (a word may contain spaces: it is never broken).
    public static func wrap(words: [String], width: Int, longWords: LongWords = .keep, markup: Markup = []) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for piece in words where !piece.isEmpty {
            var word = piece
            var wordWidth = self.width(piece, markup: markup)
            if longWords == .cut, wordWidth > width {
                word = cut(piece, to: width)
                wordWidth = self.width(word)
            }
            if current.isEmpty {
                (current, currentWidth) = (word, wordWidth)
            } else if currentWidth + 1 + wordWidth <= width {
                current += " " + word
                currentWidth += 1 + wordWidth
            } else {
                lines.append(current)
                (current, currentWidth) = (word, wordWidth)
            }
        }
        lines.append(current)
        return lines
    }

    /// `text` (any number of lines) laid out to `width` columns: a line that fits stays as it is
    /// (its spacing too); a wider one is broken at spaces (the spaces at a break dropped), its
    /// later lines starting at its ``hangingIndent(_:markup:)``.
    public static func fit(_ text: String, width: Int, markup: Markup = []) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { fit(line: String($0), width: width, markup: markup) }
            .joined(separator: "\n")
    }

    /// One line laid out to `width` columns, as ``fit(_:width:markup:)`` does; its later lines
    /// start at `indent` columns when given (a table's column), else at its hanging indent.
    public static func fit(line: String, width: Int, markup: Markup = [], indent: Int? = nil) -> [String] {
        let width = max(narrowest, width)
        guard self.width(line, markup: markup) > width else { return [line] }
        let indent = min(indent ?? hangingIndent(line, markup: markup), width - narrowest)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for (gap, word) in words(of: line) {
            let wordWidth = self.width(word, markup: markup)
            if current.isEmpty && lines.isEmpty {
                current = gap + word
                currentWidth = gap.count + wordWidth
            } else if currentWidth + gap.count + wordWidth <= width {
                current += gap + word
                currentWidth += gap.count + wordWidth
            } else {
                lines.append(current)
                current = String(repeating: " ", count: indent) + word
                currentWidth = indent + wordWidth
            }
        }
        lines.append(current)
        return lines
    }

    /// Where a broken line goes on: at its leading spaces, and past a list marker (`- `, `* `,
    /// `• `, `✓ `, `✗ `, `>>> `) or a label of one lower-case word and a colon (`error: `,
    /// `warning: `, `note: `) that starts it.
    public static func hangingIndent(_ line: String, markup: Markup = []) -> Int {
        let plain = shown(line, markup: markup)
        let spaces = plain.prefix { $0 == " " }.count
        let rest = plain.dropFirst(spaces)
        for marker in ["- ", "* ", "• ", "✓ ", "✗ ", ">>> "] where rest.hasPrefix(marker) {
            return spaces + marker.count
        }
        let label = rest.prefix { $0.isASCII && $0.isLowercase }
        if (1...12).contains(label.count), rest.dropFirst(label.count).hasPrefix(": ") {
            return spaces + label.count + 2
        }
        return spaces
    }

    /// `parts` joined by `separator` into lines of at most `width` columns, never breaking a
    /// part: a part that does not fit on the line starts the next one, after `continuation`
    /// (e.g. `  - ` for Keras' ` - `-separated metrics). A part's width is its own unless given.
    public static func join(
        _ parts: [(text: String, width: Int)], separator: String, width: Int, continuation: String
    ) -> [String] {
        let width = max(narrowest, width)
        let separatorWidth = self.width(separator), continuationWidth = self.width(continuation)
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for (index, part) in parts.enumerated() {
            if index == 0 {
                (current, currentWidth) = (part.text, part.width)
            } else if currentWidth + separatorWidth + part.width <= width {
                current += separator + part.text
                currentWidth += separatorWidth + part.width
            } else {
                lines.append(current)
                (current, currentWidth) = (continuation + part.text, continuationWidth + part.width)
            }
        }
        lines.append(current)
        return lines
    }

    /// ``join(_:separator:width:continuation:)`` with each part as wide as it shows.
    public static func join(_ parts: [String], separator: String, width: Int, continuation: String) -> [String] {
        join(parts.map { ($0, self.width($0)) }, separator: separator, width: width, continuation: continuation)
    }

    /// `text` cut to `width` columns, ending in `…`.
    private static func cut(_ text: String, to width: Int) -> String {
        var kept = ""
        var used = 0
        for character in shown(text) {
            let columns = columns(of: character)
            if used + columns > max(0, width - 1) { break }
            kept.append(character)
            used += columns
        }
        return kept + "…"
    }

    /// The longest group (in columns) whose spaces do not break a line: a `` `code span` `` or a
    /// bracketed `(…)` or `[…]`, so that a command quoted in a message (`` `layer dense 10 softmax` ``),
    /// a shape (`(None, 256)`) or a vector (`[2, 1, 0.1]`) stays on one line.
    public static let longestSpan = 30

    /// The words of `line` with the spaces before each (the first word's: the line's indent).
    /// A group of at most ``longestSpan`` columns is one word, spaces and all.
    private static func words(of line: String) -> [(gap: String, word: String)] {
        let characters = Array(line)
        var whole = Array(repeating: false, count: characters.count)
        func keep(_ span: ClosedRange<Int>) {
            guard width(String(characters[span])) <= longestSpan else { return }
            for index in span { whole[index] = true }
        }
        var quoted = Array(repeating: false, count: characters.count)
        let ticks = characters.indices.filter { characters[$0] == "`" }
        for pair in stride(from: 0, to: ticks.count - 1, by: 2) {
            let span = ticks[pair]...ticks[pair + 1]
            for index in span { quoted[index] = true }
            keep(span)
        }
        var open: [Int] = []
        for (index, character) in characters.enumerated() where !quoted[index] {
            switch character {
            case "(", "[": open.append(index)
            case ")", "]":
                if let start = open.popLast(), characters[start] == (character == ")" ? "(" : "[") {
                    keep(start...index)
                } else {
                    open.removeAll()
                }
            default: break
            }
        }
        var result: [(gap: String, word: String)] = []
        var gap = ""
        var word = ""
        for (index, character) in characters.enumerated() {
            if character == " " && !whole[index] {
                if !word.isEmpty {
                    result.append((gap, word))
                    (gap, word) = ("", "")
                }
                gap.append(" ")
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { result.append((gap, word)) }
        return result
    }

    // MARK: - Padding

    /// `text` padded with spaces on the left to `width` columns.
    public static func padLeft(_ text: String, _ width: Int) -> String {
        let missing = width - self.width(text)
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// `text` padded with spaces on the right to `width` columns.
    public static func padRight(_ text: String, _ width: Int) -> String {
        let missing = width - self.width(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
