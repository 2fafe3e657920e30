import Files
import Foundation
import Testing

/// The one file reader: regular files up to a limit; FIFOs, devices, directories, NUL in the
/// name refused with the kind found, at once (a FIFO is never waited on).
@Suite(.timeLimit(.minutes(1))) struct RegularFileTests {
    /// The description of the error `body` throws, or nil when it throws none.
    static func errorText(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsARegularFileWhole() throws {
        try AtomicFileTests.withFolder { folder in
            let path = folder + "/a.txt"
            try Data("héllo\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(try RegularFile.read(path, limit: 100) == Array("héllo\n".utf8))
            #expect(try RegularFile.readText(path, limit: 100) == "héllo\n")
            // Exactly at the limit is allowed; one byte more is not.
            #expect(try RegularFile.read(path, limit: 7).count == 7)
            #expect(Self.errorText { _ = try RegularFile.read(path, limit: 6) }
                == "\(path) is 7 bytes, more than the 6 bytes a regular file can have")
            #expect(Self.errorText { _ = try RegularFile.readText(path, limit: 6, expected: "a script") }
                == "\(path) is 7 bytes, more than the 6 bytes a script can have")
        }
    }

    /// Opening a FIFO for reading would wait for a writer: it is refused by its kind first.
    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        try AtomicFileTests.withFolder { folder in
            let path = folder + "/pipe"
            try #require(mkfifo(path, 0o600) == 0)
            let start = ContinuousClock.now
            #expect(Self.errorText { _ = try RegularFile.read(path, limit: 100) }
                == "\(path) is a FIFO (named pipe), not a regular file")
            #expect(Self.errorText { _ = try RegularFile.readText(path, limit: 100, expected: "a tutor model file") }
                == "\(path) is a FIFO (named pipe), not a tutor model file")
            #expect(Self.errorText { _ = try RegularFile.readTail(path, limit: 100) }
                == "\(path) is a FIFO (named pipe), not a regular file")
            #expect(ContinuousClock.now - start < .seconds(5))
            // A symbolic link to the FIFO is no way round.
            try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: path)
            #expect(Self.errorText { _ = try RegularFile.read(folder + "/link", limit: 100) }
                == "\(folder)/link is a FIFO (named pipe), not a regular file")
        }
    }

    @Test(arguments: ["/dev/zero", "/dev/null"])
    func aDeviceIsRefused(_ device: String) {
        #expect(Self.errorText { _ = try RegularFile.read(device, limit: 1 << 30) }
            == "\(device) is a character device, not a regular file")
    }

    @Test func aDirectoryAMissingFileAndANulAreRefused() throws {
        try AtomicFileTests.withFolder { folder in
            #expect(Self.errorText { _ = try RegularFile.read(folder, limit: 100) }
                == "\(folder) is a directory, not a regular file")
            #expect(Self.errorText { _ = try RegularFile.read(folder + "/none", limit: 100) }
                == "\(folder)/none does not exist")
            // "a" exists; the system would read it for "a\0b" (a C string ends at the NUL).
            try Data("a".utf8).write(to: URL(fileURLWithPath: folder + "/a"))
            #expect(Self.errorText { _ = try RegularFile.read(folder + "/a\u{0}b", limit: 100) }
                == "\(folder)/a\\0b cannot be used: its name has a NUL character (shown as \\0), which no file name can have")
        }
    }

    @Test func unreadableFilesSayWhy() throws {
        guard getuid() != 0 else { return }  // root reads every file
        try AtomicFileTests.withFolder { folder in
            let path = folder + "/secret"
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            try #require(chmod(path, 0) == 0)
            #expect(Self.errorText { _ = try RegularFile.read(path, limit: 100) } == "\(path) cannot be read: permission denied")
        }
    }

    @Test func textMustBeUTF8() throws {
        try AtomicFileTests.withFolder { folder in
            let path = folder + "/bad.tut"
            try Data([0x61, 0x62, 0xC3, 0xA9, 0xFF, 0x63]).write(to: URL(fileURLWithPath: path))
            #expect(Self.errorText { _ = try RegularFile.readText(path, limit: 100, expected: "a script") }
                == "\(path) is not a script: the byte at offset 4 is not UTF-8 text")
            #expect(RegularFile.firstInvalidUTF8(Array("ok é ✓".utf8)) == nil)
            #expect(RegularFile.firstInvalidUTF8([0xE2, 0x9C]) == 0)
        }
    }

    /// The tail of a file: the newest `limit` bytes, and whether that is all of it.
    @Test func readsTheTail() throws {
        try AtomicFileTests.withFolder { folder in
            let path = folder + "/log"
            try Data("0123456789".utf8).write(to: URL(fileURLWithPath: path))
            let tail = try RegularFile.readTail(path, limit: 4)
            #expect(tail.bytes == Array("6789".utf8))
            #expect(!tail.isWhole)
            let whole = try RegularFile.readTail(path, limit: 10)
            #expect(whole.bytes == Array("0123456789".utf8))
            #expect(whole.isWhole)
        }
    }

    /// A sparse file of 8 GiB: refused by its size, before anything is read.
    @Test func aHugeFileIsRefusedBeforeReading() throws {
        try AtomicFileTests.withFolder { folder in
            let path = folder + "/huge"
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            try #require(truncate(path, 8 << 30) == 0)
            #expect(Self.errorText { _ = try RegularFile.read(path, limit: 4 << 20, expected: "a script") }
                == "\(path) is 8,589,934,592 bytes, more than the 4,194,304 bytes a script can have")
            #expect(try RegularFile.readTail(path, limit: 16).bytes == [UInt8](repeating: 0, count: 16))
        }
    }
}
