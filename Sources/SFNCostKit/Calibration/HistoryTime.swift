/// Timestamps as the AWS CLI writes them: ISO 8601 (`2026-11-01T06:00:00.123000+00:00`, `…Z`; a space
/// instead of the `T` is accepted too) or a number of seconds since 1970 (CLI v1, boto3 JSON dumps).
/// Parsed by hand so that every platform's Foundation reads microseconds the same way.
enum HistoryTime {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when the text is no such timestamp.
    static func seconds(_ text: String) -> Double? {
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var value = 0
            for index in from..<(from + count) {
                let c = chars[index]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard chars.count >= 19, let year = number(0, 4), chars[4] == 45, let month = number(5, 2), chars[7] == 45,
              let day = number(8, 2), chars[10] == 84 || chars[10] == 32 || chars[10] == 116,
              let hour = number(11, 2), chars[13] == 58, let minute = number(14, 2), chars[16] == 58,
              let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        if index == chars.count {
            offset = 0   // no zone: read as UTC
        } else if chars[index] == 90 || chars[index] == 122, index + 1 == chars.count {
            offset = 0
        } else if chars[index] == 43 || chars[index] == 45 {
            let sign = chars[index] == 43 ? 1 : -1
            guard let zoneHour = number(index + 1, 2) else { return nil }
            var zoneMinute = 0
            var end = index + 3
            if end < chars.count, chars[end] == 58 { end += 1 }
            if end < chars.count {
                guard let minutes = number(end, 2), end + 2 == chars.count else { return nil }
                zoneMinute = minutes
            }
            guard zoneHour < 24, zoneMinute < 60 else { return nil }
            offset = sign * (zoneHour * 3600 + zoneMinute * 60)
        } else {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    /// `YYYY-MM-DD` of a time, for the comments a calibrated profile carries.
    static func date(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e14 else { return "?" }
        let days = Int((seconds / 86_400).rounded(.down))
        let (year, month, day) = civilFromDays(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A timestamp field: an ISO 8601 string or a number of seconds.
    static func seconds(_ node: SourceNode) -> Double? {
        if let text = node.string { return seconds(text) }
        if let value = node.double, value.isFinite, abs(value) < 1e14 { return value }
        return nil
    }
}
