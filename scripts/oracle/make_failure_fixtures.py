#!/usr/bin/env python3
"""Builds Tests/SFNCostKitTests/Fixtures/oracle/failure-cases.json: histories of failures inside Map and
Parallel states run by the oracle (moto 5.2.1's Step Functions interpreter, run_oracle.py), for
FailureOracleTests.swift. The definitions mirror LocalStack snapshots recorded against AWS (named per case).

Regenerate (needs Python 3.11 and moto 5.2.1; about 30 s, Retry back-off sleeps for real):

    python3 scripts/oracle/make_failure_fixtures.py --oracle PATH/run_oracle.py

Each case records the command, the status and the history's event types. `profile` is the sfncost
profile that makes sfncost follow the same path; `known_difference` says where moto departs from AWS.
"""
import argparse, json, os, subprocess, sys, tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(REPO, "Tests", "SFNCostKitTests", "Fixtures", "oracle", "failure-cases.json")

CASES = [
    {"name": "map-retry-multiple-retriers",
     "aws": "LS scenarios/test_base_scenarios test_map_state_retry_multiple_retriers (22 events)",
     "definition": {"StartAt": "StartState", "States": {
         "StartState": {"Type": "Pass", "Result": [1], "ResultPath": "$.arr", "Next": "MapState"},
         "MapState": {"Type": "Map", "ResultPath": None, "InputPath": "$.arr", "MaxConcurrency": 1,
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "HandleItemFail",
                                        "States": {"HandleItemFail": {"Type": "Fail", "Error": "HandleItemFailError", "Cause": "c"}}},
                      "Retry": [{"ErrorEquals": ["NoSuchError"], "MaxAttempts": 1},
                                {"ErrorEquals": ["State.ALL"], "MaxAttempts": 2},
                                {"ErrorEquals": ["HandleItemFailError"], "MaxAttempts": 3}],
                      "Next": "Final"},
         "Final": {"Type": "Pass", "End": True}}},
     "profile": "version: 1\nstate_machines:\n  test:\n    states:\n      MapState: {items: 1}\n"},
    {"name": "map-empty-fail-caught-by-states-all",
     "aws": "LS test_map_state_catch_empty_fail with a real States.ALL catcher (AWS recorded the misspelt one: 10 events)",
     "definition": {"StartAt": "StartState", "States": {
         "StartState": {"Type": "Pass", "Result": [1], "ResultPath": "$.arr", "Next": "MapState"},
         "MapState": {"Type": "Map", "ResultPath": None, "InputPath": "$.arr", "MaxConcurrency": 1,
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "HandleItemFail",
                                        "States": {"HandleItemFail": {"Type": "Fail"}}},
                      "Catch": [{"ErrorEquals": ["Internal Error"], "Next": "CaughtInternalError"},
                                {"ErrorEquals": ["States.ALL"], "Next": "CaughtStatesALL"}],
                      "Next": "CaughtNone"},
         "CaughtInternalError": {"Type": "Pass", "End": True},
         "CaughtStatesALL": {"Type": "Pass", "End": True},
         "CaughtNone": {"Type": "Pass", "End": True}}},
     "profile": "version: 1\nstate_machines:\n  test:\n    states:\n      MapState: {items: 1}\n"},
    {"name": "parallel-retry-matches-branch-error",
     "aws": "none recorded; follows the rule of test_map_state_retry_multiple_retriers",
     "definition": {"StartAt": "P", "States": {
         "P": {"Type": "Parallel", "Next": "Done",
               "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Boom"}}}],
               "Retry": [{"ErrorEquals": ["Other"], "MaxAttempts": 5}, {"ErrorEquals": ["Boom"], "MaxAttempts": 1}],
               "Catch": [{"ErrorEquals": ["Other"], "Next": "Done"}, {"ErrorEquals": ["Boom"], "Next": "Handled"}]},
         "Handled": {"Type": "Pass", "End": True},
         "Done": {"Type": "Pass", "End": True}}},
     "profile": "version: 1\nstate_machines:\n  test: {}\n"},
    {"name": "parallel-task-fails-with-retry",
     "aws": "LS states_variables/test_error_output test_parallel_catch_error[PARALLEL_CATCH_ERROR_OUTPUT_WITH_RETRY] (19 events)",
     "definition": {"StartAt": "ParallelState", "States": {
         "ParallelState": {"Type": "Parallel", "Next": "Finish",
                           "Branches": [{"StartAt": "ExecuteLambdaTask", "States": {
                               "ExecuteLambdaTask": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True}}}],
                           "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback"}]},
         "Fallback": {"Type": "Pass", "End": True},
         "Finish": {"Type": "Pass", "End": True}}},
     "mock": {"ExecuteLambdaTask": [{"Throw": {"Error": "Exception", "Cause": "c"}}]},
     "profile": "version: 1\nstate_machines:\n  test:\n    states:\n      ExecuteLambdaTask: {failure_rate: 1, error: Exception}\n",
     "known_difference": "moto writes no TaskStateAborted for the failed Task (AWS does: one per attempt, 19 events)",
     "aws_extra_events": 2},
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", required=True)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            path = os.path.join(tmp, case["name"] + ".json")
            with open(path, "w") as f:
                json.dump(case["definition"], f)
            command = ["python3", args.oracle, path, "--history"]
            shown = ["python3", "run_oracle.py", case["name"] + ".json", "--history"]
            if "mock" in case:
                mock = os.path.join(tmp, case["name"] + ".mock.json")
                with open(mock, "w") as f:
                    json.dump(case["mock"], f)
                command += ["--mock-tasks", mock]
                shown += ["--mock-tasks", case["name"] + ".mock.json"]
            run = subprocess.run(command, capture_output=True, text=True, timeout=300)
            out = json.loads(run.stdout)
            history = [e["type"] for e in out.get("events", [])]
            entry = {k: v for k, v in case.items() if k != "mock"}
            entry.update({"command": " ".join(shown), "mock": case.get("mock"), "status": out["status"],
                          "events": history, "state_entries": out.get("state_entries")})
            results.append(entry)
            print(case["name"], out["status"], len(history), file=sys.stderr)
    with open(OUT, "w") as f:
        json.dump({"oracle": "moto 5.2.1 (run_oracle.py)", "cases": results}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
