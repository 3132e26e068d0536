#!/usr/bin/env bash
# make bench: speed and memory of word_counter and parent against their
# peers, side by side in one run (the machines are shared and noisy, so only
# ratios within one run mean much). Prints one Markdown table.
#   BENCH_MB   size of each input in MiB (default 1024)
#   BENCH_RUNS hyperfine runs per command (default 3)
set -u
cd "$(dirname "$0")/.."
MB=${BENCH_MB:-1024}
RUNS=${BENCH_RUNS:-3}
WC=build/word_counter
PARENT=build/parent
UUTILS=/usr/lib/cargo/bin/coreutils/wc
dir=$(mktemp -d /tmp/bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT

need() {  # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "bench: installing $2" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}

# repeat FILE SEED: SEED copied end to end until FILE holds $MB MiB.
repeat() {
    local seed=$2
    while [ "$(stat -c %s "$seed")" -lt $((MB * 1048576 / 16)) ]; do cat "$seed" "$seed" > "$seed.2"; mv "$seed.2" "$seed"; done
    for _ in $(seq 16); do cat "$seed"; done | head -c $((MB * 1048576)) > "$1"
    rm -f "$seed"
}

make_inputs() {
    cat /usr/share/common-licenses/* > "$dir/seed"
    repeat "$dir/english" "$dir/seed"
    # Mixed UTF-8: accents, Cyrillic, Greek, CJK, kana, emoji, Unicode spaces.
    printf '%s\n' 'Zoë a écrit: «naïve café» — ½ résumé' 'Съешь же ещё этих мягких французских булок' \
        'Ο Ζεύς και η Ήρα' '我能吞下玻璃而不伤身体。日本語のテキスト、ひらがなとカタカナ' \
        'emoji 😀 🚀 ✨ 👍🏽 and spaces: a b c　d e' 'plain English words between them' > "$dir/seed"
    repeat "$dir/mixed" "$dir/seed"
    head -c $((MB * 1048576)) /dev/urandom > "$dir/random"
}

# bench NAME INPUT COMMAND...: runs the commands (with {} the input) side by
# side and appends "input<TAB>command<TAB>seconds" rows to $dir/results:
# the median of the runs, since one run slowed by a neighbour moves a mean.
bench() {
    local input=$1; shift
    local args=() cmd
    for cmd in "$@"; do args+=("${cmd//\{\}/$dir/$input}"); done
    hyperfine -S bash --style none --warmup 1 --runs "$RUNS" --export-csv "$dir/run.csv" "${args[@]}" >/dev/null 2>&1
    tail -n +2 "$dir/run.csv" | awk -F, -v input="$input" -v d="$dir/$input" \
        '{ c = $1; gsub(d, "FILE", c); print input "\t" c "\t" $4 }' >> "$dir/results"
}

peers() {
    local cmds=("$WC < {}")
    for isa in scalar avx2 avx512; do cmds+=("WORD_COUNTER_ISA=$isa $WC < {}"); done
    cmds+=("LC_ALL=C.UTF-8 wc -lwm < {}" "LC_ALL=C.UTF-8 wc < {}" "dd if={} bs=1M of=/dev/null status=none")
    command -v busybox >/dev/null && cmds+=("busybox wc -lwm < {}")
    [ -x "$UUTILS" ] && cmds+=("$UUTILS -lwm < {}")
    if [ -x "$PARENT" ]; then
        cmds+=("$PARENT < {}" "cat {} | $PARENT" "cat {} | $WC")
        # Files as operands: split at newlines across two workers, or not.
        cmds+=("$WC {}" "$PARENT -j 1 {}" "$PARENT -j 2 {}")
        # What two workers could reach at best: two reads of the halves at once.
        local half=$((MB * 2))  # 256 KiB blocks in half the input
        cmds+=("dd if={} bs=256K count=$half of=/dev/null status=none & dd if={} bs=256K skip=$half of=/dev/null status=none; wait")
    fi
    printf '%s\n' "${cmds[@]}"
}

# Many small files: one worker each, so process start-up is what is measured.
many_files_rows() {
    mkdir -p "$dir/many"
    split -b 65536 -a 4 -d <(head -c $((1000 * 65536)) "$dir/english") "$dir/many/f"
    hyperfine -S bash --style none --warmup 1 --runs "$RUNS" --export-csv "$dir/many.csv" \
        "$WC $dir/many/*" "$PARENT -j 1 $dir/many/*" "$PARENT -j 2 $dir/many/*" >/dev/null 2>&1
    local n
    n=$(ls "$dir/many" | wc -l)
    tail -n +2 "$dir/many.csv" | awk -F, -v d="$dir/many/\\*" -v n="$n" \
        '{ c = $1; gsub(d, n " FILES", c); printf "| `%s` | %.3f s | %.0f files/s |\n", c, $4, n / $4 }'
}

peak_rss_kib() {  # program input-file
    /usr/bin/time -f %M "$1" < "$2" 2>&1 >/dev/null | tail -n 1
}

memory_rows() {
    head -c 1048576 "$dir/english" > "$dir/small"
    for prog in "$WC" "$PARENT"; do
        [ -x "$prog" ] || continue
        echo "| peak RSS $(basename "$prog") | 1 MiB: $(peak_rss_kib "$prog" "$dir/small") KiB | $MB MiB: $(peak_rss_kib "$prog" "$dir/english") KiB |"
    done
}

table() {
    local bytes=$((MB * 1048576))
    echo "| command | English GB/s | mixed UTF-8 GB/s | random bytes GB/s |"
    echo "|---|---|---|---|"
    awk -F'\t' -v bytes="$bytes" '
        { key = $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
          gbs[key, $1] = bytes / $3 / 1e9 }
        END {
          base = "LC_ALL=C.UTF-8 wc -lwm < FILE"
          for (i = 1; i <= n; i++) {
            k = order[i]; line = "| `" k "` "
            split("english mixed random", inputs, " ")
            for (j = 1; j <= 3; j++) {
              in_ = inputs[j]; v = gbs[k, in_]
              cell = (v == "") ? "-" : sprintf("%.2f", v)
              if (v != "" && gbs[base, in_] != "" && k != base) cell = cell sprintf(" (%.0fx)", v / gbs[base, in_])
              line = line "| " cell " "
            }
            print line "|"
          }
        }' "$dir/results"
}

need hyperfine hyperfine
need /usr/bin/time time
[ -x "$WC" ] || { echo "bench: build first (make)" >&2; exit 1; }
echo "bench: making ${MB} MiB inputs in $dir" >&2
make_inputs
mapfile -t cmds < <(peers)
for input in english mixed random; do
    echo "bench: $input" >&2
    bench "$input" "${cmds[@]}"
done
echo
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, $(date +%Y-%m-%d), ${MB} MiB inputs from page cache, median of $RUNS runs each (ratios: against GNU wc -lwm in C.UTF-8)"
echo
table
echo
if [ -x "$PARENT" ]; then
    echo "| small files of 64 KiB | time | rate |"
    echo "|---|---|---|"
    many_files_rows
    echo
fi
echo "| memory | small input | large input |"
echo "|---|---|---|"
memory_rows
