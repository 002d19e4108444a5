import Foundation
import Testing
@testable import SFNCostKit

/// The report's per-machine parts (usage, findings, machine report) and the what-if run on every
/// core, and the Express shares' divisions are remembered: none of it may change a byte of the
/// report. Each test compares the fast path with the plain one on the whole corpus or on values
/// chosen to catch a wrong shortcut.
@Suite struct ParallelReportTests {
    /// The corpus, loaded and analysed once for the suite (a few seconds in a debug build).
    static let corpus: Estimator.Outcome = Estimator.run(.init(paths: [Fixtures.corpus("asl"), Fixtures.corpus("templates"),
                                                                       Fixtures.corpus("terraform")]))

    static var builder: ReportBuilder {
        ReportBuilder(prices: PriceTable.embedded().prices(for: "us-east-1")!, origin: "test", freeTier: false, toolVersion: "test")
    }

    static func bytes<T: Encodable>(_ value: T) -> [UInt8] { PrettyJSONEncoder.encode(value, trailingNewline: false) ?? [] }

    @Test func reportBuiltOnEveryCoreIsTheOneBuiltInOrder() {
        let analyses = Self.corpus.analyses
        // Hundreds of machines, with Express ones among them (so the mixed scenarios are computed):
        // a corpus that analysed nothing would compare equal and prove nothing.
        #expect(analyses.count > 271)
        #expect(analyses.contains { $0.declaredType == .express })
        let sequential = Self.builder.priced(analyses, parallel: false)
        let expected = Self.bytes(sequential.report)
        #expect(expected.count > 100_000)
        // Several parallel runs: a scheduling-dependent order would show in one of them.
        for _ in 0..<3 {
            let parallel = Self.builder.priced(analyses, parallel: true)
            #expect(Self.bytes(parallel.report) == expected)
            #expect(parallel.usages.map(\.expressGBSeconds) == sequential.usages.map(\.expressGBSeconds))
        }
        // The public entry point is the same report.
        #expect(Self.bytes(Self.builder.build(analyses)) == expected)
    }

    /// The what-if reuses the usage the report priced instead of pricing the machine again.
    @Test func whatIfFromTheReportsUsageIsTheWhatIfPricedAgain() {
        let outcome = Self.corpus
        let (report, usages) = Self.builder.priced(outcome.analyses)
        var alternatives = 0
        for index in outcome.analyses.indices where outcome.analyses[index].declaredType == .standard {
            let arguments = (outcome.analyses[index], outcome.sources[index], report.stateMachines[index])
            let reused = MapModeWhatIf.alternatives(for: arguments.0, source: arguments.1, builder: Self.builder,
                                                    before: arguments.2, usage: usages[index])
            let again = MapModeWhatIf.alternatives(for: arguments.0, source: arguments.1, builder: Self.builder,
                                                   before: arguments.2)
            #expect(Self.bytes(reused) == Self.bytes(again), "\(arguments.0.name)")
            alternatives += reused.count
        }
        // The corpus has dozens of inline Maps (70 alternatives when this was written).
        #expect(alternatives > 20)
    }

    /// The estimate's report, run again and again with its parts on every core, is the same bytes.
    @Test func estimateIsTheSameWhateverTheScheduling() {
        let paths = [Fixtures.corpus("asl")]
        let first = Estimator.run(.init(paths: paths)).report.map(Self.bytes) ?? []
        #expect(first.count > 100_000)
        for _ in 0..<3 {
            #expect((Estimator.run(.init(paths: paths)).report.map(Self.bytes) ?? []) == first)
        }
    }

    static func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    /// Operands where a remembered quotient could go wrong: equal values written differently
    /// (1.5 and 1.50 are equal but not the same bits), huge and tiny magnitudes, negatives.
    static let operands: [Decimal] = ["1.5", "1.50", "150e-2", "0.000000001", "3", "7", "123456789.123456789",
                                      "99999999999999999999999999999", "1e29", "-2.25", "0.00001667", "62.5", "125"]
        .map { Decimal(string: $0)! }

    @Test func rememberedQuotientIsTheDivision() {
        for total in Self.operands.prefix(6) {
            for usage in Self.operands {
                for sum in Self.operands where !sum.isZero {
                    let direct = total * usage / sum
                    // Twice: the first computes and keeps it, the second reads it back.
                    #expect(Self.bits(ShareQuotients.quotient(total: total, usage: usage, sum: sum)) == Self.bits(direct))
                    #expect(Self.bits(ShareQuotients.quotient(total: total, usage: usage, sum: sum)) == Self.bits(direct))
                    #expect(Self.bits(ExpressTierPricer.share(of: usage, total: total, sum: sum)) == Self.bits(direct))
                }
            }
        }
    }

    @Test func rememberedQuotientsAgreeAcrossThreads() {
        let triples = Self.operands.flatMap { usage in Self.operands.map { sum in (usage, sum) } }.filter { !$0.1.isZero }
        let total = Decimal(string: "42.4242")!
        let results = OrderedParallelMap.map(Array(triples.indices) + Array(triples.indices)) { index in
            Self.bits(ShareQuotients.quotient(total: total, usage: triples[index].0, sum: triples[index].1))
        }
        let expected = triples.map { Self.bits(total * $0.0 / $0.1) }
        #expect(results == expected + expected)
    }

    /// Machines with the same usage share one division in a scenario: each share is still the one
    /// `total × usage / sum` gives for it.
    @Test func sharesOfRepeatedUsagesAreEachTheDivision() {
        let prices = PriceTable.embedded().prices(for: "us-east-1")!
        let usages: [Decimal] = ["125", "62.5", "125", "1.50", "1.5", "0", "125", "4000000"].map { Decimal(string: $0)! }
        let sum = usages.reduce(0, +)
        let total = ExpressTierPricer.cost(gbSeconds: sum, tiers: prices.expressDuration)
        let shares = ExpressTierPricer.shares(of: usages, tiers: prices.expressDuration)
        for (usage, share) in zip(usages, shares) {
            #expect(Self.bits(share) == Self.bits(usage.isZero ? 0 : total * usage / sum), "\(usage)")
        }
    }

    /// A remembered monthly quantity is the product computed afresh, bit for bit, also for figures
    /// that are too large, not finite, negative zero or differ only in their last bit.
    @Test func rememberedMonthlyQuantityIsTheProduct() {
        let figures: [Double] = [0, -0.0, 1, 0.1, 0.3, 1.0.nextUp, 1.0.nextDown, 2.5, 1e-10, 4.9999999999e-10, 123456.789,
                                 1e15, 9.999999999e29, 1e30, 1.0000000001e30, .infinity, -.infinity, .nan, -3.75]
        let executions: [Decimal] = ["0", "1", "43800", "100000", "1e29", "1e30", "0.5"].map { Decimal(string: $0)! }
        for _ in 0..<2 {
            for count in executions {
                for figure in figures {
                    let fresh = Representable.product(count, Representable.decimal(figure))
                    #expect(MonthlyQuantity.of(count, times: figure).map(Self.bits) == fresh.map(Self.bits), "\(count) × \(figure)")
                    #expect(MonthlyQuantity.decimal(figure).map(Self.bits) == Representable.decimal(figure).map(Self.bits), "\(figure)")
                }
            }
        }
    }
}
