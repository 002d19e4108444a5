import Testing
@testable import SFNCostKit

/// The byte-level fast paths of `DisplayText` (issue #13) against the general, scalar-by-scalar paths
/// they stand in for: on every input both must give the same bytes. Compared as UTF-8 bytes, not with
/// `==` (which treats canonically equivalent strings as equal: "é" and "e\u{301}").
@Suite struct DisplayTextFastPathTests {
    /// Hostile pieces: C0 and C1 controls, DEL, line and paragraph separators, bidi controls and marks,
    /// the BOM, backslashes, workflow commands after ASCII and Unicode blanks, `##[`, `#` and `##` at
    /// the end, CR and CRLF, non-ASCII letters, combining marks, emoji, Markdown and HTML punctuation.
    static let hostile: [String] = [
        "", "a", "plain-Name_1", "Prices: us-east-1 (US East (N. Virginia)), USD", "≤ 12", "$1.00 → $2.00", "1 MB × 0.5 s",
        "\u{0}", "\u{1}x", "a\u{1B}[31mb", "\u{7}", "\u{8}", "\t", "x\ty", "\n", "\r", "\r\n", "a\r\nb", "\u{1F}", "\u{7F}",
        "\u{80}", "\u{85}", "\u{9B}", "\u{9F}", "\u{A0}", "é", "e\u{301}", "\u{301}", "ab\u{301}",
        "\u{2028}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2027}", "\u{2065}", "\u{2066}", "\u{2069}", "\u{206A}",
        "\u{200D}", "\u{200E}", "\u{200F}", "\u{2010}", "\u{061C}", "\u{061B}", "\u{FEFF}", "\u{FEFE}", "\u{FFFE}", "\u{EFBB}",
        "\\", "\\\\", "a\\u001b", "\\n",
        "::", ":", ":x", "::error::x", " ::warning::y", "\t::x", "\u{B}::x", "\u{C}::x", "\r::x", "\n::x", "a\n::x",
        "\u{A0}::x", "\u{3000}::x", "\u{2003}\u{A0}::x", "\u{1680}::x", "\u{85}::x", "\u{2028}::x", "\u{200B}::x", "\u{FEFF}::x",
        " : :", "a::b", "x ::", ": ::",
        "##[", "##[error]x", "a##[b", "###[", "#[", "#", "##", "a#", "a##", "#\u{0}#[", "# #[", "##\u{301}[",
        "Ünïcödé", "日本語の名前", "状態::", "🙂", "👩‍👩‍👧", "🇫🇷", "a🙂::", "\u{10FFFF}", "\u{E000}",
        "&<>\"@#\\`*_[](){}!|~$", "@someone", "owner/repo#12", "`code`", "``", "`", "a|b", "|", "|\u{301}", "[x](y)",
    ]

    @Test func blankIsTheUnicodePropertyForEveryScalarUpToTheCJKBlock() {
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(DisplayText.isBlank(scalar) == (scalar != "\n" && scalar.properties.isWhitespace), "U+\(String(value, radix: 16))")
        }
    }

    @Test func hostileStringsEscapeAsTheGeneralPathDoes() {
        // Each piece alone, then every ordered pair, so that each piece meets each other at a start,
        // at an end and in the middle (`#` then `#[`, blanks then `::`, a letter then a combining mark).
        var inputs = Self.hostile
        for first in Self.hostile { for second in Self.hostile { inputs.append(first + second) } }
        for input in inputs { Self.expectSame(input) }
    }

    @Test func randomStringsEscapeAsTheGeneralPathDoes() {
        var random = RandomMachine.Generator(state: 0x5F_C05_7E57)
        let pieces: [Unicode.Scalar] = [":", "#", "[", "\\", "\n", "\r", " ", "\t", "|", "`", "@", "_", "a", "Z", "0", "é",
                                        "\u{A0}", "\u{3000}", "\u{85}", "\u{9B}", "\u{7F}", "\u{1B}", "\u{0}", "\u{2028}", "\u{202E}",
                                        "\u{2066}", "\u{200F}", "\u{061C}", "\u{FEFF}", "\u{301}", "\u{1F642}", "\u{200B}"]
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 24) {
                if random.next() % 4 == 0 {
                    // Anywhere in Unicode (surrogates excluded), to reach what no list names.
                    let value = UInt32(truncatingIfNeeded: random.next() % 0x11_0000)
                    text.append(Unicode.Scalar(value) ?? "x")
                } else {
                    text.append(pieces[Int(random.next() % UInt64(pieces.count))])
                }
            }
            Self.expectSame(String(text))
        }
    }

    /// The fast path is exact, not merely safe: it keeps a string exactly when the general path would
    /// return it unchanged (so names that need nothing never pay for the general path).
    @Test func fastPathKeepsExactlyWhatTheGeneralPathKeeps() {
        for input in Self.hostile + Self.hostile.map({ $0 + "::" }) + Self.hostile.map({ "::" + $0 }) {
            for breaks in [false, true] {
                for commands in [false, true] {
                    let general = DisplayText.textScalarByScalar(input, keepingLineBreaks: breaks, neutralisingCommands: commands)
                    #expect(DisplayText.isShownAsIs(input, keepingLineBreaks: breaks, neutralisingCommands: commands)
                            == general.utf8.elementsEqual(input.utf8), "\(Array(input.unicodeScalars)) \(breaks) \(commands)")
                }
            }
        }
        // Small strings (stored inline, up to 15 bytes) take the fast path too.
        #expect(DisplayText.isShownAsIs("ab", keepingLineBreaks: false, neutralisingCommands: true))
        #expect(DisplayText.isShownAsIs(String(repeating: "long name ", count: 100), keepingLineBreaks: false, neutralisingCommands: true))
    }

    /// Whole blocks, as the CLI checks its output: lines of hostile pieces, indented, many lines long.
    @Test func blocksAreCheckedAsTheGeneralPathChecksThem() {
        var random = RandomMachine.Generator(state: 13)
        for _ in 0..<3_000 {
            var lines: [String] = []
            for _ in 0..<Int(random.next() % 6) {
                let indent = String(repeating: " ", count: Int(random.next() % 20))
                let piece = Self.hostile[Int(random.next() % UInt64(Self.hostile.count))]
                lines.append(indent + piece + (random.next() % 3 == 0 ? "::" : ""))
            }
            Self.expectSame(lines.joined(separator: "\n"))
        }
        // A report-sized block with nothing to do, and the same with one command at the very end.
        let clean = String(repeating: "    \"name\" : \"a::b ## [c]\",\n", count: 20_000)
        #expect(!DisplayText.hasCommandLikeText(clean))
        #expect(DisplayText.hasCommandLikeText(clean + "        ::x"))
        #expect(DisplayText.hasCommandLikeText(clean + "##["))
        #expect(DisplayText.hasCommandLikeText(clean + "\r"))
    }

    /// Each hostile piece at every offset of an eight-byte word, after plain text and before it,
    /// and after every indentation up to two words: the word-at-a-time scans (`isPlainText`,
    /// `mayStartWithCommand`) pass over a clean word and must stop at each byte that needs a look,
    /// wherever it falls.
    @Test func piecesAtEveryOffsetOfAWord() {
        for piece in Self.hostile {
            for before in 0..<17 {
                let text = String(repeating: "a", count: before) + piece + String(repeating: "b", count: 17 - before)
                Self.expectSame(text)
                let line = String(repeating: " ", count: before) + piece
                Self.expectSame(line)
                Self.expectSame("x\n" + line + "\n" + line)
                // The bytes entry point the CLI writes through: nil exactly when nothing changes.
                for block in [text, line, "x\n" + line] {
                    var copy = block
                    let rewritten = copy.withUTF8 { DisplayText.neutralisingCommands(utf8: $0) }
                    let reference = Array(DisplayText.rewritingCommands(block).utf8)
                    #expect((rewritten ?? Array(block.utf8)) == reference, "\(Array(block.unicodeScalars))")
                    #expect((rewritten == nil) == !DisplayText.hasCommandLikeTextScalarByScalar(block), "\(Array(block.unicodeScalars))")
                }
            }
        }
    }

    /// Mermaid labels: the quick path (quotes around a name of kept ASCII) gives what the scalar by
    /// scalar path gives, for every hostile piece alone, in pairs and after kept text; and every
    /// ASCII byte alone, so a byte wrongly in the kept table fails.
    @Test func mermaidLabelsQuoteAsTheGeneralPathDoes() {
        var inputs = Self.hostile + (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        for first in Self.hostile { for second in Self.hostile { inputs.append(first + second) } }
        inputs += Self.hostile.map { "State Name-1 (x): y/z" + $0 }
        for input in inputs {
            #expect(Array(MermaidFlowchart.quoted(input).utf8) == Array(MermaidFlowchart.quotedScalarByScalar(input).utf8),
                    "\(Array(input.unicodeScalars))")
        }
    }

    static func expectSame(_ input: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let shown = Array(input.unicodeScalars)
        for breaks in [false, true] {
            for commands in [false, true] {
                #expect(Array(DisplayText.text(input, keepingLineBreaks: breaks, neutralisingCommands: commands).utf8)
                        == Array(DisplayText.textScalarByScalar(input, keepingLineBreaks: breaks, neutralisingCommands: commands).utf8),
                        "text \(shown) \(breaks) \(commands)", sourceLocation: sourceLocation)
            }
        }
        #expect(Array(DisplayText.markdown(input).utf8) == Array(DisplayText.markdownScalarByScalar(input).utf8),
                "markdown \(shown)", sourceLocation: sourceLocation)
        for inTable in [false, true] {
            #expect(Array(DisplayText.codeSpan(input, inTable: inTable).utf8) == Array(DisplayText.codeSpanScalarByScalar(input, inTable: inTable).utf8),
                    "codeSpan \(shown) \(inTable)", sourceLocation: sourceLocation)
        }
        #expect(DisplayText.hasCommandLikeText(input) == DisplayText.hasCommandLikeTextScalarByScalar(input),
                "hasCommandLikeText \(shown)", sourceLocation: sourceLocation)
        #expect(DisplayText.hasInvisibleNonASCII(input) == DisplayText.hasInvisibleNonASCIIScalarByScalar(input),
                "jsonSafe \(shown)", sourceLocation: sourceLocation)
        #expect(Array(DisplayText.neutralisingCommands(input).utf8) == Array(DisplayText.rewritingCommands(input).utf8),
                "neutralisingCommands \(shown)", sourceLocation: sourceLocation)
    }
}
