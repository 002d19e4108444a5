import Foundation
import Testing
@testable import SFNCostKit

/// The reading layer's fast paths (issue 13) must give what the general paths give, on the inputs
/// where they could part: non-ASCII text, combining marks, carriage returns, control characters,
/// escapes, `::`, `##[`, backslashes, huge and tiny numbers, objects past the linear-search size.
/// The references below are the code these paths replaced, kept here verbatim as the oracle.
@Suite struct ReadingFastPathTests {
    /// Texts that stress every byte class the readers look at.
    static let tricky: [String] = [
        "", "a", "é", "e\u{301}", "\u{301}", "::error::x", "##[group]y", "a\\b", "\\", "\"", "\\\"",
        "\u{0}", "\u{1}\u{1F}", "\u{7F}", "\n", "\r", "\r\n", "\t", "\u{2028}", "\u{FEFF}", "𝄞", "👩‍👩‍👧",
        "1e400", "-0.0000000000000000000001", "123456789012345678901234567890", "${x}", "%{y}", "~",
    ]

    // MARK: - Definition size without rendering

    @Test func byteCountIsTheRenderedSize() throws {
        var members: [SourceNode.Member] = []
        let here = SFNCostKit.SourceLocation(file: "t", line: 1, column: 1)
        for (index, text) in Self.tricky.enumerated() {
            members.append(.init(key: text, keyLocation: here, value: SourceNode(.string(text), at: here)))
            members.append(.init(key: "n\(index)", keyLocation: here, value: SourceNode(.number(text), at: here)))
        }
        let nested = SourceNode(.array([
            SourceNode(.object(members), at: here), SourceNode(.null, at: here), SourceNode(.bool(true), at: here),
            SourceNode(.bool(false), at: here), SourceNode(.array([]), at: here), SourceNode(.object([]), at: here),
        ]), at: here)
        for node in [nested, SourceNode(.object(members), at: here), SourceNode(.array([]), at: here), SourceNode(.string(""), at: here)] {
            #expect(JSONText.byteCount(node) == JSONText.render(node).utf8.count)
        }
        // Past the renderer's depth guard: both write `null` there.
        var deep = SourceNode(.string("x"), at: here)
        for _ in 0..<1_100 { deep = SourceNode(.array([deep]), at: here) }
        #expect(JSONText.byteCount(deep) == JSONText.render(deep).utf8.count)
        // A parsed template definition, by hand: {"a":"é\n"} is 1 + 3 + 1 + (1 + 2 + 2 + 1) + 1 = 12 bytes.
        let parsed = try SourceDocument.parse("a: \"é\\n\"\n", file: "t.yaml")
        #expect(JSONText.byteCount(parsed) == 12)
    }

    // MARK: - Literal block placement

    @Test func asciiBlockPlacementAgreesWithCharacters() {
        let bodies = ["", "\n", "   \n", "  {\n", "\t\n  x\n", "  \u{301}x\n", "   \u{301}\n  y\n", " \t x\n",
                      "\r\n  x\r\n", "  x\r\n", " \r\n  y\n", "\n\n\n", "    é: 1\n", "  #\n", "  "]
        let prefixes = ["k: |\n", "a\r\nk: |\n", "é: 1\nk: |\n", "\u{301}\nk: |\n", "k: |"]
        for prefix in prefixes {
            for body in bodies {
                let text = prefix + body
                let line = prefix.split(separator: "\n", omittingEmptySubsequences: false).count - (prefix.hasSuffix("\n") ? 1 : 0)
                for indicator in [1, line, line + 1, 40] {
                    let scalar = SourceNode(.string("x"), at: SFNCostKit.SourceLocation(file: "t", line: max(indicator, 1), column: 4))
                    let fast = EmbeddedSource.asciiBlockPlacement(of: scalar, fileText: text)
                    let general = EmbeddedSource.characterBlockPlacement(of: scalar, fileText: text)
                    if let fast { #expect(Self.same(fast, general), "\(text.debugDescription) line \(indicator)") }
                    #expect(Self.same(EmbeddedSource.blockPlacement(of: scalar, fileText: text), general))
                }
            }
        }
        // By hand: "k: |" on line 1, then a blank line and "    {": the block's line 1 is file line 2,
        // indented by 4.
        let scalar = SourceNode(.string("x"), at: SFNCostKit.SourceLocation(file: "t", line: 1, column: 4))
        #expect(Self.same(EmbeddedSource.blockPlacement(of: scalar, fileText: "k: |\n\n    {\n"), .block(firstLine: 2, indent: 4)))
    }

    private static func same(_ left: EmbeddedSource.Placement, _ right: EmbeddedSource.Placement) -> Bool {
        switch (left, right) {
        case (.block(let a, let b), .block(let c, let d)): return a == c && b == d
        case (.fixed(let a), .fixed(let b)): return a == b
        default: return false
        }
    }

    // MARK: - Nesting scan

    /// The scan as it was, byte by byte with the position counted along (the reference).
    private static func referenceDeeper(_ limit: Int, in text: String, file: String) -> SFNCostKit.SourceLocation? {
        var depth = 0, line = 1, column = 0
        var inString = false, escaped = false
        for byte in Array(text.utf8) where byte & 0xC0 != 0x80 {
            column += 1
            if byte == UInt8(ascii: "\n") { line += 1; column = 0; continue }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return SFNCostKit.SourceLocation(file: file, line: line, column: column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    @Test func nestingScanAgreesWithTheReference() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["[", "{", "]", "}", "\"", "\\", "\n", "é", "\u{301}", " ", "a", "\\\n\"", "\u{FEFF}"]
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<80, using: &generator) { text += pieces.randomElement(using: &generator)! }
            for limit in [0, 1, 3] {
                #expect(SourceDocument.firstPositionDeeperThan(limit, in: text, file: "f") == Self.referenceDeeper(limit, in: text, file: "f"),
                        "\(text.debugDescription)")
            }
        }
    }

    /// The bracket count that lets most texts skip the scan, over many 16-byte blocks: 5,000
    /// nested `[` (and `{`), each followed by a filler byte, are too deep for a limit of 4,999 and
    /// not for 5,000.
    @Test func bracketCountOverManyBlocks() {
        for opener in ["[", "{"] {
            let text = String(repeating: opener + "a", count: 5_000) + "\n"
            for limit in [4_999, 5_000] {
                #expect(SourceDocument.firstPositionDeeperThan(limit, in: text, file: "f") == Self.referenceDeeper(limit, in: text, file: "f"))
            }
            #expect(SourceDocument.firstPositionDeeperThan(4_999, in: text, file: "f")?.column == 9_999)
        }
    }

    /// A .json file too deep after a syntax error is still reported as too deep (the scan's error
    /// comes first), at the bracket past the limit: `[` after `{"a": 1,,` (9 characters) on line 1
    /// and a BOM, which counts as column 1; the 256th `[` is nesting level 257, at column 1 + 9 + 256 = 266.
    @Test func tooDeepJSONWinsOverAnEarlierSyntaxError() {
        let text = "\u{FEFF}{\"a\": 1,," + String(repeating: "[", count: 300)
        #expect(throws: InputError.self) { try SourceDocument.parse(text, file: "d.json") }
        do {
            _ = try SourceDocument.parse(text, file: "d.json")
        } catch {
            #expect(error.diagnostics.first?.code == "Input.TooDeep")
            #expect(error.diagnostics.first?.location == SFNCostKit.SourceLocation(file: "d.json", line: 1, column: 266))
        }
        // 256 levels are allowed; 257 are not (the reader's own check, at the 257th bracket: column 257).
        let fine = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect((try? SourceDocument.parse(fine, file: "ok.json")) != nil)
        let over = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        do {
            _ = try SourceDocument.parse(over, file: "no.json")
            Issue.record("257 levels were read")
        } catch {
            #expect(error.diagnostics.first?.code == "Input.TooDeep")
            #expect(error.diagnostics.first?.location?.column == 257)
        }
    }

    // MARK: - Duplicate keys past the linear search

    @Test func duplicateKeysInLargeObjects() throws {
        for size in [3, 15, 16, 17, 40] {
            let keys = (0..<size).map { "k\($0)" }
            // The last key repeats the first, the first written as an escape: \u006B is "k".
            let text = "{" + keys.map { "\"\($0)\": 1" }.joined(separator: ",\n") + ",\n\"\\u006B0\": 2}"
            do {
                _ = try SourceDocument.parse(text, file: "big.json")
                Issue.record("no duplicate found among \(size) keys")
            } catch {
                // The first "k0" is on line 1; the repeat is on line size + 1, after one key per line.
                #expect(error.diagnostics.first?.code == "Input.DuplicateKey")
                #expect(error.diagnostics.first?.message.contains("'k0' (first at line 1)") == true)
                #expect(error.diagnostics.first?.location?.line == size + 1)
            }
            // é and e + U+0301 stay two keys, whatever the object's size.
            let distinct = "{" + keys.map { "\"\($0)\": 1" }.joined(separator: ",") + ", \"\u{E9}\": 1, \"e\u{301}\": 2}"
            let root = try SourceDocument.parse(distinct, file: "big.json")
            #expect(root.members?.count == size + 2)
        }
    }

    @Test func yamlDuplicateKeysInLargeMappings() throws {
        for size in [3, 16, 17, 40] {
            let lines = (0..<size).map { "k\($0): 1" }
            // In YAML, keys are compared as Yams compared them: as Swift strings, so é and
            // e + U+0301 are one key; a tagged key differs from the untagged one.
            let text = (lines + ["\u{E9}: 1", "!t k1: 2", "e\u{301}: 3"]).joined(separator: "\n") + "\n"
            do {
                _ = try SourceDocument.parse(text, file: "big.yaml")
                Issue.record("no duplicate found among \(size) keys")
            } catch {
                #expect(error.diagnostics.first?.code == "Input.DuplicateKey")
                #expect(error.diagnostics.first?.message.contains("(first at line \(size + 1))") == true)
                #expect(error.diagnostics.first?.location?.line == size + 3)
            }
            // Nested mappings keep their own keys: "a" under each of two keys is no duplicate.
            let nested = (0..<size).map { "k\($0):\n  a: 1\n  b: 2" }.joined(separator: "\n") + "\n"
            #expect(try SourceDocument.parse(nested, file: "n.yaml").members?.count == size)
        }
    }

    // MARK: - Strings and numbers straight from bytes

    @Test func jsonScalarsRoundTrip() throws {
        for text in Self.tricky {
            let literal = JSONText.quoted(text)
            let root = try SourceDocument.parse("{\(literal): [\(literal), 1, -2.5e-300, 1e400]}\n", file: "s.json")
            #expect(root.members?.first?.key.utf8.elementsEqual(text.utf8) == true)
            #expect(root.members?.first?.value.elements?.first?.string?.utf8.elementsEqual(text.utf8) == true)
            #expect(root.members?.first?.value.elements?.map(\.kindName) == ["a string", "a number", "a number", "a number"])
            guard case .number(let tiny) = root.members?.first?.value.elements?[2].value else { Issue.record("no number"); continue }
            #expect(tiny == "-2.5e-300")
        }
        // Columns count characters, not bytes: in `{"é𝄞": x}` the x is column 8 (é and 𝄞 one each).
        do {
            _ = try SourceDocument.parse("{\"é𝄞\": x}", file: "c.json")
        } catch {
            #expect(error.diagnostics.first?.location == SFNCostKit.SourceLocation(file: "c.json", line: 1, column: 8))
        }
    }

    // MARK: - Reading files

    @Test func readTextAgreesWithFoundation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let samples: [[UInt8]] = [[], [0x41], [0xEF, 0xBB, 0xBF, 0x41], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x41],
                                  [0xEF, 0xBB, 0xBF], [0x41, 0xFF], [0xED, 0xA0, 0x80], [0x41, 0x00, 0x42],
                                  Array(String(repeating: "é𝄞a\n", count: 40_000).utf8)]
        for (index, bytes) in samples.enumerated() {
            let path = directory.appendingPathComponent("f\(index).yaml").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let expected = String(data: Data(bytes), encoding: .utf8)
            let read = try? SourceDocument.readText(path: path)
            #expect(read.map { Array($0.unicodeScalars) } == expected.map { Array($0.unicodeScalars) }, "sample \(index)")
            #expect(try FileReader.read(path: path) == Data(bytes))
        }
    }
}
