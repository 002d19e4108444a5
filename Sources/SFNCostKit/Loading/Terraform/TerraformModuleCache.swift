import Foundation

/// Modules already read in this process, so that the collector, which asks for one `.tf` file at a
/// time, parses a directory of N files once rather than N times. An entry is used only while its
/// directory's Terraform files have the same names, sizes and modification dates.
final class TerraformModuleCache: @unchecked Sendable {
    static let shared = TerraformModuleCache()
    /// Directories kept; the oldest is dropped first.
    static let capacity = 64

    private let lock = NSLock()
    private var entries: [String: (fingerprint: [String], module: TerraformModule)] = [:]
    private var order: [String] = []

    func module(directory: String) -> TerraformModule {
        let fingerprint = Self.fingerprint(directory)
        lock.lock()
        if let entry = entries[directory], entry.fingerprint == fingerprint {
            lock.unlock()
            return entry.module
        }
        lock.unlock()
        let module = TerraformModule.load(directory: directory)
        lock.lock()
        defer { lock.unlock() }
        if entries.updateValue((fingerprint, module), forKey: directory) == nil { order.append(directory) }
        while order.count > Self.capacity {
            entries[order.removeFirst()] = nil
        }
        return module
    }

    /// Name, size and modification date of each file the module reads.
    private static func fingerprint(_ directory: String) -> [String] {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        return names.sorted().compactMap { name in
            guard TerraformModule.isTerraformFile(name) || TerraformModule.isVariablesFile(name) else { return nil }
            let path = directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
            let attributes = (try? manager.attributesOfItem(atPath: path)) ?? [:]
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(name)|\(size)|\(date)"
        }
    }
}
