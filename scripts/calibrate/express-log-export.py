#!/usr/bin/env python3
"""Write Express execution-log fixtures in the shape `aws logs filter-log-events --output json` writes,
from executions of examples/micro-batch run in moto's Step Functions interpreter (the team's oracle).

Usage (from the repository root; the oracle lives outside the repository):
    python3 scripts/calibrate/express-log-export.py --oracle /path/to/run_oracle.py \
        --out Tests/SFNCostKitTests/Fixtures/express-logs

Each case runs `run_oracle.py DEF --input JSON --history --mock-tasks MOCKS.json` and keeps its events
(ids, previousEventId, types and detail blocks are moto's). Conversion to execution-log records, as the
records published by others show them (docs/facts.md §4b): `{"id", "type", "details",
"previous_event_id", "event_timestamp", "execution_arn", "redrive_count"}` with every scalar written as
a string (`"id": "2"`, `"truncated": "false"`), `details` the history event's `<type>EventDetails`.
Each record is one log event `{"logStreamName", "timestamp", "message", "ingestionTime", "eventId"}`.
Times: each execution keeps moto's offsets between its events and starts at a fixed time, executions
0.1 s apart, so that their records interleave when sorted by time (as filter-log-events returns them).
Level ERROR keeps only the types that level logs (Step Functions guide, "Log levels"): failures,
aborts, timeouts, FailStateEntered. moto has no Firehose integration, so StoreClick runs as an SQS
sendMessage task (the same event sequence) and its task events are given back Firehose's resource
names afterwards.
"""
import argparse, json, os, subprocess, sys, tempfile
from datetime import datetime, timezone

DEFINITION = "examples/micro-batch/micro-batch.asl.json"
ARN = "arn:aws:states:us-east-1:123456789012:express:micro-batch:{name}:{uuid}"
OK = {"StatusCode": 200}

FILES = [
    # (file, level, start time, [(execution name, uuid, input, mocks)])
    ("micro-batch-all.json", "ALL", "2026-11-02T10:00:00.000Z", [
        ("batch-0001", "2d0c6a52-7f1e-4c1b-9a55-0e5f7a1c0001", {"type": "order", "id": "o-1"},
         {"Enrich": [{"Throw": {"Error": "Lambda.ServiceException", "Cause": "throttled"}},
                     {"Return": dict(OK, Payload={"type": "order", "id": "o-1"})}]}),
        ("batch-0002", "2d0c6a52-7f1e-4c1b-9a55-0e5f7a1c0002", {"type": "click", "id": "c-1"},
         {"Enrich": [{"Return": dict(OK, Payload={"type": "click", "id": "c-1"})}]}),
        ("batch-0003", "2d0c6a52-7f1e-4c1b-9a55-0e5f7a1c0003", {"type": "ping", "id": "p-1"},
         {"Enrich": [{"Return": dict(OK, Payload={"type": "ping", "id": "p-1"})}]}),
    ]),
    ("micro-batch-error-level.json", "ERROR", "2026-11-03T08:30:00.000Z", [
        ("batch-0101", "5b7e1d90-3a2c-4f6e-8d11-6c2b9e4f0101", {"type": "order", "id": "o-2"},
         {"Enrich": [{"Throw": {"Error": "Lambda.ServiceException", "Cause": "down"}}]}),
        ("batch-0102", "5b7e1d90-3a2c-4f6e-8d11-6c2b9e4f0102", {"type": "order", "id": "o-3"},
         {"Enrich": [{"Return": dict(OK, Payload={"type": "order", "id": "o-3"})}],
          "StoreOrder": [{"Throw": {"Error": "DynamoDB.ProvisionedThroughputExceededException", "Cause": "slow down"}}]}),
    ]),
]


def error_level(kind):
    return kind == "FailStateEntered" or kind.endswith(("Failed", "Aborted", "TimedOut"))


def strings(value):
    """Scalars as the log records write them: strings."""
    if isinstance(value, dict):
        return {key: strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [strings(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def parse_time(text):
    return datetime.fromisoformat(text.replace(" ", "T", 1).replace("Z", "+00:00")).timestamp()


def run(oracle, asl, given, mocks):
    with tempfile.TemporaryDirectory() as tmp:
        asl_path, mock_path = os.path.join(tmp, "def.json"), os.path.join(tmp, "mocks.json")
        json.dump(asl, open(asl_path, "w"))
        json.dump(mocks, open(mock_path, "w"))
        done = subprocess.run([sys.executable, oracle, asl_path, "--input", json.dumps(given), "--history",
                               "--mock-tasks", mock_path, "--timeout", "120"], capture_output=True, text=True)
    result = json.loads(done.stdout)
    print(result["status"], len(result["events"]), "events", file=sys.stderr)
    return result["events"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", required=True, help="path to run_oracle.py")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    asl = json.load(open(DEFINITION))
    for state in asl["States"].values():
        for retrier in state.get("Retry", []):
            retrier["IntervalSeconds"] = 1  # moto really waits; the counts do not depend on it
    asl["States"]["StoreClick"]["Resource"] = "arn:aws:states:::sqs:sendMessage"
    asl["States"]["StoreClick"]["Parameters"] = {"QueueUrl": "clicks", "MessageBody.$": "$"}
    serial = 0
    for file, level, start, cases in FILES:
        base = parse_time(start)
        log_events = []
        for index, (name, uuid, given, mocks) in enumerate(cases):
            events = run(args.oracle, asl, given, mocks)
            first = parse_time(events[0]["timestamp"])
            arn = ARN.format(name=name, uuid=uuid)
            stream = "states/micro-batch/%s/%08x" % (datetime.fromtimestamp(base, timezone.utc).strftime("%Y-%m-%d-%H-%M"), 0x2f3c9a1b + index)
            for event in events:
                if level != "ALL" and not error_level(event["type"]):
                    continue
                millis = int(round((base + 0.1 * index + parse_time(event["timestamp"]) - first) * 1000))
                details = next((value for key, value in event.items() if key.endswith("EventDetails")), {})
                if details.get("resourceType") == "sqs":
                    details = dict(details, resourceType="firehose", resource="putRecord")
                    if "parameters" in details:
                        body = json.loads(details["parameters"]).get("MessageBody")
                        details["parameters"] = json.dumps({"DeliveryStreamName": "clicks", "Record": {"Data": body}})
                record = {"id": str(event["id"]), "type": event["type"], "details": strings(details),
                          "previous_event_id": str(event.get("previousEventId", 0)),
                          "event_timestamp": str(millis), "execution_arn": arn, "redrive_count": "0"}
                serial += 1
                log_events.append({"logStreamName": stream, "timestamp": millis,
                                   "message": json.dumps(record, separators=(",", ":")),
                                   "ingestionTime": millis + 87, "eventId": "%056d" % (37199773595581154154810589279545129148442535997644275712 + serial)})
        log_events.sort(key=lambda item: item["timestamp"])  # stable: an execution's own order kept
        with open(os.path.join(args.out, file), "w") as handle:
            json.dump({"events": log_events, "searchedLogStreams": []}, handle, indent=4)
            handle.write("\n")
        print(file, len(log_events), "log events", file=sys.stderr)


if __name__ == "__main__":
    main()
