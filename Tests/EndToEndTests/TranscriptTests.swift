import Foundation
import Testing

/// Golden transcripts: each `Tests/Transcripts/NAME.tut` is replayed with `tutor run`, and its
/// whole output (standard output, then standard error, then the exit status) must equal
/// `NAME.out`. Set `UPDATE_GOLDEN=1` to write the files anew; review the diff before committing.
struct TranscriptTests {
    static let folder = TutorBinary.packageRoot.appendingPathComponent("Tests/Transcripts")

    static var scripts: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".tut") }.sorted()
    }

    @Test func thereAreTranscripts() {
        #expect(TranscriptTests.scripts.count >= 5)
    }

    @Test(arguments: TranscriptTests.scripts)
    func transcriptMatches(_ script: String) async throws {
        let path = "Tests/Transcripts/" + script
        let result = try await TutorBinary.run(["run", path])
        let actual = TutorBinary.normalized(result.stdout)
            + (result.stderr.isEmpty ? "" : "--- stderr\n" + result.stderr)
            + "--- exit \(result.status)\n"
        let expectedURL = TranscriptTests.folder.appendingPathComponent(script.replacingOccurrences(of: ".tut", with: ".out"))
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected, "\(script): output differs from \(expectedURL.lastPathComponent)")
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let i = zip(a, e).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("first difference at line \(i + 1):\n  got:  \(a[i])\n  want: \(e[i])")
            }
        }
    }
}
