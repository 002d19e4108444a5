import Foundation
import Testing
@testable import SFNCostKit

/// Issue #10, points 4–6: names from a hostile pull request reach no output raw. The definition is
/// `HostileInputs.definition()`: a state named "B\n::error file=README.md,line=1::INJECTED" (quoted by
/// SFN145, a .waitForTaskToken task without TimeoutSeconds), a state named "::stop-commands::tok", in a
/// file named "m ESC [31mred RLO .asl.json".
@Suite struct HostileNameRenderingTests {
    static func outcome() throws -> Estimator.Outcome {
        let directory = try HostileInputs.directory()
        return Estimator.run(.init(paths: [directory.path]))
    }

    /// The escaped forms every text output must show.
    static let shownState = #"B\u000a::error file=README.md,line=1::INJECTED"#
    static let shownStem = #"m\u001b[31mred\u202e"#

    static func expectClean(_ text: String, _ what: String, annotations: Bool = false) {
        if annotations {
            for line in HostileInputs.commandLines(text) {
                #expect(line.hasPrefix("::warning file=") || line.hasPrefix("::error file=") || line.hasPrefix("::notice file="),
                        "\(what): \(line)")
            }
        } else {
            #expect(HostileInputs.commandLines(text).isEmpty, "\(what): \(HostileInputs.commandLines(text))")
        }
        #expect(HostileInputs.rawControls(text).isEmpty, "\(what): \(HostileInputs.rawControls(text))")
    }

    @Test func tableEscapesNamesAndMessages() throws {
        let outcome = try Self.outcome()
        let report = try #require(outcome.report)
        #expect(report.stateMachines.map(\.name) == [HostileInputs.spoofedFileStem])
        let text = TableRenderer().render(report)
        Self.expectClean(text, "table")
        #expect(text.contains("Task '\(Self.shownState)' waits for a callback"))
        #expect(text.contains("== \(Self.shownStem)  ("))
        #expect(text.contains(#"- \u003a:stop-commands::tok.duration"#) == false) // a Pass state has no duration assumption
    }

    @Test func explainEscapesEveryStateName() throws {
        let outcome = try Self.outcome()
        let report = try #require(outcome.report)
        let text = Explanation.build(outcome.analyses[0], report: report.stateMachines[0], pricing: report.pricing)
            .text(currency: report.currency)
        Self.expectClean(text, "explain")
        #expect(text.hasPrefix("Where the figures for '\(Self.shownStem)' come from"))
        // The stop-commands state starts a row of the tables: its first colon is escaped.
        #expect(text.contains("\n  \\u003a:stop-commands::tok "))
        #expect(text.contains("\n  \(Self.shownState)  "))
    }

    @Test func markdownShowsNamesAsInertText() throws {
        let report = try #require(try Self.outcome().report)
        let text = MarkdownRenderer.render(report)
        Self.expectClean(text, "markdown")
        // The machine name in its table cell: the backslash of \u001b is itself escaped for Markdown.
        #expect(text.contains(#"| m\\u001b\[31mred\\u202e | STANDARD |"#))
        #expect(text.contains(#"Task 'B\\u000a::error file=README.md,line=1::INJECTED' waits for a callback \(.waitForTaskToken\)"#))
    }

    @Test func githubAnnotationsAreOneLineEach() throws {
        let report = try #require(try Self.outcome().report)
        let text = GitHubAnnotationsRenderer.render(report)
        Self.expectClean(text, "github", annotations: true)
        let lines = text.split(separator: "\n")
        // One finding (SFN145) quotes the state; every line is one of sfncost's annotations.
        #expect(lines.count == report.stateMachines[0].findings.count)
        let annotation = try #require(lines.first { $0.contains("SFN145") })
        // Properties escape ':' and ',' (%3A, %2C); the file's ESC and RLO are display-escaped first.
        #expect(annotation.hasPrefix("::warning file=") && annotation.contains(#"m\u001b[31mred\u202e.asl.json,line=1,col="#))
        // The line break is shown escaped (`\u000a`), as in every output: the message stays on the
        // annotation's line and GitHub renders no break inside the name.
        #expect(annotation.contains("::Task 'B\\u000a::error file=README.md,line=1::INJECTED' waits"))
    }

    @Test func sarifMessagesHaveNoRawControls() throws {
        let report = try #require(try Self.outcome().report)
        let text = try SARIFRenderer.render(report)
        Self.expectClean(text, "sarif")
        // In JSON the display escape's backslash is itself escaped.
        #expect(text.contains(#""text" : "Task 'B\\u000a::error file=README.md,line=1::INJECTED' waits"#))
        // Logical names stay exact: JSON-escaped newline, \u escapes for ESC and the RLO.
        #expect(text.contains(#""fullyQualifiedName" : "m\u001b[31mred\u202e/B\n::error file=README.md,line=1::INJECTED""#))
    }

    /// JSON keeps every name exactly (it is read back by `diff`), with nothing raw in the bytes.
    @Test func jsonKeepsNamesExactlyAndReadsBack() throws {
        let report = try #require(try Self.outcome().report)
        let text = try JSONRenderer.render(report)
        Self.expectClean(text, "json")
        let decoded = try JSONRenderer.decode(Data(text.utf8))
        #expect(decoded.stateMachines[0].name == HostileInputs.spoofedFileStem)
        #expect(decoded.stateMachines[0].findings.contains { $0.state == HostileInputs.injectedState })
    }

    @Test func diffTableAndMarkdownEscapeNames() throws {
        let head = try #require(try Self.outcome().report)
        let base = try ReportDiffTests.report([("ok", 2, 1000)])
        let diff = try ReportDiffer.diff(base: base, basePath: "base\n::error::B.json", head: head, headPath: "head.json")
        let table = DiffRenderer.table(diff)
        Self.expectClean(table, "diff table")
        #expect(table.contains(#"base\u000a::error::B.json → head.json"#))
        #expect(table.contains("\n\(Self.shownStem)  added"))
        #expect(table.contains("new: "))
        let markdown = DiffRenderer.markdown(diff)
        Self.expectClean(markdown, "diff markdown")
        #expect(markdown.contains(#"| m\\u001b\[31mred\\u202e | STANDARD | – | "#))
    }

    /// The compiler-form line of a diagnostic (stderr) is one line whatever its file and message hold.
    @Test func diagnosticDescriptionIsOneEscapedLine() {
        let diagnostic = Diagnostic(.error, "X.Code", "state 'B\n::error::x' is bad",
                                    at: SourceLocation(file: "::a\u{1B}.json", line: 3, column: 4))
        #expect(diagnostic.description == #"\u003a:a\u001b.json:3:4: error: state 'B\u000a::error::x' is bad [X.Code]"#)
    }
}
