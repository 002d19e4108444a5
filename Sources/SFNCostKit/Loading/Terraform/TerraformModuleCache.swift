import Foundation

/// Modules already read in this process, so that the collector, which asks for one `.tf` file at a
/// time, parses a directory of N files once rather than N times. An entry is used only while its
/// directory's Terraform files have the same names, sizes and modification dates.
///
/// The collector reads files on several threads, and the files of one directory usually start
/// together: a directory that one thread is reading is waited for by the others rather than read
/// again by each (what a module holds does not depend on which thread read it).
final class TerraformModuleCache: @unchecked Sendable {
    static let shared = TerraformModuleCache()
    /// Directories kept; the oldest is dropped first.
    static let capacity = 64

    /// Guards `entries`, `order` and `loading`; signalled when a directory's reading ends.
    private let condition = NSCondition()
    private var entries: [String: (fingerprint: [FileStamp], module: TerraformModule)] = [:]
    private var order: [String] = []
    /// Directories being read by some thread right now.
    private var loading: Set<String> = []

    /// One collection (`InputCollector.collect`): each directory's fingerprint is taken once in it,
    /// not once per `.tf` file read (listing and `stat`ing a directory of N files N times). Files that
    /// change while one collection reads them were never guarded against (a file read early and one
    /// read late could already see different states); a new collection takes fresh fingerprints.
    final class Collection: @unchecked Sendable {
        private let lock = NSLock()
        private var fingerprints: [String: [FileStamp]] = [:]

        init() {}

        fileprivate func fingerprint(_ directory: String) -> [FileStamp] {
            lock.lock()
            if let known = fingerprints[directory] {
                lock.unlock()
                return known
            }
            lock.unlock()
            let taken = TerraformModuleCache.fingerprint(directory)
            lock.lock()
            defer { lock.unlock() }
            if let known = fingerprints[directory] { return known }   // another thread took it meanwhile
            fingerprints[directory] = taken
            return taken
        }
    }

    /// The module in `directory`; `collection`: the collection asking (nil: take a fresh fingerprint).
    func module(directory: String, collection: Collection? = nil) -> TerraformModule {
        let fingerprint = collection?.fingerprint(directory) ?? Self.fingerprint(directory)
        condition.lock()
        while true {
            if let entry = entries[directory], entry.fingerprint == fingerprint {
                condition.unlock()
                return entry.module
            }
            guard loading.contains(directory) else { break }
            condition.wait()
        }
        loading.insert(directory)
        condition.unlock()

        let module = TerraformModule.load(directory: directory)

        condition.lock()
        defer { condition.unlock() }
        loading.remove(directory)
        if entries.updateValue((fingerprint, module), forKey: directory) == nil { order.append(directory) }
        while order.count > Self.capacity {
            entries[order.removeFirst()] = nil
        }
        condition.broadcast()
        return module
    }

    /// Name, size and modification date of one file the module reads.
    fileprivate struct FileStamp: Equatable {
        var name: String
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    /// The stamps of the files the module reads, by name (`stat`, which costs far less than
    /// `FileManager.attributesOfItem`: this runs once per `.tf` file read).
    fileprivate static func fingerprint(_ directory: String) -> [FileStamp] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        // Only for `stat`: the module's own paths are made by `TerraformModule.load`.
        let prefix = directory.isEmpty ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        return names.sorted().compactMap { name in
            guard TerraformModule.isTerraformFile(name) || TerraformModule.isVariablesFile(name) else { return nil }
            var status = stat()
            guard stat(prefix + name, &status) == 0 else { return FileStamp(name: name, size: -1, seconds: 0, nanoseconds: 0) }
            return FileStamp(name: name, size: Int64(status.st_size), seconds: Int(status.st_mtim.tv_sec),
                             nanoseconds: Int(status.st_mtim.tv_nsec))
        }
    }
}
