/// The one escaping layer for text that came from an input (machine, state and file names, messages
/// that quote them, profile and price-data strings) before it is shown to a person or a CI system.
///
/// sfncost's output goes into terminals, CI logs, pull-request comments and code scanning, and its inputs
/// come from pull requests. A name may therefore hold a newline followed by a GitHub workflow command
/// (`::error …`, `::stop-commands::…`), a terminal escape sequence (ESC, BEL, BS, CR), a bidi override
/// that reorders what a reviewer reads, or Markdown and HTML that would render in a comment. The data
/// stays as it is (JSON reports keep every name exactly, JSON-encoded); only what is *shown* is escaped,
/// by the functions here:
///
/// - `text`: for every plain-text output (table, `explain`, `diff`, stderr) and for the text of GitHub
///   annotations and SARIF messages.
///   - C0 controls (U+0000–U+001F, newline and tab included), DEL (U+007F), C1 controls
///     (U+0080–U+009F), the line and paragraph separators U+2028/U+2029, the bidi embeddings, overrides
///     and isolates U+202A–U+202E and U+2066–U+2069, the bidi marks U+200E, U+200F and U+061C, and the
///     byte-order mark U+FEFF become `\u` and four lowercase hex digits: ESC is `\u001b`, a newline
///     `\u000a`.
///   - A backslash becomes `\\`, so that an escape is never ambiguous: `\u001b` in the output always
///     means ESC; a name that holds the six characters `\u001b` shows as `\\u001b`.
///   - A GitHub workflow command needs `::` at the start of a line (after blanks, which for the
///     runner include Unicode spaces such as U+00A0 and U+3000), and the runner's
///     legacy form is `##[`. A string whose first non-blank characters are `::` has that first colon
///     written `\u003a`, and `##[` is written `#\u0023[`: text from an input can then never start a
///     line of sfncost's output as a command, wherever on the line it stands.
/// - `markdown`: `text`, then made inert for GitHub-flavoured Markdown (see there).
/// - `codeSpan`: `text` inside a Markdown code span whose fence is longer than any backtick run inside.
///
/// Every function is linear in the length of its input.
public enum DisplayText {
    /// `value` escaped for plain text: see the type's documentation. With `keepingLineBreaks`, CR and
    /// LF stay as they are, for a caller that encodes them itself (GitHub annotations: `%0D`, `%0A`).
    public static func text(_ value: String) -> String {
        text(value, keepingLineBreaks: false)
    }

    /// With `neutralisingCommands: false` a leading `::` stays: for text that can never start a line,
    /// such as a GitHub annotation's property, which the caller percent-encodes (`%3A`) itself.
    public static func text(_ value: String, keepingLineBreaks: Bool, neutralisingCommands: Bool = true) -> String {
        // Almost every name is printable text that needs nothing: one pass over its UTF-8 bytes says
        // so, and the string is returned as it is, not rebuilt (`DisplayTextFastPath.swift`).
        if isShownAsIs(value, keepingLineBreaks: keepingLineBreaks, neutralisingCommands: neutralisingCommands) {
            return value
        }
        return textScalarByScalar(value, keepingLineBreaks: keepingLineBreaks, neutralisingCommands: neutralisingCommands)
    }

    /// `text`, scalar by scalar: the general path, for a string that needs something escaped (and the
    /// reference the fast path is tested against).
    static func textScalarByScalar(_ value: String, keepingLineBreaks: Bool, neutralisingCommands: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(value.unicodeScalars)
        // A leading (after blanks) "::" would make a line that starts with this text a workflow command.
        var leadingColon: Int?
        if neutralisingCommands, let first = scalars.firstIndex(where: { !isBlank($0) }),
           scalars[first] == ":", first + 1 < scalars.endIndex, scalars[first + 1] == ":" {
            leadingColon = first
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if index == leadingColon {
                out.append(contentsOf: "\\u003a".unicodeScalars)
            } else if scalar == "\\" {
                out.append(contentsOf: "\\\\".unicodeScalars)
            } else if needsEscape(scalar), !(keepingLineBreaks && (scalar == "\n" || scalar == "\r")) {
                appendEscape(scalar, to: &out)
            } else if scalar == "#", index + 2 < scalars.endIndex, scalars[index + 1] == "#", scalars[index + 2] == "[" {
                // "##[": keep the first '#', escape the second.
                out.append("#")
                out.append(contentsOf: "\\u0023".unicodeScalars)
                index += 2
                continue
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// Blanks the Actions runner trims before it looks for `::` (.NET `TrimStart`: Unicode white space,
    /// the no-break and ideographic spaces included).
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII first: its blanks are TAB, VT, FF, CR and space (the Unicode property lookup costs
        // far more than these comparisons, and almost every scalar is ASCII).
        if scalar.isASCII {
            let value = scalar.value
            return value == 0x20 || (value >= 0x09 && value <= 0x0D && value != 0x0A)
        }
        return scalar.properties.isWhitespace
    }

    /// Whether `scalar` is shown as a `\u` escape: controls, separators, bidi controls, the BOM.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x200E, 0x200F, 0x061C: return true
        case 0xFEFF: return true
        default: return false
        }
    }

    /// `\u` and four lowercase hex digits (every escaped scalar is in the Basic Multilingual Plane).
    static func escape(_ scalar: Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        appendEscape(scalar, to: &out)
        return String(out)
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// `escape`, appended in place (no intermediate strings: hostile names can hold many).
    static func appendEscape(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        out.append("\\")
        out.append("u")
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((scalar.value >> UInt32(shift)) & 0xF)])
        }
    }

    /// `value` as inert GitHub-flavoured Markdown text, for a pull-request comment:
    ///
    /// - first `text` (controls, separators and bidi controls escaped, so a newline cannot end a table
    ///   row or a list item);
    /// - `&`, `<`, `>` and `"` become HTML entities, so `<img src=…>` or `<b>` is shown, not rendered;
    /// - the Markdown punctuation `` \ ` * _ [ ] ( ) { } # ! | ~ $ `` is backslash-escaped, so
    ///   `[text](url)`, `*x*`, `~~x~~`, a code span or math is shown as typed, and `|` cannot split a
    ///   table cell (GFM honours `\|` in cells);
    /// - `@` is followed by a zero-width space (U+200B), so `@someone` or `@org/team` is not a mention
    ///   and notifies nobody (a backslash or an entity would not do: GitHub links mentions in the
    ///   rendered text); `#` likewise (after its backslash), so `#12` or `owner/repo#12` is not an
    ///   issue reference that would add a cross-reference to that issue.
    public static func markdown(_ value: String) -> String {
        markdownEscaping(text(value))
    }

    /// `markdown` by the general paths, scalar by scalar: the reference for the tests.
    static func markdownScalarByScalar(_ value: String) -> String {
        markdownEscapingScalarByScalar(textScalarByScalar(value, keepingLineBreaks: false))
    }

    /// `markdown`'s second step on text already escaped by `text`, scalar by scalar: the reference
    /// for `markdownEscaping`, which works on UTF-8 bytes (every character it escapes is ASCII).
    static func markdownEscapingScalarByScalar(_ shown: String) -> String {
        var out = ""
        for scalar in shown.unicodeScalars {
            // By code point: & < > " @, then the punctuation \ ` * _ [ ] ( ) { } # ! | ~ $.
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x40: out += "@\u{200B}"
            case 0x23: out += "\\#\u{200B}"
            case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x28, 0x29, 0x7B, 0x7D, 0x21, 0x7C, 0x7E, 0x24:
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A JSON document with DEL, C1 controls, line separators, bidi controls and the BOM written as JSON
    /// `\u` escapes. They can only stand inside JSON strings (JSON's own whitespace is ASCII), where the
    /// escape decodes to the same character: the document means exactly what it meant. C0 controls are
    /// already escaped by every JSON encoder.
    public static func jsonSafe(_ json: String) -> String {
        guard hasInvisibleNonASCII(json) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F && needsEscape(scalar) {
                appendEscape(scalar, to: &out)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// An amount as `Format.money` prints it, for Markdown, escaped by `markdown` like every name
    /// from an input. One rule for every `$` in a comment, whether sfncost or an input wrote it: in
    /// Markdown text it is `\$` (shown as `$`; GitHub renders text between two bare `$` as math, so
    /// "$1.00 … $2.00" on one line would lose its amounts), in raw HTML `&#36;` (`htmlText`).
    /// Escaped text inside a code span would show its backslashes: amounts are never put in one.
    public static func markdownMoney(_ value: Money?, _ currency: String) -> String {
        markdown(Format.money(value, currency))
    }

    /// `value` (escaped by `text`) as a Markdown code span: the fence is one backtick longer than the
    /// longest run of backticks inside, and a space pads content that starts or ends with a backtick
    /// (CommonMark strips one such space on each side). Inside a code span nothing renders: no HTML, no
    /// link, no mention. `inTable`: a `|` is written `\|`, which GFM tables need even in code spans.
    public static func codeSpan(_ value: String, inTable: Bool = false) -> String {
        var content = text(value)
        // Foundation's search only when there is a `|` to replace (it costs far more than a byte scan).
        if inTable, content.utf8.contains(UInt8(ascii: "|")) { content = content.replacingOccurrences(of: "|", with: "\\|") }
        let longest = longestBacktickRun(content)
        let fence = String(repeating: "`", count: longest + 1)
        let pad = content.hasPrefix("`") || content.hasSuffix("`") || content.isEmpty ? " " : ""
        return fence + pad + content + pad + fence
    }

    /// `codeSpan` as it was written first, scalar by scalar: the reference for the tests.
    static func codeSpanScalarByScalar(_ value: String, inTable: Bool = false) -> String {
        var content = textScalarByScalar(value, keepingLineBreaks: false)
        if inTable { content = content.replacingOccurrences(of: "|", with: "\\|") }
        var longest = 0, run = 0
        for scalar in content.unicodeScalars {
            if scalar == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = content.hasPrefix("`") || content.hasSuffix("`") || content.isEmpty ? " " : ""
        return fence + pad + content + pad + fence
    }

    /// The last line of defence for a whole block of output: a carriage return (which ends a line for
    /// the Actions runner) becomes `\u000d`, a line whose first non-blank characters are `::` gets
    /// that colon written `\u003a`, and `##[` becomes `#\u0023[`. The CLI applies it to
    /// everything it writes except the annotations of `--format github`, whose `::` lines are
    /// sfncost's own; the renderers already escape every input through `text`, so this changes nothing
    /// unless a renderer missed one.
    public static func neutralisingCommands(_ block: String) -> String {
        // Almost always nothing to change: then the block is returned as it is, not copied (a
        // report of 100,000 states is 12 MB of text, 48 MB as an array of scalars).
        guard hasCommandLikeText(block) else { return block }
        return rewritingCommands(block)
    }

    /// `neutralisingCommands` scalar by scalar, whether or not anything needs changing.
    static func rewritingCommands(_ block: String) -> String {
        let scalars = Array(block.unicodeScalars)
        var out = String.UnicodeScalarView()
        var atLineStart = true  // nothing but blanks since the last newline
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\n":
                out.append(scalar)
                atLineStart = true
            case _ where atLineStart && scalar != "\r" && isBlank(scalar):
                out.append(scalar)
            case "\r":
                out.append(contentsOf: "\\u000d".unicodeScalars)
                atLineStart = false
            case ":" where atLineStart && index < scalars.count && scalars[index] == ":":
                out.append(contentsOf: "\\u003a".unicodeScalars)
                atLineStart = false
            case "#" where index + 1 < scalars.count && scalars[index] == "#" && scalars[index + 1] == "[":
                out.append("#")
                out.append(contentsOf: "\\u0023".unicodeScalars)
                index += 1
                atLineStart = false
            default:
                out.append(scalar)
                atLineStart = false
            }
        }
        return String(out)
    }

    /// Whether `neutralisingCommands` would change anything in `block`: a carriage return, `::` after
    /// only blanks on its line, or `##[` anywhere. One pass, nothing copied.
    static func hasCommandLikeText(_ block: String) -> Bool {
        // A report is megabytes: searched over its UTF-8 bytes with memchr (`DisplayTextFastPath.swift`).
        if let found = block.utf8.withContiguousStorageIfAvailable(hasCommandLikeBytes) { return found }
        return hasCommandLikeTextScalarByScalar(block)
    }

    /// `hasCommandLikeText` scalar by scalar: the reference for the byte search, and the path for a
    /// string without contiguous UTF-8.
    static func hasCommandLikeTextScalarByScalar(_ block: String) -> Bool {
        var atLineStart = true  // nothing but blanks since the last newline
        var colonAtLineStart = false  // the previous scalar was a ':' with only blanks before it on its line
        var previous: Unicode.Scalar = "\n", beforePrevious: Unicode.Scalar = "\n"
        for scalar in block.unicodeScalars {
            if scalar == "\r" || (scalar == ":" && colonAtLineStart)
                || (scalar == "[" && previous == "#" && beforePrevious == "#") { return true }
            colonAtLineStart = atLineStart && scalar == ":"
            if scalar == "\n" {
                atLineStart = true
            } else if !(atLineStart && isBlank(scalar)) {
                atLineStart = false
            }
            beforePrevious = previous
            previous = scalar
        }
        return false
    }
}
