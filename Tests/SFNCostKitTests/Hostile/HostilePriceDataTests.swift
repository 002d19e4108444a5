import Foundation
import Testing
@testable import SFNCostKit

/// Price data read with `--pricing DIR` that was silently misread (issue 10, item 9): each is now
/// an error at its line and column.
@Suite struct HostilePriceDataTests {
    /// us-east-1 and us-west-2 as `pricing import` writes them.
    static let valid: String = {
        let shipped = PriceTable.embedded()
        return PriceDataWriter.render(PriceTable(regions: ["us-east-1": shipped.regions["us-east-1"]!,
                                                           "us-west-2": shipped.regions["us-west-2"]!], origin: "t"),
                                      compiled: "2026-11-30")
    }()

    /// Decodes `valid` with `original` replaced (once) by `hostile`; returns the error's diagnostics
    /// and where `hostile` stands in the text (line, column of its first character).
    static func failure(replacing original: String, with hostile: String, occurrence: Int = 0,
                        file: StaticString = #filePath, line: UInt = #line) throws -> (messages: [Diagnostic], at: (Int, Int)) {
        let ranges = valid.ranges(of: original)
        let range = try #require(ranges.count > occurrence ? ranges[occurrence] : nil, "'\(original)' is not in the data")
        let text = valid.replacingCharacters(in: range, with: hostile)
        let before = text[..<range.lowerBound]
        let lineNumber = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        let error = try #require(throws: InputError.self) {
            try PriceTable.decode(try SourceDocument.parse(text, file: "prices.json"), origin: "prices.json")
        }
        return (error.diagnostics, (lineNumber, column))
    }

    static func expectAt(_ result: (messages: [Diagnostic], at: (Int, Int)), column offset: Int = 0, _ phrase: String) {
        let hit = result.messages.first { $0.message.contains(phrase) }
        #expect(hit != nil, "no '\(phrase)' in \(result.messages.map(\.description))")
        #expect(hit?.location?.file == "prices.json")
        #expect(hit?.location?.line == result.at.0, "\(hit?.description ?? "")")
        #expect(hit?.location?.column == result.at.1 + offset, "\(hit?.description ?? "")")
    }

    @Test func theValidDataReads() throws {
        let table = try PriceTable.decode(try SourceDocument.parse(Self.valid, file: "prices.json"), origin: "prices.json")
        #expect(table.regions["us-east-1"]?.freeTransitionsPerMonth == 4000)
    }

    /// A negative free tier raised the bill (min(−4,000, transitions) × price is a negative deduction).
    @Test func negativeFreeTier() throws {
        let result = try Self.failure(replacing: "\"freeTransitionsPerMonth\": 4000", with: "\"freeTransitionsPerMonth\": -4000")
        Self.expectAt(result, column: 27, "'freeTransitionsPerMonth' must be a whole number of transitions, 0 or more (found -4000)")
    }

    /// "lots" and 1e300 read as a free tier of 0.
    @Test func freeTierThatIsNotACount() throws {
        for hostile in ["\"lots\"", "1e300", "0.5"] {
            let result = try Self.failure(replacing: "\"freeTransitionsPerMonth\": 4000", with: "\"freeTransitionsPerMonth\": \(hostile)")
            Self.expectAt(result, column: 27, "'freeTransitionsPerMonth' must be a whole number")
        }
    }

    /// "." read as a price of $0; "5." and ".5" are not what the writer produces either.
    @Test func priceThatIsNotADecimal() throws {
        for hostile in [".", "5.", ".5", "1e300", "0.0000250000x", ""] {
            let result = try Self.failure(replacing: "\"price\": \"0.000025\"", with: "\"price\": \"\(hostile)\"")
            Self.expectAt(result, column: 9, "'price' must be a decimal string")
        }
    }

    /// A price of a million or more a unit is refused: it would overflow Decimal in the tier shares.
    @Test func absurdPrice() throws {
        let result = try Self.failure(replacing: "\"price\": \"0.000025\"", with: "\"price\": \"1000000\"")
        Self.expectAt(result, column: 9, "'price' must be below 1000000 a unit")
    }

    /// Two entries for us-east-1: which one applied depended on the order.
    @Test func duplicateRegion() throws {
        let result = try Self.failure(replacing: "\"region\": \"us-west-2\"", with: "\"region\": \"us-east-1\"")
        Self.expectAt(result, column: 10, "region 'us-east-1' appears twice in the price data; the first is at prices.json:")
    }

    /// Two tiers from the same GB-second: the third tier of us-east-1 moved onto the second's start;
    /// the error stands at the later of the two.
    @Test func duplicateTier() throws {
        let result = try Self.failure(replacing: "\"fromGBSeconds\": \"18000000\"", with: "\"fromGBSeconds\": \"3600000\"")
        Self.expectAt(result, column: 17, "two Express duration tiers of 'us-east-1' start at fromGBSeconds 3600000; the first is at prices.json:")
    }

    /// A schemaVersion this sfncost does not know, or none.
    @Test func unknownSchemaVersion() throws {
        let result = try Self.failure(replacing: "\"schemaVersion\": 1", with: "\"schemaVersion\": 2")
        Self.expectAt(result, column: 17, "price data schemaVersion 2 is not supported")
        let missing = try Self.failure(replacing: "\"schemaVersion\": 1,", with: "")
        #expect(missing.messages.contains { $0.message.contains("price data needs 'schemaVersion': 1") && $0.location?.line == 1 })
    }
}

/// `diff` read a cost of "0.35abc" as 0.35 and accepted negative costs (issue 10, item 9).
@Suite struct HostileReportTests {
    static func savedReport() throws -> String {
        let analysis = try Fixtures.analyze(TooLargeFigureTests.machine)
        let prices = try #require(PriceTable.embedded().prices(for: "us-east-1"))
        let report = ReportBuilder(prices: prices, origin: "test", freeTier: false, toolVersion: "test").build([analysis])
        return try JSONRenderer.render(report)
    }

    static func write(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("report.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// 12,000 transitions × $0.000025 = $0.30 at the declared (Standard) type: `"declaredCost" : "0.3"`.
    @Test func costWithTrailingLettersIsALocatedError() throws {
        let text = try Self.savedReport()
        let range = try #require(text.range(of: "\"declaredCost\" : \"0.3\""))
        let path = try Self.write(text.replacingCharacters(in: range, with: "\"declaredCost\" : \"0.35abc\""))
        let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        let error = try #require(throws: ReportDiffer.DiffError.self) { try ReportDiffer.load(path: path) }
        #expect(error.description.hasPrefix("\(path):\(line):"), "\(error.description)")
        #expect(error.description.contains("'0.35abc' is not a decimal amount"))
    }

    @Test func negativeCostIsALocatedError() throws {
        let text = try Self.savedReport()
        let range = try #require(text.range(of: "\"declaredCost\" : \"0.3\""))
        let path = try Self.write(text.replacingCharacters(in: range, with: "\"declaredCost\" : \"-0.3\""))
        let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        let error = try #require(throws: ReportDiffer.DiffError.self) { try ReportDiffer.load(path: path) }
        #expect(error.description.hasPrefix("\(path):\(line):"), "\(error.description)")
        #expect(error.description.contains("'stateMachines.0.monthly.declaredCost' is -0.3, a negative cost"))
    }

    /// The strict amount syntax, by hand.
    @Test func moneyParsing() {
        #expect(Money.parse("0.3") == Decimal(string: "0.3"))
        #expect(Money.parse("-12") == -12)
        for bad in ["0.35abc", ".", "5.", ".5", "1e5", "", "-", "NaN", " 1", "1,000", "1" + String(repeating: "0", count: 37)] {
            #expect(Money.parse(bad) == nil, "\(bad)")
        }
        #expect(Money.parse("1" + String(repeating: "0", count: 36)) == Decimal(sign: .plus, exponent: 36, significand: 1))
    }
}
