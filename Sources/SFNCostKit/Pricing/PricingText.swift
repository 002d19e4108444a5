/// Text for `sfncost pricing list` and `show`.
public enum PricingText {
    public static func list(_ table: PriceTable) -> String {
        var rows = TextTable(headers: ["REGION", "CURRENCY", "PER 1K TRANSITIONS", "PER 1M REQUESTS", "PER GB-S (FIRST TIER)", "EFFECTIVE", "CONFIDENCE"],
                             alignments: [.left, .left, .right, .right, .right, .left, .left])
        for region in table.regions.keys.sorted() {
            let prices = table.regions[region]!
            rows.rows.append([region, prices.currency,
                              Money.plainString(prices.stateTransition.price * 1000),
                              Money.plainString(prices.expressRequest.price * 1_000_000),
                              prices.expressDuration.first.map { Money.plainString($0.row.price) } ?? "-",
                              prices.effectiveDate,
                              prices.hasUnconfirmedPrices ? "some unconfirmed" : "verified"])
        }
        return rows.render() + "\n"
    }

    public static func show(_ prices: RegionPrices) -> String {
        var out = "\(prices.region) — \(prices.location)\ncurrency \(prices.currency), effective \(prices.effectiveDate)\nsource \(prices.source)\n"
        if let note = prices.note { out += "note: \(note)\n" }
        out += "\n"
        var rows = TextTable(headers: ["ROW", "UNIT PRICE", "UNIT", "FROM (GB-S/MONTH)", "CONFIDENCE"],
                             alignments: [.left, .right, .left, .right, .left])
        rows.rows.append([prices.stateTransition.id, Money.plainString(prices.stateTransition.price), prices.stateTransition.unit, "", prices.stateTransition.confidence])
        rows.rows.append([prices.expressRequest.id, Money.plainString(prices.expressRequest.price), prices.expressRequest.unit, "", prices.expressRequest.confidence])
        for tier in prices.expressDuration {
            rows.rows.append([tier.row.id, Money.plainString(tier.row.price), tier.row.unit, Money.plainString(tier.fromGBSeconds), tier.row.confidence])
        }
        out += rows.render() + "\n"
        out += "\nStandard free tier: \(prices.freeTransitionsPerMonth) transitions a month per account (applied with --free-tier).\n"
        return out
    }
}
