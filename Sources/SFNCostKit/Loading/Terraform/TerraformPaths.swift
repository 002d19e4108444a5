import Foundation

/// `NSString`'s path methods as the Terraform readers call them (directory first), answered by
/// `FilePaths`: by bytes for plain spellings, by Foundation for the rest (see `FilePaths+Spelling`).
enum TerraformPaths {
    /// `(path as NSString).deletingLastPathComponent`.
    static func deletingLastComponent(_ path: String) -> String {
        FilePaths.deletingLastComponent(path)
    }

    /// `(path as NSString).lastPathComponent`.
    static func lastComponent(_ path: String) -> String {
        FilePaths.lastComponent(path)
    }

    /// `(directory as NSString).appendingPathComponent(name)`.
    static func appending(_ directory: String, _ name: String) -> String {
        FilePaths.appending(name, to: directory)
    }
}
