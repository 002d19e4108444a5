#!/usr/bin/env bash
# The GitHub Action's analysis step (action.yml runs it; scripts/action/test-action.sh runs it
# locally). It never fails the step: it writes what it found, and the verdict for gate.sh, which
# runs last, after the comment and the uploads.
#
# In  (environment): INPUT_PATHS (one per line; default "."), INPUT_PROFILE, INPUT_REGION,
#     INPUT_BUDGET, INPUT_MAX_INCREASE, INPUT_FAIL_ON (default error), INPUT_SARIF (true/false);
#     PR_BASE_SHA (empty outside a pull request); SFNCOST (the binary; default: sfncost on PATH);
#     SFNCOST_WORK (where the files go; default $RUNNER_TEMP/sfncost-action).
# Out (files in SFNCOST_WORK): head.json (the pull request's report), comment.md (the comment, with
#     the hidden marker), sfncost.sarif (when INPUT_SARIF is true), gate-status (0, 1 or 2) and
#     gate-reasons (one line each); the comment's text is appended to the job summary; step outputs
#     report, comment-file, sarif-file, gate.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

sfncost=${SFNCOST:-sfncost}
work=$(sfncost_work)
marker='<!-- sfncost -->'
rm -f "$work"/{head.json,head.md,base.json,diff.md,comment.md,sfncost.sarif,gate-status,gate-reasons,*.err}
: >"$work/gate-reasons"
status=0            # the verdict: 0 passed, 1 a gate failed, 2 bad input
notes=()            # Markdown lines said under the result (what was compared, what was skipped)

if ! command -v "$sfncost" >/dev/null; then
    echo "sfncost: error: no sfncost binary at '$sfncost' (did the install step run?)" >"$work/gate-reasons"
    echo 2 >"$work/gate-status"
    annotate error "sfncost: no sfncost binary at '$sfncost'"
    exit 0
fi

# One path per line; blank lines and surrounding spaces ignored.
paths=()
while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"
    [[ -n $line ]] && paths+=("$line")
done <<<"${INPUT_PATHS:-.}"
[[ ${#paths[@]} -gt 0 ]] || paths=(.)
options=()
[[ -n ${INPUT_PROFILE:-} ]] && options+=(--profile "$INPUT_PROFILE")
[[ -n ${INPUT_REGION:-} ]] && options+=(--region "$INPUT_REGION")
fail_on=${INPUT_FAIL_ON:-error}

# Runs sfncost with stdout to $1 and stderr to $1.err, then to the log; returns sfncost's status.
run() {
    local out=$1 code; shift
    "$sfncost" "$@" >"$out" 2>"$out.err"
    code=$?
    cat "$out.err" >&2
    return $code
}

# A gate failure (1) or bad input (2): the reasons are sfncost's own one-line messages.
fail() {
    local code=$1 file=$2
    grep -E '^sfncost: (failing|error|.*: error:)' "$file" >>"$work/gate-reasons" \
        || grep -m 1 . "$file" >>"$work/gate-reasons" \
        || echo "sfncost exited $code" >>"$work/gate-reasons"
    if (( code > status )); then status=$code; fi
}

# 1. The pull request: the JSON report (for the diff), the Markdown estimate, annotations and the gate.
run "$work/head.json" estimate "${paths[@]}" "${options[@]}" --format json --fail-on never
head_status=$?
run "$work/head.md" estimate "${paths[@]}" "${options[@]}" --format markdown --fail-on never
if (( head_status == 2 )); then
    fail 2 "$work/head.json.err"
else
    # Annotations on the pull request's files; the exit status is the findings and budget gate.
    gate=(estimate "${paths[@]}" "${options[@]}" --format github --fail-on "$fail_on")
    [[ -n ${INPUT_BUDGET:-} ]] && gate+=(--budget "$INPUT_BUDGET")
    "$sfncost" "${gate[@]}" 2>"$work/gate.err"
    gate_status=$?
    cat "$work/gate.err" >&2
    (( gate_status == 0 )) || fail "$gate_status" "$work/gate.err"
fi
if [[ ${INPUT_SARIF:-false} == true ]]; then
    # Written even when an input fails: code scanning then shows the error in its notifications.
    run "$work/sfncost.sarif" estimate "${paths[@]}" "${options[@]}" --format sarif --fail-on never
    output sarif-file "$work/sfncost.sarif"
fi

# 2. The base of the pull request, in its own worktree, with the same relative paths.
compared=false
base_sha=${PR_BASE_SHA:-}
if [[ -n $base_sha && $head_status != 2 ]]; then
    base_dir="$work/base"
    git worktree remove --force "$base_dir" >/dev/null 2>&1 || rm -rf "$base_dir"
    if ! git cat-file -e "$base_sha^{commit}" 2>/dev/null; then
        # A shallow checkout (fetch-depth 1) has only the merge commit: fetch the base alone.
        git fetch --no-tags --depth=1 origin "$base_sha" >&2 || true
    fi
    absolute=false
    for path in "${paths[@]}" ${INPUT_PROFILE:+"$INPUT_PROFILE"}; do [[ $path == /* ]] && absolute=true; done
    if $absolute; then
        notes+=("Not compared with the base: the paths must be relative to the repository to be found in the base commit.")
    elif ! git worktree add --detach "$base_dir" "$base_sha" >&2; then
        notes+=("Not compared with the base: its commit \`${base_sha:0:12}\` could not be checked out (fetch it, or use \`fetch-depth: 0\` in actions/checkout).")
    else
        trap 'git worktree remove --force "$base_dir" >/dev/null 2>&1 || true' EXIT
        base_paths=()
        for path in "${paths[@]}"; do [[ -e "$base_dir/$path" ]] && base_paths+=("$path"); done
        base_options=()
        [[ -n ${INPUT_REGION:-} ]] && base_options+=(--region "$INPUT_REGION")
        if [[ -n ${INPUT_PROFILE:-} ]]; then
            if [[ -f "$base_dir/$INPUT_PROFILE" ]]; then
                base_options+=(--profile "$INPUT_PROFILE")
            else
                base_options+=(--profile "$PWD/$INPUT_PROFILE")
                notes+=("The base commit has no \`$(markdown_escape <<<"$INPUT_PROFILE")\`: the pull request's profile is used for both.")
            fi
        fi
        if [[ ${#base_paths[@]} -eq 0 ]]; then
            notes+=("No base to compare with: the base commit has none of the paths (this pull request adds them).")
        else
            (cd "$base_dir" && "$sfncost" estimate "${base_paths[@]}" "${base_options[@]}" --format json --fail-on never) \
                >"$work/base.json" 2>"$work/base.json.err"
            if [[ $? == 2 ]]; then
                notes+=("Not compared with the base: the base commit could not be analysed (bad input there; see the job log).")
                cat "$work/base.json.err" >&2
            else
                diff=(diff "$work/base.json" "$work/head.json" --format markdown)
                [[ -n ${INPUT_MAX_INCREASE:-} ]] && diff+=(--max-increase "$INPUT_MAX_INCREASE")
                run "$work/diff.md" "${diff[@]}"
                diff_status=$?
                if (( diff_status == 0 || diff_status == 1 )); then compared=true; fi
                (( diff_status == 0 )) || fail "$diff_status" "$work/diff.md.err"
                notes+=("Compared with the base commit \`${base_sha:0:12}\`.")
            fi
        fi
    fi
elif [[ -z $base_sha ]]; then
    notes+=("Not a pull request: no base to compare with.")
fi

# 3. The comment: the cost change (or the estimate), the verdict, the notes, the full estimate.
{
    echo "$marker"
    # sfncost's own Markdown starts with the same marker: one is enough to find the comment by.
    if $compared; then grep -v -x -F "$marker" "$work/diff.md"; elif [[ -s "$work/head.md" ]]; then grep -v -x -F "$marker" "$work/head.md"; fi
    if (( head_status == 2 )) && [[ ! -s "$work/head.md" ]]; then echo "### Monthly Step Functions cost: not known (the input could not be read)"; fi
    echo
    gates="\`--fail-on $fail_on\`${INPUT_BUDGET:+, \`--budget $INPUT_BUDGET\`}${INPUT_MAX_INCREASE:+, \`--max-increase $INPUT_MAX_INCREASE\`}"
    case $status in
        0) echo "**Gate: passed** ($gates)." ;;
        1) echo "**Gate: failed** ($gates):" ;;
        *) echo "**Gate: failed**: sfncost could not read its input:" ;;
    esac
    if (( status != 0 )); then
        echo
        markdown_escape <"$work/gate-reasons" | sed 's/^sfncost: //; s/^/- /'
    fi
    if [[ ${#notes[@]} -gt 0 ]]; then echo; printf '%s\n' "${notes[@]}"; fi
    if $compared && [[ -s "$work/head.md" ]]; then
        printf '\n<details><summary>Estimate of this pull request</summary>\n\n'
        # Without its marker: the comment has one already.
        grep -v -x -F "$marker" "$work/head.md"
        printf '\n</details>\n'
    fi
} >"$work/comment.md"

# GitHub refuses comments over 65,536 characters; the job summary takes up to 1 MiB.
summary <"$work/comment.md"
if (( $(wc -c <"$work/comment.md") > 60000 )); then
    # Cut at a line, so no character and no table row is split.
    { LC_ALL=C awk '{ bytes += length($0) + 1; if (bytes > 58000) exit; print }' "$work/comment.md"
      printf '\n\n… (cut: the whole text is in the job summary)\n'; } >"$work/comment.cut"
    mv "$work/comment.cut" "$work/comment.md"
fi

echo "$status" >"$work/gate-status"
output report "$work/head.json"
output comment-file "$work/comment.md"
output gate "$( (( status == 0 )) && echo passed || echo failed)"
exit 0
