import Foundation

/// One Terraform module as Terraform sees it: every `.tf` and `.tf.json` file of one directory, read
/// together. Locals, variables, resources and module calls may sit in any of its files.
///
/// Only the structure is kept here; expressions are evaluated on demand by `TerraformEvaluator`.
struct TerraformModule {
    /// A parsed file of the module: HCL (`reader`) or JSON syntax (`json`).
    struct File {
        var path: String
        var reader: HCLReader?
        var json: SourceNode?
    }

    /// Where an expression's source lies: a range of an HCL file, or a node of a `.tf.json` file.
    struct Expression {
        enum Kind {
            case hcl(file: Int, start: Int, end: Int)
            case json(SourceNode)
        }
        var kind: Kind
        var location: SourceLocation
    }

    /// A block (`resource`, `module`, a nested `target { … }`) with its attributes and nested blocks.
    struct Block {
        var type: String
        var labels: [String]
        var file: Int
        var location: SourceLocation
        var attributes: [(name: String, value: Expression)]
        var blocks: [Block]

        func attribute(_ name: String) -> Expression? {
            attributes.first { $0.name == name }?.value
        }

        /// Nested blocks of a type; in JSON syntax they are attributes holding an object or a list of them.
        func nested(_ type: String) -> [Block] {
            var found = blocks.filter { $0.type == type }
            if let value = attribute(type), case .json(let node) = value.kind {
                let objects = node.elements ?? [node]
                for object in objects where object.members != nil {
                    found.append(TerraformModule.jsonBlock(type: type, labels: [], node: object, file: file))
                }
            }
            return found
        }
    }

    var directory: String
    var files: [File] = []
    var resources: [Block] = []
    var moduleCalls: [Block] = []
    var locals: [String: Expression] = [:]
    /// `output "x" { value = … }`: the value, to follow a schedule whose target is `module.m.x`.
    var outputs: [String: Expression] = [:]
    /// `variable "x" { default = … }`: the default, when there is one.
    var variables: [String: Expression?] = [:]
    /// Values set by `terraform.tfvars` / `*.auto.tfvars` beside a root module.
    var variableValues: [String: Expression] = [:]
    /// Files that could not be read, with why (reported only for the file the user's input names).
    var failures: [String: Diagnostic] = [:]
    /// Unreadable files whose text names `aws_sfn_state_machine`: for them, a failure is an error.
    var failuresDeclaringMachines: Set<String> = []
    /// The schedules the module declares, read as a root configuration: the same for each of its
    /// files, so worked out once (by the first file's walk) and shared by the copies of this module.
    let rootSchedules = TerraformRootSchedules()

    static func isTerraformFile(_ path: String) -> Bool {
        // An ASCII path, by bytes: lowercasing it maps A-Z only, and each byte is a whole character
        // (elsewhere a character that lowercases or joins into another one could change the answer).
        if TerraformBytes.isASCII(path) {
            return hasSuffixIgnoringASCIICase(path, ".tf") || hasSuffixIgnoringASCIICase(path, ".tf.json")
        }
        return isTerraformFileByCharacters(path)
    }

    /// The general path of `isTerraformFile`.
    static func isTerraformFileByCharacters(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tf") || lower.hasSuffix(".tf.json")
    }

    /// Whether the ASCII `path` ends with the lowercase ASCII `suffix`, whatever the case of its letters.
    static func hasSuffixIgnoringASCIICase(_ path: String, _ suffix: StaticString) -> Bool {
        let bytes = path.utf8
        let count = suffix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return suffix.withUTF8Buffer { wanted in
            zip(bytes.suffix(count), wanted).allSatisfy { byte, lower in
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == lower
            }
        }
    }

    // MARK: - Loading

    /// The module in `directory`: all its `.tf` and `.tf.json` files, sorted by name.
    static func load(directory: String) -> TerraformModule {
        var module = TerraformModule(directory: directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        for name in names.sorted() where isTerraformFile(name) {
            let path = directory.isEmpty ? name : TerraformPaths.appending(directory, name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            switch TerraformExtractor.readText(path) {
            case .success(let text): module.add(path: path, text: text)
            case .failure(let error):
                if let first = error.diagnostics.first { module.failures[path] = first }
            }
        }
        // Terraform's own order: terraform.tfvars, then *.auto.tfvars by name (a later file wins).
        for name in names.filter(isVariablesFile).sorted(by: { ($0.hasPrefix("terraform.tfvars") ? 0 : 1, $0) < ($1.hasPrefix("terraform.tfvars") ? 0 : 1, $1) }) {
            let path = directory.isEmpty ? name : TerraformPaths.appending(directory, name)
            if case .success(let text) = TerraformExtractor.readText(path) { module.addVariableValues(path: path, text: text) }
        }
        return module
    }

    /// A module made of one file's text only.
    static func single(path: String, text: String) -> TerraformModule {
        var module = TerraformModule(directory: TerraformPaths.deletingLastComponent(path))
        module.add(path: path, text: text)
        return module
    }

    mutating func add(path: String, text: String) {
        let count = failures.count
        defer {
            if failures.count > count, text.contains(TerraformExtractor.resourceType) { failuresDeclaringMachines.insert(path) }
        }
        if TerraformBytes.isASCII(path) ? Self.hasSuffixIgnoringASCIICase(path, ".json") : path.lowercased().hasSuffix(".json") {
            addJSON(path: path, text: text)
            return
        }
        var reader = HCLReader(text: text, file: path)
        let items: [HCLReader.Item]
        do {
            items = try reader.fileBody()
        } catch {
            failures[path] = Diagnostic(.error, "Terraform.Syntax", "cannot read Terraform file: \(error.message)",
                                        at: reader.location(error.offset))
            return
        }
        let index = files.count
        files.append(File(path: path, reader: reader))
        for case .block(let block) in items {
            let converted = hclBlock(block, file: index, reader: reader)
            switch block.type {
            case "resource" where block.labels.count == 2: resources.append(converted)
            case "module" where block.labels.count == 1: moduleCalls.append(converted)
            case "locals":
                for (name, value) in converted.attributes where locals[name] == nil { locals[name] = value }
            case "output" where block.labels.count == 1 && outputs[block.labels[0]] == nil:
                if let value = converted.attribute("value") { outputs[block.labels[0]] = value }
            case "variable" where block.labels.count == 1 && variables[block.labels[0]] == nil:
                variables[block.labels[0]] = .some(converted.attribute("default"))
            default: break
            }
        }
    }

    private func hclBlock(_ block: HCLReader.Block, file: Int, reader: HCLReader) -> Block {
        // Typed with the labels of `Block.attributes`: an unlabelled tuple array costs a conversion.
        var attributes: [(name: String, value: Expression)] = []
        var blocks: [Block] = []
        attributes.reserveCapacity(block.items.count)
        for item in block.items {
            switch item {
            case .attribute(let attribute):
                attributes.append((attribute.name, Expression(kind: .hcl(file: file, start: attribute.valueStart, end: attribute.valueEnd),
                                                              location: reader.location(attribute.valueStart))))
            case .block(let inner):
                blocks.append(hclBlock(inner, file: file, reader: reader))
            }
        }
        return Block(type: block.type, labels: block.labels, file: file, location: reader.location(block.typeOffset),
                     attributes: attributes, blocks: blocks)
    }

    /// `terraform.tfvars`, `*.auto.tfvars` and their `.json` forms: values for the root's variables.
    static func isVariablesFile(_ name: String) -> Bool {
        ["terraform.tfvars", "terraform.tfvars.json"].contains(name) || name.hasSuffix(".auto.tfvars")
            || name.hasSuffix(".auto.tfvars.json")
    }

    private mutating func addVariableValues(path: String, text: String) {
        if path.hasSuffix(".json") {
            guard let root = try? SourceDocument.parse(text, file: path) else { return }
            files.append(File(path: path, json: root))
            for member in root.members ?? [] {
                variableValues[member.key] = Expression(kind: .json(member.value), location: member.value.location)
            }
            return
        }
        var reader = HCLReader(text: text, file: path)
        guard let items = try? reader.fileBody() else { return }
        let index = files.count
        files.append(File(path: path, reader: reader))
        for case .attribute(let attribute) in items {
            variableValues[attribute.name] = Expression(kind: .hcl(file: index, start: attribute.valueStart, end: attribute.valueEnd),
                                                        location: reader.location(attribute.valueStart))
        }
    }

    // MARK: - JSON syntax

    /// Terraform's JSON syntax: `{"resource": {"TYPE": {"NAME": {…}}}, "locals": {…}, "variable": …, "module": …}`.
    /// https://developer.hashicorp.com/terraform/language/syntax/json
    private mutating func addJSON(path: String, text: String) {
        let root: SourceNode
        do {
            root = try SourceDocument.parse(text, file: path)
        } catch {
            if let first = error.diagnostics.first { failures[path] = first }
            return
        }
        guard root.members != nil else {
            failures[path] = Diagnostic(.error, "Terraform.Syntax", "a .tf.json file must hold a JSON object", at: root.location)
            return
        }
        let index = files.count
        files.append(File(path: path, json: root))
        /// A block body may be an object or a list of objects (repeated blocks).
        func bodies(_ node: SourceNode) -> [SourceNode] { (node.elements ?? [node]).filter { $0.members != nil } }
        for member in root.members ?? [] {
            switch member.key {
            case "resource":
                for type in member.value.members ?? [] {
                    for name in type.value.members ?? [] {
                        for body in bodies(name.value) {
                            resources.append(Self.jsonBlock(type: "resource", labels: [type.key, name.key], node: body,
                                                            file: index, at: name.keyLocation))
                        }
                    }
                }
            case "module":
                for name in member.value.members ?? [] {
                    for body in bodies(name.value) {
                        moduleCalls.append(Self.jsonBlock(type: "module", labels: [name.key], node: body, file: index, at: name.keyLocation))
                    }
                }
            case "locals":
                for body in bodies(member.value) {
                    for local in body.members ?? [] where locals[local.key] == nil {
                        locals[local.key] = Expression(kind: .json(local.value), location: local.value.location)
                    }
                }
            case "output":
                for name in member.value.members ?? [] where outputs[name.key] == nil {
                    if let value = bodies(name.value).first?["value"] {
                        outputs[name.key] = Expression(kind: .json(value), location: value.location)
                    }
                }
            case "variable":
                for name in member.value.members ?? [] where variables[name.key] == nil {
                    let body = bodies(name.value).first
                    variables[name.key] = .some(body?["default"].map { Expression(kind: .json($0), location: $0.location) })
                }
            default: break
            }
        }
    }

    static func jsonBlock(type: String, labels: [String], node: SourceNode, file: Int, at location: SourceLocation? = nil) -> Block {
        let attributes = (node.members ?? []).map { member in
            (name: member.key, value: Expression(kind: .json(member.value), location: member.value.location))
        }
        return Block(type: type, labels: labels, file: file, location: location ?? node.location,
                     attributes: attributes, blocks: [])
    }
}
