/// SFN142 state-name-length: state names longer than 80 characters (ASL spec; facts.md §3).
///
/// Characters are counted as Unicode scalars, the unit the ASL specification's "Unicode characters"
/// most plausibly means. Machine names are not checked: for a bare definition the name here is the
/// file's stem, not the name it is deployed under.
enum StateNameLengthCheck {
    static func check(_ analysis: MachineAnalysis) -> [Finding] {
        analysis.machine.everyState.compactMap { finding($0, analysis) }
    }

    /// One state's finding (`RuleEngine` walks the states once for every check).
    static func finding(_ state: State, _ analysis: MachineAnalysis) -> Finding? {
        let limit = ServiceLimits.maxNameLength
        // A name has no more scalars than UTF-8 bytes (a count the string keeps): most are short.
        guard state.name.utf8.count > limit else { return nil }
        let length = state.name.unicodeScalars.count
        guard length > limit else { return nil }
        return Finding(rule: RuleCatalog.nameLength, message: .nameTooLong(state.name, length: length, limit: limit),
                       at: state.location, state: state.name, machine: analysis.name)
    }
}

extension String {
    fileprivate static func nameTooLong(_ name: String, length: Int, limit: Int) -> String {
        "state name '\(name.prefix(40))…' has \(length) characters, \(length - limit) over the \(limit)-character limit: AWS rejects the definition. Shorten the name"
    }
}
