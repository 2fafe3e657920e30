import Files
import Foundation
import Testing

/// The one file writer: whole files or none, folders made on request, permissions kept or set.
@Suite struct AtomicFileTests {
    /// A fresh folder, removed by `body`'s caller.
    static func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func writesAndReplacesLeavingNoTemporaryFile() throws {
        try Self.withFolder { folder in
            let path = folder + "/a.txt"
            try AtomicFile.write("one\n", to: path)
            try AtomicFile.write("two\n", to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.txt"])
        }
    }

    @Test func interruptedWriteKeepsTheOldFile() throws {
        try Self.withFolder { folder in
            let path = folder + "/a.txt"
            try AtomicFile.write("old\n", to: path)
            AtomicFile.$beforeRename.withValue({ FileError(file: path, problem: "was interrupted") }) {
                #expect(throws: FileError(file: path, problem: "was interrupted")) { try AtomicFile.write("new\n", to: path) }
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.txt"])
        }
    }

    @Test func foldersAreMadeOnlyWhenAsked() throws {
        try Self.withFolder { folder in
            let path = folder + "/x/y/a.txt"
            #expect(throws: FileError.directoryMissing(path, directory: folder + "/x/y")) { try AtomicFile.write("a", to: path) }
            try AtomicFile.write("a", to: path, creatingDirectories: true)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "a")

            let plain = folder + "/plain"
            try AtomicFile.write("p", to: plain)
            #expect(throws: FileError.notADirectory(plain + "/z/a.txt", directory: plain)) {
                try AtomicFile.write("a", to: plain + "/z/a.txt", creatingDirectories: true)
            }
            #expect(throws: FileError.namesADirectory(folder + "/x")) { try AtomicFile.write("a", to: folder + "/x") }
        }
    }

    @Test func permissionsAreKeptOrSet() throws {
        try Self.withFolder { folder in
            let path = folder + "/a.txt"
            try AtomicFile.write("a", to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
            try AtomicFile.write("b", to: path)
            #expect(try Self.mode(path) == 0o640)
            try AtomicFile.write("c", to: path, permissions: 0o600)
            #expect(try Self.mode(path) == 0o600)
        }
    }

    @Test func errorsReadAsOneSentence() {
        #expect(FileError.unwritable("m.tut", errno: ENOSPC).description == "m.tut cannot be written: no space left on device")
        #expect(FileError(file: "f", problem: "is damaged").localizedDescription == "f is damaged")
    }
}
