import Foundation

/// A pull-request comment under a size cap. The opening (marker, headline, gate) always stays; then
/// the summary table's rows, the `<details>` sections and the closing lines are taken in the order
/// given (the biggest changes first) while they fit, and one line says what was left out.
struct CommentLayout {
    var opening: [String] = []
    var tableHeader: [String] = []
    /// One row per machine, biggest first; `details[i]` is the section of the machine of `rows[i]`.
    var rows: [String] = []
    /// Lines after the table that always stay (totals, notes).
    var afterTable: [String] = []
    /// One `<details>` block per machine, biggest first, built when the layout first measures it:
    /// a section past the cap (and its flowchart) is never built.
    var detailBuilders: [() -> String] = []
    /// The blocks as text (built already).
    var details: [String] {
        get { detailBuilders.map { $0() } }
        set { detailBuilders = newValue.map { text in { text } } }
    }
    /// Trailing lines (input problems), kept while they fit.
    var closing: [String] = []
    /// What the reader is pointed to for what was left out.
    var elsewhere = "see the job summary or the JSON report (`--format json`)"

    /// Room kept for the line saying what was left out.
    private static let noteRoom = 400

    func render(limit: Int) -> String {
        func size(_ lines: [String]) -> Int { lines.reduce(0) { $0 + $1.utf8.count + 1 } }
        // Each section built once, when first measured, in the order given.
        var built = [String?](repeating: nil, count: detailBuilders.count)
        func detail(_ index: Int) -> String {
            if let text = built[index] { return text }
            let text = detailBuilders[index]()
            built[index] = text
            return text
        }
        var used = size(opening) + size(afterTable) + 2 + Self.noteRoom
        // The biggest machines first get both their row and their section, within half the room,
        // so that a long table cannot push every section out; then the other rows, then sections.
        var rowShown = [Bool](repeating: false, count: rows.count)
        var detailShown = [Bool](repeating: false, count: detailBuilders.count)
        if !rows.isEmpty { used += size(tableHeader) + 1 }
        func take(_ text: String, extra: Int, within room: Int) -> Bool {
            let cost = text.utf8.count + extra
            guard used + cost <= room else { return false }
            used += cost
            return true
        }
        let half = used + (limit - used) / 2
        for index in rows.indices where index < detailBuilders.count {
            let cost = rows[index].utf8.count + 1 + detail(index).utf8.count + 2
            guard used + cost <= half else { break }
            used += cost
            rowShown[index] = true
            detailShown[index] = true
        }
        for index in rows.indices where !rowShown[index] {
            guard take(rows[index], extra: 1, within: limit) else { break }
            rowShown[index] = true
        }
        for index in detailBuilders.indices where !detailShown[index] {
            guard take(detail(index), extra: 2, within: limit) else { break }
            detailShown[index] = true
        }
        let shownRows = rows.indices.filter { rowShown[$0] }.map { rows[$0] }
        let shownDetails = detailBuilders.indices.filter { detailShown[$0] }.map { detail($0) }
        var shownClosing: [String] = []
        for line in closing {
            guard take(line, extra: 1, within: limit) else { break }
            shownClosing.append(line)
        }
        var left: [String] = []
        if shownRows.count < rows.count { left.append("\(rows.count - shownRows.count) more machine\(rows.count - shownRows.count == 1 ? "" : "s") not in the table") }
        let hidden = detailBuilders.count - shownDetails.count
        if hidden > 0 { left.append("the details of \(hidden) machine\(hidden == 1 ? "" : "s")") }
        if shownClosing.count < closing.count { left.append("\(closing.count - shownClosing.count) more line\(closing.count - shownClosing.count == 1 ? "" : "s") of input problems") }

        var out = opening
        if !rows.isEmpty { out += [""] + tableHeader + shownRows }
        if !left.isEmpty {
            out += ["", "_… not shown, to stay under GitHub's comment size limit: " + left.joined(separator: "; ") + "; " + elsewhere + "._"]
        }
        if !afterTable.isEmpty { out += [""] + afterTable }
        for block in shownDetails { out += ["", block] }
        if !shownClosing.isEmpty { out += [""] + shownClosing }
        return out.joined(separator: "\n") + "\n"
    }
}
