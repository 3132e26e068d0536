#!/usr/bin/env bash
# make bench, the pool: word_counter against parent -j 1 and -j 2 on many
# small files, where parent's cost beyond word_counter's is its workers'
# starts and every file's request and answer through their pipes (README,
# "The pool"). The three commands run side by side on each set of files, in
# rounds of one run each, and the best run of each counts, as in
# tests/bench.sh. hyperfine starts them with no shell (-N): a shell's start
# would be a tenth of a 40 ms run. Prints Markdown tables.
#   BENCH_RUNS runs of each command on the million names (default 5); on
#              the sets of small files, whose runs take well under a
#              second, four times as many
set -u
cd "$(dirname "$0")/.."
. tests/bench_lib.sh
RUNS=${BENCH_RUNS:-5}
BUILD=${BUILD:-build}
# Absolute: the commands run inside the directory of their files, so that
# 10,000 names fit in one argument of hyperfine (at most 128 KiB).
WC=$(cd "$BUILD" && pwd)/word_counter
PARENT=$(cd "$BUILD" && pwd)/parent
NAMES=1000000
dir=$(mktemp -d /tmp/bench_pool.XXXXXX)
trap 'rm -rf "$dir"' EXIT

# files DIR COUNT SIZE: COUNT files of SIZE bytes each, DIR/f00000 on, cut
# end to end from the licences in /usr/share/common-licenses (English text).
files() {
    local bytes=$(($2 * $3))
    cat /usr/share/common-licenses/* > "$dir/text"
    while [ "$(stat -c %s "$dir/text")" -lt "$bytes" ]; do
        cat "$dir/text" "$dir/text" > "$dir/text.2" && mv "$dir/text.2" "$dir/text"
    done
    mkdir "$1"
    head -c "$bytes" "$dir/text" | split -b "$3" -a 5 -d - "$1/f"
    rm "$dir/text"
}

# side_by_side LABEL DIR ROUNDS ARGS: word_counter ARGS, parent -j 1 ARGS
# and parent -j 2 ARGS inside DIR, in ROUNDS rounds; appends
# "LABEL<TAB>command<TAB>best seconds" to $dir/times. Unlike the runs of
# tests/bench.sh, these need no reading of their input first: a run reads
# every file of DIR within a fraction of a second of the run before it, too
# soon for the VM to drop them from page cache (and cat, which maps a new
# buffer for every file, takes 0.5-2 s over 10,000 files here).
side_by_side() {
    local label=$1 args=$4
    echo "bench: $label" >&2
    (cd "$2" && rounds "$dir/run" "$3" -N --runs 1 -n word_counter "$WC $args" \
        -n "parent -j 1" "$PARENT -j 1 $args" -n "parent -j 2" "$PARENT -j 2 $args") || exit 1
    awk -F'\t' -v label="$label" '{ print label "\t" $1 "\t" $2 }' "$dir/run" >> "$dir/times"
}

# A row per set: each command's best time and parent's as a multiple of
# word_counter's.
time_rows() {
    echo "| files (best of $((RUNS * 4)) runs, $RUNS for the million) | \`word_counter\` | \`parent -j 1\` | ÷ \`word_counter\` | \`parent -j 2\` | ÷ \`word_counter\` |"
    echo "|---|---|---|---|---|---|"
    awk -F'\t' '
        function shown(s) { return s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
        { if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
          t[$1, $2] = $3 }
        END { for (i = 1; i <= n; i++) { l = order[i]; w = t[l, "word_counter"]
                  a = t[l, "parent -j 1"]; b = t[l, "parent -j 2"]
                  printf "| %s | %s | %s | %.2f | %s | %.2f |\n", l, shown(w), shown(a), a / w, shown(b), b / w } }' "$dir/times"
}

# rss_row LABEL LIST: the peak RSS of each command counting LIST's files.
rss_row() {
    local row j
    row="| $1 | $(peak_rss_kib "$WC" --files0-from="$2") KiB"
    for j in 1 2; do row+=" | $(peak_rss_kib "$PARENT" -j $j --files0-from="$2") KiB"; done
    echo "$row |"
}

need hyperfine hyperfine
need /usr/bin/time time
[ -x "$WC" ] && [ -x "$PARENT" ] || { echo "bench: build first (make bench)" >&2; exit 1; }
echo "bench: making small files in $dir" >&2
files "$dir/small" 2000 16384
files "$dir/tiny" 10000 4096
# The names of the 10,000 files over and over, NUL-terminated, as find
# -print0 would list a tree of 1,000,000 files.
(cd "$dir/tiny" && printf '%s\0' f*) > "$dir/tiny.list"
for _ in $(seq $((NAMES / 10000))); do cat "$dir/tiny.list"; done > "$dir/names.list"

side_by_side "2000 × 16 KiB, \`FILE...\`" "$dir/small" $((RUNS * 4)) "$(cd "$dir/small" && echo f*)"
side_by_side "10,000 × 4 KiB, \`FILE...\`" "$dir/tiny" $((RUNS * 4)) "$(cd "$dir/tiny" && echo f*)"
side_by_side "1,000,000 names of those 10,000 files, \`--files0-from=LIST\`" "$dir/tiny" "$RUNS" \
    "--files0-from=$dir/names.list"

echo
echo "$(machine), $(date +%Y-%m-%d), many small files from page cache"
echo
time_rows
echo
echo "| peak RSS, \`--files0-from=LIST\` | \`word_counter\` | \`parent -j 1\` | \`parent -j 2\` |"
echo "|---|---|---|---|"
(cd "$dir/tiny" && rss_row "10,000 names" "$dir/tiny.list" && rss_row "1,000,000 names" "$dir/names.list")
