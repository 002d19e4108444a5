import Foundation

/// The report as JSON: sorted keys and fixed formatting, so two runs on the same input are
/// byte-identical and diffs of saved reports are meaningful. Strings keep every name exactly; DEL, C1
/// controls, line separators and bidi controls are written as JSON `\u` escapes (`DisplayText.jsonSafe`),
/// so the document reads back the same and shows nothing hidden in a terminal or a log.
///
/// The text is Foundation's `JSONEncoder` output (`.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes`) after `DisplayText.jsonSafe`, byte for byte. `PrettyJSONEncoder` writes
/// those bytes directly (a seventh of the instructions, and no tree of the report at the peak of
/// memory); what it leaves to Foundation (see there) is written by Foundation's encoder itself.
public enum JSONRenderer {
    public static func render(_ report: Report) throws -> String {
        if let bytes = PrettyJSONEncoder.encode(report, trailingNewline: true) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var text = try foundationText(report)
        text.append("\n")
        return text
    }

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        if let bytes = PrettyJSONEncoder.encode(value, trailingNewline: false) { return Data(bytes) }
        return Data(try foundationText(value).utf8)
    }

    /// Foundation's encoder and `jsonSafe`: the reference `PrettyJSONEncoder` matches, and the path
    /// for what it leaves to Foundation (its errors included: NaN or infinity names the coding path).
    /// The JSON text, converted from the encoder's bytes once (a large report is megabytes: each
    /// copy between Data and String counts at the peak of memory).
    static func foundationText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return DisplayText.jsonSafe(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Reads a report written by `render` (for `diff` and re-rendering).
    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
