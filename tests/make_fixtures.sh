#!/usr/bin/env bash
# Remakes tests/fixtures from its sources, with GNU wc 9.7's counts, so that
# `make test` compares against GNU without running it:
#   text/                committed inputs: licence texts, files of CPython's
#                        test suite, the project's multi-script prose and two
#                        re-encodings of it (tests/fixtures/SOURCES says
#                        where each comes from)
#   text.tsv             file lines words chars bytes max_line_length
#                        for each file of text/
#   generated.tsv        kind seed len lines words chars bytes max_line_length
#                        for fixture::random_input(seed, len, kind), the
#                        binary-like inputs among them (`gen_input SEED LEN
#                        KIND` writes one), which are made, not committed
#   random.tsv           seed len lines words chars bytes max_line_length
#                        for the short token inputs (kind tokens)
# cases.tsv and text/prose-multiscript.txt are written by hand, not here.
#
# Needs Debian: base-files (the licence texts), the CPython 3.11 test suite
# (package libpython3.11-testsuite: used where installed, else fetched with
# `apt-get download` and unpacked in a temporary directory, installing
# nothing), iconv (libc-bin), build/helpers/gen_input (made if missing) and
# GNU wc 9.7 (WC97, by default ../shared/tools/gnu-wc-9.7). Anything missing
# stops it with a message; it never makes a partial set. Running it again
# changes no byte: `git status` stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { echo "make_fixtures.sh: $*" >&2; exit 1; }

WC97=${WC97:-../shared/tools/gnu-wc-9.7}
GEN=build/helpers/gen_input
SEEDS=${SEEDS:-3000}
F=tests/fixtures
PY_PACKAGE=libpython3.11-testsuite
PY_TEST=/usr/lib/python3.11/test

[ -x "$WC97" ] || die "GNU wc 9.7 not found at $WC97 (set WC97 to it)"
version=$("$WC97" --version) || die "$WC97 --version failed"
version=${version%%$'\n'*}
[ "$version" = "wc (GNU coreutils) 9.7" ] || die "$WC97 is not GNU wc 9.7: $version"
command -v iconv > /dev/null || die "iconv not found (Debian package libc-bin)"
[ -x "$GEN" ] || make --no-print-directory "$GEN" || die "cannot build $GEN"
others=$(cd "$F" && find . -type f ! -path './text/*' ! -name SOURCES ! -name cases.tsv \
         ! -name text.tsv ! -name generated.tsv ! -name random.tsv)
[ -z "$others" ] || die "files in $F that nothing makes and SOURCES does not list: $others"
[ -f "$F/text/prose-multiscript.txt" ] || die "$F/text/prose-multiscript.txt is missing (it is written by hand: restore it from git)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# GNU wc reads from a file: on a pipe its counts can depend on how the input
# was cut into writes.
gnu() {  # FILE: prints its counts, tab-separated, and a newline
    "$WC97" -lwmcL < "$1" | awk 'NF == 5 { print $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5; ok = 1 } END { exit !ok }' ||
        die "GNU wc failed on $1"
}

# --- the sources -------------------------------------------------------------

licences=(Apache-2.0:Apache-2.0 Artistic:Artistic-1.0 CC0-1.0:CC0-1.0
          GFDL-1.3:GFDL-1.3 LGPL-3:LGPL-3.0 MPL-2.0:MPL-2.0)
for l in "${licences[@]}"; do
    [ -f "/usr/share/common-licenses/${l%%:*}" ] ||
        die "/usr/share/common-licenses/${l%%:*} is missing (Debian package base-files)"
done

if [ -d "$PY_TEST/cjkencodings" ]; then
    py=$PY_TEST
    echo "CPython test files: $PY_TEST ($PY_PACKAGE $(dpkg-query -W -f '${Version}' "$PY_PACKAGE" 2> /dev/null || echo '?'), installed)"
else
    mkdir "$work/deb"
    # apt drops to its _apt user to download, who cannot write in a private
    # temporary directory.
    (cd "$work/deb" && apt-get -qq -o APT::Sandbox::User=root download "$PY_PACKAGE") ||
        die "cannot fetch the Debian package $PY_PACKAGE (CPython 3.11's test suite, Debian 12):" \
            "run apt-get update, or install it (apt-get install $PY_PACKAGE)"
    deb=$(ls "$work"/deb/*.deb)
    dpkg-deb -x "$deb" "$work/root" || die "cannot unpack $deb"
    py=$work/root$PY_TEST
    echo "CPython test files: $(basename "$deb") (fetched, not installed)"
fi
cjk=(big5 big5hkscs cp949 euc_jisx0213 euc_jp euc_kr gb18030 gb2312 gbk hz
     iso2022_jp iso2022_kr johab shift_jis shift_jisx0213)
cpython=()
for c in "${cjk[@]}"; do cpython+=("cjkencodings/$c.txt" "cjkencodings/$c-utf8.txt"); done
cpython+=(tokenize_tests-latin1-coding-cookie-and-utf8-bom-sig.txt
          tokenize_tests-no-coding-cookie-and-utf8-bom-sig-only.txt
          tokenize_tests-utf8-coding-cookie-and-no-utf8-bom-sig.txt
          tokenize_tests-utf8-coding-cookie-and-utf8-bom-sig.txt
          test_unicode_identifiers.py test_unicodedata.py test_utf8source.py)
for c in "${cpython[@]}"; do
    [ -f "$py/$c" ] || die "$py/$c is missing ($PY_PACKAGE)"
done

# --- text/ ---------------------------------------------------------------------

# Everything is made in $work/fixtures and moved into place only when
# complete and checked.
out=$work/fixtures
mkdir -p "$out/text"
cp "$F/text/prose-multiscript.txt" "$out/text/"
for l in "${licences[@]}"; do
    cp "/usr/share/common-licenses/${l%%:*}" "$out/text/licence-${l#*:}.txt"
done
for c in "${cpython[@]}"; do
    name=${c#cjkencodings/}
    [ "$name" = "$c" ] || name=cjkencodings-$name
    cp "$py/$c" "$out/text/cpython-$name"
done
# The prose as Windows writes "Unicode" (UTF-16LE after a byte order mark:
# NUL in every other byte of Latin text), and what is left of it in Latin-1,
# the commonest text that is not UTF-8 (iconv -c drops what Latin-1 lacks
# and then exits with 1).
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$out/text/prose-multiscript.txt"; } > "$out/text/prose-multiscript-utf16le.txt" ||
    die "iconv to UTF-16LE failed"
iconv -c -f UTF-8 -t ISO-8859-1 "$out/text/prose-multiscript.txt" > "$out/text/prose-multiscript-latin1-lossy.txt" || [ $? = 1 ] ||
    die "iconv to ISO-8859-1 failed"

# --- the tables of GNU's counts ------------------------------------------------

{
    printf 'file\tlines\twords\tchars\tbytes\tmax_line_length\n'
    for f in $(cd "$out/text" && LC_ALL=C ls); do
        printf '%s\t' "$f"
        gnu "$out/text/$f"
    done
} > "$out/text.tsv"

input=$work/input
{
    printf 'kind\tseed\tlen\tlines\twords\tchars\tbytes\tmax_line_length\n'
    for kind in tokens binary compressed text; do
        # Lengths from 1 byte to 64 KiB, and one past 1 MiB: longer than
        # the read buffer, so the counts cross its boundaries.
        for seed in $(seq 1 13); do
            len=$(( seed == 13 ? (1 << 20) + 7 : (seed * 40503) % 65536 + 1 ))
            "$GEN" "$seed" "$len" "$kind" > "$input" || die "$GEN $seed $len $kind failed"
            printf '%s\t%s\t%s\t' "$kind" "$seed" "$len"
            gnu "$input"
        done
    done
} > "$out/generated.tsv"

{
    printf 'seed\tlen\tlines\twords\tchars\tbytes\tmax_line_length\n'
    for seed in $(seq 1 "$SEEDS"); do
        len=$(( (seed * 7919) % 3000 + 1 ))
        "$GEN" "$seed" "$len" > "$input" || die "$GEN $seed $len failed"
        printf '%s\t%s\t' "$seed" "$len"
        gnu "$input"
    done
} > "$out/random.tsv"

# --- what may be committed -------------------------------------------------------

# SOURCES lists exactly the new files and the hand-written cases.tsv.
[ -f "$F/SOURCES" ] || die "$F/SOURCES is missing"
listed=$(grep -v -e '^#' -e '^$' "$F/SOURCES" | cut -f 1 | LC_ALL=C sort)
made=$( (cd "$out" && find . -type f; echo ./cases.tsv) | sed 's|^\./||' | LC_ALL=C sort)
[ "$listed" = "$made" ] ||
    die "tests/fixtures/SOURCES does not list exactly the fixtures:" \
        "$(diff <(printf '%s\n' "$listed") <(printf '%s\n' "$made") | grep '^[<>]' | tr '\n' ' ')" \
        "(<: listed, not made; >: made, not listed)"
for f in $(cd "$out" && find . -type f); do
    [ "$(head -c 4 "$out/$f" | od -An -tx1 | tr -d ' ')" != 7f454c46 ] || die "$f is an ELF file"
done

rm -rf "$F/text"
cp -r "$out/text" "$out/text.tsv" "$out/generated.tsv" "$out/random.tsv" "$F/"
echo "text.tsv: $(($(wc -l < "$F/text.tsv") - 1)) files; generated.tsv: $(($(wc -l < "$F/generated.tsv") - 1)) inputs; random.tsv: $SEEDS inputs"
