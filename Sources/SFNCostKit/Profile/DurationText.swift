/// Durations as profiles write them: `250ms`, `2s`, `1.5m`, `2h`, `1d`, or a bare number of seconds.
enum DurationText {
    static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("min", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, factor) in units.sorted(by: { $0.0.count > $1.0.count }) where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            // Checked after the unit: 1e308d is finite as written but not in seconds.
            if let value = Double(number), value >= 0, (value * factor).isFinite { return value * factor }
            return nil
        }
        if let value = Double(trimmed), value >= 0, value.isFinite { return value }
        return nil
    }
}

import Foundation
