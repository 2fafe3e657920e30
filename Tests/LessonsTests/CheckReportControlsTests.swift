import Foundation
import Lessons
import Testing

/// `tutor check`'s reports on an outcome that quotes controls from an answer or a lesson file:
/// the text shows them visible; JSON keeps the exact text with every control `\u`-escaped.
struct CheckReportControlsTests {
    static let payload = "\u{1B}]0;owned\u{07}\u{1B}c\u{9B}2J\u{202E}\u{7F}\u{85}"

    static let outcome = CheckOutcome(
        lesson: "01-e\u{1B}[2Jvil", exercise: "sum", status: .error,
        message: "a.tut:1:1: unknown command `\(payload)`", details: ["hint: \(payload)"])

    @Test func theTextShowsControlsVisible() {
        #expect(CheckReport.lines(for: Self.outcome) == [
            #"✗ 01-e\e[2Jvil/sum — a.tut:1:1: unknown command `\e]0;owned\a\ec\u{9B}2J\u{202E}\u{7F}\u{85}`"#,
            #"    hint: \e]0;owned\a\ec\u{9B}2J\u{202E}\u{7F}\u{85}"#,
        ])
        #expect(CheckReport.lines(for: CheckOutcome(lesson: "x\u{9B}", exercise: "y", status: .passed, message: "")) == [#"✓ x\u{9B}/y"#])
        #expect(CheckReport.lines(for: CheckOutcome(lesson: "x", exercise: "y", status: .notAnswered, message: "no answer file \u{1B}c"))
            == ["· x/y not answered"])
    }

    @Test func jsonEscapesEveryControlAndReadsBackExactly() throws {
        let json = CheckReport.json([Self.outcome])
        #expect(json == #"""
            {"exercise":"sum","lesson":"01-e\u001b[2Jvil","message":"a.tut:1:1: unknown command `\u001b]0;owned\u0007\u001bc\u009b2J\u202e\u007f\u0085`\nhint: \u001b]0;owned\u0007\u001bc\u009b2J\u202e\u007f\u0085","status":"error"}
            """#)
        #expect(json.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && $0 != "\u{202E}" })
        let record = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(record?["lesson"] == "01-e\u{1B}[2Jvil")
        #expect(record?["message"] == "a.tut:1:1: unknown command `\(Self.payload)`\nhint: \(Self.payload)")
    }
}
