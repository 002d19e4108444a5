/// Which files are held to strict JSON, as AWS reads JSON: those named `.json`. They are read by
/// `LocatedJSONReader` (keys in double quotes, no comments, no trailing commas, nothing after the
/// value), not through libyaml.
enum StrictJSON {
    /// Why the file is read as strict JSON; shown after every message.
    static let hint = "a .json file is read as strict JSON, as AWS reads it: keys in double quotes, no comments, no trailing commas"

    /// Whether `file` is named like a JSON file (its contents are then held to strict JSON).
    static func applies(to file: String) -> Bool {
        file.lowercased().hasSuffix(".json")
    }
}
