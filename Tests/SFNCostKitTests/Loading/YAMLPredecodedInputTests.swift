import Foundation
import Testing
@testable import SFNCostKit

/// libyaml is handed a text it would accept whole already decoded (`YAMLPredecodedInput`), skipping
/// its reader. Both ways must read every text alike: the same tree (values, keys, tags, literal
/// flags, every line and column) or the same located error. The reader's way is the reference.
@Suite struct YAMLPredecodedInputTests {
    /// Texts where the two ways could part: non-ASCII of every width, characters the reader refuses
    /// (C0, DEL, C1 but NEL, U+FFFE/U+FFFF) next to their allowed neighbours, line breaks of every
    /// kind, the end of the text right after a token (the scanner looks past it), long inputs.
    static let texts: [String] = {
        var texts = [
            "a: 1\n", "a: 1", "a", "-", "---", "--- ", "...", "a: [1, 2", "{a: 1}", "[", "'", "\"", "|", ">",
            "a: |\n  x\n  y", "a: >-\n  x\n\n  y\n", "k: é\nl: 𝄞\nm: 中\n", "e\u{301}: x", "\u{FEFF}a: 1",
            "a: \u{85}b", "a: \"\u{A0}\"", "a: \u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}",
            "a: b\r\nc: d\r\n", "a: b\rc: d", "a: \u{2028}b\u{2029}", "\t- x", "a:\n\t- x",
            "a: &x 1\nb: *x\n", "a: *y\n", "a: !Ref x\nb: !!str 1\n", "a: 1\na: 2\n", "? [a]\n: 1\n",
            "a: 1\n---\nb: 2\n", "# only a comment\n", "a: \"\\u0007\"\n",
            "a: \"x\u{7}\"\n", "\u{0}", "a: \u{1}", "\u{1F}", "a: \u{7F}", "a: \u{80}", "a: \u{84}\u{85}",
            "a: \u{86}", "a: \u{9F}", "a: \u{FFFE}", "a: \u{FFFF}", "a: \u{FFFC}\u{FFFD}", "12345678\u{7}",
            "abcdefg\n", "abcdefgh", "abcdefghi", "~", "null", "1e400", "-0.0", "0x1F", "yes", "True",
        ]
        // Past libyaml's 16 KiB raw buffer, with a refused character late (the reader's way stops
        // on a syntax error before it reaches that chunk) and a syntax error late.
        let long = (0..<2_000).map { "k\($0): value é \($0)\n" }.joined()
        texts += [long, long + "bad: \u{7}\n", "a: [\n" + long + "\u{7}", long + "a: b: c\n", "x: ]\n" + long + "\u{7}\n"]
        return texts
    }()

    private static func outcome(_ text: String, predecoding: Bool) -> String {
        do {
            guard let root = try YAMLEventReader.read(text, file: "p.yaml", maximumNodes: 1_000, predecoding: predecoding) else {
                return "no document"
            }
            return describe(root)
        } catch {
            return error.diagnostics.map { "\($0.code) \($0.location.map(String.init(describing:)) ?? "-") \($0.message)" }.joined(separator: "\n")
        }
    }

    /// Everything a node holds, its location included.
    static func describe(_ node: SourceNode) -> String {
        let head = "\(node.location.line):\(node.location.column)\(node.tag ?? "")\(node.isLiteralBlock ? "|" : "")"
        switch node.value {
        case .object(let members):
            return head + "{" + members.map { "\($0.key.debugDescription)@\($0.keyLocation.line):\($0.keyLocation.column)=\(describe($0.value))" }.joined(separator: ",") + "}"
        case .array(let elements): return head + "[" + elements.map(describe).joined(separator: ",") + "]"
        case .string(let text): return head + "s" + text.debugDescription
        case .number(let text): return head + "n" + text
        case .bool(let flag): return head + "b\(flag)"
        case .null: return head + "null"
        }
    }

    @Test func bothWaysReadEveryTextAlike() {
        for text in Self.texts {
            #expect(Self.outcome(text, predecoding: true) == Self.outcome(text, predecoding: false), "\(text.prefix(60).debugDescription)")
        }
    }

    /// Each refused character, alone and between allowed ones, is refused by both ways with the
    /// same message and place; each allowed one is read alike.
    @Test func everyCharacterClassAtTheEdges() {
        let scalars: [UInt32] = [0x0, 0x8, 0x9, 0xA, 0xB, 0xD, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x84, 0x85, 0x86, 0x9F, 0xA0,
                                 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x10FFFF]
        for value in scalars {
            let character = String(Unicode.Scalar(value)!)
            // At every offset modulo 8 (the fast scan reads eight bytes at a time).
            for padding in 0..<9 {
                let text = "k: \"" + String(repeating: "x", count: padding) + character + "y\"\n"
                #expect(Self.outcome(text, predecoding: true) == Self.outcome(text, predecoding: false), "U+\(String(value, radix: 16)) after \(padding)")
            }
        }
    }

    /// The count of characters the scan gives libyaml, by hand: ASCII one each, é (2 bytes), 中 (3)
    /// and 𝄞 (4) one each; refused characters give nil.
    @Test func characterCountsAndRefusals() {
        func count(_ text: String) -> Int? {
            var text = text
            return text.withUTF8 { YAMLPredecodedInput.characterCount(ifAccepted: $0) }
        }
        #expect(count("") == 0)
        #expect(count("abcdefghij") == 10)
        #expect(count("é中𝄞\n\t\r") == 6)
        #expect(count("abcdefgh\u{85}") == 9)
        #expect(count("abcdefgh\u{7}") == nil)
        #expect(count("\u{7F}abcdefgh") == nil)
        #expect(count("abc\u{9F}") == nil)
        #expect(count("abc\u{FFFF}") == nil)
        #expect(count("abc\u{FFFE}x") == nil)
        #expect(count("abc\u{FFFD}x") == 5)
        // Words of eight with the allowed controls (tab, LF, CR) and with their neighbours.
        #expect(count("a\tb\rc\nde!") == 9)   // a, tab, b, CR, c, LF, d, e, !
        #expect(count("\t\n\r\t\n\r\t\n") == 8)
        #expect(count("abcdefg\u{0B}") == nil)
        #expect(count("abcdefg\u{0C}") == nil)
        #expect(count("abcdefg\u{08}") == nil)
        #expect(count("\u{0E}bcdefgh") == nil)
        #expect(count("abcdefg\u{7F}") == nil)
        #expect(count("abcdefg~ ") == 9)
    }
}

/// `EmbeddedSource` returns a text without `${` as it is, without the scalar-by-scalar copy: the
/// check must find every `${` a search by Characters finds (and none that is not there).
@Suite struct EmbeddedInterpolationCheckTests {
    @Test func findsExactlyTheTextsWithAnInterpolation() {
        let texts = ["", "$", "{", "${", "$ {", "{$", "$${x}", "a$b{c", "é${x}", "\u{301}${", "$\u{301}{", "x$", "${}",
                     "{\"a\": \"${n}\"}", "{\"a\": \"$\"}", "$\n{", "$$", "𝄞${"]
        for text in texts {
            #expect(EmbeddedSource.containsInterpolation(text) == Array(text.utf8).indices.contains { index in
                index + 1 < text.utf8.count && Array(text.utf8)[index] == UInt8(ascii: "$") && Array(text.utf8)[index + 1] == UInt8(ascii: "{")
            }, "\(text.debugDescription)")
        }
        #expect(EmbeddedSource.containsInterpolation("a ${x} b"))
        #expect(!EmbeddedSource.containsInterpolation("a $x {b}"))
    }
}

/// `EmbeddedSource` quotes and substitutes placeholders over UTF-8 bytes; the version over Unicode
/// scalars it replaced is the reference: same text, same recorded column shifts, on every input.
@Suite struct EmbeddedSourceQuotingTests {
    static let texts: [String] = [
        "{\"a\": ${x}}", "{\"a\": \"${x}\"}", "{\"a\": ${var.limit}, \"b\": \"é${y}𝄞\"}", "${", "${x", "${x\n}", "$${x} $$",
        "{\"a\": \"\\\"${x}\\\"\"}", "{\"a\": ${f(\"q\", \"}\")}}", "é: ${x}\n中: ${y} # c\n", "\u{301}${x}\u{301}",
        "{\n  \"a\": ${x},\n  \"b\": [${y}, ${z}]\n}\n", "{\"a\": \"${x}\\\n${y}\"}", "${\"a\\\nb\"} ${x}", "\"\\", "$", "x$",
        "{\"a\": ${x}\r\n, \"b\": ${unknown}}", "${{x}}", "${x}${y}${x}", "a: ${x}\nb: \"${y}\"\nc: '${z}'\n",
    ]
    static let values: [String: String] = ["x": "1", "y": "a: b", "z": "line\nbreak \"q\" é", "var.limit": "10"]

    private static func describe(_ source: EmbeddedSource) -> String {
        source.insertions.keys.sorted().map { line in
            "\(line):" + source.insertions[line]!.map { "\($0.column)/\($0.delta)" }.joined(separator: ",")
        }.joined(separator: ";")
    }

    @Test func bytesAndScalarsAgree() {
        let resolvers: [(@Sendable (String) -> String?)?] = [nil, { Self.values[$0] }, { _ in "" }]
        for text in Self.texts {
            for quoting in [false, true] {
                for resolve in resolvers {
                    var bytes = EmbeddedSource(placement: .block(firstLine: 1, indent: 0), quotesPlaceholders: quoting, resolve: resolve)
                    var scalars = bytes
                    let byByte = bytes.quotingPlaceholdersByBytes(text, quoting: quoting)
                    let byScalar = scalars.quotingPlaceholdersByScalars(text, quoting: quoting)
                    #expect(byByte == byScalar && byByte.utf8.elementsEqual(byScalar.utf8), "\(text.debugDescription) quoting \(quoting)")
                    #expect(Self.describe(bytes) == Self.describe(scalars), "\(text.debugDescription) quoting \(quoting)")
                }
            }
        }
    }
}

/// `LocatedJSONReader` skips whitespace and string runs eight bytes at a time. libyaml counts lines
/// and columns itself, character by character: for JSON texts that read alike as YAML, every node
/// and key must be located alike by both readers, whatever the widths of the characters, the
/// lengths of the runs and the indentation.
@Suite struct JSONRunLocationTests {
    // JSON text has no tags and no literal blocks, so the full description compares locations and values.
    private static func describe(_ node: SourceNode) -> String { YAMLPredecodedInputTests.describe(node) }

    @Test func jsonAndYAMLReadersLocateAlike() throws {
        let pieces = ["", "a", "é", "中", "😀", "abcdefgh", "abcdefghijklmnopq", "éééééééé", "x😀y😀z😀w😀", "\\n", "\\\"", "\\\\",
                      "\\u00e9", "tab\\tbed", "12345678\\u0041", "é\\u0041é", String(repeating: "é", count: 17)]
        var texts: [String] = []
        for (number, piece) in pieces.enumerated() {
            for indent in [0, 1, 7, 8, 9, 16, 17] {
                let pad = String(repeating: " ", count: indent)
                texts.append("{\n\(pad)\"k\(piece)\": \"\(piece)\",\n\(pad)\"n\": [\n\(pad)\(pad)\(number), \"\(piece)\(piece)\", true, null\n\(pad)],\n\(pad)\"\(piece)z\": {\"a\": \"\(piece)\"}\n}\n")
            }
            texts.append("[\"\(piece)\",\t\"\(piece)\", \r\n  \"\(piece)\"]")
        }
        for text in texts {
            let json = try SourceDocument.parse(text, file: "runs.json")
            let yaml = try SourceDocument.parse(text, file: "runs.yaml")
            #expect(Self.describe(json) == Self.describe(yaml), "\(text.debugDescription)")
        }
    }
}
