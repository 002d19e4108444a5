import Foundation

/// Evaluates the Terraform expressions sfncost needs — `count`, `for_each`, `name`, `type`,
/// `definition`, schedule expressions — as far as they are literal: literals, `var.`, `local.`,
/// `each.`, `count.index`, `path.module`, conditionals, comparisons and logic, string templates, and a
/// few functions (`jsonencode`, `jsondecode`, `yamldecode`, `file`, `templatefile`, `toset`, `tolist`, `tomap`, `length`,
/// `upper`, `lower`, `merge`, `concat`, `keys`, `values`, `try`, `coalesce`). Anything else is an
/// `unknown` value, never an error: Terraform computes it at plan time.
///
/// Every recursion is bounded by one budget, `maximumDepth`, shared by nesting inside an expression,
/// references followed (`local.a` → `var.b` → …, which also ends a `local` that refers to itself) and
/// interpolations: the stack stays small whatever the input.
enum TerraformEvaluator {
    static let maximumDepth = 128

    static func evaluate(_ expression: TerraformModule.Expression, in scope: TerraformScope, depth: Int = 0) -> TerraformValue {
        guard depth < maximumDepth else { return .unknown(.unsupported("expressions or references nest too deeply")) }
        switch expression.kind {
        case .json(let node):
            return json(node, in: scope, depth: depth)
        case .hcl(let file, let start, let end):
            guard let reader = scope.instance.module.files[file].reader else { return .unknown(.unsupported("?")) }
            var parser = TerraformExpressionParser(reader: reader, end: end, scope: scope, depth: depth)
            parser.reader.offset = start
            return parser.whole()
        }
    }

    /// An expression given as text (inside a template), evaluated in `scope`.
    static func evaluate(source: String, file: String, at location: SourceLocation, in scope: TerraformScope,
                         depth: Int) -> TerraformValue {
        guard depth < maximumDepth else { return .unknown(.unsupported(source)) }
        var reader = HCLReader(text: source, file: file)
        reader.fixedLocation = location
        var parser = TerraformExpressionParser(reader: reader, end: reader.bytes.count, scope: scope, depth: depth)
        return parser.whole()
    }

    /// The expression's text, for messages.
    static func source(_ expression: TerraformModule.Expression, in scope: TerraformScope) -> String {
        switch expression.kind {
        case .json(let node): return node.string ?? node.kindName
        case .hcl(let file, let start, let end):
            let text = scope.instance.module.files[file].reader?.text(start..<end) ?? ""
            let line = text.prefix { $0 != "\n" }
            return line.count > 60 ? line.prefix(57) + "…" : String(line)
        }
    }

    /// An expression in Terraform's JSON syntax: strings are templates, the rest is literal.
    static func json(_ node: SourceNode, in scope: TerraformScope, depth: Int) -> TerraformValue {
        guard depth < maximumDepth else { return .unknown(.unsupported("nesting")) }
        switch node.value {
        case .string(let text):
            guard TerraformBytes.contains(text, "${") || TerraformBytes.contains(text, "%{") else {
                return .string(text, known: true, origin: .fixed(node.location))
            }
            return template(text, file: node.location.file, at: node.location, in: scope, depth: depth + 1)
        case .number(let text): return Decimal(string: text).map(TerraformValue.number) ?? .unknown(.unsupported(text))
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .array(let items): return .list(items.map { json($0, in: scope, depth: depth + 1) })
        case .object(let members):
            return .object(members.map { ($0.key, json($0.value, in: scope, depth: depth + 1)) })
        }
    }

    /// A template string's text (interpolations as written), evaluated part by part; unknown parts
    /// stay as written. A string that is one interpolation only is that expression's value.
    static func template(_ text: String, file: String, at location: SourceLocation, in scope: TerraformScope,
                         depth: Int) -> TerraformValue {
        guard depth < maximumDepth else { return .unknown(.unsupported("interpolations nest too deeply")) }
        var reader = HCLReader(text: text, file: file)
        reader.fixedLocation = location
        var result = ""
        var known = true
        var literalStart = 0
        // Byte offsets: `$`, `%`, `{` and `~` are ASCII, never part of a longer character.
        let bytes = reader.bytes
        var index = 0
        var parts = 0
        var only: TerraformValue?
        func flushLiteral(_ end: Int) {
            if end > literalStart {
                result += reader.text(literalStart..<end)
                parts += 1
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%"), index + 1 < bytes.count,
                  bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            flushLiteral(index)
            reader.offset = index
            do {
                try reader.skipTemplate(depth: 0)
            } catch {
                return .string(text, known: false, origin: .fixed(location))
            }
            let end = reader.offset
            parts += 1
            if byte == UInt8(ascii: "$") {
                var parser = TerraformExpressionParser(reader: reader, end: end - 1, scope: scope, depth: depth)
                parser.reader.offset = index + 2
                // `${~ x ~}` strip markers do not change a value here.
                if parser.reader.offset < end - 1, bytes[parser.reader.offset] == UInt8(ascii: "~") { parser.reader.offset += 1 }
                parser.end = (end - 2 >= 0 && bytes[end - 2] == UInt8(ascii: "~")) ? end - 2 : end - 1
                let value = parser.whole()
                only = value
                if let piece = value.text {
                    result += piece
                } else {
                    known = false
                    result += reader.text(index..<end)
                }
            } else {
                known = false
                result += reader.text(index..<end)
            }
            index = end
            literalStart = end
        }
        flushLiteral(bytes.count)
        if parts == 1, let only { return only }
        return .string(result, known: known, origin: .fixed(location))
    }

    // MARK: - References

    static func variable(_ name: String, in scope: TerraformScope, depth: Int) -> TerraformValue {
        if let cached = scope.instance.variables[name] { return cached }
        let value = uncachedVariable(name, in: scope, depth: depth)
        scope.instance.variables[name] = value
        return value
    }

    private static func uncachedVariable(_ name: String, in scope: TerraformScope, depth: Int) -> TerraformValue {
        let instance = scope.instance
        if let argument = instance.arguments[name] {
            return evaluate(argument.expression, in: argument.scope, depth: depth + 1)
        }
        if instance.isRoot, let value = instance.module.variableValues[name] {
            return evaluate(value, in: TerraformScope(instance), depth: depth + 1)
        }
        if let declared = instance.module.variables[name], let defaultValue = declared {
            let value = evaluate(defaultValue, in: TerraformScope(instance), depth: depth + 1)
            if case .null = value { return .unknown(.unsetVariable(name)) }
            return value
        }
        return .unknown(.unsetVariable(name))
    }

    /// Where `var.NAME` or `local.NAME` is written, followed through further plain references
    /// (`var.definition` → the caller's `local.definition` → its `{ … }`), with the scope it is read in.
    static func definingExpression(of reference: String, in scope: TerraformScope) -> (TerraformModule.Expression, TerraformScope)? {
        var current = (reference: reference, scope: scope)
        for _ in 0..<maximumDepth {
            let parts = current.reference.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let name = String(parts[1])
            let instance = current.scope.instance
            let found: (TerraformModule.Expression, TerraformScope)?
            switch parts[0] {
            case "local": found = instance.module.locals[name].map { ($0, TerraformScope(instance)) }
            case "var":
                if let argument = instance.arguments[name] { found = (argument.expression, argument.scope) }
                else if instance.isRoot, let value = instance.module.variableValues[name] { found = (value, TerraformScope(instance)) }
                else { found = instance.module.variables[name].flatMap { $0 }.map { ($0, TerraformScope(instance)) } }
            default: return nil
            }
            guard let (expression, inner) = found else { return nil }
            let text = fullSource(expression, in: inner).trimmingCharacters(in: .whitespacesAndNewlines)
            guard isPlainReference(text) else { return (expression, inner) }
            current = (text, inner)
        }
        return nil
    }

    /// `var.x` or `local.x`, nothing more.
    static func isPlainReference(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "var" || parts[0] == "local", let first = parts[1].unicodeScalars.first,
              first.properties.isAlphabetic || first == "_" else { return false }
        return parts[1].unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-" }
    }

    static func fullSource(_ expression: TerraformModule.Expression, in scope: TerraformScope) -> String {
        switch expression.kind {
        case .json(let node): return node.string ?? ""
        case .hcl(let file, let start, let end): return scope.instance.module.files[file].reader?.text(start..<end) ?? ""
        }
    }

    static func local(_ name: String, in scope: TerraformScope, depth: Int) -> TerraformValue {
        guard let expression = scope.instance.module.locals[name] else { return .unknown(.reference("local.\(name)")) }
        if let cached = scope.instance.locals[name] { return cached }
        let value = evaluate(expression, in: TerraformScope(scope.instance), depth: depth + 1)
        scope.instance.locals[name] = value
        return value
    }

    /// Where `file`/`templatefile` paths lead: relative to the module's directory, as written otherwise.
    static func resolve(_ written: String, in scope: TerraformScope) -> String {
        var relative = written
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        let directory = scope.instance.module.directory
        return relative.hasPrefix("/") || directory.isEmpty || directory == "." ? relative
            : TerraformPaths.appending(directory, relative)
    }
}
