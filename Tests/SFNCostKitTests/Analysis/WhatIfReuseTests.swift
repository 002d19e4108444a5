import Foundation
import Testing
@testable import SFNCostKit

/// The what-if analyses again only the scopes that hold the changed Map (issue 13), and runs the
/// rules only when there is an error to resolve: each shortcut against the general path it stands
/// in for, on generated machines with nested scopes.
@Suite struct WhatIfReuseTests {
    static let seeds: [UInt64] = Array(1...120)

    static var builder: ReportBuilder {
        ReportBuilder(prices: PriceTable.embedded().prices(for: "us-east-1")!, origin: "test", freeTier: false, toolVersion: "test")
    }

    /// Every figure of a scope, its states and nested scopes, as text (Doubles to the last bit).
    static func describe(_ scope: ScopeAnalysis) -> String {
        var text = "\(scope.label) \(scope.expected) \(scope.worst) \(scope.failureProbability.bitPattern) \(scope.failures)"
        for measure in Measure.allCases { text += " \(measure): \(scope.worstPaths[measure] ?? [])" }
        text += " \(scope.problems)\n"
        for figures in scope.states {
            text += "  \(figures.state.name) \(figures.expectedVisits.bitPattern) \(figures.perVisit)"
            text += " \(String(describing: figures.perVisitWorstTransitions)) \(String(describing: figures.perVisitWorstEvents))"
            text += " \(String(describing: figures.perVisitWorstSeconds)) \(figures.worstVisits) \(String(describing: figures.fanout))"
            text += " \(figures.childRunsPerVisit.bitPattern) \(String(describing: figures.attempts))\n"
            for child in figures.children { text += describe(child) }
        }
        return text
    }

    static func describe(_ analysis: MachineAnalysis) -> String {
        "\(analysis.name) \(analysis.declaredType) \(analysis.executions) \(analysis.expected) \(analysis.worst) "
            + "\(analysis.expressMemoryMB) \(analysis.payloadKB) \(analysis.definitionBytes) \(analysis.expressBlockers.map(\.reason))\n"
            + describe(analysis.root)
    }

    static func distributed(_ machine: StateMachine, _ name: String, _ childType: WorkflowType) -> StateMachine {
        machine.replacingState(named: name) { state in
            var copy = state
            if case .map(var spec) = state.kind {
                spec.mode = .distributed(childType: childType)
                copy.kind = .map(spec)
            }
            return copy
        }
    }

    /// `reanalyze` gives every figure `analyze` gives for the changed machine (assumptions aside:
    /// a what-if shows none).
    @Test func reanalysisIsTheFullAnalysis() throws {
        var compared = 0, nested = 0
        for seed in Self.seeds {
            let generated = NestedRandomMachine.make(seed: seed)
            let machine = try Fixtures.machine(generated.definitionJSON)
            let profile = try Fixtures.profile(generated.profileYAML)
            let before = MachineAnalyzer.analyze(machine, name: "test", definitionBytes: 1000, profile: profile)
            for name in generated.inlineMaps {
                for childType in [WorkflowType.express, .standard] {
                    let changed = Self.distributed(machine, name, childType)
                    let full = MachineAnalyzer.analyze(changed, name: "test", definitionBytes: 1000, profile: profile)
                    let reused = MachineAnalyzer.reanalyze(changed, replacing: name, before: before)
                    #expect(Self.describe(reused) == Self.describe(full), "seed \(seed), Map \(name)")
                    compared += 1
                    if name.contains("i") || name.contains("b") { nested += 1 }
                }
            }
        }
        // Enough Maps, nested ones among them, for the comparison to mean something.
        #expect(compared > 100)
        #expect(nested > 20)
    }

    /// A change to a Map changes the figures (else the comparison above would prove little).
    @Test func theChangeChangesTheFigures() throws {
        var differing = 0
        for seed in Self.seeds.prefix(40) {
            let generated = NestedRandomMachine.make(seed: seed)
            let machine = try Fixtures.machine(generated.definitionJSON)
            let profile = try Fixtures.profile(generated.profileYAML)
            let before = MachineAnalyzer.analyze(machine, name: "test", definitionBytes: 1000, profile: profile)
            for name in generated.inlineMaps {
                let reused = MachineAnalyzer.reanalyze(Self.distributed(machine, name, .express), replacing: name, before: before)
                if Self.describe(reused) != Self.describe(before) { differing += 1 }
            }
        }
        #expect(differing > 20)
    }

    /// The what-if as it was: the whole changed machine analysed again, every rule run.
    static func oracleAlternatives(for analysis: MachineAnalysis, source: MachineSource, profile: UsageProfile,
                                   builder: ReportBuilder, before: MachineReport) -> [WhatIf] {
        let maps = MapModeWhatIf.inlineMaps(in: analysis.root).sorted { $0.events > $1.events }.prefix(MapModeWhatIf.limit)
        guard !maps.isEmpty else { return [] }
        let errorsBefore = Set(before.findings.filter { $0.severity == .error }.map(\.rule))
        let costAlone = builder.declaredCostAlone(analysis)
        return maps.map { candidate in
            let childType: WorkflowType = candidate.expressCanRun ? .express : .standard
            let changed = distributed(source.machine, candidate.state.name, childType)
            let after = MachineAnalyzer.analyze(changed, name: source.name, definitionBytes: source.definitionBytes,
                                                profile: profile, templateType: source.declaredType, aliases: source.aliases,
                                                id: source.id, scheduled: nil)
            let figures = builder.whatIfFigures(after)
            return WhatIf(change: "Map '\(candidate.state.name)' as a Distributed Map with \(childType.rawValue) child executions",
                          state: candidate.state.name, line: candidate.state.location.line, column: candidate.state.location.column,
                          monthlyCostBefore: costAlone.map(Money.init), monthlyCostAfter: figures.declaredCost.map(Money.init),
                          worstHistoryEventsAfter: figures.worstHistoryEvents,
                          worstDurationSecondsAfter: figures.worstDurationSeconds,
                          resolves: errorsBefore.subtracting(figures.errorRules).sorted())
        }
    }

    static func bytes<T: Encodable>(_ value: T) -> [UInt8] { PrettyJSONEncoder.encode(value, trailingNewline: false) ?? [] }

    /// The what-if's alternatives are those of the general path, resolved errors included.
    @Test func alternativesAreTheOracles() throws {
        var alternatives = 0, withErrorsBefore = 0, resolving = 0
        for seed in Self.seeds {
            let generated = NestedRandomMachine.make(seed: seed)
            let machine = try Fixtures.machine(generated.definitionJSON)
            let profile = try Fixtures.profile(generated.profileYAML)
            let source = MachineSource(name: "test", machine: machine, definitionBytes: 1000, declaredType: nil, diagnostics: [])
            let analysis = MachineAnalyzer.analyze(machine, name: "test", definitionBytes: 1000, profile: profile)
            guard analysis.declaredType == .standard else { continue }
            let before = Self.builder.build([analysis]).stateMachines[0]
            let fast = MapModeWhatIf.alternatives(for: analysis, source: source, builder: Self.builder, before: before)
            let oracle = Self.oracleAlternatives(for: analysis, source: source, profile: profile, builder: Self.builder, before: before)
            #expect(Self.bytes(fast) == Self.bytes(oracle), "seed \(seed)")
            alternatives += fast.count
            if !fast.isEmpty, before.findings.contains(where: { $0.severity == .error }) { withErrorsBefore += 1 }
            resolving += fast.filter { !$0.resolves.isEmpty }.count
        }
        #expect(alternatives > 50)
        // Machines with errors before the change, and changes that resolve one, are among them.
        #expect(withErrorsBefore > 5)
        #expect(resolving > 0)
    }

    /// A scope without the changed state is the same value, shared rather than rebuilt.
    @Test func replacingStateKeepsUntouchedScopes() throws {
        let machine = try Fixtures.machine("""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
          {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}}}}]}}}
        """)
        #expect(machine.holdsState(named: "B"))
        #expect(machine.holdsState(named: "M"))
        #expect(!machine.holdsState(named: "C"))
        #expect(!machine.holdsState(named: "p"))
        let changed = Self.distributed(machine, "M", .express)
        guard case .parallel(let branches) = changed.states[0].kind, case .map(let spec) = branches[1].states[0].kind else {
            Issue.record("shape"); return
        }
        #expect(spec.mode == .distributed(childType: .express))
        #expect(branches[0].states.map(\.name) == ["A"])
        // Nothing named so: the machine as it was.
        let same = machine.replacingState(named: "Z") { state in Issue.record("no state is named Z"); return state }
        #expect(same.states.count == 1)
    }
}
