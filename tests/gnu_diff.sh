#!/usr/bin/env bash
# Differential check of word_counter against GNU wc 9.7 (not part of `make
# test`: the reference is fetched on first use). Compares -lwmc on SEEDS
# generated inputs (fixture::random_input, lengths 1..LEN, the kinds in
# KINDS in turn) and on every regular file under the given directories.
# Prints each mismatch and the totals.
#   tests/gnu_diff.sh [DIR...]
#   (default: tests/fixtures/text /usr/share/doc /usr/share/common-licenses /usr/bin)
set -u
cd "$(dirname "$0")/.."
WC97=${WC97:-../shared/tools/gnu-wc-9.7}
WC=${WC:-build/word_counter}
GEN=${GEN:-build/helpers/gen_input}
SEEDS=${SEEDS:-5000}
LEN=${LEN:-20000}
read -r -a kinds <<< "${KINDS:-tokens binary compressed text}"
[ $# -gt 0 ] || set -- tests/fixtures/text /usr/share/doc /usr/share/common-licenses /usr/bin
norm() { awk '{ print $1, $2, $3, $4 }'; }

# GNU wc reads the input from a file: on a pipe its counts can depend on how
# the writes were cut (seen: 912 words fed a byte at a time, 906 whole).
input=$(mktemp)
list=$(mktemp)
trap 'rm -f "$input" "$list"' EXIT
bad=0
for seed in $(seq 100001 $((100000 + SEEDS))); do
    len=$(( (seed * 2654435761) % LEN + 1 ))
    kind=${kinds[seed % ${#kinds[@]}]}
    "$GEN" "$seed" "$len" "$kind" > "$input"
    ours=$("$WC" -lwmc < "$input")
    gnu=$("$WC97" -lwmc < "$input" | norm)
    [ "$ours" = "$gnu" ] || { echo "gen_input $seed $len $kind: ours $ours, GNU $gnu"; bad=$((bad + 1)); }
done
echo "generated inputs (${kinds[*]}): $SEEDS compared, $bad differ"

find "$@" -type f -readable -print0 > "$list"
files=$(tr -cd '\0' < "$list" | wc -c)
# Both print "counts name" per file; compare the lines after normalizing spaces.
diffs=$(diff <("$WC" -lwmc --total=never --files0-from="$list" | norm) \
             <("$WC97" -lwmc --total=never --files0-from="$list" | norm) | grep -c '^[<>]')
echo "real files: $files compared, $diffs differing lines"
[ "$bad" -eq 0 ] && [ "$diffs" -eq 0 ]
