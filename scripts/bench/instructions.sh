#!/usr/bin/env bash
# The same ratios as bench.sh (issue #13), counted in instructions instead of CPU seconds: valgrind's
# callgrind counts every instruction a process executes, the same count for the same binary and
# input whatever else the machine is doing, so these figures hold on a loaded, shared machine where
# CPU seconds swing by a third. (They miss what instructions do not show: cache misses, system
# calls, page faults, the second core. bench.sh's seconds are the issue's measure; these say
# whether a change made the work smaller.)
#
#   corpus      `sfncost estimate Tests/Corpus --format json` vs libyaml's event parser over the
#               corpus's .json, .yaml and .yml files (yaml-floor.c)
#   two-state   `sfncost estimate` of a 2-state file vs the same C program parsing it; for the shipped
#               binary too with SFNCOST_STATIC (see bench.sh). Not the issue's ratio: a C process's
#               cost is mostly the kernel's exec and page faults, which instructions do not count
#               (0.2 M instructions, ~1 ms of CPU); the row tracks sfncost's own start-up work.
#
# Usage: swift build -c release && scripts/bench/instructions.sh
#        SFNCOST=path for another binary; SFNCOST_STATIC=path for the statically linked one.
# Needs valgrind, binutils (objcopy) and libyaml-dev. Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/../.."

sfncost=${SFNCOST:-.build/release/sfncost}
static=${SFNCOST_STATIC:-}
[ -x "$sfncost" ] || { echo "instructions: no $sfncost; run 'swift build -c release' first" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "instructions: valgrind is missing (apt-get install -y valgrind)" >&2; exit 1; }
[ -f /usr/include/yaml.h ] || { echo "instructions: libyaml-dev is missing (apt-get install -y libyaml-dev)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/yaml-floor" scripts/bench/yaml-floor.c -lyaml
# valgrind 3.19 cannot read the Swift toolchain's DWARF 5: count on copies without debug information.
cp "$sfncost" "$work/sfncost" && objcopy --strip-debug "$work/sfncost"
if [ -n "$static" ]; then cp "$static" "$work/sfncost-static" && objcopy --strip-debug "$work/sfncost-static"; fi
printf '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}\n' > "$work/two-state.asl.json"
mapfile -t files < <(find Tests/Corpus -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) | sort)

# count COMMAND...: the instructions the whole process executed (all its threads).
# The command's own exit code does not matter (the corpus holds an invalid file: exit 2).
count() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } \
        | awk '/Collected :/ { n = $NF } END { if (n == "") exit 1; print n }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
millions() { awk -v a="$1" 'BEGIN { printf "%.1f M", a / 1e6 }'; }

floor=$(count "$work/yaml-floor" "${files[@]}")
corpus=$(count "$work/sfncost" estimate Tests/Corpus --format json --fail-on never)
c_two=$(count "$work/yaml-floor" "$work/two-state.asl.json")
two=$(count "$work/sfncost" estimate "$work/two-state.asl.json" --fail-on never)

printf '%-10s %-58s %12s %12s %7s\n' case "measured vs floor (instructions)" measured floor ratio
printf '%-10s %-58s %12s %12s %7s\n' corpus "estimate Tests/Corpus --format json vs libyaml over ${#files[@]} files" \
    "$(millions "$corpus")" "$(millions "$floor")" "$(ratio "$corpus" "$floor")"
printf '%-10s %-58s %12s %12s %7s\n' two-state "estimate of a 2-state file vs a C process parsing it" \
    "$(millions "$two")" "$(millions "$c_two")" "$(ratio "$two" "$c_two")"
if [ -n "$static" ]; then
    two_static=$(count "$work/sfncost-static" estimate "$work/two-state.asl.json" --fail-on never)
    printf '%-10s %-58s %12s %12s %7s\n' two-state "the same, the shipped binary (Swift runtime static)" \
        "$(millions "$two_static")" "$(millions "$c_two")" "$(ratio "$two_static" "$c_two")"
fi
