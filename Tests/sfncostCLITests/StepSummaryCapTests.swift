import Testing
@testable import sfncost

/// The job summary stays under GitHub's 1 MiB: cut at a line, with a note saying so.
@Suite struct StepSummaryCapTests {
    @Test func longReportsAreCutAtALineWithANote() {
        let line = String(repeating: "x", count: 99)          // 100 bytes with its newline
        let markdown = Array(repeating: line, count: 20_000).joined(separator: "\n")  // 2,000,000 bytes
        let capped = StepSummary.capped(markdown)
        #expect(capped.utf8.count <= StepSummary.limit)
        #expect(capped.contains("The report was cut here"))
        #expect(capped.split(separator: "\n").dropLast(2).allSatisfy { $0 == line[...] })
        #expect(StepSummary.capped("short\n") == "short\n")
    }
}
