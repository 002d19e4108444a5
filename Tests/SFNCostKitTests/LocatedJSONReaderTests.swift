import Foundation
import Testing
@testable import SFNCostKit

/// Issue 10, item 10: valid JSON that libyaml misreads is read, as JSON; what is not strict JSON is a
/// located error. Files named `.json` go through `LocatedJSONReader`.
@Suite struct LocatedJSONReaderTests {
    private static func failure(_ text: String, file: String = "r.asl.json") -> Diagnostic? {
        do {
            _ = try DefinitionDecoder.decode(try SourceDocument.parse(text, file: file))
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    /// A key of 2,000 characters (libyaml's simple keys stop at 1,024) is read whole, and the
    /// machine loads.
    @Test func keyOverLibyamlsLimit() throws {
        let key = String(repeating: "k", count: 2_000)
        let text = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true, \"Parameters\": {\"\(key)\": 1}}}}"
        let root = try SourceDocument.parse(text, file: "long.asl.json")
        #expect(root["States"]?["P"]?["Parameters"]?.members?.first?.key == key)
        _ = try DefinitionDecoder.decode(root)
    }

    /// A raw U+2028 inside a key is a character of the key, not a line break: the node on the next
    /// line is still line 2 (`"States"` at column 1).
    @Test func rawLineSeparatorInAKey() throws {
        let text = "{\"StartAt\": \"P\", \"Comment\": {\"a\u{2028}b\": 1},\n\"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"
        let root = try SourceDocument.parse(text, file: "ls.asl.json")
        #expect(root["Comment"]?.members?.first?.key.unicodeScalars.map(\.value) == [0x61, 0x2028, 0x62])
        #expect(root.member("States")?.keyLocation == SourceLocation(file: "ls.asl.json", line: 2, column: 1))
        _ = try DefinitionDecoder.decode(root)
    }

    /// `é` (U+00E9) and `e` + U+0301 are different JSON keys (and different state names for AWS),
    /// though Swift's String == calls them equal: two states, no duplicate, each `Next` finds its own.
    @Test func canonicallyEquivalentKeysAreDistinct() throws {
        let composed = "\u{E9}", decomposed = "e\u{301}"
        let text = """
        {"StartAt": "\(composed)", "States": {
          "\(composed)": {"Type": "Pass", "Next": "\(decomposed)"},
          "\(decomposed)": {"Type": "Pass", "End": true}
        }}
        """
        let machine = try Fixtures.machine(text)
        #expect(machine.states.count == 2)
        #expect(machine.index(of: composed) == 0 && machine.index(of: decomposed) == 1)
        // A Next that names only the decomposed form does not reach the composed state.
        let missing = """
        {"StartAt": "\(composed)", "States": {
          "\(composed)": {"Type": "Pass", "Next": "\(decomposed)"}
        }}
        """
        #expect(Self.failure(missing)?.code == "ASL.MissingNextTarget")
    }

    /// A real duplicate is reported at its second occurrence: line 3, column 3 (two spaces first).
    @Test func duplicateKeyAtItsSecondOccurrence() throws {
        let text = "{\"StartAt\": \"P\", \"States\": {\n  \"P\": {\"Type\": \"Pass\", \"End\": true},\n  \"P\": {\"Type\": \"Pass\", \"End\": true}}}"
        let diagnostic = try #require(Self.failure(text))
        #expect(diagnostic.code == "Input.DuplicateKey")
        #expect(diagnostic.message.hasPrefix("duplicate key 'P' (first at line 2)"))
        #expect(diagnostic.location == SourceLocation(file: "r.asl.json", line: 3, column: 3))
    }

    /// One byte-order mark is allowed (editors write it); a second is not JSON. The error is at the
    /// second mark, the first character after the one allowed: line 1, column 1.
    @Test func twoByteOrderMarksAreNotJSON() throws {
        let valid = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"
        _ = try SourceDocument.parse("\u{FEFF}" + valid, file: "bom.asl.json")
        let diagnostic = try #require(Self.failure("\u{FEFF}\u{FEFF}" + valid, file: "bom.asl.json"))
        #expect(diagnostic.code == "Input.Syntax")
        #expect(diagnostic.message.hasPrefix("not valid JSON: invalid value U+FEFF (a byte-order mark"))
        #expect(diagnostic.location == SourceLocation(file: "bom.asl.json", line: 1, column: 1))
    }

    /// A number too large for a Double is valid JSON: it reaches the decoder, which says where it is
    /// and why AWS would not take it. `"BackoffRate": ` starts line 2: the value is at column 11 + 5.
    @Test func hugeNumberIsJSONAndLocated() throws {
        let text = """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, "Retry": [{"ErrorEquals": ["States.ALL"],
        "BackoffRate": 1e400}]}}}
        """
        let diagnostic = try #require(Self.failure(text))
        #expect(diagnostic.code == "ASL.WrongValue")
        #expect(diagnostic.message == "'BackoffRate' must be a number of at least 1, found 1e400")
        #expect(diagnostic.location == SourceLocation(file: "r.asl.json", line: 2, column: 16))
    }

    /// What JSON does not allow, each at the character that breaks it:
    /// - a raw tab inside a string: `{"Comment": "a` is 14 characters, the tab is the 15th;
    /// - `\x`: the backslash after `{"Comment": "` (13 characters) is the 14th;
    /// - a lone low surrogate escape, at its backslash, column 14 likewise;
    /// - `01`: JSON numbers have no leading zero; `{"a": ` is 6 characters, the number starts at 7,
    ///   and the reader stops at the `1` after it (column 8), where a ',' or '}' belongs;
    /// - `'single'`: column 7 again, not a value;
    /// - `{"a": 1} x`: text after the value, at column 10.
    @Test(arguments: [
        ("{\"Comment\": \"a\tb\"}", 1, 15, "control character U+0009 inside a string"),
        ("{\"Comment\": \"\\x\"}", 1, 14, "invalid escape '\\x' in a string"),
        ("{\"Comment\": \"\\uDC00\"}", 1, 14, "\\uDC00 is half of a surrogate pair"),
        ("{\"a\": 01}", 1, 8, "expected ',' or '}' after a value, found '1'"),
        ("{\"a\": 'single'}", 1, 7, "invalid value '''"),
        ("{\"a\": 1} x", 1, 10, "unexpected text after the JSON value"),
        ("{\"a\": tru}", 1, 7, "invalid value 't'"),
    ])
    func notJSONIsLocated(_ text: String, _ line: Int, _ column: Int, _ problem: String) throws {
        let diagnostic = try #require(Self.failure(text))
        #expect(diagnostic.code == "Input.Syntax")
        #expect(diagnostic.message.hasPrefix("not valid JSON: \(problem)"), "\(diagnostic.message)")
        #expect(diagnostic.location == SourceLocation(file: "r.asl.json", line: line, column: column))
    }

    /// Escapes decode to what they stand for, a surrogate pair to one scalar (U+1F600).
    @Test func escapesDecode() throws {
        let root = try SourceDocument.parse(#"{"s": "\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#, file: "e.json")
        #expect(root["s"]?.string == "\"\\/\u{08}\u{0C}\n\r\t\u{E9}\u{1F600}")
    }
}
