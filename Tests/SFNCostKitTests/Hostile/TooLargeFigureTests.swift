import Foundation
import Testing
@testable import SFNCostKit

/// Figures that cannot be represented are "too large" (issue 10, item 2): null with a flag and an
/// SFN171 finding, "too large" in text, never NaN, infinity or $0, and never the recommended type.
@Suite struct TooLargeFigureTests {
    /// A Task, then an inline Map whose iteration is one Task: with the defaults (1 s tasks, 10
    /// items, 1,000 executions) 1 + 1 + 10 = 12 transitions a run, 12,000 a month, $0.30 as Standard.
    static let machine = """
    {"StartAt": "Work", "States": {
      "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Next": "Fan"},
      "Fan": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {
        "Item": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:g", "End": true}}}, "End": true}}}
    """

    struct Rendered {
        var machine: MachineReport
        var json: String
        var table: String
        var findings: [Finding] { machine.findings }
    }

    /// Analyses `machine` with `entry` as its profile entry (one line under the machine) and renders it.
    static func render(_ entry: String, type: String = "STANDARD") throws -> Rendered {
        let analysis = try Fixtures.analyze(machine, profile: "version: 1\nstate_machines:\n  test:\n    type: \(type)\n    \(entry)\n")
        let prices = try #require(PriceTable.embedded().prices(for: "us-east-1"))
        let report = ReportBuilder(prices: prices, origin: "test", freeTier: false, toolVersion: "test").build([analysis])
        let json = String(decoding: try JSONRenderer.encode(report), as: UTF8.self)
        let table = TableRenderer().render(report)
        let explanation = Explanation.build(analysis, report: report.stateMachines[0], pricing: report.pricing)
        let explained = explanation.text(currency: "USD") + String(decoding: try JSONRenderer.encode(explanation), as: UTF8.self)
        for text in [json, table, explained] { #expect(!HostileOutput.hasNonNumber(text), "\(entry): \(text)") }
        return Rendered(machine: report.stateMachines[0], json: json, table: table)
    }

    /// `items: 1e100`: 1e100 transitions a run × 1,000 runs = 1e103 > 10^30: Standard is too large;
    /// as Express, ⌈1e100 / 40⌉ waves of 1 s is 2.5e98 s a run, so Express is too large too.
    @Test func itemsOf1e100() throws {
        let rendered = try Self.render("states: {Fan: {items: 1e100}}")
        let monthly = rendered.machine.monthly
        #expect(monthly.standard.cost == nil && monthly.standard.costTooLarge == true)
        #expect(monthly.express.cost == nil && monthly.express.costTooLarge == true)
        #expect(monthly.declaredCost == nil && monthly.declaredCostTooLarge == true)
        #expect(rendered.machine.recommendation.reason.hasPrefix("no recommendation"))
        #expect(rendered.findings.contains { $0.rule == "SFN171" && $0.message.contains("as Standard and as Express") })
        #expect(rendered.table.contains("too large"))
        #expect(rendered.json.contains("\"costTooLarge\" : true"))
    }

    /// `items: 1e200` printed $0 as Standard: 1e203 transitions a month is too large, not zero.
    @Test func itemsOf1e200() throws {
        let rendered = try Self.render("states: {Fan: {items: 1e200}}")
        #expect(rendered.machine.monthly.standard.cost == nil)
        #expect(rendered.machine.monthly.standard.costTooLarge == true)
        #expect(!rendered.table.contains("$0.00 "))
    }

    /// `items: 1.79e308`: the expected events (4 per Map + 2 per item + 5 per Task…) overflow a
    /// Double: null with `expectedTooLarge`, and the JSON encoder no longer fails.
    @Test func itemsNearDoubleMax() throws {
        let rendered = try Self.render("states: {Fan: {items: 1.79e308}}")
        #expect(rendered.machine.perExecution.historyEvents.expected == nil)
        #expect(rendered.machine.perExecution.historyEvents.expectedTooLarge == true)
        #expect(rendered.findings.contains { $0.rule == "SFN171" && $0.message.contains("expected") })
    }

    /// `duration: 1e150` gave Express NaN while EXPRESS was recommended. 1e150 s billed at 64 MB
    /// × 1,000 runs is far beyond 10^30 GB-s: Express is too large and not recommended; Standard
    /// stays 12,000 transitions × $0.000025 = $0.30.
    @Test func durationOf1e150() throws {
        let rendered = try Self.render("states: {Work: {duration: 1e150}}", type: "EXPRESS")
        let monthly = rendered.machine.monthly
        #expect(monthly.express.cost == nil && monthly.express.costTooLarge == true)
        #expect(monthly.standard.cost == Money(Decimal(string: "0.3")!))
        #expect(rendered.machine.recommendedType == .standard)
        #expect(monthly.declaredCost == nil && monthly.declaredCostTooLarge == true)
    }

    /// `duration: 1e300` printed "0 GB-s" and a near-zero Express cost.
    @Test func durationOf1e300() throws {
        let rendered = try Self.render("states: {Work: {duration: 1e300}}", type: "EXPRESS")
        #expect(rendered.machine.monthly.express.gbSeconds == nil)
        #expect(rendered.machine.monthly.express.costTooLarge == true)
        #expect(!rendered.table.contains(" 0 GB-s"))
    }

    /// `duration: 1e308` made the JSON encoder fail on an infinite billed duration.
    @Test func durationOf1e308() throws {
        let rendered = try Self.render("states: {Work: {duration: 1e308}}", type: "EXPRESS")
        #expect(rendered.machine.monthly.express.billedDurationSeconds == nil)
        #expect(rendered.machine.monthly.express.costTooLarge == true)
        #expect(rendered.machine.recommendedType == .standard)
    }

    /// `memory_mb: Int.max` saturates (item 1); what it would cost is too large, not Int.max MB's price.
    @Test func saturatedMemory() throws {
        let rendered = try Self.render("memory_mb: 9223372036854775807", type: "EXPRESS")
        #expect(rendered.machine.monthly.express.costTooLarge == true)
        #expect(rendered.machine.recommendedType == .standard)
        #expect(rendered.machine.recommendation.monthlySaving == .zero)
    }

    /// More executions than 10^30 a month are rejected where the profile wrote them: the plain
    /// number, a rate whose interval is tiny (Decimal division overflowed into NaN), and infinity.
    @Test func executionsBeyondTheLimitAreLocatedErrors() throws {
        for value in ["1e127", "rate(1e-120 minutes)", "1e400", "1e31"] {
            let profile = "version: 1\nstate_machines:\n  test:\n    executions: \(value)\n"
            let error = try #require(throws: InputError.self) { try Fixtures.profile(profile) }
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.location?.line == 4 && diagnostic.location?.column == 17, "\(value)")
            #expect(diagnostic.message.contains("more than 10^30 executions a month"), "\(value): \(diagnostic.message)")
        }
        // 10^30 itself is accepted.
        _ = try Fixtures.profile("version: 1\nstate_machines:\n  test:\n    executions: 1e30\n")
    }

    /// The limit is checked on every step: products and sums beyond 10^30 are nil, never NaN.
    @Test func representableArithmetic() {
        let big = Decimal(string: "1e20")!
        #expect(Representable.product(big, big) == nil)
        #expect(Representable.product(big, Decimal(string: "1e10")!) == Decimal(string: "1e30")!)
        #expect(Representable.sum(Representable.limit, 1) == nil)
        #expect(Representable.decimal(.infinity) == nil)
        #expect(Representable.decimal(.nan) == nil)
        #expect(Representable.decimal(0.1) == Decimal(string: "0.1")!)
        #expect(Representable.checked(Decimal.nan) == nil)
    }

    /// The tier pricer with a too-large usage: that share is too large, the other is priced at the
    /// last tier. us-east-1's last tier is $0.00000456 per GB-s (pricing/step-functions.json): 1,000 GB-s → $0.00456.
    @Test func tierSharesBesideATooLargeUsage() throws {
        let prices = try #require(PriceTable.embedded().prices(for: "us-east-1"))
        let shares = ExpressTierPricer.shares(of: [nil, Decimal(1000)], tiers: prices.expressDuration)
        #expect(shares[0] == nil)
        #expect(shares[1] == Decimal(string: "0.00456")!)
    }
}

/// What no output may contain: words for numbers that are not numbers (as whole words, so that
/// "information" passes) and the infinity sign.
enum HostileOutput {
    static func hasNonNumber(_ text: String) -> Bool {
        text.contains("∞") || text.range(of: #"(?i)\b(nan|inf|infinity)\b"#, options: .regularExpression) != nil
    }
}
