import Foundation

/// Whole numbers for people: 200960 → `200,960` (as Python's `f"{n:,}"`).
public enum Thousands {
    /// `value` and `noun`, the noun in the plural unless the value is 1: `1 unit`, `1,000 examples`.
    public static func counted(_ value: Int, _ noun: String) -> String {
        grouped(value) + " " + (value == 1 ? noun : noun + "s")
    }

    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }
}

/// Byte counts for people: 795.04 KB, 1.25 TB (powers of 1024, as Keras' summary).
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return NumberText.fixed(value, 2) + " " + units[unit]
    }
}

/// Numbers with a fractional part, printf-style in the C locale (a dot as decimal separator),
/// matching Python's format specs where Keras output is reproduced (`.4f`, `.4e`, `.4g`).
public enum NumberText {
    /// `value` with exactly `places` decimals, like Python's `f"{value:.4f}"`: fixed(0.65900, 4) → `0.6590`.
    public static func fixed(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(max(0, places))f", value)
    }

    /// `value` in scientific notation, like Python's `f"{value:.4e}"` (`1.0000e-04`).
    public static func scientific(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(max(0, decimals))e", value)
    }

    /// `value` to `digits` significant digits, like `%g` (`0.3541`, `12.35`, `1e-05`).
    public static func significant(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(max(1, digits))g", value)
    }

    /// The shortest text that reads back as `value`: 0.1 → `0.1`, 2 → `2` (whole numbers without
    /// `.0` while every whole number that size is exact: below 10⁷ for a Float).
    public static func short(_ value: Float) -> String {
        if value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
        return "\(value)"
    }

    /// The same for a Double: `1`, `0.001`, `2.5` (whole numbers below 10¹⁵ without `.0`).
    public static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
