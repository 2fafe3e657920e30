/// Values written as Python source text, so that Python reads back exactly the value tutor has.
/// Used by ``KerasExport`` to write the learner's settings into a Keras program.
enum PythonLiteral {
    /// A Float32 setting (a learning rate, a momentum, …) as the shortest decimal that Python reads
    /// back as the same Float32: 0.001 → `0.001`, 1e-7 → `1e-07`, 2 → `2.0`.
    ///
    /// Python parses the text to the nearest Float64 and Keras then rounds that to Float32. The
    /// shortest text that round-trips for Float32 almost always survives this double rounding;
    /// when it does not, the exact Float64 value of the Float32 is written instead, which always
    /// does. Infinities and NaN, which Python has no literal for, become `float("inf")` and so on.
    static func float(_ value: Float) -> String {
        guard value.isFinite else { return nonFinite(Double(value)) }
        let shortest = "\(value)"
        if let parsed = Double(shortest), Float(parsed) == value { return shortest }
        return "\(Double(value))"
    }

    /// A Float64 setting (the validation split) as its shortest round-tripping decimal; Python's
    /// floats are Float64 too, so it reads back exactly.
    static func float(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return "\(value)"
    }

    /// `float("inf")`, `-float("inf")` or `float("nan")`.
    private static func nonFinite(_ value: Double) -> String {
        if value.isNaN { return "float(\"nan\")" }
        return value < 0 ? "-float(\"inf\")" : "float(\"inf\")"
    }

    /// A string literal in double quotes. Backslashes and double quotes are escaped, and so is every
    /// control character (a newline, a tab, a NUL byte, …), so that any path stays on one line
    /// of valid Python; other characters, including non-ASCII ones, are kept as they are (Python
    /// source is UTF-8).
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
                out += hexEscape(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `\xNN` for code points up to U+00FF, `\uNNNN` above.
    private static func hexEscape(_ code: UInt32) -> String {
        let digits = String(code, radix: 16)
        let width = code <= 0xFF ? 2 : 4
        return (code <= 0xFF ? "\\x" : "\\u") + String(repeating: "0", count: width - digits.count) + digits
    }

    /// A tuple of whole numbers: `(28, 28)`, `(784,)`, `()`.
    static func tuple(_ values: [Int]) -> String {
        switch values.count {
        case 0: return "()"
        case 1: return "(\(values[0]),)"
        default: return "(" + values.map(String.init).joined(separator: ", ") + ")"
        }
    }
}
