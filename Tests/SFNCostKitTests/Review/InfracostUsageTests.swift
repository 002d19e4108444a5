import Foundation
import Testing
import Yams
@testable import SFNCostKit

/// `--format infracost-usage`: Infracost's keys (docs/facts.md §5), whole numbers rounded up, only
/// machines with a Terraform address as keys.
@Suite struct InfracostUsageTests {
    /// daily-ingest (STANDARD): 30.416667 executions × 5.052606 transitions = 153.68 → 154.
    /// micro-batch (EXPRESS, ExamplesTests): 2,000,000 requests; expected duration 0.4409014 s =
    /// 440.9014 ms → 441; memory 64 MB. quality-checks has no address: a comment, not a key.
    @Test func usageFileHasInfracostKeys() throws {
        let outcome = Estimator.run(.init(paths: [Fixtures.path("examples")], profilePath: Fixtures.path("examples/usage.yml")))
        let report = try #require(outcome.report)
        let addresses = ["daily-ingest": #"module.etl["eu"].aws_sfn_state_machine.daily"#,
                         "micro-batch": "aws_sfn_state_machine.micro_batch",
                         "s3-fanout": "AWS::StepFunctions::StateMachine"]  // a CloudFormation-like id: not an address
        let text = InfracostUsageRenderer.render(report, addresses: addresses)
        let yaml = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(yaml["version"] as? Double == 0.1)
        let usage = try #require(yaml["resource_usage"] as? [String: Any])
        #expect(Set(usage.keys) == [#"module.etl["eu"].aws_sfn_state_machine.daily"#, "aws_sfn_state_machine.micro_batch"])
        let daily = try #require(usage[#"module.etl["eu"].aws_sfn_state_machine.daily"#] as? [String: Int])
        #expect(daily == ["monthly_transitions": 154])
        let micro = try #require(usage["aws_sfn_state_machine.micro_batch"] as? [String: Int])
        #expect(micro == ["monthly_requests": 2_000_000, "workflow_duration_ms": 441, "memory_mb": 64])
        #expect(text.contains("#   - quality-checks (") && text.contains("#   - s3-fanout ("))
        #expect(text.contains("rounded up"))
    }

    @Test func roundingNeverTraps() {
        #expect(InfracostUsageRenderer.wholeUp(153.0000001) == 154)
        #expect(InfracostUsageRenderer.wholeUp(2) == 2)
        #expect(InfracostUsageRenderer.wholeUp(nil) == nil)
        #expect(InfracostUsageRenderer.wholeUp(.infinity) == nil)
        #expect(InfracostUsageRenderer.wholeUp(.nan) == nil)
        #expect(InfracostUsageRenderer.wholeUp(1e19) == nil)
        #expect(InfracostUsageRenderer.wholeUp(9_223_372_036_854_774_784) == 9_223_372_036_854_774_784)
    }

    /// Names go into comments and keys: one line each, keys quoted where YAML needs it.
    @Test func namesCannotBreakTheYAML() throws {
        #expect(InfracostUsageRenderer.comment("a\nb\u{2028}c") == "a b c")
        let key = YAMLText.scalar("aws_sfn_state_machine.x[\"a\\b\n\"]")
        let parsed = try #require(try Yams.load(yaml: "\(key): 1\n") as? [String: Int])
        #expect(parsed.keys.first == "aws_sfn_state_machine.x[\"a\\b\n\"]")
    }
}
