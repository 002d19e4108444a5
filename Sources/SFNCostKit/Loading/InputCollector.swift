import Foundation

/// Finds state machines in the files and directories a user names.
///
/// A file named on the command line must be a definition (ASL in JSON or YAML) or a template that
/// declares state machines (CloudFormation, SAM, CDK output, serverless.yml). In a directory, every
/// `.json`, `.yaml` and `.yml` file is read and the definitions and templates are kept; others, such as
/// profiles, are passed over. Files are only read.
///
/// After collection, each machine gets its lasting id (`MachineIdentity`), and a definition file
/// that a template or Terraform resource refers to is dropped as a machine of its own (`merge`):
/// one machine, one row, whatever the order of the paths.
public enum InputCollector {
    public struct Result: Sendable {
        public var machines: [MachineSource] = []
        /// Inputs that could not be used, each with located diagnostics.
        public var failures: [InputError] = []
        public var diagnostics: [Diagnostic] = []
        /// Definition files that templates refer to (also where their machine failed to load).
        public var referencedFiles: [String] = []
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
    /// Folders never read in a directory scan: build output that copies definitions and templates
    /// (`.aws-sam`, `.serverless`, `.terraform`, `node_modules`, `.build`), version control (`.git`),
    /// and every other hidden folder. In a CDK cloud assembly (`cdk.out`) the templates at its top
    /// are read and its `asset.*` folders (copies of the app's files) are not.
    static let skippedDirectories: Set<String> = [".build", ".git", "node_modules", ".swiftpm", "cdk.out.cache",
                                                  ".aws-sam", ".serverless", ".terraform"]

    /// `parallel: false` reads the files one after another (tests compare it with the parallel
    /// read: the same machines in the same order).
    public static func collect(_ paths: [String], parallel: Bool = true) -> Result {
        // First what to read, in the order it is reported (cheap, sequential); then the reading,
        // parsing and extraction of each file, on every core; then the merge, in the planned order,
        // so the result never depends on which file finished first.
        var plan: [PlannedRead] = []
        var seen = Set<String>()
        var missing: [InputError] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(InputError("Input.NotFound", "no such file or directory",
                                          at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            let root = MachineIdentity.scanRoot(forArgument: path)
            var files = [FoundFile(path: path, canonical: nil)]
            var listing = Result()   // what listing the directory found: unreadable folders, no files
            if isDirectory.boolValue {
                files = scan(path, into: &listing)
                if files.isEmpty {
                    listing.passedOver.append(PassedOver(path: path, reason: "no .json, .yaml, .yml or .tf file in it"))
                }
            }
            let explicit = !isDirectory.boolValue
            for found in files {
                let file = found.path
                // A file named twice (a directory and a file in it, or twice) is read once.
                let canonical = found.canonical ?? MachineIdentity.canonical(file)
                guard seen.insert(canonical).inserted else { continue }
                plan.append(.file(path: file, explicit: explicit, canonical: canonical, root: root))
            }
            plan.append(.listing(listing))
        }
        // One file (and its listing entry) is read on this thread: starting worker threads for it
        // would cost more than it saves.
        let fileCount = plan.count(where: { if case .file = $0 { true } else { false } })
        let collection = TerraformModuleCache.Collection()
        let loaded = OrderedParallelMap.map(plan, parallel: parallel && fileCount > 1,
                                            startOrder: fileCount > 1 ? largestFirst(plan) : nil) { planned in
            switch planned {
            case .listing(let listing):
                return LoadedFile(path: "", canonicalPath: "", result: listing)
            case .file(let file, let explicit, let canonical, let root):
                return LoadedFile(path: file, canonicalPath: canonical, result: loadOne(file, explicit: explicit, root: root, canonical: canonical,
                                                                                  collection: collection))
            }
        }
        var result = merge(loaded)
        result.failures = missing + result.failures
        result.dropMachinesOfCalledTerraformModules(collection: collection)
        uniqueIDs(&result.machines)
        return result
    }

    /// The plan's indices, its files by decreasing size (the work a file costs grows with it), then
    /// its listing entries; ties keep plan order. A file that cannot be `stat`ed counts as empty.
    static func largestFirst(_ plan: [PlannedRead]) -> [Int] {
        let sizes = plan.map { planned -> Int64 in
            guard case .file(let path, _, _, _) = planned else { return -1 }
            var status = stat()
            return stat(path, &status) == 0 ? Int64(status.st_size) : 0
        }
        return plan.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// One step of `collect`, in report order: a file to read, or what listing a directory found
    /// (after that directory's files).
    enum PlannedRead: Sendable {
        case file(path: String, explicit: Bool, canonical: String, root: String)
        case listing(Result)
    }

    /// What one file gives, its machines with their ids. Runs on any thread: it reads only the file
    /// system and the locked Terraform module cache.
    /// `canonical`: the file's canonical path, when the caller has it (`MachineIdentity.canonical`
    /// resolves the path through the file system, which costs more than reading a small file).
    /// `collection`: the collection it is part of (see `TerraformModuleCache.Collection`).
    static func loadOne(_ file: String, explicit: Bool, root: String, canonical: String? = nil,
                        collection: TerraformModuleCache.Collection? = nil) -> Result {
        var result = Result()
        load(file, explicit: explicit, into: &result, collection: collection)
        if !explicit, result.machines.isEmpty, result.failures.isEmpty, !result.passedOver.contains(where: { $0.path == file }) {
            result.passedOver.append(PassedOver(path: file, reason: "holds no state machine"))
        }
        for index in result.machines.indices {
            result.machines[index].id = MachineIdentity.id(for: result.machines[index], root: root,
                                                           known: canonical.map { (file, $0) })
        }
        return result
    }

    /// What one file gave.
    struct LoadedFile: Sendable {
        var path: String
        var canonicalPath: String
        var result: Result
    }

    /// Joins what each file gave, leaving out a bare definition file that a template or Terraform
    /// resource refers to (`DefinitionUri`, `file()`, `${file(...)}`): it is that machine's
    /// definition, already reported with it, whatever order the files were read in. Its warnings
    /// and errors go with it: the declaring machine reports its own.
    static func merge(_ loaded: [LoadedFile]) -> Result {
        // A referenced file spelled as a file that was read has that file's canonical path (the
        // same string, so the same answer), without resolving it through the file system again.
        var known: [String: String] = [:]
        for file in loaded where !file.path.isEmpty { known[file.path] = file.canonicalPath }
        let referenced = Set(loaded.flatMap { file in
            (file.result.referencedFiles + file.result.machines.flatMap(\.referencedFiles)).map { known[$0] ?? MachineIdentity.canonical($0) }
        })
        var result = Result()
        for file in loaded {
            let isBareDefinition = file.result.machines.allSatisfy { $0.declaration == nil && $0.referencedFiles.isEmpty }
            if referenced.contains(file.canonicalPath) && isBareDefinition { continue }
            result.machines += file.result.machines
            result.diagnostics += file.result.diagnostics
            result.failures += file.result.failures
            result.passedOver += file.result.passedOver
        }
        return result
    }

    /// Machines whose ids coincide are told apart by their names where no declaration does (a
    /// reader that names no declaration, several machines in one file), then by their absolute
    /// paths (two files of one name named from different folders outside a git work tree), so an id
    /// never names two machines. Should even those coincide, the second and later get `#2`, `#3` in
    /// the order read: unique, though not lasting.
    static func uniqueIDs(_ machines: inout [MachineSource]) {
        for pass in 0..<2 {
            let groups = Dictionary(grouping: machines.indices, by: { machines[$0].id })
            for (_, indices) in groups where indices.count > 1 {
                for index in indices {
                    if pass == 0, machines[index].declaration == nil {
                        machines[index].id += "#" + machines[index].name
                    } else if pass == 1 {
                        let absolute = MachineIdentity.canonical(machines[index].declaringFile ?? machines[index].machine.location.file)
                        machines[index].id = absolute + (machines[index].declaration.map { "#" + $0 } ?? "")
                    }
                }
            }
        }
        var seen = Set<String>()
        for index in machines.indices where !seen.insert(machines[index].id).inserted {
            var number = 2
            while seen.contains("\(machines[index].id)#\(number)") { number += 1 }
            machines[index].id += "#\(number)"
            seen.insert(machines[index].id)
        }
    }

    /// Definition files below `directory`, sorted so output order is stable. A directory below it
    /// that cannot be read is a failure (it may hold a machine: skipping it could make that machine
    /// look removed and pass a gate); symbolic links to directories are not followed (no loops).
    /// `list` lists a directory's entries (a parameter so that tests can make one unreadable).
    static func files(under directory: String, into result: inout Result,
                      list: ((String) throws -> [String])? = nil) -> [String] {
        scan(directory, into: &result, list: list).map(\.path)
    }

    /// A definition file found in a directory scan, with its canonical path when the scan could
    /// spell it without resolving it (see `scan`).
    struct FoundFile {
        var path: String
        var canonical: String?
    }

    /// `files(under:into:list:)` with each file's canonical path where the scan knows it.
    ///
    /// `readdir` tells plain files and folders from links and everything else, and resolving a path
    /// (`realpath(3)`) reads every component of it (a `readlink` each): once per file, that was most
    /// of the load stage's system calls. So the scanned directory is resolved once, and an entry that
    /// is a plain file or folder (not a link) of a directory whose canonical path is known has
    /// canonical path that path + `/` + its name, which is what `FilePaths.canonical` would answer
    /// (`FilePaths.canonical(ofEntry:inCanonicalDirectory:)` says when). Links, odd entries and
    /// directories that are not plainly spelled get no known path: the caller resolves them as before.
    static func scan(_ directory: String, into result: inout Result,
                     list: ((String) throws -> [String])? = nil) -> [FoundFile] {
        var found: [FoundFile] = []
        var pending = [(path: directory, canonical: list == nil ? FilePaths.fastCanonical(directory) : nil)]
        while let (current, currentCanonical) = pending.popLast() {
            let entries: [DirectoryEntry]
            do { entries = try self.entries(of: current, list: list) } catch {
                result.failures.append(InputError("Input.UnreadableDirectory",
                    "cannot read directory: \(directoryProblem(error, path: current)); a machine in it would be missed",
                    at: SourceLocation(file: current, line: 1, column: 1)))
                continue
            }
            // The entries' canonical paths can be spelled from this one only when their own paths are
            // this one's + `/` + name (a plain spelling: see `FilePaths.appending`).
            let currentIsPlain = FilePaths.isPlainSpelling(current)
            let parentCanonical = currentIsPlain ? currentCanonical : nil
            for entry in entries where !entry.name.hasPrefix(".") {
                let name = entry.name
                // `FilePaths.appending` without checking `current` again for each entry.
                let path = currentIsPlain && FilePaths.isPlainSpelling(name) ? current + "/" + name
                    : FilePaths.appending(name, to: current)
                let (isLink, isDirectory) = switch entry.kind {
                case .regularFile: (false, false)
                case .directory: (false, true)
                case .other: entryKind(path)
                }
                let canonical = entry.kind == .other ? nil
                    : parentCanonical.flatMap { FilePaths.canonical(ofEntry: name, inCanonicalDirectory: $0) }
                if isDirectory {
                    if isLink {
                        result.passedOver.append(PassedOver(path: path, reason: "a symbolic link to a directory (not followed)"))
                    } else if name.hasPrefix("asset."), isCloudAssembly(current) {
                        continue   // a CDK asset: a copy of the app's files
                    } else if !skippedDirectories.contains(name) {
                        pending.append((path, canonical))
                    }
                    continue
                }
                if extensions.contains(FilePaths.pathExtension(ofName: name).lowercased()) {
                    found.append(FoundFile(path: path, canonical: canonical))
                }
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// A directory's entries: `readdir`'s, with their types; FileManager's (types left to
    /// `entryKind`) when a name is not ASCII or the directory cannot be read, so that the names and
    /// the error are FileManager's own; `list`'s when a test gives one.
    static func entries(of directory: String, list: ((String) throws -> [String])?) throws -> [DirectoryEntry] {
        if list == nil, let entries = DirectoryListing.entries(of: directory) { return entries }
        let names = try (list ?? { try FileManager.default.contentsOfDirectory(atPath: $0) })(directory)
        return names.map { DirectoryEntry(name: $0, kind: .other) }
    }

    /// Whether the entry at `path` is a symbolic link (what `FileManager.destinationOfSymbolicLink`
    /// succeeds on) and whether it is, or leads to, a directory (`FileManager.fileExists(atPath:
    /// isDirectory:)`, which follows links): one `lstat`, and a `stat` only for a link, instead of
    /// two Foundation calls and a thrown error per plain file.
    static func entryKind(_ path: String) -> (isLink: Bool, isDirectory: Bool) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return (false, false) }
        guard status.st_mode & S_IFMT == S_IFLNK else { return (false, status.st_mode & S_IFMT == S_IFDIR) }
        var target = stat()
        return (true, stat(path, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR)
    }

    /// A CDK cloud assembly: a folder named `cdk.out`, or one holding CDK's `cdk.out` version file
    /// and a `manifest.json` (an assembly written elsewhere with `--output`).
    static func isCloudAssembly(_ directory: String) -> Bool {
        if FilePaths.lastComponent(directory) == "cdk.out" { return true }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let marker = FilePaths.appending("cdk.out", to: directory)
        return manager.fileExists(atPath: marker, isDirectory: &isDirectory) && !isDirectory.boolValue
            && manager.fileExists(atPath: FilePaths.appending("manifest.json", to: directory))
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

    static func load(_ path: String, explicit: Bool, into result: inout Result,
                     collection: TerraformModuleCache.Collection? = nil) {
        if TerraformModule.isTerraformFile(path) {
            let extraction = TerraformExtractor.machines(path: path, collection: collection)
            if extraction.machines.isEmpty && extraction.failures.isEmpty {
                result.passedOver.append(PassedOver(path: path, reason: "no aws_sfn_state_machine resource"))
            }
            return result.add(extraction)
        }
        do {
            let text = try SourceDocument.readText(path: path)
            let root = try parseAllowingPlaceholders(text, file: path)
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
                result.referencedFiles += extraction.referencedFiles
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
            let (stripped, notes) = DeployTimePlaceholders.strip(root)
            var (machine, warnings) = try DefinitionDecoder.decode(stripped)
            warnings = notes + warnings
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
                // The definition files a broken template names are still its own: not machines of
                // their own beside the failure.
                result.referencedFiles += definitionURIs(inBrokenTemplate: path)
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

    /// Parses a file. One that does not parse only because of placeholders filled at deployment
    /// (`"TimeoutSeconds": ${timeout}`) is read with them quoted (locations stay the file's own);
    /// otherwise the original error stands.
    static func parseAllowingPlaceholders(_ text: String, file: String) throws(InputError) -> SourceNode {
        do {
            return try SourceDocument.parse(text, file: file)
        } catch {
            // `containsText`: Foundation's answer, by bytes for ASCII text (a whole-file CFString
            // search cost ~1 M instructions a file).
            guard text.containsText("${") else { throw error }
            var embedded = EmbeddedSource(placement: .block(firstLine: 1, indent: 0), quotesPlaceholders: true)
            if let root = try? embedded.parse(text, file: file) { return root }
            throw error
        }
    }

    /// `DefinitionUri: x.asl.json` and `"DefinitionUri": "x.asl.json"` in a file that does not parse,
    /// resolved beside it.
    static func definitionURIs(inBrokenTemplate path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return DefinitionURIScan.values(in: text).map { TemplateExtractor.definitionPath($0, besideTemplate: path) }
    }

    /// True when an unreadable file's text says it declares a state machine.
    static func mentionsStateMachine(_ path: String) -> Bool {
        // Regular files only: a FIFO or a device in a directory must not block or read forever.
        guard let data = try? FileReader.read(path: path) else { return false }
        let text = String(decoding: data, as: UTF8.self)
        let markers = ["AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine", "aws_sfn_state_machine",
                       "\"StartAt\"", "StartAt:", "stateMachines:"]
        return markers.contains { text.containsText($0) }
    }

    /// `daily-ingest.asl.json` → `daily-ingest`.
    public static func machineName(forFile path: String) -> String {
        var name = FilePaths.lastComponent(path)
        let lowercased = name.lowercased()
        for suffix in [".asl.json", ".asl.yaml", ".asl.yml", ".json", ".yaml", ".yml"] where lowercased.hasSuffix(suffix) {
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
