import Foundation

/// One instance of a module: the root configuration, or a `module "x" { … }` call (one per `count`
/// index or `for_each` key), with the arguments its caller passes.
final class TerraformInstance {
    let module: TerraformModule
    /// `""` for the root, else `module.etl`, `module.etl[0]`, `module.a.module.b["x"]`.
    let address: String
    /// Arguments bound to the module's variables, each evaluated where the caller writes it.
    let arguments: [String: (expression: TerraformModule.Expression, scope: TerraformScope)]
    /// Module calls between the root (0) and this instance.
    let depth: Int
    /// The directories from the root to here, to refuse a module that calls itself.
    let chain: [String]
    /// Locals and variables already evaluated: each has one value per instance, and the cache keeps
    /// locals that refer to each other many times (`a = [local.b, local.b]`, …) from costing 2ⁿ.
    var locals: [String: TerraformValue] = [:]
    var variables: [String: TerraformValue] = [:]

    /// The module's key in `.terraform/modules/modules.json`: call names joined by dots, no indices.
    let key: String

    init(module: TerraformModule, address: String,
         arguments: [String: (expression: TerraformModule.Expression, scope: TerraformScope)],
         depth: Int, chain: [String], key: String = "") {
        self.key = key
        self.module = module
        self.address = address
        self.arguments = arguments
        self.depth = depth
        self.chain = chain
    }

    var isRoot: Bool { depth == 0 }

    /// `prefix.type.name` for a resource of this instance.
    func resourceAddress(_ type: String, _ name: String) -> String {
        address.isEmpty ? "\(type).\(name)" : "\(address).\(type).\(name)"
    }
}

/// Where an expression is evaluated: its module instance, and `each`/`count` inside a repeated block.
struct TerraformScope {
    let instance: TerraformInstance
    var eachKey: TerraformValue?
    var eachValue: TerraformValue?
    var countIndex: Int?

    init(_ instance: TerraformInstance) { self.instance = instance }
}

/// One copy of a block with `count` or `for_each`.
struct TerraformRepetition {
    /// `""`, `[0]` or `["etl"]`.
    var suffix: String
    var scope: TerraformScope
    /// The `count.index` or `for_each` key, to match references such as `aws_sfn_state_machine.x[0]`.
    var key: String?
}

enum TerraformRepetitions {
    /// More copies than this are reported as this many, with a warning.
    static let maximum = 1000

    enum Outcome {
        case copies([TerraformRepetition])
        /// The count cannot be known: one copy is counted; the string says why.
        case unknown([TerraformRepetition], String)
    }

    /// The copies a block with `count`/`for_each` makes, evaluated in `scope`.
    static func expand(_ block: TerraformModule.Block, in scope: TerraformScope) -> Outcome {
        let single = [TerraformRepetition(suffix: "", scope: scope, key: nil)]
        if let count = block.attribute("count") {
            let value = TerraformEvaluator.evaluate(count, in: scope)
            // A whole number; a huge one is capped (it is compared before converting, so nothing traps).
            guard let number = value.number, number >= 0,
                  case let capped = min(number, Decimal(maximum)), Decimal(NSDecimalNumber(decimal: capped).intValue) == capped else {
                return .unknown(single, "count = \(TerraformEvaluator.source(count, in: scope))")
            }
            let n = NSDecimalNumber(decimal: capped).intValue
            return .copies((0..<n).map { index in
                var inner = scope
                inner.countIndex = index
                return TerraformRepetition(suffix: "[\(index)]", scope: inner, key: String(index))
            })
        }
        if let forEach = block.attribute("for_each") {
            let value = TerraformEvaluator.evaluate(forEach, in: scope)
            var pairs: [(String, TerraformValue)] = []
            switch value {
            case .list(let items):
                guard items.allSatisfy({ $0.text != nil }) else { break }
                // A set of strings: each.key = each.value; Terraform orders instances by key.
                var seen: Set<String> = []
                for item in items { if let text = item.text, seen.insert(text).inserted { pairs.append((text, item)) } }
            case .object(let members):
                pairs = members.map { ($0.key, $0.value) }
            default:
                break
            }
            guard value.isKnownCollection else {
                return .unknown(single, "for_each = \(TerraformEvaluator.source(forEach, in: scope))")
            }
            pairs.sort { $0.0 < $1.0 }
            return .copies(pairs.prefix(maximum).map { key, item in
                var inner = scope
                inner.eachKey = .string(key, known: true, origin: nil)
                inner.eachValue = item
                return TerraformRepetition(suffix: "[\"\(key)\"]", scope: inner, key: key)
            })
        }
        return .copies(single)
    }
}

private extension TerraformValue {
    /// A list whose every element is a known string, or an object (its keys are always known).
    var isKnownCollection: Bool {
        switch self {
        case .list(let items): return items.allSatisfy { $0.text != nil }
        case .object: return true
        default: return false
        }
    }
}
