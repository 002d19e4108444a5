import Foundation

/// Keeps machine names unique within a report. Names come from file stems and logical IDs, so two
/// `statemachine.asl.json` files in different folders would otherwise share one name, and `diff`
/// (which matches machines by name) would merge them.
public enum MachineNames {
    /// Qualifies each shared name with the folder of its file (`team-a/etl`), else the file's stem
    /// (`orders/StateMachine`), else both. The plain name stays an alias, so profiles keyed by it apply.
    public static func disambiguate(_ machines: [MachineSource]) -> ([MachineSource], [Diagnostic]) {
        var result = machines
        var diagnostics: [Diagnostic] = []
        let counts = Dictionary(grouping: machines.indices, by: { machines[$0].name })
        for (name, indices) in counts where indices.count > 1 {
            // Qualifiers that do not depend on where the inputs were checked out, so the names in a
            // report from the base commit and one from the pull request match: the folder, then the
            // file's stem (two templates with the same logical ID), then both, then a number.
            func file(_ index: Int) -> String { machines[index].declaringFile ?? machines[index].machine.location.file }
            // Each machine's folder and stem, worked out once for all the schemes below.
            let folders = Dictionary(uniqueKeysWithValues: indices.map { index in
                (index, FilePaths.lastComponent(FilePaths.deletingLastComponent(file(index))))
            })
            let stems = Dictionary(uniqueKeysWithValues: indices.map { ($0, InputCollector.machineName(forFile: file($0))) })
            func folder(_ index: Int) -> String { folders[index] ?? "" }
            func stem(_ index: Int) -> String { stems[index] ?? "" }
            let schemes: [(Int) -> String] = [
                { "\(folder($0))/\(name)" },
                { "\(stem($0))/\(name)" },
                { "\(folder($0))/\(stem($0))/\(name)" },
            ]
            // Last resort: the ids, unique and lasting (a number by position would change when a
            // machine is added).
            var qualified = indices.map { machines[$0].id.isEmpty ? "\(name)#\($0 + 1)" : machines[$0].id }
            for scheme in schemes {
                let candidate = indices.map(scheme)
                if Set(candidate).count == candidate.count { qualified = candidate; break }
            }
            for (position, index) in indices.enumerated() {
                result[index].aliases = [name] + result[index].aliases
                result[index].name = qualified[position]
            }
            // A note: each machine keeps its own id, so nothing is merged; shared logical IDs are
            // normal in a repository of several apps.
            let shown = qualified.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (qualified.count > 5 ? " and \(qualified.count - 5) more" : "")
            diagnostics.append(Diagnostic(.note, "Input.SharedName",
                "\(indices.count) machines are named '\(name)'; they are reported as \(shown) (a profile entry for '\(name)' applies to all of them; name one by its id to set it alone)",
                at: machines[indices[0]].machine.location))
        }
        return (result, diagnostics)
    }
}
