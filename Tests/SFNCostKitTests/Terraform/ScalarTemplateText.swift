@testable import SFNCostKit
import Foundation

/// `TerraformTemplateText.fill` as it was, scalar by scalar (kept verbatim but for its name): the
/// reference the byte-level version is compared with in `HCLByteReaderTests`.
enum ScalarTemplateText {
    static func fill(_ text: String, value: (String) -> TerraformValue?) -> String {
        guard text.contains("${") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var inString = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if inString {
                result.append(scalar)
                if scalar == "\\", index + 1 < scalars.count {
                    result.append(scalars[index + 1])
                    index += 2
                    continue
                }
                if scalar == "\"" { inString = false }
                index += 1
                continue
            }
            if scalar == "\"" { inString = true }
            let escaped = index > 0 && scalars[index - 1] == "$"
            guard scalar == "$", !escaped, index + 1 < scalars.count, scalars[index + 1] == "{" else {
                result.append(scalar)
                index += 1
                continue
            }
            guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                // No `}` anywhere after: nothing more to fill (and no second search, so no O(n²)).
                result.append(contentsOf: scalars[index...])
                break
            }
            var inner = String.UnicodeScalarView()
            inner.append(contentsOf: scalars[(index + 2)..<close])
            let expression = String(inner).trimmingCharacters(in: .whitespaces)
            let length = close - index + 1
            // One line only: padding must not swallow a line break (lines would move).
            if !expression.contains("\""), !expression.contains("{"), !inner.contains("\n"), !inner.contains("\r"),
               let rendered = literal(value(expression)),
               rendered.unicodeScalars.count <= length {
                result.append(contentsOf: rendered.unicodeScalars)
                result.append(contentsOf: Array(repeating: " ", count: length - rendered.unicodeScalars.count))
            } else {
                result.append(contentsOf: scalars[index...close])
            }
            index = close + 1
        }
        return String(result)
    }

    /// A number or boolean as JSON writes it.
    private static func literal(_ value: TerraformValue?) -> String? {
        switch value {
        case .number(let number)?: return "\(number)"
        case .bool(let flag)?: return flag ? "true" : "false"
        default: return nil
        }
    }
}
