#!/usr/bin/env bash
# The GitHub Action's last step: fails the job when run.sh found a gate failure (exit 1) or bad
# input (exit 2), after the comment and the SARIF upload have been done. Each reason becomes an
# error annotation.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

work=$(sfncost_work)
[[ -f "$work/gate-status" ]] || { annotate error "sfncost: the analysis step did not finish (no $work/gate-status)"; exit 2; }
status=$(<"$work/gate-status")
if [[ $status != 0 ]]; then
    while IFS= read -r reason; do annotate error "$reason"; done <"$work/gate-reasons"
fi
exit "$status"
