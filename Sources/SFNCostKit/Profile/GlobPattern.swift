/// Shell-style patterns for machine names in a profile: `*`, `?` and `[abc]`.
enum GlobPattern {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let pattern = Array(pattern.unicodeScalars), name = Array(name.unicodeScalars)
        // Iterative matching with one backtrack point for `*`: linear in practice, never exponential.
        var p = 0, n = 0, starP = -1, starN = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "*" {
                starP = p; starN = n; p += 1
            } else if p < pattern.count, let (matched, width) = matchOne(pattern, p, name[n]), matched {
                p += width; n += 1
            } else if starP >= 0 {
                p = starP + 1; starN += 1; n = starN
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Matches one pattern element at `p` against `c`; returns (matched, pattern width), or nil at `*`.
    private static func matchOne(_ pattern: [Unicode.Scalar], _ p: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        switch pattern[p] {
        case "?": return (true, 1)
        case "[":
            guard let close = pattern[(p + 1)...].firstIndex(of: "]") else { return (pattern[p] == c, 1) }
            var members = Array(pattern[(p + 1)..<close])
            let negated = members.first == "!" || members.first == "^"
            if negated { members.removeFirst() }
            var found = false, i = 0
            while i < members.count {
                if i + 2 < members.count, members[i + 1] == "-" {
                    if members[i] <= c && c <= members[i + 2] { found = true }
                    i += 3
                } else {
                    if members[i] == c { found = true }
                    i += 1
                }
            }
            return (found != negated, close - p + 1)
        default:
            return (pattern[p] == c, 1)
        }
    }
}
