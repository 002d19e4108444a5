import Foundation
import Testing
@testable import SFNCostKit

/// Every `.tf` file in Tests/Corpus/terraform is read without a crash, a trap or a hang, and
/// either yields machines or says why not.
@Suite struct TerraformCorpusTests {
    static let directory = Fixtures.corpus("terraform")
    static let aslDirectory = Fixtures.corpus("asl")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".tf") }.sorted()
    }()

    static func extract(_ name: String) -> TerraformExtractor.Extraction {
        TerraformExtractor.machines(path: (directory as NSString).appendingPathComponent(name))
    }

    /// Why a file yields no machine: the diagnostic code it must carry instead.
    static let explained: Set<String> = ["Terraform.DefinitionFileNotFound", "Terraform.ComputedDefinition",
                                         "Terraform.NoStateMachine"]

    @Test(arguments: files)
    func readsWithoutCrashAndExplainsEmptyResults(_ name: String) {
        let extraction = Self.extract(name)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        if extraction.machines.isEmpty {
            #expect(extraction.diagnostics.contains { Self.explained.contains($0.code) }, "\(extraction.diagnostics)")
        }
        for diagnostic in extraction.diagnostics {
            #expect((diagnostic.location?.line ?? 0) >= 1)
        }
        for source in extraction.machines {
            let analysis = MachineAnalyzer.analyze(source.machine, name: source.name,
                                                   definitionBytes: source.definitionBytes, profile: UsageProfile())
            #expect(analysis.name == source.name)
        }
    }

    /// The corpus, file by file (README: 41 files of kind `terraform`; the copies are flattened, so
    /// files that `templatefile`/`file` refer to are missing beside them):
    /// - 11 files hold their definitions inline → 13 machines: 12 heredocs (3 in the monte-carlo
    ///   module, one each in 9 others) and 1 `jsonencode` (sfn-tasktoken-lambda);
    /// - 15 use `templatefile`/`file` of a path that is not there → 15 warnings, no machine;
    /// - 7 use `data.template_file….rendered` → 7 "comes from a variable" warnings;
    /// - 8 (outputs, and module callers) declare no `aws_sfn_state_machine` → 8 notes.
    /// 11 + 15 + 7 + 8 = 41 files; 13 + 15 + 7 = 35 resources.
    @Test func corpusCounts() {
        #expect(Self.files.count == 41)
        let extractions = Self.files.map(Self.extract)
        let diagnostics = extractions.flatMap(\.diagnostics)
        func count(_ code: String) -> Int { diagnostics.filter { $0.code == code }.count }
        #expect(extractions.flatMap(\.machines).count == 13)
        #expect(extractions.filter { !$0.machines.isEmpty }.count == 11)
        #expect(count("Terraform.DefinitionFileNotFound") == 15)
        #expect(count("Terraform.ComputedDefinition") == 7)
        #expect(count("Terraform.NoStateMachine") == 8)
        #expect(extractions.allSatisfy { $0.failures.isEmpty })
    }

    @Test func monteCarloHeredocsWithUnquotedPlaceholders() throws {
        let name = "aws-stepfunctions-examples__usecases__distributedmap__monte-carlo-simulation__terraform__shared__modules__stepfunctions__sfn.tf"
        let extraction = Self.extract(name)
        // `name = "${var.prefix}-…"` is not literal: the resource address names the machine.
        #expect(extraction.machines.map(\.name) == ["aws_sfn_state_machine.sfnecsdatageneration",
                                                    "aws_sfn_state_machine.sfnlambdastatemachine",
                                                    "aws_sfn_state_machine.sfnecsstatemachine"])
        let last = try #require(extraction.machines.last)
        // The definition's `{` is on line 576, the line after `definition  = <<EOF` (575).
        #expect(last.machine.location.line == 576)
    }

    /// Every corpus file cut at 25 places (mid-string, mid-heredoc, mid-object…): never a crash or a
    /// hang, and every failure is located.
    @Test(arguments: files)
    func truncatedFilesFailCleanly(_ name: String) throws {
        let path = (Self.directory as NSString).appendingPathComponent(name)
        let scalars = Array(try String(contentsOfFile: path, encoding: .utf8).unicodeScalars)
        for cut in stride(from: 0, to: scalars.count, by: max(1, scalars.count / 25)) {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[..<cut])
            let extraction = TerraformExtractor.machines(path: path, text: String(text))
            for failure in extraction.failures {
                #expect(failure.diagnostics.allSatisfy { ($0.location?.line ?? 0) >= 1 })
            }
        }
    }

    /// The corpus keeps some templates in asl/: put them back beside their .tf (as in the source
    /// repository) and the machine loads, located in the template.
    @Test(arguments: ["serverless-patterns__sfn-manage-batch-job-tf",
                      "serverless-patterns__sfn-manage-container-task-tf",
                      "step-functions-workflows-collection__sfn-start-athena-query-tf"])
    func templatefileWithItsTemplateRestored(_ prefix: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/statemachine", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: Self.directory + "/\(prefix)__main.tf", toPath: directory + "/main.tf")
        try FileManager.default.copyItem(atPath: Self.aslDirectory + "/\(prefix)__statemachine__statemachine.asl.json",
                                         toPath: directory + "/statemachine/statemachine.asl.json")
        let extraction = TerraformExtractor.machines(path: directory + "/main.tf")
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        let source = try #require(extraction.machines.first)
        #expect(source.machine.location.file == directory + "/statemachine/statemachine.asl.json")
    }
}
