import Foundation

/// `NSString`'s path methods for the plain paths the Terraform readers build, by bytes.
///
/// `(path as NSString).deletingLastPathComponent` costs some 60,000 instructions a call on Linux
/// (bridging, slash fixing, a backwards search through `NSString`), `lastPathComponent` about as
/// much, and the extractor asks once per `.tf` file. For a plain path the answer is a cut at the last
/// `/`. Plain here means: not empty, ASCII only, no `//`, no trailing `/`, no `~`, no `.` or `..`
/// component. Every other path takes the Foundation expression, kept beside each fast path as its
/// general path, so the answers are the same by construction (tests compare the two).
enum TerraformPaths {
    /// `(path as NSString).deletingLastPathComponent`.
    static func deletingLastComponent(_ path: String) -> String {
        guard isPlain(path) else {
            // swift-corelibs-foundation traps on a name of one character (`a`, `a/`, `é//`): its answer
            // for any longer name without a slash is "", and so is this one's (a plain `a` gives it too).
            return isOneCharacterName(path) ? "" : foundationDeletingLastComponent(path)
        }
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        if slash == bytes.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func foundationDeletingLastComponent(_ path: String) -> String {
        (FilePaths.collapsingSlashRuns(path) as NSString).deletingLastPathComponent
    }

    /// `(path as NSString).lastPathComponent`.
    static func lastComponent(_ path: String) -> String {
        guard isPlain(path) else { return foundationLastComponent(path) }
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[bytes.index(after: slash)...])
    }

    static func foundationLastComponent(_ path: String) -> String {
        (FilePaths.collapsingSlashRuns(path) as NSString).lastPathComponent
    }

    /// `(directory as NSString).appendingPathComponent(name)`: both plain, and `name` relative.
    static func appending(_ directory: String, _ name: String) -> String {
        guard isPlain(directory), isPlain(name), name.utf8.first != UInt8(ascii: "/") else {
            return foundationAppending(directory, name)
        }
        return directory + "/" + name
    }

    static func foundationAppending(_ directory: String, _ name: String) -> String {
        (FilePaths.collapsingSlashRuns(directory) as NSString).appendingPathComponent(name)
    }

    /// One character, perhaps followed by slashes.
    static func isOneCharacterName(_ path: String) -> Bool {
        var name = Substring(path)
        while name.utf8.last == UInt8(ascii: "/") { name = name.dropLast() }
        return name.count == 1
    }

    /// True for a path in the plain form described above (a lone `/` is not: it ends with one).
    static func isPlain(_ path: String) -> Bool {
        path.utf8.withContiguousStorageIfAvailable(isPlain) ?? isPlain(Array(path.utf8))
    }

    private static func isPlain<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let last = bytes.last, last != UInt8(ascii: "/") else { return false }
        // Each component: its length and how many of its bytes are dots, checked at its end.
        var length = 0
        var dots = 0
        var first = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "/"):
                // An empty component other than the leading one of an absolute path is a `//`.
                if length == 0 && !first { return false }
                if length > 0 && dots == length && dots <= 2 { return false }
                length = 0
                dots = 0
            case UInt8(ascii: "~"), 0, 0x80...:
                return false
            default:
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
            first = false
        }
        return !(dots == length && dots <= 2)
    }
}
