import Testing
@testable import SFNCostKit

/// `LocatedJSONReader` decodes a string without escapes as one slice of the file, and one with
/// escapes by joining the plain runs between them with what each escape stands for.
@Suite struct JSONStringRunTests {
    /// Runs with multi-byte characters (é is 2 bytes, 😀 4) around and between escapes, and escapes
    /// at the very start and end: each piece is written out by hand in the expectation.
    @Test func runsBetweenEscapesAreKeptInOrder() throws {
        let root = try SourceDocument.parse(#"{"s": "\tné\u0041b😀\\c\"", "plain": "é😀 x"}"#, file: "runs.json")
        #expect(root["s"]?.string == "\tné" + "A" + "b😀" + "\\" + "c" + "\"")
        #expect(root["plain"]?.string == "é😀 x")
    }

    /// Many escapes in one string: 3,000 `\n` between `a` and `b` decode to 3,000 line feeds.
    @Test func aLongRunOfEscapesDecodes() throws {
        let text = "{\"s\": \"a" + String(repeating: "\\n", count: 3_000) + "b\"}"
        let root = try SourceDocument.parse(text, file: "many.json")
        #expect(root["s"]?.string == "a" + String(repeating: "\n", count: 3_000) + "b")
    }
}
