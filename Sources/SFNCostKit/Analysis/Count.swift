/// A non-negative count of transitions, events or requests that saturates instead of trapping.
///
/// Nested Maps of a million items reach 10^15 and more; `UInt64` holds 1.8 × 10^19, and anything
/// beyond stays at `UInt64.max` with `isSaturated` set, so the report can say "more than" instead
/// of crashing or wrapping round.
public struct Count: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var value: UInt64

    public static let zero = Count(UInt64(0))
    public static let one = Count(UInt64(1))

    public init(_ value: UInt64) { self.value = value }

    public init(_ value: Int) { self.value = value <= 0 ? 0 : UInt64(value) }

    /// Rounds up a non-negative real (an item count such as 3.2 → 4); saturates above UInt64.
    public init(ceiling real: Double) {
        if !(real > 0) { value = 0 } else if real >= 1.8e19 { value = .max } else { value = UInt64(real.rounded(.up)) }
    }

    public var isSaturated: Bool { value == .max }

    /// The count as a Double, for expected-value arithmetic and ratios.
    public var double: Double { Double(value) }

    public var description: String { isSaturated ? "more than \(UInt64.max)" : "\(value)" }

    public static func + (lhs: Count, rhs: Count) -> Count {
        let (sum, overflow) = lhs.value.addingReportingOverflow(rhs.value)
        return Count(overflow ? .max : sum)
    }

    public static func * (lhs: Count, rhs: Count) -> Count {
        if lhs.value == 0 || rhs.value == 0 { return .zero }
        let (product, overflow) = lhs.value.multipliedReportingOverflow(by: rhs.value)
        return Count(overflow || lhs.isSaturated || rhs.isSaturated ? .max : product)
    }

    public static func < (lhs: Count, rhs: Count) -> Bool { lhs.value < rhs.value }
}

/// A value that worst-case path analysis can add, scale and compare: a `Count` or seconds.
public protocol PathWeight: Sendable, Comparable {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    /// `self` repeated `times` times, saturating.
    func repeated(_ times: Count) -> Self
}

extension Count: PathWeight {
    public func repeated(_ times: Count) -> Count { self * times }
}

extension Double: PathWeight {
    /// Zero times anything, even infinity, is zero: a Map with no items runs nothing.
    public func repeated(_ times: Count) -> Double { self == 0 || times.value == 0 ? 0 : self * times.double }
}
