#!/usr/bin/env python3
"""Checks action.yml's structure, then writes it as a workflow that actionlint can lint.

actionlint lints workflows, not action metadata (action.yml is not a workflow: no `on`, no `jobs`).
So this script checks what makes a composite action valid (name, description, runs.using, steps
with `shell` beside `run`, every `inputs.X` declared, every output from an existing step, every
script it runs present and executable), and prints an equivalent workflow on stdout: the action's
inputs become `workflow_call` inputs, its steps one job's steps, its outputs the job's outputs.
actionlint then checks the steps' expressions, contexts and the inputs of the actions they use.

Usage: scripts/ci/action-as-workflow.py action.yml > /tmp/action-workflow.yml   (exit 1 on a problem)
"""
import os
import re
import sys

import yaml


def main(path):
    root = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    action = yaml.safe_load(text)
    problems = []

    def problem(message):
        problems.append(f"{path}: {message}")

    for key in ("name", "description", "runs"):
        if not action.get(key):
            problem(f"'{key}' is required")
    allowed = {"name", "author", "description", "inputs", "outputs", "runs", "branding"}
    for key in action:
        if key not in allowed:
            problem(f"unknown top-level key '{key}'")
    inputs = action.get("inputs") or {}
    for name, spec in inputs.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", name):
            problem(f"input '{name}': not a valid input id")
        if not isinstance(spec, dict) or "description" not in spec:
            problem(f"input '{name}': 'description' is required")
    runs = action.get("runs") or {}
    if runs.get("using") != "composite":
        problem("runs.using must be 'composite'")
    steps = runs.get("steps") or []
    if not steps:
        problem("runs.steps is empty")
    ids = set()
    for index, step in enumerate(steps, 1):
        label = f"step {index} ({step.get('name', step.get('id', '?'))})"
        if ("run" in step) == ("uses" in step):
            problem(f"{label}: needs exactly one of 'run' and 'uses'")
        if "run" in step and "shell" not in step:
            problem(f"{label}: a 'run' step of a composite action needs 'shell'")
        if "id" in step:
            ids.add(step["id"])
        for script in re.findall(r"\$GITHUB_ACTION_PATH/([\w./-]+)", str(step.get("run", ""))):
            script_path = os.path.join(root, script)
            if not os.path.isfile(script_path):
                problem(f"{label}: runs {script}, which does not exist")
            elif not os.access(script_path, os.X_OK):
                problem(f"{label}: runs {script}, which is not executable")
    for used in sorted(set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text))):
        if used not in inputs:
            problem(f"'inputs.{used}' is used but not declared")
    for name in inputs:
        if f"inputs.{name}" not in text:
            problem(f"input '{name}' is declared but never used")
    outputs = action.get("outputs") or {}
    for name, spec in outputs.items():
        value = str((spec or {}).get("value", ""))
        if not value:
            problem(f"output '{name}': a composite action's output needs 'value'")
        for step_id in re.findall(r"steps\.([A-Za-z0-9_-]+)\.outputs", value):
            if step_id not in ids:
                problem(f"output '{name}': no step has the id '{step_id}'")

    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    def call_input(spec):
        default = str(spec.get("default", ""))
        # workflow_call defaults take no expression such as ${{ github.token }}.
        return {"description": spec["description"], "type": "string", "required": bool(spec.get("required", False)),
                "default": "" if "${{" in default else default}

    workflow = {
        "name": f"{action['name']} (action.yml's steps, for actionlint)",
        "on": {"workflow_call": {"inputs": {name: call_input(spec) for name, spec in inputs.items()}}},
        "permissions": {"contents": "read"},
        "jobs": {"action": {
            "runs-on": "ubuntu-latest",
            "outputs": {name: spec["value"] for name, spec in outputs.items()},
            "steps": steps,
        }},
    }
    yaml.safe_dump(workflow, sys.stdout, sort_keys=False, width=1000)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "action.yml"))
