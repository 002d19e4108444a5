import Foundation
import Testing
@testable import SFNCostKit

/// The module cache shared by the collector's threads: one reading per directory, the same module
/// whichever thread asks first, a fresh reading once a file changes.
@Suite struct TerraformModuleCacheTests {
    static func temporaryDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfcache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    static let machine = """
        resource "aws_sfn_state_machine" "NAME" {
          definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
        }

        """

    /// 16 threads ask for one directory of 3 files at once: each gets the 3 files in name order and
    /// the 3 resources, and the schedules worked out once are those of a fresh reading.
    @Test func concurrentReadersGetTheSameModule() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["c", "a", "b"] {
            try Self.machine.replacingOccurrences(of: "NAME", with: name)
                .write(toFile: directory + "/\(name).tf", atomically: true, encoding: .utf8)
        }
        let cache = TerraformModuleCache()
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let module = cache.module(directory: directory)
            results.append(module.files.map(\.path).joined(separator: ",") + " " + module.resources.map { $0.labels[1] }.joined(separator: ","))
        }
        let expected = ["a", "b", "c"].map { directory + "/\($0).tf" }.joined(separator: ",") + " a,b,c"
        #expect(results.all == Array(repeating: expected, count: 16))
    }

    /// A file that changes size is read again; an unchanged directory is not.
    @Test func aChangedFileIsReadAgain() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.machine.replacingOccurrences(of: "NAME", with: "one").write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let cache = TerraformModuleCache()
        #expect(cache.module(directory: directory).resources.map { $0.labels[1] } == ["one"])
        #expect(cache.module(directory: directory).resources.map { $0.labels[1] } == ["one"])
        try (Self.machine.replacingOccurrences(of: "NAME", with: "one") + Self.machine.replacingOccurrences(of: "NAME", with: "two"))
            .write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        #expect(cache.module(directory: directory).resources.map { $0.labels[1] } == ["one", "two"])
    }

    /// The note for a module directory that a scanned configuration calls names the caller's file and
    /// location as a reading of the caller's standardized directory does, though the module read
    /// while scanning (under the name given on the command line) is the one used.
    @Test func theCalledModuleNoteNamesTheCallerByItsStandardizedPath() throws {
        let modules = Fixtures.path("Tests/SFNCostKitTests/Fixtures/terraform/modules")
        let collected = InputCollector.collect([modules])
        let note = try #require(collected.diagnostics.first { $0.code == "Terraform.CalledModule" })
        let caller = URL(fileURLWithPath: modules + "/nested/main.tf").standardizedFileURL.path
        #expect(note.message.contains("module.pipeline in \(caller) calls"))
        #expect(note.location?.file == caller)
    }
}

/// Strings appended from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var strings: [String] = []

    func append(_ string: String) {
        lock.lock()
        strings.append(string)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return strings
    }
}
