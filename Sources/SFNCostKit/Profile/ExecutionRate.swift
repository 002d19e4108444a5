import Foundation

/// How often a machine starts, as the profile wrote it, converted to executions per month.
///
/// A month is 730 hours, AWS's billing convention (facts.md). `rate(1 day)` is therefore 730/24 ≈ 30.42
/// executions a month, not 30 or 31. A cron expression is counted over the years its year field
/// allows (2025–2028, a whole leap cycle, for `*`) and scaled to the same 730-hour month, so a monthly
/// cron is 12 × 730 / 8,766 ≈ 0.9993 a month (see `CronSchedule`). A schedule that never fires in
/// those years is an error, not a rate of 0.
public struct ExecutionRate: Sendable, Equatable {
    /// The text as written, e.g. `rate(1 day)`, for the report.
    public var text: String
    public var perMonth: Decimal
    /// Executions in the busiest second, for the start-rate quotas (nil when not known).
    public var peakPerSecond: Double?

    public static let hoursPerMonth: Decimal = 730
    /// The most places after the point an execution count may have (see `parse`).
    public static let maximumFractionDigits = 20

    public init(text: String, perMonth: Decimal, peakPerSecond: Double? = nil) {
        self.text = text
        self.perMonth = perMonth
        self.peakPerSecond = peakPerSecond
    }

    /// Parses a number, `rate(N unit)` or `cron(...)`. Returns nil with a reason when it cannot.
    /// More than 10^30 executions a month (3.8 × 10^20 a second) is an error: no account starts
    /// that many, and the monthly figures could not be represented (`Representable`).
    public static func parse(_ text: String) -> Result<ExecutionRate, RateError> {
        parseUnchecked(text).flatMap { rate in
            // Foundation's Decimal traps (a crash) when a product's exponent falls below -128, and
            // the monthly figures multiply this count by prices and durations that carry exponents
            // of their own: `0.` followed by 60 zeros and a 1 crashed every command. No schedule
            // needs more than 20 places after the point.
            // (A rate or cron is rounded to 6 places: only a plain number can have more.)
            guard rate.perMonth.isZero || rate.perMonth.exponent >= -Self.maximumFractionDigits else {
                return .failure(RateError(message: "'\(rate.text)' has more than \(Self.maximumFractionDigits) digits after the point: a number of executions a month needs at most \(Self.maximumFractionDigits)"))
            }
            guard Representable.checked(rate.perMonth) != nil, rate.peakPerSecond.map({ $0.isFinite }) ?? true else {
                return .failure(RateError(message: "'\(rate.text)' is more than \(Representable.limitText) executions a month, more than sfncost represents"))
            }
            return .success(rate)
        }
    }

    private static func parseUnchecked(_ text: String) -> Result<ExecutionRate, RateError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // A plain or scientific number (2000000, 2e6); never negative.
        if trimmed.allSatisfy({ "0123456789.eE+".contains($0) }), let real = Double(trimmed), real.isFinite, real >= 0,
           let number = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) {
            return .success(ExecutionRate(text: trimmed, perMonth: number))
        }
        if trimmed.allSatisfy({ "0123456789.eE+".contains($0) }), let real = Double(trimmed), real > 1e30 {
            return .failure(RateError(message: "'\(trimmed)' is more than \(Representable.limitText) executions a month, more than sfncost represents"))
        }
        if trimmed.hasPrefix("rate(") && trimmed.hasSuffix(")") {
            return parseRate(String(trimmed.dropFirst(5).dropLast()), text: trimmed)
        }
        if trimmed.hasPrefix("cron(") && trimmed.hasSuffix(")") {
            return CronSchedule.parse(String(trimmed.dropFirst(5).dropLast()))
                .mapError { RateError(message: "\($0.message) in '\(trimmed)'") }
                .flatMap { schedule in
                    let perDay = schedule.averageFiringsPerDay
                    guard perDay > 0 else {
                        // A schedule that never fires is a mistake (31 February, a past year), not a free machine.
                        let years = schedule.yearsConsidered
                        let contiguous = years.count > 1 && years.last! - years.first! == years.count - 1
                        let span = contiguous ? "\(years.first!)–\(years.last!)" : years.map(String.init).joined(separator: ", ")
                        return .failure(RateError(message: "'\(trimmed)' never fires in \(span)"))
                    }
                    let perMonth = Decimal(perDay) * hoursPerMonth / 24
                    return .success(ExecutionRate(text: trimmed, perMonth: perMonth.rounded(scale: 6),
                                                  peakPerSecond: schedule.peakPerMinute > 0 ? Double(schedule.peakPerMinute) / 60 : nil))
                }
        }
        return .failure(RateError(message: "'\(trimmed)' is not a number of executions a month, rate(N unit) or cron(...)"))
    }

    private static func parseRate(_ body: String, text: String) -> Result<ExecutionRate, RateError> {
        let parts = body.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let count = Decimal(string: String(parts[0])), count > 0 else {
            return .failure(RateError(message: "'\(text)' must be rate(N unit), e.g. rate(5 minutes)"))
        }
        let hours: Decimal
        switch parts[1].lowercased() {
        case "minute", "minutes": hours = count / 60
        case "hour", "hours": hours = count
        case "day", "days": hours = count * 24
        case "week", "weeks": hours = count * 24 * 7
        default:
            return .failure(RateError(message: "unknown unit '\(parts[1])' in '\(text)': use minutes, hours, days or weeks"))
        }
        let perSecond = NSDecimalNumber(decimal: 1 / (hours * 3600)).doubleValue
        // A tiny interval overflows Decimal division into NaN: that is too many executions, not 0.
        let perMonth = hoursPerMonth / hours
        guard !perMonth.isNaN, !hours.isNaN, hours > 0 else {
            return .failure(RateError(message: "'\(text)' is more than \(Representable.limitText) executions a month, more than sfncost represents"))
        }
        return .success(ExecutionRate(text: text, perMonth: perMonth.rounded(scale: 6), peakPerSecond: perSecond))
    }
}

public struct RateError: Error, Sendable {
    public var message: String
}

extension Decimal {
    /// The nearest Double, through the decimal text (NSDecimalNumber.doubleValue is off in the last
    /// digits); the text from `DecimalText`, without a Locale and an NSDecimalNumber per call.
    public var double: Double {
        DecimalText.double(self)
    }

    /// Rounds half-up to `scale` decimal places.
    public func rounded(scale: Int, mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, scale, mode)
        return result
    }
}
