import Foundation
import SFNCostKit

/// `--root` for SARIF: the directory artifact paths are relative to. By default the git top level
/// (what code scanning resolves paths against), else the current directory.
enum SARIFRoot {
    static func options(_ root: String?) -> SARIFOptions {
        let cwd = FileManager.default.currentDirectoryPath
        if let root {
            return SARIFOptions(root: URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path, workingDirectory: cwd)
        }
        if let top = try? Git.run(["rev-parse", "--show-toplevel"], in: cwd), top.status == 0, !top.trimmed.isEmpty {
            return SARIFOptions(root: top.trimmed, workingDirectory: cwd)
        }
        return SARIFOptions(root: cwd, workingDirectory: cwd)
    }
}
