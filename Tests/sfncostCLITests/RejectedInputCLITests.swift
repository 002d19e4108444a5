import Foundation
import Testing

/// Issue 10, items 8 and 10, as a user meets them: a definition AWS would reject exits 2 with
/// file:line:column; valid JSON that libyaml cannot read is read.
@Suite struct RejectedInputCLITests {
    /// `"MaxAttempts": ` starts line 5 after two spaces: the value is at column 2 + 11 + 5 = 18.
    @Test func numberPastAWSMaximumExitsTwoWithItsLocation() throws {
        let text = """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Retry": [{
              "ErrorEquals": ["States.ALL"],
          "MaxAttempts": 100000000}]}
        }}

        """
        let path = try CLIRunner.temporaryFile(text, name: "retry.asl.json")
        let result = try CLIRunner.run(["estimate", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):5:18: error: 'MaxAttempts' must be a whole number from 0 to 99999999, found 100000000"),
                "\(result.stderr)")
    }

    /// `"Seconds": ` is at the start of line 3 after two spaces: the value is at column 2 + 7 + 5 = 14.
    @Test func stringInJSONPathWaitExitsTwo() throws {
        let text = "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"End\": true,\n\n  \"Seconds\": \"abc\"}}}\n"
        let path = try CLIRunner.temporaryFile(text, name: "wait.asl.json")
        let result = try CLIRunner.run(["estimate", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):3:14: error: 'Seconds' must be a number, found the string 'abc'"), "\(result.stderr)")
    }
}
