import Testing
@testable import SFNCostKit

/// `TextTable` writes its lines into one byte buffer (issue #13); it must lay out every table exactly
/// as the string-by-string version did. That version is kept here as the reference.
@Suite struct TextTableTests {
    /// The layout before issue #13: cells escaped, measured in characters, padded with blanks, and
    /// trailing white space (`isWhitespace`, any scalar) cut from each line.
    static func reference(_ table: TextTable, indent: String) -> String {
        let all = ([table.headers] + table.rows).map { $0.map(DisplayText.text) }
        let lengths = all.map { $0.map(\.count) }
        let widths = table.headers.indices.map { column in lengths.map { $0[column] }.max() ?? 0 }
        func line(_ row: Int) -> String {
            var text = indent
            for (column, cell) in all[row].enumerated() {
                if column > 0 { text += "  " }
                let pad = String(repeating: " ", count: widths[column] - lengths[row][column])
                if table.alignments[column] == .left { text += cell; text += pad } else { text += pad; text += cell }
            }
            let scalars = text.unicodeScalars
            var end = scalars.endIndex
            while end > scalars.startIndex, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
            return String(scalars[..<end])
        }
        return all.indices.map(line).joined(separator: "\n")
    }

    /// A hand-checked layout: widths 5 ("STATE", "B") and 6 ("VISITS"), two blanks between columns,
    /// the left column padded, the right one right-aligned, a blank header and a trailing blank cut.
    @Test func alignsAndTrims() {
        var table = TextTable(headers: ["STATE", "VISITS"], alignments: [.left, .right])
        table.rows = [["B", "12"], ["é\u{301}x", "≤ 3"]]
        #expect(table.render(indent: "  ") == "  STATE  VISITS\n  B          12\n  é\u{301}x        ≤ 3")
        var left = TextTable(headers: ["", ""], alignments: [.left, .left])
        left.rows = [["a\u{3000}", "\u{A0}"], ["bb", ""]]
        // The header is blanks only (cut to nothing); U+3000 and U+00A0 at a line's end are white space.
        #expect(left.render(indent: " ") == "\n a\n bb")
    }

    @Test func randomTablesLayOutAsTheReferenceDoes() {
        var random = RandomMachine.Generator(state: 1313)
        let pieces = ["", " ", "a", "Name_1", "1,234", "≤ 5", "é", "e\u{301}", "\u{3000}", "\u{A0}", "\u{2003}", "\t", "\n", "\r\n",
                      "\u{1B}[1m", "\u{202E}", "🙂", "👩‍👩‍👧", "::", "##[", "\\", "日本", "  x  ", "\u{301}", "\u{85}"]
        for _ in 0..<2_000 {
            let columns = 1 + Int(random.next() % 4)
            func cell() -> String {
                (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            }
            var table = TextTable(headers: (0..<columns).map { _ in cell() },
                                  alignments: (0..<columns).map { _ in random.next() % 2 == 0 ? .left : .right })
            table.rows = (0..<Int(random.next() % 4)).map { _ in (0..<columns).map { _ in cell() } }
            let indent = random.next() % 2 == 0 ? "" : "   "
            let rendered = table.render(indent: indent), expected = Self.reference(table, indent: indent)
            #expect(Array(rendered.utf8) == Array(expected.utf8), "\(table.headers) \(table.rows)")
        }
    }
}
