import Foundation
import Testing
@testable import SFNCostKit

/// Within one collection the module cache checks each directory once (`TerraformModuleCache
/// .Collection`); the next collection checks it again and sees what changed.
@Suite struct TerraformModuleCacheCollectionTests {
    @Test func aCollectionChecksADirectoryOnceAndTheNextSeesTheChange() throws {
        let directory = try TerraformModuleCacheTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let one = TerraformModuleCacheTests.machine.replacingOccurrences(of: "NAME", with: "one")
        let two = TerraformModuleCacheTests.machine.replacingOccurrences(of: "NAME", with: "two")
        try one.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let cache = TerraformModuleCache()
        let first = TerraformModuleCache.Collection()
        #expect(cache.module(directory: directory, collection: first).resources.map { $0.labels[1] } == ["one"])
        try (one + two).write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        // The same collection trusts the fingerprint it took: the module it read stands.
        #expect(cache.module(directory: directory, collection: first).resources.map { $0.labels[1] } == ["one"])
        // A new collection, and a call outside any, check again.
        #expect(cache.module(directory: directory, collection: TerraformModuleCache.Collection()).resources.map { $0.labels[1] } == ["one", "two"])
        try one.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        #expect(cache.module(directory: directory).resources.map { $0.labels[1] } == ["one"])
    }

    /// Two collections of one changing directory, through the collector: the second reports the
    /// machine added between them.
    @Test func theCollectorSeesAFileChangedBetweenTwoCollections() throws {
        let directory = try TerraformModuleCacheTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let one = TerraformModuleCacheTests.machine.replacingOccurrences(of: "NAME", with: "one")
        let two = TerraformModuleCacheTests.machine.replacingOccurrences(of: "NAME", with: "two")
        try one.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        try "locals {}\n".write(toFile: directory + "/other.tf", atomically: true, encoding: .utf8)
        #expect(InputCollector.collect([directory]).machines.map(\.name) == ["aws_sfn_state_machine.one"])
        try (one + two).write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        #expect(InputCollector.collect([directory]).machines.map(\.name) == ["aws_sfn_state_machine.one", "aws_sfn_state_machine.two"])
    }
}
