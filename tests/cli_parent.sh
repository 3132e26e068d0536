#!/usr/bin/env bash
# Fault tests for parent (issue 3), run as `tests/cli_parent.sh BUILD_DIR`.
#
# Every run of parent goes through BUILD/helpers/reaper, a child subreaper:
# it inherits whatever parent leaves behind, so each case can assert that
# parent left no zombie and nothing running. Every run has a hard time limit
# (timeout -k), so a hang fails instead of blocking CI. Fake workers are
# tiny sh scripts written next to their case, plus BUILD/helpers/introspect.
#
# Large inputs: 1 GiB and 100 MB on a plain build; on a sanitized build
# (BUILD ending in "sanitize") 64 MiB and 16 MiB, as ASan is ~10x slower.
# PARENT_TEST_BIG / PARENT_TEST_MEDIUM (bytes) override either.
set -u
. tests/lib.sh
. tests/parent_harness.sh

SAMPLE=$(printf ' Python is great to use anyware\nPython combined with twisted is unstoppable ')

case $BUILD in
*sanitize) big=$((64 << 20)) medium=$((16 << 20)) ;;
*) big=$((1 << 30)) medium=$((100 * 1000 * 1000)) ;;
esac
BIG=${PARENT_TEST_BIG:-$big}
MEDIUM=${PARENT_TEST_MEDIUM:-$medium}
size_name() { if [ "$1" -ge $((1 << 30)) ]; then echo "$(($1 >> 30)) GiB"; elif [ "$1" -ge 1000000 ] && [ $(($1 % 1000000)) -eq 0 ]; then echo "$(($1 / 1000000)) MB"; else echo "$(($1 >> 20)) MiB"; fi; }
BIG_NAME=$(size_name "$BIG")
MEDIUM_NAME=$(size_name "$MEDIUM")
# A generous hard limit for streaming BIG bytes through this build.
BIG_LIMIT=$((30 + BIG / (20 << 20)))

# --- 1. happy path, empty input, big input, same as word_counter -----------------

test_happy() {
    run_parent happy 10 -- --text "$SAMPLE" --worker "$WC"
    check_status "1 happy path --text" 0 "$status"
    check "1 happy path --text: the reply" "1 12 76" "$out"
    check "1 happy path --text: nothing on stderr" "" "$err"
    check_clean "1 happy path --text"

    run_parent happy_default 10 -- --json < <(printf '%s' "$SAMPLE")
    check_status "1 happy path, stdin, default worker beside parent, --json" 0 "$status"
    check "1 happy path --json: the reply" '{"lines":1,"words":12,"chars":76}' "$out"
    check_clean "1 happy path --json"

    run_parent empty 10 -- --worker "$WC" < /dev/null
    check_status "1 empty input" 0 "$status"
    check "1 empty input: the reply" "0 0 0" "$out"
    check_clean "1 empty input"

    run_parent empty_text 10 -- --text "" --worker "$WC"
    check "1 empty --text: status and reply" "0 0 0 0" "$status $out"
}

# Also issue 3 item 15: the same run gives the peak RSS for the big input.
test_big() {
    local small
    run_parent rss_small 10 -- --worker "$WC" < <(yes_input 1000000)
    small=$(report_field maxrss_kb)
    run_parent big "$BIG_LIMIT" -- --worker "$WC" < <(yes_input "$BIG")
    check_status "1 $BIG_NAME through the pipe" 0 "$status"
    check "1 $BIG_NAME through the pipe: the counts" "$(yes_counts "$BIG")" "$out"
    check_clean "1 $BIG_NAME through the pipe"
    check_rss "15 peak RSS the same for 1 MB and $BIG_NAME" "$small" "$(report_field maxrss_kb)"
}

# parent < f against word_counter < f, for a list of files; one check. One
# time limit for the whole list: a process start costs tens of ms here.
compare_with_word_counter() {  # NAME FILE...
    local name=$1 bad
    shift
    bad=$(timeout -k 2 300 bash -c '
        for f; do
            expected=$("$WC" < "$f"; echo "status $?")
            actual=$("$PARENT" --worker "$WC" < "$f"; echo "status $?")
            [ "$expected" = "$actual" ] || echo "$f: word_counter [$expected], parent [$actual]"
        done; echo done' _ "$@")
    check "1 $name: parent < f prints what word_counter < f prints ($# files)" done "$bad"
}

test_corpus() {
    local files=() row=0 name fmt rest
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$FIXTURES" -type f -print0 | sort -z)
    compare_with_word_counter "every file of tests/fixtures" "${files[@]}"
    mkdir -p "$SCRATCH/cases"
    files=()
    while IFS=$'\t' read -r name fmt rest; do
        row=$((row + 1))
        [ "$row" = 1 ] && continue  # the header
        printf "$fmt" > "$SCRATCH/cases/$row"
        files+=("$SCRATCH/cases/$row")
    done < "$FIXTURES/cases.tsv"
    compare_with_word_counter "every row of cases.tsv" "${files[@]}"
    files=()
    head -c 300000 /dev/urandom > "$SCRATCH/random.bin" && files+=("$SCRATCH/random.bin")
    yes_input 1000000 > "$SCRATCH/text.txt" && files+=("$SCRATCH/text.txt")
    printf 'a\342\200\250b\n\360\237\230\200\n\377 c' > "$SCRATCH/utf8.txt" && files+=("$SCRATCH/utf8.txt")
    local seed
    for seed in 1 2 3 4 5; do
        [ -x "$GEN_INPUT" ] && "$GEN_INPUT" "$seed" $((seed * 70001)) > "$SCRATCH/gen$seed" && files+=("$SCRATCH/gen$seed")
    done
    compare_with_word_counter "generated inputs" "${files[@]}"
}

# --- 2. the worker cannot be started ---------------------------------------------

test_spawn_errors() {
    run_parent not_found 10 -- --worker "$SCRATCH/no/such/worker" < /dev/null
    check_status "2 worker not found" 127 "$status"
    check_message "2 worker not found" "^parent: worker '$SCRATCH/no/such/worker': not found \(No such file or directory\)$"
    check_clean "2 worker not found"

    run_parent not_dir 10 -- --worker /etc/passwd/worker < /dev/null
    check_status "2 worker path through a file (ENOTDIR)" 127 "$status"
    check_message "2 worker path through a file" "^parent: worker '/etc/passwd/worker': not found \(Not a directory\)$"

    printf '#!/bin/sh\necho 1 2 3\n' > "$SCRATCH/not_executable"
    chmod 644 "$SCRATCH/not_executable"
    run_parent not_executable 10 -- --worker "$SCRATCH/not_executable" < /dev/null
    check_status "2 worker not executable" 126 "$status"
    check_message "2 worker not executable" "^parent: worker '$SCRATCH/not_executable': cannot run \(Permission denied\)$"
    check_clean "2 worker not executable"

    run_parent directory 10 -- --worker "$SCRATCH" < /dev/null
    check_status "2 worker is a directory" 126 "$status"
    check_message "2 worker is a directory" "^parent: worker '$SCRATCH': cannot run \(Permission denied\)$"

    printf '\177ELF garbage\n' > "$SCRATCH/bad_format"
    chmod 755 "$SCRATCH/bad_format"
    run_parent bad_format 10 -- --worker "$SCRATCH/bad_format" < /dev/null
    check_status "2 worker in no executable format (ENOEXEC)" 126 "$status"
    check_message "2 worker in no executable format" "cannot run \(Exec format error\)$"

    printf '#!/nonexistent/interpreter -x\necho 1 2 3\n' > "$SCRATCH/no_interpreter"
    chmod 755 "$SCRATCH/no_interpreter"
    run_parent no_interpreter 10 -- --worker "$SCRATCH/no_interpreter" < /dev/null
    check_status "2 script with a missing interpreter" 127 "$status"
    check_message "2 script with a missing interpreter" "^parent: worker '$SCRATCH/no_interpreter': interpreter '/nonexistent/interpreter' not found \(No such file or directory\)$"
    check_clean "2 script with a missing interpreter"

    # No --worker, none beside parent and none on PATH.
    mkdir -p "$SCRATCH/lonely"
    cp "$PARENT" "$SCRATCH/lonely/parent"
    local e
    e=$(timeout 10 env PATH="$SCRATCH/no/bin" "$SCRATCH/lonely/parent" < /dev/null 2>&1)
    check "2 default worker found nowhere: status and message" \
        "127 parent: worker '$SCRATCH/no/bin/word_counter': not found (No such file or directory)" "$? $e"
}

# --- 3. the worker dies --------------------------------------------------------

test_worker_dies() {
    local w
    w=$(worker sigkill <<< 'head -c 100000 > /dev/null; kill -KILL $$')
    run_parent sigkill 20 -- --worker "$w" < <(yes_input "$MEDIUM")
    check_status "3 worker killed by SIGKILL mid-stream" 137 "$status"
    check_message "3 worker killed by SIGKILL" '^parent: worker killed by signal 9 \(SIGKILL\)$'
    check "3 worker killed by SIGKILL: nothing on stdout" "" "$out"
    check_clean "3 worker killed by SIGKILL"

    w=$(worker sigsegv <<< 'kill -SEGV $$')
    run_parent sigsegv 10 -- --worker "$w" --text "a b"
    check_status "3 worker killed by SIGSEGV" 139 "$status"
    check_message "3 worker killed by SIGSEGV" '^parent: worker killed by signal 11 \(SIGSEGV\)$'

    w=$(worker exit137 <<< 'printf "1 2 3\n"; exit 137')
    run_parent exit137 10 -- --worker "$w" --text "a b" -v
    check_status "3 worker that exits 137 itself" 137 "$status"
    check "3 worker exits 137: stderr says exit status, never signal" \
        "yes no" "$(grep -q 'parent: worker exited with status 137$' "$T/err" && echo yes || echo no) $(grep -q signal "$T/err" && echo yes || echo no)"
    check_match "3 worker exits 137: the -v log says so too" 'processExited: worker exited with status 137' "$err"
    check "3 worker exits 137: nothing on stdout" "" "$out"
    check_clean "3 worker exits 137"
}

# --- 4. the worker does not read ---------------------------------------------------

test_worker_does_not_read() {
    local w
    w=$(worker exit3 <<< 'exit 3')
    run_parent unread 20 -- --worker "$w" < <(head -c "$MEDIUM" /dev/zero)
    check_status "4 worker exits without reading $MEDIUM_NAME: its code, no SIGPIPE death" 3 "$status"
    check_message "4 worker exits without reading" '^parent: worker exited with status 3$'
    check_clean "4 worker exits without reading"

    w=$(worker early_reply <<< 'printf "1 2 3\n"')
    run_parent early_reply 20 -- --worker "$w" < <(head -c "$MEDIUM" /dev/zero)
    check_status "4 worker replies without reading" 0 "$status"
    check "4 worker replies without reading: its reply is used" "1 2 3" "$out"
    check_clean "4 worker replies without reading"
}

# --- 5. the worker floods a pipe -----------------------------------------------------

test_floods() {
    local w rss_small
    w=$(worker stderr_flood <<< 'head -c 10000000 /dev/zero | tr "\0" x >&2; exec "$WC"')
    run_parent stderr_flood 30 -- --worker "$w" --text "$SAMPLE"
    check_status "5 worker writes 10 MB to stderr before reading: no deadlock" 0 "$status"
    check "5 stderr flood: the reply" "1 12 76" "$out"
    check "5 stderr flood: all of it passed through, nothing else" "10000000 10000000" \
        "$(wc -c < "$T/err") $(tr -cd x < "$T/err" | wc -c)"
    check_clean "5 stderr flood"

    w=$(worker echo <<< 'exec cat')
    run_parent echo_small 20 -- --worker "$w" < <(head -c 1000000 /dev/zero)
    rss_small=$(report_field maxrss_kb)
    run_parent echo 60 -- --worker "$w" < <(yes_input "$MEDIUM")
    check_status "5 worker echoes $MEDIUM_NAME to stdout: no deadlock, reply too large" 76 "$status"
    check_message "5 echo: message" '^parent: protocol error: reply larger than 4096 bytes "hello world\\nhello world\\n.*\.\.\."$'
    check "5 echo: nothing on stdout" "" "$out"
    check_clean "5 echo"
    check_rss "5 echo: memory flat, 1 MB vs $MEDIUM_NAME echoed" "$rss_small" "$(report_field maxrss_kb)"
}

# --- 6. the worker never replies: --timeout -------------------------------------------

test_timeouts() {
    local w
    w=$(worker sleeper <<< 'exec sleep 60')
    run_parent timeout 10 -- --worker "$w" --timeout 0.3 < /dev/null
    check_status "6 worker never replies: --timeout" 124 "$status"
    check_message "6 --timeout" '^parent: worker timed out after 0.3s$'
    check_fast "6 --timeout ends it promptly" 3000
    check_clean "6 --timeout"

    w=$(worker ignores_term <<< "trap '' TERM; exec sleep 60")
    run_parent ignores_term 10 -- --worker "$w" --timeout 0.3 --kill-after 0.3 < /dev/null
    check_status "6 worker ignores SIGTERM: SIGKILL after --kill-after" 124 "$status"
    check_fast "6 worker ignores SIGTERM: ended after timeout + kill-after" 3000
    check_clean "6 worker ignores SIGTERM"

    w=$(worker stopped <<< 'kill -STOP $$; exec sleep 60')
    run_parent stopped 10 -- --worker "$w" --timeout 0.3 --kill-after 60 < /dev/null
    check_status "6 stopped (SIGSTOP) worker is ended (SIGCONT after SIGTERM)" 124 "$status"
    check_clean "6 stopped worker"

    w=$(worker exits0_on_term <<< "trap 'printf \"1 2 3\\n\"; exit 0' TERM; sleep 60 & wait")
    run_parent exits0_on_term 10 -- --worker "$w" --timeout 0.3 < /dev/null
    check_status "6 timeout, even if the worker then exits 0" 124 "$status"
    check "6 timeout then exit 0: nothing on stdout" "" "$out"
    check_clean "6 timeout then exit 0"
}

# --- 7. malformed replies --------------------------------------------------------------

test_malformed() {
    local w name fmt quoted long
    long=$(printf 'a%.0s' $(seq 100))
    while IFS='|' read -r name fmt quoted; do
        w=$(worker "bad_$name" <<< "printf '$fmt'")
        run_parent "bad_$name" 10 -- --worker "$w" --text "x"
        check_status "7 malformed reply: $name" 76 "$status"
        check_message "7 malformed reply: $name" "^parent: protocol error: $quoted\$"
        check "7 malformed reply: $name: nothing on stdout" "" "$out"
    done <<EOF
text|hello\n|malformed reply "hello\\\\n"
two numbers|1 2\n|malformed reply "1 2\\\\n"
four numbers|1 2 3 4\n|malformed reply "1 2 3 4\\\\n"
a sign|+1 2 3\n|malformed reply "\+1 2 3\\\\n"
overflow|18446744073709551616 2 3\n|malformed reply "18446744073709551616 2 3\\\\n"
no final newline|1 2 3|malformed reply "1 2 3"
empty line|\n|malformed reply "\\\\n"
truncated quote|$long\n|malformed reply "a{40}\.\.\."
exit 0, no reply||empty reply
EOF
    check_clean "7 malformed replies"

    w=$(worker trickle <<< 'for c in 1 " " 2 " " 3; do printf "%s" "$c"; sleep 0.02; done; printf "\n"')
    run_parent trickle 10 -- --worker "$w" --text x -v
    check_status "7 reply one byte at a time" 0 "$status"
    check "7 reply one byte at a time: parsed" "1 2 3" "$out"
    check "7 reply one byte at a time: in several pieces" yes \
        "$([ "$(grep -c 'outReceived: 1 bytes$' "$T/err")" -ge 3 ] && echo yes || echo no)"
    check_clean "7 reply one byte at a time"
}

# --- 8. a grandchild keeps the worker's stdout open ---------------------------------------

test_grandchild() {
    local w
    w=$(worker grandchild <<< 'sleep 60 & printf "1 2 3\n"')
    run_parent grandchild 10 -- --worker "$w" --text x
    check_status "8 grandchild keeps stdout open: parent ends" 0 "$status"
    check "8 grandchild: the reply" "1 2 3" "$out"
    check_fast "8 grandchild: parent ends promptly (0.5 s linger)" 3000
    check_clean "8 grandchild: killed with the group"
}

# --- 9. parent's stdout fails ---------------------------------------------------------

test_stdout_errors() {
    STDOUT_CLOSED=1 run_parent stdout_closed 10 -- --worker "$WC" --text "a b"
    check_status "9 parent's stdout closed" 125 "$status"
    check_message "9 parent's stdout closed" '^parent: write error: Bad file descriptor$'
    check_clean "9 parent's stdout closed: worker reaped"

    run_parent reader_gone 10 --broken-stdout -- --worker "$WC" --text "a b"
    check_status "9 reader of parent's stdout went away" 125 "$status"
    check_message "9 reader went away" '^parent: write error: Broken pipe$'
    check_clean "9 reader went away: worker reaped"
}

# --- 10. signals to parent ---------------------------------------------------------

# signal_parent NAME SIGNAL WORKER [PARENT_ARG]...: parent dies of SIGNAL.
signal_parent() {
    local name=$1 sig=$2 w=$3 ppid wpid
    shift 3
    start_parent "$name" 15 -- --worker "$w" "$@" < /dev/null
    wait_for_file "$T/worker_pids"
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    wpid=$(head -n 1 "$T/worker_pids")
    kill -s "$sig" "$ppid"
    finish_parent
    check_status "10 SIG$sig to parent ($name): parent dies of it" "$((128 + $(kill -l "$sig")))" "$status"
    check "10 SIG$sig to parent ($name): killed by the signal, not an exit" "$(kill -l "$sig")" "$(report_field signal)"
    check "10 SIG$sig to parent ($name): worker group gone" gone \
        "$(kill -0 -- "-$wpid" 2> /dev/null && echo running || echo gone)"
    check_clean "10 SIG$sig to parent ($name)"
}

test_signals() {
    local sleeper stubborn
    sleeper=$(worker sig_sleeper <<< 'exec sleep 60')
    stubborn=$(worker sig_stubborn <<< "trap '' INT TERM HUP; exec sleep 60")
    signal_parent sigint INT "$sleeper"
    signal_parent sigterm TERM "$sleeper"
    signal_parent sighup HUP "$sleeper"
    signal_parent sigterm_stubborn TERM "$stubborn" --kill-after 0.3

    start_parent sigkill_parent 15 -- --worker "$sleeper" < /dev/null
    wait_for_file "$T/worker_pids"
    wait_for_file "$T/pid"
    kill -KILL "$(cat "$T/pid")"
    finish_parent
    check_status "10 parent killed with SIGKILL" 137 "$status"
    # Its worker cannot be reaped by a dead parent: only lingering counts here.
    check "10 parent killed with SIGKILL: the worker does not linger" "lingering=0 marked=0" \
        "lingering=$(report_field lingering) marked=$(count_marked)"

    # word_counter waiting on a stdin that never ends (a FIFO held open here).
    local fifo=$SCRATCH/fifo ppid i
    mkfifo "$fifo"
    exec 9<> "$fifo"
    start_parent sigkill_parent_wc 15 -- --worker "$WC" < "$fifo"
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    for i in $(seq 500); do
        [ -s "/proc/$ppid/task/$ppid/children" ] && break
        sleep 0.01
    done
    kill -KILL "$ppid"
    finish_parent
    exec 9>&-
    check "10 parent killed with SIGKILL: a word_counter worker reading stdin does not linger" \
        "137 lingering=0 marked=0" "$status lingering=$(report_field lingering) marked=$(count_marked)"
}

# --- 11. what the worker inherits ----------------------------------------------------

test_inheritance() {
    exec 7< /dev/null 8> /dev/null
    run_parent inherit_fds 10 -- --worker "$INTROSPECT" --text x
    exec 7<&- 8>&-
    check "11 worker sees only fds 0-2 (parent started with 7 and 8 open)" \
        "0 0 0 0 fds=0,1,2" "$status $out $(head -n 1 "$T/introspect" | cut -d' ' -f1)"

    run_parent inherit_signals 10 --ignore 13 --ignore 1 --ignore 32 --ignore 33 --block 2 --block 10 --block 15 --block 17 \
        -- --worker "$INTROSPECT" --text x
    check "11 worker signals with parent started with SIGPIPE, SIGHUP, glibc's 32 and 33 ignored, signals blocked" \
        "0 sigpipe=default pgid_is_pid=yes SigBlk: 0000000000000000 SigIgn: 0000000000000000" \
        "$status $(head -n 1 "$T/introspect" | cut -d' ' -f2-) $(sed -n 2,3p "$T/introspect" | tr -s '\t\n' '  ' | sed 's/ $//')"
    check_clean "11 worker signals"

    local w
    w=$(worker exit3_chld <<< 'exit 3')
    run_parent sigchld_ignored 10 --ignore 17 -- --worker "$w" --text x
    check_status "11 parent started with SIGCHLD ignored still gets the exit status" 3 "$status"
    check_clean "11 SIGCHLD ignored"
}

# --- 12. a storm of signals ---------------------------------------------------------

test_storm() {
    local ppid storm
    start_parent storm "$BIG_LIMIT" -- --worker "$WC" < <(yes_input "$BIG")
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    (
        while kill -0 "$ppid" 2> /dev/null; do
            for _ in 1 2 3 4 5; do kill -WINCH "$ppid"; kill -CHLD "$ppid"; done 2> /dev/null
            kill -STOP "$ppid" 2> /dev/null
            kill -CONT "$ppid" 2> /dev/null
            sleep 0.005
        done
    ) &
    storm=$!
    finish_parent
    kill "$storm" 2> /dev/null
    wait "$storm" 2> /dev/null
    check_status "12 storm of SIGWINCH, SIGCHLD, SIGSTOP/SIGCONT during $BIG_NAME" 0 "$status"
    check "12 storm: same counts" "$(yes_counts "$BIG")" "$out"
    check "12 storm: no error (EINTR) on stderr" "" "$err"
    check_clean "12 storm"
}

# --- 13. kinds of stdin -------------------------------------------------------------

test_stdin_kinds() {
    local f=$SCRATCH/stdin.txt
    printf '%s' "$SAMPLE" > "$f"
    run_parent stdin_file 10 -- --worker "$WC" < "$f"
    check "13 stdin a regular file" "0 1 12 76" "$status $out"
    run_parent stdin_pipe 10 -- --worker "$WC" < <(cat "$f")
    check "13 stdin a pipe" "0 1 12 76" "$status $out"
    run_parent stdin_null 10 -- --worker "$WC" < /dev/null
    check "13 stdin /dev/null" "0 0 0 0" "$status $out"
    # Not an empty input: an error, as for word_counter and cat.
    STDIN_CLOSED=1 run_parent stdin_closed 10 -- --worker "$WC"
    check "13 stdin closed: no counts, parent's own failure" "125 " "$status $out"
    check_message "13 stdin closed" '^parent: read error: standard input: Bad file descriptor$'
    check_clean "13 stdin closed"
    local big=$SCRATCH/stdin_big.txt fifo=$SCRATCH/stdin_fifo
    yes_input 3000000 > "$big"
    run_parent stdin_big_file 20 -- --worker "$WC" < "$big"
    check "13 stdin a regular file larger than any pipe" "0 $(yes_counts 3000000)" "$status $out"
    # bash's read takes the first line and seeks back to just after it.
    { IFS= read -r _; run_parent stdin_offset 20 -- --worker "$WC"; } < "$big"
    check "13 stdin a regular file, from where the caller left it" "0 $(yes_counts 2999988)" "$status $out"
    rm -f "$fifo"
    mkfifo "$fifo"
    yes_input 3000000 > "$fifo" &
    run_parent stdin_fifo 20 -- --worker "$WC" < "$fifo"
    wait $!
    check "13 stdin a FIFO" "0 $(yes_counts 3000000)" "$status $out"
    check_clean "13 stdin a FIFO"
    out=$(timeout -k 2 20 "$BUILD/helpers/socket_stdin" "$PARENT" --worker "$WC" < "$big")
    check "13 stdin a Unix stream socket" "0 $(yes_counts 3000000)" "$? $out"
    if [ -r /proc/1/cmdline ]; then  # regular, but procfs cannot splice it
        run_parent stdin_procfs 10 -- --worker "$WC" < /proc/1/cmdline
        check "13 stdin a /proc file (splice refuses: read/write)" "0 $("$WC" < /proc/1/cmdline)" "$status $out"
    fi
    local tty
    tty=$(printf 'hello world\n\004' |
        timeout -k 2 10 script -qec "'$PARENT' --worker '$WC'; echo \"status \$?\"" /dev/null | tr -d '\r')
    check "13 stdin a terminal (script)" "hello world|1 2 12|status 0" "$(printf '%s' "$tty" | paste -sd '|')"
}

# --- 14. the -v log ----------------------------------------------------------------

test_verbose_log() {
    run_parent verbose 10 -- --worker "$WC" -v < <(printf '%s' "$SAMPLE")
    check "14 -v: status and reply" "0 1 12 76" "$status $out"
    local stamp='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{3} [0-9]+ - INFO : '
    check "14 -v: every line in the seed's format" "" "$(printf '%s\n' "$err" | grep -Ev "$stamp")"
    local events
    events=$(printf '%s\n' "$err" | sed -E "s/$stamp//; s/[: ].*//" | paste -sd ' ')
    check_match "14 -v: connectionMade first, processEnded then Total last" \
        '^connectionMade .*processEnded Total$' "$events"
    local order
    order=$(printf '%s\n' $events | grep -n . | sed -n 's/^\([0-9]*\):\(inConnectionLost\|processExited\|processEnded\)$/\2=\1/p' | paste -sd ' ')
    local in exited ended
    in=$(printf '%s\n' $order | sed -n 's/inConnectionLost=//p')
    exited=$(printf '%s\n' $order | sed -n 's/processExited=//p')
    ended=$(printf '%s\n' $order | sed -n 's/processEnded=//p')
    check "14 -v: inConnectionLost and processExited before processEnded, once each" yes \
        "$([ -n "$in" ] && [ -n "$exited" ] && [ "$in" -lt "$ended" ] && [ "$exited" -lt "$ended" ] && echo yes || echo "no: $events")"
    check_match "14 -v: the total" 'INFO : Total Lines: 1, Words: 12 and Characters: 76$' "$err"
    check_match "14 -v: connectionMade names the pid" 'INFO : connectionMade: worker pid [0-9]+$' "$err"
}

# --- options ------------------------------------------------------------------------

test_options() {
    local o
    o=$("$PARENT" --help); check "options: --help" "0 yes" "$? $(grep -q -- --kill-after <<< "$o" && echo yes)"
    o=$("$PARENT" --version); check "options: --version" "0 parent 1.0.0" "$? $o"
    o=$("$PARENT" --bogus 2>&1); check "options: usage error is 125" "125" "$?"
    check_match "options: usage error message" "^parent: .*bogus.*"$'\n'"Try 'parent --help'" "$o"
    o=$("$PARENT" --timeout 1x --text a 2>&1); check "options: bad duration is 125" "125" "$?"
    check_match "options: bad duration message" "invalid duration '1x'" "$o"
}

# --- 16. the same through read/write ---------------------------------------

# Every case above ran on the splice path where the kernel allows it; those
# that stream input (pipes, files, terminals, big inputs, faults mid-stream)
# run again with splice turned off.
test_without_splice() {
    local t
    for t in test_happy test_corpus test_big test_worker_dies test_worker_does_not_read \
        test_floods test_storm test_stdin_kinds; do
        PARENT_NO_SPLICE=1 CASE_SUFFIX=" (PARENT_NO_SPLICE=1)" "$t"
    done
}

test_options
test_happy
test_corpus
test_big
test_spawn_errors
test_worker_dies
test_worker_does_not_read
test_floods
test_timeouts
test_malformed
test_grandchild
test_stdout_errors
test_signals
test_inheritance
test_storm
test_stdin_kinds
test_verbose_log
test_without_splice
