#!/usr/bin/env python3
"""Writes docs/pr-comment-sample.md (and .html when cmarkgfm is installed): the pull-request comment
of a made-up change to examples/, so the sample always shows what the tool prints today.

The change, made in a temporary copy: the s3-fanout Map's expected items rise from 200 to 800; a
callback state with a hostile name (Markdown and HTML in it) is added before `Done`; a new machine
`nightly-report` is added. Run after `swift build`:

    python3 scripts/docs/pr_comment_sample.py [path/to/sfncost]
"""
import json, os, pathlib, re, shutil, subprocess, sys, tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = sys.argv[1] if len(sys.argv) > 1 else str(REPO / ".build/debug/sfncost")
HOSTILE = "Approve <img src=x> *now* | @team"


def estimate(folder: pathlib.Path, out: pathlib.Path) -> None:
    run = subprocess.run([BINARY, "estimate", ".", "--profile", "usage.yml", "--format", "json", "--fail-on", "never"],
                         cwd=folder, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"estimate in {folder} failed ({run.returncode}): {run.stderr}")
    out.write_text(run.stdout)


def main() -> None:
    work = pathlib.Path(tempfile.mkdtemp(prefix="sfncost-sample-"))
    base, head = work / "base", work / "head"
    shutil.copytree(REPO / "examples", base, ignore=shutil.ignore_patterns("calibrate"))
    shutil.copytree(base, head)

    profile = (head / "usage.yml").read_text()
    profile = profile.replace("items: {expected: 200, max: 5000}", "items: {expected: 800, max: 5000}")
    profile += "  nightly-report:\n    executions: rate(1 day)\n"
    (head / "usage.yml").write_text(profile)

    path = head / "s3-fanout" / "s3-fanout.asl.json"
    definition = json.loads(path.read_text())
    definition["States"]["ProcessKeys"]["Next"] = HOSTILE
    definition["States"][HOSTILE] = {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                                     "Parameters": {"QueueUrl": "approvals", "MessageBody": {"token.$": "$$.Task.Token"}},
                                     "Next": "Done"}
    path.write_text(json.dumps(definition, indent=2) + "\n")

    (head / "nightly-report").mkdir()
    (head / "nightly-report" / "nightly-report.asl.json").write_text(json.dumps({
        "StartAt": "Query",
        "States": {"Query": {"Type": "Task", "Resource": "arn:aws:states:::athena:startQueryExecution", "TimeoutSeconds": 60, "Next": "Publish"},
                   "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "TimeoutSeconds": 10, "End": True}}}, indent=2) + "\n")

    estimate(base, work / "base.json")
    estimate(head, work / "head.json")
    diff = subprocess.run([BINARY, "diff", "base.json", "head.json", "--format", "markdown", "--max-increase", "10%"],
                          cwd=work, capture_output=True, text=True)
    if diff.returncode not in (0, 1):
        sys.exit(f"diff failed ({diff.returncode}): {diff.stderr}")
    markdown = diff.stdout
    (REPO / "docs" / "pr-comment-sample.md").write_text(markdown)
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options
        body = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
        # GitHub drops raw HTML other than its allow-list; the sample keeps <details>/<summary> as GitHub does.
        html = ("<!doctype html>\n<meta charset=\"utf-8\">\n<title>sfncost pull-request comment (sample)</title>\n"
                "<style>body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:960px;margin:2em auto}"
                "table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px}code{background:#f6f8fa}</style>\n" + body)
        (REPO / "docs" / "pr-comment-sample.html").write_text(html)
    except ImportError:
        print("cmarkgfm is not installed: docs/pr-comment-sample.html left as it was", file=sys.stderr)
    shutil.rmtree(work)
    print(f"docs/pr-comment-sample.md: {len(markdown)} characters (diff exit {diff.returncode})")


if __name__ == "__main__":
    main()
