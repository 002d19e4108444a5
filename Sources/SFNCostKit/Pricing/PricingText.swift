/// Text for `sfncost pricing list`, `show` and `import`. Price data may come from a file: its strings
/// are escaped for display (`DisplayText.text`; table cells are escaped by `TextTable`).
public enum PricingText {
    public static func list(_ table: PriceTable) -> String {
        var rows = TextTable(headers: ["REGION", "CURRENCY", "PER 1K TRANSITIONS", "PER 1M REQUESTS", "PER GB-S (FIRST TIER)", "DATE", "CONFIDENCE"],
                             alignments: [.left, .left, .right, .right, .right, .left, .left])
        var anyRead = false
        for region in table.regions.keys.sorted() {
            guard let prices = table.regions[region] else { continue }
            anyRead = anyRead || prices.dateKind == .read
            rows.rows.append([region, prices.currency,
                              Money.plainString(prices.stateTransition.price * 1000),
                              Money.plainString(prices.expressRequest.price * 1_000_000),
                              prices.expressDuration.first.map { Money.plainString($0.row.price) } ?? "-",
                              prices.dateKind == .read ? "read \(prices.date)" : "effective \(prices.date)",
                              prices.hasUnconfirmedPrices ? "some unconfirmed" : "verified"])
        }
        var out = rows.render() + "\n"
        if anyRead {
            out += "\n\"read\" is the day the pricing page was read; AWS's effective date for those prices is unknown.\n"
        }
        out += "Prices are in each region's currency and never added across currencies.\n"
        let missing = table.regionsWithoutPrices.keys.sorted().compactMap { table.regionsWithoutPrices[$0] }
        if !missing.isEmpty {
            out += "\nNo price data for \(missing.count) known region\(missing.count == 1 ? "" : "s"):\n"
            for region in missing {
                out += DisplayText.text("  \(region.region) (\(region.location)\(region.currency.map { ", bills in \($0)" } ?? "")): \(region.reason)") + "\n"
            }
            out += "Add them with 'sfncost pricing import FILE --output DIR' (FILE: the AWS Price List offer file for AmazonStates, "
                + "or 'aws pricing get-products' output), then pass --pricing DIR.\n"
        }
        return out
    }

    public static func show(_ prices: RegionPrices) -> String {
        var out = [
            "\(prices.region) — \(prices.location)", "currency \(prices.currency), \(prices.dateText)", "source \(prices.source)",
        ].map(DisplayText.text).joined(separator: "\n") + "\n"
        if let note = prices.note { out += DisplayText.text("note: \(note)") + "\n" }
        out += "\n"
        var rows = TextTable(headers: ["ROW", "UNIT PRICE", "UNIT", "FROM (GB-S/MONTH)", "CONFIDENCE"],
                             alignments: [.left, .right, .left, .right, .left])
        rows.rows.append([prices.stateTransition.id, Money.plainString(prices.stateTransition.price), prices.stateTransition.unit, "", prices.stateTransition.confidence])
        rows.rows.append([prices.expressRequest.id, Money.plainString(prices.expressRequest.price), prices.expressRequest.unit, "", prices.expressRequest.confidence])
        for tier in prices.expressDuration {
            rows.rows.append([tier.row.id, Money.plainString(tier.row.price), tier.row.unit, Money.plainString(tier.fromGBSeconds), tier.row.confidence])
        }
        out += rows.render() + "\n"
        out += "\nStandard free tier: \(Format.count(Double(prices.freeTransitionsPerMonth))) transitions a month per account (applied with --free-tier).\n"
        return out
    }

    /// What `pricing import` did, and how to use the result.
    public static func imported(_ summary: PriceDataUpdate.Summary, directory: String) -> String {
        var out = DisplayText.text("wrote \(summary.written)") + "\n"
        out += DisplayText.text("  imported from the AWS Price List: \(summary.imported.isEmpty ? "none" : summary.imported.joined(separator: ", "))") + "\n"
        out += DisplayText.text("  kept from \(summary.base): \(summary.kept.count) region\(summary.kept.count == 1 ? "" : "s")") + "\n"
        out += DisplayText.text("Use it with --pricing \(directory)")
        out += directory == "pricing" ? ", or run scripts/embed-pricing.sh to build it into sfncost.\n" : ".\n"
        return out
    }
}
