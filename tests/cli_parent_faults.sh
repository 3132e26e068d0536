#!/usr/bin/env bash
# parent when its worker misbehaves: cannot be started, dies, does not
# read, floods a pipe, never replies (--timeout), replies garbage, leaves a
# grandchild holding its stdout; and when parent's own stdout fails.
# Run as `tests/cli_parent_faults.sh BUILD_DIR [GROUP]...` (see tests/lib.sh); every run of
# parent goes through the reaper (tests/parent_harness.sh), which fails a
# check on any zombie or process left behind.
set -u
LEAK_SCAN=0 . tests/lib.sh  # the leak scan: test_leaks below
. tests/parent_harness.sh

# --- the worker cannot be started ----------------------------------------------

test_spawn_errors() {
    run_parent not_found 10 -- --worker "$SCRATCH/no/such/worker" < /dev/null
    check_status "worker not found" 127 "$status"
    check_message "worker not found" "^parent: worker '$SCRATCH/no/such/worker': not found \(No such file or directory\)$"
    check_clean "worker not found"

    run_parent not_dir 10 -- --worker /etc/passwd/worker < /dev/null
    check_status "worker path through a file (ENOTDIR)" 127 "$status"
    check_message "worker path through a file" "^parent: worker '/etc/passwd/worker': not found \(Not a directory\)$"

    printf '#!/bin/sh\necho 1 2 3\n' > "$SCRATCH/not_executable"
    chmod 644 "$SCRATCH/not_executable"
    run_parent not_executable 10 -- --worker "$SCRATCH/not_executable" < /dev/null
    check_status "worker not executable" 126 "$status"
    check_message "worker not executable" "^parent: worker '$SCRATCH/not_executable': cannot run \(Permission denied\)$"
    check_clean "worker not executable"

    run_parent directory 10 -- --worker "$SCRATCH" < /dev/null
    check_status "worker is a directory" 126 "$status"
    check_message "worker is a directory" "^parent: worker '$SCRATCH': cannot run \(Permission denied\)$"

    printf '\177ELF garbage\n' > "$SCRATCH/bad_format"
    chmod 755 "$SCRATCH/bad_format"
    run_parent bad_format 10 -- --worker "$SCRATCH/bad_format" < /dev/null
    check_status "worker in no executable format (ENOEXEC)" 126 "$status"
    check_message "worker in no executable format" "cannot run \(Exec format error\)$"

    printf '#!/nonexistent/interpreter -x\necho 1 2 3\n' > "$SCRATCH/no_interpreter"
    chmod 755 "$SCRATCH/no_interpreter"
    run_parent no_interpreter 10 -- --worker "$SCRATCH/no_interpreter" < /dev/null
    check_status "script with a missing interpreter" 127 "$status"
    check_message "script with a missing interpreter" "^parent: worker '$SCRATCH/no_interpreter': interpreter '/nonexistent/interpreter' not found \(No such file or directory\)$"
    check_clean "script with a missing interpreter"

    # No --worker, none beside parent and none on PATH.
    mkdir -p "$SCRATCH/lonely"
    cp "$PARENT" "$SCRATCH/lonely/parent"
    local e
    e=$(timeout 10 env PATH="$SCRATCH/no/bin" "$SCRATCH/lonely/parent" < /dev/null 2>&1)
    # What was asked for, and everywhere it was looked for.
    check "default worker found nowhere: status and message" \
        "127 parent: worker 'word_counter': not found in $SCRATCH/lonely, $SCRATCH/no/bin (No such file or directory)" "$? $e"
    e=$(timeout 10 env PATH="$SCRATCH/no/bin:$SCRATCH/nor/here" "$PARENT" --worker no_such_worker < /dev/null 2>&1)
    check "a bare --worker name on no directory of PATH: status and message" \
        "127 parent: worker 'no_such_worker': not found in $SCRATCH/no/bin, $SCRATCH/nor/here (No such file or directory)" "$? $e"
    e=$(timeout 10 "$PARENT" --worker '' < /dev/null 2>&1)
    check "an empty --worker is a usage error" \
        "125 parent: --worker: the path is empty|Try 'parent --help' for more information." \
        "$? $(printf '%s' "$e" | paste -sd '|')"
    # The sanitizers need a few descriptors of their own (UBSan probes memory
    # through a pipe): there the limit leaves room for them, and parent runs
    # out a little later.
    if sanitized; then
        e=$(fd_limit 6 timeout 10 "$PARENT" --worker "$WC" < /dev/null 2>&1)
        check "ulimit -n 6: said in the user's words" \
            "125 parent: too few file descriptors to start a worker (see ulimit -n)" "$? $e"
    else
        e=$(fd_limit 4 timeout 10 "$PARENT" --worker "$WC" < /dev/null 2>&1)
        check "ulimit -n 4: said in the user's words" \
            "125 parent: too few file descriptors to start (see ulimit -n)" "$? $e"
    fi
}

# --- the worker dies -----------------------------------------------------------

test_worker_dies() {
    local w
    w=$(worker sigkill <<< 'head -c 100000 > /dev/null; kill -KILL $$')
    run_parent sigkill 20 -- --worker "$w" < <(yes_input "$MEDIUM")
    check_status "worker killed by SIGKILL mid-stream" 137 "$status"
    check_message "worker killed by SIGKILL" '^parent: worker killed by signal 9 \(SIGKILL\)$'
    check "worker killed by SIGKILL: nothing on stdout" "" "$out"
    check_clean "worker killed by SIGKILL"

    w=$(worker sigsegv <<< 'kill -SEGV $$')
    run_parent sigsegv 10 -- --worker "$w" --text "a b"
    check_status "worker killed by SIGSEGV" 139 "$status"
    check_message "worker killed by SIGSEGV" '^parent: worker killed by signal 11 \(SIGSEGV\)$'

    w=$(worker exit137 <<< 'printf "1 2 3\n"; exit 137')
    run_parent exit137 10 -- --worker "$w" --text "a b" -v
    check_status "worker that exits 137 itself" 137 "$status"
    check "worker exits 137: stderr says exit status, never signal" \
        "yes no" "$(grep -q 'parent: worker exited with status 137$' "$T/err" && echo yes || echo no) $(grep -q signal "$T/err" && echo yes || echo no)"
    check_match "worker exits 137: the -v log says so too" 'processExited: worker exited with status 137' "$err"
    check "worker exits 137: nothing on stdout" "" "$out"
    check_clean "worker exits 137"
}

# --- the worker does not read --------------------------------------------------

test_worker_does_not_read() {
    local w
    w=$(worker exit3 <<< 'exit 3')
    run_parent unread 20 -- --worker "$w" < <(head -c "$MEDIUM" /dev/zero)
    check_status "worker exits without reading $MEDIUM_NAME: its code, no SIGPIPE death" 3 "$status"
    check_message "worker exits without reading" '^parent: worker exited with status 3$'
    check_clean "worker exits without reading"

    w=$(worker early_reply <<< 'printf "1 2 3\n"')
    run_parent early_reply 20 -- --worker "$w" < <(head -c "$MEDIUM" /dev/zero)
    check_status "worker replies without reading" 0 "$status"
    check "worker replies without reading: its reply is used" "1 2 3" "$out"
    check_clean "worker replies without reading"
}

# --- the worker floods a pipe --------------------------------------------------

test_floods() {
    local w rss_small
    w=$(worker stderr_flood <<< 'head -c 4000000 /dev/zero | tr "\0" x >&2; exec "$WC"')
    run_parent stderr_flood 30 -- --worker "$w" --text "$SAMPLE"
    check_status "worker writes 4 MB (four times parent's largest pipe) to stderr before reading: no deadlock" 0 "$status"
    check "stderr flood: the reply" "1 12 76" "$out"
    # Passed on in whole lines: the last, unterminated, gets its newline so
    # that nothing written after it (a message of parent's) joins it.
    check "stderr flood: all of it passed through, and a final newline" "4000001 4000000 1" \
        "$(wc -c < "$T/err") $(tr -cd x < "$T/err" | wc -c) $(wc -l < "$T/err")"
    check_clean "stderr flood"

    w=$(worker echo <<< 'exec cat')
    run_parent echo_small 20 -- --worker "$w" < <(head -c 1000000 /dev/zero)
    rss_small=$(report_field maxrss_kb)
    run_parent echo 60 -- --worker "$w" < <(yes_input "$MEDIUM")
    check_status "worker echoes $MEDIUM_NAME to stdout: no deadlock, reply too large" 76 "$status"
    check_message "echo: message" '^parent: protocol error: reply larger than 4096 bytes "hello world\\nhello world\\n.*\.\.\."$'
    check "echo: nothing on stdout" "" "$out"
    check_clean "echo"
    check_rss "echo: memory flat, 1 MB vs $MEDIUM_NAME echoed" "$rss_small" "$(report_field maxrss_kb)"
}

# --- the worker never replies: --timeout ---------------------------------------

test_timeouts() {
    local w
    w=$(worker sleeper <<< 'exec sleep 60')
    run_parent timeout 10 -- --worker "$w" --timeout 0.3 < /dev/null
    check_status "worker never replies: --timeout" 124 "$status"
    check_message "--timeout" '^parent: worker timed out after 0.3s$'
    check_fast "--timeout ends it promptly" 8000
    check_clean "--timeout"
    # The duration as given, in plain decimal (no exponent, no rounding to
    # 6 digits), up to the nanosecond.
    local given shown
    for given in 0.00001:0.00001 0.1234567891234:0.123456789 .0000000000001:0.000000001; do
        shown=${given#*:}
        run_parent "timeout_$shown" 10 -- --worker "$w" --timeout "${given%%:*}" < /dev/null
        check "--timeout ${given%%:*}: the message" \
            "124|parent: worker timed out after ${shown}s" "$status|$err"
        check_clean "--timeout ${given%%:*}"
    done

    w=$(worker ignores_term <<< "trap '' TERM; exec sleep 60")
    run_parent ignores_term 10 -- --worker "$w" --timeout 0.3 --kill-after 0.3 < /dev/null
    check_status "worker ignores SIGTERM: SIGKILL after --kill-after" 124 "$status"
    check_fast "worker ignores SIGTERM: ended after timeout + kill-after" 8000
    check_clean "worker ignores SIGTERM"

    w=$(worker stopped <<< 'kill -STOP $$; exec sleep 60')
    run_parent stopped 10 -- --worker "$w" --timeout 0.3 --kill-after 60 < /dev/null
    check_status "stopped (SIGSTOP) worker is ended (SIGCONT after SIGTERM)" 124 "$status"
    check_clean "stopped worker"

    # Durations past what a clock can count mean "never", not "now".
    run_parent huge_timeout 10 -- --worker "$WC" --timeout 99999999999d --kill-after 99999999999d --text "a b"
    check "--timeout and --kill-after of 99999999999d: never" "0 0 2 3" "$status $out"
    w=$(worker exits0_on_term <<< "trap 'printf \"1 2 3\\n\"; exit 0' TERM; sleep 60 & wait")
    run_parent exits0_on_term 10 -- --worker "$w" --timeout 0.3 < /dev/null
    check_status "timeout, even if the worker then exits 0" 124 "$status"
    check "timeout then exit 0: nothing on stdout" "" "$out"
    check_clean "timeout then exit 0"
}

# --- malformed replies ---------------------------------------------------------

test_malformed() {
    local w name fmt quoted long
    long=$(printf 'a%.0s' $(seq 100))
    while IFS='|' read -r name fmt quoted; do
        w=$(worker "bad_$name" <<< "printf '$fmt'")
        run_parent "bad_$name" 10 -- --worker "$w" --text "x"
        check_status "malformed reply: $name" 76 "$status"
        check_message "malformed reply: $name" "^parent: protocol error: $quoted\$"
        check "malformed reply: $name: nothing on stdout" "" "$out"
    done <<EOF
text|hello\n|malformed reply "hello\\\\n"
two numbers|1 2\n|malformed reply "1 2\\\\n"
four numbers|1 2 3 4\n|malformed reply "1 2 3 4\\\\n"
a sign|+1 2 3\n|malformed reply "\+1 2 3\\\\n"
overflow|18446744073709551616 2 3\n|malformed reply "18446744073709551616 2 3\\\\n"
empty line|\n|malformed reply "\\\\n"
truncated quote|$long\n|malformed reply "a{40}\.\.\."
exit 0, no reply||empty reply
EOF
    check_clean "malformed replies"

    # The seed's own worker writes its reply with no final newline: at EOF
    # the reply is complete.
    w=$(worker no_newline <<< 'cat > /dev/null; printf "2 12 76"')
    run_parent no_newline 10 -- --worker "$w" --text x
    check "a reply without its final newline, complete at EOF" "0 2 12 76" "$status $out"
    check_clean "a reply without its final newline"

    w=$(worker trickle <<< 'for c in 1 " " 2 " " 3; do printf "%s" "$c"; sleep 0.02; done; printf "\n"')
    run_parent trickle 10 -- --worker "$w" --text x -v
    check_status "reply one byte at a time" 0 "$status"
    check "reply one byte at a time: parsed" "1 2 3" "$out"
    check "reply one byte at a time: in several pieces" yes \
        "$([ "$(grep -c 'outReceived: 1 bytes$' "$T/err")" -ge 3 ] && echo yes || echo no)"
    check_clean "reply one byte at a time"
}

# --- a grandchild keeps the worker's stdout open -------------------------------

test_grandchild() {
    local w
    w=$(worker grandchild <<< 'sleep 60 & printf "1 2 3\n"')
    run_parent grandchild 10 -- --worker "$w" --text x
    check_status "grandchild keeps stdout open: parent ends" 0 "$status"
    check "grandchild: the reply" "1 2 3" "$out"
    check_fast "grandchild: parent ends promptly (0.5 s linger)" 8000
    check_clean "grandchild: killed with the group"
}

# --- parent's stdout fails -----------------------------------------------------

test_stdout_errors() {
    local f files=() how opt mode
    for f in "$FIXTURES"/text/*; do files+=("$f"); done
    STDOUT_CLOSED=1 run_parent stdout_closed 10 -- --worker "$WC" --text "a b"
    check_status "parent's stdout closed" 125 "$status"
    check_message "parent's stdout closed" '^parent: write error: Bad file descriptor$'
    check_clean "parent's stdout closed: worker reaped"

    # As word_counter and GNU wc in a pipeline: quietly, of SIGPIPE.
    run_parent reader_gone 10 --broken-stdout -- --worker "$WC" --text "a b"
    check "reader of parent's stdout went away: parent dies of SIGPIPE, quietly" "141 13 " \
        "$status $(report_field signal) $err"
    check_clean "reader went away: worker reaped"
    run_parent reader_gone_many 10 --broken-stdout -- --worker "$WC" -j 2 "${files[@]}"
    check "reader went away during parent FILE...: SIGPIPE, quietly" "141 13 " \
        "$status $(report_field signal) $err"
    check_clean "reader went away during parent FILE..."

    # Under an invoker that ignores or blocks SIGPIPE (kept so), a reader
    # gone is a write error like any other, as word_counter and GNU wc have
    # it there; in every mode.
    for how in ignored blocked; do
        opt=--block; [ "$how" = ignored ] && opt=--ignore
        for mode in "--text a" "-j 1 ${files[0]}" "-j 2 ${files[*]:0:3}"; do
            # shellcheck disable=SC2086
            run_parent "reader_gone_$how" 10 --broken-stdout "$opt" 13 -- --worker "$WC" $mode
            check "reader went away, SIGPIPE $how by the invoker, ${mode%% /*}: a write error, 125" \
                "125 0 parent: write error: Broken pipe" "$status $(report_field signal) $err"
            check_clean "reader went away, SIGPIPE $how, ${mode%% /*}: worker reaped"
        done
    done
}

# --- the leak scan, on every way through parent -----------------------------

# The parent suites run the sanitized build without the leak scan at exit
# (LEAK_SCAN=0 in each: it doubled the CPU time of a run); this group runs
# each way through parent with it: a leak makes the sanitized build print
# a LeakSanitizer report and exit 1 (or 23). Only the sanitized build has
# the scan (tests/run_tests.sh runs this group there).
test_leaks() {
    local w_dies w_garbage w_sleeps w_quits runs=() run out name status args
    local -x WORKER_PIDS=/dev/null  # what the fake workers write to
    leak_scan_here test_leaks || return
    printf 'one two\n' > "$SCRATCH/a"
    yes 'some words' | head -c $((5 << 20)) > "$SCRATCH/big"
    printf '%s\0' "$SCRATCH/a" "$SCRATCH/missing" "$SCRATCH" "$SCRATCH/big" > "$SCRATCH/list"
    w_dies=$(worker leak_dies <<< 'kill -KILL $$')
    w_garbage=$(worker leak_garbage <<< 'printf "hello\n"')
    w_sleeps=$(worker leak_sleeps <<< 'exec sleep 60')
    w_quits=$(worker leak_quits <<< 'exit 0')
    # STATUS|STDOUT|ARGUMENTS
    runs=("0|/dev/null|--worker $WC" "0|/dev/null|--worker $WC -v --text a"
          "1|/dev/null|--worker $WC -j 1 $SCRATCH/a $SCRATCH/missing $SCRATCH"
          "1|/dev/null|--worker $WC -j 2 --json --total=always --files0-from=$SCRATCH/list"
          "0|/dev/null|--worker $WC -j 2 -lwmcL --progress $SCRATCH/big $SCRATCH/a"
          "1|/dev/null|--worker $WC -j 2 $SCRATCH/a /dev/stdin /dev/fd/9 /dev/fd/0"
          "137|/dev/null|--worker $w_dies" "76|/dev/null|--worker $w_garbage"
          "124|/dev/null|--worker $w_sleeps --timeout 0.2"
          "76|/dev/null|--worker $w_quits -j 2 $SCRATCH/a $SCRATCH/big"
          "127|/dev/null|--worker $SCRATCH/no/such/worker" "125|/dev/null|--bogus"
          "0|/dev/null|--help" "0|/dev/null|--version"
          "125|closed|--worker $WC" "125|/dev/full|--worker $WC -j 2 $SCRATCH/a $SCRATCH/big"
          "125|gone|--worker $WC --text a" "125|gone|--worker $WC -j 2 $SCRATCH/a $SCRATCH/big")
    for run in "${runs[@]}"; do
        IFS='|' read -r status out args <<< "$run"
        name="parent $args, stdout $out"
        name=${name//$SCRATCH/SCRATCH}
        # shellcheck disable=SC2086
        check "no leak: ${name//$MARK/MARK}" "status $status report 0" \
            "$(leak_run "$out" timeout -k 2 30 "$PARENT" $args < "$SCRATCH/a")"
    done
    check "no leak: parent on the read/write path" "status 0 report 0" \
        "$(PARENT_NO_SPLICE=1 leak_run /dev/null timeout -k 2 30 "$PARENT" --worker "$WC" < "$SCRATCH/a")"
}

run_groups test_spawn_errors test_worker_dies test_worker_does_not_read test_floods test_timeouts test_malformed test_grandchild test_stdout_errors \
    test_leaks
