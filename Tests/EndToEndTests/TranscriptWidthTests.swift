import Foundation
import Testing

/// Every golden transcript replayed at 60, 80 and 120 columns (`COLUMNS`, which tutor honours
/// when not writing to a terminal): no line is wider than the terminal, and no word or number is
/// split across two lines — a line that ends in `200` followed by one starting with `,960`, where
/// the same transcript laid out 1,000 columns wide has `200,960` and neither piece on its own.
struct TranscriptWidthTests {
    static let widths = [60, 80, 120]

    /// The columns a line of plain text (`NO_COLOR`) takes: one a character, two for East Asian
    /// wide characters and emoji shown as pictures (none of which the transcripts print).
    static func columns(_ line: Substring) -> Int {
        line.reduce(0) { sum, character in
            let scalar = character.unicodeScalars.first
            let wide = scalar.map { $0.properties.isEmojiPresentation || (0x1100...0x115F).contains($0.value) || (0x2E80...0xFFEF).contains($0.value) && !(0xE000...0xF8FF).contains($0.value) } ?? false
            return sum + (wide ? 2 : 1)
        }
    }

    static func output(_ script: String, width: Int) async throws -> String {
        let result = try await TutorBinary.run(["run", "Tests/Transcripts/" + script], environment: ["COLUMNS": "\(width)"])
        return TutorBinary.normalized(result.stdout) + result.stderr
    }

    @Test(arguments: TranscriptTests.scripts)
    func noLineIsWiderThanTheTerminalAndNoWordIsSplit(_ script: String) async throws {
        let unbroken = try await Self.output(script, width: 1000)
        let words = Set(unbroken.split(whereSeparator: \.isWhitespace))
        for width in Self.widths {
            let lines = try await Self.output(script, width: width).split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines {
                #expect(Self.columns(line) <= width, "\(script) at \(width) columns: a line of \(Self.columns(line)): \(line)")
            }
            #expect(Self.splits(lines, words: words) == [], "\(script) at \(width) columns")
        }
    }

    /// The words that `lines` split across a line break: a line's last word and the next line's
    /// first that together make one of `words` while one of them is not a word there itself.
    static func splits(_ lines: [Substring], words: Set<Substring>) -> [String] {
        zip(lines, lines.dropFirst()).compactMap { line, next in
            guard let end = line.split(separator: " ").last, let start = next.split(separator: " ").first else { return nil }
            let joined = Substring(end + start)
            return words.contains(joined) && !(words.contains(end) && words.contains(start)) ? String(joined) : nil
        }
    }

    @Test func theCheckFindsASplitNumberButNotTwoWords() {
        let words: Set<Substring> = ["params", "200,960", "200", "units", "0.5330", "accuracy:"]
        #expect(Self.splits(["params 200", ",960 units"], words: words) == ["200,960"])
        #expect(Self.splits(["accuracy: 0.533", "0 units"], words: words) == ["0.5330"])
        #expect(Self.splits(["params 200", "units"], words: words) == [])
    }
}
