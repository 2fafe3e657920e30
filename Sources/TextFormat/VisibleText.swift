/// Text that came from a file or from typing, made safe to show on a terminal: only tutor's own
/// styling may reach the terminal, so a lesson, an answer file, a model file or a typed line can
/// neither restyle the screen, clear it, retitle the window nor reorder what it shows.
///
/// The rule (``of(_:keeping:)``): every Unicode scalar that a terminal would obey rather than
/// print is replaced by a backslash notation, everything else is kept as it is —
/// * C0 controls U+0000–U+001F: those with a name by it — `\a` (BEL), `\b` (BS), `\t` (tab),
///   `\n` (line feed), `\v` (VT), `\f` (FF), `\r` (CR), `\e` (ESC) —, the others as `\u{01}`;
/// * DEL U+007F and the C1 controls U+0080–U+009F (among them U+009B, the 8-bit CSI, which some
///   terminals obey like `ESC [`): `\u{7F}`, `\u{9B}`;
/// * the bidirectional controls (Unicode's Bidi_Control: U+061C, U+200E, U+200F, U+202A–U+202E,
///   U+2066–U+2069), which reorder the text around them on screen: `\u{202E}`.
///
/// The `\u{…}` notation is Swift's (`String(reflecting:)`): upper-case hexadecimal, at least two
/// digits. A backslash stays a backslash: the shown text is for reading, not for reading back,
/// and showing text twice changes nothing (`of(of(x)) == of(x)`). A caller that lines
/// something up under the text (carets, columns) counts over the shown text, not the original.
public enum VisibleText {
    /// The controls a caller lets through as they are, where they are part of its layout.
    public struct Kept: OptionSet, Sendable {
        public let rawValue: Int

        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// Line feeds (U+000A): text of several lines. A carriage return is never kept.
        public static let lineBreaks = Kept(rawValue: 1)
        /// Tabs (U+0009).
        public static let tabs = Kept(rawValue: 2)
    }

    /// `text` with every control scalar (see ``VisibleText``) shown in its backslash notation,
    /// except the line breaks and tabs in `kept`.
    public static func of(_ text: String, keeping kept: Kept = []) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" && kept.contains(.lineBreaks) || scalar == "\t" && kept.contains(.tabs) || !isControl(scalar) {
                shown.unicodeScalars.append(scalar)
            } else {
                shown += notation(scalar)
            }
        }
        return shown
    }

    /// `word` in backticks, as messages quote what the learner or a file wrote: `` `word` ``.
    public static func quoted(_ word: String) -> String {
        "`" + of(word) + "`"
    }

    /// Whether a terminal would obey `scalar` rather than print it: the scalars ``of(_:keeping:)`` replaces.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The notation for one control scalar: `\e`, `\u{9B}`.
    private static func notation(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\u{0B}": return "\\v"
        case "\u{0C}": return "\\f"
        case "\r": return "\\r"
        case "\u{1B}": return "\\e"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
        }
    }
}
