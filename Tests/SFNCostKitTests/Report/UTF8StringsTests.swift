import Foundation
import Testing
@testable import SFNCostKit

/// `UTF8Strings.string` is `String(decoding:as: UTF8.self)`, byte for byte, on large mostly-ASCII
/// buffers with non-ASCII text (valid or not) anywhere: at the start, the end, every offset of a word.
@Suite struct UTF8StringsTests {
    static func expectSame(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = String(decoding: bytes, as: UTF8.self)
        let actual = UTF8Strings.string(bytes)
        // As bytes: String's == is canonical equivalence.
        #expect(Array(actual.utf8) == Array(expected.utf8), sourceLocation: sourceLocation)
        #expect(actual.unicodeScalars.count == expected.unicodeScalars.count, sourceLocation: sourceLocation)
    }

    static let insertions: [[UInt8]] = [
        Array("é".utf8), Array("😀".utf8), Array("日本".utf8), Array("e\u{301}".utf8), Array("\u{202e}\u{2028}".utf8),
        [0x80], [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
    ]

    @Test func nonASCIIAtEveryPlace() {
        let plain = Array(repeating: UInt8(ascii: "a"), count: 5000)
        for insertion in Self.insertions {
            for offset in [0, 1, 7, 8, 9, 15, 16, 17, 4095, 4096, 4999, 5000] {
                var bytes = plain
                bytes.insert(contentsOf: insertion, at: offset)
                Self.expectSame(bytes)
                // And a second one further on, and one right after it.
                bytes.insert(contentsOf: insertion, at: min(bytes.count, offset + 3001))
                bytes.insert(contentsOf: insertion + insertion, at: min(bytes.count, offset + 17))
                Self.expectSame(bytes)
            }
        }
    }

    @Test func randomBuffers() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            let size = 3000 + next(20_000)
            while bytes.count < size {
                switch next(40) {
                case 0: bytes += Self.insertions[next(Self.insertions.count)]
                case 1: bytes.append(UInt8(next(256)))
                default: bytes += Array(repeating: UInt8(0x20 + next(0x5F)), count: 1 + next(64))
                }
            }
            Self.expectSame(bytes)
        }
        Self.expectSame([])
        Self.expectSame(Array(repeating: 0x41, count: 10_000))
        Self.expectSame(Array(repeating: 0xE9, count: 10_000))
        Self.expectSame(Array(String(repeating: "é", count: 10_000).utf8))
    }
}
