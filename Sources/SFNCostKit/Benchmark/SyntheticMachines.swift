/// Generated definitions for the benchmark: the shapes that make naive path analysis explode.
public enum SyntheticMachines {
    /// `count` Choice diamonds in a row: 2^count distinct paths, 3 × count + 1 states.
    public static func choiceDiamonds(_ count: Int) -> String {
        var states: [String] = []
        for index in 0..<count {
            let next = index + 1 < count ? "C\(index + 1)" : "End"
            states.append(#""C\#(index)": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "A\#(index)"}], "Default": "B\#(index)"}"#)
            states.append(#""A\#(index)": {"Type": "Pass", "Next": "\#(next)"}"#)
            states.append(#""B\#(index)": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "\#(next)"}"#)
        }
        states.append(#""End": {"Type": "Succeed"}"#)
        return #"{"StartAt": "C0", "States": {\#(states.joined(separator: ",\n"))}}"#
    }

    /// A machine of `count` states: Tasks with retries, forward Choices, and every 50 states a polling
    /// loop (Wait → Check → back) whose Check is bounded in the profile from `loopProfile(count)`.
    public static func large(_ count: Int) -> String {
        var states: [String] = []
        for index in 0..<count {
            let name = "S\(index)"
            let next = index + 1 < count ? "S\(index + 1)" : "Done"
            switch index % 50 {
            case 10:
                states.append(#""\#(name)": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "\#(next)"}], "Default": "S\#(index - 3)"}"#)
            case 20:
                let skip = index + 7 < count ? "S\(index + 7)" : "Done"
                states.append(#""\#(name)": {"Type": "Choice", "Choices": [{"Variable": "$.skip", "BooleanEquals": true, "Next": "\#(skip)"}], "Default": "\#(next)"}"#)
            case 8:
                states.append(#""\#(name)": {"Type": "Wait", "Seconds": 10, "Next": "\#(next)"}"#)
            default:
                states.append(#""\#(name)": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}], "Next": "\#(next)"}"#)
            }
        }
        states.append(#""Done": {"Type": "Succeed"}"#)
        return #"{"StartAt": "S0", "States": {\#(states.joined(separator: ",\n"))}}"#
    }

    /// Bounds for every polling loop of `large(count)`.
    public static func loopProfile(_ count: Int) -> String {
        var lines = ["version: 1", "state_machines:", "  \"*\":", "    states:"]
        for index in stride(from: 10, to: count, by: 50) {
            lines.append("      S\(index): {max_visits: 5, branches: {S\(index - 3): 0.5}}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Inline Maps nested `depth` deep, each iteration a Parallel of a Task and a Wait.
    public static func nestedMaps(_ depth: Int) -> String {
        var body = #"{"StartAt": "Work", "States": {"Work": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}, {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}]}}}"#
        for level in stride(from: depth, through: 1, by: -1) {
            body = #"{"StartAt": "M\#(level)", "States": {"M\#(level)": {"Type": "Map", "MaxConcurrency": 10, "End": true, "ItemProcessor": \#(body)}}}"#
        }
        return body
    }
}
