import Foundation
import Testing
@testable import SFNCostKit

/// The diff comment's "states whose expected visits per run changed most" lists a state only when the
/// change shows in the figures it prints (two decimals, `Format.count`): floating-point noise
/// between two runs of the same model is no change.
///
/// `DollarEscapingTests.report`: `$y$` (Pass) → `B` (Succeed), each visited once a run (no choice, no
/// loop). The head's visits of B are then set by hand.
@Suite struct VisitNoiseTests {
    static let heading = "**States whose expected visits per run changed most**"

    /// The comment's visits table for one machine, its head's visits of B set to `visits`.
    private static func comment(headVisitsOfB visits: Double) throws -> String {
        let base = try DollarEscapingTests.report(executions: 1000).stateMachines[0]
        var head = base
        var list = try #require(head.stateVisits)
        let index = try #require(list.firstIndex { $0.state == "B" })
        #expect(list[index].expectedVisits == 1)
        list[index].expectedVisits = visits
        head.stateVisits = list
        return CommentParts.changedVisits(base: base, head: head, machine: base.name).joined(separator: "\n")
    }

    /// 1 against 1 + 1e-12: both print "1"; nothing is listed (before the fix: "| B | 1 | 1 |").
    @Test func noiseIsNoChange() throws {
        let markdown = try Self.comment(headVisitsOfB: 1 + 1e-12)
        #expect(!markdown.contains(Self.heading), "\(markdown)")
        #expect(!markdown.contains("| 1 | 1 |"))
        // Below the printed precision too: 1.004 prints "1".
        #expect(!(try Self.comment(headVisitsOfB: 1.004)).contains(Self.heading))
    }

    /// 1 against 1.25: printed "1" and "1.25", listed.
    @Test func aVisibleChangeIsListed() throws {
        let markdown = try Self.comment(headVisitsOfB: 1.25)
        #expect(markdown.contains(Self.heading), "\(markdown)")
        #expect(markdown.contains("| 1 | 1.25 |"), "\(markdown)")
    }
}
