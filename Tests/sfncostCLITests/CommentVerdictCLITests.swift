import Foundation
import Testing

/// Every `estimate --format markdown` comment says its verdict in the line after the headline, with
/// the exit status the job really has: an empty scan (exit 2) too, and a scan where an input could
/// not be analysed (exit 2 outranks the gate's 1 or 0).
@Suite struct CommentVerdictCLITests {
    private static func folder() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-verdict-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func anEmptyScanSaysItsVerdict() throws {
        let empty = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let result = try CLIRunner.run(["estimate", empty, "--format", "markdown"])
        #expect(result.status == 2)
        let lines = result.stdout.components(separatedBy: "\n")
        // Marker, headline, blank, verdict: where every other comment has it.
        #expect(lines.count > 3)
        #expect(lines[1] == "### Monthly Step Functions cost: \\$0.00 for 0 state machines")
        #expect(lines[3] == "❌ **Gate failed** (the job exits 2): found no state machine in \(empty): no ASL definition, template or Terraform file with one.", "\(result.stdout)")
        #expect(result.stdout.contains("No state machines found."))
    }

    /// One machine with no finding (Pass → Succeed) beside a definition with an unknown state type:
    /// the job exits 2, and the comment says so first.
    @Test func anInputThatFailedIsTheVerdict() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#
            .write(toFile: folder + "/ok.asl.json", atomically: true, encoding: .utf8)
        try #"{"StartAt": "A", "States": {"A": {"Type": "Bogus", "End": true}}}"#
            .write(toFile: folder + "/bad.asl.json", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["estimate", folder, "--format", "markdown"])
        #expect(result.status == 2)
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.count > 3)
        #expect(lines[3].hasPrefix("❌ **Gate failed** (the job exits 2): 1 input could not be analysed \\(see the input problems\\)"), "\(result.stdout)")
        #expect(result.stdout.contains("| ok | STANDARD |"))
    }
}
