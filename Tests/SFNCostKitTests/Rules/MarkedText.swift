@testable import SFNCostKit

/// Inline test input with emoji markers (`1️⃣`, `2️⃣`, …) where findings must point, after
/// swift-format's `MarkedText`. The markers are removed; each one's 1-based line and column
/// (in Unicode scalars, as `SourceLocation` counts) is kept.
struct MarkedText {
    var text: String
    var markers: [String: SourceLocation]

    init(_ marked: String, file: String = "test.asl.json") {
        var text = ""
        var markers: [String: SourceLocation] = [:]
        var line = 1, column = 1
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            // A keycap emoji is digit, U+FE0F, U+20E3.
            if index + 2 < scalars.count, ("1"..."9").contains(Character(scalar)),
               scalars[index + 1] == "\u{FE0F}", scalars[index + 2] == "\u{20E3}" {
                markers[String(scalar) + "\u{FE0F}\u{20E3}"] = SourceLocation(file: file, line: line, column: column)
                index += 3
                continue
            }
            text.unicodeScalars.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        self.text = text
        self.markers = markers
    }

    subscript(marker: String) -> SourceLocation? { markers[marker] }
}

/// Runs the rules on a marked definition.
enum RuleHarness {
    static func findings(_ marked: MarkedText, profile: String? = nil, definitionBytes: Int = 1000,
                         region: String = "us-east-1") throws -> [Finding] {
        let analysis = try Fixtures.analyze(marked.text, profile: profile, definitionBytes: definitionBytes)
        return RuleEngine.findings(for: analysis, region: region)
    }

    static func findings(_ marked: MarkedText, rule: String, profile: String? = nil, definitionBytes: Int = 1000,
                         region: String = "us-east-1") throws -> [Finding] {
        try findings(marked, profile: profile, definitionBytes: definitionBytes, region: region).filter { $0.rule == rule }
    }
}
