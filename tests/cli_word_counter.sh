#!/usr/bin/env bash
# word_counter as a user runs it: count selections, several files and
# totals, names, --files0-from, bad files, write errors and usage errors,
# --json, POSIXLY_CORRECT and --log. Run as
# `tests/cli_word_counter.sh BUILD_DIR [GROUP]...` (see tests/lib.sh).
. "$(dirname "$0")/lib.sh"
cd "$SCRATCH"
printf 'one two\nthree\tfour  five\n\303\251t\303\251\n' > a
printf 'x\n' > b
cp b $'new\nline'
mkdir dir

# --- selections and order ----------------------------------------------------
test_selections() {
    check "default is lines words chars" "3 6 29" "$("$WC" < a)"
    check "-l" "3" "$("$WC" -l < a)"
    check "-w" "6" "$("$WC" -w < a)"
    check "-m" "29" "$("$WC" -m < a)"
    check "-c" "31" "$("$WC" -c < a)"
    check "-L" "18" "$("$WC" -L < a)"
    check "-cl prints lines first" "3 31" "$("$WC" -cl < a)"
    check "long options" "3 6 29 31 18" "$("$WC" --bytes --max-line-length --chars --words --lines < a)"
    check "-lwmcL with a name" "3 6 29 31 18 a" "$("$WC" -lwmcL a)"
}

# --- several files and totals ---------------------------------------------
test_totals() {
    local out status
    check "two files and a total" "3 6 29 a
1 1 2 b
4 7 31 total" "$("$WC" a b)"
    check "--total=auto, one file" "3 6 29 a" "$("$WC" --total=auto a)"
    check "--total=always, one file" "3 6 29 a
3 6 29 total" "$("$WC" --total=always a)"
    check "--total=only" "4 7 31" "$("$WC" --total=only a b)"
    check "--total=never" "3 6 29 a
1 1 2 b" "$("$WC" --total=never a b)"
    check "--total=always on stdin" "1 1 2
1 1 2 total" "$("$WC" --total=always < b)"
    out=$("$WC" --total=sometimes a 2>&1); status=$?
    check_status "--total with a bad word" 1 "$status"
    check_match "--total with a bad word says so" "sometimes" "$out"
    check "- reads stdin among files" "1 1 2 b
3 6 29 -
4 7 31 total" "$("$WC" b - < a)"
    check "-- ends options" "1 1 2 -l" "$(cp b ./-l && "$WC" -- -l)"
}

# --- names ---------------------------------------------------------------------
test_names() {
    check "a name with a newline is quoted" "1 1 2 'new'\$'\\n''line'" "$("$WC" $'new\nline')"
    cp b 'with space'
    check "a name with a space is not" "1 1 2 with space" "$("$WC" 'with space')"
}

# --- --files0-from ---------------------------------------------------------------
test_files0_from() {
    local out status
    printf 'a\0b\0' > list
    check "--files0-from FILE" "3 6 29 a
1 1 2 b
4 7 31 total" "$("$WC" --files0-from=list)"
    check "--files0-from=- reads names from stdin" "1 1 2 b" "$(printf 'b\0' | "$WC" --files0-from=-)"
    check "--files0-from: last name without NUL" "1 1 2 b" "$(printf 'b' | "$WC" --files0-from=-)"
    check "--files0-from: empty list prints nothing" "" "$(printf '' | "$WC" --files0-from=-)"
    out=$(printf 'a\0\0b\0' | "$WC" --files0-from=- 2>err); status=$?
    check "--files0-from: an empty name, the others counted" "3 6 29 a
1 1 2 b
4 7 31 total" "$out"
    check_status "--files0-from: an empty name" 1 "$status"
    check "--files0-from: the empty name's message" "word_counter: -:2: invalid zero-length file name" "$(cat err)"
    out=$(printf 'b\0-\0' | "$WC" --files0-from=- 2>err); status=$?
    check_status "--files0-from=-: a name '-'" 1 "$status"
    check_match "--files0-from=-: a name '-' is refused" "no file name of '-' allowed" "$(cat err)"
    out=$("$WC" --files0-from=missing 2>&1); status=$?
    check_status "--files0-from: a missing list" 1 "$status"
    check "--files0-from: a missing list's message" "word_counter: cannot open 'missing' for reading: No such file or directory" "$out"
    out=$("$WC" --files0-from=list a 2>&1); status=$?
    check_status "--files0-from with operands" 1 "$status"
    check_match "--files0-from with operands: usage" "cannot be combined.*Try 'word_counter --help'" "$(printf '%s' "$out" | tr '\n' ' ')"
}

# --- bad files: reported, the others still counted -----------------------------
test_bad_files() {
    local out status
    out=$("$WC" a missing b 2>err); status=$?
    check "missing file: the others counted" "3 6 29 a
1 1 2 b
4 7 31 total" "$out"
    check_status "missing file" 1 "$status"
    check "missing file: message" "word_counter: missing: No such file or directory" "$(cat err)"
    out=$("$WC" dir b 2>err); status=$?
    check_status "directory" 1 "$status"
    check "directory: message" "word_counter: dir: Is a directory" "$(cat err)"
    # As GNU wc 9.7: a directory opens, its read fails, and what was
    # counted before the failure (nothing) is printed too.
    check "directory: its zero line, the other counted" "0 0 0 dir
1 1 2 b
1 1 2 total" "$out"
    out=$("$WC" /proc/self/mem b 2>err); status=$?
    check_status "read error (EIO)" 1 "$status"
    check "read error: message" "word_counter: /proc/self/mem: Input/output error" "$(cat err)"
    cp b secret && chmod 000 secret
    if [ "$(id -u)" = 0 ]; then
        out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$WC" secret 2>&1); status=$?
    else
        out=$("$WC" secret 2>&1); status=$?
    fi
    check_status "unreadable file" 1 "$status"
    check "unreadable file: message" "word_counter: secret: Permission denied" "$out"
}

# --- output errors, usage ---------------------------------------------------------
test_usage() {
    local out status
    out=$("$WC" a 2>&1 >/dev/full); status=$?
    check_status "write error on stdout" 1 "$status"
    check "write error: message" "word_counter: write error: No space left on device" "$out"
    # Output far larger than a pipe holds, so that writing goes on after the
    # reader has gone.
    yes b | head -n 200000 | tr '\n' '\0' | "$WC" --files0-from=- 2>err | head -n 1 >/dev/null
    status=${PIPESTATUS[3]}
    check_match "a reader that went away ends it (SIGPIPE, or EPIPE and 1)" '^(141|1)$' "$status"
    out=$("$WC" -x 2>&1 </dev/null); status=$?
    check_status "unknown option" 1 "$status"
    check_match "unknown option: one line and a hint" "^word_counter: .*-x.*
Try 'word_counter --help' for more information.$" "$out"
    out=$("$WC" --help); status=$?
    check_status "--help" 0 "$status"
    check_match "--help shows usage" "Usage: word_counter" "$out"
    out=$("$WC" --version); status=$?
    check_status "--version" 0 "$status"
    check_match "--version" "^word_counter [0-9]+\.[0-9]+\.[0-9]+$" "$out"
}

# --- JSON -----------------------------------------------------------------------------
test_json() {
    local json parsed
    json=$("$WC" --json a $'new\nline' b)
    parsed=$(printf '%s\n' "$json" | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    print(o.get("file", "TOTAL" if o.get("total") else "?"), o["lines"], o["words"], o["chars"])')
    check "--json parses back" "a 3 6 29
new
line 1 1 2
b 1 1 2
TOTAL 5 8 33" "$parsed"
    check "--json on stdin" '{"lines":1,"words":1,"chars":2}' "$("$WC" --json < b)"
    check "--json with -c" '{"bytes":2}' "$("$WC" --json -c < b)"
}

# --- POSIXLY_CORRECT, --log -------------------------------------------------------------
test_env_and_log() {
    local out status
    printf 'a\302\240b c\342\200\200d\n' > nbsp
    check "no-break space splits words" "1 4 8" "$("$WC" < nbsp)"
    check "POSIXLY_CORRECT keeps it in the word" "1 3 8" "$(POSIXLY_CORRECT=1 "$WC" < nbsp)"
    "$WC" --log run.log a >/dev/null
    "$WC" --log run.log b >/dev/null
    check_match "--log appends lines in the log format" '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{3} [0-9]+ - INFO : ' "$(head -n 1 run.log)"
    check_match "--log records the counts" "a: 3 lines, 6 words, 29 chars, 31 bytes" "$(cat run.log)"
    check "--log appends" 2 "$(grep -c 'word_counter started' run.log)"
    out=$("$WC" --log /nonexistent/dir/log a 2>&1); status=$?
    check_status "--log to an impossible path" 1 "$status"
    check_match "--log to an impossible path: message" "^word_counter: /nonexistent/dir/log: No such file or directory$" "$out"
}

run_groups test_selections test_totals test_names test_files0_from test_bad_files test_usage test_json \
    test_env_and_log
