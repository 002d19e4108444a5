import Foundation
import Testing
@testable import SFNCostKit

/// `sfncost profile` names the keys of issue #11 where they matter: `failed_attempts` on Tasks,
/// `failure_rate` on Maps, Parallels and Waits timed at run time, the Distributed Map sizes a
/// definition sets at run time, and `error` for a Fail state whose ErrorPath decides it. Uncommented,
/// they load without a warning and none is reported as having no effect.
@Suite struct ProfileKeysSkeletonTests {
    static let definition = """
    {"StartAt": "Fan", "States": {
      "Fan": {"Type": "Map", "Next": "Broken",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "MaxItemsPath": "$.max"}},
        "ItemBatcher": {"MaxItemsPerBatchPath": "$.batch", "MaxInputBytesPerBatchPath": "$.bytes"},
        "ToleratedFailurePercentagePath": "$.pct", "ToleratedFailureCountPath": "$.count",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
          "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}},
      "Broken": {"Type": "Fail", "ErrorPath": "$.err"}}}
    """

    @Test func newKeysAreOfferedAndLoadCleanly() throws {
        let machine = try Fixtures.machine(Self.definition)
        let source = MachineSource(name: "m", machine: machine, definitionBytes: 500, declaredType: nil, diagnostics: [])
        let text = ProfileSkeleton.render([source], region: "us-east-1")
        let keys = DistributedMapSize.allCases.map(\.rawValue) + ["failed_attempts", "error"]
        for key in keys {
            #expect(text.contains("# \(key):"), "the skeleton does not offer '\(key)'")
        }
        // Uncomment the new keys (not failure_rate on Work, which is exclusive with failed_attempts).
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let indent = line.prefix { $0 == " " }
            let body = line.dropFirst(indent.count)
            guard keys.contains(where: { body.hasPrefix("# \($0):") }) else { return String(line) }
            return String(indent + body.dropFirst(2))
        }.joined(separator: "\n")
        let (profile, warnings) = try ProfileLoader.decode(try SourceDocument.parse(uncommented, file: "p.yml"), file: "p.yml")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(ProfileChecks.check(profile, machines: [source]).filter { $0.severity >= .warning }.isEmpty)
        let usage = try #require(profile.machines.first?.usage)
        #expect(usage.states["Fan"]?.mapSizes.count == 5)
        #expect(usage.states["Broken"]?.error?.value == "MyError")
        // With every size given, no size is assumed.
        let analysis = MachineAnalyzer.analyze(machine, name: "m", definitionBytes: 500, profile: profile)
        #expect(!analysis.assumptions.contains { assumption in DistributedMapSize.allCases.contains { $0.rawValue == assumption.field } })
    }

    /// A size key on a Map that fixes that size in the definition does nothing: a warning.
    @Test func sizeKeyOnAFixedSizeWarns() throws {
        let machine = try Fixtures.machine("""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemBatcher": {"MaxItemsPerBatch": 5},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
        """)
        let source = MachineSource(name: "m", machine: machine, definitionBytes: 500, declaredType: nil, diagnostics: [])
        let profile = try Fixtures.profile("""
        version: 1
        state_machines:
          m:
            states:
              M: {max_items_per_batch: 10}
        """)
        let warnings = ProfileChecks.check(profile, machines: [source])
        #expect(warnings.contains { $0.code == "Profile.UnusedKey" && $0.message.contains("max_items_per_batch") })
    }
}
