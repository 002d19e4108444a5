#!/usr/bin/env python3
"""Builds Tests/SFNCostKitTests/Fixtures/oracle/oracle-results.json: the figures of one concrete execution
of each ASL definition in moto's Step Functions interpreter (the "oracle": run_oracle.py, passed with --oracle),
plus the path facts OracleTests.swift needs to build a deterministic sfncost profile for the same path.

Regenerate (needs Python 3.11, moto 5.2.1, PyYAML; about 5 minutes on 2 cores):

    python3 scripts/oracle/make_fixtures.py --oracle PATH/run_oracle.py   # corpus default: Tests/Corpus/asl
    python3 scripts/oracle/make_fixtures.py --oracle PATH/run_oracle.py --only 'aws-step*' --jobs 2

Per definition the script:
 1. runs the oracle with --mock-tasks (Tasks stay Tasks, answered by moto's mocked-response machinery, so
    Task/Lambda history events are real) and, if that run does not end normally, again in the default mode
    (every Task rewritten to a Pass: 2 history events per Task instead of AWS's 5 or 6; recorded per Task
    pattern in `rewritten_task_entries` so the test can map them);
 2. reads the full history (--history) and derives the path: the target of every Choice visit (the
    *StateEntered event whose previousEventId is the ChoiceStateExited event), the item count of every
    Map visit (MapStateStarted.length), retry attempts (Scheduled events beyond the first per Task entry);
 3. for a Distributed Map, whose child executions do not appear in the parent history, runs the
    ItemProcessor alone as its own execution (input {}) and records its state entries per child;
 4. keeps the case if the run SUCCEEDED (or FAILED in a Fail state) and every Choice / Map took the same
    branch / item count on every visit (a deterministic profile can express it); otherwise lists it in
    `skipped` with the reason.
Synthetic feeder Pass states the oracle adds for Maps with an ItemReader are subtracted (entries and their
2 events). Definitions are embedded (minified) so the Swift test needs neither Python nor the oracle.
"""
import argparse, collections, concurrent.futures as cf, fnmatch, hashlib, json, os, re, subprocess, sys, tempfile

import yaml

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUFFIX = "__oracle_items"
DMAP_ITEMS = 3          # items fed to every Map with an ItemReader
INLINE_ITEMS = 2        # items put at a top-level inline Map's ItemsPath in the synthesized input


def state_maps(asl):
    """Yields every States map (top level, Parallel branches, Map processors)."""
    stack = [asl]
    while stack:
        m = stack.pop()
        yield m
        for st in m.get("States", {}).values():
            for b in st.get("Branches", []) or []:
                stack.append(b)
            for k in ("Iterator", "ItemProcessor"):
                if isinstance(st.get(k), dict) and "States" in st[k]:
                    stack.append(st[k])


def task_pattern(resource):
    r = str(resource)
    if r.endswith(".waitForTaskToken"):
        return "waitForTaskToken"
    if re.search(r"\.sync(:\d+)?$", r):
        return "sync"
    if r.startswith("arn:aws:states:") and ":activity:" in r:
        return "activity"
    if r.startswith("arn:aws:lambda:"):
        return "lambdaFunction"
    return "requestResponse"


def is_distributed(st):
    proc = st.get("ItemProcessor") or {}
    return (proc.get("ProcessorConfig") or {}).get("Mode") == "DISTRIBUTED"


def set_path(obj, path, value):
    """Sets a simple JSONPath like $.a.b in obj; returns False for anything fancier."""
    if not isinstance(path, str) or not re.fullmatch(r"\$(\.[A-Za-z_][A-Za-z0-9_-]*)+", path):
        return False
    keys = path[2:].split(".")
    for k in keys[:-1]:
        obj = obj.setdefault(k, {})
        if not isinstance(obj, dict):
            return False
    obj[keys[-1]] = value
    return True


def synthesized_input(asl):
    inp = {}
    for st in asl.get("States", {}).values():
        if st.get("Type") == "Map" and "ItemReader" not in st:
            path = st.get("ItemsPath", "$")
            if path != "$":
                set_path(inp, path, [{} for _ in range(INLINE_ITEMS)])
    return inp


def run_oracle(oracle, def_path, inp, results, mock, tmp):
    rp = os.path.join(tmp, "results.json")
    json.dump(results, open(rp, "w"))
    cmd = [sys.executable, oracle, def_path, "--input", json.dumps(inp), "--results", rp, "--history", "--timeout", "10"]
    if mock:
        mp = os.path.join(tmp, "mocks.json")
        json.dump({}, open(mp, "w"))
        cmd += ["--mock-tasks", mp]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    try:
        return json.loads(p.stdout)
    except Exception:
        return {"status": "ORACLE_CRASHED", "error": (p.stderr or p.stdout)[-500:]}


def analyse_history(out, asl):
    """Path facts from one oracle run. Returns (facts, problem)."""
    events = out.get("events", [])
    by_id = {e["id"]: e for e in events}
    entered_name = {}
    for e in events:
        if e["type"].endswith("StateEntered"):
            entered_name[e["id"]] = e["stateEnteredEventDetails"]["name"]
    renamed = {n[: -len(SUFFIX)] for n in entered_name.values() if n.endswith(SUFFIX)}

    def original(name):
        return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name

    entries = collections.Counter()
    feeder_entries = 0
    for eid, name in entered_name.items():
        e = by_id[eid]
        if name in renamed and e["type"] == "PassStateEntered":
            feeder_entries += 1
            continue
        entries[original(name)] += 1

    # The *StateEntered that follows each ChoiceStateExited.
    next_of = {}
    for e in events:
        if e["type"].endswith("StateEntered") and e.get("previousEventId") in by_id:
            next_of[e["previousEventId"]] = e["stateEnteredEventDetails"]["name"]
    choices = collections.defaultdict(set)
    for e in events:
        if e["type"] == "ChoiceStateExited":
            name = e["stateExitedEventDetails"]["name"]
            target = next_of.get(e["id"])
            if target is None:
                return None, f"Choice '{name}' exited but no state followed"
            choices[name].add(original(target))
    maps = collections.defaultdict(set)
    for e in events:
        if e["type"] == "MapStateStarted":
            prev = by_id.get(e.get("previousEventId"))
            name = prev["stateEnteredEventDetails"]["name"] if prev and prev["type"] == "MapStateEntered" else None
            if name is None:
                return None, "MapStateStarted without its MapStateEntered (Map retry?)"
            maps[original(name)].add(e["mapStateStartedEventDetails"]["length"])

    for name, targets in choices.items():
        if len(targets) > 1:
            return None, f"Choice '{name}' took different branches on different visits ({', '.join(sorted(targets))}): a loop or per-item branching, not expressible as odds 1.0"
    for name, lengths in maps.items():
        if len(lengths) > 1:
            return None, f"Map '{name}' ran with different item counts ({sorted(lengths)}) on different visits"

    # States by name, to classify Tasks and Maps; a name used for two kinds of state is ambiguous.
    kinds = {}
    for m in state_maps(asl):
        for n, st in m["States"].items():
            k = st.get("Type")
            if k == "Task":
                k = "Task:" + task_pattern(st.get("Resource", ""))
            if k == "Map":
                k = "Map:distributed" if is_distributed(st) else "Map:inline"
            if kinds.get(n, k) != k:
                return None, f"state name '{n}' is used for two kinds of state"
            kinds[n] = k
    # A visited state reached only by being entered again (loop) is caught by the Choice rule above,
    # except for a loop with no Choice (impossible to leave): the run would not end.
    attempts = collections.Counter()
    for e in events:
        if e["type"] in ("TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled"):
            # walk back to the TaskStateEntered of this attempt
            p = by_id.get(e.get("previousEventId"))
            while p is not None and not p["type"].endswith("StateEntered"):
                p = by_id.get(p.get("previousEventId"))
            if p is not None:
                attempts[p["stateEnteredEventDetails"]["name"]] += 1
    retries = {n: attempts[n] - entries[n] for n in attempts if attempts[n] > entries[n]}

    facts = {
        "state_entries": sum(entries.values()),
        "state_entries_per_state": dict(sorted(entries.items())),
        "choice_targets": {n: sorted(t)[0] for n, t in sorted(choices.items())},
        "map_items": {n: sorted(l)[0] for n, l in sorted(maps.items())},
        "retry_attempts": retries,
        "feeder_entries": feeder_entries,
        "n_events": out["n_events"] - 2 * feeder_entries,
        "event_counts": out["event_counts"],
        "distributed_maps": sorted(n for n in maps if kinds.get(n) == "Map:distributed"),
        "rewritten_task_entries": {},
    }
    if feeder_entries:
        ec = dict(facts["event_counts"])
        ec["PassStateEntered"] -= feeder_entries
        ec["PassStateExited"] -= feeder_entries
        facts["event_counts"] = {k: v for k, v in ec.items() if v}
    return facts, kinds


def ended_normally(out):
    if out.get("status") == "SUCCEEDED":
        return True
    if out.get("status") == "FAILED":
        ev = out.get("events", [])
        return len(ev) >= 2 and ev[-1]["type"] == "ExecutionFailed" and ev[-2]["type"] == "FailStateEntered"
    return False


def describe_failure(out):
    d = out.get("describe_execution") or {}
    msg = out.get("status", "?")
    if d:
        msg += f" {d.get('error', '')}: {str(d.get('cause', ''))[:160]}"
    elif out.get("error"):
        msg += f" {str(out['error'])[:160]}"
    return msg.strip()


def run_case(oracle, name, asl, tmp_root, given_input=None, allow_failed=False):
    """One definition: returns ("case", dict) or ("skip", reason)."""
    tmp = tempfile.mkdtemp(dir=tmp_root)
    def_path = os.path.join(tmp, "def.json")
    # moto's ASL grammar accepts only "ExecutionType": "STANDARD" for a Distributed Map
    # (moto/stepfunctions/parser/asl/antlr/runtime/ASLParser.py: EXECUTIONTYPE COLON STANDARD), so EXPRESS
    # children run as STANDARD in the oracle. The parent history is the same (6 Map events either way).
    express = False
    run_asl = json.loads(json.dumps(asl))
    for m in state_maps(run_asl):
        for st in m["States"].values():
            pc = (st.get("ItemProcessor") or {}).get("ProcessorConfig") or {}
            if pc.get("ExecutionType") == "EXPRESS":
                pc["ExecutionType"] = "STANDARD"
                express = True
    json.dump(run_asl, open(def_path, "w"))
    results = {}
    for m in state_maps(asl):
        for n, st in m["States"].items():
            if st.get("Type") == "Map" and "ItemReader" in st:
                results[n] = {"__items__": [{} for _ in range(DMAP_ITEMS)]}
    inp = synthesized_input(asl) if given_input is None else given_input
    tries = []
    for mode in ("mock-tasks", "task-as-pass"):
        out = run_oracle(oracle, def_path, inp, results, mode == "mock-tasks", tmp)
        if not ended_normally(out) and not (allow_failed and out.get("status") == "FAILED"):
            tries.append(f"{mode}: {describe_failure(out)}")
            # The Task rewrite cannot cure a rejected definition, JSONata or a loop that never ends.
            if out.get("status") in ("INVALID_DEFINITION", "TIMED_OUT_IN_ORACLE") or "NoneType" in describe_failure(out):
                break
            continue
        facts, kinds = analyse_history(out, asl)
        if facts is None:
            return "skip", f"{mode}: {kinds}"
        if mode == "task-as-pass":
            rew = collections.Counter()
            for n, c in facts["state_entries_per_state"].items():
                if kinds.get(n, "").startswith("Task:"):
                    rew[kinds[n][5:]] += c
            facts["rewritten_task_entries"] = dict(sorted(rew.items()))
        # Distributed Map children: not in the parent history; run each ItemProcessor alone.
        children = {}
        for dname in facts["distributed_maps"]:
            st = next(m["States"][dname] for m in state_maps(run_asl) if dname in m["States"])
            proc = {k: v for k, v in st["ItemProcessor"].items() if k != "ProcessorConfig"}
            orig = next(m["States"][dname] for m in state_maps(asl) if dname in m["States"])
            ctype = (orig["ItemProcessor"].get("ProcessorConfig") or {}).get("ExecutionType", "STANDARD")
            child = {"execution_type": ctype, "batch": st.get("ItemBatcher", {}).get("MaxItemsPerBatch")}
            cpath = os.path.join(tmp, f"child-{len(children)}.json")
            json.dump(proc, open(cpath, "w"))
            cout = run_oracle(oracle, cpath, {}, {}, mode == "mock-tasks", tmp)
            if not ended_normally(cout):
                return "skip", f"{mode}: Distributed Map '{dname}' child run failed: {describe_failure(cout)}"
            cfacts, ckinds = analyse_history(cout, proc)
            if cfacts is None:
                return "skip", f"{mode}: Distributed Map '{dname}' child: {ckinds}"
            for k in ("choice_targets", "map_items"):
                for n, v in cfacts[k].items():
                    if facts[k].get(n, v) != v:
                        return "skip", f"{mode}: state '{n}' behaves differently in a child execution"
                    facts[k][n] = v
            child["state_entries_per_child"] = cfacts["state_entries"]
            children[dname] = child
        facts["distributed_map_children"] = children
        facts["mode"] = mode
        facts["status"] = out["status"]
        if express:
            facts["express_children_run_as_standard"] = True
        if tries:
            facts["mock_tasks_failure"] = tries[0]
        return "case", facts
    return "skip", "; ".join(tries)


def load_definition(path):
    text = open(path).read()
    if path.endswith((".yaml", ".yml")):
        return yaml.safe_load(text)
    return json.loads(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(REPO, "Tests", "Corpus", "asl"))
    ap.add_argument("--oracle", required=True, help="path to the oracle's run_oracle.py (moto's Step Functions interpreter)")
    ap.add_argument("--hand", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "hand_cases.json"))
    ap.add_argument("--out", default=os.path.join(REPO, "Tests", "SFNCostKitTests", "Fixtures", "oracle", "oracle-results.json"))
    ap.add_argument("--only", default="*", help="glob on corpus file names")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()

    tmp_root = tempfile.mkdtemp(prefix="sfncost-oracle-")
    manifest = {}
    mpath = os.path.join(a.corpus, "..", "MANIFEST.tsv")
    if os.path.exists(mpath):
        rows = [l.rstrip("\n").split("\t") for l in open(mpath)]
        head = rows[0]
        for r in rows[1:]:
            d = dict(zip(head, r))
            manifest[os.path.basename(d["file"])] = d

    jobs = []   # (kind, file, asl, extra)
    skipped = []
    for f in sorted(os.listdir(a.corpus)):
        if not fnmatch.fnmatch(f, a.only):
            continue
        try:
            asl = load_definition(os.path.join(a.corpus, f))
            if not isinstance(asl, dict) or "States" not in asl:
                raise ValueError("no States")
        except Exception as e:
            skipped.append({"file": f, "reason": f"not loadable as ASL: {str(e)[:120]}"})
            continue
        jobs.append(("corpus", f, asl, {}))
    hand = json.load(open(a.hand))
    for h in hand["cases"]:
        jobs.append(("hand", h["name"], h["definition"], h))

    cases = []
    with cf.ThreadPoolExecutor(a.jobs) as pool:
        futs = {}
        for kind, f, asl, extra in jobs:
            if kind == "hand" and "mocks" in extra:
                futs[pool.submit(run_hand_with_mocks, a.oracle, extra, tmp_root)] = (kind, f, asl, extra)
            else:
                futs[pool.submit(run_case, a.oracle, f, asl, tmp_root, extra.get("input"), extra.get("allow_failed", False))] = (kind, f, asl, extra)
        for n, fut in enumerate(cf.as_completed(futs), 1):
            kind, f, asl, extra = futs[fut]
            try:
                verdict, payload = fut.result()
            except Exception as e:
                verdict, payload = "skip", f"script error: {e!r}"[:200]
            print(f"[{n}/{len(futs)}] {verdict:4} {f}", file=sys.stderr)
            if verdict == "skip":
                if kind == "hand":
                    print(f"  hand case skipped: {payload}", file=sys.stderr)
                skipped.append({"file": f, "reason": payload})
                continue
            case = {"name": f, "kind": kind}
            if kind == "corpus":
                m = manifest.get(f, {})
                case["source"] = {k: m.get(k) for k in ("source_repo", "source_path", "source_commit", "license", "sha256")}
            else:
                case["comment"] = extra.get("comment", "")
                for k in ("compare", "input", "known_issue"):
                    if k in extra:
                        case[k] = extra[k]
            case.update(payload)
            case.pop("distributed_maps", None)
            case["definition"] = json.dumps(asl, separators=(",", ":"), ensure_ascii=False)
            cases.append(case)
    cases.sort(key=lambda c: (c["kind"] != "hand", c["name"]))
    skipped.sort(key=lambda s: s["file"])
    reasons = collections.Counter(classify(s["reason"]) for s in skipped)
    doc = {
        "generated_by": "scripts/oracle/make_fixtures.py (see its docstring to regenerate)",
        "oracle": "run_oracle.py: moto 5.2.1 Step Functions interpreter (port of LocalStack)",
        "settings": {"inline_items_at_top_level_ItemsPath": INLINE_ITEMS, "item_reader_items": DMAP_ITEMS,
                     "input": "{} plus those item lists", "task_results": "{} (Lambda: {StatusCode:200,Payload:{}})"},
        "summary": {"compared": len(cases), "compared_corpus": sum(c["kind"] == "corpus" for c in cases),
                    "compared_hand": sum(c["kind"] == "hand" for c in cases),
                    "mode_counts": dict(collections.Counter(c["mode"] for c in cases)),
                    "skipped": len(skipped), "skipped_by_reason": dict(reasons.most_common())},
        "cases": cases,
        "skipped": skipped,
    }
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    print(json.dumps(doc["summary"], indent=1), file=sys.stderr)


def classify(reason):
    if "not loadable" in reason:
        return "not loadable as ASL"
    if "INVALID_DEFINITION" in reason:
        return "oracle rejects the definition (INVALID_DEFINITION)"
    if "different branches" in reason or "different item counts" in reason:
        return "path not expressible as a deterministic profile (loop / per-visit branching)"
    if "TIMED_OUT" in reason:
        return "oracle run timed out"
    if "NoneType" in reason:
        return "JSONata (unsupported by moto)"
    if "States.Runtime" in reason or "FAILED" in reason:
        return "oracle run failed (missing input paths etc.)"
    return "other"


def run_hand_with_mocks(oracle, h, tmp_root):
    """A hand case with explicit mocked responses (Retry): one --mock-tasks run, no fallback."""
    tmp = tempfile.mkdtemp(dir=tmp_root)
    def_path = os.path.join(tmp, "def.json")
    json.dump(h["definition"], open(def_path, "w"))
    mp = os.path.join(tmp, "mocks.json")
    json.dump(h["mocks"], open(mp, "w"))
    cmd = [sys.executable, oracle, def_path, "--input", json.dumps(h.get("input", {})), "--history",
           "--mock-tasks", mp, "--timeout", "60"]
    out = json.loads(subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout)
    if not ended_normally(out) and not h.get("allow_failed"):
        return "skip", f"mock-tasks: {describe_failure(out)}"
    facts, kinds = analyse_history(out, h["definition"])
    if facts is None:
        return "skip", kinds
    facts["distributed_map_children"] = {}
    facts["mode"] = "mock-tasks"
    facts["status"] = out["status"]
    facts["mocks"] = h["mocks"]
    return "case", facts


if __name__ == "__main__":
    main()
