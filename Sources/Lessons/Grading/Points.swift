import Foundation
import TutorLanguage

/// What an exercise is worth when `tutor check --format gradescope|classroom` grades it: the
/// `points N` line of the exercise in its lesson file, 1 when there is none.
///
/// Kept as a whole number of hundredths, so that adding up a course's points is exact (no
/// `0.30000000000000004`); a lesson writes a whole number (`3`) or one with at most two decimals
/// (`2.5`, `0.25`), from 0 to ``maximum``.
public struct Points: Equatable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The points in hundredths (`2.5` is 250).
    public let hundredths: Int

    public init(hundredths: Int) {
        self.hundredths = hundredths
    }

    /// No points: what a test that did not pass scores.
    public static let zero = Points(hundredths: 0)

    /// What an exercise without a `points` line is worth.
    public static let standard = Points(hundredths: 100)

    /// The most one exercise may be worth: 1000 points.
    public static let maximum = Points(hundredths: 100_000)

    /// The most decimals a `points` value may have.
    public static let maximumDecimals = 2

    /// The value as the graders' JSON holds it: `3`, `2.5` (exact, never `2.4999…`).
    public var decimal: Decimal {
        Decimal(hundredths) / 100
    }

    /// `3`, `2.5`, `0.25`: as a lesson writes it.
    public var description: String {
        let whole = hundredths / 100, part = hundredths % 100
        guard part != 0 else { return String(whole) }
        let digits = part % 10 == 0 ? String(part / 10) : (part < 10 ? "0" : "") + String(part)
        return "\(whole).\(digits)"
    }

    public static func < (left: Points, right: Points) -> Bool {
        left.hundredths < right.hundredths
    }

    public static func + (left: Points, right: Points) -> Points {
        Points(hundredths: left.hundredths + right.hundredths)
    }

    /// The points `text` writes — digits, then optionally `.` and one or two digits — or nil when
    /// it writes none or more than ``maximum``.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard let whole = parts.first, isDigits(whole), whole.count <= 7 else { return nil }
        var hundredths = (Int(whole) ?? 0) * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard isDigits(fraction), fraction.count <= Self.maximumDecimals else { return nil }
            hundredths += (Int(fraction) ?? 0) * (fraction.count == 1 ? 10 : 1)
        }
        guard hundredths <= Self.maximum.hundredths else { return nil }
        self.hundredths = hundredths
    }

    /// `usage: points N`, with what N may be: the note under every error about a `points` line.
    static let usage = "usage: points N, where N is a whole number or has at most \(maximumDecimals) decimals (2.5), from 0 to \(maximum)"

    /// The value of a `points N` line of an exercise (`words` are the line's words, `points` first).
    static func parse(_ line: SourceLine, words: [Word]) throws(Diagnostic) -> Points {
        guard words.count > 1 else {
            let column = (words.last?.columns.upperBound ?? 0) + 1
            throw Diagnostic("expected what the exercise is worth after `points`", in: line, columns: column...column,
                             suggestion: usage)
        }
        let value = words[1]
        guard let points = Points(value.text) else {
            throw Diagnostic("an exercise's points are a number from 0 to \(maximum) with at most \(maximumDecimals) decimals, found `\(value.text)`",
                             in: line, columns: value.columns, suggestion: usage)
        }
        if words.count > 2 {
            throw Diagnostic("unexpected `\(words[2].text)` after the points", in: line, columns: words[2].columns,
                             suggestion: usage)
        }
        return points
    }
}
