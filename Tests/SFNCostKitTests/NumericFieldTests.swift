import Foundation
import Testing
@testable import SFNCostKit

/// Issue 10, item 8: what AWS rejects when a machine is created, sfncost rejects too, at the value's
/// location: strings in numeric fields of JSONPath states, values past AWS's documented ranges, a
/// `Resource` that is not a string. JSONata `{% %}` expressions and template `${…}` placeholders
/// are not errors.
@Suite struct NumericFieldTests {
    /// A one-state machine: line 1 opens state "S", `body` starts on line 2.
    private static func definition(_ body: String, machineLanguage: String? = nil) -> String {
        let language = machineLanguage.map { " \"QueryLanguage\": \"\($0)\"," } ?? ""
        return "{\"StartAt\": \"S\",\(language) \"States\": {\"S\": {\n" + body + "\n}}}"
    }

    private static let task = "\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true,"
    private static let wait = "\"Type\": \"Wait\", \"End\": true,"
    private static let map = "\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}},"
    private static let retry = "\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"],"

    private static func errors(_ text: String) -> [Diagnostic] {
        do {
            _ = try DefinitionDecoder.decode(try SourceDocument.parse(text, file: "n.asl.json"))
            return []
        } catch {
            return error.diagnostics.filter { $0.severity == .error }
        }
    }

    /// Each case: the state's body, then where the rejected value stands and the start of the message.
    /// A field written first on its line, `"Name": value`, has its value at column
    /// 1 (quote) + name + 1 (quote) + 1 (colon) + 1 (space) + 1 = name.count + 5.
    /// Ranges (NumericFields.swift, with sources): Seconds 0…99999999, IntervalSeconds 1…99999999,
    /// MaxAttempts 0…99999999, MaxDelaySeconds 1…31622400, MaxInputBytesPerBatch 1…262144,
    /// ToleratedFailurePercentage 0…100, BackoffRate ≥ 1 and finite.
    @Test(arguments: [
        // Strings in numeric fields of a JSONPath state.
        (wait + "\n\"Seconds\": \"abc\"", 3, 7 + 5, "ASL.WrongType", "'Seconds' must be a number, found the string 'abc'; only a JSONata state"),
        (task + "\n\"TimeoutSeconds\": \"60\"", 3, 14 + 5, "ASL.WrongType", "'TimeoutSeconds' must be a number, found the string '60'"),
        (task + "\n\"HeartbeatSeconds\": \"{% 10 %}\"", 3, 16 + 5, "ASL.WrongType", "'HeartbeatSeconds' must be a number, found the string '{% 10 %}'; only a JSONata state"),
        (map + "\n\"MaxConcurrency\": \"5\"", 3, 14 + 5, "ASL.WrongType", "'MaxConcurrency' must be a number"),
        (map + "\n\"ToleratedFailurePercentage\": \"5\"", 3, 26 + 5, "ASL.WrongType", "'ToleratedFailurePercentage' must be a number"),
        (map + "\n\"ToleratedFailureCount\": true", 3, 21 + 5, "ASL.WrongType", "'ToleratedFailureCount' must be a number, found a boolean"),
        (map + "\n\"ItemBatcher\": {\n\"MaxItemsPerBatch\": \"10\"}", 4, 16 + 5, "ASL.WrongType", "'MaxItemsPerBatch' must be a number"),
        (task + "\n" + retry + "\n\"MaxAttempts\": \"3\"}]", 4, 11 + 5, "ASL.WrongType", "'MaxAttempts' must be a number, found the string '3'"),
        (task + "\n" + retry + "\n\"BackoffRate\": null}]", 4, 11 + 5, "ASL.WrongType", "'BackoffRate' must be a number, found null"),
        // Past AWS's maxima (and under the minima).
        (wait + "\n\"Seconds\": 100000000", 3, 7 + 5, "ASL.WrongValue", "'Seconds' must be a whole number from 0 to 99999999, found 100000000"),
        (wait + "\n\"Seconds\": -1", 3, 7 + 5, "ASL.WrongValue", "'Seconds' must be a whole number from 0 to 99999999, found -1"),
        (task + "\n" + retry + "\n\"MaxAttempts\": 100000000}]", 4, 11 + 5, "ASL.WrongValue", "'MaxAttempts' must be a whole number from 0 to 99999999, found 100000000"),
        (task + "\n" + retry + "\n\"IntervalSeconds\": 100000000}]", 4, 15 + 5, "ASL.WrongValue", "'IntervalSeconds' must be a whole number from 1 to 99999999"),
        (task + "\n" + retry + "\n\"MaxDelaySeconds\": 31622401}]", 4, 15 + 5, "ASL.WrongValue", "'MaxDelaySeconds' must be a whole number from 1 to 31622400"),
        (task + "\n" + retry + "\n\"BackoffRate\": 0.5}]", 4, 11 + 5, "ASL.WrongValue", "'BackoffRate' must be a number of at least 1, found 0.5"),
        (map + "\n\"ItemBatcher\": {\n\"MaxInputBytesPerBatch\": 262145}", 4, 21 + 5, "ASL.WrongValue", "'MaxInputBytesPerBatch' must be a whole number from 1 to 262144"),
        (map + "\n\"ToleratedFailurePercentage\": 100.5", 3, 26 + 5, "ASL.WrongValue", "'ToleratedFailurePercentage' must be a number from 0 to 100"),
        (task + "\n\"TimeoutSeconds\": 0", 3, 14 + 5, "ASL.WrongValue", "'TimeoutSeconds' must be a whole number of at least 1, found 0"),
        (map + "\n\"MaxConcurrency\": 1e30", 3, 14 + 5, "ASL.WrongValue", "'MaxConcurrency' must be a whole number of at least 0, found 1e30"),
        (map + "\n\"MaxConcurrency\": 2.5", 3, 14 + 5, "ASL.WrongValue", "'MaxConcurrency' must be a whole number"),
        // A Resource that is not a string: `"Resource": ` is 12 characters, the value at column 13.
        ("\"Type\": \"Task\", \"End\": true,\n\"Resource\": 42", 3, 13, "ASL.WrongType", "'Resource' of Task 'S' must be a string (an ARN), found a number"),
        ("\"Type\": \"Task\", \"End\": true,\n\"Resource\": null", 3, 13, "ASL.WrongType", "'Resource' of Task 'S' must be a string (an ARN), found null"),
        ("\"Type\": \"Task\", \"End\": true,\n\"Resource\": [\"arn:aws:states:::lambda:invoke\"]", 3, 13, "ASL.WrongType", "'Resource' of Task 'S' must be a string (an ARN), found an array"),
    ])
    func awsRejectsItSoDoWe(_ body: String, _ line: Int, _ column: Int, _ code: String, _ message: String) throws {
        let errors = Self.errors(Self.definition(body))
        let error = try #require(errors.first, "accepted: \(body)")
        #expect(errors.count == 1, "\(errors)")
        #expect(error.code == code)
        #expect(error.message.hasPrefix(message), "\(error.message)")
        #expect(error.location == SourceLocation(file: "n.asl.json", line: line, column: column))
    }

    /// The same fields as JSONata expressions load in a JSONata state, whether the state or the
    /// machine says JSONata, and the values are treated as known only at run time.
    @Test func jsonataStatesMayUseExpressions() throws {
        let waitBody = "\"Type\": \"Wait\", \"End\": true, \"Seconds\": \"{% $states.input.delay %}\""
        for machine in [Self.definition(waitBody + ", \"QueryLanguage\": \"JSONata\""),
                        Self.definition(waitBody, machineLanguage: "JSONata")] {
            let state = try #require(try Fixtures.machine(machine).state(named: "S"))
            guard case .wait(.dynamic(field: "Seconds")) = state.kind else {
                Issue.record("expected a run-time wait, got \(state.kind)")
                continue
            }
        }
        let taskBody = Self.task + " \"QueryLanguage\": \"JSONata\", \"TimeoutSeconds\": \"{% $t %}\", \"HeartbeatSeconds\": \"{% $h %}\""
        let task = try #require(try Fixtures.machine(Self.definition(taskBody)).state(named: "S"))
        #expect(task.hasDynamicTimeout && task.timeoutSeconds == nil && task.heartbeatSeconds == nil)
        let mapBody = Self.map + " \"QueryLanguage\": \"JSONata\", \"MaxConcurrency\": \"{% $c %}\", \"ToleratedFailureCount\": \"{% $f %}\","
            + " \"ToleratedFailurePercentage\": \"{% $p %}\", \"ItemBatcher\": {\"MaxItemsPerBatch\": \"{% $b %}\", \"MaxInputBytesPerBatch\": \"{% $y %}\"}"
        let map = try #require(try Fixtures.machine(Self.definition(mapBody)).state(named: "S"))
        guard case .map(let spec) = map.kind else { Issue.record("not a Map"); return }
        #expect(spec.maxConcurrency == nil && spec.maxItemsPerBatch == nil && spec.toleratedFailureCount == nil)
    }

    /// Retriers have no JSONata form: an expression there is an error even in a JSONata state.
    /// `"MaxAttempts": ` starts line 4, so the value is at column 11 + 5.
    @Test func retriersTakeNoExpressions() throws {
        let body = Self.task + " \"QueryLanguage\": \"JSONata\",\n" + Self.retry + "\n\"MaxAttempts\": \"{% 3 %}\"}]"
        let error = try #require(Self.errors(Self.definition(body)).first)
        #expect(error.code == "ASL.WrongType")
        #expect(error.message == "'MaxAttempts' must be a number, found the string '{% 3 %}'")
        #expect(error.location?.line == 4 && error.location?.column == 16)
        // In a JSONata state, a string that is no expression is named as such.
        let wait = Self.wait + " \"QueryLanguage\": \"JSONata\",\n\"Seconds\": \"ten\""
        let waitError = try #require(Self.errors(Self.definition(wait)).first)
        #expect(waitError.message == "'Seconds' must be a number or a JSONata expression {% … %}, found the string 'ten'")
    }

    /// The largest values AWS documents are accepted as written.
    @Test func documentedMaximaAreAccepted() throws {
        let body = Self.task + "\n" + Self.retry
            + " \"MaxAttempts\": 99999999, \"IntervalSeconds\": 99999999, \"MaxDelaySeconds\": 31622400, \"BackoffRate\": 1}]"
        let retrier = try #require(try Fixtures.machine(Self.definition(body)).state(named: "S")?.retriers.first)
        #expect(retrier.maxAttempts == 99_999_999 && retrier.intervalSeconds == 99_999_999)
        #expect(retrier.maxDelaySeconds == 31_622_400 && retrier.backoffRate == 1)
        let wait = try #require(try Fixtures.machine(Self.definition(Self.wait + " \"Seconds\": 99999999")).state(named: "S"))
        guard case .wait(.seconds(99_999_999)) = wait.kind else { Issue.record("\(wait.kind)"); return }
        let map = try #require(try Fixtures.machine(Self.definition(Self.map + " \"ItemBatcher\": {\"MaxInputBytesPerBatch\": 262144}")).state(named: "S"))
        guard case .map(let spec) = map.kind else { Issue.record("not a Map"); return }
        #expect(spec.maxInputBytesPerBatch == 262_144)
    }

    /// A template's `${…}` placeholder in a numeric field (SAM `DefinitionSubstitutions`, a Terraform
    /// template) loads: the value is unknown, a note names the field at the placeholder, and the
    /// field counts as absent (a retrier keeps AWS's default, MaxAttempts 3) or, for a timeout, as set
    /// at run time. `"TimeoutSeconds": ` starts line 3: the value is at column 14 + 5.
    @Test func templatePlaceholdersAreUnknownNotErrors() throws {
        let body = Self.task + "\n\"TimeoutSeconds\": \"${Timeout}\",\n" + Self.retry + " \"MaxAttempts\": \"${Attempts}\"}]"
        let (machine, diagnostics) = try DefinitionDecoder.decode(try SourceDocument.parse(Self.definition(body), file: "p.asl.json"))
        let state = try #require(machine.state(named: "S"))
        #expect(state.hasDynamicTimeout && state.timeoutSeconds == nil)
        #expect(state.retriers.first?.maxAttempts == Retrier.defaultMaxAttempts)
        let notes = diagnostics.filter { $0.code == "ASL.UnresolvedValue" }
        #expect(notes.count == 2 && notes.allSatisfy { $0.severity == .note })
        #expect(notes.first?.message.hasPrefix("'TimeoutSeconds' is '${Timeout}', a placeholder filled in at deployment") == true)
        #expect(notes.first?.location == SourceLocation(file: "p.asl.json", line: 3, column: 19))
        // Not one placeholder: text around it, or two of them, are strings AWS would see as such.
        for value in ["\"${A}${B}\"", "\"${A}s\"", "\"${}\""] {
            let errors = Self.errors(Self.definition(Self.wait + "\n\"Seconds\": \(value)"))
            #expect(errors.first?.code == "ASL.WrongType", "\(value)")
        }
    }

    /// In a template's `Definition`, a CloudFormation intrinsic in a numeric field (`!Ref`, or the
    /// JSON form `{"Fn::…": …}`) is resolved at deployment: unknown here, a note, not an error.
    /// `    TimeoutSeconds: ` (line 7) is 4 + 14 + 2 = 20 characters: the tagged value starts at 21.
    @Test func cloudFormationIntrinsicsAreUnknownNotErrors() throws {
        let yaml = """
        StartAt: T
        States:
          T:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            End: true
            TimeoutSeconds: !Ref TaskTimeout
            Retry: [{ErrorEquals: [States.ALL], MaxAttempts: {"Fn::FindInMap": [M, K, V]}}]
        """
        let (machine, diagnostics) = try DefinitionDecoder.decode(try SourceDocument.parse(yaml, file: "template.yaml"))
        let state = try #require(machine.state(named: "T"))
        #expect(state.hasDynamicTimeout && state.retriers.first?.maxAttempts == Retrier.defaultMaxAttempts)
        let notes = diagnostics.filter { $0.code == "ASL.UnresolvedValue" }
        #expect(notes.map { String($0.message.prefix(24)) } == ["'TimeoutSeconds' is !Ref", "'MaxAttempts' is Fn::Fin"])
        #expect(notes.first?.location == SourceLocation(file: "template.yaml", line: 7, column: 21))
    }

    /// A CloudFormation intrinsic written as JSON (`{"Fn::GetAtt": […]}`) stays a note, as its YAML
    /// tag form does.
    @Test func intrinsicResourceObjectIsANote() throws {
        let body = "\"Type\": \"Task\", \"End\": true, \"Resource\": {\"Fn::GetAtt\": [\"Fn\", \"Arn\"]}"
        let (_, diagnostics) = try DefinitionDecoder.decode(try SourceDocument.parse(Self.definition(body), file: "t.json"))
        #expect(diagnostics.contains { $0.code == "ASL.UnresolvedResource" && $0.severity == .note })
    }
}
