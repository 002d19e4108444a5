import Foundation

/// Keeps machine names unique within a report. Names come from file stems and logical IDs, so two
/// `statemachine.asl.json` files in different folders would otherwise share one name, and `diff`
/// (which matches machines by name) would merge them.
public enum MachineNames {
    /// Qualifies each shared name with the folder of its file (`team-a/etl`), and, where that is not
    /// enough, with the file's path. The plain name stays an alias, so profiles keyed by it still apply.
    public static func disambiguate(_ machines: [MachineSource]) -> ([MachineSource], [Diagnostic]) {
        var result = machines
        var diagnostics: [Diagnostic] = []
        let counts = Dictionary(grouping: machines.indices, by: { machines[$0].name })
        for (name, indices) in counts where indices.count > 1 {
            var qualified = indices.map { index -> String in
                let folder = ((machines[index].machine.location.file as NSString).deletingLastPathComponent as NSString).lastPathComponent
                return folder.isEmpty ? name : "\(folder)/\(name)"
            }
            if Set(qualified).count < qualified.count {
                qualified = indices.map { index in "\(machines[index].machine.location.file)#\(name)" }
            }
            if Set(qualified).count < qualified.count {
                qualified = indices.enumerated().map { position, _ in "\(name)#\(position + 1)" }
            }
            for (position, index) in indices.enumerated() {
                result[index].aliases = [name] + result[index].aliases
                result[index].name = qualified[position]
            }
            diagnostics.append(Diagnostic(.warning, "Input.SharedName",
                "\(indices.count) machines are named '\(name)'; they are reported as \(qualified.map { "'\($0)'" }.joined(separator: ", ")) (a profile entry for '\(name)' applies to all of them)",
                at: machines[indices[0]].machine.location))
        }
        return (result, diagnostics)
    }
}
