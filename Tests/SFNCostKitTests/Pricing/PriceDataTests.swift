import Foundation
import Testing
@testable import SFNCostKit

/// The shipped price data: the embedded copy matches the file, the file holds facts.md's figures, and
/// what it does not know (China, Hong Kong, AWS's effective dates) is said, not hidden.
@Suite struct PriceDataTests {
    let shipped = PriceTable.embedded()

    /// scripts/embed-pricing.sh turns the file into Swift values; they must be what the strict reader
    /// reads from the file, every field, and every Decimal the same bits (so that a price prints and
    /// multiplies exactly as it did when the file was parsed on each start). Fails when
    /// pricing/step-functions.json was edited without re-running the script.
    @Test func embeddedValuesAreWhatTheDataFileDecodesTo() throws {
        let file = try String(contentsOfFile: Fixtures.path("pricing/step-functions.json"), encoding: .utf8)
        let decoded = try PriceTable.decode(try SourceDocument.parse(file, file: "pricing/step-functions.json"),
                                            origin: PriceTable.embeddedOrigin)
        let message: Comment = "pricing/step-functions.json changed: run scripts/embed-pricing.sh"
        #expect(shipped.regions == decoded.regions, message)
        #expect(shipped.regionsWithoutPrices == decoded.regionsWithoutPrices, message)
        #expect(shipped.note == decoded.note, message)
        #expect(shipped.compiled == decoded.compiled, message)
        #expect(shipped.origin == decoded.origin)
        #expect(EmbeddedPriceData.regions.map(\.region) == decoded.regions.keys.sorted(), "in the file's order, which is sorted")
        func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        for (region, prices) in decoded.regions {
            let embedded = try #require(shipped.regions[region])
            #expect(embedded.rows.map { bits($0.price) } == prices.rows.map { bits($0.price) }, "\(region)")
            #expect(embedded.expressDuration.map { bits($0.fromGBSeconds) } == prices.expressDuration.map { bits($0.fromGBSeconds) }, "\(region)")
        }
    }

    /// The generator writes a price as Decimal(sign:exponent:significand:) from its digits; that must
    /// give the bits that parsing the text gives, trailing zeros and all (a check of the method on
    /// hand-picked texts, beyond the shipped values above).
    @Test func aPriceFromItsDigitsIsTheParsedDecimal() throws {
        func bits(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        for (text, significand, exponent) in [("0.000025", 25, -6), ("0.0000250", 250, -7), ("0", 0, 0), ("3600000", 3_600_000, 0),
                                              ("12.50", 1250, -2), ("0.00000456", 456, -8), ("999999.999999", 999_999_999_999, -6)] {
            let parsed = try #require(PriceText.decimal(text))
            let built = Decimal(sign: .plus, exponent: exponent, significand: Decimal(UInt64(significand)))
            #expect(bits(built) == bits(parsed), "\(text)")
        }
    }

    /// The data file is in the writer's canonical form, so `pricing import` over it changes only the
    /// regions it imports and the `compiled` date.
    @Test func dataFileIsInCanonicalForm() throws {
        let file = try String(contentsOfFile: Fixtures.path("pricing/step-functions.json"), encoding: .utf8)
        let table = try PriceTable.decode(try SourceDocument.parse(file, file: "step-functions.json"), origin: "test")
        #expect(PriceDataWriter.render(table, compiled: table.compiled ?? "") == file)
    }

    /// facts.md §1 table, $ per 1,000 transitions ÷ 1,000 = $ per transition, e.g. 0.0279 / 1000 = 0.0000279.
    /// Every commercial region with a price there, plus both GovCloud regions; nothing else.
    @Test func standardPricesAreThoseOfTheFactSheet() {
        let perThousand: [String: String] = [
            "us-east-1": "0.0250", "us-east-2": "0.0250", "us-west-2": "0.0250", "us-west-1": "0.0279",
            "ca-central-1": "0.0250", "sa-east-1": "0.0375", "us-gov-east-1": "0.0300", "us-gov-west-1": "0.0300",
            "ap-northeast-2": "0.0271", "eu-west-1": "0.0250", "eu-central-1": "0.0250", "eu-west-2": "0.0250",
            "eu-west-3": "0.0297", "eu-north-1": "0.0250", "ap-southeast-1": "0.0250", "ap-northeast-1": "0.0250",
            "ap-southeast-2": "0.0250", "ap-south-1": "0.0285",
        ]
        #expect(Set(shipped.regions.keys) == Set(perThousand.keys))
        for (region, price) in perThousand {
            let expected = Decimal(string: price)! / 1000
            #expect(shipped.regions[region]?.stateTransition.price == expected, "\(region)")
            #expect(shipped.regions[region]?.stateTransition.confidence == "verified", "\(region)")
            #expect(shipped.regions[region]?.stateTransition.id == "\(region)/standard/state-transition")
            #expect(shipped.regions[region]?.freeTransitionsPerMonth == 4000, "\(region)")
            #expect(shipped.regions[region]?.currency == "USD", "\(region)")
        }
    }

    /// facts.md §2: $1.00 per 1M requests = 0.000001; duration tiers from 0, 3,600,000 (1,000 GB-h × 3,600)
    /// and 18,000,000 GB-s (5,000 GB-h × 3,600) at 0.00001667, 0.00000833, 0.00000456. Verified only in
    /// us-east-1; every other region copies them and says so.
    @Test func expressPricesAreUSEast1sAndUnconfirmedElsewhere() {
        for (region, prices) in shipped.regions {
            #expect(prices.expressRequest.price == Decimal(string: "0.000001")!)
            #expect(prices.expressDuration.map(\.fromGBSeconds) == [0, 3_600_000, 18_000_000])
            #expect(prices.expressDuration.map(\.row.price) == ["0.00001667", "0.00000833", "0.00000456"].map { Decimal(string: $0)! })
            #expect(prices.expressDuration.map(\.row.id) == ["first-1000-gb-hours", "next-4000-gb-hours", "over-5000-gb-hours"]
                .map { "\(region)/express/gb-second/\($0)" })
            let confidence = region == "us-east-1" ? "verified" : "unconfirmed"
            #expect(([prices.expressRequest] + prices.expressDuration.map(\.row)).allSatisfy { $0.confidence == confidence }, "\(region)")
            #expect(prices.hasUnconfirmedPrices == (region != "us-east-1"))
            #expect((prices.note != nil) == (region != "us-east-1"), "\(region) must say why its prices are unconfirmed")
        }
    }

    /// The pricing page has no effective date: the shipped date is the day its copy was read.
    @Test func shippedDatesAreReadDatesNotEffectiveDates() {
        for prices in shipped.regions.values {
            #expect(prices.dateKind == .read)
            #expect(prices.date == "2026-11-01")
            #expect(prices.dateText.contains("effective date unknown"))
        }
    }

    /// China has no price in facts.md and ap-east-1 only a third-party one: none is shipped, and the
    /// absence is listed (with the currency China bills in), so `pricing list` and the region error say so.
    @Test func regionsWithoutPricesAreListedNotInvented() {
        #expect(shipped.regions["cn-north-1"] == nil)
        #expect(shipped.regions["cn-northwest-1"] == nil)
        #expect(shipped.regions["ap-east-1"] == nil)
        #expect(shipped.regionsWithoutPrices["cn-north-1"]?.currency == "CNY")
        #expect(shipped.regionsWithoutPrices["cn-northwest-1"]?.currency == "CNY")
        let listing = PricingText.list(shipped)
        #expect(listing.contains("No price data for 28 known regions"))
        #expect(listing.contains("sfncost pricing import"))
        let message = shipped.unknownRegionMessage("cn-north-1")
        #expect(message.contains("CNY") && message.contains("sfncost pricing import") && message.contains("us-east-1"))
    }

    /// Every region where Step Functions is offered is known by name: the AWS SDK's endpoint data
    /// (botocore 1.43.11, data/endpoints.json, service "states": 34 commercial regions, 2 China, 2
    /// GovCloud, 7 in isolated partitions, 1 European Sovereign Cloud = 46) is exactly the priced
    /// regions (18, the pricing page's table) plus the ones listed without prices (28).
    @Test func everyStepFunctionsRegionIsKnown() {
        let sdk: Set = ["af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
                        "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
                        "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1",
                        "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
                        "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2",
                        "us-west-1", "us-west-2", "cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1",
                        "us-iso-east-1", "us-iso-west-1", "us-isob-east-1", "us-isob-west-1", "eu-isoe-west-1",
                        "us-isof-east-1", "us-isof-south-1", "eusc-de-east-1"]
        #expect(sdk.count == 46)
        #expect(Set(shipped.regions.keys).union(shipped.regionsWithoutPrices.keys) == sdk)
        #expect(shipped.regions.count == 18)
        let message = shipped.unknownRegionMessage("me-south-1")
        #expect(message.contains("Middle East (Bahrain)") && message.contains("sfncost pricing import"))
    }

    /// Region names are matched without regard to case.
    @Test func regionNamesIgnoreCase() {
        #expect(shipped.prices(for: "US-East-1")?.region == "us-east-1")
        #expect(shipped.unknownRegionMessage("ME-SOUTH-1").contains("Middle East (Bahrain)"))
    }

    /// An unknown region that the data does not know either still lists the known ones.
    @Test func unknownRegionMessageListsKnownRegions() {
        let message = shipped.unknownRegionMessage("xx-nowhere-1")
        #expect(message.hasPrefix("no prices for region 'xx-nowhere-1', and it is not a region Step Functions is known to be offered in; regions with prices: ap-northeast-1, "))
        #expect(message.contains("sfncost pricing import"))
    }

    /// A table and a JSON report carry the region's currency.
    @Test func reportsCarryTheCurrency() throws {
        let analysis = try Fixtures.analyze(#"{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#)
        let report = ReportBuilder(prices: shipped.regions["eu-west-3"]!, origin: "test", freeTier: false, toolVersion: "test")
            .build([analysis])
        #expect(report.currency == "USD")
        #expect(report.pricing.currency == "USD")
        #expect(report.pricing.dateKind == "read")
        #expect(try JSONRenderer.render(report).contains("\"currency\" : \"USD\"") || JSONRenderer.render(report).contains("\"currency\":\"USD\""))
        #expect(TableRenderer().render(report).contains("USD, read 2026-11-01"))
    }

    /// Bad data in a --pricing directory is located: a price that is not a plain decimal, a currency
    /// that is not a code, a region with neither date.
    @Test func invalidDataIsReportedAtItsLocation() throws {
        let text = PriceDataWriter.render(PriceTable(regions: ["us-east-1": shipped.regions["us-east-1"]!], origin: "t"), compiled: "x")
            .replacingOccurrences(of: "\"price\": \"0.000025\"", with: "\"price\": \"2.5e-5\"")
            .replacingOccurrences(of: "\"currency\": \"USD\"", with: "\"currency\": \"dollars\"")
        let error = #expect(throws: InputError.self) {
            try PriceTable.decode(try SourceDocument.parse(text, file: "bad.json"), origin: "bad.json")
        }
        let messages = error?.diagnostics.map(\.description) ?? []
        #expect(messages.contains { $0.hasPrefix("bad.json:") && $0.contains("'price' must be a decimal string") })
        #expect(messages.contains { $0.hasPrefix("bad.json:") && $0.contains("'currency' must be an ISO 4217 code") })
    }
}
