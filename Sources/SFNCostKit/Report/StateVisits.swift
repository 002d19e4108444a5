import Foundation

/// One state's expected visits per execution, as `sfncost explain` lists them (nested scopes scaled by
/// the expected items or branches): carried in the JSON report so that `diff` can say which states'
/// visits changed most, from two saved reports.
public struct StateVisits: Codable, Sendable, Equatable {
    /// The scope the state belongs to (the top level, or a Map's iteration or a Parallel's branch).
    public var scope: String
    public var state: String
    /// Null when infinite (a loop that cannot be left) or too large to represent.
    @NullEncoded public var expectedVisits: Double?

    public init(scope: String, state: String, expectedVisits: Double?) {
        self.scope = scope
        self.state = state
        self.expectedVisits = expectedVisits
    }

    /// Every state of the machine, in the order `explain` lists them.
    static func of(_ analysis: MachineAnalysis) -> [StateVisits] {
        Explanation.stateLines(analysis).map { StateVisits(scope: $0.scope, state: $0.state, expectedVisits: $0.expectedVisits) }
    }
}
