import Foundation
import Testing
@testable import SFNCostKit

/// Every machine has an id that depends only on its own declaration; `diff` and the profile use it.
@Suite struct MachineIdentityTests {
    static func twoApps() throws -> RepositoryFixture {
        try RepositoryFixture([
            "orders/template.yaml": RepositoryFixture.samTemplate(),
            "orders/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
            "billing/template.yaml": RepositoryFixture.samTemplate(),
            "billing/statemachine/flow.asl.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
        ])
    }

    /// Two apps share the logical ID `StateMachine`: ids tell them apart, names are qualified by folder.
    @Test func twoAppsSharingALogicalID() throws {
        let apps = try Self.twoApps()
        let profile = apps.path("usage.yml")
        // The id entry targets billing only; the name entry applies to the other.
        try """
        version: 1
        state_machines:
          billing/template.yaml#StateMachine:
            executions: 100
          StateMachine:
            executions: 10
        """.write(toFile: profile, atomically: true, encoding: .utf8)
        let outcome = Estimator.run(.init(paths: [apps.path()], profilePath: profile))
        // An entry keyed by an id is recognised: no "matches none of the machines" diagnostic.
        #expect(!outcome.diagnostics.contains { $0.code == "Profile.NoMachine" })
        let report = try #require(outcome.report)
        let byID = Dictionary(uniqueKeysWithValues: report.stateMachines.map { ($0.id ?? "", $0) })
        #expect(Set(byID.keys) == ["orders/template.yaml#StateMachine", "billing/template.yaml#StateMachine"])
        #expect(byID["billing/template.yaml#StateMachine"]?.name == "billing/StateMachine")
        #expect(byID["orders/template.yaml#StateMachine"]?.name == "orders/StateMachine")
        #expect(byID["billing/template.yaml#StateMachine"]?.executionsPerMonth == 100)
        #expect(byID["orders/template.yaml#StateMachine"]?.executionsPerMonth == 10)
        // billing: 1 transition × 100 × $0.000025 = $0.0025; orders: 2 × 10 × $0.000025 = $0.0005.
        #expect(report.total.declaredCost.amount == Decimal(string: "0.003"))
    }

    /// Adding an app changes no id, and `diff` sees one machine added, not one removed and two added.
    @Test func addingAnAppChangesNoID() throws {
        let apps = try Self.twoApps()
        let alone = try #require(Estimator.run(.init(paths: [apps.path("orders")])).report)
        let both = try #require(Estimator.run(.init(paths: [apps.path()])).report)
        // Named alone, orders/ is the scan root; run on the parent, ids gain the folder. In a git work
        // tree both are relative to its top: see gitTopLevelIsTheScanRoot.
        #expect(alone.stateMachines.map(\.id) == ["template.yaml#StateMachine"])
        // Base: only orders (billing's template does not exist yet); head: both.
        let base = try RepositoryFixture([
            "orders/template.yaml": RepositoryFixture.samTemplate(),
            "orders/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
        ])
        let baseReport = try #require(Estimator.run(.init(paths: [base.path()])).report)
        #expect(baseReport.stateMachines.map(\.name) == ["StateMachine"])
        let diff = try ReportDiffer.diff(base: baseReport, basePath: "base.json", head: both, headPath: "head.json")
        let statuses = Dictionary(uniqueKeysWithValues: diff.machines.map { ($0.id ?? "", $0.status) })
        #expect(statuses == ["orders/template.yaml#StateMachine": .unchanged, "billing/template.yaml#StateMachine": .added])
    }

    /// Inside a git work tree, ids are relative to its top, whatever path was named.
    @Test func gitTopLevelIsTheScanRoot() throws {
        let apps = try RepositoryFixture([
            ".git/HEAD": "ref: refs/heads/main\n",
            "apps/orders/template.yaml": RepositoryFixture.samTemplate(),
            "apps/orders/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
        ])
        for path in [apps.path(), apps.path("apps/orders"), apps.path("apps/orders/template.yaml")] {
            let collected = InputCollector.collect([path])
            #expect(collected.machines.map(\.id) == ["apps/orders/template.yaml#StateMachine"])
        }
    }

    /// Reports written before ids are matched by name.
    @Test func oldReportsAreMatchedByName() throws {
        let apps = try Self.twoApps()
        var base = try #require(Estimator.run(.init(paths: [apps.path()])).report)
        for index in base.stateMachines.indices { base.stateMachines[index].id = nil }
        let head = try #require(Estimator.run(.init(paths: [apps.path()])).report)
        let diff = try ReportDiffer.diff(base: base, basePath: "b", head: head, headPath: "h")
        #expect(diff.machines.map(\.status) == [.unchanged, .unchanged])
    }

    /// `sfncost profile` never writes a key twice: where names collide it keys by id, and `estimate`
    /// accepts what it wrote.
    @Test func profileSkeletonWritesEachKeyOnce() throws {
        let apps = try RepositoryFixture([
            "a/template.yaml": RepositoryFixture.samTemplate(),
            "a/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
            "a/other.yaml": RepositoryFixture.samTemplate(uri: "statemachine/flow.asl.json"),
        ])
        var collected = InputCollector.collect([apps.path()])
        collected.machines = MachineNames.disambiguate(collected.machines).0
        let text = ProfileSkeleton.render(collected.machines, region: "us-east-1")
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        #expect(keys.count == 2)
        #expect(Set(keys).count == 2)
        let file = apps.path("usage.yml")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = Estimator.run(.init(paths: [apps.path()], profilePath: file))
        #expect(outcome.failures.isEmpty)
        #expect(outcome.report?.stateMachines.count == 2)
    }
}

/// Reports written before `id` and `executionsOrigin` existed still load, and pair by name.
@Suite struct OlderReportTests {
    @Test func reportsWithoutIDsDecode() throws {
        let app = try RepositoryFixture(["flow.asl.json": RepositoryFixture.twoPasses])
        let report = try #require(Estimator.run(.init(paths: [app.path()])).report)
        var object = try #require(try JSONSerialization.jsonObject(with: JSONRenderer.encode(report)) as? [String: Any])
        var machines = try #require(object["stateMachines"] as? [[String: Any]])
        for index in machines.indices {
            machines[index].removeValue(forKey: "id")
            machines[index].removeValue(forKey: "executionsOrigin")
        }
        object["stateMachines"] = machines
        let old = try JSONRenderer.decode(JSONSerialization.data(withJSONObject: object))
        #expect(old.stateMachines.first?.id == nil)
        let diff = try ReportDiffer.diff(base: old, basePath: "old.json", head: report, headPath: "new.json")
        #expect(diff.machines.map(\.status) == [.unchanged])
    }
}
