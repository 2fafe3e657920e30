import Files
import Foundation
@testable import NeuralNet
import Testing

/// The cache of decoded data files: used only while valid, rewritten when not, never a reason for a
/// read to fail, and each file's errors the same as without it.
@Suite struct DecodedCacheTests {
    static let contents: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 31 ^ $0 >> 7) }

    /// A folder holding `data.gz` (``contents`` gzipped) and an empty cache folder `cache` in it.
    static func withSource(_ body: (_ source: String, _ cache: DecodedCache) async throws -> Void) async throws {
        try await IDXTests.withDirectory { directory in
            let source = try await IDXTests.write(Self.contents, "data", in: directory, gzip: true)
            try await body(source, DecodedCache(folder: directory.path + "/cache", minimumBytes: 0))
        }
    }

    /// The copy `cache` keeps of `source` (its path), and what it holds.
    static func copy(of source: String, in cache: DecodedCache) throws -> (path: String, bytes: [UInt8]?) {
        let key = try #require(DecodedCache.Key(source))
        let path = cache.copyPath(for: key)
        return (path, FileManager.default.contents(atPath: path).map { [UInt8]($0) })
    }

    /// `forged` with the trailer of a valid copy of `source`: the cache must take it as the copy.
    static func forge(_ forged: [UInt8], for source: String, in cache: DecodedCache) throws {
        let key = try #require(DecodedCache.Key(source))
        try Data(forged + key.trailer(for: forged)).write(to: URL(fileURLWithPath: cache.copyPath(for: key)))
    }

    @Test func theFirstReadKeepsACopyThatTheNextOneUses() async throws {
        try await Self.withSource { source, cache in
            #expect(try Self.copy(of: source, in: cache).bytes == nil)
            #expect(try cache.read(source) == Self.contents)
            let kept = try #require(try Self.copy(of: source, in: cache).bytes)
            #expect(Array(kept.prefix(Self.contents.count)) == Self.contents)
            // A valid copy is what is read: forged contents with a valid trailer come back.
            try Self.forge(Array("forged".utf8), for: source, in: cache)
            #expect(try cache.read(source) == Array("forged".utf8))
        }
    }

    /// Damaged, cut, emptied, foreign or outdated copies are ignored and written again.
    @Test(arguments: ["a changed byte", "cut short", "empty", "another file's", "garbage", "older source"])
    func anInvalidCopyIsIgnoredAndRewritten(damage: String) async throws {
        try await Self.withSource { source, cache in
            _ = try cache.read(source)
            let (path, kept) = try Self.copy(of: source, in: cache)
            var bytes = try #require(kept)
            switch damage {
            case "a changed byte": bytes[1_000] ^= 0x40
            case "cut short": bytes.removeLast(10)
            case "empty": bytes = []
            case "another file's":
                let key = try #require(DecodedCache.Key(source))
                let other = DecodedCache.Key(path: "/elsewhere/data.gz", size: key.size, seconds: key.seconds,
                                             nanoseconds: key.nanoseconds, gzipTrailer: key.gzipTrailer)
                bytes = Self.contents + other.trailer(for: Self.contents)
            case "garbage": bytes = Array(repeating: 0xFF, count: 200)
            default:
                // The source changed after the copy was made (a later modification time).
                try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: source)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try cache.read(source) == Self.contents)
            let rewritten = try #require(try Self.copy(of: source, in: cache).bytes)
            let key = try #require(DecodedCache.Key(source))
            #expect(rewritten == Self.contents + key.trailer(for: Self.contents))
        }
    }

    /// Where no copy can be written or read — the cache folder is a file, the copy a directory or
    /// a FIFO — the file is read as without a cache.
    @Test(.timeLimit(.minutes(1)), arguments: ["folder is a file", "copy is a directory", "copy is a FIFO"])
    func anUnusableCacheDoesNotStopTheRead(problem: String) async throws {
        try await Self.withSource { source, cache in
            let copy = try Self.copy(of: source, in: cache).path
            switch problem {
            case "folder is a file": try Data("x".utf8).write(to: URL(fileURLWithPath: cache.folder))
            case "copy is a directory": try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
            default:
                try FileManager.default.createDirectory(atPath: cache.folder, withIntermediateDirectories: true)
                try #require(mkfifo(copy, 0o600) == 0)
            }
            #expect(try cache.read(source) == Self.contents)
            #expect(try cache.read(source) == Self.contents)
        }
    }

    /// Errors are those of reading without a cache, and nothing is kept for a file that failed.
    @Test func errorsAreTheFilesOwn() async throws {
        try await IDXTests.withDirectory { directory in
            let cache = DecodedCache(folder: directory.path + "/cache", minimumBytes: 0)
            let half = try await IDXTests.writeHalfGzip(in: directory)
            #expect(IDXTests.dataErrorText { _ = try cache.read(half) } == "\(half) is damaged: unexpected end of file")
            #expect(IDXTests.dataErrorText { _ = try cache.read(directory.path + "/none.gz") } == "\(directory.path)/none.gz does not exist")
            #expect(!FileManager.default.fileExists(atPath: cache.folder))
        }
    }

    /// Small files and files not named `.gz` are read without keeping a copy.
    @Test func smallAndPlainFilesAreNotKept() async throws {
        try await IDXTests.withDirectory { directory in
            let gz = try await IDXTests.write(Self.contents, "data", in: directory, gzip: true)
            let plain = try await IDXTests.write(Self.contents, "plain", in: directory)
            let small = DecodedCache(folder: directory.path + "/cache", minimumBytes: Self.contents.count + 1)
            #expect(try small.read(gz) == Self.contents)
            let all = DecodedCache(folder: directory.path + "/cache", minimumBytes: 0)
            #expect(try all.read(plain) == Self.contents)
            #expect(!FileManager.default.fileExists(atPath: all.folder))
            #expect(try all.read(gz) == Self.contents)
            #expect(try FileManager.default.contentsOfDirectory(atPath: all.folder).count == 1)
        }
    }

    @Test func mnistLoadsTheSameThroughTheCache() async throws {
        try await IDXTests.withDirectory { directory in
            try await IDXTests.writeMNIST(in: directory)
            let cache = DecodedCache(folder: directory.path + "/cache", minimumBytes: 0)
            let direct = try MNIST.pair(images: directory.path + "/train-images-idx3-ubyte.gz", labels: directory.path + "/train-labels-idx1-ubyte")
            for _ in 0..<2 {
                let cached = try MNIST.pair(images: directory.path + "/train-images-idx3-ubyte.gz",
                                            labels: directory.path + "/train-labels-idx1-ubyte", cache: cache)
                #expect(cached.pixels == direct.pixels && cached.labels == direct.labels && cached.exampleShape == direct.exampleShape)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 1)
        }
    }

    /// At most `maximumCopies` copies are kept: writing another removes the one used longest ago,
    /// and reading a copy counts as using it.
    @Test func theCopiesUsedLongestAgoAreRemoved() async throws {
        try await IDXTests.withDirectory { directory in
            let cache = DecodedCache(folder: directory.path + "/cache", minimumBytes: 0, maximumCopies: 2)
            var sources: [String] = []
            for name in ["a", "b", "c"] {
                sources.append(try await IDXTests.write(Self.contents, name, in: directory, gzip: true))
            }
            let copies = try sources.map { try Self.copy(of: $0, in: cache).path }
            _ = try cache.read(sources[0])
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: copies[0])
            _ = try cache.read(sources[1])
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-30)], ofItemAtPath: copies[1])
            _ = try cache.read(sources[0])  // used again: now b is the one used longest ago.
            _ = try cache.read(sources[2])
            let kept = Set(try FileManager.default.contentsOfDirectory(atPath: cache.folder).map { cache.folder + "/" + $0 })
            #expect(kept == [copies[0], copies[2]])
            // A file of another name in the folder is never removed.
            try Data("mine".utf8).write(to: URL(fileURLWithPath: cache.folder + "/notes"))
            _ = try cache.read(sources[1])
            #expect(FileManager.default.fileExists(atPath: cache.folder + "/notes"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 3)
        }
    }

    @Test func theUsersCacheFolder() {
        #expect(DecodedCache.user(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"])?.folder == "/x/cache/tutor")
        // A relative XDG_CACHE_HOME is ignored, as the XDG specification asks.
        #expect(DecodedCache.user(environment: ["XDG_CACHE_HOME": "cache", "HOME": "/home/a"])?.folder == "/home/a/.cache/tutor")
        #expect(DecodedCache.user(environment: ["HOME": "/home/a"])?.folder == "/home/a/.cache/tutor")
        #expect(DecodedCache.user(environment: [:]) == nil)
        #expect(DecodedCache.user(environment: ["HOME": ""]) == nil)
    }

    /// Read and summed in parts, the same bytes and the same CRC-32 as at once.
    @Test(arguments: [0, 1, 5, (3 << 20) + 7])
    func partsGiveTheSameAsTheWhole(size: Int) async throws {
        try await IDXTests.withDirectory { directory in
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
            let path = try await IDXTests.write(bytes, "file", in: directory)
            for parts in [1, 2, 3] {
                #expect(try RegularFile.read(path, limit: size, parts: parts) == bytes)
                #expect(Zlib.crc32(bytes, parts: parts) == Zlib.crc32(bytes))
            }
            if size > 0 {
                #expect(IDXTests.dataErrorText { _ = try RegularFile.read(path, limit: size - 1, parts: 2) }
                    == IDXTests.dataErrorText { _ = try RegularFile.read(path, limit: size - 1) })
            }
        }
    }
}
