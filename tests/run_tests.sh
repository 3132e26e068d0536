#!/usr/bin/env bash
# What `make test` runs once both builds are made, as
#   tests/run_tests.sh [BUILD]      (default: build; BUILD/sanitize is the other)
# every suite in the plan below, TEST_JOBS at a time (default: the core
# count), each with a time limit, and one line at the end:
# summary: N passed, M failed.
#
# A suite is the Catch2 binary BUILD/unit_tests (one result per test case)
# or a tests/cli_*.sh script (one result per "ok"/"not ok" line; see
# tests/lib.sh). A suite that hangs is killed by its time limit, and one
# that exits non-zero without a failed check counts as one failure.
set -u
cd "$(dirname "$0")/.."

# The plan: BUILD, then the suite with its arguments, then optional
# VAR=value settings. Costliest first (CPU time), so that the last to finish
# is short.
#
# A group that would give the same answer on both builds runs on one of
# them (each suite on both builds took 116 s of CPU here, a process start
# being 2-4 ms, a sanitized one 18-25 and 77 with the leak scan at
# exit, which runs in the groups that look for leaks). The sanitized
# build runs the unit tests and what exercises memory and parent's loop:
# parent's fault, signal and pool suites, the groups of its many-file and
# stream suites that take a path of their own, and word_counter's options
# and command line. The plain build, what users run, runs the unit tests
# (g++ at -O2, static glibc), the end-to-end comparisons of counts (the
# fixtures, random files, split files, the stream corpus, other wc
# programs), word_counter's output and messages (quoting and widths come
# from the static glibc) and its closed standard streams, and what depends
# on its speed: the pool's options at every job count, 100,000 names, the
# read/write path (PARENT_NO_SPLICE), a storm of signals, the progress
# line, big inputs through splice; and parent's start under ulimit -n 4
# (test_spawn_errors: the sanitizers need descriptors of their own, so the
# sanitized run tries 6).
PLAIN=${1:-build}
SAN=$PLAIN/sanitize
PLAN=(
    "$SAN|unit|ASAN_OPTIONS=quarantine_size_mb=16"
    "$SAN|tests/cli_parent_pool.sh test_options_as_wc test_files0_from test_descriptor_spellings test_worker_killed_mid_list test_worker_reads_all_first test_worker_fails_after_answers test_worker_hangs test_worker_garbage test_worker_floods test_exit_status_order test_file_shrinks test_large_answers test_many_names test_process_limit test_descriptor_limit test_stderr_lines|"
    "$SAN|tests/cli_parent_faults.sh|"
    "$SAN|tests/cli_word_counter.sh|"
    "$SAN|tests/cli_parent_many.sh test_faults test_many_files test_fd_bound test_limits_and_signals test_fifo_operands test_job_cap test_stream_fd_limit test_stdin_operand test_verbose|"
    "$PLAIN|tests/cli_parent_pool.sh test_options_as_wc test_many_names test_parallel_recipe|"
    "$PLAIN|tests/cli_parent_stream.sh test_big test_corpus test_seed_interop|"
    "$PLAIN|tests/cli_word_counter_counts.sh|"
    "$SAN|tests/cli_parent_signals.sh|"
    "$SAN|tests/cli_parent_stream.sh test_options test_happy test_big test_stdin_kinds test_verbose_log|"
    "$SAN|tests/cli_command_line.sh|"
    "$PLAIN|tests/cli_parent_many.sh test_fixtures test_random_files test_split test_progress test_verbose_no_proc|"
    "$PLAIN|tests/cli_word_counter.sh test_selections test_totals test_names test_files0_from test_bad_files test_json test_closed_fds test_total_overflow|"
    "$PLAIN|tests/cli_peers.sh|"
    "$PLAIN|unit|"
    "$PLAIN|tests/cli_parent_faults.sh test_worker_dies test_worker_does_not_read test_floods|PARENT_NO_SPLICE=1"
    "$PLAIN|tests/cli_parent_faults.sh test_spawn_errors|"
    "$PLAIN|tests/cli_parent_stream.sh test_happy test_big test_stdin_kinds|PARENT_NO_SPLICE=1"
    "$PLAIN|tests/cli_parent_signals.sh test_storm|"
    "$PLAIN|tests/cli_completion.sh|"
    "$PLAIN|tests/cli_parent_signals.sh test_storm|PARENT_NO_SPLICE=1"
)
JOBS=${TEST_JOBS:-$(nproc 2> /dev/null || echo 2)}
LIMIT=${SUITE_TIMEOUT:-600}
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

# run_one N: runs plan entry N, its output in $LOGS/N.log, its status and
# seconds in $LOGS/N.rc.
run_one() {
    local build suite settings start rc
    IFS='|' read -r build suite settings <<< "${PLAN[$1]}"
    start=$(date +%s%N)
    if [ "$suite" = unit ]; then
        # shellcheck disable=SC2086
        env $settings timeout -k 5 "$LIMIT" "$build/unit_tests" > "$LOGS/$1.log" 2>&1
    else
        # shellcheck disable=SC2086
        env $settings timeout -k 5 "$LIMIT" ${suite%% *} "$build" ${suite#"${suite%% *}"} > "$LOGS/$1.log" 2>&1
    fi
    rc=$?
    echo "$rc $((($(date +%s%N) - start) / 1000000))" > "$LOGS/$1.rc"
}

# Counts of one finished entry: sets ok and bad, and prints what failed.
tally_catch() {  # LOG RC
    local line
    line=$(grep -E '^(All tests passed|test cases:)' "$1" | tail -n 1)
    if [[ $line =~ ^All\ tests\ passed.*in\ ([0-9]+)\ test\ case ]]; then
        ok=${BASH_REMATCH[1]} bad=0
    elif [[ $line =~ test\ cases:\ +([0-9]+)\ \|\ +([0-9]+)\ passed\ \|\ +([0-9]+)\ failed ]]; then
        ok=${BASH_REMATCH[2]} bad=${BASH_REMATCH[3]}
        grep -B2 -A12 'FAILED' "$1" | head -n 80
    elif [[ $line =~ test\ cases:\ +([0-9]+)\ \|\ +([0-9]+)\ failed ]]; then
        ok=0 bad=${BASH_REMATCH[2]}
        head -n 80 "$1"
    else
        ok=0 bad=1
        echo "not ok - unit_tests ended without a result (status $2)"
        tail -n 30 "$1"
    fi
}

tally_script() {  # LOG RC
    ok=$(grep -c '^ok ' "$1")
    bad=$(grep -c '^not ok ' "$1")
    grep -A8 '^not ok ' "$1" | head -n 60
    if [ "$2" -ne 0 ] && [ "$bad" -eq 0 ]; then
        echo "not ok - exited with status $2"
        tail -n 20 "$1"
        bad=1
    fi
}

# Every group of every script runs in some entry: a group added to a script
# but to no entry would never run. GAPS is how many do not.
plan_gaps() {
    local script entry build suite settings groups defined name
    GAPS=0
    for script in tests/cli_*.sh; do
        groups=" "
        for entry in "${PLAN[@]}"; do
            IFS='|' read -r build suite settings <<< "$entry"
            [ "${suite%% *}" = "$script" ] || continue
            if [ "$suite" = "$script" ]; then groups=all; break; fi
            groups+="${suite#* } "
        done
        [ "$groups" = all ] && continue
        mapfile -t defined < <(sed -n 's/^\(test_[a-z0-9_]*\)() {$/\1/p' "$script")
        for name in "${defined[@]}"; do
            [[ $groups == *" $name "* ]] && continue
            echo "not ok - plan: $script $name runs in no entry"
            GAPS=$((GAPS + 1))
        done
    done
}

# Start entries as slots free up; report each in plan order once it is done.
plan_gaps
passed=0 failed=$GAPS next=0 reported=0 running=0
while [ "$reported" -lt ${#PLAN[@]} ]; do
    while [ "$running" -lt "$JOBS" ] && [ "$next" -lt ${#PLAN[@]} ]; do
        run_one "$next" &
        next=$((next + 1)) running=$((running + 1))
    done
    wait -n 2> /dev/null
    running=$(jobs -rp | wc -l)
    while [ "$reported" -lt ${#PLAN[@]} ] && [ -s "$LOGS/$reported.rc" ]; do
        IFS='|' read -r build suite settings <<< "${PLAN[$reported]}"
        read -r rc ms < "$LOGS/$reported.rc"
        if [ "${suite%% *}" = unit ]; then tally_catch "$LOGS/$reported.log" "$rc"; else tally_script "$LOGS/$reported.log" "$rc"; fi
        groups=${suite#* }
        [ "$groups" = "$suite" ] && groups= || groups=", $(wc -w <<< "$groups") groups"
        printf '%s (%s%s%s): %d passed, %d failed in %d.%d s\n' "${suite%% *}" "$build" \
            "$groups" "${settings:+, $settings}" "$ok" "$bad" $((ms / 1000)) $((ms % 1000 / 100))
        passed=$((passed + ok)) failed=$((failed + bad)) reported=$((reported + 1))
    done
done
echo "summary: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
