import Foundation
import Testing
@testable import SFNCostKit

/// Failures inside Map and Parallel states (issue #11) against the oracle: moto 5.2.1's Step Functions
/// interpreter. Fixtures/oracle/failure-cases.json holds each case's definition, the command that ran it
/// (scripts/oracle/make_failure_fixtures.py, whose docstring says how to regenerate), the recorded
/// history's event types and the sfncost profile that follows the same path (every failure certain).
///
/// sfncost's expected events must equal the oracle's history length, and its transitions the oracle's
/// state entries plus one per retry attempt (facts.md "How sfncost counts"), except where the case
/// names a `known_difference` between moto and AWS: there the AWS-recorded history (LocalStack
/// snapshot named in `aws`) has `aws_extra_events` more, and sfncost follows AWS.
@Suite struct FailureOracleTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var aws: String
        var command: String
        var definition: AnyJSON
        var profile: String
        var status: String
        var events: [String]
        var known_difference: String?
        var aws_extra_events: Int?
        var testDescription: String { name }
    }

    /// Any JSON value, re-encoded to text for the definition loader.
    struct AnyJSON: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            let value = try decoder.singleValueContainer().decode(JSONValue.self)
            text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        }
    }

    indirect enum JSONValue: Codable {
        case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }
        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .number(let value):
                if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int(value)) } else { try container.encode(value) }
            case .string(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }
    }

    struct File: Decodable { var cases: [Case] }

    static let cases: [Case] = {
        let path = Fixtures.path("Tests/SFNCostKitTests/Fixtures/oracle/failure-cases.json")
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode(File.self, from: data).cases) ?? []
    }()

    @Test func fixtureIsPresent() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: cases)
    func eventsMatchTheOracle(_ item: Case) throws {
        let analysis = try Fixtures.analyze(item.definition.text, profile: item.profile)
        let expected = item.events.count + (item.aws_extra_events ?? 0)
        #expect(analysis.expected.events == Double(expected), "\(item.name): \(item.command); \(item.known_difference ?? "")")
        // Transitions: every *StateEntered, plus one per retry of a Map/Parallel (another
        // MapStateStarted/ParallelStateStarted without a new *StateEntered).
        let entered = item.events.filter { $0.hasSuffix("StateEntered") }.count
        let retries = item.events.filter { $0 == "MapStateStarted" || $0 == "ParallelStateStarted" }.count
            - item.events.filter { $0 == "MapStateEntered" || $0 == "ParallelStateEntered" }.count
        #expect(analysis.expected.transitions == Double(entered + retries), "\(item.name)")
        #expect((item.status == "FAILED") == (analysis.root.failureProbability == 1), "\(item.name)")
    }
}
