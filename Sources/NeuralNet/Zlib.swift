import CDeflate
import CZlib
import Dispatch
import Files
import Synchronization

/// The zlib formats, for every module: un-gzipping data files (``GzipFile``), and the zlib streams
/// and CRC-32 checksums of the files tutor writes (PNG pictures in notebooks, NumPy `.npz` archives
/// of the exported weights). The only Swift file that imports `CDeflate` and `CZlib`.
///
/// libdeflate un-gzips a whole file in one call and sums CRC-32s with the CPU's carry-less
/// multiply (2–3× zlib's speed on the MNIST files); zlib deflates PNG pictures and, when
/// libdeflate refuses a file, reads it again to say why (libdeflate says only that the data is
/// bad: not where, nor whether the file merely ends early).
public enum Zlib {
    /// The CRC-32 of `bytes` (the one PNG chunks, zip entries and gzip trailers carry), continuing
    /// from `crc` (0 to start).
    public static func crc32(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { crc32($0, continuing: crc) }
    }

    /// The CRC-32 of the bytes in `buffer`, continuing from `crc` (0 to start).
    public static func crc32(_ buffer: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return crc }
        return libdeflate_crc32(crc, base, buffer.count)
    }

    /// The CRC-32 of `bytes`, summed in `parts` stretches at once, each by its own thread, and the
    /// stretches' sums combined (by zlib's `crc32_combine`): the same number as ``crc32(_:continuing:)``.
    public static func crc32(_ bytes: [UInt8], parts: Int) -> UInt32 {
        let count = max(1, min(parts, bytes.count >> 20))  // a stretch of at least a megabyte
        guard count > 1 else { return crc32(bytes) }
        let sums = Mutex([UInt32](repeating: 0, count: count))
        bytes.withUnsafeBytes { buffer in
            nonisolated(unsafe) let whole = buffer
            DispatchQueue.concurrentPerform(iterations: count) { part in
                let stretch = UnsafeRawBufferPointer(rebasing: whole[(whole.count * part / count)..<(whole.count * (part + 1) / count)])
                let sum = crc32(stretch)
                sums.withLock { $0[part] = sum }
            }
        }
        return sums.withLock { sums in
            (1..<count).reduce(sums[0]) { crc, part in
                let length = bytes.count * (part + 1) / count - bytes.count * part / count
                return UInt32(truncatingIfNeeded: crc32_combine(UInt(crc), UInt(sums[part]), off_t(length)))
            }
        }
    }

    /// `bytes` as one zlib stream (RFC 1950: a two-byte header, the deflated data, an Adler-32),
    /// at zlib's best compression: what a PNG's IDAT chunks hold.
    public static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit_(&stream, Z_BEST_COMPRESSION, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            // Only running out of memory stops deflateInit; stored blocks need none.
            return storedStream(bytes)
        }
        defer { deflateEnd(&stream) }
        var result = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))))
        let written: Int? = bytes.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = UInt32(clamping: source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(clamping: target.count)
                // deflateBound's room is enough for one call to finish the stream.
                guard CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END else { return nil }
                return target.count - Int(stream.avail_out)
            }
        }
        guard let written else { return storedStream(bytes) }
        return Array(result[0..<written])
    }

    /// `bytes` as a zlib stream of stored (uncompressed) blocks: what ``deflate(_:)`` writes
    /// when zlib cannot start.
    static func storedStream(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(bytes.count - offset, 0xFFFF)
            let last: UInt8 = offset + length == bytes.count ? 1 : 0
            out += [last, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += bytes[offset..<(offset + length)]
            offset += length
        } while offset < bytes.count
        let adler = bytes.withUnsafeBufferPointer { adler32(1, $0.baseAddress, UInt32(clamping: $0.count)) }
        return out + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> $0) }
    }

    /// The contents of the gzip members in `compressed`, one after another (as `gunzip` reads
    /// them), never more than `limit` bytes; anything after the last member that is not another
    /// one is ignored, as zlib's `gzread` does. Errors name `file`.
    ///
    /// Each member is inflated by libdeflate in one call into room for the size the file's last
    /// four bytes claim (gzip's ISIZE: the last member's size, modulo 2³²) — only a claim, so the
    /// room is never more than what `limit` leaves and grows (the member inflated again) when the
    /// claim was short. A member libdeflate refuses sends the whole file to ``zlibGunzip``, which
    /// names the problem as zlib does.
    static func gunzip(_ compressed: [UInt8], limit: Int, file: String) throws(FileError) -> [UInt8] {
        guard let decompressor = libdeflate_alloc_decompressor() else {
            // Only running out of memory stops it; zlib then reads the file as it did before.
            return try zlibGunzip(compressed, limit: limit, file: file)
        }
        defer { libdeflate_free_decompressor(decompressor) }
        let claim = compressed.count >= 4 ? compressed[(compressed.count - 4)...].reversed().reduce(0) { $0 << 8 | Int($1) } : 0
        var result: [UInt8] = []
        var consumed = 0
        repeat {
            let room = limit - result.count
            var capacity = max(1, min(claim, room))
            while true {
                let (code, used, member) = inflateMember(compressed, at: consumed, capacity: capacity, with: decompressor)
                if code == LIBDEFLATE_SUCCESS, member.count <= room {
                    consumed += used
                    if result.isEmpty { result = member } else { result += member }
                    break
                }
                guard code == LIBDEFLATE_INSUFFICIENT_SPACE || code == LIBDEFLATE_SUCCESS else {
                    return try zlibGunzip(compressed, limit: limit, file: file)
                }
                guard capacity < room else { throw expandsTooFar(file, limit: limit) }
                capacity = min(room, max(capacity * 2, 1 << 20))
            }
        } while GzipFile.isGzip(compressed, at: consumed)
        return result
    }

    /// The gzip member at `offset` in `compressed` inflated into at most `capacity` bytes: the
    /// result, the bytes of `compressed` it took, and what it holds.
    private static func inflateMember(
        _ compressed: [UInt8], at offset: Int, capacity: Int, with decompressor: OpaquePointer
    ) -> (code: libdeflate_result, used: Int, member: [UInt8]) {
        var code = LIBDEFLATE_BAD_DATA
        var used = 0
        let member = [UInt8](unsafeUninitializedCapacity: capacity) { target, initialized in
            var produced = 0
            code = compressed.withUnsafeBytes { source in
                libdeflate_gzip_decompress_ex(
                    decompressor, source.baseAddress.map { $0 + offset }, source.count - offset,
                    target.baseAddress, target.count, &used, &produced)
            }
            initialized = code == LIBDEFLATE_SUCCESS ? produced : 0
        }
        // A claim far above the truth would keep its room allocated: keep only what is used.
        return (code, used, member.count < capacity / 2 ? Array(member[...]) : member)
    }

    /// The error for a file whose contents are more than `limit` bytes.
    private static func expandsTooFar(_ file: String, limit: Int) -> FileError {
        FileError(file: file, problem: "expands to more than \(limit >> 20) MB, far more than a data set here")
    }

    /// ``gunzip(_:limit:file:)`` by zlib, a megabyte at a time: the reader of files libdeflate
    /// refuses, whose errors say what zlib found (`unexpected end of file`, `invalid block type`).
    static func zlibGunzip(_ compressed: [UInt8], limit: Int, file: String) throws(FileError) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: the largest window, and a gzip header and trailer around the data.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FileError(file: file, problem: "cannot be read: zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var consumed = 0
        while true {
            let (code, used, produced) = compressed.withUnsafeBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0 + consumed) }
                    stream.avail_in = UInt32(clamping: source.count - consumed)
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    let before = stream.avail_in
                    let code = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (code, Int(before - stream.avail_in), target.count - Int(stream.avail_out))
                }
            }
            consumed += used
            result.append(contentsOf: chunk[0..<produced])
            if result.count > limit { throw expandsTooFar(file, limit: limit) }
            switch code {
            case Z_STREAM_END:
                guard GzipFile.isGzip(compressed, at: consumed) else { return result }
                inflateReset(&stream)
            case Z_OK where used > 0 || produced > 0:
                continue
            case Z_OK, Z_BUF_ERROR:
                // No progress: the input ended inside a member.
                throw FileError(file: file, problem: "is damaged: unexpected end of file")
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(code)"
                throw FileError(file: file, problem: "is damaged: \(reason)")
            }
        }
    }
}
