/// Expected quantities of one run of a scope (a machine, a branch, an iteration) or of one visit of a state.
public struct ExpectedFigures: Sendable, Equatable {
    /// Billed Standard transitions: states entered plus retries, Standard child executions included.
    public var transitions: Double = 0
    /// Events in this execution's own history (child executions of a Distributed Map have their own).
    public var events: Double = 0
    public var seconds: Double = 0
    /// Express child executions started by Distributed Maps (requests), and their billed GB-seconds.
    public var expressRequests: Double = 0
    public var expressGBSeconds: Double = 0

    public init() {}

    static func + (lhs: ExpectedFigures, rhs: ExpectedFigures) -> ExpectedFigures {
        var sum = lhs
        sum.transitions += rhs.transitions
        sum.events += rhs.events
        sum.seconds += rhs.seconds
        sum.expressRequests += rhs.expressRequests
        sum.expressGBSeconds += rhs.expressGBSeconds
        return sum
    }

    func scaled(_ factor: Double) -> ExpectedFigures {
        guard factor != 1 else { return self }
        var result = self
        result.transitions = Self.times(transitions, factor)
        result.events = Self.times(events, factor)
        result.seconds = Self.times(seconds, factor)
        result.expressRequests = Self.times(expressRequests, factor)
        result.expressGBSeconds = Self.times(expressGBSeconds, factor)
        return result
    }

    /// 0 × ∞ is 0 here: a state never visited costs nothing, however costly a visit would be.
    private static func times(_ value: Double, _ factor: Double) -> Double {
        value == 0 || factor == 0 ? 0 : value * factor
    }
}

/// A worst-case figure: a value (exact, or a sound upper bound), or unbounded.
extension Measure {
    /// Every measure worst-case analysis maximises, including the Express child figures.
    enum Key: Hashable, Sendable { case transitions, events, seconds, expressRequests, expressGBSeconds }
}

public enum WorstValue<Value: PathWeight>: Sendable {
    case value(Value, isUpperBound: Bool)
    case unbounded

    public var value: Value? {
        if case .value(let value, _) = self { return value }
        return nil
    }

    public var isUpperBound: Bool {
        if case .value(_, let upper) = self { return upper }
        return false
    }
}

/// Worst-case quantities of one run of a scope.
public struct WorstFigures: Sendable {
    public var transitions: WorstValue<Count>
    public var events: WorstValue<Count>
    public var seconds: WorstValue<Double>
    public var expressRequests: WorstValue<Count>
    public var expressGBSeconds: WorstValue<Double>

    static let unbounded = WorstFigures(transitions: .unbounded, events: .unbounded, seconds: .unbounded,
                                        expressRequests: .unbounded, expressGBSeconds: .unbounded)
}

/// The worst-case figures of one visit of a state, as plain values (nil when unbounded).
struct VisitWorst {
    var transitions: Count?
    var events: Count?
    var seconds: Double?
    var expressRequests: Count?
    var expressGBSeconds: Double?

    /// Measures whose value is a sound upper bound rather than exact (a nested loop with several
    /// bounded states), so the scope above can say so too.
    var upperBounds: Set<Measure.Key> = []
}
