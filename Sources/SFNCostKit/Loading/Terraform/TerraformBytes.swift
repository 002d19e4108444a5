import Foundation

/// Byte-level questions about the text the Terraform readers handle, asked through the string's
/// contiguous UTF-8 storage: walking a `String.UTF8View` with a generic algorithm (`allSatisfy`)
/// costs tens of instructions a byte, a loop over its buffer a few.
enum TerraformBytes {
    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isASCII) ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }

    /// `text.contains(needle)` as Foundation answers it (a search that matches whole characters: a
    /// `{` followed by a combining accent is not a `{`). In ASCII text every byte is a whole
    /// character, so for an ASCII text and needle a byte search gives the same answer; anything else
    /// asks Foundation.
    static func contains(_ text: String, _ needle: String) -> Bool {
        let needleBytes = Array(needle.utf8)
        guard !needleBytes.isEmpty, needleBytes.allSatisfy({ $0 < 0x80 }) else { return foundationContains(text, needle) }
        let answer = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard isASCII(bytes) else { return nil }
            return firstIndex(of: needleBytes, in: bytes) != nil
        }
        guard let known = answer ?? nil else { return foundationContains(text, needle) }
        return known
    }

    /// The general path of `contains`: Foundation's `String.contains(String)`.
    static func foundationContains(_ text: String, _ needle: String) -> Bool {
        text.contains(needle)
    }

    /// Where `needle` (not empty) first starts in `bytes`.
    static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var start = 0
        while start <= bytes.count - needle.count {
            if bytes[start] == first {
                var offset = 1
                while offset < needle.count && bytes[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return start }
            }
            start += 1
        }
        return nil
    }
}
