import Foundation

/// A Terraform value as far as sfncost can know it without running Terraform.
///
/// Strings remember where their text came from (a heredoc, a quoted string), so that a definition
/// reached through `local.x` or a module input is still located in the file that writes it.
/// `jsonencode(…)` and `file(…)`/`templatefile(…)` are kept as what they name, for the same reason.
indirect enum TerraformValue {
    /// Where a string's text lies in a file.
    enum Origin {
        /// A heredoc body: its line 1 is `firstLine` of `file`, every column shifted by `indent`.
        case heredoc(file: String, firstLine: Int, indent: Int)
        /// A quoted string (its characters cannot be mapped one by one): every node points here.
        case fixed(SourceLocation)
    }

    /// Why a value is not known.
    enum Unknown {
        /// A reference or call sfncost does not evaluate (`data.x.rendered`, `aws_lambda_function.f.arn`).
        case reference(String)
        /// `var.x` with no value passed and no default.
        case unsetVariable(String)
        /// A `file()`/`templatefile()` whose path is not known.
        case computedPath(String)
        /// An expression form sfncost does not evaluate (`for`, splat, an unknown function).
        case unsupported(String)
    }

    /// `known` is false when some interpolation could not be evaluated (it is then kept as written).
    case string(String, known: Bool, origin: Origin?)
    case number(Decimal)
    case bool(Bool)
    case null
    case list([TerraformValue])
    case object([(key: String, value: TerraformValue)])
    /// `jsonencode(x)`: the encoded value as a located tree, and the size of its source.
    case json(SourceNode, bytes: Int)
    /// `file(path)` / `templatefile(path, variables)`; `at` is where the path is written.
    case file(path: String, isTemplate: Bool, variables: [String: TerraformValue], at: SourceLocation)
    case unknown(Unknown)
    /// A definition written so that it cannot be read (bad syntax inside `jsonencode`): an error.
    case failed(String, SourceLocation)

    var isKnown: Bool {
        switch self {
        case .unknown, .failed: return false
        case .string(_, let known, _): return known
        case .list(let items): return items.allSatisfy(\.isKnown)
        case .object(let members): return members.allSatisfy { $0.value.isKnown }
        default: return true
        }
    }

    /// The text of a known string, number or boolean (what an interpolation writes).
    var text: String? {
        switch self {
        case .string(let text, let known, _): return known ? text : nil
        case .number(let number): return "\(number)"
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    var truth: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text, true, _) where text == "true" || text == "false": return text == "true"
        default: return nil
        }
    }

    var number: Decimal? {
        switch self {
        case .number(let number): return number
        case .string(let text, true, _): return Decimal(string: text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// The value for a key of a map/object, or an index of a list.
    func member(_ key: String) -> TerraformValue {
        switch self {
        case .object(let members):
            return members.first { $0.key == key }?.value ?? .unknown(.reference("[\(key)]"))
        case .list(let items):
            if let index = Int(key), index >= 0, index < items.count { return items[index] }
            return .unknown(.reference("[\(key)]"))
        case .unknown, .failed: return self
        default: return .unknown(.reference("[\(key)]"))
        }
    }

    /// A value as JSON (`jsonencode`), located at `location`; what is unknown stays a `${…}` string.
    func sourceNode(at location: SourceLocation, depth: Int = 0) -> SourceNode {
        guard depth < HCLReader.maximumDepth else { return SourceNode(.null, at: location) }
        switch self {
        case .string(let text, _, _): return SourceNode(.string(text), at: location)
        case .number(let number): return SourceNode(.number("\(number)"), at: location)
        case .bool(let flag): return SourceNode(.bool(flag), at: location)
        case .null: return SourceNode(.null, at: location)
        case .list(let items): return SourceNode(.array(items.map { $0.sourceNode(at: location, depth: depth + 1) }), at: location)
        case .object(let members):
            return SourceNode(.object(members.map {
                SourceNode.Member(key: $0.key, keyLocation: location, value: $0.value.sourceNode(at: location, depth: depth + 1))
            }), at: location)
        case .json(let node, _): return node
        case .file(let path, _, _, _): return SourceNode(.string("${file(\(path))}"), at: location)
        case .unknown(let why): return SourceNode(.string("${\(why.source)}"), at: location)
        case .failed(let message, _): return SourceNode(.string("${\(message)}"), at: location)
        }
    }
}

extension TerraformValue.Unknown {
    var source: String {
        switch self {
        case .reference(let text), .computedPath(let text), .unsupported(let text): return text
        case .unsetVariable(let name): return "var.\(name)"
        }
    }
}
