import Foundation

/// The report as JSON: sorted keys and fixed formatting, so two runs on the same input are
/// byte-identical and diffs of saved reports are meaningful. Strings keep every name exactly; DEL, C1
/// controls, line separators and bidi controls are written as JSON `\u` escapes (`DisplayText.jsonSafe`),
/// so the document reads back the same and shows nothing hidden in a terminal or a log.
///
/// The text is Foundation's `JSONEncoder` output (`.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes`) after `DisplayText.jsonSafe`, byte for byte. A report is written by its
/// types' own members (`ReportJSONText`, without `Codable`'s generic machinery); other values, and a
/// report that one cannot write, by `PrettyJSONEncoder`, which writes those bytes through `Codable`
/// (a seventh of Foundation's instructions, and no tree of the report at the peak of memory); what
/// it leaves to Foundation (see there) is written by Foundation's encoder itself.
public enum JSONRenderer {
    public static func render(_ report: Report) throws -> String {
        if let bytes = textBytes(report) { return UTF8Strings.string(bytes) }
        if let bytes = PrettyJSONEncoder.encode(report, trailingNewline: true) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var text = try foundationText(report)
        text.append("\n")
        return text
    }

    /// The report written by its own members (`ReportJSONText`), with the final newline; nil when
    /// a value must be left to the `Codable` path (a NaN or infinite figure: Foundation's error).
    static func textBytes(_ report: Report) -> [UInt8]? {
        var json = JSONTextWriter()
        report.writeJSON(to: &json)
        guard !json.failed else { return nil }
        json.bytes.append(0x0A)
        return json.bytes
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
