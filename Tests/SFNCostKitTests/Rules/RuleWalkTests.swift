import Foundation
import Testing
@testable import SFNCostKit

/// `RuleEngine.findings` walks the states once for every check and deduplicates by neighbours
/// (issue 13): against each check run on its own and a set of every finding, as it was.
@Suite struct RuleWalkTests {
    /// The general path as it was: every check on its own, the first of equal findings by a set,
    /// then a sort by location and rule.
    static func oracle(_ analysis: MachineAnalysis, region: String = Estimator.defaultRegion) -> [Finding] {
        let context = RuleContext(region: region)
        var seen = Set<Finding>()
        return RuleEngine.checks.flatMap { $0(analysis, context) }
            .filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.rule) < ($1.location, $1.rule) }
    }

    @Test func oneWalkIsEveryCheckOnGeneratedMachines() throws {
        var findings = 0, rules = Set<String>()
        for seed in UInt64(1)...200 {
            let generated = NestedRandomMachine.make(seed: seed)
            let analysis = try Fixtures.analyze(generated.definitionJSON, profile: generated.profileYAML)
            let walked = RuleEngine.findings(for: analysis)
            #expect(walked == Self.oracle(analysis), "seed \(seed)")
            #expect(RuleWalk.findings(analysis, RuleContext(region: Estimator.defaultRegion)) != nil, "seed \(seed): the walk answered")
            findings += walked.count
            rules.formUnion(walked.map(\.rule))
        }
        // Most checks find something on these machines (the walk's lists are all exercised).
        #expect(findings > 300)
        for rule in ["SFN101", "SFN102", "SFN114", "SFN121", "SFN131", "SFN132", "SFN143", "SFN144", "SFN145", "SFN146", "SFN151", "SFN153"] {
            #expect(rules.contains(rule), "\(rule) never found")
        }
    }

    /// The corpus: real machines, each check's findings where they fall.
    @Test func oneWalkIsEveryCheckOnTheCorpus() {
        let outcome = Estimator.run(.init(paths: [Fixtures.corpus("asl"), Fixtures.corpus("templates")]))
        #expect(outcome.analyses.count > 200)
        var findings = 0
        for analysis in outcome.analyses {
            let walked = RuleEngine.findings(for: analysis, region: "eu-west-1")
            #expect(walked == Self.oracle(analysis, region: "eu-west-1"), "\(analysis.name)")
            findings += walked.count
        }
        #expect(findings > 100)
    }

    /// Lists with equal findings, findings equal in location and rule but not in message, and
    /// locations that sort by file, line and column in turn.
    @Test func neighbourDeduplicationIsTheSet() {
        var random = RandomMachine.Generator(state: 99)
        let rules = [RuleCatalog.unreachableState, RuleCatalog.retryStorm, RuleCatalog.historyLimit]
        for _ in 0..<300 {
            let count = random.int(0...12)
            let list = (0..<count).map { _ in
                Finding(rule: rules[random.int(0...2)], message: ["a", "b", "é", "e\u{301}"][random.int(0...3)],
                        at: SourceLocation(file: ["x.json", "a/y.json", "é.json", "e\u{301}.json"][random.int(0...3)],
                                           line: random.int(1...3), column: random.int(1...2)),
                        state: ["S", nil][random.int(0...1)], machine: "m")
            }
            var seen = Set<Finding>()
            let expected = list.filter { seen.insert($0).inserted }.sorted { ($0.location, $0.rule) < ($1.location, $1.rule) }
            #expect(RuleEngine.ordered(list) == expected)
        }
    }

    /// An analysis whose scopes do not stand state for state with its machine is left to the
    /// general path.
    @Test func misalignedAnalysisTakesTheGeneralPath() throws {
        var analysis = try Fixtures.analyze("""
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true},
          "C": {"Type": "Wait", "Seconds": 40000000, "End": true}}}
        """)
        analysis.root.states.removeLast()
        #expect(RuleWalk.findings(analysis, RuleContext(region: "us-east-1")) == nil)
        // The general path still names the unreachable Wait and its wait.
        let rules = RuleEngine.findings(for: analysis).map(\.rule)
        #expect(rules.contains("SFN143"))
        #expect(rules.contains("SFN114"))
    }
}
