#!/usr/bin/env python3
"""Peak memory of `sfncost calibrate` against the number of executions it reads (issue 14: histories
of 10,000 executions of 1,000 events each must stream, not be loaded at once).

Writes N executions of examples/s3-fanout, each a 1,000-event history in the shape
`aws stepfunctions get-execution-history --output json` writes (compact: the CLI indents, which
changes only the file size), runs `sfncost calibrate` on them, and prints the peak resident set
size (the child's ru_maxrss), its CPU time (user + system) and the wall time for each N. Bounded memory means the peak stays
roughly the same as N grows.

    swift build -c release --product sfncost
    python3 scripts/bench/calibrate-memory.py                   # N = 1,000, 2,500, 10,000
    python3 scripts/bench/calibrate-memory.py --counts 100 1000 --keep /tmp/h

SFNCOST=path overrides the binary. Needs about 0.35 MB of disk per execution (3.5 GB for 10,000),
in a temporary folder removed afterwards unless --keep is given.

Each history: ExecutionStarted, ListKeys (5 events), ProcessKeys (MapStateEntered, MapStateStarted
with length 141, per item MapIterationStarted + TransformObject 5 + MapIterationSucceeded = 7,
MapStateSucceeded, MapStateExited), Done (2), ExecutionSucceeded: 13 + 7 × 141 = 1,000 events.
Every execution has the same events (the start time differs), which does not matter here: what is
measured is what is held while reading.
"""
import argparse, json, os, resource, shutil, subprocess, sys, tempfile, time

ITEMS = 141
DEFINITION = "examples/s3-fanout/s3-fanout.asl.json"


def history(start):
    """One execution's events; timestamps a millisecond apart from `start` (seconds since 1970)."""
    events = []

    def add(kind, previous, **details):
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(start + len(events) // 1000)) + ".%03d000+00:00" % (len(events) % 1000)
        event = {"timestamp": stamp, "type": kind, "id": len(events) + 1, "previousEventId": previous}
        event.update(details)
        events.append(event)
        return event["id"]

    def entered(kind, name, previous):
        return add(kind + "StateEntered", previous, stateEnteredEventDetails={"name": name, "input": "{\"prefix\":\"in/\"}", "inputDetails": {"truncated": False}})

    def exited(kind, name, previous):
        return add(kind + "StateExited", previous, stateExitedEventDetails={"name": name, "output": "{}", "outputDetails": {"truncated": False}})

    def task(name, previous, resource_type, resource):
        last = entered("Task", name, previous)
        last = add("TaskScheduled", last, taskScheduledEventDetails={"resourceType": resource_type, "resource": resource, "region": "us-east-1", "parameters": "{}"})
        last = add("TaskStarted", last, taskStartedEventDetails={"resourceType": resource_type, "resource": resource})
        last = add("TaskSucceeded", last, taskSucceededEventDetails={"resourceType": resource_type, "resource": resource, "output": "{}", "outputDetails": {"truncated": False}})
        return exited("Task", name, last)

    last = add("ExecutionStarted", 0, executionStartedEventDetails={"input": "{\"prefix\":\"in/\"}", "inputDetails": {"truncated": False}, "roleArn": "arn:aws:iam::123456789012:role/bench"})
    last = task("ListKeys", 0, "aws-sdk:s3", "listObjectsV2")
    last = entered("Map", "ProcessKeys", last)
    last = add("MapStateStarted", last, mapStateStartedEventDetails={"length": ITEMS})
    for index in range(ITEMS):
        last = add("MapIterationStarted", last, mapIterationStartedEventDetails={"name": "ProcessKeys", "index": index})
        last = task("TransformObject", last, "lambda", "invoke")
        last = add("MapIterationSucceeded", last, mapIterationSucceededEventDetails={"name": "ProcessKeys", "index": index})
    last = add("MapStateSucceeded", last)
    last = exited("Map", "ProcessKeys", last)
    last = entered("Succeed", "Done", last)
    last = exited("Succeed", "Done", last)
    add("ExecutionSucceeded", last, executionSucceededEventDetails={"output": "{}", "outputDetails": {"truncated": False}})
    assert len(events) == 1000
    return json.dumps({"events": events}, separators=(",", ":"))


def write(folder, count):
    """count executions, one an hour; the text of the first is reused with its start shifted."""
    os.makedirs(folder, exist_ok=True)
    base = 1_790_812_800  # 2026-10-01T00:00:00Z
    template = history(base)
    day = time.strftime("%Y-%m-%dT%H", time.gmtime(base))
    for index in range(count):
        hour = time.strftime("%Y-%m-%dT%H", time.gmtime(base + 3600 * index))
        with open(os.path.join(folder, "execution-%05d.json" % index), "w") as handle:
            handle.write(template.replace(day, hour))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 2500, 10000])
    parser.add_argument("--keep", help="write the histories here and keep them")
    args = parser.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    binary = os.environ.get("SFNCOST", ".build/release/sfncost")
    if not os.access(binary, os.X_OK):
        sys.exit("no %s: run 'swift build -c release --product sfncost' first" % binary)
    root = args.keep or tempfile.mkdtemp(prefix="sfncost-calibrate-memory-")
    try:
        print("executions  events      peak RSS   CPU       wall")
        # ru_maxrss of RUSAGE_CHILDREN is the largest child so far, so each run is measured from a
        # fresh process of its own (PROBE).
        for count in sorted(args.counts):
            folder = os.path.join(root, "n%d" % count)
            write(folder, count)
            probe = subprocess.run([sys.executable, "-c", PROBE, binary, folder], capture_output=True, text=True, check=True)
            peak_kib, cpu, wall, executions = probe.stdout.split()
            print("%10d  %10d  %7.1f MB  %6.1f s  %6.1f s  (%s executions matched)" % (count, count * 1000, int(peak_kib) / 1024, float(cpu), float(wall), executions))
            if not args.keep:
                shutil.rmtree(folder)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


# Runs calibrate once in a process of its own, so that ru_maxrss is this run's alone.
PROBE = r"""
import re, resource, subprocess, sys, time
started = time.monotonic()
run = subprocess.run([sys.argv[1], "calibrate", "examples/s3-fanout/s3-fanout.asl.json", "--histories", sys.argv[2]],
                     capture_output=True, text=True)
wall = time.monotonic() - started
if run.returncode != 0:
    sys.exit(run.stderr[-2000:])
match = re.search(r"# histories: (\d+) execution", run.stdout)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_maxrss, "%.1f" % (usage.ru_utime + usage.ru_stime), "%.1f" % wall, match.group(1) if match else "?")
"""


if __name__ == "__main__":
    main()
