import Foundation
import Testing
@testable import SFNCostKit

/// Bad histories the other suites do not cover: each a located error (exit 2), never a crash.
@Suite struct HistoryErrorTests {
    static func firstFailure(_ histories: String) -> Diagnostic? {
        Calibrator.observe(.init(paths: [CalibrationInputTests.daily], histories: [histories])).failures.first?.diagnostics.first
    }

    /// A page that continues an execution (its first event is 201) with no page before it.
    @Test func aLaterPageAloneIsLocated() throws {
        let path = try CalibrationInputTests.write("""
        {"events": [
          {"id": 201, "previousEventId": 200, "type": "TaskStateExited", "stateExitedEventDetails": {"name": "IngestFromAPI"}}
        ]}
        """, "page-2.json")
        let diagnostic = try #require(Self.firstFailure((path as NSString).deletingLastPathComponent))
        #expect(diagnostic.code == "History.MissingPage")
        #expect(diagnostic.location?.line == 2 && diagnostic.location?.column == 3)
    }

    /// A download cut off in the middle (the first 700 bytes of an oracle history): a syntax error
    /// at the end of what is there.
    @Test func aCutOffFileIsLocated() throws {
        let whole = try String(contentsOfFile: OracleHistoryTests.folder + "/daily-ingest/run-1.json", encoding: .utf8)
        let path = try CalibrationInputTests.write(String(whole.utf8.prefix(700))!)
        let diagnostic = try #require(Self.firstFailure(path))
        #expect(diagnostic.code == "Input.Syntax")
        #expect(diagnostic.location?.file == path)
        #expect((diagnostic.location?.line ?? 0) > 1)
    }

    /// An execution list given as a history: not get-execution-history output.
    @Test func anExecutionListIsNotAHistory() throws {
        let list = Fixtures.path("Tests/SFNCostKitTests/Fixtures/calibration/list-executions.json")
        let diagnostic = try #require(Self.firstFailure(list))
        #expect(diagnostic.code == "History.NotHistory")
        #expect(diagnostic.location?.line == 1)
    }
}
