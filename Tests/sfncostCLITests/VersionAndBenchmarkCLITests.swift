import Foundation
import Testing

/// `--version` names the version and the date of the built-in prices; `benchmark --corpus` refuses
/// a folder it cannot use instead of reporting "0 files" and exiting 0.
@Suite struct VersionAndBenchmarkCLITests {
    /// Every region of pricing/step-functions.json has `"readDate": "2026-11-01"` (18 regions, no
    /// `effectiveDate`), so the built-in prices are "read 2026-11-01, 18 regions". The version must be
    /// the one the JSON report carries as `tool.version`.
    @Test func versionNamesTheVersionAndThePriceDate() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try CLIRunner.run(["estimate", "examples/daily-ingest/daily-ingest.asl.json", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let version = try #require((object["tool"] as? [String: Any])?["version"] as? String)
        #expect(result.stdout == "\(version) (built-in prices read 2026-11-01, 18 regions)\n")
        #expect(version.split(separator: ".").count == 3)
    }

    @Test func missingCorpusIsBadInput() throws {
        let result = try CLIRunner.run(["benchmark", "--iterations", "1", "--corpus", "no/such/corpus"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--corpus 'no/such/corpus': no such directory"))
        #expect(result.stdout.isEmpty)
    }

    @Test func emptyCorpusIsBadInput() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try CLIRunner.run(["benchmark", "--iterations", "1", "--corpus", empty.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("holds no .json, .yaml, .yml or .tf file"))
    }

    /// A folder whose only file is a profile holds no machine: as useless as an empty one.
    @Test func corpusWithoutMachinesIsBadInput() throws {
        let path = try CLIRunner.temporaryFile("version: 1\n", name: "usage.yml")
        let directory = (path as NSString).deletingLastPathComponent
        let result = try CLIRunner.run(["benchmark", "--iterations", "1", "--corpus", directory])
        #expect(result.status == 2)
        #expect(result.stderr.contains("none of its 1 files holds a state machine"))
    }

    @Test func corpusThatIsAFileIsBadInput() throws {
        let result = try CLIRunner.run(["benchmark", "--iterations", "1", "--corpus", "README.md"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a file"))
    }
}
