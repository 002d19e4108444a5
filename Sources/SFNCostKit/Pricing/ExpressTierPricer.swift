import Foundation

/// Prices Express GB-seconds by the tiers, which AWS counts over the account's monthly usage in a
/// region: the tiers apply to the total of all Express machines in a report, and each machine's
/// cost is its share (its GB-seconds / the total) of the tiered cost of the total.
public enum ExpressTierPricer {
    /// Tiered cost of `gbSeconds` in one month.
    public static func cost(gbSeconds: Decimal, tiers: [PriceTier]) -> Decimal {
        // Foundation's `>`, `min`, `-`, `*` and `+=`, computed by `ExactDecimal` (the same bits).
        var total = Decimal(0)
        for (index, tier) in tiers.enumerated() {
            let upper = index + 1 < tiers.count ? tiers[index + 1].fromGBSeconds : nil
            guard ExactDecimal.isLess(tier.fromGBSeconds, gbSeconds) else { break }
            let top = upper.map { ExactDecimal.isLess(gbSeconds, $0) ? gbSeconds : $0 } ?? gbSeconds
            total = ExactDecimal.sum(total, ExactDecimal.product(ExactDecimal.difference(top, tier.fromGBSeconds), tier.row.price))
        }
        return total
    }

    /// Splits the tiered cost of the sum of `usages` in proportion to each usage.
    public static func shares(of usages: [Decimal], tiers: [PriceTier]) -> [Decimal] {
        let sum = usages.reduce(0, ExactDecimal.sum)
        guard ExactDecimal.isPositive(sum) else { return usages.map { _ in 0 } }
        let total = cost(gbSeconds: sum, tiers: tiers)
        return usages.map { share(of: $0, total: total, sum: sum) }
    }

    /// total × usage / sum. A zero usage's share is 0 without the division (~30,000 instructions
    /// each; most machines have no Express usage in most scenarios): Decimal's product and quotient
    /// with a zero factor are that same 0, whatever the other operands (`ExpressTierPricerTests`).
    /// Other divisions are remembered by their operands' bits (`ShareQuotients`).
    static func share(of usage: Decimal, total: Decimal, sum: Decimal) -> Decimal {
        usage.isZero ? 0 : ShareQuotients.quotient(total: total, usage: usage, sum: sum)
    }

    /// `shares(of:tiers:)` when some usages are too large (nil). Such a machine's share is too large
    /// too; the account's total is then beyond 10^30 GB-seconds, past every tier's start, so each
    /// other machine's share tends to its usage × the last tier's price (the fixed cost of the lower
    /// tiers over a total beyond 10^30 changes it by less than one part in 10^20).
    public static func shares(of usages: [Decimal?], tiers: [PriceTier]) -> [Decimal?] {
        let known = usages.compactMap { Representable.checked($0) }
        guard known.count < usages.count else {
            let sum = known.reduce(0, ExactDecimal.sum)
            guard ExactDecimal.isPositive(sum) else { return usages.map { _ in 0 } }
            let total = cost(gbSeconds: sum, tiers: tiers)
            return known.map { Representable.checked(share(of: $0, total: total, sum: sum)) }
        }
        let lastPrice = tiers.last?.row.price ?? 0
        return usages.map { usage in Representable.checked(usage).flatMap { Representable.product($0, lastPrice) } }
    }
}
