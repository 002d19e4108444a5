import Foundation
@testable import SFNCostKit

/// Paths and small helpers shared by the tests.
enum Fixtures {
    /// The repository root (this file is Tests/SFNCostKitTests/Support/Fixtures.swift).
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The vendored real-world corpus (Tests/Corpus: its MANIFEST.tsv names each file's source,
    /// commit and licence). Tests read nothing outside the repository.
    static func corpus(_ relative: String) -> String {
        (repoRoot as NSString).appendingPathComponent("Tests/Corpus/" + relative)
    }

    static func path(_ relative: String) -> String {
        (repoRoot as NSString).appendingPathComponent(relative)
    }

    /// Parses an inline definition (JSON or YAML); fails the test with the diagnostics if invalid.
    static func machine(_ text: String, file: String = "test.asl.json") throws -> StateMachine {
        let root = try SourceDocument.parse(text, file: file)
        return try DefinitionDecoder.decode(root).0
    }

    static func profile(_ text: String, file: String = "usage.yml") throws -> UsageProfile {
        try ProfileLoader.decode(try SourceDocument.parse(text, file: file), file: file).0
    }

    /// Analyses an inline definition with an inline profile.
    static func analyze(_ definition: String, name: String = "test", profile: String? = nil,
                        definitionBytes: Int = 1000) throws -> MachineAnalysis {
        let machine = try machine(definition)
        let usage = try profile.map { try self.profile($0) } ?? UsageProfile()
        return MachineAnalyzer.analyze(machine, name: name, definitionBytes: definitionBytes, profile: usage)
    }
}
