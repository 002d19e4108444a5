/// Which machine of the base report is which machine of the head report.
///
/// By `id` first: it depends only on the machine's own declaration, so adding an app (which may
/// qualify a shared display name) pairs nothing wrongly. A machine without an id (a report written
/// before ids) is paired by name with one of the same name that is still unpaired; two machines that
/// both have ids and differ are different machines, whatever their names.
enum MachinePairing {
    struct Pair {
        var base: MachineReport?
        var head: MachineReport?
    }

    static func pairs(_ base: [MachineReport], _ head: [MachineReport]) -> [Pair] {
        var pairs: [Pair] = []
        var headLeft = head.indices.map { Optional(head[$0]) }
        var baseLeft: [MachineReport] = []
        for machine in base {
            if let id = machine.id, let index = headLeft.firstIndex(where: { $0?.id == id }) {
                pairs.append(Pair(base: machine, head: headLeft[index]))
                headLeft[index] = nil
            } else {
                baseLeft.append(machine)
            }
        }
        for machine in baseLeft {
            let index = headLeft.firstIndex { candidate in
                guard let candidate, candidate.name == machine.name else { return false }
                return candidate.id == nil || machine.id == nil
            }
            if let index {
                pairs.append(Pair(base: machine, head: headLeft[index]))
                headLeft[index] = nil
            } else {
                pairs.append(Pair(base: machine, head: nil))
            }
        }
        pairs += headLeft.compactMap { $0 }.map { Pair(base: nil, head: $0) }
        return pairs
    }
}
