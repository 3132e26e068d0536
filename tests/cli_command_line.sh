#!/usr/bin/env bash
# Both tools' command lines, read as GNU wc 9.7 reads its own (getopt_long
# and argmatch): prefixes of long options and of --total's values, the last
# value wins, no value on a flag, options after operands, POSIXLY_CORRECT,
# usage errors word for word (GNU wc 9.7's, with word_counter for wc), and
# --help laid out as a GNU tool's. parent follows the same rules, with
# status 125 for its usage errors. Run as
# `tests/cli_command_line.sh BUILD_DIR [GROUP]...` (see tests/lib.sh).
# word_counter's leaks are checked in cli_word_counter.sh (test_leaks),
# parent's in every parent suite.
LEAK_SCAN=0 . "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
printf 'x\n' > b
printf 'one two\nthree\n' > a

TRY_WC="Try 'word_counter --help' for more information."
TRY_PARENT="Try 'parent --help' for more information."
VALID_TOTAL="Valid arguments are:
  - ‘auto’
  - ‘always’
  - ‘only’
  - ‘never’"

# run_wc ARGS...: sets out (stdout and stderr, in order) and status.
run_wc() { out=$("$WC" "$@" 2>&1); status=$?; }
run_parent() { out=$("$PARENT" "$@" 2>&1); status=$?; }

# --- prefixes, as getopt_long and argmatch take them --------------------------
test_prefixes() {
    local out status
    check "--tot=only" "3 4 16" "$("$WC" --tot=only a b)"
    check "--t=o" "3 4 16" "$("$WC" --t=o a b)"
    check "--total=al" "1 1 2 b
1 1 2 total" "$("$WC" --total=al b)"
    check "--total n (separate word)" "1 1 2 b
2 3 14 a" "$("$WC" --total n b a)"
    check "--lin" "1 b" "$("$WC" --lin b)"
    check "--byte" "2 b" "$("$WC" --byte b)"
    check "--l is --lines, as in GNU wc (not --log)" "1 b" "$("$WC" --l b)"
    check "--w --c --by --max (--c is --chars)" "1 2 2 1 b" "$("$WC" --w --c --by --max b)"
    printf 'b\0' > list
    check "--files0=F" "1 1 2 b" "$("$WC" --files0=list)"
    check "--files0 F" "1 1 2 b" "$("$WC" --files0 list)"
    check "--j is --json" '{"file":"b","lines":1,"words":1,"chars":2}' "$("$WC" --j b)"
    check_match "--vers" '^word_counter [0-9.]+$' "$("$WC" --vers)"
    check_match "--h" '^Usage: word_counter ' "$("$WC" --h)"
}

# --- repeated options, flags, arguments -------------------------------------------
test_arguments() {
    local out status
    check "--total: the last one wins" "1 1 2 b" "$("$WC" --total=always --total=never b)"
    check "--files0-from: the last one wins" "1 1 2 b" "$("$WC" --files0-from=missing --files0-from=list)"
    check "a repeated flag" "1 b" "$("$WC" -ll -l b)"
    run_wc --lines=0 b
    check "--lines=0 is refused" "word_counter: option '--lines' doesn't allow an argument
$TRY_WC" "$out"
    check_status "--lines=0" 1 "$status"
    run_wc --lin= b
    check "--lin= is refused by its full name" "word_counter: option '--lines' doesn't allow an argument
$TRY_WC" "$out"
    check "options after operands" "1 b" "$("$WC" b -l)"
    check "-- ends the options" "word_counter: -l: No such file or directory" "$("$WC" -- -l 2>&1)"
    check "POSIXLY_CORRECT: options end at the first operand" "1 1 2 b
word_counter: -l: No such file or directory
1 1 2 total" "$(POSIXLY_CORRECT=1 "$WC" b -l 2>&1)"
    cp list ./-l
    check "an argument is the next word, whatever it looks like" "1 1 2 b" "$("$WC" --files0-from -l)"
    check "- is an operand" "1 b
1 -
2 total" "$("$WC" -l b - < b)"
    check "[a,b] is an operand like any other" "word_counter: '[b,a]': No such file or directory" "$("$WC" '[b,a]' 2>&1)"
}

# --- usage errors, word for word ----------------------------------------------------
test_usage_errors() {
    local out status
    run_wc -x
    check "an unknown short option" "word_counter: invalid option -- 'x'
$TRY_WC" "$out"
    check_status "an unknown short option" 1 "$status"
    run_wc -lx b
    check "an unknown short option in a cluster" "word_counter: invalid option -- 'x'
$TRY_WC" "$out"
    run_wc --bogus=x
    check "an unknown long option, as given" "word_counter: unrecognized option '--bogus=x'
$TRY_WC" "$out"
    run_wc --files0-from
    check "a missing argument" "word_counter: option '--files0-from' requires an argument
$TRY_WC" "$out"
    run_wc --tot
    check "a missing argument, by the full name" "word_counter: option '--total' requires an argument
$TRY_WC" "$out"
    run_wc --total=x b
    check "--total: an invalid value" "word_counter: invalid argument ‘x’ for ‘--total’
$VALID_TOTAL
$TRY_WC" "$out"
    check_status "--total: an invalid value" 1 "$status"
    run_wc --total=a b
    check "--total: an ambiguous value" "word_counter: ambiguous argument ‘a’ for ‘--total’
$VALID_TOTAL
$TRY_WC" "$out"
    run_wc --total=$'a\nb'
    check_match "--total: a value's control chars escaped" "^word_counter: invalid argument ‘a\\\\nb’ for ‘--total’" "$out"
    run_wc --=x
    check "an empty name fits every option: GNU wc's, in its order" "word_counter: option '--=x' is ambiguous; possibilities: '--bytes' '--chars' '--lines' '--words' '--debug' '--files0-from' '--max-line-length' '--total' '--help' '--version'
$TRY_WC" "$out"
    run_wc --help --bogus
    check_status "--help acts at once" 0 "$status"
    run_wc --bogus --help
    check "an error before --help" "word_counter: unrecognized option '--bogus'
$TRY_WC" "$out"
    run_wc --files0-from=list b c
    check "operands with --files0-from" "word_counter: extra operand 'b'
file operands cannot be combined with --files0-from
$TRY_WC" "$out"
}

# --- --help and --version -----------------------------------------------------------
test_help() {
    local help tool
    for tool in "$WC" "$PARENT"; do
        help=$("$tool" --help)
        check "$(basename "$tool") --help: usage lines" "Usage: $(basename "$tool") [OPTION]... [FILE]...
  or:  $(basename "$tool") [OPTION]... --files0-from=F" "$(head -n 2 <<< "$help")"
        check "$(basename "$tool") --help: no CLI11 artefacts" "" \
            "$(grep -E 'TEXT|UINT|\{auto\}|Positionals|OPTIONS|\[Option|Print this help' <<< "$help")"
        check "$(basename "$tool") --help: every option row as GNU's" "" \
            "$(grep -E '^  ' <<< "$help" | grep -vE '^  (-[a-zA-Z], |    )--[a-z0-9-]+(=[A-Z]+|\[=[A-Z]+\])? +[a-zA-Z(]|^ {20,}[^ ]' | grep -vE '^  or:')"
        check "$(basename "$tool") --help: ends with where to read more" \
            "Full documentation: man $(basename "$tool"), and the README of its source." "$(tail -n 1 <<< "$help")"
        check_match "$(basename "$tool") --version" "^$(basename "$tool") [0-9]+\.[0-9]+\.[0-9]+$" "$("$tool" --version)"
    done
    check "word_counter --help: the options GNU wc lists, in its order" "--bytes --chars --lines --files0-from --max-line-length --words --total" \
        "$("$WC" --help | grep -oE '^  (-[a-zA-Z], |    )--[a-z0-9-]+' | sed 's/.*--/--/' | head -n 7 | tr '\n' ' ' | sed 's/ $//')"
    check "parent --help lists --progress[=WHEN]" "1" "$("$PARENT" --help | grep -c -- '--progress\[=WHEN\]')"
}

# --- parent: the same rules, status 125 ------------------------------------------------
test_parent() {
    local out status
    run_parent --te='a b' --tot=al
    check "parent: prefixes" "0 2 3
0 2 3 total" "$out"
    run_parent --text=x --text='a b'
    check "parent: the last --text wins" "0 2 3" "$out"
    run_parent --j=2 b
    check "parent: an ambiguous option" "parent: option '--j=2' is ambiguous; possibilities: '--json' '--jobs'
$TRY_PARENT" "$out"
    check_status "parent: an ambiguous option" 125 "$status"
    run_parent --json=1
    check "parent: a flag with a value" "parent: option '--json' doesn't allow an argument
$TRY_PARENT" "$out"
    run_parent -j0 b
    check "parent: -j 0" "parent: invalid number of jobs '0' (1 to 4096)
$TRY_PARENT" "$out"
    run_parent -j 000000001 -j 0004096 b
    check "parent: -j with leading zeros, however many" "1 1 2 b|0" "$out|$status"
    run_parent -j 04097 b
    check "parent: -j 04097, past 4096" "parent: invalid number of jobs '04097' (1 to 4096)
$TRY_PARENT" "$out"
    run_parent --timeout=1x --timeout=2 b
    check "parent: every --timeout value is checked" "parent: invalid duration '1x' for --timeout
$TRY_PARENT" "$out"
    run_parent --prog=x
    check "parent: --progress's values" "parent: invalid argument ‘x’ for ‘--progress’
Valid arguments are:
  - ‘auto’
  - ‘always’
  - ‘never’
$TRY_PARENT" "$out"
    run_parent --text=x a
    check "parent: --text and operands" "parent: extra operand 'a'
file operands cannot be combined with --text
$TRY_PARENT" "$out"
    check_status "parent: --text and operands" 125 "$status"
    run_parent --files0-from=list b
    check "parent: --files0-from and operands" "parent: extra operand 'b'
file operands cannot be combined with --files0-from
$TRY_PARENT" "$out"
    run_parent --total=x
    check_status "parent: --total's values" 125 "$status"
}

run_groups test_prefixes test_arguments test_usage_errors test_help test_parent
