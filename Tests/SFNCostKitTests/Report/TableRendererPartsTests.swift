import Foundation
import Testing
@testable import SFNCostKit

/// The table report writes the machines' details in parts on every core (`MachineReport.partRanges`)
/// and joins them in order: the text is the one written machine by machine on one thread.
@Suite struct TableRendererPartsTests {
    @Test func partsJoinToTheSerialText() throws {
        let corpus = try #require(Estimator.run(.init(paths: [Fixtures.path("Tests/Corpus")])).report)
        #expect(MachineReport.partRanges(count: corpus.stateMachines.count, cores: 1).count > 1)
        let renderer = TableRenderer()
        for count in [0, 1, 31, 32, 33, 100, corpus.stateMachines.count] {
            var report = corpus
            report.stateMachines = Array(corpus.stateMachines.prefix(count))
            let serial = renderer.render(report, parallel: false)
            #expect(Array(renderer.render(report).utf8) == Array(serial.utf8), "\(count) machines")
            #expect(count == 0 || serial.contains("== \(DisplayText.text(report.stateMachines[count - 1].name))"))
        }
    }
}
