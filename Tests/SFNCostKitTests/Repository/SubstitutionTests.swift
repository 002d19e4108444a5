import Foundation
import Testing
@testable import SFNCostKit

/// Placeholders are filled before the definition is parsed, as the deployment fills them, and
/// locations still point at the original file.
@Suite struct SubstitutionTests {
    static let template = """
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Timeout:
        Type: Number
        Default: 600
    Resources:
      StateMachine:
        Type: AWS::Serverless::StateMachine
        Properties:
          DefinitionUri: statemachine/flow.asl.json
          DefinitionSubstitutions:
            Retries: 2
            Timeout: !Ref Timeout
            FnArn: !GetAtt Fn.Arn
            Region: !Sub "${AWS::Region}"
            Label: a "quoted" label
    """
    // Line 3: "${Label}" (8 characters) becomes `a \"quoted\" label` (20), yet "B" is reported at
    // column 62, where it stands in the file (counted in the text below); line 4: ${FnArn} becomes a
    // placeholder, ${Beat} is quoted (2 more characters) and ${Retries} (10) becomes 2 (1), yet "Done"
    // is at the file's column 169.
    static let definition = """
    {"StartAt": "A", "TimeoutSeconds": ${Timeout},
     "States": {
      "A": {"Type": "Pass", "Comment": "${Label}", "Next": "B"}, "B": {"Type": "Pass", "Next": "Work"},
      "Work": {"Type": "Task", "Resource": "${FnArn}", "HeartbeatSeconds": ${Beat}, "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": ${Retries}}], "Next": "Done"}, "Done": {"Type": "Pass", "End": true}}}
    """

    @Test func definitionSubstitutionsFillTheDefinitionFile() throws {
        let app = try RepositoryFixture(["template.yaml": Self.template, "statemachine/flow.asl.json": Self.definition])
        let collected = InputCollector.collect([app.path()])
        #expect(collected.failures.isEmpty)
        let source = try #require(collected.machines.first)
        #expect(collected.machines.count == 1)
        // A literal is substituted as it is (2 stays a number); !Ref takes the parameter's Default.
        #expect(source.machine.timeoutSeconds == 600)
        let work = try #require(source.machine.state(named: "Work"))
        #expect(work.retriers.first?.maxAttempts == 2)
        // ${Beat} is known to nobody: HeartbeatSeconds is treated as absent, with a note naming it.
        #expect(work.heartbeatSeconds == nil)
        let note = try #require(collected.diagnostics.first { $0.code == "Definition.DeployTimeValue" })
        #expect(note.severity == .note)
        #expect(note.message.contains("'HeartbeatSeconds'"))
        #expect(note.location?.line == 4)
        // Locations are the file's own.
        let file = app.path("statemachine/flow.asl.json")
        #expect(source.machine.state(named: "B")?.location == SourceLocation(file: file, line: 3, column: 62))
        #expect(source.machine.state(named: "Done")?.location == SourceLocation(file: file, line: 4, column: 169))
    }

    /// The same definition file, named alone (nothing refers to it), loads with notes instead of
    /// failing the run.
    @Test func aBareFileWithUnquotedPlaceholdersLoads() throws {
        let app = try RepositoryFixture(["flow.asl.json": Self.definition])
        let collected = InputCollector.collect([app.path("flow.asl.json")])
        #expect(collected.failures.isEmpty)
        let source = try #require(collected.machines.first)
        #expect(source.machine.timeoutSeconds == nil)
        let notes = collected.diagnostics.filter { $0.code == "Definition.DeployTimeValue" }
        #expect(notes.map { $0.message.split(separator: "'")[0] }.sorted() == ["HeartbeatSeconds", "MaxAttempts", "TimeoutSeconds"])
        // MaxAttempts absent is the default 3: worst case A, B, Work × (1 + 3), Done = 7 transitions.
        let report = try #require(Estimator.run(.init(paths: [app.path("flow.asl.json")])).report)
        #expect(report.stateMachines.first?.perExecution.transitions.worstCase == 7)
    }

    /// `DefinitionString: !Sub` fills its own variables and parameter defaults; an inline Definition
    /// gets DefinitionSubstitutions in its string values (a number stays a number).
    @Test func subVariablesParametersAndInlineDefinitions() throws {
        let extraction = try TemplateExtractorTests.extract("""
        Parameters:
          Attempts: {Type: Number, Default: 5}
        Resources:
          Joined:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              DefinitionString: !Sub
                - |
                  {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${Fn}", "TimeoutSeconds": ${Wait},
                    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": ${Attempts}}], "End": true}}}
                - {Wait: 30, Fn: !GetAtt Fn.Arn}
          Inline:
            Type: AWS::Serverless::StateMachine
            Properties:
              DefinitionSubstitutions: {Limit: 4}
              Definition:
                StartAt: M
                States:
                  M: {Type: Map, MaxConcurrency: "${Limit}", ItemProcessor: {StartAt: P, States: {P: {Type: Pass, End: true}}}, End: true}
        """)
        #expect(extraction.failures.isEmpty)
        let joined = try #require(extraction.machines.first { $0.name == "Joined" })
        let task = try #require(joined.machine.state(named: "T"))
        #expect(task.timeoutSeconds == 30)
        #expect(task.retriers.first?.maxAttempts == 5)
        let inline = try #require(extraction.machines.first { $0.name == "Inline" })
        guard case .map(let spec) = inline.machine.state(named: "M")?.kind else { Issue.record("not a Map"); return }
        #expect(spec.maxConcurrency == 4)
    }

    /// A YAML definition file: a number stays a number, and a value that would break the YAML line
    /// (`note: x # y`) is written as a quoted string.
    @Test func yamlDefinitionFile() throws {
        let app = try RepositoryFixture([
            "template.yaml": """
            Resources:
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: flow.asl.yaml
                  DefinitionSubstitutions:
                    Timeout: 45
                    Note: "note: x # y"
            """,
            "flow.asl.yaml": """
            StartAt: T
            States:
              T:
                Type: Task
                Resource: arn:aws:states:::lambda:invoke
                Comment: ${Note}
                TimeoutSeconds: ${Timeout}
                End: true
            """,
        ])
        let collected = InputCollector.collect([app.path()])
        #expect(collected.failures.isEmpty)
        let task = try #require(collected.machines.first?.machine.state(named: "T"))
        #expect(task.timeoutSeconds == 45)
        // Written bare, `Comment: note: x # y` would not parse. State T stands at line 3, column 3.
        #expect(task.location.line == 3)
        #expect(task.location.column == 3)
    }
}
