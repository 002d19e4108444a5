import Foundation
import Testing
@testable import SFNCostKit

/// `MarkdownRenderer.costOrder` (Doubles first, Decimals for equal Doubles) ranks as the comparison
/// of the Decimals alone, which it replaced and which is kept here as the reference.
@Suite struct MarkdownRankingTests {
    static func reference(_ costs: [Decimal?]) -> [Int] {
        costs.enumerated().sorted { lhs, rhs in
            let a = lhs.element, b = rhs.element
            if a == b { return lhs.offset < rhs.offset }
            guard let a else { return true }
            guard let b else { return false }
            return a > b
        }.map(\.offset)
    }

    @Test func sameOrderAsDecimalComparison() {
        let posix = Locale(identifier: "en_US_POSIX")
        // Values a Double cannot tell apart (they differ in the 30th digit), ties written differently
        // (1, 1.0, 1.00000000), zero, negatives, huge and tiny amounts, unknowns.
        let pool: [Decimal?] = ["0", "1", "1.0", "1.00000000", "0.00000001", "0.00000002", "12.5", "12.50000001",
                                "1000000000000000000000000000000", "999999999999999999999999999999.99999999",
                                "123456789012345678901234567890.12345678", "123456789012345678901234567890.12345679",
                                "0.30000000000000000000000000001", "0.3", "-5", "-0.00000001", "4.99", "5"]
            .map { Decimal(string: $0, locale: posix) } + [nil, nil]
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for size in [0, 1, 2, 3, 10, 50, 400] {
            for _ in 0..<20 {
                let costs = (0..<size).map { _ in pool[next(pool.count)] }
                #expect(MarkdownRenderer.costOrder(costs) == Self.reference(costs), "\(costs)")
            }
        }
        // Every pair of the pool, both ways round.
        for a in pool { for b in pool { #expect(MarkdownRenderer.costOrder([a, b]) == Self.reference([a, b])) } }
    }
}
