import Foundation
import Testing
@testable import SFNCostKit

/// The bill against the estimate: a Cost and Usage Report extract written for these tests
/// (Fixtures/cur: the same nine rows with CUR 2.0 headers and LF, and with legacy CUR headers, every
/// field quoted and CRLF), two machines whose monthly usage is counted by hand, and bad input.
///
/// The rows of account 111122223333, us-east-1, October 2026 (31 days = 744 hours):
///   StateTransition 15,000 + 15,600 = 30,600 (cost 0.275 + 0.39)
///   StepFunctions-Request 1,019,000 (cost 1.019)
///   StepFunctions-GB-Second 63,700.5 (cost 1.061887335)
///   cost: 0.275 + 0.39 + 1.019 + 1.061887335 = 2.745887335
/// left out: a DataTransfer-Out-Bytes row (another usage type), a Tax row (not usage, empty amount),
/// an AWSLambda row, an EU-StateTransition row (eu-west-1, 2,500) and account 444455556666's
/// StateTransition row (7.0E3 = 7,000).
@Suite struct BillReconciliationTests {
    static let folder = Fixtures.path("Tests/SFNCostKitTests/Fixtures/cur")
    static let cur2 = (folder as NSString).appendingPathComponent("cur2-2026-10.csv")
    static let legacy = (folder as NSString).appendingPathComponent("legacy-2026-10.csv")
    static let main = CostUsageReport.Scope(account: "111122223333", region: "us-east-1")

    static func temporary(_ text: String, name: String = "cur.csv") throws -> String {
        try temporary(bytes: Data(text.utf8), name: name)
    }

    static func temporary(bytes: Data, name: String = "cur.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-cur-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func estimate(profile: String) -> Report? {
        Estimator.run(Estimator.Request(paths: [(folder as NSString).appendingPathComponent("machines")],
                                        profilePath: (folder as NSString).appendingPathComponent(profile))).report
    }

    static func error(_ body: () throws -> Void) -> Diagnostic? {
        do { try body() } catch let error as InputError { return error.diagnostics.first } catch { return nil }
        return nil
    }

    // MARK: reading

    @Test(arguments: [cur2, legacy]) func bothHeaderStylesReadTheSameBill(path: String) throws {
        let report = try CostUsageReport.read(path: path)
        #expect(report.scopes.count == 3)
        let billed = try #require(report.scopes[Self.main])
        #expect(billed.usage[.transitions] == 30_600)
        #expect(billed.usage[.requests] == 1_019_000)
        #expect(billed.usage[.gbSeconds] == Decimal(string: "63700.5"))
        #expect(billed.unblendedCost == Decimal(string: "2.745887335"))
        #expect(billed.months == ["2026-10"])
        #expect(billed.rows == 4)
        #expect(billed.usageTypes[.transitions] == ["USE1-StateTransition"])
        #expect(report.scopes[CostUsageReport.Scope(account: "111122223333", region: "eu-west-1")]?.usage[.transitions] == 2_500)
        // 7.0E3, scientific notation as some exports write it.
        #expect(report.scopes[CostUsageReport.Scope(account: "444455556666", region: "us-east-1")]?.usage[.transitions] == 7_000)
        #expect(report.otherUsageTypes == ["USE1-DataTransfer-Out-Bytes": 1])
        #expect(report.otherLineItemTypes == ["Tax": 1])
    }

    /// Two files are the parts of one extract: here the same nine rows twice, so every sum doubles
    /// (30,600 × 2 = 61,200 transitions) and both files are named.
    @Test func partsOfOneExtractAddUp() throws {
        let report = try CostUsageReport.read(paths: [Self.cur2, Self.legacy])
        #expect(report.paths == [Self.cur2, Self.legacy])
        let billed = try #require(report.scopes[Self.main])
        #expect(billed.usage[.transitions] == 61_200)
        #expect(billed.unblendedCost == Decimal(string: "5.49177467"))
        #expect(billed.rows == 8 && billed.months == ["2026-10"])
        #expect(report.otherLineItemTypes == ["Tax": 2])
    }

    /// RFC 4180: a quoted field holds commas, doubled quotes and a line break; positions count from
    /// the field's first character (its quote). In cur2-2026-10.csv, row a4 spans lines 5 and 6.
    @Test func csvFieldsAndTheirPositions() throws {
        let path = try Self.temporary("\u{FEFF}a,\"b,\"\"c\"\"\",d\r\n\"x\ny\",é,\"\"\nlast")
        var reader = try CSVRecordReader(path: path)
        let first = try #require(try reader.next())
        #expect(first.map(\.decoded) == ["a", "b,\"c\"", "d"])
        #expect(first.map(\.column) == [1, 3, 13])
        let second = try #require(try reader.next())
        #expect(second.map(\.decoded) == ["x\ny", "é", ""])
        #expect(second.map(\.line) == [2, 3, 3])
        // "x\ny" closes at column 3 of line 3; é is column 4 (one scalar, two bytes); "" starts at column 6.
        #expect(second.map(\.column) == [1, 4, 6])
        let third = try #require(try reader.next())
        #expect(third.map(\.decoded) == ["last"] && third[0].line == 4)
        #expect(try reader.next() == nil)
    }

    @Test func usageTypesAndRegions() {
        #expect(CostUsageReport.kind(of: "USE1-StateTransition") == .transitions)
        #expect(CostUsageReport.kind(of: "StateTransition") == .transitions)
        #expect(CostUsageReport.kind(of: "EU-StepFunctions-Request") == .requests)
        #expect(CostUsageReport.kind(of: "APE1-StepFunctions-GB-Second") == .gbSeconds)
        #expect(CostUsageReport.kind(of: "USE1-DataTransfer-Out-Bytes") == nil)
        #expect(CostUsageReport.kind(of: "USE1-NotAStateTransition") == nil)
        #expect(CostUsageReport.regionFromPrefix("USW2-StateTransition") == "us-west-2")
        #expect(CostUsageReport.regionFromPrefix("EU-StepFunctions-GB-Second") == "eu-west-1")
        #expect(CostUsageReport.regionFromPrefix("StateTransition") == "us-east-1")
        #expect(CostUsageReport.regionFromPrefix("XYZ9-StateTransition").contains("XYZ9"))
    }

    /// Without a region column the usage type's prefix gives the region.
    @Test func regionFromThePrefixWhenTheColumnIsMissing() throws {
        let path = try Self.temporary("""
        lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UsageStartDate
        AmazonStates,USW2-StateTransition,10,2026-02-01T00:00:00Z
        AmazonStates,USW2-StateTransition,5,2026-03-01T00:00:00Z
        """)
        let report = try CostUsageReport.read(path: path)
        #expect(!report.hasAccountColumn && !report.hasRegionColumn && !report.hasCostColumn)
        let billed = try #require(report.scopes[CostUsageReport.Scope(account: "", region: "us-west-2")])
        #expect(billed.usage[.transitions] == 15)
        #expect(billed.months == ["2026-02", "2026-03"])
    }

    @Test func amountsAreParsedStrictly() {
        #expect(CostUsageReport.parseAmount("1234") == 1234)
        #expect(CostUsageReport.parseAmount("0.5") == Decimal(string: "0.5"))
        #expect(CostUsageReport.parseAmount("-3.25") == Decimal(string: "-3.25"))
        #expect(CostUsageReport.parseAmount("+.5") == Decimal(string: "0.5"))
        #expect(CostUsageReport.parseAmount("2.5E-5") == Decimal(string: "0.000025"))
        #expect(CostUsageReport.parseAmount("1e-70") == 0)
        for bad in ["", "12abc", "abc", ".", "1.2.3", "1e", "1e1000", "0x10", "1,000", "NaN", "inf", " "] {
            #expect(CostUsageReport.parseAmount(bad) == nil, "\(bad)")
        }
        // Over 10^30 is refused by read (the magnitude is checked before any conversion).
        #expect((CostUsageReport.parseAmount("1e999") ?? 0) > CostUsageReport.maxAmount)
        #expect((CostUsageReport.parseAmount(String(repeating: "9", count: 45)) ?? 0) > CostUsageReport.maxAmount)
    }

    /// October 31 × 24 = 744; February 2028 (leap) 29 × 24 = 696; February 2100 (not leap) 672.
    @Test func hoursOfAMonth() {
        #expect(BillReconciliation.hoursIn(month: "2026-10") == 744)
        #expect(BillReconciliation.hoursIn(month: "2028-02") == 696)
        #expect(BillReconciliation.hoursIn(month: "2100-02") == 672)
        #expect(BillReconciliation.hoursIn(month: "2000-02") == 696)
        #expect(BillReconciliation.lastDay(month: "2026-11") == "2026-11-30")
    }

    // MARK: comparing

    /// usage.yml: orders (STANDARD, 3 Pass states) 10,000 executions × 3 transitions = 30,000 a month;
    /// events (EXPRESS: Wait 1 s, Pass) 1,000,000 requests and 1,000,000 × 1 s × 64/1024 GB =
    /// 62,500 GB-s a month. October has 744 hours, so each is × 744/730:
    ///   transitions 30,000 × 744/730 = 30,575.342466; billed 30,600: ratio 30,600 × 730 / (30,000 × 744)
    ///     = 22,338,000/22,320,000 = 1.000806, difference (billed − predicted)/predicted = +0.0806%
    ///   requests 1,019,178.082192; billed 1,019,000: 743,870,000/744,000,000 − 1 = −0.0175%
    ///   GB-s 62,500 × 744/730 = 63,698.630137; billed 63,700.5: 46,501,365/46,500,000 − 1 = +0.0029%
    ///   cost: (30,000 × $0.000025 + 1,000,000 × $0.000001 + 62,500 × $0.00001667) × 744/730
    ///     = (0.75 + 1 + 1.041875) × 744/730 = 2.791875 × 744/730 = 2.845417808…
    @Test func theBillAgreesWithTheRightProfile() throws {
        let report = try #require(Self.estimate(profile: "usage.yml"))
        let bill = try CostUsageReport.read(path: Self.cur2)
        let scope = try BillReconciliation.select(bill, account: "111122223333", region: "us-east-1")
        let result = BillReconciliation.build(report: report, bill: bill, scope: scope, tolerancePercent: 1)
        #expect(result.hours == 744 && result.months == ["2026-10"])
        #expect(result.rows.map(\.figure) == [.transitions, .requests, .gbSeconds])
        let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.figure, $0) })
        let transitions = try #require(rows[.transitions])
        #expect(transitions.billed == "30600")
        #expect(abs((transitions.predicted ?? 0) - 30_575.342466) < 1e-5)
        #expect(abs((transitions.ratio ?? 0) - 1.000806) < 1e-6)
        #expect(abs((transitions.differencePercent ?? 0) - 0.0806) < 1e-4)
        let requests = try #require(rows[.requests])
        #expect(abs((requests.predicted ?? 0) - 1_019_178.082192) < 1e-5)
        #expect(abs((requests.differencePercent ?? 0) - -0.0175) < 1e-4)
        let gbSeconds = try #require(rows[.gbSeconds])
        #expect(gbSeconds.billed == "63700.5")
        #expect(abs((gbSeconds.predicted ?? 0) - 63_698.630137) < 1e-5)
        #expect(abs((gbSeconds.differencePercent ?? 0) - 0.0029) < 1e-4)
        #expect(result.withinTolerance && !result.rows.contains(where: \.failsTolerance))
        #expect(result.billedCost == Money(Decimal(string: "2.745887335")!))
        #expect(result.predictedCost == Money(Decimal(string: "2.84541781")!))
        #expect(result.notes.contains { $0.contains("USE1-DataTransfer-Out-Bytes") })
        #expect(result.notes.contains { $0.contains("Tax") })
        #expect(!result.notes.contains { $0.contains("partial") })
    }

    /// wrong-usage.yml guesses 20,000 orders executions: 60,000 × 744/730 = 61,150.684932 predicted
    /// against 30,600 billed: the bill is (30,600 − 61,150.684932)/61,150.684932 = 30,600 × 730/(60,000 × 744) − 1
    /// = 22,338,000/44,640,000 − 1 = −49.96% from its prediction (ratio 0.500): outside 10%, flagged, and
    /// within 60% (the gate is |DIFF|, the same distance as BILLED/PREDICTED beside it). Express is unchanged.
    @Test func aWrongProfileIsFlaggedOnTheTransitionsLine() throws {
        let report = try #require(Self.estimate(profile: "wrong-usage.yml"))
        let bill = try CostUsageReport.read(path: Self.legacy)
        let result = BillReconciliation.build(report: report, bill: bill, scope: Self.main, tolerancePercent: 10)
        #expect(!result.withinTolerance)
        #expect(result.rows.filter(\.failsTolerance).map(\.figure) == [.transitions])
        let transitions = try #require(result.rows.first { $0.figure == .transitions })
        #expect(abs((transitions.predicted ?? 0) - 61_150.684932) < 1e-5)
        #expect(abs((transitions.differencePercent ?? 0) - -49.9597) < 1e-3)
        // Predicting twice the bill is 50% off, not 100%: --tolerance 60 passes.
        #expect(BillReconciliation.build(report: report, bill: bill, scope: Self.main, tolerancePercent: 60).withinTolerance)
        // Without --tolerance nothing fails: the comparison only reports.
        #expect(BillReconciliation.build(report: report, bill: bill, scope: Self.main, tolerancePercent: nil).withinTolerance)
        // The Markdown gives what PREDICTED is made of, as the table does: each machine's monthly
        // figures (orders 20,000 × 3 = 60,000 transitions; events as in the test above, 1,000,000
        // requests and 62,500 GB-s), and the gate's verdict.
        let markdown = BillReconciliationRenderer.markdown(result, tolerance: 10)
        #expect(markdown.contains("The predicted column is each machine's monthly figure × 744 / 730 hours:"), "\(markdown)")
        #expect(markdown.contains("- `orders` (STANDARD): 60,000 transitions a month"), "\(markdown)")
        #expect(markdown.contains("- `events` (EXPRESS): 1,000,000 requests, 62,500 GB-s a month"), "\(markdown)")
        #expect(markdown.contains("Some billed figures are further than 10% from the prediction (marked **off**)."))
        #expect(BillReconciliationRenderer.table(result, tolerance: 10).contains("(marked OFF)."))
    }

    /// A month whose last usage ends on the 20th may not be over: said in a note. Nothing billed for
    /// requests while the estimate predicts them: the row is there with billed 0 and fails any tolerance.
    @Test func partialMonthsAndMissingUsage() throws {
        let path = try Self.temporary("""
        line_item_product_code,line_item_usage_type,line_item_usage_amount,line_item_usage_start_date,line_item_usage_end_date
        AmazonStates,USE1-StateTransition,100,2026-11-01T00:00:00Z,2026-11-20T00:00:00Z
        """)
        let bill = try CostUsageReport.read(path: path)
        let report = try #require(Self.estimate(profile: "usage.yml"))
        let scope = try BillReconciliation.select(bill, account: nil, region: nil)
        let result = BillReconciliation.build(report: report, bill: bill, scope: scope, tolerancePercent: 50)
        #expect(result.notes.contains { $0.contains("2026-11 ends on 2026-11-20") })
        let requests = try #require(result.rows.first { $0.figure == .requests })
        // Nothing billed is −100% from the prediction, and fails even a tolerance above 100%.
        #expect(requests.billed == "0" && requests.differencePercent == -100 && requests.failsTolerance)
        let lenient = BillReconciliation.build(report: report, bill: bill, scope: scope, tolerancePercent: 150)
        #expect(lenient.rows.first { $0.figure == .requests }?.failsTolerance == true)
        #expect(result.hours == 720)
    }

    /// Account, region and usage types come from the file: escaped in the table (no raw ESC) and in
    /// Markdown (a `|` cannot split the row, `<b>` is no tag).
    @Test func namesFromTheExtractAreEscaped() throws {
        let path = try Self.temporary("""
        line_item_product_code,line_item_usage_type,line_item_usage_amount,line_item_usage_start_date,product_region_code,line_item_usage_account_id
        AmazonStates,"X|<b>\u{1B}[31m-StateTransition",5,2026-10-01,"us-east-1\u{1B}[0m","@team|1"
        """)
        let bill = try CostUsageReport.read(path: path)
        let report = try #require(Self.estimate(profile: "usage.yml"))
        let scope = try BillReconciliation.select(bill, account: nil, region: nil)
        let result = BillReconciliation.build(report: report, bill: bill, scope: scope, tolerancePercent: nil)
        let table = BillReconciliationRenderer.table(result, tolerance: nil)
        #expect(!table.contains("\u{1B}") && table.contains("\\u001b"))
        let markdown = BillReconciliationRenderer.markdown(result, tolerance: nil)
        #expect(!markdown.contains("\u{1B}") && !markdown.contains("<b>") && !markdown.contains("X|"))
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| transitions") })
        // 7 cells, 8 unescaped bars: the names added none.
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 8, "\(row)")
    }

    // MARK: bad input

    @Test func choosingTheAccountAndRegion() throws {
        let bill = try CostUsageReport.read(path: Self.cur2)
        let several = Self.error { _ = try BillReconciliation.select(bill, account: nil, region: nil) }
        #expect(several?.code == "CUR.SeveralScopes")
        #expect(several?.message.contains("account 444455556666, us-east-1") == true)
        let stillSeveral = Self.error { _ = try BillReconciliation.select(bill, account: nil, region: "us-east-1") }
        #expect(stillSeveral?.code == "CUR.SeveralScopes")
        #expect(try BillReconciliation.select(bill, account: "111122223333", region: "eu-west-1").region == "eu-west-1")
        let none = Self.error { _ = try BillReconciliation.select(bill, account: "000000000000", region: nil) }
        #expect(none?.code == "CUR.NoMatchingUsage")
        #expect(none?.message.contains("account 111122223333, eu-west-1") == true)
    }

    /// Account 111122223333 has usage in us-east-1 and eu-west-1 (the EU-StateTransition row). With
    /// --account and no --region, the estimate's region (the profile's or the default, which picks the
    /// prices) chooses: us-east-1 → 30,600 transitions; eu-west-1 → the 2,500 of the EU row. A
    /// --region given wins; where the prices' region is not among several, they must still be chosen.
    @Test func thePricesRegionChoosesAmongTheBillsRegions() throws {
        let bill = try CostUsageReport.read(path: Self.cur2)
        let east = try BillReconciliation.select(bill, account: "111122223333", region: nil, pricesRegion: "us-east-1")
        #expect(east == Self.main && bill.scopes[east]?.usage[.transitions] == 30_600)
        let west = try BillReconciliation.select(bill, account: "111122223333", region: nil, pricesRegion: "eu-west-1")
        #expect(west.region == "eu-west-1" && bill.scopes[west]?.usage[.transitions] == 2_500)
        #expect(try BillReconciliation.select(bill, account: "111122223333", region: "eu-west-1", pricesRegion: "us-east-1").region == "eu-west-1")
        let elsewhere = Self.error { _ = try BillReconciliation.select(bill, account: "111122223333", region: nil, pricesRegion: "ap-south-1") }
        #expect(elsewhere?.code == "CUR.SeveralScopes")
        // Two accounts in us-east-1: the region alone does not choose.
        #expect(Self.error { _ = try BillReconciliation.select(bill, account: nil, region: nil, pricesRegion: "us-east-1") }?.code == "CUR.SeveralScopes")
    }

    /// Fixtures/cur/cur2-aws-order.csv has CUR 2.0's columns in AWS's order, where
    /// bill_billing_period_start_date (12th from the end) comes before line_item_usage_start_date (the
    /// 12th column): two rows of October, 15,000 + 15,600 = 30,600 transitions. The month is the usage
    /// start's: a usage start that is not a date is CUR.BadDate at that field, though the billing
    /// period's is a good date. Row 2 (line 3): the 11 fields before it are 21 + 21 + 13 + 3 + 42 + 6 +
    /// 13 + 5 + 13 + 6 + 21 = 164 characters with their commas, so it starts at column 165.
    @Test func theUsageStartIsReadNotTheBillingPeriod() throws {
        let path = (Self.folder as NSString).appendingPathComponent("cur2-aws-order.csv")
        let bill = try CostUsageReport.read(path: path)
        #expect(bill.scopes[Self.main]?.months == ["2026-10"])
        #expect(bill.scopes[Self.main]?.usage[.transitions] == 30_600)
        // Leap days where the year has one: 2028 is divisible by 4, 2000 by 400.
        #expect(CostUsageReport.month(of: "2028-02-29T00:00:00Z") == "2028-02")
        #expect(CostUsageReport.month(of: "2000-02-29") == "2000-02")
        #expect(CostUsageReport.month(of: "2026-12-31 23:59:59") == "2026-12")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Impossible days are not dates either: 2026 is not a leap year (not divisible by 4), 2100 is
        // divisible by 100 but not 400; April has 30 days.
        for bad in ["2026-13-16", "yesterday", "2026-02-29", "2026-10-00", "2026-04-31", "2100-02-29", "2026-10"] {
            let broken = try Self.temporary(text.replacingOccurrences(of: "2026-10-16T00:00:00Z,USE1", with: "\(bad),USE1"))
            let diagnostic = Self.error { _ = try CostUsageReport.read(path: broken) }
            #expect(diagnostic?.code == "CUR.BadDate", "\(bad)")
            #expect(diagnostic?.location == SourceLocation(file: broken, line: 3, column: 165), "\(bad)")
        }
        // Legacy headers in the same order: bill/BillingPeriodStartDate (21 characters with its comma),
        // then 13 + 21 + 2 before lineItem/UsageStartDate's field, at column 58.
        let legacy = try Self.temporary("""
        bill/BillingPeriodStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UsageStartDate
        2026-10-01T00:00:00Z,AmazonStates,USE1-StateTransition,5,yesterday
        """)
        let diagnostic = Self.error { _ = try CostUsageReport.read(path: legacy) }
        #expect(diagnostic?.code == "CUR.BadDate" && diagnostic?.location == SourceLocation(file: legacy, line: 2, column: 58))
        // Where the usage start is not exported, the billing period's start gives the month.
        let periodOnly = try Self.temporary("""
        line_item_product_code,line_item_usage_type,line_item_usage_amount,bill_billing_period_start_date
        AmazonStates,USE1-StateTransition,5,2026-09-01T00:00:00Z
        """)
        #expect(try CostUsageReport.read(path: periodOnly).scopes.values.first?.months == ["2026-09"])
    }

    @Test func locatedErrors() throws {
        let header = "line_item_product_code,line_item_usage_type,line_item_usage_amount,line_item_usage_start_date"
        let cases: [(String, String, Int, Int)] = [
            ("a,b\n1,2\n", "CUR.MissingColumn", 1, 1),
            ("\(header)\nAmazonStates,USE1-StateTransition,12abc,2026-10-01\n", "CUR.BadNumber", 2, 35),
            ("\(header)\nAmazonStates,USE1-StateTransition,1e999,2026-10-01\n", "CUR.BadNumber", 2, 35),
            ("\(header)\nAmazonStates,USE1-StateTransition,\(String(repeating: "9", count: 40)),2026-10-01\n", "CUR.BadNumber", 2, 35),
            ("\(header)\nAmazonStates,USE1-StateTransition,5,October\n", "CUR.BadDate", 2, 37),
            ("\(header)\nAmazonStates,USE1-StateTransition\n", "CUR.ShortRow", 2, 1),
            // One field is a short row, not a blank line, even where that column is not read.
            ("x,\(header)\ngarbage\n", "CUR.ShortRow", 2, 1),
            ("\(header)\nAmazonStates,USE1-State\"Transition,5,2026-10-01\n", "CUR.BadCSV", 2, 24),
            ("\(header)\nAmazonStates,\"USE1-StateTransition,5,2026-10-01\n", "CUR.BadCSV", 2, 14),
            ("", "CUR.MissingColumn", 1, 1),
        ]
        for (text, code, line, column) in cases {
            let path = try Self.temporary(text)
            let diagnostic = Self.error { _ = try CostUsageReport.read(path: path) }
            #expect(diagnostic?.code == code, "\(text)")
            #expect(diagnostic?.location == SourceLocation(file: path, line: line, column: column), "\(text)")
        }
        // A non-numeric amount on a row that is not AmazonStates usage is never read.
        let skipped = try Self.temporary("\(header)\nAWSLambda,USE1-Request,lots,whenever\nAmazonStates,StateTransition,1,2026-10-01\n")
        #expect(try CostUsageReport.read(path: skipped).scopes.count == 1)
    }

    @Test func compressedAndBinaryFilesAreNamed() throws {
        // gzip's magic bytes, 1F 8B, under a name that does not say so.
        let gzip = try Self.temporary(bytes: Data([0x1F, 0x8B, 0x08, 0x00]), name: "cur.csv")
        #expect(Self.error { _ = try CostUsageReport.read(path: gzip) }?.code == "CUR.Compressed")
        let named = try Self.temporary("line_item_product_code\n", name: "cur.csv.gz")
        #expect(Self.error { _ = try CostUsageReport.read(path: named) }?.message.contains("gunzip") == true)
        let parquet = try Self.temporary("PAR1xxxx", name: "cur.parquet")
        #expect(Self.error { _ = try CostUsageReport.read(path: parquet) }?.code == "CUR.Parquet")
        #expect(Self.error { _ = try CostUsageReport.read(path: "/nonexistent/cur.csv") }?.code == "CUR.Unreadable")
    }

    /// 2,000 rows of 10^30 each sum to 2 × 10^33: within Decimal, no trap, and the ratio is a finite Double.
    @Test func hugeSumsStayExact() throws {
        var text = "line_item_product_code,line_item_usage_type,line_item_usage_amount,line_item_usage_start_date\n"
        for _ in 0..<2000 { text += "AmazonStates,USE1-StateTransition,1000000000000000000000000000000,2026-10-01\n" }
        let bill = try CostUsageReport.read(path: try Self.temporary(text))
        let billed = try #require(bill.scopes.values.first)
        #expect(billed.usage[.transitions] == Decimal(sign: .plus, exponent: 33, significand: 2))
        let report = try #require(Self.estimate(profile: "usage.yml"))
        let result = BillReconciliation.build(report: report, bill: bill, scope: bill.scopes.keys.first!, tolerancePercent: 5)
        let row = try #require(result.rows.first { $0.figure == .transitions })
        #expect(row.billed == "2" + String(repeating: "0", count: 33))
        #expect(row.ratio.map(\.isFinite) == true && row.failsTolerance)
    }
}
