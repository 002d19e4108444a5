import Foundation
import Testing
@testable import SFNCostKit

/// Budgets in the profile: parsing with located errors, resolution to machines, and the checks of
/// `estimate` and `diff`.
@Suite struct BudgetTests {
    @Test func profileBudgetsAreRead() throws {
        let profile = try Fixtures.profile("""
        version: 1
        budget: {monthly: 250, max_increase: 10%}
        state_machines:
          daily-ingest:
            budget: {monthly: 20.50}
          "etl-*":
            budget: {monthly: "$5"}
        """)
        #expect(profile.budget?.monthly?.value == Decimal(250))
        #expect(profile.budget?.maxIncrease?.value == .percent(10))
        #expect(profile.budget?.monthly?.location.line == 2)
        #expect(profile.machines[0].usage.budget?.monthly?.value == Decimal(string: "20.50"))
        #expect(profile.machines[1].usage.budget?.monthly?.value == Decimal(5))
        let amount = try Fixtures.profile("version: 1\nbudget: {max_increase: 25}\n")
        #expect(amount.budget?.maxIncrease?.value == .amount(25))
    }

    /// Every bad value is an error at its own line and column.
    @Test(arguments: [
        ("budget: {monthly: -5}", 2, 19, "'budget.monthly'"),
        ("budget: {monthly: lots}", 2, 19, "found 'lots'"),
        ("budget: {max_increase: 10 %}", 2, 24, "'budget.max_increase'"),
        ("budget: {max_increase: -10%}", 2, 24, "'budget.max_increase'"),
        ("budget: {max_increase: ten%}", 2, 24, "'budget.max_increase'"),
        ("budget: 250", 2, 9, "must be a mapping"),
        ("state_machines:\n  a:\n    budget: {monthly: [1]}", 4, 23, "machine 'a'"),
    ])
    func badBudgetValuesAreLocatedErrors(_ text: String, _ line: Int, _ column: Int, _ words: String) {
        do {
            _ = try Fixtures.profile("version: 1\n" + text + "\n")
            Issue.record("accepted \(text)")
        } catch let error as InputError {
            let problem = error.diagnostics.first { $0.severity == .error }
            #expect(problem?.location?.line == line, "\(error)")
            #expect(problem?.location?.column == column, "\(error)")
            #expect(problem?.message.contains(words) == true, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// `max_increase` applies to the total only: under a machine it is a warning, not a silent no-op.
    @Test func machineMaxIncreaseIsAWarning() throws {
        let root = try SourceDocument.parse("version: 1\nstate_machines:\n  a:\n    budget: {monthly: 1, max_increase: 5%}\n", file: "usage.yml")
        let (_, warnings) = try ProfileLoader.decode(root, file: "usage.yml")
        #expect(warnings.contains { $0.code == "Profile.UnknownKey" && $0.message.contains("top-level") && $0.location?.line == 4 })
    }

    /// daily-ingest costs $0.00384209 a month (30.416667 runs × 5.052606 transitions × $0.000025;
    /// DailyIngestExampleTests): within a $0.01 budget, over a $0.003 one. The glob entry gives
    /// s3-fanout no budget (its exact-name entry has none), as every other machine key works.
    @Test func estimateChecksTotalAndMachineBudgets() throws {
        let report = try estimate(budget: "budget: {monthly: 0.01}\n", machine: "    budget: {monthly: 0.003}\n")
        let statuses = BudgetCheck.evaluate(report)
        #expect(statuses.count == 2)
        #expect(statuses[0].kind == .totalMonthly && statuses[0].state == .within)
        #expect(statuses[1].kind == .machineMonthly && statuses[1].machine == "daily-ingest" && statuses[1].state == .exceeded)
        #expect(statuses[1].reason.contains("'daily-ingest'") && statuses[1].reason.contains("$0.0038") && statuses[1].reason.contains("$0.0030"))
        #expect(statuses[1].reason.contains("usage.yml:6:23"))
        // The budgets travel in the JSON report, and come back from it.
        let decoded = try JSONRenderer.decode(Data(try JSONRenderer.render(report).utf8))
        #expect(decoded.budgets == report.budgets)
        #expect(decoded.budgets?.machines.first?.entry == "daily-ingest")
    }

    /// A diff checks the head's budgets: doubling daily-ingest's runs doubles its cost,
    /// $0.00384209 → $0.00768418: +100%, over a 50% allowed increase, within 150%; an amount limit
    /// of 0.01 is within (+0.0038).
    @Test func diffChecksTheIncrease() throws {
        let base = try estimate(budget: "", machine: "")
        for (limit, state) in [("50%", BudgetStatus.State.exceeded), ("150%", .within), ("0.01", .within), ("0.001", .exceeded)] {
            let head = try estimate(budget: "budget: {max_increase: \(limit)}\n", machine: "", executions: "rate(12 hours)")
            let diff = try ReportDiffer.diff(base: base, basePath: "base.json", head: head, headPath: "head.json")
            let statuses = BudgetCheck.evaluate(diff)
            #expect(statuses.count == 1)
            #expect(statuses.first?.kind == .maxIncrease)
            #expect(statuses.first?.state == state, "\(limit): \(statuses.first?.reason ?? "")")
            #expect(statuses.first?.actual == Money(head.total.declaredCost.amount - base.total.declaredCost.amount))
        }
    }

    private func estimate(budget: String, machine: String, executions: String = "rate(1 day)") throws -> Report {
        let profile = try CLIProfile.write("""
        version: 1
        \(budget)state_machines:
          daily-ingest:
            executions: \(executions)
        \(machine)    states:
              IngestFromAPI: {failure_rate: 0.05, duration: {expected: 2s, max: 30s}}
        """)
        let outcome = Estimator.run(.init(paths: [Fixtures.path("examples/daily-ingest/daily-ingest.asl.json")], profilePath: profile))
        return try #require(outcome.report)
    }
}

/// A profile written to a temporary file named usage.yml (messages name it).
enum CLIProfile {
    static func write(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("usage.yml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
