import Foundation

/// Walks a Terraform configuration: the state machine resources of a module instance, one per
/// `count`/`for_each` copy, and the local modules it calls, followed with their arguments.
struct TerraformWalk {
    /// Module calls followed before giving up (a module that calls itself is refused earlier).
    static let maximumModuleDepth = 16
    /// Resource and module copies read in one walk before giving up (nested `count`s multiply).
    static let maximumCopies = 2_000
    static let notFetched = "sfncost does not fetch modules; run terraform init (sfncost then reads .terraform/modules) or analyse the plan JSON (terraform show -json) to include its machines"

    var extraction = TerraformExtractor.Extraction()
    /// The collection reading the configuration (see `TerraformModuleCache.Collection`), or nil.
    var collection: TerraformModuleCache.Collection?
    private var modules: [String: TerraformModule] = [:]
    /// Child module directories whose unreadable files were already reported.
    private var reportedDirectories: Set<String> = []
    private var copies = 0
    private var stopped = false

    init(collection: TerraformModuleCache.Collection? = nil) {
        self.collection = collection
    }

    /// The machines of `instance`; at the root, only those that `file` declares (nil: all).
    /// `declaringFile` is the root file whose module call leads here (nil at the root).
    /// `inherited` are the caller's schedules aimed at this instance's outputs.
    mutating func walk(_ instance: TerraformInstance, onlyFile file: String?, declaringFile: String? = nil,
                       inherited: [TerraformSchedules.Inherited] = []) {
        let module = instance.module
        // Which of the module's files are `file`, compared once per file rather than once per block
        // (the walk runs once per file of a directory, over every block of the directory).
        let includedFiles = file.map { file in module.files.map { $0.path == file } }
        func included(_ block: TerraformModule.Block) -> Bool {
            includedFiles?[block.file] ?? true
        }
        let schedules = instance.isRoot && inherited.isEmpty
            ? module.rootSchedules.value { TerraformSchedules.declared(in: instance) }
            : TerraformSchedules.declared(in: instance, inherited: inherited)
        for block in module.resources where included(block) && block.labels[0] == TerraformExtractor.resourceType {
            let address = instance.resourceAddress(TerraformExtractor.resourceType, block.labels[1])
            let mark = (machines: extraction.machines.count, diagnostics: extraction.diagnostics.count)
            defer { dropUnknownCount(since: mark) }
            for copy in repetitions(block, in: TerraformScope(instance), address: address) {
                let matching = schedules.filter { found in
                    guard case .machine(let name, let key) = found.target else { return false }
                    return name == block.labels[1] && (key == nil || key == copy.key)
                }
                TerraformExtractor.machine(block, address: address + copy.suffix, scope: copy.scope,
                                           declaringFile: declaringFile ?? module.files[block.file].path,
                                           schedules: matching.map(\.schedule), into: &extraction)
            }
        }
        for call in module.moduleCalls where included(call) {
            let mark = (machines: extraction.machines.count, diagnostics: extraction.diagnostics.count)
            self.call(call, from: instance, declaringFile: declaringFile ?? module.files[call.file].path, schedules: schedules)
            dropUnknownCount(since: mark)
        }
    }

    /// A count that cannot be known matters only if its copy gave a machine: when none did (its
    /// definition is unknown too), the warning would say "counted as one" of nothing.
    private mutating func dropUnknownCount(since mark: (machines: Int, diagnostics: Int)) {
        guard extraction.machines.count == mark.machines, extraction.diagnostics.count > mark.diagnostics else { return }
        let added = extraction.diagnostics[mark.diagnostics...].filter { $0.code != "Terraform.UnknownCount" }
        extraction.diagnostics.replaceSubrange(mark.diagnostics..., with: added)
    }

    /// The copies of a block; a count that cannot be known counts as one, with a warning.
    private mutating func repetitions(_ block: TerraformModule.Block, in scope: TerraformScope, address: String) -> [TerraformRepetition] {
        let all = expand(block, in: scope, address: address)
        guard !stopped else { return [] }
        guard copies + all.count <= Self.maximumCopies else {
            stopped = true
            extraction.diagnostics.append(Diagnostic(.warning, "Terraform.TooManyCopies",
                "\(address): the configuration makes more than \(Self.maximumCopies) resource and module copies; the rest is not read", at: block.location))
            return []
        }
        copies += all.count
        return all
    }

    private mutating func expand(_ block: TerraformModule.Block, in scope: TerraformScope, address: String) -> [TerraformRepetition] {
        switch TerraformRepetitions.expand(block, in: scope) {
        case .copies(let copies):
            if copies.count == TerraformRepetitions.maximum {
                extraction.diagnostics.append(Diagnostic(.warning, "Terraform.TooManyCopies",
                    "\(address): more than \(TerraformRepetitions.maximum) copies; \(TerraformRepetitions.maximum) are read", at: block.location))
            }
            return copies
        case .unknown(let copies, let why):
            extraction.diagnostics.append(Diagnostic(.warning, "Terraform.UnknownCount",
                "\(address): the number of copies (\(why)) is not known without running Terraform; it is counted as one copy. If there are more, set `executions` in the profile for its machine(s) to the total of all copies, or analyse the plan JSON (terraform show -json)",
                at: block.location))
            return copies
        }
    }

    // MARK: - Modules

    private mutating func call(_ block: TerraformModule.Block, from instance: TerraformInstance, declaringFile: String,
                               schedules: [TerraformSchedules.Found]) {
        let name = block.labels[0]
        let address = instance.address.isEmpty ? "module.\(name)" : "\(instance.address).module.\(name)"
        let scope = TerraformScope(instance)
        guard let sourceExpression = block.attribute("source"), let source = TerraformEvaluator.evaluate(sourceExpression, in: scope).text else {
            extraction.diagnostics.append(Diagnostic(.warning, "Terraform.ModuleSource",
                "\(address): the module's source is not a literal string; its machines are not read", at: block.location))
            return
        }
        let key = instance.key.isEmpty ? name : "\(instance.key).\(name)"
        let directory: String
        // Terraform reads a source as a local path only when it starts with ./ or ../
        // (https://developer.hashicorp.com/terraform/language/modules/sources#local-paths).
        if source.hasPrefix("./") || source.hasPrefix("../") {
            let base = instance.module.directory.isEmpty ? "." : instance.module.directory
            directory = Self.standardized(TerraformPaths.appending(base, source))
        } else if let initialized = TerraformInitializedModules.directory(key: key, root: instance.chain[0]) {
            // Not fetched: `terraform init` has already downloaded it beside the root configuration.
            directory = initialized
            extraction.diagnostics.append(Diagnostic(.note, "Terraform.InitializedModule",
                "\(address): module source '\(source)' is read from \(directory), where terraform init downloaded it", at: sourceExpression.location))
        } else {
            extraction.diagnostics.append(Diagnostic(.note, "Terraform.RemoteModule",
                "\(address): module source '\(source)' is not a local path; \(Self.notFetched)", at: sourceExpression.location))
            return
        }
        guard !instance.chain.contains(directory), instance.depth < Self.maximumModuleDepth else {
            extraction.diagnostics.append(Diagnostic(.warning, "Terraform.ModuleCycle",
                "\(address): module '\(source)' calls itself or nests deeper than \(Self.maximumModuleDepth) modules; it is not followed", at: sourceExpression.location))
            return
        }
        let module = load(directory)
        guard !module.files.isEmpty || !module.failures.isEmpty else {
            extraction.diagnostics.append(Diagnostic(.warning, "Terraform.ModuleNotFound",
                "\(address): no Terraform files in '\(source)' (\(directory)); its machines are not read", at: sourceExpression.location))
            return
        }
        let reserved: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]
        for copy in repetitions(block, in: scope, address: address) {
            var arguments: [String: (expression: TerraformModule.Expression, scope: TerraformScope)] = [:]
            for (argument, expression) in block.attributes where !reserved.contains(argument) {
                arguments[argument] = (expression, copy.scope)
            }
            let child = TerraformInstance(module: module, address: address + copy.suffix, arguments: arguments,
                                          depth: instance.depth + 1, chain: instance.chain + [directory], key: key)
            let inherited = schedules.compactMap { found -> TerraformSchedules.Inherited? in
                guard case .moduleOutput(let module, let key, let output) = found.target,
                      module == name, key == nil || key == copy.key else { return nil }
                return TerraformSchedules.Inherited(output: output, schedule: found.schedule)
            }
            walk(child, onlyFile: nil, declaringFile: declaringFile, inherited: inherited)
        }
    }

    private mutating func load(_ directory: String) -> TerraformModule {
        if let module = modules[directory] { return module }
        let module = TerraformModuleCache.shared.module(directory: directory, collection: collection)
        modules[directory] = module
        if reportedDirectories.insert(directory).inserted {
            for (path, diagnostic) in module.failures.sorted(by: { $0.key < $1.key }) {
                var warning = diagnostic
                warning.severity = .warning
                warning.message = "module file skipped: \(diagnostic.message) (\(path))"
                extraction.diagnostics.append(warning)
            }
        }
        return module
    }

    /// An absolute path without `.`/`..` parts, the same however the directory was reached.
    /// (`FilePaths.standardized`: Foundation's `URL(fileURLWithPath:).standardizedFileURL.path`, with
    /// a fast path for paths already in that form.)
    static func standardized(_ path: String) -> String {
        FilePaths.standardized(path)
    }
}
