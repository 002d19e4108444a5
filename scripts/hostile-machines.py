#!/usr/bin/env python3
"""Writes hostile but valid state machines for the speed checks (scripts/hostile-bench.sh).

  hostile-machines.py choices N RULES     a chain of N Choice states, each with RULES rules
  hostile-machines.py loop N              one loop of N Choice states (each may go on or back to
                                          the first), leaving at the last: the expected-visits solve
  hostile-machines.py chain N             N Pass states in a chain (the linear floor)
  hostile-machines.py long-name N         a machine with a state name of N characters (YAML, explicit key)

The definition is written to stdout. Deterministic: no randomness.
"""
import json
import sys


def choices(n, rules):
    states = {}
    for i in range(n):
        target = f"C{i + 1}" if i + 1 < n else "Done"
        states[f"C{i}"] = {
            "Type": "Choice",
            "Choices": [{"Variable": "$.x", "NumericEquals": r, "Next": target} for r in range(rules)],
            "Default": target,
        }
    states["Done"] = {"Type": "Succeed"}
    return {"StartAt": "C0", "States": states}


def loop(n):
    # Each state goes on to the next, or back to the first (a retry loop of a long pipeline).
    states = {}
    for i in range(n):
        on = f"L{i + 1}" if i + 1 < n else "Done"
        states[f"L{i}"] = {
            "Type": "Choice",
            "Choices": [{"Variable": "$.again", "BooleanEquals": True, "Next": "L0"}],
            "Default": on,
        }
    states["Done"] = {"Type": "Succeed"}
    return {"StartAt": "L0", "States": states}


def chain(n):
    states = {f"P{i}": {"Type": "Pass", "Next": f"P{i + 1}"} for i in range(n - 1)}
    states[f"P{n - 1}"] = {"Type": "Pass", "End": True}
    return {"StartAt": "P0", "States": states}


def long_name(n):
    name = "S" * n
    return f"StartAt: {name}\nStates:\n  ? {name}\n  : {{Type: Pass, Next: B}}\n  B: {{Type: Pass, End: true}}\n"


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    if kind == "choices":
        print(json.dumps(choices(n, int(sys.argv[3])), separators=(",", ":")))
    elif kind == "loop":
        print(json.dumps(loop(n), separators=(",", ":")))
    elif kind == "chain":
        print(json.dumps(chain(n), separators=(",", ":")))
    elif kind == "long-name":
        print(long_name(n), end="")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
