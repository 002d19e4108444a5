import Foundation
import Testing
@testable import SFNCostKit

/// SARIF and Code Climate fingerprints name the machine by its lasting id (`MachineIdentity`), not by
/// its display name: two machines that share a name in different files do not collide, and a name
/// that gets qualified (another app now shares it) or renamed keeps its findings' fingerprints.
@Suite struct FingerprintIdentityTests {
    /// `CodeClimateRendererTests.report()`: one bare file `approve.asl.json` in a fresh folder under the
    /// temporary directory (no `.git` above it), so the scan root is that folder and the machine's id
    /// is `approve.asl.json`; two SFN145 findings, in states Approve and Review.
    private func report() throws -> Report {
        let report = try CodeClimateRendererTests.report()
        #expect(report.stateMachines.first?.id == "approve.asl.json")
        return report
    }

    private func sarifFingerprints(_ report: Report) throws -> [String] {
        let document = SARIFRenderer.document(report, options: SARIFOptions(root: "/", workingDirectory: "/"))
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        return results.compactMap { ($0["partialFingerprints"] as? [String: String])?["sfncostFinding/v2"] }
    }

    private func codeClimateFingerprints(_ report: Report) throws -> [String] {
        try CodeClimateRendererTests.issues(report).compactMap { $0["fingerprint"] as? String }
    }

    /// The hashed text, by hand: rule, id and state joined by U+001F (Code Climate puts "finding" first).
    @Test func theIdIsWhatIsHashed() throws {
        let report = try report()
        #expect(try sarifFingerprints(report) == [StableHash.hex64("SFN145\u{1F}approve.asl.json\u{1F}Approve"),
                                                  StableHash.hex64("SFN145\u{1F}approve.asl.json\u{1F}Review")])
        #expect(try codeClimateFingerprints(report) == [StableHash.hex128("finding\u{1F}SFN145\u{1F}approve.asl.json\u{1F}Approve"),
                                                        StableHash.hex128("finding\u{1F}SFN145\u{1F}approve.asl.json\u{1F}Review")])
    }

    /// The display name qualified (`team-a/approve`, as when another app shares the name): same
    /// fingerprints. The id changed (the file moved): new ones.
    @Test func aRenamedMachineKeepsItsFingerprints() throws {
        let before = try report()
        var renamed = before
        renamed.stateMachines[0].name = "team-a/approve"
        for index in renamed.stateMachines[0].findings.indices { renamed.stateMachines[0].findings[index].machine = "team-a/approve" }
        #expect(try sarifFingerprints(renamed) == sarifFingerprints(before))
        #expect(try codeClimateFingerprints(renamed) == codeClimateFingerprints(before))
        var moved = before
        moved.stateMachines[0].id = "flows/approve.asl.json"
        #expect(Set(try sarifFingerprints(moved)).isDisjoint(with: try sarifFingerprints(before)))
        #expect(Set(try codeClimateFingerprints(moved)).isDisjoint(with: try codeClimateFingerprints(before)))
    }

    /// Two machines named `approve` in different files (a merged report, or names no qualifier told
    /// apart): four findings, four SARIF fingerprints (by name they were two, each twice). Code
    /// Climate's are those of each machine alone, not numbered by their order in the report.
    @Test func machinesSharingANameDoNotCollide() throws {
        let single = try report()
        var other = single.stateMachines[0]
        other.id = "team-b/approve.asl.json"
        var both = single
        both.stateMachines.append(other)
        #expect(Set(try sarifFingerprints(both)).count == 4)
        let climate = try codeClimateFingerprints(both)
        #expect(Set(climate).count == 4)
        #expect(Array(climate.prefix(2)) == (try codeClimateFingerprints(single)))
        #expect(climate[2] == StableHash.hex128("finding\u{1F}SFN145\u{1F}team-b/approve.asl.json\u{1F}Approve"))
    }
}
