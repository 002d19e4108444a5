import Foundation
import Testing
@testable import SFNCostKit

/// A file named .json is strict JSON, as AWS reads it; YAML files stay lenient.
@Suite struct StrictJSONTests {
    /// The error's line and column, and its message, for `text` read as `file`.
    private static func syntaxError(_ text: String, file: String = "flow.asl.json") -> Diagnostic? {
        do {
            _ = try SourceDocument.parse(text, file: file)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    /// Each case: where the first byte JSON cannot take stands (1-based line and column).
    /// - `{"a": 1,}`: the comma is the 8th character of line 1 (JSONSerialization takes the text; the
    ///   trailing-comma check reports the comma).
    /// - line 3 `  "States": {"P": {"Type": "Pass", "End": true},}`: the comma after `true}` is column
    ///   2 + 10 (`"States": `) + 1 (`{`) + 34 (`"P": {"Type": "Pass", "End": true}`) + 1 = 48.
    /// - `{\n  StartAt: "P"}`: the unquoted key starts line 2, column 3 ("around character 4" = byte 4:
    ///   `{` and `\n` on line 1, two spaces before it).
    /// - `{"Comment": "é", b}`: `b` is byte 18 (é takes two bytes) but character 18 of the line,
    ///   counting from 1: `{` 1, `"Comment"` 2–10, `:` 11, space 12, `"é"` 13–15, `,` 16, space 17.
    /// - `[1, 2,]`: the comma is the 6th character, before `]`.
    @Test(arguments: [
        (#"{"a": 1,}"#, 1, 8, "trailing comma before '}'"),
        ("{\n  \"StartAt\": \"P\",\n  \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true},}\n}", 3, 48, "trailing comma before '}'"),
        ("{\n  StartAt: \"P\"}", 2, 3, "invalid value"),
        (#"{"Comment": "é", b}"#, 1, 18, "invalid value"),
        ("[1, 2,]", 1, 6, "trailing comma before ']'"),
    ])
    func jsonFilesAreStrict(_ text: String, _ line: Int, _ column: Int, _ problem: String) throws {
        let diagnostic = try #require(Self.syntaxError(text))
        #expect(diagnostic.code == "Input.Syntax")
        #expect(diagnostic.message.hasPrefix("not valid JSON: \(problem)"), "\(diagnostic.message)")
        #expect(diagnostic.location == SourceLocation(file: "flow.asl.json", line: line, column: column))
    }

    /// The same lenient text in a YAML file is read as YAML (flow mappings allow both).
    @Test(arguments: [#"{"a": 1,}"#, "{\n  StartAt: \"P\"}"])
    func yamlFilesStayLenient(_ text: String) throws {
        _ = try SourceDocument.parse(text, file: "flow.asl.yaml")
    }

    /// Strings may hold commas and brackets; a BOM and trailing blank lines are fine.
    @Test func validJSONPasses() throws {
        let text = "\u{FEFF}{\"Comment\": \"a, ]\\\", }\", \"States\": [1, {\"x\": []}]}\n\n"
        let root = try SourceDocument.parse(text, file: "ok.json")
        #expect(root["Comment"]?.string == "a, ]\", }")
    }

    /// An empty .json file is still `Input.Empty`, and a truncated one points just past its end (line 2,
    /// column 9: `  "a": 1` has 8 characters).
    @Test func emptyAndTruncatedFiles() throws {
        #expect(Self.syntaxError("  \n")?.code == "Input.Empty")
        let truncated = try #require(Self.syntaxError("{\n  \"a\": 1"))
        #expect(truncated.code == "Input.Syntax")
        #expect(truncated.location?.line == 2 && truncated.location?.column == 9)
    }

    /// From a file on disk, the error names the path as given.
    @Test func loadReportsThePath() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-strict-\(UUID().uuidString).asl.json").path
        try #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,}}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let collected = InputCollector.collect([path])
        #expect(collected.machines.isEmpty)
        let diagnostic = try #require(collected.failures.first?.diagnostics.first)
        // The comma after `true`: `{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true` is 61 characters.
        #expect(diagnostic.location == SourceLocation(file: path, line: 1, column: 62))
        #expect(diagnostic.code == "Input.Syntax")
    }
}
