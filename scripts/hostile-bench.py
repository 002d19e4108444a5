#!/usr/bin/env python3
"""Times sfncost on hostile machines and checks that each costs about what a plain machine of
similar size costs (issue 10, item 3). Ratios, not absolute times: the floor is `estimate` of a
chain of 10,000 Pass states on the same machine and build.

  scripts/hostile-bench.py [path/to/sfncost]     (default .build/release/sfncost)

Each case runs three times; the best time counts. Exits 1 when a ratio is over its limit.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib

machines = importlib.import_module("hostile-machines")


def dense_loop(n, seed=7):
    """One loop of n Choice states, each with up to 20 rules back to random states: fill-in."""
    rng = random.Random(seed)
    states = {}
    for i in range(n):
        on = f"L{i + 1}" if i + 1 < n else "Done"
        back = sorted({rng.randrange(0, n) for _ in range(20)})
        states[f"L{i}"] = {"Type": "Choice", "Default": on,
                           "Choices": [{"Variable": "$.x", "NumericEquals": r, "Next": f"L{b}"} for r, b in enumerate(back)]}
    states["Done"] = {"Type": "Succeed"}
    return {"StartAt": "L0", "States": states}


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w") as handle:
        handle.write(text)
    return path


def best_time(binary, arguments, runs=3):
    best, output = None, ""
    for _ in range(runs):
        started = time.monotonic()
        done = subprocess.run([binary] + arguments, capture_output=True, text=True, timeout=600)
        elapsed = time.monotonic() - started
        if done.returncode not in (0, 1):
            sys.exit(f"sfncost {' '.join(arguments)} exited {done.returncode}: {done.stderr[-500:]}")
        output = done.stdout + done.stderr
        best = elapsed if best is None else min(best, elapsed)
    return best, output


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/sfncost"
    if not os.access(binary, os.X_OK):
        sys.exit(f"no sfncost binary at {binary}: run 'swift build -c release' or name one")
    compact = lambda value: json.dumps(value, separators=(",", ":"))
    with tempfile.TemporaryDirectory() as directory:
        chain = write(directory, "chain.asl.json", compact(machines.chain(10_000)))
        loop4 = write(directory, "loop4000.asl.json", compact(machines.loop(4_000)))
        loop8 = write(directory, "loop8000.asl.json", compact(machines.loop(8_000)))
        choices = write(directory, "choices.asl.json", compact(machines.choices(5_000, 20)))
        short = write(directory, "short.asl.yaml", machines.long_name(1_000))
        long = write(directory, "long.asl.yaml", machines.long_name(100_000))
        dense = write(directory, "dense.asl.json", compact(dense_loop(3_000)))

        floor, _ = best_time(binary, ["estimate", chain])
        print(f"floor: estimate of a 10,000-state chain: {floor:.2f} s")
        results = []

        def check(label, value, limit, note=""):
            verdict = "ok" if value <= limit else "TOO SLOW"
            results.append(value <= limit)
            print(f"{label:62} {value:6.2f} (limit {limit}) {verdict} {note}")

        t, _ = best_time(binary, ["estimate", loop4])
        check("loop of 4,000 Choice states, estimate / floor", t / floor, 2.0)
        t, _ = best_time(binary, ["estimate", loop8])
        check("loop of 8,000 Choice states (under 1 MB), estimate / floor", t / floor, 4.0)
        t, _ = best_time(binary, ["profile", loop8])
        check("loop of 8,000 Choice states, profile / floor", t / floor, 4.0)
        estimate, _ = best_time(binary, ["estimate", choices], runs=1)
        profile, _ = best_time(binary, ["profile", choices], runs=1)
        check("5,000 Choice states x 20 rules, profile / estimate", profile / estimate, 1.5)
        t_short, _ = best_time(binary, ["explain", short])
        for command in (["estimate"], ["explain"], ["estimate", "--format", "markdown"]):
            t_long, _ = best_time(binary, command + [long])
            check(f"state name of 100,000 vs 1,000 characters, {' '.join(command)}", t_long / max(t_short, 0.01), 5.0)
        t, output = best_time(binary, ["estimate", dense, "--fail-on", "never"], runs=1)
        refused = "SFN171" in output
        check("dense loop of 3,000 states (refused with SFN171), estimate / floor", t / floor, 15.0,
              "refused" if refused else "NOT REFUSED")
        results.append(refused)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
