import Foundation
import Testing
@testable import SFNCostKit

/// The fast paths of turning parsed documents into machines (issue #13) against the general paths
/// they stand in front of: each must give what the general one gives, on inputs chosen to trip a
/// byte-level shortcut (non-ASCII, combining marks, `${` split by a mark, control characters,
/// backslashes, doubled slashes).
@Suite struct TemplateFastPathTests {
    /// Every node with its kind, text, tag and location, so two trees compare as text.
    static func dump(_ node: SourceNode, into out: inout [String], indent: String = "") {
        let at = "\(node.location.line):\(node.location.column)\(node.tag.map { " \($0)" } ?? "")\(node.isLiteralBlock ? " |" : "")"
        switch node.value {
        case .object(let members):
            out.append("\(indent)object \(at)")
            for member in members {
                out.append("\(indent) key \(Array(member.key.utf8)) \(member.keyLocation.line):\(member.keyLocation.column)")
                dump(member.value, into: &out, indent: indent + "  ")
            }
        case .array(let elements):
            out.append("\(indent)array \(at)")
            for element in elements { dump(element, into: &out, indent: indent + "  ") }
        case .string(let text): out.append("\(indent)string \(Array(text.utf8)) \(at)")
        case .number(let text): out.append("\(indent)number \(text) \(at)")
        case .bool(let flag): out.append("\(indent)bool \(flag) \(at)")
        case .null: out.append("\(indent)null \(at)")
        }
    }

    static func dump(_ node: SourceNode) -> [String] {
        var out: [String] = []
        dump(node, into: &out)
        return out
    }

    /// Definitions whose numeric fields are, or only look like, placeholders filled at deployment.
    static let stripCases: [String] = [
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","TimeoutSeconds":"${T}","End":true}}}"#,
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","TimeoutSeconds":"${T}x","End":true}}}"#,
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","TimeoutSeconds":"x${T}","End":true}}}"#,
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","TimeoutSeconds":"${A}${B}","End":true}}}"#,
        // `{` + U+0301 is one Character: `hasPrefix("${")` is false, the bytes start with `${`.
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"r\",\"TimeoutSeconds\":\"${\u{301}T}\",\"End\":true}}}",
        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"r\",\"TimeoutSeconds\":\"${T\u{301}}\",\"End\":true}}}",
        // A key that differs from `TimeoutSeconds` only by a composed character, and non-ASCII names.
        "{\"StartAt\":\"é\",\"States\":{\"é\":{\"Type\":\"Task\",\"Resource\":\"r\",\"Timeout\u{301}Seconds\":\"${T}\",\"End\":true}}}",
        // Inside payloads the fields are data: nothing is stripped there.
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","Parameters":{"TimeoutSeconds":"${T}"},"End":true}}}"#,
        #"{"StartAt":"A","States":{"A":{"Type":"Pass","Result":[{"MaxAttempts":"${N}"}],"End":true}}}"#,
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","Parameters.$":{"TimeoutSeconds":"${T}"},"End":true}}}"#,
        // Deep in retriers, batchers and item readers, and in nested machines.
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":"${N}","BackoffRate":"${B}"}],"End":true}}}"#,
        #"{"StartAt":"M","States":{"M":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":"${B}"},"ItemReader":{"ReaderConfig":{"MaxItems":"${M}"}},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Task","Resource":"r","HeartbeatSeconds":"${H}","End":true}}},"End":true}}}"#,
        #"{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":"${S}","End":true}}}],"End":true}}}"#,
        // Control characters, backslashes, `::` and `##[` around the placeholder.
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","MaxConcurrency":"${a\\b::c##[d\u0001}","End":true}}}"#,
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","TimeoutSeconds":"${}","End":true}}}"#,
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","TimeoutSeconds":"$","IntervalSeconds":"{","End":true}}}"#,
        #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","TimeoutSeconds":1e400,"End":true}}}"#,
        #"[{"TimeoutSeconds":"${T}"},[{"MaxItems":"${M}"}],"${x}"]"#,
    ]

    @Test func readOnlyCheckAgreesWithTheFullStrip() throws {
        var stripped = 0
        for text in Self.stripCases {
            let root = try SourceDocument.parse(text, file: "d.json")
            let (full, notes) = DeployTimePlaceholders.stripWalkingEverything(root)
            let (fast, fastNotes) = DeployTimePlaceholders.strip(root)
            #expect(DeployTimePlaceholders.holdsDeployTimeField(root, depth: 0) == !notes.isEmpty, "\(text)")
            #expect(fastNotes == notes, "\(text)")
            #expect(Self.dump(fast) == Self.dump(full), "\(text)")
            if !notes.isEmpty { stripped += 1 }
        }
        // The cases that hold a whole `${…}` in a numeric field outside payloads, counted by hand:
        // the first (TimeoutSeconds), `${T\u{301}}`, the retrier, the Map, the control characters,
        // `${}`, and the bare array. The Wait's `Seconds` is not a field that is stripped.
        #expect(stripped == 7)
    }

    @Test func payloadLengthMaskMatchesThePayloadKeys() {
        for key in DeployTimePlaceholders.payloads { #expect(DeployTimePlaceholders.isPayload(key)) }
        for key in ["Parameter", "Parametersx", "Outputs", "Resul", "ItemSelectoR", "Résult", "", String(repeating: "P", count: 70)] {
            #expect(!DeployTimePlaceholders.isPayload(key), "\(key)")
        }
    }

    /// The substitution before copy-on-change: every node rebuilt. The shared subtrees must be the
    /// same nodes, so the result must not differ.
    static func substituteRebuildingAll(_ node: SourceNode, _ values: PlaceholderValues) -> SourceNode {
        var copy = node
        switch node.value {
        case .object(let members):
            copy.value = .object(members.map {
                SourceNode.Member(key: $0.key, keyLocation: $0.keyLocation, value: substituteRebuildingAll($0.value, values))
            })
        case .array(let elements):
            copy.value = .array(elements.map { substituteRebuildingAll($0, values) })
        case .string(let text) where node.tag == nil && text.contains("${"):
            if let whole = PlaceholderTree.wholePlaceholder(text), let value = values.value(whole) {
                if value == "true" || value == "false" { copy.value = .bool(value == "true") } else if PlaceholderTree.isNumber(value) { copy.value = .number(value) } else { copy.value = .string(value) }
            } else {
                copy.value = .string(PlaceholderTree.fill(text, values))
            }
        default:
            break
        }
        return copy
    }

    @Test func copyOnChangeSubstitutionEqualsTheFullRebuild() throws {
        let values = PlaceholderValues(values: ["T": "300", "On": "true", "Name": "é-x", "Neg": "-1e5", "Bad": "1x"])
        let texts = [
            #"{"a":"${T}","b":["${On}",{"c":"x ${Name} ${Missing} y"}],"d":"plain","e":"${Neg}","f":"${Bad}"}"#,
            #"{"a":"plain","b":[1,true,null,{"c":"no placeholder"}]}"#,
            "{\"a\":\"${\u{301}T}\",\"b\":\"${T\u{301}}\",\"c\":\"\\\\${T}\",\"d\":\"${T\"}",
            "a: !Sub '${T}'\nb: |\n  ${T}\n  line\nc: [x, '${On}']\n",
        ]
        for text in texts {
            let root = try SourceDocument.parse(text, file: text.hasPrefix("{") ? "d.json" : "d.yaml")
            #expect(Self.dump(PlaceholderTree.substitute(root, values)) == Self.dump(Self.substituteRebuildingAll(root, values)), "\(text)")
        }
    }

    @Test func plainPathsJoinAsNSStringDoes() {
        let templates = ["template.yaml", "dir/template.yaml", "/abs/dir/template.yaml", "/template.yaml",
                         "./template.yaml", "../up/template.yaml", "a/./b/t.yml", "a/../t.json", "a b/t\\x.yaml",
                         "a//b/t.yaml", "a/b/", "é/t.yaml", "", "/", "a/b/c/d/e/f.json", ".hidden/t.yaml", "t\u{1}/x.yaml"]
        let relatives = ["sm.json", "sub/sm.asl.json", "../sm.json", "../../x/y.json", "/abs/sm.json", ".", "..",
                         "a//b.json", "dir/", "é.json", "", "x\\y.json", "sm.json ", " sm.json", "a/./b.json", "~/x.json"]
        for template in templates {
            for relative in relatives {
                let directory = (template as NSString).deletingLastPathComponent
                let expected = relative.hasPrefix("/") || directory.isEmpty ? relative : (directory as NSString).appendingPathComponent(relative)
                if let joined = FilePaths.joined(relative, besideFile: template) {
                    #expect(joined == expected, "\(template) + \(relative)")
                }
            }
        }
        // The common case takes the fast path.
        #expect(FilePaths.joined("sm.json", besideFile: "dir/template.yaml") == "dir/sm.json")
    }

    @Test func utf8KeysCompareBytesNotCanonicalEquivalence() {
        #expect(UTF8Key("é") != UTF8Key("e\u{301}"))
        #expect(UTF8Key("K") != UTF8Key("\u{212A}"))
        #expect(UTF8Key("é") == UTF8Key("\u{E9}"))
        var set: Set<UTF8Key> = [UTF8Key("é"), UTF8Key("e\u{301}"), UTF8Key("a::b"), UTF8Key("##[x]"), UTF8Key("")]
        #expect(set.count == 5)
        #expect(!set.insert(UTF8Key(String(decoding: Array("a::b".utf8), as: UTF8.self))).inserted)
    }

    /// Targets and duplicate names are compared by bytes: `é` (U+00E9) and `e` + U+0301 are two
    /// states, a `Next` to the one that is not there is an error, and a name used again in a branch
    /// is reported at the second use.
    @Test func targetsAndDuplicatesByBytes() throws {
        let text = "{\"StartAt\":\"\u{E9}\",\"States\":{\"\u{E9}\":{\"Type\":\"Pass\",\"Next\":\"e\u{301}\"},"
            + "\"P\":{\"Type\":\"Parallel\",\"Branches\":[{\"StartAt\":\"\u{E9}\",\"States\":{\"\u{E9}\":{\"Type\":\"Succeed\"}}}],\"End\":true}}}"
        let root = try SourceDocument.parse(text, file: "d.json")
        #expect(throws: InputError.self) { try DefinitionDecoder.decode(root) }
        do {
            _ = try DefinitionDecoder.decode(root)
        } catch {
            let codes = error.diagnostics.map(\.code)
            #expect(codes.contains("ASL.MissingNextTarget"))
            #expect(codes.contains("ASL.DuplicateStateName"))
        }
    }

    /// `field` (the decoder's lookup) finds what `member` finds, for keys that are equal as Swift
    /// strings but not as bytes, of equal lengths, empty, long, or with control characters.
    @Test func fieldLookupMatchesMember() throws {
        let keys = ["\u{E9}", "e\u{301}", "K", "\u{212A}", "Next", "Nex", "Nextt", "", "a::b", "##[x", "back\\slash",
                    "ctl\u{1}", String(repeating: "TimeoutSeconds", count: 3)]
        var text = "{"
        for (index, key) in keys.enumerated() where key != "Nex" {
            let escaped = key.unicodeScalars.map { $0 == "\\" ? "\\\\" : $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
            text += (text == "{" ? "" : ",") + "\"\(escaped)\":\(index)"
        }
        text += "}"
        let root = try SourceDocument.parse(text, file: "d.json")
        #expect(root.members?.count == keys.count - 1)
        for key in keys + ["Type", "TimeoutSeconds", "\u{212A}\u{212A}"] {
            #expect(root.field(key)?.keyLocation == root.member(key)?.keyLocation, "\(key)")
            #expect(root.fieldValue(key)?.location == root[key]?.location, "\(key)")
        }
        #expect(root.field("Next") != nil && root.field("Nex") == nil && root.field("\u{212A}")?.key == "\u{212A}")
        #expect(SourceNode(.string("x"), at: root.location).field("x") == nil)
    }
}
