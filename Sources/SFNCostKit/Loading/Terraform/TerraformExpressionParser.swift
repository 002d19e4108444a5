import Foundation

/// Reads and evaluates one HCL expression between the reader's offset and `end`
/// (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md, "Expressions"). Whatever it does not
/// understand makes the value `unknown`; only a `jsonencode({ … })` that cannot be read is `failed`.
struct TerraformExpressionParser {
    struct Stop: Error {}

    var reader: HCLReader
    var end: Int
    let scope: TerraformScope
    /// The evaluation's depth so far (nesting, references and interpolations share one budget).
    private var depth: Int
    /// Inside an object's value a newline ends the expression; inside brackets it does not.
    private var newlineEnds = false

    init(reader: HCLReader, end: Int, scope: TerraformScope, depth: Int) {
        self.reader = reader
        self.end = end
        self.scope = scope
        self.depth = depth
    }

    /// The whole range as one value; trailing text that is not understood makes it unknown.
    mutating func whole() -> TerraformValue {
        let start = reader.offset
        // `${~}` leaves the range with its end before its start: its text is then empty.
        let range = start..<max(start, end)
        do {
            let value = try expression()
            if case .failed = value { return value }
            skip()
            if reader.offset < end { return .unknown(.unsupported(reader.text(range))) }
            return value
        } catch {
            return .unknown(.unsupported(reader.text(range)))
        }
    }

    // MARK: - Tokens

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = reader.offset + ahead
        return index < end ? reader.source.scalar(at: index)?.scalar : nil
    }

    private mutating func skip() {
        let saved = reader.offset
        reader.skipTrivia(newlines: !newlineEnds)
        if reader.offset > end { reader.offset = max(saved, end) }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(Stop) {
        skip()
        guard peek() == scalar else { throw Stop() }
        reader.offset += 1
    }

    private mutating func nested<T>(_ body: (inout TerraformExpressionParser) throws(Stop) -> T) throws(Stop) -> T {
        guard depth < TerraformEvaluator.maximumDepth else { throw Stop() }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    // MARK: - Operators

    mutating func expression() throws(Stop) -> TerraformValue {
        try nested { (parser: inout TerraformExpressionParser) throws(Stop) -> TerraformValue in
            let condition = try parser.binary(0)
            parser.skip()
            guard parser.peek() == "?" else { return condition }
            parser.reader.offset += 1
            let whenTrue = try parser.expression()
            try parser.expect(":")
            let whenFalse = try parser.expression()
            guard let truth = condition.truth else {
                return .unknown(.reference("conditional"))
            }
            return truth ? whenTrue : whenFalse
        }
    }

    /// The binary operators, longest first where one starts another, with their ASCII bytes (kept
    /// beside the symbol: making them from the symbol on every look cost an array each time).
    private static let operators: [(symbol: String, bytes: [UInt8], precedence: Int)] = [
        ("||", 1), ("&&", 2), ("==", 3), ("!=", 3), ("<=", 4), (">=", 4), ("<", 4), (">", 4),
        ("+", 5), ("-", 5), ("*", 6), ("/", 6), ("%", 6),
    ].map { ($0.0, Array($0.0.utf8), $0.1) }

    private mutating func nextOperator() -> (String, Int)? {
        skip()
        // The first byte of the ASCII-only operators: `peek(i)` is the scalar that starts there, equal
        // to an ASCII character only when that byte is it (and lies before `end`).
        let bytes = reader.source.bytes
        let start = reader.offset
        func sees(_ byte: UInt8, at index: Int) -> Bool {
            index < end && index < bytes.count && bytes[index] == byte
        }
        for (symbol, symbolBytes, precedence) in Self.operators {
            var matches = true
            for (ahead, byte) in symbolBytes.enumerated() where !sees(byte, at: start + ahead) {
                matches = false
                break
            }
            if matches {
                // `=>` and `==` start with `=`, not an operator listed alone; `<<` is a heredoc.
                if symbol == "<" && sees(UInt8(ascii: "<"), at: start + 1) { return nil }
                return (symbol, precedence)
            }
        }
        return nil
    }

    private mutating func binary(_ minimum: Int) throws(Stop) -> TerraformValue {
        var left = try unary()
        while let (symbol, precedence) = nextOperator(), precedence > minimum {
            reader.offset += symbol.unicodeScalars.count
            let right = try nested { (parser: inout TerraformExpressionParser) throws(Stop) in try parser.binary(precedence) }
            left = Self.apply(symbol, left, right)
        }
        return left
    }

    private static func apply(_ symbol: String, _ left: TerraformValue, _ right: TerraformValue) -> TerraformValue {
        switch symbol {
        case "||":
            if left.truth == true || right.truth == true { return .bool(true) }
            if let a = left.truth, let b = right.truth { return .bool(a || b) }
        case "&&":
            if left.truth == false || right.truth == false { return .bool(false) }
            if let a = left.truth, let b = right.truth { return .bool(a && b) }
        case "==", "!=":
            guard left.isKnown && right.isKnown else { break }
            let equal: Bool
            if let a = left.number, let b = right.number, case .number = left { equal = a == b }
            else if let a = left.text, let b = right.text { equal = a == b }
            else if case .null = left, case .null = right { equal = true }
            else if case .null = left { equal = false }
            else if case .null = right { equal = false }
            else { break }
            return .bool(symbol == "==" ? equal : !equal)
        default:
            guard let a = left.number, let b = right.number else { break }
            switch symbol {
            case "<": return .bool(a < b)
            case ">": return .bool(a > b)
            case "<=": return .bool(a <= b)
            case ">=": return .bool(a >= b)
            case "+": return .number(a + b)
            case "-": return .number(a - b)
            case "*": return .number(a * b)
            case "/": return b == 0 ? .unknown(.unsupported("division by zero")) : .number(a / b)
            default: break
            }
        }
        return .unknown(.reference("operator \(symbol)"))
    }

    private mutating func unary() throws(Stop) -> TerraformValue {
        skip()
        if peek() == "!" {
            reader.offset += 1
            let value = try nested { (parser: inout TerraformExpressionParser) throws(Stop) in try parser.unary() }
            return value.truth.map { .bool(!$0) } ?? .unknown(.reference("!"))
        }
        if peek() == "-", let next = peek(1), !("0"..."9").contains(next) {
            reader.offset += 1
            let value = try nested { (parser: inout TerraformExpressionParser) throws(Stop) in try parser.unary() }
            return value.number.map { .number(-$0) } ?? .unknown(.reference("-"))
        }
        return try postfix(try primary())
    }

    // MARK: - Traversals

    private mutating func postfix(_ base: TerraformValue) throws(Stop) -> TerraformValue {
        var value = base
        while true {
            let saved = reader.offset
            skip()
            if peek() == ".", let next = peek(1), next != "." {
                reader.offset += 1
                if peek() == "*" { reader.offset += 1; value = .unknown(.unsupported("splat")); continue }
                if let name = reader.identifier() { value = value.member(name); continue }
                if let number = digits() { value = value.member(number); continue }
                throw Stop()
            }
            if peek() == "[" {
                reader.offset += 1
                skip()
                if peek() == "*" {
                    reader.offset += 1
                    try expect("]")
                    value = .unknown(.unsupported("splat"))
                    continue
                }
                let key = try inBrackets { (parser: inout TerraformExpressionParser) throws(Stop) in try parser.expression() }
                try expect("]")
                value = key.text.map { value.member($0) } ?? .unknown(.reference("index"))
                continue
            }
            reader.offset = saved
            return value
        }
    }

    private mutating func digits() -> String? {
        let start = reader.offset
        while let scalar = peek(), ("0"..."9").contains(scalar) { reader.offset += 1 }
        return reader.offset > start ? reader.text(start..<reader.offset) : nil
    }

    private mutating func inBrackets<T>(_ body: (inout TerraformExpressionParser) throws(Stop) -> T) throws(Stop) -> T {
        let saved = newlineEnds
        newlineEnds = false
        defer { newlineEnds = saved }
        return try nested(body)
    }

    // MARK: - Primaries

    private mutating func primary() throws(Stop) -> TerraformValue {
        skip()
        guard let scalar = peek() else { throw Stop() }
        let start = reader.offset
        let at = reader.location(start)
        switch scalar {
        case "(":
            reader.offset += 1
            let value = try inBrackets { (parser: inout TerraformExpressionParser) throws(Stop) in try parser.expression() }
            try expect(")")
            return value
        case "\"":
            guard let (text, hasTemplate) = try? reader.quotedString(depth: 0) else { throw Stop() }
            guard hasTemplate else { return .string(text, known: true, origin: .fixed(at)) }
            return TerraformEvaluator.template(text, file: reader.file, at: at, in: scope, depth: depth + 1)
        case "<" where peek(1) == "<":
            guard let heredoc = try? reader.heredoc() else { throw Stop() }
            // A heredoc is a template: known numbers and booleans fill their unquoted placeholders.
            let (scope, depth, file) = (self.scope, self.depth, reader.file)
            let text = TerraformTemplateText.fill(heredoc.text) { expression in
                TerraformEvaluator.evaluate(source: expression, file: file, at: at, in: scope, depth: depth + 1)
            }
            return .string(text, known: !TerraformBytes.contains(text, "${") && !TerraformBytes.contains(text, "%{"),
                           origin: .heredoc(file: reader.file, firstLine: heredoc.firstLine, indent: heredoc.strippedIndent))
        case "-", "0"..."9":
            if scalar == "-" { reader.offset += 1 }
            guard digits() != nil else { throw Stop() }
            if peek() == ".", let next = peek(1), ("0"..."9").contains(next) { reader.offset += 1; _ = digits() }
            if peek() == "e" || peek() == "E" {
                reader.offset += 1
                if peek() == "+" || peek() == "-" { reader.offset += 1 }
                _ = digits()
            }
            return Decimal(string: reader.text(start..<reader.offset)).map(TerraformValue.number) ?? .unknown(.unsupported("number"))
        case "[":
            return try list()
        case "{":
            return try object()
        default:
            guard let name = reader.identifier() else { throw Stop() }
            switch name {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: break
            }
            if peek() == "(" { return try call(name, start: start, at: at) }
            return try reference(name, start: start)
        }
    }

    private mutating func list() throws(Stop) -> TerraformValue {
        reader.offset += 1
        return try inBrackets { (parser: inout TerraformExpressionParser) throws(Stop) -> TerraformValue in
            var items: [TerraformValue] = []
            parser.skip()
            if parser.isFor() { return try parser.skipFor("]") }
            while true {
                parser.skip()
                if parser.peek() == "]" { parser.reader.offset += 1; return .list(items) }
                items.append(try parser.expression())
                parser.skip()
                if parser.peek() == "," { parser.reader.offset += 1 }
                else if parser.peek() != "]" { throw Stop() }
            }
        }
    }

    private mutating func object() throws(Stop) -> TerraformValue {
        reader.offset += 1
        return try inBrackets { (parser: inout TerraformExpressionParser) throws(Stop) -> TerraformValue in
            var members: [(key: String, value: TerraformValue)] = []
            parser.skip()
            if parser.isFor() { return try parser.skipFor("}") }
            while true {
                parser.skip()
                guard let scalar = parser.peek() else { throw Stop() }
                if scalar == "}" { parser.reader.offset += 1; return .object(members) }
                let key: TerraformValue
                if scalar == "\"" {
                    guard let (text, template) = try? parser.reader.quotedString(depth: 0) else { throw Stop() }
                    key = template ? .unknown(.reference(text)) : .string(text, known: true, origin: nil)
                } else if scalar == "(" {
                    key = try parser.primary()
                } else if let name = parser.reader.identifier() {
                    key = .string(name, known: true, origin: nil)
                } else {
                    throw Stop()
                }
                parser.skip()
                guard parser.peek() == "=" || parser.peek() == ":" else { throw Stop() }
                parser.reader.offset += 1
                parser.newlineEnds = true
                let value = try parser.expression()
                parser.newlineEnds = false
                guard let text = key.text else { return .unknown(.reference("object with a computed key")) }
                members.removeAll { $0.key == text }
                members.append((text, value))
                parser.reader.skipTrivia(newlines: false)
                if parser.peek() == "," { parser.reader.offset += 1 }
            }
        }
    }

    private mutating func isFor() -> Bool {
        let saved = reader.offset
        defer { reader.offset = saved }
        guard reader.identifier() == "for", let next = peek() else { return false }
        return next == " " || next == "\t" || next == "\n"
    }

    /// A `for` expression is not evaluated: moves past its closing bracket.
    private mutating func skipFor(_ close: Unicode.Scalar) throws(Stop) -> TerraformValue {
        let start = reader.offset
        guard (try? reader.skipExpression(stopAtComma: false, stopAtNewline: false, depth: depth)) != nil, peek() == close else {
            throw Stop()
        }
        let text = reader.text(start..<reader.offset)
        reader.offset += 1
        return .unknown(.unsupported("[\(text)]"))
    }

    // MARK: - References and functions

    private mutating func reference(_ root: String, start: Int) throws(Stop) -> TerraformValue {
        func attribute(_ parser: inout TerraformExpressionParser) -> String? {
            guard parser.peek() == "." else { return nil }
            parser.reader.offset += 1
            return parser.reader.identifier()
        }
        let saved = reader.offset
        switch root {
        case "var":
            guard let name = attribute(&self) else { break }
            return TerraformEvaluator.variable(name, in: scope, depth: depth + 1)
        case "local":
            guard let name = attribute(&self) else { break }
            return TerraformEvaluator.local(name, in: scope, depth: depth + 1)
        case "each":
            switch attribute(&self) {
            case "key": return scope.eachKey ?? .unknown(.reference("each.key"))
            case "value": return scope.eachValue ?? .unknown(.reference("each.value"))
            default: break
            }
        case "count":
            if attribute(&self) == "index" { return scope.countIndex.map { .number(Decimal($0)) } ?? .unknown(.reference("count.index")) }
        case "path":
            if let name = attribute(&self), ["module", "root", "cwd"].contains(name) {
                // Relative to the module's directory: `file()` resolves against it.
                return .string(".", known: true, origin: nil)
            }
        default:
            break
        }
        // Any other reference (a resource, data source, module output): consume its traversal.
        reader.offset = saved
        _ = try postfix(.unknown(.reference(root)))
        return .unknown(.reference(reader.text(start..<reader.offset)))
    }

    private mutating func arguments() throws(Stop) -> [TerraformValue] {
        reader.offset += 1  // (
        return try inBrackets { (parser: inout TerraformExpressionParser) throws(Stop) -> [TerraformValue] in
            var values: [TerraformValue] = []
            while true {
                parser.skip()
                if parser.peek() == ")" { parser.reader.offset += 1; return values }
                values.append(try parser.expression())
                parser.skip()
                if parser.peek() == "." && parser.peek(1) == "." && parser.peek(2) == "." { parser.reader.offset += 3; parser.skip() }
                if parser.peek() == "," { parser.reader.offset += 1 }
                else if parser.peek() != ")" { throw Stop() }
            }
        }
    }

    private mutating func call(_ name: String, start: Int, at: SourceLocation) throws(Stop) -> TerraformValue {
        if name == "jsonencode" { return try jsonencode(at: at) }
        var pathAt = at
        if name == "file" || name == "templatefile" {
            var probe = reader
            probe.offset += 1
            probe.skipTrivia(newlines: true)
            pathAt = probe.location(probe.offset)
        }
        let arguments = try arguments()
        let source = reader.text(start..<reader.offset)
        func unknown() -> TerraformValue { .unknown(.reference(source)) }
        switch (name, arguments.count) {
        case ("file", 1), ("templatefile", 2):
            guard let path = arguments[0].text else { return .unknown(.computedPath(source)) }
            var variables: [String: TerraformValue] = [:]
            if name == "templatefile", case .object(let members) = arguments[1] {
                for member in members { variables[member.key] = member.value }
            }
            return .file(path: TerraformEvaluator.resolve(path, in: scope), isTemplate: name == "templatefile",
                         variables: variables, at: pathAt)
        case ("toset", 1), ("tolist", 1), ("tomap", 1):
            return arguments[0]
        case ("jsondecode", 1), ("yamldecode", 1):
            // `jsonencode(jsondecode(file(…)))` is the file's definition: keep what names the text.
            switch arguments[0] {
            case .file, .string: return arguments[0]
            default: return unknown()
            }
        case ("length", 1):
            switch arguments[0] {
            case .list(let items): return .number(Decimal(items.count))
            case .object(let members): return .number(Decimal(members.count))
            case .string(let text, true, _): return .number(Decimal(text.count))
            default: return unknown()
            }
        case ("upper", 1), ("lower", 1):
            guard let text = arguments[0].text else { return unknown() }
            return .string(name == "upper" ? text.uppercased() : text.lowercased(), known: true, origin: nil)
        case ("merge", _):
            var members: [(key: String, value: TerraformValue)] = []
            for argument in arguments {
                guard case .object(let more) = argument else { return unknown() }
                for member in more {
                    members.removeAll { $0.key == member.key }
                    members.append(member)
                }
            }
            return .object(members)
        case ("concat", _):
            var items: [TerraformValue] = []
            for argument in arguments {
                guard case .list(let more) = argument else { return unknown() }
                items += more
            }
            return .list(items)
        case ("keys", 1), ("values", 1):
            guard case .object(let members) = arguments[0] else { return unknown() }
            let sorted = members.sorted { $0.key < $1.key }
            return .list(name == "keys" ? sorted.map { .string($0.key, known: true, origin: nil) } : sorted.map(\.value))
        case ("try", _), ("coalesce", _):
            for argument in arguments {
                if !argument.isKnown { return name == "try" ? argument : unknown() }
                if name == "coalesce", case .null = argument { continue }
                if name == "coalesce", case .string("", _, _) = argument { continue }
                return argument
            }
            return unknown()
        default:
            return unknown()
        }
    }

    /// `jsonencode({ … })` written as a literal is read as a located tree (non-literal parts kept as
    /// `${…}` strings); of anything else, the value is encoded and located at the call.
    private mutating func jsonencode(at: SourceLocation) throws(Stop) -> TerraformValue {
        var probe = reader
        probe.offset += 1
        probe.skipTrivia(newlines: true)
        if probe.offset < end, probe.sees("{") || probe.sees("[") {
            let argumentStart = probe.offset
            do {
                let node = try probe.value(depth: 0, inObject: false)
                probe.skipTrivia(newlines: true)
                guard probe.offset < end, probe.sees(")") else {
                    return .failed("expected ')' to close jsonencode(", probe.location(probe.offset))
                }
                let bytes = probe.offset - argumentStart  // offsets count UTF-8 bytes
                reader.offset = probe.offset + 1
                return .json(node, bytes: bytes)
            } catch {
                return .failed(error.message, probe.location(error.offset))
            }
        }
        // `jsonencode(var.definition)`, `jsonencode(local.x)`: read the object where it is written, so
        // that the definition is located there (non-literal parts kept as `${…}`, as above).
        let argumentStart = probe.offset
        // (A comment can carry the probe past `end`: then there is nothing to look in.)
        let limit = min(end, probe.bytes.count)
        if argumentStart < limit, let close = probe.bytes[argumentStart..<limit].firstIndex(of: UInt8(ascii: ")")) {
            let text = reader.text(argumentStart..<close).trimmingCharacters(in: .whitespacesAndNewlines)
            if TerraformEvaluator.isPlainReference(text),
               let (expression, inner) = TerraformEvaluator.definingExpression(of: text, in: scope),
               case .hcl(let file, let start, _) = expression.kind,
               var written = inner.instance.module.files[file].reader,
               case let opening = written.source.scalar(at: start)?.scalar, opening == "{" || opening == "[" {
                written.offset = start
                if let node = try? written.value(depth: 0, inObject: false) {
                    reader.offset = close + 1
                    return .json(node, bytes: written.offset - start)
                }
            }
        }
        let arguments = try arguments()
        guard arguments.count == 1 else { throw Stop() }
        switch arguments[0] {
        case .object, .list:
            // Parts that are not known stay `${…}` strings: enough for counting.
            let node = arguments[0].sourceNode(at: at)
            return .json(node, bytes: 0)
        case .unknown, .failed, .file, .json: return arguments[0]
        case .string(_, _, .heredoc?): return arguments[0]  // a decoded heredoc, encoded again
        default: return .unknown(.unsupported("jsonencode of a scalar"))
        }
    }
}
