#!/usr/bin/env python3
"""Write execution-history fixtures in the shape `aws stepfunctions get-execution-history --output json`
writes, by running example definitions in moto's Step Functions interpreter (the team's oracle).

Usage (from the repository root; the oracle lives outside the repository):
    python3 scripts/calibrate/oracle-histories.py --oracle /path/to/run_oracle.py \
        --out Tests/SFNCostKitTests/Fixtures/histories

Each case runs `run_oracle.py DEF --input JSON --history --mock-tasks MOCKS.json` and keeps its `events`.
Conversion to the CLI's shape: `{"events": [...]}` (no nextToken: one page), timestamps written with a
`T` between date and time as the CLI (v2) writes ISO 8601 (moto prints a space). Nothing else changes:
ids, previousEventId and every detail block are moto's. Retry IntervalSeconds are cut to 1 s first so
that a retried case does not sleep for minutes (moto really waits); the counts do not depend on it.
"""
import argparse, json, os, subprocess, sys, tempfile

CASES = [
    # (file name, example definition, input, mocked task answers by state and attempt)
    # The Lambda tasks have no ResultSelector, so the whole answer is the next state's input: the
    # fields the next states read sit beside "Payload".
    ("daily-ingest-ok.json", "examples/daily-ingest/daily-ingest.asl.json", {},
     {"IngestFromAPI": [{"Return": {"StatusCode": 200, "Payload": {}, "ingestion_date": "2026-11-01"}}],
      "ValidateRowCounts": [{"Return": {"StatusCode": 200, "Payload": {}, "validation_passed": True}}]}),
    ("daily-ingest-invalid.json", "examples/daily-ingest/daily-ingest.asl.json", {},
     {"IngestFromAPI": [{"Return": {"StatusCode": 200, "Payload": {}, "ingestion_date": "2026-11-01"}}],
      "ValidateRowCounts": [{"Return": {"StatusCode": 200, "Payload": {}, "validation_passed": False}}]}),
    ("daily-ingest-retry.json", "examples/daily-ingest/daily-ingest.asl.json", {},
     {"IngestFromAPI": [{"Throw": {"Error": "Lambda.ServiceException", "Cause": "throttled"}},
                        {"Return": {"StatusCode": 200, "Payload": {}, "ingestion_date": "2026-11-01"}}],
      "ValidateRowCounts": [{"Return": {"StatusCode": 200, "Payload": {}, "validation_passed": True}}]}),
    ("daily-ingest-caught.json", "examples/daily-ingest/daily-ingest.asl.json", {},
     {"IngestFromAPI": [{"Throw": {"Error": "Lambda.ServiceException", "Cause": "down"}}]}),
    ("s3-fanout-3.json", "examples/s3-fanout/s3-fanout.asl.json", {"prefix": "in/"},
     {"ListKeys": [{"Return": {"Contents": [{"Key": "a"}, {"Key": "b"}, {"Key": "c"}]}}]}),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", required=True, help="path to run_oracle.py")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, definition, given, mocks in CASES:
        with open(definition) as handle:
            asl = json.load(handle)
        for state in walk(asl):
            for retrier in state.get("Retry", []):
                retrier["IntervalSeconds"] = 1
        with tempfile.TemporaryDirectory() as tmp:
            asl_path = os.path.join(tmp, "def.json")
            mock_path = os.path.join(tmp, "mocks.json")
            json.dump(asl, open(asl_path, "w"))
            json.dump(mocks, open(mock_path, "w"))
            run = subprocess.run([sys.executable, args.oracle, asl_path, "--input", json.dumps(given), "--history",
                                  "--mock-tasks", mock_path, "--timeout", "120"], capture_output=True, text=True)
        result = json.loads(run.stdout)
        events = result["events"]
        for event in events:
            event["timestamp"] = event["timestamp"].replace(" ", "T", 1)
        with open(os.path.join(args.out, name), "w") as handle:
            json.dump({"events": events}, handle, indent=2)
            handle.write("\n")
        print(name, result["status"], len(events), "events", file=sys.stderr)


def walk(asl):
    for state in asl.get("States", {}).values():
        yield state
        for branch in state.get("Branches", []):
            yield from walk(branch)
        for key in ("ItemProcessor", "Iterator"):
            if key in state:
                yield from walk(state[key])


if __name__ == "__main__":
    main()
