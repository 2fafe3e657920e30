/// A JSON value written the way Jupyter itself writes notebooks (Python's
/// `json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False)`): keys sorted, one
/// space of indent per level, each array element and object member on a line of its own, so that
/// a notebook written twice is the same bytes and two versions diff line by line.
public indirect enum NotebookJSON: Equatable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([NotebookJSON])
    case object([String: NotebookJSON])

    /// The value as text, without a trailing newline.
    public var text: String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .string(let text): out += NotebookJSON.quoted(text)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                out += (index == 0 ? "\n" : ",\n") + String(repeating: " ", count: indent + 1)
                item.write(to: &out, indent: indent + 1)
            }
            out += "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                out += (index == 0 ? "\n" : ",\n") + String(repeating: " ", count: indent + 1)
                out += NotebookJSON.quoted(key) + ": "
                members[key]?.write(to: &out, indent: indent + 1)
            }
            out += "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped (`\n`, `\t`,
    /// `\u001b` for ESC, …), everything else as it is (UTF-8).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}":
                let digits = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A multi-line text as Jupyter keeps it: a list of its lines, each but the last ending in
    /// `\n` (an empty text is an empty list).
    static func lines(_ text: String) -> NotebookJSON {
        var lines: [NotebookJSON] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {  // scalars: "\r\n" is one Character
            current.append(scalar)
            if scalar == "\n" {
                lines.append(.string(String(current)))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { lines.append(.string(String(current))) }
        return .array(lines)
    }
}
