import Foundation

/// A directory's entry as the directory itself describes it (`readdir`'s `d_type`).
struct DirectoryEntry: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A regular file (not a symbolic link to one).
        case regularFile
        /// A directory (not a symbolic link to one).
        case directory
        /// Anything else: a symbolic link, a device, a FIFO, or an entry of a file system that does
        /// not say (`DT_UNKNOWN`). The caller asks the file system (`lstat`, `stat`).
        case other
    }

    var name: String
    var kind: Kind
}

/// Lists a directory with `opendir`/`readdir`, keeping what `readdir` says of each entry's type.
///
/// `FileManager.contentsOfDirectory` reads the same entries in the same order but drops their
/// types, so the directory scan then `lstat`ed every entry: one system call per file in a tree of
/// definitions, for an answer the listing had already given.
enum DirectoryListing {
    /// The entries of `path` but `.` and `..`, in `readdir`'s order (the order
    /// `FileManager.contentsOfDirectory` gives on Linux). Nil when the directory cannot be opened or
    /// read, or when a name is not ASCII: the caller then takes FileManager's listing, with its own
    /// spelling of such names and its own error (today's path, so messages stay the same).
    static func entries(of path: String) -> [DirectoryEntry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else { return errno == 0 ? entries : nil }
            let type = Int32(entry.pointee.d_type)
            let kind: DirectoryEntry.Kind = type == Int32(DT_REG) ? .regularFile : type == Int32(DT_DIR) ? .directory : .other
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> String? in
                let bytes = raw.prefix { $0 != 0 }
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                return String(decoding: bytes, as: UTF8.self)
            }
            guard let name else { return nil }
            if name == "." || name == ".." { continue }
            entries.append(DirectoryEntry(name: name, kind: kind))
        }
    }
}
