/// Strings from UTF-8 bytes, as `String(decoding:as: UTF8.self)` makes them, for megabytes of mostly
/// ASCII text (a JSON report).
///
/// Why: the standard library validates a buffer word by word while it is all ASCII, but one
/// non-ASCII byte anywhere (an `é` in a state name, a `×` in a message) sends the whole buffer down
/// its byte-by-byte path: 21 M instructions for the corpus's 2.3 MB report. Here the buffer is cut
/// between its ASCII runs and its non-ASCII runs, each run is decoded by the standard library (the
/// ASCII ones on its fast path), and the pieces are joined. An ASCII byte is always a whole scalar
/// and ends any ill-formed sequence before it, so decoding the runs apart gives the same scalars,
/// replacement characters included, as decoding the whole.
enum UTF8Strings {
    static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            // A short text is decoded at once; so is one that is all ASCII (the first run is the whole).
            guard buffer.count >= 4096 else { return String(decoding: buffer, as: UTF8.self) }
            var result = ""
            result.reserveCapacity(buffer.count)
            var start = 0
            while start < buffer.count {
                let asciiEnd = endOfASCII(buffer, from: start)
                var end = asciiEnd
                while end < buffer.count, buffer[end] >= 0x80 { end += 1 }
                if start == 0, end == buffer.count { return String(decoding: buffer, as: UTF8.self) }
                // The ASCII run, then the non-ASCII run after it.
                if asciiEnd > start { result.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<asciiEnd]), as: UTF8.self)) }
                if end > asciiEnd { result.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[asciiEnd..<end]), as: UTF8.self)) }
                start = end
            }
            return result
        }
    }

    /// The index of the first byte at or after `start` that is not ASCII (or the end): eight bytes
    /// at a time.
    static func endOfASCII(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        if let base = UnsafeRawPointer(buffer.baseAddress) {
            while index &+ 8 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index &+= 8
            }
        }
        while index < count, buffer[index] < 0x80 { index += 1 }
        return index
    }
}
