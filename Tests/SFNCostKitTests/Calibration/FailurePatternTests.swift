import Testing
@testable import SFNCostKit

/// `failed_attempts` is fitted only where every visit agrees; any other mix is a rate.
@Suite struct FailurePatternTests {
    static func pattern(_ visits: [(Int, Bool)]) -> FailurePattern {
        var pattern = FailurePattern()
        for (failed, succeeded) in visits { pattern.add(failedAttempts: failed, succeeded: succeeded) }
        return pattern
    }

    @Test func agreeingVisitsGiveTheCount() {
        #expect(Self.pattern([(2, true), (2, true), (2, true)]).failuresBeforeSuccess == 2)
        #expect(Self.pattern([(0, true), (0, true)]).failuresBeforeSuccess == 0)
        #expect(Self.pattern([(2, true), (2, true)]).visits == 2)
    }

    @Test func disagreeingOrUnfinishedVisitsGiveNone() {
        // Differing counts, in either order, and a disagreement that later visits seem to undo.
        #expect(Self.pattern([(1, true), (0, true)]).failuresBeforeSuccess == nil)
        #expect(Self.pattern([(0, true), (1, true), (0, true)]).failuresBeforeSuccess == nil)
        // A visit that never succeeded (retries exhausted, caught) is not "N, then success".
        #expect(Self.pattern([(1, true), (1, false)]).failuresBeforeSuccess == nil)
        #expect(Self.pattern([(4, false)]).failuresBeforeSuccess == nil)
        #expect(Self.pattern([]).failuresBeforeSuccess == nil)
    }
}
