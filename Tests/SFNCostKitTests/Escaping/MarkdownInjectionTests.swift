import Foundation
import Testing
@testable import SFNCostKit

/// Issue #10, point 6: a PR comment (`--format markdown`, `diff --format markdown`) shows names as
/// text. The machine's name (a template's StateMachineName, any string) holds an image, a link, a
/// mention, emphasis, HTML, a `|` and a newline; its state is a .waitForTaskToken Task without
/// TimeoutSeconds named "<b>S</b>", so SFN145 quotes it.
@Suite struct MarkdownInjectionTests {
    static let machineName = "<img src=x onerror=alert(1)>[text](https://evil.example) @octocat *x* <b>b</b>|col\nrow"
    static let stateName = "<b>S</b>"

    /// The name as `DisplayText.markdown` writes it, derived by hand: entities for < > and ", a
    /// backslash before ( ) [ ] * |, U+200B after @, and the newline as `\u000a` whose backslash is
    /// itself escaped.
    static let shownName = "&lt;img src=x onerror=alert\\(1\\)&gt;\\[text\\]\\(https://evil.example\\) @\u{200B}octocat \\*x\\* &lt;b&gt;b&lt;/b&gt;\\|col\\\\u000arow"

    /// The name as `DisplayText.htmlText` writes it in a `<summary>`, by hand: named entities for
    /// < and >, numeric ones for ( ) [ ] * | and the backslash of `\u000a`, U+200B after @.
    static let shownInHTML = "&lt;img src=x onerror=alert&#40;1&#41;&gt;&#91;text&#93;&#40;https://evil.example&#41; @\u{200B}octocat &#42;x&#42; &lt;b&gt;b&lt;/b&gt;&#124;col&#92;u000arow"

    static func report() throws -> Report {
        let definition: [String: Any] = ["StartAt": stateName, "States": [
            stateName: ["Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "End": true],
        ]]
        let template: [String: Any] = ["Resources": ["M": [
            "Type": "AWS::StepFunctions::StateMachine",
            "Properties": ["StateMachineName": machineName, "Definition": definition],
        ]]]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-md-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("template.json")
        try JSONSerialization.data(withJSONObject: template, options: [.sortedKeys]).write(to: path)
        let outcome = Estimator.run(.init(paths: [path.path]))
        #expect(outcome.failures.isEmpty)
        return try #require(outcome.report)
    }

    /// Cells of a GFM table row: split at `|` not preceded by a backslash.
    static func cells(_ row: Substring) -> Int {
        var count = 0, previous: Character = " "
        for character in row {
            if character == "|" && previous != "\\" { count += 1 }
            previous = character
        }
        return count - 1
    }

    @Test func estimateMarkdownShowsTheNameAsText() throws {
        let report = try Self.report()
        #expect(report.stateMachines.map(\.name) == [Self.machineName])
        let markdown = MarkdownRenderer.render(report)
        for raw in ["<img", "<b>", "](", "@octocat", "*x*"] {
            #expect(!markdown.contains(raw), "\(raw)")
        }
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        // The summary table (header, separator, one machine) has 5 cells a row; the tables in the
        // machine's section 2 (figures, visits): the name's `|` splits no row.
        #expect(rows.prefix(3).allSatisfy { Self.cells($0) == 5 }, "\(rows)")
        #expect(rows.dropFirst(3).allSatisfy { Self.cells($0) == 2 }, "\(rows)")
        #expect(rows[2].hasPrefix("| \(Self.shownName) | STANDARD |"))
        #expect(markdown.contains("\n<details><summary><strong>\(Self.shownInHTML)</strong>: "))
        // The state in SFN145's message: HTML entities.
        #expect(markdown.contains("Task '&lt;b&gt;S&lt;/b&gt;' waits for a callback"))
    }

    @Test func diffMarkdownShowsTheNameAsText() throws {
        let head = try Self.report()
        let base = try ReportDiffTests.report([("ok", 2, 1000)])
        let markdown = DiffRenderer.markdown(try ReportDiffer.diff(base: base, basePath: "base.json", head: head, headPath: "head.json"))
        for raw in ["<img", "<b>", "](", "@octocat", "*x*"] {
            #expect(!markdown.contains(raw), "\(raw)")
        }
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        // The summary table: header, separator, the hostile machine added and "ok" removed (both
        // +/−, the added one first by the size of its change or by order), 5 cells each; the
        // before/after tables of the sections 3.
        #expect(rows.prefix(4).allSatisfy { Self.cells($0) == 5 }, "\(rows)")
        #expect(rows.dropFirst(4).allSatisfy { Self.cells($0) == 3 }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("| \(Self.shownName) | STANDARD | – | ") && $0.contains(" | added, +") })
        #expect(markdown.contains("\n<details><summary><strong>\(Self.shownInHTML)</strong>: added, "))
        #expect(markdown.contains("Task '&lt;b&gt;S&lt;/b&gt;' waits for a callback"))
    }
}
