import Testing
@testable import SFNCostKit

/// Profile `rules`: switching rules off, re-rating them, and the errors for a bad entry.
@Suite struct RulesSuppressionTests {
    static let definition = """
    {"StartAt": "Approve", "States": {
      "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": "Review"},
      "Review": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}
    }}
    """

    func adjusted(_ profileText: String) throws -> (kept: [Finding], suppressed: [Finding]) {
        let profile = try Fixtures.profile(profileText)
        let analysis = try Fixtures.analyze(Self.definition, profile: profileText)
        let found = RuleEngine.findings(for: analysis).filter { $0.rule == "SFN145" }
        #expect(found.count == 2)
        return RuleSuppression.apply(profile, to: analysis, findings: found)
    }

    @Test func offMovesFindingsToSuppressedWithTheReason() throws {
        let result = try adjusted("""
        version: 1
        rules:
          SFN145: {severity: off, reason: "callbacks time out in the queue"}
        """)
        #expect(result.kept.isEmpty)
        #expect(result.suppressed.map(\.state) == ["Approve", "Review"])
        #expect(result.suppressed.allSatisfy { $0.suppression == "off: callbacks time out in the queue (profile usage.yml:3:3)" })
    }

    @Test func machineSettingForAStateWinsOverTheTopLevel() throws {
        // Top level: off for every state. Machine 'test', by name, for 'Review' only: note.
        let result = try adjusted("""
        version: 1
        rules:
          SFN145: {severity: off, reason: "all callbacks have queue timeouts"}
        state_machines:
          test:
            rules:
              task-timeout-missing: {severity: note, reason: "a person reviews; keep it visible", states: [Review]}
        """)
        #expect(result.kept.map(\.state) == ["Review"])
        #expect(result.kept.first?.severity == .note)
        #expect(result.kept.first?.suppression?.hasPrefix("re-rated from warning to note: a person reviews") == true)
        #expect(result.suppressed.map(\.state) == ["Approve"])
    }

    @Test func missingReasonIsAnErrorAtTheEntry() throws {
        let text = """
        version: 1
        state_machines:
          test:
            rules:
              SFN145: {severity: off}
        """
        #expect {
            _ = try Fixtures.profile(text)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.diagnostics.contains { $0.code == "Profile.RuleReason" && $0.location?.line == 5 && $0.location?.column == 7 }
        }
    }

    @Test func unknownRuleIsAnErrorWithCloseMatches() throws {
        let text = """
        version: 1
        rules:
          task-timout-missing: {severity: off, reason: "x"}
        """
        #expect {
            _ = try Fixtures.profile(text)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.diagnostics.contains {
                $0.code == "Profile.UnknownRule" && $0.location?.line == 3 && $0.location?.column == 3
                    && $0.message.contains("did you mean SFN145 (task-timeout-missing)?")
            }
        }
    }
}
