#!/usr/bin/env bash
# parent FILE... and --files0-from: the pool of word_counter --batch workers.
# The same output as word_counter with every counting option and any -j;
# workers that die, hang, answer garbage or flood; a file that shrinks; the
# exit status of the first failed operand; 100,000 names in bounded fds and
# processes; limits on processes and descriptors; stderr in whole lines;
# GNU parallel's --pipepart recipe from the README. Run as
# `tests/cli_parent_pool.sh BUILD_DIR [GROUP]...` (see tests/lib.sh).
set -u
LEAK_SCAN=0 . tests/lib.sh  # the leak scan: cli_parent_faults.sh test_leaks
. tests/parent_harness.sh

D=$SCRATCH/pool
mkdir -p "$D"

# --- the same as word_counter ----------------------------------------------

# Files whose names a shell, a terminal and a JSON parser all find awkward.
make_odd_names() {
    mkdir -p "$D/odd"
    printf 'x\n' > "$D/odd/with space"
    printf 'x y\n' > "$D/odd/-leading dash"
    printf 'a\tb\n' > "$D/odd/tab"$'\t'"name"
    printf 'new\n' > "$D/odd/new"$'\n'"line"
    printf 'bad\n' > "$D/odd/"$'\377\376'"bytes"
    printf "it's\\n" > "$D/odd/quote'd"
}

test_options_as_wc() {
    local files=("$FIXTURES"/text/cpython-cjk* "$D"/odd/* "$D/euro" "$D/none" "$D")
    local opts jobs="1 2 4"
    # Under the sanitizers, one pool of two: the memory checks need no other
    # size, and the plain build tries them all.
    sanitized && jobs=2
    for opts in "" -l -w -m -c -L -lwmcL "-c -L" --json "--total=only" "--total=always -lc" \
        "--total=never -w"; do
        # shellcheck disable=SC2086
        JOBS=$jobs same_as_wc "options '$opts' on texts, odd names, a split file, a missing file, a directory" \
            $opts -- "${files[@]}"
    done
}

test_files0_from() {
    local list=$SCRATCH/list
    { printf '%s\0' "$FIXTURES"/text/* "$D"/odd/* "$D/euro"; printf '\0'; printf '%s\0' "$D/none" -; } > "$list"
    JOBS="1 3" same_as_wc "--files0-from=F with odd names, an empty name, - and a missing file" \
        --files0-from="$list" --
    local expected actual
    expected=$("$WC" --files0-from=- -lc < "$list" 2>&1; echo "status $?")
    actual=$(timeout -k 2 60 "$PARENT" --worker "$WC" -j 2 --files0-from=- -lc < "$list" 2>&1 |
        sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")
    check "--files0-from=- (stdin): stdout and stderr as word_counter's" "$expected" "$actual"
    # /dev/stdin in a list read from a regular file on stdin: as word_counter.
    printf '%s\0' /dev/stdin "$D/a" > "$SCRATCH/stdin_list"
    expected=$("$WC" --files0-from=- < "$SCRATCH/stdin_list" 2>&1; echo "status $?")
    actual=$(timeout -k 2 60 "$PARENT" --worker "$WC" -j 2 --files0-from=- < "$SCRATCH/stdin_list" 2>&1 |
        sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")
    check "--files0-from=- from a regular file, naming /dev/stdin: as word_counter" "$expected" "$actual"
    actual=$(timeout -k 2 60 "$PARENT" --worker "$WC" --files0-from=/dev/stdin 2>&1 <&-; echo "status $?")
    check "--files0-from=/dev/stdin, stdin closed: no such file, as word_counter" \
        "parent: cannot open '/dev/stdin' for reading: No such file or directory"$'\n'"status 1" "$actual"
    # A list in a pipe naming /dev/stdin: that name counts what is left of the
    # pipe after the list's first 4 KiB, which stdio reads (one printf: its
    # first write is those 4 KiB), and the list goes on with what was read
    # (names of no file: "b: No such file or directory").
    # parent reads no more of the list meanwhile, and no more than stdio.
    local names j
    names=$(printf 'b\\0%.0s' {1..3000})
    expected=$(printf "$D/a\\0/dev/stdin\\0$names" | "$WC" --files0-from=- 2>&1; echo "status $?")
    for j in 1 3; do
        actual=$(printf "$D/a\\0/dev/stdin\\0$names" |
            timeout -k 2 60 "$PARENT" --worker "$WC" -j "$j" --files0-from=- 2>&1 |
            sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[1]}")
        check "--files0-from=- from a pipe, naming /dev/stdin (-j $j): as word_counter" "$expected" "$actual"
    done
}

# Names that reach a worker's own descriptors by another spelling than the
# ones parent streams itself (/dev/stdin, /dev/fd/N): the worker says so
# (caller-reads) and parent streams the name, as word_counter counts it.
# Before, the worker opened its own request pipe: wrong counts, or a hang.
test_descriptor_spellings() {
    local name expected actual j jobs="1 2"
    # Under the sanitizers, the pool of two: one worker takes no other path.
    sanitized && jobs=2
    ln -sf /dev/stdin "$D/to_stdin"
    for name in /dev/./stdin //dev/stdin /dev//fd/0 /proc/self/../self/fd/0 "$D/to_stdin"; do
        expected=$("$WC" "$D/a" "$name" "$D/b" < "$D/b" 2>&1; echo "status $?")
        for j in $jobs; do
            actual=$(timeout -k 2 20 "$PARENT" --worker "$WC" -j "$j" "$D/a" "$name" "$D/b" < "$D/b" 2>&1
                echo "status $?")
            check "operand $name among files (-j $j): as word_counter" "$expected" "$actual"
        done
    done
    # Descriptors above 2 by other spellings: one given (9) is counted, as
    # word_counter counts it; parent's own (its pipes, its signal pipe) and
    # those not given are no such file, never read.
    ln -sf /dev/fd/9 "$D/to_fd9"
    local names=(//dev/fd/9 "$D/to_fd9" /proc/thread-self/./fd/9 //dev/fd/3 //dev/fd/4 //dev/fd/5
        //dev/fd/6 //dev/fd/7 //dev/fd/8 /dev/fd/7 /dev/fd/8 /dev/fd/6)
    expected=$("$WC" "$D/a" "${names[@]}" 9< "$D/b" 2>&1; echo "status $?")
    actual=$(timeout -k 2 20 "$PARENT" --worker "$WC" -j 2 "$D/a" "${names[@]}" 9< "$D/b" 2>&1 |
        sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")
    check "descriptors 3-9 by other spellings, 9 given: as word_counter" "$expected" "$actual"
    # A closed stdin by another spelling, on the command line or in a list
    # of names read from stdin (which GNU wc reads whole and closes): no
    # such file, in both tools.
    expected=$("$WC" "$D/a" /dev/./stdin 2>&1 <&-; echo "status $?")
    actual=$(timeout -k 2 20 "$PARENT" --worker "$WC" -j 2 "$D/a" /dev/./stdin 2>&1 <&- |
        sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")
    check "/dev/./stdin, stdin closed: as word_counter" "$expected" "$actual"
    printf '%s\0' "$D/a" /dev/./stdin "$D/b" > "$SCRATCH/spelled_stdin_list"
    expected=$("$WC" --files0-from=- < "$SCRATCH/spelled_stdin_list" 2>&1; echo "status $?")
    actual=$(timeout -k 2 20 "$PARENT" --worker "$WC" -j 2 --files0-from=- < "$SCRATCH/spelled_stdin_list" 2>&1 |
        sed 's/^parent:/word_counter:/'; echo "status ${PIPESTATUS[0]}")
    check "/dev/./stdin in a list read from stdin: as word_counter" "$expected" "$actual"

    # Streams in operand order, whichever way parent learnt each is one:
    # what a pipe holds goes to the first of them, as in word_counter.
    local order
    for order in "/dev/./stdin -" "//dev/stdin $D/a /dev/stdin -" "- $D/a /dev//fd/0"; do
        # shellcheck disable=SC2086
        expected=$(printf 'x y\n' | "$WC" $order 2>&1; echo "status $?")
        for j in $jobs; do
            # shellcheck disable=SC2086
            actual=$(printf 'x y\n' | timeout -k 2 20 "$PARENT" --worker "$WC" -j "$j" $order 2>&1
                echo "status $?")
            check "streams of a pipe in operand order: $order (-j $j): as word_counter" "$expected" "$actual"
        done
    done
    printf '%s\0' "$D/a" /dev/./stdin "$D/b" > "$SCRATCH/spelled_list"
    expected=$("$WC" --files0-from="$SCRATCH/spelled_list" < "$D/a" 2>&1; echo "status $?")
    actual=$(timeout -k 2 20 "$PARENT" --worker "$WC" -j 2 --files0-from="$SCRATCH/spelled_list" < "$D/a" 2>&1
        echo "status $?")
    check "/dev/./stdin in a --files0-from list: as word_counter" "$expected" "$actual"
    run_parent spelled_stdin 20 -- --worker "$WC" -j 2 "$D/a" /dev/./stdin "$D/b" < "$D/b"
    check_clean "operand /dev/./stdin"
    # A terminal is read by the foreground process group, parent's, not by
    # a worker in a group of its own (which a read would stop).
    command -v script > /dev/null || { not_ok "script(1) for a terminal"; return; }
    # script(1) types its stdin on the terminal, and an end of file there
    # at its end; the terminal's echo of the line, which comes before or
    # after the first count as it happens, is left out.
    local tool
    for tool in "$WC" "$PARENT --worker $WC"; do
        # shellcheck disable=SC2086
        actual=$(printf 'abc def\n\004' |
            timeout -k 2 20 script -qec "$(printf '%q ' $tool "$D/a" /dev/tty)" /dev/null |
            tr -d '\r' | grep -v '^abc def$'; echo "status ${PIPESTATUS[1]}")
        [ "$tool" = "$WC" ] && expected=$actual
    done
    check "operand /dev/tty: read by parent, not by a stopped worker, as word_counter" \
        "$expected" "$actual"
}

# --- workers that fail ----------------------------------------------------------

test_worker_killed_mid_list() {
    local w files=("$FIXTURES"/text/*)
    # The first worker answers three requests, and is killed at the fourth
    # while it holds more; a marker spares the others.
    export KILLED_ONCE=$SCRATCH/killed_once
    w=$(batch_worker dies_at_fourth <<< 'n=$((${n:-0} + 1)); [ "$n" = 4 ] && mkdir "$KILLED_ONCE" 2> /dev/null && kill -KILL $$')
    run_parent killed_mid_list 60 -- --worker "$w" -j 2 -v "${files[@]}"
    check "a worker killed mid-list: every file counted once, as word_counter" \
        "$("$WC" "${files[@]}"; echo "status 0")" "$out"$'\n'"status $status"
    check "a worker killed mid-list: a fresh one took its requests" yes \
        "$([ "$(workers_of)" -ge 2 ] && [ -d "$KILLED_ONCE" ] && echo yes || echo "no: $(workers_of) workers")"
    check_clean "a worker killed mid-list"
}

# Once no more work can come, a worker's stdin is closed while it still
# holds requests: one that reads all of them before it answers any (as a
# batch program may), holding all of the run's, is answered rather than
# waited for until --timeout.
test_worker_reads_all_first() {
    local w
    w=$(worker reads_all_first <<'WORKER'
reqs=$(mktemp) || exit 1
cat > "$reqs" && "$WC" "$@" < "$reqs"
status=$?
rm -f "$reqs"
exit $status
WORKER
)
    run_parent reads_all_first 20 -- --worker "$w" -j 1 --timeout 5 "$D/a" "$D/euro" "$D/b"
    check "a worker that reads every request before it answers: counted, as word_counter" \
        "$("$WC" "$D/a" "$D/euro" "$D/b")|status 0" "$out|status $status"
    check_clean "a worker that reads every request before it answers"
}

# A worker that answers everything and then fails: its answers stand, and
# the run fails with its status, as a stream worker's failure does.
test_worker_fails_after_answers() {
    local w
    w=$(worker fails_after_answers <<'WORKER'
"$WC" "$@"
exit 3
WORKER
)
    run_parent fails_after 20 -- --worker "$w" -j 1 "$D/a" "$D/b"
    check "a worker failing after its answers: the counts, as word_counter's" \
        "$("$WC" "$D/a" "$D/b")" "$out"
    check_match "a worker failing after its answers: said, status 3" \
        "^3\|parent: worker exited with status 3 \(worker pid [0-9]+\)\$" "$status|$err"
    check_clean "a worker failing after its answers"
}

test_worker_hangs() {
    local w
    w=$(batch_worker hangs_on_poison <<< 'grep -q POISON "$name" && exec sleep 60')
    run_parent hangs 20 -- --worker "$w" -j 2 --timeout 0.5 "$D/a" "$D/poison" "$D/b"
    check "a worker hanging on one file (--timeout): the others counted" \
        "1 2 8 $D/a|1 1 6 $D/b|2 3 14 total" "$(printf '%s' "$out" | paste -sd '|')"
    check "a worker hanging on one file: status and message" \
        "124|parent: $D/poison: worker timed out after 0.5s" "$status|$err"
    check_fast "a worker hanging on one file: tried twice, then given up" 8000
    check_clean "a worker hanging on one file"
}

test_worker_garbage() {
    local w
    w=$(batch_worker garbage_for_poison <<< 'grep -q POISON "$name" && { echo garbage; continue; }')
    run_parent garbage 20 -- --worker "$w" -j 1 "$D/a" "$D/poison" "$D/b"
    check "a worker answering garbage for one file: the others counted" \
        "1 2 8 $D/a|1 1 6 $D/b|2 3 14 total" "$(printf '%s' "$out" | paste -sd '|')"
    check "a worker answering garbage: status and message" \
        "76|parent: $D/poison: protocol error: malformed reply \"garbage\\n\"" "$status|$err"
    check_clean "a worker answering garbage"
    # "large" answers only a count-below whose limit the file reaches: a
    # worker that says it of a small file (-j 2) or to a plain count (-j 1)
    # is not believed, and nothing is cut.
    w=$(batch_worker large_for_poison <<< 'grep -q POISON "$name" && { echo "large 7"; continue; }')
    for jobs in 1 2; do
        run_parent "large_j$jobs" 20 -- --worker "$w" -j "$jobs" "$D/a" "$D/poison" "$D/b"
        check "-j $jobs, a worker calling a small file large: the others counted" \
            "1 2 8 $D/a|1 1 6 $D/b|2 3 14 total" "$(printf '%s' "$out" | paste -sd '|')"
        check "-j $jobs, a worker calling a small file large: a protocol error" \
            "76|parent: $D/poison: protocol error: malformed reply \"large 7\\n\"" "$status|$err"
        check_clean "-j $jobs, a worker calling a small file large"
    done
    # One answer too many: the answers after it went to the wrong files,
    # which nothing can tell; the reply to no request fails the run (76).
    w=$(batch_worker twice_for_poison <<< 'grep -q POISON "$name" && echo "1 1 1 1"')
    run_parent twice 20 -- --worker "$w" -j 1 "$D/a" "$D/poison" "$D/b"
    check "a worker answering one request twice: 76" 76 "$status"
    check_match "a worker answering one request twice: a protocol error, said" \
        '^parent: protocol error: reply to no request "[0-9 ]+\\n" \(worker pid [0-9]+\)$' "$err"
    check_clean "a worker answering one request twice"
}

test_worker_floods() {
    run_parent flood_text 20 -- --worker /bin/yes --text hi
    check "a worker flooding stdout (--text): ended once its reply passes 4096 bytes" \
        "76 parent: protocol error: reply larger than 4096 bytes" "$status ${err%% \"*}"
    check_fast "a worker flooding stdout: ended promptly" 5000
    check_clean "a worker flooding stdout (--text)"
    local w
    w=$(worker flooder <<< "exec tr '\\0' x < /dev/zero")
    run_parent flood_files 20 -- --worker "$w" "$D/a" "$D/b"
    check "a pool worker flooding stdout: its files fail as protocol errors" \
        "76 2" "$status $(printf '%s\n' "$err" | grep -c 'protocol error: reply larger than 4096 bytes')"
    check_clean "a pool worker flooding stdout"
}

# The first failed operand decides, in operand order, whatever the order the
# workers end in.
test_exit_status_order() {
    local w
    w=$(batch_worker killed_by_poison <<< 'grep -qs POISON "$name" && kill -KILL $$')
    run_parent order_killed_first 20 -- --worker "$w" -j 2 "$D/poison" "$D/none" "$D/a"
    check "a killed worker's file before a missing one: 137" 137 "$status"
    run_parent order_missing_first 20 -- --worker "$w" -j 2 "$D/none" "$D/poison" "$D/a"
    check "a missing file before a killed worker's: 1" 1 "$status"
    check "both failures said, in operand order" \
        "parent: $D/none: No such file or directory|parent: $D/poison: worker killed by signal 9 (SIGKILL)" \
        "$(printf '%s' "$err" | paste -sd '|')"
}

# Each range request first halves the file: what is counted matches no
# version of it, and parent must say so rather than print a sum.
test_file_shrinks() {
    local w big=$D/shrinking
    yes_input 12000000 > "$big"
    w=$(batch_worker shrinks <<< '[ "${req%% *}" = range ] && truncate -s 3000000 "$name"')
    run_parent shrinks 30 -- --worker "$w" -j 2 "$big" "$D/a"
    check "a file that shrinks while its ranges are counted: an error naming it" \
        "1|parent: $big: file shrank while it was being counted|1 2 8 $D/a|1 2 8 total" \
        "$status|$err|$(printf '%s' "$out" | paste -sd '|')"
    check_clean "a file that shrinks"
}

# A worker says "large" of a file of 1 MiB or more that it is asked to count
# only if smaller (count-below); parent then looks at the file itself.
test_large_answers() {
    local w big=$D/big10 expected
    export BIG10=$big
    yes_input 10485760 > "$big"
    expected="$("$WC" "$big" "$D/a"; echo "status 0")"
    # A size that is not the file's: parent cuts by its own look.
    for size in 4194304 20000000; do
        w=$(batch_worker "large_$size" <<< "[ \"\${req%% *}\" = count-below ] && [ \"\$name\" = '$big' ] && { echo 'large $size'; continue; }")
        run_parent "large_$size" 30 -- --worker "$w" -j 2 "$big" "$D/a"
        check "-j 2, a worker calling a file of 10 MiB 'large $size': counted by parent's own size" \
            "$expected" "$out"$'\n'"status $status"
    done
    # The worker that asks is killed on its first count-below of the big
    # file: tried once more, found large, cut, counted once.
    export LARGE_KILLED=$SCRATCH/large_killed
    w=$(batch_worker dies_sizing <<< '[ "${req%% *}" = count-below ] && [ "$name" = "$BIG10" ] && mkdir "$LARGE_KILLED" 2> /dev/null && kill -KILL $$')
    run_parent dies_sizing 30 -- --worker "$w" -j 2 -v "$big" "$D/a"
    check "a worker killed sizing a big file: counted once, as word_counter" \
        "$expected" "$out"$'\n'"status $status"
    check "a worker killed sizing a big file: its ranges counted" yes \
        "$([ -d "$LARGE_KILLED" ] && [[ $err == *"big10 bytes 0+"* ]] && echo yes || echo no)"
    check_clean "a worker killed sizing a big file"
    # Gone between the worker's look and parent's: sent whole, and the
    # next worker says what is wrong.
    printf 'x\n' > "$D/vanishing"
    w=$(batch_worker vanishes <<< '[ "${req%% *}" = count-below ] && [ -e "$name" ] && [[ $name == *vanishing ]] && { rm "$name"; echo "large 2000000"; continue; }')
    run_parent vanishes 30 -- --worker "$w" -j 2 "$D/vanishing" "$D/a"
    check "a file gone after its worker called it large: an open error" \
        "1|parent: $D/vanishing: No such file or directory|1 2 8 $D/a|1 2 8 total" \
        "$status|$err|$(printf '%s' "$out" | paste -sd '|')"
    # Nobody lets an idle worker go while a size may still bring ranges: a
    # slow "large" after the last name needs no third worker.
    w=$(batch_worker slow_large <<< '[ "${req%% *}" = count-below ] && [ "$name" = "$BIG10" ] && sleep 0.5')
    run_parent slow_large 30 -- --worker "$w" -j 2 -v "$D/a" "$big"
    check "a slow 'large' after the last name: the same two workers cut it" \
        "$("$WC" "$D/a" "$big" | paste -sd '|')|2" "$(printf '%s' "$out" | paste -sd '|')|$(workers_of)"
    # -c alone: nothing is cut, nothing is asked but count.
    run_parent bytes_alone 30 -- --worker "$WC" -j 2 -c -v "$big"
    check "-c alone, -j 2: one worker, the file whole" "10485760 $big|1|no" \
        "$out|$(workers_of)|$([[ $err == *'to be cut'* ]] && echo yes || echo no)"
}

# --- scale and limits -------------------------------------------------------------

# The most descriptors and children parent has while it runs, from /proc.
sample_while_running() {  # PID: prints "FDS CHILDREN"
    local fds=0 kids=0 n k
    while [ -d "/proc/$1" ]; do
        count_fds n "$1"
        count_words k "/proc/$1/task/$1/children"
        [ "$n" -gt "$fds" ] && fds=$n
        [ "$k" -gt "$kids" ] && kids=$k
        nap 0.02
    done
    echo "$fds $kids"
}

test_many_names() {
    local count i most fds kids
    count=100000
    sanitized && count=10000
    mkdir -p "$D/hundred"
    for i in $(seq 100); do printf 'file %d\n' "$i" > "$D/hundred/f$i"; done
    local hundred=()
    for i in $(seq 100); do hundred+=("$D/hundred/f$i"); done
    for ((i = 0; i < count / 100; i++)); do printf '%s\0' "${hundred[@]}"; done > "$SCRATCH/names"
    start_parent many_names 300 -- --worker "$WC" -j 2 --files0-from="$SCRATCH/names" --total=only
    wait_for_file "$T/pid"
    read -r fds kids < <(sample_while_running "$(cat "$T/pid")")
    finish_parent
    # The list names the hundred files count/100 times: word_counter's total
    # of the hundred, times that (counting the whole list took 0.8 s).
    local l w c
    read -r l w c < <("$WC" --total=only "${hundred[@]}")
    check "$count names through --files0-from, -j 2: the total, as word_counter" \
        "$((l * count / 100)) $((w * count / 100)) $((c * count / 100))" "$out"
    # 3 standard, 2 of the signal pipe, the list, 3 per worker, and a start's 8.
    check "$count names: descriptors bounded (at most 20, saw $fds)" yes \
        "$([ "$fds" -le 20 ] && echo yes || echo no)"
    check "$count names: never more than 2 workers at once (saw $kids)" yes \
        "$([ "$kids" -le 2 ] && echo yes || echo no)"
    check_clean "$count names"
}

# Under ulimit -u, a start fails (vfork: EAGAIN): the run goes on with the
# workers that did start; only when none can start is it parent's failure.
test_process_limit() {
    local dir=/tmp/parent_pool_nproc.$$ files=() i limited
    mkdir -p "$dir" && chmod 755 "$dir"
    # Files of 1 MiB (sparse, past a line), as much as a worker holds at
    # once: parent wants a worker for each, and tries a third within the
    # round that starts the first, whatever the workers' pace.
    for i in $(seq 20); do
        printf 'n %d\n' "$i" > "$dir/f$i" && truncate -s 1M "$dir/f$i"
        files+=("$dir/f$i")
    done
    # Copies nobody can run: the build may be under a directory only its
    # owner can enter (a clone made in `mktemp -d`).
    cp "$PARENT" "$dir/parent" && cp "$WC" "$dir/word_counter"
    limited() {  # NPROC ARG...: parent as nobody under ulimit -u NPROC
        local nproc=$1
        shift
        # LeakSanitizer checks from a thread of its own, which ulimit -u
        # forbids too: the sanitized build leaves it out here.
        ASAN_OPTIONS=malloc_context_size=0:detect_leaks=0 timeout -k 2 30 setpriv --reuid=65534 --regid=65534 \
            --clear-groups bash -c 'ulimit -u "$0" && exec "$@"' "$nproc" "$dir/parent" --worker "$dir/word_counter" "$@"
    }
    if [ "$(id -u)" != 0 ] || ! command -v setpriv > /dev/null; then
        not_ok "ulimit -u needs root (to run as nobody) and setpriv"
        rm -rf "$dir"
        return
    fi
    # Nobody's processes: bash's exec'd parent and what it forks.
    local out3
    out3=$(limited 3 -j 8 -v "${files[@]}" 2> "$SCRATCH/nproc.err"; echo "status $?")
    check "ulimit -u 3: fewer workers than -j 8, the same output" \
        "$("$WC" "${files[@]}"; echo "status 0")" "$out3"
    check_match "ulimit -u 3: a start failed, and the run went on" \
        'cannot start another worker: cannot start worker: vfork: Resource temporarily unavailable' \
        "$(cat "$SCRATCH/nproc.err")"
    check "ulimit -u 1: no worker can start: 125 and why" \
        "parent: cannot start worker: vfork: Resource temporarily unavailable
|125" \
        "$(limited 1 -j 2 "${files[@]}" 2>&1 > /dev/null; echo "|$?")"
    rm -rf "$dir"
}

test_descriptor_limit() {
    local files=("$FIXTURES"/text/*)
    check "ulimit -n 16 with -j 4: as many workers as fit, the same output" \
        "$("$WC" "${files[@]}"; echo "status 0")" \
        "$(fd_limit 16 timeout -k 2 60 "$PARENT" --worker "$WC" -j 4 "${files[@]}" 2>&1; echo "status $?")"
    check "ulimit -n 16, a file and -: the file's worker starts once the stream's has ended" \
        "$("$WC" "${files[0]}" - < "${files[1]}"; echo "status 0")" \
        "$(fd_limit 16 timeout -k 2 60 "$PARENT" --worker "$WC" "${files[0]}" - < "${files[1]}" 2>&1; echo "status $?")"
    check "ulimit -n 8: too few for one worker: 125 and why" \
        "parent: too few file descriptors to start a worker (see ulimit -n)
|125" \
        "$(fd_limit 8 timeout -k 2 60 "$PARENT" --worker "$WC" -j 4 "${files[@]}" 2>&1 > /dev/null; echo "|$?")"
}

# --- stderr ------------------------------------------------------------------------

# Two workers write their stderr a few bytes at a time; parent passes each
# on a whole line at a time, so no line holds both.
test_stderr_lines() {
    local w
    w=$(batch_worker chatty <<< 'for k in 1 2 3; do printf "%s-%s " "$$" "$k" >&2; sleep 0.01; done; printf "%s-end\n" "$$" >&2')
    run_parent chatty 30 -- --worker "$w" -j 2 "$D"/m1 "$D"/m2 "$D"/m3 "$D"/m4
    check "two workers' stderr: every line is one worker's, whole" "" \
        "$(printf '%s\n' "$err" | grep -Ev '^([0-9]+)-1 \1-2 \1-3 \1-end$')"
    # Two requests per file of 1.5 MiB: count-below, answered "large", then
    # count, each on a worker holding nothing.
    check "two workers' stderr: one line per request" 8 "$(printf '%s\n' "$err" | grep -c .)"
}

# --- scaling out: the README's GNU parallel recipe ----------------------------------

test_parallel_recipe() {
    if ! command -v parallel > /dev/null; then
        not_ok "GNU parallel is installed (make test installs it)"
        return
    fi
    local text=$D/mixed_lines long i
    # Long lines and short ones, multi-byte text, a last line without '\n'
    # (written by builtins: a process per line took 13 s).
    long=$(printf '%20000s' '' | tr ' ' w)
    { for ((i = 1; i <= 3000; i++)); do
          printf 'short %d\n' "$i"
          ((i % 7)) || printf '%s \342\202\254 \360\237\230\200\n' "$long"
      done; printf 'Zo\303\253 tail'; } > "$text"
    local sums
    sums=$(parallel --will-cite --pipepart -a "$text" --block -1 -j 2 "$WC" |
        awk '{ l += $1; w += $2; c += $3 } END { print l, w, c }')
    check "GNU parallel --pipepart, summed: word_counter's counts of the whole" \
        "$("$WC" < "$text")" "$sums"
}

make_euro_file() {
    local line
    line=$(printf '\342\202\254%.0s' $(seq 1001))
    yes "$line" | head -n 2801 > "$D/euro"
}

make_odd_names
make_euro_file
printf 'one two\n' > "$D/a"
printf 'POISON\n' > "$D/poison"
printf 'three\n' > "$D/b"
for f in m1 m2 m3 m4; do head -c $((3 << 19)) /dev/zero > "$D/$f"; done

run_groups test_options_as_wc test_files0_from test_descriptor_spellings test_worker_killed_mid_list test_worker_reads_all_first test_worker_fails_after_answers test_worker_hangs \
    test_worker_garbage test_worker_floods test_exit_status_order test_file_shrinks \
    test_large_answers test_many_names test_process_limit test_descriptor_limit \
    test_stderr_lines test_parallel_recipe
