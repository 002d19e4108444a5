import Foundation
import Testing
@testable import SFNCostKit

/// The SARIF log written member by member (`SARIFText`) is `SARIFRenderer.document` through
/// `JSONSerialization` and `jsonSafe` (`SARIFRenderer.foundationText`), byte for byte: a member out of
/// `JSONSerialization`'s key order, a missing optional member or a value written differently fails here.
@Suite struct SARIFTextTests {
    static func expectSame(_ report: Report, options: SARIFOptions, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let expected = try SARIFRenderer.foundationText(report, options: options)
        let actual = try SARIFRenderer.render(report, options: options)
        // As bytes: String's == is canonical equivalence.
        if !actual.utf8.elementsEqual(expected.utf8) {
            let difference = zip(actual.utf8, expected.utf8).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actual.utf8.count, expected.utf8.count)
            let context = { (text: String) in String(decoding: text.utf8.dropFirst(max(0, difference - 160)).prefix(320), as: UTF8.self) }
            Issue.record("differs at byte \(difference):\n--- direct\n\(context(actual))\n--- JSONSerialization\n\(context(expected))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The corpus: 210 results, 165 of them with an end column, notifications with and without a
    /// location; with the root (relative URIs, `originalUriBaseIds`) and without one (absolute URIs).
    @Test func corpusReport() throws {
        let report = try #require(Estimator.run(.init(paths: [Fixtures.path("Tests/Corpus")])).report)
        let cwd = FileManager.default.currentDirectoryPath
        try Self.expectSame(report, options: SARIFOptions(root: Fixtures.path("."), workingDirectory: cwd))
        try Self.expectSame(report, options: SARIFOptions(root: nil, workingDirectory: cwd))
        // A root that holds none of the files: every URI absolute, the base still declared.
        try Self.expectSame(report, options: SARIFOptions(root: "/nonexistent/elsewhere", workingDirectory: cwd))
    }

    /// Names with a newline followed by `::`, ESC, an RLO, `%`, backticks, `|`, `<`, quotes, backslashes
    /// and non-ASCII text, in files whose paths need percent-encoding; findings suppressed (the
    /// `suppressions` member) and re-rated (`properties`), a diagnostic with a location and one
    /// without, and a rule that is not in the catalogue (no `ruleIndex`).
    @Test func hostileNamesAndEveryOptionalMember() throws {
        let directory = try HostileInputs.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var report = try #require(Estimator.run(.init(paths: [directory.path])).report)
        var machine = try #require(report.stateMachines.first)
        let odd = "St\u{E4}te %41 `x` | <b> \"q\" \\ \u{2028}##[group] \u{7F}\u{85}"
        var findings = machine.findings
        var extra = try #require(findings.first)
        extra.state = odd
        extra.message = "message with \(odd)\r\n::error::x"
        extra.file = "dir with space/%20 é#?.asl.json"
        extra.line = 0
        extra.column = -3
        extra.rule = "SFN999"
        extra.suppression = "re-rated: \(odd)"
        findings.append(extra)
        var noState = extra
        noState.state = nil
        noState.suppression = nil
        findings.append(noState)
        machine.findings = findings
        var suppressed = extra
        suppressed.rule = "SFN101"
        machine.suppressedFindings = [suppressed, noState]
        machine.id = nil
        report.stateMachines.append(machine)
        report.diagnostics.append(Diagnostic(.warning, "Profile.Odd", "a \(odd)", at: SourceLocation(file: "/abs/\(odd).yml", line: 3, column: 4)))
        report.diagnostics.append(Diagnostic(.error, "Input.None", "nothing \(odd)", at: nil))
        report.diagnostics.append(Diagnostic(.note, "Input.Note", "not listed", at: nil))
        report.tool.name = odd
        for root in [directory.path, "/", nil] {
            try Self.expectSame(report, options: SARIFOptions(root: root, workingDirectory: directory.path))
        }
    }

    /// No finding and no diagnostic: `results` and the notifications are empty arrays.
    @Test func emptyArrays() throws {
        var report = try #require(PrettyJSONEncoderTests.exampleOutcome(PrettyJSONEncoderTests.examples[0]).report)
        report.diagnostics = []
        for index in report.stateMachines.indices {
            report.stateMachines[index].findings = []
            report.stateMachines[index].suppressedFindings = []
        }
        try Self.expectSame(report, options: SARIFOptions(root: nil, workingDirectory: "/"))
        report.stateMachines = []
        try Self.expectSame(report, options: SARIFOptions(root: "/", workingDirectory: "/"))
    }

    /// The remembered answers are `resolve`'s, for paths that standardize differently.
    @Test func pathCacheAnswersAsResolve() {
        let options = SARIFOptions(root: "/repo/", workingDirectory: "/repo/sub")
        let cache = SARIFPathCache(options)
        for path in ["a.json", "./a.json", "../x/y.json", "/repo/../repo/b.json", "/elsewhere/c.json", "", ".", "..", "dir/", "a b/%.json", "/repo"] {
            for _ in 0..<2 {
                let cached = cache.resolve(path), direct = options.resolve(path)
                #expect(cached.relative == direct.relative && cached.absolute == direct.absolute, "\(path)")
                let uri = cache.artifactURI(path), directURI = options.artifactURI(path)
                #expect(uri.uri == directURI.uri && uri.baseId == directURI.baseId, "\(path)")
            }
        }
    }

    /// The line index gives the lines a split at the `Character` "\n" gives: CR LF is one
    /// `Character` (no split there), a lone CR is not a line break, a final CR is dropped.
    @Test(arguments: ["", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\r\n\nb\rc\n", "\r", "\n\r", "\r\r\n\n", "x\n\u{301}y\r", "é\n€\r\n𝄞\n", "\n\n\n"])
    func linesAsSplit(_ text: String) {
        let reference = SARIFKeySpans.linesBySplitting(text)
        let lines = SARIFKeySpans.SourceLines(text)
        #expect(lines.starts.count == reference.count)
        for number in 0...(reference.count + 1) {
            let expected = number >= 1 && number <= reference.count ? reference[number - 1] : nil
            let actual = lines.line(number)
            #expect(actual.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "line \(number) of \(Array(text.utf8))")
        }
    }
}
