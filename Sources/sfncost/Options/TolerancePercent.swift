import ArgumentParser

/// `reconcile --tolerance`: a percentage, written `5` or `5%` (as `diff --max-increase` accepts `10%`).
/// Any number parses, so a negative one reaches `Reconcile.validate`'s "0 or more" message rather than
/// the parser's generic "invalid value".
struct TolerancePercent: ExpressibleByArgument {
    let value: Double

    init?(argument: String) {
        var text = Substring(argument)
        if text.hasSuffix("%") { text = text.dropLast() }
        guard let value = Double(text.trimmingCharacters(in: " ")) else { return nil }
        self.value = value
    }
}

private extension Substring {
    func trimmingCharacters(in character: Character) -> Substring {
        var text = self
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return text
    }
}
