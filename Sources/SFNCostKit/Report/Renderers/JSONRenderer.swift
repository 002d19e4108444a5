import Foundation

/// The report as JSON: sorted keys and fixed formatting, so two runs on the same input are
/// byte-identical and diffs of saved reports are meaningful.
public enum JSONRenderer {
    public static func render(_ report: Report) throws -> String {
        String(decoding: try encode(report), as: UTF8.self) + "\n"
    }

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Reads a report written by `render` (for `diff` and re-rendering).
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
