#!/usr/bin/env bash
# Checks that two sfncost binaries print the same bytes (stdout, stderr) and exit with the same code
# on every file of Tests/Corpus and examples/, for the commands a start-up change could alter:
#
#   estimate FILE (table), --format json, --format markdown, explain FILE, profile FILE, for each file;
#   estimate and explain of each example with its profile, in every format; the whole corpus at once;
#   --version, --help and `help` of every command and subcommand, `pricing list` and `pricing show`,
#   `rules`, and a few usage errors (unknown option, bad value, missing path).
#
# Usage: scripts/bench/same-output.sh OLD_BINARY NEW_BINARY
# Prints each difference (the command, then `cmp`'s line) and exits 1 if there is any.
set -uo pipefail
cd "$(dirname "$0")/../.."

[ $# -eq 2 ] && [ -x "$1" ] && [ -x "$2" ] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
# Swift seeds its hash functions per process, so anything that iterates a Dictionary or Set in
# hash order can differ between two runs of the same binary; fix the seed so that only the binaries differ.
export SWIFT_DETERMINISTIC_HASHING=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
compared=0
differences=0

# Runs one command line with both binaries (in the repository, so relative paths stay the same)
# and compares stdout, stderr and the exit code.
same() {
    "$old" "$@" > "$work/old.out" 2> "$work/old.err"
    echo "exit $?" >> "$work/old.err"
    "$new" "$@" > "$work/new.out" 2> "$work/new.err"
    echo "exit $?" >> "$work/new.err"
    compared=$((compared + 1))
    local stream
    for stream in out err; do
        if ! cmp -s "$work/old.$stream" "$work/new.$stream"; then
            differences=$((differences + 1))
            echo "differs (std$stream): sfncost $*"
            cmp "$work/old.$stream" "$work/new.$stream" | head -1
        fi
    done
}

mapfile -t files < <(find Tests/Corpus examples -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.tf' \) | sort)
for file in "${files[@]}"; do
    same estimate "$file" --fail-on never
    same estimate "$file" --format json --fail-on never
    same estimate "$file" --format markdown --fail-on never
    same explain "$file"
    same profile "$file"
done
for example in examples/*/; do
    name=$(basename "$example")
    [ -f "$example/usage.yml" ] || continue
    for format in table json markdown sarif github codeclimate; do
        same estimate "$example" --profile "$example/usage.yml" --format "$format"
    done
    same estimate "$example" --profile "$example/usage.yml" --region eu-west-1 --free-tier
    same explain "$example" --profile "$example/usage.yml"
    same explain "$example" --profile "$example/usage.yml" --format json
    same estimate "$example" --profile "$example/usage.yml" --budget 0.01
    same estimate "$example" --profile "$example/usage.yml" --fail-on warning
done
same estimate Tests/Corpus --format json --fail-on never
same estimate examples --profile examples/usage.yml

commands=("" estimate explain diff profile calibrate reconcile rules pricing "pricing list" "pricing show" "pricing import" benchmark)
for command in "${commands[@]}"; do
    read -r -a words <<< "$command"
    same "${words[@]}" --help
    same "${words[@]}" -h
    same help "${words[@]}"
done
same --version
same
same pricing list
same pricing show us-east-1
same pricing show cn-north-1
same pricing show nowhere-1
same rules
same estimate
same estimate --format yaml examples/daily-ingest
same estimate --fail-on sometimes examples/daily-ingest
same estimate --budget lots examples/daily-ingest
same estimate --no-such-option examples/daily-ingest
same estimate examples/no-such-file.json
same estimate examples/daily-ingest --region mars-1
same estimate examples/daily-ingest --format=json
same estimate --format json --format table examples/daily-ingest
same nosuchcommand

echo "same-output: $compared command lines compared, $differences difference(s) ($old vs $new)"
[ "$differences" -eq 0 ]
