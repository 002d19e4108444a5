import Foundation

/// The report as JSON: sorted keys and fixed formatting, so two runs on the same input are
/// byte-identical and diffs of saved reports are meaningful. Strings keep every name exactly; DEL, C1
/// controls, line separators and bidi controls are written as JSON `\u` escapes (`DisplayText.jsonSafe`),
/// so the document reads back the same and shows nothing hidden in a terminal or a log.
public enum JSONRenderer {
    public static func render(_ report: Report) throws -> String {
        String(decoding: try encode(report), as: UTF8.self) + "\n"
    }

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Data(DisplayText.jsonSafe(String(decoding: try encoder.encode(value), as: UTF8.self)).utf8)
    }

    /// Reads a report written by `render` (for `diff` and re-rendering).
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
