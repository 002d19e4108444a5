import Foundation
import Testing
@testable import SFNCostKit

/// Terraform as users write it (issue 8, item 4): locals in another file of the module, `count` and
/// `for_each`, `.tf.json`, local modules (called three times, one with `create = false`; nested; with
/// `for_each`), remote modules named in a note, and a module's own directory reached by the scan.
/// Fixtures: Tests/SFNCostKitTests/Fixtures/terraform (written for these tests). Every expected count
/// is derived by hand from the fixture, in the comments.
@Suite struct TerraformLayoutTests {
    static func fixture(_ relative: String) -> String {
        Fixtures.path("Tests/SFNCostKitTests/Fixtures/terraform/" + relative)
    }

    static func transitions(_ source: MachineSource) -> Double {
        MachineAnalyzer.analyze(source.machine, name: source.name, definitionBytes: source.definitionBytes,
                                profile: UsageProfile()).expected.transitions
    }

    // MARK: - Locals

    /// main.tf declares 3 machines; each definition is a local of locals.tf: a `jsonencode`, a `<<-`
    /// heredoc and a `templatefile`.
    @Test func localsInAnotherFileOfTheModule() throws {
        let main = Self.fixture("locals-across-files/main.tf")
        let extraction = TerraformExtractor.machines(path: main)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        #expect(extraction.machines.map(\.name) == ["etl", "nightly-report", "ingest"])
        #expect(extraction.machines.map(\.declaration) == ["aws_sfn_state_machine.etl", "aws_sfn_state_machine.report",
                                                           "aws_sfn_state_machine.ingest"])
        #expect(extraction.machines.allSatisfy { $0.declaringFile == main })

        let etl = extraction.machines[0]
        // Extract (Task) → Transform (Pass) → Done (Succeed): three states entered, no retry → 3.
        #expect(Self.transitions(etl) == 3)
        #expect(etl.declaredType == .standard)
        // Located where the local writes it: the `{` of `jsonencode({` on locals.tf line 6.
        #expect(etl.machine.location.file == Self.fixture("locals-across-files/locals.tf"))
        #expect(etl.machine.location.line == 6)
        #expect(etl.referencedFiles.isEmpty)

        let report = extraction.machines[1]
        // `type = local.report_type`, which is upper("express").
        #expect(report.declaredType == .express)
        // The heredoc starts on line 19; its body's `{` is line 20, indented 4 (stripped by `<<-`, added back).
        #expect(report.machine.location == SourceLocation(file: Self.fixture("locals-across-files/locals.tf"), line: 20, column: 5))
        #expect(Self.transitions(report) == 1)

        let ingest = extraction.machines[2]
        let template = Self.fixture("locals-across-files/definitions/ingest.asl.json")
        #expect(ingest.machine.location.file == template)
        #expect(ingest.referencedFiles == [URL(fileURLWithPath: template).standardizedFileURL.path])

        // locals.tf declares nothing: a note, no machine.
        let locals = TerraformExtractor.machines(path: Self.fixture("locals-across-files/locals.tf"))
        #expect(locals.machines.isEmpty && locals.failures.isEmpty)
        #expect(locals.diagnostics.map(\.code) == ["Terraform.NoStateMachine"])
    }

    /// `jsonencode(jsondecode(file(…)))` through a local, and `jsonencode(yamldecode(<<EOT … EOT))`:
    /// the file's and the heredoc's definitions, located where they are written.
    @Test func decodedThenEncodedDefinitions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfdecode-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A (Pass) → B (Succeed): 2 transitions.
        try #"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}"#
            .write(toFile: directory + "/flow.json", atomically: true, encoding: .utf8)
        try """
            locals {
              definition = jsondecode(file("${path.module}/flow.json"))
            }
            resource "aws_sfn_state_machine" "decoded" {
              definition = jsonencode(local.definition)
            }
            resource "aws_sfn_state_machine" "yaml" {
              definition = jsonencode(yamldecode(<<EOT
            StartAt: Only
            States:
              Only: { Type: Succeed }
            EOT
              ))
            }
            """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let extraction = TerraformExtractor.machines(path: directory + "/main.tf")
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        #expect(extraction.machines.map(\.declaration) == ["aws_sfn_state_machine.decoded", "aws_sfn_state_machine.yaml"])
        #expect(extraction.machines.map(Self.transitions) == [2, 1])
        #expect(extraction.machines[0].machine.location.file == directory + "/flow.json")
        // The heredoc body starts on line 9 of main.tf.
        #expect(extraction.machines[1].machine.location.line == 9)
    }

    /// Known numbers fill unquoted placeholders, padded so that columns do not move: a `templatefile`
    /// variable and a variable in a heredoc.
    @Test func knownNumbersFillTemplatePlaceholders() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tffill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let template = """
            {
              "StartAt": "Fan",
              "States": {
                "Fan": { "Type": "Map", "MaxConcurrency": ${concurrency}, "End": true,
                  "ItemProcessor": { "StartAt": "P", "States": { "P": { "Type": "Pass", "Comment": "${label}", "End": true } } } }
              }
            }
            """
        try template.write(toFile: directory + "/fan.asl.json", atomically: true, encoding: .utf8)
        try """
            variable "parallel" { default = 12 }
            resource "aws_sfn_state_machine" "file" {
              definition = templatefile("${path.module}/fan.asl.json", { concurrency = 5, label = "x" })
            }
            resource "aws_sfn_state_machine" "heredoc" {
              definition = <<EOF
            {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "MaxConcurrency": ${var.parallel}, "End": true,
              "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
            EOF
            }
            """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let extraction = TerraformExtractor.machines(path: directory + "/main.tf")
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        func concurrency(_ source: MachineSource) -> Int? {
            guard case .map(let spec)? = source.machine.states.first?.kind else { return nil }
            return spec.maxConcurrency
        }
        #expect(extraction.machines.map(concurrency) == [5, 12])
        // `"End"` after the filled placeholder keeps its column: line 4 is 4 spaces, `"Fan":` (5–10),
        // `{` (12), `"Type":` (14–20), `"Map",` (22–27), `"MaxConcurrency":` (29–45), `${concurrency}`
        // (47–60), `,` (61), so `"End"` starts at column 63, as in the file.
        let root = try SourceDocument.parse(TerraformTemplateText.fill(template) { $0 == "concurrency" ? .number(5) : nil },
                                            file: "fan.asl.json")
        #expect(root["States"]?["Fan"]?.member("End")?.keyLocation == SourceLocation(file: "fan.asl.json", line: 4, column: 63))
        // 200,000 unclosed placeholders: linear, left as written.
        let unclosed = String(repeating: "${", count: 200_000)
        #expect(TerraformTemplateText.fill(unclosed) { _ in .number(1) } == unclosed)
        // A placeholder spanning lines is left, so that no line moves.
        #expect(TerraformTemplateText.fill("{\"n\": ${\n n\n}}") { _ in .number(5) } == "{\"n\": ${\n n\n}}")
        // The string placeholder is left as written.
        #expect(TerraformTemplateText.fill(#""${label}": ${n}"#) { _ in .number(123456) } == #""${label}": ${n}"#)
    }

    @Test func aLocalThatRefersToItselfEnds() {
        let extraction = TerraformExtractor.machines(path: "main.tf", text: """
            locals {
              a = local.b
              b = local.a
            }
            resource "aws_sfn_state_machine" "sm" {
              count      = local.a
              definition = local.a
            }
            """)
        // Both unknown: no machine, and so no "counted as one" warning, only why the definition is not read.
        #expect(extraction.machines.isEmpty)
        #expect(extraction.diagnostics.map(\.code) == ["Terraform.UnsupportedDefinition"])
    }

    // MARK: - count and for_each

    /// counted: var.copies = 2 → [0], [1]; optional: var.create (true) ? 1 : 0 → [0]; legacy: 0;
    /// per_job: toset(["report", "etl", "etl"]) → "etl", "report" (a set, ordered by key); per_size: a map
    /// → "big", "small"; per_queue: count from a data source → counted as 1, with a warning.
    /// 2 + 1 + 0 + 2 + 2 + 1 = 8 machines.
    @Test func countAndForEachMakeOneMachinePerCopy() throws {
        let extraction = TerraformExtractor.machines(path: Self.fixture("count-for-each/main.tf"))
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        #expect(extraction.machines.map(\.declaration) == [
            "aws_sfn_state_machine.counted[0]", "aws_sfn_state_machine.counted[1]",
            "aws_sfn_state_machine.optional[0]",
            #"aws_sfn_state_machine.per_job["etl"]"#, #"aws_sfn_state_machine.per_job["report"]"#,
            #"aws_sfn_state_machine.per_size["big"]"#, #"aws_sfn_state_machine.per_size["small"]"#,
            "aws_sfn_state_machine.per_queue",
        ])
        #expect(extraction.machines.map(\.name) == ["counted-0", "counted-1", "optional", "job-etl", "job-report",
                                                    "size-big", "size-small", "aws_sfn_state_machine.per_queue"])
        // `type = upper(each.value)`: big = "standard", small = "express".
        #expect(extraction.machines[5].declaredType == .standard)
        #expect(extraction.machines[6].declaredType == .express)
        let unknown = try #require(extraction.diagnostics.first { $0.code == "Terraform.UnknownCount" })
        #expect(unknown.severity == .warning)
        #expect(unknown.location == SourceLocation(file: Self.fixture("count-for-each/main.tf"), line: 53, column: 1))
        #expect(unknown.message.contains("aws_sfn_state_machine.per_queue") && unknown.message.contains("executions"))
    }

    /// The root's variables from terraform.tfvars, then *.auto.tfvars(.json), a later file winning:
    /// copies = 3, then 2 → 2 machines; prefix = "prod" from terraform.tfvars.
    @Test func variablesFromTfvarsFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfvars-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            variable "copies" {}
            variable "prefix" {}
            resource "aws_sfn_state_machine" "m" {
              count      = var.copies
              name       = "${var.prefix}-${count.index}"
              definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
            }
            """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        try "copies = 3\nprefix = \"prod\"\n".write(toFile: directory + "/terraform.tfvars", atomically: true, encoding: .utf8)
        try #"{"copies": 2}"#.write(toFile: directory + "/fewer.auto.tfvars.json", atomically: true, encoding: .utf8)
        let extraction = TerraformExtractor.machines(path: directory + "/main.tf")
        #expect(extraction.machines.map(\.name) == ["prod-0", "prod-1"])
    }

    @Test func countThatIsNotAWholeNumberIsUnknown() {
        for count in ["1.5", "-1", "\"x\"", "99999999999999999999999999"] {
            let extraction = TerraformExtractor.machines(path: "main.tf", text: """
                resource "aws_sfn_state_machine" "sm" {
                  count      = \(count)
                  definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
                }
                """)
            // A huge count is capped at 1,000 copies (with a warning); the others count as one.
            let expected = count.count > 20 ? TerraformRepetitions.maximum : 1
            #expect(extraction.machines.count == expected, "count = \(count)")
            #expect(!extraction.diagnostics.isEmpty)
        }
    }

    // MARK: - .tf.json

    /// greeter: `"count": "${var.replicas}"` with default 2 → greeter[0], greeter[1]; encoded: one.
    @Test func terraformJSONSyntax() throws {
        let path = Self.fixture("tf-json/main.tf.json")
        let extraction = TerraformExtractor.machines(path: path)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        #expect(extraction.machines.map(\.declaration) == ["aws_sfn_state_machine.greeter[0]", "aws_sfn_state_machine.greeter[1]",
                                                           "aws_sfn_state_machine.encoded"])
        #expect(extraction.machines.map(\.name) == ["greeter-0", "greeter-1", "encoded"])
        #expect(extraction.machines.map(\.declaredType) == [.standard, .standard, .express])
        // Hello (Pass) → World (Succeed): 2; Wait → Done: 2.
        #expect(extraction.machines.map(Self.transitions) == [2, 2, 2])
        // The definition is the local's string, on line 3.
        #expect(extraction.machines[0].machine.location.line == 3)

        // The directory walk sends a .tf.json file to the Terraform reader.
        let collected = InputCollector.collect([Self.fixture("tf-json")])
        #expect(collected.failures.isEmpty)
        #expect(collected.machines.map(\.name) == ["greeter-0", "greeter-1", "encoded"])
    }

    /// A `.tf.json` that is not valid JSON fails when it declares a state machine (located), and is a
    /// note otherwise.
    @Test func brokenTerraformJSON() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfjson-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try #"{"resource": {"aws_sfn_state_machine": {"x": {"definition": "{}"}}"#
            .write(toFile: directory + "/sfn.tf.json", atomically: true, encoding: .utf8)
        try #"{"output": {"x": {"value": 1}},"#.write(toFile: directory + "/outputs.tf.json", atomically: true, encoding: .utf8)
        let broken = TerraformExtractor.machines(path: directory + "/sfn.tf.json")
        let error = try #require(broken.failures.first?.diagnostics.first)
        #expect(error.location?.file == directory + "/sfn.tf.json" && error.location?.line == 1)
        let other = TerraformExtractor.machines(path: directory + "/outputs.tf.json")
        #expect(other.failures.isEmpty && other.machines.isEmpty)
        #expect(other.diagnostics.first?.severity == .note)
    }

    // MARK: - Local modules

    /// live/main.tf calls components/sfn three times (etl, report, archive with create = false) and a
    /// registry module: 2 machines, and a note naming the registry module.
    @Test func aModuleCalledThreeTimesOnceDisabled() throws {
        let main = Self.fixture("modules/live/main.tf")
        let extraction = TerraformExtractor.machines(path: main)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        #expect(extraction.machines.map(\.declaration) == ["module.etl.aws_sfn_state_machine.this[0]",
                                                           "module.report.aws_sfn_state_machine.this[0]"])
        #expect(extraction.machines.map(\.name) == ["etl", "report"])
        #expect(extraction.machines.map(\.declaredType) == [.standard, .express])
        // The resource is in the module; the machine is declared by the call in live/main.tf.
        #expect(extraction.machines.allSatisfy { $0.declaringFile == main })
        // Start (Pass) → Work (Task) → Done (Succeed) = 3; Render (Pass, End) = 1.
        #expect(extraction.machines.map(Self.transitions) == [3, 1])
        // The definition passed as a heredoc is located in the caller, on the line after `<<EOF` (24 → 25).
        #expect(extraction.machines[1].machine.location == SourceLocation(file: main, line: 25, column: 1))
        let remote = try #require(extraction.diagnostics.first { $0.code == "Terraform.RemoteModule" })
        #expect(remote.message.contains("module.vpc") && remote.message.contains("terraform-aws-modules/vpc/aws"))
        #expect(remote.location?.line == 41)
    }

    /// nested/main.tf: module "pipeline" with for_each over blue/green; pipeline calls sfn once with a
    /// templatefile of its own directory → 2 machines with composed addresses; the git module is a note.
    @Test func nestedModulesComposeAddresses() throws {
        let extraction = TerraformExtractor.machines(path: Self.fixture("modules/nested/main.tf"))
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        #expect(extraction.machines.map(\.declaration) == [
            #"module.pipeline["blue"].module.step.aws_sfn_state_machine.this[0]"#,
            #"module.pipeline["green"].module.step.aws_sfn_state_machine.this[0]"#,
        ])
        #expect(extraction.machines.map(\.name) == ["blue-step", "green-step"])
        let template = URL(fileURLWithPath: Self.fixture("modules/components/pipeline/step.json.tpl")).standardizedFileURL.path
        #expect(extraction.machines.allSatisfy { $0.referencedFiles == [template] })
        #expect(extraction.diagnostics.contains { $0.code == "Terraform.RemoteModule" && $0.message.contains("module.shared") })
    }

    /// Scanning the whole fixture reaches the modules' own directories too. components/sfn read alone:
    /// its definition is var.definition with no value → a note, no machine. components/pipeline read
    /// alone would give module.step (its template needs no variable), but nested/ calls it: dropped,
    /// with a note. Total: etl, report (live) + blue-step, green-step (nested) = 4.
    @Test func aModuleDirectoryReachedByTheScanAddsNoMachine() throws {
        let collected = InputCollector.collect([Self.fixture("modules")])
        #expect(collected.failures.isEmpty, "\(collected.failures)")
        #expect(collected.machines.map(\.name).sorted() == ["blue-step", "etl", "green-step", "report"])
        let called = try #require(collected.diagnostics.first { $0.code == "Terraform.CalledModule" })
        #expect(called.message.contains("module.pipeline") && called.message.contains("module.step.aws_sfn_state_machine.this[0]"))
        #expect(collected.diagnostics.contains { $0.code == "Terraform.ModuleInput" })

        // The module directory named on its own: no machine, and a note that says why.
        let alone = InputCollector.collect([Self.fixture("modules/components/sfn")])
        #expect(alone.machines.isEmpty)
        #expect(alone.diagnostics.contains { $0.code == "Terraform.ModuleInput" && $0.severity == .note })
    }

    /// The module encodes its input (`jsonencode(var.definition)`); the caller passes an HCL object
    /// through a local. The definition is read where the caller writes it (line 2, column 16), its
    /// conditional kept as a placeholder. Read on its own, the module gives no machine, and its
    /// unknown count (`local.enabled` from a registry module) is not reported for a machine it lacks.
    @Test func aModuleThatEncodesItsInputObject() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfenc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/module", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            variable "definition" { type = any }
            module "label" { source = "cloudposse/label/null" }
            locals { enabled = module.label.enabled }
            resource "aws_sfn_state_machine" "default" {
              count      = local.enabled ? 1 : 0
              definition = jsonencode(var.definition)
            }
            """.write(toFile: directory + "/module/main.tf", atomically: true, encoding: .utf8)
        try """
            locals {
              definition = {
                StartAt = "Send"
                States = {
                  Send = {
                    Type       = "Task"
                    Resource   = "arn:aws:states:::sqs:sendMessage"
                    Parameters = { QueueUrl = var.on ? aws_sqs_queue.q[0].url : "" }
                    Next       = "Done"
                  }
                  Done = { Type = "Succeed" }
                }
              }
            }
            module "flow" {
              source     = "./module"
              definition = local.definition
            }
            """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let extraction = TerraformExtractor.machines(path: directory + "/main.tf")
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        let machine = try #require(extraction.machines.first)
        #expect(extraction.machines.count == 1)
        #expect(machine.declaration == "module.flow.aws_sfn_state_machine.default")
        #expect(machine.machine.location == SourceLocation(file: directory + "/main.tf", line: 2, column: 16))
        // Send (Task) → Done (Succeed): 2 transitions.
        #expect(Self.transitions(machine) == 2)
        // Counted as one copy, with the warning.
        #expect(extraction.diagnostics.contains { $0.code == "Terraform.UnknownCount" })

        let alone = TerraformExtractor.machines(path: directory + "/module/main.tf")
        #expect(alone.machines.isEmpty && alone.failures.isEmpty)
        #expect(alone.diagnostics.map(\.code).contains("Terraform.ModuleInput"))
        #expect(!alone.diagnostics.map(\.code).contains("Terraform.UnknownCount"))
    }

    @Test func countOnAModuleAndAModuleThatCallsItself() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfmod-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/child", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            variable "definition" {}
            resource "aws_sfn_state_machine" "m" { definition = var.definition }
            module "again" {
              source     = "./"
              definition = var.definition
            }
            """.write(toFile: directory + "/child/main.tf", atomically: true, encoding: .utf8)
        try """
            module "copies" {
              source     = "./child"
              count      = 3
              definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
            }
            """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let extraction = TerraformExtractor.machines(path: directory + "/main.tf")
        // count = 3 on the module → 3 copies of its one resource; its call to itself is refused.
        #expect(extraction.machines.map(\.declaration) == ["module.copies[0].aws_sfn_state_machine.m",
                                                           "module.copies[1].aws_sfn_state_machine.m",
                                                           "module.copies[2].aws_sfn_state_machine.m"])
        #expect(extraction.diagnostics.filter { $0.code == "Terraform.ModuleCycle" }.count == 3)
    }

    /// A registry module that `terraform init` has downloaded is read from .terraform/modules (listed
    /// in modules.json); nothing is fetched. The scan itself does not enter .terraform/: one machine.
    @Test func aRegistryModuleDownloadedByTerraformInit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfinit-\(UUID().uuidString)").path
        let downloaded = directory + "/.terraform/modules/sfn"
        try FileManager.default.createDirectory(atPath: downloaded, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            {"Modules":[{"Key":"","Source":"","Dir":"."},
              {"Key":"sfn","Source":"registry.terraform.io/example/step-functions/aws","Version":"1.0.0","Dir":".terraform/modules/sfn"}]}
            """.write(toFile: directory + "/.terraform/modules/modules.json", atomically: true, encoding: .utf8)
        try """
            variable "definition" { type = string }
            variable "create" { default = true }
            resource "aws_sfn_state_machine" "this" {
              count      = var.create ? 1 : 0
              definition = var.definition
            }
            """.write(toFile: downloaded + "/main.tf", atomically: true, encoding: .utf8)
        try """
            module "sfn" {
              source     = "example/step-functions/aws"
              version    = "1.0.0"
              definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
            }
            module "other" {
              source = "example/other/aws"
            }
            """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let collected = InputCollector.collect([directory])
        #expect(collected.failures.isEmpty, "\(collected.failures)")
        #expect(collected.machines.map(\.declaration) == ["module.sfn.aws_sfn_state_machine.this[0]"])
        #expect(collected.diagnostics.contains { $0.code == "Terraform.InitializedModule" && $0.message.contains("module.sfn") })
        // Not downloaded: named, not read.
        #expect(collected.diagnostics.contains { $0.code == "Terraform.RemoteModule" && $0.message.contains("module.other") })
    }

    @Test func aMissingLocalModuleIsAWarning() {
        let extraction = TerraformExtractor.machines(path: "/nonexistent-sfncost/main.tf", text: """
            module "gone" { source = "./modules/gone" }
            """)
        #expect(extraction.machines.isEmpty && extraction.failures.isEmpty)
        #expect(extraction.diagnostics.contains { $0.code == "Terraform.ModuleNotFound" && $0.message.contains("module.gone") })
    }

    // MARK: - Hostile input

    /// Locals that double at each step (2⁶⁰ evaluations without a cache), a chain longer than the
    /// depth budget, and deep parentheses: each ends quickly, with unknown values, never a crash.
    @Test func pathologicalExpressionsEnd() {
        var locals = (0..<60).map { "  l\($0) = [local.l\($0 + 1), local.l\($0 + 1)]" }
        locals.append("  l60 = 1")
        locals += (0..<300).map { "  c\($0) = local.c\($0 + 1)" }
        locals.append("  c300 = 2")
        let parentheses = String(repeating: "(", count: 100) + "local.c0" + String(repeating: ")", count: 100)
        let text = """
            locals {
            \(locals.joined(separator: "\n"))
            }
            resource "aws_sfn_state_machine" "sm" {
              count      = length(local.l0) + \(parentheses)
              definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
            }
            """
        let extraction = TerraformExtractor.machines(path: "main.tf", text: text)
        // The chain of 300 locals exceeds the budget: the count is unknown and counts as one.
        #expect(extraction.machines.count == 1)
        #expect(extraction.diagnostics.contains { $0.code == "Terraform.UnknownCount" })
    }

    /// 200 × 200 × 200 copies through nested modules: stops at the copy limit with a warning.
    @Test func copiesThatMultiplyAreCapped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfcap-\(UUID().uuidString)").path
        for name in ["m1", "m2"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + name, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "module \"m\" {\n  source = \"./m1\"\n  count  = 200\n}\n".write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        try "module \"m\" {\n  source = \"../m2\"\n  count  = 200\n}\n".write(toFile: directory + "/m1/main.tf", atomically: true, encoding: .utf8)
        try """
            resource "aws_sfn_state_machine" "x" {
              count      = 200
              definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
            }
            """.write(toFile: directory + "/m2/main.tf", atomically: true, encoding: .utf8)
        let extraction = TerraformExtractor.machines(path: directory + "/main.tf")
        #expect(extraction.machines.count <= TerraformWalk.maximumCopies)
        #expect(extraction.diagnostics.contains { $0.code == "Terraform.TooManyCopies" })
    }

    /// A directory read once is kept for the next file of it, but a changed file is read again.
    @Test func aChangedFileIsReadAgain() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-tfcache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func write(_ copies: Int) throws {
            try """
                resource "aws_sfn_state_machine" "m" {
                  count      = local.copies
                  definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
                }
                """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
            try "locals {\n  copies = \(copies)\n}\n".write(toFile: directory + "/locals.tf", atomically: true, encoding: .utf8)
        }
        try write(2)
        #expect(TerraformExtractor.machines(path: directory + "/main.tf").machines.count == 2)
        try write(13)
        #expect(TerraformExtractor.machines(path: directory + "/main.tf").machines.count == 13)
    }
}
