import Foundation

/// The report as JSON: sorted keys and fixed formatting, so two runs on the same input are
/// byte-identical and diffs of saved reports are meaningful. Strings keep every name exactly; DEL, C1
/// controls, line separators and bidi controls are written as JSON `\u` escapes (`DisplayText.jsonSafe`),
/// so the document reads back the same and shows nothing hidden in a terminal or a log.
public enum JSONRenderer {
    public static func render(_ report: Report) throws -> String {
        var text = try encodedText(report)
        text.append("\n")
        return text
    }

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try encodedText(value).utf8)
    }

    /// The JSON text, converted from the encoder's bytes once (a large report is megabytes: each
    /// copy between Data and String counts at the peak of memory).
    private static func encodedText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return DisplayText.jsonSafe(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Reads a report written by `render` (for `diff` and re-rendering).
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
