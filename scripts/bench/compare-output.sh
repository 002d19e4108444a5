#!/usr/bin/env bash
# Checks that two sfncost binaries print the same thing, byte for byte: stdout, stderr and exit code
# of each command below. For a change that must not change results (a faster reader, say):
#
#   scripts/bench/compare-output.sh BASE_BINARY NEW_BINARY
#
# e.g. build the branch point into another directory, then
#   scripts/bench/compare-output.sh /tmp/base/.build/release/sfncost .build/release/sfncost
#
# What is compared: over Tests/Corpus, `estimate` as JSON, SARIF and table; `profile`; `estimate` of
# every YAML file on its own; `explain` of a few YAML definitions and templates; the examples as in
# the README; and a set of broken and unusual YAML inputs written by this script (syntax errors,
# duplicate keys, aliases, merge keys, tags, complex keys, a second document, control characters,
# deep nesting, an alias bomb). Prints each difference (a unified diff, first lines) and exits 1 if
# there is any, 0 if none.
set -uo pipefail
cd "$(dirname "$0")/../.."

[ $# -eq 2 ] || { echo "usage: $0 BASE_BINARY NEW_BINARY" >&2; exit 2; }
base=$(realpath "$1") new=$(realpath "$2")
for binary in "$base" "$new"; do
    [ -x "$binary" ] || { echo "compare-output: $binary is not an executable" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
compared=0 differing=0

# Runs "$@" with each binary (the binary replaces the word SFNCOST) and compares what they print.
check() {
    local label=$1 side binary
    shift
    for side in base new; do
        binary=$base
        [ $side = new ] && binary=$new
        local args=() arg
        for arg in "$@"; do [ "$arg" = SFNCOST ] && args+=("$binary") || args+=("$arg"); done
        "${args[@]}" > "$work/$side.out" 2> "$work/$side.err"
        echo "exit $?" >> "$work/$side.err"
    done
    compared=$((compared + 1))
    if ! cmp -s "$work/base.out" "$work/new.out" || ! cmp -s "$work/base.err" "$work/new.err"; then
        differing=$((differing + 1))
        echo "DIFFERENT: $label"
        diff -u "$work/base.out" "$work/new.out" | head -20
        diff -u "$work/base.err" "$work/new.err" | head -20
    fi
}

# The corpus as a whole.
check "estimate Tests/Corpus json" SFNCOST estimate Tests/Corpus --format json --fail-on never
check "estimate Tests/Corpus sarif" SFNCOST estimate Tests/Corpus --format sarif --fail-on never
check "estimate Tests/Corpus table" SFNCOST estimate Tests/Corpus --fail-on never
check "profile Tests/Corpus" SFNCOST profile Tests/Corpus

# Every YAML file on its own (its errors and notes are then not mixed with others').
while IFS= read -r file; do
    check "estimate $file" SFNCOST estimate "$file" --format json --fail-on never
done < <(find Tests/Corpus -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)

# explain of a few YAML definitions and templates.
while IFS= read -r file; do
    check "explain $file" SFNCOST explain "$file" --format json
done < <( { find Tests/Corpus/asl -type f -name '*.yaml' | sort | head -4
            find Tests/Corpus/templates -type f \( -name '*.yaml' -o -name '*.yml' \) | sort | head -4; } )

# The examples, as the README runs them.
check "estimate examples json" SFNCOST estimate examples/ --profile examples/usage.yml --format json
check "estimate examples table" SFNCOST estimate examples/ --profile examples/usage.yml
check "explain quality-checks" SFNCOST explain examples/quality-checks/quality-checks.asl.yaml --profile examples/quality-checks/usage.yml
check "explain daily-ingest" SFNCOST explain examples/daily-ingest/daily-ingest.asl.json --profile examples/daily-ingest/usage.yml

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
    name=${file##*/}
    check "case $name estimate" SFNCOST estimate "$file" --format json --fail-on never
done
check "cases directory" SFNCOST estimate "$cases" --fail-on never

echo "compare-output: $compared commands compared, $differing different"
[ "$differing" -eq 0 ]
