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

    /// Foundation's Decimal traps when a product's exponent falls below -128: a count with 60 zeros
    /// after the point crashed every command. More than 20 places is refused with a reason; 20 are
    /// accepted (1e-20 executions a month).
    @Test func executionCountsWithTooManyPlacesAreRefused() throws {
        let twenty = "0." + String(repeating: "0", count: 19) + "1"
        #expect(try ExecutionRate.parse(twenty).get().perMonth == Decimal(sign: .plus, exponent: -20, significand: 1))
        for text in ["0." + String(repeating: "0", count: 20) + "1", "0." + String(repeating: "0", count: 60) + "1"] {
            guard case .failure(let error) = ExecutionRate.parse(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
            #expect(error.message.contains("more than 20 digits after the point"))
        }
        // A rate is rounded to 6 places: once every 10^40 hours (730 / 10^40 a month) is 0, accepted.
        #expect(try ExecutionRate.parse("rate(10000000000000000000000000000000000000000 hours)").get().perMonth == 0)
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

    /// A year field narrows the days averaged over to the years it names (at most the first 4).
    /// - `cron(0 6 ? * MON-FRI 2027)`: 2027 starts on a Friday (1 Jan 2025 is a Wednesday, + 365 days
    ///   twice), so its 365 days = 52 weeks + one Friday: 52 × 5 + 1 = 261 weekdays.
    ///   261 / 365 × 730 / 24 = 261 / 12 = 21.75 (not a quarter of that, as when averaged over 2025–2028).
    /// - `cron(0 12 1 * ? 2026-2027)`: 24 firings on 730 days: 24 / 730 × 730 / 24 = 1 exactly (a monthly
    ///   cron over non-leap years only; over 2025–2028 it is 12 × 730 / 8,766 ≈ 0.999316).
    /// - `cron(0 12 29 2 ? 2024-2032)`: only 2024–2027 are considered (1,461 days: 366 + 3 × 365); 29
    ///   February falls once (2024): 1 / 1,461 × 730 / 24 = 0.020819 (all 9 years would give
    ///   3 / 3,288 × 730 / 24 = 0.027753).
    /// - `cron(0 12 * * ? 2025,2026,2027,2028,2029)`: daily in 2025–2028: 730 / 24 = 30.416667.
    @Test(arguments: [("cron(0 6 ? * MON-FRI 2027)", 21.75), ("cron(0 12 1 * ? 2026-2027)", 1.0),
                      ("cron(0 12 29 2 ? 2024-2032)", 1.0 / 1461 * 730 / 24),
                      ("cron(0 12 * * ? 2025,2026,2027,2028,2029)", 30.416667)])
    func cronYearFieldChoosesTheYears(_ text: String, _ perMonth: Double) throws {
        let rate = try ExecutionRate.parse(text).get()
        #expect(abs(rate.perMonth.double - perMonth) < 1e-6, "\(rate.perMonth)")
    }

    /// 31 February never comes; 29 February does not come in 2027. Neither is a rate of 0.
    @Test(arguments: [("cron(0 6 31 2 ? *)", "never fires in 2025–2028"), ("cron(0 6 29 2 ? 2027)", "never fires in 2027")])
    func cronThatNeverFiresIsRejected(_ text: String, _ reason: String) {
        switch ExecutionRate.parse(text) {
        case .success(let rate): Issue.record("'\(text)' was accepted as \(rate.perMonth) a month")
        case .failure(let failure): #expect(failure.message.contains(reason), "\(failure.message)")
        }
    }

    /// In a profile, a cron that never fires is an error at its value: line 4, column 17.
    @Test func cronThatNeverFiresIsAProfileError() {
        do {
            _ = try Fixtures.profile("""
            version: 1
            state_machines:
              m:
                executions: cron(0 6 31 2 ? *)
            """)
            Issue.record("the profile was accepted")
        } catch let error as InputError {
            let diagnostic = error.diagnostics.first
            #expect(error.diagnostics.count == 1)
            #expect(diagnostic?.code == "Profile.Executions")
            #expect(diagnostic?.message.contains("never fires") == true)
            #expect(diagnostic?.location?.line == 4 && diagnostic?.location?.column == 17)
        } catch {
            Issue.record("unexpected \(error)")
        }
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

/// Profile messages say why a value is wrong, without float noise, and a profile entry that looks like
/// a misspelt machine name is a warning.
@Suite struct ProfileMessageTests {
    /// The diagnostics of a profile that fails to load.
    private static func errors(_ text: String) -> [Diagnostic] {
        do {
            _ = try Fixtures.profile(text)
            return []
        } catch let error as InputError {
            return error.diagnostics
        } catch {
            return []
        }
    }

    /// 0.7 + 0.6 is 1.2999999999999998 in binary floating point; the message says 1.3.
    @Test func branchOddsOverOneHaveNoFloatNoise() throws {
        #expect(0.7 + 0.6 != 1.3)
        let diagnostic = try #require(Self.errors("""
        version: 1
        state_machines:
          m:
            states:
              C: {branches: {A: 0.7, B: 0.6}}
        """).first)
        #expect(diagnostic.code == "Profile.BranchOdds")
        #expect(diagnostic.message == "branch odds of 'C' add up to 1.3, more than 1")
    }

    /// At most 4 decimals (1.23456 → 1.2346), unless 4 would read as exactly 1 (1.00002 stays 1.00002).
    @Test(arguments: [(1.2999999999999998, "1.3"), (1.23456, "1.2346"), (1.00002, "1.00002"), (2.0, "2")])
    func oddsText(_ value: Double, _ text: String) {
        #expect(ProfileLoader.oddsText(value) == text)
    }

    /// Each wrong value says what is expected and what was found, at the value: `items: {expected: -5}`
    /// at line 5, column 29 (`      P: {items: {expected: ` is 28 characters); `items: -1` at 18 (6 + 11),
    /// `max: soon` at 41 (6 + 34), `duration: -2s` at 21 (6 + 14).
    @Test(arguments: [
        ("P: {items: {expected: -5}}", 29, "'items.expected' must be a number, 0 or more (found -5)"),
        ("P: {items: -1}", 18, "'items' must be a number, 0 or more (found -1)"),
        ("T: {duration: {expected: 1s, max: soon}}", 41,
         "'duration.max' must be a duration, 0 or more: e.g. 2s, 500ms, 5m, 1h, or a number of seconds (found 'soon')"),
        ("T: {duration: -2s}", 21,
         "'duration' must be a duration, 0 or more: e.g. 2s, 500ms, 5m, 1h, or a number of seconds (found '-2s')"),
    ])
    func wrongSpreadValuesSayWhy(_ entry: String, _ column: Int, _ message: String) throws {
        let diagnostic = try #require(Self.errors("""
        version: 1
        state_machines:
          m:
            states:
              \(entry)
        """).first)
        #expect(diagnostic.code == "Profile.WrongValue")
        #expect(diagnostic.message == message)
        #expect(diagnostic.location?.line == 5 && diagnostic.location?.column == column)
    }

    private static let machine: MachineSource = {
        let definition = try! Fixtures.machine(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        return MachineSource(name: "daily-ingest", machine: definition, definitionBytes: 60, declaredType: nil, diagnostics: [])
    }()

    private static func noMachine(_ profile: String) throws -> [String] {
        try ProfileChecks.check(Fixtures.profile(profile), machines: [machine])
            .filter { $0.code == "Profile.NoMachine" }
            .map { "\($0.severity.rawValue)@\($0.location!.line): \($0.message)" }
    }

    /// `daily-injest` is 1 edit from `daily-ingest` (s → g): a warning with a suggestion. `Daily_Ingest`
    /// is 1 edit too, ignoring case (_ → -). `nightly-*` is far from any name and other entries match:
    /// a note, as a profile shared by several directories has entries for machines not analysed here.
    @Test func unmatchedEntryCloseToAMachineIsAWarning() throws {
        let found = try Self.noMachine("""
        version: 1
        state_machines:
          daily-ingest: {executions: 10}
          daily-injest: {executions: 20}
          Daily_Ingest: {executions: 30}
          nightly-*: {executions: 5}
        """)
        #expect(found == [
            "warning@4: profile entry 'daily-injest' matches none of the machines analysed; did you mean 'daily-ingest'?",
            "warning@5: profile entry 'Daily_Ingest' matches none of the machines analysed; did you mean 'daily-ingest'?",
            "note@6: profile entry 'nightly-*' matches none of the machines analysed",
        ])
    }

    /// When no entry matches any machine, the profile applies to nothing: every entry is a warning.
    @Test func profileMatchingNoMachineIsAWarning() throws {
        let found = try Self.noMachine("""
        version: 1
        state_machines:
          etl: {executions: 10}
          reports-*: {executions: 20}
        """)
        let suffix = "matches none of the machines analysed; no entry of the profile matches any of them ('daily-ingest'), so none of its settings apply"
        #expect(found == ["warning@3: profile entry 'etl' \(suffix)", "warning@4: profile entry 'reports-*' \(suffix)"])
    }
}
