"""Hostile versions of what `sfncost calibrate` and `sfncost reconcile` read, for fuzz.py.

Seeds: the recorded executions in Tests/SFNCostKitTests/Fixtures (histories, Express log exports,
get-metric-data, list-executions, Cost and Usage Report CSVs) and examples/calibrate, with the
machines they belong to. Mutations, on top of fuzz.py's byte flips, truncations and JSON edge values:
timestamps at the edges of the calendar (year 1, year 9999, epoch 1e20 ms), numeric-looking strings
(`"id": "1"`, `"event_timestamp": "1793613600000"`) turned into edge numbers, event ids shuffled,
duplicated or huge, the record inside an Express log event's `message` mutated, CSV fields given edge
numbers, dates and hostile text, CSV quoting broken, and state names renamed to hostile names across
the definition, the histories and the profile (so they reach reconcile's table and Markdown).
"""

import csv
import io
import json
import os
import re
import shutil

from jsontree import json_nodes, set_at

EDGE_TIMESTAMPS = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999+00:00", "9999-12-31T23:59:59Z",
                   "1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-30T15:10:58.836000+99:00",
                   "2026-11-30T15:10:58.8360000000000000000000001+00:00", "-000001-01-01T00:00:00Z",
                   "275760-09-13T00:00:00Z", "2026-13-01T00:00:00Z", "", "now", "1e20", "-1", "NaN"]
EDGE_EPOCHS = ["0", "-1", "1e20", "-1e20", "100000000000000000000", "253402300800000", "-62135596800000",
               "9223372036854775807", "9223372036854775808", "1e400", "1.5", "NaN"]
NUMERIC_LOOKING = re.compile(r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$")
ISO_LOOKING = re.compile(r"^\d{4}-\d{2}-\d{2}T")

HISTORY_SETS = [
    # (definition path, profile, history seeds, list-executions seeds, metric seeds)
    ("examples/daily-ingest/daily-ingest.asl.json", "examples/daily-ingest/usage.yml",
     ["examples/calibrate/histories/daily-ingest-ok.json", "examples/calibrate/histories/daily-ingest-caught.json",
      "examples/calibrate/histories/daily-ingest-retry.json",
      "Tests/SFNCostKitTests/Fixtures/histories/oracle/daily-ingest/run-1.json",
      "Tests/SFNCostKitTests/Fixtures/histories/oracle/daily-ingest/run-5.json"],
     ["examples/calibrate/list-executions.json"], ["Tests/SFNCostKitTests/Fixtures/calibration/metric-data.json"]),
    ("examples/s3-fanout/s3-fanout.asl.json", "examples/s3-fanout/usage.yml",
     ["Tests/SFNCostKitTests/Fixtures/histories/oracle/s3-fanout/keys-2.json",
      "Tests/SFNCostKitTests/Fixtures/histories/oracle/s3-fanout/keys-4.json",
      "Tests/SFNCostKitTests/Fixtures/histories/s3-fanout-3.json"],
     ["Tests/SFNCostKitTests/Fixtures/calibration/list-executions.json"], []),
    ("examples/micro-batch/micro-batch.asl.json", "examples/micro-batch/usage.yml",
     ["Tests/SFNCostKitTests/Fixtures/histories/oracle/micro-batch/run-01.json",
      "Tests/SFNCostKitTests/Fixtures/histories/oracle/micro-batch/run-06.json",
      "Tests/SFNCostKitTests/Fixtures/histories/oracle/micro-batch/run-09.json"],
     [], ["Tests/SFNCostKitTests/Fixtures/express-logs/micro-batch-metrics.json"]),
    ("Tests/SFNCostKitTests/Fixtures/histories/aws-recorded/definitions/lambda-invoke-with-retry.asl.json", None,
     ["Tests/SFNCostKitTests/Fixtures/histories/aws-recorded/histories/lambda-retry-caught.json"], [], []),
    ("Tests/SFNCostKitTests/Fixtures/histories/aws-recorded/definitions/path-based-on-data.asl.json", None,
     ["Tests/SFNCostKitTests/Fixtures/histories/aws-recorded/histories/path-based-on-data/default-path.json",
      "Tests/SFNCostKitTests/Fixtures/histories/aws-recorded/histories/path-based-on-data/first-path.json"], [], []),
]
EXPRESS_SET = ("examples/micro-batch/micro-batch.asl.json", "examples/micro-batch/usage.yml",
               ["Tests/SFNCostKitTests/Fixtures/express-logs/micro-batch-all.json",
                "Tests/SFNCostKitTests/Fixtures/express-logs/micro-batch-error-level.json"],
               "Tests/SFNCostKitTests/Fixtures/express-logs/micro-batch-metrics.json")
CUR_SET = ("Tests/SFNCostKitTests/Fixtures/cur/machines", "Tests/SFNCostKitTests/Fixtures/cur/usage.yml",
           ["Tests/SFNCostKitTests/Fixtures/cur/legacy-2026-10.csv", "Tests/SFNCostKitTests/Fixtures/cur/cur2-2026-10.csv"])

KINDS = ["history", "expresslogs", "metrics", "executions", "cur"]
KIND_WEIGHTS = {"history": 14, "expresslogs": 10, "metrics": 5, "executions": 4, "cur": 12}


def _edge_number(rng, edge_numbers):
    return rng.choice(edge_numbers + EDGE_EPOCHS)


def _strings_at(root, predicate):
    """Paths of the string values that satisfy `predicate`, and of the numbers when it takes them."""
    return [path for path, value in json_nodes(root) if path and predicate(value)]


def _events(root):
    for key in ("events", "executions", "MetricDataResults"):
        if isinstance(root, dict) and isinstance(root.get(key), list):
            return root[key]
    return None


def recorded_json_mutation(rng, text, hostile_names, edge_numbers):
    """One mutation of a history, log export, metric or execution list that keeps it JSON."""
    try:
        root = json.loads(text)
    except ValueError:
        return None
    choice = rng.random()
    events = _events(root)
    if choice < 0.25:
        # A timestamp (ISO text or milliseconds since 1970, as text or a number) at the calendar's edges.
        paths = _strings_at(root, lambda v: isinstance(v, str) and (ISO_LOOKING.match(v) or
                                                                   (NUMERIC_LOOKING.match(v) and len(v) >= 12))
                            or isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) > 1e11)
        if paths:
            path = rng.choice(paths)
            if rng.random() < 0.5:
                return _raw_at(root, path, rng.choice(EDGE_EPOCHS))
            return json.dumps(set_at(root, path, rng.choice(EDGE_TIMESTAMPS)))
    if choice < 0.45:
        # A numeric-looking string (`"id": "12"`) or a number becomes an edge number, as text or raw.
        paths = _strings_at(root, lambda v: isinstance(v, str) and NUMERIC_LOOKING.match(v)
                            or isinstance(v, (int, float)) and not isinstance(v, bool))
        if paths:
            path = rng.choice(paths)
            value = _edge_number(rng, edge_numbers)
            if rng.random() < 0.5:
                return json.dumps(set_at(root, path, value))
            return _raw_at(root, path, value)
    if choice < 0.65 and events:
        # Event order and ids: swapped, duplicated, dropped, or an id out of range.
        what = rng.random()
        i, j = rng.randrange(len(events)), rng.randrange(len(events))
        if what < 0.3:
            events[i], events[j] = events[j], events[i]
        elif what < 0.55:
            events.insert(j, json.loads(json.dumps(events[i])))
        elif what < 0.7:
            del events[i]
        elif isinstance(events[i], dict):
            key = rng.choice([k for k in ("id", "previousEventId") if k in events[i]] or ["id"])
            events[i][key] = "\u0001FUZZRAW\u0001"
            return json.dumps(root).replace(json.dumps("\u0001FUZZRAW\u0001"),
                                            rng.choice(["9223372036854775807", "-1", "0", "1e300", "18446744073709551616",
                                                        "4294967296", "2147483648"]), 1)
        return json.dumps(root)
    if choice < 0.85 and events:
        # The JSON record inside an Express log event's `message`.
        carriers = [e for e in events if isinstance(e, dict) and isinstance(e.get("message"), str)]
        if carriers:
            event = rng.choice(carriers)
            inner = recorded_json_mutation(rng, event["message"], hostile_names, edge_numbers)
            if inner is None:
                inner = event["message"][: rng.randrange(len(event["message"]) + 1)]
            event["message"] = inner
            return json.dumps(root)
    # A hostile name in a string (an ARN, a label, a name, an error).
    paths = _strings_at(root, lambda v: isinstance(v, str) and 0 < len(v) < 300)
    if paths:
        path = rng.choice(paths)
        return json.dumps(set_at(root, path, rng.choice(hostile_names)), ensure_ascii=rng.random() < 0.5)
    return None


def _raw_at(root, path, raw):
    marker = "\u0001FUZZRAW\u0001"
    return json.dumps(set_at(root, path, marker), ensure_ascii=False).replace(json.dumps(marker), raw, 1)


EDGE_AMOUNTS = ["1e400", "99999999999999999999", "-5", "NaN", "nan", "Infinity", "-0", "7.0E3", "1e-400",
                "0.000000000000000000000000000000000001", "1" * 60, "1,000", " 12 ", "1e30", "1.0E+31", "", "0x10",
                "9223372036854775808", "-1e400", "١٢"]
EDGE_DATES = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-10-01", "2026-10-01 00:00:00", "2026-02-30T00:00:00Z",
              "1970-01-01T00:00:00Z", "", "275760-09-13T00:00:00Z", "2026-10-01T00:00:00Z/2026-11-01T00:00:00Z"]


def csv_mutation(rng, text, hostile_names, edge_numbers):
    """One mutation of a CUR extract: a field's value, its quoting, or its rows."""
    choice = rng.random()
    if choice < 0.2:
        # Quoting broken at the text level: a stray quote, a quote left open, a field split by a comma.
        positions = [m.start() for m in re.finditer(r'[",\n]', text)]
        if positions:
            at = rng.choice(positions)
            insert = rng.choice(['"', '""', ',', '\n', '"\n', '\r', '\r\n"', '\u0000'])
            return text[:at] + insert + text[at + (1 if rng.random() < 0.4 else 0):]
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return None
    if len(rows) < 2:
        return None
    header, body = rows[0], rows[1:]
    if choice < 0.7:
        row = rng.choice(body)
        if not row:
            return None
        column = rng.randrange(len(row))
        name = header[column] if column < len(header) else ""
        lowered = name.lower()
        if "amount" in lowered or "cost" in lowered or "rate" in lowered:
            row[column] = rng.choice(EDGE_AMOUNTS + edge_numbers)
        elif "date" in lowered or "interval" in lowered:
            row[column] = rng.choice(EDGE_DATES)
        elif rng.random() < 0.6:
            row[column] = rng.choice(hostile_names)
        else:
            row[column] = rng.choice(EDGE_AMOUNTS)
    elif choice < 0.8:
        # Rows duplicated (amounts summed past 10^30 by repetition), or the header's columns swapped.
        if rng.random() < 0.6:
            body = body + [rng.choice(body)] * rng.choice([2, 50, 2000])
        else:
            i, j = rng.randrange(len(header)), rng.randrange(len(header))
            header[i], header[j] = header[j], header[i]
    elif choice < 0.9:
        # A usage type given a hostile name (it is named in a note), or an account or region.
        targets = [i for i, h in enumerate(header) if re.search(r"(?i)usage_?type|account|region|product", h)]
        if targets:
            column = rng.choice(targets)
            row = rng.choice(body)
            if column < len(row):
                row[column] = (row[column] + rng.choice(hostile_names)) if rng.random() < 0.5 else rng.choice(hostile_names)
    else:
        # A row with too few or too many fields.
        row = rng.choice(body)
        if rng.random() < 0.5 and row:
            row.pop()
        else:
            row.append("extra")
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]), lineterminator=rng.choice(["\n", "\r\n"]))
    writer.writerows([header] + body)
    return out.getvalue()


def _state_names(definition_text):
    try:
        root = json.loads(definition_text)
    except ValueError:
        return []
    names = []

    def walk(node):
        if isinstance(node, dict):
            states = node.get("States")
            if isinstance(states, dict):
                names.extend(states.keys())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(root)
    return names


def make_case(rng, repo, folder, kinds, fuzz):
    """Writes one calibrate/reconcile case into `folder`: (argv, {role: path}). `fuzz` is fuzz.py's module."""
    kind = rng.choices(KINDS, weights=[KIND_WEIGHTS[k] if k in kinds else 0 for k in KINDS])[0]
    files = {}
    hostile = fuzz.HOSTILE_NAMES

    def read(relative):
        with open(os.path.join(repo, relative), "rb") as handle:
            return handle.read()

    def write(name, data):
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data if isinstance(data, bytes) else data.encode("utf-8", errors="surrogatepass"))
        return path

    def mutated(relative, mutation):
        """The file's bytes after one to three mutations (fuzz.py's generic ones now and then)."""
        data = read(relative)
        choice = rng.random()
        if choice < 0.12:
            return fuzz.byte_flip(rng, data)
        if choice < 0.2:
            return fuzz.truncate(rng, data)
        text = data.decode("utf-8", errors="replace")
        for _ in range(rng.choice([1, 1, 2, 3])):
            if rng.random() < 0.2 and relative.endswith(".json"):
                new, _ = fuzz.json_mutation(rng, text)
            else:
                new = mutation(rng, text, hostile, fuzz.EDGE_NUMBERS)
            if new is None:
                break
            text = new
        return text.encode("utf-8", errors="surrogatepass")

    if kind == "cur":
        machines, profile, seeds = CUR_SET
        csv_path = write("bill.csv", mutated(rng.choice(seeds), csv_mutation))
        files.update(input=csv_path)
        argv = ["reconcile", os.path.join(repo, machines), "--profile", os.path.join(repo, profile), "--cur", csv_path]
        if rng.random() < 0.3:  # the parts of one extract
            files["part2"] = write("bill-part2.csv", mutated(rng.choice(seeds), csv_mutation))
            argv.append(files["part2"])
        if rng.random() < 0.75:  # the extract's account and region, now and then another
            argv += ["--account", "111122223333" if rng.random() < 0.9 else rng.choice(["999988887777", "1e400"])]
        if rng.random() < 0.75:
            argv += ["--region", "us-east-1" if rng.random() < 0.9 else "eu-west-1"]
        argv += ["--format", rng.choice(["table", "json", "markdown"])]
        if rng.random() < 0.4:
            argv += ["--tolerance", rng.choice(["10", "0", "1e300"])]
        return argv, files

    if kind == "expresslogs":
        definition_rel, profile_rel, seeds, metrics_rel = EXPRESS_SET
        history_rels, lists, metrics = [], [], [metrics_rel]
    else:
        candidates = [s for s in HISTORY_SETS if (kind != "executions" or s[3]) and (kind != "metrics" or s[4])]
        definition_rel, profile_rel, history_rels, lists, metrics = rng.choice(candidates)

    # The definition (copied, its states maybe renamed to hostile names everywhere).
    definition_text = read(definition_rel).decode("utf-8")
    renames = []
    if rng.random() < 0.3:
        names = _state_names(definition_text)
        if names:
            old = rng.choice(names)
            renames.append((old, rng.choice(hostile) if rng.random() < 0.9 else fuzz.huge_string(rng)))

    def renamed_json(text):
        if not renames:
            return text
        try:
            root = json.loads(text)
        except ValueError:
            return text
        for old, new in renames:
            root = fuzz.rename(root, old, new)
            # An Express log's records are JSON inside a string: rename in them too.
            for event in (_events(root) or []):
                if isinstance(event, dict) and isinstance(event.get("message"), str):
                    try:
                        event["message"] = json.dumps(fuzz.rename(json.loads(event["message"]), old, new))
                    except ValueError:
                        pass
        return json.dumps(root, indent=rng.choice([None, 2]))

    definition = write("machine/" + os.path.basename(definition_rel), renamed_json(definition_text))
    profile = None
    if profile_rel:
        text = read(profile_rel).decode("utf-8")
        for old, new in renames:
            text = fuzz.rename_in_yaml(text, old, new)
        profile = write("usage.yml", text)
    files.update(input=definition)
    if profile:
        files["profile"] = profile

    def one_of(rels, mutate_it, name):
        relative = rng.choice(rels)
        data = mutated(relative, recorded_json_mutation) if mutate_it else read(relative)
        text = renamed_json(data.decode("utf-8", errors="replace")) if renames else data
        path = write(name, text)
        files[name] = path
        return path

    argv_tail = []
    if kind == "expresslogs":
        chosen = rng.sample(seeds, rng.choice([1, 1, 2]))
        paths = []
        for index, relative in enumerate(chosen):
            paths.append(one_of([relative], index == 0 or rng.random() < 0.3, f"logs-{index}.json"))
        argv_tail += ["--express-logs"] + paths
        if rng.random() < 0.4:
            argv_tail += ["--metrics", one_of(metrics, rng.random() < 0.5, "metrics.json")]
    else:
        count = rng.randint(1, min(3, len(history_rels)))
        chosen = rng.sample(history_rels, count)
        target = rng.randrange(count) if kind == "history" else -1
        for index, relative in enumerate(chosen):
            one_of([relative], index == target, f"histories/h{index}.json")
        argv_tail += ["--histories", os.path.join(folder, "histories")]
        if kind == "executions" or (lists and rng.random() < 0.2):
            argv_tail += ["--executions", one_of(lists, kind == "executions", "executions.json")]
        if kind == "metrics" or (metrics and rng.random() < 0.2):
            argv_tail += ["--metrics", one_of(metrics, kind == "metrics", "metrics.json")]
        if rng.random() < 0.1:
            argv_tail += ["--machine", os.path.basename(definition_rel).split(".")[0]]

    # Renamed states are worth most in reconcile's tables, where names are printed.
    command = ("reconcile" if renames and rng.random() < 0.7 else rng.choice(["calibrate", "reconcile"])) if profile else "calibrate"
    argv = [command, os.path.dirname(definition)] + argv_tail
    if command == "calibrate":
        if profile and rng.random() < 0.5:
            argv += ["--profile", profile]
    else:
        argv += ["--profile", profile, "--format", rng.choice(["table", "json", "markdown"])]
        if rng.random() < 0.3:
            argv += ["--tolerance", rng.choice(["5", "0"])]
    return argv, files
