/// What `sfncost --version` prints: the version and how old the built-in prices are, because an
/// installed binary's prices are only as recent as the data it was built with.
public enum VersionText {
    /// "0.2.0 (built-in prices read 2026-11-01, 18 regions)".
    public static var line: String {
        "\(Estimator.version) (built-in prices \(PriceTable.embedded().datesText))"
    }
}

extension PriceTable {
    /// "read 2026-11-01, 18 regions": each distinct date once, oldest first, with its kind ("read":
    /// the day the pricing page was read; "effective": AWS's own date, from an imported price list).
    public var datesText: String {
        var seen: Set<String> = []
        let dates = regions.values
            .map { (date: $0.date, text: $0.dateKind == .effective ? "effective \($0.date)" : "read \($0.date)") }
            .sorted { ($0.date, $0.text) < ($1.date, $1.text) }
            .map(\.text)
            .filter { seen.insert($0).inserted }
        return dates.joined(separator: ", ") + ", \(regions.count) regions"
    }
}
