import Foundation
import Testing
@testable import SFNCostKit

/// The report written by its types' own members (`JSONTextWriter`, `ReportJSONText`) is the text of
/// Foundation's `JSONEncoder` (`.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`) over the
/// types' `Codable` conformances, then `DisplayText.jsonSafe`, byte for byte. Foundation's encoder is
/// the reference, called directly: a member missing from a writer, written out of key order, or a
/// value written differently fails here.
@Suite struct ReportJSONTextTests {
    /// The direct writer's text of the report (with `render`'s final newline); nil if it declined.
    static func direct(_ report: Report) -> String? {
        JSONRenderer.textBytes(report).map { String(decoding: $0, as: UTF8.self) }
    }

    static func expectSame(_ report: Report, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let expected = try PrettyJSONEncoderTests.reference(report) + "\n"
        let actual = try #require(direct(report), "the direct writer declined", sourceLocation: sourceLocation)
        // Compared as bytes: String's == is canonical equivalence (`é` == `e\u{301}`).
        if !actual.utf8.elementsEqual(expected.utf8) {
            let difference = zip(actual.utf8, expected.utf8).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actual.utf8.count, expected.utf8.count)
            let context = { (text: String) in String(decoding: text.utf8.dropFirst(max(0, difference - 120)).prefix(240), as: UTF8.self) }
            Issue.record("differs at byte \(difference):\n--- direct\n\(context(actual))\n--- Foundation\n\(context(expected))",
                         sourceLocation: sourceLocation)
        }
        // And the public entry point.
        #expect(try JSONRenderer.render(report).utf8.elementsEqual(expected.utf8), sourceLocation: sourceLocation)
    }

    // MARK: Reports built through the library

    /// The report `estimate Tests/Corpus --format json` writes: 400 machines, so written in parts on
    /// several threads (`partRanges`) and spliced.
    @Test func corpusReport() throws {
        let report = try #require(Estimator.run(.init(paths: [Fixtures.path("Tests/Corpus")])).report)
        #expect(MachineReport.partRanges(count: report.stateMachines.count, cores: 1).count > 1)
        try Self.expectSame(report)
    }

    @Test(arguments: PrettyJSONEncoderTests.examples)
    func exampleReports(_ name: String) throws {
        let report = try #require(PrettyJSONEncoderTests.exampleOutcome(name).report)
        try Self.expectSame(report)
        var budgeted = report
        budgeted.budgets = BudgetLimits(monthly: Money(Decimal(string: "12.5")!), maxIncrease: "10%", monthlySource: "usage.yml:3:5",
                                        machines: [.init(machine: report.stateMachines[0].name, monthly: Money(1), entry: "*", source: "usage.yml:9:7")])
        try Self.expectSame(budgeted)
        let plain = try #require(Estimator.run(.init(paths: [Fixtures.path("examples/\(name)")], region: "eu-west-1", freeTier: true)).report)
        try Self.expectSame(plain)
    }

    @Test func hostileNamesReport() throws {
        let directory = try HostileInputs.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try #require(Estimator.run(.init(paths: [directory.path])).report)
        try Self.expectSame(report)
    }

    // MARK: Edge values

    static let posix = Locale(identifier: "en_US_POSIX")

    /// Every optional nil, every array empty, `dateKind` absent (omitted, not null).
    static func emptied(_ report: Report) -> Report {
        var report = report
        report.diagnostics = []
        report.budgets = nil
        report.pricing.dateKind = nil
        report.pricing.note = nil
        report.pricing.rows = []
        report.total.notes = []
        for index in report.stateMachines.indices {
            var machine = report.stateMachines[index]
            machine.assumptions = []
            machine.findings = []
            machine.suppressedFindings = []
            machine.whatIf = nil
            machine.id = nil
            machine.executionsOrigin = nil
            machine.stateVisits = nil
            machine.perExecution = PerExecution(transitions: Figure(expected: nil, worstCase: nil),
                                                historyEvents: Figure(expected: nil, worstCase: nil),
                                                durationSeconds: Figure(expected: nil, worstCase: nil),
                                                expressChildRequests: nil, expressChildGBSeconds: nil)
            machine.monthly.declaredCost = nil
            machine.monthly.declaredCostTooLarge = nil
            machine.monthly.standard = StandardMonthly(transitions: nil, cost: nil, priceRow: "", expressChildCost: nil, costTooLarge: nil)
            machine.monthly.express = ExpressMonthly(requests: nil, gbSeconds: nil, memoryMB: 0, billedDurationSeconds: nil, requestCost: nil,
                                                     durationCost: nil, cost: nil, priceRows: [], usable: false, blockers: [], costTooLarge: nil)
            machine.recommendation.breakEvenDurationSeconds = nil
            machine.recommendation.breakEvenTransitions = nil
            report.stateMachines[index] = machine
        }
        return report
    }

    /// Names no input would be expected to hold: controls, escapes, `</`, workflow commands,
    /// bidi controls, non-ASCII, emoji, the empty string.
    static let hostileNames = [
        "", "</script>", "a</b", "::error file=x::y", "##[group]x", "tab\tnew\nline\r", "\u{0}\u{1}\u{1f}\u{7f}",
        "\u{1b}[31mred\u{202e}", "\u{80}\u{85}\u{9f}\u{a0}", "\u{2028}\u{2029}\u{feff}\u{200e}", "é", "e\u{301}", "日本語",
        "😀👩‍👩‍👧", "\"quoted\" \\back\\slash/", "\u{10ffff}", "${~}", "a/b/c",
    ]

    /// Every optional set, every array filled, with extreme numbers and hostile strings.
    static func filled(_ report: Report) -> Report {
        var report = report
        let names = hostileNames
        let doubles: [Double] = [0, -0.0, 1, 0.1, 1e-7, 1e21, 1e22, 123456789.123, 9_007_199_254_740_994, .greatestFiniteMagnitude,
                                 -.greatestFiniteMagnitude, .leastNonzeroMagnitude, 1.8446744073709552e19, 2.5e198, 1.0 / 3.0]
        let decimals = ["0", "-0", "0.00000001", "0.000000005", "0.000000004999", "-12.345678915", "1e30", "-1e30", "1e-30",
                        "123456789012345678901234567890.12345678", "99999999999999999999999999999999999999", "1e36", "18446744073709551615"]
            .map { Money(Decimal(string: $0, locale: posix)!) } + [Money(Decimal.nan), Money(Decimal.leastNonzeroMagnitude)]
        let counts: [UInt64] = [0, 1, 9, 10, 100, 4_000, 9_007_199_254_740_993, 10_000_000_000_000_000_000, 1_000_001_000_001_000_001, UInt64.max]
        func name(_ index: Int) -> String { names[index % names.count] }
        func double(_ index: Int) -> Double { doubles[index % doubles.count] }
        func money(_ index: Int) -> Money { decimals[index % decimals.count] }
        func flag(_ index: Int) -> Bool { index % 2 == 0 }
        func figure(_ index: Int) -> Figure {
            Figure(expected: double(index), worstCase: double(index + 1), worstCaseIsUpperBound: flag(index), worstCaseTooLarge: !flag(index),
                   worstCaseCount: index % 3 == 0 ? counts[index % counts.count] : nil, expectedTooLarge: flag(index + 1))
        }
        let location = SourceLocation(file: name(3), line: Int.max, column: Int.min)
        report.tool.name = name(1)
        report.region = name(2)
        report.currency = name(3)
        report.diagnostics = names.indices.map { Diagnostic([.note, .warning, .error][$0 % 3], name($0), name($0 + 1), at: $0 % 2 == 0 ? location : nil) }
        report.budgets = BudgetLimits(monthly: money(3), maxIncrease: name(4), monthlySource: name(5), maxIncreaseSource: name(6),
                                      machines: names.indices.map { .init(machine: name($0), monthly: money($0), entry: name($0 + 2), source: name($0 + 3)) })
        report.pricing.dateKind = name(7)
        report.pricing.note = name(8)
        report.pricing.location = name(9)
        report.pricing.rows = names.indices.map { PriceRowInfo(id: name($0), unitPrice: name($0 + 1), unit: name($0 + 2), confidence: name($0 + 3),
                                                               fromGBSeconds: flag($0) ? name($0 + 4) : nil) }
        report.total.notes = names
        report.total.stateMachines = Int.min
        report.total.declaredCost = money(5)
        report.total.findings = FindingCounts(error: Int.max, warning: 0, note: -1, suppressed: 7)
        for index in report.stateMachines.indices {
            var machine = report.stateMachines[index]
            let finding = { (offset: Int) in
                var finding = Finding(rule: RuleCatalog.all[offset % RuleCatalog.all.count], message: name(offset), at: location,
                                      state: flag(offset) ? name(offset + 1) : nil, machine: name(offset + 2))
                finding.suppression = flag(offset + 1) ? name(offset + 3) : nil
                return finding
            }
            machine.name = name(index)
            machine.file = name(index + 1)
            machine.line = index
            machine.executionsPerMonth = double(index)
            machine.executionsSource = name(index + 2)
            machine.assumptions = names.indices.map { Assumption(state: flag($0) ? name($0) : nil, field: name($0 + 1), value: name($0 + 2), reason: name($0 + 3)) }
            machine.findings = (0..<5).map { finding(index + $0) }
            machine.suppressedFindings = (0..<3).map { finding(index + 7 + $0) }
            machine.whatIf = (0..<3).map {
                WhatIf(change: name($0), state: name($0 + index), line: $0, column: -$0, monthlyCostBefore: money($0),
                       monthlyCostAfter: flag($0) ? money($0 + 1) : nil, worstHistoryEventsAfter: flag($0) ? nil : double($0),
                       worstDurationSecondsAfter: double($0 + 2), resolves: Array(names.prefix($0 * 4)))
            }
            machine.id = name(index + 5)
            machine.executionsOrigin = [ExecutionsOrigin.profile, .schedule, .default][index % 3]
            machine.stateVisits = names.indices.map { StateVisits(scope: name($0), state: name($0 + index), expectedVisits: flag($0) ? double($0) : nil) }
            machine.perExecution = PerExecution(transitions: figure(index), historyEvents: figure(index + 1), durationSeconds: figure(index + 2),
                                                expressChildRequests: figure(index + 3), expressChildGBSeconds: figure(index + 4))
            machine.monthly.declaredCost = money(index)
            machine.monthly.declaredCostTooLarge = flag(index)
            machine.monthly.standard = StandardMonthly(transitions: double(index), cost: money(index + 1), priceRow: name(index),
                                                       expressChildCost: money(index + 2), costTooLarge: flag(index))
            machine.monthly.express = ExpressMonthly(requests: double(index + 1), gbSeconds: double(index + 2), memoryMB: Int.max,
                                                     billedDurationSeconds: double(index + 3), requestCost: money(index + 3),
                                                     durationCost: money(index + 4), cost: money(index + 5), priceRows: names,
                                                     usable: flag(index), blockers: names, costTooLarge: !flag(index))
            machine.recommendation.reason = name(index + 3)
            machine.recommendation.monthlySaving = money(index + 6)
            machine.recommendation.breakEvenDurationSeconds = double(index + 4)
            machine.recommendation.breakEvenTransitions = double(index + 5)
            machine.type = flag(index) ? .standard : .express
            report.stateMachines[index] = machine
        }
        return report
    }

    static func baseReport() throws -> Report {
        try #require(PrettyJSONEncoderTests.exampleOutcome("daily-ingest").report)
    }

    @Test func emptyAndNilValues() throws {
        let report = Self.emptied(try Self.baseReport())
        try Self.expectSame(report)
        let direct = try #require(Self.direct(report))
        #expect(!direct.contains("dateKind"))  // omitted when nil, as the synthesized Codable does
        #expect(direct.contains("\"whatIf\" : null"))
        var none = report
        none.stateMachines = []
        try Self.expectSame(none)
    }

    @Test func hostileAndExtremeValues() throws {
        let report = Self.filled(try Self.baseReport())
        try Self.expectSame(report)
    }

    /// Many machines of every kind: written in parts on several threads; the splice is the text of
    /// the whole, whatever the machines' sizes.
    @Test func manyMachinesInParts() throws {
        let base = try Self.baseReport()
        let corpus = try #require(Estimator.run(.init(paths: [Fixtures.corpus("asl")])).report)
        for count in [0, 1, 2, 15, 16, 31, 32, 33, 100, 257] {
            var report = base
            report.stateMachines = (0..<count).map { corpus.stateMachines[$0 % corpus.stateMachines.count] }
            if count % 2 == 1 { report = Self.filled(report) }
            if count == 100 { report = Self.emptied(report) }
            try Self.expectSame(report)
        }
    }

    @Test func partRangesCoverEveryMachineOnceInOrder() {
        for cores in [1, 2, 3, 8, 64] {
            for count in [0, 1, 15, 16, 31, 32, 33, 64, 100, 401, 10_000] {
                let parts = MachineReport.partRanges(count: count, cores: cores)
                #expect(parts.first?.lowerBound == 0 && parts.last?.upperBound == count)
                #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                #expect(parts.allSatisfy { !$0.isEmpty } || count == 0)
                #expect(parts.count == 1 || parts.allSatisfy { $0.count >= MachineReport.machinesPerPart })
            }
        }
    }

    /// A NaN or infinite figure: Foundation throws (naming the coding path); the direct writer
    /// declines wherever the value stands, also in a part written on another thread, and `render`
    /// throws Foundation's error as before.
    @Test func nonFiniteFiguresAreLeftToFoundation() throws {
        let corpus = try #require(Estimator.run(.init(paths: [Fixtures.corpus("asl")])).report)
        for value in [Double.nan, .infinity, -.infinity] {
            for index in [0, corpus.stateMachines.count / 2, corpus.stateMachines.count - 1] {
                var report = corpus
                report.stateMachines[index].perExecution.durationSeconds.expected = value
                #expect(Self.direct(report) == nil)
                #expect(throws: EncodingError.self) { try JSONRenderer.render(report) }
            }
        }
        var report = corpus
        report.stateMachines[3].whatIf = [WhatIf(change: "c", state: "s", line: 1, column: 1, monthlyCostBefore: nil, monthlyCostAfter: nil,
                                                 worstHistoryEventsAfter: nil, worstDurationSecondsAfter: .nan, resolves: [])]
        #expect(Self.direct(report) == nil)
        #expect(throws: EncodingError.self) { try JSONRenderer.render(report) }
    }
}
