import Foundation
import Testing
@testable import SFNCostKit

/// serverless.yml: the plugin's machines and CloudFormation resources, `${file(...)}` definitions,
/// `${self:…}`/`${opt:…, default}` variables; schedules from every kind of declaration.
@Suite struct ServerlessAndScheduleTests {
    static let serverless = """
    service: orders
    provider:
      name: aws
      stage: ${opt:stage, 'dev'}
    custom:
      timeout: 120
      attempts: 4
    stepFunctions:
      stateMachines:
        nightly:
          name: nightly-${self:provider.stage}
          events:
            - schedule: rate(1 hour)
            - schedule:
                rate: cron(0 12 * * ? *)
                enabled: false
          definition: ${file(./states/nightly.json)}
        inline:
          name: inline-${sls:stage}
          type: EXPRESS
          definition:
            StartAt: W
            States:
              W:
                Type: Task
                Resource: arn:aws:lambda:us-east-1:123456789012:function:work
                TimeoutSeconds: ${self:custom.timeout}
                Retry:
                  - ErrorEquals: [States.ALL]
                    MaxAttempts: ${self:custom.attempts}
                End: true
    resources:
      Resources:
        Reconcile:
          Type: AWS::StepFunctions::StateMachine
          Properties:
            StateMachineName: reconcile-${self:provider.stage}
            DefinitionString: '{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}'
        Every5:
          Type: AWS::Events::Rule
          Properties:
            ScheduleExpression: rate(5 minutes)
            Targets:
              - Arn: !Ref Reconcile
                Id: reconcile
    """
    static let nightly = #"{"StartAt": "A", "TimeoutSeconds": ${self:custom.timeout}, "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#

    @Test func serverlessMachinesResourcesAndVariables() throws {
        let app = try RepositoryFixture(["svc/serverless.yml": Self.serverless, "svc/states/nightly.json": Self.nightly])
        let collected = InputCollector.collect([app.path()])
        #expect(collected.failures.isEmpty)
        let byID = Dictionary(uniqueKeysWithValues: collected.machines.map { ($0.id, $0) })
        // states/nightly.json belongs to 'nightly': three machines, not four.
        #expect(Set(byID.keys) == ["svc/serverless.yml#nightly", "svc/serverless.yml#inline", "svc/serverless.yml#Reconcile"])
        // ${opt:stage, 'dev'} falls back to 'dev'; ${self:custom.timeout} is 120 in the file.
        #expect(byID["svc/serverless.yml#nightly"]?.name == "nightly-dev")
        #expect(byID["svc/serverless.yml#Reconcile"]?.name == "reconcile-dev")
        #expect(byID["svc/serverless.yml#nightly"]?.machine.timeoutSeconds == 120)
        let work = try #require(byID["svc/serverless.yml#inline"]?.machine.state(named: "W"))
        #expect(work.timeoutSeconds == 120)
        #expect(work.retriers.first?.maxAttempts == 4)
        #expect(byID["svc/serverless.yml#inline"]?.declaredType == .express)
        // The disabled cron is left out, with a note.
        #expect(byID["svc/serverless.yml#nightly"]?.schedules.map(\.expression) == ["rate(1 hour)"])
        #expect(collected.diagnostics.contains { $0.code == "Schedule.Disabled" })
        #expect(byID["svc/serverless.yml#Reconcile"]?.schedules.map(\.expression) == ["rate(5 minutes)"])

        let report = try #require(Estimator.run(.init(paths: [app.path()])).report)
        let machines = Dictionary(uniqueKeysWithValues: report.stateMachines.map { ($0.name, $0) })
        // rate(1 hour): 730 a month; 2 transitions × 730 × $0.000025 = $0.0365.
        #expect(machines["nightly-dev"]?.executionsPerMonth == 730)
        #expect(machines["nightly-dev"]?.executionsOrigin == .schedule)
        #expect(machines["nightly-dev"]?.monthly.declaredCost?.amount == Decimal(string: "0.0365"))
        // rate(5 minutes): 12 × 730 = 8,760 a month; 1 transition × 8,760 × $0.000025 = $0.219.
        #expect(machines["reconcile-dev"]?.executionsPerMonth == 8760)
        #expect(machines["reconcile-dev"]?.monthly.declaredCost?.amount == Decimal(string: "0.219"))
        // ${sls:stage} is provider.stage, itself ${opt:stage, 'dev'}: 'dev'.
        #expect(machines["inline-dev"]?.executionsOrigin == .default)
    }

    static let scheduled = """
    Transform: AWS::Serverless-2016-10-31
    Parameters:
      Every: {Type: String, Default: rate(2 hours)}
    Resources:
      Flow:
        Type: AWS::Serverless::StateMachine
        Properties:
          Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}
          Events:
            Hourly: {Type: Schedule, Properties: {Schedule: rate(1 hour)}}
            Off: {Type: Schedule, Properties: {Schedule: rate(1 minute), Enabled: false}}
            V2: {Type: ScheduleV2, Properties: {ScheduleExpression: !Ref Every}}
      Daily:
        Type: AWS::Events::Rule
        Properties:
          ScheduleExpression: rate(1 day)
          Targets: [{Arn: !GetAtt Flow.Arn, Id: flow}]
      Noon:
        Type: AWS::Scheduler::Schedule
        Properties:
          ScheduleExpression: cron(0 12 * * ? *)
          State: ENABLED
          FlexibleTimeWindow: {Mode: "OFF"}
          Target: {Arn: {Ref: Flow}, RoleArn: role}
      Paused:
        Type: AWS::Scheduler::Schedule
        Properties:
          ScheduleExpression: rate(1 minute)
          State: DISABLED
          FlexibleTimeWindow: {Mode: "OFF"}
          Target: {Arn: {"Fn::GetAtt": [Flow, Arn]}, RoleArn: role}
      Elsewhere:
        Type: AWS::Events::Rule
        Properties:
          ScheduleExpression: rate(1 minute)
          Targets: [{Arn: !GetAtt Other.Arn, Id: other}]
    """

    /// Hourly 730 + rate(2 hours) from the parameter's default 365 + daily rule 30.416667 (730/24,
    /// rounded to 6 places) + noon cron 30.416667 (one a day) = 1,155.833334 a month; the disabled
    /// event, the disabled schedule and the rule for another target count nothing.
    @Test func schedulesOfEveryKindAddUp() throws {
        let app = try RepositoryFixture(["template.yaml": Self.scheduled])
        let collected = InputCollector.collect([app.path()])
        let flow = try #require(collected.machines.first)
        #expect(flow.schedules.map(\.expression).sorted() == ["cron(0 12 * * ? *)", "rate(1 day)", "rate(1 hour)", "rate(2 hours)"])
        #expect(collected.diagnostics.filter { $0.code == "Schedule.Disabled" }.count == 2)
        let report = try #require(Estimator.run(.init(paths: [app.path()])).report)
        let machine = try #require(report.stateMachines.first)
        #expect(machine.executionsPerMonth == 1155.833334)
        #expect(machine.executionsOrigin == .schedule)
        #expect(machine.executionsSource.contains("rate(1 hour) at "))
        #expect(machine.executionsSource.contains("template.yaml:10"))

        // The profile overrides the schedule.
        let profile = app.path("usage.yml")
        try "version: 1\nstate_machines:\n  Flow:\n    executions: 10\n".write(toFile: profile, atomically: true, encoding: .utf8)
        let overridden = try #require(Estimator.run(.init(paths: [app.path()], profilePath: profile)).report)
        #expect(overridden.stateMachines.first?.executionsPerMonth == 10)
        #expect(overridden.stateMachines.first?.executionsOrigin == .profile)
    }

    /// Runs that rest on the default are marked in the table, with a footnote.
    @Test func defaultRunsAreMarked() throws {
        let app = try RepositoryFixture(["flow.asl.json": RepositoryFixture.twoPasses])
        let report = try #require(Estimator.run(.init(paths: [app.path()])).report)
        let table = TableRenderer().render(report)
        #expect(table.contains("1,000~"))
        #expect(table.contains(TableRenderer.assumedRunsNote))
        #expect(MarkdownRenderer.render(report).contains("1,000 (default)"))
    }
}
