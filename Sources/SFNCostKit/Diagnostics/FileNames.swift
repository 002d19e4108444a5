import Foundation

/// The names of the files that locations point into, each spelling stored once for the whole
/// process and named by its position (`SourceLocation` holds that position, not the name).
///
/// Names are told apart by their bytes: `é` as one scalar and `e` + U+0301 are two entries, so a
/// location gives back exactly the spelling it was made with. Entries are never removed (a run
/// reads a bounded set of files; a name costs its bytes once).
enum FileNames {
    /// A name's entry: what a reader that makes many locations in one file looks up once.
    struct File: Sendable {
        let id: Int

        init(id: Int) { self.id = id }

        init(_ name: String) { id = FileNames.id(of: name) }
    }

    /// The entry of `name`, added when it is new.
    static func id(of name: String) -> Int { table.id(of: name) }

    /// The name of an entry made by `id(of:)`.
    static func name(_ id: Int) -> String { table.name(id) }

    private static let table = Table()

    /// The names and their index, behind one lock: reading files in parallel interns from several
    /// threads. Each thread looks a name up once per file, and names are read back only for
    /// messages and reports.
    private final class Table: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        private var ids: [UTF8Key: Int] = [:]

        func id(of name: String) -> Int {
            lock.lock()
            defer { lock.unlock() }
            if let known = ids[UTF8Key(name)] { return known }
            names.append(name)
            ids[UTF8Key(name)] = names.count - 1
            return names.count - 1
        }

        func name(_ id: Int) -> String {
            lock.lock()
            defer { lock.unlock() }
            return names[id]
        }
    }
}
