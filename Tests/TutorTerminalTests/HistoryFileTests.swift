import Files
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

    /// A FIFO at the history's path is neither read nor written (either would wait for the
    /// other end) nor replaced: the session goes on without history, at once.
    @Test(.timeLimit(.minutes(1))) func aFIFOIsLeftAloneWithoutWaiting() throws {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        try #require(mkfifo(path, 0o600) == 0)
        let file = HistoryFile(path: path, limit: 5)
        let start = ContinuousClock.now
        #expect(file.load() == [])
        file.append("fit 1")
        file.compact()
        #expect(ContinuousClock.now - start < .seconds(5))
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["history"])
    }

    /// A history file grown huge (a sparse 530 MB of zeros, then lines) is read from its end
    /// only — the newest 1 MiB — and cut down to its newest lines.
    @Test func aHugeFileIsReadOnlyFromItsEnd() throws {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        try #require(truncate(path, 530 << 20) == 0)
        let file = HistoryFile(path: path, limit: 3)
        for number in 1...4 { file.append("fit \(number)") }
        #expect(file.load() == ["fit 2", "fit 3", "fit 4"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "fit 2\nfit 3\nfit 4\n")
    }

    /// Fewer lines than the limit but more than the newest 1 MiB: the first line read may be the
    /// end of a cut one, so it is dropped, and the file is rewritten to what was kept.
    @Test func aLongFileKeepsOnlyWholeLinesOfItsTail() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = HistoryFile(path: directory + "/history", limit: 1_000_000)
        let line = String(repeating: "x", count: 999)  // 1,000 bytes with its line break
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try (String(repeating: line + "\n", count: 2000) + "fit 1\n").write(toFile: file.path, atomically: false, encoding: .utf8)
        let entries = file.load()
        #expect(entries.last == "fit 1")
        #expect(entries.dropLast().allSatisfy { $0 == line })
        #expect(entries.count == (FileLimits.historyTailBytes - 6) / 1000 + 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)).count <= FileLimits.historyTailBytes)
    }

    @Test func linesTooLongToRunAreNotRecorded() {
        #expect(!HistoryFile.shouldRecord(String(repeating: "x", count: FileLimits.lineBytes + 1), after: nil))
        #expect(HistoryFile.shouldRecord(String(repeating: "x", count: FileLimits.lineBytes), after: nil))
    }

    @Test func boundedAndLimit() {
        #expect(HistoryFile.bounded(["a", "b", "c"], limit: 2) == ["b", "c"])
        #expect(HistoryFile.bounded(["a"], limit: 2) == ["a"])
        #expect(HistoryFile(path: "/x", limit: 0).limit == 1)
    }
}
