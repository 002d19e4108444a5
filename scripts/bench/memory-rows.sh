# Sourced by bench.sh (it defines `measure`, `ratio`, `runs`, `sfncost` and `work`): the rows for
# memory and for a loop's solve (issue #13, items 5 and 6).
#
#   memory   peak resident memory of `sfncost estimate --format json` on a chain of 100,000 Pass
#            states (hostile-machines.py chain), in MB and as a multiple of the file's size
#   loop     CPU of `estimate` on one loop of 4,000 Choice states (hostile-machines.py loop), every
#            state able to go back to the first, vs a chain of 10,000 Pass states: a sparse solve
#            keeps it about as cheap (target: at most 3×)
#
# Peak memory is GNU time's maximum resident set size (`/usr/bin/time -f %M`, KB), median of RUNS runs.

memory_rows() {
    if [ ! -x /usr/bin/time ] || ! command -v python3 > /dev/null; then
        echo "memory/loop rows skipped: they need GNU time (/usr/bin/time) and python3" >&2
        return 0
    fi
    python3 scripts/hostile-machines.py chain 100000 > "$work/chain-100000.asl.json"
    python3 scripts/hostile-machines.py chain 10000 > "$work/chain-10000.asl.json"
    python3 scripts/hostile-machines.py loop 4000 > "$work/loop-4000.asl.json"

    local i kb peaks="$work/peaks"
    : > "$peaks"
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f %M -o "$work/peak" "$sfncost" estimate "$work/chain-100000.asl.json" --format json --fail-on never > /dev/null 2>&1 || true
        tail -n 1 "$work/peak" >> "$peaks"
    done
    kb=$(sort -g "$peaks" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    local peak_mb input_mb
    peak_mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
    input_mb=$(awk -v b="$(wc -c < "$work/chain-100000.asl.json")" 'BEGIN { printf "%.1f", b / 1048576 }')

    local chain_cpu loop_cpu
    read -r _ chain_cpu < <(measure 1 "$sfncost" estimate "$work/chain-10000.asl.json" --fail-on never)
    read -r _ loop_cpu < <(measure 1 "$sfncost" estimate "$work/loop-4000.asl.json" --fail-on never)

    printf '%-10s %-62s %9s %9s %7s\n' case "measured vs reference" measured reference ratio
    printf '%-10s %-62s %9s %9s %7s\n' memory "peak RSS MB of estimate of a 100,000-state chain vs file MB" "$peak_mb" "$input_mb" "$(ratio "$peak_mb" "$input_mb")"
    printf '%-10s %-62s %9s %9s %7s\n' loop "CPU s of a 4,000-state loop vs a 10,000-state chain" "$loop_cpu" "$chain_cpu" "$(ratio "$loop_cpu" "$chain_cpu")"
}
