import Foundation

extension String {
    /// `contains(needle)` as Foundation answers it, quickly for ASCII text. Foundation's
    /// `String.contains(String)` is a CFString search with a locale (~12,000 instructions a call)
    /// that matches whole characters: "…Execution" followed by a combining accent is not a match.
    /// In ASCII text every byte is a whole character, so for an ASCII receiver and needle (every
    /// resource ARN in practice) a byte search answers the same; anything else asks Foundation.
    func containsText(_ needle: String) -> Bool {
        // Both strings' bytes read in place when they have them (native strings do): no arrays.
        let answer = utf8.withContiguousStorageIfAvailable { bytes in
            needle.utf8.withContiguousStorageIfAvailable { target in Self.asciiContains(bytes, target) } ?? nil
        } ?? nil
        return answer ?? generalContainsText(needle)
    }

    /// The same through copies of the bytes (a string without contiguous UTF-8).
    func generalContainsText(_ needle: String) -> Bool {
        guard utf8.allSatisfy({ $0 < 0x80 }), needle.utf8.allSatisfy({ $0 < 0x80 }) else { return contains(needle) }
        return utf8.containsBytes(needle.utf8)
    }

    /// Whether `target` occurs in `bytes`, when both are ASCII; nil otherwise (Foundation answers).
    static func asciiContains(_ bytes: UnsafeBufferPointer<UInt8>, _ target: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard isASCII(bytes), isASCII(target) else { return nil }
        return occurs(target, in: bytes)
    }

    /// Whether every byte is ASCII: one OR over the buffer (a generic `allSatisfy` over bytes costs
    /// tens of instructions a byte).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }

    /// Whether `target`'s bytes occur in `bytes`: a plain substring test.
    static func occurs(_ target: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = target.first else { return true }
        guard bytes.count >= target.count else { return false }
        var start = 0
        while start <= bytes.count - target.count {
            if bytes[start] == first {
                var matched = true
                for offset in 1..<target.count where bytes[start + offset] != target[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            start += 1
        }
        return false
    }
}

extension String.UTF8View {
    /// True when `needle`'s bytes occur in these bytes: a plain substring test.
    func containsBytes(_ needle: String.UTF8View) -> Bool {
        let target = Array(needle)
        let bytes = Array(self)
        return target.withUnsafeBufferPointer { target in
            bytes.withUnsafeBufferPointer { bytes in String.occurs(target, in: bytes) }
        }
    }
}
