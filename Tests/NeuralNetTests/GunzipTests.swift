import Files
import Foundation
@testable import NeuralNet
import Testing

/// Un-gzipping by libdeflate: the same bytes as zlib gives, whatever the file's size claim says,
/// and zlib's words for every file libdeflate refuses.
@Suite struct GunzipTests {
    /// `bytes` gzipped by /bin/gzip.
    static func gzipped(_ bytes: [UInt8]) async throws -> [UInt8] {
        try await IDXTests.withDirectory { directory in
            let path = try await IDXTests.write(bytes, "plain", in: directory, gzip: true)
            return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    /// Two megabytes that compress well but not to nothing.
    static let large: [UInt8] = (0..<(2 << 20)).map { UInt8(truncatingIfNeeded: ($0 * 7) ^ ($0 >> 9)) }

    /// `bytes` with the last four (gzip's ISIZE, the contents' size modulo 2³²) set to `size`.
    static func claiming(_ size: UInt32, _ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.dropLast(4)) + [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: size >> $0) }
    }

    @Test func wholeFilesReadAsZlibReadsThem() async throws {
        let large = try await Self.gzipped(Self.large)
        let small = try await Self.gzipped(Array("small".utf8))
        let empty = try await Self.gzipped([])
        // The first member far larger than the last one's size (the only size the file's end claims).
        let cases: [(String, [UInt8], [UInt8])] = [
            ("large", large, Self.large), ("empty", empty, []),
            ("large then small", large + small, Self.large + Array("small".utf8)),
            ("small then large", small + large, Array("small".utf8) + Self.large),
            ("empty then small", empty + small, Array("small".utf8)),
            ("trailing bytes ignored", small + Array("not gzip".utf8), Array("small".utf8)),
        ]
        for (name, file, contents) in cases {
            #expect(try Zlib.gunzip(file, limit: GzipFile.maximumBytes, file: "f") == contents, "\(name)")
            #expect(try Zlib.zlibGunzip(file, limit: GzipFile.maximumBytes, file: "f") == contents, "\(name) by zlib")
        }
    }

    /// The size claim is checked against the contents, as zlib checks it: a wrong one is damage.
    @Test(arguments: [UInt32(0), 1, 0xFFFF_FFFF, UInt32(2 << 20) + 1])
    func aWrongSizeClaimIsDamage(claim: UInt32) async throws {
        let file = Self.claiming(claim, try await Self.gzipped(Self.large))
        #expect(IDXTests.dataErrorText { _ = try Zlib.gunzip(file, limit: GzipFile.maximumBytes, file: "f") }
            == "f is damaged: incorrect length check")
    }

    @Test func aChangedByteIsDamage() async throws {
        var file = try await Self.gzipped(Self.large)
        file[file.count - 6] ^= 1  // in the CRC-32 of the contents
        #expect(IDXTests.dataErrorText { _ = try Zlib.gunzip(file, limit: GzipFile.maximumBytes, file: "f") }
            == "f is damaged: incorrect data check")
        var header = try await Self.gzipped(Self.large)
        header[2] = 7  // compression method 7: not deflate
        #expect(IDXTests.dataErrorText { _ = try Zlib.gunzip(header, limit: GzipFile.maximumBytes, file: "f") }
            == "f is damaged: unknown compression method")
    }

    /// More than the limit is refused, whether the file claims its true size or a small one.
    @Test func contentsOverTheLimitAreRefused() async throws {
        let file = try await Self.gzipped(Self.large)
        let small = try await Self.gzipped(Array("small".utf8))
        for (name, bytes) in [("true claim", file), ("small claim", file + small)] {
            #expect(IDXTests.dataErrorText { _ = try Zlib.gunzip(bytes, limit: 1 << 20, file: "f") }
                == "f expands to more than 1 MB, far more than a data set here", "\(name)")
        }
        // Exactly the limit is allowed.
        #expect(try Zlib.gunzip(file, limit: 2 << 20, file: "f") == Self.large)
        #expect(IDXTests.dataErrorText { _ = try Zlib.gunzip(file + small, limit: 2 << 20, file: "f") }
            == "f expands to more than 2 MB, far more than a data set here")
    }
}
