import Foundation

/// Folds what the Terraform readers found into the collector's result, so that the hook in
/// `InputCollector.load` stays a few lines.
extension InputCollector.Result {
    mutating func add(_ extraction: TerraformExtractor.Extraction) {
        machines += extraction.machines
        diagnostics += extraction.diagnostics
        failures += extraction.failures
    }

    /// A directory that another configuration of the same scan calls as a local module
    /// (`module "x" { source = "../modules/sfn" }`) is a module, not a configuration that is applied on
    /// its own: its machines are the ones its callers create, counted through each call with the
    /// arguments it passes. Read directly (the scan reaches it too), it would add machines built from
    /// its variables' defaults, so those are dropped here, with a note naming the caller.
    mutating func dropMachinesOfCalledTerraformModules(collection: TerraformModuleCache.Collection? = nil) {
        func directory(_ machine: MachineSource) -> String? {
            guard let file = machine.declaringFile, TerraformModule.isTerraformFile(file) else { return nil }
            let parent = TerraformPaths.deletingLastComponent(file)
            return TerraformWalk.standardized(parent.isEmpty ? "." : parent)
        }
        let directories = Set(machines.compactMap(directory))
        guard !directories.isEmpty else { return }
        // Each caller directory as the extractor named it when it read the module (already cached).
        var written: [String: String] = [:]
        for machine in machines {
            guard let file = machine.declaringFile, let caller = directory(machine), written[caller] == nil else { continue }
            written[caller] = TerraformPaths.deletingLastComponent(file)
        }
        // Callee directory → the first call that reaches it ("module.x in path/main.tf").
        var callers: [String: (call: String, location: SourceLocation)] = [:]
        for caller in directories.sorted() {
            let (module, path) = Self.module(caller, writtenAs: written[caller], collection: collection)
            let scope = TerraformScope(TerraformInstance(module: module, address: "", arguments: [:], depth: 0, chain: [caller]))
            for call in module.moduleCalls {
                guard let source = call.attribute("source").flatMap({ TerraformEvaluator.evaluate($0, in: scope).text }),
                      source.hasPrefix("./") || source.hasPrefix("../") else { continue }
                let callee = TerraformWalk.standardized(TerraformPaths.appending(caller, source))
                if callee != caller, callers[callee] == nil {
                    var location = call.location
                    location.file = path(location.file)
                    callers[callee] = ("module.\(call.labels[0]) in \(path(module.files[call.file].path))", location)
                }
            }
        }
        var dropped: [String: [String]] = [:]
        machines.removeAll { machine in
            guard let directory = directory(machine), callers[directory] != nil else { return false }
            dropped[directory, default: []].append(machine.declaration ?? machine.name)
            return true
        }
        for (directory, declarations) in dropped.sorted(by: { $0.key < $1.key }) {
            guard let caller = callers[directory] else { continue }
            diagnostics.append(Diagnostic(.note, "Terraform.CalledModule",
                "\(directory) is a module that \(caller.call) calls: its machines are counted through that call, not again on their own (\(declarations.joined(separator: ", ")))",
                at: caller.location))
        }
    }

    /// The module in the standardized directory `caller`, and how to name its files as a module read
    /// from `caller` names them. When the extractor read it under a name without `.` or `..` parts
    /// (`Tests/Corpus/terraform`), that is the same directory: the cached module is used and only
    /// its file names are rewritten (`caller` + `/` + the file's name), instead of reading and
    /// parsing the whole directory again. Any other name is read anew under `caller`.
    private static func module(_ caller: String, writtenAs written: String?,
                               collection: TerraformModuleCache.Collection?) -> (TerraformModule, (String) -> String) {
        if let written, !written.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
            let module = TerraformModuleCache.shared.module(directory: written, collection: collection)
            return (module, { TerraformPaths.appending(caller, TerraformPaths.lastComponent($0)) })
        }
        return (TerraformModuleCache.shared.module(directory: caller, collection: collection), { $0 })
    }
}
