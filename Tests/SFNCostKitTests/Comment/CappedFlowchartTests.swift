import Foundation
import Testing
@testable import SFNCostKit

/// A capped comment draws the flowcharts of the sections it measures only: those it shows, and the
/// first that no longer fits, not one per machine.
@Suite struct CappedFlowchartTests {
    /// Counts the calls of the flowchart hook (the renderer calls it on one thread).
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var keys: [String] = []
        func record(_ key: String) { lock.lock(); keys.append(key); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return keys }
    }

    /// 40 machines `m00`…`m39`, each Pass → Succeed in its own file (ids `m00.asl.json`…).
    private static func report() throws -> Report {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-capped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<40 {
            try #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#
                .write(to: directory.appendingPathComponent(String(format: "m%02d.asl.json", index)), atomically: true, encoding: .utf8)
        }
        return try #require(Estimator.run(.init(paths: [directory.path])).report)
    }

    @Test func onlyTheMeasuredSectionsDrawTheirFlowchart() throws {
        let report = try Self.report()
        #expect(report.stateMachines.count == 40)
        let calls = Calls()
        let options = CommentOptions(sizeLimit: 12_000, machineBlock: { key in
            calls.record(key)
            return "```mermaid\nflowchart TD\n  %% \(key)\n```"
        })
        let markdown = MarkdownRenderer.render(report, options: options)
        let shown = markdown.components(separatedBy: "<details>").count - 1
        // The cap leaves sections out, and says so.
        #expect(shown > 0 && shown < 40)
        #expect(markdown.contains("the details of \(40 - shown) machines"))
        // Each shown section has its block; the hook ran for those and at most one more.
        let called = calls.all
        #expect(called.count <= shown + 1, "\(called.count) calls for \(shown) sections")
        #expect(Set(called).count == called.count)
        for key in called.prefix(shown) { #expect(markdown.contains("%% \(key)\n")) }
        // Uncapped: every machine's block, each drawn once.
        let everything = Calls()
        let full = MarkdownRenderer.render(report, options: CommentOptions(machineBlock: { key in everything.record(key); return "%% \(key)" }))
        #expect(everything.all.count == 40)
        #expect(full.components(separatedBy: "<details>").count - 1 == 40)
    }
}
