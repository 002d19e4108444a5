import Foundation

/// Modules that `terraform init` has already downloaded: `.terraform/modules/modules.json` beside the
/// root configuration lists each module call by key (`etl`, `etl.inner`) with the directory it was
/// unpacked to. sfncost fetches nothing; it only reads what is there.
enum TerraformInitializedModules {
    /// The downloaded directory of the module call `key`, made from the root configuration in `root`.
    static func directory(key: String, root: String) -> String? {
        let manifest = TerraformPaths.appending(TerraformPaths.appending(root, ".terraform/modules"), "modules.json")
        guard let text = try? SourceDocument.readText(path: manifest),
              let node = try? SourceDocument.parse(text, file: manifest) else { return nil }
        for entry in node["Modules"]?.elements ?? [] where entry["Key"]?.string == key {
            guard let dir = entry["Dir"]?.string, !dir.isEmpty else { return nil }
            let path = dir.hasPrefix("/") ? dir : TerraformPaths.appending(root, dir)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
            return TerraformWalk.standardized(path)
        }
        return nil
    }
}
