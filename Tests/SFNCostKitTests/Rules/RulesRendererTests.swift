import Foundation
import Testing
@testable import SFNCostKit

/// SARIF structure, GitHub annotation escaping and Markdown, on a report built end to end.
@Suite struct RulesRendererTests {
    /// A report for one machine with one kept and one suppressed finding, built through `Estimator.run`.
    static func report() throws -> Report {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let definition = directory.appendingPathComponent("approve.asl.json")
        try """
        {"StartAt": "Approve", "States": {
          "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": "Review"},
          "Review": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}
        }}
        """.write(to: definition, atomically: true, encoding: .utf8)
        let profile = directory.appendingPathComponent("usage.yml")
        try """
        version: 1
        state_machines:
          approve:
            type: STANDARD
            rules:
              SFN145: {severity: off, reason: "queue timeout", states: [Review]}
        """.write(to: profile, atomically: true, encoding: .utf8)
        let outcome = Estimator.run(.init(paths: [definition.path], profilePath: profile.path))
        return try #require(outcome.report)
    }

    @Test func sarifHasTheRequiredStructure() throws {
        let report = try Self.report()
        let text = try SARIFRenderer.render(report)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect((root["$schema"] as? String)?.hasPrefix("https://") == true)
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "sfncost")
        #expect(driver["informationUri"] is String)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == RuleCatalog.all.count)
        for rule in rules {
            #expect(rule["id"] is String)
            #expect(((rule["shortDescription"] as? [String: Any])?["text"]) is String)
            #expect(((rule["fullDescription"] as? [String: Any])?["text"]) is String)
            #expect(((rule["help"] as? [String: Any])?["text"]) is String)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(["error", "warning", "note"].contains(level ?? ""))
        }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        // Approve (kept) and Review (suppressed, with a suppressions entry).
        #expect(results.count == 2)
        for result in results {
            let ruleId = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == ruleId)
            #expect(((result["message"] as? [String: Any])?["text"]) is String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect(((location["artifactLocation"] as? [String: Any])?["uri"] as? String)?.hasSuffix("approve.asl.json") == true)
            let region = try #require(location["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1)
            #expect((region["startColumn"] as? Int ?? 0) >= 1)
        }
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        // 'Review' is on line 3, its name key at column 3.
        let region = ((suppressed.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 3)
        #expect(region?["startColumn"] as? Int == 3)
    }

    @Test func githubAnnotationsEscapeDataAndProperties() {
        let line = GitHubAnnotationsRenderer.command(.warning, file: "a,b:c.json", line: 3, column: 7,
                                                     title: "SFN145 task-timeout-missing", message: "50% done\r\nnext: line")
        // '%' is GitHub-encoded; CR and LF are shown escaped (`\u000d\u000a`), as in every output, so the
        // message cannot break the annotation's line nor render a break inside a name.
        #expect(line == "::warning file=a%2Cb%3Ac.json,line=3,col=7,title=SFN145 task-timeout-missing::50%25 done\\u000d\\u000anext: line")
        #expect(GitHubAnnotationsRenderer.command(.note, file: "f", line: 1, column: 1, title: "t", message: "m") == "::notice file=f,line=1,col=1,title=t::m")
    }

    @Test func githubAnnotationsListKeptFindingsOnly() throws {
        let text = GitHubAnnotationsRenderer.render(try Self.report())
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("::warning file=") == true)
        #expect(lines.first?.contains(",line=2,col=3,title=SFN145 task-timeout-missing::Task 'Approve'") == true)
    }

    @Test func markdownHasSummaryAndFoldsSuppressedFindings() throws {
        let text = MarkdownRenderer.render(try Self.report())
        #expect(text.contains("| approve | STANDARD |"))
        #expect(text.contains("**SFN145** `task-timeout-missing`"))
        #expect(text.contains("**Suppressed by the profile** (1):"))
        #expect(text.contains("off: queue timeout"))
    }

    @Test func everyFormatIsListed() {
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "json", "markdown", "sarif", "github", "codeclimate", "infracost-usage"])
    }
}
