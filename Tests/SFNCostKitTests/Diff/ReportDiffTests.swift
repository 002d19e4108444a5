import Foundation
import Testing
@testable import SFNCostKit

/// Saved reports read back, and two of them compared.
@Suite struct ReportDiffTests {
    /// A report of one machine: `states` Pass states in a chain, run `executions` times a month.
    static func report(_ machines: [(name: String, states: Int, executions: Int)]) throws -> Report {
        let analyses = try machines.map { machine in
            let states = (0..<machine.states).map { index in
                index + 1 < machine.states ? #""S\#(index)": {"Type": "Pass", "Next": "S\#(index + 1)"}"# : #""S\#(index)": {"Type": "Pass", "End": true}"#
            }.joined(separator: ", ")
            return try Fixtures.analyze(#"{"StartAt": "S0", "States": {\#(states)}}"#, name: machine.name,
                                        profile: "version: 1\nstate_machines:\n  \(machine.name):\n    executions: \(machine.executions)\n")
        }
        return ReportBuilder(prices: PriceTable.embedded().prices(for: "us-east-1")!, origin: "test", freeTier: false,
                             toolVersion: "test").build(analyses)
    }

    /// The JSON report reads back into the same model: it is the interchange format.
    @Test func reportsRoundTripThroughJSON() throws {
        let original = try Self.report([("a", 3, 1000)])
        let decoded = try JSONRenderer.decode(Data(try JSONRenderer.render(original).utf8))
        #expect(try JSONRenderer.render(decoded) == (try JSONRenderer.render(original)))
    }

    /// a: 3 → 5 Pass states at 1,000 runs: $0.075 → $0.125 (1,000 × n × $0.000025), +$0.05, +66.67%.
    /// b: removed ($0.05 → none). c: added (2 states × 2,000 runs = $0.10).
    /// Total: $0.125 → $0.225, +$0.10, +80%.
    @Test func costChangesPerMachineAndInTotal() throws {
        let base = try Self.report([("a", 3, 1000), ("b", 2, 1000)])
        let head = try Self.report([("a", 5, 1000), ("c", 2, 2000)])
        let diff = try ReportDiffer.diff(base: base, basePath: "base.json", head: head, headPath: "head.json")
        let byName = Dictionary(uniqueKeysWithValues: diff.machines.map { ($0.name, $0) })
        #expect(byName["a"]?.status == .changed)
        #expect(byName["a"]?.costChange.amount == Decimal(string: "0.05"))
        #expect(byName["a"]?.costChangePercent == 66.67)
        #expect(byName["b"]?.status == .removed)
        #expect(byName["c"]?.status == .added)
        #expect(byName["c"]?.headCost?.amount == Decimal(string: "0.1"))
        #expect(diff.total.baseCost.amount == Decimal(string: "0.125"))
        #expect(diff.total.headCost.amount == Decimal(string: "0.225"))
        #expect(diff.total.costChangePercent == 80)
    }

    @Test func thresholds() throws {
        #expect(CostThreshold("10%") == .percent(10))
        #expect(CostThreshold("$25") == .amount(25))
        #expect(CostThreshold("2.5") == .amount(Decimal(string: "2.5")!))
        #expect(CostThreshold("ten") == nil)
        #expect(CostThreshold("-5") == nil)
        // +80% breaks 50%, not 100%; +$0.10 breaks $0.05, not $0.10.
        #expect(CostThreshold("50%")!.exceeded(base: Decimal(string: "0.125")!, head: Decimal(string: "0.225")!))
        #expect(!CostThreshold("100%")!.exceeded(base: Decimal(string: "0.125")!, head: Decimal(string: "0.225")!))
        #expect(CostThreshold("0.05")!.exceeded(base: Decimal(string: "0.125")!, head: Decimal(string: "0.225")!))
        #expect(!CostThreshold("0.10")!.exceeded(base: Decimal(string: "0.125")!, head: Decimal(string: "0.225")!))
        // A fall never exceeds.
        #expect(!CostThreshold("0%")!.exceeded(base: 2, head: 1))
    }

    @Test func otherSchemaVersionsAreRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-\(UUID().uuidString).json").path
        try #"{"schemaVersion": 2}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ReportDiffer.DiffError.self) { try ReportDiffer.load(path: path) }
    }
}
