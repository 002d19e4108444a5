import Foundation
import Testing
@testable import SFNCostKit

/// Issue #11, item 4: Distributed Map sizes set at run time are read from the profile (a key per
/// field under the Map state's entry), else assumed with an assumption listed by state.
@Suite struct DistributedMapSizesTests {
    static func definition(_ batcher: String, reader: String = "") -> String {
        """
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, \(reader)
          "ItemBatcher": \(batcher),
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
        """
    }

    static func profile(_ extra: String) -> String {
        """
        version: 1
        state_machines:
          test:
            states:
              M: {items: 100\(extra)}
        """
    }

    /// MaxItemsPerBatchPath with max_items_per_batch 10: 100 items → 10 children. Transitions: the Map
    /// 1 + one per child started 10 + each STANDARD child's Pass 1 × 10 = 21.
    @Test func batchSizeFromTheProfile() throws {
        let analysis = try Fixtures.analyze(Self.definition(#"{"MaxItemsPerBatchPath": "$.batch"}"#),
                                            profile: Self.profile(", max_items_per_batch: 10"))
        #expect(analysis.expected.transitions == 21)
        #expect(!analysis.assumptions.contains { $0.field == "max_items_per_batch" })
    }

    /// The JSONata form without a profile key: one item per child is assumed and listed.
    /// Transitions 1 + 100 + 100 = 201.
    @Test func jsonataBatchSizeWithoutTheProfileIsAnAssumption() throws {
        let analysis = try Fixtures.analyze(Self.definition(#"{"MaxItemsPerBatch": "{% $states.input.batch %}"}"#)
            .replacingOccurrences(of: #"{"StartAt""#, with: #"{"QueryLanguage": "JSONata", "StartAt""#), profile: Self.profile(""))
        #expect(analysis.expected.transitions == 201)
        #expect(analysis.assumptions.contains { $0.state == "M" && $0.field == "max_items_per_batch" && $0.value == "1" })
    }

    /// ReaderConfig.MaxItemsPath with max_items 50 (batch 10 literal): 50 items read → 5 children:
    /// 1 + 5 + 5 = 11. The literal MaxItems caps the same way.
    @Test func maxItemsCapsTheItemsRead() throws {
        let reader = #""ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "MaxItemsPath": "$.max"}},"#
        let analysis = try Fixtures.analyze(Self.definition(#"{"MaxItemsPerBatch": 10}"#, reader: reader),
                                            profile: Self.profile(", max_items: 50"))
        #expect(analysis.expected.transitions == 11)
        let literal = reader.replacingOccurrences(of: #""MaxItemsPath": "$.max""#, with: #""MaxItems": 50"#)
        let fixed = try Fixtures.analyze(Self.definition(#"{"MaxItemsPerBatch": 10}"#, reader: literal), profile: Self.profile(""))
        #expect(fixed.expected.transitions == 11)
    }

    /// ToleratedFailureCountPath without a profile key: 0 tolerated, listed as an assumption.
    @Test func toleratedFailuresFromPathsAreAssumptions() throws {
        let definition = Self.definition(#"{"MaxItemsPerBatch": 10}"#, reader: #""ToleratedFailureCountPath": "$.n","#)
        let analysis = try Fixtures.analyze(definition, profile: Self.profile(""))
        #expect(analysis.assumptions.contains { $0.state == "M" && $0.field == "tolerated_failure_count" && $0.value == "0" })
        #expect(throws: InputError.self) { _ = try Fixtures.profile(Self.profile(", tolerated_failure_percentage: 101")) }
    }
}
