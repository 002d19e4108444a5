import Foundation
import Testing
@testable import SFNCostKit

/// Issue #10, point 11: messages about inputs say what is true, and where.
@Suite struct InputLocationTests {
    static func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sfncost-locations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func write(_ text: String, _ relative: String, in directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Each file that held no machine is listed with why, sorted by path.
    @Test func nothingFoundSaysWhatWasLookedAtAndWhy() throws {
        let root = try Self.directory()
        _ = try Self.write("version: 1\n", "usage.yml", in: root)
        _ = try Self.write("x: [\n", "broken.yml", in: root)
        _ = try Self.write("resource \"aws_s3_bucket\" \"b\" {}\n", "infra/main.tf", in: root)
        try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        let collected = InputCollector.collect([root, root + "/empty"])
        #expect(collected.machines.isEmpty && collected.failures.isEmpty)
        #expect(collected.passedOver == [
            .init(path: root + "/broken.yml", reason: "not readable as JSON/YAML (line 2, column 1: not valid JSON or YAML: did not find expected node content)"),
            .init(path: root + "/infra/main.tf", reason: "no aws_sfn_state_machine resource"),
            .init(path: root + "/usage.yml", reason: "not an ASL definition ('StartAt' and 'States') or a template with state machines ('Resources')"),
            .init(path: root + "/empty", reason: "no .json, .yaml, .yml or .tf file in it"),
        ])
        let lines = InputCollector.nothingFoundLines(paths: ["a", "b"], passedOver: collected.passedOver)
        #expect(lines.first == "found no state machine in a, b; looked at:")
        #expect(lines.count == 5 && lines[2] == "  \(root)/infra/main.tf: no aws_sfn_state_machine resource")
    }

    /// 25 files: the first 20, then "… and 5 more".
    @Test func nothingFoundIsCapped() {
        let many = (1...25).map { InputCollector.PassedOver(path: "f\($0).json", reason: "r") }
        let lines = InputCollector.nothingFoundLines(paths: ["d"], passedOver: many)
        #expect(lines.count == 22)
        #expect(lines[20] == "  f20.json: r")
        #expect(lines[21] == "  … and 5 more")
    }

    /// A subdirectory that cannot be listed is a failure at its path, not a silent omission. (Tests
    /// run as root, for whom mode 000 does not deny reading: the listing is made to fail instead.)
    @Test func unreadableSubdirectoryIsReported() throws {
        let root = try Self.directory()
        _ = try Self.write(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#, "ok.asl.json", in: root)
        _ = try Self.write(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#, "locked/hidden.asl.json", in: root)
        var result = InputCollector.Result()
        let files = InputCollector.files(under: root, into: &result) { path in
            if path.hasSuffix("/locked") { throw NSError(domain: NSCocoaErrorDomain, code: NSFileReadNoPermissionError) }
            return try FileManager.default.contentsOfDirectory(atPath: path)
        }
        #expect(files == [root + "/ok.asl.json"])
        let failure = try #require(result.failures.first?.diagnostics.first)
        #expect(failure.code == "Input.UnreadableDirectory")
        #expect(failure.location == SourceLocation(file: root + "/locked", line: 1, column: 1))
        #expect(failure.message == "cannot read directory: permission denied; a machine in it would be missed")
    }

    /// Checked with stat before reading: no read of /dev/zero, no wait on a FIFO, no Cocoa error code.
    @Test func specialFilesAreNotRegularFiles() throws {
        let root = try Self.directory()
        let fifo = root + "/pipe.asl.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases = [("/dev/zero", "a character device"), (fifo, "a FIFO"), (root, "a directory")]
        let start = ContinuousClock.now
        for (path, kind) in cases {
            #expect(throws: InputError.self) { try SourceDocument.readText(path: path) }
            do { _ = try SourceDocument.readText(path: path) } catch {
                #expect(error.diagnostics.first?.code == "Input.NotARegularFile")
                #expect(error.diagnostics.first?.location == SourceLocation(file: path, line: 1, column: 1))
                #expect(error.diagnostics.first?.message.hasPrefix("not a regular file (\(kind))") == true)
            }
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        // As an explicit input, and inside a directory (where it is passed over, not waited on).
        let named = InputCollector.collect(["/dev/zero"])
        #expect(named.failures.first?.diagnostics.first?.code == "Input.NotARegularFile")
        let walked = InputCollector.collect([root])
        #expect(walked.failures.first?.diagnostics.first?.code == "Input.NotARegularFile")   // named *.asl.json: must fail
        // Named plain .json in a directory: passed over, with the true reason.
        let other = try Self.directory()
        #expect(mkfifo(other + "/pipe.json", 0o600) == 0)
        let passed = InputCollector.collect([other])
        #expect(passed.failures.isEmpty)
        #expect(passed.passedOver == [.init(path: other + "/pipe.json", reason: "not a regular file (a FIFO); name a file that holds a definition, or a directory to search")])
    }

    /// A file over the limit is refused from its size (a sparse file: nothing is read).
    @Test func oversizedFilesAreRefusedBeforeReading() throws {
        let root = try Self.directory()
        let path = root + "/big.json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(SourceDocument.maximumBytes + 1)) == 0)
        do { _ = try SourceDocument.readText(path: path); Issue.record("read a file over the limit") } catch {
            #expect(error.diagnostics.first?.code == "Input.TooLarge")
            #expect(error.diagnostics.first?.message == "file is \(SourceDocument.maximumBytes + 1) bytes; sfncost reads at most \(SourceDocument.maximumBytes) bytes")
        }
    }

    /// A raw control character is reported at its own line and column (BEL: line 5, column 16 —
    /// `    Comment: "x` is 15 characters).
    @Test func controlCharacterIsLocated() throws {
        let root = try Self.directory()
        let path = try Self.write("StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: \"x\u{07}y\"\n    End: true\n", "bell.asl.yaml", in: root)
        do { _ = try SourceDocument.load(path: path); Issue.record("accepted a raw BEL") } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.code == "Input.ControlCharacter")
            #expect(diagnostic.location == SourceLocation(file: path, line: 5, column: 16))
            #expect(diagnostic.message.hasPrefix("control character U+0007 (BEL) is not allowed"))
        }
        // DEL after `b: "é` and a tab: columns count Unicode scalars (b : space " é TAB DEL: column 7).
        let second = try Self.write("a: 1\nb: \"é\t\u{7F}\"\n", "del.yaml", in: root)
        do { _ = try SourceDocument.load(path: second); Issue.record("accepted a raw DEL") } catch {
            #expect(error.diagnostics.first?.location == SourceLocation(file: second, line: 2, column: 7))
        }
    }

    /// `region:` on line 3 of the profile, its value at column 9.
    @Test func unknownProfileRegionIsAtItsLine() throws {
        let root = try Self.directory()
        let definition = try Self.write(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#, "m.asl.json", in: root)
        let profile = try Self.write("# prices\nversion: 1\nregion: xx-nowhere-1\n", "usage.yml", in: root)
        let outcome = Estimator.run(.init(paths: [definition], profilePath: profile))
        let diagnostic = try #require(outcome.failures.first?.diagnostics.first)
        #expect(diagnostic.code == "Pricing.UnknownRegion")
        #expect(diagnostic.location == SourceLocation(file: profile, line: 3, column: 9))
    }

    @Test func currencyMismatchNamesBothReports() throws {
        let base = try ReportDiffTests.report([("a", 2, 1000)])
        var head = base
        head.currency = "CNY"
        #expect {
            try ReportDiffer.diff(base: base, basePath: "base.json", head: head, headPath: "head.json")
        } throws: { error in
            "\(error)" == "head.json:1:1: error: the reports are in different currencies: base.json is in USD, head.json in CNY; compare reports of one currency"
        }
    }

    /// An offer file that prices only a new region's transitions: the warning that it is left out
    /// stands at that product in the file (line 8: its "attributes").
    @Test func pricingImportWarningsNameTheFile() throws {
        let root = try Self.directory()
        let offer = try Self.write("""
        {
          "formatVersion": "v1.0",
          "offerCode": "AmazonStates",
          "version": "20261120000000",
          "publicationDate": "2026-11-20T00:00:00Z",
          "products": {
            "SKU1": {"sku": "SKU1", "productFamily": "AWS Step Functions",
              "attributes": {"servicecode": "AmazonStates", "location": "Nowhere", "locationType": "AWS Region",
                             "regionCode": "xx-test-1", "usagetype": "XX-StateTransition"}}
          },
          "terms": {"OnDemand": {"SKU1": {"SKU1.T": {"offerTermCode": "T", "sku": "SKU1", "effectiveDate": "2025-06-01T00:00:00Z",
            "priceDimensions": {"SKU1.T.D": {"rateCode": "SKU1.T.D", "description": "x", "beginRange": "0", "endRange": "Inf",
              "unit": "StateTransitions", "pricePerUnit": {"USD": "0.0000250000"}, "appliesTo": []}}, "termAttributes": {}}}}}
        }
        """, "offer.json", in: root)
        let summary = try PriceDataUpdate.run(paths: [offer], directory: root + "/out", today: "2026-11-25")
        let warning = try #require(summary.warnings.first)
        #expect(warning.code == "PriceList.Incomplete")
        #expect(warning.location?.file == offer)
        #expect(warning.location?.line == 8)
    }
}
