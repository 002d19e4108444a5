import Foundation
import Testing
@testable import SFNCostKit

/// A definition file that a template points to is that template's machine: reported once, whatever
/// the order of the paths, and a file named twice is read once.
@Suite struct OneMachineOneRowTests {
    static func app() throws -> RepositoryFixture {
        try RepositoryFixture([
            "sam-app/template.yaml": RepositoryFixture.samTemplate(),
            "sam-app/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
        ])
    }

    @Test func aDirectoryGivesTheTemplatesMachineOnly() throws {
        let app = try Self.app()
        let collected = InputCollector.collect([app.path()])
        #expect(collected.machines.map(\.name) == ["StateMachine"])
        #expect(collected.failures.isEmpty)
        // 2 transitions × 1,000 default runs × $0.000025 = $0.05: counted once, not $0.10.
        let report = try #require(Estimator.run(.init(paths: [app.path()])).report)
        #expect(report.total.declaredCost.amount == Decimal(string: "0.05"))
    }

    @Test(arguments: [["sam-app/template.yaml", "sam-app/statemachine/flow.asl.json"],
                      ["sam-app/statemachine/flow.asl.json", "sam-app/template.yaml"],
                      ["", "sam-app/statemachine/flow.asl.json"],
                      ["sam-app/statemachine/flow.asl.json", ""],
                      ["sam-app", "sam-app/template.yaml", "sam-app/template.yaml"]])
    func eitherOrderAndOverlappingPathsGiveOneMachine(_ paths: [String]) throws {
        let app = try Self.app()
        let collected = InputCollector.collect(paths.map { app.path($0) })
        #expect(collected.machines.count == 1)
        #expect(collected.machines.first?.declaration == "StateMachine")
        // Outside a git work tree the scan root is the named folder (a named file's folder).
        #expect(["sam-app/template.yaml#StateMachine", "template.yaml#StateMachine"].contains(collected.machines.first?.id ?? ""))
    }

    /// A definition file nothing refers to is still a machine of its own.
    @Test func anUnreferencedDefinitionStaysAMachine() throws {
        let app = try RepositoryFixture([
            "sam-app/template.yaml": RepositoryFixture.samTemplate(),
            "sam-app/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
            "sam-app/statemachine/other.asl.json": RepositoryFixture.twoPasses,
        ])
        let collected = InputCollector.collect([app.path()])
        #expect(collected.machines.map(\.id).sorted() == ["sam-app/statemachine/other.asl.json", "sam-app/template.yaml#StateMachine"])
    }

    /// Build output is not read: `.aws-sam` (SAM's copy), `node_modules`, `.serverless`, `.terraform`,
    /// and the `asset.*` copies in `cdk.out`; the templates at the top of `cdk.out` are.
    @Test func buildOutputIsSkipped() throws {
        let cdkTemplate = """
        {"Resources": {"FlowABC123": {"Type": "AWS::StepFunctions::StateMachine",
          "Properties": {"DefinitionString": "{\\"StartAt\\": \\"A\\", \\"States\\": {\\"A\\": {\\"Type\\": \\"Pass\\", \\"End\\": true}}}"},
          "Metadata": {"aws:cdk:path": "MyStack/Flow/Resource"}}}}
        """
        let app = try RepositoryFixture([
            "sam-app/template.yaml": RepositoryFixture.samTemplate(),
            "sam-app/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
            "sam-app/.aws-sam/build/template.yaml": RepositoryFixture.samTemplate(),
            "sam-app/.aws-sam/build/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
            "node_modules/pkg/flow.asl.json": RepositoryFixture.twoPasses,
            "svc/.serverless/flow.asl.json": RepositoryFixture.twoPasses,
            "infra/.terraform/modules/flow.asl.json": RepositoryFixture.twoPasses,
            "cdk/cdk.out/MyStack.template.json": cdkTemplate,
            "cdk/cdk.out/asset.0123abcd/flow.asl.json": RepositoryFixture.twoPasses,
            "cdk/cdk.out/manifest.json": #"{"version": "36.0.0"}"#,
        ])
        let collected = InputCollector.collect([app.path()])
        #expect(collected.machines.map(\.id).sorted() == ["cdk/cdk.out/MyStack.template.json#MyStack/Flow", "sam-app/template.yaml#StateMachine"])
        // CDK's hashed logical ID gives way to the construct path.
        #expect(collected.machines.contains { $0.name == "MyStack/Flow" })
    }

    /// A referenced definition that does not parse fails once, as the template's machine, not twice.
    @Test func aBrokenReferencedDefinitionFailsOnce() throws {
        let app = try RepositoryFixture([
            "sam-app/template.yaml": RepositoryFixture.samTemplate(),
            "sam-app/statemachine/flow.asl.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}"#,
        ])
        let collected = InputCollector.collect([app.path("sam-app/statemachine/flow.asl.json"), app.path()])
        #expect(collected.failures.count == 1)
    }

    /// A template that does not parse fails the run; the definition file it names is still its own,
    /// not a machine beside the failure.
    @Test func aBrokenTemplateKeepsItsDefinitionFile() throws {
        let app = try RepositoryFixture([
            "sam-app/template.yaml": RepositoryFixture.samTemplate(extra: "      Policies: [a\n      Policies: b"),
            "sam-app/statemachine/flow.asl.json": RepositoryFixture.twoPasses,
        ])
        let collected = InputCollector.collect([app.path()])
        #expect(collected.failures.count == 1)
        #expect(collected.machines.isEmpty)
    }
}
