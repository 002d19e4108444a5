import Foundation
import Testing

/// The pull-request review end to end (issue 12, "Done when"): a throwaway git repository with two
/// commits, `diff --base-ref` and `diff` of saved reports, the deltas and the budget exit codes.
///
/// Base commit: `sm/fanout.asl.json` = ListKeys (Task) → ProcessKeys (inline Map over TransformObject)
/// → Done (Succeed), 1,000 executions a month, 10 items. Head commit: the items raised to 20, a Pass
/// state `Audit` added before the Map, a machine `sm/extra.asl.json` added (A: Pass → B: Succeed).
///
/// By hand (Standard, $0.000025 a transition; an inline Map counts once plus every iteration's states):
/// - base fanout: 1 + 1 + 10 × 1 + 1 = 13 transitions; 13,000 a month = $0.325.
/// - head fanout: 1 + 1 (Audit) + 1 + 20 + 1 = 24; 24,000 a month = $0.60.
/// - extra: 2 transitions × 1,000 = 2,000 = $0.05; added.
/// - total $0.325 → $0.65: +$0.325, +100%.
@Suite(.serialized) struct ReviewEndToEndTests {
    static let base = """
    {"StartAt": "ListKeys", "States": {
      "ListKeys": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 60, "Next": "ProcessKeys"},
      "ProcessKeys": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "TransformObject",
        "States": {"TransformObject": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 60, "End": true}}},
        "Next": "Done"},
      "Done": {"Type": "Succeed"}}}
    """
    static let head = base
        .replacingOccurrences(of: #""Next": "ProcessKeys"},"#, with: #""Next": "Audit"},\#n  "Audit": {"Type": "Pass", "Next": "ProcessKeys"},"#)
    static let extra = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#

    static func profile(items: Int, machineBudget: Bool) -> String {
        """
        version: 1
        budget: {monthly: 1, max_increase: 50%}
        state_machines:
          fanout:
            executions: 1000
        \(machineBudget ? "    budget: {monthly: 0.5}\n" : "")    states:
              ProcessKeys: {items: \(items)}
          extra:
            executions: 1000
        """
    }

    @discardableResult
    static func git(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.email=test@example.com", "-c", "user.name=test", "-c", "init.defaultBranch=main",
                             "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad, userInfo: ["git": arguments.joined(separator: " ")]) }
        return String(decoding: data, as: UTF8.self)
    }

    /// A repository with the two commits; returns its path.
    static func repository() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/sm", withIntermediateDirectories: true)
        try git(["init", "-q"], in: root)
        try base.write(toFile: root + "/sm/fanout.asl.json", atomically: true, encoding: .utf8)
        try profile(items: 10, machineBudget: false).write(toFile: root + "/usage.yml", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "base"], in: root)
        try head.write(toFile: root + "/sm/fanout.asl.json", atomically: true, encoding: .utf8)
        try extra.write(toFile: root + "/sm/extra.asl.json", atomically: true, encoding: .utf8)
        try profile(items: 20, machineBudget: true).write(toFile: root + "/usage.yml", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", "head"], in: root)
        return root
    }

    /// The deltas derived above, from a diff's JSON.
    static func checkDeltas(_ json: String) throws {
        let diff = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let machines = try #require(diff["machines"] as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: machines.map { ($0["name"] as? String ?? "", $0) })
        let fanout = try #require(byName["fanout"])
        #expect(fanout["status"] as? String == "changed")
        #expect(Decimal(string: fanout["baseCost"] as? String ?? "") == Decimal(string: "0.325"))
        #expect(Decimal(string: fanout["headCost"] as? String ?? "") == Decimal(string: "0.6"))
        #expect(fanout["baseTransitions"] as? Double == 13)
        #expect(fanout["headTransitions"] as? Double == 24)
        let extra = try #require(byName["extra"])
        #expect(extra["status"] as? String == "added")
        #expect(extra["baseCost"] is NSNull)
        #expect(Decimal(string: extra["headCost"] as? String ?? "") == Decimal(string: "0.05"))
        let total = try #require(diff["total"] as? [String: Any])
        #expect(Decimal(string: total["baseCost"] as? String ?? "") == Decimal(string: "0.325"))
        #expect(Decimal(string: total["headCost"] as? String ?? "") == Decimal(string: "0.65"))
        #expect(Decimal(string: total["costChange"] as? String ?? "") == Decimal(string: "0.325"))
        #expect(total["costChangePercent"] as? Double == 100)
    }

    @Test func baseRefAndSavedReportsAgreeAndGate() throws {
        let repo = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: repo) }

        // diff --base-ref: +100% is over the head profile's max_increase of 50%, and fanout's $0.60 over
        // its $0.50 budget: exit 1, one reason per budget, naming the machine and the figures.
        let gated = try CLIRunner.run(["diff", "--base-ref", "HEAD~1", "sm", "--profile", "usage.yml", "--format", "json"], in: repo)
        #expect(gated.status == 1, "\(gated.stderr)")
        try Self.checkDeltas(gated.stdout)
        #expect(gated.stderr.contains("from $0.3250 to $0.6500, more than the allowed increase of 50% (usage.yml:2:"))
        #expect(gated.stderr.contains("the monthly cost of 'fanout' at its declared type is $0.6000, over its budget of $0.5000 (usage.yml:6:"))
        #expect(gated.stderr.contains("uses usage.yml as it was at that revision"))
        // The temporary worktree is gone.
        #expect(try Self.git(["worktree", "list", "--porcelain"], in: repo).components(separatedBy: "worktree ").count - 1 == 1)

        // The flag overrides the profile's max_increase; the machine budget still fails.
        let flag = try CLIRunner.run(["diff", "--base-ref", "HEAD~1", "sm", "--profile", "usage.yml", "--max-increase", "150%"], in: repo)
        #expect(flag.status == 1)
        #expect(!flag.stderr.contains("allowed increase"))
        #expect(flag.stderr.contains("'fanout'"))

        // A profile that did not exist at the base: the base uses the current one (and says so), so the
        // items are 10 on both sides: head fanout 1 + 1 + 1 + 10 + 1 = 14 transitions = $0.35, plus
        // extra $0.05: $0.325 → $0.40, +$0.075. Within an allowed increase of 0.08, over --max-increase 0.07.
        try Self.profile(items: 10, machineBudget: false).replacingOccurrences(of: "max_increase: 50%", with: "max_increase: 0.08")
            .write(toFile: repo + "/loose.yml", atomically: true, encoding: .utf8)
        let loose = try CLIRunner.run(["diff", "--base-ref", "HEAD~1", "sm", "--profile", "loose.yml", "--format", "markdown"], in: repo)
        #expect(loose.status == 0, "\(loose.stderr)")
        #expect(loose.stderr.contains("loose.yml did not exist at HEAD~1"))
        #expect(loose.stdout.contains("### Budgets"))
        #expect(loose.stdout.contains("| Increase of the total | \\$0.0800 | +\\$0.0750 | ✅ within |"), "\(loose.stdout)")
        #expect(loose.stdout.contains("| Total a month | \\$1.00 | \\$0.4000 | ✅ within |"), "\(loose.stdout)")
        let tight = try CLIRunner.run(["diff", "--base-ref", "HEAD~1", "sm", "--profile", "loose.yml", "--max-increase", "0.07"], in: repo)
        #expect(tight.status == 1)
        #expect(tight.stderr.contains("more than the allowed increase of $0.0700 (--max-increase 0.07)"), "\(tight.stderr)")

        // The same from two saved reports: the head report carries its budgets, so diff gates alike.
        try Self.git(["checkout", "-q", "HEAD~1"], in: repo)
        let baseReport = try CLIRunner.run(["estimate", "sm", "--profile", "usage.yml", "--format", "json"], in: repo)
        try Self.git(["checkout", "-q", "main"], in: repo)
        #expect(baseReport.status == 0, "\(baseReport.stderr)")
        let headReport = try CLIRunner.run(["estimate", "sm", "--profile", "usage.yml", "--format", "json"], in: repo)
        #expect(headReport.status == 1)  // fanout over its $0.50 budget
        #expect(headReport.stderr.contains("'fanout'"))
        try baseReport.stdout.write(toFile: repo + "/base.json", atomically: true, encoding: .utf8)
        try headReport.stdout.write(toFile: repo + "/head.json", atomically: true, encoding: .utf8)
        let saved = try CLIRunner.run(["diff", "base.json", "head.json", "--format", "json"], in: repo)
        #expect(saved.status == 1)
        try Self.checkDeltas(saved.stdout)
        #expect(saved.stderr.contains("more than the allowed increase of 50%"))
    }

    /// A path that did not exist at the base holds no machines there: its machines are "added".
    @Test func aPathNewSinceTheBaseIsAdded() throws {
        let repo = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: repo) }
        try FileManager.default.createDirectory(atPath: repo + "/more", withIntermediateDirectories: true)
        try Self.extra.write(toFile: repo + "/more/late.asl.json", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["diff", "--base-ref", "HEAD", "more", "--format", "json"], in: repo)
        #expect(result.status == 0, "\(result.stderr)")
        let diff = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let machines = try #require(diff["machines"] as? [[String: Any]])
        #expect(machines.map { $0["name"] as? String } == ["late"])
        #expect(machines.first?["status"] as? String == "added")
    }

    @Test func outsideARepositoryIsExitTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-nogit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.extra.write(toFile: directory + "/a.asl.json", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["diff", "--base-ref", "main", "a.asl.json"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs a git repository"))
        let unknown = try CLIRunner.run(["diff", "--base-ref", "no-such-rev", "sm"], in: try Self.repository())
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("names no commit"))
    }
}
