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

    /// What is at `path`, by `lstat`: its kind, or nil when nothing is there.
    static func kind(_ path: String) -> String? {
        var info = stat()
        return lstat(path, &info) == 0 ? FileError.kind(ofMode: info.st_mode) : nil
    }

    /// The description of the error `body` throws, or nil when it throws none.
    static func errorText(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// A FIFO is refused before anything is written, and is still a FIFO afterwards (it was
    /// once renamed over, and a device node became a file with "Saved" printed).
    @Test func aFIFOIsNotReplaced() throws {
        try Self.withFolder { folder in
            let path = folder + "/pipe"
            try #require(mkfifo(path, 0o600) == 0)
            #expect(Self.errorText { try AtomicFile.write("data", to: path) }
                == "\(path) cannot be written: it is a FIFO (named pipe), not a regular file")
            #expect(Self.kind(path) == "a FIFO (named pipe)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["pipe"])
            #expect(AtomicFile.refusal(for: path) == "it is a FIFO (named pipe), not a regular file")
        }
    }

    /// A device node (made here as `/dev/full` is, when allowed: root) is refused and left as it is.
    @Test func aDeviceIsNotReplaced() throws {
        try Self.withFolder { (folder: String) throws in
            let path = folder + "/full"
            guard mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 7)  /* makedev(1, 7), as /dev/full */) == 0 else { return }  // not root: nothing to test
            #expect(Self.errorText { try AtomicFile.write("data", to: path) }
                == "\(path) cannot be written: it is a character device, not a regular file")
            #expect(Self.kind(path) == "a character device")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["full"])
        }
        #expect(AtomicFile.refusal(for: "/dev/null") == "it is a character device, not a regular file")
    }

    @Test func aDirectoryIsNotReplaced() throws {
        try Self.withFolder { folder in
            let path = folder + "/sub"
            try FileManager.default.createDirectory(atPath: path + "/inner", withIntermediateDirectories: true)
            #expect(Self.errorText { try AtomicFile.write("data", to: path) } == "\(path) cannot be written: it is a directory")
            #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["inner"])
            #expect(AtomicFile.refusal(for: path) == FileError.directoryReason)
        }
    }

    /// A link to a regular file: that file is replaced, the link stays. A link to anything else,
    /// or to nothing, is refused.
    @Test func symbolicLinksAreFollowedToRegularFilesOnly() throws {
        try Self.withFolder { folder in
            try AtomicFile.write("old", to: folder + "/real.txt")
            try FileManager.default.createSymbolicLink(atPath: folder + "/link.txt", withDestinationPath: "real.txt")
            try AtomicFile.write("new", to: folder + "/link.txt")
            #expect(try String(contentsOfFile: folder + "/real.txt", encoding: .utf8) == "new")
            #expect(Self.kind(folder + "/link.txt") == "a symbolic link")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["link.txt", "real.txt"])

            try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: "nowhere")
            #expect(Self.errorText { try AtomicFile.write("x", to: folder + "/dangling") }
                == "\(folder)/dangling cannot be written: it is a symbolic link that leads nowhere (no such file or directory)")
            try #require(mkfifo(folder + "/pipe", 0o600) == 0)
            try FileManager.default.createSymbolicLink(atPath: folder + "/to-pipe", withDestinationPath: "pipe")
            #expect(Self.errorText { try AtomicFile.write("x", to: folder + "/to-pipe") }
                == "\(folder)/to-pipe cannot be written: it is a symbolic link to a FIFO (named pipe), not to a regular file")
            #expect(Self.kind(folder + "/pipe") == "a FIFO (named pipe)")
        }
    }

    /// "a\0b" would be written as "a" (a C string ends at the NUL).
    @Test func aNulInThePathIsRefused() throws {
        try Self.withFolder { (folder: String) throws in
            #expect(Self.errorText { try AtomicFile.write("x", to: folder + "/a\u{0}b") }
                == "\(folder)/a\\0b cannot be used: its name has a NUL character (shown as \\0), which no file name can have")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
            #expect(AtomicFile.refusal(for: folder + "/a\u{0}b") == FileError.nulReason)
        }
    }

    /// Where there are no unnamed files, the temporary file is named from the start; it goes
    /// all the same, and an interrupted write keeps the old file.
    @Test func namedTemporaryFilesLeaveNothingEither() throws {
        try Self.withFolder { folder in
            let path = folder + "/a.txt"
            try AtomicFile.$usesUnnamedTemporaryFiles.withValue(false) {
                try AtomicFile.write("one", to: path)
                let seen = AtomicFile.$beforeRename.withValue({
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                    let pattern = ".a.txt.tutor-\(getpid())-"
                    return names.contains { $0.hasPrefix(pattern) && $0.hasSuffix(".tmp") } ? FileError(file: path, problem: "was interrupted") : nil
                }) { Self.errorText { try AtomicFile.write("two", to: path) } }
                #expect(seen == "\(path) was interrupted")
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.txt"])
        }
    }

    /// A process id that was in use a moment ago and is not any more.
    static func deadProcessID() throws -> Int32 {
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { arguments.forEach { free($0) } }
        try #require(posix_spawn(&pid, "/bin/true", nil, nil, arguments, nil) == 0)
        var status: Int32 = 0
        try #require(waitpid(pid, &status, 0) == pid)
        return pid
    }

    /// The temporary files of killed writers are removed by the next write to the same file; a
    /// live writer's (this process's) and a fresh one of the older naming are kept.
    @Test func leftoversOfDeadWritersAreRemoved() throws {
        try Self.withFolder { folder in
            let dead = try Self.deadProcessID()
            let names = [
                ".a.txt.tutor-\(dead)-1f2e.tmp",  // a writer that was killed
                ".a.txt.tutor-\(getpid())-abcd.tmp",  // this process: alive
                ".a.txt.0123abcd.tmp",  // older naming, two hours old
                ".a.txt.4567ef.tmp",  // older naming, fresh
                ".b.txt.tutor-\(dead)-1f2e.tmp",  // another file's
            ]
            for name in names { try Data(count: 1000).write(to: URL(fileURLWithPath: folder + "/" + name)) }
            let old = Date(timeIntervalSinceNow: -2 * AtomicFile.legacyTemporaryAge)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder + "/" + names[2])
            try AtomicFile.write("a", to: folder + "/a.txt")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == ["a.txt", names[1], names[3], names[4]].sorted())
        }
    }

    @Test func errorsReadAsOneSentence() {
        #expect(FileError.unwritable("m.tut", errno: ENOSPC).description == "m.tut cannot be written: no space left on device")
        #expect(FileError(file: "f", problem: "is damaged").localizedDescription == "f is damaged")
    }
}
