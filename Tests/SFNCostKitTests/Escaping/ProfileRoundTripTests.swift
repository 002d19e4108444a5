import Foundation
import Testing
@testable import SFNCostKit

/// Issue #10, point 7: `sfncost profile` writes YAML that the profile loader reads back to the same
/// machine and state names, whatever they hold.
@Suite struct ProfileRoundTripTests {
    /// Every class of name YAML treats specially, and names that break a line or a terminal.
    static let names: [String] = [
        "plain", "with \"quotes\"", "single 'quotes'", "colon: value", "trailing colon:", "hash # comment", "#start",
        "- dash", "-", "*star", "&anchor", "!tag", "%percent", "@at", "`tick", "|pipe", ">fold", "? question",
        "{flow}", "[seq]", "a, b", "<<", "===", "---", "...", "line\nbreak", "cr\rhere", "tab\there", "esc\u{1B}[31mred",
        "nul\u{0}x", "bel\u{7}bs\u{8}", "del\u{7F}", "nel\u{85}", "c1\u{9B}", "ls\u{2028}ps\u{2029}", "rlo\u{202E}x\u{2066}",
        "bom\u{FEFF}", "back\\slash", "\\u001b", "État été", "日本語", "emoji 🚀", "123", "1e3", "0x1F", "-1", "0.5", ".inf", ".nan",
        "true", "False", "yes", "No", "on", "OFF", "null", "Null", "~", "y", "n", " leading space", "trailing space ",
        "::error::x", String(repeating: "long", count: 200),
    ]

    /// Machine names may also be longer than libyaml's 1,024-character simple key (written `? key`).
    /// (State names that long are JSON keys that the definition reader must take first: issue #10, point 10.)
    static let machineNames = names + [String(repeating: "long", count: 600)]

    /// A CloudFormation template (JSON) with one machine per name (StateMachineName is any string),
    /// each a Task named after the machine followed by a chain of Tasks with every name.
    static func template() throws -> String {
        var resources: [String: Any] = [:]
        let chain = names.enumerated().map { index, name in (name, index + 1 < names.count ? names[index + 1] : nil) }
        var states: [String: Any] = [:]
        for (name, next) in chain {
            var state: [String: Any] = ["Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"]
            if let next { state["Next"] = next } else { state["End"] = true }
            states[name] = state
        }
        for (index, name) in machineNames.enumerated() {
            resources["Machine\(index)"] = [
                "Type": "AWS::StepFunctions::StateMachine",
                "Properties": ["StateMachineName": name, "Definition": ["StartAt": names[0], "States": states]],
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: ["Resources": resources], options: [.sortedKeys])
        // DEL, C1 controls and the like as JSON \u escapes (the encoder escapes only C0 controls), so
        // the template is strict JSON that the YAML reader takes too.
        return DisplayText.jsonSafe(String(decoding: data, as: UTF8.self))
    }

    @Test func everyNameReadsBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-roundtrip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("template.json").path
        try Self.template().write(toFile: path, atomically: true, encoding: .utf8)
        let collected = InputCollector.collect([path])
        #expect(collected.failures.isEmpty, "\(collected.failures)")
        #expect(Set(collected.machines.map(\.name)) == Set(Self.machineNames))
        #expect(collected.machines.allSatisfy { Set($0.machine.allStates().map(\.name)) == Set(Self.names) })

        let skeleton = ProfileSkeleton.render(collected.machines, region: "us-east-1")
        let profile: UsageProfile
        do {
            profile = try ProfileLoader.decode(try SourceDocument.parse(skeleton, file: "usage.yml"), file: "usage.yml").0
        } catch {
            Issue.record("the skeleton does not read back: \(error)")
            return
        }
        // Exact scalars: String's == would also accept a canonically equivalent spelling.
        #expect(profile.machines.map { Array($0.pattern.unicodeScalars) } == collected.machines.map { Array($0.name.unicodeScalars) })
        for entry in profile.machines {
            #expect(Set(entry.usage.states.keys.map { Array($0.unicodeScalars) }) == Set(Self.names.map { Array($0.unicodeScalars) }),
                    "states of \(DisplayText.text(entry.pattern))")
        }
        // Comments cannot be ended by a name: every line is a comment, a key line or YAML structure.
        for line in skeleton.split(separator: "\n") {
            #expect(!line.unicodeScalars.contains { DisplayText.needsEscape($0) }, "\(DisplayText.text(String(line)))")
        }
    }

    /// Keys YAML would read as something else, written exactly.
    @Test func keysAreQuotedWhereNeeded() {
        #expect(YAMLText.scalar("daily-ingest") == "daily-ingest")
        #expect(YAMLText.scalar("true") == #""true""#)
        #expect(YAMLText.scalar("123") == #""123""#)
        #expect(YAMLText.scalar("a: b # c") == #""a: b # c""#)
        #expect(YAMLText.scalar("B\n::error::x") == #""B\u000a::error::x""#)
        #expect(YAMLText.scalar("q\"b\\") == #""q\"b\\""#)
        #expect(YAMLText.scalar("esc\u{1B}\u{202E}\u{FFFE}") == #""esc\u001b\u202e\ufffe""#)
        let long = String(repeating: "x", count: 1200)
        #expect(YAMLText.keyLines(long, indent: "  ") == ["  ? " + long, "  :"])
        #expect(YAMLText.keyLines("a b", indent: "  ", comment: "Task, line 3") == [#"  "a b":   # Task, line 3"#])
    }
}
