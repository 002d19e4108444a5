import Foundation
import Testing
@testable import SFNCostKit

/// The byte-level `HCLReader` against the scalar-by-scalar reader it replaced (`ScalarHCLReader`):
/// on tricky texts, on every corpus file and on seeded mutations of them, both must find the same
/// items, locations (line:column), texts, literal values and errors. Offsets differ (bytes against
/// scalars), so everything is compared as what a user sees: located text.
@Suite struct HCLByteReaderTests {
    /// Texts aimed at the places where bytes and scalars differ: non-ASCII names, strings, spaces
    /// (NBSP, U+3000, U+2028) and digits; escapes of every kind; templates; heredocs; comments; a
    /// byte order mark; control characters; unbalanced and unterminated things.
    static let tricky: [String] = [
        "a = 1\n",
        "\u{FEFF}resource \"aws_sfn_state_machine\" \"s\" {\n  name = \"é\"\n}\n",
        "résumé = \"naïve\"\nb = 2\n",
        "x = \"a\\u00e9\\U0001F600\\n\\t\\r\\\\\\\"\\é\"\n",
        "x = \"\\u12\"\n", "x = \"\\uZZZZ\"\n", "x = \"\\uD800\"\n", "x = \"\\u+041\"\n", "x = \"\\u00é1\"\n",
        "x = \"\\", "x = \"abc", "x = \"a\nb\"\n",
        "x = \"$${lit} %%{lit} $ % ${var.a} %{if x}y%{endif}\"\n",
        "x = \"${\"nested ${\"deep\"}\"}\"\n", "x = \"${unterminated\n",
        "x = jsonencode({ \"Ünïcode\" = \"✓\", n = 1e3, m = -0.5, k = 12345678901234567890 })\n",
        "x = var.a\u{00A0}\u{3000}\n", "x = foo\u{2028}\ny = 2\n", "x = [1, 2,\u{00A0}3]\n",
        "x = a٣b\nz = ٣\n", "ñ_9-x = 1\n", "9x = 1\n", "-x = 1\n", "x = \u{1F600}\n",
        "x = <<EOT\nline é\n  EOT\n", "x = <<-EOT\n    a\n\t  b\n\n  é\n  EOT\n", "x = <<EOT\r\nwin\r\nEOT\r\n",
        "x = <<EOT\nnever closed\n", "x = <<\n", "x = <<EOT trailing\nEOT\n", "x = <<ÉT\nbody\nÉT\n",
        "x = { a = <<EOT\nin object\nEOT\n}\n",
        "# comment é\nx = 1 // trailing\n/* block\n é */ y = 2\n", "x = 1 /* unclosed",
        "x = {\n a = 1 /* spans\n lines */ b = 2\n}\n", "x = { a = 1 b = 2 }\n", "x = { a = 1, a = 2 }\n",
        "x = { (var.k) = 1, \"q\" : 2 }\n", "x = [1, 2\n", "x = (1 + 2\n", "x = ]\n", "}\n", "b {\n", "b \"l\" x {\n}\n",
        "b é {\n}\n", "a == 1\n", "x = \u{0001}\u{0007}\n", "x = \"\u{0000}\"\n", "x = ::\n", "x = \"##[error]\"\n",
        "x = [for s in var.l : upper(s)]\n", "x = {for k, v in var.m : k => v}\n", "x = a ? b : c\n",
        String(repeating: "[", count: 200) + "\n", "x = " + String(repeating: "{a=", count: 140) + "\n",
        String(repeating: "b {\n", count: 130), "x = \"" + String(repeating: "${", count: 130) + "\n",
        "x = 1.5e+10\ny = 1.\nz = 1e\nw = -\nv = -1.x\n", "", "\n\n", "é",
    ]

    @Test(arguments: tricky)
    func trickyTextsReadAsTheScalarReaderReadsThem(_ text: String) {
        #expect(Self.byteDump(text) == Self.scalarDump(text))
    }

    @Test func corpusFilesAndMutationsReadAsTheScalarReaderReadsThem() throws {
        let directory = Fixtures.corpus("terraform")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tf") }.sorted()
        #expect(names.count > 20)
        var random = SeededRandom(seed: 13)
        let inserts = ["é", "\u{00A0}", "\u{3000}", "\"", "\\", "$", "${", "%{", "<<EOT\n", "\n", "{", "}", "[", "]",
                       "(", ")", "#", "/*", "*/", "\u{FEFF}", "\u{2028}", "٣", "\\u00", "::", "##[", "\u{0007}", "=", ","]
        for name in names {
            let text = try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
            #expect(Self.byteDump(text) == Self.scalarDump(text), "\(name)")
            for _ in 0..<6 {
                var scalars = Array(text.unicodeScalars)
                for _ in 0..<(1 + random.next(3)) {
                    let at = random.next(scalars.count + 1)
                    if random.next(3) == 0, at < scalars.count {
                        scalars.remove(at: at)
                    } else {
                        scalars.insert(contentsOf: inserts[random.next(inserts.count)].unicodeScalars, at: at)
                    }
                }
                var mutated = String.UnicodeScalarView()
                mutated.append(contentsOf: scalars)
                let mutatedText = String(mutated)
                #expect(Self.byteDump(mutatedText) == Self.scalarDump(mutatedText), "\(name) mutated")
            }
        }
    }

    /// Template texts for `TerraformTemplateText.fill`: placeholders next to non-ASCII text (whose
    /// padding is counted in scalars), inside strings, escaped, unclosed, spanning lines.
    static let templates: [String] = [
        "{\"n\": ${n}, \"é\": ${é}}", "{\"MaxConcurrency\": ${ n }\n}", "é${n}é ${b} ${s} ${x}",
        "{\"a\": \"${n}\", \"b\": \"\\\"${n}\"}", "$${n} $$${n} ${n", "${\nn\n}", "${n\r}", "${\"n\"} ${{n}}",
        "\\é${n}\"é\\\"${n}\"${n}", "${n}${n}${nn}${bb}", "${longer_than_its_value_é}", "${é}", "$", "${", "",
        "{\"x\": ${n} }\u{0301}${n}\u{0301}", "\"é\\é\"${n}", "{\"v\": ${ é      }, \"w\": ${é        }}",
    ]

    @Test(arguments: templates)
    func templateFillingMatchesTheScalarVersion(_ text: String) {
        func value(_ name: String) -> TerraformValue? {
            switch name {
            case "n": return .number(5)
            case "nn", "é": return .number(123456789)
            case "b", "bb": return .bool(false)
            case "s": return .string("x", known: true, origin: nil)
            default: return nil
            }
        }
        #expect(TerraformTemplateText.fill(text, value: value) == ScalarTemplateText.fill(text, value: value))
    }

    @Test func templateFillingOfCorpusHeredocsMatchesTheScalarVersion() throws {
        let directory = Fixtures.corpus("terraform")
        var compared = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".tf") {
            let text = try String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8)
            var random = SeededRandom(seed: UInt64(text.utf8.count))
            for insert in ["", "é", "\"", "\\", "${n}", "$"] {
                var scalars = Array(text.unicodeScalars)
                scalars.insert(contentsOf: insert.unicodeScalars, at: random.next(scalars.count + 1))
                var mutated = String.UnicodeScalarView()
                mutated.append(contentsOf: scalars)
                let value: (String) -> TerraformValue? = { $0.count % 2 == 0 ? .number(Decimal($0.count)) : nil }
                #expect(TerraformTemplateText.fill(String(mutated), value: value) == ScalarTemplateText.fill(String(mutated), value: value))
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    // MARK: - Dumps

    /// What the byte reader finds, written out: items, then each attribute's value read as a literal.
    static func byteDump(_ text: String) -> String {
        var reader = HCLReader(text: text, file: "t.tf")
        var out = ""
        do {
            let items = try reader.fileBody()
            dump(items, reader: &reader, into: &out)
        } catch {
            out += "failure \(error.message) at \(reader.location(error.offset))\n"
        }
        return out
    }

    private static func dump(_ items: [HCLReader.Item], reader: inout HCLReader, into out: inout String) {
        for item in items {
            switch item {
            case .attribute(let attribute):
                out += "attribute \(attribute.name) at \(reader.location(attribute.nameOffset)) value \(reader.location(attribute.valueStart))"
                out += " [\(reader.text(attribute.valueStart..<attribute.valueEnd))]\n"
                reader.offset = attribute.valueStart
                do {
                    out += "  = " + nodeDump(try reader.value(depth: 0, inObject: false)) + "\n"
                } catch {
                    out += "  failure \(error.message) at \(reader.location(error.offset))\n"
                }
                reader.offset = attribute.valueStart
                if reader.peek() == "<" && reader.peek(1) == "<", let heredoc = try? reader.heredoc() {
                    out += "  heredoc line \(heredoc.firstLine) indent \(heredoc.strippedIndent) [\(heredoc.text)]\n"
                }
            case .block(let block):
                out += "block \(block.type) \(block.labels) at \(reader.location(block.typeOffset)) {\n"
                dump(block.items, reader: &reader, into: &out)
                out += "}\n"
            }
        }
    }

    /// The same, from the scalar reader.
    static func scalarDump(_ text: String) -> String {
        var reader = ScalarHCLReader(text: text, file: "t.tf")
        var out = ""
        do {
            let items = try reader.fileBody()
            dump(items, reader: &reader, into: &out)
        } catch {
            out += "failure \(error.message) at \(reader.location(error.offset))\n"
        }
        return out
    }

    private static func dump(_ items: [ScalarHCLReader.Item], reader: inout ScalarHCLReader, into out: inout String) {
        for item in items {
            switch item {
            case .attribute(let attribute):
                out += "attribute \(attribute.name) at \(reader.location(attribute.nameOffset)) value \(reader.location(attribute.valueStart))"
                out += " [\(reader.text(attribute.valueStart..<attribute.valueEnd))]\n"
                reader.offset = attribute.valueStart
                do {
                    out += "  = " + nodeDump(try reader.value(depth: 0, inObject: false)) + "\n"
                } catch {
                    out += "  failure \(error.message) at \(reader.location(error.offset))\n"
                }
                reader.offset = attribute.valueStart
                let scalars = reader.scalars
                if attribute.valueStart + 1 < scalars.count, scalars[attribute.valueStart] == "<",
                   scalars[attribute.valueStart + 1] == "<", let heredoc = try? reader.heredoc() {
                    out += "  heredoc line \(heredoc.firstLine) indent \(heredoc.strippedIndent) [\(heredoc.text)]\n"
                }
            case .block(let block):
                out += "block \(block.type) \(block.labels) at \(reader.location(block.typeOffset)) {\n"
                dump(block.items, reader: &reader, into: &out)
                out += "}\n"
            }
        }
    }

    static func nodeDump(_ node: SourceNode) -> String {
        let at = "@\(node.location.line):\(node.location.column)"
        switch node.value {
        case .object(let members):
            let inner = members.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column)=\(nodeDump($0.value))" }
            return "{" + inner.joined(separator: ",") + "}" + at
        case .array(let elements): return "[" + elements.map(nodeDump).joined(separator: ",") + "]" + at
        case .string(let text): return "s\(text.debugDescription)" + at
        case .number(let text): return "n\(text)" + at
        case .bool(let flag): return "\(flag)" + at
        case .null: return "null" + at
        }
    }
}

/// A small seeded generator (the tests' SplitMix64, `RandomMachine.Generator`), so that the
/// mutations are the same on every run.
struct SeededRandom {
    private var generator: RandomMachine.Generator

    init(seed: UInt64) { generator = RandomMachine.Generator(state: seed) }

    /// A number in 0..<bound (0 when bound is 0).
    mutating func next(_ bound: Int) -> Int {
        let z = generator.next()
        return bound > 0 ? Int(z % UInt64(bound)) : 0
    }
}
