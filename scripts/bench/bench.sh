#!/usr/bin/env bash
# Speed of sfncost as ratios against floors measured in the same run (issue #13), so the figures
# mean something on a busy or a different machine:
#
#   corpus      `sfncost estimate Tests/Corpus` vs libyaml's event parser over the corpus's .json,
#               .yaml and .yml files (yaml-floor.c: parses, builds nothing)
#   two-state   `sfncost estimate` of a 2-state definition vs a C process (yaml-floor) parsing it:
#               the fixed cost of a start; once for the plain release build (Swift runtime and
#               Foundation loaded as shared libraries) and once for the binary the release ships
#               (`--static-swift-stdlib`, as scripts/release.sh builds it), when there is one
#   parallel    wall time vs CPU time of `sfncost estimate Tests/Corpus`: below 1 when both cores work
#   memory, loop  peak memory of a 100,000-state chain, a 4,000-state loop vs a 10,000-state chain
#               (scripts/bench/memory-rows.sh)
#   swift-floor what a Swift program that does nothing costs against the same C process, with each
#               linking: an empty one, and one that links Foundation as sfncost does (Yams needs
#               Foundation itself, not only FoundationEssentials). The part of a start that no
#               change to sfncost's own code can remove.
#
# Each figure is the median of RUNS runs (default 5) of CPU seconds (user + sys) of the whole
# process, as bash's `time` reports it. The corpus and its floor run in alternation, and the corpus
# ratio is the median of the ratios of those pairs (each pair saw the same load). Needs a release build, libyaml-dev (yaml.h, -lyaml) and
# swiftc (for the Swift floors). Both builds, in this order (each recompiles everything):
#
#   swift build -c release --static-swift-stdlib && cp .build/release/sfncost /tmp/sfncost-static
#   swift build -c release
#   SFNCOST_STATIC=/tmp/sfncost-static scripts/bench/bench.sh
#
# SFNCOST=path overrides the plain binary, SFNCOST_STATIC=path names the statically linked one (its
# rows are left out without it); RUNS=n the number of runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

sfncost=${SFNCOST:-.build/release/sfncost}
static=${SFNCOST_STATIC:-}
runs=${RUNS:-5}
[ -x "$sfncost" ] || { echo "bench: no $sfncost; run 'swift build -c release' first" >&2; exit 1; }
[ -z "$static" ] || [ -x "$static" ] || { echo "bench: no $static (SFNCOST_STATIC)" >&2; exit 1; }
# Which is which, from what the loader loads: the plain build needs libswiftCore.so, the shipped one not.
# (ldd's output read whole: `ldd | grep -q` under pipefail fails when grep stops reading early.)
links_runtime() { local libraries; libraries=$(ldd "$1" 2>/dev/null || true); [[ $libraries == *libswiftCore* ]]; }
links_runtime "$sfncost" || echo "bench: note: $sfncost does not load the Swift runtime as a shared library (a --static-swift-stdlib build?)" >&2
[ -z "$static" ] || ! links_runtime "$static" || { echo "bench: $static loads libswiftCore.so: not a --static-swift-stdlib build" >&2; exit 1; }
[ -f /usr/include/yaml.h ] || { echo "bench: libyaml-dev is missing (apt-get install -y libyaml-dev)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/yaml-floor" scripts/bench/yaml-floor.c -lyaml
# The Swift floors: nothing but the runtime's start-up (and Foundation's, linked as sfncost links it).
swift_floors=false
if command -v swiftc >/dev/null; then
    echo 'print("", terminator: "")' > "$work/empty.swift"
    printf '%s\n' 'import Foundation' \
        '// NSString is Foundation itself: linked and loaded as in sfncost, never called.' \
        'if CommandLine.arguments.count > 99 { print(NSString(string: "x").length) }' > "$work/foundation.swift"
    swift_floors=true
    for program in empty foundation; do
        swiftc -O "$work/$program.swift" -o "$work/$program-shared" 2>/dev/null \
            && swiftc -O -static-stdlib "$work/$program.swift" -o "$work/$program-static" 2>/dev/null \
            || { echo "bench: note: swiftc could not build the Swift floors; left out" >&2; swift_floors=false; break; }
    done
fi
printf '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}\n' > "$work/two-state.asl.json"
find Tests/Corpus -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) | sort > "$work/corpus-files"
corpus_files=$(wc -l < "$work/corpus-files")

# Runs the command RUNS times, each time REPS times in a row (short processes take under the 1 ms
# that `time` resolves); prints the medians, per process, of "wall cpu" in seconds.
measure() {
    local reps=$1 times="$work/times" i j
    shift
    : > "$times"
    for ((i = 0; i < runs; i++)); do
        { TIMEFORMAT='%R %U %S'; time for ((j = 0; j < reps; j++)); do "$@" > /dev/null 2>&1 || true; done; } 2>> "$times"
    done
    local wall cpu
    wall=$(awk -v r="$reps" '{print $1 / r}' "$times" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    cpu=$(awk -v r="$reps" '{print ($2 + $3) / r}' "$times" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$wall $cpu"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }

# The corpus against its floor, run in alternation (floor, sfncost, floor, sfncost...) RUNS times, so
# that each pair sees the same load: prints the medians of "floor-cpu wall cpu ratio", where ratio is
# the median of the pairs' own ratios (a burst of load then moves one pair, not the comparison).
measure_pairs() {
    local floor_times="$work/pair-floor" times="$work/pair-times" i
    : > "$floor_times"; : > "$times"
    for ((i = 0; i < runs; i++)); do
        { TIMEFORMAT='%R %U %S'; time "$work/yaml-floor" "${files[@]}" > /dev/null 2>&1 || true; } 2>> "$floor_times"
        { TIMEFORMAT='%R %U %S'; time "$@" > /dev/null 2>&1 || true; } 2>> "$times"
    done
    median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    local floor_cpu wall cpu pair_ratio
    floor_cpu=$(awk '{print $2 + $3}' "$floor_times" | median)
    wall=$(awk '{print $1}' "$times" | median)
    cpu=$(awk '{print $2 + $3}' "$times" | median)
    pair_ratio=$(paste -d' ' "$floor_times" "$times" | awk '{f = $2 + $3; c = $5 + $6; if (f > 0) print c / f}' | median)
    echo "$floor_cpu $wall $cpu $(awk -v r="$pair_ratio" 'BEGIN { printf "%.1f", r }')"
}

# Each floor is measured just before what it is compared with, so both see about the same load.
mapfile -t files < "$work/corpus-files"
read -r floor_cpu corpus_wall corpus_cpu corpus_ratio < <(measure_pairs "$sfncost" estimate Tests/Corpus --format json --fail-on never)
if [ -n "$static" ]; then
    read -r static_floor_cpu _ static_corpus_cpu static_corpus_ratio < <(measure_pairs "$static" estimate Tests/Corpus --format json --fail-on never)
fi
read -r _ c_two_cpu < <(measure 20 "$work/yaml-floor" "$work/two-state.asl.json")
read -r _ two_cpu < <(measure 20 "$sfncost" estimate "$work/two-state.asl.json" --fail-on never)
if [ -n "$static" ]; then
    read -r _ c_two_static_cpu < <(measure 20 "$work/yaml-floor" "$work/two-state.asl.json")
    read -r _ two_static_cpu < <(measure 20 "$static" estimate "$work/two-state.asl.json" --fail-on never)
fi
if $swift_floors; then
    read -r _ c_swift_cpu < <(measure 20 "$work/yaml-floor" "$work/two-state.asl.json")
    for floor in empty-shared empty-static foundation-shared foundation-static; do
        read -r _ "swift_${floor//-/_}_cpu" < <(measure 20 "$work/$floor")
    done
fi

echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binaries: $sfncost (plain release build)${static:+, $static (Swift runtime linked statically)}; medians of $runs runs; CPU = user + sys of the whole process"
printf '%-11s %-62s %9s %9s %7s\n' case "measured vs floor" "CPU s" "floor s" ratio
printf '%-11s %-62s %9s %9s %7s\n' corpus "estimate Tests/Corpus vs libyaml events over its $corpus_files JSON/YAML files" "$corpus_cpu" "$floor_cpu" "$corpus_ratio"
if [ -n "$static" ]; then
    printf '%-11s %-62s %9s %9s %7s\n' corpus "the same, the shipped binary (Swift runtime linked statically)" "$static_corpus_cpu" "$static_floor_cpu" "$static_corpus_ratio"
fi
printf '%-11s %-62s %9s %9s %7s\n' two-state "estimate of a 2-state file vs a C process parsing it" "$two_cpu" "$c_two_cpu" "$(ratio "$two_cpu" "$c_two_cpu")"
if [ -n "$static" ]; then
    printf '%-11s %-62s %9s %9s %7s\n' two-state "the same, the shipped binary (Swift runtime linked statically)" "$two_static_cpu" "$c_two_static_cpu" "$(ratio "$two_static_cpu" "$c_two_static_cpu")"
fi
if $swift_floors; then
    printf '%-11s %-62s %9s %9s %7s\n' swift-floor "empty Swift program, runtime shared vs the C process" "$swift_empty_shared_cpu" "$c_swift_cpu" "$(ratio "$swift_empty_shared_cpu" "$c_swift_cpu")"
    printf '%-11s %-62s %9s %9s %7s\n' swift-floor "empty Swift program, runtime static" "$swift_empty_static_cpu" "$c_swift_cpu" "$(ratio "$swift_empty_static_cpu" "$c_swift_cpu")"
    printf '%-11s %-62s %9s %9s %7s\n' swift-floor "Swift program linking Foundation (unused), shared" "$swift_foundation_shared_cpu" "$c_swift_cpu" "$(ratio "$swift_foundation_shared_cpu" "$c_swift_cpu")"
    printf '%-11s %-62s %9s %9s %7s\n' swift-floor "Swift program linking Foundation (unused), static" "$swift_foundation_static_cpu" "$c_swift_cpu" "$(ratio "$swift_foundation_static_cpu" "$c_swift_cpu")"
fi
printf '%-11s %-62s %9s %9s %7s\n' parallel "wall vs CPU of estimate Tests/Corpus (below 1: several cores)" "$corpus_wall" "$corpus_cpu" "$(ratio "$corpus_wall" "$corpus_cpu")"

# Memory of a 100,000-state chain and a 4,000-state loop's solve (scripts/bench/memory-rows.sh).
source scripts/bench/memory-rows.sh
memory_rows
