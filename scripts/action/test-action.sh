#!/usr/bin/env bash
# Runs the GitHub Action's scripts (run.sh, comment.sh, gate.sh) locally, in a throw-away git
# repository with a base and a head commit, against a fake `gh` that records its calls and keeps
# the pull request's comments in a JSON file. Checks that:
#   - the first run creates one comment (POST) with the hidden marker, the second updates it (PATCH),
#     and another bot's comment is never touched: never a duplicate;
#   - the cost change against the base is in the comment and the gate fails after the comment;
#   - a 403 on POST (or on listing) degrades to the job summary with the reason, without failing
#     the step; a fork's pull request makes no call at all and says why;
#   - bad input fails the gate with exit 2, and the comment says what is wrong;
#   - install.sh installs a release tarball only when its SHA-256 matches.
#
# Usage: scripts/action/test-action.sh [path/to/sfncost]   (default: SFNCOST, else a debug build)
# Needs bash, git and jq (GitHub's runners have all three).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

sfncost=${1:-${SFNCOST:-}}
if [[ -z $sfncost ]]; then
    (cd "$root" && swift build --product sfncost >&2) || exit 2
    sfncost="$(cd "$root" && swift build --show-bin-path)/sfncost"
fi
[[ -x $sfncost ]] || { echo "test-action: no sfncost binary at $sfncost" >&2; exit 2; }
sfncost=$(cd "$(dirname "$sfncost")" && pwd)/$(basename "$sfncost")   # the steps run in another folder
command -v jq >/dev/null || { echo "test-action: needs jq" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
check() {   # check "what" command…
    local what=$1; shift
    if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}

# The fake gh: `gh api` only, for the three calls comment.sh makes; anything else is an error.
mkdir -p "$scratch/bin"
cat >"$scratch/bin/gh" <<'FAKE'
#!/usr/bin/env bash
printf '%s\n' "$*" >>"$FAKE_GH_STATE/calls"
[[ ${1:-} == api ]] || { echo "fake gh: only 'gh api' is faked: $*" >&2; exit 2; }
shift
method=GET jq_filter="" body="" endpoint=""
while [[ $# -gt 0 ]]; do
    case $1 in
        --method|-X) method=$2; shift 2 ;;
        --paginate) shift ;;
        --jq|-q) jq_filter=$2; shift 2 ;;
        -F|--field)
            [[ $2 == body=@* ]] || { echo "fake gh: unexpected field $2" >&2; exit 2; }
            body=$(cat "${2#body=@}"); shift 2 ;;
        -*) echo "fake gh: unexpected option $1" >&2; exit 2 ;;
        *) endpoint=$1; shift ;;
    esac
done
state="$FAKE_GH_STATE/comments.json"
refuse() { echo "gh: Resource not accessible by integration (HTTP 403)" >&2; exit 1; }
case "$method $endpoint" in
    "GET repos/$FAKE_GH_REPO/issues/$FAKE_GH_PR/comments")
        [[ ${FAKE_GH_REFUSE:-} == list ]] && refuse
        if [[ -n $jq_filter ]]; then jq -r "$jq_filter" "$state"; else cat "$state"; fi ;;
    "POST repos/$FAKE_GH_REPO/issues/$FAKE_GH_PR/comments")
        [[ ${FAKE_GH_REFUSE:-} == post ]] && refuse
        id=$(( $(jq '[(map(.id) | max), 1000] | max' "$state") + 1 ))
        jq --arg body "$body" --argjson id "$id" '. + [{id: $id, body: $body, user: {login: "github-actions[bot]"}}]' \
            "$state" >"$state.new" && mv "$state.new" "$state"
        echo "{\"id\": $id}" ;;
    "PATCH repos/$FAKE_GH_REPO/issues/comments/"*)
        id=${endpoint##*/}
        jq -e --argjson id "$id" 'any(.id == $id)' "$state" >/dev/null || { echo "gh: Not Found (HTTP 404)" >&2; exit 1; }
        jq --arg body "$body" --argjson id "$id" 'map(if .id == $id then .body = $body else . end)' \
            "$state" >"$state.new" && mv "$state.new" "$state"
        echo "{\"id\": $id}" ;;
    *) echo "fake gh: unexpected call: $method $endpoint" >&2; exit 2 ;;
esac
FAKE
chmod +x "$scratch/bin/gh"

# The repository: the base has one machine of one Pass state; the pull request adds a second
# state. At 1,000,000 executions a month and $0.000025 a transition (us-east-1), that is
# 1,000,000 × 1 × 0.000025 = $25.00 before and 1,000,000 × 2 × 0.000025 = $50.00 after: +100%.
repo="$scratch/repo"
mkdir -p "$repo/machines"
git -C "$repo" init -q
cat >"$repo/usage.yml" <<'YAML'
version: 1
state_machines:
  "*":
    executions: 1000000
YAML
echo '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}' >"$repo/machines/pipeline.asl.json"
git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@example.com commit -qm base
base_sha=$(git -C "$repo" rev-parse HEAD)
echo '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}' \
    >"$repo/machines/pipeline.asl.json"
git -C "$repo" -c user.name=t -c user.email=t@example.com commit -qam head

# Runs the action's three steps as action.yml does; sets $gate_status. Extra VAR=value arguments
# are passed to every step.
run_action() {
    rm -rf "$scratch/work"; : >"$scratch/summary"; : >"$scratch/output"
    local common=(PATH="$scratch/bin:$PATH" SFNCOST="$sfncost" SFNCOST_WORK="$scratch/work"
                  GITHUB_STEP_SUMMARY="$scratch/summary" GITHUB_OUTPUT="$scratch/output"
                  GITHUB_REPOSITORY=acme/app FAKE_GH_STATE="$scratch/gh" FAKE_GH_REPO=acme/app FAKE_GH_PR=7
                  INPUT_PATHS=machines INPUT_PROFILE=usage.yml INPUT_MAX_INCREASE=10% INPUT_FAIL_ON=error
                  PR_BASE_SHA="$base_sha" PR_NUMBER=7 PR_HEAD_REPO=acme/app GH_TOKEN=fake "$@")
    (cd "$repo" && env "${common[@]}" "$here/run.sh") >"$scratch/run.log" 2>&1
    (cd "$repo" && env "${common[@]}" "$here/comment.sh") >"$scratch/comment.log" 2>&1
    (cd "$repo" && env "${common[@]}" "$here/gate.sh") >"$scratch/gate.log" 2>&1
    gate_status=$?
}
reset_comments() {
    mkdir -p "$scratch/gh"; : >"$scratch/gh/calls"
    # Another bot's comment is there first; it must never be edited.
    echo '[{"id": 500, "body": "Coverage: 91%", "user": {"login": "coverage-bot[bot]"}}]' >"$scratch/gh/comments.json"
}
comments() { jq 'length' "$scratch/gh/comments.json"; }
ours() { jq '[.[] | select(.body | contains("<!-- sfncost -->"))] | length' "$scratch/gh/comments.json"; }
calls() { grep -c -- "$1" "$scratch/gh/calls"; }
contains() { grep -qF -- "$2" "$1"; }
equals() { [[ "$1" == "$2" ]]; }

echo "# first run: one comment is created"
reset_comments
run_action
check "the comment was created with POST" equals "$(calls '--method POST')" 1
check "nothing was PATCHed" equals "$(calls '--method PATCH')" 0
check "the list was read with --paginate" equals "$(calls '--paginate')" 1
check "two comments: the other bot's and ours" equals "$(comments)" 2
check "exactly one carries the marker" equals "$(ours)" 1
check "the other bot's comment is unchanged" equals "$(jq -r '.[] | select(.id == 500) | .body' "$scratch/gh/comments.json")" "Coverage: 91%"
# The machine's <summary> line is HTML: every $ of the comment is &#36; there (\$ in Markdown text).
check "the comment holds the cost change \$25.00 → \$50.00" contains "$scratch/work/comment.md" '&#36;25.00 → &#36;50.00'
check "the comment says the gate failed" contains "$scratch/work/comment.md" '**Gate: failed**'
check "the comment gives the reason (--max-increase)" contains "$scratch/work/comment.md" 'max-increase'
check "the comment names the base commit" contains "$scratch/work/comment.md" "${base_sha:0:12}"
check "the posted body is comment.md" equals "$(jq -r '.[] | select(.id == 1001) | .body' "$scratch/gh/comments.json")" "$(cat "$scratch/work/comment.md")"
check "the job summary has the comment" contains "$scratch/summary" '&#36;25.00 → &#36;50.00'
check "the gate fails last, with exit 1" equals "$gate_status" 1
check "the gate's reason is an error annotation" contains "$scratch/gate.log" '::error::sfncost: failing (budget): the total monthly cost'
check "it names the limit that failed" contains "$scratch/gate.log" '(--max-increase 10%25)'
check "step output gate=failed" contains "$scratch/output" 'gate=failed'

echo "# second run: the same comment is updated"
run_action INPUT_MAX_INCREASE=150%
check "no second POST" equals "$(calls '--method POST')" 1
check "one PATCH, of our comment" equals "$(calls '--method PATCH repos/acme/app/issues/comments/1001')" 1
check "still two comments, one of them ours" equals "$(comments) $(ours)" "2 1"
check "the comment now says the gate passed" equals "$(jq -r '.[] | select(.id == 1001) | .body | contains("**Gate: passed**")' "$scratch/gh/comments.json")" true
check "the other bot's comment is unchanged" equals "$(jq -r '.[] | select(.id == 500) | .body' "$scratch/gh/comments.json")" "Coverage: 91%"
check "the gate passes (+100% is within 150%)" equals "$gate_status" 0

echo "# third run: still one comment"
run_action INPUT_MAX_INCREASE=150%
check "no POST, a second PATCH" equals "$(calls '--method POST') $(calls '--method PATCH')" "1 2"
check "still one comment of ours" equals "$(ours)" 1

echo "# 403 on POST: the summary says why; the step does not fail"
reset_comments
run_action FAKE_GH_REFUSE=post
check "comment.sh tried to POST once" equals "$(calls '--method POST')" 1
check "no comment of ours was added" equals "$(ours)" 0
check "the summary explains the 403" contains "$scratch/summary" 'HTTP 403'
check "the summary names the permission" contains "$scratch/summary" 'pull-requests: write'
check "a warning annotation says so" contains "$scratch/comment.log" '::warning::sfncost: no pull-request comment'
check "the gate still reports the cost rise (exit 1)" equals "$gate_status" 1

echo "# 403 on listing the comments: nothing is posted blindly"
reset_comments
run_action FAKE_GH_REFUSE=list
check "no POST after a failed listing" equals "$(calls '--method POST')" 0
check "the summary explains the 403" contains "$scratch/summary" 'HTTP 403'

echo "# a fork's pull request: no call at all, the summary says why"
reset_comments
run_action PR_HEAD_REPO=someone/app INPUT_SARIF=true
check "gh was not called" equals "$(wc -l <"$scratch/gh/calls")" 0
check "the summary says it is a fork" contains "$scratch/summary" 'comes from a fork (someone/app)'
check "the summary says SARIF is not uploaded" contains "$scratch/summary" 'SARIF is not uploaded'
check "the SARIF file is written all the same" contains "$scratch/output" "sarif-file=$scratch/work/sfncost.sarif"
check "the SARIF file is SARIF 2.1.0" equals "$(jq -r .version "$scratch/work/sfncost.sarif")" 2.1.0

echo "# not a pull request: the estimate, no comment"
reset_comments
run_action PR_NUMBER= PR_BASE_SHA= INPUT_MAX_INCREASE=
check "gh was not called" equals "$(wc -l <"$scratch/gh/calls")" 0
check "the summary has the estimate" contains "$scratch/summary" 'Monthly Step Functions cost: '
check "the gate passes" equals "$gate_status" 0

echo "# bad input: exit 2 after the comment, which says what is wrong"
reset_comments
echo '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "<!-- sfncost -->"}}}' >"$repo/machines/pipeline.asl.json"
run_action
check "a comment was created" equals "$(ours)" 1
check "the gate fails with exit 2" equals "$gate_status" 2
check "the comment says the input could not be read" contains "$scratch/work/comment.md" 'could not read its input'
check "the comment names the file and line" contains "$scratch/work/comment.md" 'machines/pipeline.asl.json:1:'
check "the name from the input cannot forge the marker" equals "$(grep -c -F '<!-- sfncost -->' "$scratch/work/comment.md")" 1
git -C "$repo" checkout -q -- machines

echo "# the base commit lacks the folder: the first pull request is an estimate, not a diff"
reset_comments
empty_base=$(git -C "$repo" commit-tree "$(git -C "$repo" mktree </dev/null)" -m empty)
run_action PR_BASE_SHA="$empty_base"
check "the comment says there is no base" contains "$scratch/work/comment.md" 'No base to compare with'
check "the comment is the estimate" contains "$scratch/work/comment.md" 'Monthly Step Functions cost: '
check "the gate passes (no findings, nothing to compare)" equals "$gate_status" 0

echo "# install.sh: a release tarball is checked against its SHA-256, then unpacked onto PATH"
name="sfncost-9.9.9-linux-$(uname -m)"
mkdir -p "$scratch/releases/v9.9.9" "$scratch/pack/$name/bin"
printf '#!/bin/sh\necho "9.9.9 (fake)"\n' >"$scratch/pack/$name/bin/sfncost"
chmod +x "$scratch/pack/$name/bin/sfncost"
tar -czf "$scratch/releases/v9.9.9/$name.tar.gz" -C "$scratch/pack" "$name"
(cd "$scratch/releases/v9.9.9" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
install_env=(SFNCOST_VERSION=v9.9.9 RELEASE_BASE_URL="file://$scratch/releases" INSTALL_DIR="$scratch/installed"
             GITHUB_PATH="$scratch/github-path" ACTION_PATH="$root")
: >"$scratch/github-path"
env "${install_env[@]}" "$here/install.sh" >"$scratch/install.log" 2>&1
check "install.sh installs the release" equals "$?" 0
check "the installed binary runs" equals "$("$scratch/installed/sfncost" --version)" "9.9.9 (fake)"
check "its folder is put on PATH" equals "$(cat "$scratch/github-path")" "$scratch/installed"
echo "0000000000000000000000000000000000000000000000000000000000000000  $name.tar.gz" >"$scratch/releases/v9.9.9/$name.tar.gz.sha256"
rm -rf "$scratch/installed"
env "${install_env[@]}" "$here/install.sh" >"$scratch/install.log" 2>&1
check "a wrong SHA-256 fails the install" equals "$?" 1
check "and installs nothing" equals "$([[ -e "$scratch/installed/sfncost" ]] && echo installed || echo none)" none

echo "# a comment over GitHub's 65,536 characters is cut at a line; the summary keeps it all"
cat >"$scratch/bin/big-sfncost" <<'BIG'
#!/usr/bin/env bash
# A stand-in for sfncost whose Markdown estimate is 2,000 table rows (about 150 KB).
case "$*" in
    *"--format markdown"*) for i in $(seq 1 2000); do echo "| machine-$i | STANDARD | 1 | 1 / 1 | \$0.01 | \$0.01 | STANDARD | none |"; done ;;
    *"--format json"*) echo '{}' ;;
esac
BIG
chmod +x "$scratch/bin/big-sfncost"
reset_comments
run_action SFNCOST="$scratch/bin/big-sfncost" PR_BASE_SHA= INPUT_MAX_INCREASE=
check "the comment is under 60,000 bytes" test "$(wc -c <"$scratch/work/comment.md")" -lt 60000
check "it says where the rest is" contains "$scratch/work/comment.md" '(cut: the whole text is in the job summary)'
check "its last row is whole" equals "$(grep '^| machine-' "$scratch/work/comment.md" | tail -n 1 | grep -c ' none |$')" 1
check "the summary has all 2,000 rows" equals "$(grep -c '^| machine-' "$scratch/summary")" 2000
check "the cut comment was posted" equals "$(ours)" 1

echo "# docs/ci/any-ci.sh, the shell recipe for any CI, runs as written"
plain="$scratch/plain"
mkdir -p "$plain/statemachines"
git -C "$plain" init -q
cp "$repo/usage.yml" "$plain/usage.yml"
echo '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}' >"$plain/statemachines/pipeline.asl.json"
git -C "$plain" add -A && git -C "$plain" -c user.name=t -c user.email=t@example.com commit -qm base
echo '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}' \
    >"$plain/statemachines/pipeline.asl.json"
git -C "$plain" -c user.name=t -c user.email=t@example.com commit -qam head
(cd "$plain" && PATH="$(dirname "$sfncost"):$PATH" BASE=HEAD~1 bash "$root/docs/ci/any-ci.sh") >"$scratch/plain.log" 2>&1
check "it fails the +100% rise against --max-increase 10% (exit 1)" equals "$?" 1
check "comment.md has the marker and the cost change" equals "$(head -n 1 "$plain/comment.md") $(grep -c -F '&#36;25.00 → &#36;50.00' "$plain/comment.md")" "<!-- sfncost --> 1"
check "its base worktree is removed" equals "$(git -C "$plain" worktree list | wc -l)" 1

if (( failures > 0 )); then
    echo "test-action: $failures check(s) failed; logs:" >&2
    cat "$scratch/run.log" "$scratch/comment.log" "$scratch/gate.log" >&2
    exit 1
fi
echo "test-action: all checks passed"
