import Foundation
import Testing
@testable import SFNCostKit

/// `sfncost profile` prints a starting profile: it must load as a profile, name only real states,
/// and give each unbounded loop a bound.
@Suite struct ProfileSkeletonTests {
    @Test func skeletonOfTheCorpusIsAValidProfile() throws {
        let directory = (Fixtures.shared as NSString).appendingPathComponent("corpus/asl")
        let collected = InputCollector.collect([directory])
        let text = ProfileSkeleton.render(collected.machines, region: "us-east-1")
        let (profile, warnings) = try ProfileLoader.decode(try SourceDocument.parse(text, file: "skeleton.yml"), file: "skeleton.yml")
        #expect(warnings.isEmpty, "\(warnings.prefix(3))")
        #expect(profile.machines.count == collected.machines.count)
        // Every state it names exists, and no key it sets is one that does nothing.
        #expect(ProfileChecks.check(profile, machines: collected.machines).filter { $0.severity >= .warning }.isEmpty)
        // With its max_visits lines, every loop of the corpus (67 machines have some) is bounded.
        for source in collected.machines {
            let analysis = MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes, profile: profile)
            #expect(analysis.worst.transitions.value != nil, "\(source.name)")
        }
    }

    /// The either-or example has two polling loops without a bound (one per Parallel branch); with the
    /// skeleton's max_visits both are bounded and the worst case is a number.
    @Test func skeletonBoundsTheLoops() throws {
        let path = (Fixtures.shared as NSString).appendingPathComponent(
            "corpus/asl/step-functions-workflows-collection__either-or-parallel-pattern__statemachine__statemachine.asl.json")
        let collected = InputCollector.collect([path])
        let source = try #require(collected.machines.first)
        let before = MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes, profile: UsageProfile())
        #expect(before.worst.transitions.value == nil)
        let text = ProfileSkeleton.render([source], region: "us-east-1")
        let profile = try Fixtures.profile(text)
        let after = MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes, profile: profile)
        #expect(after.worst.transitions.value != nil)
        #expect(!after.root.problems.contains { $0.kind == .unboundedLoop })
    }
}
