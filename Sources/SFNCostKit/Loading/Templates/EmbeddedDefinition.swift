/// ASL held in a string inside another file (CloudFormation `DefinitionString`, a Terraform
/// heredoc): parses the string and maps every location back into the file that holds it.
///
/// A literal block scalar (`|`, `|-`) keeps the JSON's lines and columns, shifted by the block's
/// first line and indentation, so the mapping is exact. A quoted, folded or assembled string
/// (`Fn::Join`) has no such correspondence: every node then points at the string itself, which
/// is still the right line to look at.
enum EmbeddedDefinition {
    /// How locations inside the string map to the file.
    enum Placement {
        /// Inner line 1 is file line `firstLine`; every inner column is shifted by `indent`.
        case block(firstLine: Int, indent: Int)
        /// Every node points here.
        case fixed(SourceLocation)
    }

    static func parse(_ text: String, in file: String, placement: Placement) throws(InputError) -> SourceNode {
        let inner: SourceNode
        do {
            inner = try SourceDocument.parse(text, file: file)
        } catch {
            throw InputError(error.diagnostics.map { diagnostic in
                var moved = diagnostic
                moved.location = diagnostic.location.map { map($0, placement) }
                moved.message = "in the embedded definition: " + diagnostic.message
                return moved
            })
        }
        return remap(inner, placement)
    }

    static func map(_ location: SourceLocation, _ placement: Placement) -> SourceLocation {
        switch placement {
        case .block(let firstLine, let indent):
            return SourceLocation(file: location.file, line: firstLine + location.line - 1, column: location.column + indent)
        case .fixed(let fixed):
            return fixed
        }
    }

    /// Rewrites every location of the tree. Depth is bounded by SourceDocument's nesting limit.
    static func remap(_ node: SourceNode, _ placement: Placement) -> SourceNode {
        var copy = node
        copy.location = map(node.location, placement)
        switch node.value {
        case .object(let members):
            copy.value = .object(members.map { member in
                SourceNode.Member(key: member.key, keyLocation: map(member.keyLocation, placement),
                                  value: remap(member.value, placement))
            })
        case .array(let elements):
            copy.value = .array(elements.map { remap($0, placement) })
        default:
            break
        }
        return copy
    }

    /// Where a block scalar's content starts: the line after the `|` indicator, and its indentation.
    static func blockPlacement(of scalar: SourceNode, fileText: String) -> Placement {
        let lines = fileText.split(separator: "\n", omittingEmptySubsequences: false)
        let indicatorLine = scalar.location.line
        // The first non-blank line after the indicator holds the content's indentation.
        var line = indicatorLine + 1
        while line <= lines.count, lines[line - 1].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { line += 1 }
        guard line <= lines.count else { return .fixed(scalar.location) }
        let indent = lines[line - 1].prefix { $0 == " " }.count
        return .block(firstLine: indicatorLine + 1, indent: indent)
    }
}
