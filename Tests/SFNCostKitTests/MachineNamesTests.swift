import Foundation
import Testing
@testable import SFNCostKit

/// Two machines must never share a name in a report: `diff` matches machines by name.
@Suite struct MachineNamesTests {
    @Test func sharedFileStemsAreQualifiedByFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-names-\(UUID().uuidString)")
        for (team, states) in [("team-a", 2), ("team-b", 1)] {
            let folder = root.appendingPathComponent(team)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let chain = (0..<states).map { index in
                index + 1 < states ? #""S\#(index)": {"Type": "Pass", "Next": "S\#(index + 1)"}"# : #""S\#(index)": {"Type": "Pass", "End": true}"#
            }.joined(separator: ", ")
            try #"{"StartAt": "S0", "States": {\#(chain)}}"#.write(to: folder.appendingPathComponent("etl.asl.json"), atomically: true, encoding: .utf8)
        }
        let profile = root.appendingPathComponent("usage.yml")
        try "version: 1\nstate_machines:\n  etl:\n    executions: 100\n".write(to: profile, atomically: true, encoding: .utf8)
        let outcome = Estimator.run(.init(paths: [root.path], profilePath: profile.path))
        let machines = try #require(outcome.report?.stateMachines)
        #expect(machines.map(\.name).sorted() == ["team-a/etl", "team-b/etl"])
        // The profile's 'etl' entry applies to both: 100 executions each.
        #expect(machines.allSatisfy { $0.executionsPerMonth == 100 })
        #expect(outcome.diagnostics.contains { $0.code == "Input.SharedName" })
        // team-a/etl: 2 transitions × 100 × $0.000025 = $0.005; team-b/etl: $0.0025.
        let costs = Dictionary(uniqueKeysWithValues: machines.map { ($0.name, $0.monthly.declaredCost?.amount) })
        #expect(costs["team-a/etl"] == Decimal(string: "0.005"))
        #expect(costs["team-b/etl"] == Decimal(string: "0.0025"))
    }

    /// Two templates in one folder with the same logical ID are told apart by their file stems, which
    /// do not depend on where the folder was checked out.
    @Test func sameLogicalIDInOneFolderIsQualifiedByFile() throws {
        let machine = try Fixtures.machine(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#)
        func source(_ file: String) -> MachineSource {
            var copy = machine
            copy.location = SourceLocation(file: file, line: 1, column: 1)
            return MachineSource(name: "StateMachine", machine: copy, definitionBytes: 10, declaredType: .standard, diagnostics: [])
        }
        let (unique, _) = MachineNames.disambiguate([source("/tmp/x/flat/orders.yaml"), source("/tmp/x/flat/billing.yaml")])
        #expect(unique.map(\.name) == ["orders/StateMachine", "billing/StateMachine"])
        let (elsewhere, _) = MachineNames.disambiguate([source("ci/base/flat/orders.yaml"), source("ci/base/flat/billing.yaml")])
        #expect(elsewhere.map(\.name) == unique.map(\.name))
    }
}
