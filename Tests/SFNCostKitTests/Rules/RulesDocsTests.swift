import Foundation
import Testing
@testable import SFNCostKit

/// docs/rules.md is generated from the catalogue; this fails when someone changes one without the other.
@Suite struct RulesDocsTests {
    @Test func rulesMarkdownIsCurrent() throws {
        let path = Fixtures.path("docs/rules.md")
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        #expect(onDisk == RuleDocs.markdown(), "docs/rules.md is out of date: run `swift run sfncost rules --markdown > docs/rules.md`")
    }

    @Test func everyRuleHasACheckOrIsDocumentedAsAnalysisOnly() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count, "rule IDs must be unique")
        #expect(RuleCatalog.all.allSatisfy { !$0.fix.isEmpty && !$0.source.isEmpty })
    }
}
