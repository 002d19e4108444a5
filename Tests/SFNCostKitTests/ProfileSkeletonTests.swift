import Foundation
import Testing
@testable import SFNCostKit

/// `sfncost profile` prints a starting profile: it must load as a profile and name only real states.
/// It never bounds a loop by itself: its `max_visits` lines are commented out, so an unedited skeleton
/// leaves every loop unbounded (SFN151), and uncommenting them bounds every loop.
@Suite struct ProfileSkeletonTests {
    /// The skeleton with its `# max_visits` lines uncommented, as a user who sets the bounds would.
    private static func uncommentingBounds(_ text: String) -> String {
        text.replacingOccurrences(of: "# max_visits", with: "max_visits")
    }

    private static func analyze(_ source: MachineSource, _ profile: UsageProfile) -> MachineAnalysis {
        MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes,
                                profile: profile, templateType: source.declaredType)
    }

    @Test func skeletonOfTheCorpusIsAValidProfile() throws {
        let directory = Fixtures.corpus("asl")
        let collected = InputCollector.collect([directory])
        let text = ProfileSkeleton.render(collected.machines, region: "us-east-1")
        #expect(!text.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("max_visits") })
        let (profile, warnings) = try ProfileLoader.decode(try SourceDocument.parse(text, file: "skeleton.yml"), file: "skeleton.yml")
        #expect(warnings.isEmpty, "\(warnings.prefix(3))")
        #expect(profile.machines.count == collected.machines.count)
        // Every state it names exists, and no key it sets is one that does nothing.
        #expect(ProfileChecks.check(profile, machines: collected.machines).filter { $0.severity >= .warning }.isEmpty)

        // Unedited, it bounds nothing: the machines unbounded without a profile stay unbounded, each
        // with an SFN151 finding. 67 corpus machines have a loop that needs max_visits.
        var unbounded: [String] = []
        for source in collected.machines {
            let bare = Self.analyze(source, UsageProfile())
            let unedited = Self.analyze(source, profile)
            #expect((bare.worst.transitions.value == nil) == (unedited.worst.transitions.value == nil), "\(source.name)")
            if unedited.worst.transitions.value == nil {
                unbounded.append(source.name)
                #expect(RuleEngine.findings(for: unedited).contains { $0.rule == "SFN151" }, "\(source.name)")
            }
        }
        #expect(unbounded.count == 67)

        // With its max_visits lines uncommented, every loop of the corpus is bounded.
        let edited = Self.uncommentingBounds(text)
        let (bounded, editedWarnings) = try ProfileLoader.decode(try SourceDocument.parse(edited, file: "edited.yml"), file: "edited.yml")
        #expect(editedWarnings.isEmpty, "\(editedWarnings.prefix(3))")
        for source in collected.machines {
            let analysis = Self.analyze(source, bounded)
            #expect(analysis.worst.transitions.value != nil, "\(source.name)")
            #expect(!RuleEngine.findings(for: analysis).contains { $0.rule == "SFN151" }, "\(source.name)")
        }
    }

    /// The either-or example has two polling loops without a bound (one per Parallel branch). The
    /// unedited skeleton leaves both unbounded; with its max_visits lines uncommented both are bounded.
    @Test func skeletonBoundsTheLoopsOnlyOnceUncommented() throws {
        let path = Fixtures.corpus("asl/step-functions-workflows-collection__either-or-parallel-pattern__statemachine__statemachine.asl.json")
        let collected = InputCollector.collect([path])
        let source = try #require(collected.machines.first)
        let text = ProfileSkeleton.render([source], region: "us-east-1")

        let unedited = Self.analyze(source, try Fixtures.profile(text))
        #expect(unedited.worst.transitions.value == nil)
        #expect(unedited.root.problems.filter { $0.kind == .unboundedLoop }.count == 2)
        #expect(RuleEngine.findings(for: unedited).contains { $0.rule == "SFN151" })

        let edited = Self.analyze(source, try Fixtures.profile(Self.uncommentingBounds(text)))
        #expect(edited.worst.transitions.value != nil)
        #expect(!edited.root.problems.contains { $0.kind == .unboundedLoop })
    }

    /// A Choice with three targets, a Task with Retry, an inline Map and a Parallel:
    /// - odds 1/3 to 4 places are 0.3333 twice, and the last target takes 1 − 0.6666 = 0.3334, so they
    ///   add up to exactly 1;
    /// - the Task's error line names the first error of its first retrier (States.Timeout);
    /// - the Map gets items (default 10), item_kb and result_kb; the Parallel result_kb;
    /// - the machine gets memory_mb 64, saying that AWS's estimate is used otherwise.
    @Test func skeletonListsEveryKeyThatMatters() throws {
        let machine = try Fixtures.machine("""
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [
              {"Variable": "$.x", "NumericEquals": 1, "Next": "T"},
              {"Variable": "$.x", "NumericEquals": 2, "Next": "M"}], "Default": "P"},
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                "Retry": [{"ErrorEquals": ["States.Timeout", "Lambda.ServiceException"]}, {"ErrorEquals": ["States.ALL"]}]},
          "M": {"Type": "Map", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true},
          "P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "End": true}}}
        """)
        let source = MachineSource(name: "m", machine: machine, definitionBytes: 500, declaredType: nil, diagnostics: [])
        let text = ProfileSkeleton.render([source], region: "us-east-1")
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("# branches: {T: 0.3333, M: 0.3333, P: 0.3334}"), "\(text)")
        #expect(lines.contains { $0.hasPrefix("# error: States.Timeout ") })
        #expect(lines.contains { $0.hasPrefix("# memory_mb: 64 ") && $0.contains("AWS's estimate") })
        #expect(lines.contains("# items: {expected: 10, max: 10}"))
        #expect(lines.filter { $0.hasPrefix("# item_kb: 1 ") }.count == 1)
        // One result_kb for the Map, one for the Parallel.
        #expect(lines.filter { $0.hasPrefix("# result_kb: 1 ") }.count == 2)

        // Uncommented, every line loads without a warning, and the odds add up to 1.
        let keys = ["executions", "type", "payload_kb", "memory_mb", "duration", "failure_rate", "error", "branches",
                    "items", "item_kb", "result_kb", "max_visits"]
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let indent = line.prefix { $0 == " " }
            guard keys.contains(where: { line.dropFirst(indent.count).hasPrefix("# \($0):") }) else { return String(line) }
            return String(indent + line.dropFirst(indent.count + 2))
        }.joined(separator: "\n")
        let (profile, warnings) = try ProfileLoader.decode(try SourceDocument.parse(uncommented, file: "all.yml"), file: "all.yml")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(ProfileChecks.check(profile, machines: [source]).filter { $0.severity >= .warning }.isEmpty)
        let usage = try #require(profile.machines.first?.usage)
        #expect(usage.memoryMB?.value == 64)
        let odds = try #require(usage.states["C"]?.branches?.value)
        #expect(abs(odds.values.reduce(0, +) - 1) < 1e-12)
        #expect(usage.states["T"]?.error?.value == "States.Timeout")
        #expect(usage.states["M"]?.itemKB?.value == 1 && usage.states["M"]?.resultKB?.value == 1)
        #expect(usage.states["P"]?.resultKB?.value == 1)
    }

    /// Equal odds to 4 places that add up to exactly 1 (checked in decimal, not in floating point):
    /// 1 target: 1; 2: 0.5 + 0.5; 3: 0.3333 × 2 + 0.3334; 7: 0.1429 × 6 = 0.8574, last 0.1426.
    @Test(arguments: [(1, ["1"]), (2, ["0.5", "0.5"]), (3, ["0.3333", "0.3333", "0.3334"]),
                      (7, ["0.1429", "0.1429", "0.1429", "0.1429", "0.1429", "0.1429", "0.1426"])])
    func equalOddsAddUpToOne(_ count: Int, _ expected: [String]) {
        let odds = ProfileSkeleton.equalOdds(count)
        #expect(odds == expected)
        #expect(odds.compactMap { Decimal(string: $0) }.reduce(0, +) == 1)
    }
}
