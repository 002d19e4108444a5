import Foundation

/// Where a profile is looked for when `--profile` is not given: `sfncost.yml`, then `.sfncost.yml`,
/// in the scan root (the first path named, when it is a directory), then in the current directory.
/// A repository that keeps its profile beside its state machines needs no flag in CI.
public enum DefaultProfile {
    public static let fileNames = ["sfncost.yml", ".sfncost.yml"]

    public struct Found: Sendable, Equatable {
        /// The path to read, as the user would write it (relative when the scan root was).
        public var path: String
        /// "the scan root" or "the current directory", for the note that says which file was used.
        public var place: String
    }

    /// The folders searched, in order, as written and as "place" words; the current directory is
    /// not searched twice when the scan root is it.
    public static func searchedDirectories(paths: [String], currentDirectory: String) -> [(directory: String, place: String)] {
        var result: [(directory: String, place: String)] = []
        let current = resolved(".", in: currentDirectory)
        if let first = paths.first, isDirectory(resolved(first, in: currentDirectory)) {
            result.append((first, "the scan root"))
            if resolved(first, in: currentDirectory) == current { return result }
        }
        result.append((".", "the current directory"))
        return result
    }

    /// The first profile file found, or nil. Relative paths are read from `currentDirectory` (the
    /// process's own in the CLI).
    public static func find(paths: [String], currentDirectory: String = FileManager.default.currentDirectoryPath) -> Found? {
        for (directory, place) in searchedDirectories(paths: paths, currentDirectory: currentDirectory) {
            for name in fileNames {
                let path = directory == "." ? name : (directory as NSString).appendingPathComponent(name)
                var folder: ObjCBool = false
                if FileManager.default.fileExists(atPath: resolved(path, in: currentDirectory), isDirectory: &folder), !folder.boolValue {
                    return Found(path: path, place: place)
                }
            }
        }
        return nil
    }

    private static func resolved(_ path: String, in currentDirectory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)
        return FilePaths.standardized(absolute)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
