import Foundation

/// What a Cost and Usage Report extract says Step Functions billed: the usage amounts (and the
/// unblended cost) of product `AmazonStates`, summed per account, region, billing month and kind of
/// usage. Reads both header styles: legacy CUR (`lineItem/UsageType`) and CUR 2.0 / Data Exports
/// (`line_item_usage_type`). Where the facts behind this are uncertain, `CostUsageReport.Facts` says so.
public struct CostUsageReport: Sendable {
    /// The kinds of Step Functions usage the bill and the estimate both have.
    public enum UsageKind: String, Codable, Sendable, CaseIterable {
        /// Standard state transitions (`…StateTransition`).
        case transitions
        /// Express requests (`…StepFunctions-Request`).
        case requests
        /// Express duration × memory (`…StepFunctions-GB-Second`).
        case gbSeconds
    }

    /// The facts the reader rests on, with their standing (docs/facts.md, "Cost and Usage Report").
    public enum Facts {
        public static let productCode = "AmazonStates"
        /// Usage-type suffixes; a region prefix (`USE1-`, `EU-`, `APE1-`…) may come before them.
        /// [VERIFIED: the price list's usage types; UNCERTAIN: whether us-east-1 rows carry `USE1-`]
        static let suffixes: [(suffix: String, kind: UsageKind)] = [
            ("StateTransition", .transitions), ("StepFunctions-Request", .requests), ("StepFunctions-GB-Second", .gbSeconds),
        ]
        /// Line-item types whose usage amounts are usage; `Tax`, `Credit`, `Refund`, `Fee` and the
        /// like carry money, not usage, and are left out of the usage sums and the cost.
        static let usageLineItemTypes: Set<String> = ["Usage", "DiscountedUsage", "SavingsPlanCoveredUsage"]
        /// [UNCERTAIN] The usage amount is taken to include the free tier's 4,000 transitions (the
        /// free tier lowers the cost, not the usage). No AWS page read says it either way.
        public static let usageIncludesFreeTier = true
        /// The billing prefix of a usage type, for a file without a region column
        /// [UNCERTAIN: AWS publishes no table; these are the prefixes of the price list].
        static let regionPrefixes: [String: String] = [
            "USE1": "us-east-1", "USE2": "us-east-2", "USW1": "us-west-1", "USW2": "us-west-2", "CAN1": "ca-central-1",
            "SAE1": "sa-east-1", "EU": "eu-west-1", "EUC1": "eu-central-1", "EUW2": "eu-west-2", "EUW3": "eu-west-3",
            "EUN1": "eu-north-1", "EUS1": "eu-south-1", "APN1": "ap-northeast-1", "APN2": "ap-northeast-2",
            "APN3": "ap-northeast-3", "APS1": "ap-southeast-1", "APS2": "ap-southeast-2", "APS3": "ap-south-1",
            "APE1": "ap-east-1", "MES1": "me-south-1", "AFS1": "af-south-1", "UGE1": "us-gov-east-1", "UGW1": "us-gov-west-1",
        ]
    }

    /// The columns read, by role: the first name is CUR 2.0's, the others legacy CUR's (compared
    /// without regard to case, since exports from Athena lower-case them); in order of preference.
    enum Column: CaseIterable {
        case productCode, usageType, usageAmount, usageStart, accountID, region, lineItemType, unblendedCost, usageEnd

        var names: [String] {
            switch self {
            case .productCode: return ["line_item_product_code", "lineItem/ProductCode"]
            case .usageType: return ["line_item_usage_type", "lineItem/UsageType"]
            case .usageAmount: return ["line_item_usage_amount", "lineItem/UsageAmount"]
            // The month of the usage; the billing period's start where the usage start is not exported.
            case .usageStart: return ["line_item_usage_start_date", "lineItem/UsageStartDate", "bill_billing_period_start_date", "bill/BillingPeriodStartDate"]
            case .accountID: return ["line_item_usage_account_id", "lineItem/UsageAccountId"]
            case .region: return ["product_region_code", "product/regionCode", "product/region", "product_region"]
            case .lineItemType: return ["line_item_line_item_type", "lineItem/LineItemType"]
            case .unblendedCost: return ["line_item_unblended_cost", "lineItem/UnblendedCost"]
            case .usageEnd: return ["line_item_usage_end_date", "lineItem/UsageEndDate"]
            }
        }

        var required: Bool { self == .productCode || self == .usageType || self == .usageAmount || self == .usageStart }
    }

    /// One account and region's Step Functions usage.
    public struct Scope: Hashable, Sendable, Comparable {
        /// Empty when the file has no account column.
        public var account: String
        public var region: String
        public static func < (lhs: Scope, rhs: Scope) -> Bool { (lhs.account, lhs.region) < (rhs.account, rhs.region) }
        public var text: String { account.isEmpty ? region : "account \(account), \(region)" }
    }

    /// What was billed in one scope.
    public struct Billed: Sendable {
        public var usage: [UsageKind: Decimal] = [:]
        /// The usage types seen for each kind, as the file spells them.
        public var usageTypes: [UsageKind: Set<String>] = [:]
        /// Nil when the file has no cost column.
        public var unblendedCost: Decimal?
        /// `YYYY-MM` of each billing month with usage.
        public var months: Set<String> = []
        /// The latest usage end date (`YYYY-MM-DD`) seen in each month, where the file has the column.
        public var lastUsageEnd: [String: String] = [:]
        public var rows = 0
    }

    /// The files read, as named; the first is where an error about the whole extract points.
    public var paths: [String]
    public var path: String { paths.first ?? "" }
    public var scopes: [Scope: Billed] = [:]
    /// AmazonStates rows of other usage types (data transfer…): usage type → rows.
    public var otherUsageTypes: [String: Int] = [:]
    /// AmazonStates rows of line-item types that are not usage (`Tax`, `Credit`…): type → rows.
    public var otherLineItemTypes: [String: Int] = [:]
    public var hasAccountColumn = false
    public var hasRegionColumn = false
    public var hasCostColumn = false

    /// Largest usage amount or cost accepted on one row: far above any bill, and small enough that
    /// sums over millions of rows stay exact in Decimal.
    static let maxAmount = Decimal(sign: .plus, exponent: 30, significand: 1)

    /// Reads the extract. Bad input (not CSV, missing columns, an amount that is not a number, a
    /// compressed file) is an `InputError` at the file's line and column.
    public static func read(path: String) throws(InputError) -> CostUsageReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("CUR.Unreadable", "the Cost and Usage Report file does not exist", at: SourceLocation(file: path, line: 1, column: 1))
        }
        if isDirectory.boolValue {
            throw InputError("CUR.Unreadable", "is a directory; name the CSV file of the extract", at: SourceLocation(file: path, line: 1, column: 1))
        }
        let head = CSVRecordReader.leadingBytes(path: path, count: 4)
        if head.starts(with: [0x1F, 0x8B]) || path.lowercased().hasSuffix(".gz") {
            throw InputError("CUR.Compressed", "is gzip-compressed; sfncost reads the CSV itself: decompress it first (gunzip -k FILE)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw InputError("CUR.Compressed", "is a ZIP archive; unzip it and name the CSV file inside", at: SourceLocation(file: path, line: 1, column: 1))
        }
        if head.starts(with: [0x50, 0x41, 0x52, 0x31]) {
            throw InputError("CUR.Parquet", "is a Parquet file; sfncost reads CSV: export the Step Functions rows as CSV (an Athena query's result is one)", at: SourceLocation(file: path, line: 1, column: 1))
        }
        do {
            var reader = try CSVRecordReader(path: path)
            return try read(&reader, path: path)
        } catch let problem as CSVRecordReader.Problem {
            throw problem.inputError(path: path)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError("CUR.Unreadable", "cannot be read: \(error)", at: SourceLocation(file: path, line: 1, column: 1))
        }
    }

    private static func read(_ reader: inout CSVRecordReader, path: String) throws -> CostUsageReport {
        guard let header = try reader.next() else {
            throw InputError("CUR.MissingColumn", "is empty; a Cost and Usage Report extract starts with a header row", at: SourceLocation(file: path, line: 1, column: 1))
        }
        // Each role takes the column of its first name the header has, by exact name (case aside):
        // real headers put bill_billing_period_start_date before line_item_usage_start_date, so the
        // first header cell matching any of a role's names would read the billing period for the usage.
        let names = header.map { ($0.decoded ?? "").trimmingCharacters(in: .whitespaces).lowercased() }
        var position: [Column: Int] = [:]
        for column in Column.allCases {
            for name in column.names {
                if let found = names.firstIndex(of: name.lowercased()) { position[column] = found; break }
            }
        }
        let missing = Column.allCases.filter { $0.required && position[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "\($0.names[0]) (legacy \($0.names[1]))" }.joined(separator: ", ")
            throw InputError("CUR.MissingColumn", "is not a Cost and Usage Report extract sfncost can use: the header has no \(names)", at: SourceLocation(file: path, line: header[0].line, column: header[0].column))
        }
        reader.keep = (0..<header.count).map { index in position.values.contains(index) }
        var report = CostUsageReport(paths: [path])
        report.hasAccountColumn = position[.accountID] != nil
        report.hasRegionColumn = position[.region] != nil
        report.hasCostColumn = position[.unblendedCost] != nil
        let needed = position.values.max() ?? 0
        while let record = try reader.next() {
            // A blank line (one empty field) is not a row.
            if record.count == 1, record[0].length == 0 { continue }
            guard record.count > needed else {
                throw InputError("CUR.ShortRow", "this row has \(record.count) fields, the header \(header.count): the file is cut short or not one extract", at: SourceLocation(file: path, line: record[0].line, column: record[0].column))
            }
            func field(_ column: Column) -> CSVRecordReader.Field? { position[column].map { record[$0] } }
            guard record[position[.productCode]!].equals(Facts.productCode) else { continue }
            let usageType = try record[position[.usageType]!].text()
            if let lineItemType = try field(.lineItemType)?.text(), !lineItemType.isEmpty, !Facts.usageLineItemTypes.contains(lineItemType) {
                report.otherLineItemTypes[lineItemType, default: 0] += 1
                continue
            }
            guard let kind = kind(of: usageType) else {
                report.otherUsageTypes[usageType, default: 0] += 1
                continue
            }
            let amountField = record[position[.usageAmount]!]
            let amount = try number(amountField, what: "usage amount", path: path)
            let cost = try field(.unblendedCost).map { try number($0, what: "unblended cost", path: path) }
            let startField = record[position[.usageStart]!]
            let start = try startField.text()
            guard let billingMonth = month(of: start) else {
                throw InputError("CUR.BadDate", "'\(start.count > 40 ? String(start.prefix(40)) + "…" : start)' is not a date (YYYY-MM-DD…): the usage start date gives the billing month", at: SourceLocation(file: path, line: startField.line, column: startField.column))
            }
            let account = try field(.accountID)?.text() ?? ""
            var region = try field(.region)?.text() ?? ""
            if region.isEmpty { region = regionFromPrefix(usageType) }
            var billed = report.scopes[Scope(account: account, region: region)] ?? Billed()
            billed.usage[kind, default: 0] += amount
            billed.usageTypes[kind, default: []].insert(usageType)
            if let cost { billed.unblendedCost = (billed.unblendedCost ?? 0) + cost }
            billed.months.insert(billingMonth)
            if let end = field(.usageEnd)?.decoded, end.count >= 10, Self.month(of: end) != nil {
                let day = String(end.prefix(10))
                if day > (billed.lastUsageEnd[billingMonth] ?? "") { billed.lastUsageEnd[billingMonth] = day }
            }
            billed.rows += 1
            report.scopes[Scope(account: account, region: region)] = billed
        }
        return report
    }

    /// Several files of one extract (a legacy CUR's parts, `…-00001.csv`, `…-00002.csv`), each with its
    /// own header, summed as one. Overlapping extracts would be counted twice: name each part once.
    public static func read(paths: [String]) throws(InputError) -> CostUsageReport {
        var merged = CostUsageReport(paths: [])
        for (index, path) in paths.enumerated() {
            let part = try read(path: path)
            if index == 0 { merged = part; continue }
            merged.paths.append(path)
            merged.hasAccountColumn = merged.hasAccountColumn && part.hasAccountColumn
            merged.hasRegionColumn = merged.hasRegionColumn && part.hasRegionColumn
            merged.hasCostColumn = merged.hasCostColumn && part.hasCostColumn
            merged.otherUsageTypes.merge(part.otherUsageTypes, uniquingKeysWith: +)
            merged.otherLineItemTypes.merge(part.otherLineItemTypes, uniquingKeysWith: +)
            for (scope, billed) in part.scopes {
                var sum = merged.scopes[scope] ?? Billed()
                sum.usage.merge(billed.usage, uniquingKeysWith: +)
                sum.usageTypes.merge(billed.usageTypes) { $0.union($1) }
                if let cost = billed.unblendedCost { sum.unblendedCost = (sum.unblendedCost ?? 0) + cost }
                sum.months.formUnion(billed.months)
                sum.lastUsageEnd.merge(billed.lastUsageEnd) { max($0, $1) }
                sum.rows += billed.rows
                merged.scopes[scope] = sum
            }
        }
        return merged
    }

    /// The kind of Step Functions usage a usage type bills, or nil for another (data transfer…).
    static func kind(of usageType: String) -> UsageKind? {
        for (suffix, kind) in Facts.suffixes where usageType == suffix || usageType.hasSuffix("-" + suffix) {
            return kind
        }
        return nil
    }

    /// The region a usage type's prefix stands for: no prefix is us-east-1 (AWS's older convention),
    /// an unknown prefix is shown as it is.
    static func regionFromPrefix(_ usageType: String) -> String {
        for (suffix, _) in Facts.suffixes where usageType.hasSuffix(suffix) {
            let prefix = usageType.dropLast(suffix.count)
            if prefix.isEmpty { return "us-east-1" }
            let code = String(prefix.dropLast())
            return Facts.regionPrefixes[code] ?? "unknown region (usage-type prefix \(code))"
        }
        return "unknown region"
    }

    /// `YYYY-MM` of an ISO 8601 date or timestamp (`YYYY-MM-DD`, then anything), or nil when the text
    /// does not start with a calendar date: the day is checked against its month, February's 29th
    /// against the year, so `2026-02-31` or `2026-10-00` is refused, not counted in February or October.
    static func month(of text: String) -> String? {
        let characters = Array(text.utf8.prefix(10))
        func number(_ range: Range<Int>) -> Int? {
            guard characters[range].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return characters[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        guard characters.count == 10, characters[4] == 0x2D, characters[7] == 0x2D,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        return String(decoding: characters[0..<7], as: UTF8.self)
    }

    /// Days in a month of the proleptic Gregorian calendar (what ISO 8601 dates use).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A decimal number as a CUR writes it (`1234`, `0.5`, `-3.2`, `2.5E-5`), exactly, as a Decimal.
    /// Decimal(string:) alone reads "12abc" as 12, so the grammar is checked first; the exponent is
    /// bounded so no conversion can overflow.
    static func number(_ field: CSVRecordReader.Field, what: String, path: String) throws(InputError) -> Decimal {
        let text = (field.decoded ?? "\u{FFFD}").trimmingCharacters(in: .whitespaces)
        let location = SourceLocation(file: path, line: field.line, column: field.column)
        guard let value = parseAmount(text) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            throw InputError("CUR.BadNumber", "the \(what) '\(shown)' is not a number", at: location)
        }
        guard abs(value) <= maxAmount else {
            throw InputError("CUR.BadNumber", "the \(what) '\(text.prefix(40))' is too large (over 10^30) to be a bill's figure", at: location)
        }
        return value
    }

    /// Made once: building a Locale for each of a million amounts costs more than reading them.
    private static let posix = Locale(identifier: "en_US_POSIX")

    static func parseAmount(_ text: String) -> Decimal? {
        guard !text.isEmpty, text.utf8.count <= 60 else { return nil }
        var scalars = Substring(text)
        if scalars.first == "-" || scalars.first == "+" { scalars = scalars.dropFirst() }
        var mantissa = scalars
        var exponent = 0
        if let e = scalars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = scalars[..<e]
            var digits = scalars[scalars.index(after: e)...]
            var negative = false
            if digits.first == "-" || digits.first == "+" { negative = digits.first == "-"; digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ ("0"..."9").contains($0) }), let value = Int(digits) else { return nil }
            exponent = negative ? -value : value
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
              parts.contains(where: { !$0.isEmpty }) else { return nil }
        // Digits before the point (without leading zeros) plus the exponent bound the magnitude.
        let whole = parts[0].drop { $0 == "0" }.count
        guard exponent >= -60, whole + exponent <= 40 else { return exponent < -60 ? 0 : Decimal(sign: .plus, exponent: 40, significand: 1) }
        // Up to 19 significant digits (every CUR amount seen) fit a UInt64: significand × 10^exponent
        // is exact and far cheaper than Decimal(string:), which matters over millions of rows.
        let digits = (parts[0] + (parts.count > 1 ? parts[1] : "")).drop { $0 == "0" }
        let scale = exponent - (parts.count > 1 ? parts[1].count : 0)
        if digits.count <= 19, let significand = UInt64(digits.isEmpty ? "0" : String(digits)) {
            return Decimal(sign: text.hasPrefix("-") && significand != 0 ? .minus : .plus, exponent: scale, significand: Decimal(significand))
        }
        let unsigned = text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard let value = Decimal(string: unsigned, locale: posix), !value.isNaN else { return nil }
        return value
    }
}

extension CSVRecordReader.Problem {
    func inputError(path: String) -> InputError {
        switch self {
        case .unreadable(let reason):
            return InputError("CUR.Unreadable", "cannot be read: \(reason)", at: SourceLocation(file: path, line: 1, column: 1))
        case .strayQuote(let line, let column):
            return InputError("CUR.BadCSV", "a double quote here is not where CSV allows one (a quoted field must be quoted whole, with \"\" for a quote inside)", at: SourceLocation(file: path, line: line, column: column))
        case .unterminatedQuote(let line, let column):
            return InputError("CUR.BadCSV", "the quoted field that starts here is never closed (the file ends inside it)", at: SourceLocation(file: path, line: line, column: column))
        case .fieldTooLong(let line, let column):
            return InputError("CUR.BadCSV", "the field that starts here is over 1 MiB long: this is not a Cost and Usage Report CSV", at: SourceLocation(file: path, line: line, column: column))
        case .notUTF8(let line, let column):
            return InputError("CUR.BadCSV", "the field that starts here is not UTF-8 text", at: SourceLocation(file: path, line: line, column: column))
        }
    }
}
