import Foundation
import Testing
@testable import SFNCostKit

/// Schedules declared in Terraform (issue 8, item 6): an EventBridge rule with a target that is the
/// machine, and an EventBridge Scheduler schedule whose target is the machine; disabled ones and rules
/// that are not created are not schedules. Fixture: Fixtures/terraform/schedules/main.tf.
@Suite struct TerraformScheduleTests {
    @Test func rulesAndSchedulesThatStartAMachine() throws {
        let path = Fixtures.path("Tests/SFNCostKitTests/Fixtures/terraform/schedules/main.tf")
        let extraction = TerraformExtractor.machines(path: path)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        let byName = Dictionary(uniqueKeysWithValues: extraction.machines.map { ($0.name, $0.schedules) })
        // nightly: the rule "nightly" (line 30); "paused" is disabled, "audit" has count = 0.
        #expect(byName["nightly"] == [DeclaredSchedule(expression: "cron(0 2 * * ? *)",
                                                       location: SourceLocation(file: path, line: 30, column: 25))])
        // often: the scheduler schedule (line 78); the DISABLED one and the event-pattern rule do not count.
        #expect(byName["often"] == [DeclaredSchedule(expression: "rate(5 minutes)",
                                                     location: SourceLocation(file: path, line: 78, column: 25))])
        #expect(byName["manual"] == [])
    }

    @Test func aRuleForOneCopyAndARuleNamedByItsName() throws {
        let extraction = TerraformExtractor.machines(path: "main.tf", text: """
            resource "aws_sfn_state_machine" "job" {
              for_each   = toset(["a", "b"])
              definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
            }
            resource "aws_cloudwatch_event_rule" "hourly" {
              name                = "hourly-${"job"}"
              schedule_expression = "rate(1 hour)"
              state               = "ENABLED"
            }
            resource "aws_cloudwatch_event_target" "b" {
              rule = "hourly-job"
              arn  = aws_sfn_state_machine.job["b"].arn
            }
            """)
        #expect(extraction.machines.map(\.declaration) == [#"aws_sfn_state_machine.job["a"]"#, #"aws_sfn_state_machine.job["b"]"#])
        #expect(extraction.machines.map { $0.schedules.map(\.expression) } == [[], ["rate(1 hour)"]])
    }

    /// A real pattern (vendored corpus, serverless-patterns eventbridge-schedule-to-step-function-terraform):
    /// `aws_scheduler_schedule.my_scheduler` targets `aws_sfn_state_machine.sfn_state_machine.arn` with
    /// `schedule_expression = "rate(1 minutes)"` on line 110, column 3 + 22 = 25.
    @Test func aSchedulerScheduleInARealPattern() throws {
        let path = Fixtures.corpus("terraform/serverless-patterns__eventbridge-schedule-to-step-function-terraform__main.tf")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let extraction = TerraformExtractor.machines(path: path, text: text)
        let machine = try #require(extraction.machines.first)
        #expect(machine.declaration == "aws_sfn_state_machine.sfn_state_machine")
        #expect(machine.schedules == [DeclaredSchedule(expression: "rate(1 minutes)",
                                                       location: SourceLocation(file: path, line: 110, column: 25))])
    }

    /// A rule in the caller whose target is the module's output: the output's value names the machine.
    /// Two copies of the module (count = 2); the rule targets copy [1] only, the schedule both.
    @Test func aTargetThatIsAModuleOutput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfsched-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/sfn", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            resource "aws_sfn_state_machine" "this" {
              count      = 1
              definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
            }
            output "state_machine_arn" {
              value = try(aws_sfn_state_machine.this[0].arn, "")
            }
            """.write(toFile: directory + "/sfn/main.tf", atomically: true, encoding: .utf8)
        try """
            module "flow" {
              source = "./sfn"
              count  = 2
            }
            resource "aws_cloudwatch_event_rule" "daily" {
              schedule_expression = "rate(1 day)"
            }
            resource "aws_cloudwatch_event_target" "daily" {
              rule = aws_cloudwatch_event_rule.daily.name
              arn  = module.flow[1].state_machine_arn
            }
            resource "aws_scheduler_schedule" "hourly" {
              schedule_expression = "rate(1 hour)"
              target {
                arn = module.flow[*].state_machine_arn[0]
              }
            }
            """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let extraction = TerraformExtractor.machines(path: directory + "/main.tf")
        #expect(extraction.machines.map(\.declaration) == ["module.flow[0].aws_sfn_state_machine.this[0]",
                                                           "module.flow[1].aws_sfn_state_machine.this[0]"])
        // `module.flow[*]…` names no literal copy: every copy. The daily rule names copy 1.
        #expect(extraction.machines.map { $0.schedules.map(\.expression) } == [["rate(1 hour)"], ["rate(1 day)", "rate(1 hour)"]])
    }
}
