import Foundation
import Testing
@testable import SFNCostKit

/// One rule for `$` in the pull-request comment: in Markdown text every `$` is `\$` (amounts that
/// sfncost writes and names from inputs alike), in raw HTML (`<summary>`) `&#36;`; inside code spans
/// and the Mermaid fence it stays as is (nothing renders there). So no two `$` on a line open GitHub's
/// math, and `$x$` shows as typed.
///
/// By hand: machine `$x$` (from its file `$x$.asl.json`), Pass `$y$` → Succeed: 2 transitions a run;
/// Standard at $0.000025 a transition (us-east-1). 1,000 runs a month: 2,000 transitions, $0.05
/// (printed with four places under a dollar: $0.0500); 2,000 runs: $0.10 ($0.1000), +100%.
@Suite struct DollarEscapingTests {
    static func report(executions: Int, budget: String = "") throws -> Report {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-dollar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let definition = directory.appendingPathComponent("$x$.asl.json")
        try #"{"StartAt": "$y$", "States": {"$y$": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#
            .write(to: definition, atomically: true, encoding: .utf8)
        let profile = directory.appendingPathComponent("usage.yml")
        try "version: 1\nregion: us-east-1\n\(budget)state_machines:\n  \"$x$\": {executions: \(executions)}\n"
            .write(to: profile, atomically: true, encoding: .utf8)
        return try #require(Estimator.run(.init(paths: [definition.path], profilePath: profile.path)).report)
    }

    /// Every `$` of Markdown text that is not written `\$`: outside fenced blocks and code spans.
    static func bareDollars(_ markdown: String) -> [String] {
        var bare: [String] = []
        var inFence = false
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") { inFence.toggle(); continue }
            if inFence { continue }
            let scalars = Array(line.unicodeScalars)
            var index = 0
            while index < scalars.count {
                if scalars[index] == "`" {
                    // A code span: skip to the closing run of as many backticks.
                    var run = 0
                    while index < scalars.count, scalars[index] == "`" { run += 1; index += 1 }
                    let fence = String(repeating: "`", count: run)
                    let rest = String(String.UnicodeScalarView(scalars[index...]))
                    guard let close = rest.range(of: fence) else { break }
                    index += rest.unicodeScalars.distance(from: rest.unicodeScalars.startIndex, to: close.upperBound)
                    continue
                }
                if scalars[index] == "\\" { index += 2; continue }
                if scalars[index] == "$" { bare.append(line) }
                index += 1
            }
        }
        return bare
    }

    @Test func theCheckerFindsABareDollar() {
        #expect(Self.bareDollars("a \\$1 `$x$` b") == [])
        #expect(Self.bareDollars("```mermaid\n$x$\n```") == [])
        #expect(Self.bareDollars("cost $1.00") == ["cost $1.00"])
    }

    @Test func theEstimateCommentWritesEveryDollarOneWay() throws {
        let report = try Self.report(executions: 1000, budget: "budget: {monthly: 1}\n")
        let markdown = MarkdownRenderer.render(report, options: CommentOptions(gate: CommentGate(checks: ["the total monthly cost at most $1.00"], failures: [])))
        #expect(Self.bareDollars(markdown) == [])
        #expect(markdown.contains("### Monthly Step Functions cost: \\$0.0500 for 1 state machine\n"))
        #expect(markdown.contains("✅ **Gate passed**: checked the total monthly cost at most \\$1.00."))
        #expect(markdown.contains("| \\$x\\$ | STANDARD | 1,000 | \\$0.0500 | no findings |"), "\(markdown)")
        #expect(markdown.contains("| Total a month | \\$1.00 | \\$0.0500 | ✅ within |"))
        #expect(markdown.contains("<details><summary><strong>&#36;x&#36;</strong>: &#36;0.0500/month, no findings</summary>"))
        #expect(markdown.contains("| \\$y\\$ | 1 |"))
        #expect(markdown.contains("| **Cost per month** | **\\$0.0500** |"))
    }

    @Test func theDiffCommentWritesEveryDollarOneWay() throws {
        let base = try Self.report(executions: 1000), head = try Self.report(executions: 2000)
        let diff = try ReportDiffer.diff(base: base, basePath: "base.json", head: head, headPath: "head.json")
        let markdown = DiffRenderer.markdown(diff, base: base, head: head, options: CommentOptions())
        #expect(Self.bareDollars(markdown) == [])
        #expect(markdown.contains("### Monthly Step Functions cost rises from \\$0.0500 to \\$0.1000 (+100%)\n"), "\(markdown)")
        #expect(markdown.contains("| \\$x\\$ | STANDARD | 1,000 → 2,000 | \\$0.1000 | +\\$0.0500 (+100%) |"))
        #expect(markdown.contains("<summary><strong>&#36;x&#36;</strong>: &#36;0.0500 → &#36;0.1000/month (+&#36;0.0500, +100%)</summary>"))
    }
}
