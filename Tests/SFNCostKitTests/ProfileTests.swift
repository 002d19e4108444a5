import Foundation
import Testing
@testable import SFNCostKit

/// The usage profile: rates, cron schedules, durations, and errors and warnings at their place.
@Suite struct ProfileTests {
    /// A month is 730 hours: rate(1 day) = 730/24 = 30.416667 (6 places); rate(5 minutes) = 730 × 12 =
    /// 8,760; rate(2 hours) = 365; rate(1 week) = 730 / 168 = 4.345238; a bare number is per month.
    @Test(arguments: [("rate(1 day)", "30.416667"), ("rate(5 minutes)", "8760"), ("rate(2 hours)", "365"),
                      ("rate(1 week)", "4.345238"), ("1000", "1000"), ("12.5", "12.5"), ("2e6", "2000000")])
    func executionRates(_ text: String, _ perMonth: String) throws {
        let rate = try ExecutionRate.parse(text).get()
        #expect(rate.perMonth == Decimal(string: perMonth))
    }

    /// cron(0 12 * * ? *) fires once a day: 730 / 24 = 30.416667. cron(0/15 * * * ? *) fires 96 times a
    /// day: 96 × 730 / 24 = 2,920. cron(0 9 1 * ? *) fires on 48 of the 1,461 days of 2025–2028:
    /// 48 / 1,461 × 730 / 24 = 0.999316 (a month is 730 h, slightly less than an average calendar month).
    @Test(arguments: [("cron(0 12 * * ? *)", 30.416667), ("cron(0/15 * * * ? *)", 2920.0),
                      ("cron(0 9 1 * ? *)", 0.999316)])
    func cronSchedules(_ text: String, _ perMonth: Double) throws {
        let rate = try ExecutionRate.parse(text).get()
        #expect(abs(rate.perMonth.double - perMonth) < 1e-6)
    }

    @Test(arguments: ["rate(often)", "rate(0 days)", "cron(0 12 * *)", "cron(0 25 * * ? *)", "cron(0 12 1 * MON *)", "weekly", "-5"])
    func badRatesAreRejected(_ text: String) {
        if case .success = ExecutionRate.parse(text) { Issue.record("'\(text)' was accepted") }
    }

    @Test(arguments: [("250ms", 0.25), ("2s", 2.0), ("1.5m", 90.0), ("2h", 7200.0), ("1d", 86_400.0), ("3", 3.0)])
    func durations(_ text: String, _ seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test func wrongValuesAreErrorsAtTheirPlace() {
        let text = """
        version: 1
        state_machines:
          m:
            states:
              A:
                failure_rate: 1.5
                duration: {expected: 5s, max: 2s}
        """
        #expect(throws: InputError.self) { try Fixtures.profile(text) }
        do {
            _ = try Fixtures.profile(text)
        } catch let error as InputError {
            let places = error.diagnostics.map { "\($0.location!.line):\($0.location!.column)" }
            // failure_rate's value at 6:23; the duration mapping at 7:19.
            #expect(places == ["6:23", "7:19"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unknownKeysAreWarnings() throws {
        let (_, warnings) = try ProfileLoader.decode(try SourceDocument.parse("""
        version: 1
        state_machines:
          m:
            executions: 10
            exections: 20
        """, file: "p.yml"), file: "p.yml")
        #expect(warnings.map(\.code) == ["Profile.UnknownKey"])
        #expect(warnings.first?.location?.line == 5)
    }

    @Test func unsupportedVersionIsAnError() {
        #expect(throws: InputError.self) { try Fixtures.profile("version: 2\n") }
    }

    /// A misspelt state, odds for a branch the Choice does not have, and `items` on a Choice are
    /// warnings at their lines; a glob that matches nothing is a note.
    @Test func keysThatDoNothingAreWarned() throws {
        let machine = try Fixtures.machine("""
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "A"}], "Default": "B"},
          "A": {"Type": "Pass", "End": true}, "B": {"Type": "Pass", "End": true}}}
        """)
        let profile = try Fixtures.profile("""
        version: 1
        state_machines:
          m:
            states:
              C: {branches: {Z: 0.5}, items: 3}
              Typo: {duration: 1s}
          other-*:
            executions: 5
        """)
        let source = MachineSource(name: "m", machine: machine, definitionBytes: 100, declaredType: nil, diagnostics: [])
        let diagnostics = ProfileChecks.check(profile, machines: [source])
        let codes = diagnostics.map { "\($0.code)@\($0.location!.line)" }.sorted()
        #expect(codes == ["Profile.NoMachine@7", "Profile.UnknownBranch@5", "Profile.UnknownState@6", "Profile.UnusedKey@5"])
    }
}
