import Foundation
import Testing
import TutorLanguage
@testable import TutorTerminal

/// Every session's notebook in a file of its own, kept as the session goes, the newest 20 kept.
struct SessionNotebookTests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-sessions-\(UUID().uuidString)")
        return url.path
    }

    /// 14:17:05 local time on 2 December 2026.
    static let started: Date = {
        var parts = DateComponents()
        (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) = (2026, 12, 2, 14, 17, 5)
        return Calendar(identifier: .gregorian).date(from: parts) ?? Date(timeIntervalSince1970: 0)
    }()

    static func notebook(_ lines: [String]) -> Notebook {
        var notebook = Notebook()
        for line in lines {
            notebook.begin(line)
            notebook.record(.message("ran \(line)"))
        }
        return notebook
    }

    static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func theFolderIsBesideTheHistory() {
        #expect(SessionNotebook.folder(environment: ["XDG_STATE_HOME": "/state"]) == "/state/tutor/notebooks")
        #expect(SessionNotebook.folder(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/ada"]) == "/home/ada/.local/state/tutor/notebooks")
    }

    /// Nothing, or only `quit`, leaves no file (and no folder).
    @Test(arguments: [[], ["quit"], ["  QUIT  # bye", "quit"]])
    func aSessionThatRanNothingLeavesNone(lines: [String]) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let kept = SessionNotebook(folder: folder, started: Self.started)
        kept.keep(Self.notebook(lines))
        #expect(kept.path == nil && kept.failure == nil)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    /// A command, even one that did not parse, makes the file: named by the start, private,
    /// rewritten whole at every call.
    @Test func theFileIsMadeAtTheFirstCommandAndRewrittenAsTheSessionGoes() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let kept = SessionNotebook(folder: folder, started: Self.started)
        kept.keep(Self.notebook(["quit"]))
        kept.keep(Self.notebook(["quit", "layer dense 64 sigmiod"]))
        let path = try #require(kept.path)
        #expect(path == folder + "/2026-12-02-141705.md")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.notebook(["quit", "layer dense 64 sigmiod"]).markdown())
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        kept.keep(Self.notebook(["quit", "layer dense 64 sigmiod", "show onehot 3"]))
        #expect(kept.path == path)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("[3]> show onehot 3"))
        #expect(Self.names(in: folder) == ["2026-12-02-141705.md"])
    }

    /// Two sessions that began in the same second each get a file: the second `…-2.md`.
    @Test func aNameTakenIsNeverOverwritten() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = SessionNotebook(folder: folder, started: Self.started)
        let second = SessionNotebook(folder: folder, started: Self.started)
        first.keep(Self.notebook(["show onehot 1"]))
        second.keep(Self.notebook(["show onehot 2"]))
        #expect(first.path == folder + "/2026-12-02-141705.md")
        #expect(second.path == folder + "/2026-12-02-141705-2.md")
        #expect(try String(contentsOfFile: folder + "/2026-12-02-141705.md", encoding: .utf8).contains("show onehot 1"))
        #expect(SessionNotebook.all(in: folder) == [folder + "/2026-12-02-141705.md", folder + "/2026-12-02-141705-2.md"])
    }

    /// The newest 20 are kept, this one among them; files tutor did not name are left alone.
    @Test func theNewestTwentyAreKept() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let old = (1...25).map { String(format: "2026-11-%02d-090000.md", $0) }
        for name in old + ["notes.md", "2026-11-30-09000.md", "2026-11-30-090000-1.md"] {
            try "old".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: folder + "/2026-01-01-000000.md", withIntermediateDirectories: true)
        let kept = SessionNotebook(folder: folder, started: Self.started)
        kept.keep(Self.notebook(["show onehot 3"]))
        let expected = (Array(old.suffix(19)) + ["2026-12-02-141705.md"]).map { folder + "/" + $0 }
        #expect(SessionNotebook.all(in: folder) == expected)
        #expect(Self.names(in: folder).filter { !old.contains($0) } == [
            "2026-01-01-000000.md", "2026-11-30-09000.md", "2026-11-30-090000-1.md", "2026-12-02-141705.md", "notes.md",
        ])
        #expect(Self.names(in: folder).filter(old.contains) == Array(old.suffix(19)))
    }

    /// A notebook that cannot be written says why and never stops the session.
    @Test func aFolderThatCannotBeMadeIsAFailureNotACrash() throws {
        let file = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "a file".write(toFile: file, atomically: false, encoding: .utf8)
        let kept = SessionNotebook(folder: file + "/notebooks", started: Self.started)
        kept.keep(Self.notebook(["show onehot 3"]))
        kept.keep(Self.notebook(["show onehot 3", "show onehot 4"]))
        #expect(kept.path == nil)
        #expect(kept.failure != nil)
    }

    /// The console hands the notebook over when a typed command begins (the command is kept
    /// before it runs, so a crash during it keeps it) and again when it has finished.
    @Test func theConsoleKeepsTheNotebookWhenACommandBeginsAndEnds() throws {
        final class Calls { var notebooks: [Notebook] = [] }
        let calls = Calls()
        let console = Console(
            interpreter: Interpreter(session: Session(bundledDataDirectory: nil)),
            terminal: Terminal(isTTY: false, width: 80, colorEnabled: false), write: { _ in })
        console.keepNotebook = { calls.notebooks.append($0) }
        console.run(line: "show onehot 3", cell: 1)
        console.run(line: "layer dense 64 sigmiod", cell: 2)
        console.run(line: "   ", cell: 3)
        #expect(calls.notebooks.map(\.cells.count) == [1, 1, 2, 2])
        #expect(calls.notebooks[0].cells[0] == Notebook.Cell(source: "show onehot 3", output: []))
        #expect(calls.notebooks[1].cells[0].output.first?.hasPrefix("onehot(3)") == true)
        #expect(calls.notebooks[3].cells[1].output.first?.hasPrefix("error: unknown activation `sigmiod`") == true)
    }
}
