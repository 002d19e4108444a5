import Foundation
import Testing

/// Issue #10, point 11, on the binary: true messages about inputs that hold no machine or are no file.
@Suite struct InputLocationCLITests {
    @Test func nothingFoundListsWhatWasLookedAt() throws {
        let profile = try CLIRunner.temporaryFile("version: 1\n", name: "usage.yml")
        let directory = (profile as NSString).deletingLastPathComponent
        for command in [["estimate"], ["explain"], ["profile"]] {
            let result = try CLIRunner.run(command + [directory])
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr == """
                sfncost: error: found no state machine in \(directory); looked at:
                  \(profile): not an ASL definition ('StartAt' and 'States') or a template with state machines ('Resources')

                """, "\(command): \(result.stderr)")
        }
    }

    @Test func devZeroIsNotARegularFile() throws {
        let result = try CLIRunner.run(["estimate", "/dev/zero"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("sfncost: /dev/zero:1:1: error: not a regular file (a character device)"), "\(result.stderr)")
        let profile = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--profile", "/dev/zero"])
        #expect(profile.status == 2)
        #expect(profile.stderr.contains("sfncost: /dev/zero:1:1: error: not a regular file (a character device)"), "\(profile.stderr)")
        let diff = try CLIRunner.run(["diff", "examples", "/dev/zero"])
        #expect(diff.status == 2)
        #expect(diff.stderr.contains("examples:1:1: error: cannot read the report: not a regular file (a directory)"), "\(diff.stderr)")
    }
}
