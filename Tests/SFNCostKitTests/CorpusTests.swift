import Foundation
import Testing
@testable import SFNCostKit

/// Every real-world definition in Tests/Corpus/asl loads and analyses with default assumptions,
/// without a crash, a trap or a hang; the ones AWS itself would reject fail with a located error.
@Suite struct CorpusTests {
    static let corpusDirectory = Fixtures.corpus("asl")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json") || $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }()

    /// Definitions that are not valid ASL, with the reason: these must fail with a located error.
    static let invalid: [String: String] = [
        // "QueryLanguage": "JSONata" is written inside "States", where AWS expects only states.
        "step-functions-workflows-collection__shared-fallback-state-jsonata__statemachine__statemachine.asl.json": "ASL.NotAnObject",
    ]

    @Test func corpusIsPresent() {
        // MANIFEST.tsv: 271 ASL definitions.
        #expect(Self.files.count == 271)
    }

    @Test(arguments: files)
    func loadsAndAnalyses(_ name: String) throws {
        let path = (Self.corpusDirectory as NSString).appendingPathComponent(name)
        let collected = InputCollector.collect([path])
        if let code = Self.invalid[name] {
            #expect(collected.machines.isEmpty)
            let diagnostic = try #require(collected.failures.first?.diagnostics.first)
            #expect(diagnostic.code == code)
            #expect((diagnostic.location?.line ?? 0) > 0)
            return
        }
        #expect(collected.failures.isEmpty, "\(collected.failures)")
        let source = try #require(collected.machines.first)
        let analysis = MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes,
                                               profile: UsageProfile())
        // Expected figures are finite with the default odds (every Choice branch equally likely).
        #expect(analysis.expected.transitions.isFinite && analysis.expected.transitions >= 1)
        #expect(analysis.expected.events >= Double(HistoryEventModel.execution + 1))
        // A worst case is either a number at least the expected one, or unbounded with a loop named.
        if let worst = analysis.worst.transitions.value {
            #expect(worst.double + 1e-9 >= analysis.expected.transitions)
        } else {
            #expect(analysis.root.problems.contains { $0.kind == .unboundedLoop })
        }
        let report = ReportBuilder(prices: PriceTable.embedded().prices(for: "us-east-1")!, origin: "test",
                                   freeTier: false, toolVersion: "test").build([analysis])
        // The JSON report encodes (no NaN or infinity reaches the encoder).
        _ = try JSONRenderer.render(report)
    }
}
