/// How the visits of one state failed, to choose between the profile's two ways of saying it:
/// `failed_attempts: N` where every visit agrees (each failed exactly N attempts and then one
/// succeeded), which the estimate reproduces exactly, and `failure_rate` otherwise, which assumes
/// independent attempts. A visit is the chain of attempts that follows one entry of the state.
public struct FailurePattern: Sendable, Equatable {
    /// Visits seen (each one a chain of attempts after one entry).
    public private(set) var visits = 0
    private var agreed: Int?
    private var disagree = false

    public init() {}

    /// One visit: how many of its attempts failed, and whether the last one succeeded.
    public mutating func add(failedAttempts: Int, succeeded: Bool) {
        visits += 1
        guard !disagree else { return }
        // A visit with no success (every attempt failed, or the history ends inside it) is not
        // "N failures, then success": the rate speaks for it (1 where every attempt failed).
        if !succeeded || (agreed != nil && agreed != failedAttempts) {
            disagree = true
            agreed = nil
            return
        }
        agreed = failedAttempts
    }

    /// N when every visit failed exactly N attempts and then succeeded; nil when visits differ.
    public var failuresBeforeSuccess: Int? { disagree ? nil : agreed }
}

/// One Task visit of one execution: the attempts that followed one entry.
struct TaskVisit: Sendable, Equatable {
    var state: String
    var failedAttempts = 0
    var succeeded = false
}
