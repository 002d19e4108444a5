/// Reads the state machines of a Terraform plan or state in JSON (`terraform show -json plan.out`,
/// `terraform show -json`): every `aws_sfn_state_machine` with its rendered `definition`.
///
/// This is the way to analyse definitions that a `.tf` file computes (`templatefile` with
/// variables, `data.template_file…rendered`): Terraform has filled them in. Machines are taken from
/// `resource_changes[].change.after` when the plan has any (resources being deleted are skipped),
/// otherwise from `planned_values.root_module` or `values.root_module`, child modules included.
///
/// Locations: the definition is a JSON string inside the plan, so its own lines and columns are
/// gone; every node of a machine points at the opening quote of its `definition` string.
///
/// Format reference: https://developer.hashicorp.com/terraform/internals/json-format
public enum TerraformPlanReader {
    /// Module nesting followed before giving up.
    static let maximumModuleDepth = 64

    /// True for the JSON `terraform show -json` writes: `format_version` with plan or state values.
    public static func looksLikePlan(_ root: SourceNode) -> Bool {
        root["format_version"] != nil
            && (root["planned_values"] != nil || root["resource_changes"] != nil || root["values"]?.members != nil)
    }

    /// The machines of a plan already parsed from `path`.
    public static func machines(root: SourceNode, path: String) -> TerraformExtractor.Extraction {
        var extraction = Extraction(path: path)
        if let changes = root["resource_changes"]?.elements {
            for change in changes where change["type"]?.string == TerraformExtractor.resourceType {
                let address = change["address"]?.string ?? TerraformExtractor.resourceType
                let actions = change["change"]?["actions"]?.elements?.compactMap(\.string) ?? []
                if actions == ["delete"] { continue }
                guard let after = change["change"]?["after"], after.members != nil else { continue }
                let unknown = change["change"]?["after_unknown"]?["definition"]?.bool == true
                extraction.resource(address: address, values: after, unknownDefinition: unknown, at: change.location)
            }
        }
        if extraction.seen == 0 {
            for key in ["planned_values", "values"] {
                if let module = root[key]?["root_module"] {
                    extraction.module(module, depth: 0)
                }
            }
        }
        if extraction.seen == 0 {
            extraction.result.diagnostics.append(Diagnostic(.note, "Terraform.NoStateMachine",
                "no aws_sfn_state_machine in this Terraform plan", at: root.location))
        }
        return extraction.result
    }

    // MARK: - Walking

    private struct Extraction {
        let path: String
        var result = TerraformExtractor.Extraction()
        var seen = 0

        init(path: String) { self.path = path }

        /// One module's resources, then its child modules (bounded depth, no recursion past it).
        mutating func module(_ module: SourceNode, depth: Int) {
            guard depth < TerraformPlanReader.maximumModuleDepth else {
                result.diagnostics.append(Diagnostic(.warning, "Terraform.TooDeep",
                    "modules nest deeper than \(TerraformPlanReader.maximumModuleDepth) levels; the rest is skipped", at: module.location))
                return
            }
            for item in module["resources"]?.elements ?? []
            where item["type"]?.string == TerraformExtractor.resourceType && item["mode"]?.string != "data" {
                guard let values = item["values"], values.members != nil else { continue }
                resource(address: item["address"]?.string ?? TerraformExtractor.resourceType,
                         values: values, unknownDefinition: false, at: item.location)
            }
            for child in module["child_modules"]?.elements ?? [] {
                self.module(child, depth: depth + 1)
            }
        }

        mutating func resource(address: String, values: SourceNode, unknownDefinition: Bool, at location: SourceLocation) {
            seen += 1
            guard let definition = values["definition"], let text = definition.string else {
                let why = unknownDefinition ? "is not known until apply" : "is missing"
                result.diagnostics.append(Diagnostic(.warning, "Terraform.UnknownDefinition",
                    "\(address): definition \(why) in the plan; machine skipped", at: values["definition"]?.location ?? location))
                return
            }
            let name = values["name"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? address
            let type = values["type"]?.string.flatMap { WorkflowType(rawValue: $0.uppercased()) } ?? .standard
            var embedded = EmbeddedSource(placement: .fixed(definition.location), quotesPlaceholders: false)
            do {
                let root = try embedded.parse(text, file: path)
                guard DefinitionDecoder.looksLikeDefinition(root) else {
                    result.failures.append(InputError("Terraform.NotADefinition",
                        "\(address): definition is not a state machine: expected an object with 'StartAt' and 'States'",
                        at: definition.location))
                    return
                }
                let (machine, warnings) = try DefinitionDecoder.decode(root)
                // The address is the full one (`module.etl.aws_sfn_state_machine.daily[0]`), in
                // `resource_changes` and in `child_modules` alike: it is the machine's declaration.
                result.machines.append(MachineSource(name: name, machine: machine, definitionBytes: text.utf8.count,
                                                     declaredType: type, diagnostics: warnings,
                                                     declaringFile: path, declaration: address))
                result.diagnostics += warnings
            } catch {
                result.failures.append(error)
            }
        }
    }
}
