import Foundation
import Testing
@testable import SFNCostKit

/// `.tf` files: `jsonencode`, heredocs, `templatefile`/`file`, computed definitions, names and types,
/// and located errors for what cannot be read.
@Suite struct TerraformExtractorTests {
    static func extract(_ text: String, path: String = "main.tf") -> TerraformExtractor.Extraction {
        TerraformExtractor.machines(path: path, text: text)
    }

    /// A name made of an interpolation that is no expression once trapped the whole process (exit 132
    /// on `"${~}"`: an operator with nothing after it read past the end). Each of these is not a name
    /// Terraform accepts, so the machine keeps its resource address; none may trap.
    @Test func brokenInterpolationsInANameNeverTrap() throws {
        for expression in ["~", "", "!", "-", "~x", "!!", "(", "[", "{", "\"", "a.", "f(", "x ?", "1 +"] {
            let text = """
                resource "aws_sfn_state_machine" "m" {
                  name = "${\(expression)}"
                  definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
                }
                """
            let extraction = Self.extract(text)
            // Reported, not dropped: the machine, or a located failure.
            #expect(extraction.machines.count + extraction.failures.count >= 1, "\(expression)")
        }
        // `~` alone: the name cannot be known, so the machine goes by its address.
        let tilde = Self.extract("resource \"aws_sfn_state_machine\" \"m\" {\n  name = \"${~}\"\n  definition = jsonencode({ StartAt = \"A\", States = { A = { Type = \"Succeed\" } } })\n}\n")
        #expect(tilde.machines.map(\.name) == ["aws_sfn_state_machine.m"])
    }

    // MARK: - jsonencode

    @Test func jsonencodeLocatesEveryNodeInTheTfFile() throws {
        let marked = MarkedText("""
            # a comment
            resource "aws_sfn_state_machine" "sm" {
              name     = "orders"   // trailing comment
              role_arn = aws_iam_role.x.arn
              type     = "express"
              definition = jsonencode({
                Comment = "c", /* inline */ StartAt = "First"
                States = {
                  1️⃣"First" = {
                    Type     = "Task"
                    Resource = 2️⃣aws_lambda_function.work.arn
                    Retry    = [{ ErrorEquals = ["States.ALL"], MaxAttempts = 3️⃣2 }]
                    Next     = "Done"
                  }
                  4️⃣Done: { "Type": "Succeed" }
                }
              })
            }
            """, file: "main.tf")
        let extraction = Self.extract(marked.text)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        let source = try #require(extraction.machines.first)
        #expect(source.name == "orders")
        #expect(source.declaredType == .express)
        #expect(source.machine.startAt == "First")

        let root = try #require(try Self.definitionRoot(marked.text))
        let states = try #require(root["States"])
        #expect(states.member("First")?.keyLocation == marked["1️⃣"])
        #expect(states.member("Done")?.keyLocation == marked["4️⃣"])
        let first = try #require(states["First"])
        #expect(first["Resource"]?.string == "${aws_lambda_function.work.arn}")
        #expect(first["Resource"]?.location == marked["2️⃣"])
        let attempts = try #require(first["Retry"]?.elements?.first?["MaxAttempts"])
        #expect(attempts.integer == 2)
        #expect(attempts.location == marked["3️⃣"])
    }

    /// Parses the `jsonencode(...)` argument of the first `definition` in `text`.
    static func definitionRoot(_ text: String) throws -> SourceNode? {
        var reader = HCLReader(text: text, file: "main.tf")
        for case .block(let block) in try reader.fileBody() {
            guard let definition = block.attribute("definition") else { continue }
            reader.offset = definition.valueStart
            _ = reader.identifier()  // jsonencode
            reader.offset += 1       // (
            return try reader.value(depth: 0, inObject: false)
        }
        return nil
    }

    @Test func templateStringsAndEscapes() throws {
        let text = #"""
            resource "aws_sfn_state_machine" "sm" {
              definition = jsonencode({
                StartAt = "A"
                States = {
                  A = {
                    Type = "Pass"
                    Result = { arn = "arn:${data.aws_partition.current.partition}:states", esc = "a\"b\\c\u0041", lit = "$${x}", n = -1.5e3, f = false, z = null, c = var.on ? "x" : "y" }
                    End = true
                  }
                }
              })
            }
            """#
        let extraction = Self.extract(text)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        let root = try #require(try Self.definitionRoot(text))
        let result = try #require(root["States"]?["A"]?["Result"])
        #expect(result["arn"]?.string == "arn:${data.aws_partition.current.partition}:states")
        #expect(result["esc"]?.string == "a\"b\\cA")
        #expect(result["lit"]?.string == "${x}")
        #expect(result["n"]?.double == -1500)
        #expect(result["f"]?.bool == false)
        #expect(result["z"]?.isNull == true)
        #expect(result["c"]?.string == #"${var.on ? "x" : "y"}"#)
    }

    @Test func blockCommentsAndQuotedInterpolations() throws {
        let text = #"""
            resource "aws_sfn_state_machine" "sm" {
              definition = jsonencode({
                StartAt = "A" /* a comment
                that spans lines */ States = {
                  A = { Type = "Pass", Comment = "${join(",", ["a", "}"])}", End = true }
                }
              })
            }
            """#
        let extraction = Self.extract(text)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        let root = try #require(try Self.definitionRoot(text))
        #expect(root["States"]?["A"]?["Comment"]?.string == #"${join(",", ["a", "}"])}"#)
        #expect(root.member("States")?.keyLocation == SourceLocation(file: "main.tf", line: 4, column: 25))
    }

    @Test func jsonencodeOfAVariableIsSkippedWithAWarning() {
        let extraction = Self.extract("""
            resource "aws_sfn_state_machine" "sm" {
              definition = jsonencode(local.definition)
            }
            """)
        #expect(extraction.machines.isEmpty)
        #expect(extraction.failures.isEmpty)
        #expect(extraction.diagnostics.first?.code == "Terraform.ComputedDefinition")
        #expect(extraction.diagnostics.first?.location == SourceLocation(file: "main.tf", line: 2, column: 16))
    }

    // MARK: - Heredocs

    @Test func heredocMapsLinesIntoTheTfFile() throws {
        // The body's line 1 is file line 4; columns are unchanged.
        let text = """
            resource "aws_sfn_state_machine" "sm" {
              name = "${var.prefix}-sm"

              definition = <<EOF
            {
              "StartAt": "Hello",
              "States": {
                "Hello": { "Type": "Pass", "Result": ${var.payload}, "End": true }
              }
            }
            EOF
            }
            """
        let extraction = Self.extract(text)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        let source = try #require(extraction.machines.first)
        #expect(source.name == "aws_sfn_state_machine.sm")
        #expect(source.declaredType == .standard)
        let embedded = try Self.heredocRoot(text)
        let hello = try #require(embedded["States"]?.member("Hello"))
        #expect(hello.keyLocation == SourceLocation(file: "main.tf", line: 8, column: 5))
        // An unquoted placeholder becomes a string, located where it is written.
        let result = try #require(hello.value["Result"])
        #expect(result.string == "${var.payload}")
        #expect(result.location == SourceLocation(file: "main.tf", line: 8, column: 42))
        // Columns after the placeholder on the same line are not shifted by the inserted quotes.
        #expect(hello.value.member("End")?.keyLocation == SourceLocation(file: "main.tf", line: 8, column: 58))
    }

    @Test func indentedHeredocShiftsColumnsBack() throws {
        let text = """
            resource "aws_sfn_state_machine" "sm" {
              definition = <<-JSON
                {
                  "StartAt": "A",
                  "States": { "A": { "Type": "Succeed" } }
                }
                JSON
            }
            """
        let extraction = Self.extract(text)
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        #expect(extraction.machines.count == 1)
        let root = try Self.heredocRoot(text)
        #expect(root.location == SourceLocation(file: "main.tf", line: 3, column: 5))
        #expect(root.member("StartAt")?.keyLocation == SourceLocation(file: "main.tf", line: 4, column: 7))
        #expect(root["States"]?.member("A")?.keyLocation == SourceLocation(file: "main.tf", line: 5, column: 19))
    }

    /// Parses the first heredoc `definition` as the extractor does.
    static func heredocRoot(_ text: String) throws -> SourceNode {
        var reader = HCLReader(text: text, file: "main.tf")
        for case .block(let block) in try reader.fileBody() {
            guard let definition = block.attribute("definition") else { continue }
            reader.offset = definition.valueStart
            let heredoc = try reader.heredoc()
            var embedded = EmbeddedSource(
                placement: .block(firstLine: heredoc.firstLine, indent: heredoc.strippedIndent), quotesPlaceholders: true)
            return try embedded.parse(heredoc.text, file: "main.tf")
        }
        throw InputError("Test", "no definition", at: nil)
    }

    @Test func invalidJSONInAHeredocIsLocatedInTheTfFile() throws {
        let extraction = Self.extract("""
            resource "aws_sfn_state_machine" "sm" {
              definition = <<EOF
            {
              "StartAt": "A",
              "States": { "A": { "Type": "Succeed" } ]
            }
            EOF
            }
            """)
        #expect(extraction.machines.isEmpty)
        let diagnostic = try #require(extraction.failures.first?.diagnostics.first)
        #expect(diagnostic.location?.file == "main.tf")
        #expect(diagnostic.location?.line == 5)
    }

    @Test func invalidASLIsAFailureLocatedAtTheState() throws {
        let marked = MarkedText("""
            resource "aws_sfn_state_machine" "sm" {
              definition = jsonencode({
                StartAt = "A"
                States = { A = 1️⃣{ Type = "Task", Resource = "arn:aws:states:::lambda:invoke", Next = "Nowhere" } }
              })
            }
            """, file: "main.tf")
        let extraction = Self.extract(marked.text)
        #expect(extraction.machines.isEmpty)
        let diagnostics = try #require(extraction.failures.first?.diagnostics)
        #expect(diagnostics.allSatisfy { $0.location?.file == "main.tf" && $0.location?.line == 4 })
    }

    // MARK: - Files

    @Test func templatefileReadsTheFileBesideTheModule() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sfncost-tf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/statemachine", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let template = """
            {
              "StartAt": "Invoke",
              "States": {
                "Invoke": { "Type": "Task", "Resource": "${function_arn}", "MaxConcurrency": 1, "End": true }
              }
            }
            """
        try template.write(toFile: directory + "/statemachine/sm.asl.json", atomically: true, encoding: .utf8)
        let tf = """
            resource "aws_sfn_state_machine" "sm" {
              name       = "templated"
              type       = "EXPRESS"
              definition = templatefile("${path.module}/statemachine/sm.asl.json", {
                function_arn = aws_lambda_function.f.arn
              })
            }
            resource "aws_sfn_state_machine" "missing" {
              definition = file("${path.module}/statemachine/missing.asl.json")
            }
            """
        let extraction = Self.extract(tf, path: directory + "/main.tf")
        #expect(extraction.failures.isEmpty, "\(extraction.failures)")
        let source = try #require(extraction.machines.first)
        #expect(extraction.machines.count == 1)
        #expect(source.name == "templated")
        #expect(source.declaredType == .express)
        // Warnings from the template point into the template (MaxConcurrency is not a Task field).
        let warning = try #require(source.diagnostics.first)
        #expect(warning.location?.file == directory + "/statemachine/sm.asl.json")
        #expect(warning.location?.line == 4)
        let missing = try #require(extraction.diagnostics.first { $0.code == "Terraform.DefinitionFileNotFound" })
        #expect(missing.severity == .warning)
        #expect(missing.message.contains("aws_sfn_state_machine.missing"))
        #expect(missing.location == SourceLocation(file: directory + "/main.tf", line: 9, column: 21))
    }

    @Test func dataSourceDefinitionIsSkippedWithAWarning() {
        let extraction = Self.extract("""
            resource "aws_sfn_state_machine" "sm" {
              name       = var.name
              definition = data.template_file.definition.rendered
            }
            """)
        #expect(extraction.machines.isEmpty)
        #expect(extraction.failures.isEmpty)
        let warning = extraction.diagnostics.first
        #expect(warning?.code == "Terraform.ComputedDefinition")
        #expect(warning?.message.contains("terraform show -json") == true)
        #expect(warning?.location == SourceLocation(file: "main.tf", line: 3, column: 16))
    }

    // MARK: - Malformed input

    /// A malformed input, named for test output (some texts are thousands of characters long).
    struct Malformed: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var testDescription: String { label }
        init(_ label: String, _ body: String) {
            self.label = label
            text = "resource \"aws_sfn_state_machine\" \"sm\" {\n  definition = \(body)\n}\n"
        }
    }

    static let malformed: [Malformed] = [
        Malformed("unclosed object", "jsonencode({ StartAt = \"A\"\n"),
        Malformed("unclosed heredoc", "<<EOF\n{}\n"),
        Malformed("unterminated string", "jsonencode({ a = \"unterminated })"),
        Malformed("duplicate key", "jsonencode({ A = 1, A = 2 })"),
        Malformed("5000 nested lists", "jsonencode(\(String(repeating: "[", count: 5000)))"),
        Malformed("3000 nested objects", "jsonencode(\(String(repeating: "{a=", count: 3000)))"),
        Malformed("unclosed interpolation", "\"${\""),
        Malformed("bad unicode escape", "jsonencode({ \"x\\u12\" = 1 })"),
        Malformed("NUL byte", "jsonencode({ a = \u{0} })"),
        Malformed("JSON string that is no ASL", "\"[1, 2]\""),
        Malformed("heredoc with YAML garbage", "<<EOF\n{ \"StartAt\": [ }\nEOF"),
    ]

    @Test(arguments: malformed)
    func malformedInputIsALocatedFailure(_ malformed: Malformed) throws {
        let text = malformed.text
        let extraction = Self.extract(text)
        #expect(extraction.machines.isEmpty)
        let diagnostic = try #require(extraction.failures.first?.diagnostics.first)
        #expect(diagnostic.severity == .error)
        let location = try #require(diagnostic.location)
        #expect(location.file == "main.tf" && location.line >= 1 && location.column >= 1)
    }

    @Test func aFileWithoutStateMachinesExplainsItself() {
        let extraction = Self.extract("""
            output "arn" { value = aws_sfn_state_machine.sm.arn }
            variable "x" {
              type = string
              default = <<-EOT
                text
                EOT
            }
            """)
        #expect(extraction.machines.isEmpty && extraction.failures.isEmpty)
        #expect(extraction.diagnostics.map(\.code) == ["Terraform.NoStateMachine"])
    }

    @Test func collectorRoutesTfFiles() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sfncost-tf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            resource "aws_sfn_state_machine" "sm" {
              definition = jsonencode({ StartAt = "A", States = { A = { Type = "Succeed" } } })
            }
            """.write(toFile: directory + "/main.tf", atomically: true, encoding: .utf8)
        let collected = InputCollector.collect([directory])
        #expect(collected.failures.isEmpty)
        #expect(collected.machines.map(\.name) == ["aws_sfn_state_machine.sm"])
    }
}
