import Foundation
import Testing
@testable import SFNCostKit

/// `sfncost pricing import`: AWS's Price List (both shapes) in, the data file's rows out.
///
/// The fixtures in Fixtures/pricing are in the real Price List shape with facts.md's figures:
/// us-east-1 (unprefixed usage types in the bulk file, `USE1-` in the get-products file),
/// eu-central-1 (`EUC1-`) and sa-east-1 (`SAE1-`, $0.0375 per 1,000 transitions). Terms are
/// effective 2025-06-01; the offer is version 20261120000000.
@Suite struct PriceListImporterTests {
    let shipped = PriceTable.embedded()
    let fixtureRegions = ["eu-central-1", "sa-east-1", "us-east-1"]

    func bulk() throws -> PriceListImport {
        try PriceListImporter.read(paths: [Fixtures.path("Tests/SFNCostKitTests/Fixtures/pricing/AmazonStates-offer.json")])
    }

    func getProducts() throws -> PriceListImport {
        try PriceListImporter.read(paths: [Fixtures.path("Tests/SFNCostKitTests/Fixtures/pricing/AmazonStates-get-products.json")])
    }

    /// Same prices, tiers and row ids as the shipped data for the three regions (confidence, date and
    /// source differ by design: the import is verified and dated by AWS).
    @Test func bulkOfferReproducesTheShippedRows() throws {
        let imported = try bulk()
        #expect(imported.regions.keys.sorted() == fixtureRegions)
        for region in fixtureRegions {
            let got = try #require(imported.regions[region])
            let want = try #require(shipped.regions[region])
            #expect(got.isComplete)
            #expect(got.stateTransition.map { [$0.id, PriceText.plain($0.price), $0.unit] }
                    == [want.stateTransition.id, PriceText.plain(want.stateTransition.price), want.stateTransition.unit])
            #expect(got.expressRequest.map { [$0.id, PriceText.plain($0.price), $0.unit] }
                    == [want.expressRequest.id, PriceText.plain(want.expressRequest.price), want.expressRequest.unit])
            #expect(got.expressDuration?.map { [$0.row.id, PriceText.plain($0.row.price), PriceText.plain($0.fromGBSeconds)] }
                    == want.expressDuration.map { [$0.row.id, PriceText.plain($0.row.price), PriceText.plain($0.fromGBSeconds)] })
            #expect(got.currency == "USD")
            #expect(got.effectiveDate == "2025-06-01")
            #expect(got.source == "AWS Price List, offer AmazonStates version 20261120000000 published 2026-11-20T00:00:00Z (file AmazonStates-offer.json)")
            #expect(([got.stateTransition, got.expressRequest].compactMap { $0 } + (got.expressDuration ?? []).map(\.row))
                .allSatisfy { $0.confidence == "verified" })
        }
        // sa-east-1: "0.0000375000" per transition = $0.0375 per 1,000 (facts.md §1).
        #expect(imported.regions["sa-east-1"]?.stateTransition?.price == Decimal(string: "0.0000375"))
        #expect(imported.productsRead == 9 && imported.productsSkipped == 0)
    }

    /// The `aws pricing get-products` shape (JSON strings in `PriceList`, us-east-1 as `USE1-…`) gives
    /// the same rows as the bulk file.
    @Test func getProductsOutputGivesTheSameRows() throws {
        let list = try getProducts(), offer = try bulk()
        #expect(list.regions.keys.sorted() == fixtureRegions)
        for region in fixtureRegions {
            var got = try #require(list.regions[region])
            got.source = offer.regions[region]?.source ?? ""
            #expect(got == offer.regions[region])
        }
        #expect(list.regions["us-east-1"]?.source.hasSuffix("(file AmazonStates-get-products.json)") == true)
    }

    /// `(^|-)StateTransition$` and the like: prefixed or not, nothing else.
    @Test func usageTypesMatchWithOrWithoutARegionPrefix() {
        #expect(PriceListImporter.UsageKind(usageType: "StateTransition") == .transition)
        #expect(PriceListImporter.UsageKind(usageType: "USE1-StateTransition") == .transition)
        #expect(PriceListImporter.UsageKind(usageType: "APE1-StepFunctions-Request") == .request)
        #expect(PriceListImporter.UsageKind(usageType: "UGW1-StepFunctions-GB-Second") == .duration)
        #expect(PriceListImporter.UsageKind(usageType: "StateTransitions") == nil)
        #expect(PriceListImporter.UsageKind(usageType: "USE1-XStateTransition") == nil)
        #expect(PriceListImporter.UsageKind(usageType: "StepFunctions-GB-Second-Extra") == nil)
    }

    /// Tier ids follow the pricing page's GB-hour wording: 3,600,000 GB-s = 1,000 GB-h;
    /// 18,000,000 − 3,600,000 = 14,400,000 GB-s = 4,000 GB-h; over 18,000,000 GB-s = 5,000 GB-h.
    @Test func tierNamesComeFromTheRanges() {
        typealias D = PriceListImporter.Dimension
        #expect(PriceListImporter.tierName(D(begin: 0, end: 3_600_000, price: 1, currency: "USD")) == "first-1000-gb-hours")
        #expect(PriceListImporter.tierName(D(begin: 3_600_000, end: 18_000_000, price: 1, currency: "USD")) == "next-4000-gb-hours")
        #expect(PriceListImporter.tierName(D(begin: 18_000_000, end: nil, price: 1, currency: "USD")) == "over-5000-gb-hours")
        #expect(PriceListImporter.tierName(D(begin: 0, end: 1000, price: 1, currency: "USD")) == "first-1000-gb-seconds")
    }

    /// Importing into an empty directory starts from the built-in data: the three regions become
    /// verified and dated by AWS, the other 15 are kept, and `--pricing DIR` reads the result.
    @Test func importWritesAMergedDataFileThatLoadsBack() throws {
        let directory = try temporaryDirectory()
        let summary = try PriceDataUpdate.run(
            paths: [Fixtures.path("Tests/SFNCostKitTests/Fixtures/pricing/AmazonStates-offer.json")],
            directory: directory, today: "2026-11-25")
        #expect(summary.imported == fixtureRegions)
        #expect(summary.kept.count == 15)   // 18 shipped − 3 imported
        let table = try PriceTable.load(directory: directory)
        #expect(table.regions.count == 18)
        let sa = try #require(table.regions["sa-east-1"])
        #expect(sa.dateKind == .effective && sa.date == "2025-06-01")
        #expect(!sa.hasUnconfirmedPrices && sa.note == nil)
        #expect(sa.freeTransitionsPerMonth == 4000)
        #expect(table.regions["eu-west-3"] == shipped.regions["eu-west-3"])
        // The import priced none of the regions listed without prices, so the list is the shipped one.
        #expect(table.regionsWithoutPrices.keys.sorted() == shipped.regionsWithoutPrices.keys.sorted())
        #expect(table.regionsWithoutPrices["cn-north-1"] != nil && table.regionsWithoutPrices["ap-east-1"] != nil)

        // A second import into the same directory merges with what is there and changes nothing.
        let before = try String(contentsOfFile: summary.written, encoding: .utf8)
        _ = try PriceDataUpdate.run(
            paths: [Fixtures.path("Tests/SFNCostKitTests/Fixtures/pricing/AmazonStates-offer.json")],
            directory: directory, today: "2026-11-25")
        #expect(try String(contentsOfFile: summary.written, encoding: .utf8) == before)
    }

    /// A China region in CNY (a made-up figure for the test, not a China price) is imported with its
    /// currency and leaves the "regions without prices" list.
    @Test func aCNYRegionKeepsItsCurrency() throws {
        let directory = try temporaryDirectory()
        let file = try write(getProductsFile(region: "cn-north-1", location: "China (Beijing)", prefix: "CNN1-",
                                             currency: "CNY", transition: "0.0001000000"), in: directory, name: "cn.json")
        let output = (directory as NSString).appendingPathComponent("out")
        _ = try PriceDataUpdate.run(paths: [file], directory: output, today: "2026-11-25")
        let table = try PriceTable.load(directory: output)
        let china = try #require(table.regions["cn-north-1"])
        #expect(china.currency == "CNY")
        #expect(table.regionsWithoutPrices["cn-north-1"] == nil)
        #expect(table.regionsWithoutPrices["cn-northwest-1"] != nil)
        let analysis = try Fixtures.analyze(#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#)
        let report = ReportBuilder(prices: china, origin: output, freeTier: false, toolVersion: "test").build([analysis])
        #expect(report.currency == "CNY")
        #expect(TableRenderer().render(report).contains("¥"))
    }

    /// The import never writes the files it reads.
    @Test func refusesToOverwriteAnInput() throws {
        let directory = try temporaryDirectory()
        let input = try write(try String(contentsOfFile: Fixtures.path("Tests/SFNCostKitTests/Fixtures/pricing/AmazonStates-offer.json"), encoding: .utf8),
                              in: directory, name: "step-functions.json")
        let before = try String(contentsOfFile: input, encoding: .utf8)
        let error = #expect(throws: InputError.self) {
            try PriceDataUpdate.run(paths: [input], directory: directory, today: "2026-11-25")
        }
        #expect(error?.diagnostics.first?.code == "PriceList.WouldOverwriteInput")
        #expect(try String(contentsOfFile: input, encoding: .utf8) == before)
    }

    // MARK: - Bad files

    /// Broken JSON: located at the line and column where it breaks (line 3 holds the stray comma's successor).
    @Test func syntaxErrorsAreLocated() throws {
        let file = try write("{\n  \"products\": {},\n  ,\n}\n", in: try temporaryDirectory(), name: "bad.json")
        let error = #expect(throws: InputError.self) { try PriceListImporter.read(paths: [file]) }
        let first = try #require(error?.diagnostics.first)
        #expect(first.location?.file == file)
        #expect(first.location?.line == 3)
    }

    /// A JSON file of another shape says what was expected, at 1:1.
    @Test func aFileOfAnotherShapeIsRejected() throws {
        let file = try write("{\"StartAt\": \"A\"}\n", in: try temporaryDirectory(), name: "machine.json")
        let error = #expect(throws: InputError.self) { try PriceListImporter.read(paths: [file]) }
        #expect(error?.diagnostics.first?.description.hasPrefix("\(file):1:1: error: not an AWS Price List file") == true)
    }

    /// Another service's offer file names itself, at its `offerCode` value: line 2, column 16
    /// (two spaces, `"offerCode"` in columns 3–13, `:` 14, a space 15, the value from 16).
    @Test func anotherServicesOfferIsRejected() throws {
        let file = try write("{\n  \"offerCode\": \"AmazonEC2\",\n  \"products\": {},\n  \"terms\": {\"OnDemand\": {}}\n}\n",
                             in: try temporaryDirectory(), name: "ec2.json")
        let error = #expect(throws: InputError.self) { try PriceListImporter.read(paths: [file]) }
        #expect(error?.diagnostics.first?.description.hasPrefix("\(file):2:16: error: this is the price list of 'AmazonEC2'") == true)
    }

    /// A price that is not a decimal string is reported where it stands: the bulk fixture's first
    /// `"USD": "0.0000250000"` rewritten as a number; the location is that value's line.
    @Test func aBadPriceIsLocated() throws {
        let text = try String(contentsOfFile: Fixtures.path("Tests/SFNCostKitTests/Fixtures/pricing/AmazonStates-offer.json"), encoding: .utf8)
        let range = try #require(text.range(of: "\"USD\": \"0.0000250000\""))
        let broken = text.replacingCharacters(in: range, with: "\"USD\": 2.5e-5")
        let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        let file = try write(broken, in: try temporaryDirectory(), name: "offer.json")
        let error = #expect(throws: InputError.self) { try PriceListImporter.read(paths: [file]) }
        let first = try #require(error?.diagnostics.first)
        #expect(first.location?.line == line)
        #expect(first.message.contains("USD price must be a decimal string"))
    }

    /// A `PriceList` entry whose string is not JSON is placed at that string in the file (line 3).
    @Test func aBrokenGetProductsEntryIsLocatedAtItsString() throws {
        let file = try write("{\n  \"PriceList\": [\n    \"{\\\"product\\\": \"\n  ]\n}\n", in: try temporaryDirectory(), name: "list.json")
        let error = #expect(throws: InputError.self) { try PriceListImporter.read(paths: [file]) }
        let first = try #require(error?.diagnostics.first)
        #expect(first.location?.file == file && first.location?.line == 3)
        #expect(first.message.hasPrefix("PriceList[0]"))
    }

    /// Tiers with a gap cannot price all usage.
    @Test func durationTiersWithAGapAreRejected() throws {
        let text = try String(contentsOfFile: Fixtures.path("Tests/SFNCostKitTests/Fixtures/pricing/AmazonStates-offer.json"), encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\"beginRange\": \"18000000\"", with: "\"beginRange\": \"19000000\"")
        let file = try write(broken, in: try temporaryDirectory(), name: "gap.json")
        let error = #expect(throws: InputError.self) { try PriceListImporter.read(paths: [file]) }
        #expect(error?.diagnostics.contains { $0.message.contains("without gaps") && $0.location?.file == file } == true)
    }

    /// Two different prices for one region and usage type (the same SKU in two files) are a conflict.
    @Test func conflictingPricesAreAnError() throws {
        let directory = try temporaryDirectory()
        let one = try write(getProductsFile(region: "us-east-1", location: "US East (N. Virginia)", prefix: "",
                                            currency: "USD", transition: "0.0000250000"), in: directory, name: "a.json")
        let two = try write(getProductsFile(region: "us-east-1", location: "US East (N. Virginia)", prefix: "USE1-",
                                            currency: "USD", transition: "0.0000300000"), in: directory, name: "b.json")
        let error = #expect(throws: InputError.self) { try PriceListImporter.read(paths: [one, two]) }
        #expect(error?.diagnostics.first?.message.contains("two StateTransition prices (0.000025 and 0.00003") == true)
    }

    // MARK: - Helpers

    func temporaryDirectory() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("sfncost-pricing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func write(_ text: String, in directory: String, name: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A one-region `get-products` output with a StateTransition, a request and three duration tiers;
    /// only the transition price varies, the Express figures are facts.md §2's.
    func getProductsFile(region: String, location: String, prefix: String, currency: String, transition: String) -> String {
        func entry(_ sku: String, _ usage: String, _ dimensions: [(String, String, String)]) -> String {
            let dims = dimensions.enumerated().map { index, dimension in
                "\"\(sku).JRTCKXETXF.R\(index)\":{\"rateCode\":\"\(sku).JRTCKXETXF.R\(index)\",\"beginRange\":\"\(dimension.0)\",\"endRange\":\"\(dimension.1)\",\"unit\":\"x\",\"pricePerUnit\":{\"\(currency)\":\"\(dimension.2)\"},\"appliesTo\":[]}"
            }.joined(separator: ",")
            let json = "{\"product\":{\"sku\":\"\(sku)\",\"productFamily\":\"AWS Step Functions\",\"attributes\":{\"regionCode\":\"\(region)\",\"location\":\"\(location)\",\"usagetype\":\"\(prefix)\(usage)\"}},\"serviceCode\":\"AmazonStates\",\"terms\":{\"OnDemand\":{\"\(sku).JRTCKXETXF\":{\"offerTermCode\":\"JRTCKXETXF\",\"sku\":\"\(sku)\",\"effectiveDate\":\"2025-06-01T00:00:00Z\",\"priceDimensions\":{\(dims)},\"termAttributes\":{}}}},\"version\":\"1\",\"publicationDate\":\"2026-11-20T00:00:00Z\"}"
            return "\"" + json.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let entries = [
            entry("T\(prefix)", "StateTransition", [("0", "Inf", transition)]),
            entry("R\(prefix)", "StepFunctions-Request", [("0", "Inf", "0.0000010000")]),
            entry("D\(prefix)", "StepFunctions-GB-Second", [("0", "3600000", "0.0000166700"), ("3600000", "18000000", "0.0000083300"),
                                                            ("18000000", "Inf", "0.0000045600")]),
        ]
        return "{\"FormatVersion\": \"aws_v1\", \"PriceList\": [\n" + entries.joined(separator: ",\n") + "\n]}\n"
    }
}
