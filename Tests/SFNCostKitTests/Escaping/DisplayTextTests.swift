import Testing
@testable import SFNCostKit

/// The escaping layer itself: exact output for each hostile class (issue #10, points 4–6).
@Suite struct DisplayTextTests {
    @Test func newlineBeforeAWorkflowCommandIsEscaped() {
        #expect(DisplayText.text("B\n::error file=README.md,line=1::INJECTED") == #"B\u000a::error file=README.md,line=1::INJECTED"#)
    }

    /// Text that would itself start a line as a command (after blanks) has its first colon escaped.
    @Test func leadingDoubleColonIsEscaped() {
        #expect(DisplayText.text("::stop-commands::tok") == #"\u003a:stop-commands::tok"#)
        #expect(DisplayText.text("  ::warning::x") == #"  \u003a:warning::x"#)
        // The runner trims Unicode white space too (no-break space, ideographic space).
        #expect(DisplayText.text("\u{A0}\u{3000}::error::x") == "\u{A0}\u{3000}\\u003a:error::x")
        #expect(DisplayText.text("a::b") == "a::b")
        #expect(DisplayText.text(":x") == ":x")
        #expect(DisplayText.text("##[error]x and ##[") == #"#\u0023[error]x and #\u0023["#)
    }

    @Test func terminalControlsAreEscaped() {
        // ESC, BEL, BS, CR, NUL, TAB, DEL and a C1 CSI (U+009B).
        #expect(DisplayText.text("a\u{1B}[31mb\u{07}c\u{08}d\re\u{0}f\tg\u{7F}h\u{9B}i") ==
                #"a\u001b[31mb\u0007c\u0008d\u000de\u0000f\u0009g\u007fh\u009bi"#)
    }

    @Test func separatorsAndBidiControlsAreEscaped() {
        #expect(DisplayText.text("x\u{202E}y\u{2066}z\u{2069}\u{2028}w\u{2029}\u{200F}\u{FEFF}") ==
                #"x\u202ey\u2066z\u2069\u2028w\u2029\u200f\ufeff"#)
    }

    /// For GitHub annotations, which encode CR and LF as %0D and %0A themselves.
    @Test func lineBreaksCanBeLeftToTheCaller() {
        #expect(DisplayText.text("a\r\nb\u{1B}", keepingLineBreaks: true) == "a\r\nb\\u001b")
    }

    /// A backslash is doubled, so `\u001b` in the output always means ESC.
    @Test func backslashIsEscapedSoEscapesAreUnambiguous() {
        #expect(DisplayText.text(#"a\u001b"#) == #"a\\u001b"#)
        #expect(DisplayText.text("a\u{1B}") == #"a\u001b"#)
    }

    @Test func ordinaryTextIsUnchanged() {
        for name in ["daily-ingest", "État été", "日本語", "emoji 🚀", "a: b, c", "States.ALL"] {
            #expect(DisplayText.text(name) == name)
        }
    }

    @Test func markdownShowsHTMLLinksMentionsAndEmphasisAsText() {
        #expect(DisplayText.markdown("<img src=x onerror=alert(1)>") == #"&lt;img src=x onerror=alert\(1\)&gt;"#)
        #expect(DisplayText.markdown("[text](https://example.com)") == #"\[text\]\(https://example.com\)"#)
        #expect(DisplayText.markdown("@octocat") == "@\u{200B}octocat")
        #expect(DisplayText.markdown("see #12") == "see \\#\u{200B}12")
        #expect(DisplayText.markdown("*x* _y_ ~~z~~ `c`") == #"\*x\* \_y\_ \~\~z\~\~ \`c\`"#)
        #expect(DisplayText.markdown("<b>bold</b> & \"q\"") == "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot;")
    }

    /// A `|` cannot split a table cell and a newline cannot end the row: `a\|b\\u000ac` shows `a|b\u000ac`.
    @Test func markdownKeepsATableRowWhole() {
        #expect(DisplayText.markdown("a|b\nc") == #"a\|b\\u000ac"#)
    }

    @Test func codeSpansFenceBackticks() {
        #expect(DisplayText.codeSpan("plain") == "`plain`")
        #expect(DisplayText.codeSpan("a`b") == "``a`b``")
        #expect(DisplayText.codeSpan("`x") == "`` `x ``")
        #expect(DisplayText.codeSpan("a``b\n") == #"```a``b\u000a```"#)
        #expect(DisplayText.codeSpan("a|b", inTable: true) == #"`a\|b`"#)
    }

    /// The CLI's last line of defence, for a whole block.
    @Test func neutralisingCommandsCoversEveryLineStart() {
        #expect(DisplayText.neutralisingCommands("ok\n::error::x\n  ::warning::y\r::notice::z\nfine ::x ##[e]") ==
                "ok\n\\u003a:error::x\n  \\u003a:warning::y\\u000d::notice::z\nfine ::x #\\u0023[e]")
        #expect(DisplayText.neutralisingCommands("nothing to do\n") == "nothing to do\n")
        #expect(DisplayText.neutralisingCommands("x\n\u{A0}\u{2003}::error::y") == "x\n\u{A0}\u{2003}\\u003a:error::y")
    }

    /// The shortcut that returns a block unchanged (no copy of a 12 MB report) must agree with the
    /// rewrite: it finds something exactly when the rewrite changes something. Every string of up to
    /// 5 scalars over the characters that matter (colon, hash, bracket, CR, LF, a blank, a no-break
    /// space, a letter): 8^5 + … + 1 = 37,449 strings, so every placement at a line start is tried.
    @Test func commandShortcutAgreesWithTheRewrite() {
        let alphabet: [Unicode.Scalar] = [":", "#", "[", "\r", "\n", " ", "\u{A0}", "a"]
        var strings: [String] = [""]
        var last: [String] = [""]
        for _ in 1...5 {
            last = last.flatMap { prefix in alphabet.map { prefix + String(Character($0)) } }
            strings += last
        }
        for text in strings {
            let changes = DisplayText.rewritingCommands(text).unicodeScalars.elementsEqual(text.unicodeScalars) == false
            #expect(DisplayText.hasCommandLikeText(text) == changes, "\(Array(text.unicodeScalars))")
        }
    }

    /// JSON keeps the exact string (the escape decodes to the same character) but shows nothing hidden.
    @Test func jsonSafeEscapesOnlyInvisibleCharacters() {
        #expect(DisplayText.jsonSafe("{\n  \"a\u{202E}b\u{85}\" : \"é\"\n}") == "{\n  \"a\\u202eb\\u0085\" : \"é\"\n}")
    }

    /// Linear: a 200,000-character name escapes in well under a second in release (5 s allowed for debug builds on a busy machine; quadratic would take minutes).
    @Test func escapingIsLinear() {
        let long = String(repeating: "a\u{1B}|<@", count: 40_000)
        let start = ContinuousClock.now
        _ = DisplayText.markdown(long)
        _ = DisplayText.codeSpan(long)
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
