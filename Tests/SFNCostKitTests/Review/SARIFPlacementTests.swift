import Foundation
import Testing
@testable import SFNCostKit

/// SARIF that code scanning places right: paths relative to a root with `uriBaseId`, one-line regions,
/// fingerprints that survive moved lines, rule properties.
@Suite struct SARIFPlacementTests {
    private func finding(file: String, line: Int, state: String?) -> Finding {
        Finding(rule: RuleCatalog.all.first { $0.id == "SFN145" }!, message: "m",
                at: SourceLocation(file: file, line: line, column: 3), state: state, machine: "m1")
    }

    @Test func pathsAreRelativeToTheRoot() {
        let options = SARIFOptions(root: "/repo", workingDirectory: "/repo/sub")
        let inside = options.artifactLocation("machines/a b.asl.json")
        #expect(inside["uri"] as? String == "sub/machines/a%20b.asl.json")
        #expect(inside["uriBaseId"] as? String == "%SRCROOT%")
        let absolute = options.artifactLocation("/repo/x/../y.json")
        #expect(absolute["uri"] as? String == "y.json")
        let outside = options.artifactLocation("/elsewhere/z.json")
        #expect(outside["uri"] as? String == "file:///elsewhere/z.json")
        #expect(outside["uriBaseId"] == nil)
        #expect(((options.originalUriBaseIds?["%SRCROOT%"] as? [String: Any])?["uri"]) as? String == "file:///repo/")
    }

    /// FNV-1a 64 of "a" is af63dc4c8601ec8c (the published test vector); of "" the offset basis.
    @Test func fingerprintsAreStableAndIgnoreLines() {
        #expect(SARIFFingerprint.fnv1a("a") == "af63dc4c8601ec8c")
        #expect(SARIFFingerprint.fnv1a("") == "cbf29ce484222325")
        let before = finding(file: "a.json", line: 4, state: "T0"), moved = finding(file: "a.json", line: 40, state: "T0")
        #expect(SARIFFingerprint.of(before, machineID: "a.json") == SARIFFingerprint.of(moved, machineID: "a.json"))
        #expect(SARIFFingerprint.of(before, machineID: "a.json") != SARIFFingerprint.of(finding(file: "a.json", line: 4, state: "T1"), machineID: "a.json"))
    }

    /// Through the renderer: every result has a fingerprint, a base id and a one-line region; every
    /// rule its tags and precision; the root is declared.
    @Test func theDocumentCarriesThem() throws {
        let report = try AnnotationSelectionTests.report(tasks: 2, profile: "version: 1\n")
        let document = SARIFRenderer.document(report, options: SARIFOptions(root: "/", workingDirectory: "/"))
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        #expect(run["originalUriBaseIds"] != nil)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        for result in results {
            let location = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
            let region = try #require(location["region"] as? [String: Int])
            #expect(region["endLine"] == region["startLine"])
            #expect((location["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")
            #expect((result["partialFingerprints"] as? [String: String])?["sfncostFinding/v2"]?.count == 16)
        }
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        for rule in try #require(driver["rules"] as? [[String: Any]]) {
            let properties = try #require(rule["properties"] as? [String: Any])
            #expect(["very-high", "high", "medium", "low"].contains(properties["precision"] as? String ?? ""))
            #expect((properties["tags"] as? [String])?.contains("step-functions") == true)
        }
    }
}
