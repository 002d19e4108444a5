/// One entry of a state's `Retry` list. Defaults are the ASL spec's.
public struct Retrier: Sendable {
    public var errorEquals: [String]
    public var intervalSeconds: Double
    /// How many retries (not attempts) this retrier allows; 0 means never retry.
    public var maxAttempts: Int
    public var backoffRate: Double
    public var maxDelaySeconds: Double?
    /// `JitterStrategy: FULL` waits a random time between 0 and the computed delay.
    public var fullJitter: Bool
    public var location: SourceLocation

    public static let defaultIntervalSeconds = 1.0
    public static let defaultMaxAttempts = 3
    public static let defaultBackoffRate = 2.0

    /// The delay before retry number `retry` (1-based), before jitter.
    public func delay(beforeRetry retry: Int) -> Double {
        var delay = intervalSeconds * pow(backoffRate, Double(retry - 1))
        if let cap = maxDelaySeconds { delay = min(delay, cap) }
        return delay.isFinite ? delay : (maxDelaySeconds ?? Double.greatestFiniteMagnitude)
    }

    /// True when an error named `error` is handled by this retrier (nil: a Fail state without `Error`).
    public func matches(_ error: String?) -> Bool {
        ErrorMatching.matches(error, errorEquals)
    }
}

/// One entry of a state's `Catch` list.
public struct Catcher: Sendable {
    public var errorEquals: [String]
    public var next: String
    public var location: SourceLocation

    public func matches(_ error: String?) -> Bool {
        ErrorMatching.matches(error, errorEquals)
    }
}

/// How ASL matches an error name against `ErrorEquals`.
/// `States.ALL` matches everything; `States.TaskFailed` matches every error except `States.Timeout`
/// (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
/// A Fail state without `Error` (nil here) is matched only by `States.ALL` (LS
/// `test_map_state_catch_empty_fail`). `States.Runtime` is matched by nothing: it "isn't retriable,
/// and will always cause the execution to fail"; `States.ALL` does not match `States.DataLimitExceeded`
/// either (same page).
enum ErrorMatching {
    static func matches(_ error: String?, _ errorEquals: [String]) -> Bool {
        guard let error else { return errorEquals.contains("States.ALL") }
        if error == BuiltInError.runtime { return false }
        if error == BuiltInError.dataLimitExceeded { return errorEquals.contains(error) }
        return errorEquals.contains { pattern in
            pattern == error || pattern == "States.ALL" || (pattern == "States.TaskFailed" && error != "States.Timeout")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
