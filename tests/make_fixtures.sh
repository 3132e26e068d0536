#!/usr/bin/env bash
# Regenerates the fixtures that hold GNU wc 9.7's answers, so that `make test`
# can compare against GNU without fetching it:
#   tests/fixtures/random.tsv  seed len lines words chars bytes max_line_length
#                              for fixture::random_input(seed, len)
#   tests/fixtures/real.tsv    the same for the excerpts in tests/fixtures/real/
# Needs build/helpers/gen_input (make unit) and GNU wc 9.7 (WC97, by default
# ../shared/tools/gnu-wc-9.7, which unpacks Debian's coreutils 9.7 on first use).
set -eu
cd "$(dirname "$0")/.."
WC97=${WC97:-../shared/tools/gnu-wc-9.7}
GEN=build/helpers/gen_input
SEEDS=${SEEDS:-3000}
[ -x "$GEN" ] || make --no-print-directory build/helpers/gen_input

gnu() { "$WC97" -lwmcL | awk '{ print $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5 }'; }

# GNU wc reads from a file: on a pipe its counts can depend on how the input
# was cut into writes.
input=$(mktemp)
trap 'rm -f "$input"' EXIT
{
    printf 'seed\tlen\tlines\twords\tchars\tbytes\tmax_line_length\n'
    for seed in $(seq 1 "$SEEDS"); do
        len=$(( (seed * 7919) % 3000 + 1 ))
        "$GEN" "$seed" "$len" > "$input"
        printf '%s\t%s\t%s\n' "$seed" "$len" "$(gnu < "$input")"
    done
} > tests/fixtures/random.tsv

# Real files: excerpts (first 48 KiB) of text in several scripts and
# encodings, compressed documents and binaries. Missing sources are skipped.
sources=(
    /usr/share/common-licenses/GPL-3 /usr/share/common-licenses/Artistic
    /usr/share/doc/bash/copyright /usr/share/doc/coreutils/changelog.Debian.gz
    /usr/share/i18n/charmaps/UTF-8.gz /usr/share/i18n/locales/ja_JP
    /usr/share/i18n/locales/ru_RU /usr/share/i18n/locales/zh_CN
    /usr/bin/ls /usr/bin/bash /usr/bin/make /bin/true /usr/lib/x86_64-linux-gnu/libc.so.6
    /etc/services /etc/passwd /usr/share/perl/5.36/unicore/Name.pl
)
for f in /root/.pyenv/versions/3.11.7/lib/python3.11/test/cjkencodings/*.txt \
         /root/.pyenv/versions/3.11.7/lib/python3.11/test/*utf8*.txt \
         /root/.pyenv/versions/3.11.7/lib/python3.11/test/test_unicode*.py; do
    sources+=("$f")
done
rm -rf tests/fixtures/real
mkdir -p tests/fixtures/real
{
    printf 'file\tlines\twords\tchars\tbytes\tmax_line_length\n'
    for src in "${sources[@]}"; do
        [ -f "$src" ] || continue
        name=$(printf '%s' "$src" | sed 's|^/||; s|/|_|g')
        head -c 49152 "$src" > "tests/fixtures/real/$name"
        printf '%s\t%s\n' "$name" "$(gnu < "tests/fixtures/real/$name")"
    done
} > tests/fixtures/real.tsv
echo "random.tsv: $SEEDS rows; real.tsv: $(($(wc -l < tests/fixtures/real.tsv) - 1)) files"
