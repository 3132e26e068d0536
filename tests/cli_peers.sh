#!/usr/bin/env bash
# The cases of the other wc implementations' own test suites that apply to
# word_counter, each with what GNU wc 9.7 answered (C.UTF-8), written
# without its column padding: GNU coreutils tests/wc (wc.pl,
# wc-files0-from.pl, wc-files0.sh, wc-nbsp.sh, wc-total.sh, wc-proc.sh),
# uutils tests/by-util/test_wc.rs, FreeBSD usr.bin/wc/tests/wc_test.sh and
# toybox tests/wc.test. Where word_counter deliberately differs (padding,
# the default -lwm, always UTF-8), the case is written for what it does and
# README "Differences from other wc implementations" says why. Run as
# `tests/cli_peers.sh BUILD_DIR [GROUP]...` (see tests/lib.sh).
. "$(dirname "$0")/lib.sh"
cd "$SCRATCH"

# wc_case NAME EXPECTED_OUT EXPECTED_ERR EXPECTED_STATUS STDIN ARGS...: one
# run of word_counter, its stdout, stderr and status checked. STDIN is a
# printf format ('\0' is a NUL, which a bash string cannot hold).
wc_case() {
    local name=$1 out=$2 err=$3 status=$4 input=$5 actual_out actual_status
    shift 5
    # shellcheck disable=SC2059
    actual_out=$(printf "$input" | "$WC" "$@" 2> "$SCRATCH/err")
    actual_status=$?
    check "$name" "$out|$err|$status" "$actual_out|$(cat "$SCRATCH/err")|$actual_status"
}

TRY="Try 'word_counter --help' for more information."

# --- GNU coreutils tests/wc/wc.pl ---------------------------------------------
test_gnu_wc_pl() {
    wc_case "wc.pl a0" 0 "" 0 "" -c
    wc_case "wc.pl a1" 0 "" 0 "" -l
    wc_case "wc.pl a2" 0 "" 0 "" -w
    wc_case "wc.pl a3" 1 "" 0 "x" -c
    wc_case "wc.pl a4" 1 "" 0 "x" -w
    wc_case "wc.pl a5" 2 "" 0 $'x y\n' -w
    wc_case "wc.pl a6" 3 "" 0 $'x y\nz' -w
    wc_case "wc.pl a7" 0 "" 0 "x y" -l
    wc_case "wc.pl a8" 1 "" 0 $'x y\n' -l
    wc_case "wc.pl a9" 2 "" 0 $'x\ny\n' -l
    # b0, b1: GNU pads these ("      0       0       0"); word_counter never does.
    wc_case "wc.pl b0 (unpadded)" "0 0 0" "" 0 ""
    wc_case "wc.pl b1 (unpadded)" "2 3 6" "" 0 $'a b\nc\n'
    wc_case "wc.pl c0" 2 "" 0 $'1\n12\n' -L
    wc_case "wc.pl c1" 3 "" 0 $'1\n123\n1\n' -L
    wc_case "wc.pl c2" 6 "" 0 $'\n123456' -L
    wc_case "wc.pl d1" 1 "" 0 $'\001\n' -w
}

# --- GNU coreutils tests/wc/wc-files0-from.pl --------------------------------
test_gnu_files0_from_pl() {
    : > g
    wc_case "files0-from f-extra-arg" "" "word_counter: extra operand 'no-such'
file operands cannot be combined with --files0-from
$TRY" 1 "a" --files0-from=- no-such
    wc_case "files0-from missing" "" \
        "word_counter: cannot open 'missing' for reading: No such file or directory" 1 "" \
        --files0-from=missing
    wc_case "files0-from minus-in-stdin" "" \
        "word_counter: when reading file names from stdin, no file name of '-' allowed" 1 "-" \
        --files0-from=-
    : > empty
    wc_case "files0-from empty" "" "" 0 "" --files0-from=empty
    wc_case "files0-from empty-nonreg" "" "" 0 "" --files0-from=/dev/null
    wc_case "files0-from nul-1" "" "word_counter: -:1: invalid zero-length file name" 1 '\0' \
        --files0-from=-
    wc_case "files0-from nul-2" "0 0 0 total" "word_counter: -:1: invalid zero-length file name
word_counter: -:2: invalid zero-length file name" 1 '\0\0' --files0-from=-
    wc_case "files0-from 1" "0 0 0 g" "" 0 "g" --files0-from=-
    wc_case "files0-from 1a" "0 0 0 g" "" 0 'g\0' --files0-from=-
    wc_case "files0-from 2" "0 0 0 g
0 0 0 g
0 0 0 total" "" 0 'g\0g' --files0-from=-
    wc_case "files0-from 2a" "0 0 0 g
0 0 0 g
0 0 0 total" "" 0 'g\0g\0' --files0-from=-
    wc_case "files0-from zero-len" "0 0 0 g
0 0 0 total" "word_counter: -:1: invalid zero-length file name" 1 '\0g\0' --files0-from=-
}

# --- GNU coreutils tests/wc/wc-files0.sh --------------------------------------
test_gnu_files0_sh() {
    echo 2 > 2b
    echo 2 words > 2w
    printf '2b\0002w\000' > names
    local expected="1 1 2 2b
1 2 8 2w
2 3 10 total"
    check "wc-files0.sh: a list in a file (unpadded)" "$expected" "$("$WC" -lwc --files0-from=names)"
    check "wc-files0.sh: the list from stdin" "$expected" "$("$WC" -lwc --files0-from=- < names)"
    touch $'1\n2'
    check "wc-files0.sh: a name with a newline on one line" "0 0 0 '1'\$'\\n''2'" \
        "$(printf '1\n2\0' | "$WC" --files0-from=-)"
    truncate -s1G wc.big
    touch wc.small
    check "wc-files0.sh: byte counts of a sparse file" "1073741824 wc.big
0 wc.small
1073741824 total" "$(printf '%s\0' wc.big wc.small | "$WC" -c --files0-from=-)"
}

# --- GNU coreutils tests/wc/wc-nbsp.sh: UTF-8 separators ------------------------
test_gnu_nbsp() {
    local char
    # GNU's test counts =X= only where -L says X is printable (width 1):
    # U+2060 has width 0 there, and is a separator all the same.
    for char in '\u00A0' '\u2007' '\u202F' '\u2060' '\u0020' '\u2003'; do
        check "wc-nbsp.sh: $char separates words" "2" "$(printf "=$char=" | "$WC" -w)"
    done
    check "wc-nbsp.sh: -L of =U+00A0= is 3" "3" "$(printf '=\u00A0=' | "$WC" -L)"
    check "wc-nbsp.sh: -L of =U+2060= is 2 (zero width)" "2" "$(printf '=\u2060=' | "$WC" -L)"
}

# --- GNU coreutils tests/wc/wc-total.sh -----------------------------------------
test_gnu_total() {
    local dir big out status
    printf '%s\n' '2' > 2b
    printf '%s\n' '2 words' > 2w
    "$WC" --total 2b 2w > /dev/null 2>&1
    check "wc-total.sh: --total needs a value" 1 "$?"
    check "wc-total.sh: --total=never (unpadded)" "1 1 2 2b
1 2 8 2w" "$("$WC" -lwc --total=never 2b 2w)"
    check "wc-total.sh: --total=only" "2 3 10" "$("$WC" -lwc --total=only 2b 2w)"
    check "wc-total.sh: --total=always, one file" 2 "$("$WC" --total=always 2b | wc -l)"
    # 8 x 2 EiB is 2^64: the sparse files need tmpfs (ext4 stops at 16 TiB).
    for dir in "$SCRATCH" /dev/shm "${XDG_RUNTIME_DIR:-/run/user/$(id -u)}" /tmp; do
        big=$(mktemp -p "$dir" wc-2E.XXXXXX 2> /dev/null) || continue
        truncate -s 2E "$big" 2> /dev/null && break
        rm -f "$big"
        big=
    done
    if [ -z "$big" ]; then
        not_ok "wc-total.sh: a file system that takes a file of 2 EiB (tmpfs)"
        return
    fi
    out=$("$WC" --total=only -c "$big" "$big" "$big" "$big" "$big" "$big" "$big" "$big" 2> err)
    status=$?
    check "wc-total.sh: overflow diagnosed, total saturated" "18446744073709551615|word_counter: total bytes: Value too large for defined data type|1" \
        "$out|$(cat err)|$status"
    "$WC" --total=never -c "$big" "$big" "$big" "$big" "$big" "$big" "$big" "$big" > /dev/null 2>&1
    check "wc-total.sh: overflow ignored when no total is shown" 0 "$?"
    rm -f "$big"
}

# --- GNU coreutils tests/wc/wc-proc.sh ------------------------------------------
test_gnu_proc() {
    local file
    for file in /proc/version /sys/kernel/profiling; do
        [ -r "$file" ] || continue
        cp -f "$file" copy
        check "wc-proc.sh: -c of $file is what it reads" "$("$WC" -c < copy)" "$("$WC" -c < "$file")"
    done
    truncate -s 2 no_read
    truncate -s 1048576 do_read
    check "wc-proc.sh: sizes, read or not" "2 no_read
1048576 do_read
1048578 total" "$("$WC" -c no_read do_read)"
    check "wc-proc.sh: the offset moves even when not reading" "2 0 1048576 0" \
        "$({ "$WC" -c; "$WC" -c; } < no_read | tr '\n' ' '; { "$WC" -c; "$WC" -c; } < do_read | tr '\n' ' ' | sed 's/ $//')"
    truncate -s1T do_read
    check "wc-proc.sh: a 1 TiB sparse file, not read" "1099511627776 do_read" "$(timeout 10 "$WC" -c do_read)"
}

# --- uutils tests/by-util/test_wc.rs -------------------------------------------------
test_uutils() {
    wc_case "uutils test_invalid_arg" "" "word_counter: unrecognized option '--definitely-invalid'
$TRY" 1 "" --definitely-invalid
    wc_case "uutils test_stdin_explicit" "1 2 12 -" "" 0 $'lorem ipsum\n' -
    mkdir some-dir1
    touch $'some-dir1/12\n34.txt' $'some-dir1/1\xC0\n.txt' $'some-dir1/2\xC0\t.txt'
    check "uutils test_gnu_compatible_quotation" "0 0 0 'some-dir1/12'\$'\\n''34.txt'" \
        "$("$WC" $'some-dir1/12\n34.txt')"
    check "uutils test_non_unicode_names" "0 0 0 'some-dir1/1'\$'\\300\\n''.txt'
0 0 0 some-dir1/2"$'\xC0\t'".txt
0 0 0 total" "$("$WC" $'some-dir1/1\xC0\n.txt' $'some-dir1/2\xC0\t.txt')"
    printf 'a b\n' > 'alice in wonderland.txt'
    check "uutils test_multiple_default: a name with spaces is not quoted" \
        "1 2 4 alice in wonderland.txt" "$("$WC" 'alice in wonderland.txt')"
    printf '%10000s\n' '' > onelongemptyline.txt
    printf '%010000d\n' 0 > onelongword.txt
    printf '%100s' '' | tr ' ' '\n' > manyemptylines.txt
    printf 'a\n' > notrailingnewline.txt
    check "uutils long lines, empty lines" "1 0 10001 10001 10000 onelongemptyline.txt
1 1 10001 10001 10000 onelongword.txt
100 0 100 100 0 manyemptylines.txt
1 1 2 2 1 notrailingnewline.txt
103 2 20104 20104 10000 total" \
        "$("$WC" -clmwL onelongemptyline.txt onelongword.txt manyemptylines.txt notrailingnewline.txt)"
    wc_case "uutils test_read_from_directory_error" "0 0 0 ." "word_counter: .: Is a directory" 1 "" .
    wc_case "uutils test_read_from_nonexistent_file" "" \
        "word_counter: bogusfile: No such file or directory" 1 "" bogusfile
    check "uutils test_files_from_pseudo_filesystem" "no" "$("$WC" -c /proc/cpuinfo | grep -q '^0 ' && echo yes || echo no)"
    printf 'lorem\0moby\0' > files0_list.txt
    printf 'a b\n' > lorem && printf 'c\nd\n' > moby
    wc_case "uutils test_files0_from_with_stdin" "1 2 4 lorem" "" 0 "lorem" --files0-from=-
    printf 'lorem\0-\0moby\0' > files0_list_with_stdin.txt
    wc_case "uutils test_files0_from_with_stdin_in_file" "1 2 4 lorem
1 1 2 -
2 2 4 moby
4 5 10 total" "" 0 $'x\n' --files0-from=files0_list_with_stdin.txt
    wc_case "uutils test_zero_length_files" "2 2 4 moby
1 2 4 lorem
3 4 8 total" "word_counter: -:1: invalid zero-length file name
word_counter: -:3: invalid zero-length file name" 1 '\0moby\0\0lorem\0' --files0-from=-
    printf 'this_file_does_not_exist.txt\0\0this file does not exist.txt\0this files doesn'"'"'t exist either.txt\0' > 'files0 with nonexistent.txt'
    wc_case "uutils test_files0_errors_quoting" "0 0 0 total" "word_counter: this_file_does_not_exist.txt: No such file or directory
word_counter: 'files0 with nonexistent.txt':2: invalid zero-length file name
word_counter: 'this file does not exist.txt': No such file or directory
word_counter: \"this files doesn't exist either.txt\": No such file or directory" 1 "" \
        --files0-from='files0 with nonexistent.txt'
    mkdir 'dir with spaces'
    wc_case "uutils files0_from_dir" "" "word_counter: 'dir with spaces': read error: Is a directory" 1 "" \
        --files0-from='dir with spaces'
    wc_case "uutils files0_from_dir ." "" "word_counter: .: read error: Is a directory" 1 "" --files0-from=.
    check "uutils files0_from_dir, stdin" "word_counter: -: read error: Is a directory" \
        "$("$WC" --files0-from=- < . 2>&1)"
    wc_case "uutils test_total_auto --tot=au" "1 2 4 lorem" "" 0 "" lorem --tot=au
    wc_case "uutils test_total_always --total=al" "1 2 4 lorem
1 2 4 total" "" 0 "" lorem --total=al
    wc_case "uutils test_total_never --total=n" "1 2 4 lorem
2 2 4 moby" "" 0 "" lorem moby --total=n
    wc_case "uutils test_total_only --t=o" "3 4 8" "" 0 "" lorem moby --t=o
    wc_case "uutils test_args_override -ll -l" "1 lorem" "" 0 "" -ll -l lorem
    wc_case "uutils test_args_override --total" "1 2 4 lorem" "" 0 "" --total=always --total=never lorem
    wc_case "uutils wc_w_words_with_emoji_separator" 3 "" 0 $'foo \xf0\x9f\x92\x90 bar\n' -w
}

# --- FreeBSD usr.bin/wc/tests/wc_test.sh, toybox tests/wc.test -------------------------
test_freebsd_toybox() {
    local tv
    tv="Der bode en underlig gråsprængt en
på den yderste nøgne ø; –
han gjorde visst intet menneske mén
hverken på land eller sjø;
dog stundom gnistred hans øjne stygt, –
helst mod uroligt vejr, –
og da mente folk, at han var forrykt,
og da var der få, som uden frykt
kom Terje Vigen nær.
"
    printf '%s\n' "$tv" > foo
    check "FreeBSD multiline -lwc, -m, -cL, -mL" "10 55 300 foo|283 foo|300 39 foo|283 39 foo" \
        "$("$WC" -lwc foo)|$("$WC" -m foo)|$("$WC" -cL foo)|$("$WC" -mL foo)"
    check "FreeBSD multiline: the default is -lwm here (-lwc in GNU)" "10 55 283 foo" "$("$WC" foo)"
    for _ in $(seq 200); do printf '%s\n%s\n%s\n%s\n%s\n' "$tv" "$tv" "$tv" "$tv" "$tv"; done > foo
    check "FreeBSD multiline_repeated" "10000 55000 283000 300000 foo" "$("$WC" -lwcm foo)"
    printf 'a\377b\n' > foo
    wc_case "FreeBSD invalid: an invalid byte is no char, and no error" "3 foo" "" 0 "" -m foo
    wc_case "FreeBSD whitespace" "3 0 5" "" 0 $'\n \n\t\n' -lwc
    wc_case "FreeBSD usage: -?" "" "word_counter: invalid option -- '?'
$TRY" 1 "" '-?'
    printf 'some words\t. \n\nsome\nlines\n' > file1
    wc_case "toybox format" "4 5 26 file1" "" 0 "" file1
    printf 'a\nb' > input
    wc_case "toybox multiple files (unpadded)" "1 2 3 input
0 2 3 -
4 5 26 file1
5 9 32 total" "" 0 "a b" input - file1
    { printf ' '; for _ in $(seq 512); do printf 'üüüüüüüüüüüüüüüü'; done; } > file1
    wc_case "toybox -m" "8193 file1" "" 0 "" -m file1
    printf 'hello, 世界!\n' > input
    wc_case "toybox -mlw" "1 2 11 input" "" 0 "" -mlw input
}

run_groups test_gnu_wc_pl test_gnu_files0_from_pl test_gnu_files0_sh test_gnu_nbsp test_gnu_total \
    test_gnu_proc test_uutils test_freebsd_toybox
