// What each colour means: the one place tutor picks a style for something it says.

import TutorLanguage

/// The styles tutor gives its words, one per meaning, so that a colour always says the same
/// thing: red is something wrong, green something right, yellow a warning, magenta a hint, cyan
/// the prompt, dim a quieter note, bold what stands out.
///
/// Every styled piece ends with a reset (`ESC[0m`), line by line, so no style ever runs on into
/// the next line, a prompt, what is typed or what a command prints. Without colour (a pipe, a
/// file, `NO_COLOR`, `TERM=dumb`; see ``Terminal/colorAllowed(isTTY:environment:)``) every
/// helper returns its text unchanged, so what is said never depends on colour: marks that
/// carry meaning (`✓`, `✗`, `error:`, carets, brackets) are words or glyphs, and colour only
/// repeats them.
///
/// Pictures (digits, weight maps, the chart's lines, Keras' progress bar) draw with colours of
/// their own through ``ANSIStyle``: those show values, not meanings.
public struct Palette: Sendable, Equatable {
    /// A meaning tutor gives colour.
    public enum Role: String, CaseIterable, Sendable {
        /// Something wrong: the `error:` word and the carets under the bad word, `✗ not yet`, a
        /// wrong prediction. Bold red.
        case error
        /// `warning:`. Yellow.
        case warning
        /// A hint's label (`hint 1/2:`). Magenta.
        case hint
        /// Something right: `✓`, a right prediction. Green.
        case success
        /// Where tutor waits for a command (`[3]>`, `softmax-sum 1/2>`). Cyan.
        case prompt
        /// A quieter note: what to type at an exercise, a note under an output, `solution:`. Dim.
        case note
        /// What stands out: titles, a command echoed from a script, the largest output, the
        /// right answers in the confusion matrix, `**words**` in narration. Bold.
        case emphasis

        /// The Select Graphic Rendition parameters of this meaning's style.
        var parameters: String {
            switch self {
            case .error: "1;31"
            case .warning: "33"
            case .hint: "35"
            case .success: "32"
            case .prompt: "36"
            case .note: "2"
            case .emphasis: "1"
            }
        }
    }

    /// Whether styles are emitted.
    public var color: Bool

    /// A palette; with `color` false every helper returns its text unchanged.
    public init(color: Bool) { self.color = color }

    /// Resets every attribute.
    static let reset = "\u{1B}[0m"

    /// `text` in the style of `role`, each line styled on its own and reset at its end (an empty
    /// line stays empty).
    public func paint(_ text: String, _ role: Role) -> String {
        guard color else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.isEmpty ? "" : "\u{1B}[\(role.parameters)m\(line)\(Self.reset)"
        }.joined(separator: "\n")
    }

    /// `label` in `role`'s style, then `text` plain. The style ends before the label's trailing
    /// spaces: `warning: `, `hint 1/2: `.
    public func labelled(_ label: String, _ role: Role, _ text: String = "") -> String {
        let trailing = label.reversed().prefix { $0 == " " }.count
        return paint(String(label.dropLast(trailing)), role) + String(repeating: " ", count: trailing) + text
    }

    /// A prompt in the prompt's colour. The reset comes before the prompt's trailing spaces, as
    /// ``LineEditor`` needs (libedit drops an escape sequence that ends a prompt).
    public func prompt(_ text: String) -> String {
        labelled(text, .prompt)
    }

    /// `diagnostic` as ``Diagnostic/rendered(width:)`` shows it (wrapped to `width` when given),
    /// with the `error:` word and the carets under the bad word in the error colour. The text is
    /// the same with or without colour.
    public func diagnostic(_ diagnostic: Diagnostic, width: Int? = nil) -> String {
        let text = diagnostic.rendered(width: width)
        guard color else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, first.hasPrefix("error:") {
            lines[0] = paint("error:", .error) + first.dropFirst("error:".count)
        }
        // The carets stand on the line after the source line (`N | text`), behind the gutter.
        let number = String(diagnostic.location.line)
        let gutter = String(repeating: " ", count: number.count) + " | "
        if let source = lines.indices.dropFirst().first(where: { lines[$0] == number + " |" || lines[$0].hasPrefix(number + " | ") }),
           lines.indices.contains(source + 1), lines[source + 1].hasPrefix(gutter) {
            let rest = lines[source + 1].dropFirst(gutter.count)
            let spaces = rest.prefix { $0 == " " }
            let carets = rest.dropFirst(spaces.count).prefix { $0 == "^" }
            let after = rest.dropFirst(spaces.count + carets.count)
            lines[source + 1] = gutter + spaces + paint(String(carets), .error) + after
        }
        return lines.joined(separator: "\n")
    }
}
