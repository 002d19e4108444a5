import Foundation

/// Finds the state machines declared in Terraform `.tf` and `.tf.json` files: every
/// `resource "aws_sfn_state_machine" "NAME" { … }`, one per `count`/`for_each` copy, and those of the
/// local modules a file calls, each with its `definition`.
///
/// A file is read as part of its directory's module (`TerraformModule`), so `local.x`, `var.x` and
/// schedules written in other files are found. The `definition` is evaluated as far as it is literal
/// (`TerraformEvaluator`): `jsonencode({ … })` (located exactly in the `.tf` file), a heredoc holding
/// JSON, a quoted JSON string, `templatefile(…)`/`file(…)` of a path relative to the module, directly
/// or through locals, variables and module arguments. A definition Terraform computes from what only
/// a plan knows (`data.….rendered`, a module output) gets a warning pointing at the plan
/// (`terraform show -json`), which `TerraformPlanReader` reads. Nothing is run and nothing is written.
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

    /// Reads the `.tf` or `.tf.json` file at `path`, as part of the module its directory makes: locals,
    /// variables and schedules may sit in the other files of the directory. Only the machines that this
    /// file declares (its resources, and the local modules it calls) are reported.
    /// `collection`: the collection reading it, so that the module cache checks each directory once
    /// per collection (nil: checked on this call).
    public static func machines(path: String) -> Extraction {
        machines(path: path, collection: nil)
    }

    static func machines(path: String, collection: TerraformModuleCache.Collection?) -> Extraction {
        let module = TerraformModuleCache.shared.module(directory: TerraformPaths.deletingLastComponent(path),
                                                        collection: collection)
        guard module.files.contains(where: { $0.path == path }) || module.failures[path] != nil else {
            // Not listed by its directory (a path through a symbolic link, say): read it alone.
            switch readText(path) {
            case .success(let text): return machines(path: path, text: text)
            case .failure(let error): return Extraction(failures: [error])
            }
        }
        return extract(module, file: path, collection: collection)
    }

    /// Extracts the machines of a `.tf` file whose text is already read, as a module of that file
    /// alone; `path` names it in locations and anchors relative template paths.
    public static func machines(path: String, text: String) -> Extraction {
        extract(TerraformModule.single(path: path, text: text), file: path)
    }

    private static func extract(_ module: TerraformModule, file: String,
                                collection: TerraformModuleCache.Collection? = nil) -> Extraction {
        if let failure = module.failures[file] {
            var extraction = Extraction()
            // A file with no state machine in it is not worth failing the whole input for.
            if module.failuresDeclaringMachines.contains(file) {
                extraction.failures.append(InputError([failure]))
            } else {
                var note = failure
                note.severity = .note
                note.message = "skipped: " + failure.message
                extraction.diagnostics.append(note)
            }
            return extraction
        }
        let directory = module.directory.isEmpty ? "." : module.directory
        let root = TerraformInstance(module: module, address: "", arguments: [:], depth: 0,
                                     chain: [TerraformWalk.standardized(directory)])
        var walk = TerraformWalk(collection: collection)
        walk.walk(root, onlyFile: file)
        var extraction = walk.extraction
        let inFile = module.files.map { $0.path == file }
        let declares = module.resources.contains { inFile[$0.file] && $0.labels[0] == resourceType }
        if !declares && extraction.machines.isEmpty {
            extraction.diagnostics.append(Diagnostic(.note, "Terraform.NoStateMachine", noStateMachine,
                                                     at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return extraction
    }

    // MARK: - Resources

    /// One copy of an `aws_sfn_state_machine` resource, evaluated in `scope`.
    static func machine(_ block: TerraformModule.Block, address: String, scope: TerraformScope, declaringFile: String,
                        schedules: [DeclaredSchedule], into extraction: inout Extraction) {
        guard let definition = block.attribute("definition") else {
            extraction.diagnostics.append(Diagnostic(.warning, "Terraform.NoDefinition",
                "\(address) has no 'definition' attribute; machine skipped", at: block.location))
            return
        }
        let name = block.attribute("name").flatMap { expression -> String? in
            guard let text = TerraformEvaluator.evaluate(expression, in: scope).text, !text.isEmpty else { return nil }
            return text
        } ?? address
        var diagnostics: [Diagnostic] = []
        let declaredType = workflowType(block.attribute("type"), address: address, scope: scope, notes: &diagnostics)
        extraction.diagnostics += diagnostics

        var referenced: [String] = []
        let outcome = root(of: definition, address: address, scope: scope, referencedFiles: &referenced)
        switch outcome {
        case .skipped(let diagnostic):
            extraction.diagnostics.append(diagnostic)
        case .failed(let error):
            extraction.failures.append(error)
        case .root(let root, let bytes):
            do {
                let (machine, warnings) = try DefinitionDecoder.decode(root)
                var source = MachineSource(name: name, machine: machine, definitionBytes: bytes,
                                           declaredType: declaredType, diagnostics: warnings,
                                           declaringFile: declaringFile, declaration: address, referencedFiles: referenced)
                source.schedules = schedules
                extraction.machines.append(source)
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

    /// Evaluates the `definition` expression and reads the definition it gives.
    private static func root(of attribute: TerraformModule.Expression, address: String, scope: TerraformScope,
                             referencedFiles: inout [String]) -> Outcome {
        let at = attribute.location
        let value = TerraformEvaluator.evaluate(attribute, in: scope)
        do {
            switch value {
            case .string(let text, _, let origin):
                guard !isBlank(text) else {
                    // An empty definition is an input left at its default (`variable "definition" { default = "" }`).
                    let source = TerraformEvaluator.source(attribute, in: scope)
                    let why: TerraformValue.Unknown = source.hasPrefix("var.") ? .unsetVariable(String(source.dropFirst(4))) : .reference(source)
                    return .skipped(unknownDefinition(why, address: address, scope: scope, at: at))
                }
                let placement: EmbeddedSource.Placement
                let file: String
                switch origin {
                case .heredoc(let path, let firstLine, let indent):
                    placement = .block(firstLine: firstLine, indent: indent)
                    file = path
                case .fixed(let location):
                    placement = .fixed(location)
                    file = location.file
                case nil:
                    placement = .fixed(at)
                    file = at.file
                }
                var embedded = EmbeddedSource(placement: placement, quotesPlaceholders: true)
                return parsed(.success(try embedded.parse(text, file: file)), bytes: text.utf8.count, address: address, at: at)
            case .json(let node, let bytes):
                guard node.members != nil else {
                    return .skipped(Diagnostic(.warning, "Terraform.ComputedDefinition", fromVariable(address), at: at))
                }
                return parsed(.success(node), bytes: bytes > 0 ? bytes : TerraformEvaluator.source(attribute, in: scope).utf8.count,
                              address: address, at: at)
            case .file(let path, let isTemplate, let variables, let pathAt):
                return template(path, isTemplate: isTemplate, variables: variables, address: address, at: pathAt,
                                referencedFiles: &referencedFiles)
            case .failed(let message, let location):
                return .failed(InputError("Terraform.Syntax", "\(address): \(message)", at: location))
            case .unknown(let why):
                return .skipped(unknownDefinition(why, address: address, scope: scope, at: at))
            case .number, .bool, .null, .list, .object:
                return .failed(InputError("Terraform.NotADefinition",
                    "\(address): definition is not a state machine: expected a JSON string", at: at))
            }
        } catch {
            return .failed(error)
        }
    }

    /// Why a definition is not known, as a diagnostic. A definition that is an input of a module read
    /// on its own (no caller passes it) is a note: the module's callers are where its machines are.
    private static func unknownDefinition(_ why: TerraformValue.Unknown, address: String, scope: TerraformScope,
                                          at: SourceLocation) -> Diagnostic {
        switch why {
        case .unsetVariable(let name) where scope.instance.isRoot:
            return Diagnostic(.note, "Terraform.ModuleInput",
                "\(address): definition is an input of this module (var.\(name): no value passed, no default or an empty one); its machines are counted where a configuration calls the module (module \"…\" { source = \"…\" }), so this directory read on its own adds none",
                at: at)
        case .computedPath(let source):
            return Diagnostic(.warning, "Terraform.ComputedPath",
                "\(address): the definition file's path is computed (\(abbreviated(source))); analyse the rendered plan (terraform show -json) instead", at: at)
        case .reference(let source) where ["var.", "local.", "data.", "module."].contains(where: source.hasPrefix):
            return Diagnostic(.warning, "Terraform.ComputedDefinition", fromVariable(address), at: at)
        case .unsetVariable:
            return Diagnostic(.warning, "Terraform.ComputedDefinition", fromVariable(address), at: at)
        case .reference(let source), .unsupported(let source):
            return Diagnostic(.warning, "Terraform.UnsupportedDefinition",
                "\(address): definition is an expression sfncost does not evaluate (\(abbreviated(source))); analyse the rendered plan (terraform show -json) instead",
                at: at)
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

    /// `templatefile(path, vars)` / `file(path)`: read the file (resolved against the module).
    private static func template(_ path: String, isTemplate: Bool, variables: [String: TerraformValue], address: String,
                                 at: SourceLocation, referencedFiles: inout [String]) -> Outcome {
        guard !TerraformBytes.contains(path, "${") else {
            return .skipped(Diagnostic(.warning, "Terraform.ComputedPath",
                "\(address): the definition file's path '\(path)' depends on a variable; analyse the rendered plan (terraform show -json) instead", at: at))
        }
        guard FileManager.default.fileExists(atPath: path) else {
            return .skipped(Diagnostic(.warning, "Terraform.DefinitionFileNotFound", fileNotFound(address, path), at: at))
        }
        referencedFiles.append(TerraformWalk.standardized(path))
        switch readText(path) {
        case .failure(let error):
            return .failed(error)
        case .success(let read):
            // The variables `templatefile` passes fill their unquoted number and boolean placeholders.
            let text = isTemplate ? TerraformTemplateText.fill(read) { variables[$0] } : read
            var embedded = EmbeddedSource(placement: .block(firstLine: 1, indent: 0), quotesPlaceholders: isTemplate)
            do {
                return parsed(try embedded.parse(text, file: path), bytes: text.utf8.count, address: address, at: at)
            } catch {
                return .failed(error)
            }
        }
    }

    // MARK: - Type

    /// `type = "EXPRESS"` (any case); STANDARD when absent, as in Terraform; nil when computed.
    private static func workflowType(_ attribute: TerraformModule.Expression?, address: String, scope: TerraformScope,
                                     notes: inout [Diagnostic]) -> WorkflowType? {
        guard let attribute else { return .standard }
        if let text = TerraformEvaluator.evaluate(attribute, in: scope).text, let type = WorkflowType(rawValue: text.uppercased()) {
            return type
        }
        notes.append(Diagnostic(.note, "Terraform.ComputedType",
            "\(address): 'type' is not a literal STANDARD or EXPRESS; the profile or the default decides",
            at: attribute.location))
        return nil
    }

    // MARK: - Helpers

    static func readText(_ path: String) -> Result<String, InputError> {
        do { return .success(try SourceDocument.readText(path: path)) } catch { return .failure(error) }
    }

    /// Whether `text` is empty once trimmed of `.whitespacesAndNewlines`, without copying it (a
    /// definition's text is long, and it starts with `{` or a letter).
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
    }

    private static func abbreviated(_ source: String) -> String {
        let line = source.prefix { $0 != "\n" }
        return line.count > 60 ? line.prefix(57) + "…" : String(line)
    }
}
