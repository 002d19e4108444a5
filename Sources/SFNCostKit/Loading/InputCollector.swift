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
        /// Files and directories that held no state machine, each with why: what "found no state
        /// machine" lists.
        public var passedOver: [PassedOver] = []
    }

    /// A file or directory that held no state machine, and why.
    public struct PassedOver: Sendable, Equatable {
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
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
                let found = files(under: path, into: &result)
                if found.isEmpty {
                    result.passedOver.append(PassedOver(path: path, reason: "no .json, .yaml, .yml or .tf file in it"))
                }
                for file in found {
                    let before = result.machines.count + result.failures.count
                    load(file, explicit: false, into: &result)
                    if result.machines.count + result.failures.count == before, !result.passedOver.contains(where: { $0.path == file }) {
                        result.passedOver.append(PassedOver(path: file, reason: "holds no state machine"))
                    }
                }
            } else {
                load(path, explicit: true, into: &result)
            }
        }
        return result
    }

    /// Definition files below `directory`, sorted so output order is stable. A directory below it
    /// that cannot be read is a failure (it may hold a machine: skipping it could make that machine
    /// look removed and pass a gate); symbolic links to directories are not followed (no loops).
    /// `list` lists a directory's entries (a parameter so that tests can make one unreadable).
    static func files(under directory: String, into result: inout Result,
                      list: (String) throws -> [String] = { try FileManager.default.contentsOfDirectory(atPath: $0) }) -> [String] {
        var found: [String] = []
        var pending = [directory]
        while let current = pending.popLast() {
            let entries: [String]
            do { entries = try list(current) } catch {
                result.failures.append(InputError("Input.UnreadableDirectory",
                    "cannot read directory: \(directoryProblem(error, path: current)); a machine in it would be missed",
                    at: SourceLocation(file: current, line: 1, column: 1)))
                continue
            }
            for name in entries where !name.hasPrefix(".") {
                let path = (current as NSString).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    if isLink {
                        result.passedOver.append(PassedOver(path: path, reason: "a symbolic link to a directory (not followed)"))
                    } else if !skippedDirectories.contains(name) {
                        pending.append(path)
                    }
                    continue
                }
                if extensions.contains((name as NSString).pathExtension.lowercased()) { found.append(path) }
            }
        }
        return found.sorted()
    }

    /// The definition files below `directory` (problems with it are left to `collect`).
    static func files(under directory: String) -> [String] {
        var ignored = Result()
        return files(under: directory, into: &ignored)
    }

    /// Why a directory could not be listed, in the words `strerror` would use.
    static func directoryProblem(_ error: Error, path: String) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return FileReader.reason(Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return FileReader.reason(Int32(nsError.code)) }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoPermissionError: return "permission denied"
            case NSFileReadNoSuchFileError: return "no such file or directory"
            default: break
            }
        }
        // Ask the system directly: the error's own text may be a framework's code number.
        if access(path, R_OK | X_OK) != 0 { return FileReader.reason(errno) }
        return "cannot list its entries"
    }

    /// "found no state machine in …" and what was looked at: at most `limit` files with why each did
    /// not count, then how many more. Lines for stderr, names not yet escaped.
    public static func nothingFoundLines(paths: [String], passedOver: [PassedOver], limit: Int = 20) -> [String] {
        var lines = ["found no state machine in \(paths.joined(separator: ", "))" +
                     (passedOver.isEmpty ? "" : "; looked at:")]
        for item in passedOver.prefix(limit) { lines.append("  \(item.path): \(item.reason)") }
        if passedOver.count > limit { lines.append("  … and \(passedOver.count - limit) more") }
        return lines
    }

    static func load(_ path: String, explicit: Bool, into result: inout Result) {
        if (path as NSString).pathExtension.lowercased() == "tf" {
            let extraction = TerraformExtractor.machines(path: path)
            if extraction.machines.isEmpty && extraction.failures.isEmpty {
                result.passedOver.append(PassedOver(path: path, reason: "no aws_sfn_state_machine resource"))
            }
            return result.add(extraction)
        }
        do {
            let text = try SourceDocument.readText(path: path)
            let root = try SourceDocument.parse(text, file: path)
            if TerraformPlanReader.looksLikePlan(root) {
                return result.add(TerraformPlanReader.machines(root: root, path: path))
            }
            if !DefinitionDecoder.looksLikeDefinition(root), TemplateExtractor.isTemplate(root) {
                let extraction = TemplateExtractor.extract(root, path: path, text: text)
                if extraction.machines.isEmpty && extraction.failures.isEmpty {
                    result.passedOver.append(PassedOver(path: path, reason: "a template without an AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine that sfncost can read"))
                }
                result.machines += extraction.machines
                result.diagnostics += extraction.diagnostics
                result.failures += extraction.failures
                return
            }
            guard DefinitionDecoder.looksLikeDefinition(root) else {
                result.passedOver.append(PassedOver(path: path, reason: "not an ASL definition ('StartAt' and 'States') or a template with state machines ('Resources')"))
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
                let first = error.diagnostics.first
                let fileProblems: Set<String> = ["Input.NotARegularFile", "Input.TooLarge", "Input.Unreadable", "Input.NotUTF8"]
                result.passedOver.append(PassedOver(path: path, reason: first.map { fileProblems.contains($0.code) } == true
                    ? first?.message ?? "unreadable"
                    : "not readable as JSON/YAML" + (first.map { " (\($0.location.map { "line \($0.line), column \($0.column): " } ?? "")\($0.message))" } ?? "")))
                result.diagnostics.append(Diagnostic(.note, "Input.Skipped",
                    "skipped: not readable as JSON/YAML (\(error.diagnostics.first?.message ?? "unknown"))",
                    at: error.diagnostics.first?.location ?? SourceLocation(file: path, line: 1, column: 1)))
            }
        }
    }

    /// True when an unreadable file's text says it declares a state machine.
    static func mentionsStateMachine(_ path: String) -> Bool {
        // Regular files only: a FIFO or a device in a directory must not block or read forever.
        guard let data = try? FileReader.read(path: path) else { return false }
        let text = String(decoding: data, as: UTF8.self)
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
