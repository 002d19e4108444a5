#!/usr/bin/env bash
# Checks that two sfncost binaries print the same bytes on stdout and stderr and exit with the same
# code, for a change that must not change any output (a faster reader, less memory, a quicker start):
#
#   scripts/bench/same-output.sh OLD_BINARY NEW_BINARY
#
# e.g. build the branch point into another directory, then
#   scripts/bench/same-output.sh /tmp/base/.build/release/sfncost .build/release/sfncost
#
# What is run with both binaries, from the repository root (so the paths in the output match):
# - every JSON, YAML and Terraform file of Tests/Corpus and examples/: `estimate` as table, json,
#   markdown and sarif, `explain` (default, table and json), `profile`;
# - Tests/Corpus and examples/ as a whole (totals, shared Express tiers, name clashes), `profile` of
#   the corpus;
# - each example with its profile: `estimate` in every format, with a region and the free tier, a
#   budget, --fail-on warning; `explain` of the directory and of each definition;
# - 44 broken and unusual YAML inputs written here (syntax errors, duplicate keys, aliases, merge
#   keys, tags, complex keys, a second document, control characters, deep nesting, an alias bomb),
#   one by one and as a directory;
# - --version, --help, -h and `help` of every command, `pricing list/show`, `rules`, usage errors.
# A command line listed twice is run once. Prints each difference (the first lines of a unified
# diff of stdout and of stderr + exit code) and exits 1 if there is any, else 0; the last line says
# how many command lines were compared.
set -uo pipefail
cd "$(dirname "$0")/../.."

[ $# -eq 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
for binary in "$1" "$2"; do
    [ -f "$binary" ] && [ -x "$binary" ] || { echo "same-output: $binary is not an executable" >&2; exit 2; }
done
old=$(realpath "$1") new=$(realpath "$2")
# Swift seeds its hash functions per process, so anything that iterates a Dictionary or Set in hash
# order can differ between two runs of the same binary; fix the seed so that only the binaries differ.
export SWIFT_DETERMINISTIC_HASHING=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$SECONDS
compared=0 differences=0 unstable=0
declare -A seen

# run BINARY NAME ARGS...: stdout to $work/NAME.out, stderr then the exit code to $work/NAME.err.
run() {
    local binary=$1 name=$2
    shift 2
    "$binary" "$@" > "$work/$name.out" 2> "$work/$name.err"
    echo "exit $?" >> "$work/$name.err"
}
matches() { cmp -s "$work/$1.out" "$work/new.out" && cmp -s "$work/$1.err" "$work/new.err"; }

# compare ARGS...: runs `sfncost ARGS...` with both binaries and compares what they print.
compare() {
    local key
    key=$(printf '%q ' "$@")
    [ -n "${seen[$key]+x}" ] && return
    seen[$key]=1
    run "$old" old "$@"
    run "$new" new "$@"
    compared=$((compared + 1))
    matches old && return
    # An old binary whose output depends on the hash seed (a sum or a list in a Dictionary's order)
    # is not a difference of the new one when one of its runs with a random seed prints exactly
    # what the new one printed.
    local again
    for again in 1 2 3 4 5 6 7 8; do
        ( unset SWIFT_DETERMINISTIC_HASHING; run "$old" again "$@" )
        if matches again; then
            unstable=$((unstable + 1))
            echo "OLD BINARY UNSTABLE (one of its runs matches the new output): sfncost $key"
            diff "$work/old.out" "$work/new.out" | head -5
            return
        fi
    done
    differences=$((differences + 1))
    echo "DIFFERENT: sfncost $key"
    diff -u --label "old stdout" --label "new stdout" "$work/old.out" "$work/new.out" | head -20
    diff -u --label "old stderr" --label "new stderr" "$work/old.err" "$work/new.err" | head -20
}

# Every file on its own (its errors and notes are then not mixed with others').
mapfile -t files < <(find Tests/Corpus examples -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.tf' \) | sort)
for file in "${files[@]}"; do
    compare estimate "$file" --fail-on never
    for format in json markdown sarif; do
        compare estimate "$file" --format "$format" --fail-on never
    done
    compare explain "$file"
    compare explain "$file" --format table
    compare explain "$file" --format json
    compare profile "$file"
done

# Whole directories: several machines in one report.
for directory in Tests/Corpus examples; do
    for format in table json markdown sarif; do
        compare estimate "$directory" --format "$format" --fail-on never
    done
done
compare estimate Tests/Corpus --fail-on never
compare profile Tests/Corpus

# The examples with their profiles (loops bounded, retries, Maps with item counts: the what-ifs).
compare estimate examples --profile examples/usage.yml
compare estimate examples/ --profile examples/usage.yml
compare estimate examples/ --profile examples/usage.yml --format json
for profile in examples/*/usage.yml examples/usage.yml; do
    [ -f "$profile" ] || continue
    directory=$(dirname "$profile")
    for format in json markdown sarif; do
        compare estimate "$directory" --profile "$profile" --format "$format" --fail-on never
    done
    while IFS= read -r definition; do
        compare explain "$definition" --profile "$profile"
        compare explain "$definition" --profile "$profile" --format json
    done < <(find "$directory" -maxdepth 1 -name '*.asl.*' | sort)
done
for example in examples/*/; do
    [ -f "$example/usage.yml" ] || continue
    for format in table json markdown sarif github codeclimate; do
        compare estimate "$example" --profile "$example/usage.yml" --format "$format"
    done
    compare estimate "$example" --profile "$example/usage.yml" --region eu-west-1 --free-tier
    compare explain "$example" --profile "$example/usage.yml"
    compare explain "$example" --profile "$example/usage.yml" --format json
    compare estimate "$example" --profile "$example/usage.yml" --budget 0.01
    compare estimate "$example" --profile "$example/usage.yml" --fail-on warning
done

# Broken and unusual YAML: the located errors must be the same.
cases="$work/cases"
mkdir -p "$cases"
write() { printf '%b' "$2" > "$cases/$1"; }
machine='StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n'
write ok.asl.yaml "$machine"
write tab-indent.asl.yaml 'StartAt: A\nStates:\n\tA:\n    Type: Pass\n'
write bad-indent.asl.yaml 'StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n'
write unclosed-flow.asl.yaml 'StartAt: A\nStates: {A: {Type: Pass, End: true}\n'
write unclosed-quote.asl.yaml 'StartAt: "A\nStates: {}\n'
write duplicate-state.asl.yaml 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n  A:\n    Type: Succeed\n'
write duplicate-field.asl.yaml 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n    Type: Succeed\n'
write duplicate-quoted.asl.yaml 'StartAt: A\n"StartAt": B\nStates: {}\n'
write duplicate-single-quoted.asl.yaml "StartAt: A\n'StartAt': B\nStates: {}\n"
write duplicate-number.asl.yaml 'a: 0\n"1": x\n1: y\n'
write duplicate-flow.asl.yaml 'StartAt: A\nStates: {A: {Type: Pass, End: true}, A: {Type: Succeed}}\n'
write duplicate-two-keys.asl.yaml 'StartAt: A\nStates:\n  Z: {Type: Succeed}\n  B: {Type: Succeed}\n  Z: {Type: Succeed}\n  B: {Type: Succeed}\n'
write duplicate-thrice.asl.yaml 'x: 1\ny: 2\nx: 3\nx: 4\n'
write duplicate-inner-first.asl.yaml 'StartAt: A\nStartAt: B\nStates:\n  A: {Type: Pass, Type: Succeed}\n'
write duplicate-then-syntax.asl.yaml 'StartAt: A\nStartAt: B\nStates: [\n'
write tagged-keys.asl.yaml "StartAt: A\n!Ref StartAt: B\nStates:\n  A:\n    Type: Pass\n    End: true\n"
write undefined-alias.asl.yaml 'StartAt: *nowhere\nStates: {}\n'
write self-alias.asl.yaml 'a: &x [1, *x]\n'
write aliases.asl.yaml 'StartAt: A\nStates:\n  A: &pass\n    Type: Pass\n    Next: B\n  B: *pass\n  C:\n    Type: Pass\n    End: true\n'
write alias-key.asl.yaml 'keys:\n  - &k StartAt\n*k : A\nStates:\n  A: {Type: Pass, End: true}\n'
write alias-collection-key.asl.yaml 'x: &m {a: 1}\n? *m\n: 2\n'
write merge-key.asl.yaml 'base: &base\n  Type: Pass\n  End: true\nStartAt: A\nStates:\n  A:\n    <<: *base\n    Comment: merged?\n'
write shadowed-anchor.asl.yaml 'one: &a 1\ntwo: &a 2\nthree: *a\nStartAt: A\nStates: {A: {Type: Pass, End: true}}\n'
write complex-key.asl.yaml '? [a, b]\n: 1\nStartAt: A\n'
write complex-key-twice.asl.yaml '? [a]\n: 1\n? [a]\n: 2\n'
write complex-then-syntax.asl.yaml '? {a: 1}\n: 1\nStates: [\n'
write two-documents.asl.yaml "$machine---\nStartAt: B\n"
write document-end.asl.yaml "$machine...\n"
write only-comments.asl.yaml '# nothing here\n'
write only-document-marker.asl.yaml '---\n'
write bell.asl.yaml 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: "x\a"\n    End: true\n'
write escape-char.asl.yaml 'StartAt: A\nComment: \x1b[31m\n'
write nul.asl.yaml 'StartAt: A\x00\n'
write bom.asl.yaml "\xef\xbb\xbf$machine"
write bad-utf8.asl.yaml 'StartAt: \xff\xfe\n'
write tags.asl.yaml 'StartAt: !Ref A\nStates:\n  A:\n    Type: !!str Pass\n    Comment: ! tagged\n    End: true\nX: !GetAtt [A, B]\nY: !Sub {a: 1}\n'
write undefined-tag-handle.asl.yaml 'StartAt: !e!x A\n'
write scalars.asl.yaml 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: [1e5, .5, +1, -0, 0x10, 1_000, yes, No, ~, Null, TRUE, "5", 12e, .inf, 1.0e+3, -.]\n    End: true\n'
write literal.asl.yaml 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Comment: |\n      one\n      two\n    Result: >\n      folded\n    End: true\n'
write deep-flow.asl.yaml "a: $(printf '[%.0s' $(seq 300))$(printf ']%.0s' $(seq 300))\n"
write deep-flow-unicode.asl.yaml "\"é€𝄞\": \"[[\" # ü [\nb: $(printf '{ü: [%.0s' $(seq 150))\n"
write deep-block.asl.yaml "$(for i in $(seq 1 1100); do printf "%*s- \\\\n" $((i * 2)) ''; done)"
write alias-bomb.asl.yaml "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
write template-sub.yaml 'Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Sub |\n        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}\n'
for file in "$cases"/*; do
    compare estimate "$file" --format json --fail-on never
done
compare estimate "$cases" --fail-on never

# Help, version, pricing, rules and usage errors (argument parsing and start-up).
commands=("" estimate explain diff profile calibrate reconcile rules pricing "pricing list" "pricing show" "pricing import" benchmark)
for command in "${commands[@]}"; do
    read -r -a words <<< "$command"
    compare "${words[@]}" --help
    compare "${words[@]}" -h
    compare help "${words[@]}"
done
compare --version
compare
compare pricing list
compare pricing show us-east-1
compare pricing show cn-north-1
compare pricing show nowhere-1
compare rules
compare estimate
compare estimate --format yaml examples/daily-ingest
compare estimate --fail-on sometimes examples/daily-ingest
compare estimate --budget lots examples/daily-ingest
compare estimate --no-such-option examples/daily-ingest
compare estimate examples/no-such-file.json
compare estimate examples/daily-ingest --region mars-1
compare estimate examples/daily-ingest --format=json
compare estimate --format json --format table examples/daily-ingest
compare nosuchcommand

echo "same-output: $compared command lines compared in $((SECONDS - started)) s, $differences different," \
     "$unstable where the old binary itself varies ($old vs $new)"
[ "$differences" -eq 0 ]
