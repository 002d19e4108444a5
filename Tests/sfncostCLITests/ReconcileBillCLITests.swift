import Foundation
import Testing

/// `sfncost reconcile --cur` as a user runs it, on the extract written for the tests
/// (Tests/SFNCostKitTests/Fixtures/cur; its rows and the derivations of every figure are in
/// BillReconciliationTests). Exit codes: 0 within, 1 outside --tolerance, 2 bad input.
@Suite struct ReconcileBillCLITests {
    static let folder = "Tests/SFNCostKitTests/Fixtures/cur"
    static func arguments(profile: String = "usage.yml", cur: String = "cur2-2026-10.csv") -> [String] {
        ["reconcile", "\(folder)/machines", "--profile", "\(folder)/\(profile)", "--cur", "\(folder)/\(cur)"]
    }
    static let chosen = ["--account", "111122223333", "--region", "us-east-1"]

    /// 30,600 billed against 30,000 × 744/730 = 30,575 predicted (+0.08%: billed above); 1,019,000 against
    /// 1,019,178 (−0.02%); 63,700.5 against 63,699 (+0.00%); cost $2.75 billed, $2.85 predicted.
    @Test func theTablePrintsBilledAgainstPredicted() throws {
        let result = try CLIRunner.run(Self.arguments() + Self.chosen + ["--tolerance", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("== Bill: account 111122223333, us-east-1, 2026-10: 744 hours") == true, "\(result.stdout)")
        let transitions = lines.first { $0.contains("transitions  USE1-StateTransition") }
        #expect(transitions?.contains("30,600") == true && transitions?.contains("30,575") == true && transitions?.contains("+0.08%") == true, "\(result.stdout)")
        #expect(lines.contains { $0.contains("requests") && $0.contains("1,019,000") && $0.contains("1,019,178") && $0.contains("-0.02%") })
        #expect(lines.contains { $0.contains("cost") && $0.contains("$2.75") && $0.contains("$2.85") })
        #expect(lines.contains { $0.contains("orders (STANDARD): 30,000 transitions a month") })
        #expect(result.stdout.contains("Every billed figure is within 5% of the prediction."))
    }

    /// wrong-usage.yml: 61,151 predicted against 30,600 billed: the bill is 30,600/61,150.68 − 1 = −49.96% from
    /// its prediction, outside 10%: exit 1, and stderr names the line, its figures as the table prints
    /// them (30,600 and 61,150.68 to the unit: 61,151); within 60%: exit 0.
    @Test func aWrongProfileFailsTheGateOnTransitions() throws {
        let result = try CLIRunner.run(Self.arguments(profile: "wrong-usage.yml", cur: "legacy-2026-10.csv") + Self.chosen + ["--tolerance", "10"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("failing (--tolerance 10%): the bill's transitions (2026-10): billed 30,600, predicted 61,151"), "\(result.stderr)")
        let row = result.stdout.split(separator: "\n").first { $0.contains("transitions  USE1-StateTransition") }
        #expect(row?.contains("OFF") == true && row?.contains("-49.96%") == true, "\(result.stdout)")
        let requests = result.stdout.split(separator: "\n").first { $0.contains("StepFunctions-Request") }
        #expect(requests?.contains("OFF") == false)
        let lenient = try CLIRunner.run(Self.arguments(profile: "wrong-usage.yml", cur: "legacy-2026-10.csv") + Self.chosen + ["--tolerance", "60"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
    }

    @Test func jsonAndMarkdown() throws {
        let json = try CLIRunner.run(Self.arguments() + Self.chosen + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? Int == 1)
        let bill = try #require(document["bill"] as? [String: Any])
        #expect(bill["account"] as? String == "111122223333" && bill["hours"] as? Int == 744)
        #expect(bill["billedCost"] as? String == "2.74588734")
        let rows = try #require(bill["rows"] as? [[String: Any]])
        #expect(rows.map { $0["figure"] as? String } == ["transitions", "requests", "gbSeconds"])
        #expect(rows.first?["billed"] as? String == "30600")

        let markdown = try CLIRunner.run(Self.arguments(profile: "wrong-usage.yml") + Self.chosen + ["--format", "markdown", "--tolerance", "10"])
        #expect(markdown.status == 1)
        #expect(markdown.stdout.contains("| transitions | USE1-StateTransition | 30,600 | 61,151 | 0.500 | -49.96% | **off** |"), "\(markdown.stdout)")
    }

    @Test func severalAccountsMustBeChosen() throws {
        let result = try CLIRunner.run(Self.arguments())
        #expect(result.status == 2)
        #expect(result.stderr.contains("cur2-2026-10.csv:1:1: error: holds Step Functions usage of 3 accounts or regions"), "\(result.stderr)")
        #expect(result.stderr.contains("choose with --account and --region"))
        let other = try CLIRunner.run(Self.arguments() + ["--account", "444455556666"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(other.stdout.contains("7,000"))
        // --account alone: usage.yml's region, us-east-1, chooses among the account's two regions.
        let accountOnly = try CLIRunner.run(Self.arguments() + ["--account", "111122223333"])
        #expect(accountOnly.status == 0, "\(accountOnly.stderr)")
        #expect(accountOnly.stdout.hasPrefix("== Bill: account 111122223333, us-east-1, 2026-10"), "\(accountOnly.stdout)")
    }

    @Test func badExtractsExit2WithThePlace() throws {
        let header = "line_item_product_code,line_item_usage_type,line_item_usage_amount,line_item_usage_start_date"
        let badNumber = try CLIRunner.temporaryFile("\(header)\nAmazonStates,USE1-StateTransition,ten,2026-10-01\n", name: "bad.csv")
        let result = try CLIRunner.run(["reconcile", "\(Self.folder)/machines", "--profile", "\(Self.folder)/usage.yml", "--cur", badNumber])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.csv:2:35: error: the usage amount 'ten' is not a number [CUR.BadNumber]"), "\(result.stderr)")
        let noColumns = try CLIRunner.run(["reconcile", "\(Self.folder)/machines", "--cur", "\(Self.folder)/usage.yml"])
        #expect(noColumns.status == 2)
        #expect(noColumns.stderr.contains("usage.yml:1:1: error: is not a Cost and Usage Report extract"), "\(noColumns.stderr)")
        let gz = try CLIRunner.temporaryFile("x", name: "cur.csv.gz")
        let compressed = try CLIRunner.run(["reconcile", "\(Self.folder)/machines", "--cur", gz])
        #expect(compressed.status == 2 && compressed.stderr.contains("gunzip"))
        let nothing = try CLIRunner.run(["reconcile", "\(Self.folder)/machines"])
        #expect(nothing.status == 2 && nothing.stderr.contains("Express billing metrics with --metrics, or the bill with --cur"))
    }
}

/// README's example of `reconcile --cur` runs as written from the repository's root and prints what
/// README shows: every line of its output block but the shortened ones (with "…") is in stdout.
@Suite struct ReconcileBillREADMETests {
    @Test func theREADMEExampleRunsAsShown() throws {
        let readme = try String(contentsOfFile: (CLIRunner.repoRoot as NSString).appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### Against the bill (`--cur`)").dropFirst().first)
        let blocks = section.components(separatedBy: "```")
        // blocks[1] is the command, blocks[3] its output.
        try #require(blocks.count > 3)
        let command = blocks[1].replacingOccurrences(of: "\\\n", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(command.first == "sfncost")
        let result = try CLIRunner.run(Array(command.dropFirst()))
        #expect(result.status == 0, "\(result.stderr)")
        let shown = blocks[3].split(separator: "\n").map(String.init).filter { !$0.contains("…") && !$0.isEmpty }
        #expect(shown.count >= 10)
        let printed = Set(result.stdout.split(separator: "\n").map(String.init))
        for line in shown { #expect(printed.contains(line), "README shows a line not printed: \(line)\n\(result.stdout)") }
    }
}
