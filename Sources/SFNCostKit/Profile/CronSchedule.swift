import Foundation

/// An EventBridge cron expression: `minutes hours day-of-month month day-of-week year`.
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
///
/// Only what a cost estimate needs: how many times it fires on an average day, and in its busiest
/// minute. Days are counted on real calendars, so `L`, `W` and `#` days are evaluated exactly rather
/// than approximated: over the years the year field allows (at most the first 4 of a list or range),
/// or over 2025–2028 (one whole leap cycle) for `*`.
///
/// The average day is then scaled to AWS's 730-hour billing month, not to a calendar month. So a
/// monthly schedule such as `cron(0 9 1 * ? *)` is 12 × 730 / 8,766 ≈ 0.9993 executions a month
/// (8,766 hours being the average year of a leap cycle): by design, every rate in a report uses the
/// same month as the prices.
struct CronSchedule {
    var minutes: Set<Int>
    var hours: Set<Int>
    var dayMatches: (DateComponents) -> Bool
    var months: Set<Int>
    var years: Set<Int>?

    struct CronError: Error { var message: String }

    /// The years averaged over when the year field is `*`: one whole leap cycle.
    static let defaultYears = [2025, 2026, 2027, 2028]
    /// At most this many years of a year list or range are averaged over.
    static let maximumYears = 4

    var firingsPerDay: Int { minutes.count * hours.count }
    var peakPerMinute: Int { firingsPerDay > 0 ? 1 : 0 }

    /// The calendar years the average is taken over: those the year field allows (the first
    /// `maximumYears` of them), or `defaultYears` for `*`.
    var yearsConsidered: [Int] {
        guard let years else { return Self.defaultYears }
        return Array(years.sorted().prefix(Self.maximumYears))
    }

    /// Average firings per calendar day over every day of `yearsConsidered`; 0 when it never fires in them.
    var averageFiringsPerDay: Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var matching = 0, total = 0
        for year in yearsConsidered {
            var day = calendar.date(from: DateComponents(year: year, month: 1, day: 1))!
            let end = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1))!
            while day < end {
                let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
                total += 1
                if months.contains(parts.month!), dayMatches(parts) { matching += 1 }
                day = calendar.date(byAdding: .day, value: 1, to: day)!
            }
        }
        return Double(matching) * Double(firingsPerDay) / Double(total)
    }

    static func parse(_ body: String) -> Result<CronSchedule, CronError> {
        let fields = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 6 else {
            return .failure(CronError(message: "cron needs 6 fields (minutes hours day-of-month month day-of-week year), found \(fields.count)"))
        }
        do {
            let minutes = try values(fields[0], 0...59, names: [:])
            let hours = try values(fields[1], 0...23, names: [:])
            let months = try values(fields[3], 1...12, names: monthNames)
            let years: Set<Int>? = fields[5] == "*" ? nil : try values(fields[5], 1970...2199, names: [:])
            let dayOfMonth = fields[2], dayOfWeek = fields[4]
            guard dayOfMonth == "?" || dayOfWeek == "?" else {
                throw CronError(message: "one of day-of-month and day-of-week must be '?'")
            }
            let matcher: (DateComponents) -> Bool
            if dayOfMonth == "?" {
                matcher = try weekdayMatcher(dayOfWeek)
            } else {
                matcher = try monthDayMatcher(dayOfMonth)
            }
            return .success(CronSchedule(minutes: minutes, hours: hours, dayMatches: matcher, months: months, years: years))
        } catch let error as CronError {
            return .failure(error)
        } catch {
            return .failure(CronError(message: "\(error)"))
        }
    }

    private static let monthNames = ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
                                     "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
    private static let dayNames = ["SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7]

    /// `*`, `a`, `a-b`, `a/b`, `*/b`, `a-b/c` and comma lists.
    private static func values(_ field: String, _ range: ClosedRange<Int>, names: [String: Int]) throws -> Set<Int> {
        var result: Set<Int> = []
        for part in field.split(separator: ",").map(String.init) {
            var base = part, step = 1
            if let slash = part.firstIndex(of: "/") {
                base = String(part[..<slash])
                guard let parsed = Int(part[part.index(after: slash)...]), parsed > 0 else {
                    throw CronError(message: "bad step in '\(part)'")
                }
                step = parsed
            }
            var low = range.lowerBound, high = range.upperBound
            if base != "*" {
                let bounds = base.split(separator: "-").map { String($0) }
                func number(_ text: String) throws -> Int {
                    if let value = Int(text) ?? names[text.uppercased()], range.contains(value) { return value }
                    throw CronError(message: "'\(text)' is out of range \(range.lowerBound)-\(range.upperBound)")
                }
                guard bounds.count == 1 || bounds.count == 2 else { throw CronError(message: "bad range '\(base)'") }
                low = try number(bounds[0])
                high = bounds.count == 2 ? try number(bounds[1]) : (part.contains("/") ? range.upperBound : low)
                guard low <= high else { throw CronError(message: "empty range '\(base)'") }
            }
            result.formUnion(stride(from: low, through: high, by: step))
        }
        return result
    }

    private static func monthDayMatcher(_ field: String) throws -> (DateComponents) -> Bool {
        if field == "L" {
            return { parts in parts.day == daysIn(parts) }
        }
        if field.hasSuffix("W"), let day = Int(field.dropLast()), (1...31).contains(day) {
            // The weekday nearest to `day`; within a month that is day-1, day or day+1 (or +2/-2 at the edges).
            return { parts in
                let target = min(day, daysIn(parts))
                return parts.day == nearestWeekday(to: target, in: parts)
            }
        }
        let days = try values(field, 1...31, names: [:])
        return { parts in days.contains(parts.day!) }
    }

    private static func weekdayMatcher(_ field: String) throws -> (DateComponents) -> Bool {
        if let hash = field.firstIndex(of: "#") {
            guard let weekday = Int(field[..<hash]) ?? dayNames[String(field[..<hash]).uppercased()],
                  let nth = Int(field[field.index(after: hash)...]), (1...5).contains(nth) else {
                throw CronError(message: "bad day-of-week '\(field)'")
            }
            return { parts in parts.weekday == weekday && (parts.day! - 1) / 7 + 1 == nth }
        }
        if field.hasSuffix("L"), field.count > 1 {
            guard let weekday = Int(field.dropLast()) ?? dayNames[String(field.dropLast()).uppercased()] else {
                throw CronError(message: "bad day-of-week '\(field)'")
            }
            return { parts in parts.weekday == weekday && parts.day! + 7 > daysIn(parts) }
        }
        let days = try values(field, 1...7, names: dayNames)
        return { parts in days.contains(parts.weekday!) }
    }

    private static func daysIn(_ parts: DateComponents) -> Int {
        switch parts.month! {
        case 2:
            let year = parts.year!
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func nearestWeekday(to day: Int, in parts: DateComponents) -> Int {
        // weekday of `day` = weekday of today shifted by (day - today); 1 = Sunday, 7 = Saturday.
        let weekday = ((parts.weekday! - 1 + (day - parts.day!)) % 7 + 7) % 7 + 1
        let last = daysIn(parts)
        switch weekday {
        case 7: return day == 1 ? 3 : day - 1
        case 1: return day == last ? day - 2 : day + 1
        default: return day
        }
    }
}
