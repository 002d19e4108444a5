/// Aligned plain-text columns: left-aligned text, right-aligned numbers. Every cell is escaped for
/// display (`DisplayText.text`) before it is measured, so cells hold raw names and figures.
///
/// Linear in the size of the table: each cell is measured once, and trailing blanks are trimmed
/// from the end of a line without a regular expression (a `\s+$` search restarts at every blank of
/// a long padding, quadratic for a 100,000-character name in another row).
struct TextTable {
    enum Alignment { case left, right }
    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    func render(indent: String = "") -> String {
        let all = ([headers] + rows).map { $0.map(DisplayText.text) }
        let lengths = all.map { $0.map(\.count) }
        let widths = headers.indices.map { column in lengths.map { $0[column] }.max() ?? 0 }
        func line(_ row: Int) -> String {
            var text = indent
            for (column, cell) in all[row].enumerated() {
                if column > 0 { text += "  " }
                let pad = String(repeating: " ", count: widths[column] - lengths[row][column])
                if alignments[column] == .left { text += cell; text += pad } else { text += pad; text += cell }
            }
            // Cut once at the last non-blank (removing one scalar at a time rebuilt the string's
            // storage for each blank: a tenth of a one-file run's output stage).
            let scalars = text.unicodeScalars
            var end = scalars.endIndex
            while end > scalars.startIndex, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
            return end == scalars.endIndex ? text : String(scalars[..<end])
        }
        return all.indices.map(line).joined(separator: "\n")
    }
}
