import Foundation

/// Serverless Framework variables (`${self:custom.timeout}`, `${opt:stage, 'dev'}`) resolved where
/// the serverless.yml itself fixes them: a `self:` path to a literal, the literal fallback after a
/// comma, and `sls:stage` (the provider's stage, else `dev`). `opt:`, `env:`, `sls:`, `ssm:`, `cf:`, `param:` and the like are known only at deployment:
/// their fallback is used when there is one, else the placeholder stays.
struct ServerlessVariables: Sendable {
    let root: SourceNode

    var values: PlaceholderValues {
        let copy = self
        return PlaceholderValues(values: [:], lookup: { copy.resolve($0, depth: 0) })
    }

    /// The value of the text between `${` and `}`, or nil.
    func resolve(_ inner: String, depth: Int) -> String? {
        guard depth < 8 else { return nil }
        for candidate in Self.alternatives(inner) {
            if let value = value(of: candidate, depth: depth) { return value }
        }
        return nil
    }

    private func value(of candidate: String, depth: Int) -> String? {
        let text = candidate.trimmingCharacters(in: .whitespaces)
        if text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        if PlaceholderTree.isNumber(text) || text == "true" || text == "false" { return text }
        if text.hasPrefix("${"), text.hasSuffix("}") { return resolve(String(text.dropFirst(2).dropLast()), depth: depth + 1) }
        // `${sls:stage}` is the stage deployed: `provider.stage`, else the framework's default `dev`
        // (as `${opt:stage, 'dev'}`, the value when no `--stage` is given).
        if text == "sls:stage" { return value(of: "self:provider.stage", depth: depth + 1) ?? "dev" }
        guard text.hasPrefix("self:") else { return nil }
        var node: SourceNode? = root
        for key in text.dropFirst(5).split(separator: ".") { node = node?[String(key)] }
        guard let node, let scalar = PlaceholderValues.scalarText(node) else { return nil }
        // A value that is itself a variable (`stage: ${opt:stage, 'dev'}`).
        if let whole = PlaceholderTree.wholePlaceholder(scalar) { return resolve(whole, depth: depth + 1) }
        if scalar.contains("${") { return nil }
        return scalar
    }

    /// `opt:stage, 'dev'` → [`opt:stage`, `'dev'`]: commas outside quotes and nested `${…}`.
    static func alternatives(_ inner: String) -> [String] {
        var parts: [String] = [], current = "", braces = 0
        var quote: Character? = nil
        for character in inner {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "{" {
                braces += 1
            } else if character == "}" {
                braces -= 1
            } else if character == ",", braces == 0 {
                parts.append(current); current = ""; continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    /// `file(./sm.json)` or `file(sm.yml):definition` → the path and the key path after the colon.
    static func fileReference(_ inner: String) -> (path: String, selector: [String])? {
        let text = inner.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("file("), let close = text.firstIndex(of: ")") else { return nil }
        let path = text[text.index(text.startIndex, offsetBy: 5)..<close].trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        var rest = text[text.index(after: close)...]
        var selector: [String] = []
        if rest.hasPrefix(":") {
            rest = rest.dropFirst()
            selector = rest.split(separator: ".").map(String.init)
        }
        return path.isEmpty ? nil : (path, selector)
    }
}
