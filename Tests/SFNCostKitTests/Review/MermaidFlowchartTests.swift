import Foundation
import Testing
@testable import SFNCostKit

/// The Mermaid flowchart: escaping of any name, structure (subgraphs, edges), figures, highlights,
/// and the diff variant.
@Suite struct MermaidFlowchartTests {
    /// Names that break naive Mermaid: spaces, quotes, brackets, #, ;, backticks, <>, newlines, letters
    /// of other scripts, an HTML tag, a Mermaid keyword, an arrow, a code fence.
    static let hostileNames = [
        "Say \"hi\" [now]", "C#; x", "`code` and ``` fence", "<b>bold</b> & <script>", "two\nlines\r\nhere",
        "Crème brûlée – Überprüfung 漢字", "end", "a --> b", "{curly} (round) |pipe|", "%% comment", "#quot; literal",
        "classDef x fill:#f00", "tab\there",
    ]

    /// Every hostile name as a state of one chain, plus a Choice, a Map and a Parallel around them.
    static func hostileMachine() throws -> MachineAnalysis {
        var states: [String] = []
        let names = hostileNames
        func json(_ text: String) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed]), as: UTF8.self).dropFirst().dropLast().description
        }
        for (index, name) in names.enumerated() {
            let next = index + 1 < names.count ? "\"Next\": \(json(names[index + 1]))" : "\"Next\": \"Pick\""
            states.append("\(json(name)): {\"Type\": \"Pass\", \(next)}")
        }
        states.append(#""Pick": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "Each \"item\""}], "Default": "Both; #1"}"#)
        states.append(#""Each \"item\"": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Inner <i>", "States": {"Inner <i>": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}, "End": true}"#)
        states.append(#""Both; #1": {"Type": "Parallel", "Branches": [{"StartAt": "Left `l`", "States": {"Left `l`": {"Type": "Pass", "End": true}}}, {"StartAt": "Right é", "States": {"Right é": {"Type": "Succeed"}}}], "End": true}"#)
        let definition = "{\"StartAt\": \(json(names[0])), \"States\": {\n" + states.joined(separator: ",\n") + "\n}}"
        return try Fixtures.analyze(definition, name: "hostile")
    }

    /// A name as a label shows it: every line break or tab (each scalar of a CRLF) a space.
    static func flat(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { "\n\r\t".unicodeScalars.contains($0) ? " " : $0 }))
    }

    /// Mermaid's entity codes turned back into characters, as Mermaid does before showing a label.
    static func decode(_ quoted: String) -> String {
        var text = quoted
        text = text.replacingOccurrences(of: "#quot;", with: "\"")
        let pattern = try! NSRegularExpression(pattern: "#([0-9]+);")
        while let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range, in: text), let number = Range(match.range(at: 1), in: text),
              let scalar = UInt32(text[number]).flatMap(Unicode.Scalar.init) {
            text.replaceSubrange(range, with: String(Character(scalar)))
        }
        return text
    }

    /// Inside the quotes only safe characters remain: no quote, #, ;, backtick, <, >, [, ], {, }, |
    /// or line break, except entity codes `#name;`/`#123;` and our own `<br/>`.
    static let safeLabel = try! NSRegularExpression(pattern: ##"^"([^"#;`<>\[\]{}|\n\r]|#[a-z]+;|#[0-9]+;|<br/>)*"$"##)

    @Test func hostileNamesRoundTripThroughTheEscaping() {
        for name in Self.hostileNames {
            let quoted = MermaidFlowchart.quoted(name)
            #expect(Self.safeLabel.firstMatch(in: quoted, range: NSRange(quoted.startIndex..., in: quoted)) != nil, "\(quoted)")
            #expect(Self.decode(String(quoted.dropFirst().dropLast())) == Self.flat(name), "\(name)")
        }
        // Letters of other scripts stay as they are; the dash between them is a code.
        #expect(MermaidFlowchart.quoted("Crème – 漢字") == "\"Crème #8211; 漢字\"")
        #expect(MermaidFlowchart.quoted("a\"b#c;d") == "\"a#quot;b#35;c#59;d\"")
    }

    /// Structure: every line is a known statement; ids are generated; every label is safe; the Map and
    /// the Parallel are subgraphs (the Parallel with one subgraph per branch); the Choice has an edge
    /// to each target; every name appears, decoded, in exactly one label.
    @Test func hostileMachineGivesValidStructure() throws {
        let chart = MermaidFlowchart.render(try Self.hostileMachine())
        let statement = try NSRegularExpression(pattern: #"^ *(flowchart TD|classDef (costly|added|changed) [a-z0-9:#,\-]+|direction TB|end|(n|s)[0-9]+ (-->|-\.->\|catch\|) (n|s)[0-9]+|class [ns0-9,]+ (costly|added|changed)|subgraph s[0-9]+\[(".*")\]|n[0-9]+(\[(".*")\]|\{\{(".*")\}\}|\(\[(".*")\]\)|\(\((".*")\)\)|\[/(".*")/\]))$"#)
        var labels: [String] = []
        for line in chart.split(separator: "\n").map(String.init) {
            let range = NSRange(line.startIndex..., in: line)
            let match = try #require(statement.firstMatch(in: line, range: range), "not a known statement: \(line)")
            for group in [7, 9, 10, 11, 12, 13] {
                if let labelRange = Range(match.range(at: group), in: line) { labels.append(String(line[labelRange])) }
            }
        }
        for label in labels {
            #expect(Self.safeLabel.firstMatch(in: label, range: NSRange(label.startIndex..., in: label)) != nil, "\(label)")
        }
        let shown = labels.map { Self.decode($0) }
        for name in Self.hostileNames + ["Pick", "Each \"item\"", "Inner <i>", "Both; #1", "Left `l`", "Right é"] {
            #expect(shown.filter { $0.hasPrefix("\"" + Self.flat(name) + "<br/>") }.count == 1, "\(name)")
        }
        #expect(chart.components(separatedBy: "subgraph ").count - 1 == 4)  // Map, Parallel, 2 branches
        #expect(chart.components(separatedBy: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "end" }.count == 4)
        // 13 Pass states in a chain, the last going to Pick (13 edges) + Pick's 2 targets + start: 16.
        #expect(chart.components(separatedBy: " --> ").count - 1 == 16)
    }

    /// daily-ingest (README): IngestFromAPI 1 visit of 1 + 0.05 + 0.05² + 0.05³ = 1.052625 attempts…
    /// as the README derives, 1.0526 transitions per visit. All 4 attempts fail with 0.05⁴ = 6.25e-6 and
    /// the Catch goes to NotifyFailure, so the next three states get 1 − 6.25e-6 = 0.99999 visits ("1"),
    /// NotifySuccess 0.95 × 0.99999 = 0.94999 ("0.95"). Total 5.0526 transitions (README):
    /// IngestFromAPI 1.0526 / 5.0526 = 20.8%, each of the three 0.99999 / 5.0526 = 19.8%, NotifySuccess
    /// 0.94999 / 5.0526 = 18.8%. The three costliest: IngestFromAPI, then two of the three equal
    /// 19.8% states, ties broken by name: CheckValidation, RunGlueTransform (n4, n2).
    /// (`%` is written `#37;`: `%%` would start a Mermaid comment.)
    @Test func dailyIngestFiguresAndHighlights() throws {
        let outcome = Estimator.run(.init(paths: [Fixtures.path("examples/daily-ingest/daily-ingest.asl.json")],
                                          profilePath: Fixtures.path("examples/daily-ingest/usage.yml")))
        let chart = MermaidFlowchart.render(try #require(outcome.analyses.first))
        #expect(chart.contains(#"["IngestFromAPI<br/>Task, 1 visit, 20.8#37; of cost"]"#))
        #expect(chart.contains(#"["RunGlueTransform<br/>Task, 1 visit, 19.8#37; of cost"]"#))
        #expect(chart.contains(#"["NotifySuccess<br/>Task, 0.95 visits, 18.8#37; of cost"]"#))
        #expect(chart.contains(#"{{"CheckValidation<br/>Choice, 1 visit, 19.8#37; of cost"}}"#))
        #expect(chart.contains("n1 -.->|catch| n6"))
        let classLine = try #require(chart.split(separator: "\n").first { $0.contains("class ") && $0.hasSuffix(" costly") })
        #expect(classLine.trimmingCharacters(in: .whitespaces) == "class n1,n2,n4 costly")  // IngestFromAPI, RunGlueTransform, CheckValidation
    }

    /// The diff variant: s3-fanout with 200 items at the base and 500 at the head, and a new state.
    /// TransformObject's visits go 200 → 500 (marked changed); the new state is marked added.
    @Test func diffMarksAddedStatesAndChangedVisits() throws {
        let definition = try String(contentsOfFile: Fixtures.path("examples/s3-fanout/s3-fanout.asl.json"), encoding: .utf8)
        let base = try Fixtures.analyze(definition, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      ProcessKeys: {items: 200}\n")
        var changed = definition.replacingOccurrences(of: "\"Next\": \"ProcessKeys\"", with: "\"Next\": \"Audit\"")
        let top = try #require(changed.range(of: "\"States\": {\n"))  // the machine's, not the Map's
        changed.replaceSubrange(top, with: "\"States\": {\n    \"Audit\": {\"Type\": \"Pass\", \"Next\": \"ProcessKeys\"},\n")
        #expect(changed != definition)
        let head = try Fixtures.analyze(changed, profile: "version: 1\nstate_machines:\n  test:\n    states:\n      ProcessKeys: {items: 500}\n")
        let chart = MermaidFlowchart.render(head, base: MermaidFlowchart.visits(base))
        #expect(chart.contains("classDef added"))
        #expect(chart.contains(#"["TransformObject<br/>Task, visits 200 to 500, "#))
        #expect(chart.contains(#"["Audit<br/>NEW, Pass, 1 visit"#))
        let lines = chart.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let audit = try #require(lines.first { $0.contains("\"Audit<br/>") }).prefix { $0 != "[" }
        let transform = try #require(lines.first { $0.contains("\"TransformObject<br/>") }).prefix { $0 != "[" }
        #expect(lines.contains("class \(audit) added"))
        #expect(lines.contains("class \(transform) changed"))
    }
}
