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

/// What a region's date means. The pricing page carries no effective date, so figures copied from
/// it only have the day they were read; a Price List import carries AWS's own `effectiveDate`.
public enum PriceDateKind: String, Sendable, Equatable {
    /// AWS's effective date, from the Price List terms (`effectiveDate` in the data file).
    case effective
    /// The day a copy of the pricing page was read; AWS's effective date is unknown (`readDate`).
    case read
}

/// A region's Step Functions prices.
public struct RegionPrices: Sendable, Equatable {
    public var region: String
    public var location: String
    /// ISO 4217 code, `USD` or `CNY` (the China regions bill in yuan on their own price list).
    /// Amounts in different currencies are never added together.
    public var currency: String
    /// See `dateKind`: AWS's effective date, or the day the page copy was read.
    public var date: String
    public var dateKind: PriceDateKind
    public var source: String
    public var note: String?
    public var stateTransition: PriceRow
    public var freeTransitionsPerMonth: Int
    public var expressRequest: PriceRow
    /// Ascending by `fromGBSeconds`, the first from 0.
    public var expressDuration: [PriceTier]

    /// All rows in report order: transition, request, duration tiers.
    public var rows: [PriceRow] { [stateTransition, expressRequest] + expressDuration.map(\.row) }

    /// True when any row of this region is not verified.
    public var hasUnconfirmedPrices: Bool {
        rows.contains { $0.confidence != "verified" }
    }

    /// "effective 2024-05-01", or "read 2026-11-01 (AWS's effective date unknown)", for text output.
    public var dateText: String {
        switch dateKind {
        case .effective: return "effective \(date)"
        case .read: return "read \(date) (AWS's effective date unknown)"
        }
    }
}

/// A region Step Functions is sold in for which the data deliberately holds no price, with why, so
/// that its absence is visible (`pricing list`, unknown-region errors) rather than silent.
public struct RegionWithoutPrices: Sendable, Equatable {
    public var region: String
    public var location: String
    /// The currency it would bill in, when known.
    public var currency: String?
    public var reason: String
}

/// A set of price data: the one shipped in `pricing/` (embedded at build time) or one read with `--pricing DIR`.
public struct PriceTable: Sendable {
    public var regions: [String: RegionPrices]
    /// Known regions with no price here; never overlaps `regions`.
    public var regionsWithoutPrices: [String: RegionWithoutPrices] = [:]
    public var origin: String
    /// The file's own note and compile date, kept so that a rewrite (`pricing import`) preserves them.
    public var note: String?
    public var compiled: String?

    public init(regions: [String: RegionPrices], regionsWithoutPrices: [String: RegionWithoutPrices] = [:],
                origin: String, note: String? = nil, compiled: String? = nil) {
        self.regions = regions
        self.regionsWithoutPrices = regionsWithoutPrices
        self.origin = origin
        self.note = note
        self.compiled = compiled
    }

    /// The prices of a region; its name is matched without regard to case (`US-East-1` is us-east-1).
    public func prices(for region: String) -> RegionPrices? { regions[region] ?? regions[region.lowercased()] }

    /// The message for a region with no prices: why, when the data knows, and how to add it.
    public func unknownRegionMessage(_ region: String) -> String {
        let known = regions.keys.sorted().joined(separator: ", ")
        if let missing = regionsWithoutPrices[region] ?? regionsWithoutPrices[region.lowercased()] {
            return "no prices for region '\(region)' (\(missing.location)): \(missing.reason); "
                + "add them with 'sfncost pricing import' and use --pricing DIR; regions with prices: \(known)"
        }
        return "no prices for region '\(region)', and it is not a region Step Functions is known to be offered in; "
            + "regions with prices: \(known) ('sfncost pricing list' shows the others; a new region's prices can be added with 'sfncost pricing import')"
    }

    /// The data shipped with sfncost (pricing/step-functions.json, embedded by scripts/embed-pricing.sh).
    public static func embedded() -> PriceTable { embeddedTable }

    /// Built once per process, on first use (a `static let` is lazy and thread-safe), from Swift
    /// values that scripts/embed-pricing.sh generates from the file: nothing is parsed on a start.
    /// PriceDataTests checks that they are what `decode` reads from pricing/step-functions.json.
    private static let embeddedTable: PriceTable = {
        // Inserted one by one in the file's order, as `decode` does.
        var regions: [String: RegionPrices] = [:]
        for region in EmbeddedPriceData.regions { regions[region.region] = region }
        var without: [String: RegionWithoutPrices] = [:]
        for region in EmbeddedPriceData.regionsWithoutPrices { without[region.region] = region }
        for region in regions.keys { without[region] = nil }
        return PriceTable(regions: regions, regionsWithoutPrices: without, origin: embeddedOrigin,
                          note: EmbeddedPriceData.note, compiled: EmbeddedPriceData.compiled)
    }()

    /// Where the built-in table says it comes from (`pricing.origin` in reports).
    static let embeddedOrigin = "built-in (pricing/step-functions.json)"

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
            table.regionsWithoutPrices.merge(part.regionsWithoutPrices) { _, new in new }
            table.note = table.note ?? part.note
            table.compiled = part.compiled ?? table.compiled
        }
        for region in table.regions.keys { table.regionsWithoutPrices[region] = nil }
        return table
    }

    /// A value as written, for messages: `-5`, `"lots"`, an object.
    static func shown(_ node: SourceNode) -> String {
        switch node.value {
        case .number(let text): return text
        case .string(let text): return "\"\(text)\""
        default: return node.kindName
        }
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
            guard let node, let raw = text(node, field, in: parent) else {
                if node == nil { fail("missing '\(field)'", parent) }
                return nil
            }
            guard let value = PriceText.decimal(raw) else {
                fail("'\(field)' must be a decimal string such as \"0.000025\" (digits, at most one point; found \"\(raw)\")", node); return nil
            }
            return value
        }
        func row(_ node: SourceNode?, _ field: String, in parent: SourceNode) -> PriceRow? {
            guard let node else { fail("missing '\(field)'", parent); return nil }
            guard let id = text(node["id"], "id", in: node), let price = decimal(node["price"], "price", in: node),
                  let unit = text(node["unit"], "unit", in: node) else { return nil }
            // A bound that keeps every product of usage (up to 10^30) and price inside Decimal; no
            // Step Functions unit costs anything near it.
            guard price < PriceText.maximumPrice else {
                fail("'price' must be below \(PriceText.plain(PriceText.maximumPrice)) a unit (found \(PriceText.plain(price)))", node["price"] ?? node)
                return nil
            }
            let confidence = node["confidence"]?.string ?? "verified"
            guard confidence == "verified" || confidence == "unconfirmed" else {
                fail("'confidence' must be \"verified\" or \"unconfirmed\"", node["confidence"] ?? node); return nil
            }
            return PriceRow(id: id, price: price, unit: unit, confidence: confidence)
        }
        func currency(_ node: SourceNode?, in parent: SourceNode) -> String? {
            guard let code = text(node, "currency", in: parent) else { return nil }
            guard code.count == 3, code.allSatisfy({ ("A"..."Z").contains($0) }) else {
                fail("'currency' must be an ISO 4217 code such as \"USD\" or \"CNY\"", node ?? parent); return nil
            }
            return code
        }
        var table = PriceTable(regions: [:], origin: origin, note: root["note"]?.string, compiled: root["compiled"]?.string)
        // A file of another layout must not be read as if it were this one.
        if let version = root["schemaVersion"] {
            if version.integer != PriceDataWriter.schemaVersion {
                throw InputError("Pricing.Version", "price data schemaVersion \(Self.shown(version)) is not supported; this sfncost reads schemaVersion \(PriceDataWriter.schemaVersion)",
                                 at: version.location)
            }
        } else {
            throw InputError("Pricing.Version", "price data needs 'schemaVersion': \(PriceDataWriter.schemaVersion)", at: root.location)
        }
        guard let regions = root["regions"]?.elements else {
            throw InputError("Pricing.Invalid", "price data needs a 'regions' array", at: root.location)
        }
        var seenRegions: [String: SourceLocation] = [:]
        for entry in regions {
            guard let region = text(entry["region"], "region", in: entry),
                  let standard = entry["standard"], let express = entry["express"] else {
                fail("a region needs 'region', 'standard' and 'express'", entry); continue
            }
            // Two entries for one region: which prices apply would depend on the order.
            let regionNode = entry["region"] ?? entry
            if let first = seenRegions[region] {
                fail("region '\(region)' appears twice in the price data; the first is at \(first)", regionNode); continue
            }
            seenRegions[region] = regionNode.location
            let transition = row(standard["stateTransition"], "stateTransition", in: standard)
            let request = row(express["request"], "request", in: express)
            var tiers: [PriceTier] = []
            var tierStarts: [Decimal: SourceLocation] = [:]
            for tier in express["duration"]?.elements ?? [] {
                if let priced = row(tier, "duration", in: express), let from = decimal(tier["fromGBSeconds"], "fromGBSeconds", in: tier) {
                    let at = tier["fromGBSeconds"]?.location ?? tier.location
                    if let first = tierStarts[from] {
                        fail("two Express duration tiers of '\(region)' start at fromGBSeconds \(PriceText.plain(from)); the first is at \(first)", tier["fromGBSeconds"] ?? tier)
                        continue
                    }
                    tierStarts[from] = at
                    tiers.append(PriceTier(row: priced, fromGBSeconds: from))
                }
            }
            tiers.sort { $0.fromGBSeconds < $1.fromGBSeconds }
            if tiers.first?.fromGBSeconds != 0 { fail("Express 'duration' tiers must start at fromGBSeconds \"0\"", express) }
            // `effectiveDate` is AWS's (from a Price List import); `readDate` is when a page copy was read.
            let date: (String, PriceDateKind)?
            if let effective = entry["effectiveDate"] {
                date = text(effective, "effectiveDate", in: entry).map { ($0, .effective) }
            } else if let read = entry["readDate"] {
                date = text(read, "readDate", in: entry).map { ($0, .read) }
            } else {
                fail("a region needs 'effectiveDate' (AWS's, from the Price List) or 'readDate' (when the page was read)", entry)
                date = nil
            }
            // Every field is checked before giving up on the region, so one run reports every problem.
            let code = currency(entry["currency"], in: entry)
            let source = text(entry["source"], "source", in: entry)
            // Absent means no free tier; anything else must be a count: a negative one would raise the bill.
            var freeTransitions: Int? = 0
            if let node = standard["freeTransitionsPerMonth"] {
                freeTransitions = node.integer.flatMap { $0 >= 0 ? $0 : nil }
                if freeTransitions == nil {
                    fail("'freeTransitionsPerMonth' must be a whole number of transitions, 0 or more (found \(Self.shown(node)))", node)
                }
            }
            guard let transition, let request, let currency = code, let date, let source, let freeTransitions else { continue }
            table.regions[region] = RegionPrices(
                region: region, location: entry["location"]?.string ?? region, currency: currency,
                date: date.0, dateKind: date.1, source: source, note: entry["note"]?.string,
                stateTransition: transition, freeTransitionsPerMonth: freeTransitions,
                expressRequest: request, expressDuration: tiers)
        }
        var seenWithout: [String: SourceLocation] = [:]
        for entry in root["regionsWithoutPrices"]?.elements ?? [] {
            guard let region = text(entry["region"], "region", in: entry),
                  let reason = text(entry["reason"], "reason", in: entry) else { continue }
            let regionNode = entry["region"] ?? entry
            if let first = seenWithout[region] {
                fail("region '\(region)' appears twice in 'regionsWithoutPrices'; the first is at \(first)", regionNode); continue
            }
            seenWithout[region] = regionNode.location
            let code = entry["currency"] == nil ? nil : currency(entry["currency"], in: entry)
            table.regionsWithoutPrices[region] = RegionWithoutPrices(
                region: region, location: entry["location"]?.string ?? region, currency: code, reason: reason)
        }
        if !problems.isEmpty { throw InputError(problems) }
        for region in table.regions.keys { table.regionsWithoutPrices[region] = nil }
        return table
    }
}

/// Price strings: plain decimals only ("0.0000250000"), parsed to `Decimal` without a binary float.
enum PriceText {
    /// Prices must be below this, per unit (see `PriceTable.decode`).
    static let maximumPrice = Decimal(1_000_000)

    /// Made once: a Locale per price is a measurable share of every start (the built-in table's prices).
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Digits with at most one point between digits ("0.5", "12"; not ".", "5.", ".5", "1e5"), no
    /// more than 10^30 and no more than 60 characters, so that Decimal holds it exactly enough.
    static func decimal(_ raw: String) -> Decimal? {
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard raw.count <= 60, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }),
              let value = Decimal(string: raw, locale: posix) else { return nil }
        return Representable.checked(value)
    }

    /// `0.0000250000` → "0.000025": the shortest plain form, never scientific notation.
    static func plain(_ value: Decimal) -> String { Money.plainString(value) }
}
