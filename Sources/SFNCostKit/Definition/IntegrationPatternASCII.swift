/// The integration pattern of an ASCII resource by byte comparisons.
///
/// `generalPattern` asks Foundation's `contains` (a CFString search with a locale, ~20,000
/// instructions a call) and compares whole characters. In ASCII text the only character of more
/// than one byte is "\r\n", and no needle here starts or ends with "\r" or "\n", so a byte match is
/// a character match: the answers are the same (FastPathEquivalenceTests compares both).
/// Any other resource (non-ASCII, which no real ARN is) takes the general path.
extension IntegrationPattern {
    static func asciiPattern(_ resource: String) -> IntegrationPattern? {
        var resource = resource
        return resource.withUTF8 { bytes -> IntegrationPattern? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            if bytes.hasSuffix(".waitForTaskToken") { return .waitForTaskToken }
            if bytes.hasSuffix(".sync") || bytes.hasVersionedSyncSuffix { return .sync }
            if bytes.contains(":activity:") { return .activity }
            if bytes.hasPrefix("arn:") && bytes.contains(":lambda:") && bytes.contains(":function:") { return .lambdaFunction }
            return .requestResponse
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes end with the ASCII `suffix`.
    fileprivate func hasSuffix(_ suffix: StaticString) -> Bool {
        let tail = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        guard count >= tail.count else { return false }
        return self[(count - tail.count)...].elementsEqual(tail)
    }

    fileprivate func hasPrefix(_ prefix: StaticString) -> Bool {
        let head = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard count >= head.count else { return false }
        return self[..<head.count].elementsEqual(head)
    }

    /// `needle`'s bytes occur somewhere in these bytes.
    fileprivate func contains(_ needle: StaticString) -> Bool {
        let target = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = target.first else { return true }
        guard count >= target.count else { return false }
        var start = 0
        while start <= count - target.count {
            if self[start] == first && self[start..<(start + target.count)].elementsEqual(target) { return true }
            start += 1
        }
        return false
    }

    /// `….sync:` then one or more digits to the end (the versioned form, `.sync:2`).
    fileprivate var hasVersionedSyncSuffix: Bool {
        var end = count
        while end > 0, (0x30...0x39).contains(self[end - 1]) { end -= 1 }
        guard end < count else { return false }
        return UnsafeBufferPointer(rebasing: self[..<end]).hasSuffix(".sync:")
    }
}
