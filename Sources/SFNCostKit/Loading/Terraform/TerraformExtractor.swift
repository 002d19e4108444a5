import Foundation

/// Finds the state machines declared in a Terraform `.tf` file: every
/// `resource "aws_sfn_state_machine" "NAME" { … }` and its `definition`.
///
/// Read forms: `jsonencode({ … })` (an HCL object, located exactly in the `.tf` file), a heredoc
/// holding JSON (`<<EOF`, `<<-EOF`), a quoted JSON string, and `templatefile(…)`/`file(…)` of a path
/// relative to the module (`${path.module}`), read where it lies so locations point into it. A
/// definition that Terraform computes (`var.x`, `local.x`, `data.….rendered`) cannot be read here:
/// the resource gets a warning pointing at the plan (`terraform show -json`), which
/// `TerraformPlanReader` reads. Nothing is evaluated and nothing is written.
///
/// Resource reference: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sfn_state_machine
public enum TerraformExtractor {
    /// What one Terraform input yields.
    public struct Extraction: Sendable {
        public var machines: [MachineSource] = []
        /// Warnings and notes: skipped resources, and the machines' own warnings.
        public var diagnostics: [Diagnostic] = []
        /// Resources whose definition is present but unusable (bad JSON, invalid ASL, bad HCL).
        public var failures: [InputError] = []
    }

    static let resourceType = "aws_sfn_state_machine"

    // MARK: - Messages

    static func fromVariable(_ address: String) -> String {
        "\(address): definition comes from a variable; analyse the rendered plan (terraform show -json) instead"
    }
    static func fileNotFound(_ address: String, _ path: String) -> String {
        "\(address): definition file '\(path)' not found; machine skipped"
    }
    static let noStateMachine = "no resource \"aws_sfn_state_machine\" in this file"

    // MARK: - Entry points

    /// Reads the `.tf` file at `path`.
    public static func machines(path: String) -> Extraction {
        switch readText(path) {
        case .success(let text): return machines(path: path, text: text)
        case .failure(let error): return Extraction(failures: [error])
        }
    }

    /// Extracts the machines of a `.tf` file whose text is already read; `path` names it in
    /// locations and anchors relative template paths.
    public static func machines(path: String, text: String) -> Extraction {
        var extraction = Extraction()
        var reader = HCLReader(text: text, file: path)
        let items: [HCLReader.Item]
        do {
            items = try reader.fileBody()
        } catch {
            let diagnostic = Diagnostic(.error, "Terraform.Syntax", "cannot read Terraform file: \(error.message)",
                                        at: reader.location(error.offset))
            // A file with no state machine in it is not worth failing the whole input for.
            if text.contains("\"\(resourceType)\"") {
                extraction.failures.append(InputError([diagnostic]))
            } else {
                var note = diagnostic
                note.severity = .note
                note.message = "skipped: " + diagnostic.message
                extraction.diagnostics.append(note)
            }
            return extraction
        }
        var found = false
        for case .block(let block) in items
        where block.type == "resource" && block.labels.count == 2 && block.labels[0] == resourceType {
            found = true
            resource(block, reader: &reader, into: &extraction)
        }
        if !found {
            extraction.diagnostics.append(Diagnostic(.note, "Terraform.NoStateMachine", noStateMachine,
                                                     at: SourceLocation(file: path, line: 1, column: 1)))
        }
        return extraction
    }

    // MARK: - Resources

    private static func resource(_ block: HCLReader.Block, reader: inout HCLReader, into extraction: inout Extraction) {
        let address = "\(resourceType).\(block.labels[1])"
        let blockLocation = reader.location(block.typeOffset)
        guard let definition = block.attribute("definition") else {
            extraction.diagnostics.append(Diagnostic(.warning, "Terraform.NoDefinition",
                "\(address) has no 'definition' attribute; machine skipped", at: blockLocation))
            return
        }
        let name = literalString(block.attribute("name"), reader: &reader) ?? address
        var diagnostics: [Diagnostic] = []
        let declaredType = workflowType(block.attribute("type"), address: address, reader: &reader, notes: &diagnostics)
        extraction.diagnostics += diagnostics

        let outcome = root(of: definition, address: address, reader: &reader)
        switch outcome {
        case .skipped(let diagnostic):
            extraction.diagnostics.append(diagnostic)
        case .failed(let error):
            extraction.failures.append(error)
        case .root(let root, let bytes):
            do {
                let (machine, warnings) = try DefinitionDecoder.decode(root)
                extraction.machines.append(MachineSource(name: name, machine: machine, definitionBytes: bytes,
                                                         declaredType: declaredType, diagnostics: warnings))
                extraction.diagnostics += warnings
            } catch {
                extraction.failures.append(error)
            }
        }
    }

    private enum Outcome {
        case root(SourceNode, bytes: Int)
        case skipped(Diagnostic)
        case failed(InputError)
    }

    /// Classifies the `definition` expression and reads the definition it names.
    private static func root(of attribute: HCLReader.Attribute, address: String, reader: inout HCLReader) -> Outcome {
        let start = attribute.valueStart
        let at = reader.location(start)
        let source = reader.text(start..<attribute.valueEnd)
        let file = reader.file
        func syntax(_ failure: HCLReader.Failure) -> Outcome {
            .failed(InputError("Terraform.Syntax", "\(address): \(failure.message)", at: reader.location(failure.offset)))
        }
        reader.offset = start
        do {
            if source.hasPrefix("<<") {
                let heredoc = try reader.heredoc()
                var embedded = EmbeddedSource(
                    placement: .block(firstLine: heredoc.firstLine, indent: heredoc.strippedIndent), quotesPlaceholders: true)
                return parsed(try embedded.parse(heredoc.text, file: file), bytes: heredoc.text.utf8.count, address: address, at: at)
            }
            if source.hasPrefix("\"") {
                let (string, _) = try reader.quotedString(depth: 0)
                var embedded = EmbeddedSource(placement: .fixed(at), quotesPlaceholders: true)
                return parsed(try embedded.parse(string, file: file), bytes: string.utf8.count, address: address, at: at)
            }
            let function = reader.identifier()
            reader.skipTrivia(newlines: false)
            let call = reader.offset < reader.scalars.count && reader.scalars[reader.offset] == "("
            switch (function, call) {
            case ("jsonencode", true):
                reader.offset += 1
                let node = try reader.value(depth: 0, inObject: false)
                reader.skipTrivia(newlines: true)
                guard reader.offset < reader.scalars.count, reader.scalars[reader.offset] == ")" else {
                    return syntax(.init(message: "expected ')' to close jsonencode(", offset: reader.offset))
                }
                guard node.members != nil else {
                    return .skipped(Diagnostic(.warning, "Terraform.ComputedDefinition", fromVariable(address), at: at))
                }
                return parsed(.success(node), bytes: source.utf8.count, address: address, at: at)
            case ("templatefile", true), ("file", true):
                reader.offset += 1
                reader.skipTrivia(newlines: true)
                guard reader.offset < reader.scalars.count, reader.scalars[reader.offset] == "\"" else {
                    return .skipped(Diagnostic(.warning, "Terraform.ComputedPath",
                        "\(address): the definition file's path is computed; analyse the rendered plan (terraform show -json) instead", at: at))
                }
                let pathAt = reader.location(reader.offset)
                let (written, _) = try reader.quotedString(depth: 0)
                return template(written, isTemplate: function == "templatefile", address: address, tfFile: file, at: pathAt)
            case (.some, false) where ["var", "local", "data", "module"].contains(function ?? ""):
                return .skipped(Diagnostic(.warning, "Terraform.ComputedDefinition", fromVariable(address), at: at))
            default:
                return .skipped(Diagnostic(.warning, "Terraform.UnsupportedDefinition",
                    "\(address): definition is an expression sfncost does not evaluate (\(abbreviated(source))); analyse the rendered plan (terraform show -json) instead",
                    at: at))
            }
        } catch let failure as HCLReader.Failure {
            return syntax(failure)
        } catch let error as InputError {
            return .failed(error)
        } catch {
            return .failed(InputError("Terraform.Syntax", "\(address): \(error)", at: at))
        }
    }

    /// A parsed definition that must be an object; a tree that is no ASL is an error at the attribute.
    private static func parsed(_ node: Result<SourceNode, InputError>, bytes: Int, address: String,
                               at: SourceLocation) -> Outcome {
        switch node {
        case .failure(let error): return .failed(error)
        case .success(let root):
            guard DefinitionDecoder.looksLikeDefinition(root) else {
                return .failed(InputError("Terraform.NotADefinition",
                    "\(address): definition is not a state machine: expected an object with 'StartAt' and 'States'", at: root.location))
            }
            return .root(root, bytes: bytes)
        }
    }

    private static func parsed(_ node: SourceNode, bytes: Int, address: String, at: SourceLocation) -> Outcome {
        parsed(.success(node), bytes: bytes, address: address, at: at)
    }

    /// `templatefile(path, vars)` / `file(path)`: read the file next to the module.
    private static func template(_ written: String, isTemplate: Bool, address: String, tfFile: String,
                                 at: SourceLocation) -> Outcome {
        let directory = (tfFile as NSString).deletingLastPathComponent
        var relative = written
        for prefix in ["${path.module}", "${path.root}", "${path.cwd}"] {
            relative = relative.replacingOccurrences(of: prefix, with: ".")
        }
        guard !relative.contains("${") else {
            return .skipped(Diagnostic(.warning, "Terraform.ComputedPath",
                "\(address): the definition file's path '\(written)' depends on a variable; analyse the rendered plan (terraform show -json) instead", at: at))
        }
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        // Kept as the user wrote the .tf path (relative stays relative), so messages match it.
        let path = relative.hasPrefix("/") || directory.isEmpty ? relative
            : (directory as NSString).appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: path) else {
            return .skipped(Diagnostic(.warning, "Terraform.DefinitionFileNotFound", fileNotFound(address, path), at: at))
        }
        switch readText(path) {
        case .failure(let error):
            return .failed(error)
        case .success(let text):
            var embedded = EmbeddedSource(placement: .block(firstLine: 1, indent: 0), quotesPlaceholders: isTemplate)
            do {
                return parsed(try embedded.parse(text, file: path), bytes: text.utf8.count, address: address, at: at)
            } catch {
                return .failed(error)
            }
        }
    }

    // MARK: - Name and type

    /// The attribute's value when it is a plain quoted string (no interpolation).
    private static func literalString(_ attribute: HCLReader.Attribute?, reader: inout HCLReader) -> String? {
        guard let attribute, attribute.valueStart < reader.scalars.count,
              reader.scalars[attribute.valueStart] == "\"" else { return nil }
        reader.offset = attribute.valueStart
        guard let string = try? reader.quotedString(depth: 0), !string.hasTemplate,
              reader.offset == attribute.valueEnd, !string.text.isEmpty else { return nil }
        return string.text
    }

    /// `type = "EXPRESS"` (any case); STANDARD when absent, as in Terraform; nil when computed.
    private static func workflowType(_ attribute: HCLReader.Attribute?, address: String, reader: inout HCLReader,
                                     notes: inout [Diagnostic]) -> WorkflowType? {
        guard let attribute else { return .standard }
        if let text = literalString(attribute, reader: &reader), let type = WorkflowType(rawValue: text.uppercased()) {
            return type
        }
        notes.append(Diagnostic(.note, "Terraform.ComputedType",
            "\(address): 'type' is not a literal STANDARD or EXPRESS; the profile or the default decides",
            at: reader.location(attribute.valueStart)))
        return nil
    }

    // MARK: - Helpers

    static func readText(_ path: String) -> Result<String, InputError> {
        do { return .success(try SourceDocument.readText(path: path)) } catch { return .failure(error) }
    }

    private static func abbreviated(_ source: String) -> String {
        let line = source.prefix { $0 != "\n" }
        return line.count > 60 ? line.prefix(57) + "…" : String(line)
    }
}
