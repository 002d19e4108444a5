import Foundation

/// The precision `reconcile` prints its figures at (`ReconciliationRenderer.figure`): a prediction that
/// reads as inside its interval is not flagged as outside it for a difference no printed digit shows.
enum ReconciliationPrecision {
    /// The value rounded as printed: 3 decimals below 1,000, whole numbers from 1,000.
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        return abs(value) >= 1000 ? value.rounded() : (value * 1000).rounded() / 1000
    }

    static func admitsAsPrinted(_ value: Double, low: Double, high: Double) -> Bool {
        let printed = rounded(value)
        return printed >= rounded(low) && printed <= rounded(high)
    }
}
