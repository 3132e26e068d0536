#!/usr/bin/env bash
# parent with FILE operands, run as `tests/cli_parent_many.sh BUILD_DIR
# [GROUP]...` (see tests/lib.sh): many workers driven from one poll loop. Its stdout must be byte for byte
# what `word_counter FILE...` prints, with any -j; a large file is split at
# newlines across workers; a fault in one worker leaves the others alone;
# descriptors stay bounded by the job limit; nothing is left behind.
set -u
LEAK_SCAN=0 . tests/lib.sh  # the leak scan: cli_parent_faults.sh test_leaks
. tests/parent_harness.sh

D=$SCRATCH/files
mkdir -p "$D"


# --- 1. the same output as word_counter ---------------------------------------

test_fixtures() {
    local files=()
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$FIXTURES" -type f -print0 | sort -z)
    # The binary-like inputs are not committed: generated.tsv names them.
    make_generated "$SCRATCH/generated"
    files+=("$SCRATCH"/generated/*)
    same_as_wc "every file of tests/fixtures and generated.tsv" -- "${files[@]}"
    local some=("${files[@]:0:8}")
    JOBS=3 same_as_wc "tests/fixtures and generated.tsv --json" --json -- "${files[@]}"
    JOBS=2 same_as_wc "--total=only" --total=only -- "${some[@]}"
    JOBS=2 same_as_wc "--total=always --json" --total=always --json -- "${some[@]}"
    JOBS=2 same_as_wc "--total=never" --total=never -- "${some[@]}"
    JOBS=2 same_as_wc "one file: no total line" -- "${files[0]}"
    JOBS=2 same_as_wc "one file --total=always" --total=always -- "${files[0]}"
}

# Small random files, and large ones whose shape matters to splitting.
make_random_files() {
    : > "$D/empty"
    printf 'no newline at all' > "$D/no_newline"
    printf '\n' > "$D/just_newline"
    printf 'a \342\202\254 b\n\360\237\230\200' > "$D/utf8_tail"
    local seed
    for seed in 1 2 3 4 5 6; do
        "$GEN_INPUT" "$seed" $((seed * 50021)) > "$D/gen$seed"
    done
    head -c $((5 << 20)) /dev/zero | tr '\0' x > "$D/one_huge_line"
    { head -c $((6 << 20)) /dev/zero | tr '\0' y; printf '\nlast line'; } > "$D/newline_near_end"
    "$GEN_INPUT" 77 $((9 << 20)) > "$D/gen_big"
}

test_random_files() {
    local small=("$D/empty" "$D/no_newline" "$D/just_newline" "$D/utf8_tail" "$D"/gen[1-6])
    JOBS="1 2 4" same_as_wc "random small files" -- "${small[@]}"
    JOBS="1 2 4" same_as_wc "random files, small and large" -- "${small[@]}" \
        "$D/one_huge_line" "$D/newline_near_end" "$D/gen_big"
    JOBS="1 3" same_as_wc "a file given twice, and empty files only" -- "$D/gen1" "$D/gen1" "$D/empty"
    same_as_wc "--json on random files" --json -- "${small[@]}" "$D/gen_big"
}

# --- 2. large files split at newlines -----------------------------------------

# Lines of 1001 euro signs (3 bytes each) and a newline, an odd number of
# them: the midpoint falls inside a word and inside a char, so a naive split
# in two counts one word too many and breaks two chars.
make_euro_file() {
    local line
    line=$(printf '\342\202\254%.0s' $(seq 1001))
    yes "$line" | head -n 2801 > "$D/euro"
}

naive_halves() {  # FILE: the counts of its two naive halves, summed
    local size half a b
    size=$(stat -c %s "$1")
    half=$((size / 2))
    read -r -a a < <(head -c "$half" "$1" | "$WC")
    read -r -a b < <(tail -c +$((half + 1)) "$1" | "$WC")
    echo "$((a[0] + b[0])) $((a[1] + b[1])) $((a[2] + b[2]))"
}

test_split() {
    make_euro_file
    local whole
    whole=$("$WC" < "$D/euro")
    check "the euro file is one a naive halving gets wrong" yes \
        "$([ "$(naive_halves "$D/euro")" != "$whole" ] && echo yes || echo "no: $whole")"
    JOBS="1 2 3 4 7" same_as_wc "split where a naive cut halves words and chars" -- "$D/euro"
    run_parent split_euro 60 -- --worker "$WC" -j 4 -v "$D/euro"
    # Workers start one a round, so one that is done with its range may take
    # the last before a fourth has started: at least two share the file.
    check "split: -j 4 shared the euro file among workers" "0 yes" \
        "$status $([ "$(workers_of)" -ge 2 ] && echo yes || echo "no, $(workers_of)")"
    check "split: the workers' own logs name the 4 ranges" 4 \
        "$(printf '%s\n' "$err" | grep -c ' : .*/euro bytes [0-9]*+[0-9]*: [0-9]* bytes counted$')"
    check_clean "split: -j 4"
    run_parent split_huge_line 60 -- --worker "$WC" -j 4 -v "$D/one_huge_line"
    check "split: one huge line is not cut (one worker)" "0 1" "$status $(workers_of)"
    run_parent split_near_end 60 -- --worker "$WC" -j 4 -v "$D/newline_near_end"
    check "split: a newline only near the end is not near a cut point (one worker)" "0 1" \
        "$status $(workers_of)"
    run_parent split_small 60 -- --worker "$WC" -j 4 -v "$D/gen6"
    check "split: a small file is never split" "0 1" "$status $(workers_of)"
    PARENT_NO_SPLICE=1 JOBS="2 5" same_as_wc "split through pread/write (PARENT_NO_SPLICE=1)" \
        -- "$D/euro" "$D/gen_big"
}

# --- 3. faults among several files ----------------------------------------------

test_faults() {
    local w a b expected
    # A worker of the pool that fails on one input and counts the others.
    w=$(batch_worker poisoned <<< 'grep -q POISON "$name" && exit 3')
    a=$("$WC" "$D/a" | cut -d' ' -f1-3)
    b=$("$WC" "$D/b" | cut -d' ' -f1-3)
    expected="$a $D/a|$b $D/b|2 3 14 total"
    for j in 1 3; do
        run_parent "poison_j$j" 20 -- --worker "$w" -j "$j" "$D/a" "$D/poison" "$D/b"
        check "a worker fails on one of three files (-j $j): the others counted" \
            "$expected" "$(printf '%s' "$out" | paste -sd '|')"
        check_status "a worker fails on one of three files (-j $j)" 3 "$status"
        check_message "a worker fails on one of three files (-j $j)" \
            "^parent: $D/poison: worker exited with status 3\$"
        check_clean "a worker fails on one of three files (-j $j)"
    done

    w=$(batch_worker killed <<< 'grep -q POISON "$name" && kill -KILL $$')
    run_parent killed_one 20 -- --worker "$w" -j 2 "$D/poison" "$D/a"
    check "a worker killed on the first of two files: status, message" \
        "137|parent: $D/poison: worker killed by signal 9 (SIGKILL)" "$status|$err"
    check_clean "a worker killed on one of two files"

    run_parent missing 20 -- --worker "$WC" -j 2 "$D/a" "$D/no_such_file" "$D/b"
    check "a missing file among others: the same stdout as word_counter" \
        "$("$WC" "$D/a" "$D/no_such_file" "$D/b" 2> /dev/null)" "$out"
    check_status "a missing file among others: 1, as word_counter" 1 "$status"
    check_message "a missing file among others" "^parent: $D/no_such_file: No such file or directory\$"
    JOBS=2 same_as_wc "a directory among files" -- "$D/a" "$D" "$D/b"

    run_parent missing_worker 20 -- --worker "$SCRATCH/no/such/worker" "$D/a" "$D/b"
    check "the worker cannot be started: 127, said once" \
        "127 1" "$status $(printf '%s\n' "$err" | grep -c 'not found')"
    check "the worker cannot be started: nothing on stdout" "" "$out"
}

# --- 4. descriptors, zombies, limits ----------------------------------------------

# Several times more files than descriptors: one leaked per file would fail.
test_many_files() {
    local files=("$D"/many/f*)
    (
        ulimit -n 64
        run_parent many_files 300 -- --worker "$WC" -j 4 "${files[@]}"
        check "300 small files, -j 4, ulimit -n 64: all counted, as word_counter" \
            "$("$WC" "${files[@]}"; echo "status 0")" "$out"$'\n'"status $status"
        check "300 small files: nothing on stderr" "" "$err"
        check_clean "300 small files"
    )
}

# The most descriptors parent holds while it runs, sampled from /proc.
max_fds_while_running() {  # PID
    local most=0 n
    while [ -d "/proc/$1" ]; do
        count_fds n "$1"
        [ "$n" -gt "$most" ] && most=$n
        nap 0.005
    done
    echo "$most"
}

test_fd_bound() {
    local w most
    w=$(batch_worker slow <<< 'sleep 0.02')
    start_parent fd_bound 120 -- --worker "$w" -j 3 "$D"/many/f[1-3][0-9]
    wait_for_file "$T/pid"
    most=$(max_fds_while_running "$(cat "$T/pid")")
    finish_parent
    # 3 standard, 2 of the signal pipe, per worker 3 pipes and its input, 8
    # pipe ends while one is being spawned, 1 file opened ahead.
    check "fds stay bounded by the job limit (-j 3: at most 26, saw $most)" yes \
        "$([ "$status" = 0 ] && [ "$most" -gt 5 ] && [ "$most" -le 26 ] && echo yes || echo "no (status $status)")"
    check_clean "fds bounded"
}

test_limits_and_signals() {
    local sleeper ppid f
    sleeper=$(worker many_sleeper <<< 'exec sleep 60')
    # Each request is given --timeout, twice (on a fresh worker the second
    # time), then its file is reported as failed.
    run_parent many_timeout 10 -- --worker "$sleeper" -j 2 --timeout 0.3 "$D/a" "$D/b" "$D/poison"
    check_status "--timeout ends every hanging worker" 124 "$status"
    check "--timeout with several workers: each file said once" \
        "parent: $D/a: worker timed out after 0.3s|parent: $D/b: worker timed out after 0.3s|parent: $D/poison: worker timed out after 0.3s" \
        "$(printf '%s' "$err" | paste -sd '|')"
    check_fast "--timeout with several workers ends promptly" 8000
    check_clean "--timeout with several workers"

    # Files of 1.5 MiB: a worker takes only one of those at a time, so each
    # goes to a worker of its own.
    for f in m1 m2 m3; do head -c $((3 << 19)) /dev/zero > "$D/$f"; done
    start_parent many_sigterm 15 -- --worker "$sleeper" -j 3 "$D/m1" "$D/m2" "$D/m3"
    wait_for_file "$T/pid"
    ppid=$(cat "$T/pid")
    wait_until lines_at_least 3 "$T/worker_pids"
    kill -TERM "$ppid"
    finish_parent
    check "SIGTERM to parent with 3 workers: it dies of it, quietly" "143 15 " \
        "$status $(report_field signal) $err"
    check "SIGTERM to parent with 3 workers: every group gone" "3 gone gone gone" \
        "$(grep -c . "$T/worker_pids") $(while read -r p; do kill -0 -- "-$p" 2> /dev/null && echo running || echo gone; done < "$T/worker_pids" | paste -sd ' ')"
    check_clean "SIGTERM to parent with 3 workers"
}

# A FIFO operand is opened without waiting for its writer: the loop goes on
# (other files, signals, --timeout) until one comes.
test_fifo_operands() {
    local fifo=$D/fifo expected
    mkfifo "$fifo"
    # The writer's open(2) blocks until the reader has the FIFO open.
    expected=$( (printf 'x y\n' > "$fifo") & "$WC" "$D/a" "$fifo"; wait; echo "status $?")
    check "a FIFO whose writer comes later, after a file, as word_counter" "$expected" \
        "$( (printf 'x y\n' > "$fifo") & timeout -k 2 20 "$PARENT" --worker "$WC" -j 1 "$D/a" "$fifo"; wait; echo "status $?")"
    expected=$( (printf 'x y\n' > "$fifo") & "$WC" "$fifo" "$D/a"; wait; echo "status $?")
    check "a FIFO before a file, -j 2, as word_counter" "$expected" \
        "$( (printf 'x y\n' > "$fifo") & timeout -k 2 20 "$PARENT" --worker "$WC" -j 2 "$fifo" "$D/a"; wait; echo "status $?")"
    run_parent fifo_timeout 10 -- --worker "$WC" -j 2 --timeout 0.3 "$D/a" "$fifo"
    check_status "--timeout while a FIFO has no writer" 124 "$status"
    check_fast "--timeout while a FIFO has no writer ends promptly" 8000
    check_clean "--timeout while a FIFO has no writer"
    start_parent fifo_sigint 10 -- --worker "$WC" "$fifo"
    wait_for_file "$T/pid"
    # The worker opens its files itself: wait until it waits for a writer.
    wait_until child_waits_for_writer "$(cat "$T/pid")"
    kill -INT "$(cat "$T/pid")"
    finish_parent
    check "SIGINT while a FIFO has no writer: parent dies of it" "130 2" "$status $(report_field signal)"
    check_clean "SIGINT while a FIFO has no writer"
}

# Asked for more jobs than descriptors allow: fewer run at once, none fails.
test_job_cap() {
    local i files=()
    for i in $(seq 60); do files+=("$D/many/f$i"); done
    yes_input 14000000 > "$D/lines"  # split into several ranges
    (
        ulimit -n 64
        run_parent job_cap 120 -- --worker "$WC" -j 400 "${files[@]}" "$D/lines"
        check "-j 400 under ulimit -n 64: all counted, as word_counter" \
            "$("$WC" "${files[@]}" "$D/lines"; echo "status 0")" "$out"$'\n'"status $status"
        check "-j 400 under ulimit -n 64: nothing on stderr" "" "$err"
        check_clean "-j 400 under ulimit -n 64"
    )
}

# Streamed descriptors beside the pool under every tight ulimit -n, with
# another descriptor inherited at the highest number the limit allows (it
# takes a number parent's own pipes could have had): parent counts, as
# word_counter, or says it has too few; never a failed pipe.
test_stream_fd_limit() {
    local n high expected out first=8 streams handed_back turns
    # The sanitizers' runtime holds descriptors of its own.
    sanitized && first=12
    # What word_counter says does not depend on the limit (the number of
    # the inherited descriptor shows in no output): asked once.
    high=7
    streams=$(eval '"$WC" "$D/a" /dev/stdin "$D/b" /dev/fd/$high' "$high"'< "$D/gen1"' < "$D/gen2"; echo "status $?")
    handed_back=$("$WC" "$D/a" /dev/./stdin "$D/b" < "$D/gen2"; echo "status $?")
    for n in $(seq "$first" $((first + 12))); do
        high=$((n - 1))
        expected=${streams//\/dev\/fd\/7/\/dev\/fd\/$high}
        out=$(ulimit -n "$n"
            eval 'timeout -k 2 30 "$PARENT" --worker "$WC" -j 2 "$D/a" /dev/stdin "$D/b" /dev/fd/$high' \
                "$high"'< "$D/gen1"' < "$D/gen2" 2>&1
            echo "status $?")
        [ "$out" = "parent: too few file descriptors to start a worker (see ulimit -n)
status 125" ] && out=$expected
        check "ulimit -n $n, fd $high inherited, two streams among files: as word_counter, or too few" \
            "$expected" "$out"
        # A name the worker hands back (caller-reads) streams too, though
        # nothing kept room for it: it waits for the pool's workers to end.
        expected=$handed_back
        out=$(ulimit -n "$n"
            timeout -k 2 30 "$PARENT" --worker "$WC" -j 2 "$D/a" /dev/./stdin "$D/b" < "$D/gen2" 2>&1
            echo "status $?")
        [ "$out" = "parent: too few file descriptors to start a worker (see ulimit -n)
status 125" ] && out=$expected
        check "ulimit -n $n, a name handed back among files: as word_counter, or too few" \
            "$expected" "$out"
    done
    # Taking turns, no pool worker is tried beside a running stream (it
    # would fail for want of descriptors and wait for fewer processes).
    head -c 4000000 /dev/urandom > "$D/turns_big"
    local names=("$D/a" "$D/turns_big" "$D/b" - "$D/a" "$D/turns_big" /dev/stdin "$D/b")
    turns=$(seq 1000 | "$WC" "${names[@]}"; echo "status $?")
    for n in $(seq $((first + 9)) $((first + 13))); do
        expected=$turns
        out=$(ulimit -n "$n"
            seq 1000 | timeout -k 2 30 "$PARENT" --worker "$WC" -v -j 2 "${names[@]}" 2> "$D/turns.log"
            echo "status ${PIPESTATUS[1]}")
        grep -q '^parent: too few file descriptors' "$D/turns.log" && out=$expected
        check "ulimit -n $n, -v, streams taking turns with the pool: as word_counter, no start tried beside" \
            "$expected|0" "$out|$(grep -c 'cannot start' "$D/turns.log")"
    done
}

# --- 5. standard input among files, -v, --progress ----------------------------------

test_stdin_operand() {
    local expected
    expected=$("$WC" "$D/a" - "$D/b" - < "$D/gen1"; echo "status $?")
    check "- among files (twice: the second finds EOF), as word_counter" "$expected" \
        "$(timeout -k 2 20 "$PARENT" --worker "$WC" -j 4 "$D/a" - "$D/b" - < "$D/gen1"; echo "status $?")"
    check "- from a pipe" "$("$WC" - "$D/a" < "$D/gen2")" \
        "$(cat "$D/gen2" | timeout -k 2 20 "$PARENT" --worker "$WC" - "$D/a")"
    check "- with standard input closed: an error, as word_counter" \
        "$("$WC" - "$D/a" <&- 2>&1; echo "status $?")" \
        "$(timeout -k 2 20 "$PARENT" --worker "$WC" - "$D/a" <&- 2>&1 | sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")"
    check "--files0-from=- with standard input closed: a read error, as word_counter" \
        "$("$WC" --files0-from=- <&- 2>&1; echo "status $?")" \
        "$(timeout -k 2 20 "$PARENT" --worker "$WC" --files0-from=- <&- 2>&1 | sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")"
    # Names of parent's own descriptors: a worker has other descriptors
    # under those numbers (its stdin is its requests), so parent opens them.
    check "/dev/stdin, /dev/fd/0 and /proc/self/fd/0 among files, as word_counter" \
        "$("$WC" /dev/stdin "$D/a" /dev/fd/0 /proc/self/fd/0 < "$D/gen1"; echo "status $?")" \
        "$(timeout -k 2 20 "$PARENT" --worker "$WC" -j 2 /dev/stdin "$D/a" /dev/fd/0 /proc/self/fd/0 < "$D/gen1"; echo "status $?")"
    check "/dev/stdin twice from a pipe (the second finds EOF), as word_counter" \
        "$(cat "$D/gen2" | "$WC" /dev/stdin "$D/a" /dev/stdin)" \
        "$(cat "$D/gen2" | timeout -k 2 20 "$PARENT" --worker "$WC" /dev/stdin "$D/a" /dev/stdin)"
    check "inherited fds: a file (/dev/fd/7), a pipe (/dev/fd/8), a directory's file (/dev/fd/9/a)" \
        "$("$WC" /dev/fd/7 /dev/fd/8 "$D/b" /dev/fd/9/a 7< "$D/gen1" 8< <(cat "$D/gen2") 9< "$D"; echo "status $?")" \
        "$(timeout -k 2 20 "$PARENT" --worker "$WC" -j 2 /dev/fd/7 /dev/fd/8 "$D/b" /dev/fd/9/a 7< "$D/gen1" 8< <(cat "$D/gen2") 9< "$D"; echo "status $?")"
    # parent's own pipes (to workers, of its signals) take those numbers:
    # not what the names mean, which is what parent was given.
    local own=(/dev/fd/{3..12})
    check "names of descriptors parent opened itself: not open, as for word_counter" \
        "$("$WC" "$D/a" /dev/stdin "${own[@]}" /dev/fd/5/x < "$D/gen1" 2>&1 3<&- 4<&- 5<&- 6<&- 7<&- 8<&- 9<&- 10<&- 11<&- 12<&-; echo "status $?")" \
        "$(timeout -k 2 20 "$PARENT" --worker "$WC" -j 2 "$D/a" /dev/stdin "${own[@]}" /dev/fd/5/x < "$D/gen1" 2>&1 3<&- 4<&- 5<&- 6<&- 7<&- 8<&- 9<&- 10<&- 11<&- 12<&- | sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")"
    check "stdin closed, /dev/stdin; /dev/fd/9 not open; an empty name: errors, as word_counter" \
        "$("$WC" /dev/stdin /dev/fd/9 '' "$D/a" <&- 2>&1; echo "status $?")" \
        "$(timeout -k 2 20 "$PARENT" --worker "$WC" /dev/stdin /dev/fd/9 '' "$D/a" <&- 2>&1 | sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")"
}

test_verbose() {
    run_parent many_verbose 20 -- --worker "$WC" -j 2 -v "$D/a" "$D/b" "$D/gen1"
    local started pids logged
    started=$(workers_of)
    check "-v: as word_counter, with one or two workers" "0 yes" \
        "$status $([ "$started" -ge 1 ] && [ "$started" -le 2 ] && echo yes || echo "no: $started")"
    pids=$(printf '%s\n' "$err" | sed -n 's/.*connectionMade: worker pid \([0-9]*\) .*/\1/p' | sort -u | paste -sd '|')
    check "-v: every event line names its worker's pid" "" \
        "$(printf '%s\n' "$err" | grep ' - INFO : [a-zA-Z]*: ' | grep -Ev " \\[pid ($pids)\\]\$")"
    # The workers' own logs (word_counter --log), line by line, as they come.
    logged=$(printf '%s\n' "$err" | grep -E "^[0-9-]+ [0-9:,]+ ($pids) - INFO : $D/(a|b|gen1): [0-9]+ bytes counted\$" | wc -l)
    check "-v: the workers' own log lines name each file" 3 "$logged"
    # Each worker's events: every one of the ProcessProtocol's, connection
    # made first and ended last (exited may come before its pipes' ends).
    local pid events k=0
    for pid in ${pids//|/ }; do
        events=$(printf '%s\n' "$err" | sed -n "s/.* - INFO : \([a-zA-Z]*\)[: ].*\[pid $pid\]\$/\1/p" |
            awk '!seen[$0]++' | paste -sd ' ')
        check "-v: worker $((++k)): each event, made first, ended last" \
            "connectionMade ... processEnded; all: connectionMade errConnectionLost inConnectionLost outConnectionLost outReceived processEnded processExited" \
            "${events%% *} ... ${events##* }; all: $(tr ' ' '\n' <<< "$events" | sort | paste -sd ' ')"
    done
    # The log closes on the run's total, the total line's counts.
    local total
    read -r -a total <<< "$("$WC" "$D/a" "$D/b" "$D/gen1" | tail -n 1)"
    check "-v: the last line, the run's total" \
        "INFO : Total Lines: ${total[0]}, Words: ${total[1]} and Characters: ${total[2]}" \
        "$(printf '%s\n' "$err" | tail -n 1 | sed 's/.* - //')"
}

# parent -v hands each worker its log pipe as fd 3, which the worker writes
# to as it is: with no /proc mounted (where /dev/fd/3 would be opened again)
# the files are counted and the logs come as well. (The sanitizers' runtime
# cannot run without /proc: the plain build's check.)
test_verbose_no_proc() {
    if sanitized; then
        echo "# test_verbose_no_proc: the sanitizers' runtime needs /proc (the plain build's check)"
        return
    fi
    if [ "$(id -u)" != 0 ] || ! unshare -m true 2> /dev/null; then
        not_ok "-v with no /proc: needs root, to mount over /proc in a namespace of its own"
        return
    fi
    local no_proc
    no_proc=$(unshare -m sh -c 'mount -t tmpfs none /proc && exec "$@"' _ \
        "$PARENT" --worker "$WC" -j 1 -v "$D/a" "$D/b" 2> "$SCRATCH/no_proc.err"; echo "status $?")
    check "-v with no /proc: counted, and each worker's log lines" \
        "$("$WC" "$D/a" "$D/b")"$'\n'"status 0|2" \
        "$no_proc|$(grep -Ec ' - INFO : .*/(a|b): [0-9]+ bytes counted$' "$SCRATCH/no_proc.err")"
}

test_progress() {
    local w
    run_parent progress_auto 20 -- --worker "$WC" --progress "$D/a" "$D/b"
    check "--progress: nothing when stderr is no terminal" "0|" "$status|$err"
    w=$(batch_worker slow_progress <<< 'sleep 0.7')
    # One worker: the two answers come 0.7 s apart.
    run_parent progress_always 20 -- --worker "$w" -j 1 --progress=always "$D/gen1" "$D/gen2"
    check "--progress=always: stdout as without it" "$("$WC" "$D/gen1" "$D/gen2")" "$out"
    check_match "--progress=always: bytes of the known total, redrawn in place" \
        $'^\r\033\\[K[0-9.]+ [KMG]?i?B of [0-9.]+ KiB \\([0-9]+%\\), ' "$err"
    # The bytes done are those the workers' answers count: after the first
    # file, a redraw shows its half.
    check_match "--progress=always: the bytes of the files answered so far" \
        $'\\((50|[1-9][0-9]?)%\\)' "$err"
    check "--progress=always: the line is erased at the end" yes \
        "$([[ $err == *$'\r\033[K' ]] && echo yes || echo no)"
    local tty
    tty=$(timeout -k 2 20 script -qec "'$PARENT' --worker '$w' --progress '$D/gen1'" /dev/null | tr -d '\n')
    check "--progress on a terminal: drawn, then erased" yes \
        "$([[ $tty == *$'\033[K'*'gen1'* ]] && echo yes || echo "no: $(printf %q "$tty")")"
}

make_random_files
printf 'one two\n' > "$D/a"
printf 'POISON\n' > "$D/poison"
printf 'three\n' > "$D/b"
mkdir -p "$D/many"
for i in $(seq 300); do printf 'file %d\n' "$i" > "$D/many/f$i"; done

run_groups test_fixtures test_random_files test_split test_faults test_many_files test_fd_bound \
    test_limits_and_signals test_fifo_operands test_job_cap test_stream_fd_limit test_stdin_operand test_verbose test_verbose_no_proc \
    test_progress
