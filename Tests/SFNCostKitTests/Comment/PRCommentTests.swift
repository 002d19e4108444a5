import Foundation
import Testing
@testable import SFNCostKit

/// Issue #12, item 1: the pull-request comment (`--format markdown` of `estimate` and `diff`).
///
/// The diff scenario, every figure derived by hand (Standard: $0.000025 a transition in us-east-1;
/// README "How the figures are computed": every state entered is a transition, an inline Map counts
/// once plus the states of every iteration):
///
/// - `orders`, 1,000 runs a month. Base: Map `Fan` (4 items) over one Pass `Work`, then Pass `Done`:
///   1 + 4 + 1 = 6 transitions a run, 6,000 a month, $0.15. Head: `Fan` at 10 items, and a new
///   callback Task with a hostile name between `Fan` and `Done`: 1 + 10 + 1 + 1 = 13 a run, $0.325.
///   Change +$0.175 (+116.67 %). Visits per run that changed: `Work` 4 → 10, the new Task – → 1.
///   The new Task waits for a task token without TimeoutSeconds: SFN145, a new finding at line 6.
/// - `callbacks`, 1,000 runs: one callback Task `Approve`, 1 transition a run, $0.025 on both
///   sides. Base has no TimeoutSeconds (SFN145 at line 3); head sets it: the finding is resolved.
/// - `reports`, added: two Pass states at 2,000 runs: 4,000 transitions, $0.10.
///
/// Totals: base $0.15 + $0.025 = $0.175; head $0.325 + $0.025 + $0.10 = $0.45; +$0.275, which is
/// +157.14 % of $0.175 (0.275 / 0.175 = 1.5714…), shown as a whole percent: +157%.
@Suite struct PRCommentTests {
    static let hostile = "<img src=x>*x*|\nrow"
    /// `hostile` as `DisplayText.markdown` writes it (by hand): `<` `>` as entities, `*` and `|`
    /// backslash-escaped, the newline as `\u000a` with its backslash escaped.
    static let hostileShown = "&lt;img src=x&gt;\\*x\\*\\|\\\\u000arow"

    static let prices = PriceTable.embedded().prices(for: "us-east-1")!

    static func build(_ machines: [MachineAnalysis]) -> Report {
        ReportBuilder(prices: prices, origin: "test", freeTier: false, toolVersion: "test").build(machines)
    }

    static func orders(items: Int, withCallback: Bool) throws -> MachineAnalysis {
        let next = withCallback ? jsonString(hostile) : #""Done""#
        // Line numbers matter: the callback Task stands on line 6.
        var definition = """
            {"StartAt": "Fan", "States": {
              "Fan": {"Type": "Map", "Next": \(next),
                "ItemProcessor": {"StartAt": "Work", "States": {
                  "Work": {"Type": "Pass", "End": true}}}},
              "Done": {"Type": "Pass", "End": true}
            """
        if withCallback {
            definition += ",\n  \(jsonString(hostile)): {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke.waitForTaskToken\", \"Next\": \"Done\"}"
        }
        definition += "\n}}"
        return try Fixtures.analyze(definition, name: "orders", profile: """
            version: 1
            state_machines:
              orders:
                executions: 1000
                states:
                  Fan:
                    items: \(items)
            """)
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    static func callbacks(timeout: Bool) throws -> MachineAnalysis {
        try Fixtures.analyze("""
            {"StartAt": "Approve", "States": {
              "Approve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                "End": true\(timeout ? ", \"TimeoutSeconds\": 3600" : "")}
            }}
            """, name: "callbacks", profile: "version: 1\nstate_machines:\n  callbacks:\n    executions: 1000\n")
    }

    static func reports() throws -> MachineAnalysis {
        try Fixtures.analyze(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#,
                             name: "reports", profile: "version: 1\nstate_machines:\n  reports:\n    executions: 2000\n")
    }

    static func scenario() throws -> (base: Report, head: Report, diff: ReportDiff) {
        let base = build([try orders(items: 4, withCallback: false), try callbacks(timeout: false)])
        let head = build([try orders(items: 10, withCallback: true), try callbacks(timeout: true), try reports()])
        // Through JSON, as `diff` reads saved reports.
        let baseRead = try JSONRenderer.decode(Data(try JSONRenderer.render(base).utf8))
        let headRead = try JSONRenderer.decode(Data(try JSONRenderer.render(head).utf8))
        let diff = try ReportDiffer.diff(base: baseRead, basePath: "base.json", head: headRead, headPath: "head.json")
        return (baseRead, headRead, diff)
    }

    /// The section of one machine: from its `<details>` line to its `</details>`.
    static func section(_ markdown: String, startingWith summary: String) -> String? {
        guard let start = markdown.range(of: "<details><summary><strong>\(summary)</strong>") else { return nil }
        guard let end = markdown.range(of: "</details>", range: start.upperBound..<markdown.endIndex) else { return nil }
        return String(markdown[start.lowerBound..<end.upperBound])
    }

    @Test func scenarioFiguresAreTheHandDerivedOnes() throws {
        let (base, head, diff) = try Self.scenario()
        #expect(base.stateMachines.map { $0.perExecution.transitions.expected } == [6, 1])
        #expect(head.stateMachines.map { $0.perExecution.transitions.expected } == [13, 1, 2])
        #expect(diff.total.baseCost.amount == Decimal(string: "0.175"))
        #expect(diff.total.headCost.amount == Decimal(string: "0.45"))
        #expect(diff.total.costChangePercent == 157.14)
    }

    @Test func diffCommentHasHeadlineMarkerGateTableAndDetails() throws {
        let (base, head, diff) = try Self.scenario()
        let gate = CommentGate(checks: ["a rise of at most 200% (--max-increase)"], failures: [])
        let markdown = DiffRenderer.markdown(diff, base: base, head: head, options: CommentOptions(gate: gate))
        let lines = markdown.components(separatedBy: "\n")
        #expect(lines[0] == "<!-- sfncost -->")
        #expect(lines[1] == "### Monthly Step Functions cost rises from \\$0.1750 to \\$0.4500 (+157%)")
        #expect(markdown.contains("✅ **Gate passed**: checked a rise of at most 200% \\(--max-increase\\)."))
        // The narrow table: five columns, biggest absolute change first (orders +$0.175, reports
        // +$0.10, callbacks ±$0: changed only by its findings).
        let rows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| |") && !$0.hasPrefix("| ---") }
        #expect(rows.first == "| Machine | Type | Runs/month | Cost/month | Change |")
        #expect(Array(rows.dropFirst().prefix(3)) == [
            "| orders | STANDARD | 1,000 | \\$0.3250 | +\\$0.1750 (+117%) |",
            "| reports | STANDARD | 2,000 | \\$0.1000 | added, +\\$0.1000 |",
            "| callbacks | STANDARD | 1,000 | \\$0.0250 | ±\\$0.00 (+0.0%) |",
        ])
        let orders = try #require(Self.section(markdown, startingWith: "orders"))
        #expect(orders.contains("<strong>orders</strong>: &#36;0.1500 → &#36;0.3250/month (+&#36;0.1750, +117%)</summary>"))
        // Before and after, per run and per month: 6 → 13 transitions, 6,000 → 13,000 a month.
        #expect(orders.contains("| Transitions per run (expected) | 6 | 13 |"))
        #expect(orders.contains("| Transitions per month | 6,000 | 13,000 |"))
        // Per 1,000 runs: $0.15 × 1,000 / 1,000 runs and $0.325 likewise.
        #expect(orders.contains("| Cost per 1,000 runs | \\$0.1500 | \\$0.3250 |"))
        #expect(orders.contains("| **Cost per month** | **\\$0.1500** | **\\$0.3250** |"))
        // The states whose visits changed, most first: Work 4 → 10 (+6), the new Task – → 1.
        #expect(orders.contains("| Work _(in iteration of Map 'Fan')_ | 4 | 10 |"))
        #expect(orders.contains("| \(Self.hostileShown) | – (new) | 1 |"))
        let work = try #require(orders.range(of: "| Work "))
        let task = try #require(orders.range(of: "| \(Self.hostileShown) |"))
        #expect(work.lowerBound < task.lowerBound)
        // The new finding, listed with rule, state and file:line (the Task is on line 6).
        #expect(orders.contains("**New findings** (1):"))
        #expect(orders.contains("- ⚠️ warning **SFN145** `task-timeout-missing` in state '\(Self.hostileShown)' at `test.asl.json:6`: "))
        // The assumptions its figures rest on: the default task duration of the new Task.
        #expect(orders.contains("**Assumptions**"))
        #expect(orders.contains("state '\(Self.hostileShown)': `duration` = "))

        let callbacks = try #require(Self.section(markdown, startingWith: "callbacks"))
        #expect(callbacks.contains("**Resolved findings** (1):"))
        #expect(callbacks.contains("- ⚠️ warning **SFN145** `task-timeout-missing` in state 'Approve' at `test.asl.json:2`: "))
        let reports = try #require(Self.section(markdown, startingWith: "reports"))
        #expect(reports.contains("<strong>reports</strong>: added, &#36;0.1000/month</summary>"))
        #expect(reports.contains("| **Cost per month** | **–** | **\\$0.1000** |"))
    }

    @Test func diffCommentShowsAFailedGateWithItsReason() throws {
        let (base, head, diff) = try Self.scenario()
        let gate = CommentGate(checks: ["a rise of at most 10%"], failures: ["failing (--max-increase 10%): the total monthly cost rises by 0.275 USD, over 10% of '<b>x</b>'"])
        let markdown = DiffRenderer.markdown(diff, base: base, head: head, options: CommentOptions(gate: gate))
        #expect(markdown.contains("❌ **Gate failed** (the job exits 1): \\(--max-increase 10%\\): the total monthly cost rises by 0.275 USD, over 10% of '&lt;b&gt;x&lt;/b&gt;'."))
    }

    /// No raw HTML, emphasis or row break from the hostile state name anywhere in the comment.
    @Test func hostileStateNameIsInertEverywhere() throws {
        let (base, head, diff) = try Self.scenario()
        let markdown = DiffRenderer.markdown(diff, base: base, head: head, options: CommentOptions())
        #expect(!markdown.contains("<img"))
        #expect(!markdown.contains("*x*|"))
        #expect(!markdown.contains(Self.hostile))
        // Every table row has the cells of its header (the `|` of the name is escaped).
        for row in markdown.split(separator: "\n") where row.hasPrefix("| ") {
            #expect([3, 5].contains(MarkdownInjectionTests.cells(row)), "\(row)")
        }
    }

    /// A hostile machine name in a `<summary>` (raw HTML, where Markdown does not render):
    /// entities, and no backslash escapes that would show.
    @Test func machineNameInSummaryIsHTMLText() throws {
        let analysis = try Fixtures.analyze(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
                                            name: "<img src=x> @octocat #12 *x*")
        let markdown = MarkdownRenderer.render(Self.build([analysis]))
        // By hand: < > as named entities, @ and # followed by U+200B, * as &#42;.
        #expect(markdown.contains("<details><summary><strong>&lt;img src=x&gt; @\u{200B}octocat #\u{200B}12 &#42;x&#42;</strong>: "))
    }

    /// The estimate comment: marker, headline with the declared total and the count of machines.
    /// orders at 4 items: $0.15; callbacks: $0.025; total $0.175 for 2 state machines.
    @Test func estimateCommentHeadline() throws {
        let report = Self.build([try Self.orders(items: 4, withCallback: false), try Self.callbacks(timeout: false)])
        let markdown = MarkdownRenderer.render(report, options: CommentOptions(gate: CommentGate(checks: [], failures: [])))
        let lines = markdown.components(separatedBy: "\n")
        #expect(Array(lines.prefix(2)) == ["<!-- sfncost -->", "### Monthly Step Functions cost: \\$0.1750 for 2 state machines"])
        #expect(markdown.contains("| orders | STANDARD | 1,000 | \\$0.1500 | no findings |"))
        #expect(markdown.contains("| callbacks | STANDARD | 1,000 | \\$0.0250 | 1 warning |"))
        let callbacks = try #require(Self.section(markdown, startingWith: "callbacks"))
        #expect(callbacks.contains("- ⚠️ warning **SFN145** `task-timeout-missing` in state 'Approve' at `test.asl.json:2`: "))
    }

    /// The prices a machine's figures rest on that are not confirmed for the region are named in its
    /// section. In ap-northeast-1 the built-in Standard transition price is verified and the Express
    /// request price unconfirmed (pricing/step-functions.json): an Express machine lists the latter.
    @Test func unconfirmedPricesAreListed() throws {
        let analysis = try Fixtures.analyze(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
                                            name: "fast", profile: "version: 1\nstate_machines:\n  fast:\n    type: EXPRESS\n")
        let prices = try #require(PriceTable.embedded().prices(for: "ap-northeast-1"))
        let report = ReportBuilder(prices: prices, origin: "test", freeTier: false, toolVersion: "test").build([analysis])
        let section = try #require(Self.section(MarkdownRenderer.render(report), startingWith: "fast"))
        #expect(section.contains("**Prices not confirmed for ap-northeast-1**: `ap-northeast-1/express/request` (0.000001 per request, unconfirmed)"))
        #expect(!section.contains("`ap-northeast-1/standard/state-transition`"))
    }

    /// The whole corpus: under GitHub's 65,536 characters, with the headline, and saying what it
    /// left out. (Counted in UTF-8 bytes, never fewer than characters.)
    @Test func corpusCommentFitsAndSaysWhatItLeftOut() throws {
        let outcome = Estimator.run(.init(paths: [Fixtures.path("Tests/Corpus")]))
        let report = try #require(outcome.report)
        #expect(report.stateMachines.count > 200)
        let markdown = MarkdownRenderer.render(report, options: CommentOptions(gate: CommentGate(checks: [], failures: ["x"])))
        #expect(markdown.utf8.count < 65_536)
        #expect(markdown.utf8.count <= 60_000)
        #expect(markdown.hasPrefix("<!-- sfncost -->\n### Monthly Step Functions cost: "))
        #expect(markdown.contains("for \(report.stateMachines.count) state machines"))
        #expect(markdown.contains("❌ **Gate failed**"))
        #expect(markdown.contains("not shown, to stay under GitHub's comment size limit"))
        #expect(markdown.contains("see the job summary or the JSON report"))
        // The costliest machine keeps its row and its section.
        let costliest = try #require(report.stateMachines.max { (ReportDiffer.declaredCost($0)?.amount ?? 0) < (ReportDiffer.declaredCost($1)?.amount ?? 0) })
        #expect(markdown.contains("<details><summary><strong>\(DisplayText.htmlText(costliest.name))</strong>"))
        // Every <details> is closed.
        #expect(markdown.components(separatedBy: "<details>").count == markdown.components(separatedBy: "</details>").count)
    }

    /// The size cap keeps the opening and the biggest machine, and counts what it dropped.
    @Test func sizeCapCountsWhatItLeavesOut() {
        var layout = CommentLayout()
        layout.opening = ["<!-- sfncost -->", "### headline"]
        layout.tableHeader = ["| a |", "| --- |"]
        layout.rows = (0..<100).map { "| row \($0) |" + String(repeating: "x", count: 40) }
        layout.details = (0..<100).map { "<details>\($0)" + String(repeating: "y", count: 200) + "</details>" }
        let text = layout.render(limit: 2_000)
        #expect(text.utf8.count <= 2_000)
        #expect(text.hasPrefix("<!-- sfncost -->\n### headline\n"))
        #expect(text.contains("| row 0 |"))
        #expect(text.contains("<details>0y"))
        let rowsShown = (0..<100).filter { text.contains("| row \($0) |") }.count
        let detailsShown = (0..<100).filter { text.contains("<details>\($0)y") }.count
        #expect(text.contains("\(100 - rowsShown) more machines not in the table; the details of \(100 - detailsShown) machines"))
    }
}
