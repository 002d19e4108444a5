import Foundation
import Testing
@testable import SFNCostKit

/// The Terraform readers' byte-level fast paths (issue 13) against the general paths they stand
/// for: `TerraformPaths` against `NSString`'s path methods, `TerraformReferenceScan` against the
/// `NSRegularExpression`s of `TerraformSchedules`. Each must give the same answer on every input;
/// the inputs are tricky by hand and generated (seeded) from the characters that matter.
@Suite struct TerraformFastPathTests {
    // MARK: - Paths

    static let trickyPaths: [String] = [
        "", "/", "//", "a", "a/", "a//b", "/a", "/a/", "/a/b", "a/b/c", "a/b/c/", "./a", "a/.", "a/..", "../a",
        "a/./b", "a/../b", "...", "a/.../b", ".a/b.", "a/.b", "~", "~/a", "a/~b", "/~", "é/b", "a/é", "a/b\u{301}",
        "Tests/Corpus/terraform/main.tf", "Tests/Corpus/terraform", "/tmp/x/y.tf.json", "a b/c d", "a\\b/c",
        "/a//", "///a", "a/b//", "x.tf", "/x.tf", "-/a", "a/-", "%20/a", "a/%2F",
    ]

    @Test(arguments: trickyPaths)
    func deletingAndLastComponentAsNSString(_ path: String) {
        expectDeletingAsNSString(path)
        #expect(TerraformPaths.lastComponent(path) == (path as NSString).lastPathComponent, "\(path.debugDescription)")
    }

    @Test func appendingAsNSString() {
        for directory in Self.trickyPaths {
            for name in Self.trickyPaths {
                #expect(TerraformPaths.appending(directory, name) == (directory as NSString).appendingPathComponent(name),
                        "\(directory.debugDescription) + \(name.debugDescription)")
            }
        }
    }

    @Test func generatedPathsAsNSString() {
        let pieces = ["a", "bc", "/", "/", ".", "..", "~", "é", "-", " ", "x.tf"]
        var random = SeededRandom(seed: 0x7E44_A1F0)
        var compared = 0
        for _ in 0..<2_000 {
            let path = (0..<random.next(7)).map { _ in pieces[random.next(pieces.count)] }.joined()
            let name = (0..<random.next(4)).map { _ in pieces[random.next(pieces.count)] }.joined()
            // Foundation traps on `//` before a non-ASCII character at the end (`a//é`, in its slash
            // fixing); those paths never reach the readers (theirs end in `.tf`) and are not compared.
            guard !Self.foundationTrapsFixingSlashes(path + "/" + name) else { continue }
            compared += 1
            expectDeletingAsNSString(path)
            #expect(TerraformPaths.lastComponent(path) == (path as NSString).lastPathComponent, "\(path.debugDescription)")
            #expect(TerraformPaths.appending(path, name) == (path as NSString).appendingPathComponent(name),
                    "\(path.debugDescription) + \(name.debugDescription)")
        }
        #expect(compared > 1_000)
    }

    static func foundationTrapsFixingSlashes(_ path: String) -> Bool {
        path.contains("//") && !path.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Foundation traps on a one-character name (`a`, `a/`, `é//`; swift-corelibs-foundation's
    /// `_startOfLastPathComponent`): those are "", as any longer name without a slash gives.
    private func expectDeletingAsNSString(_ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if Self.isOneCharacterName(path) {
            #expect(TerraformPaths.deletingLastComponent(path) == "", "\(path.debugDescription)", sourceLocation: sourceLocation)
            #expect(("ab" as NSString).deletingLastPathComponent == "")
        } else {
            #expect(TerraformPaths.deletingLastComponent(path) == (path as NSString).deletingLastPathComponent,
                    "\(path.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    /// One UTF-16 unit, perhaps followed by slashes: the names NSString traps on when deleting.
    static func isOneCharacterName(_ path: String) -> Bool {
        var name = Substring(path)
        while name.utf8.last == UInt8(ascii: "/") { name = name.dropLast() }
        return name.utf16.count == 1
    }

    /// The fast path is taken where it should be (else the comparisons above prove little).
    @Test func plainPathsTakeTheFastPath() {
        for path in ["Tests/Corpus/terraform/main.tf", "/a/b.tf", "...", "./a", "~/a"] {
            #expect(FilePaths.isPlainSpelling(path), "\(path.debugDescription)")
        }
        for path in ["", "/", "a/", "a//b", "\u{E9}/b"] {
            #expect(!FilePaths.isPlainSpelling(path), "\(path.debugDescription)")
        }
    }

    // MARK: - Byte search

    @Test func containsAsFoundation() {
        let texts = ["", "$", "{", "${", "a${b}", "$ {", "%{ if }", "${\u{301}", "é${", "x\u{301}${y", "\"q\"", "{{", "$${x}",
                     "abc", "\u{1F600}${", "${}\u{0600}"]
        let needles = ["${", "%{", "\"", "{", "é", ""]
        for text in texts {
            for needle in needles {
                #expect(TerraformBytes.contains(text, needle) == text.contains(needle), "\(needle.debugDescription) in \(text.debugDescription)")
            }
        }
        // Hand-read, on ASCII text (the byte search): the two-byte needle in order only.
        #expect(TerraformBytes.contains("a${b}", "${"))
        #expect(!TerraformBytes.contains("{$", "${"))
        #expect(TerraformBytes.isASCII("abc ~") && !TerraformBytes.isASCII("abé"))
    }

    // MARK: - Terraform file names

    @Test func terraformFileNamesAsLowercasedCharacters() {
        let names = ["main.tf", "MAIN.TF", "a.Tf.JsOn", "a.tf.json", "a.tf.json.bak", "a.tfvars", "tf", ".tf", "a.t", "",
                     "a.tF", "x/y.TF", "é.tf", "a.tf\u{301}", "a.\u{301}tf", "\u{0600}.tf", "a\u{212A}.tf", "a.tf.jsoN",
                     "a.TF.JSON", "a.json", "a..tf", "a.tf ", "a.ṫf"]
        for name in names {
            #expect(TerraformModule.isTerraformFile(name) == TerraformModule.isTerraformFileByCharacters(name), "\(name.debugDescription)")
        }
        // Hand-read, the ASCII names (the fast path): the suffix is `.tf` or `.tf.json` in any case.
        let ascii = names.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(ascii.filter(TerraformModule.isTerraformFile) == ["main.tf", "MAIN.TF", "a.Tf.JsOn", "a.tf.json", ".tf", "a.tF",
                                                                 "x/y.TF", "a.tf.jsoN", "a.TF.JSON", "a..tf"])
    }

    // MARK: - References in schedules

    static let trickyReferences: [String] = [
        "aws_sfn_state_machine.job.arn",
        "aws_sfn_state_machine.job[\"b\"].arn",
        "aws_sfn_state_machine.job [ 0 ] . id",
        "aws_sfn_state_machine.job[ ].arn",
        "aws_sfn_state_machine.job[\n\t\"x\" \r].arn",
        "aws_sfn_state_machine.job[count.index].arn",
        "aws_sfn_state_machine.job[0].arnx aws_sfn_state_machine.other.id",
        "aws_sfn_state_machine.job[0.arn",
        "aws_sfn_state_machine.job].arn",
        "xaws_sfn_state_machine.job.arn",
        "aws_sfn_state_machine.job-1_x.arn-",
        "aws_sfn_state_machine.1job.arn",
        "aws_sfn_state_machine..arn",
        "aws_sfn_state_machine.job.arn.aws_sfn_state_machine.two.arn",
        "aws_sfn_state_machine.job\u{0B}.\u{0C}arn",
        "aws_sfn_state_machine.job\u{1C}.arn",
        "aws_sfn_state_machine.job\u{1F}.arn",
        "[aws_sfn_state_machine.a.arn, aws_sfn_state_machine.b[\"k\"].id]",
        "aws_sfn_state_machine.jöb.arn",
        "aws_sfn_state_machine.job.arn\u{00A0}",
        "aws_sfn_state_machine.job[\u{00A0}0\u{2003}].arn",
        "module.sfn.state_machine_arn",
        "module.sfn[1].arn",
        "module .sfn.arn",
        "xmodule.sfn.arn",
        "-module.sfn.arn",
        "_module.sfn.arn",
        "5module.sfn.arn",
        "module.sfn.",
        "module.sfn [\"a b\"] .out-put_2",
        "module.a.b.module.c.d",
        "module.sfn[0]].x",
        "",
    ]

    @Test(arguments: trickyReferences)
    func referenceScanAsTheRegex(_ text: String) {
        expectSameGroups(text)
    }

    @Test func generatedReferencesAsTheRegex() {
        let pieces = ["aws_sfn_state_machine", "aws_cloudwatch_event_rule", "module", ".", ".", "[", "]", " ", "\t",
                      "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "\"", "a", "Z", "_", "-", "0", "9", "arn", "id",
                      "name", "arnx", "x", "${", "}", "*", ",", "(", "é", "\u{00A0}", "\u{2028}"]
        var random = SeededRandom(seed: 0x5C4E_D01E)
        for _ in 0..<3_000 {
            let text = (0..<random.next(16)).map { _ in pieces[random.next(pieces.count)] }.joined()
            expectSameGroups(text)
        }
    }

    /// The scan does answer ASCII text (so the comparisons test it), and leaves the rest to the regex.
    @Test func asciiTextIsScannedAndOtherTextIsNot() {
        #expect(TerraformReferenceScan.groups(prefix: "module", wordBoundaryBefore: true, tail: .identifier,
                                              in: "module.sfn[1].arn") == [["sfn", "[1]", "1", "arn"]])
        #expect(TerraformReferenceScan.groups(prefix: "module", wordBoundaryBefore: true, tail: .identifier,
                                              in: "module.sfn.é") == nil)
        // Hand-read: the name `job`, brackets `[ "b" ]` holding `"b"` once trimmed, the attribute `id`.
        #expect(TerraformSchedules.references(to: "aws_sfn_state_machine", in: #"aws_sfn_state_machine.job[ "b" ].id"#)
                    .map { [$0.name, $0.key] } == [["job", "b"]])
    }

    private func expectSameGroups(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for (type, attributes) in [("aws_sfn_state_machine", ["arn", "id"]),
                                   ("aws_cloudwatch_event_rule", ["name", "id", "arn"])] {
            let fast = TerraformSchedules.referenceGroups(to: type, in: text, attributes: attributes)
            let general = TerraformSchedules.referenceGroups(to: type, in: text, attributes: attributes, useRegex: true)
            #expect(fast == general, "\(type) in \(text.debugDescription)", sourceLocation: sourceLocation)
        }
        #expect(TerraformSchedules.moduleOutputGroups(in: text) == TerraformSchedules.moduleOutputGroups(in: text, useRegex: true),
                "module outputs in \(text.debugDescription)", sourceLocation: sourceLocation)
    }
}
