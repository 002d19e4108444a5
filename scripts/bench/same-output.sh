#!/usr/bin/env bash
# Checks that two sfncost binaries print byte-identical output (stdout, stderr and exit status) over
# the whole test corpus and the examples: `estimate` as json, markdown and sarif, and `explain` as
# table and json, file by file and for whole directories, plus each example with its profile.
# Used to show that a speed or memory change changes no output (issue #13):
#
#   scripts/bench/same-output.sh OLD_BINARY NEW_BINARY
#
# Prints each difference (the first lines of a diff) and exits 1 when there is any; else prints how
# many runs were compared. Paths are passed as the same relative paths to both binaries, from the
# repository root, so file names in the output match.
set -uo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] && [ -x "$1" ] && [ -x "$2" ] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
old=$(realpath "$1") new=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

runs=0 differences=0 unstable=0
# Runs one command line with both binaries and compares what each printed and its exit status.
compare() {
    local label="$*"
    "$old" "$@" > "$work/old.out" 2> "$work/old.err"; echo "exit $?" >> "$work/old.err"
    "$new" "$@" > "$work/new.out" 2> "$work/new.err"; echo "exit $?" >> "$work/new.err"
    runs=$((runs + 1))
    if ! cmp -s "$work/old.out" "$work/new.out" || ! cmp -s "$work/old.err" "$work/new.err"; then
        # An old binary that prints different things from run to run is not a difference of the new
        # one when one of its runs prints exactly what the new one printed.
        local again
        for again in 1 2 3 4 5 6 7 8; do
            "$old" "$@" > "$work/again.out" 2> "$work/again.err"; echo "exit $?" >> "$work/again.err"
            if cmp -s "$work/again.out" "$work/new.out" && cmp -s "$work/again.err" "$work/new.err"; then
                unstable=$((unstable + 1))
                echo "OLD BINARY UNSTABLE (one of its runs matches the new output): sfncost $label"
                diff "$work/old.out" "$work/new.out" | head -5
                return
            fi
        done
        differences=$((differences + 1))
        echo "DIFFERENT: sfncost $label"
        diff "$work/old.out" "$work/new.out" | head -5
        diff "$work/old.err" "$work/new.err" | head -5
    fi
}

mapfile -t files < <(find Tests/Corpus examples -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.tf' \) | sort)
for file in "${files[@]}"; do
    for format in json markdown sarif; do
        compare estimate "$file" --format "$format" --fail-on never
    done
    compare explain "$file" --format table
    compare explain "$file" --format json
done
# Whole directories: several machines in one report (totals, shared Express tiers, name clashes).
for directory in Tests/Corpus examples; do
    for format in json markdown sarif; do
        compare estimate "$directory" --format "$format" --fail-on never
    done
done
# Each example with its own profile (loops bounded, retries, Maps with item counts: the what-ifs).
for profile in examples/*/usage.yml examples/usage.yml; do
    [ -f "$profile" ] || continue
    directory=$(dirname "$profile")
    for format in json markdown sarif; do
        compare estimate "$directory" --profile "$profile" --format "$format" --fail-on never
    done
    while IFS= read -r definition; do
        compare explain "$definition" --profile "$profile" --format json
    done < <(find "$directory" -maxdepth 1 -name '*.asl.*' | sort)
done

echo "compared $runs runs of $old and $new: $differences different, $unstable where the old binary itself varies"
[ "$differences" -eq 0 ]
