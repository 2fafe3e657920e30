// Number formatting shared by the renderers, matching Python's format specs where Keras
// output is reproduced (`.4f`, `.4e`, `,`).

import Foundation
import TutorLanguage

/// printf-style number formatting with the C locale (a dot as decimal separator).
enum NumberFormat {
    /// `value` with `decimals` digits after the point, like Python's `f"{value:.4f}"`.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        NumberText.fixed(value, max(0, decimals))
    }

    /// `value` in scientific notation, like Python's `f"{value:.4e}"` (`1.0000e-04`).
    static func scientific(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(max(0, decimals))e", value)
    }

    /// `value` to `digits` significant digits, like `%g` (`0.3541`, `12.35`, `1e-05`).
    static func significant(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(max(1, digits))g", value)
    }

    /// An integer with thousands separators, like Python's `f"{value:,}"` (`200,960`).
    static func grouped(_ value: Int) -> String {
        NumberText.grouped(value)
    }

    /// `text` padded with spaces on the left to `width` characters.
    static func padLeft(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// `text` padded with spaces on the right to `width` characters.
    static func padRight(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
