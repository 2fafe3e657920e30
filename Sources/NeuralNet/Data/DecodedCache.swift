import Files
import Foundation

/// A folder of decoded copies of gzipped data files, so that `data mnist` inflates the MNIST files
/// once, not in every run: a copy is read back in one go (15 ms instead of 120 ms of inflating).
///
/// A copy is never trusted. It is used only when it names the file it was decoded from (its
/// absolute path), and that file still has the size, modification time and gzip trailer (CRC-32
/// and size of the contents) it had then, and the copy's bytes still have the CRC-32 they had
/// when written. Anything else — a damaged, truncated, foreign or outdated copy, or no copy — is
/// ignored: the file is decoded as without a cache and its copy written again (atomically, with
/// ``AtomicFile``). A copy that cannot be written (a read-only home, no room) is not kept, and
/// reading goes on as usual: the cache never makes a read fail.
///
/// One copy per source path (`decoded-HASH` where HASH is the path's FNV-1a hash); only gzipped
/// files (`.gz`) whose contents claim at least ``minimumBytes`` are kept, and at most
/// ``maximumCopies`` of them: writing one more removes those used longest ago (a copy is marked
/// used each time it is read), so that clones of the course in many folders do not fill the disk.
public struct DecodedCache: Sendable {
    /// The folder the copies are in (created when the first one is written).
    public let folder: String
    /// Gzipped files that claim fewer bytes than this are not kept: they inflate in no time.
    public let minimumBytes: Int
    /// The most copies kept: MNIST's two image files in three folders (about 165 MB).
    public let maximumCopies: Int

    public init(folder: String, minimumBytes: Int = 1 << 20, maximumCopies: Int = 6) {
        self.folder = folder
        self.minimumBytes = minimumBytes
        self.maximumCopies = maximumCopies
    }

    /// The user's cache: `$XDG_CACHE_HOME/tutor` when XDG_CACHE_HOME is an absolute path (as the
    /// XDG base directory specification asks), else `$HOME/.cache/tutor`; nil without either.
    public static func user(environment: [String: String] = ProcessInfo.processInfo.environment) -> DecodedCache? {
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") { return DecodedCache(folder: base + "/tutor") }
        if let home = environment["HOME"], home.hasPrefix("/") { return DecodedCache(folder: home + "/.cache/tutor") }
        return nil
    }

    /// The (decompressed) contents of the file at `path`, as ``GzipFile/read(_:)`` gives them
    /// (with its errors): from this cache when it holds a valid copy, else decoded and kept.
    public func read(_ path: String) throws(FileError) -> [UInt8] {
        guard let key = Key(path), key.claim >= minimumBytes else { return try GzipFile.read(path) }
        let copy = copyPath(for: key)
        if let kept = Self.contents(ofCopy: copy, for: key) {
            _ = utimensat(AT_FDCWD, copy, nil, 0)  // used now: the last to be removed.
            return kept
        }
        let bytes = try GzipFile.read(path)
        // Not kept is only slower next time.
        if (try? AtomicFile.write(bytes + key.trailer(for: bytes), to: copy, creatingDirectories: true)) != nil {
            removeCopiesBeyondTheMost(keeping: copy)
        }
        return bytes
    }

    /// Removes the copies used longest ago (by modification time) until at most
    /// ``maximumCopies`` are left, never `kept` (just written). Only files named `decoded-…`.
    func removeCopiesBeyondTheMost(keeping kept: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        var copies: [(path: String, used: Date)] = names.filter { $0.hasPrefix("decoded-") }.compactMap { name in
            let path = folder + "/" + name
            guard path != kept, let used = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
            return (path, used)
        }
        copies.sort { $0.used < $1.used }
        for copy in copies.prefix(max(0, copies.count + 1 - maximumCopies)) {
            try? FileManager.default.removeItem(atPath: copy.path)
        }
    }

    /// Where the copy of the file `key` describes is kept.
    func copyPath(for key: Key) -> String {
        let hash = key.path.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
        return folder + "/decoded-" + String(hash, radix: 16)
    }

    /// How many threads read a copy and sum its CRC-32 (see ``RegularFile/read(_:limit:expected:parts:)``).
    static let threads = 2

    /// The contents kept in the copy at `path` when it is the valid copy of the file `key`
    /// describes; nil for anything else.
    static func contents(ofCopy path: String, for key: Key) -> [UInt8]? {
        let trailerSize = Key.fixedTrailerSize + key.path.utf8.count
        guard var bytes = try? RegularFile.read(path, limit: GzipFile.maximumBytes + trailerSize, expected: "a decoded copy", parts: threads),
              bytes.count >= trailerSize else { return nil }
        let count = bytes.count - trailerSize
        let trailer = Array(bytes[count...])
        bytes.removeLast(trailerSize)
        guard trailer == key.trailer(count: count, crc: Zlib.crc32(bytes, parts: threads)) else { return nil }
        return bytes
    }

    /// What identifies a gzipped file as it is now: its absolute path, size, modification time and
    /// the gzip trailer at its end (the CRC-32 and size of its last member's contents).
    struct Key: Equatable {
        let path: String
        let size: Int
        let seconds: Int
        let nanoseconds: Int
        let gzipTrailer: [UInt8]

        /// The contents' size the trailer claims (modulo 2³²).
        var claim: Int { gzipTrailer[4...].reversed().reduce(0) { $0 << 8 | Int($1) } }

        init(path: String, size: Int, seconds: Int, nanoseconds: Int, gzipTrailer: [UInt8]) {
            (self.path, self.size, self.seconds, self.nanoseconds, self.gzipTrailer) = (path, size, seconds, nanoseconds, gzipTrailer)
        }

        /// The key of the regular file at `path` named `….gz`; nil for anything else (missing,
        /// not regular, unreadable, shorter than a trailer): such a file is read without the cache.
        init?(_ path: String) {
            guard path.hasSuffix(".gz") else { return nil }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            var info = stat()
            guard stat(absolute, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                  let tail = try? RegularFile.readTail(absolute, limit: 8, expected: GzipFile.kind), tail.bytes.count == 8
            else { return nil }
            #if canImport(Darwin)
            let modified = info.st_mtimespec
            #else
            let modified = info.st_mtim
            #endif
            self.path = absolute
            size = Int(info.st_size)
            seconds = Int(modified.tv_sec)
            nanoseconds = Int(modified.tv_nsec)
            gzipTrailer = tail.bytes
        }

        /// The bytes after the fixed part of a copy's trailer: the path's UTF-8 bytes come first.
        static let fixedTrailerSize = 8 * 5 + 8 + 4 + 4 + magic.count
        /// The last bytes of every copy (the 1 is the layout's version).
        static let magic = Array("tutor decoded 1\n".utf8)

        /// What follows `contents` in their copy.
        func trailer(for contents: [UInt8]) -> [UInt8] {
            trailer(count: contents.count, crc: Zlib.crc32(contents))
        }

        /// A copy's trailer for contents of `count` bytes whose CRC-32 is `crc`: the path, the
        /// source's size, modification time (seconds, nanoseconds) and gzip trailer, the contents'
        /// size and CRC-32, the path's length, the magic; numbers little-endian.
        func trailer(count: Int, crc: UInt32) -> [UInt8] {
            func bytes(_ value: Int, _ width: Int) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
            return Array(path.utf8) + bytes(size, 8) + bytes(seconds, 8) + bytes(nanoseconds, 8) + gzipTrailer
                + bytes(count, 8) + bytes(Int(crc), 8) + bytes(path.utf8.count, 4) + bytes(0, 4) + Self.magic
        }
    }
}
