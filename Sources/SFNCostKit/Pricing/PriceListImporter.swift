import Foundation

/// Reads AWS's own price list for Step Functions (offer code `AmazonStates`) into price rows, so the
/// data can be refreshed from the source instead of copied from the pricing page (facts.md §6).
///
/// Two shapes are read, told apart by their top-level keys:
/// - the bulk offer file (`offers/v1.0/aws/AmazonStates/current/index.json`): `products` keyed by SKU
///   and `terms.OnDemand.<SKU>.<SKU.TERM>`;
/// - the output of `aws pricing get-products`: `PriceList`, an array of JSON *strings*, each holding
///   one `{product, serviceCode, terms: {OnDemand: {<SKU.TERM>: …}}}`.
///
/// Usage types are matched as `(^|-)StateTransition$`, `(^|-)StepFunctions-Request$` and
/// `(^|-)StepFunctions-GB-Second$`, since sources disagree on whether us-east-1's are prefixed
/// (`USE1-`), and keyed by the product's `regionCode`. The library never prints: problems come back
/// as located diagnostics (`file:line:column`), the CLI maps them to exit code 2.
public enum PriceListImporter {
    public static let offerCode = "AmazonStates"
    /// The Standard free tier is not in the price list (facts.md §6): a region new to the data gets
    /// the pricing page's 4,000 transitions a month.
    public static let defaultFreeTransitionsPerMonth = 4000
    static let currencies = ["USD", "CNY"]

    /// The three priced usage types.
    enum UsageKind: String, CaseIterable {
        case transition = "StateTransition"
        case request = "StepFunctions-Request"
        case duration = "StepFunctions-GB-Second"

        /// Equivalent to the regex `(^|-)<suffix>$`.
        init?(usageType: String) {
            guard let kind = UsageKind.allCases.first(where: { usageType == $0.rawValue || usageType.hasSuffix("-" + $0.rawValue) })
            else { return nil }
            self = kind
        }
    }

    /// One price dimension as read: a range of monthly usage and its unit price.
    struct Dimension {
        var begin: Decimal
        /// Nil for `Inf`.
        var end: Decimal?
        var price: Decimal
        var currency: String
    }

    // MARK: - Reading

    /// Reads offer files (several pages of `get-products` output may be given) into one import.
    /// Later files win for the same region and usage type only when they agree; a conflicting
    /// price is an error.
    public static func read(paths: [String]) throws(InputError) -> PriceListImport {
        var reader = Reader()
        for path in paths {
            let root = try SourceDocument.load(path: path)
            reader.read(root, path: path)
        }
        return try reader.finish(paths: paths)
    }

    /// Reads one document already parsed; `path` names it in locations and in the rows' `source`.
    public static func read(_ root: SourceNode, path: String) throws(InputError) -> PriceListImport {
        var reader = Reader()
        reader.read(root, path: path)
        return try reader.finish(paths: [path])
    }

    private struct Reader {
        var diagnostics: [Diagnostic] = []
        var regions: [String: ImportedRegion] = [:]
        /// Where each region's row of each kind was read, for conflict messages.
        var seen: [String: SourceLocation] = [:]
        var skipped = 0
        var products = 0

        mutating func error(_ message: String, _ location: SourceLocation) {
            diagnostics.append(Diagnostic(.error, "PriceList.Invalid", message, at: location))
        }

        mutating func read(_ root: SourceNode, path: String) {
            let file = FilePaths.lastComponent(path)
            if let list = root["PriceList"] {
                guard let elements = list.elements else {
                    error("'PriceList' must be an array of JSON strings (aws pricing get-products output)", list.location); return
                }
                for (index, element) in elements.enumerated() {
                    readListEntry(element, index: index, file: file)
                }
            } else if let productsNode = root["products"] {
                if let codeNode = root["offerCode"], let code = codeNode.string, code != offerCode {
                    error("this is the price list of '\(code)', not of Step Functions ('\(offerCode)')", codeNode.location)
                    return
                }
                guard let products = productsNode.members else {
                    error("'products' must be an object keyed by SKU", productsNode.location); return
                }
                let onDemand = root["terms"]?["OnDemand"]
                if onDemand == nil { error("the offer file has no 'terms.OnDemand'", root.location) }
                let source = sourceText(file: file, version: root["version"]?.string, published: root["publicationDate"]?.string)
                for member in products {
                    let terms = onDemand?[member.key]
                    readProduct(member.value, sku: member.key, terms: terms?.members?.map(\.value), termsAt: terms?.location,
                                source: source)
                }
            } else {
                error("not an AWS Price List file: expected 'products' and 'terms' (the bulk offer file for \(offerCode)) "
                      + "or 'PriceList' (the output of aws pricing get-products --service-code \(offerCode))", root.location)
            }
        }

        /// A `get-products` entry is a JSON document inside a string: parse it, and place its problems
        /// at the string in the file, naming the position inside the string.
        mutating func readListEntry(_ element: SourceNode, index: Int, file: String) {
            guard let text = element.string else {
                error("PriceList[\(index)] must be a JSON string, not \(element.kindName)", element.location); return
            }
            let item: SourceNode
            do {
                item = try SourceDocument.parse(text, file: "PriceList[\(index)]")
            } catch {
                for diagnostic in error.diagnostics {
                    let inner = diagnostic.location.map { " (line \($0.line), column \($0.column) of the string)" } ?? ""
                    self.error("PriceList[\(index)]\(inner): \(diagnostic.message)", element.location)
                }
                return
            }
            // Locations inside the string are meaningless in the file: re-anchor them at the string.
            let anchored = anchor(item, at: element.location)
            if let code = anchored["serviceCode"]?.string, code != offerCode {
                error("PriceList[\(index)] is a price of '\(code)', not of Step Functions ('\(offerCode)')", element.location); return
            }
            guard let product = anchored["product"] else {
                error("PriceList[\(index)] has no 'product'", element.location); return
            }
            let onDemand = anchored["terms"]?["OnDemand"]
            let source = sourceText(file: file, version: anchored["version"]?.string, published: anchored["publicationDate"]?.string)
            readProduct(product, sku: product["sku"]?.string ?? "PriceList[\(index)]", terms: onDemand?.members?.map(\.value),
                        termsAt: onDemand?.location, source: source)
        }

        mutating func readProduct(_ product: SourceNode, sku: String, terms: [SourceNode]?, termsAt: SourceLocation?, source: String) {
            products += 1
            let attributes = product["attributes"]
            guard let usageType = attributes?["usagetype"]?.string, let kind = UsageKind(usageType: usageType) else {
                skipped += 1; return
            }
            guard let regionCode = attributes?["regionCode"]?.string, !regionCode.isEmpty else {
                error("product \(sku) (\(usageType)) has no 'regionCode' attribute", (attributes ?? product).location); return
            }
            guard let terms, !terms.isEmpty else {
                error("product \(sku) (\(usageType)) has no OnDemand terms", termsAt ?? product.location); return
            }
            // Several terms for one SKU: the latest effective date is the price in force.
            let term = terms.max { ($0["effectiveDate"]?.string ?? "") < ($1["effectiveDate"]?.string ?? "") } ?? terms[0]
            guard let dimensionsNode = term["priceDimensions"], let dimensionNodes = dimensionsNode.members?.map(\.value),
                  !dimensionNodes.isEmpty else {
                error("the term of \(sku) has no 'priceDimensions'", term.location); return
            }
            var dimensions: [Dimension] = []
            for node in dimensionNodes {
                guard let dimension = readDimension(node) else { return }
                dimensions.append(dimension)
            }
            dimensions.sort { $0.begin < $1.begin }
            let effective = (term["effectiveDate"]?.string).map(datePart) ?? ""
            let location = attributes?["location"]?.string ?? regionCode
            let currency = dimensions[0].currency
            guard dimensions.allSatisfy({ $0.currency == currency }) else {
                error("the prices of \(sku) mix currencies", dimensionsNode.location); return
            }

            var region = regions[regionCode] ?? ImportedRegion(region: regionCode, location: location, currency: currency,
                                                              effectiveDate: effective, source: source,
                                                              declaredAt: (attributes ?? product).location)
            guard region.currency == currency else {
                error("\(regionCode) is priced in both \(region.currency) and \(currency) (product \(sku)); one region has one currency",
                      dimensionsNode.location); return
            }
            region.effectiveDate = max(region.effectiveDate, effective)
            let key = "\(regionCode) \(kind.rawValue)"
            switch kind {
            case .transition, .request:
                guard dimensions.count == 1 else {
                    error("\(usageType) has \(dimensions.count) price dimensions; sfncost models one price per \(kind == .transition ? "transition" : "request")",
                          dimensionsNode.location); return
                }
                let row = kind == .transition
                    ? PriceRow(id: "\(regionCode)/standard/state-transition", price: dimensions[0].price, unit: "transition", confidence: "verified")
                    : PriceRow(id: "\(regionCode)/express/request", price: dimensions[0].price, unit: "request", confidence: "verified")
                let existing = kind == .transition ? region.stateTransition : region.expressRequest
                if let existing, existing != row {
                    error("\(regionCode) has two \(kind.rawValue) prices (\(PriceText.plain(existing.price)) and \(PriceText.plain(row.price)), product \(sku)); the first is at \(seen[key].map(\.description) ?? "?")",
                          dimensionsNode.location); return
                }
                if kind == .transition { region.stateTransition = row } else { region.expressRequest = row }
            case .duration:
                guard let tiers = tiers(dimensions, region: regionCode, at: dimensionsNode.location) else { return }
                if let existing = region.expressDuration, existing != tiers {
                    error("\(regionCode) has two different sets of \(kind.rawValue) tiers (product \(sku)); the first is at \(seen[key].map(\.description) ?? "?")",
                          dimensionsNode.location); return
                }
                region.expressDuration = tiers
            }
            seen[key] = seen[key] ?? dimensionsNode.location
            regions[regionCode] = region
        }

        mutating func readDimension(_ node: SourceNode) -> Dimension? {
            guard let prices = node["pricePerUnit"]?.members else {
                error("a price dimension needs 'pricePerUnit', e.g. {\"USD\": \"0.0000250000\"}", node.location); return nil
            }
            let priced = prices.filter { PriceListImporter.currencies.contains($0.key) }
            guard priced.count == 1, let member = priced.first else {
                error("'pricePerUnit' must hold one price in USD or CNY; found \(prices.map(\.key).joined(separator: ", "))",
                      node["pricePerUnit"]?.location ?? node.location); return nil
            }
            guard let raw = member.value.string, let price = PriceText.decimal(raw) else {
                error("the \(member.key) price must be a decimal string such as \"0.0000250000\"", member.value.location); return nil
            }
            let begin: Decimal
            if let beginNode = node["beginRange"] {
                guard let raw = beginNode.string, let value = PriceText.decimal(raw) else {
                    error("'beginRange' must be a decimal string such as \"0\"", beginNode.location); return nil
                }
                begin = value
            } else {
                begin = 0
            }
            var end: Decimal?
            if let endNode = node["endRange"], endNode.string != "Inf" {
                guard let raw = endNode.string, let value = PriceText.decimal(raw) else {
                    error("'endRange' must be a decimal string or \"Inf\"", endNode.location); return nil
                }
                end = value
            }
            return Dimension(begin: begin, end: end, price: price, currency: member.key)
        }

        /// Duration tiers must cover all usage: start at 0, follow on without gaps, end at `Inf`.
        mutating func tiers(_ dimensions: [Dimension], region: String, at location: SourceLocation) -> [PriceTier]? {
            guard dimensions.first?.begin == 0, dimensions.last?.end == nil,
                  zip(dimensions, dimensions.dropFirst()).allSatisfy({ $0.end == $1.begin }) else {
                error("the GB-second tiers must start at 0, follow on without gaps and end at \"Inf\"", location); return nil
            }
            return dimensions.map { dimension in
                PriceTier(row: PriceRow(id: "\(region)/express/gb-second/\(tierName(dimension))", price: dimension.price,
                                        unit: "GB-second", confidence: "verified"),
                          fromGBSeconds: dimension.begin)
            }
        }

        func finish(paths: [String]) throws(InputError) -> PriceListImport {
            if diagnostics.contains(where: { $0.severity == .error }) { throw InputError(diagnostics) }
            if regions.isEmpty {
                let file = paths.first ?? "-"
                throw InputError("PriceList.NoPrices",
                    "no Step Functions prices found: no product has a usagetype ending in StateTransition, StepFunctions-Request or StepFunctions-GB-Second (\(products) products read)",
                    at: SourceLocation(file: file, line: 1, column: 1))
            }
            return PriceListImport(regions: regions, productsRead: products, productsSkipped: skipped)
        }

        private func sourceText(file: String, version: String?, published: String?) -> String {
            var text = "AWS Price List, offer \(PriceListImporter.offerCode)"
            if let version { text += " version \(version)" }
            if let published { text += " published \(published)" }
            return text + " (file \(file))"
        }
    }

    /// "2024-05-01T00:00:00Z" → "2024-05-01".
    static func datePart(_ text: String) -> String {
        let prefix = String(text.prefix(10))
        let isDate = prefix.count == 10 && prefix.enumerated().allSatisfy { index, character in
            index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
        }
        return isDate ? prefix : text
    }

    /// Names a tier by its range in GB-hours, as the pricing page does: `first-1000-gb-hours`,
    /// `next-4000-gb-hours`, `over-5000-gb-hours`; in GB-seconds when the range is not whole hours.
    static func tierName(_ dimension: Dimension) -> String {
        func hours(_ seconds: Decimal) -> String? {
            let value = seconds / 3600
            return value == value.rounded(scale: 0) ? PriceText.plain(value) : nil
        }
        guard let end = dimension.end else {
            return hours(dimension.begin).map { "over-\($0)-gb-hours" } ?? "over-\(PriceText.plain(dimension.begin))-gb-seconds"
        }
        let width = end - dimension.begin
        let word = dimension.begin == 0 ? "first" : "next"
        return hours(width).map { "\(word)-\($0)-gb-hours" } ?? "\(word)-\(PriceText.plain(width))-gb-seconds"
    }

    /// Rebuilds `node` with every location set to `location`.
    static func anchor(_ node: SourceNode, at location: SourceLocation) -> SourceNode {
        switch node.value {
        case .object(let members):
            return SourceNode(.object(members.map { .init(key: $0.key, keyLocation: location, value: anchor($0.value, at: location)) }),
                              at: location, tag: node.tag)
        case .array(let elements):
            return SourceNode(.array(elements.map { anchor($0, at: location) }), at: location, tag: node.tag)
        default:
            return SourceNode(node.value, at: location, tag: node.tag)
        }
    }
}

/// The prices one region's products gave; a row is nil when the file had no product of that kind.
public struct ImportedRegion: Sendable, Equatable {
    public var region: String
    public var location: String
    public var currency: String
    /// AWS's effective date (the latest of the region's terms), `YYYY-MM-DD`.
    public var effectiveDate: String
    public var source: String
    /// Where the region's first product stands in the files read (for warnings about it).
    public var declaredAt: SourceLocation? = nil
    public var stateTransition: PriceRow?
    public var expressRequest: PriceRow?
    public var expressDuration: [PriceTier]?

    public var isComplete: Bool { stateTransition != nil && expressRequest != nil && expressDuration != nil }

    /// Usage types missing from the file, for notes and warnings.
    var missingKinds: [String] {
        [stateTransition == nil ? "StateTransition" : nil, expressRequest == nil ? "StepFunctions-Request" : nil,
         expressDuration == nil ? "StepFunctions-GB-Second" : nil].compactMap { $0 }
    }

    /// The prices, not where they were read: the same rows from two files are equal.
    public static func == (lhs: ImportedRegion, rhs: ImportedRegion) -> Bool {
        (lhs.region, lhs.location, lhs.currency, lhs.effectiveDate, lhs.source) == (rhs.region, rhs.location, rhs.currency, rhs.effectiveDate, rhs.source)
            && lhs.stateTransition == rhs.stateTransition && lhs.expressRequest == rhs.expressRequest && lhs.expressDuration == rhs.expressDuration
    }
}

/// What an import read from offer files.
public struct PriceListImport: Sendable {
    public var regions: [String: ImportedRegion]
    public var productsRead: Int
    /// Products of other usage types (none are priced by sfncost).
    public var productsSkipped: Int
}
