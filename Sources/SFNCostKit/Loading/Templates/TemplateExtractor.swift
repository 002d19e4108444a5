import Foundation

/// Finds state machines in CloudFormation and SAM templates (YAML or JSON, CDK's `cdk.out`
/// output included) and in Serverless Framework files (the serverless-step-functions plugin).
///
/// - `AWS::StepFunctions::StateMachine`: `Definition` (an object in the template: exact
///   locations), `DefinitionString` (a string, `!Sub`/`Fn::Sub`, or `Fn::Join` of parts), or
///   `DefinitionS3Location` (not read). Type from `StateMachineType`, name from `StateMachineName`.
/// - `AWS::Serverless::StateMachine`: `Definition`, or `DefinitionUri` (a file path relative to the
///   template; an S3 location is not read). Type from `Type`, name from `Name`.
/// - serverless.yml: `stepFunctions.stateMachines.<key>.definition`, `name`, `type`.
/// A machine without a literal name is named by its logical ID (or key). Intrinsic functions in a
/// definition (`!Ref`, `!GetAtt`, `${…}` substitutions) are left as placeholders: they change no count.
enum TemplateExtractor {
    struct Extraction {
        var machines: [MachineSource] = []
        var diagnostics: [Diagnostic] = []
        var failures: [InputError] = []
        /// Definition files the template refers to, also for machines that failed to load: such a
        /// file is the template's, not a machine of its own.
        var referencedFiles: [String] = []
    }

    static let stepFunctionsType = "AWS::StepFunctions::StateMachine"
    static let samType = "AWS::Serverless::StateMachine"

    /// True when `root` is a template or serverless file that declares state machines.
    static func isTemplate(_ root: SourceNode) -> Bool {
        func declaresMachines(_ resources: SourceNode?) -> Bool {
            (resources?.members ?? []).contains { [stepFunctionsType, samType].contains($0.value["Type"]?.string ?? "") }
        }
        if root["Resources"]?.members != nil { return declaresMachines(root["Resources"]) }
        return root["stepFunctions"]?["stateMachines"]?.members != nil || declaresMachines(root["resources"]?["Resources"])
    }

    static func extract(_ root: SourceNode, path: String, text: String) -> Extraction {
        var result = Extraction()
        let schedules = TemplateSchedules.byTarget(root, diagnostics: &result.diagnostics)
        for member in root["Resources"]?.members ?? [] {
            guard let type = member.value["Type"]?.string, type == stepFunctionsType || type == samType else { continue }
            resource(member, isSAM: type == samType, path: path, text: text, parameters: root["Parameters"],
                     schedules: schedules[member.key] ?? [], into: &result)
        }
        // serverless.yml: the plugin's machines, and CloudFormation resources under `resources`, with
        // the file's own variables filled in as the framework does before deploying.
        let isServerless = root["service"] != nil || root["stepFunctions"] != nil || root["resources"]?["Resources"] != nil
        guard isServerless, root["Resources"] == nil else { return result }
        let variables = ServerlessVariables(root: root).values
        for member in root["stepFunctions"]?["stateMachines"]?.members ?? [] {
            serverlessMachine(member, path: path, text: text, variables: variables, into: &result)
        }
        if let resources = root["resources"] {
            let filled = PlaceholderTree.substitute(resources, variables)
            let resourceSchedules = TemplateSchedules.byTarget(filled, diagnostics: &result.diagnostics)
            for member in filled["Resources"]?.members ?? [] {
                guard let type = member.value["Type"]?.string, type == stepFunctionsType || type == samType else { continue }
                resource(member, isSAM: type == samType, path: path, text: text, parameters: filled["Parameters"],
                         schedules: resourceSchedules[member.key] ?? [], into: &result)
            }
        }
        return result
    }

    // MARK: - CloudFormation and SAM

    private static func resource(_ member: SourceNode.Member, isSAM: Bool, path: String, text: String,
                                 parameters: SourceNode?, schedules: [DeclaredSchedule], into result: inout Extraction) {
        let logicalID = member.key
        let properties = member.value["Properties"]
        // CDK hashes logical IDs (`MyStateMachine6C96845B`); its construct path is what the user wrote.
        let cdkPath = cdkConstructPath(member.value)
        let name = properties?[isSAM ? "Name" : "StateMachineName"]?.literalString ?? cdkPath ?? logicalID
        var declared = Declared(file: path, declaration: cdkPath ?? logicalID)
        declared.schedules = (isSAM ? TemplateSchedules.samEvents(properties, parameters: parameters, diagnostics: &result.diagnostics) : [])
            + schedules
        // What the deployment fills into the definition, where the template fixes it.
        let substitutions = PlaceholderValues.cloudFormation(properties?["DefinitionSubstitutions"], parameters: parameters)
        let type = workflowType(properties?[isSAM ? "Type" : "StateMachineType"], name: name, into: &result)
        guard let properties else {
            result.diagnostics.append(Diagnostic(.warning, "Template.NoDefinition",
                "state machine '\(logicalID)' has no Properties; nothing to analyse", at: member.keyLocation))
            return
        }
        do throws(InputError) {
            if let definition = properties["Definition"] {
                guard definition.members != nil else {
                    throw InputError("Template.WrongType", "'Definition' of '\(logicalID)' must be an object", at: definition.location)
                }
                try add(PlaceholderTree.substitute(definition, substitutions), name: name, type: type,
                        bytes: JSONText.byteCount(definition), declared: declared, into: &result)
            } else if let string = properties["DefinitionString"] {
                let (root, bytes) = try definitionString(string, logicalID: logicalID, path: path, text: text,
                                                         substitutions: substitutions, parameters: parameters)
                try add(root, name: name, type: type, bytes: bytes, declared: declared, into: &result)
            } else if let uri = properties["DefinitionUri"] {
                guard let relative = uri.literalString else {
                    result.diagnostics.append(Diagnostic(.warning, "Template.RemoteDefinition",
                        "'DefinitionUri' of '\(logicalID)' points to S3; sfncost reads local files only", at: uri.location))
                    return
                }
                let file = definitionPath(relative, besideTemplate: path)
                guard isRegularFile(file) else {
                    result.diagnostics.append(Diagnostic(.warning, "Template.DefinitionNotFound",
                        definitionNotFound(logicalID, relative: relative, resolved: file), at: uri.location))
                    return
                }
                result.referencedFiles.append(file)
                let root = try definitionFile(file, substitutions: substitutions)
                let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
                var referencing = declared
                referencing.referencedFiles = [file]
                try add(root, name: name, type: type, bytes: bytes ?? 0, declared: referencing, into: &result)
            } else if let s3 = properties["DefinitionS3Location"] {
                result.diagnostics.append(Diagnostic(.warning, "Template.RemoteDefinition",
                    "'DefinitionS3Location' of '\(logicalID)' points to S3; sfncost reads local files only", at: s3.location))
            } else {
                result.diagnostics.append(Diagnostic(.warning, "Template.NoDefinition",
                    "state machine '\(logicalID)' has no Definition, DefinitionString or DefinitionUri", at: member.keyLocation))
            }
        } catch {
            result.failures.append(error)
        }
    }

    /// Where a SAM `DefinitionUri` points: relative to the template's directory, as the template's path
    /// was given (a relative path stays relative, so the message matches what the user typed).
    static func definitionPath(_ relative: String, besideTemplate path: String) -> String {
        var relative = relative
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        if let joined = FilePaths.joined(relative, besideFile: path) { return joined }
        let directory = FilePaths.deletingLastComponent(path)
        return relative.hasPrefix("/") || directory.isEmpty ? relative : FilePaths.appending(relative, to: directory)
    }

    /// True for a file that exists and is not a directory (`${file(./)}` names a folder).
    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The message for a `DefinitionUri` whose file is missing: the path as written and the path looked for.
    static func definitionNotFound(_ logicalID: String, relative: String, resolved: String) -> String {
        "'DefinitionUri' of '\(logicalID)' names '\(relative)': definition file '\(resolved)' not found; machine skipped"
    }

    /// A definition file that a template names (`DefinitionUri`, serverless `${file(...)}`), with the
    /// placeholders the template fills substituted before parsing; locations stay the file's own.
    static func definitionFile(_ file: String, substitutions: PlaceholderValues) throws(InputError) -> SourceNode {
        let text = try SourceDocument.readText(path: file)
        guard text.contains("${"), !substitutions.isEmpty else { return try InputCollector.parseAllowingPlaceholders(text, file: file) }
        var source = EmbeddedSource(placement: .block(firstLine: 1, indent: 0), quotesPlaceholders: true,
                                    resolve: substitutions.resolver)
        return try source.parse(text, file: file)
    }

    /// `DefinitionString` as a plain string, `!Sub`/`Fn::Sub` (a string, or `[string, variables]`),
    /// or `!Join`/`Fn::Join` of literal parts and placeholders.
    private static func definitionString(_ node: SourceNode, logicalID: String, path: String, text: String,
                                         substitutions: PlaceholderValues, parameters: SourceNode?) throws(InputError) -> (SourceNode, Int) {
        var body = node
        var values = substitutions
        if let sub = substitutionBody(node) {
            body = sub
            // `!Sub` fills its own variables and the template's parameters (their defaults) too.
            values = values.merging(PlaceholderValues.cloudFormation(subVariables(node), parameters: parameters))
                .merging(PlaceholderValues.parameterDefaults(parameters))
        }
        if let literal = body.string, body.tag == nil || body.tag == "!Sub" {
            // A literal `|` block keeps its lines; a quoted or folded string has no usable mapping.
            var source = EmbeddedSource(placement: body.isLiteralBlock
                ? EmbeddedSource.blockPlacement(of: body, fileText: text) : .fixed(body.location), quotesPlaceholders: true,
                resolve: values.resolver)
            return (try source.parse(literal, file: path), literal.utf8.count)
        }
        if let joined = joinedText(body) {
            var source = EmbeddedSource(placement: .fixed(node.location), quotesPlaceholders: true, resolve: values.resolver)
            return (try source.parse(joined, file: path), joined.utf8.count)
        }
        throw InputError("Template.UnreadableDefinition",
                         "'DefinitionString' of '\(logicalID)' is built in a way sfncost cannot read (expected a string, Fn::Sub or Fn::Join)",
                         at: node.location)
    }

    /// The template string of `!Sub x`, `!Sub [x, {…}]`, `{"Fn::Sub": x}` or `{"Fn::Sub": [x, {…}]}`.
    private static func substitutionBody(_ node: SourceNode) -> SourceNode? {
        let argument: SourceNode?
        if node.tag == "!Sub" { argument = node } else if let value = node["Fn::Sub"], node.members?.count == 1 { argument = value } else { return nil }
        guard let argument else { return nil }
        if argument.string != nil {
            var plain = argument
            plain.tag = nil
            return plain
        }
        if let first = argument.elements?.first, first.string != nil { return first }
        return nil
    }

    /// The variables map of `!Sub [string, {…}]` or `{"Fn::Sub": [string, {…}]}`.
    private static func subVariables(_ node: SourceNode) -> SourceNode? {
        let argument = node.tag == "!Sub" ? node : node["Fn::Sub"]
        guard let elements = argument?.elements, elements.count == 2 else { return nil }
        return elements[1]
    }

    /// `!Join [delimiter, [parts]]` or `{"Fn::Join": …}` with each part a string or a placeholder.
    private static func joinedText(_ node: SourceNode) -> String? {
        let argument: SourceNode?
        if node.tag == "!Join" { argument = node } else if let value = node["Fn::Join"], node.members?.count == 1 { argument = value } else { return nil }
        guard let elements = argument?.elements, elements.count == 2, let delimiter = elements[0].string,
              let parts = elements[1].elements else { return nil }
        return parts.map { part -> String in
            if let text = part.string, part.tag == nil { return text }
            return placeholder(part)
        }.joined(separator: delimiter)
    }

    /// `${Name}` for a `Ref`/`GetAtt`, so the joined text stays valid JSON inside a string.
    private static func placeholder(_ node: SourceNode) -> String {
        if let tag = node.tag, let text = node.string { return "${\(tag.dropFirst()) \(text)}" }
        if let member = node.members?.first {
            let target = member.value.string ?? member.value.elements?.compactMap(\.string).joined(separator: ".") ?? "?"
            return "${\(member.key == "Ref" ? "" : member.key + " ")\(target)}"
        }
        return "${?}"
    }

    // MARK: - Serverless Framework

    private static func serverlessMachine(_ member: SourceNode.Member, path: String, text: String,
                                          variables: PlaceholderValues, into result: inout Extraction) {
        let machine = PlaceholderTree.substitute(member.value, variables)
        let name = machine["name"]?.literalString ?? member.key
        let type = workflowType(machine["type"], name: name, into: &result)
        var declared = Declared(file: path, declaration: member.key)
        declared.schedules = TemplateSchedules.serverlessEvents(member.value["events"], values: variables, diagnostics: &result.diagnostics)
        do throws(InputError) {
            if let definition = machine["definition"], definition.members != nil {
                try add(definition, name: name, type: type, bytes: JSONText.byteCount(definition),
                        declared: declared, into: &result)
            } else if let written = member.value["definition"]?.string, let inner = PlaceholderTree.wholePlaceholder(written),
                      let reference = ServerlessVariables.fileReference(inner) {
                // `definition: ${file(./sm.json)}`, or `${file(./sm.yml):definition}` for one key of it.
                let file = definitionPath(reference.path, besideTemplate: path)
                let at = member.value["definition"]?.location ?? member.keyLocation
                guard isRegularFile(file) else {
                    result.diagnostics.append(Diagnostic(.warning, "Template.DefinitionNotFound",
                        "'definition' of '\(member.key)' names '\(reference.path)': definition file '\(file)' not found; machine skipped", at: at))
                    return
                }
                result.referencedFiles.append(file)
                var root = try definitionFile(file, substitutions: variables)
                for key in reference.selector {
                    guard let inner = root[key] else {
                        throw InputError("Template.NotADefinition", "'\(file)' has no key '\(reference.selector.joined(separator: "."))'", at: root.location)
                    }
                    root = inner
                }
                root = PlaceholderTree.substitute(root, variables)
                let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
                declared.referencedFiles = [file]
                try add(root, name: name, type: type, bytes: bytes ?? 0, declared: declared, into: &result)
            } else {
                result.diagnostics.append(Diagnostic(.warning, "Template.NoDefinition",
                    "state machine '\(member.key)' has no inline 'definition' object or '${file(...)}' reference sfncost can read", at: member.keyLocation))
            }
        } catch {
            result.failures.append(error)
        }
    }

    // MARK: - Common

    private static func workflowType(_ node: SourceNode?, name: String, into result: inout Extraction) -> WorkflowType {
        guard let node else { return .standard }
        if let text = node.literalString?.uppercased(), let type = WorkflowType(rawValue: text) { return type }
        result.diagnostics.append(Diagnostic(.warning, "Template.UnknownType",
            "the type of '\(name)' is not STANDARD or EXPRESS as written; STANDARD assumed", at: node.location))
        return .standard
    }

    /// Where a machine is declared, for its identity and for the files it pulls in.
    struct Declared {
        var file: String
        var declaration: String
        var referencedFiles: [String] = []
        var schedules: [DeclaredSchedule] = []
    }

    /// `MyStack/Flow/Resource` → `MyStack/Flow`: the construct path CDK writes in a resource's
    /// `Metadata`, without the `Resource` leaf every L1 resource has.
    static func cdkConstructPath(_ resource: SourceNode) -> String? {
        guard var path = resource["Metadata"]?["aws:cdk:path"]?.literalString, !path.isEmpty else { return nil }
        if path.hasSuffix("/Resource") { path.removeLast("/Resource".count) }
        return path
    }

    private static func add(_ root: SourceNode, name: String, type: WorkflowType, bytes: Int, declared: Declared,
                            into result: inout Extraction) throws(InputError) {
        guard DefinitionDecoder.looksLikeDefinition(root) else {
            throw InputError("Template.NotADefinition",
                             "the definition of '\(name)' is not a state machine (no StartAt and States)", at: root.location)
        }
        // A number filled in only at deployment is treated as absent, with a note.
        let (stripped, notes) = DeployTimePlaceholders.strip(root)
        var (machine, warnings) = try DefinitionDecoder.decode(stripped)
        warnings = notes + warnings
        var source = MachineSource(name: name, machine: machine, definitionBytes: bytes,
                                   declaredType: type, diagnostics: warnings, declaringFile: declared.file,
                                   declaration: declared.declaration, referencedFiles: declared.referencedFiles)
        source.schedules = declared.schedules
        result.machines.append(source)
        result.diagnostics += warnings
    }
}

extension SourceNode {
    /// A plain string with no intrinsic-function tag (`!Ref`, `!Sub`…).
    var literalString: String? { tag == nil ? string : nil }
}
