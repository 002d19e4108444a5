import Foundation
import Testing
@testable import SFNCostKit

/// SARIF regions end after the state's key when it stands at the region's start (`endColumn`, one
/// past the key, in code points); otherwise they keep no end column.
@Suite struct SARIFEndColumnTests {
    /// Each result's (ruleId, state, startLine, startColumn, endColumn) for a definition `text`.
    private static func regions(_ text: String, file name: String) throws -> [(String, Int, Int, Int?)] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-end-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let report = try #require(Estimator.run(.init(paths: [file.path])).report)
        let document = SARIFRenderer.document(report, options: SARIFOptions(root: directory.path, workingDirectory: directory.path))
        let results = try #require((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        return try results.filter { $0["ruleId"] as? String == "SFN145" }.map { result in
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let region = try #require((location["physicalLocation"] as? [String: Any])?["region"] as? [String: Int])
            let state = try #require((location["logicalLocations"] as? [[String: Any]])?.first?["name"] as? String)
            return (state, region["startLine"] ?? 0, region["startColumn"] ?? 0, region["endColumn"])
        }
    }

    /// `"Approve"` at line 2, column 3: 9 code points with its quotes, so the region ends at column 12;
    /// `"Review"`, 8, at 11.
    @Test func aJSONKey() throws {
        let regions = try Self.regions(#"""
        {"StartAt": "Approve", "States": {
          "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Next": "Review"},
          "Review": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}
        }}
        """#, file: "a.asl.json")
        #expect(regions.map(\.0) == ["Approve", "Review"])
        #expect(regions.map(\.1) == [2, 3])
        #expect(regions.map(\.2) == [3, 3])
        #expect(regions.map(\.3) == [12, 11])
    }

    /// One line: `{"StartAt": "Prüfen", "States": {` is 33 code points (34 bytes: ü is two), so the
    /// key `"Prüfen"` starts at column 34 and, 8 code points long, ends at 42.
    @Test func columnsCountCodePoints() throws {
        let regions = try Self.regions(#"{"StartAt": "Prüfen", "States": {"Prüfen": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}"#,
                                       file: "b.asl.json")
        #expect(regions.count == 1)
        #expect(regions.first?.2 == 34)
        #expect(regions.first?.3 == 42)
    }

    /// A YAML plain key `Approve:` at line 3, column 3: ends at 10.
    @Test func aYAMLKey() throws {
        let regions = try Self.regions("""
        StartAt: Approve
        States:
          Approve:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
            End: true
        """, file: "c.asl.yaml")
        #expect(regions.count == 1)
        #expect(regions.first?.1 == 3)
        #expect(regions.first?.2 == 3)
        #expect(regions.first?.3 == 10)
    }

    /// A key written with another escape (`\u006f` for `o`) is not the text sfncost looks for: no end
    /// column, the region runs to the end of its line.
    @Test func aKeyWrittenOtherwiseHasNoEndColumn() throws {
        let regions = try Self.regions(#"""
        {"StartAt": "Approve", "States": {
          "Appr\u006fve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}
        }}
        """#, file: "d.asl.json")
        #expect(regions.count == 1)
        #expect(regions.first?.3 == nil)
    }
}
