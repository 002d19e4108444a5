import Foundation
import Testing
@testable import SFNCostKit

/// `--format github`: rule findings before input problems, at most 10 of each kind, then one notice.
@Suite struct AnnotationSelectionTests {
    /// 12 callback Tasks without TimeoutSeconds: 12 SFN145 warnings (one per Task). The profile's
    /// unknown key is one more warning, an input problem: it comes after the findings, so it is one
    /// of the 3 left out (10 shown: T0…T9).
    @Test func findingsFirstAndAtMostTenPerKind() throws {
        let report = try Self.report(tasks: 12, profile: "version: 1\nstate_machines:\n  many:\n    executionz: 5\n")
        let (shown, omitted) = AnnotationSelection.select(report)
        #expect(shown.count == 10)
        #expect(shown.allSatisfy { $0.title == "SFN145 task-timeout-missing" })
        #expect(shown.map(\.message).filter { $0.contains("'T9'") }.count == 1)
        #expect(omitted == [.warning: 3])
        let text = GitHubAnnotationsRenderer.render(report)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.last?.hasPrefix("::notice title=sfncost::3 more annotations are not shown (3 warnings)") == true)
        #expect(lines.last?.contains("GITHUB_STEP_SUMMARY") == true)
    }

    /// Within the limits nothing is left out and no notice is added; the input warning is last.
    @Test func withinTheLimitsEverythingShows() throws {
        let report = try Self.report(tasks: 3, profile: "version: 1\nstate_machines:\n  many:\n    executionz: 5\n")
        let (shown, omitted) = AnnotationSelection.select(report)
        #expect(shown.count == 4)
        #expect(shown.last?.title == "Profile.UnknownKey")
        #expect(omitted.isEmpty)
        #expect(AnnotationSelection.overflowNotice(omitted) == nil)
    }

    /// One notice: how many, of which kind, and where to read them.
    @Test func overflowNoticeSaysHowManyAndWhere() {
        #expect(AnnotationSelection.overflowNotice([.note: 1]) == "1 more annotation is not shown (1 notice): GitHub shows at most 10 of each kind per step. Read them all in the job summary (sfncost appends its Markdown report when GITHUB_STEP_SUMMARY is set), or upload --format sarif to code scanning.")
    }

    static func report(tasks: Int, profile: String) throws -> Report {
        var states: [String] = []
        for index in 0..<tasks {
            let next = index + 1 < tasks ? "\"Next\": \"T\(index + 1)\"" : "\"End\": true"
            states.append("\"T\(index)\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke.waitForTaskToken\", \(next)}")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-annotations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let definition = directory.appendingPathComponent("many.asl.json").path
        try "{\"StartAt\": \"T0\", \"States\": {\n\(states.joined(separator: ",\n"))\n}}".write(toFile: definition, atomically: true, encoding: .utf8)
        let profilePath = directory.appendingPathComponent("usage.yml").path
        try profile.write(toFile: profilePath, atomically: true, encoding: .utf8)
        return try #require(Estimator.run(.init(paths: [definition], profilePath: profilePath)).report)
    }
}

/// Annotations name files relative to the repository, whatever directory sfncost ran in.
@Suite struct AnnotationPathTests {
    @Test func filesAreRelativeToTheRoot() throws {
        let report = try AnnotationSelectionTests.report(tasks: 1, profile: "version: 1\n")
        let file = try #require(report.stateMachines.first?.file)  // an absolute temporary path
        let folder = (file as NSString).deletingLastPathComponent
        let root = (folder as NSString).deletingLastPathComponent
        let text = GitHubAnnotationsRenderer.render(report, paths: SARIFOptions(root: root, workingDirectory: "/"))
        #expect(text.hasPrefix("::warning file=\((folder as NSString).lastPathComponent)/many.asl.json,line="), "\(text)")
        // Outside the root a path stays as it was.
        let outside = GitHubAnnotationsRenderer.render(report, paths: SARIFOptions(root: "/nowhere", workingDirectory: "/"))
        #expect(outside.hasPrefix("::warning file=\(file),line="))
    }
}
