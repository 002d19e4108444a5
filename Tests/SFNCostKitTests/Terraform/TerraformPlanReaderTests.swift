import Foundation
import Testing
@testable import SFNCostKit

/// `terraform show -json` output: machines from `resource_changes`, or from `planned_values` modules.
@Suite struct TerraformPlanReaderTests {
    static let definition = #"{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{\"Type\":\"Succeed\"}}}"#

    static let plan = """
        {
          "format_version": "1.2",
          "planned_values": { "root_module": {} },
          "resource_changes": [
            {
              "address": "module.flows.aws_sfn_state_machine.orders",
              "type": "aws_sfn_state_machine",
              "change": {
                "actions": ["create"],
                "after": { "name": "orders", "type": "EXPRESS",
                           "definition": "\(definition)" }
              }
            },
            {
              "address": "aws_sfn_state_machine.unnamed",
              "type": "aws_sfn_state_machine",
              "change": { "actions": ["update"], "after": { "definition": "\(definition)" } }
            },
            {
              "address": "aws_sfn_state_machine.gone",
              "type": "aws_sfn_state_machine",
              "change": { "actions": ["delete"], "after": null }
            },
            {
              "address": "aws_sfn_state_machine.later",
              "type": "aws_sfn_state_machine",
              "change": { "actions": ["create"], "after": { "name": "later" }, "after_unknown": { "definition": true } }
            },
            { "address": "aws_lambda_function.f", "type": "aws_lambda_function", "change": { "actions": ["create"], "after": {} } }
          ]
        }
        """

    @Test func readsResourceChanges() throws {
        let root = try SourceDocument.parse(Self.plan, file: "plan.json")
        #expect(TerraformPlanReader.looksLikePlan(root))
        let extraction = TerraformPlanReader.machines(root: root, path: "plan.json")
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        #expect(extraction.machines.map(\.name) == ["orders", "aws_sfn_state_machine.unnamed"])
        #expect(extraction.machines.map(\.declaredType) == [.express, .standard])
        // The full address, module path included, is the declaration; the plan file declares them.
        #expect(extraction.machines.map(\.declaration) == ["module.flows.aws_sfn_state_machine.orders", "aws_sfn_state_machine.unnamed"])
        #expect(extraction.machines.allSatisfy { $0.declaringFile == "plan.json" })
        #expect(extraction.machines.first?.machine.states.count == 2)
        let unknown = try #require(extraction.diagnostics.first { $0.code == "Terraform.UnknownDefinition" })
        #expect(unknown.message.contains("aws_sfn_state_machine.later"))
    }

    @Test func errorsPointAtTheDefinitionString() throws {
        let text = """
            {"format_version": "1.2", "resource_changes": [{"address": "aws_sfn_state_machine.bad",
              "type": "aws_sfn_state_machine", "change": {"actions": ["create"],
              "after": {"definition": "{\\"StartAt\\": \\"Missing\\", \\"States\\": {\\"A\\": {\\"Type\\": \\"Succeed\\"}}}"}}}]}
            """
        let root = try SourceDocument.parse(text, file: "plan.json")
        let extraction = TerraformPlanReader.machines(root: root, path: "plan.json")
        #expect(extraction.machines.isEmpty)
        let diagnostic = try #require(extraction.failures.first?.diagnostics.first)
        // The opening quote of the definition string, line 3.
        #expect(diagnostic.location == SourceLocation(file: "plan.json", line: 3, column: 27))
    }

    @Test func readsPlannedValuesModulesWhenThereAreNoChanges() throws {
        let text = """
            {
              "format_version": "1.2",
              "planned_values": { "root_module": {
                "resources": [],
                "child_modules": [ { "resources": [ {
                  "address": "module.m.aws_sfn_state_machine.x", "mode": "managed", "type": "aws_sfn_state_machine",
                  "values": { "name": "x", "type": "STANDARD", "definition": "\(Self.definition)" } } ],
                  "child_modules": [ { "resources": [ {
                    "address": "module.m.module.n[\\"a\\"].aws_sfn_state_machine.y[0]", "mode": "managed", "type": "aws_sfn_state_machine",
                    "values": { "definition": "\(Self.definition)" } } ] } ] } ]
              } }
            }
            """
        let root = try SourceDocument.parse(text, file: "plan.json")
        let extraction = TerraformPlanReader.machines(root: root, path: "plan.json")
        // A machine without a name is named by its full address, nested modules included.
        #expect(extraction.machines.map(\.name) == ["x", #"module.m.module.n["a"].aws_sfn_state_machine.y[0]"#])
        #expect(extraction.machines.map(\.declaration) == ["module.m.aws_sfn_state_machine.x",
                                                           #"module.m.module.n["a"].aws_sfn_state_machine.y[0]"#])
    }

    @Test func collectorRoutesPlanJSON() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-plan-\(UUID().uuidString).json").path
        try Self.plan.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let collected = InputCollector.collect([path])
        #expect(collected.failures.isEmpty)
        #expect(collected.machines.count == 2)
    }
}
