#!/usr/bin/env python3
"""Extract execution histories that LocalStack's test suite recorded against real AWS (its
`*.snapshot.json` files, validated against AWS per the `*.validation.json` beside them) and write each
in the shape `aws stepfunctions get-execution-history --output json` writes.

Usage (the LocalStack checkout lives outside this repository; the tests read only what this writes):

    git clone https://github.com/localstack/localstack && git -C localstack checkout COMMIT
    python3 scripts/calibrate/localstack-snapshot-histories.py localstack \
        Tests/SFNCostKitTests/Fixtures/histories/aws-recorded

What LocalStack's snapshot transformers changed, and what this undoes:
- JSON strings (state input/output, task parameters, error causes) were parsed into objects: they are
  written back as compact JSON strings (`separators=(",", ":")`, as AWS writes them). Key order is the
  snapshot's (sorted), so the text, and so its byte length, may differ slightly from AWS's original.
- timestamps were replaced by the word "timestamp": they are left out (calibration then fits no
  durations from these files); ARNs, names and ids were replaced by placeholders: kept as they are.
- keys were sorted: each event is written in the CLI's order (timestamp, type, id, previousEventId,
  then the details block); `ResponseMetadata` is dropped, as the CLI drops it.
Event ids, previousEventId, types and every other value are AWS's, as recorded.
"""
import json, os, subprocess, sys

BASE = "tests/aws/services/stepfunctions/v2/"
# (output file, snapshot file, test id suffix, recorded-content key)
CASES = [
    ("histories/lambda-retry-caught.json", "scenarios/test_base_scenarios.snapshot.json",
     "::test_lambda_invoke_with_retry_base", "get_execution_history"),
    ("histories/map-retry-failed.json", "scenarios/test_base_scenarios.snapshot.json",
     "::test_map_state_retry", "get_execution_history"),
    ("histories/path-based-on-data/first-path.json", "scenarios/test_sfn_scenarios.snapshot.json",
     "::test_path_based_on_data", "first_path__execution_history"),
    ("histories/path-based-on-data/second-path.json", "scenarios/test_sfn_scenarios.snapshot.json",
     "::test_path_based_on_data", "second_path__execution_history"),
    ("histories/path-based-on-data/default-path.json", "scenarios/test_sfn_scenarios.snapshot.json",
     "::test_path_based_on_data", "default_path__execution_history"),
]
STRING_FIELDS = {"input", "output", "cause", "parameters"}


def show(repo, path):
    return subprocess.run(["git", "-C", repo, "show", "HEAD:" + path], check=True, capture_output=True, text=True).stdout


def as_string(value):
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def event_in_cli_order(event):
    out = {}
    if event.get("timestamp") not in (None, "timestamp"):
        out["timestamp"] = event["timestamp"]
    for key in ("type", "id", "previousEventId"):
        if key in event:
            out[key] = event[key]
    for key, value in event.items():
        if key.endswith("EventDetails"):
            out[key] = {name: as_string(item) if name in STRING_FIELDS else item for name, item in value.items()}
    return out


def main():
    repo, out_dir = sys.argv[1], sys.argv[2]
    commit = subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    for name, snapshot, test, key in CASES:
        data = json.loads(show(repo, BASE + snapshot))
        (test_id,) = [item for item in data if item.endswith(test)]
        recorded = data[test_id]["recorded-content"][key]
        target = os.path.join(out_dir, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as handle:
            handle.write(json.dumps({"events": [event_in_cli_order(e) for e in recorded["events"]]}, indent=4, ensure_ascii=False) + "\n")
        print("%s <- %s@%s %s [%s] recorded %s" % (name, snapshot, commit[:7], test_id.split("::")[-1], key,
                                                   data[test_id]["recorded-date"]), file=sys.stderr)
    # The path-based-on-data machine's definition, as AWS's DescribeStateMachine returned it.
    data = json.loads(show(repo, BASE + "scenarios/test_sfn_scenarios.snapshot.json"))
    (test_id,) = [item for item in data if item.endswith("::test_path_based_on_data")]
    definition = data[test_id]["recorded-content"]["describe_statemachine"]["definition"]
    os.makedirs(os.path.join(out_dir, "definitions"), exist_ok=True)
    with open(os.path.join(out_dir, "definitions", "path-based-on-data.asl.json"), "w") as handle:
        handle.write(json.dumps(definition, indent=2) + "\n")


if __name__ == "__main__":
    main()
