import Foundation
import Testing
@testable import TutorTerminal

/// The history file: where it lives, what is recorded, how it stays bounded.
@Suite struct HistoryFileTests {
    /// A fresh directory that does not exist yet.
    func scratchDirectory() -> String {
        NSTemporaryDirectory() + "tutor-history-tests-" + UUID().uuidString
    }

    @Test func pathFollowsXDGStateHome() {
        #expect(LineEditor.historyFilePath(environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/ada"])
            == "/state/tutor/history")
        #expect(LineEditor.historyFilePath(environment: ["XDG_STATE_HOME": "/state/", "HOME": "/home/ada"])
            == "/state/tutor/history")
    }

    @Test func pathDefaultsToLocalStateInHome() {
        #expect(LineEditor.historyFilePath(environment: ["HOME": "/home/ada"]) == "/home/ada/.local/state/tutor/history")
        // A relative or empty XDG_STATE_HOME is ignored, as the XDG specification says.
        #expect(LineEditor.historyFilePath(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/ada"])
            == "/home/ada/.local/state/tutor/history")
        #expect(LineEditor.historyFilePath(environment: ["XDG_STATE_HOME": "", "HOME": "/home/ada/"])
            == "/home/ada/.local/state/tutor/history")
        #expect(LineEditor.historyFilePath(environment: [:]).hasSuffix("/.local/state/tutor/history"))
    }

    @Test func recordsNeitherBlankLinesNorRepeats() {
        #expect(HistoryFile.shouldRecord("fit 3", after: nil))
        #expect(HistoryFile.shouldRecord("fit 3", after: "fit 2"))
        #expect(!HistoryFile.shouldRecord("fit 3", after: "fit 3"))
        #expect(HistoryFile.shouldRecord("fit 3 ", after: "fit 3"))
        #expect(!HistoryFile.shouldRecord("", after: nil))
        #expect(!HistoryFile.shouldRecord("  \t ", after: "fit 3"))
    }

    @Test func appendCreatesParentDirectoriesAndAPrivateFile() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = HistoryFile(path: directory + "/tutor/history", limit: 10)
        file.append("data mnist")
        file.append("layer dense 256 sigmoid")
        file.append("two\nlines")  // ignored: an entry is one line
        #expect(file.load() == ["data mnist", "layer dense 256 sigmoid"])
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func loadKeepsTheNewestEntriesAndCompactsTheFile() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = HistoryFile(path: directory + "/history", limit: 3)
        for number in 1...5 { file.append("fit \(number)") }
        #expect(file.readAll().count == 5)
        #expect(file.load() == ["fit 3", "fit 4", "fit 5"])
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "fit 3\nfit 4\nfit 5\n")
    }

    @Test func compactBoundsTheFileAndKeepsUnicode() {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = HistoryFile(path: directory + "/history", limit: 2)
        for line in ["show softmax [2, 1, 0.1]", "let données = [1, 2]", "plot loss ✓"] { file.append(line) }
        file.compact()
        #expect(file.readAll() == ["let données = [1, 2]", "plot loss ✓"])
        file.compact()  // nothing to do
        #expect(file.readAll().count == 2)
    }

    @Test func missingOrUnwritableFilesAreHarmless() {
        let missing = HistoryFile(path: scratchDirectory() + "/nothing/here", limit: 5)
        #expect(missing.load() == [])
        missing.compact()
        let unwritable = HistoryFile(path: "/proc/tutor-cannot-write/history", limit: 5)
        unwritable.append("fit 1")
        #expect(unwritable.load() == [])
    }

    @Test func boundedAndLimit() {
        #expect(HistoryFile.bounded(["a", "b", "c"], limit: 2) == ["b", "c"])
        #expect(HistoryFile.bounded(["a"], limit: 2) == ["a"])
        #expect(HistoryFile(path: "/x", limit: 0).limit == 1)
    }
}
