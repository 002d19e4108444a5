# shellcheck shell=bash
# Shared by the GitHub Action's scripts (sourced, not run).

# The folder the scripts share their files in: the reports, the comment, the gate's verdict.
sfncost_work() {
    local work=${SFNCOST_WORK:-${RUNNER_TEMP:-/tmp}/sfncost-action}
    mkdir -p "$work"
    echo "$work"
}

# Text from an input (a state name in an error message, say) made inert in Markdown: HTML's
# special characters become entities and Markdown's are backslash-escaped, so a name can neither
# open a tag or a link nor break a table or the comment's hidden marker.
markdown_escape() {
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/[][\\`*_|~#!]/\\&/g'
}

# Appends Markdown to the job summary when there is one (GitHub sets GITHUB_STEP_SUMMARY).
summary() {
    if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then cat >>"$GITHUB_STEP_SUMMARY"; else cat >/dev/null; fi
}

# Sets a step output when there is a place for it (GitHub sets GITHUB_OUTPUT).
output() {
    if [[ -n ${GITHUB_OUTPUT:-} ]]; then echo "$1=$2" >>"$GITHUB_OUTPUT"; fi
}

# A workflow command (`::warning::…`): % and newlines escaped as GitHub's toolkit does.
annotate() {
    local level=$1 message=$2
    message=${message//'%'/'%25'}
    message=${message//$'\r'/'%0D'}
    message=${message//$'\n'/'%0A'}
    echo "::$level::$message"
}
