import CZlib
import Files

/// zlib, for every module: un-gzipping data files (``GzipFile``), and the zlib streams and CRC-32
/// checksums of the files tutor writes (PNG pictures in notebooks, NumPy `.npz` archives of the
/// exported weights). The only Swift file that imports `CZlib`.
public enum Zlib {
    /// The CRC-32 of `bytes` (the one PNG chunks and zip entries carry), continuing from `crc`
    /// (0 to start).
    public static func crc32(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        guard !bytes.isEmpty else { return crc }  // zlib answers 0 for no buffer at all.
        return bytes.withUnsafeBufferPointer { buffer in
            // zlib takes the length as a 32-bit number: a longer buffer is summed in parts.
            var sum = UInt(crc)
            var offset = 0
            repeat {
                let length = min(buffer.count - offset, Int(UInt32.max))
                sum = CZlib.crc32(sum, buffer.baseAddress.map { $0 + offset }, UInt32(length))
                offset += length
            } while offset < buffer.count
            return UInt32(truncatingIfNeeded: sum)
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
    static func gunzip(_ compressed: [UInt8], limit: Int, file: String) throws(FileError) -> [UInt8] {
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
            if result.count > limit {
                throw FileError(file: file, problem: "expands to more than \(limit >> 20) MB, far more than a data set here")
            }
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
