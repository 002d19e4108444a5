import Foundation
import Testing

/// Without `--profile`, `sfncost.yml` (then `.sfncost.yml`) in the scan root, then in the current
/// directory, is the profile; without one a one-line note says every usage figure is a default.
///
/// The machine is one Pass state: one transition per execution. With no profile it runs the
/// default 1,000 times a month; each profile below names another count, so `executionsPerMonth`
/// in the JSON report shows which profile was read.
@Suite struct DefaultProfileCLITests {
    static let definition = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#

    /// A fresh folder holding `m.asl.json` and the named files (name → executions a month).
    func workspace(_ profiles: [String: Int]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-default-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("machines"), withIntermediateDirectories: true)
        try Self.definition.write(to: folder.appendingPathComponent("machines/m.asl.json"), atomically: true, encoding: .utf8)
        for (name, executions) in profiles {
            try "version: 1\nstate_machines:\n  m:\n    executions: \(executions)\n"
                .write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    func executions(_ result: CLIRunner.Result) throws -> Double {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        let machine = try #require((object["stateMachines"] as? [[String: Any]])?.first)
        return try #require(machine["executionsPerMonth"] as? Double)
    }

    /// 5,000 executions × 1 transition × $0.000025 (us-east-1) = $0.125 a month.
    @Test func profileInTheScanRootIsUsed() throws {
        let root = try workspace(["machines/sfncost.yml": 5000])
        let result = try CLIRunner.run(["estimate", "machines", "--format", "json"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try executions(result) == 5000)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["total"] as? [String: Any])?["declaredCost"] as? String == "0.125")
        #expect(result.stderr == "sfncost: note: usage profile: machines/sfncost.yml (found in the scan root; --profile names another)\n")
    }

    @Test func dotFileInTheCurrentDirectoryIsUsedForAFile() throws {
        let root = try workspace([".sfncost.yml": 2000])
        let result = try CLIRunner.run(["estimate", "machines/m.asl.json", "--format", "json"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try executions(result) == 2000)
        #expect(result.stderr.contains("usage profile: .sfncost.yml (found in the current directory"))
    }

    /// The scan root comes before the current directory; `sfncost.yml` before `.sfncost.yml`.
    @Test func theFirstPlaceWins() throws {
        let root = try workspace(["machines/.sfncost.yml": 3000, "machines/sfncost.yml": 4000, "sfncost.yml": 6000])
        #expect(try executions(try CLIRunner.run(["estimate", "machines", "--format", "json"], in: root)) == 4000)
        try FileManager.default.removeItem(atPath: root + "/machines/sfncost.yml")
        #expect(try executions(try CLIRunner.run(["estimate", "machines", "--format", "json"], in: root)) == 3000)
        try FileManager.default.removeItem(atPath: root + "/machines/.sfncost.yml")
        #expect(try executions(try CLIRunner.run(["estimate", "machines", "--format", "json"], in: root)) == 6000)
    }

    @Test func withoutAProfileOneLineSaysSo() throws {
        let root = try workspace([:])
        let result = try CLIRunner.run(["estimate", "machines", "--format", "json"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try executions(result) == 1000)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("no usage profile"))
        #expect(result.stderr.contains("every usage figure is a default"))
    }

    @Test func anExplicitProfileWinsAndNeedsNoNote() throws {
        let root = try workspace(["sfncost.yml": 6000, "other.yml": 7000])
        let result = try CLIRunner.run(["estimate", "machines", "--profile", "other.yml", "--format", "json"], in: root)
        #expect(try executions(result) == 7000)
        #expect(result.stderr.isEmpty)
    }

    /// A broken default profile is bad input like a named one, at its own line.
    @Test func aBrokenDefaultProfileIsBadInput() throws {
        let root = try workspace([:])
        try "version: 1\nstate_machines:\n  m:\n    executions: lots\n".write(toFile: root + "/sfncost.yml", atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["estimate", "machines/m.asl.json"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("sfncost.yml:4:"))
    }

    @Test func helpNamesTheDefaultPlaces() throws {
        let result = try CLIRunner.run(["estimate", "--help"])
        #expect(result.stdout.contains("sfncost.yml or .sfncost.yml"))
    }
}
