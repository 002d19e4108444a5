import Foundation

/// One priced unit, with the id that reports cite so every cost can be traced to its row.
public struct PriceRow: Sendable, Codable, Equatable {
    public var id: String
    public var price: Decimal
    public var unit: String
    /// `verified`, or `unconfirmed` where the figure was not read from an AWS source for this region.
    public var confidence: String
}

/// One tier of Express duration: the price applies from `fromGBSeconds` of the account's monthly usage.
public struct PriceTier: Sendable, Equatable {
    public var row: PriceRow
    public var fromGBSeconds: Decimal
}

/// A region's Step Functions prices.
public struct RegionPrices: Sendable {
    public var region: String
    public var location: String
    public var currency: String
    public var effectiveDate: String
    public var source: String
    public var note: String?
    public var stateTransition: PriceRow
    public var freeTransitionsPerMonth: Int
    public var expressRequest: PriceRow
    /// Ascending by `fromGBSeconds`, the first from 0.
    public var expressDuration: [PriceTier]

    /// True when any row of this region is not verified.
    public var hasUnconfirmedPrices: Bool {
        ([stateTransition, expressRequest] + expressDuration.map(\.row)).contains { $0.confidence != "verified" }
    }
}

/// A set of price data: the one shipped in `pricing/` (embedded at build time) or one read with `--pricing DIR`.
public struct PriceTable: Sendable {
    public var regions: [String: RegionPrices]
    public var origin: String

    public func prices(for region: String) -> RegionPrices? { regions[region] }

    /// The data shipped with sfncost (pricing/step-functions.json, embedded by scripts/embed-pricing.sh).
    public static func embedded() -> PriceTable {
        do {
            let root = try SourceDocument.parse(EmbeddedPriceData.stepFunctionsJSON, file: "pricing/step-functions.json")
            return try decode(root, origin: "built-in (pricing/step-functions.json)")
        } catch {
            // The embedded copy is checked by a test; reaching here means a broken build, not bad input.
            preconditionFailure("embedded price data is invalid: \(error)")
        }
    }

    /// Reads every `*.json` file in `directory` and merges their regions (later files win).
    public static func load(directory: String) throws(InputError) -> PriceTable {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw InputError("Pricing.Unreadable", "cannot read pricing directory '\(directory)'",
                             at: SourceLocation(file: directory, line: 1, column: 1))
        }
        guard !files.isEmpty else {
            throw InputError("Pricing.Empty", "pricing directory '\(directory)' holds no .json price files",
                             at: SourceLocation(file: directory, line: 1, column: 1))
        }
        var table = PriceTable(regions: [:], origin: directory)
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            let part = try decode(try SourceDocument.load(path: path), origin: path)
            table.regions.merge(part.regions) { _, new in new }
        }
        return table
    }

    public static func decode(_ root: SourceNode, origin: String) throws(InputError) -> PriceTable {
        var problems: [Diagnostic] = []
        func fail(_ message: String, _ node: SourceNode) {
            problems.append(Diagnostic(.error, "Pricing.Invalid", message, at: node.location))
        }
        func text(_ node: SourceNode?, _ field: String, in parent: SourceNode) -> String? {
            guard let node else { fail("missing '\(field)'", parent); return nil }
            guard let value = node.string else { fail("'\(field)' must be a string", node); return nil }
            return value
        }
        func decimal(_ node: SourceNode?, _ field: String, in parent: SourceNode) -> Decimal? {
            guard let raw = text(node, field, in: parent) else { return nil }
            guard let value = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")), value >= 0,
                  raw.allSatisfy({ "0123456789.".contains($0) }) else {
                fail("'\(field)' must be a decimal string such as \"0.000025\"", node!); return nil
            }
            return value
        }
        func row(_ node: SourceNode?, _ field: String, in parent: SourceNode) -> PriceRow? {
            guard let node else { fail("missing '\(field)'", parent); return nil }
            guard let id = text(node["id"], "id", in: node), let price = decimal(node["price"], "price", in: node),
                  let unit = text(node["unit"], "unit", in: node) else { return nil }
            return PriceRow(id: id, price: price, unit: unit, confidence: node["confidence"]?.string ?? "verified")
        }
        var table = PriceTable(regions: [:], origin: origin)
        guard let regions = root["regions"]?.elements else {
            throw InputError("Pricing.Invalid", "price data needs a 'regions' array", at: root.location)
        }
        for entry in regions {
            guard let region = text(entry["region"], "region", in: entry),
                  let standard = entry["standard"], let express = entry["express"] else {
                fail("a region needs 'region', 'standard' and 'express'", entry); continue
            }
            let transition = row(standard["stateTransition"], "stateTransition", in: standard)
            let request = row(express["request"], "request", in: express)
            var tiers: [PriceTier] = []
            for tier in express["duration"]?.elements ?? [] {
                if let priced = row(tier, "duration", in: express), let from = decimal(tier["fromGBSeconds"], "fromGBSeconds", in: tier) {
                    tiers.append(PriceTier(row: priced, fromGBSeconds: from))
                }
            }
            tiers.sort { $0.fromGBSeconds < $1.fromGBSeconds }
            if tiers.first?.fromGBSeconds != 0 { fail("Express 'duration' tiers must start at fromGBSeconds \"0\"", express) }
            guard let transition, let request, let currency = text(entry["currency"], "currency", in: entry),
                  let effective = text(entry["effectiveDate"], "effectiveDate", in: entry),
                  let source = text(entry["source"], "source", in: entry) else { continue }
            table.regions[region] = RegionPrices(
                region: region, location: entry["location"]?.string ?? region, currency: currency,
                effectiveDate: effective, source: source, note: entry["note"]?.string,
                stateTransition: transition, freeTransitionsPerMonth: standard["freeTransitionsPerMonth"]?.integer ?? 0,
                expressRequest: request, expressDuration: tiers)
        }
        if !problems.isEmpty { throw InputError(problems) }
        return table
    }
}
