#!/usr/bin/env bash
# Speed of sfncost as ratios against floors measured in the same run (issue #13), so the figures
# mean something on a busy or a different machine:
#
#   corpus      `sfncost estimate Tests/Corpus` vs libyaml's event parser over the corpus's .json,
#               .yaml and .yml files (yaml-floor.c: parses, builds nothing)
#   two-state   `sfncost estimate` of a 2-state definition vs a C process (yaml-floor) parsing it:
#               the fixed cost of a start
#   parallel    wall time vs CPU time of `sfncost estimate Tests/Corpus`: below 1 when both cores work
#   memory, loop  peak memory of a 100,000-state chain, a 4,000-state loop vs a 10,000-state chain
#               (scripts/bench/memory-rows.sh)
#
# Each figure is the median of RUNS runs (default 5) of CPU seconds (user + sys) of the whole
# process, as bash's `time` reports it. Needs a release build and libyaml-dev (yaml.h, -lyaml):
#
#   swift build -c release && scripts/bench/bench.sh
#
# SFNCOST=path overrides the binary; RUNS=n the number of runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

sfncost=${SFNCOST:-.build/release/sfncost}
runs=${RUNS:-5}
[ -x "$sfncost" ] || { echo "bench: no $sfncost; run 'swift build -c release' first" >&2; exit 1; }
[ -f /usr/include/yaml.h ] || { echo "bench: libyaml-dev is missing (apt-get install -y libyaml-dev)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/yaml-floor" scripts/bench/yaml-floor.c -lyaml
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

# Each floor is measured just before what it is compared with, so both see about the same load.
mapfile -t files < "$work/corpus-files"
read -r _ floor_cpu < <(measure 1 "$work/yaml-floor" "${files[@]}")
read -r corpus_wall corpus_cpu < <(measure 1 "$sfncost" estimate Tests/Corpus --format json --fail-on never)
read -r _ c_two_cpu < <(measure 20 "$work/yaml-floor" "$work/two-state.asl.json")
read -r _ two_cpu < <(measure 20 "$sfncost" estimate "$work/two-state.asl.json" --fail-on never)

echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $sfncost; medians of $runs runs; CPU = user + sys of the whole process"
printf '%-10s %-62s %9s %9s %7s\n' case "measured vs floor" "CPU s" "floor s" ratio
printf '%-10s %-62s %9s %9s %7s\n' corpus "estimate Tests/Corpus vs libyaml events over its $corpus_files JSON/YAML files" "$corpus_cpu" "$floor_cpu" "$(ratio "$corpus_cpu" "$floor_cpu")"
printf '%-10s %-62s %9s %9s %7s\n' two-state "estimate of a 2-state file vs a C process parsing it" "$two_cpu" "$c_two_cpu" "$(ratio "$two_cpu" "$c_two_cpu")"
printf '%-10s %-62s %9s %9s %7s\n' parallel "wall vs CPU of estimate Tests/Corpus (below 1: several cores)" "$corpus_wall" "$corpus_cpu" "$(ratio "$corpus_wall" "$corpus_cpu")"

# Memory of a 100,000-state chain and a 4,000-state loop's solve (scripts/bench/memory-rows.sh).
source scripts/bench/memory-rows.sh
memory_rows
