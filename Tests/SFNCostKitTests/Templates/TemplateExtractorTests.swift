import Foundation
import Testing
@testable import SFNCostKit

/// State machines inside CloudFormation, SAM and serverless.yml files: names, types and locations
/// in the file that holds them.
@Suite struct TemplateExtractorTests {
    static func extract(_ text: String, file: String = "template.yaml") throws -> TemplateExtractor.Extraction {
        let root = try SourceDocument.parse(text, file: file)
        #expect(TemplateExtractor.isTemplate(root))
        return TemplateExtractor.extract(root, path: file, text: text)
    }

    /// SAM inline Definition: the nodes are the template's own, so "Work" is at line 9, column 11.
    @Test func samInlineDefinitionKeepsExactLocations() throws {
        let extraction = try Self.extract("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Pipeline:
            Type: AWS::Serverless::StateMachine
            Properties:
              Type: EXPRESS
              Definition:
                StartAt: Work
                States:
                  Work:
                    Type: Task
                    Resource: !GetAtt Worker.Arn
                    End: true
        """)
        let source = try #require(extraction.machines.first)
        #expect(source.name == "Pipeline")
        #expect(source.declaredType == .express)
        let state = try #require(source.machine.state(named: "Work"))
        #expect(state.location == SourceLocation(file: "template.yaml", line: 10, column: 11))
        // The !GetAtt resource is an unresolved intrinsic: a warning, and the state still counts.
        #expect(extraction.diagnostics.contains { $0.code == "ASL.UnresolvedResource" })
    }

    /// DefinitionString as `!Sub` of a literal block: inner line 3 ("A": …) is file line 7 + 3 − 1 + 1…
    /// the block starts on the line after `|-` (line 6), so JSON line 3 is file line 8; its column is
    /// the JSON column 5 plus the block's indentation 8 = 13.
    @Test func definitionStringBlockMapsBackToTheFile() throws {
        let extraction = try Self.extract("""
        Resources:
          Machine:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              StateMachineName: nightly-report
              DefinitionString: !Sub |-
                {"StartAt": "A",
                  "States": {
                    "A": {"Type": "Pass", "End": true}
                  }
                }
        """)
        let source = try #require(extraction.machines.first)
        #expect(source.name == "nightly-report")
        #expect(source.declaredType == .standard)
        let state = try #require(source.machine.state(named: "A"))
        #expect(state.location == SourceLocation(file: "template.yaml", line: 9, column: 13))
    }

    /// CDK output: DefinitionString joined from literal parts and a Ref; every node then points at
    /// the DefinitionString value (line 7, column 27 in this JSON).
    @Test func joinedDefinitionStringIsReadWithTheStringsLocation() throws {
        let extraction = try Self.extract("""
        {
          "Resources": {
            "M": {
              "Type": "AWS::StepFunctions::StateMachine",
              "Properties": {
                "StateMachineType": "EXPRESS",
                "DefinitionString": {"Fn::Join": ["", ["{\\"StartAt\\":\\"T\\",\\"States\\":{\\"T\\":{\\"Type\\":\\"Task\\",\\"Resource\\":\\"", {"Ref": "Fn"}, "\\",\\"End\\":true}}}"]]}
              }
            }
          }
        }
        """, file: "cdk.template.json")
        let source = try #require(extraction.machines.first)
        #expect(source.declaredType == .express)
        let state = try #require(source.machine.state(named: "T"))
        #expect(state.location.line == 7)
        if case .task(let task) = state.kind { #expect(task.resource == "${Fn}") } else { Issue.record("not a Task") }
    }

    /// DefinitionUri names a file beside the template; the machine's locations are in that file.
    @Test func definitionUriIsReadRelativeToTheTemplate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("statemachine"), withIntermediateDirectories: true)
        let definition = directory.appendingPathComponent("statemachine/flow.asl.json").path
        try #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#.write(toFile: definition, atomically: true, encoding: .utf8)
        let template = directory.appendingPathComponent("template.yaml").path
        try """
        Resources:
          Flow:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: statemachine/flow.asl.json
          Missing:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionUri: statemachine/nope.asl.json
        """.write(toFile: template, atomically: true, encoding: .utf8)
        let collected = InputCollector.collect([template])
        #expect(collected.machines.map(\.name) == ["Flow"])
        #expect(collected.machines.first?.machine.state(named: "P")?.location.file == definition)
        // The missing file is a warning at the DefinitionUri value (line 9, column 22), not a failure.
        #expect(collected.failures.isEmpty)
        #expect(collected.diagnostics.contains { $0.code == "Template.DefinitionNotFound" && $0.location?.line == 9 && $0.location?.column == 22 })
        // The message names the path it looked for: the template's directory + the relative path.
        let missing = try #require(collected.diagnostics.first { $0.code == "Template.DefinitionNotFound" })
        let lookedFor = directory.appendingPathComponent("statemachine/nope.asl.json").path
        #expect(missing.message.contains("'\(lookedFor)' not found"), "\(missing.message)")
    }

    @Test func serverlessFrameworkMachines() throws {
        let extraction = try Self.extract("""
        service: orders
        stepFunctions:
          stateMachines:
            checkout:
              name: checkout-flow
              type: EXPRESS
              definition:
                StartAt: Pay
                States:
                  Pay: {Type: Pass, End: true}
        """, file: "serverless.yml")
        #expect(extraction.machines.map(\.name) == ["checkout-flow"])
        #expect(extraction.machines.first?.declaredType == .express)
    }

    /// An invalid embedded definition is a located failure of that machine only.
    @Test func brokenEmbeddedDefinitionIsLocated() throws {
        let extraction = try Self.extract("""
        Resources:
          Good:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}
          Bad:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              DefinitionString: |
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Z"}}}
        """)
        #expect(extraction.machines.map(\.name) == ["Good"])
        let diagnostic = try #require(extraction.failures.first?.diagnostics.first)
        #expect(diagnostic.code == "ASL.MissingNextTarget")
        #expect(diagnostic.location?.line == 10)
    }

    /// Every template in the corpus loads without a crash. Counted independently (PyYAML over the same
    /// files): 49 state machines have a Definition or DefinitionString; the DefinitionUri ones name files
    /// that the flattened corpus does not keep beside the template, so they are warnings.
    @Test func corpusTemplates() {
        let directory = Fixtures.corpus("templates")
        let collected = InputCollector.collect([directory])
        // Four templates repeat a key (outside their state machines) and CloudFormation rejects them:
        // each fails with a located error instead of silently losing its state machines.
        let invalid = Set(collected.failures.compactMap { $0.diagnostics.first?.location?.file }.map { ($0 as NSString).lastPathComponent })
        #expect(invalid == [
            "aws-stepfunctions-examples__sam__app-dataquality-using-lambda__template.yaml",
            "step-functions-workflows-collection__cqrs__template.yaml",
            "step-functions-workflows-collection__sfn-dynamodb-batchwriteitem__template.yaml",
            "step-functions-workflows-collection__stepfunction-redshift-batchexecutestatement-sam__template.yaml",
        ])
        #expect(collected.failures.allSatisfy { $0.diagnostics.first?.code == "Input.DuplicateKey" })
        #expect(collected.machines.count == 49)
        for source in collected.machines {
            let analysis = MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes,
                                                   profile: UsageProfile(), templateType: source.declaredType)
            #expect(analysis.expected.transitions.isFinite)
        }
    }
}

@Suite struct BrokenTemplateTests {
    /// In a directory, a template that declares a state machine but does not parse fails the run
    /// (located), instead of being passed over as "not a definition".
    @Test func brokenTemplateInADirectoryIsAFailure() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try """
        Resources:
          Big:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              Definition: {StartAt: A, States: {A: {Type: Pass, End: true}
        """.write(to: directory.appendingPathComponent("template.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\n".write(to: directory.appendingPathComponent("usage.yml"), atomically: true, encoding: .utf8)
        let collected = InputCollector.collect([directory.path])
        #expect(collected.failures.count == 1)
        #expect(collected.failures.first?.diagnostics.first?.location?.file.hasSuffix("template.yaml") == true)
    }
}
