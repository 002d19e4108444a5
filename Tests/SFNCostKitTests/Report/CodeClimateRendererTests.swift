import Foundation
import Testing
@testable import SFNCostKit

/// `--format codeclimate`: GitLab Code Quality issues (description, check_name, fingerprint,
/// severity, location.path, location.lines.begin), with fingerprints that survive moved lines.
@Suite struct CodeClimateRendererTests {
    /// Two Tasks that wait for a callback without TimeoutSeconds: SFN145 (task-timeout-missing,
    /// default severity warning) at each. `prefix` lines are put before the definition to move them.
    static func report(states: (String, String) = ("Approve", "Review"), prefix: String = "",
                       profile: String? = nil) throws -> Report {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-cc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let definition = directory.appendingPathComponent("approve.asl.json")
        let first = String(decoding: try JSONEncoder().encode(states.0), as: UTF8.self)
        let second = String(decoding: try JSONEncoder().encode(states.1), as: UTF8.self)
        try """
        \(prefix){"StartAt": \(first), "States": {
          \(first): {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": \(second)},
          \(second): {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}
        }}
        """.write(to: definition, atomically: true, encoding: .utf8)
        var profilePath: String?
        if let profile {
            let file = directory.appendingPathComponent("usage.yml")
            try profile.write(to: file, atomically: true, encoding: .utf8)
            profilePath = file.path
        }
        return try #require(Estimator.run(.init(paths: [definition.path], profilePath: profilePath)).report)
    }

    static func issues(_ report: Report) throws -> [[String: Any]] {
        let text = try CodeClimateRenderer.render(report)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func everyIssueHasTheFieldsGitLabReads() throws {
        let issues = try Self.issues(try Self.report())
        #expect(issues.count == 2)
        for (issue, line) in zip(issues, [2, 3]) {
            #expect(issue["check_name"] as? String == "SFN145")
            #expect(issue["severity"] as? String == "major")   // a warning
            #expect(issue["type"] as? String == "issue")
            #expect((issue["description"] as? String)?.isEmpty == false)
            #expect((issue["fingerprint"] as? String)?.count == 32)
            let location = try #require(issue["location"] as? [String: Any])
            #expect((location["path"] as? String)?.hasSuffix("/approve.asl.json") == true)
            // "Approve" is on line 2 of the file, "Review" on line 3.
            #expect((location["lines"] as? [String: Any])?["begin"] as? Int == line)
        }
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 2)
    }

    /// Three blank lines before the definition move both findings three lines down; the fingerprints
    /// (rule, machine, state) stay. Renaming a state changes that finding's fingerprint only.
    @Test func fingerprintsSurviveMovedLinesAndFollowTheState() throws {
        let before = try Self.issues(try Self.report())
        let moved = try Self.issues(try Self.report(prefix: "\n\n\n"))
        #expect(moved.compactMap { ($0["location"] as? [String: Any]).flatMap { $0["lines"] as? [String: Any] }?["begin"] as? Int } == [5, 6])
        #expect(moved.compactMap { $0["fingerprint"] as? String } == before.compactMap { $0["fingerprint"] as? String })
        let renamed = try Self.issues(try Self.report(states: ("Approve", "Recheck")))
        #expect(renamed[0]["fingerprint"] as? String == before[0]["fingerprint"] as? String)
        #expect(renamed[1]["fingerprint"] as? String != before[1]["fingerprint"] as? String)
    }

    /// The fingerprint is two FNV-1a 64-bit hashes of "finding␟SFN145␟approve.asl.json␟Approve" (the
    /// machine's id: the bare file relative to its folder, no git work tree above it). Reference
    /// vectors of FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3): "" → the basis,
    /// "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8.
    @Test func stableHashMatchesTheFNVReferenceVectors() throws {
        #expect(StableHash.fnv1a("", basis: 0xcbf2_9ce4_8422_2325) == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a("a", basis: 0xcbf2_9ce4_8422_2325) == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.fnv1a("foobar", basis: 0xcbf2_9ce4_8422_2325) == 0x8594_4171_f739_67e8)
        #expect(StableHash.hex128("a").hasPrefix("af63dc4c8601ec8c"))
        let issues = try Self.issues(try Self.report())
        #expect(issues[0]["fingerprint"] as? String == StableHash.hex128("finding\u{1F}SFN145\u{1F}approve.asl.json\u{1F}Approve"))
    }

    /// Switched off: left out. Re-rated to a note: kept as `info`, with the reason.
    @Test func suppressedFindingsAreLeftOutAndReRatedOnesSaySo() throws {
        let report = try Self.report(profile: """
        version: 1
        state_machines:
          approve:
            rules:
              SFN145: {severity: off, reason: "queue timeout", states: [Review]}
              task-timeout-missing: {severity: note, reason: "a person approves", states: [Approve]}
        """)
        let issues = try Self.issues(report)
        #expect(issues.count == 1)
        #expect(issues.first?["severity"] as? String == "info")
        #expect((issues.first?["description"] as? String)?.contains("a person approves") == true)
    }

    /// Names from the input reach the JSON as strings, whatever they hold.
    @Test func namesWithQuotesAndNewlinesStayValidJSON() throws {
        let issues = try Self.issues(try Self.report(states: ("Say \"hi\"\nthen", "Back\\slash")))
        #expect(issues.count == 2)
        #expect((issues[0]["description"] as? String)?.contains("Say \"hi\"\nthen") == true)
        #expect((issues[1]["description"] as? String)?.contains("Back\\slash") == true)
    }

    @Test func pathsLoseALeadingDotSlashAndLinesStartAtOne() {
        #expect(CodeClimateRenderer.path("./statemachines/a.asl.json") == "statemachines/a.asl.json")
        #expect(CodeClimateRenderer.path("././a.json") == "a.json")
        #expect(CodeClimateRenderer.path("/abs/a.json") == "/abs/a.json")
        #expect(CodeClimateRenderer.level(.error) == "critical")
        #expect(CodeClimateRenderer.level(.warning) == "major")
        #expect(CodeClimateRenderer.level(.note) == "info")
    }

    @Test func noFindingsIsAnEmptyArray() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-cc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let definition = directory.appendingPathComponent("p.asl.json").path
        try #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#.write(toFile: definition, atomically: true, encoding: .utf8)
        let report = try #require(Estimator.run(.init(paths: [definition])).report)
        #expect(try Self.issues(report).isEmpty)
    }
}
