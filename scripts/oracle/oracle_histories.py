#!/usr/bin/env python3
"""Run definitions in the oracle (moto's Step Functions interpreter) and write each execution's events
in the exact shape `aws stepfunctions get-execution-history --execution-arn ARN --output json` writes:

    {
        "events": [
            {
                "timestamp": "2026-11-30T16:40:52.522000+00:00",
                "type": "ExecutionStarted",
                "id": 1,
                "previousEventId": 0,
                "executionStartedEventDetails": {...}
            }, ...
        ]
    }

Usage (from the repository root; the oracle lives outside the repository, the tests read only the
files this writes):

    python3 scripts/oracle/oracle_histories.py --oracle /path/to/run_oracle.py \
        --out Tests/SFNCostKitTests/Fixtures/histories/oracle [--jobs 8] [--only BATCH]

The conversion. The oracle gets the history through boto3 (botocore parses the API's JSON into
Python objects, timestamps into timezone-aware datetimes) and prints it with `default=str`; the AWS
CLI (v2) parses the same response with the same botocore model and prints it with
`json.dumps(..., indent=4, ensure_ascii=False)`, timestamps through `datetime.isoformat()` (the
default `cli_timestamp_format = iso8601`). So the only differences are the timestamp text (str() puts
a space between date and time, isoformat() a `T`) and the indentation; the member order (timestamp,
type, id, previousEventId, details) is botocore's in both. The CLI joins the pages itself and drops
`nextToken` and `ResponseMetadata`, so one execution is one `{"events": [...]}` document. Nothing else
changes: ids, previousEventId and every detail block are moto's.

What the definitions are given: each batch below runs one definition several times, each run with
its own input and mocked task answers (run_oracle.py --mock-tasks: per state, one answer per retry
attempt, the last repeating; unlisted tasks answer {}). The tests derive the fitted figures from
these by hand. Changes to a definition before it runs, none of which changes a count:
- Retry `IntervalSeconds` above 1 become 1 (moto really sleeps between attempts);
- a resource moto's interpreter does not know (firehose) is replaced by one it does (sqs:sendMessage),
  the state's name and place unchanged;
- YAML definitions are converted to JSON (the oracle reads JSON).
"""
import argparse, concurrent.futures, datetime, json, os, subprocess, sys, tempfile

try:
    import yaml  # only for the YAML example
except ImportError:  # pragma: no cover
    yaml = None

CORPUS = "Tests/Corpus/asl/"


def lam(payload, **beside):
    """A Lambda invoke's answer: Payload plus fields beside it (read by states without OutputPath)."""
    answer = {"StatusCode": 200, "Payload": payload}
    answer.update(beside)
    return {"Return": answer}


def throw(error, cause="oracle"):
    return {"Throw": {"Error": error, "Cause": cause}}


def micro_batch_run(kind, throttled):
    enrich = [lam({"type": kind, "id": "e-1"})]
    if throttled:
        enrich = [throw("Lambda.TooManyRequestsException", "slow down")] + enrich
    return {}, {"Enrich": enrich}


def fanout_run(count):
    keys = [{"Key": "in/%d.csv" % index} for index in range(count)]
    return ({"prefix": "in/"},
            {"ListKeys": [{"Return": {"Contents": keys}}],
             "TransformObject": [throw("Lambda.TooManyRequestsException", "throttled"), lam({})]})


def sqs_map_run(count):
    if count == 0:
        return {}, {"Read messages from SQS queue": [lam("No messages")]}
    messages = [{"MessageId": "m-%d" % index, "Body": "b", "ReceiptHandle": "r-%d" % index} for index in range(count)]
    return {}, {"Read messages from SQS queue": [lam(messages)]}


def crawler_run(running):
    start = [throw("Glue.CrawlerRunningException", "already running")] if running else [{"Return": {}}]
    return ({"crawler_name": "nightly"},
            {"StartCrawler": start,
             "GetCrawler": [{"Return": {"Crawler": {"State": "READY", "LastCrawl": {"Status": "SUCCEEDED"}}}}]})


# batch name -> (definition, [(run name, (input, mocks))])
BATCHES = {
    # IngestFromAPI fails once (Lambda.ServiceException) and its retry succeeds, in every run:
    # failed_attempts 1. ValidateRowCounts passes in runs 1-4, fails in 5-6.
    "daily-ingest": ("examples/daily-ingest/daily-ingest.asl.json", [
        ("run-%d" % run, ({}, {
            "IngestFromAPI": [throw("Lambda.ServiceException", "throttled"), lam({}, ingestion_date="2026-11-01")],
            "ValidateRowCounts": [lam({}, validation_passed=run <= 4)]}))
        for run in range(1, 7)]),
    # Types order x5, click x3, view x2 (Discard); Enrich throttled once in runs 1 and 6.
    "micro-batch": ("examples/micro-batch/micro-batch.asl.json", [
        ("run-%02d" % run, micro_batch_run(kind, run in (1, 6)))
        for run, kind in enumerate(["order"] * 5 + ["click"] * 3 + ["view"] * 2, start=1)]),
    # 2, 4 and 6 keys; every item's first TransformObject attempt is throttled, the retry succeeds.
    "s3-fanout": ("examples/s3-fanout/s3-fanout.asl.json", [
        ("keys-%d" % count, fanout_run(count)) for count in (2, 4, 6)]),
    # Not here: examples/quality-checks. In --mock-tasks mode moto's interpreter fails its Parallel at
    # once (ExecutionFailed States.Runtime, "Custom Error Names MUST NOT begin with the prefix
    # 'States.'"), whatever the branches' tasks answer: nothing of AWS's behaviour to record.
    # Corpus: 0 messages (Choice -> Finish), then 2 and 3 messages (Map).
    "sqs-map": (CORPUS + "step-functions-workflows-collection__dynamically-process-data-with-map-state-cdk__statemachine__statemachine.asl.json", [
        ("messages-%d" % count, sqs_map_run(count)) for count in (0, 2, 3)]),
    # Corpus: the crawler is already running in run 2 (caught, straight to GetCrawler), READY after.
    "glue-crawler": (CORPUS + "aws-stepfunctions-examples__sam__demo-manage-glue-crawlers-with-step-functions__template.yaml__StateMachineUtilRunGlueCrawler.asl.json", [
        ("run-%d" % run, crawler_run(run == 2)) for run in (1, 2, 3)]),
}

UNKNOWN_TO_MOTO = {"arn:aws:states:::firehose:putRecord": (
    "arn:aws:states:::sqs:sendMessage", {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/oracle", "MessageBody.$": "$"})}


def load_definition(path):
    with open(path) as handle:
        if path.endswith((".yaml", ".yml")):
            if yaml is None:
                sys.exit("PyYAML is needed for %s" % path)
            return yaml.safe_load(handle)
        return json.load(handle)


def prepare(asl):
    for state in walk(asl):
        for retrier in state.get("Retry", []):
            if retrier.get("IntervalSeconds", 1) > 1:
                retrier["IntervalSeconds"] = 1
        if state.get("Resource") in UNKNOWN_TO_MOTO:
            state["Resource"], state["Parameters"] = UNKNOWN_TO_MOTO[state["Resource"]]
    return asl


def walk(asl):
    for state in asl.get("States", {}).values():
        yield state
        for branch in state.get("Branches", []):
            yield from walk(branch)
        for key in ("ItemProcessor", "Iterator"):
            if key in state:
                yield from walk(state[key])


def cli_timestamp(text):
    """boto3's datetime printed by str() -> the CLI's isoformat()."""
    return datetime.datetime.fromisoformat(text).isoformat()


def to_cli(events):
    converted = []
    for event in events:
        event = dict(event)
        event["timestamp"] = cli_timestamp(event["timestamp"])
        converted.append(event)
    return json.dumps({"events": converted}, indent=4, ensure_ascii=False) + "\n"


def run_one(oracle, definition, given, mocks):
    with tempfile.TemporaryDirectory() as tmp:
        asl_path = os.path.join(tmp, "def.json")
        mock_path = os.path.join(tmp, "mocks.json")
        with open(asl_path, "w") as handle:
            json.dump(prepare(load_definition(definition)), handle)
        with open(mock_path, "w") as handle:
            json.dump(mocks, handle)
        run = subprocess.run([sys.executable, oracle, asl_path, "--input", json.dumps(given), "--history",
                              "--mock-tasks", mock_path, "--timeout", "120"], capture_output=True, text=True)
    try:
        return json.loads(run.stdout)
    except ValueError:
        sys.exit("oracle gave no JSON for %s: %s" % (definition, run.stderr[-2000:]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", required=True, help="path to run_oracle.py")
    parser.add_argument("--out", required=True)
    parser.add_argument("--jobs", type=int, default=8, help="oracle runs at once (each mostly waits)")
    parser.add_argument("--only", action="append", help="batch name (repeatable)")
    args = parser.parse_args()
    jobs = []
    for batch, (definition, runs) in BATCHES.items():
        if args.only and batch not in args.only:
            continue
        os.makedirs(os.path.join(args.out, batch), exist_ok=True)
        for name, (given, mocks) in runs:
            jobs.append((batch, name, definition, given, mocks))
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = pool.map(lambda job: (job, run_one(args.oracle, *job[2:])), jobs)
        for (batch, name, *_), result in results:
            target = os.path.join(args.out, batch, name + ".json")
            if "events" not in result:
                sys.exit("%s/%s: %s %s" % (batch, name, result.get("status"), result.get("error")))
            with open(target, "w") as handle:
                handle.write(to_cli(result["events"]))
            print("%s/%s: %s, %d events" % (batch, name, result["status"], len(result["events"])), file=sys.stderr)


if __name__ == "__main__":
    main()
