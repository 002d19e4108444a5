import Foundation

/// Finds state machines in the files and directories a user names.
///
/// A file named on the command line must be a definition (ASL in JSON or YAML) or a template that
/// declares state machines (CloudFormation, SAM, CDK output, serverless.yml). In a directory, every
/// `.json`, `.yaml` and `.yml` file is read and the definitions and templates are kept; others, such as
/// profiles, are passed over. Files are only read.
public enum InputCollector {
    public struct Result: Sendable {
        public var machines: [MachineSource] = []
        /// Inputs that could not be used, each with located diagnostics.
        public var failures: [InputError] = []
        public var diagnostics: [Diagnostic] = []
    }

    static let extensions = ["json", "yaml", "yml", "tf"]
    static let skippedDirectories: Set<String> = [".build", ".git", "node_modules", ".swiftpm", "cdk.out.cache"]

    public static func collect(_ paths: [String]) -> Result {
        var result = Result()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.failures.append(InputError("Input.NotFound", "no such file or directory",
                                                  at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            if isDirectory.boolValue {
                for file in files(under: path) { load(file, explicit: false, into: &result) }
            } else {
                load(path, explicit: true, into: &result)
            }
        }
        result.dropMachinesOfCalledTerraformModules()
        return result
    }

    /// Definition files below `directory`, sorted so output order is stable.
    static func files(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if skippedDirectories.contains(name) || name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let ext = (name as NSString).pathExtension.lowercased()
            if extensions.contains(ext) {
                found.append((directory as NSString).appendingPathComponent(relative))
            }
        }
        return found.sorted()
    }

    static func load(_ path: String, explicit: Bool, into result: inout Result) {
        if TerraformModule.isTerraformFile(path) {
            return result.add(TerraformExtractor.machines(path: path))
        }
        do {
            let text = try SourceDocument.readText(path: path)
            let root = try SourceDocument.parse(text, file: path)
            if TerraformPlanReader.looksLikePlan(root) {
                return result.add(TerraformPlanReader.machines(root: root, path: path))
            }
            if !DefinitionDecoder.looksLikeDefinition(root), TemplateExtractor.isTemplate(root) {
                let extraction = TemplateExtractor.extract(root, path: path, text: text)
                result.machines += extraction.machines
                result.diagnostics += extraction.diagnostics
                result.failures += extraction.failures
                return
            }
            guard DefinitionDecoder.looksLikeDefinition(root) else {
                if explicit {
                    result.failures.append(InputError("Input.NotADefinition",
                        "not a state machine definition or a template with state machines: expected 'StartAt' and 'States', or CloudFormation/SAM 'Resources'", at: root.location))
                }
                return
            }
            let (machine, warnings) = try DefinitionDecoder.decode(root)
            // The definition's size is the file's: a bare ASL file is what AWS would receive.
            let bytes = text.utf8.count
            result.machines.append(MachineSource(name: machineName(forFile: path), machine: machine,
                                                 definitionBytes: bytes, declaredType: nil, diagnostics: warnings))
            result.diagnostics.append(contentsOf: warnings)
        } catch {
            if explicit || isNamedAsDefinition(path) || mentionsStateMachine(path) {
                // A broken file that holds a state machine must fail the run: dropping it would make
                // the machine look removed (cheaper) to `diff` and pass the gate.
                result.failures.append(error)
            } else {
                result.diagnostics.append(Diagnostic(.note, "Input.Skipped",
                    "skipped: not readable as JSON/YAML (\(error.diagnostics.first?.message ?? "unknown"))",
                    at: error.diagnostics.first?.location ?? SourceLocation(file: path, line: 1, column: 1)))
            }
        }
    }

    /// True when an unreadable file's text says it declares a state machine.
    static func mentionsStateMachine(_ path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        let markers = ["AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine", "aws_sfn_state_machine",
                       "\"StartAt\"", "StartAt:", "stateMachines:"]
        return markers.contains { text.contains($0) }
    }

    /// `daily-ingest.asl.json` → `daily-ingest`.
    public static func machineName(forFile path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"] where name.lowercased().hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name
    }

    private static func isNamedAsDefinition(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".asl.json") || lower.hasSuffix(".asl.yaml") || lower.hasSuffix(".asl.yml")
    }
}
