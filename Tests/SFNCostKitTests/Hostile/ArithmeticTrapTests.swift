import Testing
@testable import SFNCostKit

/// Values from inputs that made sfncost trap (SIGILL) on an integer overflow or a Double → Int
/// conversion (issue 10, item 1). Each must now saturate or be rejected at its location.
@Suite struct ArithmeticTrapTests {
    /// A Task then an inline Map: one Map state for AWS's memory estimate.
    static let taskAndMap = """
    {"StartAt": "Work", "States": {
      "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Next": "Fan"},
      "Fan": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}, "End": true}}}
    """

    /// `memory_mb: Int.max` overflowed rounding up to 64 MB steps (⌈Int.max / 64⌉ × 64 > Int.max).
    @Test func largestMemoryMBSaturates() throws {
        let analysis = try Fixtures.analyze(Self.taskAndMap,
                                            profile: "version: 1\nstate_machines:\n  test:\n    memory_mb: 9223372036854775807\n")
        #expect(analysis.expressMemoryMB == ExpressBilling.saturatedMemoryMB)
        #expect(ExpressBilling.isSaturated(memoryMB: analysis.expressMemoryMB))
    }

    /// `payload_kb: 1e22` with one Map: 50 MB + 1,000 B + 1e22 KB / 1,000 × 1 = 1e19 MB, beyond Int:
    /// "Double value cannot be converted to Int" before; saturated now.
    @Test func hugePayloadMemoryEstimateSaturates() throws {
        let analysis = try Fixtures.analyze(Self.taskAndMap,
                                            profile: "version: 1\nstate_machines:\n  test:\n    payload_kb: 1e22\n")
        #expect(analysis.expressMemoryMB == ExpressBilling.saturatedMemoryMB)
    }

    /// 64 MB steps by hand: 1 → 64, 64 → 64, 65 → 128; the largest multiple of 64 in an Int is
    /// 2^63 − 64 = 9,223,372,036,854,775,744. Infinity saturates (it used to bill as 64 MB).
    @Test func billedMemoryRoundsUpAndSaturates() {
        #expect(ExpressBilling.saturatedMemoryMB == 9_223_372_036_854_775_744)
        #expect(ExpressBilling.billedMemoryMB(wholeMB: 1) == 64)
        #expect(ExpressBilling.billedMemoryMB(wholeMB: 64) == 64)
        #expect(ExpressBilling.billedMemoryMB(wholeMB: 65) == 128)
        #expect(ExpressBilling.billedMemoryMB(wholeMB: Int.max) == ExpressBilling.saturatedMemoryMB)
        #expect(ExpressBilling.billedMemoryMB(wholeMB: ExpressBilling.saturatedMemoryMB) == ExpressBilling.saturatedMemoryMB)
        #expect(ExpressBilling.billedMemoryMB(62.85) == 64)
        #expect(ExpressBilling.billedMemoryMB(1e300) == ExpressBilling.saturatedMemoryMB)
        #expect(ExpressBilling.billedMemoryMB(.infinity) == ExpressBilling.saturatedMemoryMB)
        #expect(ExpressBilling.billedMemoryMB(.nan) == 64)
    }

    /// Seconds × 1,000 overflowed to infinity for durations near Double's maximum; a duration that
    /// large has no tenths to round up to, so it bills as itself.
    @Test func billedSecondsOfHugeDurationsStayFinite() {
        #expect(ExpressBilling.billedSeconds(1e308) == 1e308)
        #expect(ExpressBilling.billedSeconds(0.3) == 0.3)
        #expect(ExpressBilling.billedSeconds(0.31) == 0.4)
    }

    /// The machine's `TimeoutSeconds` of Int.max went through Double and back to Int (2^63 > Int.max)
    /// for the assumption's text. Expected 1e300 s is capped at the timeout, 9,223,372,036,854,775,807 s.
    @Test func largestMachineTimeoutDoesNotTrap() throws {
        let analysis = try Fixtures.analyze("""
        {"StartAt": "Work", "TimeoutSeconds": 9223372036854775807, "States": {
          "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true}}}
        """, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      Work: {duration: 1e300}\n")
        #expect(analysis.expected.seconds == Double(Int.max))
        #expect(analysis.assumptions.contains { $0.field == "duration" && $0.value == "9223372036854775807 s" })
    }

    /// A duration is finite in seconds, not only as written: "1e308d" is 8.64e312 s, infinity.
    @Test func durationsMustBeFiniteInSeconds() {
        #expect(DurationText.seconds("1e308d") == nil)
        #expect(DurationText.seconds("1e400s") == nil)
        #expect(DurationText.seconds("1e400") == nil)
        #expect(DurationText.seconds("2m") == 120)
    }

    /// A plain number 1e400 reads as infinity and skipped the check that "1e400s" gets: now the
    /// same located error.
    @Test func infiniteDurationAsAPlainNumberIsALocatedError() throws {
        let profile = "version: 1\nstate_machines:\n  test:\n    states:\n      Work: {duration: 1e400}\n"
        let error = try #require(throws: InputError.self) { try Fixtures.profile(profile) }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.location?.line == 5)
        #expect(diagnostic.location?.column == 24)
        #expect(diagnostic.message.contains("'duration' must be a duration"))
    }
}
