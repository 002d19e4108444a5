#!/usr/bin/env bash
# The GitHub Action's comment step: creates the pull request's sfncost comment, or updates it.
# There is never more than one: the comment is found by the hidden marker `<!-- sfncost -->` in
# its body (not by "the last comment", which may be another bot's), then PATCHed; only when no
# comment has the marker is one POSTed. Uses `gh api` (GH_TOKEN must be set).
#
# It never fails the step. Without a pull request there is nothing to comment on. A fork's pull
# request gets a read-only token: the comment is skipped and the job summary says why. Any other
# refusal (HTTP 403: the workflow lacks `permissions: pull-requests: write`) is reported the same
# way, as a warning.
#
# In (environment): PR_NUMBER, PR_HEAD_REPO (owner/name of the pull request's head),
#    GITHUB_REPOSITORY, SFNCOST_WORK (holding comment.md from run.sh).
set -uo pipefail
source "$(dirname "$0")/lib.sh"

work=$(sfncost_work)
marker='<!-- sfncost -->'
body="$work/comment.md"
repository=${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}

skip() {
    annotate warning "sfncost: no pull-request comment: $1"
    printf '\n> [!NOTE]\n> No pull-request comment: %s The result is this summary.\n' "$1" | summary
    output comment "skipped"
    exit 0
}

if [[ -z ${PR_NUMBER:-} ]]; then
    echo "sfncost: not a pull request: no comment" >&2
    output comment "none"
    exit 0
fi
[[ -s $body ]] || skip "run.sh wrote no comment ($body)."
if [[ -n ${PR_HEAD_REPO:-} && $PR_HEAD_REPO != "$repository" ]]; then
    sarif=""
    [[ ${INPUT_SARIF:-false} == true ]] && sarif=" For the same reason SARIF is not uploaded to code scanning."
    skip "this pull request comes from a fork ($(markdown_escape <<<"$PR_HEAD_REPO")), and GitHub gives a fork's workflow a read-only token.$sarif"
fi

# Why a call failed, in words: a 403 is a missing permission, anything else is quoted.
refusal() {
    if grep -qE 'HTTP 403|Resource not accessible' "$1"; then
        echo "the token may not write to this pull request (HTTP 403): a fork's pull request gets a read-only token, and a workflow needs \`permissions: pull-requests: write\`."
    else
        echo "\`gh api\` failed: $(head -n 1 "$1" | markdown_escape)"
    fi
}

errors="$work/gh.err"
if ! ids=$(gh api --paginate "repos/$repository/issues/$PR_NUMBER/comments" \
               --jq ".[] | select(.body | contains(\"$marker\")) | .id" 2>"$errors"); then
    skip "$(refusal "$errors")"
fi
id=$(head -n 1 <<<"$ids")
if [[ -n $id ]]; then
    gh api --method PATCH "repos/$repository/issues/comments/$id" -F "body=@$body" >/dev/null 2>"$errors" \
        || skip "$(refusal "$errors")"
    echo "sfncost: updated comment $id" >&2
    output comment "updated"
else
    gh api --method POST "repos/$repository/issues/$PR_NUMBER/comments" -F "body=@$body" >/dev/null 2>"$errors" \
        || skip "$(refusal "$errors")"
    echo "sfncost: created a comment" >&2
    output comment "created"
fi
