#!/usr/bin/env bash
# make bench: speed and memory of word_counter and parent against their
# peers, side by side in one run (the machines are shared and noisy, so only
# ratios within one run mean much). Prints Markdown tables and draws
# doc/bench.svg with gnuplot (tests/bench_chart.gp). Many small files
# through parent's pool are tests/bench_pool.sh's.
#   BENCH_MB   size of each input in MiB (default 1024)
#   BENCH_RUNS runs of each command (default 5), in as many rounds of all
#              the commands (tests/bench_lib.sh's rounds); the best counts
#   BENCH_ONLY an extended regular expression: only the commands it matches,
#              as the first table names them, run, and only that table is
#              printed (to run again rows that a neighbour disturbed)
set -u
cd "$(dirname "$0")/.."
. tests/bench_lib.sh
MB=${BENCH_MB:-1024}
RUNS=${BENCH_RUNS:-5}
BUILD=${BUILD:-build}
WC=$BUILD/word_counter
PARENT=$BUILD/parent
KERNEL=$BUILD/bench_kernel
UUTILS=/usr/lib/cargo/bin/coreutils/wc
GNU97=../shared/tools/gnu-wc-9.7
CHART=doc/bench.svg
dir=$(mktemp -d /tmp/bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT

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

# bench INPUT COMMAND...: runs the commands (with {} the input) side by side
# and appends "input<TAB>command<TAB>seconds" rows to $dir/results: the
# fastest of the runs. Every run first reads the input whole: the test VM
# evicts page cache left alone for a few seconds (a run of GNU wc -lwm
# takes ten), and a command that found part of its input on disk measured
# half its speed. The commands need a shell (redirections, pipes,
# variables); hyperfine takes its start, a millisecond, off each time.
bench() {
    local input=$1; shift
    local args=() cmd
    for cmd in "$@"; do args+=("${cmd//\{\}/$dir/$input}"); done
    rounds "$dir/run" "$RUNS" -S bash --runs 1 --prepare "cat $dir/$input > /dev/null" "${args[@]}" || exit 1
    awk -F'\t' -v input="$input" -v d="$dir/$input" \
        '{ c = $1; gsub(d, "FILE", c); print input "\t" c "\t" $2 }' "$dir/run" >> "$dir/results"
}

peers() {
    local cmds=("$WC < {}") cmd
    # One core: a regular file is counted in chunks on every core it may
    # use, so this is the single-threaded figure.
    command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ] && cmds+=("taskset -c 0 $WC < {}")
    for isa in scalar avx2 avx512; do cmds+=("WORD_COUNTER_ISA=$isa $WC < {}"); done
    cmds+=("LC_ALL=C.UTF-8 wc -lwm < {}" "LC_ALL=C.UTF-8 wc -l < {}")
    [ -x "$GNU97" ] && cmds+=("$GNU97 -l < {}")
    cmds+=("dd if={} bs=1M of=/dev/null status=none")
    # The copy limit of two cores (two threads of word_counter, or two
    # workers of parent): two reads of the halves at once.
    local half=$((MB * 2))  # 256 KiB blocks in half the input
    cmds+=("dd if={} bs=256K count=$half of=/dev/null status=none & dd if={} bs=256K skip=$half of=/dev/null status=none; wait")
    command -v busybox >/dev/null && cmds+=("busybox wc -lwm < {}")
    [ -x "$UUTILS" ] && cmds+=("$UUTILS -lwm < {}")
    cmds+=("cat {} | $WC")
    if [ -x "$PARENT" ]; then
        cmds+=("$PARENT < {}" "cat {} | $PARENT")
        # Files as operands: split at newlines across two workers, or not.
        cmds+=("$WC {}" "$PARENT -j 1 {}" "$PARENT -j 2 {}")
    fi
    for cmd in "${cmds[@]}"; do
        [[ ${cmd//\{\}/FILE} =~ ${BENCH_ONLY:-.} ]] && echo "$cmd"
    done
}

memory_rows() {
    head -c 1048576 "$dir/english" > "$dir/small"
    for prog in "$WC" "$PARENT"; do
        [ -x "$prog" ] || continue
        echo "| peak RSS \`$(basename "$prog") < FILE\` | 1 MiB: $(peak_rss_kib "$prog" < "$dir/small") KiB | $MB MiB: $(peak_rss_kib "$prog" < "$dir/english") KiB |"
    done
}

# GB/s of every command and input: "command<TAB>english<TAB>mixed<TAB>random".
rates() {
    awk -F'\t' -v bytes=$((MB * 1048576)) '
        { key = $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
          gbs[key, $1] = bytes / $3 / 1e9 }
        END {
          for (i = 1; i <= n; i++) {
            k = order[i]; line = k
            split("english mixed random", inputs, " ")
            for (j = 1; j <= 3; j++) { v = gbs[k, inputs[j]]; line = line "\t" (v == "" ? "-" : sprintf("%.2f", v)) }
            print line
          }
        }' "$dir/results"
}

table() {
    echo "| command | English GB/s | mixed UTF-8 GB/s | random bytes GB/s |"
    echo "|---|---|---|---|"
    rates | awk -F'\t' -v base="LC_ALL=C.UTF-8 wc -lwm < FILE" '
        { cmd[NR] = $1; for (j = 2; j <= 4; j++) v[NR, j] = $j; if ($1 == base) b = NR }
        END {
          for (i = 1; i <= NR; i++) {
            c = cmd[i]; gsub(/\|/, "\\|", c)  # a bare | would end the cell
            line = "| `" c "` "
            for (j = 2; j <= 4; j++) {
              cell = v[i, j]
              if (cell != "-" && b && i != b && v[b, j] > 0) cell = cell sprintf(" (%.0fx)", cell / v[b, j])
              line = line "| " cell " "
            }
            print line "|"
          }
        }'
}

# word_counter < FILE and cat FILE | word_counter against the copy out of
# page cache (dd; two at once for word_counter's two threads) and GNU
# counting lines alone (the faster of 9.1 and 9.7).
ratio_rows() {
    echo "| input | \`word_counter < FILE\` | ÷ \`dd\` | ÷ two \`dd\` at once | ÷ GNU \`wc -l\` | \`cat FILE \\| word_counter\` | ÷ \`dd\` |"
    echo "|---|---|---|---|---|---|---|"
    rates | awk -F'\t' -v wc="$WC < FILE" -v cat="cat FILE | $WC" -v dd="dd if=FILE bs=1M of=/dev/null status=none" '
        { for (j = 2; j <= 4; j++) r[$1, j] = $j
          if ($1 ~ /^dd .* & dd /) for (j = 2; j <= 4; j++) two[j] = $j
          if ($1 ~ / -l < FILE$/) for (j = 2; j <= 4; j++) if ($j > l[j]) l[j] = $j }
        END {
          split("English mixed_UTF-8 random_bytes", names, " ")
          for (j = 2; j <= 4; j++) {
            name = names[j - 1]; gsub("_", " ", name)
            printf "| %s | %.2f GB/s | %.2f | %.2f | %.2f | %.2f GB/s | %.2f |\n", name, r[wc, j], r[wc, j] / r[dd, j],
                   r[wc, j] / two[j], r[wc, j] / l[j], r[cat, j], r[cat, j] / r[dd, j]
          }
        }'
}

# The file as an operand: parent's pool (a worker handed the whole file, or
# two handed a range each) against word_counter, as rates and as parent's
# rate divided by word_counter's.
operand_rows() {
    echo "| input | \`word_counter FILE\` | \`parent -j 1 FILE\` | ÷ \`word_counter FILE\` | \`parent -j 2 FILE\` | ÷ \`word_counter FILE\` |"
    echo "|---|---|---|---|---|---|"
    rates | awk -F'\t' -v wc="$WC FILE" -v p1="$PARENT -j 1 FILE" -v p2="$PARENT -j 2 FILE" '
        { for (j = 2; j <= 4; j++) r[$1, j] = $j }
        END {
          split("English mixed_UTF-8 random_bytes", names, " ")
          for (j = 2; j <= 4; j++) {
            name = names[j - 1]; gsub("_", " ", name)
            printf "| %s | %.2f GB/s | %.2f GB/s | %.2f | %.2f GB/s | %.2f |\n", name, r[wc, j], r[p1, j],
                   r[p1, j] / r[wc, j], r[p2, j], r[p2, j] / r[wc, j]
          }
        }'
}

# The counting loop alone, on the first 256 KiB of each input in cache.
kernel_rows() {
    "$KERNEL" "$dir/english" "$dir/mixed" "$dir/random" > "$dir/kernel"
    echo "| counting loop, 256 KiB in cache ($(awk '$1 == "clock" { print $2 }' "$dir/kernel") GHz) | English | mixed UTF-8 | random bytes |"
    echo "|---|---|---|---|"
    awk -F'\t' '$1 != "clock" { if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
                                cell[$2, $1] = sprintf("%s cycles/64 B, %s GB/s", $3, $4) }
        END { for (i = 1; i <= n; i++) { p = order[i]
                printf "| %s | %s | %s | %s |\n", p, cell[p, "english"], cell[p, "mixed"], cell[p, "random"] } }' "$dir/kernel"
}

chart() {
    need gnuplot gnuplot-nox
    mkdir -p "$(dirname "$CHART")"
    # The rows the chart shows, under short names; dd, two dd at once and
    # GNU wc -l (the faster of 9.1 and 9.7) as reference lines.
    rates | awk -F'\t' -v wc="$WC" -v parent="$PARENT" '
        BEGIN { n = split(wc " < FILE;taskset -c 0 " wc " < FILE;cat FILE | " wc ";" wc " FILE;" \
                          parent " < FILE;" parent " -j 1 FILE;" parent " -j 2 FILE;" \
                          "LC_ALL=C.UTF-8 wc -lwm < FILE", want, ";")
                split("word_counter < FILE;word_counter < FILE, one core;cat FILE | word_counter;" \
                      "word_counter FILE;parent < FILE;parent -j 1 FILE;parent -j 2 FILE;" \
                      "GNU wc -lwm < FILE", short, ";") }
        { row[$1] = $2 "\t" $3 "\t" $4 }
        END { for (i = 1; i <= n; i++) if (want[i] in row) print "\"" short[i] "\"\t" row[want[i]] }' |
        awk -F'\t' '{ name[NR] = $1; for (j = 2; j <= 4; j++) v[NR, j] = $j }
            END { line = "input"; for (i = 1; i <= NR; i++) line = line "\t" name[i]; print line
                  split("English mixed_UTF-8 random_bytes", inputs, " ")
                  for (j = 2; j <= 4; j++) { line = "\"" inputs[j - 1] "\""; gsub("_", " ", line)
                      for (i = 1; i <= NR; i++) line = line "\t" v[i, j]; print line } }' > "$dir/chart.dat"
    rates | awk -F'\t' '
        $1 ~ /^dd if=FILE bs=1M/ { dd = $0 }
        $1 ~ /^dd .* & dd / { two = $0 }
        $1 ~ / -l < FILE$/ { for (j = 2; j <= 4; j++) if ($j > l[j]) l[j] = $j }
        END { split(dd, d, "\t"); split(two, t, "\t")
              for (j = 2; j <= 4; j++) print j - 2, d[j], t[j], l[j] }' > "$dir/reference.dat"
    local columns
    columns=$(head -n 1 "$dir/chart.dat" | awk -F'\t' '{ print NF }')
    gnuplot -e "data='$dir/chart.dat'; reference='$dir/reference.dat'; output='$CHART'; columns=$columns; \
                title='$(machine), $MB MiB inputs, best of $RUNS runs'" \
        tests/bench_chart.gp
}

need hyperfine hyperfine
need /usr/bin/time time
[ -x "$WC" ] && [ -x "$KERNEL" ] || { echo "bench: build first (make bench)" >&2; exit 1; }
echo "bench: making ${MB} MiB inputs in $dir" >&2
make_inputs
mapfile -t cmds < <(peers)
for input in english mixed random; do
    echo "bench: $input" >&2
    bench "$input" "${cmds[@]}"
done
echo
echo "$(machine), $(date +%Y-%m-%d), ${MB} MiB inputs from page cache, best of $RUNS runs each, one a round (ratios: against GNU wc -lwm in C.UTF-8)"
echo
table
[ -n "${BENCH_ONLY:-}" ] && exit 0
echo
ratio_rows
echo
kernel_rows
echo
if [ -x "$PARENT" ]; then
    operand_rows
    echo
fi
echo "| memory | small input | large input |"
echo "|---|---|---|"
memory_rows
chart && echo && echo "chart: $CHART" >&2
