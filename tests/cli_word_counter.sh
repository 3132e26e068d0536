#!/usr/bin/env bash
# word_counter as a user runs it: count selections, several files and
# totals, names, --files0-from, bad files, write errors and usage errors,
# closed standard fds, --json, POSIXLY_CORRECT and --log. The expected
# messages are GNU wc 9.7's (with word_counter for wc). Run as
# `tests/cli_word_counter.sh BUILD_DIR [GROUP]...` (see tests/lib.sh).
LEAK_SCAN=0 . "$(dirname "$0")/lib.sh"
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
    local out status
    check "a name with a newline is quoted" "1 1 2 'new'\$'\\n''line'" "$("$WC" $'new\nline')"
    cp b 'with space'
    check "a name with a space is not" "1 1 2 with space" "$("$WC" 'with space')"
    cp b $'tab\there' && cp b $'1\300\n.txt' && cp b $'\n\nb'
    check "a name with a tab and no newline is not" $'1 1 2 tab\there' "$("$WC" $'tab\there')"
    check "names with newlines and invalid UTF-8" "1 1 2 '1'\$'\\300\\n''.txt'
1 1 2 ''\$'\\n\\n''b'
2 2 4 total" "$("$WC" $'1\300\n.txt' $'\n\nb')"
    out=$("$WC" 'a b' 'c:d' "it's" $'x\001' '~x' x~ 2>&1 >/dev/null); status=$?
    check_status "names in messages" 1 "$status"
    check "names in messages are quoted as a shell needs them" "word_counter: 'a b': No such file or directory
word_counter: 'c:d': No such file or directory
word_counter: \"it's\": No such file or directory
word_counter: 'x'\$'\\001': No such file or directory
word_counter: '~x': No such file or directory
word_counter: x~: No such file or directory" "$out"
    out=$("$WC" '' b 2>err); status=$?
    check_status "a zero-length operand" 1 "$status"
    check "a zero-length operand: the others counted, and it counts towards the total" "1 1 2 b
1 1 2 total" "$out"
    check "a zero-length operand: message" "word_counter: invalid zero-length file name" "$(cat err)"
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
    # A list in a regular file on stdin is used up (GNU wc reads it whole and
    # closes it): /dev/stdin in it is no such file, not the list once more.
    # From a pipe, /dev/stdin is what is left of it.
    printf '/dev/stdin\0b\0' > stdin_list
    out=$("$WC" --files0-from=- < stdin_list 2>&1); status=$?
    check "--files0-from=- from a regular file: /dev/stdin in it is no such file" \
        "word_counter: /dev/stdin: No such file or directory|1 1 2 b|1 1 2 total|status 1" \
        "$(printf '%s' "$out" | paste -sd '|')|status $status"
    out=$(cat stdin_list | "$WC" --files0-from=- 2>&1); status=$?
    check "--files0-from=- from a pipe: /dev/stdin in it is what is left of the pipe" \
        "0 0 0 /dev/stdin|1 1 2 b|1 1 2 total|status 0" "$(printf '%s' "$out" | paste -sd '|')|status $status"
    out=$(printf 'a\0\0b\0' | "$WC" --files0-from=- 2>err); status=$?
    check "--files0-from: an empty name, the others counted" "3 6 29 a
1 1 2 b
4 7 31 total" "$out"
    check_status "--files0-from: an empty name" 1 "$status"
    check "--files0-from: the empty name's message" "word_counter: -:2: invalid zero-length file name" "$(cat err)"
    out=$(printf 'b\0-\0' | "$WC" --files0-from=- 2>err); status=$?
    check_status "--files0-from=-: a name '-'" 1 "$status"
    check "--files0-from=-: a name '-' is refused, and counts towards the total" "1 1 2 b
1 1 2 total" "$out"
    check "--files0-from=-: a name '-': message" "word_counter: when reading file names from stdin, no file name of '-' allowed" "$(cat err)"
    out=$(printf '\0b\0' | "$WC" -lwc --files0-from=- 2>err); status=$?
    check "--files0-from: a rejected name counts towards --total=auto" "1 1 2 b
1 1 2 total" "$out"
    check "--files0-from: a rejected name: message" "word_counter: -:1: invalid zero-length file name" "$(cat err)"
    out=$(printf '\0\0' | "$WC" -lwc --files0-from=- 2>err); status=$?
    check_status "--files0-from: two empty names" 1 "$status"
    check "--files0-from: two empty names print a zero total" "0 0 0 total" "$out"
    check "--files0-from: two empty names: messages" "word_counter: -:1: invalid zero-length file name
word_counter: -:2: invalid zero-length file name" "$(cat err)"
    printf 'b\0\0missing\0' > 'files0 with x'
    out=$("$WC" --files0-from='files0 with x' 2>&1 >/dev/null)
    check "--files0-from: the list's name quoted in messages" "word_counter: 'files0 with x':2: invalid zero-length file name
word_counter: missing: No such file or directory" "$out"
    mkdir -p 'dir with spaces'
    out=$("$WC" --files0-from='dir with spaces' 2>&1); status=$?
    check_status "--files0-from: a directory" 1 "$status"
    check "--files0-from: a directory: read error" "word_counter: 'dir with spaces': read error: Is a directory" "$out"
    check "--files0-from=- on a directory" "word_counter: -: read error: Is a directory" "$("$WC" --files0-from=- 2>&1 < dir)"
    out=$("$WC" --files0-from= 2>&1); status=$?
    check_status "--files0-from with an empty name" 1 "$status"
    check "--files0-from with an empty name: message" "word_counter: cannot open '' for reading: No such file or directory" "$out"
    check "--files0-from: the last one given wins" "1 1 2 b" "$(printf 'b\0' | "$WC" --files0-from=missing --files0-from=-)"
    out=$("$WC" --files0-from=missing 2>&1); status=$?
    check_status "--files0-from: a missing list" 1 "$status"
    check "--files0-from: a missing list's message" "word_counter: cannot open 'missing' for reading: No such file or directory" "$out"
    out=$("$WC" --files0-from=list a b 2>&1); status=$?
    check_status "--files0-from with operands" 1 "$status"
    check "--files0-from with operands: usage" "word_counter: extra operand 'a'
file operands cannot be combined with --files0-from
Try 'word_counter --help' for more information." "$out"
    # Names go out as they come in: each line is printed before the next
    # name is read (a list from a pipe may be written as the counts come).
    local line1 line2
    coproc LIST { "$WC" --files0-from=- 2>&1; }
    printf 'b\0' >&"${LIST[1]}"
    IFS= read -r -t 10 line1 <&"${LIST[0]}"
    printf '\0' >&"${LIST[1]}"
    IFS= read -r -t 10 line2 <&"${LIST[0]}"
    exec {LIST[1]}>&-
    wait "$LIST_PID"
    check "--files0-from=-: each count as soon as its name is read" "1 1 2 b|word_counter: -:2: invalid zero-length file name" "$line1|$line2"
    # A read error right after a last name without its NUL (a non-blocking
    # empty pipe: EAGAIN) is still said, as GNU wc 9.7 says it.
    printf 'x\n' > "$SCRATCH/nb_name"
    check "--files0-from=-: a read error after a last name without its NUL" \
        "1 $SCRATCH/nb_name|word_counter: -: read error: Resource temporarily unavailable|status 1" \
        "$(/usr/bin/python3 - "$WC" "$SCRATCH/nb_name" <<'EOF' | paste -sd '|'
import fcntl, os, subprocess, sys
r, w = os.pipe()
fcntl.fcntl(r, fcntl.F_SETFL, os.O_NONBLOCK)
os.write(w, sys.argv[2].encode())
p = subprocess.Popen([sys.argv[1], "-l", "--files0-from=-"], stdin=r,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
os.close(r)
print(p.communicate(timeout=20)[0].decode() + "status %d" % p.returncode)
EOF
)"
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
    check "directory: its line, then its message (one stream)" "0 0 0 dir
word_counter: dir: Is a directory
1 1 2 b
1 1 2 total" "$("$WC" dir b 2>&1)"
    # As GNU wc 9.7: a directory opens, its read fails, and what was
    # counted before the failure (nothing) is printed too.
    check "directory: its zero line, the other counted" "0 0 0 dir
1 1 2 b
1 1 2 total" "$out"
    out=$("$WC" < dir 2>err); status=$?
    check "standard input a directory: its zero line" "0 0 0" "$out"
    check "standard input a directory: message" "word_counter: 'standard input': Is a directory" "$(cat err)"
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
    check "unknown option: the fault, as getopt says it" "word_counter: invalid option -- 'x'" "${out%%$'\n'*}"
    check "unknown option: then the hint, and nothing else" \
        "Try 'word_counter --help' for more information." "${out#*$'\n'}"
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
    parsed=$(printf '%s\n' "$json" | /usr/bin/python3 -c '
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
    check "--json --total=only marks the total" '{"total":true,"lines":4,"words":7,"chars":31}' "$("$WC" --json --total=only a b)"
    cp b $'caf\xe9' && cp b $'caf\xc3\xa9' && cp b $'\xfe\xfe'
    json=$("$WC" --json $'caf\xe9' $'caf\xc3\xa9' $'\xfe\xfe')
    check "--json: a name that is not UTF-8 is its bytes in base64" '{"file_bytes":"Y2Fm6Q==","lines":1,"words":1,"chars":2}
{"file":"café","lines":1,"words":1,"chars":2}
{"file_bytes":"/v4=","lines":1,"words":1,"chars":2}
{"total":true,"lines":3,"words":3,"chars":6}' "$json"
    parsed=$(printf '%s\n' "$json" | /usr/bin/python3 -c '
import base64, json, sys
for line in sys.stdin:
    o = json.loads(line)  # strict: fails on anything but UTF-8 JSON
    if "file_bytes" in o:
        print(base64.b64decode(o["file_bytes"]).hex())
    elif "file" in o:
        print(o["file"].encode().hex())')
    check "--json: every line parses, and gives the names back byte for byte" "636166e9
636166c3a9
fefe" "$parsed"
}

# --- totals past 2^64-1 ----------------------------------------------------------------------
# Sparse files of 2^62+1 bytes, counted by their size: four pass 2^64. They
# need a file system that takes such sizes (tmpfs does; ext4 stops at 16 TiB).
test_total_overflow() {
    local dir out status big
    for dir in "$SCRATCH" /dev/shm "${XDG_RUNTIME_DIR:-/run/user/$(id -u)}" /tmp; do
        big=$(mktemp -p "$dir" wc-big.XXXXXX 2>/dev/null) || continue
        truncate -s 4611686018427387905 "$big" 2>/dev/null && break
        rm -f "$big"; big=
    done
    if [ -z "$big" ]; then
        not_ok "a file system that takes a file of 2^62+1 bytes (tmpfs)"
        return
    fi
    out=$("$WC" -c --total=only "$big" "$big" "$big" "$big" 2>err); status=$?
    check_status "--total=only past 2^64-1" 1 "$status"
    check "--total=only past 2^64-1 prints 2^64-1" "18446744073709551615" "$out"
    check "--total=only past 2^64-1: message" "word_counter: total bytes: Value too large for defined data type" "$(cat err)"
    out=$("$WC" -c "$big" "$big" "$big" "$big" 2>&1 | sed "s|$big|BIG|")
    check "past 2^64-1: each file, the message, then the total" "4611686018427387905 BIG
4611686018427387905 BIG
4611686018427387905 BIG
4611686018427387905 BIG
word_counter: total bytes: Value too large for defined data type
18446744073709551615 total" "$out"
    "$WC" -c --total=never "$big" "$big" "$big" "$big" > /dev/null 2>err; status=$?
    check "--total=never: no total, no overflow" "0:" "$status:$(cat err)"
    rm -f "$big"
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
    out=$(WORD_COUNTER_ISA=sse9 "$WC" a 2>err); status=$?
    check "unknown WORD_COUNTER_ISA: counted all the same" "0:3 6 29 a" "$status:$out"
    check "unknown WORD_COUNTER_ISA: one warning" \
        "word_counter: ignoring invalid value of environment variable WORD_COUNTER_ISA: 'sse9'" "$(cat err)"
    out=$(WORD_COUNTER_ISA=$'x\ny' "$WC" --batch < /dev/null 2>&1)
    check "unknown WORD_COUNTER_ISA: in --batch too, quoted" \
        "word_counter: ignoring invalid value of environment variable WORD_COUNTER_ISA: 'x'$'\\n''y'" "$out"
    check "empty or known WORD_COUNTER_ISA: no warning" "" \
        "$(for isa in '' scalar avx2 avx512; do WORD_COUNTER_ISA=$isa "$WC" a 2>&1 >/dev/null; done)"
}

# --- a log that cannot be opened or written --------------------------------------------
test_log_errors() {
    local out status
    out=$("$WC" --log /nonexistent/dir/log --total=always a 2>&1); status=$?
    check_status "--log to an impossible path" 1 "$status"
    check "--log to an impossible path: nothing counted, a message" "word_counter: cannot open log '/nonexistent/dir/log': No such file or directory" "$out"
    out=$("$WC" --log dir a 2>&1); status=$?
    check_status "--log to a directory" 1 "$status"
    check "--log to a directory: message" "word_counter: cannot open log 'dir': Is a directory" "$out"
    out=$("$WC" --log '' a 2>&1); status=$?
    check_status "--log with an empty name" 1 "$status"
    check "--log with an empty name: message" "word_counter: cannot open log '': No such file or directory" "$out"
    # A descriptor it was given is written to as it is; one it was not is
    # no such file.
    rm -f fd.log
    out=$("$WC" --log /dev/fd/3 a 3>> fd.log 2>&1); status=$?
    check "--log /dev/fd/3: the counts, and the log on fd 3" "0|3 6 29 a|4" \
        "$status|$out|$(grep -c ' - INFO : ' fd.log)"
    printf 'kept\n' > fd.log
    "$WC" --log /dev/fd/3 a 3<> fd.log > /dev/null
    check "--log /dev/fd/3 on a file opened read-write: appended to, as any log" "kept|4" \
        "$(head -n 1 fd.log)|$(grep -c ' - INFO : ' fd.log)"
    out=$("$WC" --log /dev/fd/9 a 2>&1 9>&-); status=$?
    check "--log /dev/fd/9, fd 9 not open: no such file" \
        "1|word_counter: cannot open log '/dev/fd/9': No such file or directory" "$status|$out"
    out=$("$WC" --log /dev/full a missing 2>err); status=$?
    check_status "--log that cannot be written" 1 "$status"
    check "--log that cannot be written: the counts still printed" "3 6 29 a
3 6 29 total" "$out"
    check "--log that cannot be written: said once" "word_counter: cannot write log '/dev/full': No space left on device
word_counter: missing: No such file or directory" "$(cat err)"
    # A log in a pipe whose reader goes away once it is open (`--log
    # >(head -n 1)`): a write error, said once, not a SIGPIPE that ends the
    # run with nothing said and the counts lost. The reader here is this
    # shell's, closed once word_counter holds the pipe and waits for input.
    local mode rw req pid
    for mode in stream batch; do
        rm -f logpipe inpipe
        mkfifo logpipe inpipe
        exec {rw}<> logpipe
        if [ "$mode" = stream ]; then
            "$WC" --log logpipe < inpipe > out 2> err {rw}<&- &
        else
            "$WC" --batch --log logpipe < inpipe > out 2> err {rw}<&- &
        fi
        pid=$!
        exec {req}> inpipe
        wait_until holds_open "$pid" "$PWD/logpipe" || not_ok "--log to a pipe ($mode): opened"
        exec {rw}<&-
        if [ "$mode" = stream ]; then cat a >&"$req"; else printf 'count a\0' >&"$req"; fi
        exec {req}>&-
        wait "$pid"
        check "--log to a pipe whose reader went away ($mode): status 1, the counts, said once" \
            "1|3 6 29|word_counter: cannot write log 'logpipe': Broken pipe" "$?|$(cat out)|$(cat err)"
    done
}

# --- closed standard fds: as GNU wc 9.7 --------------------------------------------------
test_closed_fds() {
    local out status
    # A list named by a standard descriptor that was closed: no such file, as
    # GNU wc 9.7 says.
    out=$("$WC" --files0-from=/dev/stdin 2>&1 <&-); status=$?
    check "--files0-from=/dev/stdin, stdin closed: no such file" \
        "word_counter: cannot open '/dev/stdin' for reading: No such file or directory|1" "$out|$status"
    # Any spelling of a closed standard descriptor's name, not only the
    # usual ones: no such file, as GNU wc 9.7 says (not the placeholder).
    out=$("$WC" b /dev/./stdin //dev/fd/0 2>&1 <&-); status=$?
    check "/dev/./stdin and //dev/fd/0, stdin closed: no such file" \
        "1 1 2 b|1 1 2 total|word_counter: //dev/fd/0: No such file or directory|word_counter: /dev/./stdin: No such file or directory|1" \
        "$(printf '%s' "$out" | sort | paste -sd '|')|$status"
    out=$("$WC" b 2>&1 >&-); status=$?
    check_status "stdout closed" 1 "$status"
    check "stdout closed: write error" "word_counter: write error: Bad file descriptor" "$out"
    rm -f closed.log
    "$WC" --log closed.log b >&- 2>/dev/null; status=$?
    check_status "stdout closed, --log" 1 "$status"
    check "stdout closed: the log did not take the counts" "" "$(grep -v ' - [A-Z]* : ' closed.log)"
    "$WC" --log closed.log missing 2>&-; status=$?
    check_status "stderr closed" 1 "$status"
    check "stderr closed: the log did not take the messages" "" "$(grep 'word_counter: ' closed.log)"
    out=$("$WC" 2>&1 <&-); status=$?
    check_status "stdin closed" 1 "$status"
    check "stdin closed: its zero line, a read error, and the error closing it" "0 0 0
word_counter: 'standard input': Bad file descriptor
word_counter: -: Bad file descriptor" "$out"
    out=$("$WC" b - 2>&1 <&-)
    check "stdin closed, read as -" "1 1 2 b
0 0 0 -
word_counter: -: Bad file descriptor
1 1 2 total
word_counter: -: Bad file descriptor" "$out"
    check "stdin closed, names from it" "word_counter: -: read error: Bad file descriptor" "$("$WC" --files0-from=- 2>&1 <&-)"
    # Its names are no file while it is closed, as GNU wc 9.7 says: the
    # placeholder on fd 0 is not what they name.
    out=$("$WC" /dev/stdin b /dev/fd/0 2>&1 <&-); status=$?
    check_status "stdin closed, read as /dev/stdin and /dev/fd/0" 1 "$status"
    check "stdin closed, read as /dev/stdin and /dev/fd/0: no such file" "word_counter: /dev/stdin: No such file or directory
1 1 2 b
word_counter: /dev/fd/0: No such file or directory
1 1 2 total" "$out"
    check "--log on fd 3, /dev/fd/3 read: not the log, no such file" \
        "word_counter: /dev/fd/3: No such file or directory" \
        "$("$WC" --log "$SCRATCH/fd3.log" /dev/fd/3 2>&1 3<&-)"
    check "stdout closed, /dev/stdout read: no such file, then the write error" \
        "word_counter: /dev/stdout: No such file or directory
word_counter: write error: Bad file descriptor" "$("$WC" /dev/stdout b 2>&1 >&-)"
    out=$("$WC" --help 2>&1 >&-); status=$?
    check_status "--help, stdout closed" 1 "$status"
    check "--help, stdout closed: write error" "word_counter: write error: Bad file descriptor" "$out"
}

# --- the request mode (--batch) ---------------------------------------------
test_batch() {
    local out status
    printf 'a b\n' > 'two words'
    printf 'one\n' > $'new\nline'
    out=$(printf 'count %s\0' a 'two words' $'new\nline' nope dir | "$WC" --batch)
    check "--batch: counts, a name with a space or a newline, open and read errors" \
        "3 6 29|1 2 4|1 1 4|open-error 2|read-error 21 0 0 0" "$(printf '%s' "$out" | paste -sd '|')"
    out=$(printf 'range 4 9 a\0range 0 100 b\0range 1 1 b' | "$WC" --batch -lc)
    check "--batch -lc: ranges, one past the end (shrank), the last request without its NUL" \
        "1 9|shrank 1 2|1 1" "$(printf '%s' "$out" | paste -sd '|')"
    out=$(printf 'range %s a\0' '100 5' '9223372036854775807 1' '18446744073709551615 1' '29 0' |
        "$WC" --batch -lc)
    check "--batch: a range past a file's end, past any off_t, or empty at the end: shrank, or nothing" \
        "shrank 0 0|shrank 0 0|shrank 0 0|0 0" "$(printf '%s' "$out" | paste -sd '|')"
    out=$(printf 'count-below %s\0' '4 two words' '5 two words' '0 dir' '1 nope' | "$WC" --batch -c)
    check "--batch: count-below, a regular file at the limit is large, under it counted" \
        "large 4|4|read-error 21 0|open-error 2" "$(printf '%s' "$out" | paste -sd '|')"
    # A request longer than a read (64 KiB, so it spans several) between
    # others: each answered in its turn.
    out=$({ printf 'count a\0count '; head -c 200000 /dev/zero | tr '\0' x; printf '\0count a\0count a'; } |
        "$WC" --batch)
    check "--batch: a request of 200,000 bytes among others, each answered in turn" \
        "3 6 29|open-error 36|3 6 29|3 6 29" "$(printf '%s' "$out" | paste -sd '|')"
    out=$(printf 'size a\0count \0range 1 a\0count b\0' | "$WC" --batch); status=$?
    check "--batch: malformed requests are answered, the next goes on" \
        "0|bad-request|bad-request|bad-request|1 1 2" "$status|$(printf '%s' "$out" | paste -sd '|')"
    # Its own descriptors by any spelling, and a terminal (/dev/ptmx opens
    # a new one), are its caller's to read; reading them would wait on the
    # requests, the replies or the terminal.
    out=$(printf 'count %s\0' /dev/./stdin //dev/stdout /proc/self/../self/fd/2 /dev/ptmx a |
        timeout -k 2 10 "$WC" --batch 2> /dev/null)
    check "--batch: its own stdin, stdout, stderr by other spellings, a terminal: caller-reads" \
        "caller-reads|caller-reads|caller-reads|caller-reads|3 6 29" "$(printf '%s' "$out" | paste -sd '|')"
    out=$("$WC" --batch a 2>&1 < /dev/null); status=$?
    check "--batch with an operand: a usage error" "1" "$status"
    check_match "--batch with an operand: says so" "^word_counter: --batch reads its requests" "$out"
    # --log as without --batch: one that cannot be opened ends the run before
    # any request is read; one that cannot be written is said once, and the
    # requests are still answered.
    out=$(printf 'count a\0' | "$WC" --batch --log /nonexistent/dir/log 2>&1); status=$?
    check "--batch --log to an impossible path: nothing answered, a message, status 1" \
        "word_counter: cannot open log '/nonexistent/dir/log': No such file or directory|1" "$out|$status"
    # One log line per request, a name quoted as in messages (a newline in it
    # cannot start a line of its own), a failure at ERROR as without --batch.
    printf 'count %s\0' $'new\nline' nope | "$WC" --batch --log batch.log > /dev/null
    check "--batch --log: a line per request, names quoted, failures at ERROR" \
        "2|1| - INFO : 'new'\$'\\n''line': 4 bytes counted" \
        "$(grep -c . batch.log)|$(grep -c ' - ERROR : nope: No such file or directory$' batch.log)|$(head -n 1 batch.log | sed 's/^[^ ]* [^ ]* [0-9]*//')"
    # The reason is the failure's own, also for a name that is not ASCII
    # (quoting it may leave errno set by the locale's lookup).
    local accented=$'d\303\251'
    mkdir -p "$accented"
    out=$("$WC" --batch --log "$accented" < /dev/null 2>&1); status=$?
    check "--batch --log to a directory with a name not ASCII: its reason" \
        "word_counter: cannot open log '$accented': Is a directory|1" "$out|$status"
    local answers
    answers=$(printf 'count %s\0' a b | "$WC" --batch -l)
    out=$(printf 'count %s\0' a b | "$WC" --batch -l --log /dev/full 2> err); status=$?
    check "--batch --log that cannot be written: answered, said once, status 1" \
        "$answers|word_counter: cannot write log '/dev/full': No space left on device|1" \
        "$out|$(cat err)|$status"
}

# --- when the lines go out -----------------------------------------------------------

# Lines are held and written together, where GNU wc writes each at once;
# they go out first where that shows.
test_output_order() {
    # stdout among the inputs: its count takes in the lines before it. The
    # line counts do not depend on the padding: the system wc's are the
    # reference.
    local mode want got
    for mode in -l -lw; do
        printf 'old\n' > appended
        wc "$mode" a appended >> appended
        want=$(tail -n +2 appended | tr -s ' ' | sed 's/^ //')
        printf 'old\n' > appended
        "$WC" "$mode" a appended >> appended
        got=$(tail -n +2 appended)
        check "stdout appended to an input ($mode): its count takes in the lines before it, as wc's" \
            "$want" "$got"
    done
    # An input that may wait (a FIFO on stdin whose writer has not written):
    # the lines before it are out meanwhile.
    local req pid
    rm -f slowpipe
    mkfifo slowpipe
    "$WC" a - < slowpipe > order.out &
    pid=$!
    exec {req}> slowpipe
    wait_until test -s order.out
    check "a line before an input that waits: out while it waits" "3 6 29 a" "$(cat order.out)"
    printf 'x y\n' >&"$req"
    exec {req}>&-
    wait "$pid"
    check "a line before an input that waits: then the rest" "0|3 6 29 a|1 2 4 -|4 8 33 total" \
        "$?|$(paste -sd '|' order.out)"
}

# --- the leak scan, on every way through word_counter ----------------------------------

# The other groups run without it (LEAK_SCAN=0 above). A leak makes the
# sanitized build print a LeakSanitizer report and exit 1 (or 23).
test_leaks() {
    local runs=() run
    leak_scan_here test_leaks || return
    printf 'a\0dir\0\0missing\0' > list
    runs=("0|-lwmcL a b" "1|--total=always a missing dir" "1|--files0-from=list"
          "0|--json --total=only a b" "0|--log leaks.log a" "0|--tot=al --lin a"
          "1|--bogus" "0|--help" "0|--version")
    for run in "${runs[@]}"; do
        # shellcheck disable=SC2086
        check "no leak: word_counter ${run#*|}" "status ${run%%|*} report 0" \
            "$(leak_run /dev/null "$WC" ${run#*|} < a)"
    done
    check "no leak: word_counter --batch" "status 0 report 0" \
        "$(printf 'count a\0range 2 5 a\0count missing\0nonsense\0' | leak_run /dev/null "$WC" --batch)"
    check "no leak: word_counter < a" "status 0 report 0" "$(leak_run /dev/null "$WC" < a)"
}

run_groups test_selections test_totals test_names test_files0_from test_bad_files test_usage test_json \
    test_env_and_log test_batch test_log_errors test_closed_fds test_total_overflow test_output_order \
    test_leaks
