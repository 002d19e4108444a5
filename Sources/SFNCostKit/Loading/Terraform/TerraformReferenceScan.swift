/// The two reference patterns of `TerraformSchedules`, matched by bytes on ASCII text.
///
/// Compiling one of those `NSRegularExpression`s costs ICU some 2.8 million instructions, more than
/// everything else schedules cost together; matching them is cheap but bridges the text. The patterns
/// are simple enough to follow by hand, and this does exactly what the regex engine does with them
/// (leftmost match, then the next one from where it ended):
///
///     PREFIX\.([A-Za-z_][A-Za-z0-9_-]*)\s*(\[\s*([^\]]*?)\s*\])?\s*\.TAIL
///
/// where PREFIX is a resource type (`aws_sfn_state_machine`) or `\bmodule`, and TAIL is either
/// `(arn|id)\b` (the alternatives in order) or `([A-Za-z_][A-Za-z0-9_-]*)`. Why it has no choices to
/// take back: the name is greedy and what may follow it (space, `[`, `.`) is never part of a name;
/// `[^\]]` cannot pass the first `]`, so the brackets' content is what lies before it, with spaces
/// trimmed at both ends (the greedy `\s*` takes the leading ones, the lazy content leaves the
/// trailing ones to the second `\s*`); when the brackets fail, the `\.` that would have to match at
/// the `[` fails too.
///
/// ASCII only: on any other text (where `\s`, `\w` and `\b` take Unicode's wider classes) the
/// caller uses the regex, the general path. Tests compare both on generated texts.
enum TerraformReferenceScan {
    enum Tail {
        /// `(a|b|…)\b`: the attribute names, tried in order.
        case attributes([String])
        /// `([A-Za-z_][A-Za-z0-9_-]*)`.
        case identifier
    }

    /// Capture groups 1…4 of every match, as `NSRegularExpression` gives them (nil where a group did
    /// not take part); nil when `text`, `prefix` or a tail name is not ASCII.
    static func groups(prefix: String, wordBoundaryBefore: Bool, tail: Tail, in text: String) -> [[String?]]? {
        let prefixBytes = Array(prefix.utf8)
        let tailNames: [[UInt8]]
        switch tail {
        case .attributes(let names): tailNames = names.map { Array($0.utf8) }
        case .identifier: tailNames = []
        }
        guard !prefixBytes.isEmpty, isASCII(prefixBytes), tailNames.allSatisfy({ !$0.isEmpty && isASCII($0) }) else { return nil }
        var found: [[String?]] = []
        let complete = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard isASCII(bytes) else { return false }
            var start = 0
            while start + prefixBytes.count <= bytes.count {
                if let (groups, end) = match(at: start, prefix: prefixBytes, wordBoundaryBefore: wordBoundaryBefore,
                                             tail: tail, tailNames: tailNames, in: bytes) {
                    found.append(groups)
                    start = end
                } else {
                    start += 1
                }
            }
            return true
        }
        return complete == true ? found : nil
    }

    /// The match that starts at `start`, with the offset after it.
    private static func match(at start: Int, prefix: [UInt8], wordBoundaryBefore: Bool, tail: Tail,
                              tailNames: [[UInt8]], in bytes: UnsafeBufferPointer<UInt8>) -> ([String?], Int)? {
        let count = bytes.count
        for (offset, byte) in prefix.enumerated() where bytes[start + offset] != byte { return nil }
        if wordBoundaryBefore {
            // `\b`: a word byte on one side and not on the other (the start of the text is not one).
            let before = start > 0 && isWord(bytes[start - 1])
            guard before != isWord(prefix[0]) else { return nil }
        }
        var index = start + prefix.count
        guard index < count, bytes[index] == UInt8(ascii: "."), index + 1 < count, isNameStart(bytes[index + 1]) else { return nil }
        index += 1
        let nameStart = index
        index += 1
        while index < count, isNamePart(bytes[index]) { index += 1 }
        let name = (nameStart, index)
        index = skipSpaces(from: index, in: bytes)
        var bracket: (Int, Int)?
        var key: (Int, Int)?
        if index < count, bytes[index] == UInt8(ascii: "[") {
            var close = index + 1
            while close < count, bytes[close] != UInt8(ascii: "]") { close += 1 }
            guard close < count else { return nil }
            let keyStart = skipSpaces(from: index + 1, in: bytes)  // stops at the `]` at the latest
            var keyEnd = close
            while keyEnd > keyStart, isSpace(bytes[keyEnd - 1]) { keyEnd -= 1 }
            bracket = (index, close + 1)
            key = (keyStart, keyEnd)
            index = skipSpaces(from: close + 1, in: bytes)
        }
        guard index < count, bytes[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        let tailStart = index
        switch tail {
        case .attributes:
            var matched: Int?
            for candidate in tailNames {
                let end = tailStart + candidate.count
                guard end <= count else { continue }
                var same = true
                for (offset, byte) in candidate.enumerated() where bytes[tailStart + offset] != byte {
                    same = false
                    break
                }
                // `\b` after the name: its last byte against the next one (or the end).
                let lastIsWord = isWord(candidate[candidate.count - 1])
                let nextIsWord = end < count && isWord(bytes[end])
                if same, lastIsWord != nextIsWord {
                    matched = end
                    break
                }
            }
            guard let end = matched else { return nil }
            index = end
        case .identifier:
            guard index < count, isNameStart(bytes[index]) else { return nil }
            index += 1
            while index < count, isNamePart(bytes[index]) { index += 1 }
        }
        func text(_ range: (Int, Int)?) -> String? {
            guard let (from, to) = range else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        return ([text(name), text(bracket), text(key), text((tailStart, index))], index)
    }

    private static func skipSpaces(from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = start
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        return index
    }

    private static func isASCII<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// ICU's `\s` on ASCII (Unicode's White_Space): tab, line feed, vertical tab, form feed,
    /// carriage return, space.
    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    /// ICU's `\w` on ASCII: letters, digits, `_`.
    @inline(__always)
    private static func isWord(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// `[A-Za-z_]`.
    @inline(__always)
    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }

    /// `[A-Za-z0-9_-]`.
    @inline(__always)
    private static func isNamePart(_ byte: UInt8) -> Bool {
        isWord(byte) || byte == UInt8(ascii: "-")
    }
}
